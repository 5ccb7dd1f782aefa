/*
 * store_sql.h — the statement catalogue: every SQL statement of keyworker,
 * as a literal with bound parameters (?), named by an enum. Kept portable
 * (standard SQL types and syntax) so a PostgreSQL backend can run the same
 * text with its placeholders translated. tests/test_store.c prepares every
 * statement here. Grouped by the module that uses them.
 */
#ifndef KW_STORE_SQL_H
#define KW_STORE_SQL_H

#define STORE_STATEMENTS(X)                                                                        \
	/* setting and rooms */                                                                    \
	X(SETTING_INSERT,                                                                          \
	  "INSERT INTO setting (name, kind, time_zone, created_at) VALUES (?, ?, ?, ?)")           \
	X(SETTING_GET,                                                                             \
	  "SELECT id, name, kind, time_zone, opens_min, closes_min, band_on_birthday "             \
	  "FROM setting WHERE id = ?")                                                             \
	X(SETTING_LIST, "SELECT id, name FROM setting ORDER BY id")                                \
	X(SETTING_COUNT, "SELECT count(*) FROM setting")                                           \
	X(RETENTION_INSERT, "INSERT INTO retention_rule (setting_id, record_kind, basis, months) " \
	                    "VALUES (?, ?, ?, ?)")                                                 \
	X(ROOM_INSERT,                                                                             \
	  "INSERT INTO room (setting_id, name, age_min_months, age_max_months, capacity) "         \
	  "VALUES (?, ?, ?, ?, ?)")                                                                \
	X(ROOM_BY_NAME, "SELECT id FROM room WHERE setting_id = ? AND lower(name) = lower(?)")     \
	X(ROOM_LIST, "SELECT id, name, age_min_months, age_max_months, capacity FROM room "        \
	             "WHERE setting_id = ? ORDER BY age_min_months, id")                           \
	/* staff */                                                                                \
	X(STAFF_INSERT, "INSERT INTO staff (setting_id, code, name, job_title, qualification, "    \
	                "qualification_name, student, pfa_expires, dbs_date, experience_start, "   \
	                "sen_trained, key_person, max_primary, max_secondary, dsl, senco, email, " \
	                "phone, start_date, leaving_date, baby_trained) "                          \
	                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")  \
	X(STAFF_BY_CODE, "SELECT id FROM staff WHERE setting_id = ? AND code = ?")                 \
	X(STAFF_GET, "SELECT id, code, name, job_title, qualification, experience_start, "         \
	             "sen_trained, key_person, max_primary, max_secondary, leaving_date "          \
	             "FROM staff WHERE setting_id = ? AND id = ?")                                 \
	X(STAFF_LIST, "SELECT id, code, name, job_title, qualification, experience_start, "        \
	              "sen_trained, key_person, max_primary, max_secondary, leaving_date "         \
	              "FROM staff WHERE setting_id = ? ORDER BY code")                             \
	X(STAFF_NAMES, "SELECT id, name FROM staff WHERE setting_id = ? ORDER BY id")              \
	X(STAFF_ROOM_INSERT, "INSERT INTO staff_room (setting_id, staff_id, room_id, position) "   \
	                     "VALUES (?, ?, ?, ?)")                                                \
	X(STAFF_ROOMS, "SELECT sr.staff_id, r.id, r.name FROM staff_room sr "                      \
	               "JOIN room r ON r.id = sr.room_id WHERE sr.setting_id = ? "                 \
	               "ORDER BY sr.staff_id, sr.position")                                        \
	X(STAFF_LANGUAGE_INSERT, "INSERT INTO staff_language (setting_id, staff_id, language) "    \
	                         "VALUES (?, ?, ?)")                                               \
	X(STAFF_LANGUAGES, "SELECT staff_id, language FROM staff_language WHERE setting_id = ? "   \
	                   "ORDER BY staff_id, language")                                          \
	X(STAFF_PATTERN_INSERT, "INSERT INTO staff_pattern (setting_id, staff_id, weekday, "       \
	                        "start_min, end_min) VALUES (?, ?, ?, ?, ?)")                      \
	X(STAFF_PATTERNS, "SELECT staff_id, weekday, start_min, end_min FROM staff_pattern "       \
	                  "WHERE setting_id = ? ORDER BY staff_id, weekday")                       \
	/* rota and staff absence */                                                               \
	X(SHIFT_INSERT, "INSERT INTO shift (setting_id, staff_id, date, start_min, end_min, "      \
	                "room_id, published) "                                                     \
	                "VALUES (?, ?, ?, ?, ?, ?, ?)")                                            \
	X(SHIFTS_ON,                                                                               \
	  "SELECT staff_id, start_min, end_min, room_id FROM shift "                               \
	  "WHERE setting_id = ? AND date = ? AND published = 1 ORDER BY staff_id, start_min")      \
	X(SHIFTS_BETWEEN, "SELECT staff_id, date, start_min, end_min FROM shift "                  \
	                  "WHERE setting_id = ? AND date >= ? AND date < ? AND published = 1 "     \
	                  "ORDER BY staff_id, date, start_min")                                    \
	X(STAFF_ABSENCE_INSERT, "INSERT INTO staff_absence (setting_id, staff_id, from_date, "     \
	                        "to_date, reason, note, created_by, created_at) "                  \
	                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                 \
	X(STAFF_ABSENT_ON, "SELECT staff_id, reason FROM staff_absence WHERE setting_id = ? "      \
	                   "AND from_date <= ? AND to_date >= ? ORDER BY staff_id")                \
	X(STAFF_ABSENCE_LIST,                                                                      \
	  "SELECT a.id, s.code, s.name, a.from_date, a.to_date, a.reason, a.note "                 \
	  "FROM staff_absence a JOIN staff s ON s.id = a.staff_id "                                \
	  "WHERE a.setting_id = ? AND a.to_date >= ? ORDER BY a.from_date, s.code")                \
	/* families, children and contacts */                                                      \
	X(FAMILY_INSERT,                                                                           \
	  "INSERT INTO family (setting_id, name, address, language) VALUES (?, ?, ?, ?)")          \
	X(FAMILY_BY_NAME, "SELECT id FROM family WHERE setting_id = ? AND name = ?")               \
	X(CHILD_INSERT,                                                                            \
	  "INSERT INTO child (setting_id, code, family_id, first_name, last_name, "                \
	  "preferred_name, date_of_birth, room_id, home_language, other_languages, "               \
	  "allergies, medical, dietary, sen, funding, lives_with, start_date, "                    \
	  "leaving_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")           \
	X(CHILD_BY_CODE, "SELECT id FROM child WHERE setting_id = ? AND code = ?")                 \
	X(CHILD_GET_FAMILY, "SELECT family_id FROM child WHERE setting_id = ? AND id = ?")         \
	X(CHILD_ATTENDANCE_INSERT, "INSERT INTO child_attendance (setting_id, child_id, weekday, " \
	                           "arrive_min, leave_min) VALUES (?, ?, ?, ?, ?)")                \
	X(CHILDREN_ON_ROLL,                                                                        \
	  "SELECT c.id, c.code, c.first_name, c.last_name, c.preferred_name, "                     \
	  "c.date_of_birth, c.room_id, r.name, c.home_language, c.sen, "                           \
	  "c.family_id, c.allergies FROM child c JOIN room r ON r.id = c.room_id "                 \
	  "WHERE c.setting_id = ? AND c.start_date <= ? "                                          \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                                   \
	  "ORDER BY r.age_min_months, r.id, c.last_name, c.first_name, c.id")                      \
	X(CHILD_ATTENDANCE_ALL,                                                                    \
	  "SELECT child_id, weekday, arrive_min, leave_min "                                       \
	  "FROM child_attendance WHERE setting_id = ? ORDER BY child_id, weekday")                 \
	X(BOOKINGS_ON, "SELECT child_id, arrive_min, leave_min FROM booking "                      \
	               "WHERE setting_id = ? AND date = ?")                                        \
	X(CHILD_ABSENT_ON,                                                                         \
	  "SELECT child_id, reason FROM child_absence WHERE setting_id = ? AND date = ?")          \
	X(CONTACT_INSERT,                                                                          \
	  "INSERT INTO contact (setting_id, family_id, name, relationship, "                       \
	  "parental_responsibility, may_collect, emergency, phone, email, address, "               \
	  "preferred_method, preferred_time, language, restriction, restriction_note) "            \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                  \
	X(CONSENT_INSERT, "INSERT INTO consent (setting_id, child_id, kind, given, contact_id, "   \
	                  "given_on, note) VALUES (?, ?, ?, ?, ?, ?, ?)")                          \
	X(CHILD_SET_PHOTO,                                                                         \
	  "UPDATE child SET photo = ?, photo_type = ? WHERE setting_id = ? AND id = ?")            \
	X(CHILD_PHOTO, "SELECT photo, photo_type FROM child WHERE setting_id = ? AND id = ? "      \
	               "AND photo IS NOT NULL")                                                    \
	X(CHILD_HAS_PHOTO,                                                                         \
	  "SELECT 1 FROM child WHERE setting_id = ? AND id = ? AND photo IS NOT NULL")             \
	X(CONSENT_WITHDRAW,                                                                        \
	  "UPDATE consent SET withdrawn_on = ? WHERE setting_id = ? AND id = ? "                   \
	  "AND child_id = ? AND withdrawn_on IS NULL AND given = 1 AND given_on <= ?")             \
	X(CONTACT_OF_CHILD,                                                                        \
	  "SELECT 1 FROM contact ct JOIN child c ON c.family_id = ct.family_id "                   \
	  "AND c.setting_id = ct.setting_id WHERE ct.setting_id = ? AND ct.id = ? "                \
	  "AND c.id = ?")                                                                          \
	/* key assignments */                                                                      \
	X(KEY_CLOSE,                                                                               \
	  "UPDATE key_assignment SET to_date = ? WHERE setting_id = ? AND child_id = ? "           \
	  "AND from_date < ? AND (to_date IS NULL OR to_date > ?)")                                \
	X(KEY_DROP_FUTURE, "DELETE FROM key_assignment WHERE setting_id = ? AND child_id = ? "     \
	                   "AND from_date >= ?")                                                   \
	X(KEY_INSERT, "INSERT INTO key_assignment (setting_id, child_id, primary_staff_id, "       \
	              "secondary_staff_id, from_date, reason, created_by, created_at) "            \
	              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                           \
	X(KEY_ON, "SELECT child_id, primary_staff_id, secondary_staff_id FROM key_assignment "     \
	          "WHERE setting_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date > ?)")  \
	X(KEY_ON_CHILD, "SELECT primary_staff_id, secondary_staff_id FROM key_assignment "         \
	                "WHERE setting_id = ? AND child_id = ? AND from_date <= ? "                \
	                "AND (to_date IS NULL OR to_date > ?)")                                    \
	X(KEY_HISTORY, "SELECT k.from_date, k.to_date, p.name, s.name, k.reason "                  \
	               "FROM key_assignment k JOIN staff p ON p.id = k.primary_staff_id "          \
	               "JOIN staff s ON s.id = k.secondary_staff_id "                              \
	               "WHERE k.setting_id = ? AND k.child_id = ? ORDER BY k.from_date")           \
	/* planner proposals */                                                                    \
	X(PLAN_INSERT,                                                                             \
	  "INSERT INTO plan_proposal (setting_id, created_at, created_by, from_date, "             \
	  "solver_status, score_total, score_before, bound, instance_json, result_json) "          \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                 \
	X(PLAN_GET, "SELECT id, status, result_json, from_date FROM plan_proposal "                \
	            "WHERE setting_id = ? AND id = ?")                                             \
	X(PLAN_MARK_APPLIED, "UPDATE plan_proposal SET status = 'applied', applied_at = ? "        \
	                     "WHERE setting_id = ? AND id = ? AND status = 'proposed'")            \
	X(PLAN_LIST, "SELECT id, created_at, from_date, status, solver_status, score_total, "      \
	             "score_before FROM plan_proposal WHERE setting_id = ? ORDER BY id DESC")      \
	X(FAMILY_CONTACTS_PR,                                                                      \
	  "SELECT id FROM contact WHERE setting_id = ? AND family_id = ? "                         \
	  "AND parental_responsibility = 1 AND restriction = 'none' ORDER BY id")                  \
	X(OUTBOX_INSERT,                                                                           \
	  "INSERT INTO outbox (setting_id, created_at, channel, contact_id, child_id, "            \
	  "subject, body) VALUES (?, ?, ?, ?, ?, ?, ?)")                                           \
	/* users, roles, sessions */                                                               \
	X(USER_INSERT, "INSERT INTO app_user (username, display_name, password_hash, "             \
	               "must_change_password, created_at) VALUES (?, ?, ?, ?, ?)")                 \
	X(USER_BY_NAME, "SELECT id, password_hash, disabled_at, display_name FROM app_user "       \
	                "WHERE username = ?")                                                      \
	X(USER_SET_PASSWORD, "UPDATE app_user SET password_hash = ?, must_change_password = ? "    \
	                     "WHERE id = ?")                                                       \
	X(USER_DISABLE,                                                                            \
	  "UPDATE app_user SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")              \
	X(USER_SETTING_INSERT,                                                                     \
	  "INSERT INTO user_setting (setting_id, user_id, staff_id, contact_id) "                  \
	  "VALUES (?, ?, ?, ?)")                                                                   \
	X(USER_ROLE_INSERT, "INSERT INTO user_role (setting_id, user_id, role) VALUES (?, ?, ?)")  \
	X(USER_LIST,                                                                               \
	  "SELECT u.id, u.username, u.display_name, u.disabled_at, "                               \
	  "(SELECT group_concat(role, ',') FROM (SELECT role FROM user_role r "                    \
	  " WHERE r.user_id = u.id AND r.setting_id = us.setting_id ORDER BY role) AS rr) "        \
	  "FROM app_user u JOIN user_setting us ON us.user_id = u.id "                             \
	  "WHERE us.setting_id = ? ORDER BY u.username")                                           \
	X(SESSION_DELETE_USER, "DELETE FROM session WHERE user_id = ?")                            \
	X(SESSION_INSERT,                                                                          \
	  "INSERT INTO session (token_hash, setting_id, user_id, csrf, created_at, "               \
	  "last_seen, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                            \
	X(SESSION_GET,                                                                             \
	  "SELECT s.setting_id, s.user_id, s.csrf, s.last_seen, s.expires_at, "                    \
	  "s.step_up_at, u.username, u.display_name, u.must_change_password, "                     \
	  "u.disabled_at, us.staff_id, us.contact_id, us.access_ends "                             \
	  "FROM session s JOIN app_user u ON u.id = s.user_id "                                    \
	  "JOIN user_setting us ON us.user_id = s.user_id AND us.setting_id = s.setting_id "       \
	  "WHERE s.token_hash = ?")                                                                \
	X(SESSION_TOUCH, "UPDATE session SET last_seen = ? WHERE token_hash = ?")                  \
	X(SESSION_DELETE, "DELETE FROM session WHERE token_hash = ?")                              \
	X(SESSION_PURGE, "DELETE FROM session WHERE expires_at < ? OR last_seen < ?")              \
	X(USER_ROLES, "SELECT role FROM user_role WHERE user_id = ? AND setting_id = ?")           \
	X(USER_ACCESS, "SELECT (SELECT s.leaving_date FROM staff s WHERE s.id = us.staff_id), "    \
	               "(SELECT CASE WHEN count(*) > 0 AND count(c.leaving_date) = count(*) "      \
	               "THEN max(c.leaving_date) END FROM contact k JOIN child c "                 \
	               "ON c.family_id = k.family_id AND c.setting_id = k.setting_id "             \
	               "WHERE k.id = us.contact_id), st.family_access_days, us.contact_id "        \
	               "FROM user_setting us JOIN setting st ON st.id = us.setting_id "            \
	               "WHERE us.user_id = ? AND us.setting_id = ?")                               \
	X(USER_FIRST_SETTING, "SELECT setting_id FROM user_setting WHERE user_id = ? "             \
	                      "ORDER BY setting_id LIMIT 1")                                       \
	X(LOGIN_FAILURES, "SELECT count(*) FROM login_attempt WHERE username = ? AND ok = 0 "      \
	                  "AND at > ?")                                                            \
	X(LOGIN_FAILURES_CLEAR, "DELETE FROM login_attempt WHERE username = ? AND ok = 0")         \
	X(LOGIN_ATTEMPT_INSERT,                                                                    \
	  "INSERT INTO login_attempt (username, at, ok, ip) VALUES (?, ?, ?, ?)")                  \
	/* import/export: a savepoint around each imported record; declared column types */        \
	X(IMPORT_SAVEPOINT, "SAVEPOINT import_row")                                                \
	X(IMPORT_RELEASE, "RELEASE SAVEPOINT import_row")                                          \
	X(IMPORT_ROLLBACK_TO, "ROLLBACK TO SAVEPOINT import_row")                                  \
	X(EXPORT_COLUMN_TYPES, "SELECT name, type FROM pragma_table_info(?) ORDER BY cid")         \
	/* pages */                                                                                \
	X(HOME_MY_CHILDREN, "SELECT c.id, c.first_name, c.last_name, r.name, k.primary_staff_id, " \
	                    "c.allergies FROM key_assignment k JOIN child c ON c.id = k.child_id " \
	                    "JOIN room r ON r.id = c.room_id "                                     \
	                    "WHERE (k.primary_staff_id = ? OR k.secondary_staff_id = ?) "          \
	                    "AND k.setting_id = ? AND k.from_date <= ? "                           \
	                    "AND (k.to_date IS NULL OR k.to_date > ?) AND c.start_date <= ? "      \
	                    "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                 \
	                    "ORDER BY k.primary_staff_id <> ?, c.first_name")                      \
	/* page_setup: rooms, staff, children, contacts, the child's page, /family, users */       \
	X(SETUP_ROOMS,                                                                             \
	  "SELECT r.id, r.name, r.age_min_months, r.age_max_months, r.capacity, "                  \
	  "(SELECT count(*) FROM child c WHERE c.setting_id = r.setting_id AND c.room_id = r.id "  \
	  "AND c.start_date <= ? AND (c.leaving_date IS NULL OR c.leaving_date >= ?)) "            \
	  "FROM room r WHERE r.setting_id = ? ORDER BY r.age_min_months, r.id")                    \
	X(SETUP_STAFF_LIST,                                                                        \
	  "SELECT id, code, name, job_title, qualification, qualification_name, "                  \
	  "key_person, max_primary, max_secondary, coalesce(pfa_expires, ''), "                    \
	  "coalesce(leaving_date, ''), student FROM staff WHERE setting_id = ? ORDER BY code")     \
	X(SETUP_STAFF_ONE,                                                                         \
	  "SELECT id, code, name, job_title, qualification, qualification_name, "                  \
	  "student, coalesce(pfa_expires, ''), coalesce(dbs_date, ''), "                           \
	  "coalesce(experience_start, ''), "                                                       \
	  "sen_trained, key_person, max_primary, max_secondary, dsl, senco, email, phone, "        \
	  "coalesce(start_date, ''), coalesce(leaving_date, ''), baby_trained FROM staff "         \
	  "WHERE setting_id = ? AND id = ?")                                                       \
	X(SETUP_STAFF_SHIFTS,                                                                      \
	  "SELECT sh.date, sh.start_min, sh.end_min, coalesce(r.name, '') FROM shift sh "          \
	  "LEFT JOIN room r ON r.id = sh.room_id WHERE sh.setting_id = ? AND sh.staff_id = ? "     \
	  "AND sh.date >= ? AND sh.date < ? AND sh.published = 1 ORDER BY sh.date, sh.start_min")  \
	X(SETUP_STAFF_ABSENCES,                                                                    \
	  "SELECT from_date, to_date, reason, note FROM staff_absence "                            \
	  "WHERE setting_id = ? AND staff_id = ? AND to_date >= ? ORDER BY from_date")             \
	X(SETUP_CHILD_GET,                                                                         \
	  "SELECT c.id, c.code, c.first_name, c.last_name, c.preferred_name, "                     \
	  "c.date_of_birth, c.room_id, r.name, c.home_language, c.other_languages, c.allergies, "  \
	  "c.medical, c.dietary, c.sen, c.funding, c.lives_with, c.start_date, "                   \
	  "coalesce(c.leaving_date, ''), coalesce(c.family_id, 0) FROM child c "                   \
	  "JOIN room r ON r.id = c.room_id WHERE c.setting_id = ? AND c.id = ?")                   \
	X(SETUP_CHILD_ATTENDANCE, "SELECT weekday, arrive_min, leave_min FROM child_attendance "   \
	                          "WHERE setting_id = ? AND child_id = ? ORDER BY weekday")        \
	X(SETUP_CHILD_BOOKINGS,                                                                    \
	  "SELECT date, arrive_min, leave_min FROM booking WHERE setting_id = ? "                  \
	  "AND child_id = ? AND date >= ? AND date < ? ORDER BY date")                             \
	X(SETUP_CHILD_ABSENCES, "SELECT date, reason FROM child_absence WHERE setting_id = ? "     \
	                        "AND child_id = ? AND date >= ? AND date < ? ORDER BY date")       \
	X(SETUP_FAMILY_CONTACTS,                                                                   \
	  "SELECT id, name, relationship, parental_responsibility, may_collect, "                  \
	  "emergency, phone, email, preferred_method, preferred_time, language, restriction, "     \
	  "restriction_note FROM contact WHERE setting_id = ? AND family_id = ? ORDER BY id")      \
	X(SETUP_CONSENTS,                                                                          \
	  "SELECT co.kind, co.given, co.given_on, coalesce(co.withdrawn_on, ''), "                 \
	  "coalesce(ct.name, ''), co.note, co.id FROM consent co LEFT JOIN contact ct ON ct.id = " \
	  "co.contact_id "                                                                         \
	  "WHERE co.setting_id = ? AND co.child_id = ? ORDER BY co.kind, co.given_on")             \
	X(SETUP_FAMILY_CHILDREN,                                                                   \
	  "SELECT c.id FROM child c JOIN contact ct ON ct.setting_id = c.setting_id "              \
	  "AND ct.family_id = c.family_id WHERE ct.setting_id = ? AND ct.id = ? "                  \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) ORDER BY c.date_of_birth, c.id")    \
	X(SETUP_USERS,                                                                             \
	  "SELECT u.id, u.username, u.display_name, u.disabled_at IS NOT NULL, "                   \
	  "u.must_change_password, coalesce(s.code, ''), coalesce(s.name, ''), "                   \
	  "coalesce(s.leaving_date, ''), coalesce(ct.name, '') FROM app_user u "                   \
	  "JOIN user_setting us ON us.user_id = u.id LEFT JOIN staff s ON s.id = us.staff_id "     \
	  "LEFT JOIN contact ct ON ct.id = us.contact_id WHERE us.setting_id = ? ORDER BY "        \
	  "u.username")                                                                            \
	X(SETUP_USER_GET,                                                                          \
	  "SELECT u.id, u.username, u.disabled_at IS NOT NULL FROM app_user u "                    \
	  "JOIN user_setting us ON us.user_id = u.id WHERE us.setting_id = ? AND u.id = ?")        \
	/* page_keygroups and api: a proposal with its instance; a child's basics and records, */  \
	/* key person and buddy on a date, attendance, who may collect; children for the API */    \
	X(KG_PLAN_VIEW,                                                                            \
	  "SELECT id, status, solver_status, score_total, score_before, bound, "                   \
	  "from_date, instance_json, result_json, created_at, coalesce(applied_at, 0) "            \
	  "FROM plan_proposal WHERE setting_id = ? AND id = ?")                                    \
	X(API_CHILD_GET,                                                                           \
	  "SELECT c.id, c.code, c.first_name, c.last_name, c.preferred_name, "                     \
	  "c.date_of_birth, r.name, c.home_language, c.other_languages, c.allergies, "             \
	  "c.medical, c.dietary, c.sen, c.funding, c.lives_with, c.start_date, "                   \
	  "coalesce(c.leaving_date, ''), coalesce(c.family_id, 0) FROM child c "                   \
	  "JOIN room r ON r.id = c.room_id WHERE c.setting_id = ? AND c.id = ?")                   \
	X(API_CHILD_KEY,                                                                           \
	  "SELECT p.code, p.name, s.code, s.name, k.from_date "                                    \
	  "FROM key_assignment k JOIN staff p ON p.id = k.primary_staff_id "                       \
	  "JOIN staff s ON s.id = k.secondary_staff_id WHERE k.setting_id = ? "                    \
	  "AND k.child_id = ? AND k.from_date <= ? AND (k.to_date IS NULL OR k.to_date > ?)")      \
	X(API_CHILD_ATTENDANCE, "SELECT weekday, arrive_min, leave_min FROM child_attendance "     \
	                        "WHERE setting_id = ? AND child_id = ? ORDER BY weekday")          \
	X(API_CHILD_COLLECTORS,                                                                    \
	  "SELECT name, relationship FROM contact WHERE setting_id = ? "                           \
	  "AND family_id = ? AND may_collect = 1 AND restriction <> 'no_collect' ORDER BY id")     \
	X(API_CHILDREN,                                                                            \
	  "SELECT c.id, c.code, c.first_name, c.last_name, c.preferred_name, "                     \
	  "r.name, p.code, p.name, s.code, s.name FROM child c JOIN room r ON r.id = c.room_id "   \
	  "LEFT JOIN key_assignment k ON k.setting_id = c.setting_id AND k.child_id = c.id "       \
	  "AND k.from_date <= ? AND (k.to_date IS NULL OR k.to_date > ?) "                         \
	  "LEFT JOIN staff p ON p.id = k.primary_staff_id "                                        \
	  "LEFT JOIN staff s ON s.id = k.secondary_staff_id "                                      \
	  "WHERE c.setting_id = ? AND c.start_date <= ? "                                          \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                                   \
	  "ORDER BY r.age_min_months, r.id, c.last_name, c.first_name, c.id")                      \
	/* ratio/register: core_ratio.c (staff:child ratios of a day) and core_register.c (the */  \
	/* daily register: sign-in and out, collection, corrections, absence follow-up) */         \
	X(RATIO_SETTING, "SELECT framework FROM setting WHERE id = ?")                             \
	X(RATIO_STAFF,                                                                             \
	  "SELECT s.id, s.qualification, s.student, coalesce(s.pfa_expires, ''), "                 \
	  "coalesce(s.experience_start, ''), coalesce((SELECT sr.room_id FROM staff_room sr "      \
	  "WHERE sr.staff_id = s.id AND sr.position = 0), 0), s.baby_trained FROM staff s "        \
	  "WHERE s.setting_id = ? ORDER BY s.id")                                                  \
	X(RATIO_CHILDREN, "SELECT id, room_id, date_of_birth FROM child WHERE setting_id = ? "     \
	                  "ORDER BY id")                                                           \
	X(REGISTER_CHILD_EVENTS_DAY,                                                               \
	  "SELECT id, child_id, event, at, coalesce(corrects_id, 0) "                              \
	  "FROM register_child WHERE setting_id = ? AND date = ? ORDER BY child_id, at, id")       \
	X(REGISTER_STAFF_EVENTS_DAY,                                                               \
	  "SELECT id, staff_id, event, at, coalesce(corrects_id, 0) "                              \
	  "FROM register_staff WHERE setting_id = ? AND date = ? ORDER BY staff_id, at, id")       \
	X(REGISTER_CHILD_EVENTS,                                                                   \
	  "SELECT id, child_id, event, at, coalesce(corrects_id, 0) "                              \
	  "FROM register_child WHERE setting_id = ? AND date = ? AND child_id = ? "                \
	  "ORDER BY at, id")                                                                       \
	X(REGISTER_STAFF_EVENTS,                                                                   \
	  "SELECT id, staff_id, event, at, coalesce(corrects_id, 0) "                              \
	  "FROM register_staff WHERE setting_id = ? AND date = ? AND staff_id = ? "                \
	  "ORDER BY at, id")                                                                       \
	X(REGISTER_CHILD_INFO,                                                                     \
	  "SELECT c.code, c.first_name, c.last_name, c.preferred_name, "                           \
	  "coalesce(c.family_id, 0), r.name FROM child c JOIN room r ON r.id = c.room_id "         \
	  "WHERE c.setting_id = ? AND c.id = ?")                                                   \
	X(REGISTER_STAFF_INFO, "SELECT code, name FROM staff WHERE setting_id = ? AND id = ?")     \
	X(REGISTER_CONTACT, "SELECT family_id, name, may_collect, restriction FROM contact "       \
	                    "WHERE setting_id = ? AND id = ?")                                     \
	X(REGISTER_FAMILY_PASSWORDS,                                                               \
	  "SELECT collection_password_hash FROM contact "                                          \
	  "WHERE setting_id = ? AND family_id = ? AND restriction = 'none' "                       \
	  "AND collection_password_hash IS NOT NULL ORDER BY id")                                  \
	X(REGISTER_SET_PASSWORD, "UPDATE contact SET collection_password_hash = ? "                \
	                         "WHERE setting_id = ? AND id = ?")                                \
	X(REGISTER_USER_STAFF, "SELECT coalesce(staff_id, 0) FROM user_setting "                   \
	                       "WHERE setting_id = ? AND user_id = ?")                             \
	X(REGISTER_ON_SHIFT,                                                                       \
	  "SELECT count(*) FROM shift sh WHERE sh.setting_id = ? "                                 \
	  "AND sh.staff_id = ? AND sh.date = ? AND sh.published = 1 AND sh.start_min < ? "         \
	  "AND sh.end_min > ? AND NOT EXISTS (SELECT 1 FROM staff_absence a "                      \
	  "WHERE a.setting_id = sh.setting_id AND a.staff_id = sh.staff_id "                       \
	  "AND a.from_date <= sh.date AND a.to_date >= sh.date)")                                  \
	X(REGISTER_CHILD_INSERT,                                                                   \
	  "INSERT INTO register_child (setting_id, child_id, date, event, "                        \
	  "at, recorded_by, key_person_staff_id, collected_by_contact_id, collected_by_name, "     \
	  "collection_override, corrects_id, note, created_at) "                                   \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                        \
	X(REGISTER_STAFF_INSERT,                                                                   \
	  "INSERT INTO register_staff (setting_id, staff_id, date, event, "                        \
	  "at, recorded_by, corrects_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")             \
	X(REGISTER_CHILD_GET,                                                                      \
	  "SELECT rc.child_id, rc.date, rc.event, rc.at, "                                         \
	  "coalesce(rc.key_person_staff_id, 0), coalesce(rc.collected_by_contact_id, 0), "         \
	  "rc.collected_by_name, rc.collection_override, (SELECT count(*) FROM register_child x "  \
	  "WHERE x.setting_id = rc.setting_id AND x.date = rc.date AND x.corrects_id = rc.id) "    \
	  "FROM register_child rc WHERE rc.setting_id = ? AND rc.id = ?")                          \
	X(REGISTER_STAFF_GET,                                                                      \
	  "SELECT rs.staff_id, rs.date, rs.event, rs.at, "                                         \
	  "(SELECT count(*) FROM register_staff x WHERE x.setting_id = rs.setting_id "             \
	  "AND x.date = rs.date AND x.corrects_id = rs.id) "                                       \
	  "FROM register_staff rs WHERE rs.setting_id = ? AND rs.id = ?")                          \
	X(REGISTER_CHILD_DAY,                                                                      \
	  "SELECT rc.id, rc.child_id, rc.event, rc.at, "                                           \
	  "coalesce(rc.corrects_id, 0), coalesce(k.name, ''), "                                    \
	  "CASE WHEN ct.id IS NULL THEN rc.collected_by_name ELSE ct.name END, "                   \
	  "rc.collection_override, coalesce(nullif(u.display_name, ''), u.username, ''), "         \
	  "rc.created_at, c.code, c.first_name, c.last_name, c.preferred_name, r.name "            \
	  "FROM register_child rc JOIN child c ON c.id = rc.child_id "                             \
	  "JOIN room r ON r.id = c.room_id LEFT JOIN staff k ON k.id = rc.key_person_staff_id "    \
	  "LEFT JOIN contact ct ON ct.id = rc.collected_by_contact_id "                            \
	  "LEFT JOIN app_user u ON u.id = rc.recorded_by "                                         \
	  "WHERE rc.setting_id = ? AND rc.date = ? "                                               \
	  "ORDER BY r.age_min_months, r.id, c.last_name, c.first_name, c.id, rc.at, rc.id")        \
	X(REGISTER_STAFF_DAY,                                                                      \
	  "SELECT rs.id, rs.staff_id, rs.event, rs.at, "                                           \
	  "coalesce(rs.corrects_id, 0), coalesce(nullif(u.display_name, ''), u.username, ''), "    \
	  "rs.created_at, s.code, s.name FROM register_staff rs "                                  \
	  "JOIN staff s ON s.id = rs.staff_id LEFT JOIN app_user u ON u.id = rs.recorded_by "      \
	  "WHERE rs.setting_id = ? AND rs.date = ? ORDER BY s.name, s.id, rs.at, rs.id")           \
	X(REGISTER_ABSENCES_DAY,                                                                   \
	  "SELECT a.child_id, c.code, c.first_name, c.last_name, "                                 \
	  "c.preferred_name, r.name, a.reason, a.notified, a.note, a.follow_up "                   \
	  "FROM child_absence a JOIN child c ON c.id = a.child_id "                                \
	  "JOIN room r ON r.id = c.room_id WHERE a.setting_id = ? AND a.date = ? "                 \
	  "ORDER BY r.age_min_months, r.id, c.last_name, c.first_name, c.id")                      \
	X(REGISTER_ABSENCE_INSERT,                                                                 \
	  "INSERT INTO child_absence (setting_id, child_id, date, reason, "                        \
	  "notified, note, follow_up, recorded_by, created_at) "                                   \
	  "VALUES (?, ?, ?, ?, 0, '', ?, ?, ?)")                                                   \
	X(REGISTER_ABSENCE_COUNTS,                                                                 \
	  "SELECT a.child_id, count(*), "                                                          \
	  "sum(CASE WHEN a.reason = 'unexplained' THEN 1 ELSE 0 END), c.code, c.first_name, "      \
	  "c.last_name, c.preferred_name, r.name FROM child_absence a "                            \
	  "JOIN child c ON c.id = a.child_id JOIN room r ON r.id = c.room_id "                     \
	  "WHERE a.setting_id = ? AND a.date >= ? AND a.date <= ? "                                \
	  "GROUP BY a.child_id, c.code, c.first_name, c.last_name, c.preferred_name, r.name "      \
	  "ORDER BY count(*) DESC, c.code")                                                        \
	X(REGISTER_CHILDREN_IN, "SELECT DISTINCT child_id FROM register_child "                    \
	                        "WHERE setting_id = ? AND date = ? AND event = 'in'")              \
	X(REGISTER_FAMILY_CONTACTS,                                                                \
	  "SELECT name, relationship, phone FROM contact "                                         \
	  "WHERE setting_id = ? AND family_id = ? AND restriction = 'none' "                       \
	  "ORDER BY parental_responsibility DESC, id")                                             \
	/* page_day/message: core_message.c (the message book and handover) and page_day*.c (the   \
	 */                                                                                        \
	/* register, ratio and message pages: collectors, an entry's author, rooms one works in)   \
	 */                                                                                        \
	X(MESSAGE_INSERT,                                                                          \
	  "INSERT INTO handover_message (setting_id, child_id, room_id, "                          \
	  "key_person_staff_id, for_date, source, author_user_id, author_name, text, created_at) " \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                 \
	X(MESSAGE_DAY,                                                                             \
	  "SELECT m.id, coalesce(m.child_id, 0), coalesce(m.room_id, 0), "                         \
	  "coalesce(m.key_person_staff_id, 0), m.for_date, m.source, m.author_name, m.text, "      \
	  "m.created_at, coalesce(coalesce(nullif(c.preferred_name, ''), c.first_name) || ' ' "    \
	  "|| c.last_name, ''), coalesce(r.name, cr.name, ''), coalesce(k.name, ''), "             \
	  "coalesce(c.room_id, m.room_id, 0) FROM handover_message m "                             \
	  "LEFT JOIN child c ON c.id = m.child_id LEFT JOIN room cr ON cr.id = c.room_id "         \
	  "LEFT JOIN room r ON r.id = m.room_id "                                                  \
	  "LEFT JOIN staff k ON k.id = m.key_person_staff_id WHERE m.setting_id = ? "              \
	  "AND (m.for_date = ? OR (m.for_date = ? AND m.created_at >= ?)) "                        \
	  "ORDER BY m.created_at, m.id")                                                           \
	X(MESSAGE_HANDOVER_ITEMS,                                                                  \
	  "SELECT m.id FROM handover_message m WHERE m.setting_id = ? "                            \
	  "AND (m.for_date = ? OR (m.for_date = ? AND m.created_at >= ?)) "                        \
	  "AND (m.key_person_staff_id = ? OR m.child_id IN (SELECT k.child_id "                    \
	  "FROM key_assignment k WHERE k.setting_id = m.setting_id AND k.primary_staff_id = ? "    \
	  "AND k.from_date <= ? AND (k.to_date IS NULL OR k.to_date > ?))) "                       \
	  "AND NOT EXISTS (SELECT 1 FROM handover_ack a WHERE a.message_id = m.id "                \
	  "AND a.staff_id = ?) ORDER BY m.id")                                                     \
	X(MESSAGE_ACK_PENDING, "INSERT INTO handover_ack (setting_id, message_id, staff_id, at) "  \
	                       "VALUES (?, ?, ?, 0)")                                              \
	X(MESSAGE_ACK, "UPDATE handover_ack SET at = ? WHERE setting_id = ? AND message_id = ? "   \
	               "AND staff_id = ? AND at = 0")                                              \
	X(MESSAGE_ACK_GET,                                                                         \
	  "SELECT a.at, coalesce(m.child_id, 0) FROM handover_ack a "                              \
	  "JOIN handover_message m ON m.id = a.message_id WHERE a.setting_id = ? "                 \
	  "AND a.message_id = ? AND a.staff_id = ?")                                               \
	X(MESSAGE_PENDING,                                                                         \
	  "SELECT m.id, coalesce(m.child_id, 0), m.for_date, m.text, "                             \
	  "m.created_at, a.staff_id, s.name, coalesce(coalesce(nullif(c.preferred_name, ''), "     \
	  "c.first_name) || ' ' || c.last_name, ''), coalesce(r.name, ''), "                       \
	  "coalesce(k.name, '') FROM handover_ack a "                                              \
	  "JOIN handover_message m ON m.id = a.message_id JOIN staff s ON s.id = a.staff_id "      \
	  "LEFT JOIN child c ON c.id = m.child_id LEFT JOIN room r ON r.id = m.room_id "           \
	  "LEFT JOIN staff k ON k.id = m.key_person_staff_id "                                     \
	  "WHERE a.setting_id = ? AND a.at = 0 AND (? = 0 OR a.staff_id = ?) "                     \
	  "ORDER BY m.created_at, m.id, a.staff_id")                                               \
	X(DAY_COLLECTORS,                                                                          \
	  "SELECT ct.id, ct.name, ct.relationship FROM contact ct "                                \
	  "JOIN child c ON c.setting_id = ct.setting_id AND c.family_id = ct.family_id "           \
	  "WHERE c.setting_id = ? AND c.id = ? AND ct.may_collect = 1 "                            \
	  "AND ct.restriction NOT IN ('no_collect', 'no_contact') ORDER BY ct.id")                 \
	X(DAY_ENTRY_AUTHOR, "SELECT child_id, coalesce(recorded_by, 0) FROM register_child "       \
	                    "WHERE setting_id = ? AND id = ?")                                     \
	X(DAY_KEY_PEOPLE, "SELECT id, name FROM staff WHERE setting_id = ? AND key_person = 1 "    \
	                  "AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY name, id")     \
	X(DAY_STAFF_ACTIVE, "SELECT id, code, name FROM staff WHERE setting_id = ? "               \
	                    "AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY name, id")   \
	/* rota: core_rota.c (drafting and publishing the week's rota, the week view, */           \
	/* paediatric first aid certificates running out) */                                       \
	X(ROTA_PUBLISH, "UPDATE shift SET published = 1 WHERE setting_id = ? AND date >= ? "       \
	                "AND date < ? AND published = 0")                                          \
	X(ROTA_DRAFTS, "SELECT date, count(*) FROM shift WHERE setting_id = ? AND date >= ? "      \
	               "AND date < ? AND published = 0 GROUP BY date ORDER BY date")               \
	X(ROTA_STAFF_ROLES, "SELECT id, dsl, senco FROM staff WHERE setting_id = ? "               \
	                    "AND (dsl = 1 OR senco = 1) ORDER BY id")                              \
	X(ROTA_PFA_EXPIRING,                                                                       \
	  "SELECT id, code, name, pfa_expires FROM staff WHERE setting_id = ? "                    \
	  "AND pfa_expires IS NOT NULL AND pfa_expires <= ? "                                      \
	  "AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY pfa_expires, code")            \
	/* records with the family: core_diary.c, core_weekly.c, core_twoyear.c, */                \
	/* core_meeting.c, core_transition.c (diary, weekly update, check at two, */               \
	/* progress meetings, transitions and the transfer record) */                              \
	X(REC_CHILDREN,                                                                            \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.date_of_birth, "            \
	  "c.room_id, r.name, k.primary_staff_id, p.name, k.secondary_staff_id, s.name "           \
	  "FROM child c JOIN room r ON r.id = c.room_id "                                          \
	  "LEFT JOIN key_assignment k ON k.setting_id = c.setting_id AND k.child_id = c.id "       \
	  "AND k.from_date <= ? AND (k.to_date IS NULL OR k.to_date > ?) "                         \
	  "LEFT JOIN staff p ON p.id = k.primary_staff_id "                                        \
	  "LEFT JOIN staff s ON s.id = k.secondary_staff_id "                                      \
	  "WHERE c.setting_id = ? AND c.start_date <= ? "                                          \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                                   \
	  "ORDER BY r.age_min_months, r.id, c.last_name, c.first_name, c.id")                      \
	X(REC_CHILD_NAME,                                                                          \
	  "SELECT c.first_name, c.last_name, c.preferred_name, c.date_of_birth, c.room_id, "       \
	  "r.name, c.start_date, c.leaving_date, c.home_language, c.other_languages, c.sen, "      \
	  "c.family_id FROM child c JOIN room r ON r.id = c.room_id "                              \
	  "WHERE c.setting_id = ? AND c.id = ?")                                                   \
	X(REC_SETTING_DIARY_MODE, "SELECT diary_publish FROM setting WHERE id = ?")                \
	X(REC_SETTING_SET_DIARY_MODE, "UPDATE setting SET diary_publish = ? WHERE id = ?")         \
	X(DIARY_INSERT,                                                                            \
	  "INSERT INTO diary_entry (setting_id, child_id, date, kind, start_min, end_min, "        \
	  "detail, author_staff_id, created_at, published_at, item, amount) "                      \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                           \
	X(DIARY_DAY,                                                                               \
	  "SELECT d.id, d.child_id, d.date, d.kind, d.item, d.amount, d.start_min, d.end_min, "    \
	  "d.detail, COALESCE(s.name, ''), d.created_at, d.published_at "                          \
	  "FROM diary_entry d LEFT JOIN staff s ON s.id = d.author_staff_id "                      \
	  "WHERE d.setting_id = ? AND d.date = ? AND (? = 0 OR d.child_id = ?) "                   \
	  "ORDER BY d.child_id, COALESCE(d.start_min, 1441), d.id")                                \
	X(DIARY_WEEK,                                                                              \
	  "SELECT date, kind, detail FROM diary_entry WHERE setting_id = ? AND child_id = ? "      \
	  "AND date >= ? AND date < ? ORDER BY date, COALESCE(start_min, 1441), id")               \
	X(DIARY_PUBLISH_DAY,                                                                       \
	  "UPDATE diary_entry SET published_at = ? WHERE setting_id = ? AND date = ? "             \
	  "AND published_at IS NULL AND (? = 0 OR child_id = ?)")                                  \
	X(DIARY_PUBLISH_UP_TO,                                                                     \
	  "UPDATE diary_entry SET published_at = ? WHERE setting_id = ? AND date <= ? "            \
	  "AND published_at IS NULL")                                                              \
	X(DIARY_UNPUBLISHED, "SELECT count(*) FROM diary_entry WHERE setting_id = ? AND date = ? " \
	                     "AND published_at IS NULL")                                           \
	X(WEEKLY_GET, "SELECT w.id, w.text, w.sent_at, w.updated_at, COALESCE(s.name, '') "        \
	              "FROM weekly_update w LEFT JOIN staff s ON s.id = w.author_staff_id "        \
	              "WHERE w.setting_id = ? AND w.child_id = ? AND w.week_start = ?")            \
	X(WEEKLY_INSERT,                                                                           \
	  "INSERT INTO weekly_update (setting_id, child_id, week_start, author_staff_id, text, "   \
	  "sent_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                                     \
	X(WEEKLY_UPDATE,                                                                           \
	  "UPDATE weekly_update SET text = ?, author_staff_id = ?, sent_at = ?, updated_at = ? "   \
	  "WHERE setting_id = ? AND id = ? AND sent_at IS NULL")                                   \
	X(WEEKLY_OF_WEEK,                                                                          \
	  "SELECT child_id, sent_at FROM weekly_update WHERE setting_id = ? AND week_start = ?")   \
	X(WEEKLY_OBSERVATIONS, "SELECT o.date, o.text, o.next_steps FROM observation o "           \
	                       "JOIN observation_child oc ON oc.observation_id = o.id AND "        \
	                       "oc.setting_id = o.setting_id "                                     \
	                       "WHERE o.setting_id = ? AND oc.child_id = ? AND o.shared = 1 "      \
	                       "AND o.date >= ? AND o.date < ? ORDER BY o.date, o.id")             \
	X(TWOYEAR_LATEST,                                                                          \
	  "SELECT t.id, t.staff_id, t.date, t.cl_level, t.cl_text, t.pd_level, t.pd_text, "        \
	  "t.psed_level, t.psed_text, t.strengths, t.concerns, t.strategies, t.parent_view, "      \
	  "t.status, t.shared_health_visitor_at, COALESCE(s.name, '') FROM two_year_check t "      \
	  "LEFT JOIN staff s ON s.id = t.staff_id "                                                \
	  "WHERE t.setting_id = ? AND t.child_id = ? ORDER BY t.id DESC LIMIT 1")                  \
	X(TWOYEAR_INSERT,                                                                          \
	  "INSERT INTO two_year_check (setting_id, child_id, staff_id, date, cl_level, cl_text, "  \
	  "pd_level, pd_text, psed_level, psed_text, strengths, concerns, strategies, "            \
	  "parent_view, status, created_at, updated_at) "                                          \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                            \
	X(TWOYEAR_UPDATE,                                                                          \
	  "UPDATE two_year_check SET staff_id = ?, date = ?, cl_level = ?, cl_text = ?, "          \
	  "pd_level = ?, pd_text = ?, psed_level = ?, psed_text = ?, strengths = ?, "              \
	  "concerns = ?, strategies = ?, parent_view = ?, status = ?, updated_at = ? "             \
	  "WHERE setting_id = ? AND id = ? AND status = 'draft'")                                  \
	X(TWOYEAR_SHARE,                                                                           \
	  "UPDATE two_year_check SET shared_health_visitor_at = ? WHERE setting_id = ? "           \
	  "AND id = ? AND child_id = ? AND status = 'final'")                                      \
	X(TWOYEAR_STATUS_ALL,                                                                      \
	  "SELECT child_id, status FROM two_year_check WHERE setting_id = ? ORDER BY id")          \
	X(REC_CONSENT_IN_FORCE,                                                                    \
	  "SELECT 1 FROM consent WHERE setting_id = ? AND child_id = ? AND kind = ? "              \
	  "AND given = 1 AND given_on <= ? AND (withdrawn_on IS NULL OR withdrawn_on > ?)")        \
	X(MEETING_INSERT,                                                                          \
	  "INSERT INTO progress_meeting (setting_id, child_id, staff_id, at, method, with_whom, "  \
	  "reviews_meeting_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)")  \
	X(MEETING_RECORD,                                                                          \
	  "UPDATE progress_meeting SET notes = ?, next_steps = ?, targets = ?, status = ? "        \
	  "WHERE setting_id = ? AND id = ? AND child_id = ?")                                      \
	X(MEETING_GET_CHILD,                                                                       \
	  "SELECT child_id FROM progress_meeting WHERE setting_id = ? AND id = ?")                 \
	X(MEETING_LAST_HELD,                                                                       \
	  "SELECT id FROM progress_meeting WHERE setting_id = ? AND child_id = ? "                 \
	  "AND status = 'held' ORDER BY at DESC, id DESC LIMIT 1")                                 \
	X(MEETING_LIST,                                                                            \
	  "SELECT m.id, m.child_id, m.at, m.method, m.with_whom, m.notes, m.next_steps, "          \
	  "m.targets, m.status, m.reviews_meeting_id, COALESCE(s.name, ''), c.first_name, "        \
	  "c.last_name, c.preferred_name FROM progress_meeting m "                                 \
	  "JOIN child c ON c.id = m.child_id LEFT JOIN staff s ON s.id = m.staff_id "              \
	  "WHERE m.setting_id = ? AND (? = 0 OR m.child_id = ?) AND m.at >= ? "                    \
	  "AND (? = 0 OR m.status = 'scheduled') ORDER BY m.at, m.id")                             \
	X(REC_FAMILY_PREFERENCES,                                                                  \
	  "SELECT ct.name, ct.preferred_method, ct.preferred_time FROM contact ct "                \
	  "JOIN child c ON c.family_id = ct.family_id AND c.setting_id = ct.setting_id "           \
	  "WHERE ct.setting_id = ? AND c.id = ? AND ct.parental_responsibility = 1 "               \
	  "AND ct.restriction = 'none' ORDER BY ct.id")                                            \
	X(TRANSITION_INSERT,                                                                       \
	  "INSERT INTO transition (setting_id, child_id, kind, date, from_room_id, to_room_id, "   \
	  "new_primary_staff_id, new_secondary_staff_id, handover_note, destination, "             \
	  "transfer_consent, created_at, created_by) "                                             \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                        \
	X(TRANSITION_LIST,                                                                         \
	  "SELECT t.id, t.kind, t.date, COALESCE(fr.name, ''), COALESCE(tr.name, ''), "            \
	  "t.new_primary_staff_id, COALESCE(p.name, ''), t.new_secondary_staff_id, "               \
	  "COALESCE(s.name, ''), t.handover_note, t.destination, t.applied_at, t.to_room_id "      \
	  "FROM transition t LEFT JOIN room fr ON fr.id = t.from_room_id "                         \
	  "LEFT JOIN room tr ON tr.id = t.to_room_id "                                             \
	  "LEFT JOIN staff p ON p.id = t.new_primary_staff_id "                                    \
	  "LEFT JOIN staff s ON s.id = t.new_secondary_staff_id "                                  \
	  "WHERE t.setting_id = ? AND t.child_id = ? ORDER BY t.date DESC, t.id DESC")             \
	X(TRANSITION_GET,                                                                          \
	  "SELECT child_id, kind, date, to_room_id, new_primary_staff_id, "                        \
	  "new_secondary_staff_id, applied_at FROM transition WHERE setting_id = ? AND id = ?")    \
	X(TRANSITION_SET_NOTE,                                                                     \
	  "UPDATE transition SET handover_note = ? WHERE setting_id = ? AND id = ?")               \
	X(TRANSITION_SET_APPLIED,                                                                  \
	  "UPDATE transition SET applied_at = ? WHERE setting_id = ? AND id = ? "                  \
	  "AND applied_at IS NULL")                                                                \
	X(REC_CHILD_SET_ROOM, "UPDATE child SET room_id = ? WHERE setting_id = ? AND id = ?")      \
	X(REC_CHILD_SET_LEAVING,                                                                   \
	  "UPDATE child SET leaving_date = ? WHERE setting_id = ? AND id = ?")                     \
	X(TRANSITION_VISIT_INSERT,                                                                 \
	  "INSERT INTO transition_visit (setting_id, transition_id, date, start_min, end_min, "    \
	  "staff_id, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                          \
	X(TRANSITION_VISITS,                                                                       \
	  "SELECT v.transition_id, v.date, v.start_min, v.end_min, COALESCE(s.name, ''), v.notes " \
	  "FROM transition_visit v LEFT JOIN staff s ON s.id = v.staff_id "                        \
	  "WHERE v.setting_id = ? AND v.transition_id IN (SELECT id FROM transition "              \
	  "WHERE setting_id = ? AND child_id = ?) ORDER BY v.date, v.start_min")                   \
	X(REC_ROOM_STAFF_LOAD,                                                                     \
	  "SELECT s.id, s.name, s.key_person, s.qualification, s.experience_start, "               \
	  "s.max_primary, s.max_secondary, "                                                       \
	  "(SELECT count(*) FROM key_assignment k WHERE k.setting_id = s.setting_id "              \
	  " AND k.primary_staff_id = s.id AND k.from_date <= ? "                                   \
	  " AND (k.to_date IS NULL OR k.to_date > ?)), "                                           \
	  "(SELECT count(*) FROM key_assignment k WHERE k.setting_id = s.setting_id "              \
	  " AND k.secondary_staff_id = s.id AND k.from_date <= ? "                                 \
	  " AND (k.to_date IS NULL OR k.to_date > ?)) "                                            \
	  "FROM staff s JOIN staff_room sr ON sr.staff_id = s.id AND sr.setting_id = "             \
	  "s.setting_id "                                                                          \
	  "WHERE s.setting_id = ? AND sr.room_id = ? "                                             \
	  "AND (s.leaving_date IS NULL OR s.leaving_date >= ?) ORDER BY s.id")                     \
	X(REC_SEN_CURRENT,                                                                         \
	  "SELECT status, area_of_need, from_date, notes FROM sen_record WHERE setting_id = ? "    \
	  "AND child_id = ? AND (to_date IS NULL OR to_date >= ?) ORDER BY from_date")             \
	X(REC_SEN_PLANS, "SELECT kind, created_on, review_on, targets, outcome FROM sen_plan "     \
	                 "WHERE setting_id = ? AND child_id = ? ORDER BY created_on")              \
	/* portal: core_portal.c, page_portal.c, api_portal.c (the parent portal: a family's */    \
	/* children, key person and buddy with their week, published diary, shared */              \
	/* observations, */                                                                        \
	/* sent weekly updates, final two-year checks, meetings, messages, absences, consents, */  \
	/* contact changes a manager confirms) */                                                  \
	X(PORTAL_CHILDREN,                                                                         \
	  "SELECT c.id FROM child c JOIN contact ct ON ct.setting_id = c.setting_id "              \
	  "AND ct.family_id = c.family_id WHERE ct.setting_id = ? AND ct.id = ? "                  \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) ORDER BY c.date_of_birth, c.id")    \
	X(PORTAL_CHILD,                                                                            \
	  "SELECT id, first_name, last_name, preferred_name, coalesce(family_id, 0), "             \
	  "CASE WHEN photo IS NULL THEN 0 ELSE 1 END FROM child WHERE setting_id = ? AND id = ?")  \
	X(PORTAL_KEY,                                                                              \
	  "SELECT p.id, p.name, CASE WHEN p.photo IS NULL THEN 0 ELSE 1 END, s.id, s.name, "       \
	  "CASE WHEN s.photo IS NULL THEN 0 ELSE 1 END FROM key_assignment k "                     \
	  "JOIN staff p ON p.id = k.primary_staff_id JOIN staff s ON s.id = k.secondary_staff_id " \
	  "WHERE k.setting_id = ? AND k.child_id = ? AND k.from_date <= ? "                        \
	  "AND (k.to_date IS NULL OR k.to_date > ?)")                                              \
	X(PORTAL_STAFF_WEEK,                                                                       \
	  "SELECT sh.date, sh.start_min, sh.end_min FROM shift sh WHERE sh.setting_id = ? "        \
	  "AND sh.staff_id = ? AND sh.date >= ? AND sh.date < ? AND sh.published = 1 "             \
	  "AND NOT EXISTS (SELECT 1 FROM staff_absence a WHERE a.setting_id = sh.setting_id "      \
	  "AND a.staff_id = sh.staff_id AND a.from_date <= sh.date AND a.to_date >= sh.date) "     \
	  "ORDER BY sh.date, sh.start_min")                                                        \
	X(PORTAL_STAFF_IN_ON,                                                                      \
	  "SELECT 1 FROM shift sh WHERE sh.setting_id = ? AND sh.staff_id = ? AND sh.date = ? "    \
	  "AND sh.published = 1 AND NOT EXISTS (SELECT 1 FROM staff_absence a "                    \
	  "WHERE a.setting_id = sh.setting_id AND a.staff_id = sh.staff_id "                       \
	  "AND a.from_date <= sh.date AND a.to_date >= sh.date)")                                  \
	X(PORTAL_STAFF_OF_FAMILY,                                                                  \
	  "SELECT 1 FROM key_assignment k JOIN child c ON c.setting_id = k.setting_id "            \
	  "AND c.id = k.child_id JOIN contact ct ON ct.setting_id = c.setting_id "                 \
	  "AND ct.family_id = c.family_id WHERE k.setting_id = ? AND ct.id = ? "                   \
	  "AND (k.primary_staff_id = ? OR k.secondary_staff_id = ?) AND k.from_date <= ? "         \
	  "AND (k.to_date IS NULL OR k.to_date > ?)")                                              \
	X(PORTAL_STAFF_PHOTO, "SELECT photo, photo_type FROM staff WHERE setting_id = ? "          \
	                      "AND id = ? AND photo IS NOT NULL")                                  \
	X(PORTAL_STAFF_SET_PHOTO,                                                                  \
	  "UPDATE staff SET photo = ?, photo_type = ? WHERE setting_id = ? AND id = ?")            \
	X(PORTAL_DIARY,                                                                            \
	  "SELECT kind, coalesce(start_min, -1), coalesce(end_min, -1), detail FROM diary_entry "  \
	  "WHERE setting_id = ? AND child_id = ? AND date = ? AND published_at IS NOT NULL "       \
	  "ORDER BY coalesce(start_min, 0), id")                                                   \
	X(PORTAL_OBSERVATIONS,                                                                     \
	  "SELECT o.id, o.date, o.text, o.next_steps, coalesce(s.name, ''), "                      \
	  "coalesce(ct.name, ''), coalesce(o.author_contact_id, 0) FROM observation o "            \
	  "JOIN observation_child oc ON oc.setting_id = o.setting_id "                             \
	  "AND oc.observation_id = o.id LEFT JOIN staff s ON s.id = o.author_staff_id "            \
	  "LEFT JOIN contact ct ON ct.id = o.author_contact_id WHERE o.setting_id = ? "            \
	  "AND oc.child_id = ? AND o.shared = 1 ORDER BY o.date DESC, o.id DESC LIMIT 30")         \
	X(PORTAL_OBSERVATION,                                                                      \
	  "SELECT o.id, o.date, o.text, o.next_steps, coalesce(s.name, ''), "                      \
	  "coalesce(ct.name, ''), coalesce(o.author_contact_id, 0), o.shared FROM observation o "  \
	  "LEFT JOIN staff s ON s.id = o.author_staff_id "                                         \
	  "LEFT JOIN contact ct ON ct.id = o.author_contact_id WHERE o.setting_id = ? "            \
	  "AND o.id = ?")                                                                          \
	X(PORTAL_OBS_CHILDREN,                                                                     \
	  "SELECT c.id, coalesce(nullif(c.preferred_name, ''), c.first_name), "                    \
	  "coalesce(c.family_id, 0) FROM observation_child oc JOIN child c "                       \
	  "ON c.setting_id = oc.setting_id AND c.id = oc.child_id "                                \
	  "WHERE oc.setting_id = ? AND oc.observation_id = ? ORDER BY c.first_name, c.id")         \
	X(PORTAL_OBS_AREAS, "SELECT area_code FROM observation_area WHERE setting_id = ? "         \
	                    "AND observation_id = ? ORDER BY area_code")                           \
	X(PORTAL_OBS_PHOTOS, "SELECT id FROM observation_photo WHERE setting_id = ? "              \
	                     "AND observation_id = ? ORDER BY id")                                 \
	X(PORTAL_CONSENTS,                                                                         \
	  "SELECT id, kind, given, given_on, coalesce(withdrawn_on, '') FROM consent "             \
	  "WHERE setting_id = ? AND child_id = ? ORDER BY kind, given_on, id")                     \
	X(PORTAL_WEEKLY,                                                                           \
	  "SELECT w.week_start, w.text, coalesce(s.name, '') FROM weekly_update w "                \
	  "LEFT JOIN staff s ON s.id = w.author_staff_id WHERE w.setting_id = ? "                  \
	  "AND w.child_id = ? AND w.sent_at IS NOT NULL ORDER BY w.week_start DESC LIMIT 8")       \
	X(PORTAL_TWO_YEAR,                                                                         \
	  "SELECT date, cl_level, cl_text, pd_level, pd_text, psed_level, psed_text, strengths, "  \
	  "concerns, strategies, parent_view FROM two_year_check WHERE setting_id = ? "            \
	  "AND child_id = ? AND status = 'final' ORDER BY date DESC, id DESC LIMIT 1")             \
	X(PORTAL_MEETINGS,                                                                         \
	  "SELECT m.at, m.method, coalesce(s.name, '') FROM progress_meeting m "                   \
	  "LEFT JOIN staff s ON s.id = m.staff_id WHERE m.setting_id = ? AND m.child_id = ? "      \
	  "AND m.at >= ? ORDER BY m.at LIMIT 5")                                                   \
	X(PORTAL_THREAD,                                                                           \
	  "SELECT m.id, coalesce(m.contact_id, 0), coalesce(m.staff_id, 0), "                      \
	  "coalesce(ct.name, s.name, ''), m.text, m.created_at FROM portal_message m "             \
	  "LEFT JOIN contact ct ON ct.id = m.contact_id LEFT JOIN staff s ON s.id = m.staff_id "   \
	  "WHERE m.setting_id = ? AND m.child_id = ? ORDER BY m.id")                               \
	X(PORTAL_MESSAGE_GET,                                                                      \
	  "SELECT m.id, m.child_id, coalesce(m.contact_id, 0), coalesce(m.staff_id, 0), "          \
	  "coalesce(ct.name, s.name, ''), m.text, m.created_at FROM portal_message m "             \
	  "LEFT JOIN contact ct ON ct.id = m.contact_id LEFT JOIN staff s ON s.id = m.staff_id "   \
	  "WHERE m.setting_id = ? AND m.id = ?")                                                   \
	X(PORTAL_MESSAGE_INSERT,                                                                   \
	  "INSERT INTO portal_message (setting_id, child_id, contact_id, staff_id, "               \
	  "author_user_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                        \
	X(PORTAL_UNANSWERED,                                                                       \
	  "SELECT m.id, m.child_id, coalesce(nullif(c.preferred_name, ''), c.first_name) "         \
	  "|| ' ' || c.last_name, ct.name, m.text, m.created_at FROM portal_message m "            \
	  "JOIN child c ON c.setting_id = m.setting_id AND c.id = m.child_id "                     \
	  "JOIN contact ct ON ct.id = m.contact_id WHERE m.setting_id = ? "                        \
	  "AND m.contact_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM portal_message r "           \
	  "WHERE r.setting_id = m.setting_id AND r.child_id = m.child_id AND r.id > m.id) "        \
	  "ORDER BY m.created_at, m.id")                                                           \
	X(PORTAL_ABSENCE_INSERT,                                                                   \
	  "INSERT INTO child_absence (setting_id, child_id, date, reason, notified, note, "        \
	  "follow_up, recorded_by, created_at) VALUES (?, ?, ?, ?, 1, ?, '', ?, ?)")               \
	X(PORTAL_ABSENCES, "SELECT date, reason FROM child_absence WHERE setting_id = ? "          \
	                   "AND child_id = ? AND date >= ? ORDER BY date LIMIT 10")                \
	X(PORTAL_SIGNED_IN_ON, "SELECT 1 FROM register_child WHERE setting_id = ? "                \
	                       "AND child_id = ? AND date = ? AND event = 'in'")                   \
	X(PORTAL_FAMILY_ABSENCES_ON,                                                               \
	  "SELECT a.child_id, coalesce(nullif(c.preferred_name, ''), c.first_name) || ' ' || "     \
	  "c.last_name, a.reason, a.note FROM child_absence a JOIN child c "                       \
	  "ON c.setting_id = a.setting_id AND c.id = a.child_id WHERE a.setting_id = ? "           \
	  "AND a.date = ? AND a.notified = 1 ORDER BY c.last_name, c.first_name, c.id")            \
	X(PORTAL_OBSERVATION_INSERT,                                                               \
	  "INSERT INTO observation (setting_id, author_contact_id, date, text, shared, "           \
	  "created_at) VALUES (?, ?, ?, ?, 1, ?)")                                                 \
	X(PORTAL_OBSERVATION_CHILD_INSERT, "INSERT INTO observation_child (setting_id, "           \
	                                   "observation_id, child_id) VALUES (?, ?, ?)")           \
	X(PORTAL_CONTACT_GET,                                                                      \
	  "SELECT id, family_id, name, phone, email, address, preferred_method, preferred_time, "  \
	  "language FROM contact WHERE setting_id = ? AND id = ?")                                 \
	X(PORTAL_CONTACT_SET_LANGUAGE,                                                             \
	  "UPDATE contact SET language = ? WHERE setting_id = ? AND id = ?")                       \
	X(PORTAL_CONTACT_APPLY,                                                                    \
	  "UPDATE contact SET phone = ?, email = ?, address = ?, preferred_method = ?, "           \
	  "preferred_time = ? WHERE setting_id = ? AND id = ?")                                    \
	X(PORTAL_CHANGE_INSERT,                                                                    \
	  "INSERT INTO contact_change (setting_id, contact_id, phone, email, address, "            \
	  "preferred_method, preferred_time, requested_by, created_at) "                           \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                    \
	X(PORTAL_CHANGE_GET,                                                                       \
	  "SELECT id, contact_id, phone, email, address, preferred_method, preferred_time, "       \
	  "status, created_at FROM contact_change WHERE setting_id = ? AND id = ?")                \
	X(PORTAL_CHANGES_OF,                                                                       \
	  "SELECT id, status, created_at FROM contact_change WHERE setting_id = ? "                \
	  "AND contact_id = ? ORDER BY id DESC LIMIT 10")                                          \
	X(PORTAL_CHANGES_PENDING,                                                                  \
	  "SELECT cc.id, cc.contact_id, ct.name, ct.phone, ct.email, ct.address, "                 \
	  "ct.preferred_method, ct.preferred_time, cc.phone, cc.email, cc.address, "               \
	  "cc.preferred_method, cc.preferred_time, cc.created_at FROM contact_change cc "          \
	  "JOIN contact ct ON ct.id = cc.contact_id WHERE cc.setting_id = ? "                      \
	  "AND cc.status = 'pending' ORDER BY cc.id")                                              \
	X(PORTAL_CHANGE_DECIDE,                                                                    \
	  "UPDATE contact_change SET status = ?, decided_by = ?, decided_at = ? "                  \
	  "WHERE setting_id = ? AND id = ? AND status = 'pending'")                                \
	X(PORTAL_CHILD_ATTENDANCE, "SELECT weekday, arrive_min, leave_min FROM child_attendance "  \
	                           "WHERE setting_id = ? AND child_id = ? ORDER BY weekday")       \
	X(PORTAL_CHILD_BOOKINGS,                                                                   \
	  "SELECT date, arrive_min, leave_min FROM booking WHERE setting_id = ? "                  \
	  "AND child_id = ? AND date >= ? AND date < ? ORDER BY date")                             \
	X(PORTAL_CHILD_ABSENCES_WEEK,                                                              \
	  "SELECT date, reason FROM child_absence WHERE setting_id = ? AND child_id = ? "          \
	  "AND date >= ? AND date < ? ORDER BY date")                                              \
	X(PORTAL_OBS_REPLIES,                                                                      \
	  "SELECT coalesce(ct.name, s.name, ''), r.contact_id IS NOT NULL, r.text, r.created_at "  \
	  "FROM observation_reply r LEFT JOIN contact ct ON ct.id = r.contact_id "                 \
	  "LEFT JOIN staff s ON s.id = r.staff_id WHERE r.setting_id = ? "                         \
	  "AND r.observation_id = ? ORDER BY r.id")                                                \
	X(PORTAL_OBS_REPLY_INSERT,                                                                 \
	  "INSERT INTO observation_reply (setting_id, observation_id, contact_id, text, "          \
	  "created_at) VALUES (?, ?, ?, ?, ?)")                                                    \
	X(PORTAL_DEMO_DIARY_INSERT,                                                                \
	  "INSERT INTO diary_entry (setting_id, child_id, date, kind, start_min, end_min, "        \
	  "detail, author_staff_id, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " \
	  "?)")                                                                                    \
	X(PORTAL_DEMO_CHILD_OF_CONTACT,                                                            \
	  "SELECT c.id, c.room_id FROM child c JOIN contact ct ON ct.setting_id = c.setting_id "   \
	  "AND ct.family_id = c.family_id WHERE ct.setting_id = ? AND ct.id = ? "                  \
	  "ORDER BY c.date_of_birth DESC, c.id LIMIT 1")                                           \
	/* observation: core_observation.c (observations with their children, areas and photos; */ \
	/* coverage per child, area and key person; all about me; settling in; planned */          \
	/* experiences) and the observation rules of authz.c */                                    \
	X(OBS_AREAS, "SELECT code, name, prime FROM learning_area WHERE framework = ? "            \
	             "ORDER BY position")                                                          \
	X(OBS_INSERT, "INSERT INTO observation (setting_id, author_staff_id, date, text, "         \
	              "next_steps, shared, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")              \
	X(OBS_CHILD_INSERT,                                                                        \
	  "INSERT INTO observation_child (setting_id, observation_id, child_id) "                  \
	  "VALUES (?, ?, ?)")                                                                      \
	X(OBS_AREA_INSERT, "INSERT INTO observation_area (setting_id, observation_id, framework, " \
	                   "area_code) VALUES (?, ?, ?, ?)")                                       \
	X(OBS_PHOTO_INSERT, "INSERT INTO observation_photo (setting_id, observation_id, mime, "    \
	                    "bytes) VALUES (?, ?, ?, ?)")                                          \
	X(OBS_GET, "SELECT o.id, o.date, o.text, o.next_steps, o.shared, o.created_at, "           \
	           "coalesce(o.author_staff_id, 0), coalesce(s.name, ''), "                        \
	           "coalesce(o.author_contact_id, 0) FROM observation o "                          \
	           "LEFT JOIN staff s ON s.id = o.author_staff_id "                                \
	           "WHERE o.setting_id = ? AND o.id = ?")                                          \
	X(OBS_CHILDREN, "SELECT c.id, c.first_name, c.last_name, c.preferred_name, "               \
	                "coalesce(c.family_id, 0) FROM observation_child oc "                      \
	                "JOIN child c ON c.id = oc.child_id "                                      \
	                "WHERE oc.setting_id = ? AND oc.observation_id = ? "                       \
	                "ORDER BY c.first_name, c.id")                                             \
	X(OBS_AREAS_OF, "SELECT oa.area_code FROM observation_area oa JOIN learning_area la "      \
	                "ON la.framework = oa.framework AND la.code = oa.area_code "               \
	                "WHERE oa.setting_id = ? AND oa.observation_id = ? ORDER BY la.position")  \
	X(OBS_PHOTOS_OF, "SELECT id FROM observation_photo WHERE setting_id = ? "                  \
	                 "AND observation_id = ? ORDER BY id")                                     \
	X(OBS_OF_CHILD, "SELECT o.id FROM observation o JOIN observation_child oc "                \
	                "ON oc.setting_id = o.setting_id AND oc.observation_id = o.id "            \
	                "WHERE oc.setting_id = ? AND oc.child_id = ? "                             \
	                "ORDER BY o.date DESC, o.id DESC LIMIT ?")                                 \
	X(OBS_RECENT, "SELECT id FROM observation WHERE setting_id = ? AND date >= ? "             \
	              "ORDER BY date DESC, id DESC LIMIT ?")                                       \
	X(OBS_PHOTO, "SELECT observation_id, mime, bytes FROM observation_photo "                  \
	             "WHERE setting_id = ? AND id = ?")                                            \
	X(OBS_COV_CHILDREN,                                                                        \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.room_id, r.name, "          \
	  "coalesce(k.primary_staff_id, 0), coalesce(k.secondary_staff_id, 0), c.start_date "      \
	  "FROM child c JOIN room r ON r.id = c.room_id LEFT JOIN key_assignment k "               \
	  "ON k.setting_id = c.setting_id AND k.child_id = c.id AND k.from_date <= ? "             \
	  "AND (k.to_date IS NULL OR k.to_date > ?) WHERE c.setting_id = ? AND c.start_date <= ? " \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                                   \
	  "ORDER BY r.age_min_months, r.id, c.first_name, c.last_name, c.id")                      \
	X(OBS_COV_AREAS,                                                                           \
	  "SELECT oc.child_id, oa.area_code, "                                                     \
	  "sum(CASE WHEN o.date >= ? THEN 1 ELSE 0 END), max(o.date) FROM observation o "          \
	  "JOIN observation_child oc ON oc.setting_id = o.setting_id AND oc.observation_id = "     \
	  "o.id "                                                                                  \
	  "JOIN observation_area oa ON oa.setting_id = o.setting_id AND oa.observation_id = o.id " \
	  "WHERE o.setting_id = ? AND o.date <= ? GROUP BY oc.child_id, oa.area_code")             \
	X(OBS_COV_TOTALS,                                                                          \
	  "SELECT oc.child_id, count(*) FROM observation o JOIN observation_child oc "             \
	  "ON oc.setting_id = o.setting_id AND oc.observation_id = o.id "                          \
	  "WHERE o.setting_id = ? AND o.date >= ? AND o.date <= ? GROUP BY oc.child_id")           \
	X(OBS_COV_WRITTEN,                                                                         \
	  "SELECT author_staff_id, count(*) FROM observation WHERE setting_id = ? "                \
	  "AND date >= ? AND date <= ? AND author_staff_id IS NOT NULL GROUP BY author_staff_id")  \
	X(OBS_COV_REPORTS,                                                                         \
	  "SELECT staff_id, count(*) FROM (SELECT author_staff_id AS staff_id FROM weekly_update " \
	  "WHERE setting_id = ?1 AND sent_at IS NOT NULL AND week_start >= ?2 "                    \
	  "AND week_start <= ?3 UNION ALL SELECT staff_id FROM two_year_check "                    \
	  "WHERE setting_id = ?1 AND status = 'final' AND date >= ?2 AND date <= ?3) AS r "        \
	  "WHERE staff_id IS NOT NULL GROUP BY staff_id")                                          \
	X(OBS_ABOUT_INSERT, "INSERT INTO child_about (setting_id, child_id, sleep, feeding, "      \
	                    "comforters, home_words, "                                             \
	                    "likes, fears, other, told_by, recorded_by_staff_id, created_at) "     \
	                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                         \
	X(OBS_ABOUT_HISTORY,                                                                       \
	  "SELECT a.id, a.sleep, a.feeding, a.comforters, a.home_words, a.likes, a.fears, "        \
	  "a.other, a.told_by, coalesce(s.name, ''), a.created_at FROM child_about a "             \
	  "LEFT JOIN staff s ON s.id = a.recorded_by_staff_id "                                    \
	  "WHERE a.setting_id = ? AND a.child_id = ? ORDER BY a.id DESC LIMIT ?")                  \
	X(OBS_SETTLING_INSERT,                                                                     \
	  "INSERT INTO settling_visit (setting_id, child_id, date, start_min, end_min, staff_id, " \
	  "plan, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                     \
	X(OBS_SETTLING_UPDATE, "UPDATE settling_visit SET notes = ?, parent_view = ? "             \
	                       "WHERE setting_id = ? AND child_id = ? AND id = ?")                 \
	X(OBS_SETTLING_LIST,                                                                       \
	  "SELECT v.id, v.date, v.start_min, v.end_min, coalesce(s.name, ''), v.plan, v.notes, "   \
	  "v.parent_view FROM settling_visit v LEFT JOIN staff s ON s.id = v.staff_id "            \
	  "WHERE v.setting_id = ? AND v.child_id = ? ORDER BY v.date, v.start_min, v.id")          \
	X(OBS_EXPERIENCE_INSERT,                                                                   \
	  "INSERT INTO planned_experience (setting_id, child_id, key_staff_id, observation_id, "   \
	  "planned_for, text, created_by_staff_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")   \
	X(OBS_EXPERIENCE_DONE,                                                                     \
	  "UPDATE planned_experience SET status = 'done', done_note = ?, done_by_staff_id = ? "    \
	  "WHERE setting_id = ? AND id = ? AND status = 'planned'")                                \
	X(OBS_EXPERIENCE_GET, "SELECT coalesce(child_id, 0), coalesce(key_staff_id, 0) "           \
	                      "FROM planned_experience WHERE setting_id = ? AND id = ?")           \
	X(OBS_EXPERIENCE_LIST,                                                                     \
	  "SELECT e.id, coalesce(e.child_id, 0), coalesce(e.key_staff_id, 0), "                    \
	  "coalesce(e.observation_id, 0), e.planned_for, e.text, e.status, e.done_note, "          \
	  "coalesce(c.first_name, ''), coalesce(c.last_name, ''), coalesce(c.preferred_name, "     \
	  "''), "                                                                                  \
	  "coalesce(k.name, ''), coalesce(d.name, '') FROM planned_experience e "                  \
	  "LEFT JOIN child c ON c.id = e.child_id LEFT JOIN staff k ON k.id = e.key_staff_id "     \
	  "LEFT JOIN staff d ON d.id = e.done_by_staff_id WHERE e.setting_id = ? "                 \
	  "AND e.planned_for >= ? AND e.planned_for <= ? ORDER BY e.planned_for, e.id")            \
	X(OBS_AUTHZ_SHARED, "SELECT shared FROM observation WHERE setting_id = ? AND id = ?")      \
	X(OBS_AUTHZ_CHILDREN, "SELECT child_id FROM observation_child WHERE setting_id = ? "       \
	                      "AND observation_id = ?")                                            \
	X(OBS_AUTHZ_CONSENT,                                                                       \
	  "SELECT given, coalesce(withdrawn_on, '') FROM consent WHERE setting_id = ? "            \
	  "AND child_id = ? AND kind = ? AND given_on <= ? ORDER BY given_on DESC, id DESC LIMIT " \
	  "1")                                                                                     \
	X(OBS_AUTHZ_BUDDY_OF,                                                                      \
	  "SELECT 1 FROM key_assignment WHERE setting_id = ? AND primary_staff_id = ? "            \
	  "AND secondary_staff_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date > ?) "    \
	  "LIMIT 1")                                                                               \
	/* issue 6 (mealtimes, baby training) and the register API: core_ratio.c, */               \
	/* core_today_messages (core_message.c) */                                                 \
	X(RATIO_MEALTIMES, "SELECT name, start_min, end_min FROM mealtime WHERE setting_id = ? "   \
	                   "ORDER BY start_min, id")                                               \
	X(MEALTIME_INSERT,                                                                         \
	  "INSERT INTO mealtime (setting_id, name, start_min, end_min) VALUES (?, ?, ?, ?)")       \
	X(RATIO_DEMO_BABY_TRAINED,                                                                 \
	  "UPDATE staff SET baby_trained = 1 WHERE setting_id = ? AND (qualification >= 3 OR id "  \
	  "IN "                                                                                    \
	  "(SELECT sr.staff_id FROM staff_room sr JOIN room r ON r.id = sr.room_id "               \
	  "WHERE r.setting_id = ? AND r.age_min_months < 24))")                                    \
	/* issue 8: safeguarding concerns (core_concern.c) and the audit page (page_audit.c) */    \
	X(CONCERN_INSERT,                                                                          \
	  "INSERT INTO concern (setting_id, child_id, reported_by_user, reported_by_name, "        \
	  "occurred_at, seen_heard, child_words, body_region, created_at) "                        \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                    \
	X(CONCERN_CHILD_OF, "SELECT child_id FROM concern WHERE setting_id = ? AND id = ?")        \
	X(CONCERN_ADDENDUM_INSERT,                                                                 \
	  "INSERT INTO concern_addendum (setting_id, concern_id, kind, agency, text, by_user, "    \
	  "by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                  \
	X(CONCERN_CHRONOLOGY,                                                                      \
	  "SELECT id, reported_by_name, occurred_at, seen_heard, child_words, body_region, "       \
	  "created_at FROM concern WHERE setting_id = ? AND child_id = ? ORDER BY occurred_at, "   \
	  "id")                                                                                    \
	X(CONCERN_ADDENDA,                                                                         \
	  "SELECT a.id, a.concern_id, a.kind, a.agency, a.text, a.by_name, a.created_at "          \
	  "FROM concern_addendum a JOIN concern c ON c.id = a.concern_id "                         \
	  "WHERE c.setting_id = ? AND c.child_id = ? ORDER BY a.created_at, a.id")                 \
	X(CONCERN_MARK_SEEN,                                                                       \
	  "INSERT INTO concern_seen (setting_id, concern_id, user_id, at) "                        \
	  "SELECT c.setting_id, c.id, ?, ? FROM concern c WHERE c.setting_id = ? "                 \
	  "AND c.child_id = ? AND NOT EXISTS (SELECT 1 FROM concern_seen s "                       \
	  "WHERE s.concern_id = c.id AND s.user_id = ?)")                                          \
	X(CONCERN_CHILDREN,                                                                        \
	  "SELECT c.child_id, ch.first_name, ch.last_name, ch.preferred_name, r.name, count(*), "  \
	  "sum(CASE WHEN s.user_id IS NULL THEN 1 ELSE 0 END), max(c.occurred_at) "                \
	  "FROM concern c JOIN child ch ON ch.id = c.child_id JOIN room r ON r.id = ch.room_id "   \
	  "LEFT JOIN concern_seen s ON s.concern_id = c.id AND s.user_id = ? "                     \
	  "WHERE c.setting_id = ? GROUP BY c.child_id, ch.first_name, ch.last_name, "              \
	  "ch.preferred_name, r.name ORDER BY 7 DESC, 8 DESC, 1")                                  \
	X(CONCERN_UNSEEN,                                                                          \
	  "SELECT count(*) FROM concern c WHERE c.setting_id = ? AND NOT EXISTS "                  \
	  "(SELECT 1 FROM concern_seen s WHERE s.concern_id = c.id AND s.user_id = ?)")            \
	X(CONCERN_STEP_UP_GET,                                                                     \
	  "SELECT coalesce(step_up_at, 0), coalesce(step_up_seen_at, 0) FROM session "             \
	  "WHERE token_hash = ?")                                                                  \
	X(CONCERN_STEP_UP_SEEN, "UPDATE session SET step_up_seen_at = ? WHERE token_hash = ?")     \
	X(CONCERN_STEP_UP_SET,                                                                     \
	  "UPDATE session SET step_up_at = ?, step_up_seen_at = ? WHERE token_hash = ? "           \
	  "AND user_id = ?")                                                                       \
	X(CONCERN_PASSWORD_HASH,                                                                   \
	  "SELECT password_hash FROM app_user WHERE id = ? AND disabled_at IS NULL")               \
	X(CONCERN_CHILD_CHOICES,                                                                   \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name, r.name FROM child c "         \
	  "JOIN room r ON r.id = c.room_id WHERE c.setting_id = ? AND (c.leaving_date IS NULL "    \
	  "OR c.leaving_date >= ?) ORDER BY r.age_min_months, r.id, c.last_name, c.first_name")    \
	X(AUDIT_PAGE,                                                                              \
	  "SELECT a.id, a.at, a.actor, a.action, a.object_kind, coalesce(a.object_id, 0), "        \
	  "coalesce(a.child_id, 0), a.detail, a.ip, coalesce(ch.first_name || ' ' || "             \
	  "ch.last_name, '') FROM audit_log a LEFT JOIN child ch ON ch.id = a.child_id "           \
	  "AND ch.setting_id = a.setting_id WHERE a.setting_id = ? AND (? = 0 OR a.user_id = ?) "  \
	  "AND (? = 0 OR a.child_id = ?) AND (? = '' OR a.object_kind = ?) AND a.at >= ? "         \
	  "AND a.at < ? AND (? = 1 OR (a.object_kind NOT IN ('concern', 'concern_addendum') "      \
	  "AND a.action NOT LIKE 'concern.%')) AND (? = 1 OR a.object_kind NOT IN "                \
	  "('allegation', 'allegation_addendum')) ORDER BY a.id DESC LIMIT ?")                     \
	X(AUDIT_KINDS,                                                                             \
	  "SELECT DISTINCT object_kind FROM audit_log WHERE setting_id = ? AND object_kind <> '' " \
	  "AND (? = 1 OR object_kind NOT IN ('concern', 'concern_addendum')) AND (? = 1 OR "       \
	  "object_kind NOT IN ('allegation', 'allegation_addendum')) ORDER BY 1")                  \
	X(AUDIT_PEOPLE,                                                                            \
	  "SELECT u.id, u.display_name FROM app_user u JOIN user_setting us ON us.user_id = u.id " \
	  "WHERE us.setting_id = ? ORDER BY u.display_name, u.id")                                 \
	/* SEN, behaviour and staff supervision (core_sen.c, core_supervision.c) */                \
	X(SEN_RECORD_CLOSE, "UPDATE sen_record SET to_date = ? WHERE setting_id = ? "              \
	                    "AND child_id = ? AND to_date IS NULL")                                \
	X(SEN_RECORD_INSERT,                                                                       \
	  "INSERT INTO sen_record (setting_id, child_id, status, area_of_need, from_date, notes, " \
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                                              \
	X(SEN_RECORD_CURRENT,                                                                      \
	  "SELECT id, status, area_of_need, from_date, notes FROM sen_record "                     \
	  "WHERE setting_id = ? AND child_id = ? AND to_date IS NULL ORDER BY id DESC LIMIT 1")    \
	X(SEN_PLAN_INSERT,                                                                         \
	  "INSERT INTO sen_plan (setting_id, child_id, kind, created_on, review_on, targets, "     \
	  "shared_with_family, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")        \
	X(SEN_PLAN_LIST,                                                                           \
	  "SELECT id, kind, created_on, COALESCE(review_on, ''), targets, outcome, "               \
	  "shared_with_family FROM sen_plan WHERE setting_id = ? AND child_id = ? "                \
	  "ORDER BY created_on DESC, id DESC")                                                     \
	X(SEN_PLAN_FIND,                                                                           \
	  "SELECT id FROM sen_plan WHERE setting_id = ? AND child_id = ? AND id = ?")              \
	X(SEN_PLAN_SET_REVIEW, "UPDATE sen_plan SET review_on = ?, outcome = ? "                   \
	                       "WHERE setting_id = ? AND id = ?")                                  \
	X(SEN_REVIEW_INSERT,                                                                       \
	  "INSERT INTO plan_review (setting_id, plan_kind, plan_id, child_id, reviewed_on, "       \
	  "outcome, next_review_on, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")  \
	X(SEN_REVIEW_LIST,                                                                         \
	  "SELECT plan_kind, plan_id, reviewed_on, outcome, COALESCE(next_review_on, '') "         \
	  "FROM plan_review WHERE setting_id = ? AND child_id = ? ORDER BY reviewed_on, id")       \
	X(SEN_AGENCY_INSERT,                                                                       \
	  "INSERT INTO sen_agency (setting_id, child_id, agency, contact_name, phone, email, "     \
	  "consent_to_share) VALUES (?, ?, ?, ?, ?, ?, ?)")                                        \
	X(SEN_AGENCY_LIST, "SELECT id, agency, contact_name, phone, email, consent_to_share "      \
	                   "FROM sen_agency WHERE setting_id = ? AND child_id = ? ORDER BY id")    \
	X(SEN_LSA_INSERT,                                                                          \
	  "INSERT INTO lsa_hours (setting_id, child_id, staff_id, hours_per_week, "                \
	  "from_date) VALUES (?, ?, ?, ?, ?)")                                                     \
	X(SEN_LSA_LIST,                                                                            \
	  "SELECT l.id, l.staff_id, s.name, l.hours_per_week, l.from_date FROM lsa_hours l "       \
	  "JOIN staff s ON s.setting_id = l.setting_id AND s.id = l.staff_id "                     \
	  "WHERE l.setting_id = ? AND l.child_id = ? AND (l.to_date IS NULL OR l.to_date >= ?) "   \
	  "ORDER BY l.id")                                                                         \
	X(SEN_STAFF_FIND, "SELECT name FROM staff WHERE setting_id = ? AND id = ?")                \
	X(SEN_PROFILE_GET,                                                                         \
	  "SELECT liked, important, support, shared_with_family FROM sen_profile "                 \
	  "WHERE setting_id = ? AND child_id = ?")                                                 \
	X(SEN_PROFILE_SAVE,                                                                        \
	  "INSERT INTO sen_profile (setting_id, child_id, liked, important, support, "             \
	  "shared_with_family, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "           \
	  "ON CONFLICT (setting_id, child_id) DO UPDATE SET liked = excluded.liked, "              \
	  "important = excluded.important, support = excluded.support, "                           \
	  "shared_with_family = excluded.shared_with_family, updated_by = excluded.updated_by, "   \
	  "updated_at = excluded.updated_at")                                                      \
	X(SEN_REGISTER,                                                                            \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name, r.name, s.status, "           \
	  "s.area_of_need, s.from_date, COALESCE((SELECT MIN(p.review_on) FROM sen_plan p "        \
	  "WHERE p.setting_id = c.setting_id AND p.child_id = c.id AND p.review_on IS NOT NULL "   \
	  "AND p.kind IN ('sen_support', 'ehcp')), ''), "                                          \
	  "COALESCE((SELECT SUM(l.hours_per_week) FROM lsa_hours l WHERE "                         \
	  "l.setting_id = c.setting_id AND l.child_id = c.id AND l.from_date <= ? "                \
	  "AND (l.to_date IS NULL OR l.to_date >= ?)), 0) "                                        \
	  "FROM sen_record s JOIN child c ON c.setting_id = s.setting_id AND c.id = s.child_id "   \
	  "JOIN room r ON r.id = c.room_id WHERE s.setting_id = ? AND s.to_date IS NULL "          \
	  "AND s.status IN ('sen_support', 'ehcp') "                                               \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "                                   \
	  "ORDER BY c.last_name, c.first_name, c.id")                                              \
	X(BEH_INCIDENT_INSERT,                                                                     \
	  "INSERT INTO behaviour_incident (setting_id, child_id, occurred_at, antecedent, "        \
	  "behaviour, consequence, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")      \
	X(BEH_INCIDENT_LIST,                                                                       \
	  "SELECT id, occurred_at, antecedent, behaviour, consequence FROM behaviour_incident "    \
	  "WHERE setting_id = ? AND child_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 200")    \
	X(BEH_PLAN_INSERT,                                                                         \
	  "INSERT INTO behaviour_plan (setting_id, child_id, kind, strategies, start_date, "       \
	  "review_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                                 \
	X(BEH_PLAN_LIST,                                                                           \
	  "SELECT id, kind, strategies, start_date, COALESCE(review_date, ''), outcome "           \
	  "FROM behaviour_plan WHERE setting_id = ? AND child_id = ? "                             \
	  "ORDER BY start_date DESC, id DESC")                                                     \
	X(BEH_PLAN_FIND,                                                                           \
	  "SELECT id FROM behaviour_plan WHERE setting_id = ? AND child_id = ? AND id = ?")        \
	X(BEH_PLAN_SET_REVIEW, "UPDATE behaviour_plan SET review_date = ?, outcome = ? "           \
	                       "WHERE setting_id = ? AND id = ?")                                  \
	X(BEH_INTERVENTION_INSERT,                                                                 \
	  "INSERT INTO behaviour_intervention (setting_id, child_id, what, start_date, "           \
	  "review_date, outcome, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")         \
	X(BEH_INTERVENTION_LIST,                                                                   \
	  "SELECT id, what, start_date, COALESCE(review_date, ''), outcome "                       \
	  "FROM behaviour_intervention WHERE setting_id = ? AND child_id = ? "                     \
	  "ORDER BY start_date DESC, id DESC")                                                     \
	X(BEH_OVERVIEW_INCIDENTS,                                                                  \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name, r.name, COUNT(*) "            \
	  "FROM behaviour_incident i "                                                             \
	  "JOIN child c ON c.setting_id = i.setting_id AND c.id = i.child_id "                     \
	  "JOIN room r ON r.id = c.room_id WHERE i.setting_id = ? AND i.occurred_at >= ? "         \
	  "GROUP BY c.id, c.first_name, c.last_name, c.preferred_name, r.name "                    \
	  "ORDER BY COUNT(*) DESC, c.last_name, c.id")                                             \
	X(BEH_OVERVIEW_DUE,                                                                        \
	  "SELECT p.id, c.id, c.first_name, c.last_name, c.preferred_name, p.kind, "               \
	  "p.review_date FROM behaviour_plan p "                                                   \
	  "JOIN child c ON c.setting_id = p.setting_id AND c.id = p.child_id "                     \
	  "WHERE p.setting_id = ? AND p.review_date IS NOT NULL AND p.review_date <= ? "           \
	  "ORDER BY p.review_date, p.id")                                                          \
	X(SUP_INSERT,                                                                              \
	  "INSERT INTO supervision (setting_id, staff_id, supervisor_staff_id, date, notes, "      \
	  "wellbeing, training_needs, actions, next_due, created_at) "                             \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                 \
	X(SUP_CHILD_INSERT,                                                                        \
	  "INSERT INTO supervision_child (setting_id, supervision_id, child_id) VALUES (?, ?, ?)") \
	X(SUP_LIST,                                                                                \
	  "SELECT s.id, s.date, COALESCE(v.name, ''), s.notes, s.wellbeing, s.training_needs, "    \
	  "s.actions, COALESCE(s.next_due, '') FROM supervision s "                                \
	  "LEFT JOIN staff v ON v.setting_id = s.setting_id AND v.id = s.supervisor_staff_id "     \
	  "WHERE s.setting_id = ? AND s.staff_id = ? ORDER BY s.date DESC, s.id DESC")             \
	X(SUP_CHILDREN,                                                                            \
	  "SELECT sc.supervision_id, c.id, c.first_name, c.last_name, c.preferred_name "           \
	  "FROM supervision_child sc JOIN supervision s ON s.id = sc.supervision_id "              \
	  "JOIN child c ON c.setting_id = sc.setting_id AND c.id = sc.child_id "                   \
	  "WHERE sc.setting_id = ? AND s.staff_id = ? ORDER BY sc.supervision_id, c.last_name")    \
	X(SUP_DUE,                                                                                 \
	  "SELECT st.id, st.code, st.name, st.supervision_weeks, COALESCE((SELECT MAX(s.date) "    \
	  "FROM supervision s WHERE s.setting_id = st.setting_id AND s.staff_id = st.id), '') "    \
	  "FROM staff st WHERE st.setting_id = ? "                                                 \
	  "AND (st.leaving_date IS NULL OR st.leaving_date >= ?) ORDER BY st.code, st.id")         \
	X(SUP_STAFF, "SELECT name, supervision_weeks, COALESCE((SELECT MAX(s.date) FROM "          \
	             "supervision s WHERE s.setting_id = st.setting_id AND s.staff_id = st.id), "  \
	             "'') FROM staff st WHERE st.setting_id = ? AND st.id = ?")                    \
	X(SUP_SET_WEEKS, "UPDATE staff SET supervision_weeks = ? WHERE setting_id = ? AND id = ?") \
	X(SUP_KEY_CHILDREN,                                                                        \
	  "SELECT c.id, c.first_name, c.last_name, c.preferred_name FROM key_assignment k "        \
	  "JOIN child c ON c.setting_id = k.setting_id AND c.id = k.child_id "                     \
	  "WHERE k.setting_id = ? AND k.primary_staff_id = ? AND k.from_date <= ? "                \
	  "AND (k.to_date IS NULL OR k.to_date > ?) ORDER BY c.last_name, c.first_name, c.id")     \
	/* settling in: the family's view of each visit (core_portal, page_portal) */              \
	X(PORTAL_SETTLING_LIST,                                                                    \
	  "SELECT v.id, v.date, v.start_min, v.end_min, coalesce(s.name, ''), v.plan, "            \
	  "v.family_view, coalesce(v.family_view_at, 0) FROM settling_visit v "                    \
	  "LEFT JOIN staff s ON s.id = v.staff_id WHERE v.setting_id = ? AND v.child_id = ? "      \
	  "ORDER BY v.date, v.start_min, v.id")                                                    \
	X(PORTAL_SETTLING_VIEW,                                                                    \
	  "UPDATE settling_visit SET family_view = ?, family_view_contact_id = ?, "                \
	  "family_view_at = ? WHERE setting_id = ? AND child_id = ? AND id = ?")                   \
	X(PORTAL_SETTLING_DEMO,                                                                    \
	  "UPDATE settling_visit SET family_view = ?, family_view_at = ?, "                        \
	  "family_view_contact_id = (SELECT min(k.id) FROM contact k JOIN child c ON "             \
	  "c.family_id = k.family_id WHERE c.id = settling_visit.child_id) "                       \
	  "WHERE setting_id = ? AND id = (SELECT min(v.id) FROM settling_visit v "                 \
	  "WHERE v.setting_id = ?)")                                                               \
	X(SETTLING_FAMILY_VIEW,                                                                    \
	  "SELECT v.family_view, coalesce(v.family_view_at, 0), coalesce(c.name, '') "             \
	  "FROM settling_visit v LEFT JOIN contact c ON c.id = v.family_view_contact_id "          \
	  "WHERE v.setting_id = ? AND v.child_id = ? AND v.id = ?")                                \
	/* a room move's suggestion from the planner (core_transition_plan) */                     \
	X(TRANSITION_CHILD_CODE, "SELECT code FROM child WHERE setting_id = ? AND id = ?")         \
	X(TRANSITION_ROOM_NAME, "SELECT name FROM room WHERE setting_id = ? AND id = ?")           \
	X(TRANSITION_SUGGESTED_SET,                                                                \
	  "UPDATE transition SET suggested_by = ? WHERE setting_id = ? AND id = ?")                \
	X(TRANSITION_SUGGESTED_GET,                                                                \
	  "SELECT suggested_by FROM transition WHERE setting_id = ? AND id = ?")                   \
	/* medicines (issue 8): core_medicine.c (permissions, doses, acknowledgements, */          \
	/* the due-now list of a room) */                                                          \
	X(MED_CONTACT,                                                                             \
	  "SELECT family_id, parental_responsibility, restriction, name FROM contact WHERE "       \
	  "setting_id = ? AND id = ?")                                                             \
	X(MED_CHILD,                                                                               \
	  "SELECT coalesce(family_id, 0), room_id FROM child WHERE setting_id = ? AND id = ?")     \
	X(MED_STAFF_NAME, "SELECT name FROM staff WHERE setting_id = ? AND id = ?")                \
	X(MED_PERMISSION_INSERT,                                                                   \
	  "INSERT INTO medicine_permission (setting_id, child_id, medicine, dose, times, "         \
	  "prescribed, contact_id, from_date, until_date, when_needed, reason, "                   \
	  "min_interval_min, signed_on, source, recorded_by, created_at) VALUES (?, ?, ?, ?, ?,"   \
	  " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                     \
	X(MED_PERMISSION_GET,                                                                      \
	  "SELECT child_id, medicine, when_needed, min_interval_min, from_date, until_date FROM"   \
	  " medicine_permission WHERE setting_id = ? AND id = ?")                                  \
	X(MED_PERMISSION_LIST,                                                                     \
	  "SELECT p.id, p.medicine, p.dose, p.times, p.prescribed, p.when_needed, p.reason, "      \
	  "p.min_interval_min, p.from_date, p.until_date, coalesce(p.signed_on, ''), p.source, "   \
	  "coalesce(k.name, ''), coalesce(k.relationship, '') FROM medicine_permission p LEFT "    \
	  "JOIN contact k ON k.setting_id = p.setting_id AND k.id = p.contact_id WHERE "           \
	  "p.setting_id = ? AND p.child_id = ? ORDER BY p.until_date DESC, p.id DESC")             \
	X(MED_DOSE_INSERT,                                                                         \
	  "INSERT INTO medicine_dose (setting_id, permission_id, given_at, dose, "                 \
	  "given_by_staff_id, witness_staff_id, notes, corrects_id, recorded_by, created_at) "     \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                 \
	X(MED_DOSE_GET,                                                                            \
	  "SELECT d.permission_id, p.child_id, coalesce(d.parent_ack_at, 0), (SELECT count(*) "    \
	  "FROM medicine_dose x WHERE x.setting_id = d.setting_id AND x.corrects_id = d.id) "      \
	  "FROM medicine_dose d JOIN medicine_permission p ON p.setting_id = d.setting_id AND "    \
	  "p.id = d.permission_id WHERE d.setting_id = ? AND d.id = ?")                            \
	X(MED_DOSE_TIMES,                                                                          \
	  "SELECT d.id, d.given_at FROM medicine_dose d WHERE d.setting_id = ? AND "               \
	  "d.permission_id = ? AND NOT EXISTS (SELECT 1 FROM medicine_dose x WHERE x.setting_id"   \
	  " = d.setting_id AND x.corrects_id = d.id) ORDER BY d.given_at, d.id")                   \
	X(MED_DOSE_LIST,                                                                           \
	  "SELECT d.id, d.permission_id, p.medicine, d.given_at, d.dose, g.name, v.name, "         \
	  "d.notes, coalesce(d.corrects_id, 0), coalesce(d.parent_ack_at, 0), d.parent_ack_by, "   \
	  "d.parent_ack_how, (SELECT count(*) FROM medicine_dose x WHERE x.setting_id = "          \
	  "d.setting_id AND x.corrects_id = d.id) FROM medicine_dose d JOIN medicine_permission"   \
	  " p ON p.setting_id = d.setting_id AND p.id = d.permission_id JOIN staff g ON "          \
	  "g.setting_id = d.setting_id AND g.id = d.given_by_staff_id JOIN staff v ON "            \
	  "v.setting_id = d.setting_id AND v.id = d.witness_staff_id WHERE d.setting_id = ? AND"   \
	  " p.child_id = ? ORDER BY d.given_at DESC, d.id DESC")                                   \
	X(MED_DOSE_ACK,                                                                            \
	  "UPDATE medicine_dose SET parent_ack_at = ?, parent_ack_by = ?, parent_ack_how = ? "     \
	  "WHERE setting_id = ? AND id = ? AND parent_ack_at IS NULL")                             \
	X(MED_DUE_CANDIDATES,                                                                      \
	  "SELECT p.id, c.id, c.first_name, c.last_name, c.preferred_name, r.name, p.medicine, "   \
	  "p.dose, p.times, coalesce(k.name, '') FROM medicine_permission p JOIN child c ON "      \
	  "c.setting_id = p.setting_id AND c.id = p.child_id JOIN room r ON r.id = c.room_id "     \
	  "LEFT JOIN key_assignment ka ON ka.setting_id = c.setting_id AND ka.child_id = c.id "    \
	  "AND ka.from_date <= ? AND (ka.to_date IS NULL OR ka.to_date > ?) LEFT JOIN staff k "    \
	  "ON k.id = ka.primary_staff_id WHERE p.setting_id = ? AND (? = 0 OR c.room_id = ?) "     \
	  "AND p.when_needed = 0 AND p.from_date <= ? AND p.until_date >= ? AND c.start_date <="   \
	  " ? AND (c.leaving_date IS NULL OR c.leaving_date >= ?) AND (EXISTS (SELECT 1 FROM "     \
	  "register_child rc WHERE rc.setting_id = c.setting_id AND rc.child_id = c.id AND "       \
	  "rc.date = ? AND rc.event = 'in') OR ((EXISTS (SELECT 1 FROM booking b WHERE "           \
	  "b.setting_id = c.setting_id AND b.child_id = c.id AND b.date = ?) OR EXISTS (SELECT "   \
	  "1 FROM child_attendance a WHERE a.setting_id = c.setting_id AND a.child_id = c.id "     \
	  "AND a.weekday = ?)) AND NOT EXISTS (SELECT 1 FROM child_absence x WHERE x.setting_id"   \
	  " = c.setting_id AND x.child_id = c.id AND x.date = ?))) ORDER BY r.age_min_months, "    \
	  "r.id, c.last_name, c.first_name, c.id, p.id")                                           \
	X(MED_DOSES_BETWEEN,                                                                       \
	  "SELECT d.permission_id, d.given_at FROM medicine_dose d WHERE d.setting_id = ? AND "    \
	  "d.given_at >= ? AND d.given_at < ? AND NOT EXISTS (SELECT 1 FROM medicine_dose x "      \
	  "WHERE x.setting_id = d.setting_id AND x.corrects_id = d.id) ORDER BY "                  \
	  "d.permission_id, d.given_at")                                                           \
	X(MED_FAMILY_CONTACTS,                                                                     \
	  "SELECT k.id, k.name, k.relationship FROM contact k "                                    \
	  "JOIN child c ON c.setting_id = k.setting_id AND "                                       \
	  "c.family_id = k.family_id WHERE c.setting_id = ? AND c.id = ? AND "                     \
	  "k.parental_responsibility = 1 AND k.restriction = 'none' ORDER BY k.id")                \
	X(MED_DEMO_ROOM_STAFF,                                                                     \
	  "SELECT s.id FROM staff s JOIN staff_room sr ON sr.setting_id = s.setting_id AND "       \
	  "sr.staff_id = s.id WHERE s.setting_id = ? AND sr.room_id = ? ORDER BY sr.position, "    \
	  "s.id")                                                                                  \
	X(MED_DEMO_ATTENDS,                                                                        \
	  "SELECT 1 FROM child_attendance WHERE setting_id = ? AND child_id = ? AND weekday = ?")  \
	X(MED_DEMO_PARENT_CHILD,                                                                   \
	  "SELECT min(c.id) FROM child c JOIN contact k ON k.setting_id = c.setting_id AND "       \
	  "k.family_id = c.family_id WHERE c.setting_id = ? AND k.id = (SELECT min(id) FROM "      \
	  "contact WHERE setting_id = ? AND parental_responsibility = 1)")                         \
	/* accidents, incidents, injuries on arrival (core_accident.c) */                          \
	X(ACCIDENT_INSERT,                                                                         \
	  "INSERT INTO accident (setting_id, child_id, kind, occurred_at, location, "              \
	  "what_happened, body_region, first_aid, first_aider_staff_id, witnesses, "               \
	  "parent_account, notifiable, riddor, recorded_by, recorded_by_name, created_at) "        \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                               \
	X(ACCIDENT_GET,                                                                            \
	  "SELECT a.id, a.child_id, c.first_name, c.last_name, c.preferred_name, r.name, "         \
	  "a.kind, a.occurred_at, a.location, a.what_happened, a.body_region, "                    \
	  "a.first_aid, coalesce(s.name, ''), a.witnesses, a.parent_account, "                     \
	  "coalesce(a.parent_informed_at, 0), a.parent_informed_by, a.parent_ack_name, "           \
	  "coalesce(a.parent_ack_at, 0), a.parent_ack_how, a.notifiable, "                         \
	  "coalesce(a.notified_at, 0), a.riddor, coalesce(a.riddor_reported_at, 0), "              \
	  "a.recorded_by_name, a.created_at FROM accident a JOIN child c ON c.setting_id "         \
	  "= a.setting_id AND c.id = a.child_id JOIN room r ON r.id = c.room_id LEFT JOIN "        \
	  "staff s ON s.setting_id = a.setting_id AND s.id = a.first_aider_staff_id WHERE "        \
	  "a.setting_id = ? AND a.id = ?")                                                         \
	X(ACCIDENT_CHILD_LIST,                                                                     \
	  "SELECT a.id, a.child_id, c.first_name, c.last_name, c.preferred_name, r.name, "         \
	  "a.kind, a.occurred_at, a.location, a.what_happened, a.body_region, "                    \
	  "a.first_aid, coalesce(s.name, ''), a.witnesses, a.parent_account, "                     \
	  "coalesce(a.parent_informed_at, 0), a.parent_informed_by, a.parent_ack_name, "           \
	  "coalesce(a.parent_ack_at, 0), a.parent_ack_how, a.notifiable, "                         \
	  "coalesce(a.notified_at, 0), a.riddor, coalesce(a.riddor_reported_at, 0), "              \
	  "a.recorded_by_name, a.created_at FROM accident a JOIN child c ON c.setting_id "         \
	  "= a.setting_id AND c.id = a.child_id JOIN room r ON r.id = c.room_id LEFT JOIN "        \
	  "staff s ON s.setting_id = a.setting_id AND s.id = a.first_aider_staff_id WHERE "        \
	  "a.setting_id = ? AND a.child_id = ? ORDER BY a.occurred_at DESC, a.id DESC "            \
	  "LIMIT 200")                                                                             \
	X(ACCIDENT_SETTING_LIST,                                                                   \
	  "SELECT a.id, a.child_id, c.first_name, c.last_name, c.preferred_name, r.name, "         \
	  "a.kind, a.occurred_at, a.location, a.what_happened, a.body_region, "                    \
	  "a.first_aid, coalesce(s.name, ''), a.witnesses, a.parent_account, "                     \
	  "coalesce(a.parent_informed_at, 0), a.parent_informed_by, a.parent_ack_name, "           \
	  "coalesce(a.parent_ack_at, 0), a.parent_ack_how, a.notifiable, "                         \
	  "coalesce(a.notified_at, 0), a.riddor, coalesce(a.riddor_reported_at, 0), "              \
	  "a.recorded_by_name, a.created_at FROM accident a JOIN child c ON c.setting_id "         \
	  "= a.setting_id AND c.id = a.child_id JOIN room r ON r.id = c.room_id LEFT JOIN "        \
	  "staff s ON s.setting_id = a.setting_id AND s.id = a.first_aider_staff_id WHERE "        \
	  "a.setting_id = ? AND (a.occurred_at >= ? OR (a.notifiable = 1 AND "                     \
	  "a.notified_at IS NULL) OR (a.riddor = 1 AND a.riddor_reported_at IS NULL)) "            \
	  "ORDER BY a.occurred_at DESC, a.id DESC LIMIT 500")                                      \
	X(ACCIDENT_WINDOW,                                                                         \
	  "SELECT a.id, a.child_id, c.first_name, c.last_name, c.preferred_name, r.name, "         \
	  "a.kind, a.occurred_at, a.location, a.what_happened, a.body_region, "                    \
	  "a.first_aid, coalesce(s.name, ''), a.witnesses, a.parent_account, "                     \
	  "coalesce(a.parent_informed_at, 0), a.parent_informed_by, a.parent_ack_name, "           \
	  "coalesce(a.parent_ack_at, 0), a.parent_ack_how, a.notifiable, "                         \
	  "coalesce(a.notified_at, 0), a.riddor, coalesce(a.riddor_reported_at, 0), "              \
	  "a.recorded_by_name, a.created_at FROM accident a JOIN child c ON c.setting_id "         \
	  "= a.setting_id AND c.id = a.child_id JOIN room r ON r.id = c.room_id LEFT JOIN "        \
	  "staff s ON s.setting_id = a.setting_id AND s.id = a.first_aider_staff_id WHERE "        \
	  "a.setting_id = ? AND a.kind IN ('accident', 'existing_injury') AND "                    \
	  "a.occurred_at >= ? AND a.occurred_at < ? ORDER BY a.child_id, a.occurred_at, "          \
	  "a.id")                                                                                  \
	X(ACCIDENT_CHILD_OF, "SELECT child_id FROM accident WHERE setting_id = ? AND id = ?")      \
	X(ACCIDENT_FIRST_AIDER,                                                                    \
	  "SELECT name, coalesce(pfa_expires, '') FROM staff WHERE setting_id = ? AND id "         \
	  "= ?")                                                                                   \
	X(ACCIDENT_FIRST_AIDERS,                                                                   \
	  "SELECT id, name FROM staff WHERE setting_id = ? AND pfa_expires IS NOT NULL "           \
	  "AND pfa_expires >= ? AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY "         \
	  "name, id")                                                                              \
	X(ACCIDENT_SET_TOLD,                                                                       \
	  "UPDATE accident SET parent_informed_at = ?, parent_informed_by = ? WHERE "              \
	  "setting_id = ? AND id = ? AND parent_informed_at IS NULL")                              \
	X(ACCIDENT_SET_ACK,                                                                        \
	  "UPDATE accident SET parent_ack_name = ?, parent_ack_at = ?, parent_ack_how = "          \
	  "?, parent_ack_contact_id = ? WHERE setting_id = ? AND id = ? AND parent_ack_at "        \
	  "IS NULL")                                                                               \
	X(ACCIDENT_SET_NOTIFIED,                                                                   \
	  "UPDATE accident SET notified_at = ? WHERE setting_id = ? AND id = ? AND "               \
	  "notifiable = 1 AND notified_at IS NULL")                                                \
	X(ACCIDENT_SET_RIDDOR,                                                                     \
	  "UPDATE accident SET riddor_reported_at = ? WHERE setting_id = ? AND id = ? AND "        \
	  "riddor = 1 AND riddor_reported_at IS NULL")                                             \
	X(ACCIDENT_DEMO_CHILDREN,                                                                  \
	  "SELECT c.id, c.family_id FROM child c WHERE c.setting_id = ? AND "                      \
	  "(c.leaving_date IS NULL OR c.leaving_date >= ?) ORDER BY c.id")                         \
	X(ACCIDENT_DEMO_PFA,                                                                       \
	  "SELECT id FROM staff WHERE setting_id = ? AND pfa_expires IS NOT NULL AND "             \
	  "pfa_expires >= ? ORDER BY code, id")                                                    \
	/* contracts, funded hours and parental feedback (core_contract) */                        \
	X(CONTRACT_KINDS,                                                                          \
	  "SELECT code, name, hours_per_week, from_months, to_months, working_parents "            \
	  "FROM funding_kind ORDER BY position")                                                   \
	X(CONTRACT_CHILD,                                                                          \
	  "SELECT first_name, last_name, preferred_name, date_of_birth, start_date FROM "          \
	  "child WHERE setting_id = ? AND id = ?")                                                 \
	X(CONTRACT_GET,                                                                            \
	  "SELECT id, start_date, coalesce(signed_on, ''), fee_basis, fee_pence, notes, "          \
	  "review_on, coalesce(reviewed_on, '') FROM contract WHERE setting_id = ? AND "           \
	  "child_id = ?")                                                                          \
	X(CONTRACT_INSERT,                                                                         \
	  "INSERT INTO contract (setting_id, child_id, start_date, signed_on, fee_basis, "         \
	  "fee_pence, notes, review_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "        \
	  "?, ?, ?, ?)")                                                                           \
	X(CONTRACT_UPDATE,                                                                         \
	  "UPDATE contract SET start_date = ?, signed_on = ?, fee_basis = ?, fee_pence = "         \
	  "?, notes = ?, review_on = ?, updated_at = ? WHERE setting_id = ? AND child_id "         \
	  "= ?")                                                                                   \
	X(CONTRACT_REVIEWED,                                                                       \
	  "UPDATE contract SET reviewed_on = ?, review_on = ?, updated_at = ? WHERE "              \
	  "setting_id = ? AND child_id = ?")                                                       \
	X(CONTRACT_PATTERN,                                                                        \
	  "SELECT weekday, arrive_min, leave_min FROM child_attendance WHERE setting_id = "        \
	  "? AND child_id = ? ORDER BY weekday")                                                   \
	X(CONTRACT_FUNDING_LIST,                                                                   \
	  "SELECT f.kind, k.name, k.hours_per_week, f.eligibility_code, f.recorded_on, "           \
	  "f.starts_on FROM child_funding f JOIN funding_kind k ON k.code = f.kind WHERE "         \
	  "f.setting_id = ? AND f.child_id = ? ORDER BY f.starts_on DESC, f.id DESC")              \
	X(CONTRACT_FUNDING_ON,                                                                     \
	  "SELECT f.kind, k.hours_per_week FROM child_funding f JOIN funding_kind k ON "           \
	  "k.code = f.kind WHERE f.setting_id = ? AND f.child_id = ? AND f.starts_on <= ? "        \
	  "ORDER BY f.starts_on DESC, f.id DESC LIMIT 1")                                          \
	X(CONTRACT_FUNDING_INSERT,                                                                 \
	  "INSERT INTO child_funding (setting_id, child_id, kind, eligibility_code, "              \
	  "recorded_on, starts_on, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "         \
	  "?)")                                                                                    \
	X(CONTRACT_REGISTER,                                                                       \
	  "SELECT id, child_id, event, at, coalesce(corrects_id, 0), date FROM "                   \
	  "register_child WHERE setting_id = ? AND child_id = ? AND date >= ? AND date <= "        \
	  "? ORDER BY date, at, id")                                                               \
	X(CONTRACT_ROLL,                                                                           \
	  "SELECT ch.id, ch.first_name, ch.last_name, ch.preferred_name, r.name, "                 \
	  "coalesce(ct.review_on, ''), coalesce(ct.fee_basis, ''), coalesce((SELECT "              \
	  "f.kind FROM child_funding f WHERE f.setting_id = ch.setting_id AND f.child_id "         \
	  "= ch.id AND f.starts_on <= ? ORDER BY f.starts_on DESC, f.id DESC LIMIT 1), "           \
	  "'') FROM child ch JOIN room r ON r.id = ch.room_id LEFT JOIN contract ct ON "           \
	  "ct.setting_id = ch.setting_id AND ct.child_id = ch.id WHERE ch.setting_id = ? "         \
	  "AND ch.start_date <= ? AND (ch.leaving_date IS NULL OR ch.leaving_date >= ?) "          \
	  "ORDER BY ch.last_name, ch.first_name, ch.id")                                           \
	X(CONTRACT_CONTACT_FAMILY,                                                                 \
	  "SELECT family_id FROM contact WHERE setting_id = ? AND id = ? AND restriction "         \
	  "NOT IN ('no_information', 'no_contact')")                                               \
	X(CONTRACT_DEMO_CHILDREN,                                                                  \
	  "SELECT id, date_of_birth, start_date, funding FROM child WHERE setting_id = ? "         \
	  "ORDER BY id")                                                                           \
	X(CONTRACT_DEMO_REGISTER,                                                                  \
	  "INSERT INTO register_child (setting_id, child_id, date, event, at, note, "              \
	  "created_at) VALUES (?, ?, ?, ?, ?, '', ?)")                                             \
	X(FEEDBACK_UPDATE,                                                                         \
	  "UPDATE feedback_response SET settling = ?, key_person = ?, learning = ?, food "         \
	  "= ?, overall = ?, comment = ?, contact_id = ?, updated_at = ? WHERE setting_id "        \
	  "= ? AND family_id = ? AND term_start = ?")                                              \
	X(FEEDBACK_INSERT,                                                                         \
	  "INSERT INTO feedback_response (settling, key_person, learning, food, overall, "         \
	  "comment, contact_id, updated_at, setting_id, family_id, term_start, "                   \
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                               \
	X(FEEDBACK_GET,                                                                            \
	  "SELECT settling, key_person, learning, food, overall, comment, id FROM "                \
	  "feedback_response WHERE setting_id = ? AND family_id = ? AND term_start = ?")           \
	X(FEEDBACK_TERM,                                                                           \
	  "SELECT f.settling, f.key_person, f.learning, f.food, f.overall, f.comment, "            \
	  "fa.name FROM feedback_response f JOIN family fa ON fa.id = f.family_id WHERE "          \
	  "f.setting_id = ? AND f.term_start = ? ORDER BY f.comment, fa.name, f.id")               \
	X(FEEDBACK_TERMS,                                                                          \
	  "SELECT term_start FROM feedback_response WHERE setting_id = ? GROUP BY "                \
	  "term_start ORDER BY term_start DESC")                                                   \
	X(FEEDBACK_FAMILIES,                                                                       \
	  "SELECT count(DISTINCT family_id) FROM child WHERE setting_id = ? AND family_id "        \
	  "IS NOT NULL AND start_date <= ? AND (leaving_date IS NULL OR leaving_date >= "          \
	  "?)")                                                                                    \
	X(FEEDBACK_ANON_GET, "SELECT feedback_anonymous FROM setting WHERE id = ?")                \
	X(FEEDBACK_ANON_SET, "UPDATE setting SET feedback_anonymous = ? WHERE id = ?")             \
	X(FEEDBACK_DEMO_FAMILIES,                                                                  \
	  "SELECT f.id, coalesce(min(k.id), 0) FROM family f LEFT JOIN contact k ON "              \
	  "k.setting_id = f.setting_id AND k.family_id = f.id WHERE f.setting_id = ? "             \
	  "GROUP BY f.id ORDER BY f.id")                                                           \
	/* issue 8: welfare patterns (core_welfare.c), allegations against staff */                \
	/* (core_allegation.c) and the concern email (core_mail.c) */                              \
	X(WELFARE_RULE_GET, "SELECT repeated_absences, repeated_weeks, prolonged_days, "           \
	                    "prolonged_calendar_days FROM welfare_rule WHERE setting_id = ?")      \
	X(WELFARE_RULE_SET,                                                                        \
	  "INSERT INTO welfare_rule (setting_id, repeated_absences, repeated_weeks, "              \
	  "prolonged_days, prolonged_calendar_days, updated_by, updated_at) VALUES (?, ?, ?, ?, "  \
	  "?, ?, ?) ON CONFLICT (setting_id) DO UPDATE SET repeated_absences = "                   \
	  "excluded.repeated_absences, repeated_weeks = excluded.repeated_weeks, prolonged_days "  \
	  "= excluded.prolonged_days, prolonged_calendar_days = "                                  \
	  "excluded.prolonged_calendar_days, updated_by = excluded.updated_by, updated_at = "      \
	  "excluded.updated_at")                                                                   \
	X(WELFARE_CHILDREN,                                                                        \
	  "SELECT c.id, c.code, c.first_name, c.last_name, c.preferred_name, r.name, "             \
	  "c.start_date, coalesce(c.leaving_date, '') FROM child c JOIN room r ON r.id = "         \
	  "c.room_id WHERE c.setting_id = ? AND c.start_date <= ? AND (c.leaving_date IS NULL OR " \
	  "c.leaving_date >= ?) ORDER BY c.id")                                                    \
	X(WELFARE_ATTENDANCE,                                                                      \
	  "SELECT child_id, weekday FROM child_attendance WHERE setting_id = ?")                   \
	X(WELFARE_BOOKINGS,                                                                        \
	  "SELECT child_id, date FROM booking WHERE setting_id = ? AND date >= ? AND date <= ?")   \
	X(WELFARE_ABSENCES, "SELECT child_id, date, reason FROM child_absence WHERE setting_id = " \
	                    "? AND date >= ? AND date <= ? ORDER BY child_id, date")               \
	X(WELFARE_SIGNED_IN, "SELECT child_id, date FROM register_child WHERE "                    \
	                     "setting_id = ? AND date >= ? AND date <= ? AND event = 'in'")        \
	X(WELFARE_REGISTER_KEPT,                                                                   \
	  "SELECT 1 FROM register_child WHERE setting_id = ? AND date = ? LIMIT 1")                \
	X(WELFARE_TWOYEAR,                                                                         \
	  "SELECT child_id, date, psed_level, cl_level, pd_level FROM two_year_check WHERE "       \
	  "setting_id = ? ORDER BY child_id, date DESC, id DESC")                                  \
	X(WELFARE_REVIEWS,                                                                         \
	  "SELECT child_id, at, psed_level, cl_level, pd_level FROM progress_meeting WHERE "       \
	  "setting_id = ? AND status = 'held' ORDER BY child_id, at DESC, id DESC")                \
	X(WELFARE_REVIEW_LEVELS, "UPDATE progress_meeting SET psed_level = ?, cl_level = ?, "      \
	                         "pd_level = ? WHERE setting_id = ? AND id = ? AND child_id = ?")  \
	X(WELFARE_DEMO_CHILDREN,                                                                   \
	  "SELECT c.id FROM child c WHERE c.setting_id = ? AND c.leaving_date IS NULL AND "        \
	  "(SELECT count(*) FROM child_attendance a WHERE a.child_id = c.id) >= 4 ORDER BY c.id")  \
	X(WELFARE_DEMO_ABSENCE,                                                                    \
	  "INSERT INTO child_absence (setting_id, child_id, date, reason, notified, note, "        \
	  "follow_up, recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)")             \
	X(ALLEGATION_INSERT,                                                                       \
	  "INSERT INTO allegation (setting_id, staff_id, alleged, occurred_on, reported_on, "      \
	  "reported_by, ofsted_due, staff_date_of_birth, retain_until, recorded_by_user, "         \
	  "recorded_by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")             \
	X(ALLEGATION_ADDENDUM_INSERT,                                                              \
	  "INSERT INTO allegation_addendum (setting_id, allegation_id, kind, on_date, text, "      \
	  "by_user, by_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                         \
	X(ALLEGATION_ABOUT, "SELECT 1 FROM allegation WHERE setting_id = ? AND staff_id = ?")      \
	X(ALLEGATION_STAFF_OF, "SELECT staff_id FROM allegation WHERE setting_id = ? AND id = ?")  \
	X(ALLEGATION_STAFF,                                                                        \
	  "SELECT name, coalesce(date_of_birth, '') FROM staff WHERE setting_id = ? AND id = ?")   \
	X(ALLEGATION_STAFF_CHOICES,                                                                \
	  "SELECT id, name, code, coalesce(date_of_birth, '') FROM staff WHERE setting_id = ? "    \
	  "AND (leaving_date IS NULL OR leaving_date >= ?) ORDER BY name, id")                     \
	X(ALLEGATION_LIST,                                                                         \
	  "SELECT a.id, a.staff_id, s.name, a.occurred_on, a.reported_on, a.ofsted_due, "          \
	  "a.retain_until, coalesce((SELECT min(d.on_date) FROM allegation_addendum d WHERE "      \
	  "d.allegation_id = a.id AND d.kind = 'lado_referral'), ''), coalesce((SELECT "           \
	  "min(d.on_date) FROM allegation_addendum d WHERE d.allegation_id = a.id AND d.kind = "   \
	  "'ofsted_notified'), ''), (SELECT count(*) FROM allegation_addendum d WHERE "            \
	  "d.allegation_id = a.id AND d.kind = 'outcome'), a.alleged, a.reported_by, "             \
	  "a.staff_date_of_birth, a.recorded_by_name, a.created_at FROM allegation a JOIN staff "  \
	  "s ON s.id = a.staff_id WHERE a.setting_id = ? AND a.staff_id <> ? AND (? = 0 OR a.id "  \
	  "= ?) ORDER BY a.reported_on DESC, a.id DESC")                                           \
	X(ALLEGATION_ADDENDA,                                                                      \
	  "SELECT id, kind, on_date, text, by_name, created_at FROM allegation_addendum WHERE "    \
	  "setting_id = ? AND allegation_id = ? ORDER BY created_at, id")                          \
	X(ALLEGATION_OVERDUE,                                                                      \
	  "SELECT count(*) FROM allegation a WHERE a.setting_id = ? AND a.staff_id <> ? AND "      \
	  "a.ofsted_due < ? AND NOT EXISTS (SELECT 1 FROM allegation_addendum d WHERE "            \
	  "d.allegation_id = a.id AND d.kind = 'ofsted_notified')")                                \
	X(ALLEGATION_DEMO_STAFF, "SELECT id FROM staff WHERE setting_id = ? AND dsl = 0 AND code " \
	                         "<> 'S01' ORDER BY id DESC")                                      \
	X(MAIL_DSL_ADDRESSES,                                                                      \
	  "SELECT DISTINCT s.email FROM staff s WHERE s.setting_id = ? AND s.email <> '' AND "     \
	  "s.leaving_date IS NULL AND (s.dsl = 1 OR s.id IN (SELECT us.staff_id FROM "             \
	  "user_setting us JOIN user_role ur ON ur.user_id = us.user_id AND ur.setting_id = "      \
	  "us.setting_id JOIN app_user u ON u.id = us.user_id WHERE us.setting_id = s.setting_id " \
	  "AND ur.role = 'dsl' AND u.disabled_at IS NULL)) ORDER BY s.email")                      \
	X(MAIL_CHILD_NAME, "SELECT first_name, last_name, preferred_name FROM child WHERE "        \
	                   "setting_id = ? AND id = ?")                                            \
	/* menus and allergens, family details, health visitor, programmes (issue 9: */            \
	/* core_menu.c, core_family.c) */                                                          \
	X(MENU_DISH_INSERT, "INSERT INTO dish (setting_id, name, allergens, diets, created_at) "   \
	                    "VALUES (?, ?, ?, ?, ?)")                                              \
	X(MENU_DISHES, "SELECT id, name, allergens, diets FROM dish WHERE setting_id = ? "         \
	               "ORDER BY name, id")                                                        \
	X(MENU_DISH_GET, "SELECT name FROM dish WHERE setting_id = ? AND id = ?")                  \
	X(MENU_MEALTIMES, "SELECT id, name, start_min FROM mealtime WHERE setting_id = ? "         \
	                  "ORDER BY start_min, id")                                                \
	X(MENU_MEALTIME_GET, "SELECT name FROM mealtime WHERE setting_id = ? AND id = ?")          \
	X(MENU_ITEM_INSERT,                                                                        \
	  "INSERT INTO menu_item (setting_id, date, mealtime_id, dish_id, created_by, "            \
	  "created_at) VALUES (?, ?, ?, ?, ?, ?)")                                                 \
	X(MENU_ITEM_GET, "SELECT date FROM menu_item WHERE setting_id = ? AND id = ?")             \
	X(MENU_ITEM_DELETE, "DELETE FROM menu_item WHERE setting_id = ? AND id = ?")               \
	X(MENU_ITEMS_BETWEEN,                                                                      \
	  "SELECT i.id, i.date, i.mealtime_id, m.name, m.start_min, d.id, d.name, d.allergens, "   \
	  "d.diets FROM menu_item i JOIN mealtime m ON m.id = i.mealtime_id "                      \
	  "JOIN dish d ON d.setting_id = i.setting_id AND d.id = i.dish_id "                       \
	  "WHERE i.setting_id = ? AND i.date >= ? AND i.date <= ? "                                \
	  "ORDER BY i.date, m.start_min, d.name, i.id")                                            \
	X(MENU_CHILD_DIET_GET,                                                                     \
	  "SELECT allergens, diets FROM child_diet WHERE setting_id = ? AND child_id = ?")         \
	X(MENU_CHILD_DIET_SET,                                                                     \
	  "INSERT INTO child_diet (setting_id, child_id, allergens, diets, updated_by, "           \
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (setting_id, child_id) DO UPDATE "    \
	  "SET allergens = excluded.allergens, diets = excluded.diets, "                           \
	  "updated_by = excluded.updated_by, updated_at = excluded.updated_at")                    \
	X(MENU_CHILD_DIETS, "SELECT child_id, allergens, diets FROM child_diet "                   \
	                    "WHERE setting_id = ? AND (allergens <> 0 OR diets <> 0)")             \
	X(FAMILY_EMERGENCY_OF,                                                                     \
	  "SELECT id, name, relationship, phone FROM contact WHERE setting_id = ? "                \
	  "AND family_id = ? AND emergency = 1 AND parental_responsibility = 0 ORDER BY id")       \
	X(FAMILY_CONTACT_GET,                                                                      \
	  "SELECT family_id, name, relationship, phone, emergency, parental_responsibility "       \
	  "FROM contact WHERE setting_id = ? AND id = ?")                                          \
	X(FAMILY_EMERGENCY_INSERT,                                                                 \
	  "INSERT INTO contact (setting_id, family_id, name, relationship, emergency, phone) "     \
	  "VALUES (?, ?, ?, ?, 1, ?)")                                                             \
	X(FAMILY_EMERGENCY_UPDATE,                                                                 \
	  "UPDATE contact SET name = ?, relationship = ?, phone = ? WHERE setting_id = ? "         \
	  "AND id = ? AND emergency = 1 AND parental_responsibility = 0")                          \
	X(FAMILY_CHANGE_INSERT,                                                                    \
	  "INSERT INTO family_change (setting_id, family_id, contact_id, kind, was_text, "         \
	  "now_text, requested_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                   \
	X(FAMILY_CHANGES_OPEN,                                                                     \
	  "SELECT fc.id, fc.family_id, f.name, fc.kind, fc.was_text, fc.now_text, fc.created_at "  \
	  "FROM family_change fc JOIN family f ON f.setting_id = fc.setting_id "                   \
	  "AND f.id = fc.family_id WHERE fc.setting_id = ? AND fc.ack_at IS NULL ORDER BY fc.id")  \
	X(FAMILY_CHANGES_OF,                                                                       \
	  "SELECT kind, now_text, created_at, ack_at FROM family_change WHERE setting_id = ? "     \
	  "AND family_id = ? ORDER BY id DESC LIMIT 10")                                           \
	X(FAMILY_CHANGE_GET,                                                                       \
	  "SELECT family_id, ack_at FROM family_change WHERE setting_id = ? AND id = ?")           \
	X(FAMILY_CHANGE_ACK,                                                                       \
	  "UPDATE family_change SET ack_by = ?, ack_at = ? WHERE setting_id = ? AND id = ? "       \
	  "AND ack_at IS NULL")                                                                    \
	X(FAMILY_CHILDREN, "SELECT id FROM child WHERE setting_id = ? AND family_id = ? "          \
	                   "ORDER BY id")                                                          \
	X(HEALTH_NOTE_INSERT,                                                                      \
	  "INSERT INTO health_note (setting_id, child_id, date, text, contact_id, "                \
	  "author_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                              \
	X(HEALTH_NOTES_ON,                                                                         \
	  "SELECT h.id, h.child_id, c.first_name, c.last_name, c.preferred_name, h.text, "         \
	  "h.created_at, COALESCE(k.name, ''), h.ack_at FROM health_note h "                       \
	  "JOIN child c ON c.setting_id = h.setting_id AND c.id = h.child_id "                     \
	  "LEFT JOIN contact k ON k.setting_id = h.setting_id AND k.id = h.contact_id "            \
	  "WHERE h.setting_id = ? AND h.date = ? "                                                 \
	  "ORDER BY CASE WHEN h.ack_at IS NULL THEN 0 ELSE 1 END, h.created_at, h.id")             \
	X(HEALTH_NOTES_OF_CHILD,                                                                   \
	  "SELECT id, date, text, created_at, ack_at FROM health_note WHERE setting_id = ? "       \
	  "AND child_id = ? AND date >= ? ORDER BY date, id")                                      \
	X(HEALTH_NOTES_OPEN_ON,                                                                    \
	  "SELECT child_id, min(id) FROM health_note WHERE setting_id = ? AND date = ? "           \
	  "AND ack_at IS NULL GROUP BY child_id ORDER BY child_id")                                \
	X(HEALTH_NOTE_OPEN_OF,                                                                     \
	  "SELECT id FROM health_note WHERE setting_id = ? AND date = ? AND child_id = ? "         \
	  "AND ack_at IS NULL ORDER BY id")                                                        \
	X(HEALTH_NOTE_GET,                                                                         \
	  "SELECT child_id, ack_at FROM health_note WHERE setting_id = ? AND id = ?")              \
	X(HEALTH_NOTE_ACK,                                                                         \
	  "UPDATE health_note SET ack_by = ?, ack_at = ? WHERE setting_id = ? AND id = ? "         \
	  "AND ack_at IS NULL")                                                                    \
	X(HV_REVIEW_SET,                                                                           \
	  "INSERT INTO hv_review (setting_id, child_id, review_on, entered_by, entered_as, "       \
	  "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (setting_id, child_id) DO UPDATE "    \
	  "SET review_on = excluded.review_on, entered_by = excluded.entered_by, "                 \
	  "entered_as = excluded.entered_as, updated_at = excluded.updated_at")                    \
	X(HV_REVIEW_GET,                                                                           \
	  "SELECT review_on, entered_as FROM hv_review WHERE setting_id = ? AND child_id = ?")     \
	X(HV_REVIEWS, "SELECT child_id, review_on FROM hv_review WHERE setting_id = ?")            \
	X(SEN_PROGRAMME_INSERT,                                                                    \
	  "INSERT INTO sen_programme (setting_id, child_id, plan_id, professional, "               \
	  "professional_name, target, delivered_by, how_often, created_by, created_at) "           \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                                 \
	X(SEN_PROGRAMMES_OF,                                                                       \
	  "SELECT id, plan_id, professional, professional_name, target, delivered_by, how_often "  \
	  "FROM sen_programme WHERE setting_id = ? AND child_id = ? ORDER BY plan_id, id")         \
	X(SEN_PROGRAMME_PLANS,                                                                     \
	  "SELECT id, kind, created_on FROM sen_plan WHERE setting_id = ? AND child_id = ? "       \
	  "AND kind IN ('sen_support', 'ehcp') ORDER BY id")                                       \
	X(FAMILY_DEMO_PARENT,                                                                      \
	  "SELECT c.id, k.id, k.family_id FROM child c JOIN contact k ON k.setting_id = "          \
	  "c.setting_id AND k.family_id = c.family_id AND k.parental_responsibility = 1 "          \
	  "WHERE c.setting_id = ? ORDER BY k.id, c.id LIMIT 1")                                    \
	X(FAMILY_DEMO_CHILDREN,                                                                    \
	  "SELECT id, date_of_birth FROM child WHERE setting_id = ? ORDER BY id")                  \
	X(FAMILY_DEMO_PLAN, "SELECT id, child_id FROM sen_plan WHERE setting_id = ? AND kind IN "  \
	                    "('sen_support', 'ehcp') ORDER BY id LIMIT 1")                         \
	/* issue 9: policies signed by families and notices with read receipts (core_policy.c, */  \
	/* page_policy.c, the policy and notice rules of authz.c). A family is asked to sign */    \
	/* when it has a child not yet left and a parent with parental responsibility whom no */   \
	/* court order shuts out. */                                                               \
	X(POLICY_INSERT,                                                                           \
	  "INSERT INTO policy (setting_id, kind, title, created_at) VALUES (?, ?, ?, ?)")          \
	X(POLICY_VERSION_INSERT,                                                                   \
	  "INSERT INTO policy_version (setting_id, policy_id, version, text, published_on, "       \
	  "published_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                                \
	X(POLICY_GET, "SELECT id, kind, title FROM policy WHERE setting_id = ? AND id = ?")        \
	X(POLICY_VERSION_GET, "SELECT id, version, text, published_on FROM policy_version "        \
	                      "WHERE setting_id = ? AND policy_id = ? AND version = ?")            \
	X(POLICY_VERSION_CURRENT,                                                                  \
	  "SELECT id, version, text, published_on FROM policy_version "                            \
	  "WHERE setting_id = ? AND policy_id = ? ORDER BY version DESC LIMIT 1")                  \
	X(POLICY_VERSIONS,                                                                         \
	  "SELECT v.id, v.version, v.published_on, (SELECT count(*) FROM policy_signature s "      \
	  "WHERE s.setting_id = v.setting_id AND s.version_id = v.id) FROM policy_version v "      \
	  "WHERE v.setting_id = ? AND v.policy_id = ? ORDER BY v.version DESC")                    \
	X(POLICY_LIST,                                                                             \
	  "SELECT p.id, p.kind, p.title, v.id, v.version, v.published_on FROM policy p "           \
	  "JOIN policy_version v ON v.setting_id = p.setting_id AND v.policy_id = p.id "           \
	  "AND v.version = (SELECT max(x.version) FROM policy_version x "                          \
	  "WHERE x.setting_id = p.setting_id AND x.policy_id = p.id) "                             \
	  "WHERE p.setting_id = ? ORDER BY p.title, p.id")                                         \
	X(POLICY_UNSIGNED,                                                                         \
	  "SELECT f.id, f.name, k.name FROM family f JOIN contact k ON k.setting_id = "            \
	  "f.setting_id "                                                                          \
	  "AND k.family_id = f.id AND k.parental_responsibility = 1 "                              \
	  "AND k.restriction NOT IN ('no_information', 'no_contact') WHERE f.setting_id = ? "      \
	  "AND EXISTS (SELECT 1 FROM child c WHERE c.setting_id = f.setting_id "                   \
	  "AND c.family_id = f.id AND (c.leaving_date IS NULL OR c.leaving_date >= ?)) "           \
	  "AND NOT EXISTS (SELECT 1 FROM policy_signature s WHERE s.setting_id = f.setting_id "    \
	  "AND s.version_id = ? AND s.family_id = f.id) ORDER BY f.name, f.id, k.id")              \
	X(POLICY_SIGNATURES,                                                                       \
	  "SELECT s.family_id, f.name, s.signed_name, k.name, s.signed_on FROM policy_signature "  \
	  "s "                                                                                     \
	  "JOIN family f ON f.setting_id = s.setting_id AND f.id = s.family_id "                   \
	  "JOIN contact k ON k.setting_id = s.setting_id AND k.id = s.contact_id "                 \
	  "WHERE s.setting_id = ? AND s.version_id = ? ORDER BY f.name, f.id")                     \
	X(POLICY_FAMILY_SIGNATURES,                                                                \
	  "SELECT v.version, s.signed_name, s.signed_on, v.id FROM policy_signature s "            \
	  "JOIN policy_version v ON v.setting_id = s.setting_id AND v.id = s.version_id "          \
	  "WHERE s.setting_id = ? AND v.policy_id = ? AND s.family_id = ? ORDER BY v.version "     \
	  "DESC")                                                                                  \
	X(POLICY_SIGN_INSERT,                                                                      \
	  "INSERT INTO policy_signature (setting_id, version_id, family_id, contact_id, "          \
	  "signed_name, signed_on, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")          \
	X(POLICY_CONTACT, "SELECT family_id, parental_responsibility, restriction FROM contact "   \
	                  "WHERE setting_id = ? AND id = ?")                                       \
	X(POLICY_DEMO_PARENTS,                                                                     \
	  "SELECT k.family_id, k.id, k.name FROM contact k WHERE k.setting_id = ? "                \
	  "AND k.parental_responsibility = 1 AND k.id = (SELECT min(j.id) FROM contact j "         \
	  "WHERE j.setting_id = k.setting_id AND j.family_id = k.family_id "                       \
	  "AND j.parental_responsibility = 1) ORDER BY k.family_id")                               \
	X(NOTICE_INSERT,                                                                           \
	  "INSERT INTO notice (setting_id, room_id, title, text, published_on, author_user_id, "   \
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")                                              \
	X(NOTICE_ROOM, "SELECT name FROM room WHERE setting_id = ? AND id = ?")                    \
	X(NOTICE_GET,                                                                              \
	  "SELECT n.id, coalesce(n.room_id, 0), coalesce(r.name, ''), n.title, n.text, "           \
	  "n.published_on, (SELECT count(*) FROM notice_read x WHERE x.setting_id = n.setting_id " \
	  "AND x.notice_id = n.id) FROM notice n LEFT JOIN room r ON r.setting_id = n.setting_id " \
	  "AND r.id = n.room_id WHERE n.setting_id = ? AND n.id = ?")                              \
	X(NOTICE_LIST,                                                                             \
	  "SELECT n.id, coalesce(n.room_id, 0), coalesce(r.name, ''), n.title, n.text, "           \
	  "n.published_on, (SELECT count(*) FROM notice_read x WHERE x.setting_id = n.setting_id " \
	  "AND x.notice_id = n.id) FROM notice n LEFT JOIN room r ON r.setting_id = n.setting_id " \
	  "AND r.id = n.room_id WHERE n.setting_id = ? ORDER BY n.published_on DESC, n.id DESC")   \
	X(NOTICE_AUDIENCE,                                                                         \
	  "SELECT k.id, k.name, f.name, coalesce(x.read_at, 0) FROM notice n "                     \
	  "JOIN contact k ON k.setting_id = n.setting_id "                                         \
	  "JOIN family f ON f.setting_id = k.setting_id AND f.id = k.family_id "                   \
	  "LEFT JOIN notice_read x ON x.setting_id = n.setting_id AND x.notice_id = n.id "         \
	  "AND x.contact_id = k.id WHERE n.setting_id = ? AND n.id = ? "                           \
	  "AND k.parental_responsibility = 1 AND k.restriction NOT IN ('no_information', "         \
	  "'no_contact') AND EXISTS (SELECT 1 FROM child c WHERE c.setting_id = k.setting_id "     \
	  "AND c.family_id = k.family_id AND (c.leaving_date IS NULL OR c.leaving_date >= ?) "     \
	  "AND (n.room_id IS NULL OR c.room_id = n.room_id)) ORDER BY f.name, k.name, k.id")       \
	X(NOTICE_READERS, "SELECT k.id, k.name, f.name, x.read_at FROM notice_read x "             \
	                  "JOIN contact k ON k.setting_id = x.setting_id AND k.id = x.contact_id " \
	                  "JOIN family f ON f.setting_id = k.setting_id AND f.id = k.family_id "   \
	                  "WHERE x.setting_id = ? AND x.notice_id = ? ORDER BY x.read_at, k.id")   \
	X(NOTICE_FAMILY_LIST,                                                                      \
	  "SELECT n.id, coalesce(n.room_id, 0), coalesce(r.name, ''), n.title, n.text, "           \
	  "n.published_on, (SELECT count(*) FROM notice_read x WHERE x.setting_id = n.setting_id " \
	  "AND x.notice_id = n.id AND x.contact_id = ?) FROM notice n "                            \
	  "LEFT JOIN room r ON r.setting_id = n.setting_id AND r.id = n.room_id "                  \
	  "WHERE n.setting_id = ? AND (n.room_id IS NULL OR n.room_id IN (SELECT c.room_id "       \
	  "FROM child c WHERE c.setting_id = n.setting_id AND c.family_id = ? "                    \
	  "AND (c.leaving_date IS NULL OR c.leaving_date >= ?))) "                                 \
	  "ORDER BY n.published_on DESC, n.id DESC")                                               \
	X(NOTICE_FOR_FAMILY,                                                                       \
	  "SELECT n.id FROM notice n WHERE n.setting_id = ? AND n.id = ? AND (n.room_id IS NULL "  \
	  "OR n.room_id IN (SELECT c.room_id FROM child c WHERE c.setting_id = n.setting_id "      \
	  "AND c.family_id = ? AND (c.leaving_date IS NULL OR c.leaving_date >= ?)))")             \
	X(NOTICE_READ_INSERT,                                                                      \
	  "INSERT INTO notice_read (setting_id, notice_id, contact_id, read_at) "                  \
	  "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")                                            \
	/* retention and subject access: core_retention.c (kw retention: what is due per */        \
	/* record kind, removed in one purge) and core_export_child (kw export --child) */         \
	X(RETENTION_MARK,                                                                          \
	  "INSERT INTO purge_in_progress (setting_id, started_at, by_user) VALUES (?, ?, ?)")      \
	X(RETENTION_UNMARK, "DELETE FROM purge_in_progress WHERE setting_id = ?")                  \
	X(RETENTION_BOUND, "INSERT INTO audit_prune_bound (setting_id, upto_id) VALUES (?, ?)")    \
	X(RETENTION_UNBOUND, "DELETE FROM audit_prune_bound WHERE setting_id = ?")                 \
	X(RETENTION_RULES,                                                                         \
	  "SELECT record_kind, basis, months FROM retention_rule WHERE setting_id = ?")            \
	X(RET_REGISTER_DUE,                                                                        \
	  "SELECT count(*), min(date) FROM register_child WHERE setting_id = ? AND child_id"       \
	  " IN (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND "       \
	  "leaving_date <= ? AND date_of_birth <= ?)")                                             \
	X(RET_REGISTER_CHILD_DEL,                                                                  \
	  "DELETE FROM register_child WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_CHILD_ABSENCE_DEL,                                                                   \
	  "DELETE FROM child_absence WHERE setting_id = ? AND child_id IN (SELECT id FROM "        \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_BOOKING_DEL,                                                                         \
	  "DELETE FROM booking WHERE setting_id = ? AND child_id IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_KEY_ASSIGNMENT_DEL,                                                                  \
	  "DELETE FROM key_assignment WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_DIARY_DUE,                                                                           \
	  "SELECT count(*), min(date) FROM diary_entry WHERE setting_id = ? AND child_id IN"       \
	  " (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND "          \
	  "leaving_date <= ? AND date_of_birth <= ?)")                                             \
	X(RET_DIARY_ENTRY_DEL,                                                                     \
	  "DELETE FROM diary_entry WHERE setting_id = ? AND child_id IN (SELECT id FROM "          \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_HANDOVER_ACK_DEL,                                                                    \
	  "DELETE FROM handover_ack WHERE setting_id = ? AND message_id IN (SELECT id FROM "       \
	  "handover_message WHERE setting_id = ? AND child_id IN (SELECT id FROM child "           \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?))")                                                                  \
	X(RET_HANDOVER_MESSAGE_DEL,                                                                \
	  "DELETE FROM handover_message WHERE setting_id = ? AND child_id IN (SELECT id "          \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_PORTAL_MESSAGE_DEL,                                                                  \
	  "DELETE FROM portal_message WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_WEEKLY_UPDATE_DEL,                                                                   \
	  "DELETE FROM weekly_update WHERE setting_id = ? AND child_id IN (SELECT id FROM "        \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_OUTBOX_DEL,                                                                          \
	  "DELETE FROM outbox WHERE setting_id = ? AND child_id IN (SELECT id FROM child "         \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_OBSERVATION_DUE,                                                                     \
	  "SELECT count(*), min(date) FROM observation WHERE id IN (SELECT o.id FROM "             \
	  "observation o WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM observation_child"       \
	  " oc WHERE oc.observation_id = o.id AND oc.child_id IN (SELECT id FROM child "           \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child oc WHERE "         \
	  "oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child WHERE "           \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?)))")                                                                 \
	X(RET_PLANNED_EXPERIENCE_DEL,                                                              \
	  "DELETE FROM planned_experience WHERE setting_id = ? AND (child_id IN (SELECT id "       \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?) OR observation_id IN (SELECT o.id FROM observation o "       \
	  "WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM observation_child oc WHERE "           \
	  "oc.observation_id = o.id AND oc.child_id IN (SELECT id FROM child WHERE "               \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child oc WHERE "         \
	  "oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child WHERE "           \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?))))")                                                                \
	X(RET_OBSERVATION_REPLY_DEL,                                                               \
	  "DELETE FROM observation_reply WHERE setting_id = ? AND observation_id IN (SELECT"       \
	  " o.id FROM observation o WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM "             \
	  "observation_child oc WHERE oc.observation_id = o.id AND oc.child_id IN (SELECT "        \
	  "id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date"       \
	  " <= ? AND date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child "        \
	  "oc WHERE oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)))")                                                                 \
	X(RET_OBSERVATION_PHOTO_DEL,                                                               \
	  "DELETE FROM observation_photo WHERE setting_id = ? AND observation_id IN (SELECT"       \
	  " o.id FROM observation o WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM "             \
	  "observation_child oc WHERE oc.observation_id = o.id AND oc.child_id IN (SELECT "        \
	  "id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date"       \
	  " <= ? AND date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child "        \
	  "oc WHERE oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)))")                                                                 \
	X(RET_OBSERVATION_AREA_DEL,                                                                \
	  "DELETE FROM observation_area WHERE setting_id = ? AND observation_id IN (SELECT "       \
	  "o.id FROM observation o WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM "              \
	  "observation_child oc WHERE oc.observation_id = o.id AND oc.child_id IN (SELECT "        \
	  "id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date"       \
	  " <= ? AND date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child "        \
	  "oc WHERE oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)))")                                                                 \
	X(RET_OBSERVATION_DEL,                                                                     \
	  "DELETE FROM observation WHERE setting_id = ? AND id IN (SELECT o.id FROM "              \
	  "observation o WHERE o.setting_id = ? AND EXISTS (SELECT 1 FROM observation_child"       \
	  " oc WHERE oc.observation_id = o.id AND oc.child_id IN (SELECT id FROM child "           \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)) AND NOT EXISTS (SELECT 1 FROM observation_child oc WHERE "         \
	  "oc.observation_id = o.id AND oc.child_id NOT IN (SELECT id FROM child WHERE "           \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?)))")                                                                 \
	X(RET_OBSERVATION_LINK_DEL,                                                                \
	  "DELETE FROM observation_child WHERE setting_id = ? AND child_id IN (SELECT id "         \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_TWO_YEAR_CHECK_DEL,                                                                  \
	  "DELETE FROM two_year_check WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_PROGRESS_MEETING_DEL,                                                                \
	  "DELETE FROM progress_meeting WHERE setting_id = ? AND child_id IN (SELECT id "          \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CHILD_ABOUT_DEL,                                                                     \
	  "DELETE FROM child_about WHERE setting_id = ? AND child_id IN (SELECT id FROM "          \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_SETTLING_VISIT_DEL,                                                                  \
	  "DELETE FROM settling_visit WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_TRANSITION_VISIT_DEL,                                                                \
	  "DELETE FROM transition_visit WHERE setting_id = ? AND transition_id IN (SELECT "        \
	  "id FROM transition WHERE setting_id = ? AND child_id IN (SELECT id FROM child "         \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?))")                                                                  \
	X(RET_TRANSITION_DEL,                                                                      \
	  "DELETE FROM transition WHERE setting_id = ? AND child_id IN (SELECT id FROM "           \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_SUPERVISION_CHILD_LINK_DEL,                                                          \
	  "DELETE FROM supervision_child WHERE setting_id = ? AND child_id IN (SELECT id "         \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_SEN_DUE,                                                                             \
	  "SELECT count(*), min(from_date) FROM sen_record WHERE setting_id = ? AND "              \
	  "child_id IN (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS NOT "        \
	  "NULL AND leaving_date <= ? AND date_of_birth <= ?)")                                    \
	X(RET_PLAN_REVIEW_DEL,                                                                     \
	  "DELETE FROM plan_review WHERE setting_id = ? AND child_id IN (SELECT id FROM "          \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_SEN_RECORD_DEL,                                                                      \
	  "DELETE FROM sen_record WHERE setting_id = ? AND child_id IN (SELECT id FROM "           \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_SEN_PLAN_DEL,                                                                        \
	  "DELETE FROM sen_plan WHERE setting_id = ? AND child_id IN (SELECT id FROM child "       \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_SEN_AGENCY_DEL,                                                                      \
	  "DELETE FROM sen_agency WHERE setting_id = ? AND child_id IN (SELECT id FROM "           \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_LSA_HOURS_DEL,                                                                       \
	  "DELETE FROM lsa_hours WHERE setting_id = ? AND child_id IN (SELECT id FROM child"       \
	  " WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "          \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_SEN_PROGRAMME_DEL,                                                                   \
	  "DELETE FROM sen_programme WHERE setting_id = ? AND child_id IN (SELECT id "             \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_SEN_PROFILE_DEL,                                                                     \
	  "DELETE FROM sen_profile WHERE setting_id = ? AND child_id IN (SELECT id FROM "          \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_BEHAVIOUR_INCIDENT_DEL,                                                              \
	  "DELETE FROM behaviour_incident WHERE setting_id = ? AND child_id IN (SELECT id "        \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_BEHAVIOUR_PLAN_DEL,                                                                  \
	  "DELETE FROM behaviour_plan WHERE setting_id = ? AND child_id IN (SELECT id FROM "       \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?)")                                                               \
	X(RET_BEHAVIOUR_INTERVENTION_DEL,                                                          \
	  "DELETE FROM behaviour_intervention WHERE setting_id = ? AND child_id IN (SELECT "       \
	  "id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date"       \
	  " <= ? AND date_of_birth <= ?)")                                                         \
	X(RET_ACCIDENT_DUE,                                                                        \
	  "SELECT count(*), min(occurred_at) FROM accident WHERE setting_id = ? AND "              \
	  "child_id IN (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS NOT "        \
	  "NULL AND leaving_date <= ? AND date_of_birth <= ?)")                                    \
	X(RET_ACCIDENT_DEL,                                                                        \
	  "DELETE FROM accident WHERE setting_id = ? AND child_id IN (SELECT id FROM child "       \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_MEDICINE_DUE,                                                                        \
	  "SELECT count(*), min(from_date) FROM medicine_permission WHERE setting_id = ? "         \
	  "AND child_id IN (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS "        \
	  "NOT NULL AND leaving_date <= ? AND date_of_birth <= ?)")                                \
	X(RET_MEDICINE_DOSE_DEL,                                                                   \
	  "DELETE FROM medicine_dose WHERE setting_id = ? AND permission_id IN (SELECT id "        \
	  "FROM medicine_permission WHERE setting_id = ? AND child_id IN (SELECT id FROM "         \
	  "child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? "         \
	  "AND date_of_birth <= ?))")                                                              \
	X(RET_MEDICINE_PERMISSION_DEL,                                                             \
	  "DELETE FROM medicine_permission WHERE setting_id = ? AND child_id IN (SELECT id "       \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CONCERN_DUE,                                                                         \
	  "SELECT count(*), min(occurred_at) FROM concern WHERE setting_id = ? AND child_id"       \
	  " IN (SELECT id FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND "       \
	  "leaving_date <= ? AND date_of_birth <= ?)")                                             \
	X(RET_CONCERN_SEEN_DEL,                                                                    \
	  "DELETE FROM concern_seen WHERE setting_id = ? AND concern_id IN (SELECT id FROM "       \
	  "concern WHERE setting_id = ? AND child_id IN (SELECT id FROM child WHERE "              \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?))")                                                                  \
	X(RET_CONCERN_ADDENDUM_DEL,                                                                \
	  "DELETE FROM concern_addendum WHERE setting_id = ? AND concern_id IN (SELECT id "        \
	  "FROM concern WHERE setting_id = ? AND child_id IN (SELECT id FROM child WHERE "         \
	  "setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "                 \
	  "date_of_birth <= ?))")                                                                  \
	X(RET_CONCERN_DEL,                                                                         \
	  "DELETE FROM concern WHERE setting_id = ? AND child_id IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_CHILD_DUE,                                                                           \
	  "SELECT count(*), min(leaving_date) FROM child WHERE id IN (SELECT id FROM child "       \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_CONSENT_DEL,                                                                         \
	  "DELETE FROM consent WHERE setting_id = ? AND child_id IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?)")                                                                   \
	X(RET_CHILD_ATTENDANCE_DEL,                                                                \
	  "DELETE FROM child_attendance WHERE setting_id = ? AND child_id IN (SELECT id "          \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CONTRACT_DEL,                                                                        \
	  "DELETE FROM contract WHERE setting_id = ? AND child_id IN (SELECT id "                  \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CHILD_FUNDING_DEL,                                                                   \
	  "DELETE FROM child_funding WHERE setting_id = ? AND child_id IN (SELECT id "             \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CHILD_DIET_DEL,                                                                      \
	  "DELETE FROM child_diet WHERE setting_id = ? AND child_id IN (SELECT id "                \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_HEALTH_NOTE_DEL,                                                                     \
	  "DELETE FROM health_note WHERE setting_id = ? AND child_id IN (SELECT id "               \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_HV_REVIEW_DEL,                                                                       \
	  "DELETE FROM hv_review WHERE setting_id = ? AND child_id IN (SELECT id "                 \
	  "FROM child WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <="       \
	  " ? AND date_of_birth <= ?)")                                                            \
	X(RET_CHILD_CANDIDATES,                                                                    \
	  "SELECT id, coalesce(family_id, 0) FROM child WHERE id IN (SELECT id FROM child "        \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ? AND "           \
	  "date_of_birth <= ?) ORDER BY id")                                                       \
	X(RET_CHILD_DEL, "DELETE FROM child WHERE setting_id = ? AND id = ?")                      \
	X(RET_FAMILY_EMPTY,                                                                        \
	  "SELECT 1 FROM family f WHERE f.setting_id = ? AND f.id = ? AND NOT EXISTS "             \
	  "(SELECT 1 FROM child c WHERE c.setting_id = f.setting_id AND c.family_id = f.id)")      \
	X(RET_FAMILY_CONTACTS,                                                                     \
	  "SELECT id FROM contact WHERE setting_id = ? AND family_id = ? ORDER BY id")             \
	X(RET_CONTACT_SESSION_DEL,                                                                 \
	  "DELETE FROM session WHERE setting_id = ? AND user_id IN (SELECT user_id FROM "          \
	  "user_setting WHERE setting_id = ? AND contact_id = ?)")                                 \
	X(RET_CONTACT_ROLE_DEL,                                                                    \
	  "DELETE FROM user_role WHERE setting_id = ? AND user_id IN (SELECT user_id FROM "        \
	  "user_setting WHERE setting_id = ? AND contact_id = ?)")                                 \
	X(RET_CONTACT_USER_DEL,                                                                    \
	  "DELETE FROM user_setting WHERE setting_id = ? AND contact_id = ?")                      \
	X(RET_CONTACT_CHANGE_DEL,                                                                  \
	  "DELETE FROM contact_change WHERE setting_id = ? AND contact_id = ?")                    \
	X(RET_CONTACT_DEL, "DELETE FROM contact WHERE setting_id = ? AND id = ?")                  \
	X(RET_FAMILY_DEL, "DELETE FROM family WHERE setting_id = ? AND id = ?")                    \
	X(RET_SUPERVISION_DUE,                                                                     \
	  "SELECT count(*), min(date) FROM supervision WHERE setting_id = ? AND staff_id IN"       \
	  " (SELECT id FROM staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND "          \
	  "leaving_date <= ?)")                                                                    \
	X(RET_SUPERVISION_CHILD_DEL,                                                               \
	  "DELETE FROM supervision_child WHERE setting_id = ? AND supervision_id IN (SELECT"       \
	  " id FROM supervision WHERE setting_id = ? AND staff_id IN (SELECT id FROM staff "       \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?))")             \
	X(RET_SUPERVISION_DEL,                                                                     \
	  "DELETE FROM supervision WHERE setting_id = ? AND staff_id IN (SELECT id FROM "          \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_DUE,                                                                           \
	  "SELECT count(*), min(leaving_date) FROM staff WHERE id IN (SELECT id FROM staff "       \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")              \
	X(RET_STAFF_SHIFT_DEL,                                                                     \
	  "DELETE FROM shift WHERE setting_id = ? AND staff_id IN (SELECT id FROM staff "          \
	  "WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")              \
	X(RET_STAFF_STAFF_ABSENCE_DEL,                                                             \
	  "DELETE FROM staff_absence WHERE setting_id = ? AND staff_id IN (SELECT id FROM "        \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_REGISTER_STAFF_DEL,                                                            \
	  "DELETE FROM register_staff WHERE setting_id = ? AND staff_id IN (SELECT id FROM "       \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_HANDOVER_ACK_DEL,                                                              \
	  "DELETE FROM handover_ack WHERE setting_id = ? AND staff_id IN (SELECT id FROM "         \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_STAFF_ROOM_DEL,                                                                \
	  "DELETE FROM staff_room WHERE setting_id = ? AND staff_id IN (SELECT id FROM "           \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_STAFF_LANGUAGE_DEL,                                                            \
	  "DELETE FROM staff_language WHERE setting_id = ? AND staff_id IN (SELECT id FROM "       \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_STAFF_PATTERN_DEL,                                                             \
	  "DELETE FROM staff_pattern WHERE setting_id = ? AND staff_id IN (SELECT id FROM "        \
	  "staff WHERE setting_id = ? AND leaving_date IS NOT NULL AND leaving_date <= ?)")        \
	X(RET_STAFF_CANDIDATES,                                                                    \
	  "SELECT id, 0 FROM staff WHERE id IN (SELECT id FROM staff WHERE setting_id = ? "        \
	  "AND leaving_date IS NOT NULL AND leaving_date <= ?) ORDER BY id")                       \
	X(RET_STAFF_SESSION_DEL,                                                                   \
	  "DELETE FROM session WHERE setting_id = ? AND user_id IN (SELECT user_id FROM "          \
	  "user_setting WHERE setting_id = ? AND staff_id = ?)")                                   \
	X(RET_STAFF_ROLE_DEL,                                                                      \
	  "DELETE FROM user_role WHERE setting_id = ? AND user_id IN (SELECT user_id FROM "        \
	  "user_setting WHERE setting_id = ? AND staff_id = ?)")                                   \
	X(RET_STAFF_USER_DEL, "DELETE FROM user_setting WHERE setting_id = ? AND staff_id = ?")    \
	X(RET_STAFF_DEL, "DELETE FROM staff WHERE setting_id = ? AND id = ?")                      \
	X(RET_ALLEGATION_DUE,                                                                      \
	  "SELECT count(*), min(retain_until) FROM allegation WHERE setting_id = ? "               \
	  "AND retain_until <= ?")                                                                 \
	X(RET_ALLEGATION_ADDENDUM_DEL,                                                             \
	  "DELETE FROM allegation_addendum WHERE setting_id = ? AND allegation_id IN "             \
	  "(SELECT id FROM allegation WHERE setting_id = ? AND retain_until <= ?)")                \
	X(RET_ALLEGATION_DEL, "DELETE FROM allegation WHERE setting_id = ? AND retain_until <= ?") \
	X(RET_AUDIT_DUE,                                                                           \
	  "SELECT count(*), coalesce(max(id), 0), min(at) FROM audit_log WHERE setting_id ="       \
	  " ? AND id < coalesce((SELECT min(a.id) FROM audit_log a WHERE a.setting_id = ? "        \
	  "AND NOT (a.at <= ? AND (a.child_id IS NULL OR NOT EXISTS (SELECT 1 FROM child c "       \
	  "WHERE c.id = a.child_id)) AND NOT (a.object_kind = 'staff' AND EXISTS (SELECT 1 "       \
	  "FROM staff st WHERE st.id = a.object_id)))), (SELECT max(id) FROM audit_log "           \
	  "WHERE setting_id = ?))")                                                                \
	X(RET_AUDIT_ROW, "SELECT hash, at, action FROM audit_log WHERE setting_id = ? AND id = ?") \
	X(RET_AUDIT_PRUNE, "DELETE FROM audit_log WHERE setting_id = ? AND id <= ?")               \
	X(RET_AUDIT_ANCHOR,                                                                        \
	  "INSERT INTO audit_log (id, setting_id, at, user_id, actor, action, object_kind, "       \
	  "object_id, child_id, detail, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, "        \
	  "?, ?, ?, ?, ?, ?)")                                                                     \
	X(RET_EXPORT_USER,                                                                         \
	  "SELECT u.id, u.display_name FROM app_user u JOIN user_setting us ON us.user_id ="       \
	  " u.id WHERE us.setting_id = ? AND u.username = ? AND u.disabled_at IS NULL")            \
	X(RET_EXPORT_CHILD,                                                                        \
	  "SELECT first_name, last_name FROM child WHERE setting_id = ? AND id = ?")               \
	X(RET_EXPORT_CONCERNS,                                                                     \
	  "SELECT count(*) FROM concern WHERE setting_id = ? AND child_id = ?")                    \
	/* groups of settings (issue 10) */                                                        \
	X(GROUP_INSERT, "INSERT INTO setting_group (name, created_at) VALUES (?, ?)")              \
	X(GROUP_BY_NAME, "SELECT id, name FROM setting_group WHERE name = ?")                      \
	X(GROUP_BY_ID, "SELECT id, name FROM setting_group WHERE id = ?")                          \
	X(GROUP_OF_SETTING,                                                                        \
	  "SELECT g.id, g.name FROM group_setting gs JOIN setting_group g ON g.id = "              \
	  "gs.group_id WHERE gs.setting_id = ?")                                                   \
	X(GROUP_ATTACH, "INSERT INTO group_setting (setting_id, group_id) VALUES (?, ?)")          \
	X(GROUP_LIST,                                                                              \
	  "SELECT g.id, g.name, (SELECT count(*) FROM group_setting gs WHERE gs.group_id "         \
	  "= g.id), (SELECT count(*) FROM group_manager m WHERE m.group_id = g.id) FROM "          \
	  "setting_group g ORDER BY g.name")                                                       \
	X(GROUP_SETTINGS, "SELECT s.id, s.name FROM group_setting gs JOIN setting s ON s.id = "    \
	                  "gs.setting_id WHERE gs.group_id = ? ORDER BY s.name, s.id")             \
	X(GROUP_FIRST_SETTING,                                                                     \
	  "SELECT setting_id FROM group_setting WHERE group_id = ? ORDER BY setting_id "           \
	  "LIMIT 1")                                                                               \
	X(GROUP_MANAGER_INSERT, "INSERT INTO group_manager (group_id, user_id) VALUES (?, ?)")     \
	X(GROUP_MANAGED,                                                                           \
	  "SELECT g.id, g.name FROM group_manager m JOIN setting_group g ON g.id = "               \
	  "m.group_id WHERE m.user_id = ? ORDER BY g.name")                                        \
	X(GROUP_SETTING_EXISTS, "SELECT id FROM setting WHERE id = ?")                             \
	X(GROUP_USER_SETTINGS,                                                                     \
	  "SELECT us.setting_id, s.name FROM user_setting us JOIN setting s ON s.id = "            \
	  "us.setting_id WHERE us.user_id = ? AND EXISTS (SELECT 1 FROM user_role r WHERE "        \
	  "r.user_id = us.user_id AND r.setting_id = us.setting_id) ORDER BY s.name, s.id")        \
	X(GROUP_SESSION_SETTING,                                                                   \
	  "UPDATE session SET setting_id = ? WHERE token_hash = ? AND user_id = ?")                \
	X(AUTHZ_GROUP_SETTING,                                                                     \
	  "SELECT 1 FROM group_manager m JOIN group_setting gs ON gs.group_id = "                  \
	  "m.group_id WHERE m.user_id = ? AND gs.setting_id = ?")                                  \
	X(AUTHZ_GROUP_MANAGES, "SELECT 1 FROM group_manager WHERE user_id = ? AND group_id = ?")   \
	X(AUTHZ_SETTING_MEMBER,                                                                    \
	  "SELECT 1 FROM user_setting us WHERE us.user_id = ? AND us.setting_id = ? AND "          \
	  "EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = us.user_id AND "                    \
	  "r.setting_id = us.setting_id)")                                                         \
	/* performance (hot reads of busy pages) */                                                \
	X(CHILD_ATTENDANCE_ON, "SELECT child_id, arrive_min, leave_min FROM child_attendance "     \
	                       "WHERE setting_id = ? AND weekday = ?")                             \
	/* outbox: notifications to families, sent by SMTP (core_outbox.c) */                      \
	X(OUTBOX_FAMILY_CONTACTS,                                                                  \
	  "SELECT k.id, k.email FROM contact k JOIN child c ON c.setting_id = k.setting_id AND "   \
	  "c.family_id = k.family_id WHERE c.setting_id = ? AND c.id = ? AND "                     \
	  "k.parental_responsibility = 1 AND k.restriction = 'none' ORDER BY k.id")                \
	X(OUTBOX_NOTIFY,                                                                           \
	  "INSERT INTO outbox (setting_id, created_at, channel, contact_id, child_id, "            \
	  "subject, body) VALUES (?, ?, ?, ?, ?, ?, ?)")                                           \
	X(OUTBOX_DIARY_CHILDREN_DAY,                                                               \
	  "SELECT DISTINCT child_id FROM diary_entry WHERE setting_id = ? AND date = ? "           \
	  "AND published_at IS NULL AND (? = 0 OR child_id = ?) ORDER BY child_id")                \
	X(OUTBOX_DIARY_CHILDREN_UP_TO,                                                             \
	  "SELECT DISTINCT child_id FROM diary_entry WHERE setting_id = ? AND date <= ? "          \
	  "AND published_at IS NULL ORDER BY child_id")                                            \
	X(OUTBOX_LIST,                                                                             \
	  "SELECT o.id, o.created_at, COALESCE(o.sent_at, 0), o.attempts, o.channel, "             \
	  "COALESCE(k.name, ''), COALESCE(k.email, ''), COALESCE(c.first_name || ' ' || "          \
	  "c.last_name, ''), o.subject, o.last_error FROM outbox o LEFT JOIN contact k ON "        \
	  "k.setting_id = o.setting_id AND k.id = o.contact_id LEFT JOIN child c ON "              \
	  "c.setting_id = o.setting_id AND c.id = o.child_id WHERE o.setting_id = ? "              \
	  "ORDER BY o.id DESC LIMIT ?")                                                            \
	X(OUTBOX_EVER_SENT,                                                                        \
	  "SELECT count(*) FROM outbox WHERE setting_id = ? AND channel = 'email' AND "            \
	  "sent_at IS NOT NULL")                                                                   \
	X(OUTBOX_UNSENT_EMAIL,                                                                     \
	  "SELECT o.id, k.email, o.subject, o.body, o.child_id FROM outbox o JOIN contact k ON "   \
	  "k.setting_id = o.setting_id AND k.id = o.contact_id WHERE o.setting_id = ? AND "        \
	  "o.channel = 'email' AND o.sent_at IS NULL AND o.attempts < ? AND k.email <> '' "        \
	  "ORDER BY o.id LIMIT ?")                                                                 \
	X(OUTBOX_MARK_SENT,                                                                        \
	  "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = '' WHERE "         \
	  "setting_id = ? AND id = ? AND sent_at IS NULL")                                         \
	X(OBS_REPLIES_OF_FAMILY, /* a family reads its own replies and the staff's, no other's */  \
	  "SELECT coalesce(ct.name, s.name, ''), r.contact_id IS NOT NULL, r.text, r.created_at "  \
	  "FROM observation_reply r LEFT JOIN contact ct ON ct.setting_id = r.setting_id AND "     \
	  "ct.id = r.contact_id LEFT JOIN staff s ON s.id = r.staff_id WHERE r.setting_id = ? "    \
	  "AND r.observation_id = ? AND (r.contact_id IS NULL OR ct.family_id = (SELECT "          \
	  "family_id FROM child WHERE setting_id = ? AND id = ?)) ORDER BY r.id")                  \
	X(OUTBOX_MARK_FAILED,                                                                      \
	  "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE setting_id = ? AND "    \
	  "id = ? AND sent_at IS NULL")                                                            \
	/* one's own sessions, and the privacy notice (ASVS 3.3.4, 8.3.3) */                       \
	X(SESSIONS_OF_USER,                                                                        \
	  "SELECT token_hash, created_at, last_seen, ip FROM session WHERE user_id = ? "           \
	  "AND expires_at >= ? AND last_seen >= ? ORDER BY last_seen DESC, created_at DESC")       \
	X(SESSIONS_END_ONE, "DELETE FROM session WHERE token_hash = ? AND user_id = ?")            \
	X(SESSIONS_END_OTHERS, "DELETE FROM session WHERE user_id = ? AND token_hash <> ?")        \
	X(PRIVACY_GET, "SELECT privacy_notice FROM setting WHERE id = ?")                          \
	X(PRIVACY_SET, "UPDATE setting SET privacy_notice = ? WHERE id = ?")                       \
	X(PRIVACY_SEEN_GET, "SELECT privacy_seen_at FROM app_user WHERE id = ?")                   \
	X(PRIVACY_SEEN_SET, "UPDATE app_user SET privacy_seen_at = ? WHERE id = ?")                \
	/* password rules, failed-attempt limits, sign-in notices (core_session.c, core_user.c) */ \
	X(PWRULE_SETTING_NAME, "SELECT name FROM setting WHERE id = ?")                            \
	X(PWRULE_DEADLINE_SET, "UPDATE app_user SET must_change_by = ? WHERE id = ?")              \
	X(PWRULE_USER_STATE,                                                                       \
	  "SELECT must_change_password, must_change_by FROM app_user WHERE id = ?")                \
	X(PWRULE_MUST_CHANGE, "UPDATE app_user SET must_change_password = 1 WHERE id = ?")         \
	X(PWRULE_FAILURES_PAIR, "SELECT count(*) FROM login_attempt WHERE username = ? AND ip = "  \
	                        "? AND ok = 0 AND at > ?")                                         \
	X(PWRULE_FAILURES_IP,                                                                      \
	  "SELECT count(*) FROM login_attempt WHERE ip = ? AND ok = 0 AND at > ?")                 \
	X(PWRULE_ATTEMPT_INSERT,                                                                   \
	  "INSERT INTO login_attempt (username, at, ok, ip, kind) VALUES (?, ?, ?, ?, ?)")         \
	X(PWRULE_SIGNINS, "SELECT at, ip FROM login_attempt WHERE username = ? AND ok = 1 AND "    \
	                  "kind = 'signin' ORDER BY at DESC, id DESC LIMIT 2")                     \
	X(PWRULE_FAILURES_SINCE, "SELECT count(*) FROM login_attempt WHERE username = ? AND ok = " \
	                         "0 AND at >= ? AND at <= ?")                                      \
	X(PWRULE_PASSWORD_CHANGED,                                                                 \
	  "SELECT at, actor, user_id FROM audit_log WHERE action = 'user.password' AND "           \
	  "object_kind = 'user' AND object_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1")  \
	/* authorization */                                                                        \
	X(AUTHZ_CHILD, "SELECT room_id, family_id FROM child WHERE setting_id = ? AND id = ?")     \
	X(AUTHZ_CHILDREN,                                                                          \
	  "SELECT id, room_id, family_id FROM child WHERE setting_id = ? ORDER BY id")             \
	X(AUTHZ_STAFF_IN_ROOM, "SELECT 1 FROM staff_room WHERE setting_id = ? AND staff_id = ? "   \
	                       "AND room_id = ?")                                                  \
	X(AUTHZ_CONTACT,                                                                           \
	  "SELECT family_id, restriction FROM contact WHERE setting_id = ? AND id = ?")            \
	/* audit */                                                                                \
	X(AUDIT_LAST_HASH,                                                                         \
	  "SELECT hash FROM audit_log WHERE setting_id = ? ORDER BY id DESC LIMIT 1")              \
	X(AUDIT_INSERT,                                                                            \
	  "INSERT INTO audit_log (setting_id, at, user_id, actor, action, object_kind, "           \
	  "object_id, child_id, detail, ip, prev_hash, hash) "                                     \
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")                                           \
	X(AUDIT_CHAIN,                                                                             \
	  "SELECT id, setting_id, at, user_id, actor, action, object_kind, object_id, "            \
	  "child_id, detail, ip, prev_hash, hash FROM audit_log "                                  \
	  "WHERE setting_id = ? ORDER BY id")

#define STMT_ENUM(name, sql) STMT_##name,
enum stmt_id { STORE_STATEMENTS(STMT_ENUM) STMT__MAX };
#undef STMT_ENUM

struct stmt_def {
	const char *name;
	const char *sql;
};
extern const struct stmt_def store_sql[STMT__MAX];

#endif
