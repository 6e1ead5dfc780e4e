//! Business time: seconds inside the service window between two UTC instants.
//!
//! `BusinessCalendar::build` precomputes, for every local day of the years in range, the open
//! interval as UTC instants (so DST changes are handled once, by the time zone database) and the
//! running total of open seconds. A query is then two O(1) look-ups:
//! `business(a, b) = cum(b) − cum(a)`. Bewegliche Ferientage of one school are subtracted from
//! that with a binary search over the school's few extra days.

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone};

use super::holidays::nrw_public_holidays;
use super::school_holidays::SchoolHoliday;
use super::service_window::ServiceWindow;
use super::CalendarError;

const DAY: i64 = 86_400;

/// A precomputed business-time calendar for the local days `first_day ..= last_day`.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    first_day: NaiveDate,
    /// UTC instant of local midnight at the start of `first_day`.
    first_midnight: i64,
    /// Per day: UTC instant where the day's window opens (local midnight for closed days).
    /// Non-decreasing.
    open: Vec<i64>,
    /// Per day: open seconds (0 = closed).
    len: Vec<i64>,
    /// `cum[k]` = open seconds of days `0..k`.
    cum: Vec<i64>,
    /// Per day: UTC instant of local midnight at its start (plus one entry for the day after).
    midnight: Vec<i64>,
    description: String,
    description_en: String,
}

/// Why a day is closed (for the calendar view and explanations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Open,
    Weekend,
    PublicHoliday,
    SchoolHoliday,
}

fn local_instant(tz: &chrono_tz::Tz, date: NaiveDate, minutes: u16) -> i64 {
    let (date, minutes) = if minutes >= 1440 {
        (date + Duration::days(1), minutes - 1440)
    } else {
        (date, minutes)
    };
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minutes) * 60, 0)
        .unwrap_or(NaiveTime::MIN);
    let naive = date.and_time(time);
    // In a DST gap the local time does not exist: take the first instant after the gap.
    let mut probe = naive;
    for _ in 0..4 {
        if let Some(dt) = tz.from_local_datetime(&probe).earliest() {
            return dt.timestamp();
        }
        probe += Duration::minutes(30);
    }
    naive.and_utc().timestamp()
}

impl BusinessCalendar {
    /// Builds the calendar for the local days from 1 January of `from_year` to 31 December of
    /// `to_year`. `school_holidays` only count when the window excludes them.
    pub fn build(
        window: &ServiceWindow,
        school_holidays: &[SchoolHoliday],
        from_year: i32,
        to_year: i32,
    ) -> Result<BusinessCalendar, CalendarError> {
        let tz = window.tz()?;
        let (from_year, to_year) = (from_year.min(to_year), from_year.max(to_year));
        let first_day =
            NaiveDate::from_ymd_opt(from_year, 1, 1).ok_or_else(|| CalendarError::Invalid {
                field: "Jahr".into(),
                message: format!("{from_year} liegt außerhalb des Kalenders"),
            })?;
        let last_day =
            NaiveDate::from_ymd_opt(to_year, 12, 31).ok_or_else(|| CalendarError::Invalid {
                field: "Jahr".into(),
                message: format!("{to_year} liegt außerhalb des Kalenders"),
            })?;
        let mut closed: HashSet<NaiveDate> = HashSet::new();
        if window.exclude_public_holidays {
            for y in from_year..=to_year {
                closed.extend(nrw_public_holidays(y).into_iter().map(|h| h.date));
            }
        }
        if window.exclude_school_holidays {
            for h in school_holidays {
                let mut d = h.start.max(first_day);
                while d <= h.end.min(last_day) {
                    closed.insert(d);
                    d += Duration::days(1);
                }
            }
        }
        let n = (last_day - first_day).num_days() as usize + 1;
        let mut open = Vec::with_capacity(n);
        let mut len = Vec::with_capacity(n);
        let mut cum = Vec::with_capacity(n + 1);
        cum.push(0i64);
        let mut midnight = Vec::with_capacity(n + 1);
        let mut d = first_day;
        let mut total = 0i64;
        for _ in 0..n {
            midnight.push(local_instant(&tz, d, 0));
            let hours = window.days[d.weekday().num_days_from_monday() as usize];
            match hours {
                Some(h) if !closed.contains(&d) => {
                    let o = local_instant(&tz, d, h.open_min);
                    let c = local_instant(&tz, d, h.close_min);
                    open.push(o);
                    len.push((c - o).max(0));
                }
                _ => {
                    open.push(local_instant(&tz, d, 0));
                    len.push(0);
                }
            }
            total += len[len.len() - 1];
            cum.push(total);
            d += Duration::days(1);
        }
        midnight.push(local_instant(&tz, d, 0));
        Ok(BusinessCalendar {
            first_day,
            first_midnight: midnight[0],
            open,
            len,
            cum,
            midnight,
            description: window.describe(),
            description_en: window.describe_en(),
        })
    }

    /// The service window in words (for footnotes).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The same in English.
    pub fn description_en(&self) -> &str {
        &self.description_en
    }

    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    pub fn last_day(&self) -> NaiveDate {
        self.first_day + Duration::days(self.open.len() as i64 - 1)
    }

    /// Index of the local day whose open instant is the last one ≤ `t`; −1 before the range.
    #[inline]
    fn day_of(&self, t: i64) -> isize {
        let n = self.open.len() as isize;
        if n == 0 {
            return -1;
        }
        let mut k = ((t - self.first_midnight).div_euclid(DAY) as isize).clamp(-1, n - 1);
        while k + 1 < n && self.open[(k + 1) as usize] <= t {
            k += 1;
        }
        while k >= 0 && self.open[k as usize] > t {
            k -= 1;
        }
        k
    }

    /// Open seconds from the start of the range to `t`.
    #[inline]
    fn cum_at(&self, t: i64) -> i64 {
        let k = self.day_of(t);
        if k < 0 {
            return 0;
        }
        let k = k as usize;
        self.cum[k] + (t - self.open[k]).min(self.len[k])
    }

    /// Business seconds between two UTC instants (Unix seconds); 0 when `b ≤ a`.
    #[inline]
    pub fn business_seconds(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        self.cum_at(b) - self.cum_at(a)
    }

    /// Business seconds between `a` and `b` for a school with extra closed days (bewegliche
    /// Ferientage, as sorted day indices from `day_index`).
    #[inline]
    pub fn business_seconds_with(&self, a: i64, b: i64, extra_closed: &[u32]) -> i64 {
        let base = self.business_seconds(a, b);
        if extra_closed.is_empty() || base == 0 {
            return base;
        }
        let ka = self.day_of(a).max(0) as u32;
        let kb = self.day_of(b).max(0) as u32;
        let from = extra_closed.partition_point(|&k| k < ka);
        let mut minus = 0;
        for &k in &extra_closed[from..] {
            if k > kb {
                break;
            }
            let k = k as usize;
            let (o, c) = (self.open[k], self.open[k] + self.len[k]);
            minus += (c.min(b) - o.max(a)).max(0);
        }
        base - minus
    }

    /// Index of the local day containing instant `t`, if in range (O(1)).
    #[inline]
    pub fn local_day(&self, t: i64) -> Option<u32> {
        let n = self.open.len() as isize;
        if n == 0 || t < self.midnight[0] || t >= self.midnight[n as usize] {
            return None;
        }
        let mut k = ((t - self.first_midnight).div_euclid(DAY) as isize).clamp(0, n - 1);
        while k + 1 < n && self.midnight[(k + 1) as usize] <= t {
            k += 1;
        }
        while k > 0 && self.midnight[k as usize] > t {
            k -= 1;
        }
        Some(k as u32)
    }

    /// UTC instant of local midnight at the start of day `k` (`k = days` gives the end of range).
    pub fn midnight_of(&self, k: u32) -> i64 {
        self.midnight[(k as usize).min(self.midnight.len() - 1)]
    }

    /// Number of precomputed days.
    pub fn days(&self) -> usize {
        self.open.len()
    }

    /// Local date of day index `k`.
    pub fn date_of(&self, k: u32) -> NaiveDate {
        self.first_day + Duration::days(i64::from(k))
    }

    /// Index of a local date in this calendar, if in range.
    pub fn day_index(&self, date: NaiveDate) -> Option<u32> {
        let k = (date - self.first_day).num_days();
        (k >= 0 && (k as usize) < self.open.len()).then_some(k as u32)
    }

    /// Open seconds of a local date (0 when closed or out of range).
    pub fn open_seconds_on(&self, date: NaiveDate) -> i64 {
        self.day_index(date).map_or(0, |k| self.len[k as usize])
    }

    /// Whether instant `t` lies inside the range of precomputed days.
    pub fn covers(&self, t: i64) -> bool {
        match (self.open.first(), self.open.last()) {
            (Some(_), Some(&last)) => t >= self.first_midnight && t < last + DAY,
            _ => false,
        }
    }
}

/// Why `date` is closed or open under `window` (for the calendar view).
pub fn day_kind(
    window: &ServiceWindow,
    school_holidays: &[SchoolHoliday],
    date: NaiveDate,
) -> DayKind {
    if window.exclude_public_holidays
        && nrw_public_holidays(date.year())
            .iter()
            .any(|h| h.date == date)
    {
        return DayKind::PublicHoliday;
    }
    if window.exclude_school_holidays
        && school_holidays
            .iter()
            .any(|h| h.start <= date && date <= h.end)
    {
        return DayKind::SchoolHoliday;
    }
    if window.days[date.weekday().num_days_from_monday() as usize].is_none() {
        return DayKind::Weekend;
    }
    DayKind::Open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::school_holidays::list_school_holidays;
    use crate::Store;

    fn utc(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn shipped() -> Vec<SchoolHoliday> {
        let s = Store::open_in_memory().unwrap();
        list_school_holidays(s.conn()).unwrap()
    }

    fn cal(window: &ServiceWindow) -> BusinessCalendar {
        BusinessCalendar::build(window, &shipped(), 2024, 2027).unwrap()
    }

    // Default window: Mon–Fri 07:30–16:00 local = 510 minutes per open day.

    #[test]
    fn same_day_and_outside_hours() {
        let c = cal(&ServiceWindow::default());
        // Tue 10.11.2026 (CET, UTC+1): 09:00–11:15 local = 135 min.
        assert_eq!(
            c.business_seconds(utc("2026-11-10T08:00:00Z"), utc("2026-11-10T10:15:00Z")),
            135 * 60
        );
        // Created 06:00 local, solved 17:00 local: only the window counts = 510 min.
        assert_eq!(
            c.business_seconds(utc("2026-11-10T05:00:00Z"), utc("2026-11-10T16:00:00Z")),
            510 * 60
        );
        // Both outside on the same evening: 0.
        assert_eq!(
            c.business_seconds(utc("2026-11-10T17:00:00Z"), utc("2026-11-10T20:00:00Z")),
            0
        );
        // Reversed: 0.
        assert_eq!(
            c.business_seconds(utc("2026-11-10T10:00:00Z"), utc("2026-11-10T09:00:00Z")),
            0
        );
    }

    #[test]
    fn crosses_weekend_and_public_holiday() {
        let c = cal(&ServiceWindow::default());
        // Thu 30.04.2026 14:00 CEST → Mon 04.05.2026 09:00 CEST. Fri 1 May is a holiday,
        // then the weekend: Thu 14:00–16:00 = 120, Mon 07:30–09:00 = 90 → 210 min.
        assert_eq!(
            c.business_seconds(utc("2026-04-30T12:00:00Z"), utc("2026-05-04T07:00:00Z")),
            210 * 60
        );
    }

    #[test]
    fn crosses_school_holidays_and_dst_end() {
        // Fri 10.10.2025 15:00 CEST → Mon 27.10.2025 08:00 CET (Herbstferien 13.–25.10.,
        // clocks go back on 26.10.). School time: Fri 60 + Mon 30 = 90 min.
        let a = utc("2025-10-10T13:00:00Z");
        let b = utc("2025-10-27T07:00:00Z");
        assert_eq!(
            cal(&ServiceWindow::default()).business_seconds(a, b),
            90 * 60
        );
        // Without school holidays: plus 10 open days of 510 min (no public holiday in between).
        let w = ServiceWindow {
            exclude_school_holidays: false,
            ..ServiceWindow::default()
        };
        assert_eq!(cal(&w).business_seconds(a, b), (90 + 10 * 510) * 60);
        // Calendar clock for comparison: 16 days 18 hours.
        assert_eq!((b - a) / 60, 16 * 1440 + 18 * 60);
    }

    #[test]
    fn dst_start_moves_the_window_in_utc() {
        let w = ServiceWindow {
            exclude_school_holidays: false,
            ..ServiceWindow::default()
        };
        let c = cal(&w);
        // Fri 27.03.2026 15:00 CET (14:00Z) → Mon 30.03.2026 08:00 CEST (06:00Z): 60 + 30 min.
        assert_eq!(
            c.business_seconds(utc("2026-03-27T14:00:00Z"), utc("2026-03-30T06:00:00Z")),
            90 * 60
        );
        // On Monday the window opens at 05:30Z (07:30 CEST), not 06:30Z.
        assert_eq!(
            c.business_seconds(utc("2026-03-30T05:00:00Z"), utc("2026-03-30T06:30:00Z")),
            60 * 60
        );
    }

    #[test]
    fn bewegliche_ferientage_only_for_their_school() {
        let c = cal(&ServiceWindow::default());
        // Wed 13.05.2026 15:00 CEST → Mon 18.05.2026 08:00 CEST; Thu 14.05. Christi Himmelfahrt.
        let a = utc("2026-05-13T13:00:00Z");
        let b = utc("2026-05-18T06:00:00Z");
        // Without a free day: Wed 60 + Fri 510 + Mon 30 = 600 min.
        assert_eq!(c.business_seconds(a, b), 600 * 60);
        // School with a beweglicher Ferientag on Fri 15.05.2026: 90 min.
        let free = [c
            .day_index(NaiveDate::from_ymd_opt(2026, 5, 15).unwrap())
            .unwrap()];
        assert_eq!(c.business_seconds_with(a, b, &free), 90 * 60);
        // A free day outside the interval changes nothing.
        let other = [c
            .day_index(NaiveDate::from_ymd_opt(2026, 6, 5).unwrap())
            .unwrap()];
        assert_eq!(c.business_seconds_with(a, b, &other), 600 * 60);
        // Starting inside the free day counts nothing of it.
        assert_eq!(
            c.business_seconds_with(utc("2026-05-15T08:00:00Z"), b, &free),
            30 * 60
        );
    }

    #[test]
    fn local_day_follows_berlin_midnight() {
        let c = cal(&ServiceWindow::default());
        let day = |s: &str| c.local_day(utc(s)).map(|k| c.date_of(k).to_string());
        // 23:30Z on 31.03.2026 is 01:30 CEST on 01.04.
        assert_eq!(day("2026-03-31T23:30:00Z").as_deref(), Some("2026-04-01"));
        // 22:59Z on 31.12.2025 is 23:59 CET on 31.12.
        assert_eq!(day("2025-12-31T22:59:00Z").as_deref(), Some("2025-12-31"));
        assert_eq!(day("2025-12-31T23:00:00Z").as_deref(), Some("2026-01-01"));
        assert_eq!(day("2023-06-01T00:00:00Z"), None);
    }

    #[test]
    fn matches_a_minute_by_minute_count() {
        // Independent slow reference: walk minute by minute through 3 weeks around Christmas.
        let w = ServiceWindow::default();
        let holidays = shipped();
        let c = BusinessCalendar::build(&w, &holidays, 2025, 2026).unwrap();
        let tz: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        let start = utc("2025-12-15T06:07:00Z");
        let end = utc("2026-01-09T15:31:00Z");
        let mut count = 0i64;
        let mut t = start;
        let mut checkpoints = Vec::new();
        while t < end {
            let local = tz.timestamp_opt(t, 0).unwrap().naive_local();
            let m = local
                .time()
                .signed_duration_since(NaiveTime::MIN)
                .num_minutes();
            if day_kind(&w, &holidays, local.date()) == DayKind::Open && (450..960).contains(&m) {
                count += 1;
            }
            t += 60;
            if (t - start) % (997 * 60) == 0 {
                checkpoints.push((t, count));
            }
        }
        assert_eq!(c.business_seconds(start, end), count * 60);
        for (t, n) in checkpoints {
            assert_eq!(c.business_seconds(start, t), n * 60);
        }
        // 15.–19.12. and 7.–9.1. are open: at least a week of 510 min each.
        assert!(count > 5 * 510);
    }
}
