//! End-to-end test of the real window: the budget plan of the demo district. Editing a standard
//! (tablets 1:1 from grade 5 → 1 per 2 pupils) recomputes the plan and redraws the chart, and the
//! change is stored in the plan file.

use crate::common::webdriver::WindowApp;
use rusqlite::Connection;

#[test]
fn edit_a_standard_and_see_plan_and_chart_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "demo-budget.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.click_css("#nav-budget");
    app.wait_for("#budget-total");
    app.wait_for("#budget-chart-cost");
    let total_before = app.text_of("#budget-total");
    assert!(total_before.ends_with('€'), "{total_before}");
    let chart_sum = |a: &WindowApp| {
        a.execute_script(
            "return document.querySelector('#budget-chart-cost').dataset.svgSum;",
            vec![],
        )
    };
    let chart_before = chart_sum(&app);
    app.screenshot("budget-before");

    // The rule "1 per pupil, grades 5–13" for student tablets.
    let id = app.execute_script(
        "const tr = [...document.querySelectorAll('#budget-rules tr[data-rule-id]')]\
           .find(tr => tr.textContent.includes('Jg. 5–13') && tr.textContent.includes('Tablet'));\
         return tr ? tr.dataset.ruleId : null;",
        vec![],
    );
    let id = id
        .as_str()
        .expect("tablet rule for grades 5–13 shown")
        .to_string();
    app.set_value(&format!("#budget-rule-{id}-per"), "2");
    app.click_css(&format!("#budget-rule-{id}-apply"));
    app.wait_until("Plan neu berechnet", |a| {
        a.text_of("#budget-total") != total_before
    });
    let total_after = app.text_of("#budget-total");
    assert_ne!(
        chart_sum(&app),
        chart_before,
        "the chart was redrawn with other data"
    );
    // Fewer tablets: the plan costs less.
    let euros = |s: &str| -> f64 {
        s.trim_end_matches('€')
            .trim()
            .replace('.', "")
            .replace(',', ".")
            .parse()
            .unwrap()
    };
    assert!(
        euros(&total_after) < euros(&total_before),
        "{total_before} → {total_after}"
    );
    app.execute_script(
        "document.querySelector('#budget-charts').scrollIntoView();",
        vec![],
    );
    app.screenshot("budget-after-edit");

    // Stored in the plan file.
    let per: f64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT per FROM budget_rules WHERE id = ?1",
            [id.parse::<i64>().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(per, 2.0);
    // English, at the top of the screen (a screenshot for the look in both languages).
    app.click_css("#lang-en");
    app.wait_until("Equipment & budget in English", |a| {
        a.text_of("#screen-budget h1").trim() == "Equipment & budget"
    });
    // The charts come from the core in English: the image shown is the SVG the command gives
    // for language "en", whose title is English.
    app.wait_for("#budget-chart-cost");
    let en_svg = app.execute_async(
        "const done = arguments[arguments.length - 1];\
         const sum = (svg) => { let s = 0; for (let i = 0; i < svg.length; i += 1) s = (s * 31 + svg.charCodeAt(i)) % 1000000007; return String(s); };\
         window.__TAURI__.core.invoke('budget_screen', { scenario: null, school: null, language: 'en' })\
           .then((r) => done([sum(r.chart_cost_svg), r.chart_cost_svg.includes('Cost per year by category'),\
                              r.chart_cost_svg.includes('Kosten je Jahr'), r.chart_funding_svg.includes('total need')]))\
           .catch((e) => done(String(e)));",
        vec![],
    );
    assert_eq!(en_svg[1], true, "{en_svg}");
    assert_eq!(en_svg[2], false, "{en_svg}");
    assert_eq!(en_svg[3], true, "{en_svg}");
    app.wait_until("English chart shown", |a| chart_sum(a) == en_svg[0]);
    // The programme-end warning is English (amounts stay in German format).
    let cliffs = app.text_of("#budget-cliffs");
    assert!(
        cliffs.contains("Programme ends")
            && cliffs.contains(" ends ")
            && cliffs.contains("municipal share"),
        "{cliffs}"
    );
    assert!(
        !cliffs.contains("endet") && !cliffs.contains("Förderung"),
        "{cliffs}"
    );
    // The toast of the edit above was given in German; the screenshot shows the screen without it.
    app.wait_gone(".toast");
    app.execute_script(
        "document.querySelector('.app-main').scrollTop = 0; return true;",
        vec![],
    );
    app.screenshot("budget-en");
}
