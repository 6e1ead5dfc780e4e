//! Ausstattung & Budget: the plan's assumptions besides standards and catalogue – the
//! scenario's settings (period, escalation, Sozialindex weights), funding programmes, the
//! municipal budget and cap per year, and the pupils of one school per year.
//! Each command is thin: core repository call(s) in one transaction, then the recomputed
//! budget screen (which shows them through `budget::assumptions`). Validation and its German
//! messages are the core's.

use schulit_core::budget::scenario::Scenario;
use schulit_core::budget::{repo, FundingSource, MunicipalYear, SozialWeights};
use schulit_core::CoreError;
use serde::Deserialize;
use tauri::State;

use super::budget::{screen, BudgetScreen};
use crate::error::UiResult;
use crate::state::AppState;

/// A scenario's settings as the window edits them.
#[derive(Debug, Clone, Deserialize)]
pub struct ScenarioSettings {
    pub name: String,
    pub description: String,
    pub base_year: i32,
    pub from_year: i32,
    pub to_year: i32,
    pub escalation_pct: f64,
    pub weights: SozialWeights,
}

/// Changes the settings of `scenario` (renaming it if `settings.name` differs); returns the
/// recomputed screen of the (renamed) scenario.
#[tauri::command]
pub async fn budget_set_scenario(
    state: State<'_, AppState>,
    scenario: String,
    settings: ScenarioSettings,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let old = repo::get_scenario(s.conn(), Some(&scenario))?;
            let new = Scenario {
                id: old.id,
                is_default: old.is_default,
                name: settings.name.trim().to_string(),
                description: settings.description,
                base_year: settings.base_year,
                from_year: settings.from_year,
                to_year: settings.to_year,
                escalation_pct: settings.escalation_pct,
                weights: settings.weights,
            };
            repo::update_scenario(s.conn(), &new)?;
            screen(s, Some(new.name), school, language.as_deref())
        })
        .await
}

/// Adds (id 0) or changes a funding source of the scenario; returns the recomputed screen.
#[tauri::command]
pub async fn budget_save_funding(
    state: State<'_, AppState>,
    scenario: String,
    source: FundingSource,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let sc = repo::get_scenario(s.conn(), Some(&scenario))?;
            s.transaction(|tx| repo::save_funding(tx, sc.id, &source))?;
            screen(s, Some(scenario), school, language.as_deref())
        })
        .await
}

/// Deletes a funding source of the scenario; returns the recomputed screen.
#[tauri::command]
pub async fn budget_delete_funding(
    state: State<'_, AppState>,
    scenario: String,
    id: i64,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let sc = repo::get_scenario(s.conn(), Some(&scenario))?;
            repo::delete_funding(s.conn(), sc.id, id)?;
            screen(s, Some(scenario), school, language.as_deref())
        })
        .await
}

/// Saves the municipal budget and cap of the given years (all or none); a year with neither
/// (empty fields) has no entry, so "no budget entered" stays distinct from "0 €". Returns the
/// recomputed screen.
#[tauri::command]
pub async fn budget_set_municipal(
    state: State<'_, AppState>,
    scenario: String,
    years: Vec<MunicipalYear>,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let sc = repo::get_scenario(s.conn(), Some(&scenario))?;
            s.transaction(|tx| -> Result<(), CoreError> {
                for m in &years {
                    repo::set_municipal(tx, sc.id, m)?;
                }
                Ok(())
            })?;
            screen(s, Some(scenario), school, language.as_deref())
        })
        .await
}

/// Pupils entered for one year; `None` clears the entry (the growth % applies again).
#[derive(Debug, Clone, Deserialize)]
pub struct PupilEntry {
    pub year: i32,
    pub pupils: Option<i64>,
}

/// Saves the pupils a school has per year (all or none); returns the recomputed screen.
#[tauri::command]
pub async fn budget_set_pupils(
    state: State<'_, AppState>,
    scenario: String,
    school: String,
    years: Vec<PupilEntry>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            schulit_core::schools::get_school(s.conn(), &school)?;
            s.transaction(|tx| -> Result<(), CoreError> {
                for e in &years {
                    repo::set_pupils_for_year(tx, &school, e.year, e.pupils)?;
                }
                Ok(())
            })?;
            screen(s, Some(scenario), Some(school), language.as_deref())
        })
        .await
}
