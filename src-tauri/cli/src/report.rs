//! `schulit charts`, `schulit chart NAME`, `schulit report school|district|batch`,
//! `schulit export TABLE` (and `schulit export --list`).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use schulit_core::chart::{self, registry, ChartFormat, ChartParams};
use schulit_core::report::{self, batch, district, school, tables, xlsx};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Chart name (see `schulit charts`).
    pub name: String,
    /// Schulnummer, for per-school charts (or to highlight the school).
    #[arg(long)]
    pub school: Option<String>,
    /// Output file: .png (300 dpi print), .svg or .pdf.
    #[arg(long)]
    pub out: PathBuf,
    /// PNG resolution: 300 (print, A4 width) or 96 (screen).
    #[arg(long, default_value_t = 300)]
    pub dpi: u32,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Per-school report (PDF) for the Jahresinvestitionsgespräch.
    School {
        schulnummer: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// District report (PDF): budget, scenarios, KPI ranking, offers.
    District {
        #[arg(long)]
        out: PathBuf,
    },
    /// All per-school reports into a folder.
    Batch {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Table name (see `schulit export --list`).
    #[arg(required_unless_present = "list")]
    pub table: Option<String>,
    /// List the exportable tables.
    #[arg(long)]
    pub list: bool,
    /// Schulnummer, for per-school tables.
    #[arg(long)]
    pub school: Option<String>,
    /// Output file (.xlsx).
    #[arg(long, required_unless_present = "list")]
    pub out: Option<PathBuf>,
}

#[derive(Serialize)]
struct Written {
    file: String,
    bytes: usize,
}

fn written(path: &std::path::Path) -> Written {
    Written {
        file: path.display().to_string(),
        bytes: std::fs::metadata(path)
            .map(|m| m.len() as usize)
            .unwrap_or(0),
    }
}

pub fn charts(ctx: &Ctx) -> Result<(), CliError> {
    let list = registry::infos();
    ctx.out.print(&list, || {
        let w = list.iter().map(|c| c.name.len()).max().unwrap_or(10);
        list.iter()
            .map(|c| {
                format!(
                    "{:w$}  {}{}",
                    c.name,
                    c.title,
                    if c.needs_school {
                        " (--school nötig)"
                    } else {
                        ""
                    }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

pub fn chart(ctx: &Ctx, a: ChartArgs) -> Result<(), CliError> {
    let format = match ChartFormat::from_path(&a.out) {
        Some(ChartFormat::PngPrint) if a.dpi == 96 => ChartFormat::PngScreen,
        Some(ChartFormat::PngPrint) if a.dpi != 300 => {
            return Err(CliError::Usage(
                "--dpi kann 96 (Bildschirm) oder 300 (Druck) sein.".into(),
            ))
        }
        Some(f) => f,
        None => {
            return Err(CliError::Usage(format!(
                "Unbekanntes Format für {}: bitte .png, .svg oder .pdf angeben.",
                a.out.display()
            )))
        }
    };
    let store = ctx.open()?;
    let params = ChartParams {
        school: a.school,
        year: None,
    };
    let c = registry::build(&store, &a.name, &params)?;
    chart::export_to_file(&c, &a.out, Some(format)).map_err(CoreError::from)?;
    let w = written(&a.out);
    ctx.out.print(&w, || {
        format!("Grafik „{}“ geschrieben: {}", c.meta.title, w.file)
    });
    Ok(())
}

pub fn report(ctx: &Ctx, cmd: ReportCmd) -> Result<(), CliError> {
    let store = ctx.open()?;
    let o = school::ReportOptions::default();
    match cmd {
        ReportCmd::School { schulnummer, out } => {
            let pdf = school::school_report_pdf(&store, &schulnummer, &o)?;
            report::write_atomic(&out, &pdf).map_err(CoreError::from)?;
            let w = written(&out);
            ctx.out.print(&w, || {
                format!("Schulbericht {schulnummer} geschrieben: {}", w.file)
            });
        }
        ReportCmd::District { out } => {
            let pdf = district::district_report_pdf(&store, &o)?;
            report::write_atomic(&out, &pdf).map_err(CoreError::from)?;
            let w = written(&out);
            ctx.out.print(&w, || {
                format!("Bericht Schulträger geschrieben: {}", w.file)
            });
        }
        ReportCmd::Batch { out } => {
            let json = ctx.out.json;
            let files = batch::batch_school_reports(&store, &out, &o, |p| {
                if !json {
                    eprintln!("[{}/{}] {}", p.done, p.total, p.file);
                }
                true
            })?;
            let list: Vec<Written> = files.iter().map(|f| written(f)).collect();
            ctx.out.print(&list, || {
                format!(
                    "{} Schulberichte geschrieben in {}",
                    list.len(),
                    out.display()
                )
            });
        }
    }
    Ok(())
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> Result<(), CliError> {
    if a.list {
        let list = tables::infos();
        ctx.out.print(&list, || {
            let w = list.iter().map(|c| c.name.len()).max().unwrap_or(10);
            list.iter()
                .map(|t| {
                    format!(
                        "{:w$}  {}{}",
                        t.name,
                        t.title,
                        if t.needs_school {
                            " (--school nötig)"
                        } else {
                            ""
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let (Some(name), Some(out)) = (a.table, a.out) else {
        return Err(CliError::Usage(
            "Bitte TABELLE und --out DATEI.xlsx angeben (Liste: schulit export --list).".into(),
        ));
    };
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(CliError::Usage(format!(
            "Export schreibt XLSX: bitte eine Datei mit der Endung .xlsx angeben (nicht {}).",
            out.display()
        )));
    }
    let store = ctx.open()?;
    let params = ChartParams {
        school: a.school,
        year: None,
    };
    let t = tables::build(&store, &name, &params)?;
    xlsx::write_xlsx(std::slice::from_ref(&t), &out).map_err(CoreError::from)?;
    let w = written(&out);
    ctx.out.print(&w, || {
        format!(
            "Tabelle „{}“ ({} Zeilen) geschrieben: {}",
            t.title,
            t.rows.len(),
            w.file
        )
    });
    Ok(())
}
