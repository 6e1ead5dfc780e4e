//! The `schulit` binary on real SQLite files: importing the real NRW school directory
//! (`tests/data/nrw/`, dl-de/by-2-0, IT.NRW and MSB NRW) for two districts, its variants
//! (`;` + Windows-1252, UTF-8 with BOM, XLSX), re-imports, broken files, usage errors and the demo.
//!
//! Expected figures come from outside the code under test: counts published with the data (Köln
//! 305, Düsseldorf 176), sums counted with Python's `csv` module (see tests/data/nrw/README.md),
//! and counts made here with this file's own small CSV reader.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const DIRECTORY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv"
);
const KOELN: &str = "Krfr. Stadt Köln";
/// Published with the data and counted with Python's csv module.
const KOELN_SCHOOLS: usize = 305;
const KOELN_PUPILS: i64 = 150_895;
const KOELN_PUBLIC_SCHOOLS: usize = 271;
const KOELN_PUBLIC_PUPILS: i64 = 139_475;
const DUESSELDORF: &str = "Krfr. Stadt Düsseldorf";
const DUESSELDORF_AGS: &str = "05111000";

mod broken;
mod demo;
mod shapes;
mod support;

use support::*;

// ---------------------------------------------------------------------------------------------
// Importing the real directory

#[test]
fn koeln_by_traeger_adds_305_schools_with_their_pupils() {
    let dir = tmp();
    let db = dir.path().join("koeln.db");
    let v = import(&db, &original(), &["--traeger", KOELN]).ok().json();
    assert_eq!(
        counts(&v),
        (KOELN_SCHOOLS as u64, 0, 0, 0, KOELN_PUPILS),
        "{v}"
    );

    let schools = list(&db);
    assert_eq!(schools.len(), KOELN_SCHOOLS);
    let sum: i64 = schools.iter().filter_map(|s| s["pupils"].as_i64()).sum();
    assert_eq!(sum, KOELN_PUPILS);

    // Each school as in the file: Schulnummer, Schulform, pupils and Sozialindex of every row.
    let d = Directory::load();
    let koeln = d.rows_where("Verwaltungsbezirk", KOELN);
    assert_eq!(koeln.len(), KOELN_SCHOOLS);
    let by_nr: BTreeMap<&str, &Value> = schools
        .iter()
        .map(|s| (s["schulnummer"].as_str().unwrap(), s))
        .collect();
    let (nr, form, name, anzahl, si) = (
        d.col("Schulnummer"),
        d.col("Schulform"),
        d.col("Amtliche Bezeichnung 1"),
        d.col("Anzahl"),
        d.col("Sozialindex"),
    );
    let mut without_index = 0;
    for &i in &koeln {
        let r = &d.rows[i];
        let s = by_nr
            .get(r[nr].as_str())
            .unwrap_or_else(|| panic!("{} missing", r[nr]));
        assert_eq!(s["schulform"], r[form].as_str());
        assert!(
            s["name"].as_str().unwrap().starts_with(r[name].as_str()),
            "{s}"
        );
        assert_eq!(s["pupils"].as_i64(), Some(r[anzahl].parse().unwrap()));
        if r[si].is_empty() {
            without_index += 1;
            assert!(s["sozialindex"].is_null(), "{s}");
        } else {
            assert_eq!(s["sozialindex"].as_i64(), Some(r[si].parse().unwrap()));
        }
    }
    assert_eq!(
        without_index, 79,
        "Köln rows without Sozialindex (Python count)"
    );
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn duesseldorf_by_gemeindeschluessel_matches_a_count_from_the_file() {
    let d = Directory::load();
    let rows = d.rows_where("Amtlicher Gemeindeschlüssel", DUESSELDORF_AGS);
    assert_eq!(rows.len(), 176, "published count");
    assert_eq!(d.pupils(&rows), 89_615, "Python count");
    // Same schools as by name.
    assert_eq!(rows, d.rows_where("Verwaltungsbezirk", DUESSELDORF));

    let dir = tmp();
    let db = dir.path().join("dus.db");
    let v = import(&db, &original(), &["--gemeindeschluessel", DUESSELDORF_AGS])
        .ok()
        .json();
    assert_eq!(counts(&v), (rows.len() as u64, 0, 0, 0, d.pupils(&rows)));
    let listed: BTreeSet<String> = list(&db)
        .iter()
        .map(|s| s["schulnummer"].as_str().unwrap().to_string())
        .collect();
    let nr = d.col("Schulnummer");
    let expected: BTreeSet<String> = rows.iter().map(|&i| d.rows[i][nr].clone()).collect();
    assert_eq!(listed, expected);

    // By Verwaltungsbezirk, and by the key without its leading zero: the same schools.
    let v = import(&db, &original(), &["--traeger", DUESSELDORF])
        .ok()
        .json();
    assert_eq!(counts(&v), (0, 0, rows.len() as u64, 0, d.pupils(&rows)));
    let v = import(&db, &original(), &["--gemeindeschluessel", "5111000"])
        .ok()
        .json();
    assert_eq!(counts(&v), (0, 0, rows.len() as u64, 0, d.pupils(&rows)));
}

#[test]
fn public_only_counts_only_oeffentlich() {
    let d = Directory::load();
    let status = d.col("Rechtsstatus");
    let public: Vec<usize> = d
        .rows_where("Verwaltungsbezirk", KOELN)
        .into_iter()
        .filter(|&i| d.rows[i][status] == "Öffentlich")
        .collect();
    assert_eq!(public.len(), KOELN_PUBLIC_SCHOOLS);
    assert_eq!(d.pupils(&public), KOELN_PUBLIC_PUPILS);

    let dir = tmp();
    let db = dir.path().join("koeln.db");
    let v = import(&db, &original(), &["--traeger", KOELN, "--public-only"])
        .ok()
        .json();
    assert_eq!(
        counts(&v),
        (KOELN_PUBLIC_SCHOOLS as u64, 0, 0, 0, KOELN_PUBLIC_PUPILS)
    );
    assert_eq!(list(&db).len(), KOELN_PUBLIC_SCHOOLS);
}

#[test]
fn reimport_reports_unchanged_and_keeps_user_fields() {
    let dir = tmp();
    let db = dir.path().join("koeln.db");
    let dbs = db.to_str().unwrap();
    import(&db, &original(), &["--traeger", KOELN]).ok();

    let d = Directory::load();
    let koeln = d.rows_where("Verwaltungsbezirk", KOELN);
    let nr = d.col("Schulnummer");
    let first = d.rows[koeln[0]][nr].clone();
    schulit(&[
        "--db",
        dbs,
        "schools",
        "set",
        &first,
        "--teachers",
        "42",
        "--rooms",
        "17",
        "--notes",
        "Glasfaser 2025",
    ])
    .ok();

    // The same file again: nothing added or changed.
    let v = import(&db, &original(), &["--traeger", KOELN]).ok().json();
    assert_eq!(
        counts(&v),
        (0, 0, KOELN_SCHOOLS as u64, 0, KOELN_PUPILS),
        "{v}"
    );

    // Next year's file: one school closed, one pupil count changed, one school new.
    let mut next = d.clone();
    let closed = d.rows[koeln[1]][nr].clone();
    let anzahl = d.col("Anzahl");
    let old: i64 = d.rows[koeln[0]][anzahl].parse().unwrap();
    next.rows[koeln[0]][anzahl] = (old + 25).to_string();
    let mut new_school = d.rows[koeln[2]].clone();
    new_school[nr] = "999001".into();
    new_school[d.col("Amtliche Bezeichnung 1")] = "Neue Gesamtschule Köln-Kalk".into();
    new_school[anzahl] = "120".into();
    next.rows.push(new_school);
    next.rows.remove(koeln[1]);
    let file = dir.path().join("schulverzeichnis_2025_26.csv");
    std::fs::write(&file, next.to_csv(',', "\n")).unwrap();
    let closed_pupils: i64 = d.rows[koeln[1]][anzahl].parse().unwrap();

    let v = import(&db, &file, &["--traeger", KOELN]).ok().json();
    assert_eq!(
        counts(&v),
        (
            1,
            1,
            KOELN_SCHOOLS as u64 - 2,
            1,
            KOELN_PUPILS - closed_pupils + 25 + 120
        ),
        "{v}"
    );
    assert_eq!(v["removed_schulnummern"], serde_json::json!([closed]));

    // The closed school is kept (the user decides), the user's fields survived both imports.
    assert_eq!(list(&db).len(), KOELN_SCHOOLS + 1);
    let s = schulit(&["--db", dbs, "--json", "schools", "show", &first])
        .ok()
        .json();
    assert_eq!(s["teachers"], 42, "{s}");
    assert_eq!(s["rooms"], 17, "{s}");
    assert_eq!(s["notes"], "Glasfaser 2025", "{s}");
    assert_eq!(s["pupils"].as_i64(), Some(old + 25), "{s}");
}

#[test]
fn list_json_has_the_documented_fields() {
    let dir = tmp();
    let db = dir.path().join("dus.db");
    import(&db, &original(), &["--traeger", DUESSELDORF]).ok();
    let d = Directory::load();
    // The first Düsseldorf row of the file, field by field.
    let r = &d.rows[d.rows_where("Verwaltungsbezirk", DUESSELDORF)[0]];
    let schools = list(&db);
    let s = schools
        .iter()
        .find(|s| s["schulnummer"] == r[d.col("Schulnummer")].as_str())
        .expect("first Düsseldorf school listed");
    assert_eq!(s["schulnummer"], "100020");
    assert_eq!(
        s["name"], "Städt. Kath. Grundschule, Kartause-Hain-Schule",
        "Amtliche Bezeichnung 1, 2"
    );
    assert_eq!(s["schulform"], "Grundschule");
    assert_eq!(s["pupils"], 220);
    assert_eq!(s["sozialindex"], 5);
    for s in &schools {
        let o = s.as_object().unwrap();
        for key in ["schulnummer", "name", "schulform", "pupils", "sozialindex"] {
            assert!(o.contains_key(key), "{key} missing in {s}");
        }
        assert!(s["schulnummer"].is_string() && s["name"].is_string());
        assert!(s["pupils"].is_i64() || s["pupils"].is_null());
        assert!(s["sozialindex"].is_i64() || s["sozialindex"].is_null());
    }
}
