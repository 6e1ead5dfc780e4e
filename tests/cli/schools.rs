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

// ---------------------------------------------------------------------------------------------
// Running the binary

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}): {}\n{}", self.stdout, self.stderr)
        })
    }

    fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "schulit failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

fn schulit(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_schulit"))
        .args(args)
        .env_remove("SCHULIT_DB")
        .output()
        .expect("schulit binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn import(db: &Path, file: &Path, filter: &[&str]) -> Run {
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "--json",
        "schools",
        "import",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(filter);
    schulit(&args)
}

/// (added, updated, unchanged, removed_from_source, pupils_total) of an import's JSON.
fn counts(v: &Value) -> (u64, u64, u64, u64, i64) {
    (
        v["added"].as_u64().expect("added"),
        v["updated"].as_u64().expect("updated"),
        v["unchanged"].as_u64().expect("unchanged"),
        v["removed_from_source"]
            .as_u64()
            .expect("removed_from_source"),
        v["pupils_total"].as_i64().expect("pupils_total"),
    )
}

fn list(db: &Path) -> Vec<Value> {
    let v = schulit(&["--db", db.to_str().unwrap(), "--json", "schools", "list"])
        .ok()
        .json();
    v.as_array().expect("list is a JSON array").clone()
}

// ---------------------------------------------------------------------------------------------
// The directory, read by this test's own CSV reader (not the code under test)

/// RFC 4180 CSV: quoted fields, doubled quotes, `\n` or `\r\n` line ends.
fn parse_csv(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == delim {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else if c != '\r' {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn csv_line(fields: &[String], delim: char) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains(delim) || f.contains('"') || f.contains('\n') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(&delim.to_string())
}

#[derive(Clone)]
struct Directory {
    header: Vec<String>,
    /// Data rows; row `i` is on line `i + 2` of the file (no field spans lines).
    rows: Vec<Vec<String>>,
}

impl Directory {
    fn load() -> Directory {
        let text = std::fs::read_to_string(DIRECTORY).expect("directory is UTF-8");
        let mut rows = parse_csv(&text, ',');
        let header = rows.remove(0);
        assert_eq!(
            text.lines().count(),
            rows.len() + 1,
            "no field spans two lines"
        );
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.len(), header.len(), "row {} of the original", i + 2);
        }
        Directory { header, rows }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    }

    /// Indices of the rows whose `column` is `value`.
    fn rows_where(&self, column: &str, value: &str) -> Vec<usize> {
        let c = self.col(column);
        (0..self.rows.len())
            .filter(|&i| self.rows[i][c] == value)
            .collect()
    }

    fn pupils(&self, rows: &[usize]) -> i64 {
        let c = self.col("Anzahl");
        rows.iter()
            .map(|&i| {
                let a = &self.rows[i][c];
                if a.is_empty() {
                    0
                } else {
                    a.parse::<i64>().expect("Anzahl is an integer")
                }
            })
            .sum()
    }

    fn line(i: usize) -> usize {
        i + 2
    }

    fn to_csv(&self, delim: char, eol: &str) -> String {
        let mut s = csv_line(&self.header, delim);
        for r in &self.rows {
            s.push_str(eol);
            s.push_str(&csv_line(r, delim));
        }
        s.push_str(eol);
        s
    }
}

/// Windows-1252 bytes of Latin-1 text (all the directory needs: äöüÄÖÜßé).
fn to_cp1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            let u = c as u32;
            assert!(u < 0x80 || (0xA0..=0xFF).contains(&u), "{c:?} not Latin-1");
            u as u8
        })
        .collect()
}

/// DOS code page 850 bytes (an old export's encoding the importer must refuse).
fn to_cp850(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            'ü' => 0x81,
            'é' => 0x82,
            'ä' => 0x84,
            'Ä' => 0x8E,
            'ö' => 0x94,
            'Ö' => 0x99,
            'Ü' => 0x9A,
            'ß' => 0xE1,
            c if (c as u32) < 0x80 => c as u8,
            c => panic!("{c:?} not mapped to CP850"),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The plan file, read directly with SQLite

/// Every row of every table (schema included), sorted: equal dumps mean equal data.
fn dump(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut out = format!("user_version {version}\n");
    let tables: Vec<(String, String)> = {
        let mut st = c
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    assert!(!tables.is_empty(), "{} has no tables", db.display());
    for (name, sql) in tables {
        out.push_str(&format!("== {sql}\n"));
        let mut st = c.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    cells.push(cell(r.get_ref(i)?));
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

/// One SQLite value, readable: `Integer(61)`, `Text("Köln")`, `Null`.
fn cell(v: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => "Null".into(),
        ValueRef::Integer(i) => format!("Integer({i})"),
        ValueRef::Real(f) => format!("Real({f:?})"),
        ValueRef::Text(t) => format!("Text({:?})", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("Blob({b:02x?})"),
    }
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The schools table without its timestamp, by Schulnummer: the register a user sees.
fn register(db: &Path) -> BTreeMap<String, String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare("SELECT * FROM schools").unwrap();
    let names: Vec<String> = st.column_names().iter().map(|s| s.to_string()).collect();
    let nr = names.iter().position(|n| n == "schulnummer").unwrap();
    let rows = st
        .query_map([], |r| {
            let mut cells = Vec::new();
            for (i, n) in names.iter().enumerate() {
                if n != "updated_at" {
                    cells.push(format!("{n}={}", cell(r.get_ref(i)?)));
                }
            }
            Ok((r.get::<_, String>(nr)?, cells.join("|")))
        })
        .unwrap()
        .collect::<Result<BTreeMap<_, _>, _>>()
        .unwrap();
    rows
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn original() -> PathBuf {
    PathBuf::from(DIRECTORY)
}

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

// ---------------------------------------------------------------------------------------------
// The same directory in other shapes gives the same register

fn import_variant(file: &Path) -> BTreeMap<String, String> {
    let dir = tmp();
    let db = dir.path().join("plan.db");
    let v = import(&db, file, &["--traeger", KOELN]).ok().json();
    assert_eq!(
        counts(&v),
        (KOELN_SCHOOLS as u64, 0, 0, 0, KOELN_PUPILS),
        "{}",
        file.display()
    );
    register(&db)
}

fn reference_register() -> BTreeMap<String, String> {
    let r = import_variant(&original());
    assert_eq!(r.len(), KOELN_SCHOOLS);
    // Umlauts arrived intact.
    assert!(r.values().all(|s| s.contains("Köln")));
    r
}

#[test]
fn semicolon_windows_1252_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulen_excel.csv");
    let text = Directory::load().to_csv(';', "\r\n");
    let bytes = to_cp1252(&text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "really not UTF-8 any more"
    );
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(import_variant(&file), reference_register());
}

#[test]
fn utf8_bom_crlf_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulen_bom.csv");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(Directory::load().to_csv(',', "\r\n").as_bytes());
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(import_variant(&file), reference_register());
}

/// The directory as a Statistik.NRW-style workbook: a title and a blank row above the header (so
/// data row `i` is spreadsheet row `i + 4`), numeric columns as numbers.
fn write_xlsx(d: &Directory, file: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Schulen").unwrap();
    ws.write_string(0, 0, "Schul- und Adressverzeichnis NRW 2024/25")
        .unwrap();
    let numeric: BTreeSet<usize> = [
        "Amtlicher Gemeindeschlüssel",
        "Schulnummer",
        "Postleitzahl",
        "Anzahl",
        "Sozialindex",
    ]
    .iter()
    .map(|c| d.col(c))
    .collect();
    for (c, h) in d.header.iter().enumerate() {
        ws.write_string(2, c as u16, h).unwrap();
    }
    for (i, r) in d.rows.iter().enumerate() {
        let row = 3 + i as u32;
        for (c, v) in r.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                // Numbers as numbers: the Gemeindeschlüssel loses its leading zero.
                Ok(n) if numeric.contains(&c) => ws.write_number(row, c as u16, n).unwrap(),
                _ => ws.write_string(row, c as u16, v).unwrap(),
            };
        }
    }
    wb.save(file).unwrap();
}

#[test]
fn xlsx_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulverzeichnis.xlsx");
    write_xlsx(&Directory::load(), &file);
    assert_eq!(import_variant(&file), reference_register());
}

// ---------------------------------------------------------------------------------------------
// Broken files: exit 1, row and column named, the plan's data unchanged

struct Broken {
    what: &'static str,
    file: &'static str,
    bytes: Vec<u8>,
    /// Must appear in the message.
    expect: String,
}

fn broken_files() -> Vec<Broken> {
    let d = Directory::load();
    let koeln = d.rows_where("Verwaltungsbezirk", KOELN);
    let mut out = Vec::new();

    // Download cut off in the middle of a row (inside „Straße und Hausnummer“).
    {
        let k = koeln[150];
        let mut cut = d.clone();
        cut.rows.truncate(k);
        let mut text = cut.to_csv(',', "\n");
        let mut fields: Vec<String> = d.rows[k][..9].to_vec();
        let street = &d.rows[k][8];
        fields[8] = street.chars().take(street.chars().count() / 2).collect();
        text.push_str(&csv_line(&fields, ','));
        out.push(Broken {
            what: "file cut off mid-row",
            file: "abgeschnitten.csv",
            bytes: text.into_bytes(),
            expect: format!(
                "abgeschnitten.csv, Zeile {}, Spalte „Postleitzahl“",
                Directory::line(k)
            ),
        });
    }
    // A row broken in two inside the file: the first part ends after „Ort“.
    {
        let k = koeln[40];
        let mut b = d.clone();
        let row = b.rows[k].clone();
        b.rows[k] = row[..11].to_vec();
        b.rows.insert(k + 1, row[11..].to_vec());
        out.push(Broken {
            what: "row broken in two",
            file: "zeilenumbruch.csv",
            bytes: b.to_csv(',', "\n").into_bytes(),
            expect: format!(
                "zeilenumbruch.csv, Zeile {}, Spalte „Rechtsstatus“",
                Directory::line(k)
            ),
        });
    }
    // Mixed encoding: a UTF-8 file with one row pasted in Windows-1252.
    let first_non_ascii_col = |k: usize| -> String {
        let c = d.rows[k].iter().position(|f| !f.is_ascii()).unwrap();
        d.header[c].clone()
    };
    {
        let k = koeln[200];
        let mut bytes = Vec::new();
        bytes.extend_from_slice(csv_line(&d.header, ',').as_bytes());
        for (i, r) in d.rows.iter().enumerate() {
            bytes.push(b'\n');
            let line = csv_line(r, ',');
            if i == k {
                bytes.extend_from_slice(&to_cp1252(&line));
            } else {
                bytes.extend_from_slice(line.as_bytes());
            }
        }
        bytes.push(b'\n');
        out.push(Broken {
            what: "UTF-8 with one Windows-1252 row",
            file: "gemischt.csv",
            bytes,
            expect: format!(
                "gemischt.csv, Zeile {}, Spalte „{}“",
                Directory::line(k),
                first_non_ascii_col(k)
            ),
        });
    }
    // Mixed the other way: a Windows-1252 file with one UTF-8 row (would become „KÃ¶ln“).
    {
        let k = koeln[10];
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&to_cp1252(&csv_line(&d.header, ';')));
        for (i, r) in d.rows.iter().enumerate() {
            bytes.extend_from_slice(b"\r\n");
            let line = csv_line(r, ';');
            if i == k {
                bytes.extend_from_slice(line.as_bytes());
            } else {
                bytes.extend_from_slice(&to_cp1252(&line));
            }
        }
        bytes.extend_from_slice(b"\r\n");
        out.push(Broken {
            what: "Windows-1252 with one UTF-8 row",
            file: "gemischt_1252.csv",
            bytes,
            expect: format!(
                "gemischt_1252.csv, Zeile {}, Spalte „{}“",
                Directory::line(k),
                first_non_ascii_col(k)
            ),
        });
    }
    // Wrong encoding: an old DOS export (code page 850); the first ü is in the header.
    out.push(Broken {
        what: "code page 850",
        file: "dos.csv",
        bytes: to_cp850(&d.to_csv(';', "\r\n")),
        expect: "dos.csv, Zeile 1, Spalte „Amtlicher Gemeindeschl".into(),
    });
    // Missing column.
    {
        let mut m = d.clone();
        let c = m.col("Schulnummer");
        m.header.remove(c);
        for r in &mut m.rows {
            r.remove(c);
        }
        out.push(Broken {
            what: "missing column",
            file: "ohne_nummer.csv",
            bytes: m.to_csv(',', "\n").into_bytes(),
            expect: "ohne_nummer.csv: Pflichtspalte „Schulnummer“ fehlt (Kopfzeile in Zeile 1)"
                .into(),
        });
    }
    // Bad values in Köln rows.
    let bad = |what: &'static str, file: &'static str, k: usize, col: &str, value: &str| {
        let mut b = d.clone();
        let c = b.col(col);
        b.rows[k][c] = value.into();
        Broken {
            what,
            file,
            bytes: b.to_csv(',', "\n").into_bytes(),
            expect: format!("{file}, Zeile {}, Spalte „{col}“", Directory::line(k)),
        }
    };
    out.push(bad(
        "pupils not a number",
        "anzahl.csv",
        koeln[300],
        "Anzahl",
        "zwölf",
    ));
    out.push(bad(
        "Sozialindex out of range",
        "sozialindex.csv",
        koeln[5],
        "Sozialindex",
        "12",
    ));
    out.push(bad(
        "Schulnummer with letters",
        "nummer.csv",
        koeln[77],
        "Schulnummer",
        "19A345",
    ));
    {
        let mut b = d.clone();
        let nr = b.col("Schulnummer");
        let (k1, k2) = (koeln[3], koeln[250]);
        b.rows[k2][nr] = b.rows[k1][nr].clone();
        out.push(Broken {
            what: "duplicate Schulnummer",
            file: "doppelt.csv",
            bytes: b.to_csv(',', "\n").into_bytes(),
            expect: format!(
                "doppelt.csv, Zeile {}, Spalte „Schulnummer“: Schulnummer {} steht doppelt (auch in Zeile {})",
                Directory::line(k2),
                d.rows[k1][nr],
                Directory::line(k1)
            ),
        });
    }
    // A bad value in a workbook: the row as the spreadsheet shows it (title rows included).
    {
        let k = koeln[123];
        let mut b = d.clone();
        let c = b.col("Anzahl");
        b.rows[k][c] = "ca. 300".into();
        let tmp = tmp();
        let f = tmp.path().join("x.xlsx");
        write_xlsx(&b, &f);
        out.push(Broken {
            what: "XLSX with text in Anzahl",
            file: "schulen.xlsx",
            bytes: std::fs::read(&f).unwrap(),
            expect: format!("schulen.xlsx, Zeile {}, Spalte „Anzahl“", k + 4),
        });
    }
    out
}

#[test]
fn broken_files_fail_with_row_and_column_and_leave_the_plan_unchanged() {
    let dir = tmp();
    let db = dir.path().join("koeln.db");
    let dbs = db.to_str().unwrap();
    import(&db, &original(), &["--traeger", KOELN]).ok();
    // User data too, so "unchanged" covers more than the official fields.
    let d = Directory::load();
    let some_school =
        d.rows[d.rows_where("Verwaltungsbezirk", KOELN)[7]][d.col("Schulnummer")].clone();
    schulit(&[
        "--db",
        dbs,
        "schools",
        "set",
        &some_school,
        "--teachers",
        "61",
    ])
    .ok();
    let before = dump(&db);
    assert!(before.contains("Integer(61)"), "user field stored");

    let mut failures = Vec::new();
    for b in broken_files() {
        let file = dir.path().join(b.file);
        std::fs::write(&file, &b.bytes).unwrap();
        let run = schulit(&[
            "--db",
            dbs,
            "schools",
            "import",
            file.to_str().unwrap(),
            "--traeger",
            KOELN,
        ]);
        if run.code != 1 || !run.stderr.contains(&b.expect) {
            failures.push(format!(
                "{}: exit {} (want 1), message {:?} (want it to contain {:?})",
                b.what,
                run.code,
                run.stderr.trim(),
                b.expect
            ));
        }
        if !run.stdout.trim().is_empty() {
            failures.push(format!("{}: printed {:?}", b.what, run.stdout.trim()));
        }
        assert_eq!(integrity(&db), "ok", "{}", b.what);
        if dump(&db) != before {
            failures.push(format!("{}: the plan's data changed", b.what));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn unknown_traeger_is_named_with_a_suggestion() {
    let dir = tmp();
    let db = dir.path().join("plan.db");
    let run = import(&db, &original(), &["--traeger", "Düsseldorf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err: Value = serde_json::from_str(run.stderr.trim()).expect("JSON error with --json");
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains("„Düsseldorf“"), "{msg}");
    assert!(
        msg.contains(DUESSELDORF),
        "suggests the name as the file writes it: {msg}"
    );

    let run = schulit(&[
        "--db",
        db.to_str().unwrap(),
        "schools",
        "import",
        DIRECTORY,
        "--gemeindeschluessel",
        "09162000",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("09162000"), "{}", run.stderr);
    assert!(list(&db).is_empty());
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tmp();
    let db = dir.path().join("plan.db");
    let dbs = db.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["--db", dbs, "schools", "import", DIRECTORY],
        &[
            "--db",
            dbs,
            "schools",
            "import",
            DIRECTORY,
            "--traeger",
            KOELN,
            "--gemeindeschluessel",
            "05315000",
        ],
        &["schools", "import", DIRECTORY, "--traeger", KOELN],
        &["--db", dbs, "schools", "frobnicate"],
        &[
            "--db",
            dbs,
            "schools",
            "set",
            "100020",
            "--teachers",
            "viele",
        ],
        &["demo"],
        &["--db", dbs, "--unknown-flag", "schools", "list"],
    ];
    for args in cases {
        let run = schulit(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(!run.stderr.trim().is_empty(), "{args:?} says why");
    }
    // A missing input file is bad input, not bad usage.
    let run = schulit(&[
        "--db",
        dbs,
        "schools",
        "import",
        "/nonexistent/schulen.csv",
        "--traeger",
        KOELN,
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("schulen.csv"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// The demo district

#[test]
fn demo_is_leverkusen_from_the_directory_and_deterministic() {
    let dir = tmp();
    let a = dir.path().join("demo_a.db");
    let b = dir.path().join("demo_b.db");
    let v = schulit(&["--db", a.to_str().unwrap(), "--json", "demo"])
        .ok()
        .json();
    let d = Directory::load();
    let lev = d.rows_where("Verwaltungsbezirk", "Krfr. Stadt Leverkusen");
    assert_eq!(v["schools"].as_u64(), Some(lev.len() as u64), "{v}");

    let nr = d.col("Schulnummer");
    let expected: BTreeSet<String> = lev.iter().map(|&i| d.rows[i][nr].clone()).collect();
    let schools = list(&a);
    let listed: BTreeSet<String> = schools
        .iter()
        .map(|s| s["schulnummer"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, expected);
    let sum: i64 = schools.iter().filter_map(|s| s["pupils"].as_i64()).sum();
    assert_eq!(sum, d.pupils(&lev));
    assert_eq!(integrity(&a), "ok");

    // Same seed, same data (timestamps of writing aside).
    schulit(&["--db", b.to_str().unwrap(), "demo"]).ok();
    let strip = |s: String| -> String {
        s.lines()
            .map(|l| {
                l.split('|')
                    .filter(|c| !looks_like_now(c))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        strip(dump(&a)) == strip(dump(&b)),
        "two demo plans differ beyond their timestamps"
    );

    // The demo never overwrites a file.
    let before = dump(&a);
    let run = schulit(&["--db", a.to_str().unwrap(), "demo"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("existiert bereits"), "{}", run.stderr);
    assert!(dump(&a) == before);
}

/// A `Text("2026-11-24T21:13:05Z")` written by SQLite's clock.
fn looks_like_now(cell: &str) -> bool {
    let Some(t) = cell
        .strip_prefix("Text(\"")
        .and_then(|c| c.strip_suffix("\")"))
    else {
        return false;
    };
    let today = chrono_free_today();
    t.starts_with(&today) && t.len() >= 19
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock without extra crates.
fn chrono_free_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let days = secs.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}
