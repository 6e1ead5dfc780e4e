-- Schema step 002_budget: owned by its feature area; filled in by that area.
CREATE TABLE IF NOT EXISTS placeholder_002_budget (id INTEGER PRIMARY KEY);
DROP TABLE placeholder_002_budget;
