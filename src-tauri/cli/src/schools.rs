//! `schulit schools …` and `schulit demo`.

use std::path::PathBuf;

use clap::Subcommand;
use schulit_core::format::format_int;
use schulit_core::schools::{self, DirectoryFilter, SchoolEdit};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum SchoolsCmd {
    /// Import the NRW school directory (CSV or XLSX) for one Schulträger.
    Import {
        file: PathBuf,
        /// Verwaltungsbezirk as in the directory, e.g. "Krfr. Stadt Köln".
        #[arg(long, conflicts_with = "gemeindeschluessel")]
        traeger: Option<String>,
        /// Amtlicher Gemeindeschlüssel, e.g. 05315000.
        #[arg(long)]
        gemeindeschluessel: Option<String>,
        /// Only public schools (Rechtsstatus „Öffentlich“).
        #[arg(long)]
        public_only: bool,
    },
    /// List the schools of the plan.
    List,
    /// Show one school.
    Show { schulnummer: String },
    /// Edit the user fields of a school.
    Set {
        schulnummer: String,
        #[arg(long)]
        teachers: Option<i64>,
        #[arg(long)]
        rooms: Option<i64>,
        #[arg(long)]
        classes: Option<i64>,
        #[arg(long)]
        pupils: Option<i64>,
        #[arg(long, allow_hyphen_values = true)]
        growth_pct: Option<f64>,
        #[arg(long)]
        notes: Option<String>,
    },
}

#[derive(Serialize)]
struct SchoolRow<'a> {
    schulnummer: &'a str,
    name: String,
    schulform: &'a str,
    pupils: Option<i64>,
    sozialindex: Option<i64>,
    teachers: Option<i64>,
    rooms: Option<i64>,
    classes: Option<i64>,
    ort: &'a str,
}

pub fn run(ctx: &Ctx, cmd: SchoolsCmd) -> Result<(), CliError> {
    match cmd {
        SchoolsCmd::Import {
            file,
            traeger,
            gemeindeschluessel,
            public_only,
        } => {
            if traeger.is_none() && gemeindeschluessel.is_none() {
                return Err(CliError::Usage("Bitte den Schulträger mit --traeger NAME oder --gemeindeschluessel SCHLÜSSEL wählen.".into()));
            }
            let mut store = ctx.open()?;
            let filter = DirectoryFilter {
                traeger,
                gemeindeschluessel,
                public_only,
            };
            let s = schools::import_directory(&mut store, &file, &filter)?;
            #[derive(Serialize)]
            struct Out<'a> {
                added: usize,
                updated: usize,
                unchanged: usize,
                removed_from_source: usize,
                removed_schulnummern: &'a [String],
                pupils_total: i64,
            }
            let out = Out {
                added: s.added,
                updated: s.updated,
                unchanged: s.unchanged,
                removed_from_source: s.removed_from_source,
                removed_schulnummern: &s.removed_schulnummern,
                pupils_total: s.pupils_total,
            };
            ctx.out.print(&out, || {
                format!(
                    "Import aus {}: {} neu, {} aktualisiert, {} unverändert, {} nicht mehr im Verzeichnis. Schülerzahl gesamt: {}.",
                    s.file,
                    s.added,
                    s.updated,
                    s.unchanged,
                    s.removed_from_source,
                    format_int(s.pupils_total)
                )
            });
            Ok(())
        }
        SchoolsCmd::List => {
            let store = ctx.open()?;
            let list = schools::list_schools(store.conn()).map_err(CoreError::from)?;
            let rows: Vec<SchoolRow> = list
                .iter()
                .map(|s| SchoolRow {
                    schulnummer: &s.schulnummer,
                    name: s.display_name(),
                    schulform: &s.schulform,
                    pupils: s.pupils,
                    sozialindex: s.sozialindex,
                    teachers: s.teachers,
                    rooms: s.rooms,
                    classes: s.classes,
                    ort: &s.ort,
                })
                .collect();
            ctx.out.print(&rows, || {
                let mut t = format!(
                    "{:<8} {:<50} {:<28} {:>7} {:>4}\n",
                    "Nr.", "Name", "Schulform", "Schüler", "SI"
                );
                for r in &rows {
                    let name: String = r.name.chars().take(50).collect();
                    t.push_str(&format!(
                        "{:<8} {:<50} {:<28} {:>7} {:>4}\n",
                        r.schulnummer,
                        name,
                        r.schulform,
                        r.pupils.map(format_int).unwrap_or_else(|| "–".into()),
                        r.sozialindex
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| "–".into())
                    ));
                }
                t.push_str(&format!("{} Schulen", rows.len()));
                t
            });
            Ok(())
        }
        SchoolsCmd::Show { schulnummer } => {
            let store = ctx.open()?;
            let s = schools::get_school(store.conn(), &schulnummer).map_err(CoreError::from)?;
            ctx.out.print(&s, || {
                format!(
                    "{} – {} ({}), {} Schüler",
                    s.schulnummer,
                    s.display_name(),
                    s.schulform,
                    s.pupils.map(format_int).unwrap_or_else(|| "–".into())
                )
            });
            Ok(())
        }
        SchoolsCmd::Set {
            schulnummer,
            teachers,
            rooms,
            classes,
            pupils,
            growth_pct,
            notes,
        } => {
            let store = ctx.open()?;
            let edit = SchoolEdit {
                teachers: teachers.map(Some),
                rooms: rooms.map(Some),
                classes: classes.map(Some),
                pupils: pupils.map(Some),
                pupil_growth_pct: growth_pct,
                notes,
                ..Default::default()
            };
            let s = schools::update_school(store.conn(), &schulnummer, &edit)
                .map_err(CoreError::from)?;
            ctx.out
                .print(&s, || format!("Schule {} gespeichert.", s.schulnummer));
            Ok(())
        }
    }
}

pub fn demo(ctx: &Ctx) -> Result<(), CliError> {
    let path = ctx.db_path()?;
    let store = schulit_core::demo::create_demo_plan(&path)?;
    let n = schools::list_schools(store.conn())
        .map_err(CoreError::from)?
        .len();
    #[derive(Serialize)]
    struct Out {
        schools: usize,
        path: String,
    }
    ctx.out.print(
        &Out {
            schools: n,
            path: path.display().to_string(),
        },
        || {
            format!(
                "Demo-Schulträger mit {n} Schulen angelegt: {}",
                path.display()
            )
        },
    );
    Ok(())
}
