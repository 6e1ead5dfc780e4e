//! The calendar settings as the window edits them: service windows with their weekday hours as
//! text, the school holidays with their source, in one view; saving validates in the core.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::free_days::{allowed_free_days, FREE_DAYS_SOURCE, FREE_DAYS_SOURCE_EN};
use super::school_holidays::{
    delete_free_day, delete_school_holiday, insert_school_holiday, list_free_days,
    list_school_holidays, school_year_of, set_free_day, update_school_holiday, SchoolFreeDay,
    SchoolHoliday, FERIENORDNUNG_SOURCE, FERIENORDNUNG_SOURCE_EN,
};
use super::service_window::{
    format_day_hours, list_service_windows, parse_day_hours, save_service_window, ServiceWindow,
    DEFAULT_WINDOW, WEEKDAY_NAMES,
};
use super::CalendarError;

/// A service window with its weekday hours as text (`07:30-16:00`, empty = closed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowForm {
    pub name: String,
    /// `district` or `contract`.
    pub scope: String,
    pub timezone: String,
    /// Monday … Sunday.
    pub days: Vec<String>,
    pub exclude_public_holidays: bool,
    pub exclude_school_holidays: bool,
    /// One-line description (read only).
    #[serde(default)]
    pub description: String,
    /// The same in English (read only).
    #[serde(default)]
    pub description_en: String,
}

impl WindowForm {
    pub fn of(w: &ServiceWindow) -> WindowForm {
        WindowForm {
            name: w.name.clone(),
            scope: w.scope.clone(),
            timezone: w.timezone.clone(),
            days: w.days.iter().map(|d| format_day_hours(*d)).collect(),
            exclude_public_holidays: w.exclude_public_holidays,
            exclude_school_holidays: w.exclude_school_holidays,
            description: w.describe(),
            description_en: w.describe_en(),
        }
    }

    /// Parses the texts; errors name the weekday.
    pub fn to_window(&self) -> Result<ServiceWindow, CalendarError> {
        if self.days.len() != 7 {
            return Err(CalendarError::Invalid {
                field: "Wochentage".into(),
                message: format!("{} statt 7 Angaben", self.days.len()),
            });
        }
        let mut days = [None; 7];
        for (i, text) in self.days.iter().enumerate() {
            days[i] = parse_day_hours(WEEKDAY_NAMES[i], text)?;
        }
        Ok(ServiceWindow {
            name: self.name.trim().to_string(),
            scope: self.scope.clone(),
            timezone: self.timezone.trim().to_string(),
            days,
            exclude_public_holidays: self.exclude_public_holidays,
            exclude_school_holidays: self.exclude_school_holidays,
        })
    }
}

/// Everything the calendar editor shows.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarSettings {
    pub windows: Vec<WindowForm>,
    pub holidays: Vec<SchoolHoliday>,
    /// Legal source of the shipped rows (`source = ferienordnung`).
    pub ferienordnung_source: &'static str,
    pub ferienordnung_source_en: &'static str,
    /// Blocks still marked "bitte prüfen".
    pub unchecked: usize,
    /// Schools of the register, for the choice of the bewegliche Ferientage.
    pub schools: Vec<SchoolChoice>,
    /// Bewegliche Ferientage of all schools, by school and date.
    pub free_days: Vec<FreeDayRow>,
    /// Per school and school year: days set and days allowed.
    pub free_day_years: Vec<FreeDayYear>,
    pub free_days_source: &'static str,
    pub free_days_source_en: &'static str,
}

/// A school in the choice list.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolChoice {
    pub schulnummer: String,
    /// "Name, Ort (Schulnummer)".
    pub label: String,
}

/// A beweglicher Ferientag as the settings list it.
#[derive(Debug, Clone, Serialize)]
pub struct FreeDayRow {
    pub schulnummer: String,
    pub date: NaiveDate,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    pub school_year: String,
    pub note: String,
}

/// Days set by a school in one school year, against the number the Ferienordnung allows.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FreeDayYear {
    pub schulnummer: String,
    pub school_year: String,
    pub used: u32,
    /// `None` = school year not covered by the Ferienordnung of 2022.
    pub allowed: Option<u32>,
}

fn school_choices(conn: &Connection) -> Result<Vec<SchoolChoice>, CalendarError> {
    let schools = crate::schools::list_schools(conn).map_err(|e| CalendarError::Invalid {
        field: "Schulregister".into(),
        message: e.to_string(),
    })?;
    let mut out: Vec<SchoolChoice> = schools
        .iter()
        .map(|s| SchoolChoice {
            schulnummer: s.schulnummer.clone(),
            label: format!(
                "{} ({})",
                crate::chart::schools::school_label(s),
                s.schulnummer
            ),
        })
        .collect();
    out.sort_by_key(|a| a.label.to_lowercase());
    Ok(out)
}

fn free_day_rows(conn: &Connection) -> Result<(Vec<FreeDayRow>, Vec<FreeDayYear>), CalendarError> {
    let rows: Vec<FreeDayRow> = list_free_days(conn, None)?
        .into_iter()
        .map(|f| FreeDayRow {
            weekday: f.date.weekday().num_days_from_monday() as u8,
            school_year: school_year_of(f.date),
            schulnummer: f.schulnummer,
            date: f.date,
            note: f.note,
        })
        .collect();
    let mut years: Vec<FreeDayYear> = Vec::new();
    for r in &rows {
        match years
            .iter_mut()
            .find(|y| y.schulnummer == r.schulnummer && y.school_year == r.school_year)
        {
            Some(y) => y.used += 1,
            None => years.push(FreeDayYear {
                schulnummer: r.schulnummer.clone(),
                school_year: r.school_year.clone(),
                used: 1,
                allowed: allowed_free_days(&r.school_year),
            }),
        }
    }
    Ok((rows, years))
}

pub fn load_settings(conn: &Connection) -> Result<CalendarSettings, CalendarError> {
    let holidays = list_school_holidays(conn)?;
    let (free_days, free_day_years) = free_day_rows(conn)?;
    Ok(CalendarSettings {
        schools: school_choices(conn)?,
        free_days,
        free_day_years,
        free_days_source: FREE_DAYS_SOURCE,
        free_days_source_en: FREE_DAYS_SOURCE_EN,
        windows: list_service_windows(conn)?
            .iter()
            .map(WindowForm::of)
            .collect(),
        unchecked: holidays
            .iter()
            .filter(|h| h.note.contains("bitte prüfen"))
            .count(),
        holidays,
        ferienordnung_source: FERIENORDNUNG_SOURCE,
        ferienordnung_source_en: FERIENORDNUNG_SOURCE_EN,
    })
}

/// Saves a service window from the form. The district window "Standard" keeps its scope.
pub fn save_window_form(conn: &Connection, form: &WindowForm) -> Result<(), CalendarError> {
    let mut w = form.to_window()?;
    if w.name == DEFAULT_WINDOW {
        w.scope = "district".into();
    }
    save_service_window(conn, &w)
}

/// Deletes a contract's service window; the district window cannot be deleted.
pub fn delete_window(conn: &Connection, name: &str) -> Result<(), CalendarError> {
    if name == DEFAULT_WINDOW {
        return Err(CalendarError::Invalid {
            field: "Servicezeit".into(),
            message: "die Servicezeit „Standard“ des Schulträgers kann nicht gelöscht werden"
                .into(),
        });
    }
    let n = conn.execute("DELETE FROM service_windows WHERE name = ?1", [name])?;
    if n == 0 {
        return Err(CalendarError::NotFound(format!("Servicezeit „{name}“")));
    }
    Ok(())
}

/// Stores a block from the editor: a new one (`id` 0) or a change. An empty school year is
/// derived from the start (1 August); a shipped block that is changed becomes `manual`.
pub fn save_holiday(conn: &Connection, mut h: SchoolHoliday) -> Result<i64, CalendarError> {
    if h.school_year.trim().is_empty() {
        h.school_year = school_year_of(h.start);
    }
    h.name = h.name.trim().to_string();
    if h.id == 0 {
        if h.source.is_empty() {
            h.source = "manual".into();
        }
        return insert_school_holiday(conn, &h);
    }
    let old = list_school_holidays(conn)?
        .into_iter()
        .find(|x| x.id == h.id)
        .ok_or_else(|| CalendarError::NotFound(format!("Ferienblock {}", h.id)))?;
    if (old.start, old.end, &old.name) != (h.start, h.end, &h.name) && h.source == "ferienordnung" {
        h.source = "manual".into();
    }
    update_school_holiday(conn, &h)?;
    Ok(h.id)
}

pub fn delete_holiday(conn: &Connection, id: i64) -> Result<(), CalendarError> {
    delete_school_holiday(conn, id)
}

/// Adds a beweglicher Ferientag from the editor (or gives a stored one a new note); the core's
/// checks apply (school day, not in the holidays, number per school year).
pub fn add_free_day(conn: &Connection, day: &SchoolFreeDay) -> Result<(), CalendarError> {
    set_free_day(conn, day)
}

pub fn remove_free_day(
    conn: &Connection,
    schulnummer: &str,
    date: NaiveDate,
) -> Result<(), CalendarError> {
    delete_free_day(conn, schulnummer, date)
}

/// Parses a date as typed in German (`TT.MM.JJJJ`) or ISO; the error names the field.
pub fn parse_date_de(field: &str, s: &str) -> Result<NaiveDate, CalendarError> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| CalendarError::Invalid {
            field: field.into(),
            message: format!("„{t}“ ist kein Datum (TT.MM.JJJJ)"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn window_form_round_trip_and_errors_name_the_weekday() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let mut f = load_settings(c).unwrap().windows.remove(0);
        assert_eq!(f.days[0], "07:30-16:00");
        assert_eq!(f.days[5], "");
        f.days[4] = "07:30-13:00".into();
        f.scope = "contract".into();
        save_window_form(c, &f).unwrap();
        let w = &load_settings(c).unwrap().windows[0];
        assert_eq!(w.scope, "district");
        assert!(
            w.description
                .starts_with("Mo–Do 07:30–16:00, Fr 07:30–13:00"),
            "{}",
            w.description
        );

        f.days[2] = "8-16".into();
        let e = save_window_form(c, &f).unwrap_err().to_string();
        assert!(e.contains("Mittwoch") && e.contains("8-16"), "{e}");
        assert!(delete_window(c, "Standard").is_err());
        f.name = "Vertrag Netzwerk".into();
        f.days[2] = "08:00-12:00".into();
        save_window_form(c, &f).unwrap();
        assert_eq!(load_settings(c).unwrap().windows.len(), 2);
        delete_window(c, "Vertrag Netzwerk").unwrap();
        assert_eq!(load_settings(c).unwrap().windows.len(), 1);
    }

    #[test]
    fn holidays_from_the_editor() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        let d = |t: &str| parse_date_de("Beginn", t).unwrap();
        let before = load_settings(c).unwrap();
        assert_eq!(before.unchecked, 12);
        let id = save_holiday(
            c,
            SchoolHoliday {
                id: 0,
                school_year: String::new(),
                name: " Brückentag ".into(),
                start: d("15.05.2026"),
                end: d("15.05.2026"),
                source: String::new(),
                note: String::new(),
                source_ref: "Schulamt".into(),
                checked_on: String::new(),
            },
        )
        .unwrap();
        let h = load_settings(c)
            .unwrap()
            .holidays
            .into_iter()
            .find(|h| h.id == id)
            .unwrap();
        assert_eq!(
            (h.school_year.as_str(), h.name.as_str(), h.source.as_str()),
            ("2025/26", "Brückentag", "manual")
        );
        // Changing the dates of a shipped block makes it the user's own.
        let mut herbst = before
            .holidays
            .iter()
            .find(|h| h.school_year == "2028/29" && h.name == "Herbstferien")
            .unwrap()
            .clone();
        herbst.end = d("03.11.2028");
        save_holiday(c, herbst.clone()).unwrap();
        let after = load_settings(c).unwrap();
        let changed = after.holidays.iter().find(|h| h.id == herbst.id).unwrap();
        assert_eq!(changed.source, "manual");
        delete_holiday(c, id).unwrap();
        assert!(parse_date_de("Ende", "31.02.2026")
            .unwrap_err()
            .to_string()
            .contains("„31.02.2026“ ist kein Datum (TT.MM.JJJJ)"));
    }

    #[test]
    fn free_days_in_the_settings_view() {
        let s = Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES
               ('100001', 'Gymnasium Am Park', 'Gymnasium'),
               ('100002', 'Astrid-Lindgren-Schule', 'Grundschule');",
        )
        .unwrap();
        let day = |nr: &str, t: &str| SchoolFreeDay {
            schulnummer: nr.into(),
            date: parse_date_de("Datum", t).unwrap(),
            note: "Brückentag".into(),
        };
        add_free_day(c, &day("100001", "15.05.2026")).unwrap();
        add_free_day(c, &day("100001", "16.02.2026")).unwrap();
        add_free_day(c, &day("100002", "05.06.2026")).unwrap();
        let e = add_free_day(c, &day("100002", "06.06.2026"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("06.06.2026 ist ein Samstag"), "{e}");
        let v = load_settings(c).unwrap();
        assert_eq!(v.schools.len(), 2);
        assert!(v.schools[0].label.ends_with("(100002)"), "{:?}", v.schools);
        let a: Vec<(String, u8, &str)> = v
            .free_days
            .iter()
            .filter(|f| f.schulnummer == "100001")
            .map(|f| (f.date.to_string(), f.weekday, f.school_year.as_str()))
            .collect();
        // Mon 16.02.2026 (Rosenmontag), Fri 15.05.2026.
        assert_eq!(
            a,
            vec![
                ("2026-02-16".to_string(), 0, "2025/26"),
                ("2026-05-15".to_string(), 4, "2025/26")
            ]
        );
        assert!(v.free_day_years.contains(&FreeDayYear {
            schulnummer: "100001".into(),
            school_year: "2025/26".into(),
            used: 2,
            allowed: Some(3),
        }));
        remove_free_day(c, "100001", parse_date_de("Datum", "15.05.2026").unwrap()).unwrap();
        assert_eq!(load_settings(c).unwrap().free_days.len(), 2);
    }
}
