//! End-to-end tests of the plan file in the real window: Speichern unter, Sicherung anlegen and
//! wiederherstellen, the NRW directory import with the Träger picker, keyboard and language.
//! File dialogs are bypassed with SCHULIT_TEST_OPEN_PATH / SCHULIT_TEST_SAVE_PATH; the reading
//! and writing behind them is the real code.

use std::path::Path;

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;
use serde_json::Value;

fn count_schools(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM schools", [], |r| r.get(0))
        .unwrap()
}

fn teachers(db: &Path, nr: &str) -> Option<i64> {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT teachers FROM schools WHERE schulnummer = ?1",
            [nr],
            |r| r.get(0),
        )
        .unwrap()
}

const ROW: &str = "#schools-table tbody tr[data-schulnummer]";

/// Opens the first school of the list, sets the teachers, saves; returns its Schulnummer.
fn edit_first_school(app: &WindowApp, teachers: &str) -> String {
    app.wait_for(ROW);
    let first = app.find(ROW);
    let nr = app
        .execute_script(
            "return arguments[0].dataset.schulnummer;",
            vec![first.to_json()],
        )
        .as_str()
        .unwrap()
        .to_string();
    app.click_css(&format!("{ROW}[data-schulnummer='{nr}'] td.col-name"));
    app.set_value("#f-teachers", teachers);
    app.click_css("#edit-save");
    app.wait_gone("#school-editor");
    nr
}

fn open_file_menu(app: &WindowApp, item: &str) {
    app.click_css("#menu-file");
    app.click_css(item);
}

#[test]
fn save_as_continues_in_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "original.db");
    let copy = dir.path().join("kopie.db");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", copy.to_str().unwrap())])
    else {
        return;
    };
    app.wait_for(ROW);
    open_file_menu(&app, "#menu-save-as");
    let want = copy.display().to_string();
    // Read in one script: the header is redrawn when the plan changes, so a found element can
    // be gone before its title is asked for.
    app.wait_until("Kopfzeile zeigt die Kopie", |a| {
        a.execute_script(
            "const e = document.getElementById('plan-name'); return e ? e.title : null;",
            vec![],
        ) == Value::String(want.clone())
    });
    assert_eq!(count_schools(&copy), 44, "the copy holds the whole plan");

    // Work continues in the copy; the original stays as it was.
    let nr = edit_first_school(&app, "66");
    assert_eq!(teachers(&copy, &nr), Some(66));
    assert_ne!(teachers(&db, &nr), Some(66));
}

#[test]
fn backup_then_restore_undoes_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "plan.db");
    let backup_dir = dir.path().join("plan.db.backups");
    std::fs::create_dir_all(&backup_dir).unwrap();
    let backup = backup_dir.join("plan-20991231-235959.000-manuell.db");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", backup.to_str().unwrap())])
    else {
        return;
    };
    app.wait_for(ROW);
    open_file_menu(&app, "#menu-backup");
    app.wait_until("Sicherung geschrieben", |_| backup.is_file());
    assert_eq!(count_schools(&backup), 44);

    let first_nr = app
        .execute_script(
            "return document.querySelector(arguments[0]).dataset.schulnummer;",
            vec![Value::String(ROW.into())],
        )
        .as_str()
        .unwrap()
        .to_string();
    let original = teachers(&db, &first_nr);
    assert_ne!(original, Some(77));

    // Escape closes the form without saving.
    app.click_css(&format!("{ROW}[data-schulnummer='{first_nr}'] td.col-name"));
    app.set_value("#f-teachers", "99");
    app.keys("\u{E00C}");
    app.wait_gone("#school-editor");
    assert_eq!(teachers(&db, &first_nr), original, "Escape saved nothing");

    let nr = edit_first_school(&app, "77");
    assert_eq!(nr, first_nr);
    assert_eq!(teachers(&db, &nr), Some(77));

    open_file_menu(&app, "#menu-restore");
    app.wait_for("#backup-table");
    app.screenshot("restore-dialog");
    let radio = format!("input[name='backup'][value='{}']", backup.display());
    app.click_css(&radio);
    app.click_css("#restore-do");
    app.wait_until("Plan wiederhergestellt", |_| teachers(&db, &nr) == original);
    // The window has reloaded the plan when its confirmation appears.
    app.wait_until("Bestätigung der Wiederherstellung", |a| {
        a.find_all(".toast")
            .iter()
            .any(|t| a.text(t).contains("wiederhergestellt"))
    });
    // The state before the restore was itself backed up.
    let before_restore = std::fs::read_dir(&backup_dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("vor-wiederherstellung")
        })
        .count();
    assert_eq!(before_restore, 1);
    // The window shows the restored figure again.
    app.wait_for(ROW);
    app.click_css(&format!("{ROW}[data-schulnummer='{nr}'] td.col-name"));
    let shown = app.property(&app.wait_for("#f-teachers"), "value");
    assert_eq!(
        shown.as_str().unwrap_or_default(),
        original.map(|n| n.to_string()).unwrap_or_default()
    );
}

#[test]
fn import_directory_with_traeger_picker() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("neu.db"); // does not exist: the window opens a new, empty plan
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv");
    // Independent count: lines of the file whose Verwaltungsbezirk is Köln.
    let text = std::fs::read_to_string(&source).unwrap();
    let koeln = text
        .lines()
        .filter(|l| l.contains(",05315000,Krfr. Stadt Köln,"))
        .count();
    assert_eq!(koeln, 305);

    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_OPEN_PATH", source.to_str().unwrap())])
    else {
        return;
    };
    app.wait_for("#schools-table .empty-row");
    app.screenshot("schools-empty");
    app.click_css("#schools-import");
    app.click_css("#import-choose");
    app.wait_for("#import-traeger option");
    app.set_value("#import-search", "Stadt Köln");
    app.wait_until("nur Köln in der Auswahl", |a| {
        a.find_all("#import-traeger option").len() == 1
    });
    assert_eq!(
        app.text_of("#import-count"),
        "Es werden 305 Schulen aus „Krfr. Stadt Köln“ übernommen."
    );
    app.screenshot("import-dialog");
    app.click_css("#import-do");
    app.wait_for("#import-summary");
    assert_eq!(app.text_of("#sum-added .stat-value"), "305");
    assert_eq!(app.text_of("#sum-updated .stat-value"), "0");
    app.screenshot("import-summary");
    app.click_css("#import-summary-ok");
    assert_eq!(count_schools(&db), koeln as i64);
    app.wait_until("305 Zeilen in der Liste", |a| a.find_all(ROW).len() == 305);

    // English UI, then back to German.
    app.click_css("#lang-en");
    app.wait_until("englische Navigation", |a| {
        a.text_of("#nav-schools") == "Schools"
    });
    app.screenshot("schools-list-en");
    app.click_css("#lang-de");
    app.wait_until("deutsche Navigation", |a| {
        a.text_of("#nav-schools") == "Schulen"
    });
}

#[test]
fn first_start_opens_the_demo_and_new_creates_an_empty_plan() {
    let dir = tempfile::tempdir().unwrap();
    let new_plan = dir.path().join("Mein Plan.db");
    let Some(app) =
        WindowApp::start_without_plan(&[("SCHULIT_TEST_SAVE_PATH", new_plan.to_str().unwrap())])
    else {
        return;
    };
    // First start: the demo district, created in the data directory and remembered.
    app.wait_until("44 Demo-Schulen", |a| a.find_all(ROW).len() == 44);
    assert_eq!(app.text_of("#demo-badge"), "Demo-Daten");
    let demo = app.data_dir().join("Demo-Leverkusen.db");
    assert_eq!(count_schools(&demo), 44);
    let settings: Value =
        serde_json::from_slice(&std::fs::read(app.data_dir().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(
        settings["last_plan"],
        Value::String(demo.display().to_string())
    );

    // Datei → Neu: an empty plan named after the file, no demo badge.
    open_file_menu(&app, "#menu-new");
    app.wait_until("neuer Plan in der Kopfzeile", |a| {
        a.text_of("#plan-name") == "Mein Plan"
    });
    assert!(app.try_find("#demo-badge").is_none());
    app.wait_for("#schools-table .empty-row");
    assert_eq!(count_schools(&new_plan), 0);
    app.screenshot("new-plan-empty");

    // Keyboard: add a school with the form, Enter saves.
    app.click_css("#schools-add");
    app.set_value("#f-schulnummer", "199999");
    app.set_value("#f-schulform", "Grundschule");
    app.set_value("#f-name", "Testschule am Rhein");
    app.set_value("#f-pupils", "230");
    app.type_text(&app.find("#f-ort"), "Köln\u{E007}");
    app.wait_gone("#school-editor");
    app.wait_until("neue Schule in der Liste", |a| a.find_all(ROW).len() == 1);
    let (name, pupils): (String, i64) = Connection::open(&new_plan)
        .unwrap()
        .query_row(
            "SELECT name, pupils FROM schools WHERE schulnummer = '199999'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((name.as_str(), pupils), ("Testschule am Rhein", 230));

    // The same Schulnummer again: the core's German message appears in the form, nothing stored.
    app.click_css("#schools-add");
    app.set_value("#f-schulnummer", "199999");
    app.set_value("#f-schulform", "Gymnasium");
    app.set_value("#f-name", "Doppelt");
    app.click_css("#edit-save");
    app.wait_until("Fehlermeldung im Formular", |a| {
        a.text_of("#edit-error").contains("199999 gibt es schon")
    });
    app.screenshot("school-form-duplicate");
    app.click_css("#edit-cancel");
    app.wait_gone("#school-editor");
    assert_eq!(count_schools(&new_plan), 1);

    // Every area of the navigation opens its screen.
    for area in ["budget", "offers", "kpi", "reports", "schools"] {
        app.click_css(&format!("#nav-{area}"));
        app.wait_for(&format!("#screen-{area}"));
        app.screenshot(&format!("area-{area}"));
    }
}

#[test]
fn damaged_plan_is_restored_from_its_backup_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    // A good backup in the plan's backup folder, then the plan itself damaged.
    let backups = dir.path().join("plan.db.backups");
    std::fs::create_dir_all(&backups).unwrap();
    let good = crate::common::demo_plan(&backups, "plan-20261101-120000.000-manuell.db");
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", good.display()));
    }
    std::fs::write(&db, vec![0x42u8; 16384]).unwrap();

    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    // The start explains why no plan is open …
    let msg = app.text_of("#message-dialog .message-text");
    assert!(msg.contains("plan.db"), "{msg}");
    app.screenshot("damaged-plan-message");
    app.click_css("#dlg-ok");
    // … and offers the backups.
    app.click_css("#no-plan-restore");
    app.click_css(&format!("input[name='backup'][value='{}']", good.display()));
    app.click_css("#restore-do");
    app.wait_until("44 Schulen nach der Wiederherstellung", |a| {
        a.find_all(ROW).len() == 44
    });
    assert_eq!(count_schools(&db), 44);
}
