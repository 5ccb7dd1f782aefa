-- 012_welfare_allegation: welfare patterns and allegations against staff
-- (issue 8, docs/welfare.md).
--
-- welfare_rule: the setting's thresholds for the absence patterns (one row
-- per setting; no row means the defaults, which are the columns' defaults):
-- repeated absence is repeated_absences recorded absences within
-- repeated_weeks weeks; prolonged absence is prolonged_days expected days in
-- a row absent, or a run of absences spanning prolonged_calendar_days days.
CREATE TABLE welfare_rule (
  setting_id INTEGER PRIMARY KEY REFERENCES setting(id),
  repeated_absences INTEGER NOT NULL DEFAULT 3 CHECK (repeated_absences BETWEEN 2 AND 30),
  repeated_weeks INTEGER NOT NULL DEFAULT 4 CHECK (repeated_weeks BETWEEN 1 AND 26),
  prolonged_days INTEGER NOT NULL DEFAULT 5 CHECK (prolonged_days BETWEEN 2 AND 60),
  prolonged_calendar_days INTEGER NOT NULL DEFAULT 10 CHECK (prolonged_calendar_days BETWEEN 2 AND 120),
  updated_by INTEGER,
  updated_at INTEGER NOT NULL
);

-- A held progress meeting (a review) may record the child's level in each
-- prime area ('' = not assessed at that meeting), as the check at two does;
-- two successive reviews below expected in one area reach the SENCo.
ALTER TABLE progress_meeting ADD COLUMN psed_level TEXT NOT NULL DEFAULT ''
  CHECK (psed_level IN ('','expected','less_than_expected','above'));
ALTER TABLE progress_meeting ADD COLUMN cl_level TEXT NOT NULL DEFAULT ''
  CHECK (cl_level IN ('','expected','less_than_expected','above'));
ALTER TABLE progress_meeting ADD COLUMN pd_level TEXT NOT NULL DEFAULT ''
  CHECK (pd_level IN ('','expected','less_than_expected','above'));

-- Allegations against a member of staff: the manager's and the DSL's only,
-- never the person concerned. Append-only like concerns: the LADO referral,
-- the notification to Ofsted, actions and the outcome are addenda. Ofsted
-- must be told within 14 days of the allegation (ofsted_due). Kept until
-- retain_until: the person's 65th birthday or 10 years from the report,
-- whichever is later (staff_date_of_birth is the date it was worked out from).
CREATE TABLE allegation (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  alleged TEXT NOT NULL CHECK (length(alleged) BETWEEN 1 AND 20000),
  occurred_on TEXT NOT NULL CHECK (length(occurred_on) = 10),
  reported_on TEXT NOT NULL CHECK (length(reported_on) = 10),
  reported_by TEXT NOT NULL CHECK (length(reported_by) BETWEEN 1 AND 200),
  ofsted_due TEXT NOT NULL CHECK (length(ofsted_due) = 10),
  staff_date_of_birth TEXT NOT NULL CHECK (length(staff_date_of_birth) = 10),
  retain_until TEXT NOT NULL CHECK (length(retain_until) = 10),
  recorded_by_user INTEGER,
  recorded_by_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX allegation_by_setting ON allegation (setting_id, reported_on);

CREATE TABLE allegation_addendum (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  allegation_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('lado_referral','ofsted_notified','action','outcome','note','correction')),
  on_date TEXT NOT NULL CHECK (length(on_date) = 10),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  by_user INTEGER,
  by_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, allegation_id) REFERENCES allegation(setting_id, id)
);
CREATE INDEX allegation_addendum_by_allegation ON allegation_addendum (setting_id, allegation_id);

CREATE TRIGGER allegation_no_update BEFORE UPDATE ON allegation
BEGIN SELECT RAISE(ABORT, 'allegations are append-only: add an addendum'); END;
CREATE TRIGGER allegation_no_delete BEFORE DELETE ON allegation
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'allegations are append-only: only the retention purge removes them'); END;
CREATE TRIGGER allegation_addendum_no_update BEFORE UPDATE ON allegation_addendum
BEGIN SELECT RAISE(ABORT, 'allegation addenda are append-only'); END;
CREATE TRIGGER allegation_addendum_no_delete BEFORE DELETE ON allegation_addendum
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'allegation addenda are append-only: only the retention purge removes them'); END;
