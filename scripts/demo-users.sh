#!/bin/sh
# Demo sign-ins for the demo database only (make run): one user per role,
# with published demo passwords. Never run this against a real setting.
set -eu
db=$1
kw="./kw --db $db"
# With several demo settings (kw demo --settings N) the accounts go into the
# first one, or the one numbered KW_DEMO_SETTING; `group` manages them all.
first=$($kw group list | awk '$1 == "setting" { sub(":", "", $2); if (!m || $2 + 0 < m) m = $2 + 0 }
	END { if (m) print m }')
setting=${KW_DEMO_SETTING:-$first}
add() { # username password roles... (extra options)
	user=$1; pass=$2; shift 2
	printf '%s\n' "$pass" | $kw user add "$user" --password-stdin ${setting:+--setting "$setting"} \
		"$@" >/dev/null
}
add admin    demo-admin-2026    --role admin --name "Box admin"
add manager  demo-manager-2026  --role manager --name "Nursery manager" --staff S01
add keyperson demo-keyperson-2026 --role practitioner --name "Key person" --staff S04
add senco    demo-senco-2026    --role senco --name "SENCo" --staff S03
add dsl      demo-dsl-2026      --role dsl --role manager --name "Safeguarding lead" --staff S02
add parent   demo-parent-2026   --role parent --name "Parent" --contact 1
printf '%s\n' demo-group-2026 | $kw user add group --password-stdin --role group_manager \
	--group "Demo group" --name "Group manager" >/dev/null
cat <<MSG
Demo sign-ins (demo.db only):
  admin      / demo-admin-2026
  manager    / demo-manager-2026
  keyperson  / demo-keyperson-2026   (a practitioner)
  senco      / demo-senco-2026
  dsl        / demo-dsl-2026         (safeguarding lead and manager)
  parent     / demo-parent-2026      (a parent of one family)
  group      / demo-group-2026       (group manager: every setting's counts, no child's records)
MSG
