//! Datenschutz: what the plan stores (the core's field registry), the import log, and
//! retention ("delete all tickets before date X"). Screen: `ui/js/screens/privacy.js`.

use schulit_core::privacy::{self, NaiveDate, Overview};
use tauri::State;

use crate::error::{UiError, UiResult};
use crate::state::AppState;

fn parse_date(s: &str) -> UiResult<NaiveDate> {
    privacy::parse_date(s).ok_or_else(|| {
        UiError::new(
            "input",
            format!(
                "Datum „{}“: erwartet TT.MM.JJJJ (z. B. 01.08.2024).",
                s.trim()
            ),
        )
    })
}

#[tauri::command]
pub async fn privacy_overview(state: State<'_, AppState>) -> UiResult<Overview> {
    state.with_store(|s| privacy::overview(s)).await
}

/// How many tickets "delete before `date`" would delete (for the confirmation).
#[tauri::command]
pub async fn privacy_count_tickets_before(
    state: State<'_, AppState>,
    date: String,
) -> UiResult<i64> {
    let d = parse_date(&date)?;
    state
        .with_store(move |s| privacy::count_tickets_before(s, d))
        .await
}

/// Deletes all tickets created before `date` (00:00 Europe/Berlin); returns the overview after.
#[tauri::command]
pub async fn privacy_delete_tickets_before(
    state: State<'_, AppState>,
    date: String,
) -> UiResult<(usize, Overview)> {
    let d = parse_date(&date)?;
    state
        .with_store(move |s| {
            let n = privacy::delete_tickets_before(s, d)?;
            Ok((n, privacy::overview(s)?))
        })
        .await
}
