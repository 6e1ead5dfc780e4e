-- Schema step 002_budget: equipment budget planning (Medienentwicklungsplan).
-- Assumptions (catalogue, standards, funding, municipal budget, cap, weights) belong to a named
-- scenario; facts (inventory, pupils per year) are shared by all scenarios. Money in cents.

CREATE TABLE budget_scenarios (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    description     TEXT NOT NULL DEFAULT '',
    is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    base_year       INTEGER NOT NULL,
    from_year       INTEGER NOT NULL,
    to_year         INTEGER NOT NULL,
    escalation_pct  REAL NOT NULL DEFAULT 2.0,
    -- Sozialindex weights: JSON {"levels":[9 numbers],"without_index":n}
    weights         TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (from_year <= to_year AND base_year <= from_year)
);

CREATE TABLE budget_categories (
    scenario_id         INTEGER NOT NULL REFERENCES budget_scenarios(id) ON DELETE CASCADE,
    key                 TEXT NOT NULL,
    label               TEXT NOT NULL,
    unit_price_cents    INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    life_years          INTEGER NOT NULL CHECK (life_years BETWEEN 1 AND 30),
    running_cents       INTEGER NOT NULL CHECK (running_cents >= 0),
    defect_reserve_pct  REAL NOT NULL DEFAULT 5.0 CHECK (defect_reserve_pct BETWEEN 0 AND 50),
    is_device           INTEGER NOT NULL DEFAULT 0,
    is_mobile           INTEGER NOT NULL DEFAULT 0,
    source              TEXT NOT NULL DEFAULT '',
    source_date         TEXT NOT NULL DEFAULT '',
    sort                INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scenario_id, key)
);

CREATE TABLE budget_rules (
    id           INTEGER PRIMARY KEY,
    scenario_id  INTEGER NOT NULL REFERENCES budget_scenarios(id) ON DELETE CASCADE,
    category     TEXT NOT NULL,
    -- comma-separated form keys (primary, secondary, …); '' = all forms
    forms        TEXT NOT NULL DEFAULT '',
    basis        TEXT NOT NULL CHECK (basis IN ('pupils','teachers','rooms','classes','devices','school')),
    grade_from   INTEGER NOT NULL DEFAULT 1 CHECK (grade_from BETWEEN 1 AND 13),
    grade_to     INTEGER NOT NULL DEFAULT 13 CHECK (grade_to BETWEEN 1 AND 13),
    units_per    REAL NOT NULL CHECK (units_per >= 0),
    per          REAL NOT NULL CHECK (per > 0),
    note         TEXT NOT NULL DEFAULT '',
    sort         INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (scenario_id, category) REFERENCES budget_categories(scenario_id, key) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX budget_rules_scenario ON budget_rules(scenario_id);

CREATE TABLE budget_inventory (
    id             INTEGER PRIMARY KEY,
    schulnummer    TEXT NOT NULL REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE,
    category       TEXT NOT NULL,
    purchase_year  INTEGER NOT NULL CHECK (purchase_year BETWEEN 1990 AND 2100),
    units          INTEGER NOT NULL CHECK (units >= 0),
    source         TEXT NOT NULL DEFAULT 'manual',
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX budget_inventory_school ON budget_inventory(schulnummer, category);

CREATE TABLE budget_pupil_forecast (
    schulnummer  TEXT NOT NULL REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE,
    year         INTEGER NOT NULL,
    pupils       INTEGER NOT NULL CHECK (pupils >= 0),
    PRIMARY KEY (schulnummer, year)
);

CREATE TABLE budget_funding (
    id                          INTEGER PRIMARY KEY,
    scenario_id                 INTEGER NOT NULL REFERENCES budget_scenarios(id) ON DELETE CASCADE,
    name                        TEXT NOT NULL,
    sort_order                  INTEGER NOT NULL DEFAULT 0,
    mode                        TEXT NOT NULL CHECK (mode IN ('per_year', 'total')),
    amount_cents                INTEGER NOT NULL CHECK (amount_cents >= 0),
    start_year                  INTEGER NOT NULL,
    end_year                    INTEGER NOT NULL,
    -- comma-separated category keys; '' = all
    categories                  TEXT NOT NULL DEFAULT '',
    pays_running                INTEGER NOT NULL DEFAULT 0,
    cofunding_pct               REAL NOT NULL DEFAULT 0,
    school_cap_cents            INTEGER,
    school_cap_per_pupil_cents  INTEGER,
    mobile_max_pct              REAL,
    mobile_max_cents            INTEGER,
    note                        TEXT NOT NULL DEFAULT '',
    CHECK (start_year <= end_year)
);

CREATE TABLE budget_municipal (
    scenario_id   INTEGER NOT NULL REFERENCES budget_scenarios(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    budget_cents  INTEGER NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
    cap_cents     INTEGER CHECK (cap_cents IS NULL OR cap_cents >= 0),
    PRIMARY KEY (scenario_id, year)
);
