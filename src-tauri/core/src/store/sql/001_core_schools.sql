-- Schema v1: plan facts and the school register.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per school of the Schulträger, keyed by the official Schulnummer.
-- Official fields come from the NRW school directory; user fields (teachers, rooms, classes,
-- notes, pupils per grade) are never overwritten by a re-import.
CREATE TABLE schools (
    schulnummer        TEXT PRIMARY KEY CHECK (length(schulnummer) BETWEEN 1 AND 12),
    name               TEXT NOT NULL,
    name_2             TEXT NOT NULL DEFAULT '',
    name_3             TEXT NOT NULL DEFAULT '',
    schulform          TEXT NOT NULL,
    gemeindeschluessel TEXT NOT NULL DEFAULT '',
    verwaltungsbezirk  TEXT NOT NULL DEFAULT '',
    strasse            TEXT NOT NULL DEFAULT '',
    plz                TEXT NOT NULL DEFAULT '',
    ort                TEXT NOT NULL DEFAULT '',
    rechtsstatus       TEXT NOT NULL DEFAULT 'Öffentlich',
    email              TEXT NOT NULL DEFAULT '',
    pupils             INTEGER CHECK (pupils IS NULL OR pupils >= 0),
    sozialindex        INTEGER CHECK (sozialindex IS NULL OR sozialindex BETWEEN 1 AND 9),
    source             TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('directory', 'manual', 'demo')),
    source_year        TEXT NOT NULL DEFAULT '',
    -- user fields
    teachers           INTEGER CHECK (teachers IS NULL OR teachers >= 0),
    rooms              INTEGER CHECK (rooms IS NULL OR rooms >= 0),
    classes            INTEGER CHECK (classes IS NULL OR classes >= 0),
    pupil_growth_pct   REAL NOT NULL DEFAULT 0,
    notes              TEXT NOT NULL DEFAULT '',
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Pupils per Jahrgang (1–13) where the user knows them; otherwise schools.pupils is used.
CREATE TABLE school_grades (
    schulnummer TEXT NOT NULL REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE,
    grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 13),
    pupils      INTEGER NOT NULL CHECK (pupils >= 0),
    PRIMARY KEY (schulnummer, grade)
);

-- Audit trail of every import (file name, content hash, time, counts).
CREATE TABLE import_log (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    summary     TEXT NOT NULL DEFAULT '{}'
);
