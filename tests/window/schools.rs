//! End-to-end test of the real window (Xvfb + tauri-driver + WebKitWebDriver): the school
//! register on the demo district — list, sort/filter, edit through the form, and the change
//! checked in the SQLite file itself.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

/// A school's user fields as stored: teachers, rooms, notes, (grade, pupils).
type Stored = (Option<i64>, Option<i64>, String, Vec<(i64, i64)>);

/// Reads one school's user fields straight from the plan file.
fn stored(db: &std::path::Path, nr: &str) -> Stored {
    let c = Connection::open(db).unwrap();
    let (teachers, rooms, notes) = c
        .query_row(
            "SELECT teachers, rooms, notes FROM schools WHERE schulnummer = ?1",
            [nr],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut st = c
        .prepare("SELECT grade, pupils FROM school_grades WHERE schulnummer = ?1 ORDER BY grade")
        .unwrap();
    let grades = st
        .query_map([nr], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (teachers, rooms, notes, grades)
}

#[test]
fn school_list_edit_and_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "demo-window.db");
    // Independent count of the demo schools: the embedded extract lists 44 schools of
    // Krfr. Stadt Leverkusen (checked against the NRW directory file in the core tests).
    let expected: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM schools", [], |r| r.get(0))
        .unwrap();
    assert_eq!(expected, 44);

    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.wait_for("#schools-table tbody tr[data-schulnummer]");
    let rows = app.find_all("#schools-table tbody tr[data-schulnummer]");
    assert_eq!(rows.len(), 44, "the list shows every demo school");
    let badge = app.text_of("#demo-badge");
    assert_eq!(badge, "Demo-Daten");
    assert!(app.text_of("#schools-attribution").contains("dl-de/by-2-0"));
    app.screenshot("schools-list");

    // The window formats numbers exactly as the core does for CLI, PDF and XLSX (halves away
    // from zero on 15 significant digits), including the cases where plain Intl would differ.
    let cases: Vec<(f64, usize)> = vec![
        (5.25, 1),
        (-5.25, 1),
        (1.005, 2),
        (2.5, 0),
        (0.044999, 2),
        (999.95, 1),
        (-0.004, 2),
        (1_234_567.891, 2),
        (87.5, 1),
    ];
    let js = app.execute_async(
        "const done = arguments[arguments.length - 1]; const cases = arguments[0];
         import('./js/format.js').then(m => done(cases.map(([n, d]) => m.number(n, d))))
           .catch(e => done('ERR ' + e));",
        vec![serde_json::json!(cases)],
    );
    let core: Vec<String> = cases
        .iter()
        .map(|&(n, d)| schulit_core::format::format_decimal(n, d))
        .collect();
    assert_eq!(js, serde_json::json!(core), "window and core format alike");

    // Charts are laid out with the core's embedded font; the window draws their SVG text with
    // an installed font of the same metrics, or labels would run into each other.
    let sample = "Städt. Gem. Grundschule, Leverkusen-Schlebusch 10,2 h";
    let w = app.execute_script(
        "const c = document.createElement('canvas').getContext('2d');
         c.font = '16px \"Liberation Sans\", Arial, Helvetica, sans-serif';
         return c.measureText(arguments[0]).width;",
        vec![serde_json::json!(sample)],
    );
    let window_w = w.as_f64().expect("a width");
    let core_w = schulit_core::chart::font::text_width(
        sample,
        16.0,
        schulit_core::chart::font::Weight::Regular,
    );
    assert!(
        (window_w - core_w).abs() <= core_w * 0.01,
        "chart text is {window_w:.1} px wide in the window, {core_w:.1} px in the layout (install fonts-liberation2)"
    );

    // Filter narrows the list.
    app.set_value("#schools-filter", "Gymnasium");
    app.wait_until("Filter wirkt", |a| {
        a.find_all("#schools-table tbody tr[data-schulnummer]")
            .len()
            < 44
    });
    app.set_value("#schools-filter", "");
    app.wait_until("alle Schulen wieder sichtbar", |a| {
        a.find_all("#schools-table tbody tr[data-schulnummer]")
            .len()
            == 44
    });

    // Sorting by Sozialindex, descending: highest first, schools without an index last.
    app.click_css("#sort-sozialindex");
    app.click_css("#sort-sozialindex");
    let si: Vec<String> = app
        .execute_script(
            "return [...document.querySelectorAll('#schools-table tbody td.col-si')].map((c) => c.innerText.trim());",
            vec![],
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    let c = Connection::open(&db).unwrap();
    let max: i64 = c
        .query_row("SELECT max(sozialindex) FROM schools", [], |r| r.get(0))
        .unwrap();
    let without: usize = c
        .query_row(
            "SELECT count(*) FROM schools WHERE sozialindex IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    assert!(
        without > 0,
        "the demo has schools without a Sozialindex (Berufskollegs)"
    );
    assert_eq!(si[0], max.to_string());
    assert!(si[si.len() - without..].iter().all(|s| s == "–"), "{si:?}");
    app.click_css("#sort-schulnummer");

    // Keyboard: a focused row opens with Enter, Escape closes the form again.
    app.execute_script(
        "document.querySelector('#schools-table tbody tr[data-schulnummer]').focus();",
        vec![],
    );
    app.keys("\u{E007}");
    app.wait_for("#school-editor");
    app.keys("\u{E00C}");
    app.wait_gone("#school-editor");

    // Open the first school (sorted by Schulnummer) and change teachers, rooms, notes, grades.
    let first = app.find("#schools-table tbody tr[data-schulnummer]");
    let nr = app
        .execute_script(
            "return arguments[0].dataset.schulnummer;",
            vec![first.to_json()],
        )
        .as_str()
        .unwrap()
        .to_string();
    let before = stored(&db, &nr);
    app.click(&app.find(&format!(
        "#schools-table tr[data-schulnummer='{nr}'] td.col-name"
    )));
    app.wait_for("#school-editor #f-teachers");
    app.set_value("#f-teachers", "57");
    app.set_value("#f-rooms", "1.234");
    app.set_value("#f-notes", "Geändert im Fenstertest");
    app.set_value("#f-grade-5", "101");
    app.set_value("#f-grade-6", "99");
    app.screenshot("school-edit-form");
    app.click_css("#edit-save");
    app.wait_gone("#school-editor");

    let after = stored(&db, &nr);
    assert_ne!(before.0, Some(57));
    assert_eq!(after.0, Some(57), "teachers stored");
    assert_eq!(after.1, Some(1234), "German thousands separator parsed");
    assert_eq!(after.2, "Geändert im Fenstertest");
    assert_eq!(after.3, vec![(5, 101), (6, 99)]);
    // The list shows the per-grade sum (101 + 99 = 200) as the school's pupils.
    let cell = format!("#schools-table tr[data-schulnummer='{nr}'] .col-pupils");
    app.wait_until("Schülerzahl 200 in der Liste", |a| {
        a.text_of(&cell) == "200"
    });
}

/// The shared widgets other screens build on, in the real WebView (with its strict CSP).
#[test]
fn widgets_sort_german_and_show_svg_as_image() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "widgets.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    let script = r##"
        const done = arguments[arguments.length - 1];
        import('./js/widgets.js').then((w) => {
          const t = w.sortableTable({
            id: 'probe-table',
            columns: [
              { key: 'name', label: 'Name' },
              { key: 'n', label: 'Zahl', numeric: true },
            ],
            rows: [{ name: 'Zülpich', n: 10 }, { name: 'Aachen', n: null }, { name: 'Öhringen', n: 2 }],
            rowKey: (r) => r.name,
            sort: { key: 'name', dir: 1 },
          });
          document.body.appendChild(t.el);
          const order = () => [...document.querySelectorAll('#probe-table tbody tr')].map((r) => r.dataset.key).join(',');
          const byName = order();
          document.querySelector('#probe-table button[data-sort-key="n"]').click();
          const byNumber = order();
          document.querySelector('#probe-table button[data-sort-key="n"]').click();
          const byNumberDesc = order();
          const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#1f5fae"/></svg>';
          const img = w.svgImage(svg, 'Probe');
          img.el.onload = () => done([byName, byNumber, byNumberDesc, img.el.naturalWidth, img.el.naturalHeight].join('|'));
          img.el.onerror = () => done('svg image blocked');
          document.body.appendChild(img.el);
        }).catch((e) => done('import failed: ' + e));
    "##;
    let v = app.execute_async(script, vec![]);
    // German order: Aachen, Öhringen (Ö sorts as O), Zülpich; numbers ascending with the
    // empty value last; descending keeps the empty value last as well.
    assert_eq!(
        v.as_str().unwrap_or_default(),
        "Aachen,Öhringen,Zülpich|Öhringen,Zülpich,Aachen|Zülpich,Öhringen,Aachen|40|30"
    );
}
