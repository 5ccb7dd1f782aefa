-- 013_retention: what `kw retention` needs (docs/retention.md).
--
-- Append-only rows (concerns, their addenda, plan reviews, the audit log)
-- are deleted only inside the retention purge, whose transaction holds a
-- row in purge_in_progress (001) for its setting and nowhere else. The
-- audit log is narrower still: it is pruned only from its start, so its
-- rows may go only up to the bound the purge names in audit_prune_bound,
-- also a row that lives only inside the purge's transaction. A DELETE
-- anywhere else, or of an audit row past the bound, is refused.
CREATE TABLE audit_prune_bound (
  setting_id INTEGER NOT NULL,
  upto_id INTEGER NOT NULL
);
DROP TRIGGER audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM purge_in_progress WHERE setting_id = OLD.setting_id)
  OR NOT EXISTS (SELECT 1 FROM audit_prune_bound
                 WHERE setting_id = OLD.setting_id AND OLD.id <= upto_id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only the retention purge prunes it, from its start'); END;

-- A rule may be measured from the record's own date ('record_date': the
-- audit log, kept at least as long as the records it describes).
CREATE TABLE retention_rule_new (
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  record_kind TEXT NOT NULL,
  basis TEXT NOT NULL CHECK (basis IN ('after_leaving','child_age','after_staff_leaving','staff_age_or_years','record_date')),
  months INTEGER NOT NULL CHECK (months >= 0),
  PRIMARY KEY (setting_id, record_kind)
);
INSERT INTO retention_rule_new (setting_id, record_kind, basis, months)
  SELECT setting_id, record_kind, basis, months FROM retention_rule;
DROP TABLE retention_rule;
ALTER TABLE retention_rule_new RENAME TO retention_rule;
-- The audit rule's first default (25 years after leaving) was never read:
-- the log now goes 6 years after each row, and never before the records
-- the row is about (core_retention.c).
UPDATE retention_rule SET basis = 'record_date', months = 72
  WHERE record_kind = 'audit' AND basis = 'after_leaving' AND months = 300;

-- Removing register entries checks, per entry, that no correction names it:
-- without these the purge reads the whole register once per entry.
CREATE INDEX register_child_by_corrects ON register_child (setting_id, corrects_id);
CREATE INDEX register_staff_by_corrects ON register_staff (setting_id, corrects_id);
