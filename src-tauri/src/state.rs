//! What the window keeps between commands: the open plan (one SQLite connection behind a mutex;
//! one user, WAL lets readers run beside the writer) and the small settings file in the OS data
//! directory (last plan path, UI language).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use schulit_core::{CoreError, Store};
use serde::{Deserialize, Serialize};

use crate::error::{UiError, UiResult};

/// File name of the settings in the app data directory.
const SETTINGS_FILE: &str = "settings.json";
/// File name of the demo plan in the app data directory.
pub const DEMO_FILE: &str = "Demo-Leverkusen.db";

/// Settings that outlive a session.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Settings {
    /// The plan that was open last; reopened at start.
    #[serde(default)]
    pub last_plan: Option<PathBuf>,
    /// UI language (`de` or `en`).
    #[serde(default)]
    pub language: Option<String>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (never fatal).
    pub fn load(dir: &Path) -> Settings {
        std::fs::read(dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically (temp file + rename).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!("{SETTINGS_FILE}.tmp"));
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(tmp, dir.join(SETTINGS_FILE))
    }
}

/// Shared state of the window (managed by Tauri; commands get it as `State<'_, AppState>`).
pub struct AppState {
    /// The open plan; `None` when none could be opened.
    plan: Arc<Mutex<Option<Store>>>,
    /// App data directory (settings, demo plan).
    pub data_dir: PathBuf,
    settings: Mutex<Settings>,
    /// Why no plan could be opened at start (shown once by the UI).
    startup_error: Mutex<Option<UiError>>,
    /// The plan file last asked for (open or not): a damaged plan that failed to open can still
    /// be restored from its backups.
    attempted: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> AppState {
        let settings = Settings::load(&data_dir);
        AppState {
            plan: Arc::new(Mutex::new(None)),
            data_dir,
            settings: Mutex::new(settings),
            startup_error: Mutex::new(None),
            attempted: Mutex::new(None),
        }
    }

    pub fn set_attempted(&self, p: Option<PathBuf>) {
        if let Ok(mut s) = self.attempted.lock() {
            *s = p;
        }
    }

    pub fn attempted(&self) -> Option<PathBuf> {
        self.attempted.lock().ok().and_then(|s| s.clone())
    }

    pub fn settings(&self) -> Settings {
        self.settings.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Changes the settings and writes them to disk (a write failure is not fatal).
    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        if let Ok(mut s) = self.settings.lock() {
            f(&mut s);
            let _ = s.save(&self.data_dir);
        }
    }

    pub fn demo_path(&self) -> PathBuf {
        self.data_dir.join(DEMO_FILE)
    }

    pub fn set_startup_error(&self, e: Option<UiError>) {
        if let Ok(mut s) = self.startup_error.lock() {
            *s = e;
        }
    }

    pub fn startup_error(&self) -> Option<UiError> {
        self.startup_error.lock().ok().and_then(|s| s.clone())
    }

    /// Runs `f` on the open plan in a blocking worker thread (SQLite never runs on the UI thread).
    /// This is the one way commands reach the plan:
    /// `state.with_store(|store| schulit_core::schools::list_schools(store.conn()).map_err(Into::into)).await`
    pub async fn with_store<T, F>(&self, f: F) -> UiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static,
    {
        let plan = Arc::clone(&self.plan);
        blocking(move || {
            let mut guard = plan.lock().map_err(|e| UiError::internal(e.to_string()))?;
            let store = guard.as_mut().ok_or_else(UiError::no_plan)?;
            f(store).map_err(UiError::from)
        })
        .await
    }

    /// Like [`AppState::with_store`] but gives the slot itself, so a command can close the plan,
    /// replace it with another one, or open one when none is open.
    pub async fn with_slot<T, F>(&self, f: F) -> UiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Option<Store>) -> UiResult<T> + Send + 'static,
    {
        let plan = Arc::clone(&self.plan);
        blocking(move || {
            let mut guard = plan.lock().map_err(|e| UiError::internal(e.to_string()))?;
            f(&mut guard)
        })
        .await
    }
}

/// Runs blocking work (SQLite, file I/O) on Tauri's blocking thread pool.
pub async fn blocking<T, F>(f: F) -> UiResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> UiResult<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| UiError::internal(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_roundtrip_and_tolerate_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
        let s = Settings {
            last_plan: Some(dir.path().join("a.db")),
            language: Some("en".into()),
        };
        s.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()), s);
        std::fs::write(dir.path().join(SETTINGS_FILE), b"{not json").unwrap();
        assert_eq!(Settings::load(dir.path()), Settings::default());
    }
}
