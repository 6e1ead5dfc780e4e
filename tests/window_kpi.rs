//! The real window: the Support-Kennzahlen screen of the demo district shows the district
//! figures, the ranking chart, the KPI table with n and small-n flags and the definitions;
//! switching to calendar time recomputes. Screenshot: target/screenshots/kpi-screen.png.

mod common;

use common::webdriver::WindowApp;

#[test]
fn kpi_screen_of_the_demo_district() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_plan(dir.path(), "kpi-window.db");
    let Some(app) = WindowApp::start(&db, &[]) else {
        return;
    };
    app.wait_for("#nav-kpi");
    app.click_css("#nav-kpi");
    app.wait_for("#kpi-table");
    app.wait_for("#kpi-chart-ranking");
    let stats = app.text_of("#kpi-stats");
    assert!(stats.contains("Tickets"), "{stats}");
    let rows = app.find_all("#kpi-table tbody tr");
    assert_eq!(rows.len(), 44);
    assert!(app.text_of("#kpi-definitions").contains("PERCENTILE.INC"));
    assert!(app.text_of("#kpi-period").contains("Geschäftszeit"));
    app.screenshot("kpi-screen");

    app.execute_script(
        "const s = document.querySelector('#kpi-clock'); s.value = 'calendar'; return true;",
        vec![],
    );
    app.click_css("#kpi-apply");
    app.wait_until("Kalenderzeit", |a| {
        a.text_of("#kpi-period").contains("Kalenderzeit")
    });
    app.wait_for("#kpi-import");
}
