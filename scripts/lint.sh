#!/bin/sh
# make lint: forbidden calls, formatting, clang-tidy and cppcheck over src/.
# Non-literal format strings are refused by the compiler itself
# (-Wformat=2 -Werror in the Makefile); this adds what the compiler does not.
set -u
cd "$(dirname "$0")/.."
fail=0
files=$(ls src/*.c src/planner/*.c)
headers=$(ls src/*.h src/planner/*.h)

echo "lint: forbidden calls"
if grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atoll)\(' $files $headers tests/*.c tests/reliability/*.c fuzz/*.c; then
	echo "lint: use snprintf, str_copy, struct buf or parse_long instead" >&2
	fail=1
fi

echo "lint: formatting (clang-format)"
if ! clang-format --dry-run -Werror $files $headers tests/*.c tests/*.h tests/reliability/*.c tests/reliability/*.h fuzz/*.c >/dev/null 2>&1; then
	clang-format --dry-run $files $headers tests/*.c tests/*.h tests/reliability/*.c tests/reliability/*.h fuzz/*.c 2>&1 | grep 'warning:' | cut -d: -f1 | sort -u | sed 's/^/  needs make fmt: /'
	fail=1
fi

make --no-print-directory build/release/gen/sql_migrations.h >/dev/null
flags="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Isrc -Ibuild/release/gen $(pkg-config --cflags sqlite3 libmicrohttpd jansson libsodium libpq libcurl)"
echo "lint: clang-tidy"
# One file at a time: clang-tidy 14 can crash on a long list of files.
for f in $files; do
	# shellcheck disable=SC2086
	out=$(clang-tidy --quiet "$f" -- $flags 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] || printf '%s\n' "$out" | grep -qE 'warning:|error:'; then
		printf '%s\n' "$out" | grep -E 'warning:|error:|Segmentation' || echo "$f: clang-tidy exit $rc"
		fail=1
	fi
done

echo "lint: cppcheck"
# shellcheck disable=SC2086
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	--suppress=missingIncludeSystem -Isrc -Ibuild/release/gen $files; then
	fail=1
fi

if [ "$fail" -ne 0 ]; then
	echo "lint: FAILED" >&2
	exit 1
fi
echo "lint: ok"
