#!/bin/sh
# Build every fuzz/fuzz_*.c with clang's libFuzzer, ASan and UBSan against
# all src objects except main.c, and run each for $FUZZ_S seconds (default
# 60) on its corpus fuzz/corpus/<name>/ (small seeds kept in the repo; new
# finds go to build/fuzz/corpus/<name>/). Exits non-zero on any crash.
# usage: FUZZ_S=60 scripts/fuzz.sh [name...]
set -u
FUZZ_S=${FUZZ_S:-60}
B=build/fuzz
mkdir -p $B/obj $B/corpus
PKGS="sqlite3 libmicrohttpd jansson libsodium libpq libcurl"
CFLAGS="-std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Isrc -I$B/gen $(pkg-config --cflags $PKGS 2>/dev/null)"
LIBS="$(pkg-config --libs $PKGS 2>/dev/null) -lzxcvbn -lm -lpthread"
mkdir -p $B/gen
scripts/embed-sql.sh $B/gen $(ls src/sql/*.sql 2>/dev/null | sort) >/dev/null 2>&1 || true
scripts/embed-static.sh $B/gen $(ls src/static/* 2>/dev/null | sort) >/dev/null 2>&1 || true
objs=""
# An object is rebuilt when its source or any header is newer (a header
# change renumbers the statement catalogue, so stale objects would disagree).
newest_h=$(ls -t src/*.h src/planner/*.h $B/gen/*.h 2>/dev/null | head -n 1)
for src in $(ls src/*.c src/planner/*.c $B/gen/*.c 2>/dev/null); do
	[ "$src" = src/main.c ] && continue
	o=$B/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
	if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		clang $CFLAGS -c -o "$o" "$src" || { echo "fuzz: cannot build $src" >&2; exit 1; }
	fi
	objs="$objs $o"
done
# An archive, so each target links only the objects it needs.
rm -f $B/libkw_fuzz.a
ar rcs $B/libkw_fuzz.a $objs
targets=${*:-$(ls fuzz/fuzz_*.c 2>/dev/null | sed 's|fuzz/||; s|\.c$||')}
status=0
pass=0
fail=0
for t in $targets; do
	echo "== fuzz $t for ${FUZZ_S}s"
	clang $CFLAGS -fsanitize=fuzzer -o $B/$t fuzz/$t.c $B/libkw_fuzz.a $LIBS || {
		status=1
		fail=$((fail + 1))
		continue
	}
	mkdir -p fuzz/corpus/$t $B/corpus/$t
	if ! $B/$t -max_total_time="$FUZZ_S" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-artifact_prefix=$B/$t- $B/corpus/$t fuzz/corpus/$t >$B/$t.log 2>&1; then
		tail -n 40 $B/$t.log
		echo "fuzz: $t crashed (artifact under $B/)" >&2
		status=1
		fail=$((fail + 1))
	else
		grep -E '^(#[0-9]+ *DONE|Done)' $B/$t.log | tail -n 1
		pass=$((pass + 1))
	fi
done
echo "fuzz: $pass targets ran ${FUZZ_S}s each without a crash or sanitizer report, $fail failed"
echo "$pass passed, $fail failed"
exit $status
