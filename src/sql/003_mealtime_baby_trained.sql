-- 003_mealtime_baby_trained: what the ratio rules of issue 6 still needed.
-- The setting's mealtimes (EYFS 2025: a paediatric first aider in the room
-- while children eat), as minutes of the day, and whether a member of staff
-- has had training that specifically addresses the care of babies (EYFS:
-- at least half of all staff with under-2s).
CREATE TABLE mealtime (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  CHECK (start_min < end_min),
  UNIQUE (setting_id, name)
);
ALTER TABLE staff ADD COLUMN baby_trained INTEGER NOT NULL DEFAULT 0 CHECK (baby_trained IN (0,1));
