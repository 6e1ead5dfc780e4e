//! Helpers shared by the data-safety tests (`tests/safety/`):
//! the real binary, database dumps, and a large school directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::{Connection, OpenFlags};

static BINARY_COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// The real `schulit` binary built by Cargo for this test run (or the private copy made by
/// [`use_binary_copy`]).
pub fn schulit() -> PathBuf {
    BINARY_COPY
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_schulit")))
}

/// Runs all later children from a copy of the binary in `dir`, so that a rebuild during a long
/// run cannot swap the program under test halfway.
pub fn use_binary_copy(dir: &Path) {
    let src = PathBuf::from(env!("CARGO_BIN_EXE_schulit"));
    let dst = dir.join(src.file_name().unwrap_or_default());
    std::fs::copy(&src, &dst).expect("copy schulit binary");
    let _ = BINARY_COPY.set(dst);
}

/// Runs `schulit --db <plan> <args…>` to completion.
pub fn run<S: AsRef<std::ffi::OsStr>>(plan: &Path, args: &[S]) -> Output {
    Command::new(schulit())
        .arg("--db")
        .arg(plan)
        .args(args)
        .env_remove("SCHULIT_DB")
        .output()
        .expect("schulit binary runs")
}

/// Small deterministic generator (SplitMix64) so that a failing trial can be replayed by seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Opens a plan read-only with plain SQLite (no migration, no backup, no lock).
pub fn open_raw(plan: &Path) -> Connection {
    Connection::open_with_flags(plan, OpenFlags::SQLITE_OPEN_READ_WRITE).expect("open plan")
}

/// Every table and every row of the database as text, tables sorted by name, rows sorted. Two
/// equal dumps mean two equal stores. `skip_columns` leaves out volatile columns (time stamps).
pub fn dump(conn: &Connection, skip_columns: &[&str]) -> String {
    let mut out = String::new();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(-1);
    out.push_str(&format!("user_version={version}\n"));
    let mut t = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, Option<String>)> = t
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, sql) in &objects {
        out.push_str(&format!("-- {name}: {}\n", sql.as_deref().unwrap_or("")));
    }
    let tables: Vec<String> = {
        let mut s = conn
            .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let v = s
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        v
    };
    for table in tables {
        let mut s = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let names: Vec<String> = s.column_names().iter().map(|c| c.to_string()).collect();
        let keep: Vec<usize> = (0..names.len())
            .filter(|i| !skip_columns.contains(&names[*i].as_str()))
            .collect();
        let mut rows: Vec<String> = s
            .query_map([], |r| {
                let mut line = String::new();
                for &i in &keep {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("== {table} ({} rows)\n", rows.len()));
        for r in rows {
            out.push_str(&r);
            out.push('\n');
        }
    }
    out
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The full NRW school directory (5,407 schools). The real file (`SCHULIT_NRW_CSV`, the copy in
/// `tests/data/nrw/`, or the shared data folder), else a synthetic file of the same shape and
/// size so that CI needs no download.
pub fn nrw_directory(dir: &Path) -> PathBuf {
    let candidates = [
        std::env::var("SCHULIT_NRW_CSV").unwrap_or_default(),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv"
        )
        .to_string(),
        "/work/shared/data/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv".to_string(),
    ];
    for c in candidates.iter().filter(|c| !c.is_empty()) {
        if Path::new(c).is_file() {
            return PathBuf::from(c);
        }
    }
    let p = dir.join("schulverzeichnis_synthetisch.csv");
    std::fs::write(&p, synthetic_directory(5_407)).unwrap();
    p
}

pub const DIRECTORY_HEADER: &str = "Schuljahr,Schulform,Amtlicher Gemeindeschlüssel,Verwaltungsbezirk,Schulnummer,Amtliche Bezeichnung 1,Amtliche Bezeichnung 2,Amtliche Bezeichnung 3,Straße und Hausnummer,Postleitzahl,Ort,Rechtsstatus,Telefonnummer Vorwahl,Telefonnummer Durchwahl,Faxnummer Vorwahl,Faxnummer Durchwahl,Offizielle E-Mail-Adresse,Anzahl,Sozialindex";

/// `n` schools in the directory's format, deterministic.
pub fn synthetic_directory(n: usize) -> String {
    let forms = [
        "Grundschule",
        "Gymnasium",
        "Gesamtschule",
        "Realschule",
        "Förderschule",
    ];
    let mut s = String::from(DIRECTORY_HEADER);
    s.push('\n');
    for i in 0..n {
        let nr = 100_000 + i * 7;
        let ags = format!("05{:06}", 111_000 + (i % 396) * 3);
        s.push_str(&format!(
            "2024/25,{},{ags},Gemeinde {},{nr},Städtische Schule {i},Zweig {},- Primarstufe -,Hauptstraße {},4{:04},Ort {},Öffentlich,0211,{},0211,{},{nr}@schule.nrw.de,{},{}\n",
            forms[i % forms.len()],
            i % 396,
            i % 13,
            i % 200 + 1,
            i % 10_000,
            i % 396,
            1000 + i,
            2000 + i,
            100 + (i * 37) % 1200,
            if i % 5 == 0 { String::new() } else { ((i % 9) + 1).to_string() },
        ));
    }
    s
}
