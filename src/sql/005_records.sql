-- 005_records: the key person's records with the family — the daily diary's
-- quick entries and publishing, weekly updates, progress meetings, and
-- transitions with their settling visits (docs/records.md).

-- When the diary reaches the parents: 'end_of_day' (kept back until the
-- manager or key person publishes the day, or `kw diary publish` runs at
-- closing time) or 'at_once' (each entry is published as it is written).
ALTER TABLE setting ADD COLUMN diary_publish TEXT NOT NULL DEFAULT 'end_of_day'
  CHECK (diary_publish IN ('end_of_day','at_once'));

-- A diary entry's structured part: what (lunch, water, wet, happy …) and how
-- much was eaten or drunk; detail keeps the whole entry in words, as the
-- parents read it.
ALTER TABLE diary_entry ADD COLUMN item TEXT NOT NULL DEFAULT '';
ALTER TABLE diary_entry ADD COLUMN amount TEXT NOT NULL DEFAULT ''
  CHECK (amount IN ('','all','most','some','none'));
CREATE INDEX diary_by_date ON diary_entry (setting_id, date);

ALTER TABLE weekly_update ADD COLUMN updated_at INTEGER;
CREATE INDEX weekly_update_by_week ON weekly_update (setting_id, week_start);

ALTER TABLE two_year_check ADD COLUMN updated_at INTEGER;
CREATE INDEX two_year_check_by_child ON two_year_check (setting_id, child_id);

-- A meeting is scheduled, then held (notes, next steps, targets) or cancelled.
ALTER TABLE progress_meeting ADD COLUMN status TEXT NOT NULL DEFAULT 'scheduled'
  CHECK (status IN ('scheduled','held','cancelled'));
ALTER TABLE progress_meeting ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX progress_meeting_by_child ON progress_meeting (setting_id, child_id, at);

-- A transition is planned, then applied on (or after) its date; the old key
-- person writes the handover note.
ALTER TABLE transition ADD COLUMN applied_at INTEGER;
ALTER TABLE transition ADD COLUMN created_by INTEGER;
CREATE INDEX transition_by_child ON transition (setting_id, child_id);

-- Settling visits before a room move: the child visits the new room with
-- the new key person; notes from each visit.
CREATE TABLE transition_visit (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  transition_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  staff_id INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK (start_min < end_min),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX transition_visit_by_transition ON transition_visit (setting_id, transition_id);
