//! Support KPIs per school, month, priority and for the district, on school time or calendar
//! time. See DOMAIN.md §4.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum KpiError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
