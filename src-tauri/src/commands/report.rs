//! Berichte: charts for the window (SVG) and their export (PNG/SVG/PDF through the native save
//! dialog), per-school and district reports (PDF), all school reports into a folder with
//! progress (polled with `report_batch_progress`; also emitted as `report-batch-progress` events),
//! and XLSX export of every registered table.
//! Everything is computed and written by `schulit_core::chart` / `schulit_core::report`.

use std::path::PathBuf;
use std::sync::Mutex;

use schulit_core::chart::{self, registry, ChartFormat, ChartInfo, ChartParams, Size};
use schulit_core::report::{self, batch, district, school, tables, xlsx};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::dialogs::{self, DialogSpec, TEST_SAVE_ENV};
use crate::error::{UiError, UiResult};
use crate::state::{blocking, AppState};

/// Event name of the batch progress.
pub const BATCH_EVENT: &str = "report-batch-progress";

fn params(school: Option<String>) -> ChartParams {
    ChartParams {
        school: school.filter(|s| !s.trim().is_empty()),
        year: None,
    }
}

/// The named charts.
#[tauri::command]
pub async fn report_charts() -> UiResult<Vec<ChartInfo>> {
    Ok(registry::infos())
}

/// The exportable tables.
#[tauri::command]
pub async fn report_tables() -> UiResult<Vec<tables::TableInfo>> {
    Ok(tables::infos())
}

/// A chart as SVG for the window (screen size).
#[tauri::command]
pub async fn report_chart_svg(
    state: State<'_, AppState>,
    name: String,
    school: Option<String>,
) -> UiResult<String> {
    state
        .with_store(move |s| {
            let c = registry::build(s, &name, &params(school))?;
            Ok(chart::render_svg(&c, Size::SCREEN)?)
        })
        .await
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    pub path: String,
    pub bytes: u64,
}

fn saved(p: &std::path::Path) -> Saved {
    Saved {
        path: p.display().to_string(),
        bytes: std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
    }
}

fn chart_format(format: &str) -> UiResult<(ChartFormat, &'static str, &'static str)> {
    Ok(match format {
        "png" => (ChartFormat::PngPrint, "png", "PNG-Bild (300 dpi)"),
        "png96" => (ChartFormat::PngScreen, "png", "PNG-Bild (96 dpi)"),
        "svg" => (ChartFormat::Svg, "svg", "SVG-Grafik"),
        "pdf" => (ChartFormat::Pdf, "pdf", "PDF-Dokument"),
        other => {
            return Err(UiError::new(
                "report",
                format!("Unbekanntes Exportformat „{other}“ (png, png96, svg, pdf)."),
            ))
        }
    })
}

/// Exports a chart: asks where to save (native dialog), then renders and writes the file.
/// `None` = cancelled.
#[tauri::command]
pub async fn report_chart_export(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    school: Option<String>,
    format: String,
) -> UiResult<Option<Saved>> {
    let (fmt, ext, label) = chart_format(&format)?;
    let file = match &school {
        Some(s) if !s.is_empty() => format!("{name}-{s}.{ext}"),
        _ => format!("{name}.{ext}"),
    };
    let spec = DialogSpec::new("Grafik speichern", &[(label, &[ext])]).file_name(file);
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let c = registry::build(s, &name, &params(school))?;
            chart::export_to_file(&c, &path, Some(fmt))?;
            Ok(saved(&path))
        })
        .await
        .map(Some)
}

const PDF_FILTER: &[dialogs::Filter<'static>] = &[("PDF-Dokument", &["pdf"])];

/// The per-school report (PDF) through the save dialog.
#[tauri::command]
pub async fn report_school_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    schulnummer: String,
) -> UiResult<Option<Saved>> {
    let spec = DialogSpec::new("Schulbericht speichern", PDF_FILTER)
        .file_name(format!("Schulbericht_{schulnummer}.pdf"));
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let pdf =
                school::school_report_pdf(s, &schulnummer, &school::ReportOptions::default())?;
            report::write_atomic(&path, &pdf)?;
            Ok(saved(&path))
        })
        .await
        .map(Some)
}

/// The district report (PDF) through the save dialog.
#[tauri::command]
pub async fn report_district_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<Saved>> {
    let spec = DialogSpec::new("Bericht Schulträger speichern", PDF_FILTER)
        .file_name("Bericht_Schultraeger.pdf");
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let pdf = district::district_report_pdf(s, &school::ReportOptions::default())?;
            report::write_atomic(&path, &pdf)?;
            Ok(saved(&path))
        })
        .await
        .map(Some)
}

/// A table as XLSX through the save dialog.
#[tauri::command]
pub async fn report_table_export(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    school: Option<String>,
) -> UiResult<Option<Saved>> {
    let spec = DialogSpec::new("Tabelle speichern", &[("Excel-Arbeitsmappe", &["xlsx"])])
        .file_name(format!("{name}.xlsx"));
    let Some(path) = dialogs::pick_save(&app, spec).await? else {
        return Ok(None);
    };
    state
        .with_store(move |s| {
            let t = tables::build(s, &name, &params(school))?;
            xlsx::write_xlsx(std::slice::from_ref(&t), &path)?;
            Ok(saved(&path))
        })
        .await
        .map(Some)
}

/// Asks for a folder (native dialog; the test hook `SCHULIT_TEST_SAVE_PATH` names the folder).
async fn pick_folder(app: &AppHandle, title: &str) -> UiResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os(TEST_SAVE_ENV).filter(|v| !v.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    let (tx, rx) = std::sync::mpsc::channel::<Option<PathBuf>>();
    let handle = app.clone();
    let title = title.to_string();
    app.run_on_main_thread(move || {
        let mut b = rfd::AsyncFileDialog::new().set_title(&title);
        if let Some(w) = handle.get_webview_window("main") {
            b = b.set_parent(&w);
        }
        let fut = b.pick_folder();
        std::thread::spawn(move || {
            let picked = tauri::async_runtime::block_on(fut);
            let _ = tx.send(picked.map(|h| h.path().to_path_buf()));
        });
    })
    .map_err(|e| {
        UiError::new(
            "dialog",
            format!("Ordnerauswahl kann nicht geöffnet werden: {e}"),
        )
    })?;
    blocking(move || {
        rx.recv()
            .map_err(|_| UiError::new("dialog", "Die Ordnerauswahl wurde unerwartet beendet."))
    })
    .await
}

/// Progress of the running (or last) batch, for the window's progress bar. Polling keeps the
/// capability free of `core:event` permissions (tests/least_privilege.rs).
static BATCH_PROGRESS: Mutex<Option<batch::Progress>> = Mutex::new(None);

/// The progress of the current batch run (`None` before the first report is done).
#[tauri::command]
pub async fn report_batch_progress() -> UiResult<Option<batch::Progress>> {
    Ok(BATCH_PROGRESS.lock().ok().and_then(|p| p.clone()))
}

/// Result of a batch run.
#[derive(Debug, Clone, Serialize)]
pub struct BatchDone {
    pub folder: String,
    pub files: Vec<String>,
}

/// All per-school reports into a folder the user picks; emits `report-batch-progress`
/// (`{done, total, schulnummer, file}`) after each report.
#[tauri::command]
pub async fn report_batch(
    app: AppHandle,
    state: State<'_, AppState>,
) -> UiResult<Option<BatchDone>> {
    let Some(dir) = pick_folder(&app, "Ordner für die Schulberichte wählen").await? else {
        return Ok(None);
    };
    let emitter = app.clone();
    if let Ok(mut p) = BATCH_PROGRESS.lock() {
        *p = None;
    }
    state
        .with_store(move |s| {
            let files =
                batch::batch_school_reports(s, &dir, &school::ReportOptions::default(), |p| {
                    if let Ok(mut slot) = BATCH_PROGRESS.lock() {
                        *slot = Some(p.clone());
                    }
                    let _ = emitter.emit(BATCH_EVENT, p);
                    true
                })?;
            Ok(BatchDone {
                folder: dir.display().to_string(),
                files: files.iter().map(|f| f.display().to_string()).collect(),
            })
        })
        .await
        .map(Some)
}
