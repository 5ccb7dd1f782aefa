-- 010_accident: accidents, incidents and injuries noticed on arrival
-- (issue 8; core_accident.c). body_region holds one or more body map
-- regions separated by spaces. The parent is told (when, by whom) and
-- acknowledges (their name, on the staff's screen or in the portal, and
-- which contact when in the portal). Notifiable to Ofsted (notified_at) and
-- reportable under RIDDOR (riddor_reported_at), each with its deadline
-- computed from occurred_at.
ALTER TABLE accident ADD COLUMN recorded_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE accident ADD COLUMN parent_informed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE accident ADD COLUMN parent_ack_how TEXT NOT NULL DEFAULT ''
  CHECK (parent_ack_how IN ('', 'on_screen', 'portal'));
ALTER TABLE accident ADD COLUMN parent_ack_contact_id INTEGER;
ALTER TABLE accident ADD COLUMN riddor INTEGER NOT NULL DEFAULT 0 CHECK (riddor IN (0,1));
ALTER TABLE accident ADD COLUMN riddor_reported_at INTEGER;
CREATE INDEX accident_child_when ON accident (setting_id, child_id, occurred_at);
CREATE INDEX accident_when ON accident (setting_id, occurred_at);
