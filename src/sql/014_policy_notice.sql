-- 014_policy_notice: partnership with parents (issue 9) — the setting's
-- policies as versioned documents that each family reads and signs in the
-- portal, and notices to all families or one room with read receipts.
--
-- A policy (title, kind) has versions 1, 2, …; the current one is the
-- highest. A new version leaves the old ones and their signatures as they
-- were, and every family is asked again. A family signs a version once
-- (any parent of the family with parental responsibility, with their typed
-- full name and the date). A notice is for every family (room_id NULL) or
-- for the families of one room's children; a parent's first opening of it
-- in the portal is recorded once (notice_read).

CREATE TABLE policy (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  kind TEXT NOT NULL CHECK (kind IN ('safeguarding','key_person','partnership','complaints',
    'attendance','medicines','behaviour','sen','data_protection','health_safety','other')),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, title)
);

CREATE TABLE policy_version (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  policy_id INTEGER NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  published_on TEXT NOT NULL CHECK (length(published_on) = 10),
  published_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (policy_id, version),
  FOREIGN KEY (setting_id, policy_id) REFERENCES policy(setting_id, id)
);

CREATE TABLE policy_signature (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  version_id INTEGER NOT NULL,
  family_id INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  signed_name TEXT NOT NULL CHECK (length(signed_name) BETWEEN 1 AND 200),
  signed_on TEXT NOT NULL CHECK (length(signed_on) = 10),
  user_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (version_id, family_id),
  FOREIGN KEY (setting_id, version_id) REFERENCES policy_version(setting_id, id),
  FOREIGN KEY (setting_id, family_id) REFERENCES family(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);
CREATE INDEX policy_signature_by_family ON policy_signature (setting_id, family_id);

CREATE TABLE notice (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  room_id INTEGER,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 8000),
  published_on TEXT NOT NULL CHECK (length(published_on) = 10),
  author_user_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, room_id) REFERENCES room(setting_id, id)
);
CREATE INDEX notice_by_setting ON notice (setting_id, published_on);

CREATE TABLE notice_read (
  setting_id INTEGER NOT NULL,
  notice_id INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (notice_id, contact_id),
  FOREIGN KEY (setting_id, notice_id) REFERENCES notice(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);
