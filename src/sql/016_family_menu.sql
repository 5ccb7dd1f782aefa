-- 016_family_menu: the week's menu checked against each child's allergies
-- and dietary needs, and family details kept current (issue 9).
--
-- Allergens and diets are bit sets: bit i of `allergens` is the i-th of the
-- 14 allergens UK law names (core_menu.c's table, in this order: celery,
-- cereals containing gluten, crustaceans, eggs, fish, lupin, milk, molluscs,
-- mustard, tree nuts, peanuts, sesame, soya, sulphites); bit i of `diets` the
-- i-th diet (vegetarian, vegan, halal, kosher, pork free, beef free). A dish
-- holds the allergens it contains and the diets it suits; a child the
-- allergens they must avoid and the diets they keep. The child's free-text
-- `allergies` (001) stays, for what the list does not say.
CREATE TABLE dish (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES setting(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  allergens INTEGER NOT NULL DEFAULT 0 CHECK (allergens BETWEEN 0 AND 16383),
  diets INTEGER NOT NULL DEFAULT 0 CHECK (diets BETWEEN 0 AND 63),
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, name)
);

-- The menu: a dish served on a date at one of the setting's mealtimes (003).
CREATE TABLE menu_item (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  mealtime_id INTEGER NOT NULL REFERENCES mealtime(id),
  dish_id INTEGER NOT NULL,
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  UNIQUE (setting_id, date, mealtime_id, dish_id),
  FOREIGN KEY (setting_id, dish_id) REFERENCES dish(setting_id, id)
);
CREATE INDEX menu_item_by_date ON menu_item (setting_id, date);

-- What a child must avoid and the diets the child keeps (one row a child).
CREATE TABLE child_diet (
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  allergens INTEGER NOT NULL DEFAULT 0 CHECK (allergens BETWEEN 0 AND 16383),
  diets INTEGER NOT NULL DEFAULT 0 CHECK (diets BETWEEN 0 AND 63),
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (setting_id, child_id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

-- An emergency contact a parent added or changed in the portal: applied at
-- once (the family knows who to call), flagged to staff until a member of
-- staff acknowledges it; what it was and what it became, as words.
CREATE TABLE family_change (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  family_id INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('added','changed')),
  was_text TEXT NOT NULL DEFAULT '',
  now_text TEXT NOT NULL CHECK (length(now_text) >= 1),
  requested_by INTEGER,
  created_at INTEGER NOT NULL,
  ack_by INTEGER,
  ack_at INTEGER,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, family_id) REFERENCES family(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);
CREATE INDEX family_change_open ON family_change (setting_id, ack_at, id);

-- A family's health and well-being note for a day ("teething, Calpol at
-- 7am"), flagged to whoever greets the child until acknowledged.
CREATE TABLE health_note (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  date TEXT NOT NULL CHECK (length(date) = 10),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  contact_id INTEGER,
  author_user_id INTEGER,
  created_at INTEGER NOT NULL,
  ack_by INTEGER,
  ack_at INTEGER,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, contact_id) REFERENCES contact(setting_id, id)
);
CREATE INDEX health_note_by_date ON health_note (setting_id, date, child_id);

-- The health visitor's integrated review at two: its date, entered by the
-- family or the key person; the progress check is due in the weeks before.
CREATE TABLE hv_review (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  review_on TEXT NOT NULL CHECK (length(review_on) = 10),
  entered_by INTEGER,
  entered_as TEXT NOT NULL CHECK (entered_as IN ('family','staff')),
  updated_at INTEGER NOT NULL,
  UNIQUE (setting_id, child_id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id)
);

-- A programme from an outside professional, as a target of the child's SEN
-- plan: who suggested it, what, who delivers it and how often.
CREATE TABLE sen_programme (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL,
  child_id INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  professional TEXT NOT NULL CHECK (professional IN ('speech_language_therapist','educational_psychologist','specialist_teacher','health_visitor','other')),
  professional_name TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 1000),
  delivered_by TEXT NOT NULL CHECK (length(delivered_by) BETWEEN 1 AND 200),
  how_often TEXT NOT NULL CHECK (length(how_often) BETWEEN 1 AND 100),
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (setting_id, id),
  FOREIGN KEY (setting_id, child_id) REFERENCES child(setting_id, id),
  FOREIGN KEY (setting_id, plan_id) REFERENCES sen_plan(setting_id, id)
);
CREATE INDEX sen_programme_by_child ON sen_programme (setting_id, child_id);
