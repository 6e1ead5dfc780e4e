-- Schema step 005_calendar: school time (service windows, NRW school holidays, bewegliche
-- Ferientage), support-KPI targets per contract, and device counts for tickets per 100 devices.
-- Public holidays are computed (calendar/holidays.rs), never stored.

-- NRW school holidays. Shipped rows come from the Ferienordnung; users may edit, add (manual) or
-- import them from an ICS file. Dates are ISO 'YYYY-MM-DD', both ends inclusive.
CREATE TABLE school_holidays (
    id          INTEGER PRIMARY KEY,
    school_year TEXT NOT NULL,                 -- '2025/26'
    name        TEXT NOT NULL,                 -- Herbstferien, Weihnachtsferien, …
    start_date  TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date    TEXT NOT NULL CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    source      TEXT NOT NULL CHECK (source IN ('ferienordnung', 'ics', 'manual')),
    note        TEXT NOT NULL DEFAULT '',      -- e.g. 'bitte prüfen'
    CHECK (end_date >= start_date)
);
CREATE INDEX school_holidays_start ON school_holidays (start_date);

-- Source: Ordnung der Ferien, RdErl. d. MSB vom 19.05.2022 (BASS 12-61 Nr. 1), school years
-- 2022/23–2029/30. 2025/26 and 2026/27 are cross-checked in several sources (DOMAIN.md §4);
-- the other years are entered as known and marked 'bitte prüfen'.
INSERT INTO school_holidays (school_year, name, start_date, end_date, source, note) VALUES
 ('2024/25', 'Herbstferien',      '2024-10-14', '2024-10-26', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2024/25', 'Weihnachtsferien',  '2024-12-23', '2025-01-06', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2024/25', 'Osterferien',       '2025-04-14', '2025-04-26', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2024/25', 'Pfingstferien',     '2025-06-10', '2025-06-10', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2024/25', 'Sommerferien',      '2025-07-14', '2025-08-26', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2025/26', 'Herbstferien',      '2025-10-13', '2025-10-25', 'ferienordnung', 'gegengeprüft'),
 ('2025/26', 'Weihnachtsferien',  '2025-12-22', '2026-01-06', 'ferienordnung', 'gegengeprüft'),
 ('2025/26', 'Osterferien',       '2026-03-30', '2026-04-11', 'ferienordnung', 'gegengeprüft'),
 ('2025/26', 'Pfingstferien',     '2026-05-26', '2026-05-26', 'ferienordnung', 'gegengeprüft'),
 ('2025/26', 'Sommerferien',      '2026-07-20', '2026-09-01', 'ferienordnung', 'gegengeprüft'),
 ('2026/27', 'Herbstferien',      '2026-10-17', '2026-10-31', 'ferienordnung', 'gegengeprüft'),
 ('2026/27', 'Weihnachtsferien',  '2026-12-23', '2027-01-06', 'ferienordnung', 'gegengeprüft'),
 ('2026/27', 'Osterferien',       '2027-03-22', '2027-04-03', 'ferienordnung', 'gegengeprüft'),
 ('2026/27', 'Pfingstferien',     '2027-05-18', '2027-05-18', 'ferienordnung', 'gegengeprüft'),
 ('2026/27', 'Sommerferien',      '2027-07-19', '2027-08-31', 'ferienordnung', 'gegengeprüft'),
 ('2027/28', 'Herbstferien',      '2027-10-23', '2027-11-06', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2027/28', 'Weihnachtsferien',  '2027-12-24', '2028-01-08', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2027/28', 'Osterferien',       '2028-04-10', '2028-04-22', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2027/28', 'Pfingstferien',     '2028-06-06', '2028-06-06', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2027/28', 'Sommerferien',      '2028-07-10', '2028-08-22', 'ferienordnung', 'nicht gegengeprüft – bitte prüfen'),
 ('2028/29', 'Herbstferien',      '2028-10-23', '2028-11-04', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2028/29', 'Weihnachtsferien',  '2028-12-21', '2029-01-05', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2028/29', 'Osterferien',       '2029-03-26', '2029-04-07', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2028/29', 'Pfingstferien',     '2029-05-22', '2029-05-22', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2028/29', 'Sommerferien',      '2029-07-02', '2029-08-14', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2029/30', 'Herbstferien',      '2029-10-15', '2029-10-27', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2029/30', 'Weihnachtsferien',  '2029-12-21', '2030-01-05', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2029/30', 'Osterferien',       '2030-04-15', '2030-04-27', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2029/30', 'Pfingstferien',     '2030-06-11', '2030-06-11', 'ferienordnung', 'unsicher – bitte prüfen'),
 ('2029/30', 'Sommerferien',      '2030-06-24', '2030-08-06', 'ferienordnung', 'unsicher – bitte prüfen');

-- Bewegliche Ferientage: set by each school (3–4 a year).
CREATE TABLE school_free_days (
    schulnummer TEXT NOT NULL REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE,
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (schulnummer, date)
);

-- Service windows of the district ('Standard') or of a support contract. One text per weekday,
-- 'HH:MM-HH:MM' in local time of `timezone`, '' = closed.
CREATE TABLE service_windows (
    name                    TEXT PRIMARY KEY,
    scope                   TEXT NOT NULL DEFAULT 'contract' CHECK (scope IN ('district', 'contract')),
    timezone                TEXT NOT NULL DEFAULT 'Europe/Berlin',
    mon                     TEXT NOT NULL DEFAULT '07:30-16:00',
    tue                     TEXT NOT NULL DEFAULT '07:30-16:00',
    wed                     TEXT NOT NULL DEFAULT '07:30-16:00',
    thu                     TEXT NOT NULL DEFAULT '07:30-16:00',
    fri                     TEXT NOT NULL DEFAULT '07:30-16:00',
    sat                     TEXT NOT NULL DEFAULT '',
    sun                     TEXT NOT NULL DEFAULT '',
    exclude_public_holidays INTEGER NOT NULL DEFAULT 1 CHECK (exclude_public_holidays IN (0, 1)),
    exclude_school_holidays INTEGER NOT NULL DEFAULT 1 CHECK (exclude_school_holidays IN (0, 1))
);
INSERT INTO service_windows (name, scope) VALUES ('Standard', 'district');

-- Support-KPI targets in business minutes, per contract ('Standard' = district default).
-- Defaults (DOMAIN.md §4): first response P1 1 h, P2 4 h, P3 8 h, P4 16 h;
-- resolution P1 4 h, P2 8 h, P3 24 h, P4 40 h.
CREATE TABLE kpi_targets (
    contract           TEXT NOT NULL,
    priority           INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    first_response_min INTEGER NOT NULL CHECK (first_response_min > 0),
    resolution_min     INTEGER NOT NULL CHECK (resolution_min > 0),
    PRIMARY KEY (contract, priority)
);
INSERT INTO kpi_targets (contract, priority, first_response_min, resolution_min) VALUES
 ('Standard', 1, 60, 240),
 ('Standard', 2, 240, 480),
 ('Standard', 3, 480, 1440),
 ('Standard', 4, 960, 2400);

-- Devices in use per school for "tickets per 100 devices", where no budget inventory exists
-- (entered by hand or from an asset count). avg_age_years feeds the device-age chart.
CREATE TABLE kpi_device_counts (
    schulnummer   TEXT PRIMARY KEY REFERENCES schools(schulnummer) ON DELETE CASCADE ON UPDATE CASCADE,
    devices       REAL NOT NULL CHECK (devices >= 0),
    avg_age_years REAL CHECK (avg_age_years IS NULL OR avg_age_years >= 0),
    source        TEXT NOT NULL DEFAULT 'manual'
);
