-- 009_settling_family_view: the family's own view of each settling-in
-- visit, written by them in the portal (the staff's note of what the parent
-- said stays in parent_view): the words, which contact wrote them, when.
ALTER TABLE settling_visit ADD COLUMN family_view TEXT NOT NULL DEFAULT '';
ALTER TABLE settling_visit ADD COLUMN family_view_contact_id INTEGER;
ALTER TABLE settling_visit ADD COLUMN family_view_at INTEGER;
-- A room move's key person and buddy: who chose them ('planner', 'rule'
-- when the planner could not plan the room, '' when the manager named them).
ALTER TABLE transition ADD COLUMN suggested_by TEXT NOT NULL DEFAULT '';
