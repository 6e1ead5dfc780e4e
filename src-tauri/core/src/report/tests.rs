//! Reports of the demo district: rendered, their PDF text checked with `pdftotext` against the
//! figures as the core computes them. `SCHULIT_REPORT_OUT=/dir` keeps the PDFs for looking.

use chrono::NaiveDate;

use super::batch::batch_school_reports;
use super::district::district_report_pdf;
use super::school::{school_report_pdf, ReportOptions};
use crate::demo::fill_demo;
use crate::format::format_int;
use crate::Store;

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    fill_demo(&mut s).unwrap();
    s
}

fn opts() -> ReportOptions {
    ReportOptions {
        date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    }
}

/// Text of a PDF via poppler's pdftotext (None if not installed).
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.pdf");
    std::fs::write(&p, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&p)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "pdftotext failed");
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

/// Characters of a report's text that the embedded font cannot draw (they would print as boxes).
fn missing_glyphs(text: &str) -> Vec<char> {
    use crate::chart::font::{has_glyph, Weight};
    let mut v: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .filter(|c| !has_glyph(*c, Weight::Regular) || !has_glyph(*c, Weight::Bold))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn pages(pdf: &[u8]) -> usize {
    // Count page objects: "/Type /Page" not followed by "s".
    let s = String::from_utf8_lossy(pdf);
    s.matches("/Type /Page").count() - s.matches("/Type /Pages").count()
}

fn keep(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("SCHULIT_REPORT_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), pdf).unwrap();
    }
}

#[test]
fn school_report_shows_the_school_and_its_figures() {
    let store = demo();
    let schools = crate::schools::list_schools(store.conn()).unwrap();
    // A big school with many peers and one without index, to see both layouts.
    for s in schools
        .iter()
        .filter(|s| s.schulnummer == "100012" || s.schulform.contains("Berufskolleg"))
        .take(2)
    {
        let pdf = school_report_pdf(&store, &s.schulnummer, &opts()).unwrap();
        keep(&format!("school-{}.pdf", s.schulnummer), &pdf);
        let n = pages(&pdf);
        assert!((2..=4).contains(&n), "{} pages", n);
        let Some(text) = pdf_text(&pdf) else { return };
        assert_eq!(missing_glyphs(&text), Vec::<char>::new(), "not in the font");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&s.name), "name {} missing:\n{text}", s.name);
        assert!(flat.contains(&format!("Schulnummer {}", s.schulnummer)));
        // Pupils as the register has them, in German format (e.g. 1.720).
        assert!(
            flat.contains(&format!(
                "Schülerzahl 2024/25 {}",
                format_int(s.pupils_total())
            )),
            "{flat}"
        );
        assert!(flat.contains(&format!("Lehrkräfte {}", format_int(s.teachers.unwrap()))));
        assert!(flat.contains("Seite 1 von"));
        assert!(flat.contains("24.11.2026"));
        assert!(flat.contains("dl-de/by-2-0"), "attribution missing");
        // Planned purchases as the budget area computes them (default scenario, first year).
        let (input, plan) = crate::budget::load_and_compute(store.conn(), None, None).unwrap();
        let v = crate::budget::view::view(&input, &plan);
        let row = v
            .schools
            .iter()
            .find(|r| r.schulnummer == s.schulnummer)
            .unwrap();
        let first = &row.years[0];
        assert!(
            flat.contains(&format!(
                "{} {} {}",
                first.year,
                crate::money::format_eur(first.invest_cents),
                crate::money::format_eur(first.running_cents)
            )),
            "plan row {} missing:\n{flat}",
            first.year
        );
        // Equipment against the standard: stock counted here from the inventory cohorts, the
        // requirement as the plan computes it, for the report year clamped to the plan's years.
        let y = 2026.clamp(plan.from_year, plan.to_year);
        let si = input
            .schools
            .iter()
            .position(|f| f.schulnummer == s.schulnummer)
            .unwrap();
        let cohorts = crate::budget::inventory::list_cohorts(store.conn()).unwrap();
        let mut checked = 0;
        for (ci, cat) in input.categories.iter().enumerate() {
            let mine: Vec<_> = cohorts
                .iter()
                .filter(|k| {
                    k.schulnummer == s.schulnummer && k.category == cat.key && k.purchase_year <= y
                })
                .collect();
            let stock: i64 = mine.iter().map(|k| k.units).sum();
            if stock == 0 {
                continue;
            }
            let within: i64 = mine
                .iter()
                .filter(|k| y - k.purchase_year < cat.life_years)
                .map(|k| k.units)
                .sum();
            let required = plan.line(si, ci, y).unwrap().demand;
            let row = format!(
                "{} {} {} {} {} {}",
                cat.label,
                format_int(required),
                format_int(stock),
                format_int(within),
                format_int(stock - within),
                cat.life_years
            );
            assert!(
                flat.contains(&row),
                "equipment row „{row}“ missing:\n{flat}"
            );
            checked += 1;
        }
        assert!(checked > 0, "the demo school {} has stock", s.schulnummer);
        assert!(flat.contains(&format!(
            "Ausstattung {} im Jahr {y}: Bestand und Standard",
            s.schulnummer
        )));
        // Support KPIs as the KPI area computes them for the 12 months before the report date.
        let d = super::support::load(&store, opts().date).unwrap().unwrap();
        let row = d
            .result
            .by_school
            .iter()
            .find(|r| r.key == s.schulnummer)
            .unwrap();
        assert_eq!(
            d.result.from,
            NaiveDate::from_ymd_opt(2025, 11, 25).unwrap()
        );
        assert!(
            flat.contains(&format!(
                "{} Tickets der Schule",
                format_int(row.tickets as i64)
            )),
            "{flat}"
        );
        let ttr = row.ttr.median.unwrap() / 60.0;
        assert!(
            flat.contains(&format!(
                "Lösungszeit, Median {} h",
                crate::format::format_decimal(ttr, 1)
            )),
            "ttr {ttr}: {flat}"
        );
        // The peer chart's median, computed independently here.
        let mut peers: Vec<i64> = schools
            .iter()
            .filter(|o| o.schulform == s.schulform)
            .map(|o| o.pupils_total())
            .collect();
        peers.sort();
        let m = if peers.len() % 2 == 1 {
            peers[peers.len() / 2] as f64
        } else {
            (peers[peers.len() / 2 - 1] + peers[peers.len() / 2]) as f64 / 2.0
        };
        assert!(
            flat.contains(&format!("Median {}", format_int(m.round() as i64))),
            "median {m}: {flat}"
        );
    }
}

#[test]
fn district_report_has_overview_charts_and_register() {
    let store = demo();
    let pdf = district_report_pdf(&store, &opts()).unwrap();
    if let Some(text) = pdf_text(&pdf) {
        assert_eq!(missing_glyphs(&text), Vec::<char>::new(), "not in the font");
    }
    keep("district.pdf", &pdf);
    let schools = crate::schools::list_schools(store.conn()).unwrap();
    let Some(text) = pdf_text(&pdf) else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let pupils: i64 = schools.iter().map(|s| s.pupils.unwrap()).sum();
    assert!(
        flat.contains(&format!("Schülerinnen und Schüler {}", format_int(pupils))),
        "{flat}"
    );
    assert!(flat.contains("Schulen 44"));
    assert!(flat.contains("Schülerinnen und Schüler nach Schulform"));
    assert!(flat.contains("Schulen nach Schulsozialindex"));
    // Budget per year and its funding gap, as the budget area computes them.
    let (_, plan) = crate::budget::load_and_compute(store.conn(), None, None).unwrap();
    for y in &plan.years {
        assert!(
            flat.contains(&format!(
                "{} {} {}",
                y.year,
                crate::money::format_eur(y.total_cents),
                crate::money::format_eur(y.funded_cents)
            )),
            "year {} missing",
            y.year
        );
    }
    assert!(flat.contains("Szenarienvergleich"));
    assert!(!flat.contains("Budget: noch keine Daten"));
    // The demo's offers are compared, not announced as missing.
    assert!(!flat.contains("Angebote: noch keine Daten"), "{flat}");
    // The demo's variants (combinations of offers) follow the groups, with the best one's PV.
    let set = crate::offers::repo::load_set(store.conn(), crate::offers::next_year()).unwrap();
    let c = crate::offers::compare(&set);
    let best = &c.variants[0];
    assert!(flat.contains("Rang Variante Barwert"), "{flat}");
    assert!(
        flat.contains(&format!(
            "Varianten: Wirtschaftlichste Variante ist „{}“",
            best.name
        )),
        "{flat}"
    );
    assert!(flat.contains(&format!(
        "1 {} {}",
        best.name,
        crate::money::format_eur(best.present_value_cents)
    )));
    // The demo's variants each cover their 1.200 tablets with support for those tablets: no
    // scope hint. The support for the tablets alone is a group of its own.
    assert!(!flat.contains("Geräte kalkuliert"), "{flat}");
    assert!(flat.contains("Support Schüler-Tablets"), "{flat}");
    // Every school of the register appears in the appendix.
    for s in &schools {
        assert!(flat.contains(&s.schulnummer), "{} missing", s.schulnummer);
    }
}

/// A variant whose support contract is calculated for the whole district (6.000 devices) while
/// it has 1.200 tablets gets the hint in the report's offers section.
#[test]
fn district_offers_section_points_out_a_support_contract_of_another_scope() {
    use super::pdf::Block;
    let store = demo();
    let v = crate::offers::Variant {
        id: "kauf-support-bezirk".into(),
        name: "Kauf + Support für alle Geräte".into(),
        offers: vec!["kauf-tablets".into(), "support-zentral".into()],
        note: String::new(),
    };
    crate::offers::repo::save_variant(store.conn(), &v).unwrap();
    let blocks = super::plan_blocks::district_offers_blocks(&store).unwrap();
    let notes: Vec<&String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Note(n) if n.starts_with("Hinweis zu") => Some(n),
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        [
            "Hinweis zu „Kauf + Support für alle Geräte“: „Kommunaler IT-Service (zentral, laufender Vertrag)“ ist für 6.000 Geräte kalkuliert, die Variante umfasst 1.200 Geräte."
        ]
    );
}

#[test]
fn batch_writes_one_report_per_school_with_progress() {
    let store = demo();
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    // Stop after three to keep the test short; the callback's `false` cancels.
    let files = batch_school_reports(&store, dir.path(), &opts(), |p| {
        seen.push((p.done, p.total));
        p.done < 3
    })
    .unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(seen, vec![(1, 44), (2, 44), (3, 44)]);
    for f in &files {
        let b = std::fs::read(f).unwrap();
        assert!(b.starts_with(b"%PDF"));
    }
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("Schulbericht_") && n.ends_with(".pdf")),
        "{names:?}"
    );
}

#[test]
fn every_registered_table_exports_on_the_demo_district() {
    use calamine::Reader;
    let store = demo();
    let p = crate::chart::registry::ChartParams::default();
    let first = crate::schools::list_schools(store.conn()).unwrap()[0]
        .schulnummer
        .clone();
    let (_, plan) = crate::budget::load_and_compute(store.conn(), None, None).unwrap();
    for def in super::tables::all() {
        let params = crate::chart::registry::ChartParams {
            school: def.needs_school.then(|| first.clone()),
            year: None,
        };
        let t = super::tables::build(&store, def.name, &params)
            .unwrap_or_else(|e| panic!("{}: {e}", def.name));
        if def.name == "budget-years" {
            // One row per plan year, as the budget area computes it.
            assert_eq!(t.rows.len(), plan.years.len());
        }
        let bytes = super::xlsx::to_xlsx(std::slice::from_ref(&t)).unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&sheet).unwrap();
        // Every data row is in the sheet (below title, source and header rows), cell by cell.
        assert!(
            range.height() > t.rows.len(),
            "{}: {} rows in the sheet for {} data rows",
            def.name,
            range.height(),
            t.rows.len()
        );
        // The demo's budget covers its plan: nothing is deferred there.
        assert!(
            !t.rows.is_empty() || def.name == "budget-deferrals",
            "{}: the demo has data",
            def.name
        );
        super::xlsx::tests::assert_cells_equal(&t, &range);
    }
    // The KPI tables carry the figures of the dashboard the window shows.
    let d = crate::kpi::build_dashboard(store.conn(), &Default::default()).unwrap();
    let t = super::tables::build(&store, "kpi-schools", &p).unwrap();
    let first = &d.result.by_school[0];
    assert_eq!(t.rows.len(), d.result.by_school.len());
    assert_eq!(t.rows[0][0], super::table::Cell::Text(first.key.clone()));
    assert_eq!(
        t.rows[0][7],
        first
            .ttr
            .median
            .map_or(super::table::Cell::Empty, super::table::Cell::Num)
    );
    let district = super::tables::build(&store, "kpi-district", &p).unwrap();
    assert_eq!(
        district.rows[0][2],
        super::table::Cell::Int(i64::from(d.result.district.tickets))
    );
}

#[test]
fn import_log_table_shows_berlin_time_and_counts() {
    let store = demo();
    store
        .conn()
        .execute_batch(
            "INSERT INTO import_log (kind, file_name, sha256, imported_at, summary) VALUES
               ('tickets', 'sommer.csv', 'ab', '2026-07-01T10:00:00Z', '{\"imported\": 12, \"unmatched_schools\": [\"x\", \"y\"]}'),
               ('ics', 'winter.ics', 'cd', '2026-01-15T10:00:00Z', '{}');",
        )
        .unwrap();
    let t = super::tables::build(&store, "import-log", &Default::default()).unwrap();
    let row = |file: &str| {
        t.rows
            .iter()
            .find(|r| r[2] == super::table::Cell::Text(file.into()))
            .unwrap_or_else(|| panic!("{file} missing"))
            .clone()
    };
    // CEST (UTC+2) in July, CET (UTC+1) in January.
    let s = row("sommer.csv");
    assert_eq!(s[0], super::table::Cell::Text("01.07.2026 12:00".into()));
    assert_eq!(
        s[4],
        super::table::Cell::Text("imported: 12, unmatched_schools: 2".into())
    );
    assert_eq!(
        row("winter.ics")[0],
        super::table::Cell::Text("15.01.2026 11:00".into())
    );
}
