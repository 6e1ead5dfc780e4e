//! The results of the KPI computation: a row of figures per group, the cells of school ×
//! month, and the German labels of months and priorities.

use chrono::NaiveDate;
use serde::Serialize;

use super::Clock;
use crate::kpi::percentile::Stats;

/// Met / breached counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SlaCount {
    pub met: u32,
    pub breached: u32,
}

impl SlaCount {
    /// Compliance in percent, `None` when nothing was measured.
    pub fn pct(&self) -> Option<f64> {
        let d = self.met + self.breached;
        (d > 0).then(|| f64::from(self.met) * 100.0 / f64::from(d))
    }
}

/// KPI figures of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiRow {
    /// Machine key: Schulnummer, `YYYY-MM`, `P1`…, category, or `district`.
    pub key: String,
    pub label: String,
    pub tickets: u32,
    pub per_100_devices: Option<f64>,
    pub per_100_pupils: Option<f64>,
    pub ttfr: Stats,
    pub ttr: Stats,
    pub sla_first_response: SlaCount,
    pub sla_resolution: SlaCount,
    /// Index 0 = priority 1.
    pub sla_first_response_by_priority: [SlaCount; 4],
    pub sla_resolution_by_priority: [SlaCount; 4],
    pub backlog_end: u32,
    /// Share of tickets reopened at least once, among tickets whose export has a reopen count.
    pub reopen_rate_pct: Option<f64>,
    pub reopen_n: u32,
    /// Fewer tickets than the small-n threshold.
    pub small_n: bool,
}

/// One cell of the school × month matrix (heatmap, small multiples).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Cell {
    pub tickets: u32,
    pub ttfr_median: Option<f64>,
    pub ttr_median: Option<f64>,
    pub ttr_n: u32,
    pub sla_resolution_pct: Option<f64>,
    pub backlog_end: u32,
}

/// Everything `compute` returns.
#[derive(Debug, Clone, Serialize)]
pub struct KpiResult {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Stichtag (Unix seconds).
    pub as_of: i64,
    pub clock: Clock,
    pub priority: Option<u8>,
    pub months: Vec<String>,
    pub district: KpiRow,
    /// One row per school of the register (same order as the input), plus "ohne Zuordnung"
    /// when unmatched tickets exist.
    pub by_school: Vec<KpiRow>,
    pub by_month: Vec<KpiRow>,
    pub by_priority: Vec<KpiRow>,
    pub by_category: Vec<KpiRow>,
    /// `school_month[school][month]`, schools as in `by_school`.
    pub school_month: Vec<Vec<Cell>>,
    pub small_n: u32,
    /// Tickets outside the calendar range (should be 0).
    pub skipped: u32,
}

/// "März 2026" for "2026-03".
pub fn month_label(key: &str) -> String {
    const NAMES: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let (y, m) = key.split_once('-').unwrap_or((key, "1"));
    let m: usize = m.parse().unwrap_or(1);
    format!("{} {}", NAMES[(m.clamp(1, 12)) - 1], y)
}

pub fn priority_label(p: u8) -> &'static str {
    match p {
        1 => "P1 kritisch",
        2 => "P2 hoch",
        3 => "P3 normal",
        _ => "P4 niedrig",
    }
}
