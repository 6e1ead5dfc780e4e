//! Every schema version as a fixture, upgraded by the real program, with its data intact.
//!
//! Fixture vN = the first N migration steps of `MIGRATIONS`, each followed by sample data for the
//! tables that step created (as if a user had worked with that version). The fixtures are built
//! here at test time rather than committed as `.db` files: shipped migration files are never
//! edited (store/migrations.rs), so `MIGRATIONS[..N]` *is* the schema version N had — and during
//! this first development session the areas still change their own files, which frozen files would
//! contradict. The upgrade runs through `schulit` (backup, then every step), and every row of
//! every table of the fixture must still be there afterwards, with the same values.

use std::collections::BTreeSet;
use std::path::Path;

use crate::safety_common::{open_raw, run};
use rusqlite::Connection;
use schulit_core::store::{CURRENT_VERSION, MIGRATIONS};

/// Sample data for the tables a migration step creates. Steps not listed add no data (their
/// tables are still checked for schema and survival of rows seeded by the migration itself).
fn sample_data(step: &str, c: &Connection) {
    let sql = match step {
        "001_core_schools" => {
            "INSERT INTO meta(key, value) VALUES ('plan_name', 'Fixture'), ('traeger', 'Stadt Beispiel');
             INSERT INTO schools (schulnummer, name, name_2, schulform, gemeindeschluessel, verwaltungsbezirk,
                 strasse, plz, ort, email, pupils, sozialindex, source, source_year, teachers, rooms, classes,
                 pupil_growth_pct, notes)
             VALUES ('100001', 'Städt. Gemeinschaftsgrundschule', 'Am Park', 'Grundschule', '05316000',
                 'Krfr. Stadt Leverkusen', 'Parkweg 1', '51373', 'Leverkusen', '100001@schule.nrw.de', 245, 5,
                 'directory', '2024/25', 17, 12, 10, 1.5, 'Glasfaser 2026'),
                    ('100002', 'Städt. Gymnasium', '', 'Gymnasium', '05316000', 'Krfr. Stadt Leverkusen',
                 'Schulstraße 2', '51379', 'Leverkusen', '', 810, NULL, 'manual', '', NULL, 40, 30, -0.5, '');
             INSERT INTO school_grades (schulnummer, grade, pupils) VALUES ('100001', 1, 60), ('100001', 2, 58);
             INSERT INTO import_log (kind, file_name, sha256, summary)
             VALUES ('schools', 'schulverzeichnis.csv', 'ab12', '{\"added\":2}');"
        }
        "002_budget" => {
            "INSERT INTO budget_scenarios (id, name, base_year, from_year, to_year, weights)
             VALUES (1, 'Basis', 2026, 2027, 2031, '');
             INSERT INTO budget_categories (scenario_id, key, label, unit_price_cents, life_years, running_cents, is_device, is_mobile, sort)
             VALUES (1, 'student_tablet', 'Schüler-Tablet', 45000, 5, 3000, 1, 1, 1);
             INSERT INTO budget_inventory (schulnummer, category, purchase_year, units) VALUES ('100001', 'student_tablet', 2022, 60);
             INSERT INTO budget_funding (scenario_id, name, sort_order, mode, amount_cents, start_year, end_year, cofunding_pct, mobile_max_pct, note)
             VALUES (1, 'DigitalPakt', 1, 'per_year', 250000000, 2027, 2028, 10, 20, 'Fixture');
             INSERT INTO budget_municipal (scenario_id, year, budget_cents, cap_cents) VALUES (1, 2027, 520000000, NULL);"
        }
        "003_offers" => {
            "INSERT INTO offers (id, kind, name, vendor, group_key, units, data, sort)
             VALUES ('kauf-a', 'purchase', 'Kauf Tablets', 'Firma A', 'tablets', 120, '{\"price_cents\":35000}', 1),
                    ('support-b', 'support', 'Support B', 'Firma B', 'support', 1, '{}', 2);
             INSERT INTO offer_sla (offer_id, priority, first_response_h, resolution_h) VALUES ('support-b', 1, 1, 4);
             INSERT INTO offer_schools (offer_id, schulnummer) VALUES ('support-b', '100001');
             INSERT INTO offer_settings (id, start, horizon_years, discount_rate_pct, discount_rate_source, pupils)
             VALUES (1, '2027-01-01', 5, 2.5, 'Fixture', 1055);
             INSERT INTO offer_criteria (id, name, weight, sort) VALUES ('preis', 'Preis', 60, 1), ('service', 'Service', 40, 2);
             INSERT INTO offer_scores (offer_id, criterion_id, score) VALUES ('kauf-a', 'service', 7.5);
             INSERT INTO offer_evaluation (id) VALUES (1);"
        }
        "004_tickets" => {
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('tickets', 'znuny.csv', 'cd34', '{}');
             INSERT INTO tickets (source, source_id, schulnummer, school_label, created, first_response, solved,
                 closed, state, priority, category, requester_pseudonym, import_id)
             VALUES ('znuny', '2025111310000011', '100001', 'GGS Am Park', 1763020000, 1763021000, 1763100000,
                 1763200000, 'closed', 3, 'Hardware', 'p-1f2e', 2),
                    ('znuny', '2025111310000022', NULL, 'Unbekannt', 1751364000, NULL, NULL, NULL, 'open', 1,
                 'Netzwerk', NULL, 2);
             INSERT INTO school_aliases (label, schulnummer) VALUES ('ggs am park', '100001');
             INSERT INTO state_mappings (source, label, state) VALUES ('znuny', 'Quarantäne', 'open');
             INSERT INTO import_profiles (name, source, mapping) VALUES ('Eigenes CSV', 'csv', '{\"id\":\"Nr\"}');"
        }
        "005_calendar" => {
            "INSERT INTO school_free_days (schulnummer, date, note) VALUES ('100001', '2026-02-16', 'Rosenmontag');
             INSERT INTO kpi_device_counts (schulnummer, devices, avg_age_years) VALUES ('100001', 180, 3.5);
             INSERT INTO service_windows (name, scope, fri) VALUES ('Vertrag B', 'contract', '08:00-14:00');
             INSERT INTO school_holidays (school_year, name, start_date, end_date, source)
             VALUES ('2026/27', 'Beweglicher Ferientag', '2027-02-08', '2027-02-08', 'manual');"
        }
        "010_offer_variants" => {
            "INSERT INTO offer_variants (id, name, note, sort) VALUES ('kauf-support', 'Kauf + Support', 'Fixture', 1);
             INSERT INTO offer_variant_offers (variant_id, offer_id, pos)
             VALUES ('kauf-support', 'kauf-a', 0), ('kauf-support', 'support-b', 1);"
        }
        _ => "",
    };
    c.execute_batch(sql)
        .unwrap_or_else(|e| panic!("sample data for {step}: {e}"));
}

/// A plan file at schema `version` with sample data, as version `version` of the program left it.
fn fixture(path: &Path, version: usize) {
    let c = Connection::open(path).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
        .unwrap();
    for (i, (name, sql)) in MIGRATIONS[..version].iter().enumerate() {
        c.execute_batch(sql).unwrap();
        c.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        sample_data(name, &c);
    }
}

fn tables(c: &Connection) -> Vec<String> {
    c.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn columns(c: &Connection, table: &str) -> Vec<String> {
    c.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The rows of `table` restricted to `cols`, as text.
fn rows(c: &Connection, table: &str, cols: &[String]) -> BTreeSet<String> {
    let list = cols
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = c
        .prepare(&format!("SELECT {list} FROM \"{table}\""))
        .unwrap();
    let n = cols.len();
    s.query_map([], |r| {
        let mut line = String::new();
        for i in 0..n {
            let v: rusqlite::types::Value = r.get(i)?;
            line.push_str(&format!("{v:?}|"));
        }
        Ok(line)
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// (table, column) that migrations change on purpose: 008_holiday_sources sets the review note
/// ("gegengeprüft" / "bitte prüfen") of the shipped Ferienordnung rows it checked (only rows with
/// source 'ferienordnung'; the user's own rows keep every column, checked below).
const REWRITTEN: &[(&str, &str)] = &[("school_holidays", "note")];

#[test]
fn every_schema_version_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked_rows = 0usize;
    for version in 1..CURRENT_VERSION as usize {
        let path = dir.path().join(format!("v{version}.db"));
        fixture(&path, version);
        let before = open_raw(&path);
        let old_tables = tables(&before);
        let snapshot: Vec<(String, Vec<String>, BTreeSet<String>)> = old_tables
            .iter()
            .map(|t| {
                // Columns a later migration rewrites on purpose are compared without them.
                let cols: Vec<String> = columns(&before, t)
                    .into_iter()
                    .filter(|c| !REWRITTEN.contains(&(t.as_str(), c.as_str())))
                    .collect();
                let r = rows(&before, t, &cols);
                (t.clone(), cols, r)
            })
            .collect();
        drop(before);

        let out = run(&path, &["schools", "list"]);
        assert!(
            out.status.success(),
            "v{version}: upgrade failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let after = open_raw(&path);
        let v: i64 = after
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, CURRENT_VERSION, "v{version}");
        let ok: String = after
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok", "v{version}");
        let fk: i64 = after
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0, "v{version}: foreign keys");
        for (t, cols, old_rows) in &snapshot {
            let new_cols = columns(&after, t);
            for c in cols {
                assert!(new_cols.contains(c), "v{version}: column {t}.{c} lost");
            }
            let new_rows = rows(&after, t, cols);
            let lost: Vec<&String> = old_rows.difference(&new_rows).collect();
            assert!(
                lost.is_empty(),
                "v{version}: rows of {t} lost or changed: {lost:#?}"
            );
            checked_rows += old_rows.len();
        }
        // The upgrade wrote a backup of the old version first.
        let backups = schulit_core::store::list_backups(&path).unwrap();
        assert_eq!(backups.len(), 1, "v{version}: {backups:?}");
        let b = Connection::open(&backups[0].path).unwrap();
        let bv: i64 = b
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bv, version as i64);
    }
    // The user's own holiday row keeps its note through 008.
    let path = dir.path().join("v5.db");
    let c = open_raw(&path);
    let manual: Vec<(String, String)> = c
        .prepare("SELECT name, note FROM school_holidays WHERE source = 'manual'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        manual,
        [("Beweglicher Ferientag".to_string(), String::new())]
    );
    // Funding sources stored before 009 keep lapsing unused yearly money (as they computed then).
    let c = open_raw(&dir.path().join("v8.db"));
    let carry: i64 = c
        .query_row(
            "SELECT carry_over FROM budget_funding WHERE name = 'DigitalPakt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(carry, 0);
    // The sample data must really be there (else the test proves nothing).
    assert!(checked_rows > 20, "{checked_rows} rows checked");
}

/// The sample data of every step fits the current schema too (so a changed migration that breaks
/// the fixtures is noticed here first, with a clear message).
#[test]
fn fixture_at_current_version_is_a_valid_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("current.db");
    fixture(&path, CURRENT_VERSION as usize);
    let out = run(&path, &["schools", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Städt. Gymnasium"), "{text}");
}
