//! The real window: the budget plan's assumptions on the demo district (scenario „Basis“, plan
//! 2027–2036). A funding programme added in the dialog (amount typed the German way, a wrong
//! period refused with the core's German message next to the form) raises the funding and
//! lowers the gap; a cap on the municipal need in 2027 makes deferrals appear; pupils entered
//! for one school and year change its plan. Every change is checked in the SQLite file.
//! Screenshots (1366×768): target/screenshots/budget-assumptions-*.png.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

fn one(db: &std::path::Path, sql: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Text(s) => s,
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Null => "NULL".into(),
            rusqlite::types::Value::Real(f) => f.to_string(),
            other => format!("{other:?}"),
        })
        .unwrap()
}

/// "1.234.567,89 €" → 1234567.89
fn euros(s: &str) -> f64 {
    s.trim_end_matches('€')
        .trim()
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("kein Euro-Betrag: {s}"))
}

/// A screenshot without the toasts (bottom right) that would hide part of the screen.
fn shot(app: &WindowApp, name: &str) {
    app.execute_script(
        "document.querySelectorAll('.toast').forEach(t => t.remove());",
        vec![],
    );
    app.screenshot(name);
}

/// Scrolls `css` to the top once the charts (images that load after the screen is drawn, which
/// moves everything below them) are loaded.
fn scroll_to(app: &WindowApp, css: &str) {
    app.wait_until("Diagramme geladen", |a| {
        a.execute_script(
            "return [...document.querySelectorAll('#budget-body img')].every(i => i.complete);",
            vec![],
        )
        .as_bool()
            == Some(true)
    });
    app.execute_script(
        "document.querySelector(arguments[0]).scrollIntoView({block: 'start'});",
        vec![serde_json::json!(css)],
    );
}

#[test]
fn funding_cap_and_pupils_change_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "budget-assumptions.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-budget");
    app.wait_for("#budget-funded");
    app.wait_for("#bf-table");
    let basis = "(SELECT id FROM budget_scenarios WHERE name = 'Basis')";
    let n_sources = |db: &std::path::Path| {
        one(
            db,
            &format!("SELECT COUNT(*) FROM budget_funding WHERE scenario_id = {basis}"),
        )
    };
    assert_eq!(n_sources(&db), "2");
    assert_eq!(app.find_all("#bf-table tbody tr").len(), 2);
    let funded_before = euros(&app.text_of("#budget-funded"));
    let gap_before = euros(&app.text_of("#budget-gap"));
    scroll_to(&app, "#budget-funding");
    shot(&app, "budget-assumptions-funding");

    // A new programme 2029–2030 (the demo has none in 2029). First a wrong amount, then a
    // period that ends before it starts: both refused in German, nothing stored.
    app.click_css("#bf-add");
    app.wait_for("#bf-dialog");
    app.set_value("#bf-name", "Landesprogramm Medien (Test)");
    app.set_value("#bf-amount", "1.000.000,5x");
    app.set_value("#bf-start", "2029");
    app.set_value("#bf-end", "2028");
    app.click_css("#bf-save");
    app.wait_until("Fehler Betrag", |a| {
        a.text_of("#bf-error").contains("kein Euro-Betrag")
    });
    assert!(app
        .text_of("#bf-error")
        .starts_with("Betrag (€): „1.000.000,5x“"));
    app.set_value("#bf-amount", "1.000.000,55");
    app.click_css("#bf-save");
    app.wait_until("Fehler Laufzeit vom Kern", |a| {
        a.text_of("#bf-error").contains("Laufzeit")
    });
    let err = app.text_of("#bf-error");
    assert!(
        err.contains("Landesprogramm Medien (Test)") && err.contains("2029–2028"),
        "{err}"
    );
    // The fields the core named are marked.
    for css in ["#bf-start", "#bf-end"] {
        assert_eq!(
            app.execute_script(
                "return document.querySelector(arguments[0]).getAttribute('aria-invalid');",
                vec![serde_json::json!(css)],
            )
            .as_str(),
            Some("true"),
            "{css}"
        );
    }
    shot(&app, "budget-assumptions-funding-error");
    assert_eq!(n_sources(&db), "2");

    app.set_value("#bf-end", "2030");
    // Restmittel: unused money of 2029 stays available in 2030.
    app.click_css("#bf-carry-over");
    app.click_css("#bf-save");
    app.wait_gone("#bf-dialog");
    app.wait_until("Förderung neu berechnet", |a| {
        euros(&a.text_of("#budget-funded")) != funded_before
    });
    let funded_after = euros(&app.text_of("#budget-funded"));
    let gap_after = euros(&app.text_of("#budget-gap"));
    assert!(
        funded_after > funded_before + 1_000_000.0,
        "{funded_before} → {funded_after}"
    );
    assert!(gap_after < gap_before, "{gap_before} → {gap_after}");
    assert_eq!(n_sources(&db), "3");
    assert_eq!(
        one(
            &db,
            "SELECT amount_cents || ' ' || mode || ' ' || start_year || '-' || end_year || ' ' || pays_running || ' ' || carry_over || ' ' || categories
             FROM budget_funding WHERE name = 'Landesprogramm Medien (Test)'"
        ),
        "100000055 per_year 2029-2030 0 1 "
    );
    let row = app.execute_script(
        "const tr = [...document.querySelectorAll('#bf-table tbody tr')]\
           .find(tr => tr.textContent.includes('Landesprogramm Medien (Test)'));\
         return tr ? tr.textContent : null;",
        vec![],
    );
    let row = row.as_str().expect("new programme listed").to_string();
    assert!(row.contains("1.000.000,55 € je Jahr (2029–2030)"), "{row}");
    assert!(
        row.contains("nicht verbrauchte Mittel werden in spätere Jahre der Laufzeit übertragen"),
        "{row}"
    );
    // Its period ends inside the plan: what it did not pay out lapses (2 × amount − funded).
    let cells = app.execute_script(
        "const tr = [...document.querySelectorAll('#bf-table tbody tr')]\
           .find(tr => tr.textContent.includes('Landesprogramm Medien (Test)'));\
         return [tr.cells[3].textContent, tr.querySelector('.bf-lapsed').textContent];",
        vec![],
    );
    let (paid, lapsed) = (
        euros(cells[0].as_str().unwrap()),
        euros(cells[1].as_str().unwrap()),
    );
    assert!(
        (lapsed - (2.0 * 1_000_000.55 - paid)).abs() < 0.005,
        "paid {paid}, lapsed {lapsed}"
    );

    // A cap on the municipal need in 2027: purchases are deferred and listed with reasons.
    assert!(
        app.text_of("#budget-deferrals h2").contains("(0)"),
        "no deferrals without a cap"
    );
    app.set_value("#bm-cap-2027", "1.000.000,00");
    // 0 € is an entry; a year with both fields empty is none ("no budget entered").
    assert_eq!(
        one(
            &db,
            &format!(
                "SELECT COUNT(*) FROM budget_municipal WHERE scenario_id = {basis} AND year = 2030"
            )
        ),
        "1",
        "the demo has a budget for 2030"
    );
    app.set_value("#bm-budget-2029", "0");
    app.set_value("#bm-budget-2030", "");
    app.set_value("#bm-cap-2030", "");
    app.click_css("#bm-save");
    app.wait_until("Verschiebungen erscheinen", |a| {
        !a.text_of("#budget-deferrals h2").contains("(0)")
    });
    assert_eq!(
        one(
            &db,
            &format!(
                "SELECT cap_cents FROM budget_municipal WHERE scenario_id = {basis} AND year = 2027"
            )
        ),
        "100000000"
    );
    let municipal = |y: i32| {
        one(
            &db,
            &format!(
                "SELECT COUNT(*) || ' ' || IFNULL(MAX(budget_cents), 'NULL') FROM budget_municipal WHERE scenario_id = {basis} AND year = {y}"
            ),
        )
    };
    assert_eq!(municipal(2029), "1 0");
    assert_eq!(municipal(2030), "0 NULL", "an empty year has no row");
    assert_eq!(
        app.property(&app.find("#bm-budget-2030"), "value").as_str(),
        Some(""),
        "shown empty again, not as 0 €"
    );
    assert_eq!(
        app.property(&app.find("#bm-budget-2029"), "value").as_str(),
        Some("0,00")
    );
    // The year table tells "no budget entered" from 0 €.
    let budget_cell = |y: i32| {
        app.execute_script(
            "return document.querySelector(`#budget-years tr[data-year='${arguments[0]}'] td:nth-child(7)`).textContent;",
            vec![serde_json::json!(y)],
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    assert_eq!(budget_cell(2030), "–");
    assert!(
        budget_cell(2029).starts_with("0,00"),
        "{}",
        budget_cell(2029)
    );
    let deferred_2027 = app.text_of("#bm-table tr[data-year='2027'] td:last-child");
    assert!(euros(&deferred_2027) > 0.0, "{deferred_2027}");
    assert_eq!(
        app.property(&app.find("#bm-cap-2027"), "value").as_str(),
        Some("1.000.000,00")
    );
    scroll_to(&app, "#budget-municipal-cap");
    shot(&app, "budget-assumptions-municipal");

    // Pupils of one school: a wrong figure gets the core's message; then 2028 doubled.
    app.execute_script(
        "const s = document.querySelector('#bp-school'); s.value = s.options[1].value;\
         s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    );
    app.wait_for("#bp-table");
    let nr = app
        .execute_script(
            "return document.querySelector('#budget-school').value;",
            vec![],
        )
        .as_str()
        .unwrap()
        .to_string();
    let total_school = app.text_of("#budget-total");
    app.set_value("#bp-pupils-2028", "30000");
    app.click_css("#bp-save");
    app.wait_until("Fehler Schülerzahl", |a| {
        a.text_of("#bp-error").contains("nicht plausibel")
    });
    assert!(app.text_of("#bp-error").contains("Schülerzahl 2028"));
    let grown = app.text_of("#bp-table tr[data-year='2028'] td:nth-child(2)");
    let doubled = (euros(&grown) * 2.0).round() as i64;
    app.set_value("#bp-pupils-2028", &doubled.to_string());
    app.click_css("#bp-save");
    app.wait_until("Plan der Schule neu berechnet", |a| {
        a.text_of("#budget-total") != total_school
    });
    assert_eq!(
        one(
            &db,
            &format!(
                "SELECT pupils FROM budget_pupil_forecast WHERE schulnummer = '{nr}' AND year = 2028"
            )
        ),
        doubled.to_string()
    );
    assert!(euros(&app.text_of("#budget-total")) > euros(&total_school));
    scroll_to(&app, "#budget-pupils");
    shot(&app, "budget-assumptions-pupils");

    // The dialog of an existing programme shows every field as stored.
    let id = one(
        &db,
        "SELECT id FROM budget_funding WHERE name = 'DigitalPakt-artiges Programm (Demo)'",
    );
    scroll_to(&app, "#budget-funding");
    app.click_css(&format!("#bf-edit-{id}"));
    app.wait_for("#bf-dialog");
    assert_eq!(
        app.property(&app.find("#bf-per-pupil-cap"), "value")
            .as_str(),
        Some("300,00")
    );
    assert_eq!(
        app.property(&app.find("#bf-mobile-cents"), "value")
            .as_str(),
        Some("25.000,00")
    );
    assert_eq!(
        app.property(&app.find("#bf-cofunding"), "value").as_str(),
        Some("10")
    );
    shot(&app, "budget-assumptions-funding-dialog");
    app.keys("\u{E00C}");
    app.wait_gone("#bf-dialog");

    // Deleting the new programme (after the question) takes its money out of the district's
    // plan again.
    app.execute_script(
        "const s = document.querySelector('#budget-school'); s.value = '';\
         s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    );
    app.wait_for("#budget-gap");
    let funded_with = app.text_of("#budget-funded");
    let new_id = one(
        &db,
        "SELECT id FROM budget_funding WHERE name = 'Landesprogramm Medien (Test)'",
    );
    app.click_css(&format!("#bf-delete-{new_id}"));
    app.wait_for("#dlg-confirm");
    app.click_css("#dlg-confirm");
    app.wait_until("Programm gelöscht", |a| {
        a.text_of("#budget-funded") != funded_with
    });
    assert_eq!(n_sources(&db), "2");
    assert!(app.try_find(&format!("#bf-delete-{new_id}")).is_none());
}

/// Scenario settings: a price escalation of 0 % lowers the total (the demo plans with 2 %), an
/// end before the start is refused with the core's German message (nothing stored), a name that
/// another scenario has is refused, and the Sozialindex weights are stored as typed.
#[test]
fn scenario_settings_change_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "budget-scenario.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-budget");
    app.wait_for("#bs-save");
    let esc_before = one(
        &db,
        "SELECT escalation_pct FROM budget_scenarios WHERE name = 'Basis'",
    );
    assert_ne!(esc_before, "0");
    let total_before = euros(&app.text_of("#budget-total"));
    scroll_to(&app, "#budget-scenario-settings");
    shot(&app, "budget-scenario-settings");

    // End before start: the core refuses, nothing changes.
    app.set_value("#bs-to", "2020");
    app.click_css("#bs-save");
    app.wait_until("Fehler Zeitraum", |a| {
        a.text_of("#bs-error").contains("Planungszeitraum")
    });
    assert_eq!(
        one(
            &db,
            "SELECT to_year FROM budget_scenarios WHERE name = 'Basis'"
        ),
        "2036"
    );
    // Another scenario's name is refused in German.
    let other = one(
        &db,
        "SELECT name FROM budget_scenarios WHERE name <> 'Basis' LIMIT 1",
    );
    app.set_value("#bs-to", "2036");
    app.set_value("#bs-name", &other);
    app.click_css("#bs-save");
    app.wait_until("Fehler Name", |a| {
        a.text_of("#bs-error").contains("gibt es schon")
    });

    // 0 % escalation and new weights: stored, the plan is recomputed and cheaper.
    app.set_value("#bs-name", "Basis");
    app.set_value("#bs-escalation", "0");
    app.set_value("#bs-weight-9", "12,5");
    app.click_css("#bs-save");
    app.wait_until("Plan neu berechnet", |a| {
        euros(&a.text_of("#budget-total")) < total_before
    });
    assert_eq!(
        one(
            &db,
            "SELECT escalation_pct FROM budget_scenarios WHERE name = 'Basis'"
        ),
        "0"
    );
    let weights = one(
        &db,
        "SELECT weights FROM budget_scenarios WHERE name = 'Basis'",
    );
    let w: serde_json::Value = serde_json::from_str(&weights).unwrap();
    assert_eq!(w["levels"][8].as_f64(), Some(12.5), "{weights}");
}
