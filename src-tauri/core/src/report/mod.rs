//! Reports for the meeting: per-school and district PDF, XLSX export of every table.
//! See DOMAIN.md §5.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("Bericht kann nicht erstellt werden: {0}")]
    Render(String),
    #[error("Datei-Fehler bei {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
