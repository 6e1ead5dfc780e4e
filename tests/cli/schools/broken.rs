//! Broken files and usage errors: exit 1 (or 2), row and column named, the plan's data unchanged.

use super::shapes::write_xlsx;
use super::support::*;
use super::*;

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
