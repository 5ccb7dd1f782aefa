-- 001_init: the whole domain model of keyworker (DESIGN.md, "The domain").
-- Later migrations refine it; this file is never edited once released.
-- Conventions: every row carries setting_id (a group's settings share one
-- database; a PostgreSQL/Citus deployment distributes by it), and references
-- between records of a setting are composite (setting_id, id) foreign keys, so
-- a row can never point at another setting's record. Instants are UTC seconds
-- (INTEGER), dates 'YYYY-MM-DD' (TEXT), times of day minutes (INTEGER),
-- booleans 0/1. Weekdays 0 = Monday .. 6 = Sunday.

CREATE TABLE setting (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL DEFAULT 'nursery' CHECK (kind IN ('nursery','pre-school','school','childminder')),
  time_zone TEXT NOT NULL DEFAULT 'Europe/London',
  opens_min INTEGER NOT NULL DEFAULT 450 CHECK (opens_min BETWEEN 0 AND 1440),
  closes_min INTEGER NOT NULL DEFAULT 1110 CHECK (closes_min BETWEEN 0 AND 1440),
  framework TEXT NOT NULL DEFAULT 'eyfs-group-2025',
  band_on_birthday INTEGER NOT NULL DEFAULT 1 CHECK (band_on_birthday IN (0,1)),
  family_access_days INTEGER NOT NULL DEFAULT 30 CHECK (family_access_days >= 0),
  created_at INTEGER NOT NULL,
  CHECK (opens_min < closes_min)
);

CREATE TABLE room (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  age_min_months INTEGER NOT NULL DEFAULT 0 CHECK (age_min_months >= 0),
  age_max_months INTEGER NOT NULL DEFAULT 60 CHECK (age_max_months >= age_min_months),
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
  ratio_rule TEXT NOT NULL DEFAULT 'age' CHECK (ratio_rule IN ('age','nursery_class','reception','childminder')),
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, name)
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  job_title TEXT NOT NULL DEFAULT '',
  qualification INTEGER NOT NULL DEFAULT 0 CHECK (qualification IN (0,2,3,6)),
  qualification_name TEXT NOT NULL DEFAULT '',
  student INTEGER NOT NULL DEFAULT 0 CHECK (student IN (0,1)),
  pfa_expires TEXT,
  dbs_date TEXT,
  experience_start TEXT,
  sen_trained INTEGER NOT NULL DEFAULT 0 CHECK (sen_trained IN (0,1)),
  key_person INTEGER NOT NULL DEFAULT 1 CHECK (key_person IN (0,1)),
  max_primary INTEGER CHECK (max_primary IS NULL OR max_primary >= 0),
  max_secondary INTEGER CHECK (max_secondary IS NULL OR max_secondary >= 0),
  dsl INTEGER NOT NULL DEFAULT 0 CHECK (dsl IN (0,1)),
  senco INTEGER NOT NULL DEFAULT 0 CHECK (senco IN (0,1)),
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT,
  start_date TEXT,
  leaving_date TEXT,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, code)
);

-- Rooms a member of staff works in; position 0 is the home room.
CREATE TABLE staff_room (
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  room_id INTEGER NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  PRIMARY KEY (staff_id, room_id),
  UNIQUE (staff_id, position),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id) ON DELETE CASCADE,
  FOREIGN KEY (setting_id, room_id) REFERENCES room(setting_id, id)
);

-- Languages spoken besides English (ISO 639-1 codes).
CREATE TABLE staff_language (
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 12),
  PRIMARY KEY (staff_id, language),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id) ON DELETE CASCADE
);

-- Contracted weekly pattern: the usual shift on each weekday.
CREATE TABLE staff_pattern (
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  PRIMARY KEY (staff_id, weekday),
  CHECK (start_min < end_min),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id) ON DELETE CASCADE
);

-- The rota: one row per shift worked on a date.
CREATE TABLE shift (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  room_id INTEGER,
  published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0,1)),
  CHECK (start_min < end_min),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, room_id) REFERENCES room(setting_id, id)
);
CREATE INDEX shift_by_date ON shift (setting_id, date);

CREATE TABLE staff_absence (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  from_date TEXT NOT NULL CHECK (length(from_date) = 10),
  to_date TEXT NOT NULL CHECK (length(to_date) = 10),
  reason TEXT NOT NULL CHECK (reason IN ('sick','holiday','training','ppa','other')),
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (from_date <= to_date),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);

-- A family groups siblings and the adults who care for them.
CREATE TABLE family (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'en',
  UNIQUE (setting_id, id)
);

CREATE TABLE child (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  family_id INTEGER,
  first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  preferred_name TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT NOT NULL CHECK (length(date_of_birth) = 10),
  room_id INTEGER NOT NULL,
  home_language TEXT NOT NULL DEFAULT 'en' CHECK (length(home_language) BETWEEN 2 AND 12),
  other_languages TEXT NOT NULL DEFAULT '',
  allergies TEXT NOT NULL DEFAULT '',
  medical TEXT NOT NULL DEFAULT '',
  dietary TEXT NOT NULL DEFAULT '',
  sen INTEGER NOT NULL DEFAULT 0 CHECK (sen IN (0,1)),
  funding TEXT NOT NULL DEFAULT 'none' CHECK (funding IN ('none','2yo','15','30')),
  lives_with TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL CHECK (length(start_date) = 10),
  leaving_date TEXT,
  photo BLOB,
  photo_type TEXT,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, code),
  CHECK (leaving_date IS NULL OR leaving_date >= start_date),
  FOREIGN KEY (setting_id, family_id) REFERENCES family(setting_id, id),
  FOREIGN KEY (setting_id, room_id) REFERENCES room(setting_id, id)
);
CREATE INDEX child_by_room ON child (setting_id, room_id);
CREATE INDEX child_by_family ON child (setting_id, family_id);

-- Usual attendance: arrival and departure on each weekday attended.
CREATE TABLE child_attendance (
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  arrive_min INTEGER NOT NULL CHECK (arrive_min BETWEEN 0 AND 1440),
  leave_min INTEGER NOT NULL CHECK (leave_min BETWEEN 0 AND 1440),
  PRIMARY KEY (child_id, weekday),
  CHECK (arrive_min < leave_min),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id) ON DELETE CASCADE
);

-- Extra or changed sessions on a date (replaces the pattern for that day).
CREATE TABLE booking (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  arrive_min INTEGER NOT NULL CHECK (arrive_min BETWEEN 0 AND 1440),
  leave_min INTEGER NOT NULL CHECK (leave_min BETWEEN 0 AND 1440),
  note TEXT NOT NULL DEFAULT '',
  CHECK (arrive_min < leave_min),
  UNIQUE (child_id, date),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE child_absence (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  reason TEXT NOT NULL CHECK (reason IN ('illness','holiday','appointment','family','unexplained','other')),
  notified INTEGER NOT NULL DEFAULT 1 CHECK (notified IN (0,1)),
  note TEXT NOT NULL DEFAULT '',
  follow_up TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (child_id, date),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

-- Parents, carers and emergency contacts. A restriction (court order) must be
-- honoured by every page: 'no_collect' never hands the child over to them,
-- 'no_information' gives them nothing about the child.
CREATE TABLE contact (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  family_id INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  relationship TEXT NOT NULL DEFAULT '',
  parental_responsibility INTEGER NOT NULL DEFAULT 0 CHECK (parental_responsibility IN (0,1)),
  may_collect INTEGER NOT NULL DEFAULT 0 CHECK (may_collect IN (0,1)),
  emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0,1)),
  collection_password_hash TEXT,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  preferred_method TEXT NOT NULL DEFAULT 'in_person' CHECK (preferred_method IN ('in_person','phone','text','email','portal')),
  preferred_time TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'en',
  restriction TEXT NOT NULL DEFAULT 'none' CHECK (restriction IN ('none','no_collect','no_information','no_contact')),
  restriction_note TEXT NOT NULL DEFAULT '',
  UNIQUE (setting_id, id),
  CHECK (restriction = 'none' OR may_collect = 0 OR restriction = 'no_information'),
  FOREIGN KEY (setting_id, family_id) REFERENCES family(setting_id, id)
);
CREATE INDEX contact_by_family ON contact (setting_id, family_id);

CREATE TABLE consent (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photos','photos_shared_with_others','share_health_visitor','share_next_setting','outings','sun_cream','first_aid','medicine','transport','other')),
  given INTEGER NOT NULL CHECK (given IN (0,1)),
  contact_id INTEGER,
  given_on TEXT NOT NULL CHECK (length(given_on) = 10),
  withdrawn_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);

-- Key person (primary) and buddy (secondary) from a date; history is kept:
-- the assignment in force on day D is the one with from_date <= D and
-- (to_date IS NULL OR to_date > D).
CREATE TABLE key_assignment (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  primary_staff_id INTEGER NOT NULL,
  secondary_staff_id INTEGER NOT NULL,
  from_date TEXT NOT NULL CHECK (length(from_date) = 10),
  to_date TEXT,
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  CHECK (primary_staff_id <> secondary_staff_id),
  CHECK (to_date IS NULL OR to_date > from_date),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, primary_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, secondary_staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX key_assignment_by_child ON key_assignment (setting_id, child_id, from_date);

-- Plans proposed by the key-group planner, kept with their score.
CREATE TABLE plan_proposal (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  created_at INTEGER NOT NULL,
  created_by INTEGER,
  from_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','applied','discarded')),
  solver_status TEXT NOT NULL,
  score_total REAL,
  score_before REAL,
  bound REAL,
  instance_json TEXT NOT NULL,
  result_json TEXT NOT NULL,
  applied_at INTEGER,
  UNIQUE (setting_id, id)
);

-- The daily register. Corrections are new rows that name the row they correct.
CREATE TABLE register_child (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  event TEXT NOT NULL CHECK (event IN ('in','out')),
  at INTEGER NOT NULL,
  recorded_by INTEGER,
  key_person_staff_id INTEGER,
  collected_by_contact_id INTEGER,
  collected_by_name TEXT NOT NULL DEFAULT '',
  collection_override TEXT NOT NULL DEFAULT '',
  corrects_id INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, key_person_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, collected_by_contact_id) REFERENCES contact(setting_id, id),
  FOREIGN KEY (setting_id, corrects_id) REFERENCES register_child(setting_id, id)
);
CREATE INDEX register_child_by_date ON register_child (setting_id, date);

CREATE TABLE register_staff (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  event TEXT NOT NULL CHECK (event IN ('in','out')),
  at INTEGER NOT NULL,
  recorded_by INTEGER,
  corrects_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, corrects_id) REFERENCES register_staff(setting_id, id)
);
CREATE INDEX register_staff_by_date ON register_staff (setting_id, date);

-- Message book: for a child, a room or a key group (key person's children).
CREATE TABLE handover_message (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER,
  room_id INTEGER,
  key_person_staff_id INTEGER,
  for_date TEXT NOT NULL CHECK (length(for_date) = 10),
  source TEXT NOT NULL DEFAULT 'staff' CHECK (source IN ('staff','parent')),
  author_user_id INTEGER,
  author_name TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  created_at INTEGER NOT NULL,
  CHECK (child_id IS NOT NULL OR room_id IS NOT NULL OR key_person_staff_id IS NOT NULL),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, room_id) REFERENCES room(setting_id, id),
  FOREIGN KEY (setting_id, key_person_staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE handover_ack (
  setting_id INTEGER NOT NULL,
  message_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (message_id, staff_id),
  FOREIGN KEY (setting_id, message_id) REFERENCES handover_message(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE diary_entry (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  kind TEXT NOT NULL CHECK (kind IN ('meal','drink','sleep','nappy','toilet','activity','mood','note')),
  start_min INTEGER CHECK (start_min IS NULL OR start_min BETWEEN 0 AND 1440),
  end_min INTEGER CHECK (end_min IS NULL OR end_min BETWEEN 0 AND 1440),
  detail TEXT NOT NULL DEFAULT '',
  author_staff_id INTEGER,
  created_at INTEGER NOT NULL,
  published_at INTEGER,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, author_staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX diary_by_child ON diary_entry (setting_id, child_id, date);

-- Areas of learning are data: the framework can change.
CREATE TABLE learning_area (
  framework TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  prime INTEGER NOT NULL CHECK (prime IN (0,1)),
  position INTEGER NOT NULL,
  PRIMARY KEY (framework, code)
);
INSERT INTO learning_area VALUES
  ('eyfs','CL','Communication and Language',1,1),
  ('eyfs','PD','Physical Development',1,2),
  ('eyfs','PSED','Personal, Social and Emotional Development',1,3),
  ('eyfs','L','Literacy',0,4),
  ('eyfs','M','Mathematics',0,5),
  ('eyfs','UW','Understanding the World',0,6),
  ('eyfs','EAD','Expressive Arts and Design',0,7);

CREATE TABLE observation (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  author_staff_id INTEGER,
  author_contact_id INTEGER,
  date TEXT NOT NULL CHECK (length(date) = 10),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  next_steps TEXT NOT NULL DEFAULT '',
  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0,1)),
  created_at INTEGER NOT NULL,
  CHECK (author_staff_id IS NOT NULL OR author_contact_id IS NOT NULL),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, author_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, author_contact_id) REFERENCES contact(setting_id, id)
);

CREATE TABLE observation_child (
  setting_id INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  PRIMARY KEY (observation_id, child_id),
  FOREIGN KEY (setting_id, observation_id) REFERENCES observation(setting_id, id) ON DELETE CASCADE,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
CREATE INDEX observation_child_by_child ON observation_child (setting_id, child_id);

CREATE TABLE observation_area (
  setting_id INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  framework TEXT NOT NULL DEFAULT 'eyfs',
  area_code TEXT NOT NULL,
  PRIMARY KEY (observation_id, area_code),
  FOREIGN KEY (setting_id, observation_id) REFERENCES observation(setting_id, id) ON DELETE CASCADE,
  FOREIGN KEY (framework, area_code) REFERENCES learning_area(framework, code)
);

CREATE TABLE observation_photo (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png')),
  bytes BLOB NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, observation_id) REFERENCES observation(setting_id, id) ON DELETE CASCADE
);

CREATE TABLE observation_reply (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  observation_id INTEGER NOT NULL,
  contact_id INTEGER,
  staff_id INTEGER,
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, observation_id) REFERENCES observation(setting_id, id) ON DELETE CASCADE,
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE weekly_update (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  week_start TEXT NOT NULL CHECK (length(week_start) = 10),
  author_staff_id INTEGER,
  text TEXT NOT NULL DEFAULT '',
  sent_at INTEGER,
  UNIQUE (child_id, week_start),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, author_staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE two_year_check (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  staff_id INTEGER,
  date TEXT NOT NULL CHECK (length(date) = 10),
  cl_level TEXT NOT NULL DEFAULT 'expected' CHECK (cl_level IN ('expected','less_than_expected','above')),
  cl_text TEXT NOT NULL DEFAULT '',
  pd_level TEXT NOT NULL DEFAULT 'expected' CHECK (pd_level IN ('expected','less_than_expected','above')),
  pd_text TEXT NOT NULL DEFAULT '',
  psed_level TEXT NOT NULL DEFAULT 'expected' CHECK (psed_level IN ('expected','less_than_expected','above')),
  psed_text TEXT NOT NULL DEFAULT '',
  strengths TEXT NOT NULL DEFAULT '',
  concerns TEXT NOT NULL DEFAULT '',
  strategies TEXT NOT NULL DEFAULT '',
  parent_view TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final')),
  shared_health_visitor_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE progress_meeting (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  staff_id INTEGER,
  at INTEGER NOT NULL,
  method TEXT NOT NULL DEFAULT 'in_person' CHECK (method IN ('in_person','phone','video')),
  with_whom TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  next_steps TEXT NOT NULL DEFAULT '',
  targets TEXT NOT NULL DEFAULT '',
  reviews_meeting_id INTEGER,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, reviews_meeting_id) REFERENCES progress_meeting(setting_id, id)
);

-- Safeguarding concerns and their addenda are append-only: no UPDATE ever,
-- and DELETE only inside the audited retention purge (purge_in_progress
-- holds a row only inside that transaction).
CREATE TABLE purge_in_progress (
  setting_id INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  by_user INTEGER
);

CREATE TABLE concern (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  reported_by_user INTEGER,
  reported_by_name TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  seen_heard TEXT NOT NULL CHECK (length(seen_heard) BETWEEN 1 AND 20000),
  child_words TEXT NOT NULL DEFAULT '',
  body_region TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE concern_addendum (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  concern_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('action','referral','outcome','correction','note')),
  agency TEXT NOT NULL DEFAULT '' CHECK (agency IN ('','childrens_services','police','lado','health','other')),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  by_user INTEGER,
  by_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, concern_id) REFERENCES concern(setting_id, id)
);

CREATE TRIGGER concern_no_update BEFORE UPDATE ON concern
BEGIN SELECT RAISE(ABORT, 'concerns are append-only: add an addendum'); END;
CREATE TRIGGER concern_no_delete BEFORE DELETE ON concern
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'concerns are append-only: only the retention purge removes them'); END;
CREATE TRIGGER concern_addendum_no_update BEFORE UPDATE ON concern_addendum
BEGIN SELECT RAISE(ABORT, 'concern addenda are append-only'); END;
CREATE TRIGGER concern_addendum_no_delete BEFORE DELETE ON concern_addendum
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'concern addenda are append-only: only the retention purge removes them'); END;

CREATE TABLE sen_record (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('monitoring','sen_support','ehcp')),
  area_of_need TEXT NOT NULL DEFAULT '' CHECK (area_of_need IN ('','communication_interaction','cognition_learning','semh','sensory_physical')),
  from_date TEXT NOT NULL,
  to_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE sen_plan (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'sen_support' CHECK (kind IN ('sen_support','ehcp','intimate_care','one_page_profile')),
  created_on TEXT NOT NULL,
  review_on TEXT,
  targets TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE sen_agency (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  agency TEXT NOT NULL CHECK (agency IN ('area_senco','educational_psychologist','speech_language_therapist','specialist_teacher','health_visitor','other')),
  contact_name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0,1)),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE lsa_hours (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  hours_per_week REAL NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
  from_date TEXT NOT NULL,
  to_date TEXT,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE behaviour_incident (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  antecedent TEXT NOT NULL DEFAULT '',
  behaviour TEXT NOT NULL CHECK (length(behaviour) >= 1),
  consequence TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER,
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE behaviour_plan (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('psp','risk_reduction','intervention','other')),
  strategies TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  review_date TEXT,
  outcome TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

CREATE TABLE accident (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'accident' CHECK (kind IN ('accident','incident','existing_injury')),
  occurred_at INTEGER NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  what_happened TEXT NOT NULL CHECK (length(what_happened) >= 1),
  body_region TEXT NOT NULL DEFAULT '',
  first_aid TEXT NOT NULL DEFAULT '',
  first_aider_staff_id INTEGER,
  witnesses TEXT NOT NULL DEFAULT '',
  parent_account TEXT NOT NULL DEFAULT '',
  parent_informed_at INTEGER,
  parent_ack_name TEXT NOT NULL DEFAULT '',
  parent_ack_at INTEGER,
  notifiable INTEGER NOT NULL DEFAULT 0 CHECK (notifiable IN (0,1)),
  notified_at INTEGER,
  recorded_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, first_aider_staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE medicine_permission (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  medicine TEXT NOT NULL CHECK (length(medicine) >= 1),
  dose TEXT NOT NULL,
  times TEXT NOT NULL DEFAULT '',
  prescribed INTEGER NOT NULL DEFAULT 1 CHECK (prescribed IN (0,1)),
  contact_id INTEGER,
  from_date TEXT NOT NULL,
  until_date TEXT NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);

CREATE TABLE medicine_dose (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  permission_id INTEGER NOT NULL,
  given_at INTEGER NOT NULL,
  dose TEXT NOT NULL,
  given_by_staff_id INTEGER NOT NULL,
  witness_staff_id INTEGER NOT NULL,
  parent_ack_at INTEGER,
  CHECK (given_by_staff_id <> witness_staff_id),
  FOREIGN KEY (setting_id, permission_id) REFERENCES medicine_permission(setting_id, id),
  FOREIGN KEY (setting_id, given_by_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, witness_staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE transition (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('room_move','leaving')),
  date TEXT NOT NULL,
  from_room_id INTEGER,
  to_room_id INTEGER,
  new_primary_staff_id INTEGER,
  new_secondary_staff_id INTEGER,
  handover_note TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL DEFAULT '',
  transfer_consent INTEGER NOT NULL DEFAULT 0 CHECK (transfer_consent IN (0,1)),
  created_at INTEGER NOT NULL,
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, from_room_id) REFERENCES room(setting_id, id),
  FOREIGN KEY (setting_id, to_room_id) REFERENCES room(setting_id, id),
  FOREIGN KEY (setting_id, new_primary_staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, new_secondary_staff_id) REFERENCES staff(setting_id, id)
);

CREATE TABLE supervision (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  staff_id INTEGER NOT NULL,
  supervisor_staff_id INTEGER,
  date TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  wellbeing TEXT NOT NULL DEFAULT '',
  key_children TEXT NOT NULL DEFAULT '',
  training_needs TEXT NOT NULL DEFAULT '',
  actions TEXT NOT NULL DEFAULT '',
  next_due TEXT,
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, supervisor_staff_id) REFERENCES staff(setting_id, id)
);

-- People who sign in. A user may belong to several settings, with roles in
-- each, and be linked there to a member of staff or a contact (a parent).
CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 100),
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1)),
  disabled_at INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE user_setting (
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  staff_id INTEGER,
  contact_id INTEGER,
  access_ends TEXT,
  PRIMARY KEY (user_id, setting_id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);

CREATE TABLE user_role (
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  role TEXT NOT NULL CHECK (role IN ('manager','practitioner','senco','dsl','parent','admin')),
  PRIMARY KEY (user_id, setting_id, role)
);

CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  step_up_at INTEGER,
  ip TEXT NOT NULL DEFAULT ''
);

CREATE TABLE login_attempt (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0,1)),
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_attempt_by_user ON login_attempt (username, at);

-- Audit log: append-only and hash-chained per setting (hash = BLAKE2b of the
-- previous row's hash and this row's fields).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER,
  actor TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_kind TEXT NOT NULL DEFAULT '',
  object_id INTEGER,
  child_id INTEGER,
  detail TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_setting ON audit_log (setting_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only the retention purge prunes it'); END;

CREATE TABLE retention_rule (
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  record_kind TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('after_leaving','child_age','after_staff_leaving','staff_age_or_years')),
  months INTEGER NOT NULL CHECK (months >= 0),
  PRIMARY KEY (setting_id, record_kind)
);

-- Notifications waiting to be delivered (portal and, when configured, email).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  created_at INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('portal','email')),
  contact_id INTEGER,
  user_id INTEGER,
  child_id INTEGER,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);
