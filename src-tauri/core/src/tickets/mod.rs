//! Support tickets: import of real helpdesk exports (Zammad, GLPI, Znuny/OTRS, Jira, iTop, any
//! CSV/XLSX by mapping) into canonical tickets. See DOMAIN.md §4.

pub mod demo;
pub mod model;

pub use model::{StateClass, Ticket};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TicketError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
