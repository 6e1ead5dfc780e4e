//! Kalender-Einstellungen (Support-Kennzahlen): service hours of the district and of support
//! contracts, the NRW school holidays with their source, ICS import, bewegliche Ferientage per
//! school. Every call returns the
//! whole settings view again; the KPI screen recomputes when it is shown next.

use schulit_core::calendar::settings::{self, CalendarSettings, WindowForm};
use schulit_core::calendar::{self, SchoolFreeDay, SchoolHoliday};
use schulit_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec};
use crate::error::UiResult;
use crate::state::AppState;

fn load(s: &schulit_core::Store) -> Result<CalendarSettings, CoreError> {
    Ok(settings::load_settings(s.conn())?)
}

#[tauri::command]
pub async fn calendar_settings(state: State<'_, AppState>) -> UiResult<CalendarSettings> {
    state.with_store(|s| load(s)).await
}

/// Saves a service window (district or contract).
#[tauri::command]
pub async fn calendar_save_window(
    state: State<'_, AppState>,
    window: WindowForm,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            settings::save_window_form(s.conn(), &window)?;
            load(s)
        })
        .await
}

#[tauri::command]
pub async fn calendar_delete_window(
    state: State<'_, AppState>,
    name: String,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            settings::delete_window(s.conn(), &name)?;
            load(s)
        })
        .await
}

/// Adds (id 0) or changes a block of school holidays.
#[tauri::command]
pub async fn calendar_save_holiday(
    state: State<'_, AppState>,
    holiday: SchoolHoliday,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            settings::save_holiday(s.conn(), holiday)?;
            load(s)
        })
        .await
}

#[tauri::command]
pub async fn calendar_delete_holiday(
    state: State<'_, AppState>,
    id: i64,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            settings::delete_holiday(s.conn(), id)?;
            load(s)
        })
        .await
}

/// Adds a beweglicher Ferientag of a school (or a new note for a stored one); the core checks
/// the day (school day, not in the holidays, number per school year).
#[tauri::command]
pub async fn calendar_add_free_day(
    state: State<'_, AppState>,
    day: SchoolFreeDay,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            settings::add_free_day(s.conn(), &day)?;
            load(s)
        })
        .await
}

#[tauri::command]
pub async fn calendar_delete_free_day(
    state: State<'_, AppState>,
    schulnummer: String,
    date: String,
) -> UiResult<CalendarSettings> {
    state
        .with_store(move |s| {
            let date = settings::parse_date_de("Datum", &date)?;
            settings::remove_free_day(s.conn(), &schulnummer, date)?;
            load(s)
        })
        .await
}

#[derive(Debug, Clone, Serialize)]
pub struct IcsImported {
    pub file_name: String,
    pub imported: usize,
    pub replaced: usize,
    pub school_years: Vec<String>,
    pub settings: CalendarSettings,
}

const ICS_FILTERS: &[dialogs::Filter<'static>] = &[("Kalender (ICS)", &["ics", "ical", "ifb"])];

/// Asks for an ICS file and replaces the school holidays of the school years it covers.
/// `None` = cancelled.
#[tauri::command]
pub async fn calendar_import_ics(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<IcsImported>> {
    let spec = DialogSpec::new("Ferien aus ICS-Datei einlesen", ICS_FILTERS);
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state
        .with_store(move |s| {
            let (holidays, replaced) = calendar::import_ics_file(s, &path)?;
            let mut school_years: Vec<String> =
                holidays.iter().map(|h| h.school_year.clone()).collect();
            school_years.sort();
            school_years.dedup();
            Ok(Some(IcsImported {
                file_name,
                imported: holidays.len(),
                replaced,
                school_years,
                settings: load(s)?,
            }))
        })
        .await
}
