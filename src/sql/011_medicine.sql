-- 011_medicine: medicines (issue 8, docs/medicine.md). A parent's permission
-- names the medicine, the dose, the times of day or "when needed" (with the
-- reason and the least time between doses), the dates it runs from and
-- until, the contact with parental responsibility who gave it and when they
-- signed; it was given in the portal or on paper (a member of staff
-- recorded it). Each dose given is appended, never changed: a mistake is put
-- right by a new entry naming the one it corrects. The family's
-- acknowledgement of a dose is the only thing ever added to a dose row, once.

ALTER TABLE medicine_permission ADD COLUMN when_needed INTEGER NOT NULL DEFAULT 0
  CHECK (when_needed IN (0,1));
ALTER TABLE medicine_permission ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE medicine_permission ADD COLUMN min_interval_min INTEGER NOT NULL DEFAULT 0
  CHECK (min_interval_min BETWEEN 0 AND 1440);
ALTER TABLE medicine_permission ADD COLUMN signed_on TEXT;
ALTER TABLE medicine_permission ADD COLUMN source TEXT NOT NULL DEFAULT 'paper'
  CHECK (source IN ('paper','portal'));
ALTER TABLE medicine_permission ADD COLUMN recorded_by INTEGER;
ALTER TABLE medicine_permission ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX medicine_permission_by_child ON medicine_permission (setting_id, child_id);

ALTER TABLE medicine_dose ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE medicine_dose ADD COLUMN corrects_id INTEGER;
ALTER TABLE medicine_dose ADD COLUMN recorded_by INTEGER;
ALTER TABLE medicine_dose ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE medicine_dose ADD COLUMN parent_ack_by TEXT NOT NULL DEFAULT '';
ALTER TABLE medicine_dose ADD COLUMN parent_ack_how TEXT NOT NULL DEFAULT ''
  CHECK (parent_ack_how IN ('','portal','paper'));
CREATE INDEX medicine_dose_by_permission ON medicine_dose (setting_id, permission_id, given_at);
CREATE INDEX medicine_dose_by_time ON medicine_dose (setting_id, given_at);

CREATE TRIGGER medicine_dose_no_update BEFORE UPDATE OF id, setting_id, permission_id,
  given_at, dose, given_by_staff_id, witness_staff_id, notes, corrects_id, recorded_by,
  created_at ON medicine_dose
BEGIN SELECT RAISE(ABORT, 'doses are appended, never changed: record a correction'); END;
CREATE TRIGGER medicine_dose_ack_once BEFORE UPDATE OF parent_ack_at, parent_ack_by,
  parent_ack_how ON medicine_dose WHEN OLD.parent_ack_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the dose was already acknowledged'); END;
CREATE TRIGGER medicine_dose_no_delete BEFORE DELETE ON medicine_dose
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'doses are appended: only the retention purge removes them'); END;
