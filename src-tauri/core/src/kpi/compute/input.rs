//! The inputs of the KPI computation: schools, tickets, parameters and the calendar years
//! they need.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::kpi::devices::{average_age_at, period_average, DeviceCohort};
use crate::kpi::targets::Targets;

/// Index of "no school matched" in `KpiTicket::school`.
pub const NO_SCHOOL: u32 = u32::MAX;

/// Which clock durations are measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// Minutes inside the service window (school time).
    #[default]
    Business,
    /// Wall-clock minutes.
    Calendar,
}

impl Clock {
    pub fn parse(s: &str) -> Option<Clock> {
        match s {
            "business" | "geschaeftszeit" | "schulzeit" => Some(Clock::Business),
            "calendar" | "kalender" => Some(Clock::Calendar),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Clock::Business => "Geschäftszeit (Servicezeiten)",
            Clock::Calendar => "Kalenderzeit",
        }
    }
}

/// A school as the KPIs need it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolInfo {
    pub schulnummer: String,
    pub name: String,
    pub pupils: Option<f64>,
    /// Explicit device count (manual entry or asset count), constant over any period; when
    /// set it wins over `device_cohorts`.
    pub devices: Option<f64>,
    pub avg_device_age_years: Option<f64>,
    /// Inventory cohorts: the period average of devices in use comes from them (`devices.rs`).
    pub device_cohorts: Vec<DeviceCohort>,
}

impl SchoolInfo {
    /// Average devices in use over `from ..= to` (DOMAIN.md §4 "per 100 devices").
    pub fn devices_in(&self, from: NaiveDate, to: NaiveDate) -> Option<f64> {
        self.devices
            .or_else(|| period_average(&self.device_cohorts, from, to))
    }

    /// Average device age in years for the period.
    pub fn device_age_in(&self, from: NaiveDate, to: NaiveDate) -> Option<f64> {
        self.avg_device_age_years
            .or_else(|| average_age_at(&self.device_cohorts, from, to))
    }
}

/// A ticket reduced to what the KPIs read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiTicket {
    /// Index into `KpiInput::schools`, or `NO_SCHOOL`.
    pub school: u32,
    pub created: i64,
    pub first_response: Option<i64>,
    /// Solved, else closed.
    pub resolved: Option<i64>,
    /// State is solved/closed but the export has no time for it.
    pub done_without_time: bool,
    pub priority: u8,
    /// Index into `KpiInput::categories`.
    pub category: u32,
    pub reopen_count: Option<u32>,
    pub sla_response: Option<bool>,
    pub sla_resolution: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub struct KpiInput {
    pub schools: Vec<SchoolInfo>,
    pub categories: Vec<String>,
    pub tickets: Vec<KpiTicket>,
}

impl KpiInput {
    /// First and last calendar year the instants of the tickets fall in (UTC years widened by
    /// one on each side is what the calendar needs; see `calendar_years`).
    pub fn instant_range(&self) -> Option<(i64, i64)> {
        let mut lo = i64::MAX;
        let mut hi = i64::MIN;
        for t in &self.tickets {
            lo = lo.min(t.created);
            hi = hi.max(t.created);
            if let Some(x) = t.first_response {
                hi = hi.max(x);
            }
            if let Some(x) = t.resolved {
                hi = hi.max(x);
            }
        }
        (lo <= hi).then_some((lo, hi))
    }
}

/// Filters and settings of one computation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KpiParams {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub clock: Clock,
    /// Only tickets of this priority (1–4).
    pub priority: Option<u8>,
    pub targets: Targets,
    /// Groups with fewer tickets are flagged "kleine Fallzahl".
    pub small_n: u32,
}

impl Default for KpiParams {
    fn default() -> Self {
        KpiParams {
            from: None,
            to: None,
            clock: Clock::Business,
            priority: None,
            targets: Targets::default(),
            small_n: 10,
        }
    }
}

/// The calendar years a computation over `input` with `params` needs.
pub fn calendar_years(input: &KpiInput, params: &KpiParams) -> (i32, i32) {
    let year = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(|d| d.year())
            .unwrap_or(2000)
    };
    let (mut lo, mut hi) = match input.instant_range() {
        Some((a, b)) => (year(a), year(b)),
        None => {
            let y = chrono::Utc::now().year();
            (y, y)
        }
    };
    if let Some(f) = params.from {
        lo = lo.min(f.year());
    }
    if let Some(t) = params.to {
        hi = hi.max(t.year());
    }
    // One year of margin on each side for instants near New Year in local time.
    (lo - 1, hi + 1)
}
