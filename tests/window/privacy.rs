//! End-to-end test of the real window's "Datenschutz" screen: on a plan with a ticket import,
//! import an offer template through the window (the backup before it is checked in the backup
//! folder), open the screen and find the tickets' pseudonym column, both imports in the import
//! log, and delete old tickets (checked in the SQLite file itself).

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn backups(plan: &Path) -> Vec<String> {
    let mut dir = plan.as_os_str().to_os_string();
    dir.push(".backups");
    let Ok(rd) = std::fs::read_dir(PathBuf::from(dir)) else {
        return Vec::new();
    };
    rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".db"))
        .collect()
}

#[test]
fn privacy_screen_lists_fields_import_log_and_deletes_old_tickets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("datenschutz.db");
    let tickets = root().join("tests/data/tickets/znuny_ticket_search_de.csv");
    crate::common::schulit(&db, &["tickets", "import", tickets.to_str().unwrap()]);
    let offers = root().join("docs/examples/offers.json");
    let before = backups(&db).len();

    let xlsx = dir.path().join("importprotokoll.xlsx");
    let Some(app) = WindowApp::start(
        &db,
        &[
            ("SCHULIT_TEST_OPEN_PATH", offers.to_str().unwrap()),
            ("SCHULIT_TEST_SAVE_PATH", xlsx.to_str().unwrap()),
        ],
    ) else {
        return;
    };
    // The window's offers import takes a backup first.
    app.click_css("#nav-offers");
    app.wait_for("#offers-import");
    app.click_css("#offers-import");
    app.wait_until("backup before the offers import", |_| {
        backups(&db)
            .iter()
            .any(|n| n.contains("vor-import-angebote"))
    });
    assert_eq!(backups(&db).len(), before + 1);

    app.click_css("#nav-privacy");
    app.wait_for("#privacy-fields-tickets");
    let fields = app.text_of("#privacy-fields-tickets");
    assert!(fields.contains("requester_pseudonym"), "{fields}");
    assert!(fields.contains("pseudonymisiert"), "{fields}");
    assert!(
        fields.contains("nur auf ausdrücklichen Wunsch"),
        "title: {fields}"
    );
    let persons = app.text_of("#privacy-persons");
    assert!(
        persons.contains("verworfen") && persons.contains("nie gespeichert"),
        "{persons}"
    );
    let log = app.text_of("#privacy-log");
    assert!(log.contains("offers.json"), "{log}");
    assert!(log.contains("znuny_ticket_search_de.csv"), "{log}");
    assert!(log.contains("Angebote") && log.contains("Tickets"), "{log}");
    // The SHA-256 shown is the file's (first 16 hex digits).
    let c = Connection::open(&db).unwrap();
    let sha: String = c
        .query_row(
            "SELECT sha256 FROM import_log WHERE kind = 'offers'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sha.len(), 64);
    assert!(log.contains(&sha[..16]), "{log}");
    assert!(app
        .text_of("#privacy-ticket-count")
        .contains("3 Tickets gespeichert, das älteste vom 01.07.2025"));
    app.screenshot("privacy");
    app.execute_script(
        "document.getElementById('privacy-log-card').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("privacy-log");
    app.execute_script(
        "document.getElementById('privacy-table-tickets').scrollIntoView(); return true;",
        vec![],
    );
    app.screenshot("privacy-tickets-fields");

    // The import log exported as XLSX: both imports with their full SHA-256.
    app.click_css("#privacy-log-export");
    app.wait_until("import log written", |_| {
        xlsx.exists()
            && std::fs::metadata(&xlsx)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
    });
    {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        let cells: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(cells.iter().any(|c| c == &sha), "{cells:?}");
        assert!(cells.iter().any(|c| c == "znuny_ticket_search_de.csv"));
    }

    // Retention: the fixture's tickets were created 2025-07-01, 2025-11-13 and 2025-12-01.
    app.set_value("#privacy-before", "01.10.2025");
    app.click_css("#privacy-delete");
    app.wait_for("#dlg-confirm");
    assert!(app.text_of(".message-text").starts_with("1 Tickets"));
    app.click_css("#dlg-confirm");
    app.wait_until("ticket count after deleting", |a| {
        a.text_of("#privacy-ticket-count")
            .contains("2 Tickets gespeichert, das älteste vom 13.11.2025")
    });
    let n: i64 = c
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    // English, at the top of the screen (a screenshot for the look in both languages).
    app.click_css("#lang-en");
    app.wait_until("Data protection in English", |a| {
        a.text_of("#screen-privacy h1").trim() == "Data protection"
    });
    app.execute_script(
        "document.querySelector('.app-main').scrollTop = 0; return true;",
        vec![],
    );
    app.screenshot("privacy-en");
}
