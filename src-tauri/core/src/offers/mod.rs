//! Offers and contracts: purchase, lease, rental, support; present value comparison
//! (Wirtschaftlichkeitsvergleich), sensitivity and UfAB evaluation. See DOMAIN.md §3 and
//! `docs/OFFERS.md`.
//!
//! - `model` — the four offer kinds, settings, evaluation spec (template v1 field names)
//! - `validate` — reading the JSON template field by field; checks with German messages
//! - `csv_template` — the CSV template (one row per offer) read into the same checks
//! - `template` — JSON or CSV, detected by file name or content
//! - `cashflow` — the exact payment schedule in cents per month index
//! - `pv` — present value, annual equivalent, per device / per pupil per year
//! - `compare` — one horizon, ranking, year-by-year and cumulative flows ([`Comparison`])
//! - `sensitivity` — vary rate, prices, life, escalation; break-even; tornado data
//! - `evaluation` — UfAB: Richtwertmethoden and Nutzwertanalyse
//! - `repo` — offers, settings, criteria in SQLite
//! - `variant` — Varianten: named combinations of offers (e.g. purchase + support), compared
//!   with the same present value functions as single offers
//! - `demo` — demo offers

pub mod cashflow;
pub mod compare;
pub mod csv_template;
pub mod demo;
pub mod evaluation;
pub mod explain;
pub mod export;
pub mod model;
pub mod pv;
pub mod repo;
pub mod sensitivity;
pub mod template;
pub mod validate;
pub mod variant;

pub use compare::{compare, compare_offers, Comparison, RankEntry};
pub use model::*;
pub use pv::OfferResult;
pub use template::read_template;
pub use validate::parse_template;
pub use variant::{Variant, VariantResult};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OfferError {
    #[error("Angebot „{offer}“, Feld „{field}“: {message}")]
    Invalid {
        offer: String,
        field: String,
        message: String,
    },
    #[error("Vergleichseinstellungen, Feld „{field}“: {message}")]
    Settings { field: String, message: String },
    #[error("Variante „{variant}“, Feld „{field}“: {message}")]
    Variant {
        variant: String,
        field: String,
        message: String,
    },
    #[error("Bewertung, Feld „{field}“: {message}")]
    Evaluation { field: String, message: String },
    #[error("{file}: {message}")]
    File { file: String, message: String },
    /// A cell of the CSV template: row as a spreadsheet counts it (header = 1), column header.
    #[error("{file}, Zeile {row}, Spalte „{column}“{}: {message}", .offer.as_ref().map(|o| format!(" (Angebot „{o}“)")).unwrap_or_default())]
    Cell {
        file: String,
        row: usize,
        column: String,
        offer: Option<String>,
        message: String,
    },
    /// The CSV template could not be read as a table (encoding, header, field count).
    #[error("{0}")]
    Table(#[from] crate::import::ImportError),
    #[error("Angebot „{0}“ nicht gefunden.")]
    NotFound(String),
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The backup before an import failed (nothing was imported).
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

impl OfferError {
    pub fn invalid(offer: &str, field: &str, message: impl Into<String>) -> OfferError {
        OfferError::Invalid {
            offer: offer.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub fn variant(variant: &str, field: &str, message: impl Into<String>) -> OfferError {
        OfferError::Variant {
            variant: variant.to_string(),
            field: field.to_string(),
            message: message.into(),
        }
    }
}
