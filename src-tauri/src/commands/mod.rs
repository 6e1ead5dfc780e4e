//! Tauri commands, one module per area. Commands are thin: they fetch the open plan from
//! [`crate::state::AppState`], call one core function in a blocking thread, and turn the error
//! into a [`crate::error::UiError`]. No figure is computed here.
//!
//! Adding a command: write an `async fn` with `#[tauri::command]` in your area's module (add the
//! module below), returning `UiResult<T>` with a `Serialize` `T`; then add one line to the
//! `generate_handler!` list in `src-tauri/src/lib.rs` under your area's comment.

pub mod budget;
pub mod budget_assumptions;
pub mod calendar;
pub mod inventory;
pub mod kpi;
pub mod offers;
pub mod plan;
pub mod privacy;
pub mod report;
pub mod schools;
pub mod tickets;
