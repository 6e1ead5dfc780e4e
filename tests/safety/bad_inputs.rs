//! Bad input gets a clear answer: every broken or hostile file in `tests/data/bad/` (and the big
//! ones generated here at test time: a 10 MB cell, 1,000,000 columns, zip bombs) is refused by the
//! real `schulit` binary with a German message naming the file, the row and the column where it
//! makes sense, exit code 1 — and the plan is unchanged (full dump before/after, no backup
//! written).
//!
//! Importers added later get their cases here (one `Case` per file).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::safety_common::{dump, open_raw, run, DIRECTORY_HEADER};

const TRAEGER: &str = "Krfr. Stadt Leverkusen";

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

/// A plan with the demo district: real content that must survive every refused import.
fn demo_plan(dir: &Path) -> PathBuf {
    let p = dir.join("plan.db");
    let out = run(&p, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p
}

fn state(plan: &Path) -> (String, Vec<String>) {
    let backups = schulit_core::store::list_backups(plan)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    (dump(&open_raw(plan), &[]), backups)
}

/// Imports `file` into `plan`; asserts exit code 1, every `expected` part in the message, and
/// an unchanged plan.
fn refused(plan: &Path, file: &Path, expected: &[&str]) {
    let before = state(plan);
    let out = run(
        plan,
        &[
            "schools".as_ref(),
            "import".as_ref(),
            file.as_os_str(),
            "--traeger".as_ref(),
            TRAEGER.as_ref(),
        ],
    );
    let msg = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{}: {msg}", file.display());
    assert!(msg.starts_with("Fehler: "), "{msg}");
    for part in expected {
        assert!(
            msg.contains(part),
            "{}: expected „{part}“ in\n{msg}",
            file.display()
        );
    }
    assert!(!msg.contains("panicked"), "{msg}");
    let after = state(plan);
    assert_eq!(
        before.1,
        after.1,
        "{}: no backup for a refused file",
        file.display()
    );
    assert!(before.0 == after.0, "{}: the plan changed", file.display());
}

fn row(nr: &str, name: &str) -> String {
    format!("2024/25,Grundschule,05316000,{TRAEGER},{nr},{name},,,Hauptstraße 1,51373,Leverkusen,Öffentlich,0214,123,0214,124,{nr}@schule.nrw.de,250,4")
}

#[test]
fn committed_bad_files_are_refused_with_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let cases: &[(&str, &[&str])] = &[
        // wrong encoding: a UTF-8 file with a broken umlaut in row 3
        (
            "utf8_kaputt.csv",
            &[
                "utf8_kaputt.csv, Zeile 3, Spalte „Amtliche Bezeichnung 1“",
                "ungültige Zeichenkodierung",
                "Byte 0xC3",
            ],
        ),
        (
            "utf16_ohne_bom.csv",
            &["utf16_ohne_bom.csv, Zeile 1", "Nullbyte"],
        ),
        (
            "bild_statt_tabelle.csv",
            &["bild_statt_tabelle.csv", "Nullbyte – keine Textdatei?"],
        ),
        // mixed delimiters: row 4 uses ';' in a ',' file
        (
            "trennzeichen_gemischt.csv",
            &[
                "trennzeichen_gemischt.csv, Zeile 4",
                "1 Felder statt 19",
                "Trennzeichen",
            ],
        ),
        // duplicate key
        (
            "schulnummer_doppelt.csv",
            &[
                "schulnummer_doppelt.csv, Zeile 4, Spalte „Schulnummer“",
                "Schulnummer 999001 steht doppelt (auch in Zeile 2)",
            ],
        ),
        // dates in the future / before 1990
        (
            "schuljahr_zukunft.csv",
            &[
                "schuljahr_zukunft.csv, Zeile 3, Spalte „Schuljahr“",
                "„2099/00“ liegt in der Zukunft",
            ],
        ),
        (
            "schuljahr_vor_1990.csv",
            &[
                "schuljahr_vor_1990.csv, Zeile 3, Spalte „Schuljahr“",
                "„1985/86“ liegt vor 1990",
            ],
        ),
        // negative numbers, out-of-range codes, non-numeric keys
        (
            "anzahl_negativ.csv",
            &[
                "anzahl_negativ.csv, Zeile 3, Spalte „Anzahl“",
                "Schülerzahl -5 ist nicht plausibel",
            ],
        ),
        (
            "sozialindex_zu_gross.csv",
            &[
                "sozialindex_zu_gross.csv, Zeile 3, Spalte „Sozialindex“",
                "„12“ liegt nicht zwischen 1 und 9",
            ],
        ),
        (
            "schulnummer_buchstaben.csv",
            &[
                "schulnummer_buchstaben.csv, Zeile 3, Spalte „Schulnummer“",
                "„99A002“ ist keine Schulnummer",
            ],
        ),
        // CSV injection
        (
            "csv_injection.csv",
            &[
                "csv_injection.csv, Zeile 3, Spalte „Amtliche Bezeichnung 1“",
                "„=cmd|' /C calc'!A0“ sieht aus wie eine Tabellenformel",
            ],
        ),
        (
            "csv_injection_plus.csv",
            &[
                "csv_injection_plus.csv, Zeile 3, Spalte „Amtliche Bezeichnung 1“",
                "Tabellenformel",
            ],
        ),
        // structure
        (
            "pflichtspalte_fehlt.csv",
            &[
                "pflichtspalte_fehlt.csv",
                "Pflichtspalte „Schulnummer“ fehlt (Kopfzeile in Zeile 1)",
            ],
        ),
        ("leer.csv", &["leer.csv: Die Datei ist leer."]),
        (
            "nur_kopfzeile.csv",
            &["nur_kopfzeile.csv: Keine Datenzeilen gefunden."],
        ),
        (
            "xlsx_abgeschnitten.xlsx",
            &[
                "xlsx_abgeschnitten.xlsx",
                "kein vollständiges XLSX-(ZIP-)Archiv",
            ],
        ),
    ];
    for (name, expected) in cases {
        refused(&plan, &bad(name), expected);
    }
    // Every committed file is covered by a case.
    let mut listed: Vec<String> = std::fs::read_dir(bad("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut covered: Vec<String> = cases.iter().map(|(n, _)| n.to_string()).collect();
    covered.sort();
    assert_eq!(listed, covered);
}

/// The control: the same plan takes a good file of the same shape, so the refusals above are
/// about the defects, not about the harness.
#[test]
fn good_file_of_the_same_shape_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let good = dir.path().join("gut.csv");
    std::fs::write(
        &good,
        format!(
            "{DIRECTORY_HEADER}\n{}\n{}\n",
            row("999001", "Städtische Grundschule 999001"),
            row("999002", "- Primarstufe -")
        ),
    )
    .unwrap();
    let before = state(&plan);
    let out = run(
        &plan,
        &[
            "schools".as_ref(),
            "import".as_ref(),
            good.as_os_str(),
            "--traeger".as_ref(),
            TRAEGER.as_ref(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = state(&plan);
    assert_ne!(before.0, after.0);
    assert_eq!(
        after.1.len(),
        before.1.len() + 1,
        "one backup before the import"
    );
    assert!(after.1[0].contains("vor-import-schulen"), "{:?}", after.1);
}

#[test]
fn cell_of_10_mb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let f = dir.path().join("zelle_10mb.csv");
    let big = "x".repeat(10 << 20);
    std::fs::write(
        &f,
        format!(
            "{DIRECTORY_HEADER}\n{}\n{}\n",
            row("999001", "Schule"),
            row("999002", &big)
        ),
    )
    .unwrap();
    refused(
        &plan,
        &f,
        &[
            "zelle_10mb.csv: Die Datei ist zu groß",
            "Zeile 3, Spalte 6: Zelle mit 10485760 Bytes",
        ],
    );
}

#[test]
fn one_million_columns_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let f = dir.path().join("eine_million_spalten.csv");
    let mut s = format!("{DIRECTORY_HEADER}\n{}\n", row("999001", "Schule"));
    s.push_str(&row("999002", "Schule 2"));
    s.push_str(&",".repeat(1_000_000 - 19));
    s.push('\n');
    std::fs::write(&f, s).unwrap();
    refused(
        &plan,
        &f,
        &[
            "eine_million_spalten.csv: Die Datei ist zu groß",
            "Zeile 3: 1000000 Spalten, höchstens 2000",
        ],
    );
}

/// A minimal XLSX (via rust_xlsxwriter) with the directory header and the given rows.
fn xlsx_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in DIRECTORY_HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Rewrites an XLSX: `xl/worksheets/sheet1.xml` replaced by `sheet` (deflated).
fn with_sheet(xlsx: &[u8], sheet: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().to_string();
        out.start_file(name.as_str(), opts).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            out.write_all(sheet).unwrap();
        } else {
            std::io::copy(&mut e, &mut out).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A sheet of `mb` megabytes: a valid row, then padding whitespace (compresses ~1000:1).
fn bomb_sheet(mb: usize) -> Vec<u8> {
    let mut s = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".to_vec();
    s.resize(s.len() + (mb << 20), b' ');
    s.extend_from_slice(b"</sheetData></worksheet>");
    s
}

#[test]
fn zip_bomb_xlsx_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let base = xlsx_bytes(&[row("999001", "Schule")
        .split(',')
        .map(String::from)
        .collect()]);
    // 64 MB of sheet in about 64 KB of file (ratio > 1000:1).
    let bomb = with_sheet(&base, &bomb_sheet(64));
    assert!(bomb.len() < 128 << 10, "{} bytes", bomb.len());
    let f = dir.path().join("zip_bombe.xlsx");
    std::fs::write(&f, &bomb).unwrap();
    refused(
        &plan,
        &f,
        &[
            "zip_bombe.xlsx: Die Datei ist zu groß oder zu komplex",
            "xl/worksheets/sheet1.xml",
        ],
    );
    // Named .csv it is still recognised as XLSX by its bytes, and still refused.
    let g = dir.path().join("zip_bombe_getarnt.csv");
    std::fs::write(&g, &bomb).unwrap();
    refused(&plan, &g, &["zip_bombe_getarnt.csv: Die Datei ist zu groß"]);
}

/// The same bomb with the declared sizes in the ZIP headers forged to look small: the guard
/// counts what really comes out instead of trusting the header (the reader stops at the declared
/// size, so the forged entry reads as a broken stream).
#[test]
fn zip_bomb_with_forged_sizes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let base = xlsx_bytes(&[row("999001", "Schule")
        .split(',')
        .map(String::from)
        .collect()]);
    let mut bomb = with_sheet(&base, &bomb_sheet(64));
    forge_sizes(&mut bomb, b"xl/worksheets/sheet1.xml", 4096);
    let f = dir.path().join("zip_bombe_gefaelscht.xlsx");
    std::fs::write(&f, &bomb).unwrap();
    refused(
        &plan,
        &f,
        &[
            "zip_bombe_gefaelscht.xlsx: XLSX-Datei kann nicht gelesen werden",
            "Eintrag xl/worksheets/sheet1.xml ist beschädigt",
        ],
    );
}

/// Sets the uncompressed size of entry `name` to `size` in its local header and its central
/// directory record (ZIP64 extra fields included).
fn forge_sizes(zip: &mut [u8], name: &[u8], size: u32) {
    let mut i = 0;
    let mut patched = 0;
    while i + 46 < zip.len() {
        let sig = &zip[i..i + 4];
        if sig == b"PK\x03\x04" {
            let n = u16::from_le_bytes([zip[i + 26], zip[i + 27]]) as usize;
            let x = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if zip.get(i + 30..i + 30 + n) == Some(name) {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                forge_zip64(zip, i + 30 + n, x, 0, size);
                patched += 1;
            }
        } else if sig == b"PK\x01\x02" {
            let n = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            let x = u16::from_le_bytes([zip[i + 30], zip[i + 31]]) as usize;
            if zip.get(i + 46..i + 46 + n) == Some(name) {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                forge_zip64(zip, i + 46 + n, x, 0, size);
                patched += 1;
            }
        }
        i += 1;
    }
    assert!(patched >= 2, "entry not found");
}

/// In a ZIP64 extra field (id 1) the first 8 bytes are the uncompressed size.
fn forge_zip64(zip: &mut [u8], start: usize, len: usize, _unused: usize, size: u32) {
    let mut j = start;
    while j + 4 <= start + len {
        let id = u16::from_le_bytes([zip[j], zip[j + 1]]);
        let l = u16::from_le_bytes([zip[j + 2], zip[j + 3]]) as usize;
        if id == 1 && l >= 8 {
            zip[j + 4..j + 12].copy_from_slice(&(size as u64).to_le_bytes());
        }
        j += 4 + l;
    }
}

#[test]
fn formula_cell_in_xlsx_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let mut r: Vec<String> = row("999002", "x").split(',').map(String::from).collect();
    r[5] = "=cmd|' /C calc'!A0".into();
    let ok: Vec<String> = row("999001", "Schule")
        .split(',')
        .map(String::from)
        .collect();
    let f = dir.path().join("formel.xlsx");
    std::fs::write(&f, xlsx_bytes(&[ok, r])).unwrap();
    refused(
        &plan,
        &f,
        &[
            "formel.xlsx, Zeile 3, Spalte „Amtliche Bezeichnung 1“",
            "Tabellenformel",
        ],
    );
}

/// Inputs that made a parser crash under fuzzing (`fuzz/`), kept with the message they must get
/// now: each is refused in German naming the file, the plan unchanged, and nothing panics onto
/// the console.
#[test]
fn fuzz_regressions_are_refused_without_a_panic() {
    let cases: &[(&str, &[&str])] = &[(
        // A cell points past the shared strings (calamine 0.30 panicked: index out of bounds).
        "xlsx_verweis_ins_leere.xlsx",
        &[
            "xlsx_verweis_ins_leere.xlsx",
            "XLSX-Datei kann nicht gelesen werden",
            "beschädigt",
        ],
    )];
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plan(dir.path());
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    for (name, expected) in cases {
        let file = base.join(name);
        refused(&plan, &file, expected);
        let out = run(
            &plan,
            &[
                "schools".as_ref(),
                "import".as_ref(),
                file.as_os_str(),
                "--traeger".as_ref(),
                TRAEGER.as_ref(),
            ],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // Every kept input is covered by a case.
    let mut listed: Vec<String> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let mut covered: Vec<String> = cases.iter().map(|(n, _)| n.to_string()).collect();
    covered.sort();
    assert_eq!(listed, covered);
}
