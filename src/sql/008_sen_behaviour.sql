-- 008_sen_behaviour: SEN and behaviour records and staff supervision
-- (docs/sen.md). The graduated approach's plans are reviewed by appending
-- reviews (assess, plan, do, review): a review is never changed or removed.

ALTER TABLE sen_record ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sen_record_by_child ON sen_record (setting_id, child_id);

-- A plan's targets reach the family only when the SENCo shares them.
ALTER TABLE sen_plan ADD COLUMN shared_with_family INTEGER NOT NULL DEFAULT 0
  CHECK (shared_with_family IN (0,1));
ALTER TABLE sen_plan ADD COLUMN created_by INTEGER;
ALTER TABLE sen_plan ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sen_plan_by_child ON sen_plan (setting_id, child_id);
CREATE INDEX sen_agency_by_child ON sen_agency (setting_id, child_id);
CREATE INDEX lsa_hours_by_child ON lsa_hours (setting_id, child_id);

ALTER TABLE behaviour_plan ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX behaviour_plan_by_child ON behaviour_plan (setting_id, child_id);
CREATE INDEX behaviour_incident_by_child ON behaviour_incident (setting_id, child_id, occurred_at);

-- Reviews of SEN plans and behaviour plans: what happened, the outcome,
-- the next review. Appended only.
CREATE TABLE plan_review (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  plan_kind TEXT NOT NULL CHECK (plan_kind IN ('sen','behaviour')),
  plan_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  reviewed_on TEXT NOT NULL CHECK (length(reviewed_on) = 10),
  outcome TEXT NOT NULL CHECK (length(outcome) >= 1),
  next_review_on TEXT,
  recorded_by INTEGER,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
CREATE INDEX plan_review_by_child ON plan_review (setting_id, child_id, plan_kind, plan_id);
CREATE TRIGGER plan_review_no_update BEFORE UPDATE ON plan_review
BEGIN SELECT RAISE(ABORT, 'plan reviews are appended, never changed'); END;
CREATE TRIGGER plan_review_no_delete BEFORE DELETE ON plan_review
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'plan reviews are appended: only the retention purge removes them'); END;

-- The one-page profile: what people like and admire about me, what is
-- important to me, how best to support me.
CREATE TABLE sen_profile (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  liked TEXT NOT NULL DEFAULT '',
  important TEXT NOT NULL DEFAULT '',
  support TEXT NOT NULL DEFAULT '',
  shared_with_family INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_family IN (0,1)),
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (setting_id, child_id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

-- Behaviour interventions (a nurture group, a social story, a visual timetable …).
CREATE TABLE behaviour_intervention (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  what TEXT NOT NULL CHECK (length(what) >= 1),
  start_date TEXT NOT NULL CHECK (length(start_date) = 10),
  review_date TEXT,
  outcome TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
CREATE INDEX behaviour_intervention_by_child ON behaviour_intervention (setting_id, child_id);

-- Supervision: every supervision_weeks for each member of staff.
ALTER TABLE staff ADD COLUMN supervision_weeks INTEGER NOT NULL DEFAULT 6
  CHECK (supervision_weeks BETWEEN 1 AND 52);
ALTER TABLE supervision ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX supervision_by_staff ON supervision (setting_id, staff_id, date);
-- The key children discussed at a supervision.
CREATE TABLE supervision_child (
  setting_id INTEGER NOT NULL,
  supervision_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  PRIMARY KEY (supervision_id, child_id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
