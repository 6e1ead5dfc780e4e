//! Angebote & Verträge: stored offers, comparison settings, comparison (with its charts as SVG),
//! sensitivity, UfAB evaluation, Varianten (combinations of offers), JSON import and XLSX
//! export. Offers and the evaluation arrive
//! as template JSON and are read by the core's field-by-field reader, so a form gets the same
//! German message naming the field as a file import.

use schulit_core::chart::{self, Size};
use schulit_core::offers::sensitivity::{self, PairSensitivity, SensitivitySpec, Side, TornadoBar};
use schulit_core::offers::{self, repo, validate, Comparison, EvaluationSpec, Settings};
use schulit_core::{CoreError, Store};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::dialogs::{self, DialogSpec};
use crate::error::{UiError, UiResult};
use crate::state::{blocking, AppState};

const JSON_FILTERS: &[dialogs::Filter<'static>] = &[
    ("Angebotsvorlage (JSON, CSV)", &["json", "csv"]),
    ("Alle Dateien", &["*"]),
];
const XLSX_FILTERS: &[dialogs::Filter<'static>] = &[("Excel-Arbeitsmappe", &["xlsx"])];

/// A chart for the window: its SVG and a text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct ChartSvg {
    pub group: String,
    pub title: String,
    pub svg: String,
}

/// Everything the offers screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct OffersView {
    pub settings: Settings,
    pub default_rate_pct: f64,
    pub default_rate_source: &'static str,
    /// The stored offers as template JSON (for the edit forms).
    pub offers: Vec<serde_json::Value>,
    pub comparison: Comparison,
    /// Cumulative-cost chart per group.
    pub charts: Vec<ChartSvg>,
    pub evaluation: Option<EvaluationSpec>,
}

fn view(store: &Store) -> Result<OffersView, CoreError> {
    let set = repo::load_set(store.conn(), offers::next_year())?;
    let comparison = offers::compare(&set);
    let mut groups: Vec<String> = Vec::new();
    for r in &comparison.results {
        if !groups.contains(&r.group) {
            groups.push(r.group.clone());
        }
    }
    let mut charts = Vec::new();
    for g in groups {
        let c = chart::offers::cumulative_chart(&comparison, &g);
        charts.push(ChartSvg {
            title: c.meta.title.clone(),
            svg: chart::render_svg(&c, Size::SCREEN)?,
            group: g,
        });
    }
    Ok(OffersView {
        offers: set
            .offers
            .iter()
            .map(|o| serde_json::to_value(o).unwrap_or_default())
            .collect(),
        settings: set.settings,
        default_rate_pct: offers::DEFAULT_RATE_PCT,
        default_rate_source: offers::DEFAULT_RATE_SOURCE,
        comparison,
        charts,
        evaluation: set.evaluation,
    })
}

#[tauri::command]
pub async fn offers_overview(state: State<'_, AppState>) -> UiResult<OffersView> {
    state.with_store(|s| view(s)).await
}

/// Saves an offer from the form (template JSON). `original_id`: the id it had when the form
/// was opened (a changed id renames the offer).
#[tauri::command]
pub async fn offers_save(
    state: State<'_, AppState>,
    offer: serde_json::Value,
    original_id: Option<String>,
) -> UiResult<OffersView> {
    state
        .with_store(move |s| {
            let o = validate::parse_offer(&offer, 0)?;
            s.transaction(|tx| -> Result<(), CoreError> {
                if let Some(old) = original_id.filter(|old| old != &o.id) {
                    repo::rename_offer(tx, &old, &o.id)?;
                }
                repo::save_offer(tx, &o)?;
                Ok(())
            })?;
            view(s)
        })
        .await
}

/// The view after deleting an offer, with what happened to the variants that used it.
#[derive(Debug, Clone, Serialize)]
pub struct OfferDeletedView {
    pub view: OffersView,
    pub deleted: repo::OfferDeleted,
}

#[tauri::command]
pub async fn offers_delete(state: State<'_, AppState>, id: String) -> UiResult<OfferDeletedView> {
    state
        .with_store(move |s| {
            let deleted = repo::delete_offer(s.conn(), &id)?;
            Ok(OfferDeletedView {
                view: view(s)?,
                deleted,
            })
        })
        .await
}

/// Saves a variant from the card's form (`{"id"?, "name", "offers", "note"?}`; no id = a new
/// variant, its id made from the name).
#[tauri::command]
pub async fn offers_save_variant(
    state: State<'_, AppState>,
    variant: serde_json::Value,
) -> UiResult<OffersView> {
    state
        .with_store(move |s| {
            let taken: Vec<String> = repo::list_variants(s.conn())?
                .into_iter()
                .map(|v| v.id)
                .collect();
            let v = offers::variant::from_form(&variant, &taken)?;
            repo::save_variant(s.conn(), &v)?;
            view(s)
        })
        .await
}

#[tauri::command]
pub async fn offers_delete_variant(state: State<'_, AppState>, id: String) -> UiResult<OffersView> {
    state
        .with_store(move |s| {
            repo::delete_variant(s.conn(), &id)?;
            view(s)
        })
        .await
}

/// The settings form: dates as text (`JJJJ-MM-TT` or `TT.MM.JJJJ`).
#[derive(Debug, Clone, Deserialize)]
pub struct SettingsInput {
    pub start: String,
    pub horizon_years: u32,
    pub discount_rate_pct: f64,
    pub discount_rate_source: String,
    pub pupils: Option<i64>,
}

#[tauri::command]
pub async fn offers_save_settings(
    state: State<'_, AppState>,
    settings: SettingsInput,
) -> UiResult<OffersView> {
    state
        .with_store(move |s| {
            let start = offers::parse_date(&settings.start).ok_or_else(|| {
                offers::OfferError::Settings {
                    field: "start".into(),
                    message: format!(
                        "ungültiges Datum „{}“ (erwartet: TT.MM.JJJJ)",
                        settings.start
                    ),
                }
            })?;
            let st = Settings {
                start,
                horizon_years: settings.horizon_years,
                discount_rate_pct: settings.discount_rate_pct,
                discount_rate_source: if settings.discount_rate_source.trim().is_empty() {
                    "Eingabe des Nutzers (ohne Quellenangabe)".into()
                } else {
                    settings.discount_rate_source.trim().to_string()
                },
                pupils: settings.pupils,
            };
            repo::save_settings(s.conn(), &st)?;
            view(s)
        })
        .await
}

/// Replaces the evaluation (criteria with weights, scores, method parameters).
#[tauri::command]
pub async fn offers_save_evaluation(
    state: State<'_, AppState>,
    evaluation: serde_json::Value,
) -> UiResult<OffersView> {
    state
        .with_store(move |s| {
            let spec = validate::parse_evaluation(&evaluation)?;
            s.transaction(|tx| repo::save_evaluation(tx, &spec))?;
            view(s)
        })
        .await
}

/// Imports a template (JSON or CSV) chosen in the file dialog; `None` when cancelled.
#[tauri::command]
pub async fn offers_import_json(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<OffersView>> {
    let spec = DialogSpec::new("Angebotsvorlage (JSON oder CSV) wählen", JSON_FILTERS);
    let Some(path) = dialogs::pick_open(&app, spec).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            repo::import_file(s, std::path::Path::new(&path))?;
            Ok(Some(view(s)?))
        })
        .await
}

/// Sensitivity of offer `a` (tornado of its PV) and, with `b`, of PV(a) − PV(b) with the
/// break-even values.
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityView {
    pub tornado: Vec<TornadoBar>,
    pub tornado_svg: String,
    pub pair: Option<PairSensitivity>,
    pub pair_svg: Option<String>,
}

#[tauri::command]
pub async fn offers_sensitivity(
    state: State<'_, AppState>,
    a: String,
    b: Option<String>,
    spec: Option<SensitivitySpec>,
) -> UiResult<SensitivityView> {
    state
        .with_store(move |s| {
            let set = repo::load_set(s.conn(), offers::next_year())?;
            let spec = spec.unwrap_or_default();
            let find = |id: &str| {
                set.offer(id)
                    .cloned()
                    .ok_or_else(|| CoreError::from(offers::OfferError::NotFound(id.into())))
            };
            let oa = find(&a)?;
            let tornado = sensitivity::tornado(&oa, &set.settings, &spec);
            let tornado_svg = chart::render_svg(
                &chart::offers::tornado_chart(&oa, &set.settings, &spec),
                Size::SCREEN,
            )?;
            let (pair, pair_svg) = match b.filter(|b| b != &a) {
                Some(b) => {
                    let ob = find(&b)?;
                    let p = sensitivity::pair(&oa, &ob, &set.settings, &spec);
                    let svg = chart::render_svg(
                        &chart::offers::tornado_pair_chart(
                            &p,
                            oa.display_name(),
                            ob.display_name(),
                            &set.settings,
                            &spec,
                        ),
                        Size::SCREEN,
                    )?;
                    (Some(p), Some(svg))
                }
                None => (None, None),
            };
            Ok(SensitivityView {
                tornado,
                tornado_svg,
                pair,
                pair_svg,
            })
        })
        .await
}

/// Sensitivity of variant `a` against variant `b`: PV(a) − PV(b), its tornado and the
/// break-even values, computed by the same core function as `schulit offers sensitivity
/// --variant A --against B` (`Side::variant_in` + `sensitivity::pair_sides`).
#[derive(Debug, Clone, Serialize)]
pub struct VariantSensitivityView {
    pub a_name: String,
    pub b_name: String,
    pub rate_line: String,
    pub pair: PairSensitivity,
    pub pair_svg: String,
}

#[tauri::command]
pub async fn offers_variant_sensitivity(
    state: State<'_, AppState>,
    a: String,
    b: String,
    spec: Option<SensitivitySpec>,
) -> UiResult<VariantSensitivityView> {
    state
        .with_store(move |s| {
            let set = repo::load_set(s.conn(), offers::next_year())?;
            let spec = spec.unwrap_or_default();
            let sa = Side::variant_in(&set, &a)?;
            let sb = Side::variant_in(&set, &b)?;
            if a == b {
                return Err(offers::OfferError::variant(
                    &sa.name,
                    "against",
                    "ist dieselbe Variante; bitte zwei verschiedene Varianten wählen",
                )
                .into());
            }
            let pair = sensitivity::pair_sides(&sa, &sb, &set.settings, &spec);
            let pair_svg = chart::render_svg(
                &chart::offers::tornado_pair_chart(&pair, &sa.name, &sb.name, &set.settings, &spec),
                Size::SCREEN,
            )?;
            Ok(VariantSensitivityView {
                a_name: sa.name,
                b_name: sb.name,
                rate_line: offers::explain::rate_line(&set.settings),
                pair,
                pair_svg,
            })
        })
        .await
}

/// Exports the comparison (ranking, years, payments, evaluation) to XLSX; returns the path,
/// `None` when cancelled.
#[tauri::command]
pub async fn offers_export_xlsx(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<String>> {
    let spec = DialogSpec::new("Vergleich als Excel speichern", XLSX_FILTERS)
        .file_name("Angebotsvergleich.xlsx");
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    let bytes = state
        .with_store(|s| {
            let set = repo::load_set(s.conn(), offers::next_year())?;
            Ok(offers::export::to_xlsx(&offers::compare(&set))?)
        })
        .await?;
    blocking(move || {
        schulit_core::report::write_atomic(&path, &bytes)
            .map_err(|e| UiError::from(CoreError::from(e)))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
