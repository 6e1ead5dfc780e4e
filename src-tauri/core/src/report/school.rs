//! The per-school report for the Jahresinvestitionsgespräch (2–4 A4 pages): school facts,
//! equipment and its age against the standard, planned purchases and their funding, support KPIs
//! of the last 12 months against district and contract targets, with charts and sources.
//!
//! Sections whose area has no data (or is not built yet) say so in a marked box instead of
//! showing made-up figures.

use chrono::NaiveDate;

use super::pdf::{Block, Document};
use crate::chart::registry::ChartParams;
use crate::chart::schools::school_label;
use crate::chart::{
    last_import_date, Chart, ChartKind, ChartMeta, RankItem, Ranking, ValueFormat, DIRECTORY_SOURCE,
};
use crate::format::{format_decimal, format_int};
use crate::schools::{get_school, list_schools, School};
use crate::{CoreError, Store};

/// Options shared by all reports.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Date printed on the report (and "today" for the 12-month window).
    pub date: NaiveDate,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            date: chrono::Local::now().date_naive(),
        }
    }
}

/// Plan name and Schulträger from the plan's meta data.
pub fn plan_names(store: &Store) -> (String, String) {
    let get = |k: &str| {
        crate::store::get_meta(store.conn(), k)
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    let plan = get("plan_name");
    let traeger = get("traeger");
    (
        if plan.is_empty() { "Plan".into() } else { plan },
        if traeger.is_empty() {
            "Schulträger".into()
        } else {
            traeger
        },
    )
}

/// Notes on sources that every report ends with.
pub fn source_blocks(store: &Store) -> Vec<Block> {
    let mut v = vec![
        Block::Heading("Quellen und Hinweise".into()),
        Block::Note(crate::DIRECTORY_ATTRIBUTION.to_string()),
    ];
    if let Some(d) = last_import_date(store, "schools") {
        v.push(Block::Note(format!("Schulverzeichnis importiert am {d}.")));
    }
    if crate::demo::is_demo(store) {
        v.push(Block::Note(
            "Beispieldaten: Dieser Plan ist der Demo-Schulträger. Schulen, Schülerzahlen und Sozialindex \
             sind echte offene Daten; Lehrkräfte, Räume, Klassen, Bestand, Tickets und Angebote sind erfundene Beispielwerte."
                .into(),
        ));
    }
    v
}

pub fn facts(s: &School) -> Vec<(String, String)> {
    let opt = |v: Option<i64>| v.map(format_int).unwrap_or_else(|| "–".into());
    vec![
        ("Schulnummer".into(), s.schulnummer.clone()),
        ("Schulform".into(), s.schulform.clone()),
        ("Schülerzahl 2024/25".into(), format_int(s.pupils_total())),
        (
            "Schulsozialindex".into(),
            s.sozialindex
                .map(|i| format!("Stufe {i} von 9"))
                .unwrap_or_else(|| "ohne Index".into()),
        ),
        ("Lehrkräfte".into(), opt(s.teachers)),
        ("Klassen".into(), opt(s.classes)),
        ("Unterrichtsräume".into(), opt(s.rooms)),
        (
            "Entwicklung Schülerzahl".into(),
            format!("{} % je Jahr", format_decimal(s.pupil_growth_pct, 1)),
        ),
        ("Rechtsstatus".into(), s.rechtsstatus.clone()),
        ("E-Mail".into(), s.email.clone()),
        // Last and alone in its row: may use the full width.
        (
            "Anschrift".into(),
            format!("{}, {} {}", s.strasse, s.plz, s.ort),
        ),
    ]
}

/// Pupils of the schools of the same Schulform, this school highlighted, with the median.
pub fn same_form_chart(store: &Store, s: &School) -> Result<Chart, CoreError> {
    let all = list_schools(store.conn())?;
    let peers: Vec<&School> = all.iter().filter(|o| o.schulform == s.schulform).collect();
    let items = peers
        .iter()
        .map(|o| {
            RankItem::new(school_label(o), o.pupils_total() as f64)
                .highlight(o.schulnummer == s.schulnummer)
        })
        .collect();
    let mut meta = ChartMeta::new(format!(
        "Schülerzahl im Vergleich: {} im Bezirk",
        s.schulform
    ))
    .period("Schuljahr 2024/25")
    .n(peers.len() as u64, "Schulen")
    .source(DIRECTORY_SOURCE);
    if let Some(d) = last_import_date(store, "schools") {
        meta = meta.imported(d);
    }
    Ok(Chart::new(
        meta,
        ChartKind::Ranking(
            Ranking::new(items, ValueFormat::Int, "Schülerinnen und Schüler").with_median("Median"),
        ),
    ))
}

/// A section whose data are missing.
pub fn no_data(title: &str, what: &str) -> Block {
    Block::Placeholder {
        title: format!("{title}: noch keine Daten"),
        text: what.to_string(),
    }
}

/// Equipment and its age against the standard (budget area).
fn equipment_section(
    store: &Store,
    s: &School,
    o: &ReportOptions,
) -> Result<Vec<Block>, CoreError> {
    use chrono::Datelike;
    super::plan_blocks::school_equipment_blocks(store, s, o.date.year())
}

/// Purchases planned for the next years and their funding (budget area).
fn purchases_section(
    store: &Store,
    s: &School,
    _o: &ReportOptions,
) -> Result<Vec<Block>, CoreError> {
    super::plan_blocks::school_purchase_blocks(store, s)
}

/// Support KPIs of the last 12 months against district and contract targets (kpi area).
fn support_section(
    store: &Store,
    s: &School,
    o: &ReportOptions,
    support: Option<&super::support::SupportData>,
) -> Result<Vec<Block>, CoreError> {
    match support {
        Some(d) => super::support::school_blocks(store, s, d),
        None => {
            let from = o.date - chrono::Duration::days(364);
            Ok(vec![no_data(
                "Support-Kennzahlen",
                &format!(
                    "Kennzahlen des Supports vom {} bis {} (Reaktions- und Lösungszeiten, Tickets je \
                     100 Schülerinnen und Schüler) im Vergleich zum Bezirk und zu den Vertragszielen erscheinen \
                     hier, sobald Tickets importiert sind.",
                    crate::format::format_date(from),
                    crate::format::format_date(o.date)
                ),
            )])
        }
    }
}

/// The document of the per-school report.
pub fn school_document(
    store: &Store,
    schulnummer: &str,
    o: &ReportOptions,
) -> Result<Document, CoreError> {
    let support = super::support::load(store, o.date)?;
    school_document_with(store, schulnummer, o, support.as_ref())
}

/// The per-school report with the district's KPIs computed once (batch).
pub fn school_document_with(
    store: &Store,
    schulnummer: &str,
    o: &ReportOptions,
    support: Option<&super::support::SupportData>,
) -> Result<Document, CoreError> {
    let s = get_school(store.conn(), schulnummer)?;
    let (plan, _traeger) = plan_names(store);
    let label = school_label(&s);
    let mut blocks = vec![
        Block::Title {
            title: format!(
                "Jahresinvestitionsgespräch {}",
                chrono::Datelike::year(&o.date)
            ),
            subtitle: format!("{} · Schulnummer {}", s.display_name(), s.schulnummer),
        },
        Block::Heading("1  Die Schule".into()),
        Block::Facts(facts(&s)),
        Block::Chart(Box::new(same_form_chart(store, &s)?)),
        Block::Heading("2  Ausstattung und Alter gegenüber dem Standard".into()),
    ];
    blocks.extend(equipment_section(store, &s, o)?);
    blocks.push(Block::Heading(
        "3  Geplante Beschaffungen und Finanzierung".into(),
    ));
    blocks.extend(purchases_section(store, &s, o)?);
    blocks.push(Block::Heading("4  Support der letzten 12 Monate".into()));
    blocks.extend(support_section(store, &s, o, support)?);
    blocks.extend(source_blocks(store));
    Ok(Document {
        header: format!("Jahresinvestitionsgespräch · {label}"),
        date: o.date,
        footer: format!("Schul-IT-Cockpit · {plan}"),
        blocks,
    })
}

/// The per-school report as PDF bytes.
pub fn school_report_pdf(
    store: &Store,
    schulnummer: &str,
    o: &ReportOptions,
) -> Result<Vec<u8>, CoreError> {
    Ok(super::pdf::render_pdf(&school_document(
        store,
        schulnummer,
        o,
    )?)?)
}

/// Chart parameters for this school (for areas' charts in the report).
pub fn params_for(s: &School) -> ChartParams {
    ChartParams {
        school: Some(s.schulnummer.clone()),
        year: None,
    }
}
