//! The core's top-level error: one variant per layer, each layer with its own `thiserror` enum.
//! `Display` is plain German for the user; `kind()` is a stable key for the UI and scripts.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CoreError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    School(#[from] crate::schools::SchoolError),
    #[error(transparent)]
    Plan(#[from] crate::budget::PlanError),
    #[error(transparent)]
    Offer(#[from] crate::offers::OfferError),
    #[error(transparent)]
    Ticket(#[from] crate::tickets::TicketError),
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error(transparent)]
    Kpi(#[from] crate::kpi::KpiError),
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
}

impl CoreError {
    /// Stable machine-readable category (used as `kind` in the UI and in `--json` errors).
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Store(_) => "store",
            CoreError::Import(_) => "import",
            CoreError::School(_) => "school",
            CoreError::Plan(_) => "plan",
            CoreError::Offer(_) => "offer",
            CoreError::Ticket(_) => "ticket",
            CoreError::Calendar(_) => "calendar",
            CoreError::Kpi(_) => "kpi",
            CoreError::Report(_) => "report",
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        CoreError::Store(crate::store::StoreError::Sqlite(e))
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
