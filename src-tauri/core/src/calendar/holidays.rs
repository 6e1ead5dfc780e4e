//! NRW public holidays (gesetzliche Feiertage), computed for any year.
//!
//! Fixed: Neujahr (1.1.), Tag der Arbeit (1.5.), Tag der Deutschen Einheit (3.10.),
//! Allerheiligen (1.11.), 1. und 2. Weihnachtstag (25./26.12.). Movable, relative to Easter
//! Sunday: Karfreitag (−2), Ostermontag (+1), Christi Himmelfahrt (+39), Pfingstmontag (+50),
//! Fronleichnam (+60). Source: Feiertagsgesetz NW (FTG NW) § 2.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// One public holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicHoliday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm after Gauss, in the
/// form given by Meeus, "Astronomical Algorithms", ch. 8). Valid for every year from 1583 on.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction of the algorithm.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// The eleven NRW public holidays of `year`, sorted by date.
pub fn nrw_public_holidays(year: i32) -> Vec<PublicHoliday> {
    let easter = easter_sunday(year);
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
    let mut out = vec![
        PublicHoliday {
            date: fixed(1, 1),
            name: "Neujahr",
        },
        PublicHoliday {
            date: easter - Duration::days(2),
            name: "Karfreitag",
        },
        PublicHoliday {
            date: easter + Duration::days(1),
            name: "Ostermontag",
        },
        PublicHoliday {
            date: fixed(5, 1),
            name: "Tag der Arbeit",
        },
        PublicHoliday {
            date: easter + Duration::days(39),
            name: "Christi Himmelfahrt",
        },
        PublicHoliday {
            date: easter + Duration::days(50),
            name: "Pfingstmontag",
        },
        PublicHoliday {
            date: easter + Duration::days(60),
            name: "Fronleichnam",
        },
        PublicHoliday {
            date: fixed(10, 3),
            name: "Tag der Deutschen Einheit",
        },
        PublicHoliday {
            date: fixed(11, 1),
            name: "Allerheiligen",
        },
        PublicHoliday {
            date: fixed(12, 25),
            name: "1. Weihnachtstag",
        },
        PublicHoliday {
            date: fixed(12, 26),
            name: "2. Weihnachtstag",
        },
    ];
    out.sort_by_key(|h| h.date);
    out
}

/// Whether `date` is an NRW public holiday.
pub fn is_nrw_public_holiday(date: NaiveDate) -> bool {
    nrw_public_holidays(date.year())
        .iter()
        .any(|h| h.date == date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_sundays_known_from_church_calendars() {
        // Published Easter dates (Western churches).
        let known = [
            (1818, d(1818, 3, 22)), // earliest possible
            (1943, d(1943, 4, 25)), // latest possible
            (2000, d(2000, 4, 23)),
            (2008, d(2008, 3, 23)),
            (2011, d(2011, 4, 24)),
            (2019, d(2019, 4, 21)),
            (2024, d(2024, 3, 31)),
            (2025, d(2025, 4, 20)),
            (2026, d(2026, 4, 5)),
            (2027, d(2027, 3, 28)),
            (2028, d(2028, 4, 16)),
            (2029, d(2029, 4, 1)),
            (2030, d(2030, 4, 21)),
            (2038, d(2038, 4, 25)),
        ];
        for (y, want) in known {
            assert_eq!(easter_sunday(y), want, "Ostern {y}");
        }
    }

    #[test]
    fn nrw_holidays_2026() {
        // Calendar of NRW 2026 (Easter 5 April 2026).
        let want = [
            (d(2026, 1, 1), "Neujahr"),
            (d(2026, 4, 3), "Karfreitag"),
            (d(2026, 4, 6), "Ostermontag"),
            (d(2026, 5, 1), "Tag der Arbeit"),
            (d(2026, 5, 14), "Christi Himmelfahrt"),
            (d(2026, 5, 25), "Pfingstmontag"),
            (d(2026, 6, 4), "Fronleichnam"),
            (d(2026, 10, 3), "Tag der Deutschen Einheit"),
            (d(2026, 11, 1), "Allerheiligen"),
            (d(2026, 12, 25), "1. Weihnachtstag"),
            (d(2026, 12, 26), "2. Weihnachtstag"),
        ];
        let got = nrw_public_holidays(2026);
        assert_eq!(got.len(), 11);
        for (g, (date, name)) in got.iter().zip(want) {
            assert_eq!((g.date, g.name), (date, name));
        }
        assert!(is_nrw_public_holiday(d(2025, 6, 19))); // Fronleichnam 2025
        assert!(!is_nrw_public_holiday(d(2025, 11, 19))); // Buß- und Bettag: only Saxony
    }
}
