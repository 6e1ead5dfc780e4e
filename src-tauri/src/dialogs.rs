//! Native file dialogs (rfd). The dialog future is created on the main (GTK) thread and awaited
//! on a helper thread, as GTK wants it.
//!
//! Test hook: when `SCHULIT_TEST_OPEN_PATH` / `SCHULIT_TEST_SAVE_PATH` is set, the open / save
//! dialog is not shown and that path is returned instead. Everything after the dialog (reading,
//! writing the file) is the real code path, so the window tests exercise it.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

use crate::error::{UiError, UiResult};

pub const TEST_OPEN_ENV: &str = "SCHULIT_TEST_OPEN_PATH";
pub const TEST_SAVE_ENV: &str = "SCHULIT_TEST_SAVE_PATH";

/// A file type offered in a dialog, e.g. `("Plandatei", &["db"])`.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

/// Filters for plan files.
pub const PLAN_FILTERS: &[Filter<'static>] = &[
    ("Plandatei (SQLite)", &["db", "sqlite", "schulit"]),
    ("Alle Dateien", &["*"]),
];

/// Filters for table imports (CSV or Excel).
pub const TABLE_FILTERS: &[Filter<'static>] = &[
    ("Tabellen (CSV, Excel)", &["csv", "txt", "xlsx", "xls"]),
    ("Alle Dateien", &["*"]),
];

/// What the dialog shows.
#[derive(Debug, Clone, Default)]
pub struct DialogSpec {
    pub title: String,
    pub filters: Vec<(String, Vec<String>)>,
    pub directory: Option<PathBuf>,
    pub file_name: Option<String>,
}

impl DialogSpec {
    pub fn new(title: &str, filters: &[Filter<'_>]) -> DialogSpec {
        DialogSpec {
            title: title.to_string(),
            filters: filters
                .iter()
                .map(|(n, e)| (n.to_string(), e.iter().map(|x| x.to_string()).collect()))
                .collect(),
            directory: None,
            file_name: None,
        }
    }

    pub fn directory(mut self, dir: Option<PathBuf>) -> DialogSpec {
        self.directory = dir;
        self
    }

    pub fn file_name(mut self, name: impl Into<String>) -> DialogSpec {
        self.file_name = Some(name.into());
        self
    }

    fn builder(&self, app: &AppHandle) -> rfd::AsyncFileDialog {
        let mut b = rfd::AsyncFileDialog::new().set_title(&self.title);
        for (name, ext) in &self.filters {
            let ext: Vec<&str> = ext.iter().map(|s| s.as_str()).collect();
            b = b.add_filter(name, &ext);
        }
        if let Some(d) = &self.directory {
            b = b.set_directory(d);
        }
        if let Some(n) = &self.file_name {
            b = b.set_file_name(n);
        }
        if let Some(w) = app.get_webview_window("main") {
            b = b.set_parent(&w);
        }
        b
    }
}

fn test_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Asks for a file to open; `None` when the user cancels.
pub async fn pick_open(app: &AppHandle, spec: DialogSpec) -> UiResult<Option<PathBuf>> {
    if let Some(p) = test_path(TEST_OPEN_ENV) {
        return Ok(Some(p));
    }
    run(app, spec, false).await
}

/// Asks where to save; `None` when the user cancels.
pub async fn pick_save(app: &AppHandle, spec: DialogSpec) -> UiResult<Option<PathBuf>> {
    if let Some(p) = test_path(TEST_SAVE_ENV) {
        return Ok(Some(p));
    }
    run(app, spec, true).await
}

async fn run(app: &AppHandle, spec: DialogSpec, save: bool) -> UiResult<Option<PathBuf>> {
    let (tx, rx) = std::sync::mpsc::channel::<Option<PathBuf>>();
    let handle = app.clone();
    app.run_on_main_thread(move || {
        let b = spec.builder(&handle);
        if save {
            let fut = b.save_file();
            std::thread::spawn(move || {
                let picked = tauri::async_runtime::block_on(fut);
                let _ = tx.send(picked.map(|h| h.path().to_path_buf()));
            });
        } else {
            let fut = b.pick_file();
            std::thread::spawn(move || {
                let picked = tauri::async_runtime::block_on(fut);
                let _ = tx.send(picked.map(|h| h.path().to_path_buf()));
            });
        }
    })
    .map_err(|e| {
        UiError::new(
            "dialog",
            format!("Dateidialog kann nicht geöffnet werden: {e}"),
        )
    })?;
    crate::state::blocking(move || {
        rx.recv()
            .map_err(|_| UiError::new("dialog", "Der Dateidialog wurde unerwartet beendet."))
    })
    .await
}
