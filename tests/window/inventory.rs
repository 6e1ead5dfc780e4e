//! End-to-end test of the real window: the Bestand screen of the demo district. The import
//! dialog reads `fuzz/seeds/inventory/snipeit.csv` (file-dialog test hook), shows the detected
//! source, header row and column mapping, reacts to a changed mapping, imports; the cohorts
//! appear in the table and in SQLite; one cohort's units are edited by hand (German messages
//! next to the field for wrong input); the table is exported to XLSX with real numbers.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;
use serde_json::json;

fn cohorts(db: &std::path::Path, nr: &str, cat: &str) -> Vec<(i32, i64, String)> {
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare(
            "SELECT purchase_year, units, source FROM budget_inventory
             WHERE schulnummer = ?1 AND category = ?2 ORDER BY purchase_year",
        )
        .unwrap();
    st.query_map([nr, cat], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Sets a select's or input's value and fires `change` as a user's choice does.
fn choose(app: &WindowApp, css: &str, value: &str) {
    app.execute_script(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
         e.dispatchEvent(new Event('change', { bubbles: true })); return e.value;",
        vec![json!(css), json!(value)],
    );
}

fn value_of(app: &WindowApp, css: &str) -> String {
    app.execute_script(
        "return document.querySelector(arguments[0]).value;",
        vec![json!(css)],
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn import_snipeit_then_edit_a_cohort_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "inventory-window.db");
    let export = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds/inventory/snipeit.csv");
    let xlsx = dir.path().join("bestand.xlsx");
    let Some(app) = WindowApp::start(
        &db,
        &[
            ("SCHULIT_TEST_OPEN_PATH", export.to_str().unwrap()),
            ("SCHULIT_TEST_SAVE_PATH", xlsx.to_str().unwrap()),
        ],
    ) else {
        return;
    };
    app.wait_for("#nav-inventory");
    app.click_css("#nav-inventory");
    app.wait_for("#inventory-table tbody tr[data-key]");
    assert!(app.text_of("#inventory-totals").contains("Summe"));
    // Every cohort of the district, with the school column.
    let all: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM budget_inventory", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        app.find_all("#inventory-table tbody tr[data-key]").len() as i64,
        all
    );
    assert!(app.text_of("#inventory-table thead").contains("Schule"));
    app.screenshot("inventory-demo");
    let before_other = cohorts(&db, "103226", "student_tablet");
    assert!(!before_other.is_empty(), "the demo has tablets at 103226");

    // Import: detected source, header row and the mapping from the aliases.
    app.click_css("#inventory-import");
    app.wait_for("#invx-choose");
    app.click_css("#invx-choose");
    app.wait_until("Snipe-IT erkannt", |a| {
        a.text_of("#invx-detected").contains("Snipe-IT")
    });
    assert!(app.text_of("#invx-detected").contains("Zeile 1"));
    assert_eq!(value_of(&app, "#invx-map-school"), "Location");
    assert_eq!(value_of(&app, "#invx-map-category"), "Category");
    assert_eq!(value_of(&app, "#invx-map-date"), "Purchase Date");
    assert_eq!(value_of(&app, "#invx-map-status"), "Status Label");
    assert_eq!(value_of(&app, "#invx-map-units"), "");
    let check = app.text_of("#invx-check");
    assert!(
        check.contains("Bereit: 4 Geräte in 3 Kohorten an 2 Schulen")
            && check.contains("Übersprungen: 1 ausgemustert (Status)."),
        "{check}"
    );
    app.screenshot("inventory-import-preview");

    // A changed mapping is checked at once: the school from the asset name fails on row 2.
    choose(&app, "#invx-map-school", "Asset Name");
    app.wait_until("Fehler mit Zeile und Spalte", |a| {
        a.text_of("#invx-check").contains("Zeile 2")
    });
    let err = app.text_of("#invx-check");
    assert!(
        err.contains("snipeit.csv, Zeile 2, Spalte „Asset Name“")
            && err.contains("nicht im Schulregister"),
        "{err}"
    );
    // Without a status column the archived projector counts too.
    choose(&app, "#invx-map-school", "Location");
    choose(&app, "#invx-map-status", "");
    app.wait_until("5 Geräte", |a| {
        a.text_of("#invx-check").contains("Bereit: 5 Geräte")
    });
    choose(&app, "#invx-map-status", "Status Label");
    app.wait_until("4 Geräte", |a| {
        a.text_of("#invx-check").contains("Bereit: 4 Geräte")
    });

    app.click_css("#invx-do");
    app.wait_for("#invx-summary");
    assert_eq!(app.text_of("#invx-sum-devices .stat-value"), "4");
    assert_eq!(app.text_of("#invx-sum-cohorts .stat-value"), "3");
    assert_eq!(app.text_of("#invx-sum-schools .stat-value"), "2");
    assert_eq!(app.text_of("#invx-sum-skipped .stat-value"), "1");
    let replaced: i64 = app
        .text_of("#invx-sum-replaced .stat-value")
        .replace('.', "")
        .parse()
        .unwrap();
    assert!(
        replaced > 0,
        "the demo's cohorts of these pairs were replaced"
    );
    app.screenshot("inventory-import-summary");
    app.click_css("#invx-summary-ok");
    app.wait_gone("#invx-summary");

    // Stored: 100012 has 2 tablets of 2023 and 1 of 2021 from Snipe-IT; others unchanged.
    assert_eq!(
        cohorts(&db, "100012", "student_tablet"),
        vec![(2021, 1, "snipeit".into()), (2023, 2, "snipeit".into())]
    );
    assert_eq!(cohorts(&db, "103226", "student_tablet"), before_other);

    // The table shows them for the school.
    choose(&app, "#inventory-school", "100012");
    app.wait_until("Kohorten der Schule", |a| {
        !a.find_all("#inventory-table tbody tr[data-key]").is_empty()
            && !a.text_of("#inventory-table thead").contains("Schule")
    });
    let id: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM budget_inventory WHERE schulnummer='100012'
             AND category='student_tablet' AND purchase_year=2023",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let row = format!("#inventory-table tbody tr[data-key=\"{id}\"]");
    let text = app.text_of(&row);
    assert!(
        text.contains("Tablet") && text.contains("2023") && text.contains("Snipe-IT"),
        "{text}"
    );

    // Edit its units by hand: wrong input gets German messages next to the field.
    app.click_css(&format!("{row} td.inv-col-cat"));
    app.wait_for("#inventory-edit");
    assert_eq!(value_of(&app, "#inventory-f-units"), "2");
    app.set_value("#inventory-f-units", "zwei");
    app.click_css("#inventory-edit-save");
    app.wait_until("Ganzzahl-Meldung", |a| {
        a.text_of("#inventory-f-units-err") == "Bitte eine ganze Zahl eingeben."
    });
    app.set_value("#inventory-f-units", "-5");
    app.set_value("#inventory-f-purchase_year", "1985");
    app.click_css("#inventory-edit-save");
    app.wait_until("Meldungen des Kerns", |a| {
        a.text_of("#inventory-f-units-err")
            .contains("-5 ist keine plausible Stückzahl")
    });
    assert!(app
        .text_of("#inventory-f-purchase_year-err")
        .contains("1985 liegt nicht zwischen 1990 und"));
    app.screenshot("inventory-edit-errors");
    app.set_value("#inventory-f-purchase_year", "2023");
    app.set_value("#inventory-f-units", "25");
    app.click_css("#inventory-edit-save");
    app.wait_gone("#inventory-edit");
    app.wait_until("25 Stück in der Tabelle", |a| {
        a.text_of(&row).contains("25")
    });
    assert_eq!(
        cohorts(&db, "100012", "student_tablet"),
        vec![(2021, 1, "snipeit".into()), (2023, 25, "snipeit".into())]
    );
    assert_eq!(
        app.text_of("#inventory-total-units-student_tablet"),
        "26",
        "totals per category follow the edit"
    );
    app.screenshot("inventory-school");

    // XLSX export of the school's cohorts: real numbers.
    app.click_css("#inventory-export");
    app.wait_until("XLSX geschrieben", |_| xlsx.exists());
    std::thread::sleep(std::time::Duration::from_millis(300));
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let rows: Vec<_> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| *c == "Anschaffungsjahr"))
        .expect("header row");
    let col = |name: &str| rows[header].iter().position(|c| *c == name).unwrap();
    let (y, u) = (col("Anschaffungsjahr"), col("Anzahl"));
    let found = rows[header + 1..].iter().any(|r| {
        matches!(r[y], Data::Float(f) if f == 2023.0) && matches!(r[u], Data::Float(f) if f == 25.0)
    });
    assert!(found, "{rows:?}");
    // English, at the top of the screen (a screenshot for the look in both languages).
    app.click_css("#lang-en");
    app.wait_until("Inventory in English", |a| {
        a.text_of("#screen-inventory h1").trim() == "Inventory"
    });
    app.execute_script(
        "document.querySelector('.app-main').scrollTop = 0; return true;",
        vec![],
    );
    app.screenshot("inventory-en");
}

/// A list whose headers no alias knows: the dialog says so, offers the file's headers, and
/// imports once the user has mapped them. Then a cohort is added by hand and deleted again.
#[test]
fn map_unknown_headers_then_add_and_delete_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "inventory-mapping.db");
    let list = dir.path().join("eigene-liste.csv");
    std::fs::write(
        &list,
        "Geräteliste Schulträger, Stand Oktober\n\n\
         Einrichtung;Geräteklasse;Erworben;Stk\n\
         100012;Dokumentenkamera;2024;4\n\
         100012;Dokumentenkamera;2021;2\n",
    )
    .unwrap();
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_OPEN_PATH", list.to_str().unwrap())])
    else {
        return;
    };
    app.wait_for("#nav-inventory");
    app.click_css("#nav-inventory");
    app.wait_for("#inventory-table tbody tr[data-key]");
    app.click_css("#inventory-import");
    app.click_css("#invx-choose");
    app.wait_until("Hinweis auf fehlende Kopfzeile", |a| {
        a.text_of("#invx-detected")
            .contains("Keine bekannte Kopfzeile")
    });
    assert!(app.text_of("#invx-detected").contains("Zeile 3"));
    let err = app.text_of("#invx-check");
    assert!(
        err.contains("eigene-liste.csv: Keine Kopfzeile gefunden"),
        "{err}"
    );
    // Import without a mapping fails with the same message and stores nothing.
    app.click_css("#invx-do");
    app.wait_until("Fehler beim Import", |a| {
        a.text_of("#invx-error").contains("Keine Kopfzeile")
    });
    choose(&app, "#invx-map-school", "Einrichtung");
    choose(&app, "#invx-map-category", "Geräteklasse");
    choose(&app, "#invx-map-year", "Erworben");
    choose(&app, "#invx-map-units", "Stk");
    app.wait_until("Bereit nach der Zuordnung", |a| {
        a.text_of("#invx-check")
            .contains("Bereit: 6 Geräte in 2 Kohorten an 1 Schule.")
    });
    app.screenshot("inventory-import-mapped");
    app.click_css("#invx-do");
    app.wait_for("#invx-summary");
    assert_eq!(app.text_of("#invx-sum-devices .stat-value"), "6");
    app.click_css("#invx-summary-ok");
    app.wait_gone("#invx-summary");
    assert_eq!(
        cohorts(&db, "100012", "doc_camera"),
        vec![(2021, 2, "template".into()), (2024, 4, "template".into())]
    );

    // Add a cohort by hand for the selected school; a missing category is named at its field.
    choose(&app, "#inventory-school", "100012");
    app.wait_until("Schule gewählt", |a| {
        !a.text_of("#inventory-table thead").contains("Schule")
    });
    app.click_css("#inventory-add");
    app.wait_for("#inventory-edit");
    assert_eq!(value_of(&app, "#inventory-f-schulnummer"), "100012");
    app.set_value("#inventory-f-purchase_year", "2025");
    app.set_value("#inventory-f-units", "7");
    app.click_css("#inventory-edit-save");
    app.wait_until("Kategorie fehlt", |a| {
        a.text_of("#inventory-f-category-err") == "Bitte auswählen."
    });
    choose(&app, "#inventory-f-category", "server");
    app.click_css("#inventory-edit-save");
    app.wait_gone("#inventory-edit");
    app.wait_until("neue Kohorte", |a| {
        a.text_of("#inventory-total-units-server") == "7"
    });
    assert_eq!(
        cohorts(&db, "100012", "server"),
        vec![(2025, 7, "manual".into())]
    );
    let id: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT id FROM budget_inventory WHERE schulnummer='100012' AND category='server'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    app.click_css(&format!(
        "#inventory-table tbody tr[data-key=\"{id}\"] td.inv-col-cat"
    ));
    app.wait_for("#inventory-edit-delete");
    app.click_css("#inventory-edit-delete");
    app.wait_for("#dlg-confirm");
    app.click_css("#dlg-confirm");
    app.wait_gone("#inventory-edit");
    app.wait_until("Kohorte gelöscht", |a| {
        a.try_find(&format!("#inventory-table tbody tr[data-key=\"{id}\"]"))
            .is_none()
    });
    assert!(cohorts(&db, "100012", "server").is_empty());
}
