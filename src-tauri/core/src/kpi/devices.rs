//! Devices in use per school over a KPI period: the denominator of "Tickets je 100 Geräte".
//!
//! The inventory (`budget_inventory`) knows cohorts (units of a category bought in a year), not
//! single devices. A cohort counts as in stock from 1 January of its purchase year until
//! 31 December of the last year of its useful life (purchase year + life − 1, life from the
//! default catalogue; categories the catalogue does not know stay in stock). The period average
//! is Σ units × days in stock within the period ÷ days of the period. An explicit count
//! (`kpi_device_counts`) is taken as constant over the period instead.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Text of the definition shown under the KPI charts.
pub const DEVICE_AVERAGE_DEFINITION: &str = "Geräte im Einsatz = Durchschnitt über den Zeitraum: jede Inventar-Kohorte zählt mit ihren Stückzahlen an den Tagen, an denen sie im Bestand ist (vom 1. Januar des Kaufjahres bis zum 31. Dezember des letzten Jahres ihrer Nutzungsdauer laut Standardkatalog), geteilt durch die Tage des Zeitraums. Eine eingetragene Gerätezahl der Schule gilt unverändert für den ganzen Zeitraum.";

/// Units of one inventory cohort and the days it is in stock (both ends inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DeviceCohort {
    pub units: f64,
    pub in_stock_from: NaiveDate,
    /// Last day in stock; `None` = still in stock.
    pub in_stock_until: Option<NaiveDate>,
}

impl DeviceCohort {
    /// A cohort bought in `purchase_year` with a useful life of `life_years` (None = unknown).
    pub fn from_purchase(units: f64, purchase_year: i32, life_years: Option<i32>) -> DeviceCohort {
        DeviceCohort {
            units,
            in_stock_from: NaiveDate::from_ymd_opt(purchase_year, 1, 1).unwrap_or(NaiveDate::MIN),
            in_stock_until: life_years
                .filter(|&l| l > 0)
                .and_then(|l| NaiveDate::from_ymd_opt(purchase_year + l - 1, 12, 31)),
        }
    }
}

/// Days of `[a, b]` (inclusive) that fall in `[from, to]`.
fn overlap_days(a: NaiveDate, b: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> i64 {
    let lo = a.max(from);
    let hi = b.map_or(to, |b| b.min(to));
    if hi < lo {
        0
    } else {
        (hi - lo).num_days() + 1
    }
}

/// Average devices in stock over `from ..= to`, weighted by days; `None` without cohorts or
/// when no cohort is in stock during the period.
pub fn period_average(cohorts: &[DeviceCohort], from: NaiveDate, to: NaiveDate) -> Option<f64> {
    if cohorts.is_empty() || to < from {
        return None;
    }
    let days = (to - from).num_days() + 1;
    let unit_days: f64 = cohorts
        .iter()
        .map(|c| c.units * overlap_days(c.in_stock_from, c.in_stock_until, from, to) as f64)
        .sum();
    (unit_days > 0.0).then(|| unit_days / days as f64)
}

/// Units-weighted average age in years at the middle of the period of the cohorts in stock
/// then (purchase assumed mid-year: age = year of the middle − purchase year + ½).
pub fn average_age_at(cohorts: &[DeviceCohort], from: NaiveDate, to: NaiveDate) -> Option<f64> {
    let mid = from + (to - from) / 2;
    let (mut units, mut weighted) = (0.0, 0.0);
    for c in cohorts {
        if c.in_stock_from <= mid && c.in_stock_until.is_none_or(|u| mid <= u) {
            units += c.units;
            weighted += c.units * (f64::from(mid.year() - c.in_stock_from.year()) + 0.5);
        }
    }
    (units > 0.0).then(|| weighted / units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_average_weights_cohorts_by_days_in_stock() {
        // Period 01.07.2025–30.06.2026 = 365 days (no 29 February in it).
        // A: 100 tablets bought 2021, life 5 → in stock until 31.12.2025: 01.07.–31.12.2025 = 184 days.
        // B: 60 laptops bought 2026, life 6 → from 01.01.2026: 01.01.–30.06.2026 = 181 days.
        // C: 10 displays, life unknown, bought 2019 → all 365 days.
        // Average = (100·184 + 60·181 + 10·365) / 365 = (18400 + 10860 + 3650) / 365 = 32910 / 365.
        let cohorts = [
            DeviceCohort::from_purchase(100.0, 2021, Some(5)),
            DeviceCohort::from_purchase(60.0, 2026, Some(6)),
            DeviceCohort::from_purchase(10.0, 2019, None),
        ];
        let avg = period_average(&cohorts, d(2025, 7, 1), d(2026, 6, 30)).unwrap();
        assert!((avg - 32910.0 / 365.0).abs() < 1e-9, "{avg}");
        assert!((avg - 90.164_383_561_643_84).abs() < 1e-9);
        // A period entirely before any purchase has no devices.
        assert_eq!(
            period_average(&cohorts[1..2], d(2025, 1, 1), d(2025, 12, 31)),
            None
        );
        assert_eq!(period_average(&[], d(2025, 1, 1), d(2025, 12, 31)), None);
        // One day: only what is in stock on that day (A retired, B not yet bought, C).
        assert_eq!(
            period_average(&cohorts, d(2025, 12, 31), d(2025, 12, 31)),
            Some(110.0)
        );
        // Middle of the period: 30.12.2025 (A, C in stock): (100·(2025−2021+½) + 10·(2025−2019+½)) / 110.
        let age = average_age_at(&cohorts, d(2025, 7, 1), d(2026, 6, 30)).unwrap();
        assert!((age - (450.0 + 65.0) / 110.0).abs() < 1e-9, "{age}");
    }
}
