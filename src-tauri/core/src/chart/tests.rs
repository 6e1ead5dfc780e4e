//! Renders every chart kind and every registered chart of the demo district in all formats.
//! Set `SCHULIT_CHART_OUT=/some/dir` to keep the files for looking at them.

use super::*;
use crate::demo::fill_demo;

fn out_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("SCHULIT_CHART_OUT").map(std::path::PathBuf::from)
}

fn months() -> Vec<String> {
    [
        "11/25", "12/25", "01/26", "02/26", "03/26", "04/26", "05/26", "06/26", "07/26", "08/26",
        "09/26", "10/26",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// One example per kind with realistic labels.
pub(crate) fn gallery() -> Vec<(&'static str, Chart)> {
    let meta = |t: &str| {
        ChartMeta::new(t)
            .period("01.11.2025–31.10.2026")
            .n(1234, "Tickets")
            .source("Ticket-Export Zammad (Beispieldaten)")
            .imported("24.11.2026")
    };
    let schools = [
        "GGS Am Stadtpark",
        "Städt. Gymnasium Lise-Meitner-Schule",
        "KGS Herzogstraße",
        "Realschule Am Stadtpark",
        "Gesamtschule Schlebusch",
        "GGS Regenbogenschule",
        "Berufskolleg Opladen",
        "Förderschule Hugo Kükelhaus",
    ];
    let vals = [4.2, 7.9, 3.1, 5.5, 6.8, 2.4, 9.6, 5.1];
    let ranking = Ranking::new(
        schools
            .iter()
            .zip(vals)
            .enumerate()
            .map(|(i, (s, v))| RankItem::new(*s, v).n(40 + i as u64 * 37).highlight(i == 3))
            .collect(),
        ValueFormat::Decimal(1),
        "Tickets je 100 Schülerinnen und Schüler",
    )
    .with_median("Median Bezirk")
    .with_target(RefLine::new("Ziel", 5.0));
    let years: Vec<String> = (2027..=2031).map(|y| y.to_string()).collect();
    let stacked = StackedBars::new(
        years.clone(),
        vec![
            Series::new(
                "Endgeräte Schüler",
                vec![412_000.0, 380_500.0, 455_000.0, 120_000.0, 398_000.0],
            ),
            Series::new(
                "Lehrkräfte-Geräte",
                vec![95_000.0, 20_000.0, 15_000.0, 101_000.0, 30_000.0],
            ),
            Series::new(
                "Präsentationstechnik",
                vec![210_000.0, 180_000.0, 60_000.0, 75_000.0, 240_000.0],
            ),
            Series::new(
                "Netzwerk/WLAN",
                vec![150_000.0, 90_000.0, 110_000.0, 60_000.0, 80_000.0],
            ),
            Series::new(
                "Support",
                vec![60_000.0, 61_200.0, 62_424.0, 63_672.0, 64_946.0],
            ),
        ],
        ValueFormat::Eur,
        "Ausgaben je Jahr",
    )
    .with_reference(RefLine::new("Budgetdeckel", 850_000.0));
    let lines = Lines::new(
        years.clone(),
        vec![
            Series::new(
                "Bedarf",
                vec![927_000.0, 731_700.0, 702_424.0, 420_000.0, 812_946.0],
            ),
            Series::new(
                "Förderung + Haushalt",
                vec![850_000.0, 700_000.0, 650_000.0, 650_000.0, 650_000.0],
            ),
        ],
        ValueFormat::Eur,
        "kumuliert",
    )
    .cumulative()
    .area();
    let groups: Vec<Vec<f64>> = (0..20)
        .map(|g| {
            (0..12)
                .map(|m| 8.0 + (g as f64 * 1.7 + m as f64 * 0.9).sin() * 4.0 + g as f64 * 0.2)
                .collect()
        })
        .collect();
    let mut band = Band::from_groups(
        months(),
        &groups,
        ValueFormat::Hours(1),
        "Median Lösungszeit (Schulstunden)",
    );
    band.highlight = Some(Series::new("Realschule Am Stadtpark", groups[3].clone()));
    band.target = Some(RefLine::new("Vertragsziel", 16.0));
    let panels = schools
        .iter()
        .enumerate()
        .map(|(i, s)| Panel {
            title: s.to_string(),
            values: groups[i].clone(),
            n: Some(100 + i as u64 * 11),
            highlight: i == 3,
        })
        .collect();
    let mut multiples = SmallMultiples::new(
        months(),
        panels,
        ValueFormat::Decimal(0),
        "Tickets je Monat",
    );
    multiples.reference = Some(RefLine::new("Median", 8.0));
    let heat = Heatmap {
        rows: schools.iter().map(|s| s.to_string()).collect(),
        columns: months(),
        values: groups
            .iter()
            .take(8)
            .map(|g| {
                g.iter()
                    .enumerate()
                    .map(|(m, v)| if m == 7 { None } else { Some(v.round()) })
                    .collect()
            })
            .collect(),
        format: ValueFormat::Int,
    };
    let scatter = Scatter {
        points: (0..30)
            .map(|i| ScatterPoint {
                x: (i % 9 + 1) as f64,
                y: 2.0 + (i % 9) as f64 * 0.6 + ((i * 7) % 5) as f64 * 0.4,
                label: format!("Schule {i}"),
                highlight: i == 11,
            })
            .collect(),
        x_format: ValueFormat::Int,
        y_format: ValueFormat::Decimal(1),
        x_label: "Schulsozialindex (Stufe)".into(),
        y_label: "Tickets je 100 Schülerinnen und Schüler".into(),
        zero: true,
    };
    let pa = PlanActual::new(
        years.clone(),
        vec![
            Some(900_000.0),
            Some(750_000.0),
            Some(700_000.0),
            Some(650_000.0),
            Some(800_000.0),
        ],
        vec![Some(874_312.0), Some(781_000.0), None, None, None],
        ValueFormat::Eur,
        "Ausgaben",
    );
    vec![
        ("ranking", Chart::new(meta("Tickets je 100 Schülerinnen und Schüler").definition("Tickets im Zeitraum ÷ Schülerzahl × 100; ohne Dubletten und Spam."), ChartKind::Ranking(ranking))),
        ("stacked", Chart::new(meta("Ausstattungsbudget je Jahr nach Kategorie"), ChartKind::Stacked(stacked))),
        ("lines", Chart::new(meta("Bedarf und Mittel kumuliert"), ChartKind::Lines(lines))),
        ("band", Chart::new(meta("Lösungszeit: Schule im Vergleich zum Bezirk").definition("Median der Lösungszeiten je Monat in Schulstunden (Unterrichtszeit, ohne Ferien und Feiertage NRW); Band = mittlere 50 % der Schulen."), ChartKind::Band(band))),
        ("multiples", Chart::new(meta("Tickets je Monat und Schule"), ChartKind::SmallMultiples(multiples))),
        ("heatmap", Chart::new(meta("Tickets je Schule und Monat"), ChartKind::Heatmap(heat))),
        ("scatter", Chart::new(meta("Sozialindex und Supportbedarf"), ChartKind::Scatter(scatter))),
        ("plan-actual", Chart::new(meta("Ausgaben: Plan und Ist"), ChartKind::PlanActual(pa))),
    ]
}

/// Every text of a rendered SVG with its box (after layout with the embedded font).
fn text_boxes(svg: &str) -> Vec<(String, resvg::usvg::Rect)> {
    fn walk(g: &resvg::usvg::Group, out: &mut Vec<(String, resvg::usvg::Rect)>) {
        for n in g.children() {
            match n {
                resvg::usvg::Node::Group(g) => walk(g, out),
                resvg::usvg::Node::Text(t) => {
                    let s: String = t.chunks().iter().map(|c| c.text()).collect();
                    if !s.trim().is_empty() {
                        out.push((s, t.abs_bounding_box()));
                    }
                }
                _ => {}
            }
        }
    }
    let tree = super::render::parse_svg(svg).unwrap();
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    out
}

/// No two texts of a chart cover each other (more than a sliver: boxes include line spacing).
fn assert_no_text_overlaps(name: &str, svg: &str) {
    let boxes = text_boxes(svg);
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            let w = ra.right().min(rb.right()) - ra.left().max(rb.left());
            let h = ra.bottom().min(rb.bottom()) - ra.top().max(rb.top());
            let min_h = ra.height().min(rb.height());
            assert!(
                w <= 1.0 || h <= min_h * 0.35,
                "{name}: „{a}“ and „{b}“ overlap ({w:.1} × {h:.1} px)"
            );
        }
    }
}

fn check_all_formats(name: &str, chart: &Chart) {
    let svg = render_svg(chart, Size::SCREEN).unwrap();
    assert_no_text_overlaps(name, &svg);
    assert!(svg.starts_with("<svg"), "{name}");
    assert!(
        svg.contains(&chart.meta.title.replace('&', "&amp;")) || chart.meta.title.len() > 60,
        "{name}: title missing"
    );
    assert!(svg.contains("Quelle:"), "{name}: source missing");
    let png = svg_to_png(&svg, 1.0).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let print = export(chart, ChartFormat::PngPrint).unwrap();
    // 300 dpi: 642 px × 300/96 = 2007 px wide.
    let w = u32::from_be_bytes([print[16], print[17], print[18], print[19]]);
    assert_eq!(w, (642.0f64 * 300.0 / 96.0).ceil() as u32, "{name}");
    let pdf = export(chart, ChartFormat::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(dir) = out_dir() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.svg")), &svg).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
        std::fs::write(dir.join(format!("{name}-print.png")), &print).unwrap();
        std::fs::write(dir.join(format!("{name}.pdf")), &pdf).unwrap();
    }
}

#[test]
fn every_kind_renders_in_every_format() {
    for (name, chart) in gallery() {
        check_all_formats(name, &chart);
    }
}

#[test]
fn every_registered_chart_of_the_demo_renders() {
    let mut store = crate::Store::open_in_memory().unwrap();
    fill_demo(&mut store).unwrap();
    let schools = crate::schools::list_schools(store.conn()).unwrap();
    let params = ChartParams {
        school: Some(schools[0].schulnummer.clone()),
        year: None,
    };
    for def in registry::all() {
        let chart = registry::build(&store, def.name, &params).unwrap();
        check_all_formats(def.name, &chart);
    }
}

#[test]
fn pupils_by_form_sums_the_register() {
    let mut store = crate::Store::open_in_memory().unwrap();
    fill_demo(&mut store).unwrap();
    let schools = crate::schools::list_schools(store.conn()).unwrap();
    let chart = registry::build(&store, "schools-by-form", &ChartParams::default()).unwrap();
    let ChartKind::Ranking(r) = &chart.kind else {
        panic!("ranking expected")
    };
    // Independent sum: Grundschulen in the embedded directory.
    let expected: i64 = schools
        .iter()
        .filter(|s| s.schulform == "Grundschule")
        .map(|s| s.pupils.unwrap_or(0))
        .sum();
    let gs = r.items.iter().find(|i| i.label == "Grundschule").unwrap();
    assert_eq!(gs.value, expected as f64);
    assert_eq!(chart.meta.n, Some(44));
    let total: f64 = r.items.iter().map(|i| i.value).sum();
    assert_eq!(
        total,
        schools.iter().map(|s| s.pupils.unwrap_or(0)).sum::<i64>() as f64
    );
}

#[test]
fn unknown_chart_and_missing_school_are_explained() {
    let store = crate::Store::open_in_memory().unwrap();
    let e = registry::build(&store, "nope", &ChartParams::default()).unwrap_err();
    assert!(e.to_string().contains("Unbekannte Grafik „nope“"), "{e}");
    assert!(e.to_string().contains("schools-by-form"));
}

#[test]
fn pdf_keeps_the_text() {
    // svg2pdf silently drops text unless the font database maps the family: check the PDF text.
    let (_, chart) = gallery().remove(0);
    let pdf = export(&chart, ChartFormat::Pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.pdf");
    std::fs::write(&p, &pdf).unwrap();
    let Ok(out) = std::process::Command::new("pdftotext")
        .arg(&p)
        .arg("-")
        .output()
    else {
        eprintln!("pdftotext not installed; skipping text check");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Tickets je 100 Schülerinnen und Schüler"),
        "{text}"
    );
    assert!(text.contains("Realschule Am Stadtpark"), "{text}");
    assert!(text.contains("Median Bezirk 5,3"), "{text}");
}
