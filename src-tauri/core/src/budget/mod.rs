//! Equipment budget planning per school (the Medienentwicklungsplan): catalogue, standards,
//! inventory cohorts, replacement cycles, funding, budget cap, scenarios. See DOMAIN.md §2.
//!
//! Pure computation lives in `plan` (with `standards`, `forecast`, `funding`, `cap`); I/O at
//! the edges in `repo` (SQLite) and `inventory_import` (files). `explain` turns any figure of a
//! plan back into its inputs, formula and sources.

pub mod cap;
pub mod catalogue;
pub mod demo;
pub mod explain;
pub mod forecast;
pub mod funding;
pub mod inventory;
pub mod inventory_import;
pub mod plan;
pub mod repo;
pub mod scenario;
pub mod standards;

use thiserror::Error;

pub use cap::{Deferral, SozialWeights};
pub use catalogue::{default_catalogue, Category};
pub use forecast::SchoolFacts;
pub use funding::{AmountMode, FundingSource};
pub use inventory::Cohort;
pub use plan::{compute, Line, MunicipalYear, Plan, PlanInput, YearTotal};
pub use standards::{default_rules, BasisKind, Rule};

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
