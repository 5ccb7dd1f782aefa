-- 017_password_rules: one-time passwords expire, and failed password checks
-- are counted per client address as well as per account (ASVS 2.2.1, 2.3.1).
--
-- app_user.must_change_by: when a one-time password (must_change_password = 1,
-- set by a reset or when the account is made) stops working, in seconds since
-- 1970; NULL when there is no deadline (the person's own password).
-- login_attempt.kind: which form checked the password: 'signin', 'password'
-- (the current password on the change form) or 'step-up' (the DSL's second
-- check before reading concerns). All kinds count towards the locks.
ALTER TABLE app_user ADD COLUMN must_change_by INTEGER;
ALTER TABLE login_attempt ADD COLUMN kind TEXT NOT NULL DEFAULT 'signin';
CREATE INDEX login_attempt_by_ip ON login_attempt (ip, at);
