-- Groups of settings (issue 10): a nursery group's settings, and the group
-- managers who see every setting's dashboards (counts, never a child's
-- record). A setting belongs to at most one group. Being a group manager
-- is not a role in any setting: the person's roles in each setting stay in
-- user_role, and authz.c decides what the group role shows.
CREATE TABLE setting_group (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at INTEGER NOT NULL
);

CREATE TABLE group_setting (
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  group_id INTEGER NOT NULL REFERENCES setting_group(id),
  PRIMARY KEY (setting_id)
);
CREATE INDEX group_setting_group ON group_setting(group_id);

CREATE TABLE group_manager (
  group_id INTEGER NOT NULL REFERENCES setting_group(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_manager_user ON group_manager(user_id);
