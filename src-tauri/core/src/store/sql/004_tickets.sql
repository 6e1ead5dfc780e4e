-- Schema v4: canonical support tickets (DOMAIN.md §4). Instants are Unix seconds, UTC.
CREATE TABLE tickets (
    id                 INTEGER PRIMARY KEY,
    source             TEXT NOT NULL,            -- zammad | glpi | znuny | jira | itop | csv | demo
    source_id          TEXT NOT NULL,            -- the ticket number in the source system
    schulnummer        TEXT REFERENCES schools(schulnummer) ON DELETE SET NULL ON UPDATE CASCADE,
    school_label       TEXT NOT NULL DEFAULT '', -- organisation / group / entity as exported
    created            INTEGER NOT NULL,
    first_response     INTEGER,
    solved             INTEGER,
    closed             INTEGER,
    state              TEXT NOT NULL CHECK (state IN ('open', 'solved', 'closed')),
    state_label        TEXT NOT NULL DEFAULT '',  -- the state as exported (for reclassification)
    priority           INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4), -- 1 = critical … 4 = low
    category           TEXT NOT NULL DEFAULT '',
    reopen_count       INTEGER,
    -- The source's own SLA verdicts where the export has them: 1 = met, 0 = breached.
    sla_response_met   INTEGER CHECK (sla_response_met IN (0, 1)),
    sla_resolution_met INTEGER CHECK (sla_resolution_met IN (0, 1)),
    title              TEXT,                     -- dropped on import unless the user keeps it
    requester_pseudonym TEXT,                    -- keyed hash, never the name
    import_id          INTEGER REFERENCES import_log(id) ON DELETE SET NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX tickets_school_created ON tickets (schulnummer, created);
CREATE INDEX tickets_created ON tickets (created);

-- How a school appears in a ticket system, mapped to the register (remembered manual choices).
CREATE TABLE school_aliases (
    label       TEXT PRIMARY KEY,                -- normalised label as exported
    schulnummer TEXT NOT NULL REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Source state labels mapped to a state class, asked once and remembered (label lower case).
CREATE TABLE state_mappings (
    source TEXT NOT NULL,
    label  TEXT NOT NULL,
    state  TEXT NOT NULL CHECK (state IN ('open', 'solved', 'closed')),
    PRIMARY KEY (source, label)
);

-- Named column mappings for "any CSV/XLSX" imports.
CREATE TABLE import_profiles (
    name    TEXT PRIMARY KEY,
    source  TEXT NOT NULL,
    mapping TEXT NOT NULL                        -- JSON: canonical field → header
);
