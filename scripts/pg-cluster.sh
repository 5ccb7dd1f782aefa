#!/bin/sh
# A private PostgreSQL cluster for the tests (no system service): initdb in
# DIR, served on 127.0.0.1:PORT and a socket in DIR, trust authentication for
# the one user "kw", C collation (so text sorts as SQLite sorts it). fsync is off
# (the tests lose nothing by it) unless PG_CLUSTER_FSYNC=on (the benchmarks). initdb
# refuses to run as root, so as root the cluster belongs to "nobody".
# usage: scripts/pg-cluster.sh start DIR PORT   (prints the base address)
#        scripts/pg-cluster.sh stop DIR
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || {
	echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2
	exit 2
}
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}
cmd=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }
case "$cmd" in
start)
	port=${3:?usage: $0 start DIR PORT}
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown nobody "$dir"
	chmod 700 "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_owner "$bin/initdb" -D "$dir/data" -U kw -A trust --no-locale -E UTF8 \
			>"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -h 127.0.0.1 -c fsync=${PG_CLUSTER_FSYNC:-off} -c max_connections=200" start \
		>/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	echo "postgresql://kw@127.0.0.1:$port"
	;;
stop)
	[ -f "$dir/data/postmaster.pid" ] || exit 0
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
*)
	echo "usage: $0 start DIR PORT | stop DIR" >&2
	exit 2
	;;
esac
