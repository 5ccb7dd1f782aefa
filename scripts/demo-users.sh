#!/bin/sh
# Demo sign-ins for the demo database only (make run): one user per role,
# with published demo passwords. Never run this against a real setting.
set -eu
db=$1
kw="./kw --db $db"
add() { # username password roles... (extra options)
	user=$1; pass=$2; shift 2
	printf '%s\n' "$pass" | $kw user add "$user" --password-stdin "$@" >/dev/null
}
add admin    demo-admin-2026    --role admin --name "Box admin"
add manager  demo-manager-2026  --role manager --name "Nursery manager" --staff S01
add keyperson demo-keyperson-2026 --role practitioner --name "Key person" --staff S04
add senco    demo-senco-2026    --role senco --name "SENCo" --staff S03
add dsl      demo-dsl-2026      --role dsl --role manager --name "Safeguarding lead" --staff S02
add parent   demo-parent-2026   --role parent --name "Parent" --contact 1
cat <<MSG
Demo sign-ins (demo.db only):
  admin      / demo-admin-2026
  manager    / demo-manager-2026
  keyperson  / demo-keyperson-2026   (a practitioner)
  senco      / demo-senco-2026
  dsl        / demo-dsl-2026         (safeguarding lead and manager)
  parent     / demo-parent-2026      (a parent of one family)
MSG
