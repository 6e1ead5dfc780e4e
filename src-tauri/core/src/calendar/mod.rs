//! School time: service windows, NRW public holidays (computed) and NRW school holidays
//! (shipped as data with their source, editable, importable from ICS), bewegliche Ferientage
//! per school, and business minutes between instants. See DOMAIN.md §4.

pub mod business_time;
pub mod holidays;
pub mod ics;
pub mod school_holidays;
pub mod service_window;
pub mod settings;

use std::collections::HashMap;

use rusqlite::Connection;
use thiserror::Error;

pub use business_time::{BusinessCalendar, DayKind};
pub use holidays::{easter_sunday, nrw_public_holidays, PublicHoliday};
pub use school_holidays::{
    list_free_days, list_school_holidays, SchoolFreeDay, SchoolHoliday, FERIENORDNUNG_SOURCE,
};
pub use service_window::{load_service_window, ServiceWindow, DEFAULT_WINDOW};

#[derive(Debug, Error)]
pub enum CalendarError {
    #[error("Ungültige Angabe bei „{field}“: {message}")]
    Invalid { field: String, message: String },
    #[error("{0} gibt es nicht.")]
    NotFound(String),
    #[error("Kalenderdatei {file}, Zeile {line}: {message}")]
    Ics {
        file: String,
        line: usize,
        message: String,
    },
    #[error("Datei-Fehler bei {path}: {message}")]
    Io { path: String, message: String },
    #[error("Datenbankfehler: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Everything needed to measure school time for a set of schools, read from the store.
#[derive(Debug, Clone)]
pub struct SchoolTime {
    pub calendar: BusinessCalendar,
    /// Bewegliche Ferientage per Schulnummer as sorted day indices of `calendar`
    /// (only when the window excludes school holidays).
    pub free_days: HashMap<String, Vec<u32>>,
}

impl SchoolTime {
    /// Reads the service window `window_name`, the school holidays and the schools'
    /// bewegliche Ferientage, and precomputes the calendar for `from_year ..= to_year`.
    pub fn load(
        conn: &Connection,
        window_name: &str,
        from_year: i32,
        to_year: i32,
    ) -> Result<SchoolTime, CalendarError> {
        let window = load_service_window(conn, window_name)?;
        let holidays = list_school_holidays(conn)?;
        let calendar = BusinessCalendar::build(&window, &holidays, from_year, to_year)?;
        let mut free_days: HashMap<String, Vec<u32>> = HashMap::new();
        if window.exclude_school_holidays {
            for f in list_free_days(conn, None)? {
                if let Some(k) = calendar.day_index(f.date) {
                    free_days.entry(f.schulnummer).or_default().push(k);
                }
            }
            for v in free_days.values_mut() {
                v.sort_unstable();
                v.dedup();
            }
        }
        Ok(SchoolTime {
            calendar,
            free_days,
        })
    }
}

/// Reads an ICS file and replaces the school holidays of the school years it covers, in one
/// transaction. Returns (imported, replaced).
pub fn import_ics_file(
    conn: &mut Connection,
    path: &std::path::Path,
) -> Result<(Vec<SchoolHoliday>, usize), CalendarError> {
    let bytes = std::fs::read(path).map_err(|e| CalendarError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(e.as_bytes());
            cow.into_owned()
        }
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let holidays = ics::parse_ics(&name, &text)?;
    let (_, replaced) = school_holidays::replace_school_years(conn, &holidays)?;
    Ok((holidays, replaced))
}
