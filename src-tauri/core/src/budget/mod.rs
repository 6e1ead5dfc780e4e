//! Equipment budget planning per school (the Medienentwicklungsplan): catalogue, standards,
//! inventory cohorts, replacement cycles, funding, budget cap, scenarios. See DOMAIN.md §2.

pub mod demo;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
