-- Schema step 003_offers: owned by its feature area; filled in by that area.
CREATE TABLE IF NOT EXISTS placeholder_003_offers (id INTEGER PRIMARY KEY);
DROP TABLE placeholder_003_offers;
