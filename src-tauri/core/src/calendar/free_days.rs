//! Rules for bewegliche Ferientage (days off a school sets itself): a school day (no weekend,
//! no public holiday, not inside the school holidays) and at most the number the Ferienordnung
//! allows per school year. Called by [`super::school_holidays::set_free_day`] before storing.

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};

use super::holidays::nrw_public_holidays;
use super::school_holidays::{list_school_holidays, school_year_of, SchoolFreeDay};
use super::service_window::WEEKDAY_NAMES;
use super::CalendarError;
use crate::format::format_date;

/// Where the allowed numbers come from.
pub const FREE_DAYS_SOURCE: &str = "Ordnung der Ferien, RdErl. d. MSB vom 19.05.2022 \
(BASS 12-61 Nr. 1): drei bewegliche Ferientage in den Schuljahren 2022/23, 2025/26, 2026/27 und \
2027/28, vier in 2023/24, 2024/25, 2028/29 und 2029/30; die Schulkonferenz legt sie im \
Einvernehmen mit dem Schulträger fest";

/// The same in English (the legal title stays German).
pub const FREE_DAYS_SOURCE_EN: &str = "Ordnung der Ferien, decree of the NRW school ministry of \
19.05.2022 (BASS 12-61 Nr. 1): three flexible days off in the school years 2022/23, 2025/26, \
2026/27 and 2027/28, four in 2023/24, 2024/25, 2028/29 and 2029/30; the school conference sets \
them in agreement with the school authority";

/// How many bewegliche Ferientage a school may set in `school_year` ("2025/26"); `None` for
/// school years the Ferienordnung of 2022 does not cover (no limit is checked then).
pub fn allowed_free_days(school_year: &str) -> Option<u32> {
    match school_year {
        "2022/23" | "2025/26" | "2026/27" | "2027/28" => Some(3),
        "2023/24" | "2024/25" | "2028/29" | "2029/30" => Some(4),
        _ => None,
    }
}

fn invalid(message: String) -> CalendarError {
    CalendarError::Invalid {
        field: "Datum".into(),
        message,
    }
}

/// Checks a day before it is stored; errors are German and name the date.
pub fn check_free_day(conn: &Connection, day: &SchoolFreeDay) -> Result<(), CalendarError> {
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM schools WHERE schulnummer = ?1",
            [&day.schulnummer],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(CalendarError::NotFound(format!(
            "Schule {}",
            day.schulnummer
        )));
    }
    let d = day.date;
    let shown = format_date(d);
    if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        return Err(invalid(format!(
            "{shown} ist ein {} – bewegliche Ferientage liegen auf Schultagen (Montag bis Freitag)",
            WEEKDAY_NAMES[d.weekday().num_days_from_monday() as usize]
        )));
    }
    if let Some(h) = nrw_public_holidays(d.year())
        .into_iter()
        .find(|h| h.date == d)
    {
        return Err(invalid(format!(
            "{shown} ist ein gesetzlicher Feiertag ({}) und ohnehin schulfrei",
            h.name
        )));
    }
    if let Some(h) = list_school_holidays(conn)?
        .into_iter()
        .find(|h| h.start <= d && d <= h.end)
    {
        return Err(invalid(format!(
            "{shown} liegt in den {} {} ({}–{}) und ist ohnehin schulfrei",
            h.name,
            h.school_year,
            format_date(h.start),
            format_date(h.end)
        )));
    }
    let year = school_year_of(d);
    if let Some(allowed) = allowed_free_days(&year) {
        let others = same_year_days(conn, &day.schulnummer, d, &year)?;
        if others.len() as u32 >= allowed {
            let list: Vec<String> = others.iter().map(|x| format_date(*x)).collect();
            return Err(invalid(format!(
                "im Schuljahr {year} hat die Schule schon {} bewegliche Ferientage ({}); erlaubt sind {allowed} (Ordnung der Ferien, BASS 12-61 Nr. 1)",
                others.len(),
                list.join(", ")
            )));
        }
    }
    Ok(())
}

/// The school's other days of the same school year (without `date` itself).
fn same_year_days(
    conn: &Connection,
    schulnummer: &str,
    date: NaiveDate,
    year: &str,
) -> Result<Vec<NaiveDate>, CalendarError> {
    let mut stmt = conn.prepare(
        "SELECT date FROM school_free_days WHERE schulnummer = ?1 AND date <> ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map(params![schulnummer, date.to_string()], |r| {
        r.get::<_, String>(0)
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Ok(x) = NaiveDate::parse_from_str(&row?, "%Y-%m-%d") {
            if school_year_of(x) == year {
                out.push(x);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::school_holidays::{delete_free_day, list_free_days, set_free_day};
    use crate::Store;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn day(date: NaiveDate) -> SchoolFreeDay {
        SchoolFreeDay {
            schulnummer: "100001".into(),
            date,
            note: "Brückentag".into(),
        }
    }

    fn err(c: &Connection, date: NaiveDate) -> String {
        set_free_day(c, &day(date)).unwrap_err().to_string()
    }

    #[test]
    fn allowed_numbers_follow_the_ferienordnung() {
        assert_eq!(allowed_free_days("2025/26"), Some(3));
        assert_eq!(allowed_free_days("2027/28"), Some(3));
        assert_eq!(allowed_free_days("2024/25"), Some(4));
        assert_eq!(allowed_free_days("2028/29"), Some(4));
        assert_eq!(allowed_free_days("2029/30"), Some(4));
        assert_eq!(allowed_free_days("2030/31"), None);
        assert!(FREE_DAYS_SOURCE.contains("BASS 12-61 Nr. 1"));
    }

    #[test]
    fn free_days_must_be_school_days_and_within_the_number() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'Schule A', 'Gymnasium')",
            [],
        )
        .unwrap();
        // Sat 16.05.2026.
        let e = err(c, d(2026, 5, 16));
        assert!(
            e.contains("„Datum“") && e.contains("16.05.2026 ist ein Samstag"),
            "{e}"
        );
        // Christi Himmelfahrt 14.05.2026.
        let e = err(c, d(2026, 5, 14));
        assert!(e.contains("Feiertag (Christi Himmelfahrt)"), "{e}");
        // Herbstferien 2025/26: 13.10.–25.10.2025.
        let e = err(c, d(2025, 10, 15));
        assert!(
            e.contains("15.10.2025 liegt in den Herbstferien 2025/26 (13.10.2025–25.10.2025)"),
            "{e}"
        );
        // Three school days of 2025/26 are fine, the fourth is one too many.
        for x in [d(2026, 2, 13), d(2026, 2, 16), d(2026, 5, 15)] {
            set_free_day(c, &day(x)).unwrap();
        }
        let e = err(c, d(2026, 6, 5));
        assert!(
            e.contains("im Schuljahr 2025/26 hat die Schule schon 3 bewegliche Ferientage (13.02.2026, 16.02.2026, 15.05.2026); erlaubt sind 3"),
            "{e}"
        );
        // A new note for a stored day is no extra day.
        set_free_day(
            c,
            &SchoolFreeDay {
                note: "Rosenmontag".into(),
                ..day(d(2026, 2, 16))
            },
        )
        .unwrap();
        // The next school year starts counting again (Fri 04.06.2027).
        set_free_day(c, &day(d(2027, 6, 4))).unwrap();
        assert_eq!(list_free_days(c, Some("100001")).unwrap().len(), 4);
        assert_eq!(
            list_free_days(c, Some("100001")).unwrap()[1].note,
            "Rosenmontag"
        );
        delete_free_day(c, "100001", d(2026, 5, 15)).unwrap();
        set_free_day(c, &day(d(2026, 6, 5))).unwrap();
        assert!(delete_free_day(c, "100001", d(2026, 5, 15)).is_err());
    }
}
