//! Equipment budget planning per school (the Medienentwicklungsplan): catalogue, standards,
//! inventory cohorts, replacement cycles, funding, budget cap, scenarios. See DOMAIN.md §2.
//!
//! Pure computation lives in `plan` (with `standards`, `forecast`, `funding`, `cap`); I/O at
//! the edges in `repo` (SQLite) and `inventory_import` (files). `explain` turns any figure of a
//! plan back into its inputs, formula and sources; `assumptions` shows funding, municipal budget
//! and pupils per year the way the window's editors edit them.

// Amounts in cents are written as euros_cents (`2_500_000_00` = 2.500.000,00 €).
#![allow(clippy::inconsistent_digit_grouping)]

pub mod assumptions;
pub mod cap;
pub mod catalogue;
pub mod demo;
pub mod equipment;
pub mod explain;
pub mod forecast;
pub mod funding;
pub mod inventory;
pub mod inventory_import;
pub mod inventory_match;
pub mod inventory_preview;
pub mod inventory_view;
pub mod plan;
pub mod repo;
pub mod scenario;
pub mod standards;
pub mod tables;
pub mod view;

use thiserror::Error;

pub use cap::{Deferral, SozialWeights};
pub use catalogue::{default_catalogue, Category};
pub use forecast::SchoolFacts;
pub use funding::{AmountMode, FundingSource};
pub use inventory::Cohort;
pub use plan::{compute, Line, MunicipalYear, Plan, PlanInput, YearTotal};
pub use standards::{default_rules, BasisKind, Rule};

/// The current calendar year (default base year of a new plan, latest purchase year).
pub fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

/// Loads the assumptions of `scenario` (the default one when None; created with the defaults
/// when the plan has none yet) and computes its plan.
pub fn load_and_compute(
    conn: &rusqlite::Connection,
    scenario: Option<&str>,
    years: Option<(i32, i32)>,
) -> Result<(PlanInput, Plan), crate::CoreError> {
    if scenario.is_none() {
        repo::ensure_default_scenario(conn, current_year(), 5)?;
    }
    let input = repo::load_input(conn, scenario, years)?;
    let plan = compute(&input)?;
    Ok((input, plan))
}

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("{0} gibt es nicht.")]
    NotFound(String),
    #[error("Szenario „{0}“ gibt es schon.")]
    Duplicate(String),
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
