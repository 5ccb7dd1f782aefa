#!/bin/sh
# The cmocka suite of one build again on PostgreSQL: a private cluster
# (scripts/pg-cluster.sh) in a temporary directory on a loopback port,
# KW_TEST_PG pointing at it (each test's "x.db" becomes a fresh database),
# stopped and removed at the end. If PostgreSQL cannot be started the run
# fails; it never skips. Counts go to build/pg/test-counts.
# usage: scripts/pg-tests.sh TEST_BIN...
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$root/build/pg"
dir=$(mktemp -d "${TMPDIR:-/tmp}/kw-pg.XXXXXX") || exit 2
chmod 755 "$dir"
cleanup() {
	"$root/scripts/pg-cluster.sh" stop "$dir/cluster" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
base=
for try in 1 2 3 4 5; do
	port=$((20000 + ($$ * 7 + try * 997) % 40000))
	if base=$("$root/scripts/pg-cluster.sh" start "$dir/cluster" "$port" 2>"$dir/start.err"); then
		break
	fi
	base=
	"$root/scripts/pg-cluster.sh" stop "$dir/cluster" 2>/dev/null
done
if [ -z "$base" ]; then
	cat "$dir/start.err" >&2
	echo "0 1 postgresql-did-not-start" >"$root/build/pg/test-counts"
	echo "build/pg: PostgreSQL could not be started: 0 passed, 1 failed"
	exit 1
fi
echo "PostgreSQL test cluster at $base"
KW_TEST_PG=$base "$root/scripts/run-tests.sh" "$root/build/pg" "$@"
