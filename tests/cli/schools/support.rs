//! Helpers of the school-directory tests: the binary, this test's own CSV reader of the
//! directory (not the code under test), and the plan file read directly with SQLite.

use super::*;

// ---------------------------------------------------------------------------------------------
// Running the binary

pub(super) struct Run {
    pub(super) code: i32,
    pub(super) stdout: String,
    pub(super) stderr: String,
}

impl Run {
    pub(super) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}): {}\n{}", self.stdout, self.stderr)
        })
    }

    pub(super) fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "schulit failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

pub(super) fn schulit(args: &[&str]) -> Run {
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

pub(super) fn import(db: &Path, file: &Path, filter: &[&str]) -> Run {
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
pub(super) fn counts(v: &Value) -> (u64, u64, u64, u64, i64) {
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

pub(super) fn list(db: &Path) -> Vec<Value> {
    let v = schulit(&["--db", db.to_str().unwrap(), "--json", "schools", "list"])
        .ok()
        .json();
    v.as_array().expect("list is a JSON array").clone()
}

// ---------------------------------------------------------------------------------------------
// The directory, read by this test's own CSV reader (not the code under test)

/// RFC 4180 CSV: quoted fields, doubled quotes, `\n` or `\r\n` line ends.
pub(super) fn parse_csv(text: &str, delim: char) -> Vec<Vec<String>> {
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

pub(super) fn csv_line(fields: &[String], delim: char) -> String {
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
pub(super) struct Directory {
    pub(super) header: Vec<String>,
    /// Data rows; row `i` is on line `i + 2` of the file (no field spans lines).
    pub(super) rows: Vec<Vec<String>>,
}

impl Directory {
    pub(super) fn load() -> Directory {
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

    pub(super) fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    }

    /// Indices of the rows whose `column` is `value`.
    pub(super) fn rows_where(&self, column: &str, value: &str) -> Vec<usize> {
        let c = self.col(column);
        (0..self.rows.len())
            .filter(|&i| self.rows[i][c] == value)
            .collect()
    }

    pub(super) fn pupils(&self, rows: &[usize]) -> i64 {
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

    pub(super) fn line(i: usize) -> usize {
        i + 2
    }

    pub(super) fn to_csv(&self, delim: char, eol: &str) -> String {
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
pub(super) fn to_cp1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            let u = c as u32;
            assert!(u < 0x80 || (0xA0..=0xFF).contains(&u), "{c:?} not Latin-1");
            u as u8
        })
        .collect()
}

/// DOS code page 850 bytes (an old export's encoding the importer must refuse).
pub(super) fn to_cp850(s: &str) -> Vec<u8> {
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
pub(super) fn dump(db: &Path) -> String {
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
pub(super) fn cell(v: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => "Null".into(),
        ValueRef::Integer(i) => format!("Integer({i})"),
        ValueRef::Real(f) => format!("Real({f:?})"),
        ValueRef::Text(t) => format!("Text({:?})", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("Blob({b:02x?})"),
    }
}

pub(super) fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The schools table without its timestamp, by Schulnummer: the register a user sees.
pub(super) fn register(db: &Path) -> BTreeMap<String, String> {
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

pub(super) fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub(super) fn original() -> PathBuf {
    PathBuf::from(DIRECTORY)
}
