//! Support KPIs in the reports: the last 12 months before the report date, computed by the KPI
//! area (`kpi::data::compute_from_store`, school time, the standard contract's targets) and
//! shown against the district and the contract targets.

use chrono::{Duration, NaiveDate};

use super::pdf::Block;
use super::table::{Cell, Column, ColumnType, DataTable};
use crate::chart::schools::school_label;
use crate::chart::{Band, Chart, ChartKind, ChartMeta, RankItem, Ranking, Series, ValueFormat};
use crate::format::{format_date, format_decimal};
use crate::kpi::compute::{month_label, KpiResult, KpiRow};
use crate::kpi::data::compute_from_store;
use crate::kpi::{load_targets, KpiParams, Targets, DEFAULT_CONTRACT};
use crate::schools::School;
use crate::{CoreError, Store};

/// Service window used for the report's KPIs.
pub const WINDOW: &str = "Standard";

/// The KPI results of the 12 months up to `date`.
pub struct SupportData {
    pub result: KpiResult,
    pub targets: Targets,
    pub window: String,
}

/// `None` when the plan has no tickets.
pub fn load(store: &Store, date: NaiveDate) -> Result<Option<SupportData>, CoreError> {
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
    if n == 0 {
        return Ok(None);
    }
    let targets = load_targets(store.conn(), DEFAULT_CONTRACT)?;
    let params = KpiParams {
        from: Some(date - Duration::days(364)),
        to: Some(date),
        targets,
        ..KpiParams::default()
    };
    let (_, time, result) = compute_from_store(store.conn(), &params, WINDOW)?;
    Ok(Some(SupportData {
        result,
        targets,
        window: time.calendar.description().to_string(),
    }))
}

fn hours(min: Option<f64>) -> String {
    min.map(|m| format!("{} h", format_decimal(m / 60.0, 1)))
        .unwrap_or_else(|| "–".into())
}

fn pct(p: Option<f64>) -> String {
    p.map(|p| format!("{} %", format_decimal(p, 1)))
        .unwrap_or_else(|| "–".into())
}

fn period(d: &SupportData) -> String {
    format!(
        "{}–{}",
        format_date(d.result.from),
        format_date(d.result.to)
    )
}

pub const DEFINITIONS: &str = "Zeiten in Geschäftsstunden innerhalb der Servicezeiten (ohne Wochenenden, \
Feiertage und Schulferien NRW). Erstreaktion = Eingang bis erste Antwort, Lösungszeit = Eingang bis \
Lösung; Median = mittlerer Wert, P90 = 90 % der Tickets waren schneller. SLA eingehalten = Anteil der \
Tickets innerhalb der Vertragsziele je Priorität. Tickets je 100 Schülerinnen und Schüler = Tickets im \
Zeitraum ÷ Schülerzahl × 100.";

/// Median over schools (each school counts once) of a per-school figure.
fn school_median(d: &SupportData, f: impl Fn(&KpiRow) -> Option<f64>) -> Option<f64> {
    let v: Vec<f64> = d
        .result
        .by_school
        .iter()
        .filter(|r| !r.key.is_empty() && r.tickets > 0)
        .filter_map(&f)
        .collect();
    crate::chart::median(&v)
}

/// KPI table: this school, median of the district's schools, contract target.
pub fn school_table(d: &SupportData, row: &KpiRow) -> Result<DataTable, CoreError> {
    let mut t = DataTable::new(
        "support-school",
        "Support-Kennzahlen",
        vec![
            Column::new("kpi", "Kennzahl", ColumnType::Text),
            Column::new("school", "Schule", ColumnType::Text),
            Column::new("district", "Median der Schulen", ColumnType::Text),
            Column::new("target", "Vertragsziel", ColumnType::Text),
        ],
    );
    let tg = &d.targets;
    let prio_targets = |m: [u32; 4]| {
        format!(
            "P1 {} · P2 {} · P3 {} · P4 {}",
            format_decimal(m[0] as f64 / 60.0, 0),
            format_decimal(m[1] as f64 / 60.0, 0),
            format_decimal(m[2] as f64 / 60.0, 0),
            format_decimal(m[3] as f64 / 60.0, 0)
        ) + " h"
    };
    let rows: Vec<[String; 4]> = vec![
        [
            "Tickets".into(),
            crate::format::format_int(row.tickets as i64),
            format_decimal(
                school_median(d, |r| Some(r.tickets as f64)).unwrap_or(f64::NAN),
                0,
            ),
            String::new(),
        ],
        [
            "Tickets je 100 Schülerinnen und Schüler".into(),
            row.per_100_pupils
                .map(|v| format_decimal(v, 1))
                .unwrap_or_else(|| "–".into()),
            school_median(d, |r| r.per_100_pupils)
                .map(|v| format_decimal(v, 1))
                .unwrap_or_else(|| "–".into()),
            String::new(),
        ],
        [
            "Erstreaktion, Median".into(),
            hours(row.ttfr.median),
            hours(school_median(d, |r| r.ttfr.median)),
            prio_targets(tg.first_response_min),
        ],
        [
            "Lösungszeit, Median".into(),
            hours(row.ttr.median),
            hours(school_median(d, |r| r.ttr.median)),
            prio_targets(tg.resolution_min),
        ],
        [
            "Lösungszeit, P90".into(),
            hours(row.ttr.p90),
            hours(school_median(d, |r| r.ttr.p90)),
            String::new(),
        ],
        [
            "SLA Erstreaktion eingehalten".into(),
            pct(row.sla_first_response.pct()),
            pct(school_median(d, |r| r.sla_first_response.pct())),
            "100 %".into(),
        ],
        [
            "SLA Lösung eingehalten".into(),
            pct(row.sla_resolution.pct()),
            pct(school_median(d, |r| r.sla_resolution.pct())),
            "100 %".into(),
        ],
        [
            "Offene Tickets am Stichtag".into(),
            crate::format::format_int(row.backlog_end as i64),
            format_decimal(
                school_median(d, |r| Some(r.backlog_end as f64)).unwrap_or(f64::NAN),
                0,
            ),
            String::new(),
        ],
    ];
    for r in rows {
        t.push(r.into_iter().map(Cell::Text).collect())?;
    }
    Ok(t)
}

/// Monthly resolution-time medians: the school against the district's P25–P75 band.
pub fn band_chart(d: &SupportData, school_idx: usize, label: &str) -> Chart {
    let r = &d.result;
    let months: Vec<String> = r.months.iter().map(|m| month_label(m)).collect();
    let groups: Vec<Vec<f64>> = r
        .school_month
        .iter()
        .zip(&r.by_school)
        .filter(|(_, row)| !row.key.is_empty())
        .map(|(cells, _)| {
            cells
                .iter()
                .map(|c| c.ttr_median.map(|m| m / 60.0).unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let mut band = Band::from_groups(
        months,
        &groups,
        ValueFormat::Hours(1),
        "Lösungszeit, Median je Monat (Geschäftsstunden)",
    );
    band.band_label = "Bezirk: mittlere 50 % der Schulen".into();
    band.median_label = "Bezirk: Median der Schulen".into();
    if let Some(cells) = r.school_month.get(school_idx) {
        band.highlight = Some(Series::new(
            label,
            cells
                .iter()
                .map(|c| c.ttr_median.map(|m| m / 60.0).unwrap_or(f64::NAN))
                .collect(),
        ));
    }
    let n = r
        .by_school
        .get(school_idx)
        .map(|s| s.tickets as u64)
        .unwrap_or(0);
    Chart::new(
        ChartMeta::new(format!("Lösungszeit: {label} im Vergleich zum Bezirk"))
            .period(period(d))
            .n(n, "Tickets der Schule")
            .source("Ticket-Export (importierte Tickets)")
            .definition("Median der Lösungszeiten je Monat in Geschäftsstunden (Servicezeiten, ohne Ferien und Feiertage NRW); Band = mittlere 50 % der Schulen des Bezirks."),
        ChartKind::Band(band),
    )
}

/// Labelling of a KPI ranking.
pub struct RankSpec<'a> {
    pub title: &'a str,
    pub format: ValueFormat,
    pub axis: &'a str,
    pub definition: &'a str,
}

/// Ranking of the `schools` by a per-school figure, one school highlighted, with the median of
/// the schools shown. Rows of the KPI result for schools not in `schools` are left out.
pub fn ranking_chart(
    d: &SupportData,
    schools: &[School],
    highlight: Option<&str>,
    spec: RankSpec,
    value: impl Fn(&KpiRow) -> Option<f64>,
) -> Chart {
    let RankSpec {
        title,
        format: fmt,
        axis,
        definition,
    } = spec;
    let names: std::collections::HashMap<&str, String> = schools
        .iter()
        .map(|s| (s.schulnummer.as_str(), school_label(s)))
        .collect();
    let items: Vec<RankItem> = d
        .result
        .by_school
        .iter()
        .filter_map(|r| {
            let name = names.get(r.key.as_str())?;
            let v = value(r)?;
            Some(
                RankItem::new(name.clone(), v)
                    .n(r.tickets as u64)
                    .highlight(highlight == Some(r.key.as_str())),
            )
        })
        .collect();
    let n: u64 = items.len() as u64;
    Chart::new(
        ChartMeta::new(title)
            .period(period(d))
            .n(n, "Schulen")
            .source("Ticket-Export (importierte Tickets); Schülerzahlen: IT.NRW, dl-de/by-2-0")
            .definition(definition),
        ChartKind::Ranking(Ranking::new(items, fmt, axis).with_median("Median")),
    )
}

/// Section 4 of the per-school report.
pub fn school_blocks(store: &Store, s: &School, d: &SupportData) -> Result<Vec<Block>, CoreError> {
    let Some(idx) = d
        .result
        .by_school
        .iter()
        .position(|r| r.key == s.schulnummer)
    else {
        return Ok(vec![super::school::no_data(
            "Support-Kennzahlen",
            "Für diese Schule gibt es im Zeitraum keine Tickets.",
        )]);
    };
    let row = &d.result.by_school[idx];
    let label = school_label(s);
    let schools = crate::schools::list_schools(store.conn())?;
    let mut v = vec![Block::Paragraph(format!(
        "Zeitraum {}: {} Tickets der Schule. Servicezeiten: {}.",
        period(d),
        crate::format::format_int(row.tickets as i64),
        d.window
    ))];
    if row.small_n {
        v.push(Block::Note(format!(
            "Kleine Fallzahl (weniger als {} Tickets): Kennzahlen mit Vorsicht lesen.",
            d.result.small_n
        )));
    }
    v.push(Block::Table(school_table(d, row)?));
    v.push(Block::Note(DEFINITIONS.into()));
    v.push(Block::Chart(Box::new(band_chart(d, idx, &label))));
    // Against the schools of the same Schulform (tickets per pupil differ by form; the
    // district report ranks all schools).
    let peers: Vec<School> = schools
        .into_iter()
        .filter(|o| o.schulform == s.schulform)
        .collect();
    let title = format!(
        "Tickets je 100 Schülerinnen und Schüler: {} im Bezirk",
        s.schulform
    );
    v.push(Block::Chart(Box::new(ranking_chart(
        d,
        &peers,
        Some(&s.schulnummer),
        RankSpec {
            title: &title,
            format: ValueFormat::Decimal(1),
            axis: "Tickets je 100 Schülerinnen und Schüler",
            definition: "Tickets im Zeitraum ÷ Schülerzahl × 100; n am Balken = Tickets.",
        },
        |r| r.per_100_pupils,
    ))));
    Ok(v)
}

/// Section 4 of the district report: ranking of all schools.
pub fn district_blocks(store: &Store, d: &SupportData) -> Result<Vec<Block>, CoreError> {
    let schools = crate::schools::list_schools(store.conn())?;
    let dr = &d.result.district;
    Ok(vec![
        Block::Paragraph(format!(
            "Zeitraum {}: {} Tickets im Bezirk; Lösungszeit Median {}, SLA Lösung eingehalten {}.",
            period(d),
            crate::format::format_int(dr.tickets as i64),
            hours(dr.ttr.median),
            pct(dr.sla_resolution.pct())
        )),
        Block::Chart(Box::new(ranking_chart(
            d,
            &schools,
            None,
            RankSpec { title: "Lösungszeit je Schule (Median)", format: ValueFormat::Hours(1), axis: "Lösungszeit, Median (Geschäftsstunden)", definition: "Median der Lösungszeiten der Tickets einer Schule in Geschäftsstunden; n am Balken = Tickets." },
            |r| r.ttr.median.map(|m| m / 60.0),
        ))),
        Block::Chart(Box::new(ranking_chart(
            d,
            &schools,
            None,
            RankSpec { title: "Tickets je 100 Schülerinnen und Schüler", format: ValueFormat::Decimal(1), axis: "Tickets je 100 Schülerinnen und Schüler", definition: "Tickets im Zeitraum ÷ Schülerzahl × 100; n am Balken = Tickets." },
            |r| r.per_100_pupils,
        ))),
        Block::Note(DEFINITIONS.into()),
    ])
}
