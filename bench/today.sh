#!/bin/sh
# bench/today — the day for a 400-child, 80-staff setting (issue 6), on a
# fresh temporary database, loopback only, with the reference measured in
# the same run:
#   (a) `kw today --json` wall time over BENCH_TODAY_RUNS runs (default 20),
#       p50/p99, against `kw help` (process start and nothing else);
#   (b) the /today page as a signed-in manager: BENCH_TODAY_GETS sequential
#       GETs with curl (default 200), server time p50/p99 (goal <= 20 ms p99,
#       noted, not asserted), against GET /healthz the same way;
#   (c) sign-ins per second through the HTTP register: POST /register/:id/in
#       for up to BENCH_TODAY_SIGNINS different children (default 200) in
#       sequence, each its own durable COMMIT.
# Builds nothing (run `make` first); prints numbers and ratios; never fails
# on a time.
set -eu
cd "$(dirname "$0")/.."
[ -x ./kw ] || { echo "bench/today: ./kw is missing; run make first" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "bench/today: needs curl" >&2; exit 1; }
runs=${BENCH_TODAY_RUNS:-20}
gets=${BENCH_TODAY_GETS:-200}
signins=${BENCH_TODAY_SIGNINS:-200}
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
db="$dir/b.db"

now_ms() { # milliseconds since the epoch, with fractions (GNU date)
	date +%s%N | awk '{printf "%.3f\n", $1 / 1e6}'
}
# p50 and p99 (nearest rank) of the numbers in file $1, in ms, as "p50 p99"
pct() {
	sort -n "$1" | awk '{v[NR] = $1} END {
		if (NR == 0) { print "- -"; exit }
		i = int(NR * 0.50 + 0.999999); j = int(NR * 0.99 + 0.999999)
		printf "%.2f %.2f\n", v[i], v[j] }'
}
wall() { # file, then the command: appends the wall time in ms
	out=$1; shift
	t0=$(now_ms)
	"$@" >/dev/null 2>&1 || true
	t1=$(now_ms)
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}' >>"$out"
}

./kw --db "$db" demo --children 400 --staff 80 >/dev/null
printf '%s\n' 'bench-manager-pass' |
	./kw --db "$db" user add bench --role manager --staff S01 --password-stdin >/dev/null
echo "bench/today: 400 children, 80 staff; loopback"

# (a) kw today --json against kw help
: >"$dir/help"; : >"$dir/today"
i=0
while [ $i -lt "$runs" ]; do
	wall "$dir/help" ./kw --db "$db" help
	wall "$dir/today" ./kw --db "$db" today --json
	i=$((i + 1))
done
set -- $(pct "$dir/help"); h50=$1 h99=$2
set -- $(pct "$dir/today"); t50=$1 t99=$2
printf '%-28s p50 %8s ms  p99 %8s ms  (%d runs)\n' "reference kw help" "$h50" "$h99" "$runs"
printf '%-28s p50 %8s ms  p99 %8s ms  (%d runs)\n' "kw today --json" "$t50" "$t99" "$runs"
awk -v r="$h50" -v t="$t50" 'BEGIN { if (r > 0) printf "ratio kw today / kw help (p50): %.1f\n", t / r }'

# (b) the /today page, as a signed-in manager
port=$((20000 + $$ % 20000))
while curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null; do
	port=$((port + 1)) # something answers there: try the next port
done
./kw --db "$db" serve --listen "127.0.0.1:$port" --threads 2 >"$dir/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	curl -sf --max-time 2 "$base/healthz" >/dev/null 2>&1 && break
	sleep 0.3
done
jar="$dir/jar"
pre=$(curl -s --max-time 10 -c "$jar" "$base/signin" |
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s --max-time 10 -b "$jar" -c "$jar" -o /dev/null \
	--data "csrf=$pre&username=bench&password=bench-manager-pass" "$base/signin"
cookie=$(awk '$6 == "kw" {print "kw=" $7}' "$jar")
[ -n "$cookie" ] || { echo "bench/today: could not sign in" >&2; exit 1; }

get_times() { # path, file, n: server time of n sequential GETs (curl's time_total, ms)
	: >"$2"
	i=0
	while [ $i -lt "$3" ]; do
		curl -s --max-time 10 -o /dev/null -H "Cookie: $cookie" -w '%{http_code} %{time_total}\n' \
			"$base$1" >>"$2.raw" || true
		i=$((i + 1))
	done
	awk '{printf "%.3f\n", $2 * 1000}' "$2.raw" >"$2"
	awk '$1 != 200 {n++} END {print n + 0}' "$2.raw"
}
bad_ref=$(get_times /healthz "$dir/g_ref" "$gets")
bad_today=$(get_times /today "$dir/g_today" "$gets")
set -- $(pct "$dir/g_ref"); r50=$1 r99=$2
set -- $(pct "$dir/g_today"); g50=$1 g99=$2
printf '%-28s p50 %8s ms  p99 %8s ms  (%d GETs, %s not 200)\n' "reference GET /healthz" "$r50" "$r99" "$gets" "$bad_ref"
printf '%-28s p50 %8s ms  p99 %8s ms  (%d GETs, %s not 200)\n' "GET /today (manager)" "$g50" "$g99" "$gets" "$bad_today"
awk -v r="$r50" -v t="$g50" -v p="$g99" 'BEGIN {
	if (r > 0) printf "ratio /today / /healthz (p50): %.1f\n", t / r
	printf "goal: /today p99 <= 20 ms: %s\n", p <= 20 ? "met" : "not met (noted, not asserted)" }'

# (c) sign-ins per second through the register, each a durable COMMIT
page=$(curl -s --max-time 30 -H "Cookie: $cookie" "$base/register")
csrf=$(printf '%s\n' "$page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
date_today=$(printf '%s\n' "$page" | sed -n 's/.*name="date" value="\([0-9-]*\)".*/\1/p' | head -n 1)
printf '%s\n' "$page" | grep -o 'action="/register/[0-9]*/in"' |
	sed 's/[^0-9]//g' | awk '!seen[$0]++' | head -n "$signins" >"$dir/ids"
n=$(wc -l <"$dir/ids" | tr -d ' ')
if [ "$n" -eq 0 ] || [ -z "$csrf" ]; then
	echo "sign-ins: no child to sign in on today's register (a closed day?); skipped"
	exit 0
fi
: >"$dir/codes"
t0=$(now_ms)
while read -r id; do
	curl -s --max-time 10 -o /dev/null -w '%{http_code}\n' -H "Cookie: $cookie" \
		--data "csrf=$csrf&date=$date_today&room=" "$base/register/$id/in" >>"$dir/codes" || true
done <"$dir/ids"
t1=$(now_ms)
ok=$(awk '$1 == 303 || $1 == 302 {n++} END {print n + 0}' "$dir/codes")
awk -v n="$n" -v ok="$ok" -v a="$t0" -v b="$t1" 'BEGIN {
	s = (b - a) / 1000; rate = 0; each = 0
	if (s > 0) { rate = n / s; each = 1000 * s / n }
	printf "%-28s %8.1f /s  (%d children in sequence, %d signed in, %.2f s, %.2f ms each)\n",
	    "sign-ins POST /register/:id/in", rate, n, ok, s, each }'
[ "$ok" -eq "$n" ] || echo "(some sign-ins were refused: $(sort "$dir/codes" | uniq -c | tr '\n' ' '))"
