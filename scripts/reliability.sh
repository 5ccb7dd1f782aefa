#!/bin/sh
# The reliability suite of `make check-reliability` (issue 11): runs each
# harness with the CI counts (LONG=1: ten times more), prints their figures,
# and ends with one line "N passed, N failed" over all of them.
# Needs: $B/rel/* built, ./kw, build/asan/kw.
set -u
B=${B:-build/release}
mult=1
[ "${LONG:-}" = 1 ] && mult=10
log=$(mktemp "${TMPDIR:-/tmp}/kw-rel.XXXXXX")
trap 'rm -f "$log"' EXIT
pass=0
fail=0
run() {
	name=$1
	shift
	echo "== $name"
	"$@" 2>&1 | tee "$log"
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	p=$(echo "$line" | cut -d' ' -f1)
	f=$(echo "$line" | cut -d' ' -f3)
	p=${p:-0}
	f=${f:-1}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	pass=$((pass + p))
	fail=$((fail + f))
}
run "SIGKILL under writes" "$B/rel/crash" ./kw --cycles $((200 * mult))
run "power cuts and disk faults" "$B/rel/powercut" --cuts $((1000 * mult))
run "damaged database files" "$B/rel/corrupt" build/asan/kw --files $((500 * mult))
run "load" env LOAD_S="${LOAD_S:-$((60 * mult))}" scripts/load-test.sh
run "fuzzing" env FUZZ_S="${FUZZ_S:-$((60 * mult))}" scripts/fuzz.sh
echo "reliability: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
