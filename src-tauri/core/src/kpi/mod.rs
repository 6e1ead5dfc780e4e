//! Support KPIs per school, month, priority, category and for the district, on school time or
//! calendar time. See DOMAIN.md §4.

pub mod compute;
pub mod dashboard;
pub mod dashboard_en;
pub mod data;
pub mod demo;
pub mod devices;
pub mod grouped;
pub mod percentile;
pub mod tables;
pub mod targets;
pub mod window_choice;

pub use compute::{compute, Clock, KpiInput, KpiParams, KpiResult, KpiRow, KpiTicket, SchoolInfo};
pub use dashboard::{build_dashboard, Dashboard, DashboardRequest};
pub use percentile::{percentile, Stats};
pub use targets::{load_targets, save_targets, Targets, DEFAULT_CONTRACT};
pub use window_choice::{choose_window, WindowChoice, WindowReason};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum KpiError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

#[cfg(test)]
mod tests;
