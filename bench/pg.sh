#!/bin/sh
# bench/pg — keyworker on PostgreSQL (issue 10), loopback only, fresh data,
# a private cluster (scripts/pg-cluster.sh, fsync on, as a real server runs):
#   (a) the 400-child, 80-staff demo served by two `kw serve` processes on one
#       PostgreSQL database: wrk's mixed day (scripts/wrk-mix.sh: seven pages
#       and one message POST in eight) with BENCH_PG_C connections (default
#       100) split between the two servers for BENCH_PG_S seconds (default
#       15); the reference, measured in the same run, is the same mix against
#       one server on an SQLite file;
#   (b) a group of BENCH_PG_SETTINGS settings (default 10) of 400 children and
#       80 staff each in one database (4,000 children), two servers, each
#       setting's manager running the mixed day at once, and the group
#       manager's dashboard across all of them.
# Prints requests/s, p50/p99 and errors per run, and ratios to the
# reference; never fails on a time (a run with errors is reported as such).
set -eu
cd "$(dirname "$0")/.."
. scripts/wrk-mix.sh
[ -x ./kw ] || { echo "bench/pg: ./kw is missing; run make first" >&2; exit 1; }
command -v wrk >/dev/null 2>&1 || {
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || scripts/deps.sh test >/dev/null
secs=${BENCH_PG_S:-15}
conns=${BENCH_PG_C:-100}
nset=${BENCH_PG_SETTINGS:-10}
dir=$(mktemp -d "${TMPDIR:-/tmp}/kw-bench-pg.XXXXXX")
chmod 755 "$dir"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	scripts/pg-cluster.sh stop "$dir/cluster" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=$((20000 + ($$ * 7) % 40000))
base=$(PG_CLUSTER_FSYNC=on scripts/pg-cluster.sh start "$dir/cluster" "$port")
newdb() { # NAME: an empty database in the cluster; prints its address
	"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U kw "$1"
	echo "$base/$1"
}
free_port() {
	p=$((21000 + ($$ * 13 + $1 * 101) % 30000))
	while curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" 2>/dev/null; do p=$((p + 1)); done
	echo "$p"
}
serve() { # DB PORT: start a server, wait until it answers
	./kw --db "$1" serve --listen "127.0.0.1:$2" >>"$dir/serve.log" 2>&1 &
	pids="$pids $!"
	for _ in $(seq 1 100); do
		curl -sf --max-time 2 "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	echo "bench/pg: the server on $1 did not start" >&2
	cat "$dir/serve.log" >&2
	exit 1
}
manager() { # DB USER STAFF [--setting N]: a manager sign-in
	mdb=$1; u=$2; s=$3; shift 3
	printf '%s\n' 'bench manager passphrase' |
		./kw --db "$mdb" user add "$u" --role manager --staff "$s" --password-stdin "$@" >/dev/null
}
# wrk in the background: NAME URL COUNT LUA; its pid in $bg
wrk_bg() {
	wrk -t1 -c"$3" -d"${secs}s" --latency --timeout 10s -s "$4" "$2" >"$dir/$1.out" 2>&1 &
	bg=$!
}
report() { # LABEL NAME...: the runs' figures: summed requests/s, the range of p50s, the worst p99
	label=$1; shift
	tot=0; rps=0; worst=0; p50s=""; errs=0
	for n in "$@"; do
		set -- $(wm_figures "$(cat "$dir/$n.out")")
		tot=$((tot + $1)); errs=$((errs + $5 + $6))
		rps=$(awk -v a="$rps" -v b="$2" 'BEGIN { printf "%.1f", a + b }')
		p99=$(wm_ms "$4"); p50s="$p50s $(wm_ms "$3")"
		worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
	done
	p50s=$(echo $p50s | tr ' ' '\n' | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "-" hi) }')
	printf '%-44s %8s req/s  p50 %s ms  p99 %s ms  %s requests, %s errors\n' \
		"$label" "$rps" "$p50s" "$worst" "$tot" "$errs"
	eval "last_rps=$rps"
}

echo "bench/pg: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on loopback, fsync on;" \
	"$conns connections, ${secs}s per run"

# (a) one setting: SQLite with one server (the reference), then PostgreSQL with two.
db="$dir/ref.db"
./kw --db "$db" demo --children 400 --staff 80 >/dev/null
manager "$db" bench S01
p0=$(free_port 0); serve "$db" "$p0"
cookie=$(wm_signin "http://127.0.0.1:$p0" bench 'bench manager passphrase' "$dir/jar0")
wm_mix "http://127.0.0.1:$p0" "$cookie" "$dir/ref.lua"
wrk_bg ref "http://127.0.0.1:$p0" "$conns" "$dir/ref.lua"; wait "$bg"
report "(a) SQLite, one server (reference)" ref
ref_rps=$last_rps

db=$(newdb one)
t0=$(date +%s.%N)
./kw --db "$db" demo --children 400 --staff 80 >/dev/null
t1=$(date +%s.%N)
manager "$db" bench S01
p1=$(free_port 1); serve "$db" "$p1"
p2=$(free_port 2); serve "$db" "$p2"
cookie=$(wm_signin "http://127.0.0.1:$p1" bench 'bench manager passphrase' "$dir/jar1")
wm_mix "http://127.0.0.1:$p1" "$cookie" "$dir/one.lua"
half=$((conns / 2))
wrk_bg one1 "http://127.0.0.1:$p1" "$half" "$dir/one.lua"; w1=$bg
wrk_bg one2 "http://127.0.0.1:$p2" "$((conns - half))" "$dir/one.lua"; w2=$bg
wait "$w1" "$w2"
report "(a) PostgreSQL, two servers, one setting" one1 one2
awk -v a="$last_rps" -v r="$ref_rps" -v l="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" 'BEGIN {
	if (r > 0) printf "    ratio to the reference %.2f; the demo loaded in %.1f s\n", a / r, l }'

# (b) a group: the settings in one database, two servers, each setting's
# manager running the mixed day at once (the connections shared out), then
# the group manager's dashboard across all of them.
db=$(newdb grp)
t0=$(date +%s.%N)
./kw --db "$db" demo --settings "$nset" --children 400 --staff 80 >/dev/null
t1=$(date +%s.%N)
ids=$(./kw --db "$db" group list | awk '$1 == "setting" { sub(":", "", $2); print $2 }')
children=$((nset * 400))
printf '%s\n' 'bench group passphrase' |
	./kw --db "$db" user add benchgroup --role group_manager --group "Demo group" --password-stdin >/dev/null
p3=$(free_port 3); serve "$db" "$p3"
p4=$(free_port 4); serve "$db" "$p4"
each=$((conns / nset)); [ "$each" -ge 1 ] || each=1
i=0; runs=""; waits=""
for k in $ids; do
	manager "$db" "bench$k" S01 --setting "$k"
	p=$p3; [ $((i % 2)) -eq 0 ] || p=$p4
	cookie=$(wm_signin "http://127.0.0.1:$p" "bench$k" 'bench manager passphrase' "$dir/jar-g$k")
	wm_mix "http://127.0.0.1:$p" "$cookie" "$dir/g$k.lua"
	i=$((i + 1))
	runs="$runs g$k"
done
i=0
for k in $ids; do
	p=$p3; [ $((i % 2)) -eq 0 ] || p=$p4
	wrk_bg "g$k" "http://127.0.0.1:$p" "$each" "$dir/g$k.lua"
	waits="$waits $bg"
	i=$((i + 1))
done
wait $waits
report "(b) PostgreSQL, two servers, $i settings at once" $runs
awk -v a="$last_rps" -v r="$ref_rps" -v l="$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
	-v n="$i" -v c="$children" 'BEGIN {
	if (r > 0) printf "    ratio to the reference %.2f; %d settings, %d children, loaded in %.1f s\n", a / r, n, c, l }'
cookie=$(wm_signin "http://127.0.0.1:$p3" benchgroup 'bench group passphrase' "$dir/jar-group")
cat >"$dir/group.lua" <<LUA
request = function() return wrk.format("GET", "/group", {["Cookie"] = "$cookie"}) end
LUA
gconns=$((nset < conns ? nset : conns))
wrk_bg group "http://127.0.0.1:$p3" "$gconns" "$dir/group.lua"; wait "$bg"
report "(b) the group dashboard /group, $gconns connections" group
