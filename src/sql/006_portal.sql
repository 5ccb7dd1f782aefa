-- 006_portal: the parent portal. Staff photos (families see their key
-- person's and buddy's face), the thread of messages between a family and
-- the key person (one per child), and changes to contact details that a
-- parent asks for and a manager confirms (applied only on confirmation).
-- A family's portal language is the contact's own `language` (001).

ALTER TABLE staff ADD COLUMN photo BLOB;
ALTER TABLE staff ADD COLUMN photo_type TEXT;

-- One thread per child: from the family (contact_id set) or from staff
-- (staff_id set). A family's message is answered by the next staff message
-- of the thread.
CREATE TABLE portal_message (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  contact_id INTEGER,
  staff_id INTEGER,
  author_user_id INTEGER,
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  created_at INTEGER NOT NULL,
  CHECK ((contact_id IS NULL) <> (staff_id IS NULL)),
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id),
  FOREIGN KEY (setting_id, staff_id) REFERENCES staff(setting_id, id)
);
CREATE INDEX portal_message_by_child ON portal_message (setting_id, child_id, id);

-- A parent's own contact details as they ask them to be; the contact row is
-- changed only when a manager confirms.
CREATE TABLE contact_change (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  preferred_method TEXT NOT NULL DEFAULT 'in_person' CHECK (preferred_method IN ('in_person','phone','text','email','portal')),
  preferred_time TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','declined')),
  requested_by INTEGER,
  created_at INTEGER NOT NULL,
  decided_by INTEGER,
  decided_at INTEGER,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);
CREATE INDEX contact_change_by_status ON contact_change (setting_id, status, id);
