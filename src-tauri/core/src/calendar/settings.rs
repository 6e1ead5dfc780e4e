//! The calendar settings as the window edits them: service windows with their weekday hours as
//! text, the school holidays with their source, in one view; saving validates in the core.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::school_holidays::{
    delete_school_holiday, insert_school_holiday, list_school_holidays, school_year_of,
    update_school_holiday, SchoolHoliday, FERIENORDNUNG_SOURCE,
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
    /// Blocks still marked "bitte prüfen".
    pub unchecked: usize,
}

pub fn load_settings(conn: &Connection) -> Result<CalendarSettings, CalendarError> {
    let holidays = list_school_holidays(conn)?;
    Ok(CalendarSettings {
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
}
