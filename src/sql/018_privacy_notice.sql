-- 018_privacy_notice: the setting's own privacy notice (what it collects
-- about children, families and staff, why, how long it keeps it, who to
-- ask), editable by a manager or admin and shown to families on the portal
-- and to everyone at their first sign-in (ASVS 8.3.3). NULL: the built-in
-- notice. privacy_seen_at: when the person last had the notice shown at
-- sign-in (NULL: never, so the next page shows it).
ALTER TABLE setting ADD COLUMN privacy_notice TEXT;
ALTER TABLE app_user ADD COLUMN privacy_seen_at INTEGER;
