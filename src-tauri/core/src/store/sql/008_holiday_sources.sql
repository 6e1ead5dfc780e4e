-- Schema step 008_holiday_sources: where each block of school holidays was checked, and when.
-- `source_ref` names the document or page a block was compared with (for ICS imports: the file),
-- `checked_on` the day of that check (ISO, '' = not checked).

ALTER TABLE school_holidays ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE school_holidays ADD COLUMN checked_on TEXT NOT NULL DEFAULT ''
    CHECK (checked_on = '' OR checked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Checks of the shipped Ferienordnung rows (only rows still as shipped are touched; rows the user
-- edited keep their note).
-- 2024/25 and 2025/26: all blocks listed on the MSB page of the Ferienordnung.
UPDATE school_holidays
   SET note = 'gegengeprüft',
       source_ref = 'MSB NRW, „Ferienordnung für Nordrhein-Westfalen für die Schuljahre bis 2029/30“ (schulministerium.nrw)',
       checked_on = '2026-11-25'
 WHERE source = 'ferienordnung' AND school_year IN ('2024/25', '2025/26')
   AND note IN ('gegengeprüft', 'nicht gegengeprüft – bitte prüfen');
-- 2026/27: Herbst and Weihnachten on the MSB page; Ostern and Pfingsten cross-checked in several
-- sources; Sommer 2027 also in the KMK Sommerferienregelung 2025–2030.
UPDATE school_holidays
   SET source_ref = 'MSB NRW, „Ferienordnung für Nordrhein-Westfalen für die Schuljahre bis 2029/30“ (schulministerium.nrw)',
       checked_on = '2026-11-25'
 WHERE source = 'ferienordnung' AND school_year = '2026/27'
   AND name IN ('Herbstferien', 'Weihnachtsferien') AND note = 'gegengeprüft';
UPDATE school_holidays
   SET source_ref = 'Ordnung der Ferien, RdErl. d. MSB vom 19.05.2022, in mehreren Quellen gegengeprüft',
       checked_on = '2026-11-25'
 WHERE source = 'ferienordnung' AND school_year = '2026/27'
   AND name IN ('Osterferien', 'Pfingstferien') AND note = 'gegengeprüft';
UPDATE school_holidays
   SET source_ref = 'KMK-Sommerferienregelung 2025–2030 (dpa-Meldung vom 13.12.2021, u. a. Rheinische Post, Süddeutsche Zeitung)',
       checked_on = '2026-11-25'
 WHERE source = 'ferienordnung' AND school_year = '2026/27'
   AND name = 'Sommerferien' AND note = 'gegengeprüft';
-- Sommerferien 2028 (10.07.–22.08.), 2029 (02.07.–14.08.), 2030 (24.06.–06.08.): KMK regulation.
UPDATE school_holidays
   SET note = 'gegengeprüft',
       source_ref = 'KMK-Sommerferienregelung 2025–2030 (dpa-Meldung vom 13.12.2021, u. a. Rheinische Post, Süddeutsche Zeitung)',
       checked_on = '2026-11-25'
 WHERE source = 'ferienordnung' AND name = 'Sommerferien'
   AND ((school_year = '2027/28' AND start_date = '2028-07-10' AND end_date = '2028-08-22')
     OR (school_year = '2028/29' AND start_date = '2029-07-02' AND end_date = '2029-08-14')
     OR (school_year = '2029/30' AND start_date = '2030-06-24' AND end_date = '2030-08-06'))
   AND note LIKE '%bitte prüfen%';
-- The other blocks of 2027/28–2029/30 stay 'bitte prüfen': no official source at hand showed them.
UPDATE school_holidays
   SET note = 'nicht gegengeprüft – bitte prüfen'
 WHERE source = 'ferienordnung' AND note = 'unsicher – bitte prüfen';
