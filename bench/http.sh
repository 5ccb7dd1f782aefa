#!/bin/sh
# bench/http — the web application under load on loopback: the demo scaled
# to 400 children and 80 staff, wrk with 100 connections against the key
# groups page and the JSON API (as a signed-in manager), and /healthz as the
# reference measured in the same run. Prints requests/s, p50/p99, errors and
# the ratio of each page's throughput to the reference.
#   BENCH_HTTP_S   seconds per run (default 10)
#   BENCH_HTTP_C   connections (default 100)
set -eu
cd "$(dirname "$0")/.."
. scripts/wrk-mix.sh
command -v wrk >/dev/null 2>&1 || {
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
secs=${BENCH_HTTP_S:-10}
conns=${BENCH_HTTP_C:-100}
dir=$(mktemp -d)
port=$((20000 + $$ % 20000))
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
./kw --db "$dir/b.db" demo --children 400 --staff 80 >/dev/null
printf '%s\n' 'bench-manager-pass' | ./kw --db "$dir/b.db" user add bench --role manager --staff S01 --password-stdin >/dev/null
./kw --db "$dir/b.db" serve --listen "127.0.0.1:$port" --threads 2 >"$dir/serve.log" 2>&1 &
pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
	sleep 0.3
done
cookie=$(wm_signin "http://127.0.0.1:$port" bench bench-manager-pass "$dir/jar")
[ -n "$cookie" ] || { echo "bench/http: could not sign in" >&2; exit 1; }

run() { # name path
	out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$2" 2>&1)
	rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
	p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
	p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
	errs=$(printf '%s\n' "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
	printf '%-22s %10s req/s   p50 %-9s p99 %-9s %s\n' "$1" "$rps" "$p50" "$p99" "${errs:-0 errors}"
	eval "rps_$3=$rps"
}
echo "bench/http: 400 children, 80 staff; $conns connections, ${secs}s each, loopback"
run "reference /healthz" /healthz ref
run "key groups page" /keygroups kg
run "API children" /api/v1/children api
run "today page" /today today
awk -v r="$rps_ref" -v a="$rps_kg" -v b="$rps_api" -v c="$rps_today" 'BEGIN {
	if (r > 0) printf "ratios to /healthz: key groups %.3f, API children %.3f, today %.3f\n", a / r, b / r, c / r }'
