//! The plan file: what is open, New / Open / Save as / Backup / Restore, and the start-up choice
//! (the plan given with `--db`, else the last plan, else the demo district).

use std::path::{Path, PathBuf};

use schulit_core::store::{self, BackupInfo};
use schulit_core::{CoreError, Store};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec, PLAN_FILTERS};
use crate::error::{UiError, UiResult};
use crate::state::{blocking, AppState};

/// What the header and the Datei menu need to know about the open plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanInfo {
    pub open: bool,
    pub path: Option<String>,
    pub file_name: Option<String>,
    /// `meta.plan_name`, else the file name.
    pub name: Option<String>,
    /// The plan is the built-in demo district (synthetic data!).
    pub demo: bool,
    pub traeger: Option<String>,
    pub schema_version: Option<i64>,
    pub schema_current: i64,
    pub schools: usize,
    /// Why no plan (or not the last plan) was opened at start; shown once.
    pub startup_error: Option<UiError>,
    pub language: String,
    /// Licence attribution for the NRW school directory data.
    pub attribution: &'static str,
    /// Things the user should know about the open plan (another instance has it open, the last
    /// session ended without closing it).
    pub warnings: Vec<String>,
    /// The plan file last asked for, also when it could not be opened (offer its backups).
    pub attempted_path: Option<String>,
}

fn describe(store: &Store) -> Result<PlanInfo, CoreError> {
    let path = store.path().map(|p| p.display().to_string());
    let file_name = store
        .path()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let name = store::get_meta(store.conn(), "plan_name")?
        .filter(|n| !n.trim().is_empty())
        .or_else(|| file_name.clone());
    Ok(PlanInfo {
        open: true,
        path,
        file_name,
        name,
        demo: schulit_core::demo::is_demo(store),
        traeger: store::get_meta(store.conn(), "traeger")?,
        schema_version: Some(store::schema_version(store.conn())?),
        schema_current: store::CURRENT_VERSION,
        schools: schulit_core::schools::list_schools(store.conn())?.len(),
        startup_error: None,
        language: String::new(),
        attribution: schulit_core::DIRECTORY_ATTRIBUTION,
        warnings: warnings(store),
        attempted_path: None,
    })
}

fn warnings(store: &Store) -> Vec<String> {
    let mut w = Vec::new();
    if let Some(other) = store.other_instance() {
        w.push(format!(
            "Dieser Plan ist zugleich in einem anderen Fenster oder Programm geöffnet ({other}). \
             Änderungen an beiden Stellen können sich gegenseitig überschreiben – bitte nur an einer Stelle arbeiten."
        ));
    }
    if let Some(crashed) = store.crashed_instance() {
        w.push(format!(
            "Der Plan wurde beim letzten Mal nicht ordnungsgemäß geschlossen ({crashed}). \
             Die Datei wurde geprüft und ist in Ordnung; Sicherungen finden Sie unter Datei → Sicherung wiederherstellen."
        ));
    }
    w
}

fn closed_info() -> PlanInfo {
    PlanInfo {
        open: false,
        path: None,
        file_name: None,
        name: None,
        demo: false,
        traeger: None,
        schema_version: None,
        schema_current: store::CURRENT_VERSION,
        schools: 0,
        startup_error: None,
        language: String::new(),
        attribution: schulit_core::DIRECTORY_ATTRIBUTION,
        warnings: Vec::new(),
        attempted_path: None,
    }
}

async fn info(state: &AppState) -> UiResult<PlanInfo> {
    let mut info = state
        .with_slot(|slot| match slot.as_ref() {
            Some(s) => describe(s).map_err(UiError::from),
            None => Ok(closed_info()),
        })
        .await?;
    info.startup_error = state.startup_error();
    info.attempted_path = state.attempted().map(|p| p.display().to_string());
    info.language = state.settings().language.unwrap_or_else(|| "de".into());
    Ok(info)
}

/// Opens `path` as the current plan (the previous one is closed) and remembers it.
async fn switch_to(state: &AppState, path: PathBuf, create_demo: bool) -> UiResult<PlanInfo> {
    state.set_attempted(Some(path.clone()));
    let p = path.clone();
    state
        .with_slot(move |slot| {
            // Reopening the file that is open: close it first (its lock would look like a
            // second instance). Another file: keep the old plan until the new one is open.
            let reopening = slot
                .as_ref()
                .and_then(|s| s.path())
                .is_some_and(|cur| same_file(cur, &p));
            if reopening {
                *slot = None;
            }
            let store = if create_demo && !p.exists() {
                if let Some(dir) = p.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        UiError::new(
                            "store",
                            format!("Ordner {} kann nicht angelegt werden: {e}", dir.display()),
                        )
                    })?;
                }
                schulit_core::demo::create_demo_plan(&p)?
            } else {
                Store::open(&p)?
            };
            *slot = Some(store);
            Ok(())
        })
        .await?;
    state.set_startup_error(None);
    state.update_settings(|s| s.last_plan = Some(path));
    info(state).await
}

/// Chooses and opens the plan at start. Never fails: problems end up in `startup_error`.
pub fn open_at_start(state: &AppState, db: Option<PathBuf>) {
    let last = state.settings().last_plan;
    let (path, demo, note) = match (db, last) {
        (Some(p), _) => (p, false, None),
        (None, Some(p)) if p.exists() => (p, false, None),
        (None, Some(p)) => (
            state.demo_path(),
            true,
            Some(format!(
                "Der zuletzt geöffnete Plan {} wurde nicht gefunden. Der Demo-Plan ist geöffnet.",
                p.display()
            )),
        ),
        (None, None) => (state.demo_path(), true, None),
    };
    match tauri::async_runtime::block_on(switch_to(state, path.clone(), demo)) {
        Ok(_) => state.set_startup_error(note.map(|n| UiError::new("startup", n))),
        Err(e) => state.set_startup_error(Some(UiError::new(
            "startup",
            format!(
                "Der Plan {} konnte nicht geöffnet werden. {}",
                path.display(),
                e.message
            ),
        ))),
    }
}

fn plan_dir(state: &AppState) -> Option<PathBuf> {
    state
        .settings()
        .last_plan
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d.is_dir())
}

/// Path of the open plan.
async fn current_path(state: &AppState) -> UiResult<PathBuf> {
    state
        .with_slot(|slot| {
            slot.as_ref()
                .and_then(|s| s.path())
                .map(Path::to_path_buf)
                .ok_or_else(UiError::no_plan)
        })
        .await
}

/// Path of the open plan, or of the plan that failed to open (to restore it from a backup).
async fn restorable_path(state: &AppState) -> UiResult<PathBuf> {
    match current_path(state).await {
        Ok(p) => Ok(p),
        Err(e) => state.attempted().ok_or(e),
    }
}

fn is_nonempty(p: &Path) -> bool {
    std::fs::metadata(p).map(|m| m.len() > 0).unwrap_or(false)
}

/// Facts about the open plan (or `open: false`).
#[tauri::command]
pub async fn plan_info(state: State<'_, AppState>) -> UiResult<PlanInfo> {
    info(&state).await
}

/// Creates a new, empty plan file chosen in a save dialog and opens it. `None` = cancelled.
#[tauri::command]
pub async fn plan_new(app: AppHandle, state: State<'_, AppState>) -> UiResult<Option<PlanInfo>> {
    let spec = DialogSpec::new("Neuen Plan anlegen", PLAN_FILTERS)
        .directory(plan_dir(&state))
        .file_name("Neuer Plan.db");
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    if is_nonempty(&path) {
        return Err(UiError::new(
            "store",
            format!(
                "Die Datei {} gibt es schon. Ein neuer Plan überschreibt nie eine bestehende Datei – bitte einen anderen Namen wählen.",
                path.display()
            ),
        ));
    }
    let p = path.clone();
    blocking(move || {
        let store = Store::open(&p)?;
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Neuer Plan".into());
        store::set_meta(store.conn(), "plan_name", &name)?;
        Ok(())
    })
    .await?;
    switch_to(&state, path, false).await.map(Some)
}

/// Opens a plan file chosen in an open dialog. `None` = cancelled.
#[tauri::command]
pub async fn plan_open(app: AppHandle, state: State<'_, AppState>) -> UiResult<Option<PlanInfo>> {
    let spec = DialogSpec::new("Plan öffnen", PLAN_FILTERS).directory(plan_dir(&state));
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    if !path.is_file() {
        return Err(UiError::new(
            "store",
            format!("Die Datei {} gibt es nicht.", path.display()),
        ));
    }
    switch_to(&state, path, false).await.map(Some)
}

/// Opens the demo district (created in the app data directory when missing).
#[tauri::command]
pub async fn plan_open_demo(state: State<'_, AppState>) -> UiResult<PlanInfo> {
    let path = state.demo_path();
    switch_to(&state, path, true).await
}

/// Writes a copy of the open plan to a file chosen in a save dialog and continues working on
/// the copy ("Speichern unter"). `None` = cancelled.
#[tauri::command]
pub async fn plan_save_as(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<PlanInfo>> {
    let current = current_path(&state).await?;
    let stem = current
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Plan".into());
    let spec = DialogSpec::new("Plan speichern unter", PLAN_FILTERS)
        .directory(plan_dir(&state))
        .file_name(format!("{stem} (Kopie).db"));
    let Some(dest) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    if same_file(&dest, &current) {
        return Err(UiError::new(
            "store",
            "Das ist die Datei, die gerade geöffnet ist. Bitte einen anderen Namen wählen.",
        ));
    }
    let d = dest.clone();
    state.with_store(move |store| write_copy(store, &d)).await?;
    switch_to(&state, dest, false).await.map(Some)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Consistent copy via a temporary file next to `dest`, renamed into place at the end, so an
/// existing `dest` is never left half-written.
fn write_copy(store: &Store, dest: &Path) -> Result<(), CoreError> {
    let mut tmp_name = dest
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    tmp_name.push(".tmp-schulit");
    let tmp = dest.with_file_name(tmp_name);
    let _ = std::fs::remove_file(&tmp);
    store.backup_to(&tmp)?;
    for ext in ["-wal", "-shm"] {
        let mut side = dest.as_os_str().to_os_string();
        side.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::rename(&tmp, dest).map_err(|e| store::StoreError::Io {
        path: dest.display().to_string(),
        source: e,
    })?;
    Ok(())
}

/// Writes a backup of the open plan; the dialog starts in the plan's backup folder, so the
/// backup shows up in "Sicherung wiederherstellen". Returns the file written; `None` = cancelled.
#[tauri::command]
pub async fn plan_backup(app: AppHandle, state: State<'_, AppState>) -> UiResult<Option<String>> {
    let current = current_path(&state).await?;
    let dir = store::backup_dir(&current);
    let _ = std::fs::create_dir_all(&dir);
    let spec = DialogSpec::new("Sicherung speichern", PLAN_FILTERS)
        .directory(Some(dir))
        .file_name(store::backup_file_name(&current, "manuell"));
    let Some(dest) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    if same_file(&dest, &current) {
        return Err(UiError::new(
            "store",
            "Eine Sicherung kann nicht über den geöffneten Plan geschrieben werden.",
        ));
    }
    let d = dest.clone();
    state.with_store(move |store| write_copy(store, &d)).await?;
    Ok(Some(dest.display().to_string()))
}

/// Backups in the open plan's backup folder, newest first.
#[tauri::command]
pub async fn plan_list_backups(state: State<'_, AppState>) -> UiResult<Vec<BackupInfo>> {
    let current = restorable_path(&state).await?;
    blocking(move || Ok(store::list_backups(&current)?)).await
}

/// Replaces the open plan with a backup (`path`, or one chosen in an open dialog when `None`).
/// The current state is itself backed up first. `None` = cancelled.
#[tauri::command]
pub async fn plan_restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> UiResult<Option<PlanInfo>> {
    let current = restorable_path(&state).await?;
    let backup = match path {
        Some(p) => PathBuf::from(p),
        None => {
            let spec = DialogSpec::new("Sicherung wiederherstellen", PLAN_FILTERS)
                .directory(Some(store::backup_dir(&current)).filter(|d| d.is_dir()));
            match dialogs::pick_open(&app, spec).await? {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    if !backup.is_file() {
        return Err(UiError::new(
            "store",
            format!("Die Sicherung {} gibt es nicht.", backup.display()),
        ));
    }
    if same_file(&backup, &current) {
        return Err(UiError::new(
            "store",
            "Das ist der geöffnete Plan selbst, keine Sicherung.",
        ));
    }
    let cur = current.clone();
    let result = state
        .with_slot(move |slot| {
            // Close the plan (checkpoints the WAL, releases the lock), restore, reopen.
            let was_open = slot.take().is_some();
            let restored = store::restore_backup(&cur, &backup);
            if restored.is_ok() || was_open {
                *slot = Some(Store::open(&cur)?);
            }
            restored.map_err(UiError::from)
        })
        .await;
    result?;
    state.set_startup_error(None);
    state.update_settings(|s| s.last_plan = Some(current));
    info(&state).await.map(Some)
}

/// Remembers the UI language (`de` / `en`).
#[tauri::command]
pub async fn settings_set_language(state: State<'_, AppState>, language: String) -> UiResult<()> {
    let lang = if language == "en" { "en" } else { "de" };
    state.update_settings(|s| s.language = Some(lang.to_string()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Settings;

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tauri::async_runtime::block_on(f)
    }

    #[test]
    fn first_start_creates_and_remembers_the_demo() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().to_path_buf());
        open_at_start(&state, None);
        let i = run(info(&state)).unwrap();
        assert!(i.open && i.demo, "{i:?}");
        assert_eq!(i.schools, 44);
        assert!(i.startup_error.is_none());
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
        let demo = dir.path().join(crate::state::DEMO_FILE);
        assert_eq!(i.path.as_deref(), Some(demo.to_str().unwrap()));
        assert_eq!(Settings::load(dir.path()).last_plan, Some(demo));
    }

    #[test]
    fn missing_last_plan_falls_back_to_the_demo_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("weg.db");
        Settings {
            last_plan: Some(gone.clone()),
            language: None,
        }
        .save(dir.path())
        .unwrap();
        let state = AppState::new(dir.path().to_path_buf());
        open_at_start(&state, None);
        let i = run(info(&state)).unwrap();
        assert!(i.open && i.demo);
        let note = i
            .startup_error
            .expect("a note about the missing plan")
            .message;
        assert!(note.contains("weg.db"), "{note}");
    }

    #[test]
    fn damaged_plan_stays_closed_but_can_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("kaputt.db");
        std::fs::write(&bad, vec![0x42u8; 8192]).unwrap();
        let state = AppState::new(dir.path().join("data"));
        open_at_start(&state, Some(bad.clone()));
        let i = run(info(&state)).unwrap();
        assert!(!i.open);
        let msg = i.startup_error.expect("why it is not open").message;
        assert!(msg.contains("kaputt.db"), "{msg}");
        assert_eq!(i.attempted_path.as_deref(), Some(bad.to_str().unwrap()));
        assert_eq!(run(restorable_path(&state)).unwrap(), bad);
        // Nothing was written over the damaged file.
        assert_eq!(std::fs::read(&bad).unwrap(), vec![0x42u8; 8192]);
    }

    #[test]
    fn reopening_the_open_plan_does_not_look_like_a_second_instance() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().to_path_buf());
        open_at_start(&state, None);
        let demo = state.demo_path();
        let i = run(switch_to(&state, demo, false)).unwrap();
        assert!(i.open);
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    }
}
