-- 002_family_index: families are found by name when children are enrolled
-- or imported; without an index a large import is quadratic.
CREATE INDEX family_by_name ON family (setting_id, name);
