//! The real window: the Support-Kennzahlen screen of the demo district shows the district
//! figures, the ranking chart, the KPI table with n and small-n flags and the definitions;
//! switching to calendar time recomputes. Screenshot: target/screenshots/kpi-screen.png.

use crate::common::webdriver::WindowApp;

#[test]
fn kpi_screen_of_the_demo_district() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "kpi-window.db");
    let out = dir.path().join("kennzahlen.xlsx");
    let Some(app) = WindowApp::start(&db, &[("SCHULIT_TEST_SAVE_PATH", out.to_str().unwrap())])
    else {
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

    // The figures of these filters (calendar time) as XLSX: five sheets, the schools' rows and
    // the district's ticket count as the screen shows them.
    app.click_css("#kpi-export");
    app.wait_until("XLSX geschrieben", |_| {
        out.exists()
            && std::fs::metadata(&out)
                .map(|m| m.len() > 1000)
                .unwrap_or(false)
    });
    use calamine::{DataType, Reader};
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), 5, "{names:?}");
    let district = wb.worksheet_range(&names[0]).unwrap();
    let cells: Vec<Vec<calamine::Data>> = district.rows().map(|r| r.to_vec()).collect();
    let header = cells
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| *c == calamine::Data::String("Tickets".into()))
        })
        .expect("header row");
    let col = cells[header]
        .iter()
        .position(|c| *c == calamine::Data::String("Tickets".into()))
        .unwrap();
    assert!(
        cells[header]
            .iter()
            .any(|c| c.to_string().contains("Kalenderminuten")),
        "{:?}",
        cells[header]
    );
    let tickets = cells[header + 1][col].as_f64().unwrap() as i64;
    let stats = app.text_of("#kpi-stats");
    let shown = format!("Tickets\n{}", tickets);
    assert!(
        stats.replace('.', "").contains(&shown),
        "{tickets} not in {stats:?}"
    );
    let schools = wb.worksheet_range(&names[1]).unwrap();
    assert!(schools.height() > 44, "{} rows", schools.height());
}
