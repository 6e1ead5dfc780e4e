//! School time: service windows, NRW public holidays (computed) and NRW school holidays
//! (shipped as data with their source, editable, importable from ICS), bewegliche Ferientage
//! per school, and business minutes between instants. See DOMAIN.md §4.

pub mod business_time;
pub mod free_days;
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
    /// The backup before an import failed (nothing was imported).
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
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
    store: &mut crate::store::Store,
    path: &std::path::Path,
) -> Result<(Vec<SchoolHoliday>, usize), CalendarError> {
    let bytes = std::fs::read(path).map_err(|e| CalendarError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    import_ics_bytes(store, &crate::import::display_name(path), &bytes)
}

/// Same as [`import_ics_file`] for bytes in memory. The file is parsed and validated first; then
/// the plan is backed up (`store::backup_before_import`), and the holidays and the `import_log`
/// row (file name, SHA-256, counts) are written in one transaction.
pub fn import_ics_bytes(
    store: &mut crate::store::Store,
    name: &str,
    bytes: &[u8],
) -> Result<(Vec<SchoolHoliday>, usize), CalendarError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
    };
    let holidays = ics::parse_ics(name, &text)?;
    for h in &holidays {
        school_holidays::validate(h)?;
    }
    crate::store::backup_before_import(store, "ferien")?;
    let sha256 = crate::import::sha256_hex(bytes);
    let replaced = store.transaction(|tx| -> Result<usize, CalendarError> {
        let replaced = school_holidays::replace_school_years_in(tx, &holidays)?;
        let mut years: Vec<&str> = holidays.iter().map(|h| h.school_year.as_str()).collect();
        years.sort_unstable();
        years.dedup();
        tx.execute(
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('ics', ?1, ?2, ?3)",
            rusqlite::params![
                name,
                sha256,
                serde_json::json!({
                    "imported": holidays.len(),
                    "replaced": replaced,
                    "school_years": years,
                })
                .to_string()
            ],
        )?;
        Ok(replaced)
    })?;
    Ok((holidays, replaced))
}
