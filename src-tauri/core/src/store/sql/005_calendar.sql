-- Schema step 005_calendar: owned by its feature area; filled in by that area.
CREATE TABLE IF NOT EXISTS placeholder_005_calendar (id INTEGER PRIMARY KEY);
DROP TABLE placeholder_005_calendar;
