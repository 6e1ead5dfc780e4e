//! `schulit inventory …`: device cohorts per school (import from Snipe-IT, GLPI, i-doit or the
//! template with an optional column mapping, list, add, delete).

use std::path::PathBuf;

use clap::Subcommand;
use schulit_core::budget::{self, inventory, inventory_import, Cohort};
use schulit_core::format::format_int;

use crate::plan::{core, scenario_or_default};
use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum InventoryCmd {
    /// Import an inventory export (Snipe-IT, GLPI, i-doit or the template; CSV or XLSX).
    Import {
        file: PathBuf,
        /// snipeit, glpi, idoit, template or auto.
        #[arg(long, default_value = "auto")]
        source: String,
        /// Skip rows whose category is unknown instead of stopping.
        #[arg(long)]
        skip_unknown: bool,
        /// Column mapping FIELD=HEADER (school, category, year, date, units, status); repeatable.
        /// Wins over the header aliases; an empty HEADER leaves the field unread.
        #[arg(long = "column", value_name = "FIELD=HEADER")]
        columns: Vec<String>,
    },
    /// List the cohorts (optionally of one school).
    List {
        #[arg(long)]
        school: Option<String>,
    },
    /// Add a cohort by hand.
    Add {
        #[arg(long)]
        school: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        units: i64,
    },
    /// Delete a cohort by id.
    Delete { id: i64 },
}

pub fn run_inventory(ctx: &Ctx, cmd: InventoryCmd) -> Result<(), CliError> {
    match cmd {
        InventoryCmd::Import {
            file,
            source,
            skip_unknown,
            columns,
        } => {
            let source =
                inventory_import::InventorySource::parse(&source).map_err(CliError::Usage)?;
            let columns = columns
                .iter()
                .map(|c| {
                    c.split_once('=')
                        .map(|(k, h)| (k.trim().to_string(), h.trim().to_string()))
                        .ok_or_else(|| {
                            CliError::Usage(format!(
                                "--column „{c}“: erwartet FELD=SPALTE, z. B. school=Standort"
                            ))
                        })
                })
                .collect::<Result<_, _>>()?;
            let mut store = ctx.open()?;
            scenario_or_default(&store, None)?;
            let s = inventory_import::import_inventory(
                &mut store,
                &file,
                &inventory_import::InventoryImportOptions {
                    source,
                    skip_unknown_categories: skip_unknown,
                    columns,
                },
            )?;
            ctx.out.print(&s, || {
                let mut t = format!(
                    "Import aus {} ({}): {} Zeilen, {} Geräte in {} Kohorten an {} Schulen; {} alte Kohorten ersetzt.",
                    s.file,
                    s.source.label(),
                    format_int(s.rows as i64),
                    format_int(s.devices),
                    s.cohorts,
                    s.schools,
                    s.replaced_cohorts
                );
                if s.skipped_retired > 0 {
                    t.push_str(&format!(" {} ausgemusterte Geräte übersprungen.", s.skipped_retired));
                }
                if s.skipped_unknown > 0 {
                    t.push_str(&format!(
                        " {} Zeilen mit unbekannter Kategorie übersprungen ({}).",
                        s.skipped_unknown,
                        s.unknown_categories.join(", ")
                    ));
                }
                t
            });
        }
        InventoryCmd::List { school } => {
            let store = ctx.open()?;
            let list: Vec<Cohort> = inventory::list_cohorts(store.conn())
                .map_err(core)?
                .into_iter()
                .filter(|c| school.as_deref().is_none_or(|s| c.schulnummer == s))
                .collect();
            ctx.out.print(&list, || {
                let mut t = String::new();
                for c in &list {
                    t.push_str(&format!(
                        "[{}] {} {:<18} {} {:>6} Stück ({})\n",
                        c.id, c.schulnummer, c.category, c.purchase_year, c.units, c.source
                    ));
                }
                t.push_str(&format!("{} Kohorten", list.len()));
                t
            });
        }
        InventoryCmd::Add {
            school,
            category,
            year,
            units,
        } => {
            let store = ctx.open()?;
            scenario_or_default(&store, None)?;
            let c = Cohort {
                id: 0,
                schulnummer: school,
                category,
                purchase_year: year,
                units,
                source: "manual".into(),
                note: String::new(),
            };
            let id =
                inventory::add_cohort(store.conn(), &c, budget::current_year()).map_err(core)?;
            ctx.out.print(&serde_json::json!({"id": id}), || {
                format!("Bestandseintrag {id} angelegt.")
            });
        }
        InventoryCmd::Delete { id } => {
            let store = ctx.open()?;
            inventory::delete_cohort(store.conn(), id).map_err(core)?;
            ctx.out.print(&serde_json::json!({"deleted": id}), || {
                format!("Bestandseintrag {id} gelöscht.")
            });
        }
    }
    Ok(())
}
