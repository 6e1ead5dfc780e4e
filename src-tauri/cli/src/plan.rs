//! `schulit plan …` (budget plan: compute, compare, explain, scenarios, catalogue, standards,
//! funding, municipal budget). The inventory commands are in `inventory.rs`.

use clap::Subcommand;
use schulit_core::budget::{self, explain, repo, scenario, view, MunicipalYear};
use schulit_core::format::{format_decimal, format_int};
use schulit_core::money::{format_eur, parse_eur};
use schulit_core::CoreError;
use serde::Serialize;

use crate::plan_scenario::{scenario_cmd, ScenarioCmd};
use crate::{CliError, Ctx};

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// Compute the plan: totals per year and per school.
    Compute {
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, requires = "to")]
        from: Option<i32>,
        #[arg(long, requires = "from")]
        to: Option<i32>,
        /// Only this school's row (Schulnummer).
        #[arg(long)]
        school: Option<String>,
    },
    /// Compare scenarios side by side (all when none given).
    Compare {
        #[arg(long = "scenario")]
        scenarios: Vec<String>,
        #[arg(long, requires = "to")]
        from: Option<i32>,
        #[arg(long, requires = "from")]
        to: Option<i32>,
    },
    /// Explain the figures of one school, category and year.
    Explain {
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long)]
        school: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        year: i32,
    },
    /// List the deferrals caused by the budget cap.
    Deferrals {
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Scenarios: list, copy, change settings, delete.
    #[command(subcommand)]
    Scenario(ScenarioCmd),
    /// Catalogue of a scenario: list or change a category.
    #[command(subcommand)]
    Catalogue(CatalogueCmd),
    /// Standards (rules) of a scenario: list or change a rule.
    #[command(subcommand)]
    Rules(RulesCmd),
    /// Funding programmes of a scenario: list (no subcommand), add, set, delete.
    Funding {
        /// Scenario (default: the standard scenario).
        #[arg(long, global = true)]
        scenario: Option<String>,
        #[command(subcommand)]
        cmd: Option<crate::plan_funding::FundingCmd>,
    },
    /// Enter the pupils of a school for one year (overrides the growth rate), or clear it.
    Pupils {
        schulnummer: String,
        year: i32,
        /// Pupils in that year; leave out with --clear.
        #[arg(required_unless_present = "clear")]
        pupils: Option<i64>,
        #[arg(long)]
        clear: bool,
    },
    /// Set the municipal budget (and optional cap) of a year. With neither (--no-budget
    /// --no-cap) the year has no entry.
    Budget {
        year: i32,
        #[arg(long)]
        scenario: Option<String>,
        /// Municipal budget in euros (e.g. 5.200.000 or 5200000,50).
        #[arg(long, conflicts_with = "no_budget")]
        budget: Option<String>,
        /// No budget entered for the year (distinct from 0 €).
        #[arg(long)]
        no_budget: bool,
        /// Cap on the municipal need in euros.
        #[arg(long, conflicts_with = "no_cap")]
        cap: Option<String>,
        #[arg(long)]
        no_cap: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogueCmd {
    List {
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Change a category (prices in euros).
    Set {
        key: String,
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long)]
        price: Option<String>,
        #[arg(long)]
        life: Option<i32>,
        #[arg(long)]
        running: Option<String>,
        #[arg(long)]
        reserve_pct: Option<f64>,
        #[arg(long)]
        label: Option<String>,
        /// Where the figures come from (e.g. "Angebot Fa. X vom 01.10.2026").
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        source_date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCmd {
    List {
        #[arg(long)]
        scenario: Option<String>,
    },
    /// Change a rule: `units_per` units per `per` basis units, grades for pupil rules.
    Set {
        id: i64,
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long)]
        units_per: Option<f64>,
        #[arg(long)]
        per: Option<f64>,
        #[arg(long)]
        grade_from: Option<u8>,
        #[arg(long)]
        grade_to: Option<u8>,
        #[arg(long)]
        category: Option<String>,
    },
}

pub(crate) fn core<E: Into<CoreError>>(e: E) -> CliError {
    CliError::Core(e.into())
}

fn years(from: Option<i32>, to: Option<i32>) -> Option<(i32, i32)> {
    from.zip(to)
}

fn eur(field: &str, text: &str) -> Result<i64, CliError> {
    parse_eur(text)
        .filter(|c| *c >= 0)
        .ok_or_else(|| CliError::Usage(format!("{field}: „{text}“ ist kein Euro-Betrag")))
}

pub(crate) fn scenario_or_default(
    store: &schulit_core::Store,
    name: Option<&str>,
) -> Result<budget::scenario::Scenario, CliError> {
    if name.is_none() {
        repo::ensure_default_scenario(store.conn(), budget::current_year(), 5).map_err(core)?;
    }
    repo::get_scenario(store.conn(), name).map_err(core)
}

#[derive(Serialize)]
struct ComputeOut<'a> {
    scenario: &'a str,
    from_year: i32,
    to_year: i32,
    years: Vec<YearOut>,
    schools: Vec<&'a view::SchoolRow>,
    cliffs: &'a [budget::plan::Cliff],
    deferrals: usize,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct YearOut {
    year: i32,
    invest_cents: i64,
    running_cents: i64,
    total_cents: i64,
    funded_cents: i64,
    municipal_cents: i64,
    budget_cents: i64,
    /// Whether a budget was entered for the year (else `budget_cents` is 0).
    budget_entered: bool,
    gap_cents: i64,
    cap_cents: Option<i64>,
    deferred_cents: i64,
    per_pupil_cents: i64,
}

fn year_out(y: &budget::YearTotal) -> YearOut {
    YearOut {
        year: y.year,
        invest_cents: y.invest_cents,
        running_cents: y.running_cents,
        total_cents: y.total_cents,
        funded_cents: y.funded_cents,
        municipal_cents: y.municipal_cents,
        budget_cents: y.budget_cents,
        budget_entered: y.budget_entered,
        gap_cents: y.gap_cents,
        cap_cents: y.cap_cents,
        deferred_cents: y.deferred_cents,
        per_pupil_cents: y.per_pupil_cents,
    }
}

fn years_table(years: &[budget::YearTotal]) -> String {
    let mut t = format!(
        "{:<6} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16}\n",
        "Jahr", "Investitionen", "laufend", "Förderung", "kommunal", "Budget", "Lücke"
    );
    for y in years {
        t.push_str(&format!(
            "{:<6} {:>16} {:>16} {:>16} {:>16} {:>16} {:>16}\n",
            y.year,
            format_eur(y.invest_cents),
            format_eur(y.running_cents),
            format_eur(y.funded_cents),
            format_eur(y.municipal_cents),
            format_eur(y.budget_cents),
            format_eur(y.gap_cents)
        ));
    }
    t
}

pub fn run(ctx: &Ctx, cmd: PlanCmd) -> Result<(), CliError> {
    match cmd {
        PlanCmd::Compute {
            scenario,
            from,
            to,
            school,
        } => {
            let store = ctx.open()?;
            let (input, plan) =
                budget::load_and_compute(store.conn(), scenario.as_deref(), years(from, to))?;
            let v = view::view(&input, &plan);
            let schools: Vec<&view::SchoolRow> = v
                .schools
                .iter()
                .filter(|s| school.as_deref().is_none_or(|nr| s.schulnummer == nr))
                .collect();
            if let Some(nr) = &school {
                if schools.is_empty() {
                    return Err(CliError::Usage(format!(
                        "Schule {nr} ist nicht im Schulregister."
                    )));
                }
            }
            let out = ComputeOut {
                scenario: &v.scenario,
                from_year: v.from_year,
                to_year: v.to_year,
                years: v.years.iter().map(year_out).collect(),
                schools: schools.clone(),
                cliffs: &v.cliffs,
                deferrals: v.deferrals.len(),
                warnings: &v.warnings,
            };
            ctx.out.print(&out, || {
                let mut t = format!(
                    "Szenario „{}“, {}–{} (Preisbasis {}, Preissteigerung {} %)\n",
                    v.scenario,
                    v.from_year,
                    v.to_year,
                    v.base_year,
                    format_decimal(v.escalation_pct, 1)
                );
                t.push_str(&years_table(&v.years));
                t.push('\n');
                for s in &schools {
                    t.push_str(&format!(
                        "{:<8} {:<50} gesamt {:>16}  je Schüler/Jahr {:>10}\n",
                        s.schulnummer,
                        s.name.chars().take(50).collect::<String>(),
                        format_eur(s.total_cents),
                        format_eur(s.per_pupil_year_cents)
                    ));
                }
                for c in &v.cliffs {
                    t.push_str(&format!("Förderklippe: {}\n", c.text));
                }
                if !v.deferrals.is_empty() {
                    t.push_str(&format!(
                        "{} Verschiebungen wegen Obergrenze (Liste: schulit plan deferrals)\n",
                        v.deferrals.len()
                    ));
                }
                for w in &v.warnings {
                    t.push_str(&format!("Hinweis: {w}\n"));
                }
                t
            });
            Ok(())
        }
        PlanCmd::Compare {
            scenarios,
            from,
            to,
        } => {
            let store = ctx.open()?;
            let names: Vec<String> = if scenarios.is_empty() {
                scenario_or_default(&store, None)?;
                repo::list_scenarios(store.conn())
                    .map_err(core)?
                    .into_iter()
                    .map(|s| s.name)
                    .collect()
            } else {
                scenarios
            };
            let mut plans = vec![];
            for n in &names {
                plans.push(budget::load_and_compute(store.conn(), Some(n), years(from, to))?.1);
            }
            let cmp = scenario::compare(&plans);
            ctx.out.print(&cmp, || {
                let mut t = format!(
                    "{:<36} {:>18} {:>18} {:>18} {:>18} {:>14}\n",
                    "Szenario", "Gesamt", "Förderung", "kommunal", "Lücke (Summe)", "je Schüler/J."
                );
                for s in &cmp.scenarios {
                    t.push_str(&format!(
                        "{:<36} {:>18} {:>18} {:>18} {:>18} {:>14}\n",
                        s.scenario.chars().take(36).collect::<String>(),
                        format_eur(s.total_cents),
                        format_eur(s.funded_cents),
                        format_eur(s.municipal_cents),
                        format_eur(s.gap_cents),
                        format_eur(s.per_pupil_year_cents)
                    ));
                }
                t
            });
            Ok(())
        }
        PlanCmd::Explain {
            scenario,
            school,
            category,
            year,
        } => {
            let store = ctx.open()?;
            let (input, plan) = budget::load_and_compute(store.conn(), scenario.as_deref(), None)?;
            let s = input
                .schools
                .iter()
                .position(|s| s.schulnummer == school)
                .ok_or_else(|| CliError::Usage(format!("Schule {school} ist nicht im Plan.")))?;
            let c = input
                .categories
                .iter()
                .position(|c| c.key == category)
                .ok_or_else(|| {
                    CliError::Usage(format!("Kategorie „{category}“ steht nicht im Katalog."))
                })?;
            let ex = explain::explain_line(&input, &plan, s, c, year).ok_or_else(|| {
                CliError::Usage(format!(
                    "Das Jahr {year} liegt nicht im Planungszeitraum {}–{}.",
                    plan.from_year, plan.to_year
                ))
            })?;
            ctx.out.print(&ex, || {
                let mut t = String::new();
                for e in &ex {
                    t.push_str(&format!(
                        "{} = {}\n  Formel: {}\n",
                        e.figure, e.result, e.formula
                    ));
                    for (k, v) in &e.inputs {
                        t.push_str(&format!("  {k}: {v}\n"));
                    }
                    for s in &e.sources {
                        t.push_str(&format!("  Quelle: {s}\n"));
                    }
                }
                t
            });
            Ok(())
        }
        PlanCmd::Deferrals { scenario } => {
            let store = ctx.open()?;
            let (input, plan) = budget::load_and_compute(store.conn(), scenario.as_deref(), None)?;
            let rows = view::view(&input, &plan).deferrals;
            ctx.out.print(&rows, || {
                let mut t = String::new();
                for r in &rows {
                    let d = &r.deferral;
                    t.push_str(&format!(
                        "{} {} {} {} Stück ({}) → {}: {}\n",
                        d.year,
                        d.schulnummer,
                        d.category,
                        d.units,
                        format_eur(d.cents),
                        d.lands_in
                            .map(|y| y.to_string())
                            .unwrap_or_else(|| "–".into()),
                        r.reason
                    ));
                }
                if t.is_empty() {
                    t.push_str("Keine Verschiebungen.");
                }
                t
            });
            Ok(())
        }
        PlanCmd::Scenario(cmd) => scenario_cmd(ctx, cmd),
        PlanCmd::Catalogue(cmd) => catalogue_cmd(ctx, cmd),
        PlanCmd::Rules(cmd) => rules_cmd(ctx, cmd),
        PlanCmd::Funding { scenario, cmd } => crate::plan_funding::run(ctx, scenario, cmd),
        PlanCmd::Pupils {
            schulnummer,
            year,
            pupils,
            clear,
        } => {
            let store = ctx.open()?;
            schulit_core::schools::get_school(store.conn(), &schulnummer).map_err(core)?;
            let value = if clear { None } else { pupils };
            repo::set_pupils_for_year(store.conn(), &schulnummer, year, value).map_err(core)?;
            ctx.out.print(
                &serde_json::json!({"schulnummer": schulnummer, "year": year, "pupils": value}),
                || match value {
                    Some(p) => format!("{schulnummer}: {year} mit {} Schülerinnen und Schülern geplant.", format_int(p)),
                    None => format!("{schulnummer}: Eintrag für {year} entfernt (es gilt die Entwicklung in %)."),
                },
            );
            Ok(())
        }
        PlanCmd::Budget {
            year,
            scenario,
            budget: b,
            no_budget,
            cap,
            no_cap,
        } => {
            let store = ctx.open()?;
            let sc = scenario_or_default(&store, scenario.as_deref())?;
            let old = repo::list_municipal(store.conn(), sc.id)
                .map_err(core)?
                .into_iter()
                .find(|m| m.year == year);
            let m = MunicipalYear {
                year,
                budget_cents: match (&b, no_budget) {
                    (Some(t), _) => Some(eur("--budget", t)?),
                    (None, true) => None,
                    (None, false) => old.as_ref().and_then(|m| m.budget_cents),
                },
                cap_cents: if no_cap {
                    None
                } else {
                    match &cap {
                        Some(t) => Some(eur("--cap", t)?),
                        None => old.as_ref().and_then(|m| m.cap_cents),
                    }
                },
            };
            repo::set_municipal(store.conn(), sc.id, &m).map_err(core)?;
            ctx.out.print(&m, || {
                if m.is_empty() {
                    return format!("{year}: kein Budget und keine Obergrenze – Eintrag entfernt.");
                }
                format!(
                    "{year}: Budget {}, Obergrenze {} gespeichert.",
                    m.budget_cents
                        .map(format_eur)
                        .unwrap_or_else(|| "nicht eingetragen".into()),
                    m.cap_cents
                        .map(format_eur)
                        .unwrap_or_else(|| "keine".into())
                )
            });
            Ok(())
        }
    }
}

fn catalogue_cmd(ctx: &Ctx, cmd: CatalogueCmd) -> Result<(), CliError> {
    let store = ctx.open()?;
    let conn = store.conn();
    match cmd {
        CatalogueCmd::List { scenario } => {
            let sc = scenario_or_default(&store, scenario.as_deref())?;
            let list = repo::list_categories(conn, sc.id).map_err(core)?;
            ctx.out.print(&list, || {
                let mut t = format!(
                    "{:<18} {:<38} {:>12} {:>6} {:>12} {:>8}  Quelle\n",
                    "Schlüssel", "Bezeichnung", "Preis", "Jahre", "laufend/J.", "Reserve"
                );
                for c in &list {
                    t.push_str(&format!(
                        "{:<18} {:<38} {:>12} {:>6} {:>12} {:>7} %  {} ({})\n",
                        c.key,
                        c.label.chars().take(38).collect::<String>(),
                        format_eur(c.unit_price_cents),
                        c.life_years,
                        format_eur(c.running_cents_per_year),
                        format_decimal(c.defect_reserve_pct, 1),
                        c.source,
                        c.source_date
                    ));
                }
                t
            });
        }
        CatalogueCmd::Set {
            key,
            scenario,
            price,
            life,
            running,
            reserve_pct,
            label,
            source,
            source_date,
        } => {
            let sc = scenario_or_default(&store, scenario.as_deref())?;
            let mut c = repo::list_categories(conn, sc.id)
                .map_err(core)?
                .into_iter()
                .find(|c| c.key == key)
                .ok_or_else(|| {
                    CliError::Usage(format!("Kategorie „{key}“ steht nicht im Katalog."))
                })?;
            let changed_figures = price.is_some() || life.is_some() || running.is_some();
            if let Some(p) = &price {
                c.unit_price_cents = eur("--price", p)?;
            }
            if let Some(l) = life {
                c.life_years = l;
            }
            if let Some(r) = &running {
                c.running_cents_per_year = eur("--running", r)?;
            }
            if let Some(r) = reserve_pct {
                c.defect_reserve_pct = r;
            }
            if let Some(l) = label {
                c.label = l;
            }
            match source {
                Some(s) => c.source = s,
                None if changed_figures => {
                    c.source = "Eigene Angabe (Kommandozeile)".into();
                }
                None => {}
            }
            if let Some(d) = source_date {
                c.source_date = d;
            }
            repo::save_category(conn, sc.id, &c, 0).map_err(core)?;
            ctx.out
                .print(&c, || format!("Kategorie „{}“ gespeichert.", c.key));
        }
    }
    Ok(())
}

fn rules_cmd(ctx: &Ctx, cmd: RulesCmd) -> Result<(), CliError> {
    let store = ctx.open()?;
    let conn = store.conn();
    match cmd {
        RulesCmd::List { scenario } => {
            let sc = scenario_or_default(&store, scenario.as_deref())?;
            let list = repo::list_rules(conn, sc.id).map_err(core)?;
            ctx.out.print(&list, || {
                list.iter()
                    .map(|r| {
                        format!(
                            "[{}] {:<18} {}  ({})",
                            r.id,
                            r.category,
                            r.describe(),
                            r.note
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RulesCmd::Set {
            id,
            scenario,
            units_per,
            per,
            grade_from,
            grade_to,
            category,
        } => {
            let sc = scenario_or_default(&store, scenario.as_deref())?;
            let mut r = repo::list_rules(conn, sc.id)
                .map_err(core)?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| {
                    CliError::Usage(format!("Regel {id} gibt es in „{}“ nicht.", sc.name))
                })?;
            if let Some(v) = units_per {
                r.units_per = v;
            }
            if let Some(v) = per {
                r.per = v;
            }
            if let Some(v) = grade_from {
                r.grade_from = v;
            }
            if let Some(v) = grade_to {
                r.grade_to = v;
            }
            if let Some(v) = category {
                r.category = v;
            }
            repo::update_rule(conn, sc.id, &r).map_err(core)?;
            ctx.out.print(&r, || {
                format!("Regel {} gespeichert: {}", r.id, r.describe())
            });
        }
    }
    Ok(())
}
