//! `schulit offers …`: compare offers from a JSON or CSV template or the plan file, import, list,
//! sensitivity, UfAB evaluation, SLA targets. Format: `docs/OFFERS.md`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use schulit_core::format::{format_date, format_decimal};
use schulit_core::money::format_eur;
use schulit_core::offers::sensitivity::{self, SensitivitySpec, Side};
use schulit_core::offers::{self, repo, Comparison, OfferError, OfferSet};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

/// The example template shipped with the docs (`schulit offers template`).
pub const EXAMPLE_TEMPLATE: &str = include_str!("../../../docs/examples/offers.json");

#[derive(Debug, Subcommand)]
pub enum OffersCmd {
    /// Compare offers: present value, annual cost, cost per device and year, ranking.
    /// Reads FILE (JSON or CSV template) or, without FILE, the offers stored in --db.
    Compare {
        file: Option<PathBuf>,
        /// Kalkulationszinssatz in % p.a. (overrides the file / plan value).
        #[arg(long, allow_hyphen_values = true)]
        rate: Option<f64>,
        /// Source of --rate (printed with the result).
        #[arg(long)]
        rate_source: Option<String>,
        /// Include every payment (month, amount, discount factor, PV) in the output.
        #[arg(long)]
        flows: bool,
    },
    /// Store the offers, settings and evaluation of FILE (JSON or CSV template) in the plan
    /// (--db); by id, replacing. The plan is backed up first.
    Import { file: PathBuf },
    /// List the offers stored in the plan (--db).
    List,
    /// Delete a stored offer (--db).
    Delete { id: String },
    /// Set the comparison settings stored in the plan (--db).
    Settings {
        /// Start date t0 (JJJJ-MM-TT).
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        horizon: Option<u32>,
        #[arg(long, allow_hyphen_values = true)]
        rate: Option<f64>,
        #[arg(long)]
        rate_source: Option<String>,
        #[arg(long)]
        pupils: Option<i64>,
    },
    /// Sensitivity: tornado data for offer A (or variant A); with --against B (an offer, or with
    /// --variant a variant) the break-even values.
    Sensitivity {
        file: Option<PathBuf>,
        #[arg(
            long = "offer",
            required_unless_present = "variant",
            conflicts_with = "variant"
        )]
        offer: Option<String>,
        /// A variant (combination of offers) instead of an offer.
        #[arg(long)]
        variant: Option<String>,
        #[arg(long)]
        against: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        rate: Option<f64>,
        #[arg(long, default_value_t = 1.0)]
        rate_delta: f64,
        #[arg(long, default_value_t = 10.0)]
        price_delta: f64,
        #[arg(long, default_value_t = 1)]
        life_delta: u32,
        #[arg(long, default_value_t = 1.0)]
        escalation_delta: f64,
    },
    /// UfAB evaluation (Richtwertmethoden, Nutzwertanalyse) of FILE or the plan.
    Evaluate {
        file: Option<PathBuf>,
        #[arg(long, allow_hyphen_values = true)]
        rate: Option<f64>,
    },
    /// Agreed SLA targets and covered schools of the stored support contracts (--db).
    Sla,
    /// Print an example template (JSON) to start from.
    Template,
}

/// A template file, JSON or CSV (by extension, else by content).
fn read_set(path: &Path) -> Result<OfferSet, CliError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        CoreError::from(OfferError::File {
            file: name.clone(),
            message: format!("Datei kann nicht gelesen werden: {e}"),
        })
    })?;
    Ok(offers::read_template(&name, &bytes).map_err(CoreError::from)?)
}

/// The set from FILE, or from the plan file.
fn load(ctx: &Ctx, file: Option<&Path>) -> Result<OfferSet, CliError> {
    let set = match file {
        Some(f) => read_set(f)?,
        None => {
            if ctx.db.is_none() {
                return Err(CliError::Usage(
                    "Bitte eine Angebotsdatei (JSON oder CSV) angeben oder die Plandatei mit --db DATEI."
                        .into(),
                ));
            }
            let store = ctx.open()?;
            repo::load_set(store.conn(), offers::next_year()).map_err(CoreError::from)?
        }
    };
    if set.offers.is_empty() {
        return Err(CliError::Core(CoreError::from(OfferError::Settings {
            field: "offers".into(),
            message: "keine Angebote vorhanden (zuerst „schulit offers import DATEI“)".into(),
        })));
    }
    Ok(set)
}

fn apply_rate(
    set: &mut OfferSet,
    rate: Option<f64>,
    source: Option<String>,
) -> Result<(), CliError> {
    if let Some(r) = rate {
        set.settings.discount_rate_pct = r;
        set.settings.discount_rate_source =
            source.unwrap_or_else(|| "Eingabe beim Aufruf (--rate)".to_string());
        offers::validate::validate_settings(&set.settings).map_err(CoreError::from)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct OfferOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    group: &'a str,
    units: i64,
    nominal_cents: i64,
    present_value_cents: i64,
    annual_equivalent_cents: i64,
    cost_per_device_year_cents: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_per_pupil_year_cents: Option<i64>,
    years: &'a [offers::pv::YearLine],
    explain: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    flows: Option<&'a [offers::pv::FlowLine]>,
}

#[derive(Serialize)]
struct VariantOut<'a> {
    id: &'a str,
    name: &'a str,
    offers: &'a [String],
    devices: i64,
    nominal_cents: i64,
    present_value_cents: i64,
    annual_equivalent_cents: i64,
    cost_per_device_year_cents: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_per_pupil_year_cents: Option<i64>,
    rank: u32,
    difference_to_best_cents: i64,
    reason: &'a str,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct CompareOut<'a> {
    settings: &'a offers::Settings,
    rate_line: &'a str,
    conventions: &'a [String],
    offers: Vec<OfferOut<'a>>,
    ranking: &'a [offers::RankEntry],
    /// Varianten (combinations of offers) in ranking order; empty when none are defined.
    variants: Vec<VariantOut<'a>>,
    explanation: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluation: Option<&'a offers::evaluation::EvaluationResult>,
}

fn compare_text(c: &Comparison, flows: bool) -> String {
    let s = &c.settings;
    let mut t = format!(
        "Wirtschaftlichkeitsvergleich: {} Jahre ab {}\n{}\n",
        s.horizon_years,
        format_date(s.start),
        c.rate_line
    );
    let mut group = String::new();
    for e in &c.ranking {
        if e.group != group {
            group = e.group.clone();
            t.push_str(&format!(
                "\n{}\n{:<4} {:<22} {:<15} {:>17} {:>17} {:>15} {:>13}\n",
                e.group_label,
                "Rang",
                "Angebot",
                "Art",
                "nominal",
                "Barwert",
                "jährlich",
                "je Gerät/Jahr"
            ));
        }
        let Some(r) = c.result(&e.id) else { continue };
        let id: String = r.id.chars().take(22).collect();
        t.push_str(&format!(
            "{:<4} {:<22} {:<15} {:>17} {:>17} {:>15} {:>13}\n     {}\n",
            e.rank,
            id,
            r.kind_de,
            format_eur(r.nominal_cents),
            format_eur(r.present_value_cents),
            format_eur(r.annual_equivalent_cents),
            format_eur(r.cost_per_device_year_cents),
            e.reason
        ));
        if flows {
            for f in &r.flows {
                t.push_str(&format!(
                    "       Monat {:>3} ({}) Jahr {:>2} {:<24} {:>15} × {:.6} = {:>15}\n",
                    f.month,
                    format_date(f.date),
                    f.contract_year,
                    f.label,
                    format_eur(f.amount_cents),
                    f.discount_factor,
                    format_eur(f.present_value_cents)
                ));
            }
        }
    }
    if !c.variants.is_empty() {
        t.push_str(&variants_text(c));
    }
    t.push('\n');
    for p in &c.explanation {
        t.push_str(p);
        t.push('\n');
    }
    t.trim_end().to_string()
}

/// The Varianten table of the human output.
fn variants_text(c: &Comparison) -> String {
    let mut t = format!(
        "\nVarianten (Kombinationen von Angeboten)\n{:<4} {:<26} {:>7} {:>17} {:>17} {:>15} {:>13}\n",
        "Rang", "Variante", "Geräte", "nominal", "Barwert", "jährlich", "je Gerät/Jahr"
    );
    for v in &c.variants {
        let name: String = v.name.chars().take(26).collect();
        t.push_str(&format!(
            "{:<4} {:<26} {:>7} {:>17} {:>17} {:>15} {:>13}\n     = {}\n     {}\n",
            v.rank,
            name,
            v.devices,
            format_eur(v.nominal_cents),
            format_eur(v.present_value_cents),
            format_eur(v.annual_equivalent_cents),
            format_eur(v.cost_per_device_year_cents),
            v.offer_names.join(" + "),
            v.reason
        ));
        for w in &v.warnings {
            t.push_str(&format!("     Hinweis: {w}\n"));
        }
    }
    t
}

pub fn run(ctx: &Ctx, cmd: OffersCmd) -> Result<(), CliError> {
    match cmd {
        OffersCmd::Compare {
            file,
            rate,
            rate_source,
            flows,
        } => {
            let mut set = load(ctx, file.as_deref())?;
            apply_rate(&mut set, rate, rate_source)?;
            let c = offers::compare(&set);
            let out = CompareOut {
                settings: &c.settings,
                rate_line: &c.rate_line,
                conventions: &c.conventions,
                offers: c
                    .results
                    .iter()
                    .map(|r| OfferOut {
                        id: &r.id,
                        name: &r.name,
                        kind: r.kind,
                        group: &r.group,
                        units: r.units,
                        nominal_cents: r.nominal_cents,
                        present_value_cents: r.present_value_cents,
                        annual_equivalent_cents: r.annual_equivalent_cents,
                        cost_per_device_year_cents: r.cost_per_device_year_cents,
                        cost_per_pupil_year_cents: r.cost_per_pupil_year_cents,
                        years: &r.years,
                        explain: &r.explain,
                        flows: flows.then_some(r.flows.as_slice()),
                    })
                    .collect(),
                ranking: &c.ranking,
                variants: c
                    .variants
                    .iter()
                    .map(|v| VariantOut {
                        id: &v.id,
                        name: &v.name,
                        offers: &v.offers,
                        devices: v.devices,
                        nominal_cents: v.nominal_cents,
                        present_value_cents: v.present_value_cents,
                        annual_equivalent_cents: v.annual_equivalent_cents,
                        cost_per_device_year_cents: v.cost_per_device_year_cents,
                        cost_per_pupil_year_cents: v.cost_per_pupil_year_cents,
                        rank: v.rank,
                        difference_to_best_cents: v.difference_to_best_cents,
                        reason: &v.reason,
                        warnings: &v.warnings,
                    })
                    .collect(),
                explanation: &c.explanation,
                evaluation: c.evaluation.as_ref(),
            };
            ctx.out.print(&out, || compare_text(&c, flows));
            Ok(())
        }
        OffersCmd::Import { file } => {
            let mut store = ctx.open()?;
            let (set, s) = repo::import_file(&mut store, &file).map_err(CoreError::from)?;
            ctx.out.print(&s, || {
                format!(
                    "{}: {} Angebote neu, {} aktualisiert{}{}; Einstellungen gespeichert ({}).",
                    s.file,
                    s.added.len(),
                    s.updated.len(),
                    if s.evaluation_saved {
                        ", Bewertung gespeichert"
                    } else {
                        ""
                    },
                    match s.variants.len() {
                        0 => String::new(),
                        1 => ", 1 Variante gespeichert".to_string(),
                        n => format!(", {n} Varianten gespeichert"),
                    },
                    offers::explain::rate_line(&set.settings)
                )
            });
            Ok(())
        }
        OffersCmd::List => {
            let store = ctx.open()?;
            let list = repo::list_offers(store.conn()).map_err(CoreError::from)?;
            ctx.out.print(&list, || {
                let mut t = format!(
                    "{:<24} {:<15} {:<10} {:>7}  {}\n",
                    "ID", "Art", "Gruppe", "Geräte", "Name"
                );
                for o in &list {
                    t.push_str(&format!(
                        "{:<24} {:<15} {:<10} {:>7}  {}\n",
                        o.id,
                        o.terms.kind_de(),
                        o.group_key(),
                        o.units,
                        o.display_name()
                    ));
                }
                t.push_str(&format!("{} Angebote", list.len()));
                t
            });
            Ok(())
        }
        OffersCmd::Delete { id } => {
            let store = ctx.open()?;
            let d = repo::delete_offer(store.conn(), &id).map_err(CoreError::from)?;
            let out = serde_json::json!({
                "deleted": id,
                "variants_changed": d.variants_changed,
                "variants_deleted": d.variants_deleted,
            });
            ctx.out.print(&out, || {
                let mut t = format!("Angebot „{id}“ gelöscht.");
                if !d.variants_changed.is_empty() {
                    t.push_str(&format!(
                        " Aus Variante „{}“ entfernt.",
                        d.variants_changed.join("“, „")
                    ));
                }
                if !d.variants_deleted.is_empty() {
                    t.push_str(&format!(
                        " Variante „{}“ gelöscht (kein Geräteangebot mehr).",
                        d.variants_deleted.join("“, „")
                    ));
                }
                t
            });
            Ok(())
        }
        OffersCmd::Settings {
            start,
            horizon,
            rate,
            rate_source,
            pupils,
        } => {
            let store = ctx.open()?;
            let mut s = repo::settings_or_default(store.conn(), offers::next_year())
                .map_err(CoreError::from)?;
            if let Some(d) = start {
                s.start = offers::parse_date(&d).ok_or_else(|| {
                    CliError::Usage(format!("Ungültiges Datum „{d}“ (erwartet: JJJJ-MM-TT)."))
                })?;
            }
            if let Some(h) = horizon {
                s.horizon_years = h;
            }
            if let Some(r) = rate {
                s.discount_rate_pct = r;
                s.discount_rate_source =
                    rate_source.unwrap_or_else(|| "Eingabe des Nutzers".to_string());
            } else if let Some(src) = rate_source {
                s.discount_rate_source = src;
            }
            if let Some(p) = pupils {
                s.pupils = Some(p);
            }
            repo::save_settings(store.conn(), &s).map_err(CoreError::from)?;
            ctx.out.print(&s, || {
                format!(
                    "Gespeichert: {} Jahre ab {}; {}",
                    s.horizon_years,
                    format_date(s.start),
                    offers::explain::rate_line(&s)
                )
            });
            Ok(())
        }
        OffersCmd::Sensitivity {
            file,
            offer,
            variant,
            against,
            rate,
            rate_delta,
            price_delta,
            life_delta,
            escalation_delta,
        } => {
            let mut set = load(ctx, file.as_deref())?;
            apply_rate(&mut set, rate, None)?;
            let spec = SensitivitySpec {
                rate_delta_pp: rate_delta,
                price_delta_pct: price_delta,
                life_delta_years: life_delta,
                escalation_delta_pp: escalation_delta,
            };
            // An offer, or with --variant all offers of a variant together (one code path).
            let find = |id: &str| -> Result<Side, CliError> {
                if variant.is_some() {
                    Side::variant_in(&set, id).map_err(|e| CliError::Core(e.into()))
                } else {
                    set.offer(id)
                        .map(Side::offer)
                        .ok_or_else(|| CliError::Core(OfferError::NotFound(id.to_string()).into()))
                }
            };
            let id = variant.as_deref().or(offer.as_deref()).unwrap_or_default();
            let a = find(id)?;
            let tornado = sensitivity::tornado_side(&a, &set.settings, &spec);
            let pair = match &against {
                Some(b) => Some(sensitivity::pair_sides(&a, &find(b)?, &set.settings, &spec)),
                None => None,
            };
            #[derive(Serialize)]
            struct Out<'a> {
                #[serde(skip_serializing_if = "Option::is_none")]
                offer: Option<&'a str>,
                #[serde(skip_serializing_if = "Option::is_none")]
                variant: Option<&'a str>,
                rate_line: String,
                spec: &'a SensitivitySpec,
                tornado: &'a [sensitivity::TornadoBar],
                #[serde(skip_serializing_if = "Option::is_none")]
                pair: Option<&'a sensitivity::PairSensitivity>,
            }
            let out = Out {
                offer: offer.as_deref(),
                variant: variant.as_deref(),
                rate_line: offers::explain::rate_line(&set.settings),
                spec: &spec,
                tornado: &tornado,
                pair: pair.as_ref(),
            };
            ctx.out.print(&out, || {
                let mut t = if variant.is_some() {
                    format!(
                        "Sensitivität der Variante „{}“ (Barwert; Angebote: {})\n{}\n",
                        a.name,
                        a.offers
                            .iter()
                            .map(|o| o.display_name())
                            .collect::<Vec<_>>()
                            .join(" + "),
                        out.rate_line
                    )
                } else {
                    format!(
                        "Sensitivität von „{}“ (Barwert)\n{}\n",
                        a.name, out.rate_line
                    )
                };
                for b in &tornado {
                    t.push_str(&format!("  {}\n", sensitivity::describe_bar(b)));
                }
                if let Some(p) = &pair {
                    t.push_str(&format!(
                        "\nDifferenz „{}“ − „{}“: {}\n",
                        p.a,
                        p.b,
                        format_eur(p.base_difference_cents)
                    ));
                    for b in &p.break_even {
                        t.push_str(&format!("  {}\n", b.explanation));
                    }
                    for n in &p.notes {
                        t.push_str(&format!("  {n}\n"));
                    }
                    t.push_str("Tornado der Differenz:\n");
                    for b in &p.tornado {
                        t.push_str(&format!("  {}\n", sensitivity::describe_bar(b)));
                    }
                }
                t.trim_end().to_string()
            });
            Ok(())
        }
        OffersCmd::Evaluate { file, rate } => {
            let mut set = load(ctx, file.as_deref())?;
            apply_rate(&mut set, rate, None)?;
            let c = offers::compare(&set);
            let Some(ev) = c.evaluation else {
                return Err(CliError::Core(
                    OfferError::Evaluation {
                        field: "evaluation".into(),
                        message: "keine Bewertungskriterien vorhanden (Abschnitt „evaluation“ der Vorlage)".into(),
                    }
                    .into(),
                ));
            };
            ctx.out.print(&ev, || {
                let mut t = format!("Bewertung nach UfAB – Preis: {}\n", ev.price_basis);
                for s in &ev.scores {
                    t.push_str(&format!(
                        "\n{} ({}):\n  {}\n  {}\n  {}\n  {}\n",
                        s.name,
                        format_eur(s.price_cents),
                        s.performance_formula,
                        s.ratio_formula,
                        s.price_points_formula,
                        s.utility_formula
                    ));
                }
                for m in [&ev.simple, &ev.extended, &ev.utility] {
                    t.push_str(&format!("\n{}\n", m.title));
                    for r in &m.ranking {
                        t.push_str(&format!("  {}. {} – {}\n", r.rank, r.name, r.reason));
                    }
                    t.push_str(&format!("  {}\n", m.explanation));
                }
                t.trim_end().to_string()
            });
            Ok(())
        }
        OffersCmd::Sla => {
            let store = ctx.open()?;
            let list = repo::contract_targets(store.conn()).map_err(CoreError::from)?;
            ctx.out.print(&list, || {
                let mut t = String::new();
                for c in &list {
                    t.push_str(&format!(
                        "{} ({}) – {} Schulen, Servicezeit {}\n",
                        c.name,
                        c.offer_id,
                        c.schools.len(),
                        if c.service_hours.is_empty() {
                            "–"
                        } else {
                            &c.service_hours
                        }
                    ));
                    for p in &c.targets {
                        let h = |x: Option<f64>| {
                            x.map(|v| format!("{} h", format_decimal(v, 1)))
                                .unwrap_or_else(|| "–".into())
                        };
                        t.push_str(&format!(
                            "  P{}: Erstreaktion {}, Lösung {}\n",
                            p.priority,
                            h(p.first_response_h),
                            h(p.resolution_h)
                        ));
                    }
                }
                if list.is_empty() {
                    t.push_str("Keine Supportverträge gespeichert.");
                }
                t.trim_end().to_string()
            });
            Ok(())
        }
        OffersCmd::Template => {
            crate::output::out_line(EXAMPLE_TEMPLATE.trim_end());
            Ok(())
        }
    }
}
