//! Named charts: every area registers its charts here (name, German title, whether a school
//! must be chosen, and a builder). `schulit charts` lists them; the UI and the CLI render them
//! by name.

use serde::{Deserialize, Serialize};

use super::Chart;
use crate::report::ReportError;
use crate::{CoreError, Store};

/// What a chart builder may be asked for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChartParams {
    /// Schulnummer, for per-school charts (and for highlighting in district charts).
    pub school: Option<String>,
    /// A year, for charts that show one year.
    pub year: Option<i32>,
}

pub type BuildFn = fn(&Store, &ChartParams) -> Result<Chart, CoreError>;

/// A registered chart.
#[derive(Clone, Copy)]
pub struct ChartDef {
    /// Stable name for CLI and UI, e.g. `schools-by-form`.
    pub name: &'static str,
    /// German title for lists.
    pub title: &'static str,
    /// Area that owns it ("Schulen", "Budget", "Angebote", "Support").
    pub area: &'static str,
    /// Whether `--school` is required.
    pub needs_school: bool,
    pub build: BuildFn,
}

impl std::fmt::Debug for ChartDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChartDef")
            .field("name", &self.name)
            .field("needs_school", &self.needs_school)
            .finish()
    }
}

/// Serializable description for lists (`schulit charts --json`, UI).
#[derive(Debug, Clone, Serialize)]
pub struct ChartInfo {
    pub name: String,
    pub title: String,
    pub area: String,
    pub needs_school: bool,
}

/// Every registered chart, in display order. Areas add one line here.
pub fn all() -> Vec<ChartDef> {
    let mut v = Vec::new();
    v.extend(super::schools::charts());
    v.extend(super::budget::charts());
    v.extend(super::kpi::charts());
    v.extend(super::offers::charts());
    v
}

pub fn infos() -> Vec<ChartInfo> {
    all()
        .into_iter()
        .map(|d| ChartInfo {
            name: d.name.into(),
            title: d.title.into(),
            area: d.area.into(),
            needs_school: d.needs_school,
        })
        .collect()
}

pub fn find(name: &str) -> Option<ChartDef> {
    all().into_iter().find(|d| d.name == name)
}

/// Builds the chart `name` for `params`, checking that a school is given where required.
pub fn build(store: &Store, name: &str, params: &ChartParams) -> Result<Chart, CoreError> {
    let def = find(name).ok_or_else(|| ReportError::UnknownChart {
        name: name.to_string(),
        known: all().iter().map(|d| d.name).collect::<Vec<_>>().join(", "),
    })?;
    if def.needs_school && params.school.is_none() {
        return Err(ReportError::NeedsSchool(name.to_string()).into());
    }
    if let Some(nr) = &params.school {
        // A clear message for an unknown school, before any area code runs.
        crate::schools::get_school(store.conn(), nr)?;
    }
    (def.build)(store, params)
}
