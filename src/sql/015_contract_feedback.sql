-- 015_contract_feedback: each child's contract (sessions are the child's
-- attendance pattern; fees per hour, per session or funded hours only; an
-- annual review), the kinds of funded place with their hours and age bands,
-- each child's funding eligibility with the term it starts, and the
-- families' termly feedback (one response per family per term: a second
-- replaces the first). The setting chooses whether the manager reads the
-- feedback with family names or as an anonymous summary.

-- The funded places of England, as data: a kind is for children from
-- from_months (the funding starts the term after the child reaches it) to
-- to_months (it is not given to a child that old).
CREATE TABLE funding_kind (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
  from_months INTEGER NOT NULL CHECK (from_months >= 0),
  to_months INTEGER NOT NULL,
  working_parents INTEGER NOT NULL CHECK (working_parents IN (0,1)),
  position INTEGER NOT NULL,
  CHECK (from_months < to_months)
);
INSERT INTO funding_kind VALUES
  ('2yo','2-year-old funding (families receiving support)',15,24,36,0,1),
  ('universal_15','Universal 15 hours (3- and 4-year-olds)',15,36,60,0,2),
  ('working_30','30 hours for working parents (3- and 4-year-olds)',30,36,60,1,3),
  ('working_9m','Working parents: children from 9 months',30,9,24,1,4),
  ('working_2','Working parents: 2-year-olds',30,24,36,1,5);

CREATE TABLE contract (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  start_date TEXT NOT NULL CHECK (length(start_date) = 10),
  signed_on TEXT CHECK (signed_on IS NULL OR length(signed_on) = 10),
  fee_basis TEXT NOT NULL CHECK (fee_basis IN ('hour','session','funded')),
  fee_pence INTEGER NOT NULL DEFAULT 0 CHECK (fee_pence >= 0),
  notes TEXT NOT NULL DEFAULT '',
  review_on TEXT NOT NULL CHECK (length(review_on) = 10),
  reviewed_on TEXT CHECK (reviewed_on IS NULL OR length(reviewed_on) = 10),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, child_id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
CREATE INDEX contract_by_review ON contract (setting_id, review_on);

-- Eligibility as recorded; the one in force on a day is the latest that
-- starts on or before it.
CREATE TABLE child_funding (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL REFERENCES funding_kind(code),
  eligibility_code TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL CHECK (length(recorded_on) = 10),
  starts_on TEXT NOT NULL CHECK (length(starts_on) = 10),
  recorded_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
CREATE INDEX child_funding_by_child ON child_funding (setting_id, child_id, starts_on);

CREATE TABLE feedback_response (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  family_id INTEGER NOT NULL,
  term_start TEXT NOT NULL CHECK (length(term_start) = 10),
  settling INTEGER NOT NULL CHECK (settling BETWEEN 1 AND 5),
  key_person INTEGER NOT NULL CHECK (key_person BETWEEN 1 AND 5),
  learning INTEGER NOT NULL CHECK (learning BETWEEN 1 AND 5),
  food INTEGER NOT NULL CHECK (food BETWEEN 1 AND 5),
  overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  contact_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, family_id, term_start),
  FOREIGN KEY (setting_id, family_id) REFERENCES family(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);

ALTER TABLE setting ADD COLUMN feedback_anonymous INTEGER NOT NULL DEFAULT 1 CHECK (feedback_anonymous IN (0,1));
