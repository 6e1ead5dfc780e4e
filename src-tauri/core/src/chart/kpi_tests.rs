use super::*;
use crate::chart::{export, ChartFormat};

#[test]
fn kpi_charts_of_the_demo_render() {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::fill_demo(&mut s).unwrap();
    let first = crate::schools::list_schools(s.conn()).unwrap()[3]
        .schulnummer
        .clone();
    let p = ChartParams {
        school: Some(first),
        year: None,
    };
    let out = std::env::var_os("SCHULIT_CHART_OUT").map(std::path::PathBuf::from);
    for def in charts() {
        let chart = (def.build)(&s, &p).unwrap();
        let png = export(&chart, ChartFormat::PngScreen).unwrap();
        assert!(png.len() > 1000, "{}", def.name);
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{}.png", def.name)), png).unwrap();
        }
    }
}

#[test]
fn english_charts_have_no_german_words() {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::fill_demo(&mut s).unwrap();
    let first = crate::schools::list_schools(s.conn()).unwrap()[3]
        .schulnummer
        .clone();
    let d = build_dashboard(
        s.conn(),
        &DashboardRequest {
            school: Some(first),
            ..Default::default()
        },
    )
    .unwrap();
    let charts = [
        ranking_in(&d, RankMetric::TtrMedian, true),
        ranking_in(&d, RankMetric::SlaResolution, true),
        trend_in(&d, true),
        band_in(&d, true),
        heatmap_in(&d, HeatValue::Tickets, true),
        devices_scatter_in(&d, true),
    ];
    let mut all = String::new();
    for c in &charts {
        let m = &c.meta;
        all.push_str(&format!(
            "{} | {} | {} | {} | {}\n",
            m.title,
            m.subtitle(),
            m.source_line(),
            m.definition.clone().unwrap_or_default(),
            m.notes.join(" ")
        ));
    }
    assert!(all.contains("Resolution time per school (median)"), "{all}");
    assert!(all.contains("Source: demo tickets (sample data)"), "{all}");
    assert!(
        all.contains("Definition") || all.contains("Business time"),
        "{all}"
    );
    for german in [
        "Lösung",
        "Schulträger",
        "Quelle",
        "Stichtag",
        "Geräte",
        "Geschäfts",
        "Beispieldaten",
        "Zeitraum",
        "Schulen",
    ] {
        assert!(!all.contains(german), "{german} in {all}");
    }
    // The registry (reports) stays German.
    assert!(ranking(&d, RankMetric::TtrMedian)
        .meta
        .title
        .starts_with("Lösungszeit"));
    let svg = heatmap_in(&d, HeatValue::Tickets, true)
        .svg(crate::chart::Size::SCREEN)
        .unwrap();
    assert!(!svg.contains("keine Daten") && !svg.contains("niedrig"));
}
