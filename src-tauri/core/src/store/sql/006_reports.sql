-- Schema step 006_reports: owned by its feature area; filled in by that area.
CREATE TABLE IF NOT EXISTS placeholder_006_reports (id INTEGER PRIMARY KEY);
DROP TABLE placeholder_006_reports;
