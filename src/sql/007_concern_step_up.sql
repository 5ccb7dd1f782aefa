-- 007_concern_step_up: safeguarding concerns (issue 8). The session keeps
-- when the DSL last used the chronology after re-entering their password
-- (step_up_at, from 001, is when they re-entered it): a chronology opens
-- without a password only within 15 minutes of either. concern_seen records
-- which concerns each DSL has opened, so the new ones are listed and
-- counted on their home page until they do.
ALTER TABLE session ADD COLUMN step_up_seen_at INTEGER;

CREATE TABLE concern_seen (
  setting_id INTEGER NOT NULL,
  concern_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (concern_id, user_id),
  FOREIGN KEY (setting_id, concern_id) REFERENCES concern(setting_id, id)
);
