//! `schulit plan funding [list|add|set|delete]`: the funding programmes of a scenario, with every
//! field the window's editor has. Values are read with the editor's German messages (naming the
//! field); the rules themselves are the core's (`repo::save_funding`: name, amount, period,
//! Eigenanteil, caps, categories), so nothing is stored when a value is wrong.

use clap::{Args, Subcommand};
use schulit_core::budget::{repo, AmountMode, FundingSource};
use schulit_core::format::parse_number_de;
use schulit_core::money::parse_eur;
use serde::Serialize;

use crate::plan::{core, scenario_or_default};
use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum FundingCmd {
    /// List the programmes in allocation order (the same as `plan funding`).
    List,
    /// Add a programme. Defaults: next number, per year, the scenario's plan years, all
    /// categories, investment only, no Eigenanteil, no caps, unused money lapses.
    Add {
        #[command(flatten)]
        fields: Box<FundingFields>,
    },
    /// Change a programme (id from `plan funding`); only the given fields change.
    Set {
        id: i64,
        #[command(flatten)]
        fields: Box<FundingFields>,
    },
    /// Delete a programme (id from `plan funding`).
    Delete { id: i64 },
}

/// The fields of a programme (amounts in euros, e.g. 1.500.000 or 25000,50).
#[derive(Debug, Args)]
pub struct FundingFields {
    /// Name of the programme.
    #[arg(long)]
    name: Option<String>,
    /// Allocation order (lower first).
    #[arg(long, allow_hyphen_values = true)]
    order: Option<String>,
    /// per_year (the amount in every year) or total (once for the whole period).
    #[arg(long)]
    mode: Option<String>,
    /// Amount in euros (per year or in total, see --mode).
    #[arg(long, allow_hyphen_values = true)]
    amount: Option<String>,
    /// First year of the period.
    #[arg(long, allow_hyphen_values = true)]
    start: Option<String>,
    /// Last year of the period.
    #[arg(long, allow_hyphen_values = true)]
    end: Option<String>,
    /// Eligible category keys, comma-separated (see `plan catalogue list`).
    #[arg(long, value_delimiter = ',', conflicts_with = "all_categories")]
    categories: Option<Vec<String>>,
    /// All categories are eligible.
    #[arg(long)]
    all_categories: bool,
    /// Running costs are eligible too.
    #[arg(long, conflicts_with = "invest_only")]
    pays_running: bool,
    /// Investment only (DigitalPakt-like).
    #[arg(long)]
    invest_only: bool,
    /// Eigenanteil of the Schulträger in percent.
    #[arg(long, allow_hyphen_values = true)]
    cofunding_pct: Option<String>,
    /// Cap per school over the whole period, in euros.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "no_school_cap")]
    school_cap: Option<String>,
    /// No cap per school.
    #[arg(long)]
    no_school_cap: bool,
    /// Cap per school per pupil (base year) over the whole period, in euros.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "no_per_pupil_cap")]
    per_pupil_cap: Option<String>,
    /// No cap per pupil.
    #[arg(long)]
    no_per_pupil_cap: bool,
    /// Mobile devices at most this % of the school's cap.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "no_mobile_max_pct")]
    mobile_max_pct: Option<String>,
    /// No percentage limit for mobile devices.
    #[arg(long)]
    no_mobile_max_pct: bool,
    /// Mobile devices at most this amount per school, in euros.
    #[arg(long, allow_hyphen_values = true, conflicts_with = "no_mobile_max")]
    mobile_max: Option<String>,
    /// No amount limit for mobile devices.
    #[arg(long)]
    no_mobile_max: bool,
    /// Note or source of the figures.
    #[arg(long)]
    note: Option<String>,
    /// Money a year does not use stays available in later years of the period (Restmittel).
    #[arg(long, conflicts_with = "no_carry_over")]
    carry_over: bool,
    /// Money a year does not use lapses at the end of the year.
    #[arg(long)]
    no_carry_over: bool,
}

/// The window editor's message for a value that is not an amount.
fn money(label: &str, flag: &str, text: &str) -> Result<i64, CliError> {
    parse_eur(text).ok_or_else(|| {
        CliError::Usage(format!(
            "{label} ({flag}): „{text}“ ist kein Euro-Betrag (z. B. 25.000,00)."
        ))
    })
}

fn year(label: &str, flag: &str, text: &str) -> Result<i32, CliError> {
    text.trim().replace('.', "").parse::<i32>().map_err(|_| {
        CliError::Usage(format!(
            "{label} ({flag}): „{text}“ ist keine Jahreszahl (z. B. 2027)."
        ))
    })
}

fn number(label: &str, flag: &str, text: &str) -> Result<f64, CliError> {
    parse_number_de(text)
        .filter(|n| n.is_finite())
        .ok_or_else(|| {
            CliError::Usage(format!(
                "{label} ({flag}): „{text}“ ist keine Zahl (z. B. 10 oder 12,5)."
            ))
        })
}

/// `Some(new)` when given, `None` (no cap) with the `--no-…` flag, else the old value.
fn optional<T>(
    given: Option<&String>,
    clear: bool,
    old: Option<T>,
    parse: impl Fn(&str) -> Result<T, CliError>,
) -> Result<Option<T>, CliError> {
    match (given, clear) {
        (Some(t), _) => parse(t).map(Some),
        (None, true) => Ok(None),
        (None, false) => Ok(old),
    }
}

impl FundingFields {
    /// `base` with the given fields applied.
    fn apply(&self, mut f: FundingSource) -> Result<FundingSource, CliError> {
        if let Some(n) = &self.name {
            f.name = n.trim().to_string();
        }
        if let Some(o) = &self.order {
            let n = number("Reihenfolge (Nr.)", "--order", o)?;
            if n.fract() != 0.0 || n.abs() > i32::MAX as f64 {
                return Err(CliError::Usage(format!(
                    "Reihenfolge (Nr.) (--order): „{o}“ ist keine ganze Zahl."
                )));
            }
            f.order = n as i32;
        }
        if let Some(m) = &self.mode {
            f.mode = AmountMode::parse(m.trim()).ok_or_else(|| {
                CliError::Usage(format!(
                    "Betrag gilt (--mode): „{m}“ – erwartet per_year (je Jahr) oder total (gesamt für die Laufzeit)."
                ))
            })?;
        }
        if let Some(a) = &self.amount {
            f.amount_cents = money("Betrag", "--amount", a)?;
        }
        if let Some(y) = &self.start {
            f.start_year = year("Erstes Jahr", "--start", y)?;
        }
        if let Some(y) = &self.end {
            f.end_year = year("Letztes Jahr", "--end", y)?;
        }
        if self.all_categories {
            f.categories.clear();
        }
        if let Some(c) = &self.categories {
            let keys: Vec<String> = c
                .iter()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect();
            if keys.is_empty() {
                return Err(CliError::Usage(
                    "Förderfähige Kategorien (--categories): bitte mindestens eine Kategorie angeben oder --all-categories.".into(),
                ));
            }
            f.categories = keys;
        }
        if self.pays_running {
            f.pays_running = true;
        }
        if self.invest_only {
            f.pays_running = false;
        }
        if let Some(p) = &self.cofunding_pct {
            f.cofunding_pct = number("Eigenanteil des Schulträgers (%)", "--cofunding-pct", p)?;
        }
        f.school_cap_cents = optional(
            self.school_cap.as_ref(),
            self.no_school_cap,
            f.school_cap_cents,
            |t| money("Schulbudget", "--school-cap", t),
        )?;
        f.school_cap_per_pupil_cents = optional(
            self.per_pupil_cap.as_ref(),
            self.no_per_pupil_cap,
            f.school_cap_per_pupil_cents,
            |t| money("Schulbudget je Schüler/in", "--per-pupil-cap", t),
        )?;
        f.mobile_max_pct = optional(
            self.mobile_max_pct.as_ref(),
            self.no_mobile_max_pct,
            f.mobile_max_pct,
            |t| number("mobile Endgeräte (%)", "--mobile-max-pct", t),
        )?;
        f.mobile_max_cents = optional(
            self.mobile_max.as_ref(),
            self.no_mobile_max,
            f.mobile_max_cents,
            |t| money("mobile Endgeräte (€)", "--mobile-max", t),
        )?;
        if let Some(n) = &self.note {
            f.note = n.trim().to_string();
        }
        if self.carry_over {
            f.carry_over = true;
        }
        if self.no_carry_over {
            f.carry_over = false;
        }
        Ok(f)
    }
}

/// A saved programme with its rules in one sentence.
#[derive(Serialize)]
struct Saved<'a> {
    #[serde(flatten)]
    source: &'a FundingSource,
    text: String,
}

pub fn run(ctx: &Ctx, scenario: Option<String>, cmd: Option<FundingCmd>) -> Result<(), CliError> {
    let store = ctx.open()?;
    let conn = store.conn();
    let sc = scenario_or_default(&store, scenario.as_deref())?;
    let list = repo::list_funding(conn, sc.id).map_err(core)?;
    let find = |id: i64| {
        list.iter().find(|f| f.id == id).cloned().ok_or_else(|| {
            CliError::Usage(format!(
                "Förderprogramm {id} gibt es in „{}“ nicht (Liste: schulit plan funding).",
                sc.name
            ))
        })
    };
    let saved = |f: FundingSource, verb: &str| -> Result<(), CliError> {
        let id = repo::save_funding(conn, sc.id, &f).map_err(core)?;
        let f = FundingSource { id, ..f };
        let out = Saved {
            source: &f,
            text: f.describe(),
        };
        ctx.out.print(&out, || {
            format!(
                "Förderprogramm „{}“ [{}] {verb}: {}",
                f.name, f.id, out.text
            )
        });
        Ok(())
    };
    match cmd.unwrap_or(FundingCmd::List) {
        FundingCmd::List => {
            ctx.out.print(&list, || {
                list.iter()
                    .map(|f| format!("{}. {} [{}]: {}", f.order, f.name, f.id, f.describe()))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        FundingCmd::Add { fields } => {
            if fields.amount.is_none() {
                return Err(CliError::Usage(
                    "Betrag (--amount): bitte einen Betrag eingeben (z. B. 1.500.000,00).".into(),
                ));
            }
            let base = FundingSource {
                id: 0,
                name: String::new(),
                order: list.iter().map(|f| f.order).max().unwrap_or(0) + 1,
                mode: AmountMode::PerYear,
                amount_cents: 0,
                start_year: sc.from_year,
                end_year: sc.to_year,
                categories: vec![],
                pays_running: false,
                cofunding_pct: 0.0,
                school_cap_cents: None,
                school_cap_per_pupil_cents: None,
                mobile_max_pct: None,
                mobile_max_cents: None,
                note: String::new(),
                carry_over: false,
            };
            saved(fields.apply(base)?, "angelegt")
        }
        FundingCmd::Set { id, fields } => saved(fields.apply(find(id)?)?, "gespeichert"),
        FundingCmd::Delete { id } => {
            let f = find(id)?;
            repo::delete_funding(conn, sc.id, id).map_err(core)?;
            ctx.out
                .print(&serde_json::json!({"deleted": id, "name": f.name}), || {
                    format!("Förderprogramm „{}“ [{id}] gelöscht.", f.name)
                });
            Ok(())
        }
    }
}
