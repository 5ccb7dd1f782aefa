#!/bin/sh
# The load test of `make check-reliability` (issue 11): wrk on loopback,
# 100 connections for LOAD_S seconds (default 60) against a fresh 400-child,
# 80-staff demo, a mix of reads (today, register, children, messages pages)
# and writes (a message POST with the form token, one request in eight).
# Passes when no request failed (no socket error, no answer outside
# 2xx/3xx) and the server's resident memory after the run is within 25 %
# (plus 16 MiB of caches filling) of what it was after a 5-second warm-up.
# Prints requests/s, p50/p99, errors, RSS before and after, and
# "N passed, N failed".  Needs ./kw, wrk, curl.
set -u
cd "$(dirname "$0")/.."
. scripts/wrk-mix.sh
secs=${LOAD_S:-60}
conns=${LOAD_C:-100}
dir=$(mktemp -d "${TMPDIR:-/tmp}/kw-load.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
pass=0
fail=0
check() { # ok what
	if [ "$1" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $2" >&2; fi
}
./kw --db "$dir/l.db" demo --children 400 --staff 80 >/dev/null || exit 2
printf '%s\n' 'load-manager-pass' |
	./kw --db "$dir/l.db" user add load --role manager --staff S01 --password-stdin >/dev/null || exit 2
port=$((20000 + $$ % 20000))
while curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null; do
	port=$((port + 1))
done
./kw --db "$dir/l.db" serve --listen "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 50); do
	curl -sf --max-time 2 "$base/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
cookie=$(wm_signin "$base" load load-manager-pass "$dir/jar")
if [ -z "$cookie" ] || ! wm_mix "$base" "$cookie" "$dir/mix.lua"; then
	echo "load: could not sign in and read the forms" >&2
	exit 2
fi
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
wrk -t2 -c"$conns" -d5s -s "$dir/mix.lua" "$base" >/dev/null 2>&1
rss0=$(rss)
out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency --timeout 10s -s "$dir/mix.lua" "$base" 2>&1)
rss1=$(rss)
set -- $(wm_figures "$out")
total=$1 rps=$2 p50=$3 p99=$4 non2xx=$5 sockerr=$6
printf 'load: %s connections, %ss, mixed reads and writes (1 in 8 a message POST): %s requests, %s req/s, p50 %s, p99 %s, %s answers not 2xx/3xx, %s socket errors\n' \
	"$conns" "$secs" "${total:-0}" "${rps:-0}" "$p50" "$p99" "$non2xx" "$sockerr"
printf "%s\n" "$out" | grep -E "Socket errors|Non-2xx" || true
printf 'load: server RSS %s KiB after warm-up, %s KiB after the run\n' "$rss0" "$rss1"
check "$([ -n "$total" ] && [ "$total" -gt 0 ] && echo 1)" "wrk made requests"
check "$([ "$non2xx" -eq 0 ] && echo 1)" "every answer 2xx/3xx ($non2xx were not)"
check "$([ "$sockerr" -eq 0 ] && echo 1)" "no socket errors ($sockerr)"
check "$([ "$rss1" -le $((rss0 * 125 / 100 + 16384)) ] && echo 1)" "memory stays flat ($rss0 -> $rss1 KiB)"
check "$(kill -0 "$pid" 2>/dev/null && echo 1)" "the server is still up"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
