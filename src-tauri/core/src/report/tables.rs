//! Named tables for export (`schulit export --list`, `schulit export NAME --out FILE.xlsx`, the
//! UI's export buttons). Every area registers its tables here, like charts in `chart/registry.rs`.

use serde::Serialize;

use super::table::{Cell, Column, ColumnType, DataTable};
use super::ReportError;
use crate::chart::{last_import_date, registry::ChartParams};
use crate::kpi::tables::{kpi_table, KpiGrouping};
use crate::kpi::{build_dashboard, DashboardRequest};
use crate::{CoreError, Store};

pub type BuildTable = fn(&Store, &ChartParams) -> Result<DataTable, CoreError>;

#[derive(Clone, Copy)]
pub struct TableDef {
    pub name: &'static str,
    pub title: &'static str,
    pub area: &'static str,
    pub needs_school: bool,
    pub build: BuildTable,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    pub name: String,
    pub title: String,
    pub area: String,
    pub needs_school: bool,
}

/// Every exportable table. Areas add one line here.
pub fn all() -> Vec<TableDef> {
    vec![
        TableDef {
            name: "schools",
            title: "Schulregister",
            area: "Schulen",
            needs_school: false,
            build: schools_table,
        },
        TableDef {
            name: "budget-years",
            title: "Budgetplan: Jahressummen",
            area: "Budget",
            needs_school: false,
            build: budget_years,
        },
        TableDef {
            name: "budget-schools",
            title: "Budgetplan: Schulen",
            area: "Budget",
            needs_school: false,
            build: budget_schools,
        },
        TableDef {
            name: "budget-categories",
            title: "Budgetplan: Kategorien",
            area: "Budget",
            needs_school: false,
            build: budget_categories,
        },
        TableDef {
            name: "budget-deferrals",
            title: "Budgetplan: Verschiebungen",
            area: "Budget",
            needs_school: false,
            build: budget_deferrals,
        },
        TableDef {
            name: "budget-funding",
            title: "Budgetplan: Förderprogramme je Jahr",
            area: "Budget",
            needs_school: false,
            build: |s, _| budget_table(s, "budget_funding"),
        },
        TableDef {
            name: "inventory",
            title: "Bestand: Kohorten je Schule und Kategorie",
            area: "Budget",
            needs_school: false,
            build: inventory,
        },
        TableDef {
            name: "budget-equipment",
            title: "Ausstattung einer Schule: Bestand und Standard",
            area: "Budget",
            needs_school: true,
            build: |store, p| {
                let nr = p.school.as_deref().unwrap_or_default();
                let year = p.year.unwrap_or_else(crate::budget::current_year);
                super::plan_blocks::school_equipment_table(store, nr, year)
            },
        },
        TableDef {
            name: "school-holidays",
            title: "Schulferien NRW (mit Quelle und Prüfung)",
            area: "Support",
            needs_school: false,
            build: school_holidays_table,
        },
        TableDef {
            name: "import-log",
            title: "Import-Protokoll (Datenschutz)",
            area: "Datenschutz",
            needs_school: false,
            build: import_log_table,
        },
        TableDef {
            name: "offers",
            title: "Wirtschaftlichkeitsvergleich der Angebote",
            area: "Angebote",
            needs_school: false,
            build: offers_table,
        },
        TableDef {
            name: "offer-variants",
            title: "Varianten des Wirtschaftlichkeitsvergleichs",
            area: "Angebote",
            needs_school: false,
            build: offer_variants_table,
        },
        TableDef {
            name: "kpi-schools",
            title: "Support-Kennzahlen je Schule",
            area: "Support",
            needs_school: false,
            build: |s, p| kpi(s, p, KpiGrouping::School, "kpi-schools"),
        },
        TableDef {
            name: "kpi-months",
            title: "Support-Kennzahlen je Monat",
            area: "Support",
            needs_school: false,
            build: |s, p| kpi(s, p, KpiGrouping::Month, "kpi-months"),
        },
        TableDef {
            name: "kpi-priorities",
            title: "Support-Kennzahlen je Priorität",
            area: "Support",
            needs_school: false,
            build: |s, p| kpi(s, p, KpiGrouping::Priority, "kpi-priorities"),
        },
        TableDef {
            name: "kpi-categories",
            title: "Support-Kennzahlen je Kategorie",
            area: "Support",
            needs_school: false,
            build: |s, p| kpi(s, p, KpiGrouping::Category, "kpi-categories"),
        },
        TableDef {
            name: "kpi-district",
            title: "Support-Kennzahlen des Schulträgers",
            area: "Support",
            needs_school: false,
            build: |s, p| kpi(s, p, KpiGrouping::District, "kpi-district"),
        },
    ]
}

/// A KPI table of the dashboard the window shows (last twelve months, school time, standard
/// targets); with `--year` the calendar year instead.
fn kpi(
    store: &Store,
    p: &ChartParams,
    by: KpiGrouping,
    name: &str,
) -> Result<DataTable, CoreError> {
    let year = |m, d| {
        p.year
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, m, d))
    };
    let req = DashboardRequest {
        from: year(1, 1),
        to: year(12, 31),
        school: p.school.clone(),
        ..Default::default()
    };
    let d = build_dashboard(store.conn(), &req)?;
    Ok(kpi_table(&d, by, name)?)
}

/// One of the budget plan's tables (default scenario), by its name in `budget::tables`.
fn budget_table(store: &Store, name: &str) -> Result<DataTable, CoreError> {
    let (input, plan) = crate::budget::load_and_compute(store.conn(), None, None)?;
    let v = crate::budget::view::view(&input, &plan);
    crate::budget::tables::plan_tables(&input, &plan, &v)?
        .into_iter()
        .find(|t| t.name == name)
        .ok_or_else(|| ReportError::Render(format!("Tabelle „{name}“ fehlt im Budgetplan")).into())
}

fn budget_years(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    budget_table(store, "budget_years")
}

fn budget_schools(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    budget_table(store, "budget_schools")
}

fn budget_categories(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    budget_table(store, "budget_categories")
}

fn budget_deferrals(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    budget_table(store, "budget_deferrals")
}

/// All inventory cohorts (of one school with `--school`), with age and useful life.
fn inventory(store: &Store, p: &ChartParams) -> Result<DataTable, CoreError> {
    use crate::budget::inventory_view::{inventory_table, inventory_view};
    let v = inventory_view(
        store.conn(),
        p.school.as_deref(),
        crate::budget::current_year(),
    )?;
    Ok(inventory_table(&v)?)
}

/// The comparison of the stored offers (ranking, figures, reasons; assumptions as notes).
pub fn offers_table(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    let set = crate::offers::repo::load_set(store.conn(), crate::offers::next_year())?;
    let c = crate::offers::compare(&set);
    let mut t = crate::offers::export::tables(&c)?;
    Ok(t.remove(0))
}

/// The ranking of the stored variants (combinations of offers) with their figures.
pub fn offer_variants_table(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    let set = crate::offers::repo::load_set(store.conn(), crate::offers::next_year())?;
    let c = crate::offers::compare(&set);
    Ok(crate::offers::export::variants_table(&c)?)
}

/// A text cell; an empty text is an empty cell (as the XLSX stores it).
fn text(s: String) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

/// The school holidays the KPIs count as closed: each block with its source and check.
pub fn school_holidays_table(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    let mut t = DataTable::new(
        "school-holidays",
        "Schulferien NRW",
        vec![
            Column::new("school_year", "Schuljahr", ColumnType::Text),
            Column::new("name", "Ferien", ColumnType::Text),
            Column::new("start", "Erster Tag", ColumnType::Date),
            Column::new("end", "Letzter Tag", ColumnType::Date),
            Column::new("source", "Herkunft", ColumnType::Text),
            Column::new("note", "Prüfung", ColumnType::Text),
            Column::new("checked_on", "Geprüft am", ColumnType::Text),
            Column::new("source_ref", "Geprüft anhand", ColumnType::Text),
        ],
    )
    .with_source(crate::calendar::school_holidays::FERIENORDNUNG_SOURCE);
    let holidays = crate::calendar::school_holidays::list_school_holidays(store.conn())
        .map_err(CoreError::from)?;
    for h in holidays {
        let checked = chrono::NaiveDate::parse_from_str(&h.checked_on, "%Y-%m-%d")
            .map(crate::format::format_date)
            .unwrap_or_default();
        t.push(vec![
            text(h.school_year),
            text(h.name),
            Cell::Date(h.start),
            Cell::Date(h.end),
            text(h.source),
            text(h.note),
            text(checked),
            text(h.source_ref),
        ])?;
    }
    Ok(t)
}

/// The import log for the audit: every import with file, SHA-256, time (Europe/Berlin) and counts.
pub fn import_log_table(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    let mut t = DataTable::new(
        "import-log",
        "Import-Protokoll",
        vec![
            Column::new("time", "Zeit (Europe/Berlin)", ColumnType::Text),
            Column::new("kind", "Art", ColumnType::Text),
            Column::new("file", "Datei", ColumnType::Text),
            Column::new("sha256", "SHA-256", ColumnType::Text),
            Column::new("counts", "Anzahlen", ColumnType::Text),
        ],
    )
    .with_source("Import-Protokoll der Plandatei (Tabelle import_log)");
    for e in crate::privacy::import_log(store)? {
        let time = chrono::DateTime::parse_from_rfc3339(&e.imported_at)
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(&e.imported_at, "%Y-%m-%d %H:%M:%S")
                    .map(|n| n.and_utc().fixed_offset())
            })
            .map(|d| {
                d.with_timezone(&chrono_tz::Europe::Berlin)
                    .format("%d.%m.%Y %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| e.imported_at.clone());
        let counts = match &e.summary {
            serde_json::Value::Object(m) => m
                .iter()
                .filter(|(_, v)| v.is_number() || v.is_string() || v.is_array())
                .map(|(k, v)| match v {
                    serde_json::Value::Array(a) => format!("{k}: {}", a.len()),
                    serde_json::Value::String(x) => format!("{k}: {x}"),
                    other => format!("{k}: {other}"),
                })
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        t.push(vec![
            text(time),
            text(e.kind),
            text(e.file_name),
            text(e.sha256),
            text(counts),
        ])?;
    }
    Ok(t)
}

pub fn infos() -> Vec<TableInfo> {
    all()
        .into_iter()
        .map(|d| TableInfo {
            name: d.name.into(),
            title: d.title.into(),
            area: d.area.into(),
            needs_school: d.needs_school,
        })
        .collect()
}

pub fn build(store: &Store, name: &str, params: &ChartParams) -> Result<DataTable, CoreError> {
    let def =
        all()
            .into_iter()
            .find(|d| d.name == name)
            .ok_or_else(|| ReportError::UnknownTable {
                name: name.to_string(),
                known: all().iter().map(|d| d.name).collect::<Vec<_>>().join(", "),
            })?;
    if def.needs_school && params.school.is_none() {
        return Err(ReportError::NeedsSchool(name.to_string()).into());
    }
    (def.build)(store, params)
}

/// The school register with official and user fields.
pub fn schools_table(store: &Store, _p: &ChartParams) -> Result<DataTable, CoreError> {
    let schools = crate::schools::list_schools(store.conn())?;
    let mut t = DataTable::new(
        "schools",
        "Schulregister",
        vec![
            Column::new("schulnummer", "Schulnummer", ColumnType::Text),
            Column::new("name", "Name", ColumnType::Text),
            Column::new("schulform", "Schulform", ColumnType::Text),
            Column::new("strasse", "Straße", ColumnType::Text),
            Column::new("plz", "PLZ", ColumnType::Text),
            Column::new("ort", "Ort", ColumnType::Text),
            Column::new("pupils", "Schülerzahl", ColumnType::Integer),
            Column::new("sozialindex", "Sozialindex", ColumnType::Integer),
            Column::new("teachers", "Lehrkräfte", ColumnType::Integer),
            Column::new("classes", "Klassen", ColumnType::Integer),
            Column::new("rooms", "Unterrichtsräume", ColumnType::Integer),
            Column::new(
                "growth",
                "Entwicklung Schülerzahl je Jahr",
                ColumnType::Percent(1),
            ),
        ],
    );
    let mut src = crate::chart::DIRECTORY_SOURCE.to_string();
    if let Some(d) = last_import_date(store, "schools") {
        src.push_str(&format!(" · Stand: {d}"));
    }
    t.source = src;
    t.notes.push(crate::DIRECTORY_ATTRIBUTION.to_string());
    for s in &schools {
        t.push(vec![
            s.schulnummer.clone().into(),
            s.display_name().into(),
            s.schulform.clone().into(),
            s.strasse.clone().into(),
            s.plz.clone().into(),
            s.ort.clone().into(),
            Cell::Int(s.pupils_total()),
            s.sozialindex.into(),
            s.teachers.into(),
            s.classes.into(),
            s.rooms.into(),
            Cell::Num(s.pupil_growth_pct),
        ])?;
    }
    Ok(t)
}
