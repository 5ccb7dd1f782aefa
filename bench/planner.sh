#!/bin/sh
# bench/planner.sh — kw's planner against CBC and HiGHS on every shared
# planner instance: total, gap to the reference of optima.json, bound,
# status and time (best of BENCH_RUNS runs, default 3); then the same
# integer programme (written by bench/planner_lp.c in CPLEX LP format) solved
# by CBC (Debian coinor-cbc) and HiGHS (npm highs, installed under
# build/bench) with a time limit of BENCH_MIP_S seconds (default 60).
# Prints speed ratios and any instance where a MIP solver beat the planner.
# Never pass/fail on time. usage: SHARED=../shared sh bench/planner.sh [--mip-s S]
set -u
SHARED=${SHARED:-../shared}
MIP_S=${BENCH_MIP_S:-60}
RUNS=${BENCH_RUNS:-3}
[ "${1:-}" = "--mip-s" ] && MIP_S=$2
B=build/bench
mkdir -p $B
LIB=build/release/libkw.a
[ -f $LIB ] || make --no-print-directory build/release/libkw.a >/dev/null || exit 1
CFLAGS="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -O2 -Isrc $(pkg-config --cflags jansson)"
LIBS="$LIB $(pkg-config --libs jansson sqlite3 libsodium) -lm -lpthread"
gcc $CFLAGS -o $B/planner_lp bench/planner_lp.c $LIBS || exit 1
gcc $CFLAGS -o $B/planner_run bench/planner_run.c $LIBS || exit 1

if ! command -v cbc >/dev/null 2>&1; then
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coinor-cbc >/dev/null 2>&1 ||
		echo "(could not install coinor-cbc; CBC column will be empty)"
fi
HAVE_HIGHS=0
if command -v node >/dev/null 2>&1; then
	if [ ! -d $B/node_modules/highs ]; then
		(cd $B && npm install --silent --no-audit --no-fund highs >/dev/null 2>&1) ||
			echo "(could not install npm highs; HiGHS column will be empty)"
	fi
	[ -d $B/node_modules/highs ] && HAVE_HIGHS=1
	cp -f bench/planner_highs.js $B/
fi

ref() { # instance key -> reference value
	node -e "const o=require('$SHARED/planner/optima.json')['$1'];console.log(o?o.$2:'nan')" 2>/dev/null ||
		python3 -c "import json;print(json.load(open('$SHARED/planner/optima.json'))['$1']['$2'])"
}

printf '%-28s %14s %9s %14s %-9s %8s | %14s %14s %7s %9s | %14s %14s %7s %9s\n' \
	instance kw_total gap_ref kw_bound status kw_s cbc_total cbc_bound cbc_s cbc/kw highs_total highs_bound highs_s highs/kw
better=""
for f in "$SHARED"/planner/instances/*.json; do
	n=$(basename "$f" .json)
	set -- $($B/planner_run "$f" "$RUNS")
	kt=$1 kb=$2 ks=$3 kw_s=$4
	rt=$(ref "$n" total)
	gap=$(awk -v a="$kt" -v b="$rt" 'BEGIN{printf "%.2e", (a-b)/b}')
	$B/planner_lp "$f" >$B/$n.lp
	ct=nan cb=nan cs=nan
	if command -v cbc >/dev/null 2>&1; then
		t0=$(date +%s.%N)
		cbc $B/$n.lp sec "$MIP_S" threads 1 solve >$B/$n.cbc.log 2>&1
		t1=$(date +%s.%N)
		cs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
		ct=$(sed -n 's/^Objective value: *//p' $B/$n.cbc.log | head -n 1)
		[ -z "$ct" ] && ct=$(sed -n 's/.*best objective \([-0-9.e+]*\).*/\1/p' $B/$n.cbc.log | tail -n 1)
		cb=$(sed -n 's/.*best possible \([-0-9.e+]*\).*/\1/p' $B/$n.cbc.log | tail -n 1)
		[ -z "$cb" ] && cb=$(sed -n 's/^Lower bound: *//p' $B/$n.cbc.log | head -n 1)
		grep -q "Optimal solution found" $B/$n.cbc.log && cb=$ct
		ct=${ct:-nan}; cb=${cb:-nan}
		case $ct in 1e+50 | *e+50) ct=nan ;; esac
	fi
	ht=nan hb=nan hs=nan
	if [ $HAVE_HIGHS = 1 ]; then
		set -- $(cd $B && timeout $((MIP_S * 3 + 30)) node planner_highs.js $n.lp "$MIP_S")
		ht=${1:-nan} hb=${2:-nan} hs=${4:-nan}
		case $ht in Infinity | -Infinity) ht=nan ;; esac
	fi
	cr=$(awk -v a="$cs" -v b="$kw_s" 'BEGIN{ if (a=="nan") print "-"; else printf "%.0fx", a/(b>1e-4?b:1e-4)}')
	hr=$(awk -v a="$hs" -v b="$kw_s" 'BEGIN{ if (a=="nan") print "-"; else printf "%.0fx", a/(b>1e-4?b:1e-4)}')
	printf '%-28s %14.4f %9s %14.4f %-9s %8.3f | %14s %14s %7s %9s | %14s %14s %7s %9s\n' \
		"$n" "$kt" "$gap" "$kb" "$ks" "$kw_s" "$ct" "$cb" "$cs" "$cr" "$ht" "$hb" "$hs" "$hr"
	for o in "cbc:$ct" "highs:$ht"; do
		v=${o#*:}
		if awk -v a="$v" -v b="$kt" 'BEGIN{exit !(a!="nan" && a+0 < b - 1e-6*b)}'; then
			better="$better\n  $n: ${o%%:*} found $v < kw $kt"
		fi
	done
done
if [ -n "$better" ]; then
	printf "MIP solver better than kw on:$better\n"
else
	echo "No MIP solver found a better total than kw on any instance (limit ${MIP_S}s)."
fi
