//! Reports for the meeting: per-school and district PDF, XLSX export of every table.
//! See DOMAIN.md §5.

pub mod batch;
pub mod district;
pub mod pdf;
pub mod plan_blocks;
pub mod school;
pub mod support;
pub mod table;
pub mod tables;
pub mod xlsx;

#[cfg(test)]
mod tests;

pub use table::{Cell, Column, ColumnType, DataTable};

use std::path::Path;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("Bericht kann nicht erstellt werden: {0}")]
    Render(String),
    #[error("Datei-Fehler bei {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Unbekannte Grafik „{name}“. Verfügbar: {known}")]
    UnknownChart { name: String, known: String },
    #[error("Unbekannte Tabelle „{name}“. Verfügbar: {known}")]
    UnknownTable { name: String, known: String },
    #[error("„{0}“ gilt einer Schule: bitte die Schulnummer angeben (--school).")]
    NeedsSchool(String),
    #[error("Die Schule {0} steht nicht im Budgetplan (keine Schülerzahlen oder kein Szenario).")]
    NotInPlan(String),
}

/// Writes `bytes` to `path` via a temporary file in the same folder and a rename, so a reader
/// never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let io = |e: std::io::Error| ReportError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}
