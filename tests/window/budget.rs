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
    app.execute_script(
        "document.querySelector('.app-main').scrollTop = 0; return true;",
        vec![],
    );
    app.screenshot("budget-en");
}
