#!/bin/sh
# Run the browser tests (scripts/browser-tests.sh) and record node's
# "# pass N" / "# fail N" counts in build/browser/test-counts for the
# suite's closing line.
set -u
mkdir -p build/browser
log=build/browser/log
scripts/browser-tests.sh 2>&1 | tee "$log"
rc=$?
p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
p=${p:-0}; f=${f:-0}
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
echo "$p $f" >build/browser/test-counts
echo "browser: $p passed, $f failed"
[ "$f" -eq 0 ]
