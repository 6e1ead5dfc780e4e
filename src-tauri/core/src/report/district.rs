//! The district report: overview of the schools, budget per year and funding gap, scenario
//! comparison, KPI ranking of all schools, offers comparison summary.

use super::pdf::{Block, Document};
use super::school::{no_data, plan_names, source_blocks, ReportOptions};
use super::table::{Cell, Column, ColumnType, DataTable};
use crate::chart::registry::{self, ChartParams};
use crate::chart::schools::school_label;
use crate::format::format_int;
use crate::schools::list_schools;
use crate::{CoreError, Store};

/// Compact register table for the appendix.
pub fn register_table(store: &Store) -> Result<DataTable, CoreError> {
    let schools = list_schools(store.conn())?;
    let mut t = DataTable::new(
        "schools-short",
        "Schulen des Schulträgers",
        vec![
            Column::new("schulnummer", "Schulnr.", ColumnType::Text),
            Column::new("name", "Schule", ColumnType::Text),
            Column::new("schulform", "Schulform", ColumnType::Text),
            Column::new("pupils", "Schüler", ColumnType::Integer),
            Column::new("sozialindex", "Sozialindex", ColumnType::Integer),
            Column::new("teachers", "Lehrkräfte", ColumnType::Integer),
        ],
    );
    for s in &schools {
        t.push(vec![
            s.schulnummer.clone().into(),
            school_label(s).into(),
            s.schulform.clone().into(),
            Cell::Int(s.pupils_total()),
            s.sozialindex.into(),
            s.teachers.into(),
        ])?;
    }
    Ok(t)
}

pub fn district_document(store: &Store, o: &ReportOptions) -> Result<Document, CoreError> {
    let schools = list_schools(store.conn())?;
    let (plan, traeger) = plan_names(store);
    let pupils: i64 = schools.iter().map(|s| s.pupils_total()).sum();
    let teachers: i64 = schools.iter().filter_map(|s| s.teachers).sum();
    let forms: std::collections::BTreeSet<&str> =
        schools.iter().map(|s| s.schulform.as_str()).collect();
    let idx: Vec<f64> = schools
        .iter()
        .filter_map(|s| s.sozialindex.map(|i| i as f64))
        .collect();
    let p = ChartParams::default();
    let mut blocks = vec![
        Block::Title {
            title: format!("Bericht für den Schulträger {}", traeger),
            subtitle: format!("{plan} · Ausstattung, Budget und Support"),
        },
        Block::Heading("1  Überblick".into()),
        Block::Facts(vec![
            ("Schulen".into(), format_int(schools.len() as i64)),
            ("Schülerinnen und Schüler".into(), format_int(pupils)),
            ("Schulformen".into(), format_int(forms.len() as i64)),
            ("Lehrkräfte".into(), format_int(teachers)),
            (
                "Median Sozialindex".into(),
                crate::chart::median(&idx)
                    .map(|m| crate::format::format_decimal(m, 1))
                    .unwrap_or_else(|| "–".into()),
            ),
            (
                "Schulen mit Sozialindex".into(),
                format_int(idx.len() as i64),
            ),
        ]),
        Block::Chart(Box::new(registry::build(store, "schools-by-form", &p)?)),
        Block::Chart(Box::new(registry::build(
            store,
            "sozialindex-distribution",
            &p,
        )?)),
        Block::Heading("2  Budget je Jahr und Finanzierungslücke".into()),
    ];
    blocks.extend(super::plan_blocks::district_budget_blocks(store)?);
    blocks.push(Block::Heading("3  Szenarienvergleich".into()));
    blocks.extend(super::plan_blocks::district_scenario_blocks(store)?);
    blocks.push(Block::Heading(
        "4  Support-Kennzahlen: Rangfolge der Schulen".into(),
    ));
    match super::support::load(store, o.date)? {
        Some(d) => blocks.extend(super::support::district_blocks(store, &d)?),
        None => blocks.push(no_data(
            "Support-Kennzahlen",
            "Die Rangfolge aller Schulen nach Support-Kennzahlen (mit Median des Bezirks und Vertragszielen) \
             erscheint hier, sobald Tickets importiert sind.",
        )),
    }
    blocks.push(Block::Heading("5  Angebotsvergleich".into()));
    blocks.extend(super::plan_blocks::district_offers_blocks(store)?);
    blocks.extend(vec![
        Block::PageBreak,
        Block::Heading("Anhang: Schulen".into()),
        Block::Table(register_table(store)?),
    ]);
    blocks.extend(source_blocks(store));
    Ok(Document {
        header: format!("Bericht Schulträger · {traeger}"),
        date: o.date,
        footer: format!("Schul-IT-Cockpit · {plan}"),
        blocks,
    })
}

pub fn district_report_pdf(store: &Store, o: &ReportOptions) -> Result<Vec<u8>, CoreError> {
    Ok(super::pdf::render_pdf(&district_document(store, o)?)?)
}
