//! Ticket import (Support-Kennzahlen): choose a helpdesk export, preview its format, import it
//! (built-in format or the user's column mapping, optionally saved as an import profile), and map
//! unmatched school labels to the register. The KPI screen opens the dialog
//! (`ui/js/screens/tickets_import.js`).

use std::collections::BTreeMap;
use std::path::Path;

use schulit_core::tickets::import::{preview_file, FilePreview, LabelCount};
use schulit_core::tickets::{self, mapped, schools_match, ImportOptions, ImportSummary};
use schulit_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec, TABLE_FILTERS};
use crate::error::UiResult;
use crate::state::{blocking, AppState};

/// A chosen export: where it is and what it looks like.
#[derive(Debug, Clone, Serialize)]
pub struct TicketFileChoice {
    pub path: String,
    pub file_name: String,
    pub preview: FilePreview,
    pub profiles: Vec<mapped::Profile>,
}

/// Asks for a ticket export and previews it. `None` = cancelled.
#[tauri::command]
pub async fn tickets_import_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<TicketFileChoice>> {
    let spec = DialogSpec::new("Ticket-Export wählen", TABLE_FILTERS);
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    let p = path.clone();
    let preview = blocking(move || Ok(preview_file(&p)?)).await?;
    let profiles = state
        .with_store(|s| Ok(mapped::list_profiles(s.conn())?))
        .await?;
    Ok(Some(TicketFileChoice {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.display().to_string(),
        preview,
        profiles,
    }))
}

/// How to import, as the dialog sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketImportRequest {
    pub path: String,
    /// `auto`, `zammad`, …; ignored when `columns` is given.
    #[serde(default)]
    pub source: Option<String>,
    /// A saved profile to use.
    #[serde(default)]
    pub profile: Option<String>,
    /// The user's column mapping (field key → header) for unknown formats.
    #[serde(default)]
    pub columns: Option<BTreeMap<String, String>>,
    /// Save `columns` under this profile name.
    #[serde(default)]
    pub save_as: Option<String>,
    #[serde(default)]
    pub month_first: bool,
    #[serde(default)]
    pub school_column: Option<String>,
    #[serde(default)]
    pub keep_title: bool,
    #[serde(default)]
    pub drop_requester: bool,
}

#[tauri::command]
pub async fn tickets_import(
    state: State<'_, AppState>,
    request: TicketImportRequest,
) -> UiResult<ImportSummary> {
    state
        .with_store(move |s| {
            let r = request;
            let profile = match (&r.columns, &r.profile) {
                (Some(cols), _) => {
                    let name = r
                        .save_as
                        .clone()
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| "Zuordnung".into());
                    let p = mapped::Profile {
                        name,
                        source: "csv".into(),
                        columns: cols
                            .iter()
                            .filter(|(_, h)| !h.trim().is_empty())
                            .map(|(k, h)| (k.clone(), h.clone()))
                            .collect(),
                        month_first: r.month_first,
                    };
                    p.validate()?;
                    if r.save_as.as_deref().map(|n| !n.trim().is_empty()) == Some(true) {
                        mapped::save_profile(s.conn(), &p)?;
                    }
                    Some(p)
                }
                (None, Some(name)) if !name.trim().is_empty() => {
                    Some(mapped::load_profile(s.conn(), name)?)
                }
                _ => None,
            };
            let opts = ImportOptions {
                source: r.source.clone(),
                profile,
                school_column: r.school_column.clone().filter(|c| !c.trim().is_empty()),
                keep_title: r.keep_title,
                drop_requester: r.drop_requester,
            };
            tickets::import_file(s, Path::new(&r.path), &opts)
        })
        .await
}

/// Remembers LABEL → school and assigns the stored tickets; returns how many were assigned.
#[tauri::command]
pub async fn tickets_map_school(
    state: State<'_, AppState>,
    label: String,
    schulnummer: String,
) -> UiResult<usize> {
    state
        .with_store(move |s| {
            Ok(schools_match::remember_school(
                s.conn(),
                &label,
                &schulnummer,
            )?)
        })
        .await
}

/// School labels of stored tickets without a school.
#[tauri::command]
pub async fn tickets_unmatched(state: State<'_, AppState>) -> UiResult<Vec<LabelCount>> {
    state
        .with_store(|s| {
            let rows = schools_match::unmatched_labels(s.conn())
                .map_err(|e| CoreError::from(tickets::TicketError::from(e)))?;
            Ok(rows
                .into_iter()
                .map(|(label, n)| LabelCount {
                    label,
                    tickets: n as usize,
                })
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn tickets_profiles(state: State<'_, AppState>) -> UiResult<Vec<mapped::Profile>> {
    state
        .with_store(|s| Ok(mapped::list_profiles(s.conn())?))
        .await
}
