-- Schema step 011_municipal_budget_optional: "no budget entered" and "0 € budget" differ.
-- A plan year without any entry has no row (the window no longer writes 0 € for empty years); a
-- row may hold a cap without a budget (budget_cents NULL). Rows written before this step keep
-- their values: a 0 € budget stays 0 € (it cannot be told from one entered on purpose).
-- SQLite cannot drop NOT NULL in place, so the table is copied (nothing references it).

CREATE TABLE budget_municipal_new (
    scenario_id   INTEGER NOT NULL REFERENCES budget_scenarios(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    budget_cents  INTEGER CHECK (budget_cents IS NULL OR budget_cents >= 0),
    cap_cents     INTEGER CHECK (cap_cents IS NULL OR cap_cents >= 0),
    PRIMARY KEY (scenario_id, year)
);
INSERT INTO budget_municipal_new (scenario_id, year, budget_cents, cap_cents)
    SELECT scenario_id, year, budget_cents, cap_cents FROM budget_municipal;
DROP TABLE budget_municipal;
ALTER TABLE budget_municipal_new RENAME TO budget_municipal;
