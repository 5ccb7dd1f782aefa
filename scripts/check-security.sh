#!/bin/sh
# `make check-security` (issue 11, by hand, not in CI): Debian's sqlmap and
# wapiti against a freshly served demo on loopback, signed in as the
# manager. Reports go to build/security/ (sqlmap's log per target, wapiti's
# JSON report); each finding and its resolution is listed in
# docs/security.md. Needs ./kw; installs sqlmap, wapiti and curl.
set -u
cd "$(dirname "$0")/.."
out=build/security
mkdir -p "$out"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
for p in sqlmap wapiti curl; do
	command -v "$p" >/dev/null 2>&1 ||
		$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/kw-sec.XXXXXX")
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
./kw --db "$dir/s.db" demo >/dev/null || exit 2
scripts/demo-users.sh "$dir/s.db" >/dev/null || exit 2
port=$((20000 + $$ % 20000))
./kw --db "$dir/s.db" serve --listen "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 50); do
	curl -sf --max-time 2 "$base/healthz" >/dev/null 2>&1 && break
	sleep 0.2
done
jar="$dir/jar"
pre=$(curl -s -c "$jar" "$base/signin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data "csrf=$pre&username=manager&password=demo-manager-2026" "$base/signin"
cookie=$(awk '$6 == "kw" {print "kw=" $7}' "$jar")
csrf=$(curl -s -H "Cookie: $cookie" "$base/password" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$cookie" ] && [ -n "$csrf" ] || { echo "check-security: cannot sign in" >&2; exit 2; }
today=$(date +%F)
status=0
# sqlmap: every query parameter and form field of the pages that take them.
for target in "/register?date=$today&room=Babies" "/messages?date=$today&room=" \
	"/ratios?date=$today&room=" "/today?date=$today" "/children/1" "/api/v1/today?date=$today" \
	"/api/v1/children/1" "/register.csv?date=$today"; do
	name=$(echo "$target" | tr -c 'a-zA-Z0-9\n' _ | cut -c1-40)
	echo "== sqlmap $target"
	sqlmap -u "$base$target" --cookie="$cookie" --batch --level 2 --risk 1 \
		--skip=csrf --flush-session --output-dir="$dir/sqlmap" >"$out/sqlmap_$name.log" 2>&1
	if grep -qiE "is vulnerable|sqlmap identified the following injection" "$out/sqlmap_$name.log"; then
		echo "  FINDING: see $out/sqlmap_$name.log"
		status=1
	else
		echo "  no injection found"
	fi
done
echo "== sqlmap POST /messages (form)"
sqlmap -u "$base/messages" --data "csrf=$csrf&date=$today&for=room:1&source=staff&text=hello" \
	--cookie="$cookie" --batch --level 2 --risk 1 --skip=csrf --flush-session \
	--output-dir="$dir/sqlmap" >"$out/sqlmap_post_messages.log" 2>&1
if grep -qiE "is vulnerable|identified the following injection" "$out/sqlmap_post_messages.log"; then
	echo "  FINDING: see $out/sqlmap_post_messages.log"
	status=1
else
	echo "  no injection found"
fi
echo "== wapiti $base/ (signed in as the manager)"
wapiti -u "$base/" -H "Cookie: $cookie" --scope folder --flush-session -f json \
	-o "$out/wapiti.json" -m "xss,sql,exec,file,crlf,redirect,permanentxss,csp,http_headers,cookieflags" \
	--max-scan-time 600 >"$out/wapiti.log" 2>&1
# (no -x: Debian's wapiti 3.0.4 fails on any exclusion under Python 3.11, so
# the signed-in crawl may post the sign-out form and go on signed out)
if [ -s "$out/wapiti.json" ]; then
	echo "  report: $out/wapiti.json (findings listed in docs/security.md)"
else
	echo "  wapiti did not finish: see $out/wapiti.log"
	status=1
fi
exit $status
