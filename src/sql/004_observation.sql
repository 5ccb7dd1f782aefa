-- 004_observation: what the key person keeps beside the observations of
-- 001 (observation, observation_child, observation_area, observation_photo):
-- indexes for a child's records and the coverage over the last weeks, the
-- family's "all about me" and routines (history kept: every change is a new
-- row, the latest is shown), the settling-in visits with the key person
-- (notes from each and the parent's view), and planned experiences: next
-- steps from observations turned into something planned for a child or a
-- whole key group, carried on by the buddy while the key person is away.

CREATE INDEX observation_by_date ON observation (setting_id, date);
CREATE INDEX observation_photo_by_observation ON observation_photo (setting_id, observation_id);
CREATE INDEX observation_by_author ON observation (setting_id, author_staff_id, date);
-- an observation's children and areas by (setting_id, observation_id): without it the
-- planner takes observation_child_by_child on setting_id alone and reads every row
CREATE INDEX observation_child_by_observation ON observation_child (setting_id, observation_id);
CREATE INDEX observation_area_by_observation ON observation_area (setting_id, observation_id);

CREATE TABLE child_about (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  sleep TEXT NOT NULL DEFAULT '',
  feeding TEXT NOT NULL DEFAULT '',
  comforters TEXT NOT NULL DEFAULT '',
  home_words TEXT NOT NULL DEFAULT '',
  likes TEXT NOT NULL DEFAULT '',
  fears TEXT NOT NULL DEFAULT '',
  other TEXT NOT NULL DEFAULT '',
  told_by TEXT NOT NULL DEFAULT '',
  recorded_by_staff_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, recorded_by_staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX child_about_by_child ON child_about (setting_id, child_id, id);

CREATE TABLE settling_visit (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  staff_id INTEGER,
  plan TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  parent_view TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK (start_min < end_min),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX settling_visit_by_child ON settling_visit (setting_id, child_id, date);

CREATE TABLE planned_experience (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER,
  key_staff_id INTEGER,
  observation_id INTEGER,
  planned_for TEXT NOT NULL CHECK (length(planned_for) = 10),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','done')),
  done_note TEXT NOT NULL DEFAULT '',
  done_by_staff_id INTEGER,
  created_by_staff_id INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (child_id IS NOT NULL OR key_staff_id IS NOT NULL),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, key_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, observation_id) REFERENCES observation(setting_id, id),
  FOREIGN KEY (setting_id, done_by_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, created_by_staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX planned_experience_by_date ON planned_experience (setting_id, planned_for);
