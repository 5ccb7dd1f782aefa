#!/bin/sh
# Install the Debian packages keyworker needs, only those missing.
# usage: scripts/deps.sh run|test
# "run" is what building and serving needs; "test" adds the test tools, so a
# nursery's machine running `make run` never gets test tools.
set -eu
run_pkgs="gcc make pkg-config xxd libsqlite3-dev libmicrohttpd-dev libjansson-dev libsodium-dev libpq-dev libcurl4-openssl-dev libzxcvbn-dev"
test_pkgs="libcmocka-dev clang libclang-rt-14-dev chromium fonts-dejavu-core curl wrk postgresql"
case "${1:-}" in
run) want="$run_pkgs" ;;
test) want="$test_pkgs" ;;
*) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
# Node and npm may come from elsewhere than Debian: look for the commands.
if [ "$1" = test ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
