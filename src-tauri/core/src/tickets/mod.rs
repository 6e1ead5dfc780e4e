//! Support tickets: import of real helpdesk exports (Zammad, GLPI, Znuny/OTRS, Jira, iTop, any
//! CSV/XLSX by mapping) into canonical tickets. See DOMAIN.md §4.
//!
//! `import` is the entry point; `detect` finds the format, `columns` + one module per source
//! describe the headers, `convert` turns a row into a [`Ticket`] with `datetime`, `priority`,
//! `state`, `schools_match` and `pseudonym`; `bulk` writes them in one transaction, `store` reads.

pub mod batch;
pub mod bulk;
pub mod columns;
pub mod convert;
pub mod datetime;
pub mod demo;
pub mod detect;
pub mod gen;
pub mod glpi;
pub mod import;
pub mod itop;
pub mod jira;
pub mod mapped;
pub mod model;
pub mod priority;
pub mod pseudonym;
pub mod schools_match;
pub mod state;
pub mod store;
pub mod zammad;
pub mod znuny;

pub use import::{import_bytes, import_file, ImportOptions, ImportSummary};
pub use model::{StateClass, Ticket};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TicketError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<crate::store::StoreError> for TicketError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Sqlite(s) => TicketError::Sqlite(s),
            other => TicketError::Invalid {
                field: "Plandatei".into(),
                message: other.to_string(),
            },
        }
    }
}
