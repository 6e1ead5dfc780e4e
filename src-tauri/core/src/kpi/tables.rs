//! The support KPIs as tables for XLSX export (`schulit export kpi-schools …`, Berichte screen):
//! the dashboard the window and the charts show (same period, clock and targets), one row per
//! school, month, priority or category, or the district; the definitions as notes.

use super::compute::KpiRow;
use super::dashboard::Dashboard;
use crate::report::table::{Cell, Column, ColumnType, DataTable};
use crate::report::ReportError;

/// The rows a KPI table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiGrouping {
    School,
    Month,
    Priority,
    Category,
    District,
}

impl KpiGrouping {
    fn title(self) -> &'static str {
        match self {
            KpiGrouping::School => "Support-Kennzahlen je Schule",
            KpiGrouping::Month => "Support-Kennzahlen je Monat",
            KpiGrouping::Priority => "Support-Kennzahlen je Priorität",
            KpiGrouping::Category => "Support-Kennzahlen je Kategorie",
            KpiGrouping::District => "Support-Kennzahlen des Schulträgers",
        }
    }

    fn group_header(self) -> &'static str {
        match self {
            KpiGrouping::School => "Schule",
            KpiGrouping::Month => "Monat",
            KpiGrouping::Priority => "Priorität",
            KpiGrouping::Category => "Kategorie",
            KpiGrouping::District => "Gruppe",
        }
    }

    fn rows(self, d: &Dashboard) -> Vec<&KpiRow> {
        let r = &d.result;
        match self {
            KpiGrouping::School => r.by_school.iter().collect(),
            KpiGrouping::Month => r.by_month.iter().collect(),
            KpiGrouping::Priority => r.by_priority.iter().collect(),
            KpiGrouping::Category => r.by_category.iter().collect(),
            KpiGrouping::District => vec![&r.district],
        }
    }
}

/// Every grouping of `d` with its export name, in the order of a workbook: district, schools,
/// months, priorities, categories (the names of the export registry).
pub const ALL: [(KpiGrouping, &str); 5] = [
    (KpiGrouping::District, "kpi-district"),
    (KpiGrouping::School, "kpi-schools"),
    (KpiGrouping::Month, "kpi-months"),
    (KpiGrouping::Priority, "kpi-priorities"),
    (KpiGrouping::Category, "kpi-categories"),
];

/// All tables of one dashboard (what the window shows for its filters), for one workbook.
pub fn dashboard_tables(d: &Dashboard) -> Result<Vec<DataTable>, ReportError> {
    ALL.iter()
        .map(|(by, name)| kpi_table(d, *by, name))
        .collect()
}

/// One table of `d`, named `name`.
pub fn kpi_table(d: &Dashboard, by: KpiGrouping, name: &str) -> Result<DataTable, ReportError> {
    let unit = match d.request.clock {
        super::Clock::Business => "Geschäftsminuten",
        super::Clock::Calendar => "Kalenderminuten",
    };
    let min = |title: &str| format!("{title} ({unit})");
    let columns = vec![
        Column::new("key", "Schlüssel", ColumnType::Text),
        Column::new("label", by.group_header(), ColumnType::Text),
        Column::new("tickets", "Tickets", ColumnType::Integer),
        Column::new(
            "ttfr_median_min",
            min("Erste Antwort Median"),
            ColumnType::Decimal(1),
        ),
        Column::new(
            "ttfr_p90_min",
            min("Erste Antwort P90"),
            ColumnType::Decimal(1),
        ),
        Column::new(
            "ttfr_mean_min",
            min("Erste Antwort Mittel"),
            ColumnType::Decimal(1),
        ),
        Column::new("ttfr_n", "Erste Antwort n", ColumnType::Integer),
        Column::new(
            "ttr_median_min",
            min("Lösung Median"),
            ColumnType::Decimal(1),
        ),
        Column::new("ttr_p90_min", min("Lösung P90"), ColumnType::Decimal(1)),
        Column::new("ttr_mean_min", min("Lösung Mittel"), ColumnType::Decimal(1)),
        Column::new("ttr_n", "Lösung n", ColumnType::Integer),
        Column::new(
            "sla_first_response_pct",
            "SLA erste Antwort",
            ColumnType::Percent(1),
        ),
        Column::new(
            "sla_first_response_n",
            "SLA erste Antwort n",
            ColumnType::Integer,
        ),
        Column::new("sla_resolution_pct", "SLA Lösung", ColumnType::Percent(1)),
        Column::new("sla_resolution_n", "SLA Lösung n", ColumnType::Integer),
        Column::new("backlog_end", "Rückstau am Stichtag", ColumnType::Integer),
        Column::new(
            "tickets_per_100_devices",
            "Tickets je 100 Geräte",
            ColumnType::Decimal(1),
        ),
        Column::new(
            "tickets_per_100_pupils",
            "Tickets je 100 SuS",
            ColumnType::Decimal(1),
        ),
        Column::new(
            "reopen_rate_pct",
            "Wiederöffnungsquote",
            ColumnType::Percent(1),
        ),
        Column::new("small_n", "kleine Fallzahl", ColumnType::Text),
    ];
    let mut t = DataTable::new(
        name,
        format!("{} · {} ({})", by.title(), d.period_label, d.as_of_label),
        columns,
    );
    let mut source = format!(
        "{}; Schulferien: Ferienordnung NRW (MSB); Feiertage NRW berechnet",
        d.source_label
    );
    if let Some(i) = &d.imported {
        source.push_str(&format!(" · Import: {i}"));
    }
    t.source = source;
    t.notes.push(format!(
        "{}; Ziele: Vertrag „{}“; Servicezeiten: {}",
        d.clock_label, d.contract, d.calendar_description
    ));
    if d.demo {
        t.notes.push("Beispieldaten (Demo-Schulträger)".into());
    }
    for def in &d.definitions {
        t.notes.push(format!("{}: {}", def.term, def.text));
    }
    let num = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Num);
    let int = |x: u32| Cell::Int(i64::from(x));
    for r in by.rows(d) {
        let fr = &r.sla_first_response;
        let rs = &r.sla_resolution;
        t.push(vec![
            r.key.clone().into(),
            r.label.clone().into(),
            int(r.tickets),
            num(r.ttfr.median),
            num(r.ttfr.p90),
            num(r.ttfr.mean),
            int(r.ttfr.n),
            num(r.ttr.median),
            num(r.ttr.p90),
            num(r.ttr.mean),
            int(r.ttr.n),
            num(fr.pct()),
            int(fr.met + fr.breached),
            num(rs.pct()),
            int(rs.met + rs.breached),
            int(r.backlog_end),
            num(r.per_100_devices),
            num(r.per_100_pupils),
            num(r.reopen_rate_pct),
            if r.small_n { "ja" } else { "nein" }.into(),
        ])?;
    }
    Ok(t)
}
