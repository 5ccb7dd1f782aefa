# Shell functions for the HTTP load runs (scripts/load-test.sh, bench/pg.sh),
# sourced, not run: sign in over HTTP, write wrk's mixed read/write script,
# and read wrk's figures.

# wm_signin BASE USER PASSWORD JAR: sign in through the form (its
# double-submit token first); prints the session cookie "kw=…" or nothing.
wm_signin() {
	_pre=$(curl -s -c "$4" "$1/signin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	curl -s -b "$4" -c "$4" -o /dev/null --data "csrf=$_pre&username=$2&password=$3" "$1/signin"
	awk '$6 == "kw" {print "kw=" $7}' "$4"
}

# wm_mix BASE COOKIE OUT.lua: the mix of a signed-in manager's day — the
# today, register, child, messages, home, ratios and children pages, and one
# request in eight a message POST with the form token. 1 if the forms could
# not be read.
wm_mix() {
	_page=$(curl -s -H "Cookie: $2" "$1/messages")
	_csrf=$(printf '%s\n' "$_page" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	_room=$(printf '%s\n' "$_page" | sed -n 's/.*value="room:\([0-9]*\)".*/\1/p' | head -n 1)
	_child=$(curl -s -H "Cookie: $2" "$1/children" | sed -n 's/.*href="\/children\/\([0-9]*\)".*/\1/p' | head -n 1)
	[ -n "$_csrf" ] && [ -n "$_room" ] && [ -n "$_child" ] || return 1
	cat >"$3" <<LUA
local paths = {"/today", "/register", "/children/$_child", "/messages", "/", "/ratios", "/children"}
local n = 0
request = function()
	n = n + 1
	if n % 8 == 0 then
		return wrk.format("POST", "/messages",
			{["Cookie"] = "$2", ["Content-Type"] = "application/x-www-form-urlencoded"},
			"csrf=$_csrf&for=room:$_room&source=staff&text=load+test+message+" .. n)
	end
	return wrk.format("GET", paths[(n % #paths) + 1], {["Cookie"] = "$2"})
end
LUA
}

# wm_figures WRK_OUTPUT: "REQUESTS RPS P50 P99 NON2XX SOCKERR" of one run.
wm_figures() {
	printf '%s\n' "$1" | awk '
		/requests in/ { total = $1 }
		/Requests\/sec/ { rps = $2 }
		$1 == "50%" { p50 = $2 }
		$1 == "99%" { p99 = $2 }
		/Non-2xx or 3xx/ { non = $NF }
		/Socket errors/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
		END { printf "%s %s %s %s %s %s\n", total + 0, rps + 0, p50 == "" ? "-" : p50,
			p99 == "" ? "-" : p99, non + 0, sock + 0 }'
}

# wm_ms LATENCY: wrk's "12.34ms" / "1.20s" / "850.00us" in milliseconds.
wm_ms() {
	printf '%s\n' "$1" | awk '/us$/ { printf "%.2f", $1 / 1000; next }
		/ms$/ { printf "%.2f", $1 + 0; next } /s$/ { printf "%.2f", $1 * 1000; next } { print "?" }'
}
