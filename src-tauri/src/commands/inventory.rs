//! Bestand (inventory per school): the cohorts with age and useful life, editing by hand with
//! the core's field messages, and the import of asset exports (choose file → preview with the
//! column mapping → import). The screen is `ui/js/screens/inventory.js`; its XLSX export is the
//! registered table `inventory` (`report_table_export`).

use std::collections::BTreeMap;
use std::path::Path;

use schulit_core::budget::inventory::{self, FieldError};
use schulit_core::budget::inventory_import::{
    import_inventory_bytes, InventoryImportOptions, InventoryImportSummary, InventorySource,
};
use schulit_core::budget::inventory_preview::{preview_inventory_bytes, InventoryPreview};
use schulit_core::budget::inventory_view::{inventory_view, InventoryView};
use schulit_core::budget::{self, Cohort};
use schulit_core::import::{display_name, ImportError};
use schulit_core::CoreError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec, TABLE_FILTERS};
use crate::error::{UiError, UiResult};
use crate::state::AppState;

/// The cohorts of one school (all when None) as the screen shows them.
#[tauri::command]
pub async fn inventory_screen(
    state: State<'_, AppState>,
    school: Option<String>,
) -> UiResult<InventoryView> {
    let school = school.filter(|s| !s.trim().is_empty());
    state
        .with_store(move |s| inventory_view(s.conn(), school.as_deref(), budget::current_year()))
        .await
}

/// What saving a cohort did: stored (`id`), or the wrong fields with German messages.
#[derive(Debug, Clone, Serialize)]
pub struct CohortSaved {
    pub id: Option<i64>,
    pub errors: Vec<FieldError>,
}

/// Adds (`id` 0) or changes a cohort after checking every field.
#[tauri::command]
pub async fn inventory_save(state: State<'_, AppState>, cohort: Cohort) -> UiResult<CohortSaved> {
    state
        .with_store(move |s| {
            let latest = budget::current_year();
            let errors = inventory::check_cohort(s.conn(), &cohort, latest)?;
            if !errors.is_empty() {
                return Ok(CohortSaved { id: None, errors });
            }
            let id = if cohort.id == 0 {
                let c = Cohort {
                    source: "manual".into(),
                    ..cohort
                };
                inventory::add_cohort(s.conn(), &c, latest)?
            } else {
                inventory::update_cohort(s.conn(), &cohort, latest)?;
                cohort.id
            };
            Ok(CohortSaved {
                id: Some(id),
                errors: vec![],
            })
        })
        .await
}

#[tauri::command]
pub async fn inventory_delete(state: State<'_, AppState>, id: i64) -> UiResult<()> {
    state
        .with_store(move |s| Ok(inventory::delete_cohort(s.conn(), id)?))
        .await
}

/// A chosen file and its preview.
#[derive(Debug, Clone, Serialize)]
pub struct InventoryFileChoice {
    pub path: String,
    pub file_name: String,
    pub preview: InventoryPreview,
}

/// How to read the file, as the dialog sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryImportRequest {
    pub path: String,
    /// `auto` (or empty), `snipeit`, `glpi`, `idoit`, `template`.
    #[serde(default)]
    pub source: Option<String>,
    /// Field key → header; empty header = field not read.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub skip_unknown: bool,
}

impl InventoryImportRequest {
    fn options(&self) -> UiResult<InventoryImportOptions> {
        let source = InventorySource::parse(self.source.as_deref().unwrap_or(""))
            .map_err(|m| UiError::new("import", m))?;
        Ok(InventoryImportOptions {
            source,
            skip_unknown_categories: self.skip_unknown,
            columns: self.columns.clone(),
        })
    }
}

fn read(path: &Path) -> Result<(String, Vec<u8>), CoreError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    Ok((file, bytes))
}

fn preview(
    s: &mut schulit_core::Store,
    r: &InventoryImportRequest,
    o: &InventoryImportOptions,
) -> Result<InventoryPreview, CoreError> {
    budget::repo::ensure_default_scenario(s.conn(), budget::current_year(), 5)?;
    let (file, bytes) = read(Path::new(&r.path))?;
    preview_inventory_bytes(s, &file, &bytes, o)
}

/// Asks for an inventory export and previews it with the detected mapping. `None` = cancelled.
#[tauri::command]
pub async fn inventory_import_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<InventoryFileChoice>> {
    let spec = DialogSpec::new("Bestandsliste wählen", TABLE_FILTERS);
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    let r = InventoryImportRequest {
        path: path.display().to_string(),
        ..Default::default()
    };
    let o = r.options()?;
    let p = state.with_store(move |s| preview(s, &r, &o)).await?;
    Ok(Some(InventoryFileChoice {
        file_name: display_name(&path),
        path: path.display().to_string(),
        preview: p,
    }))
}

/// The preview again with the user's source, mapping and options.
#[tauri::command]
pub async fn inventory_import_preview(
    state: State<'_, AppState>,
    request: InventoryImportRequest,
) -> UiResult<InventoryPreview> {
    let o = request.options()?;
    state.with_store(move |s| preview(s, &request, &o)).await
}

/// Imports the file (one transaction, backup before).
#[tauri::command]
pub async fn inventory_import(
    state: State<'_, AppState>,
    request: InventoryImportRequest,
) -> UiResult<InventoryImportSummary> {
    let o = request.options()?;
    state
        .with_store(move |s| {
            budget::repo::ensure_default_scenario(s.conn(), budget::current_year(), 5)?;
            let (file, bytes) = read(Path::new(&request.path))?;
            import_inventory_bytes(s, &file, &bytes, &o)
        })
        .await
}
