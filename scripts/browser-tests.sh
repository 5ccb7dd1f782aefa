#!/bin/sh
# Browser tests of `kw serve` (tests/browser/): installs the pinned npm
# packages (playwright-core, axe-core) with `npm ci`, makes a fresh demo
# database with the demo sign-ins in a temporary directory, serves it with
# ./kw on a free loopback port, runs `node --test` on tests/browser/*.test.mjs
# against it with Debian's chromium (no browser download), keeps the
# screenshots and the server's log in build/browser-artifacts/, stops the
# server with SIGTERM, and exits non-zero when anything failed.
# Needs: ./kw (make), node and npm, /usr/bin/chromium (or $CHROMIUM),
# fonts-dejavu-core.  usage: scripts/browser-tests.sh
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
art="$root/build/browser-artifacts"
chromium=${CHROMIUM:-/usr/bin/chromium}

fail() {
	echo "browser-tests: $*" >&2
	exit 2
}
[ -x ./kw ] || fail "./kw is missing: run make first"
command -v node >/dev/null || fail "node is missing (apt-get install nodejs npm)"
command -v npm >/dev/null || fail "npm is missing (apt-get install npm)"
[ -x "$chromium" ] || fail "$chromium is missing (apt-get install --no-install-recommends chromium fonts-dejavu-core)"

(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in tests/browser"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kw-browser.XXXXXX") || fail "mktemp failed"
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$art"
mkdir -p "$art"
db="$tmp/demo.db"
./kw --db "$db" demo >"$art/demo.log" 2>&1 || fail "kw demo failed (see $art/demo.log)"
scripts/demo-users.sh "$db" >/dev/null || fail "scripts/demo-users.sh failed"

# A free port: bind port 0 and let go of it.
port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });') ||
	fail "cannot find a free port"
./kw --db "$db" serve --listen "127.0.0.1:$port" >"$art/serve.log" 2>&1 &
pid=$!
url="http://127.0.0.1:$port"
node -e '
const url = process.argv[1] + "/healthz";
const until = Date.now() + 30000;
(async function wait() {
	try { if ((await fetch(url)).status === 200) process.exit(0); } catch (e) { /* not yet */ }
	if (Date.now() > until) { console.error("no answer from " + url); process.exit(1); }
	setTimeout(wait, 100);
})();' "$url" || fail "kw serve did not start (see $art/serve.log)"

# KW_BROWSER_TESTS: some of the tests only (a developer's run); all by default
KW_URL="$url" KW_ARTIFACTS="$art" CHROMIUM="$chromium" node --test ${KW_BROWSER_TESTS:-tests/browser/*.test.mjs}
rc=$?

kill -TERM "$pid"
wait "$pid"
src=$?
pid=
if [ "$src" -ne 0 ]; then
	echo "browser-tests: kw serve exited with status $src on SIGTERM (see $art/serve.log)" >&2
	[ "$rc" -ne 0 ] || rc=1
fi
echo "browser-tests: screenshots and the server log are in ${art#"$root"/}/"
exit "$rc"
