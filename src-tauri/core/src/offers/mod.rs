//! Offers and contracts: purchase, lease, rental, support; present value comparison
//! (Wirtschaftlichkeitsvergleich) and UfAB evaluation. See DOMAIN.md §3.

pub mod demo;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OfferError {
    #[error("Angebot „{offer}“, Feld „{field}“: {message}")]
    Invalid {
        offer: String,
        field: String,
        message: String,
    },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
