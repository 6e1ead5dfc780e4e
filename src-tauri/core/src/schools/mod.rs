//! The school register: the Schulträger's schools, keyed by Schulnummer.

mod directory;
mod model;
mod repo;

use thiserror::Error;

pub use directory::{
    import_directory, import_directory_bytes, list_directory_traeger, list_directory_traeger_bytes,
    DirectoryFilter, DirectoryTraeger, ImportSummary,
};
pub use model::{grade_range, School, SchoolEdit, SchoolForm};
pub use repo::{delete_school, get_school, insert_school, list_schools, set_grades, update_school};

#[derive(Debug, Error)]
pub enum SchoolError {
    #[error("Schule {0} ist nicht im Schulregister.")]
    NotFound(String),
    #[error("Schulnummer {0} gibt es schon.")]
    Duplicate(String),
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("Im Schulverzeichnis gibt es keine Schulen für {0}. Bitte Schreibweise prüfen (z. B. „Krfr. Stadt Köln“) oder den Gemeindeschlüssel angeben.")]
    NoSchoolsForFilter(String),
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
