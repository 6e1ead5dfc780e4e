//! End-to-end test of the real window: the ticket import dialog imports a Zammad export
//! (`tests/data/tickets/zammad_report.xls`, via the file-dialog test hook), shows the
//! data-protection notice and the unmatched school, and the user maps that school by hand;
//! the mapping is checked in the SQLite file itself.
//!
//! The dialog is opened from the KPI screen's button (`openTicketImport` from
//! `ui/js/screens/tickets_import.js`); afterwards the KPI screen shows the ranking chart.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

fn one(db: &std::path::Path, sql: &str) -> Option<String> {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn import_zammad_and_map_school_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "tickets-window.db");
    let export = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tickets/zammad_report.xls");
    let export = export.to_string_lossy().into_owned();
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_OPEN_PATH", &export)]) else {
        return;
    };
    app.wait_for("#nav-kpi");
    app.click_css("#nav-kpi");
    // The KPI screen's button opens the dialog (openTicketImport).
    app.wait_for("#kpi-import");
    app.click_css("#kpi-import");
    app.wait_for("#tix-choose");
    app.click_css("#tix-choose");
    app.wait_until("Format erkannt", |a| {
        a.text_of("#tix-detected").contains("Zammad")
    });
    assert!(app.text_of("#tix-detected").contains("Zeile 3"));
    let privacy = app.text_of("#tix-privacy");
    assert!(privacy.contains("„Owner“"), "{privacy}");
    assert!(privacy.contains("Pseudonym"), "{privacy}");
    app.screenshot("tickets-import-dialog");

    app.click_css("#tix-do");
    app.wait_for("#tix-unmatched");
    let counts = app.text_of("#tix-counts");
    assert!(
        counts.starts_with("3 neu, 0 aktualisiert, 1 übersprungen"),
        "{counts}"
    );
    let rows = app.find_all("#tix-unmatched tbody tr");
    assert_eq!(rows.len(), 1);
    assert!(app
        .text_of("#tix-unmatched tbody tr")
        .contains("Grundschule Am Sonnenhang"));

    // Map it by hand to the Kerschensteinerschule (103226).
    app.execute_script(
        "const s = document.querySelector('#tix-school-0'); s.value = '103226'; return s.value;",
        vec![],
    );
    app.click_css("#tix-map-btn-0");
    app.wait_until("zugeordnet", |a| {
        a.text_of("#tix-status-0").contains("zugeordnet")
    });
    app.screenshot("tickets-import-mapped");
    assert_eq!(
        one(
            &db,
            "SELECT schulnummer FROM tickets WHERE source='zammad' AND source_id='31004'"
        ),
        Some("103226".to_string())
    );
    assert_eq!(
        one(
            &db,
            "SELECT schulnummer FROM school_aliases WHERE label='grundschule am sonnenhang'"
        ),
        Some("103226".to_string())
    );
    app.click_css("#tix-summary-ok");
    app.wait_gone("#tix-summary");
    // Back on the KPI screen: the ranking chart of the schools is drawn.
    app.wait_for("#kpi-chart-ranking");
    app.screenshot("tickets-import-kpi-ranking");
}
