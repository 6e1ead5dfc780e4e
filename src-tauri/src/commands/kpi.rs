//! Support-Kennzahlen: the whole dashboard (figures, definitions, warnings) and its charts as SVG
//! in one call; the SLA targets of a contract.

use schulit_core::chart::kpi::{self as kpi_chart, HeatValue, RankMetric};
use schulit_core::chart::Size;
use schulit_core::kpi::{build_dashboard, save_targets, Dashboard, DashboardRequest, Targets};
use schulit_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec};
use crate::error::UiResult;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize)]
pub struct KpiScreen {
    pub dashboard: Dashboard,
    pub contracts: Vec<String>,
    /// Service windows (district first), for the "Servicezeiten" filter.
    pub windows: Vec<String>,
    pub chart_ranking_svg: String,
    pub chart_band_svg: String,
    pub chart_trend_svg: String,
    pub chart_heatmap_svg: String,
    pub chart_devices_svg: String,
}

/// `language` "en" gives the charts English labels (the dashboard carries both languages).
fn screen(
    store: &schulit_core::Store,
    req: DashboardRequest,
    language: Option<String>,
) -> Result<KpiScreen, CoreError> {
    let en = language.as_deref() == Some("en");
    let d = build_dashboard(store.conn(), &req)?;
    let contracts = schulit_core::kpi::targets::list_contracts(store.conn())?;
    let windows = schulit_core::calendar::service_window::list_service_windows(store.conn())
        .map_err(CoreError::from)?
        .into_iter()
        .map(|w| w.name)
        .collect();
    let svg = |c: schulit_core::chart::Chart| c.svg(Size::SCREEN).map_err(CoreError::Report);
    Ok(KpiScreen {
        chart_ranking_svg: svg(kpi_chart::ranking_in(&d, RankMetric::TtrMedian, en))?,
        chart_band_svg: svg(kpi_chart::band_in(&d, en))?,
        chart_trend_svg: svg(kpi_chart::trend_in(&d, en))?,
        chart_heatmap_svg: svg(kpi_chart::heatmap_in(&d, HeatValue::Tickets, en))?,
        chart_devices_svg: svg(kpi_chart::devices_scatter_in(&d, en))?,
        contracts,
        windows,
        dashboard: d,
    })
}

/// The KPI screen for the chosen period, clock, priority, contract and school.
#[tauri::command]
pub async fn kpi_screen(
    state: State<'_, AppState>,
    request: DashboardRequest,
    language: Option<String>,
) -> UiResult<KpiScreen> {
    state
        .with_store(move |s| screen(s, request, language))
        .await
}

/// Saves the SLA targets (business minutes) of a contract and returns the recomputed screen.
#[tauri::command]
pub async fn kpi_save_targets(
    state: State<'_, AppState>,
    contract: String,
    targets: Targets,
    request: DashboardRequest,
    language: Option<String>,
) -> UiResult<KpiScreen> {
    state
        .with_store(move |s| {
            save_targets(s.conn(), &contract, &targets)?;
            screen(s, request, language)
        })
        .await
}

/// The KPI tables of the screen's current filters (district, schools, months, priorities,
/// categories) as one XLSX workbook through the save dialog; the path, or None if cancelled.
#[tauri::command]
pub async fn kpi_export_xlsx(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DashboardRequest,
) -> UiResult<Option<String>> {
    let spec = DialogSpec::new("Kennzahlen exportieren", crate::dialogs::TABLE_FILTERS)
        .file_name("Support-Kennzahlen.xlsx");
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    let p = path.clone();
    state
        .with_store(move |s| {
            let d = build_dashboard(s.conn(), &request)?;
            let t = schulit_core::kpi::tables::dashboard_tables(&d).map_err(CoreError::Report)?;
            schulit_core::report::xlsx::write_xlsx(&t, &p).map_err(CoreError::Report)?;
            Ok(())
        })
        .await?;
    Ok(Some(path.display().to_string()))
}
