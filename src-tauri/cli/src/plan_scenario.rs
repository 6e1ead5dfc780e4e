//! `schulit plan scenario …`: list, copy, change (period, escalation, description, Sozialindex
//! weights of the deferral order) and delete the budget plan's scenarios.

use clap::Subcommand;
use schulit_core::budget::repo;
use schulit_core::format::format_decimal;

use crate::plan::{core, scenario_or_default};
use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum ScenarioCmd {
    List,
    /// Copy scenario FROM as NEW (all assumptions).
    Copy {
        from: String,
        new: String,
    },
    /// Change settings of a scenario.
    Set {
        name: String,
        #[arg(long, allow_hyphen_values = true)]
        escalation_pct: Option<f64>,
        #[arg(long)]
        from: Option<i32>,
        #[arg(long)]
        to: Option<i32>,
        #[arg(long)]
        base_year: Option<i32>,
        #[arg(long)]
        rename: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// Deferral weights of Sozialindex levels 1–9, separated by ';' (e.g. "1;2;3;4;5;6;7;8;9";
        /// decimals with a comma).
        #[arg(long, allow_hyphen_values = true)]
        weights: Option<String>,
        /// Deferral weight of schools without a Sozialindex.
        #[arg(long, allow_hyphen_values = true)]
        weight_without_index: Option<String>,
    },
    Delete {
        name: String,
    },
}

pub(crate) fn scenario_cmd(ctx: &Ctx, cmd: ScenarioCmd) -> Result<(), CliError> {
    let store = ctx.open()?;
    let conn = store.conn();
    match cmd {
        ScenarioCmd::List => {
            scenario_or_default(&store, None)?;
            let list = repo::list_scenarios(conn).map_err(core)?;
            ctx.out.print(&list, || {
                list.iter()
                    .map(|s| {
                        format!(
                            "{}{} ({}–{}, Preissteigerung {} %){}",
                            s.name,
                            if s.is_default { " [Standard]" } else { "" },
                            s.from_year,
                            s.to_year,
                            format_decimal(s.escalation_pct, 1),
                            if s.description.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", s.description)
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ScenarioCmd::Copy { from, new } => {
            let s = repo::copy_scenario(conn, &from, &new).map_err(core)?;
            ctx.out.print(&s, || {
                format!("Szenario „{}“ als Kopie von „{from}“ angelegt.", s.name)
            });
        }
        ScenarioCmd::Set {
            name,
            escalation_pct,
            from,
            to,
            base_year,
            rename,
            description,
            weights,
            weight_without_index,
        } => {
            let mut s = repo::get_scenario(conn, Some(&name)).map_err(core)?;
            if let Some(d) = description {
                s.description = d;
            }
            if let Some(w) = weights {
                s.weights.levels = parse_weights(&w)?;
            }
            if let Some(w) = weight_without_index {
                s.weights.without_index = parse_weight(&w, "--weight-without-index")?;
            }
            if let Some(e) = escalation_pct {
                s.escalation_pct = e;
            }
            if let Some(y) = from {
                s.from_year = y;
            }
            if let Some(y) = to {
                s.to_year = y;
            }
            if let Some(y) = base_year {
                s.base_year = y;
            }
            if let Some(n) = rename {
                s.name = n;
            }
            repo::update_scenario(conn, &s).map_err(core)?;
            ctx.out
                .print(&s, || format!("Szenario „{}“ gespeichert.", s.name));
        }
        ScenarioCmd::Delete { name } => {
            repo::delete_scenario(conn, &name).map_err(core)?;
            ctx.out.print(&serde_json::json!({"deleted": name}), || {
                format!("Szenario „{name}“ gelöscht.")
            });
        }
    }
    Ok(())
}

/// One weight, German or English decimal ("2,5" or "2.5").
fn parse_weight(text: &str, what: &str) -> Result<f64, CliError> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CliError::Usage(format!("{what}: „{text}“ ist keine Zahl.")))
}

/// Nine weights for the Sozialindex levels 1–9, separated by ';'.
fn parse_weights(text: &str) -> Result<[f64; 9], CliError> {
    let parts: Vec<&str> = text.split(';').collect();
    if parts.len() != 9 {
        return Err(CliError::Usage(format!(
            "--weights: neun Gewichte für die Stufen 1–9, getrennt durch „;“ (nicht {}).",
            parts.len()
        )));
    }
    let mut w = [0.0; 9];
    for (i, p) in parts.iter().enumerate() {
        w[i] = parse_weight(p, &format!("--weights, Stufe {}", i + 1))?;
    }
    Ok(w)
}
