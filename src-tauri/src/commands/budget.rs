//! Ausstattung & Budget: the plan of a scenario (district or one school) with its charts as
//! SVG, editing of standards and catalogue (the plan is recomputed at once; funding, municipal
//! budget and pupils per year in `budget_assumptions`), scenario comparison and XLSX export.
//! No figure is computed here.

use schulit_core::budget::assumptions::{self, FundingRow, SchoolPupils};
use schulit_core::budget::{self, repo, scenario, tables, view, Category, Rule};
use schulit_core::chart::{budget as budget_chart, Size};
use schulit_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec};
use crate::error::UiResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    #[serde(flatten)]
    pub rule: Rule,
    pub text: String,
}

/// Everything the budget screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetScreen {
    pub scenario: scenario::Scenario,
    pub scenarios: Vec<scenario::Scenario>,
    pub view: view::PlanView,
    pub catalogue: Vec<Category>,
    pub rules: Vec<RuleRow>,
    /// Selected school (Schulnummer), if any.
    pub school: Option<String>,
    pub chart_cost_svg: String,
    pub chart_funding_svg: String,
    /// Funding sources in allocation order.
    pub funding: Vec<FundingRow>,
    /// Municipal budget and cap of every plan year.
    pub municipal: Vec<budget::MunicipalYear>,
    /// Pupils per year of the selected school.
    pub pupils: Option<SchoolPupils>,
}

fn report_err(e: schulit_core::report::ReportError) -> CoreError {
    CoreError::Report(e)
}

/// `language` "en" gives charts and the core's texts (cliffs, deferral reasons, warnings,
/// formulas) in English; user data stays as entered, amounts in German format.
pub(crate) fn screen(
    store: &mut schulit_core::Store,
    scenario: Option<String>,
    school: Option<String>,
    language: Option<&str>,
) -> Result<BudgetScreen, CoreError> {
    let en = language == Some("en");
    let (input, plan) = budget::load_and_compute(store.conn(), scenario.as_deref(), None)?;
    let sc = repo::get_scenario(store.conn(), Some(&plan.scenario))?;
    let si = school
        .as_deref()
        .and_then(|nr| input.schools.iter().position(|s| s.schulnummer == nr));
    let cost = budget_chart::cost_by_category_in(&input, &plan, si, en)
        .svg(Size::SCREEN)
        .map_err(report_err)?;
    let funding = budget_chart::funding_vs_need_in(&input, &plan, si, en)
        .svg(Size::SCREEN)
        .map_err(report_err)?;
    Ok(BudgetScreen {
        scenarios: repo::list_scenarios(store.conn())?,
        view: view::view_in(&input, &plan, en),
        catalogue: input.categories.clone(),
        rules: input
            .rules
            .iter()
            .map(|r| RuleRow {
                text: r.describe_in(en),
                rule: r.clone(),
            })
            .collect(),
        school: si.map(|i| input.schools[i].schulnummer.clone()),
        scenario: sc,
        chart_cost_svg: cost,
        chart_funding_svg: funding,
        funding: assumptions::funding_rows_in(&input, &plan, en),
        municipal: assumptions::municipal_rows(&input),
        pupils: si.map(|i| assumptions::school_pupils(&input, i)),
    })
}

#[tauri::command]
pub async fn budget_screen(
    state: State<'_, AppState>,
    scenario: Option<String>,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| screen(s, scenario, school, language.as_deref()))
        .await
}

/// Saves a changed rule of the scenario and returns the recomputed screen.
#[tauri::command]
pub async fn budget_set_rule(
    state: State<'_, AppState>,
    scenario: String,
    rule: Rule,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let sc = repo::get_scenario(s.conn(), Some(&scenario))?;
            repo::update_rule(s.conn(), sc.id, &rule)?;
            screen(s, Some(scenario), school, language.as_deref())
        })
        .await
}

/// Saves a changed catalogue category and returns the recomputed screen.
#[tauri::command]
pub async fn budget_set_category(
    state: State<'_, AppState>,
    scenario: String,
    category: Category,
    school: Option<String>,
    language: Option<String>,
) -> UiResult<BudgetScreen> {
    state
        .with_store(move |s| {
            let sc = repo::get_scenario(s.conn(), Some(&scenario))?;
            repo::save_category(s.conn(), sc.id, &category, 0)?;
            screen(s, Some(scenario), school, language.as_deref())
        })
        .await
}

/// Copies a scenario under a new name.
#[tauri::command]
pub async fn budget_copy_scenario(
    state: State<'_, AppState>,
    from: String,
    name: String,
) -> UiResult<scenario::Scenario> {
    state
        .with_store(move |s| Ok(repo::copy_scenario(s.conn(), &from, &name)?))
        .await
}

/// All scenarios side by side.
#[tauri::command]
pub async fn budget_compare(state: State<'_, AppState>) -> UiResult<scenario::Comparison> {
    state
        .with_store(|s| {
            let mut plans = vec![];
            for sc in repo::list_scenarios(s.conn())? {
                plans.push(budget::load_and_compute(s.conn(), Some(&sc.name), None)?.1);
            }
            Ok(scenario::compare(&plans))
        })
        .await
}

/// Explanation of one school × category × year.
#[tauri::command]
pub async fn budget_explain(
    state: State<'_, AppState>,
    scenario: Option<String>,
    school: String,
    category: String,
    year: i32,
) -> UiResult<Vec<budget::explain::Explain>> {
    state
        .with_store(move |s| {
            let (input, plan) = budget::load_and_compute(s.conn(), scenario.as_deref(), None)?;
            let si = input.schools.iter().position(|x| x.schulnummer == school);
            let ci = input.categories.iter().position(|c| c.key == category);
            match (si, ci) {
                (Some(si), Some(ci)) => {
                    Ok(budget::explain::explain_line(&input, &plan, si, ci, year)
                        .unwrap_or_default())
                }
                _ => Ok(vec![]),
            }
        })
        .await
}

/// Writes the plan's tables (and the scenario comparison) to an XLSX file the user picks.
#[tauri::command]
pub async fn budget_export_xlsx(
    app: AppHandle,
    state: State<'_, AppState>,
    scenario: Option<String>,
) -> UiResult<Option<String>> {
    let spec = DialogSpec::new("Tabellen exportieren", crate::dialogs::TABLE_FILTERS)
        .file_name("Medienentwicklungsplan.xlsx");
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    let p = path.clone();
    state
        .with_store(move |s| {
            let (input, plan) = budget::load_and_compute(s.conn(), scenario.as_deref(), None)?;
            let v = view::view(&input, &plan);
            let mut t = tables::plan_tables(&input, &plan, &v).map_err(report_err)?;
            let mut plans = vec![];
            for sc in repo::list_scenarios(s.conn())? {
                plans.push(budget::load_and_compute(s.conn(), Some(&sc.name), None)?.1);
            }
            t.push(tables::comparison_table(&scenario::compare(&plans)).map_err(report_err)?);
            schulit_core::report::xlsx::write_xlsx(&t, &p).map_err(report_err)?;
            Ok(())
        })
        .await?;
    Ok(Some(path.display().to_string()))
}
