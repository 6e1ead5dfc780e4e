-- Schema step 003_offers: offers and contracts, comparison settings, UfAB evaluation.
-- Money in integer cents inside `data`; see docs/OFFERS.md for the JSON of an offer.

-- One row per offer. `data` is the offer as a template v1 JSON object (all fields); the other
-- columns are copies for listing and checks.
CREATE TABLE offers (
    id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    kind       TEXT NOT NULL CHECK (kind IN ('purchase', 'lease', 'rental', 'support')),
    name       TEXT NOT NULL DEFAULT '',
    vendor     TEXT NOT NULL DEFAULT '',
    group_key  TEXT NOT NULL,
    units      INTEGER NOT NULL CHECK (units > 0),
    data       TEXT NOT NULL CHECK (json_valid(data)),
    sort       INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Agreed service levels of support contracts, per priority (1 = critical … 4 = low), in hours
-- of the contract's service time. Read by the KPI area ("Vertrag vs. Realität").
CREATE TABLE offer_sla (
    offer_id         TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE ON UPDATE CASCADE,
    priority         INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    first_response_h REAL CHECK (first_response_h IS NULL OR first_response_h > 0),
    resolution_h     REAL CHECK (resolution_h IS NULL OR resolution_h > 0),
    PRIMARY KEY (offer_id, priority)
);

-- Schools a support contract covers (Schulnummer; not necessarily in the register).
CREATE TABLE offer_schools (
    offer_id    TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE ON UPDATE CASCADE,
    schulnummer TEXT NOT NULL,
    PRIMARY KEY (offer_id, schulnummer)
);
CREATE INDEX offer_schools_by_school ON offer_schools(schulnummer);

-- The comparison settings (one row).
CREATE TABLE offer_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    start                TEXT NOT NULL,
    horizon_years        INTEGER NOT NULL CHECK (horizon_years BETWEEN 1 AND 50),
    discount_rate_pct    REAL NOT NULL,
    discount_rate_source TEXT NOT NULL,
    pupils               INTEGER CHECK (pupils IS NULL OR pupils > 0)
);

-- UfAB evaluation: criteria (weights sum to 100), scores, method parameters (one row).
CREATE TABLE offer_criteria (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    weight REAL NOT NULL CHECK (weight >= 0),
    sort   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE offer_scores (
    offer_id     TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE ON UPDATE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES offer_criteria(id) ON DELETE CASCADE ON UPDATE CASCADE,
    score        REAL NOT NULL CHECK (score >= 0),
    PRIMARY KEY (offer_id, criterion_id)
);

CREATE TABLE offer_evaluation (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    max_score         REAL NOT NULL DEFAULT 10,
    band_pct          REAL NOT NULL DEFAULT 10,
    deciding          TEXT NOT NULL DEFAULT 'performance' CHECK (deciding IN ('performance', 'price')),
    price_share_pct   REAL NOT NULL DEFAULT 30,
    price_zero_at_pct REAL NOT NULL DEFAULT 100
);
