//! Values exported to XLSX never start a formula: text that reaches the plan by any path (the
//! window, a manual edit, an older version without the import check) is written as text with
//! Excel's quote prefix, never as a formula. End to end through `schulit export`.

use crate::safety_common::{open_raw, run};
use calamine::{Reader, Xlsx};

#[test]
fn formula_like_text_is_exported_as_inert_text() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.db");
    assert!(run(&plan, &["demo"]).status.success());
    let hostile = [
        ("name", "=cmd|' /C calc'!A0"),
        ("ort", "@SUM(1+1)*cmd|' /C calc'!A0"),
        ("schulform", "+HYPERLINK(\"x\")"),
    ];
    {
        let c = open_raw(&plan);
        for (col, v) in hostile {
            c.execute(
                &format!("UPDATE schools SET {col} = ?1 WHERE schulnummer = '100012'"),
                [v],
            )
            .unwrap();
        }
    }
    let out_file = dir.path().join("schulen.xlsx");
    let out = run(
        &plan,
        &[
            "export".as_ref(),
            "schools".as_ref(),
            "--out".as_ref(),
            out_file.as_os_str(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut wb: Xlsx<_> = calamine::open_workbook(&out_file).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let formulas = wb.worksheet_formula(&sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell may hold a formula"
    );
    let values = wb.worksheet_range(&sheet).unwrap();
    let texts: Vec<String> = values.used_cells().map(|(_, _, v)| v.to_string()).collect();
    for (_, v) in hostile {
        // The text itself arrives unchanged (the prefix is a cell style, not part of the value).
        assert!(
            texts.iter().any(|t| t.contains(v)),
            "{v} missing from the export"
        );
    }
    // The cells carry Excel's quote prefix.
    let bytes = std::fs::read(&out_file).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}
