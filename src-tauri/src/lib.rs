//! The window: a thin Tauri shell over `schulit-core`. Commands only translate between the UI
//! and the core; no figure is computed here.
//!
//! - [`state`]: the open plan and the settings file;
//! - [`commands`]: one module per area (`plan`, `schools`, …);
//! - [`dialogs`]: native file dialogs (with a test hook);
//! - [`error`]: the `{kind, message}` error the UI shows.

pub mod commands;
pub mod dialogs;
pub mod error;
pub mod state;

use std::path::PathBuf;

use tauri::Manager;

/// Environment variable that overrides the app data directory (settings, demo plan).
pub const DATA_DIR_ENV: &str = "SCHULIT_DATA_DIR";

/// Opens the window on the plan at `db` (or the last plan, or the demo district).
pub fn run(db: Option<PathBuf>) {
    let result = tauri::Builder::default()
        .setup(move |app| {
            let data_dir = match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
                Some(d) => PathBuf::from(d),
                None => app.path().app_data_dir()?,
            };
            let state = state::AppState::new(data_dir);
            commands::plan::open_at_start(&state, db.clone());
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            // Plan file (Datei menu)
            commands::plan::plan_info,
            commands::plan::plan_new,
            commands::plan::plan_open,
            commands::plan::plan_open_demo,
            commands::plan::plan_save_as,
            commands::plan::plan_backup,
            commands::plan::plan_list_backups,
            commands::plan::plan_restore_backup,
            commands::plan::settings_set_language,
            // Schulen
            commands::schools::schools_list,
            commands::schools::schools_get,
            commands::schools::schools_create,
            commands::schools::schools_update,
            commands::schools::schools_delete,
            commands::schools::schools_import_choose_file,
            commands::schools::schools_import,
            // Bestand (inventory per school)
            commands::inventory::inventory_screen,
            commands::inventory::inventory_save,
            commands::inventory::inventory_delete,
            commands::inventory::inventory_import_choose_file,
            commands::inventory::inventory_import_preview,
            commands::inventory::inventory_import,
            // Ausstattung & Budget
            commands::budget::budget_screen,
            commands::budget::budget_set_rule,
            commands::budget::budget_set_category,
            commands::budget_assumptions::budget_set_scenario,
            commands::budget_assumptions::budget_save_funding,
            commands::budget_assumptions::budget_delete_funding,
            commands::budget_assumptions::budget_set_municipal,
            commands::budget_assumptions::budget_set_pupils,
            commands::budget::budget_copy_scenario,
            commands::budget::budget_compare,
            commands::budget::budget_explain,
            commands::budget::budget_export_xlsx,
            // Angebote & Verträge
            commands::offers::offers_overview,
            commands::offers::offers_save,
            commands::offers::offers_delete,
            commands::offers::offers_save_variant,
            commands::offers::offers_delete_variant,
            commands::offers::offers_save_settings,
            commands::offers::offers_save_evaluation,
            commands::offers::offers_import_json,
            commands::offers::offers_sensitivity,
            commands::offers::offers_variant_sensitivity,
            commands::offers::offers_export_xlsx,
            // Support-Kennzahlen
            commands::tickets::tickets_import_choose_file,
            commands::tickets::tickets_import,
            commands::tickets::tickets_map_school,
            commands::tickets::tickets_unmatched,
            commands::tickets::tickets_profiles,
            commands::kpi::kpi_screen,
            commands::kpi::kpi_save_targets,
            commands::kpi::kpi_export_xlsx,
            commands::calendar::calendar_settings,
            commands::calendar::calendar_save_window,
            commands::calendar::calendar_delete_window,
            commands::calendar::calendar_save_holiday,
            commands::calendar::calendar_delete_holiday,
            commands::calendar::calendar_add_free_day,
            commands::calendar::calendar_delete_free_day,
            commands::calendar::calendar_import_ics,
            // Berichte
            commands::report::report_charts,
            commands::report::report_tables,
            commands::report::report_chart_svg,
            commands::report::report_chart_export,
            commands::report::report_school_pdf,
            commands::report::report_district_pdf,
            commands::report::report_table_export,
            commands::report::report_batch,
            commands::report::report_batch_progress,
            // Datenschutz
            commands::privacy::privacy_overview,
            commands::privacy::privacy_count_tickets_before,
            commands::privacy::privacy_delete_tickets_before,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Schul-IT-Cockpit: Das Fenster konnte nicht gestartet werden: {e}");
        std::process::exit(1);
    }
}
