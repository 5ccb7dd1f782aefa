-- 019_hot_indexes: indexes for the queries every busy page runs (found by
-- profiling the web application under load, 400 children and 80 staff).
-- The start page's absence patterns read every day's sign-ins of the last
-- weeks: with the child and the event in the index they come from the index
-- alone, instead of one table lookup per register row.
CREATE INDEX register_child_in ON register_child (setting_id, event, date, child_id);
-- The today, register, ratios and start pages read the children's usual
-- hours on one weekday: the table's key starts with the child, so each read
-- scanned every child's every weekday.
CREATE INDEX child_attendance_by_weekday ON child_attendance (setting_id, weekday, child_id, arrive_min, leave_min);
