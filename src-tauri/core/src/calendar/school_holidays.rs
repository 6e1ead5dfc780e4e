//! NRW school holidays (Ferienordnung) and bewegliche Ferientage per school.
//!
//! The Ferienordnung for 2024/25–2029/30 ships as rows of migration `005_calendar.sql` (source
//! `FERIENORDNUNG_SOURCE`); the user may edit rows, add their own or import an ICS file.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// Legal source of the shipped school holidays.
pub const FERIENORDNUNG_SOURCE: &str =
    "Ordnung der Ferien, RdErl. d. MSB vom 19.05.2022 (BASS 12-61 Nr. 1), Schuljahre 2022/23–2029/30";

/// The same in English (the legal title stays German).
pub const FERIENORDNUNG_SOURCE_EN: &str =
    "Ordnung der Ferien, decree of the NRW school ministry of 19.05.2022 (BASS 12-61 Nr. 1), school years 2022/23–2029/30";

/// One block of school holidays, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolHoliday {
    /// Row id in the store (0 for a row not yet stored).
    #[serde(default)]
    pub id: i64,
    pub school_year: String,
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// `ferienordnung` (shipped), `ics` (imported) or `manual`.
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// Where the block was checked (document, page or imported file); empty if unknown.
    #[serde(default)]
    pub source_ref: String,
    /// Day of that check, ISO `YYYY-MM-DD`; empty = not checked.
    #[serde(default)]
    pub checked_on: String,
}

/// A bewegliche Ferientag of one school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolFreeDay {
    pub schulnummer: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
}

/// The school year ("2025/26") a date belongs to; the year changes on 1 August.
pub fn school_year_of(date: NaiveDate) -> String {
    let start = if date.month() >= 8 {
        date.year()
    } else {
        date.year() - 1
    };
    format!("{}/{:02}", start, (start + 1).rem_euclid(100))
}

fn parse_iso(field: &str, s: &str) -> Result<NaiveDate, CalendarError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| CalendarError::Invalid {
        field: field.into(),
        message: format!("„{s}“ ist kein Datum (JJJJ-MM-TT)"),
    })
}

pub(crate) fn validate(h: &SchoolHoliday) -> Result<(), CalendarError> {
    if h.name.trim().is_empty() {
        return Err(CalendarError::Invalid {
            field: "Bezeichnung".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    if h.end < h.start {
        return Err(CalendarError::Invalid {
            field: "Ende".into(),
            message: format!(
                "{} liegt vor dem Beginn {}",
                crate::format::format_date(h.end),
                crate::format::format_date(h.start)
            ),
        });
    }
    if !matches!(h.source.as_str(), "ferienordnung" | "ics" | "manual") {
        return Err(CalendarError::Invalid {
            field: "Quelle".into(),
            message: format!("unbekannte Quelle „{}“", h.source),
        });
    }
    if !h.checked_on.is_empty() {
        parse_iso("geprüft am", &h.checked_on)?;
    }
    Ok(())
}

/// All school holidays of the store, sorted by start date.
pub fn list_school_holidays(conn: &Connection) -> Result<Vec<SchoolHoliday>, CalendarError> {
    let mut stmt = conn.prepare(
        "SELECT id, school_year, name, start_date, end_date, source, note, source_ref, checked_on
         FROM school_holidays ORDER BY start_date, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, school_year, name, s, e, source, note, source_ref, checked_on) = row?;
        out.push(SchoolHoliday {
            id,
            school_year,
            name,
            start: parse_iso("Beginn", &s)?,
            end: parse_iso("Ende", &e)?,
            source,
            note,
            source_ref,
            checked_on,
        });
    }
    Ok(out)
}

/// Adds a block of school holidays; returns its id.
pub fn insert_school_holiday(conn: &Connection, h: &SchoolHoliday) -> Result<i64, CalendarError> {
    validate(h)?;
    conn.execute(
        "INSERT INTO school_holidays (school_year, name, start_date, end_date, source, note,
                                      source_ref, checked_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            h.school_year,
            h.name,
            h.start.to_string(),
            h.end.to_string(),
            h.source,
            h.note,
            h.source_ref,
            h.checked_on
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Changes a stored block (by `h.id`).
pub fn update_school_holiday(conn: &Connection, h: &SchoolHoliday) -> Result<(), CalendarError> {
    validate(h)?;
    let n = conn.execute(
        "UPDATE school_holidays SET school_year = ?2, name = ?3, start_date = ?4, end_date = ?5,
         source = ?6, note = ?7, source_ref = ?8, checked_on = ?9 WHERE id = ?1",
        params![
            h.id,
            h.school_year,
            h.name,
            h.start.to_string(),
            h.end.to_string(),
            h.source,
            h.note,
            h.source_ref,
            h.checked_on
        ],
    )?;
    if n == 0 {
        return Err(CalendarError::NotFound(format!("Ferienblock {}", h.id)));
    }
    Ok(())
}

pub fn delete_school_holiday(conn: &Connection, id: i64) -> Result<(), CalendarError> {
    let n = conn.execute("DELETE FROM school_holidays WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(CalendarError::NotFound(format!("Ferienblock {id}")));
    }
    Ok(())
}

/// Stores imported holidays in one transaction. Blocks of the school years the import covers
/// replace the stored blocks of those years (whatever their source); other years stay.
/// Returns (inserted, replaced).
pub fn replace_school_years(
    conn: &mut Connection,
    holidays: &[SchoolHoliday],
) -> Result<(usize, usize), CalendarError> {
    for h in holidays {
        validate(h)?;
    }
    let mut years: Vec<&str> = holidays.iter().map(|h| h.school_year.as_str()).collect();
    years.sort_unstable();
    years.dedup();
    let tx = conn.transaction()?;
    let replaced = replace_school_years_in(&tx, holidays)?;
    tx.commit()?;
    Ok((holidays.len(), replaced))
}

/// The writing part of [`replace_school_years`] inside the caller's transaction (the ICS import
/// adds its `import_log` row to the same transaction). Returns how many rows were replaced.
pub(crate) fn replace_school_years_in(
    tx: &rusqlite::Transaction,
    holidays: &[SchoolHoliday],
) -> Result<usize, CalendarError> {
    for h in holidays {
        validate(h)?;
    }
    let mut years: Vec<&str> = holidays.iter().map(|h| h.school_year.as_str()).collect();
    years.sort_unstable();
    years.dedup();
    let mut replaced = 0;
    for y in &years {
        replaced += tx.execute("DELETE FROM school_holidays WHERE school_year = ?1", [y])?;
    }
    for h in holidays {
        insert_school_holiday(tx, h)?;
    }
    Ok(replaced)
}

/// Bewegliche Ferientage of one school (or of all schools with `None`), sorted.
pub fn list_free_days(
    conn: &Connection,
    schulnummer: Option<&str>,
) -> Result<Vec<SchoolFreeDay>, CalendarError> {
    let mut stmt = conn.prepare(
        "SELECT schulnummer, date, note FROM school_free_days
         WHERE ?1 IS NULL OR schulnummer = ?1 ORDER BY schulnummer, date",
    )?;
    let rows = stmt.query_map([schulnummer], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (schulnummer, d, note) = row?;
        out.push(SchoolFreeDay {
            schulnummer,
            date: parse_iso("Datum", &d)?,
            note,
        });
    }
    Ok(out)
}

/// Adds (or re-notes) a bewegliche Ferientag for a school of the register, after the checks of
/// [`super::free_days::check_free_day`] (school day, number per school year).
pub fn set_free_day(conn: &Connection, day: &SchoolFreeDay) -> Result<(), CalendarError> {
    super::free_days::check_free_day(conn, day)?;
    conn.execute(
        "INSERT INTO school_free_days (schulnummer, date, note) VALUES (?1, ?2, ?3)
         ON CONFLICT (schulnummer, date) DO UPDATE SET note = excluded.note",
        params![day.schulnummer, day.date.to_string(), day.note.trim()],
    )?;
    Ok(())
}

pub fn delete_free_day(
    conn: &Connection,
    schulnummer: &str,
    date: NaiveDate,
) -> Result<(), CalendarError> {
    let n = conn.execute(
        "DELETE FROM school_free_days WHERE schulnummer = ?1 AND date = ?2",
        params![schulnummer, date.to_string()],
    )?;
    if n == 0 {
        return Err(CalendarError::NotFound(format!(
            "Beweglicher Ferientag {} der Schule {schulnummer}",
            crate::format::format_date(date)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn shipped_ferienordnung_has_the_cross_checked_dates() {
        let s = Store::open_in_memory().unwrap();
        let all = list_school_holidays(s.conn()).unwrap();
        // DOMAIN.md §4, cross-checked school years.
        let want = [
            ("2025/26", "Herbstferien", d(2025, 10, 13), d(2025, 10, 25)),
            (
                "2025/26",
                "Weihnachtsferien",
                d(2025, 12, 22),
                d(2026, 1, 6),
            ),
            ("2025/26", "Osterferien", d(2026, 3, 30), d(2026, 4, 11)),
            ("2025/26", "Pfingstferien", d(2026, 5, 26), d(2026, 5, 26)),
            ("2025/26", "Sommerferien", d(2026, 7, 20), d(2026, 9, 1)),
            ("2026/27", "Herbstferien", d(2026, 10, 17), d(2026, 10, 31)),
            (
                "2026/27",
                "Weihnachtsferien",
                d(2026, 12, 23),
                d(2027, 1, 6),
            ),
            ("2026/27", "Osterferien", d(2027, 3, 22), d(2027, 4, 3)),
            ("2026/27", "Pfingstferien", d(2027, 5, 18), d(2027, 5, 18)),
            ("2026/27", "Sommerferien", d(2027, 7, 19), d(2027, 8, 31)),
        ];
        for (y, name, start, end) in want {
            let h = all
                .iter()
                .find(|h| h.school_year == y && h.name == name)
                .unwrap_or_else(|| panic!("{y} {name} fehlt"));
            assert_eq!((h.start, h.end), (start, end), "{y} {name}");
            assert_eq!(h.note, "gegengeprüft");
            assert_eq!(h.checked_on, "2026-11-25");
            assert!(!h.source_ref.is_empty());
        }
        // 2024/25 as on the MSB page of the Ferienordnung; summer 2028–2030 as the KMK fixed it.
        let checked = [
            ("2024/25", "Herbstferien", d(2024, 10, 14), d(2024, 10, 26)),
            (
                "2024/25",
                "Weihnachtsferien",
                d(2024, 12, 23),
                d(2025, 1, 6),
            ),
            ("2024/25", "Osterferien", d(2025, 4, 14), d(2025, 4, 26)),
            ("2024/25", "Pfingstferien", d(2025, 6, 10), d(2025, 6, 10)),
            ("2024/25", "Sommerferien", d(2025, 7, 14), d(2025, 8, 26)),
            ("2027/28", "Sommerferien", d(2028, 7, 10), d(2028, 8, 22)),
            ("2028/29", "Sommerferien", d(2029, 7, 2), d(2029, 8, 14)),
            ("2029/30", "Sommerferien", d(2030, 6, 24), d(2030, 8, 6)),
        ];
        for (y, name, start, end) in checked {
            let h = all
                .iter()
                .find(|h| h.school_year == y && h.name == name)
                .unwrap_or_else(|| panic!("{y} {name} fehlt"));
            assert_eq!((h.start, h.end), (start, end), "{y} {name}");
            assert_eq!(h.note, "gegengeprüft", "{y} {name}");
            assert_eq!(h.checked_on, "2026-11-25");
        }
        // Six school years 2024/25–2029/30, five blocks each; the 12 blocks of 2027/28–2029/30
        // without an official source at hand stay marked.
        assert_eq!(all.len(), 30);
        let mut unchecked = 0;
        for h in &all {
            assert_eq!(h.source, "ferienordnung");
            assert_eq!(school_year_of(h.start), h.school_year, "{h:?}");
            if h.note.contains("bitte prüfen") {
                unchecked += 1;
                assert!(h.checked_on.is_empty() && h.source_ref.is_empty(), "{h:?}");
                assert!(h.school_year.as_str() >= "2027/28", "{h:?}");
            } else {
                assert_eq!(h.note, "gegengeprüft", "{h:?}");
            }
        }
        assert_eq!(unchecked, 12);
    }

    #[test]
    fn edit_and_free_days() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let mut h = SchoolHoliday {
            id: 0,
            school_year: "2025/26".into(),
            name: "Brückentag".into(),
            start: d(2025, 10, 2),
            end: d(2025, 10, 2),
            source: "manual".into(),
            note: String::new(),
            source_ref: String::new(),
            checked_on: String::new(),
        };
        h.id = insert_school_holiday(c, &h).unwrap();
        h.end = d(2025, 10, 1);
        assert!(matches!(
            update_school_holiday(c, &h),
            Err(CalendarError::Invalid { .. })
        ));
        delete_school_holiday(c, h.id).unwrap();
        assert!(delete_school_holiday(c, h.id).is_err());

        let day = SchoolFreeDay {
            schulnummer: "999999".into(),
            date: d(2026, 5, 15),
            note: String::new(),
        };
        assert!(matches!(
            set_free_day(c, &day),
            Err(CalendarError::NotFound(_))
        ));
        assert_eq!(school_year_of(d(2026, 7, 31)), "2025/26");
        assert_eq!(school_year_of(d(2026, 8, 1)), "2026/27");
        assert_eq!(school_year_of(d(2099, 9, 1)), "2099/00");
    }
}
