#!/bin/sh
# Run each cmocka test binary of one build variant; a binary that crashes or
# exits non-zero without a cmocka summary counts as one failure.
# Writes the variant's counts to BUILD/test-counts and prints them.
# usage: scripts/run-tests.sh BUILD TEST_BIN...
set -u
build=$1; shift
passed=0; failed=0; failures=""
for t in "$@"; do
	log="$t.log"
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}; f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" -ne 0 ] && failures="$failures $(basename "$t")"
done
echo "$passed $failed$failures" >"$build/test-counts"
echo "$build: $passed passed, $failed failed${failures:+ (in:$failures)}"
[ "$failed" -eq 0 ]
