//! End-to-end test of the Berichte screen in the real window: the chart preview (SVG from the
//! core), a chart exported through the save-dialog path (the dialog is bypassed with
//! SCHULIT_TEST_SAVE_PATH, the rendering and writing are real), and the batch of school reports
//! into a folder with its progress bar.

use crate::common::webdriver::WindowApp;

fn png_size(b: &[u8]) -> (u32, u32) {
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
    let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
    (w, h)
}

#[test]
fn chart_export_through_the_save_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "plan.db");
    let out = dir.path().join("schulformen.png");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", out.to_str().unwrap())])
    else {
        return;
    };
    app.click_css("#nav-reports");
    // The preview is the core's SVG, shown as an image.
    app.wait_for("#reports-preview-img");
    app.screenshot("reports-screen");
    assert!(!out.exists());
    app.click_css("#reports-export-png");
    app.wait_until("PNG geschrieben", |_| {
        out.exists()
            && std::fs::metadata(&out)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
    });
    app.wait_until("Status zeigt den Pfad", |a| {
        a.text_of("#reports-status").contains("schulformen.png")
    });
    let b = std::fs::read(&out).unwrap();
    // Print size: A4 text width 642 CSS px at 300 dpi = ceil(642 × 300 / 96) = 2007 px.
    let (w, h) = png_size(&b);
    assert_eq!(w, 2007);
    assert!(h > 1000, "height {h}");
    // The pHYs chunk says 300 dpi = 11811 pixels per metre.
    let phys = b.windows(4).position(|x| x == b"pHYs").expect("pHYs chunk");
    let ppm = u32::from_be_bytes([b[phys + 4], b[phys + 5], b[phys + 6], b[phys + 7]]);
    assert_eq!(ppm, 11811);
    // English, at the top of the screen (a screenshot for the look in both languages).
    app.click_css("#lang-en");
    app.wait_until("Reports in English", |a| {
        a.text_of("#screen-reports h1").trim() == "Reports"
    });
    app.execute_script(
        "document.querySelector('.app-main').scrollTop = 0; return true;",
        vec![],
    );
    app.screenshot("reports-screen-en");
}

#[test]
fn batch_of_school_reports_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "plan.db");
    // Six schools keep the debug-build run short; every report is still the full one.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "PRAGMA foreign_keys = ON;
         DELETE FROM schools WHERE schulnummer NOT IN
           (SELECT schulnummer FROM schools ORDER BY schulnummer LIMIT 6);",
    )
    .unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM schools", [], |r| r.get(0))
        .unwrap();
    drop(c);
    assert_eq!(n, 6);
    let folder = dir.path().join("berichte");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", folder.to_str().unwrap())])
    else {
        return;
    };
    app.click_css("#nav-reports");
    app.wait_for("#reports-batch");
    app.click_css("#reports-batch");
    // Reports take a while in a debug build: wait up to 4 minutes, watching the progress bar.
    let start = std::time::Instant::now();
    let mut saw_progress = false;
    loop {
        let status = app.text_of("#reports-batch-status");
        if status.contains("6 Schulberichte") {
            break;
        }
        saw_progress |= status.contains(" von 6 Berichten");
        assert!(
            start.elapsed().as_secs() < 300,
            "Stapel nicht fertig: {status}"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(saw_progress, "the progress text was never shown");
    app.screenshot("reports-batch-done");
    let pdfs: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 6);
    for p in &pdfs {
        assert!(std::fs::read(p).unwrap().starts_with(b"%PDF"));
    }
    let value = app.property(&app.find("#reports-batch-progress"), "value");
    assert_eq!(value.as_f64(), Some(6.0));
}

/// A table of one school (its equipment against the standard) exported from the Berichte
/// screen for a school chosen in the row: the XLSX holds that school's figures as the core
/// computes them.
#[test]
fn school_table_export_for_the_chosen_school() {
    use calamine::{Data, DataType, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "plan.db");
    let out = dir.path().join("ausstattung.xlsx");
    // The school: the second of the register (the select starts on the first).
    let store = schulit_core::Store::open(&db).unwrap();
    let schools = schulit_core::schools::list_schools(store.conn()).unwrap();
    let nr = schools[1].schulnummer.clone();
    let params = schulit_core::chart::registry::ChartParams {
        school: Some(nr.clone()),
        year: None,
    };
    let want = schulit_core::report::tables::build(&store, "budget-equipment", &params).unwrap();
    drop(store);
    assert!(!want.rows.is_empty());
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", out.to_str().unwrap())])
    else {
        return;
    };
    app.click_css("#nav-reports");
    app.wait_for("#reports-table-school-budget-equipment");
    app.execute_script(
        "const s = document.querySelector('#reports-table-school-budget-equipment'); s.value = arguments[0];",
        vec![serde_json::Value::String(nr.clone())],
    );
    app.click_css("#reports-table-budget-equipment");
    app.wait_until("XLSX geschrieben", |_| {
        out.exists()
            && std::fs::metadata(&out)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
    });
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    // The title names the chosen school; every category row is there with its requirement.
    assert!(
        cells.iter().flatten().any(|c| c.to_string().contains(&nr)),
        "school {nr} not in the sheet"
    );
    for row in &want.rows {
        let schulit_core::report::table::Cell::Text(label) = &row[0] else {
            panic!("category label")
        };
        let schulit_core::report::table::Cell::Int(required) = row[1] else {
            panic!("requirement")
        };
        let found = cells
            .iter()
            .find(|r| r.first().map(|c| c.to_string()) == Some(label.clone()));
        let found = found.unwrap_or_else(|| panic!("row {label} missing"));
        assert_eq!(found[1].as_f64(), Some(required as f64), "{label}");
    }
}
