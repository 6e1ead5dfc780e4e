//! The Wirtschaftlichkeitsvergleich: all offers on one horizon and one Kalkulationszinssatz,
//! ranked by present value within their group (devices, support, or a user-defined group).
//! [`Comparison`] carries everything the screen, the XLSX export and the one-page PDF need.

use serde::Serialize;

use super::evaluation::{evaluate_ufab, EvaluationResult};
use super::explain;
use super::model::*;
use super::pv::{evaluate, OfferResult};
use super::variant::{compare_variants, VariantResult};
use crate::format::format_pct;
use crate::money::format_eur;

/// One place in the ranking of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankEntry {
    pub group: String,
    pub group_label: String,
    /// 1 = lowest present value; equal PVs share a rank.
    pub rank: u32,
    pub id: String,
    pub name: String,
    pub present_value_cents: i64,
    pub annual_equivalent_cents: i64,
    pub difference_to_best_cents: i64,
    /// Difference to the best in % of the best PV (0 for the best).
    pub difference_pct: f64,
    /// Why this place, with the figures.
    pub reason: String,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub settings: Settings,
    /// "Kalkulationszinssatz … – Quelle: …" (print on every comparison).
    pub rate_line: String,
    /// The calculation conventions in German.
    pub conventions: Vec<String>,
    pub results: Vec<OfferResult>,
    pub ranking: Vec<RankEntry>,
    /// Summary paragraphs in German (one per group, then the evaluation).
    pub explanation: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<EvaluationResult>,
    /// Varianten (combinations of offers), in ranking order; empty when none are defined.
    pub variants: Vec<VariantResult>,
}

impl Comparison {
    pub fn result(&self, id: &str) -> Option<&OfferResult> {
        self.results.iter().find(|r| r.id == id)
    }

    pub fn variant(&self, id: &str) -> Option<&VariantResult> {
        self.variants.iter().find(|r| r.id == id)
    }
}

/// German label of a comparison group.
pub fn group_label(group: &str) -> String {
    match group {
        GROUP_DEVICES => "Geräte (Kauf, Leasing, Miete)".to_string(),
        GROUP_SUPPORT => "Support".to_string(),
        other => other.to_string(),
    }
}

/// Compares a whole set (offers, settings and, if present, the variants and the UfAB
/// evaluation).
pub fn compare(set: &OfferSet) -> Comparison {
    let mut c = compare_offers(&set.offers, &set.settings);
    let (variants, text) = compare_variants(&set.variants, &set.offers, &set.settings);
    c.variants = variants;
    c.explanation.extend(text);
    if let Some(spec) = &set.evaluation {
        let ev = evaluate_ufab(spec, &set.offers, &c.results);
        c.explanation.extend(ev.summary.iter().cloned());
        c.evaluation = Some(ev);
    }
    c
}

/// Compares offers (already validated) under `settings`.
pub fn compare_offers(offers: &[Offer], settings: &Settings) -> Comparison {
    let results: Vec<OfferResult> = offers.iter().map(|o| evaluate(o, settings)).collect();
    let mut groups: Vec<String> = Vec::new();
    for r in &results {
        if !groups.contains(&r.group) {
            groups.push(r.group.clone());
        }
    }
    let mut ranking = Vec::new();
    let mut explanation = Vec::new();
    for g in &groups {
        let mut members: Vec<&OfferResult> = results.iter().filter(|r| &r.group == g).collect();
        members.sort_by(|a, b| {
            a.present_value_cents
                .cmp(&b.present_value_cents)
                .then_with(|| a.id.cmp(&b.id))
        });
        let best = members[0];
        let label = group_label(g);
        let candidates: Vec<Candidate> = members
            .iter()
            .map(|r| Candidate {
                name: &r.name,
                nominal_cents: r.nominal_cents,
                present_value_cents: r.present_value_cents,
                annual_equivalent_cents: r.annual_equivalent_cents,
                cost_per_device_year_cents: r.cost_per_device_year_cents,
            })
            .collect();
        let places = rank_sorted(
            &candidates,
            "Einziges Angebot der Gruppe",
            "Niedrigster Barwert der Gruppe",
        );
        for (r, p) in members.iter().zip(places) {
            ranking.push(RankEntry {
                group: g.clone(),
                group_label: label.clone(),
                rank: p.rank,
                id: r.id.clone(),
                name: r.name.clone(),
                present_value_cents: r.present_value_cents,
                annual_equivalent_cents: r.annual_equivalent_cents,
                difference_to_best_cents: p.difference_to_best_cents,
                difference_pct: p.difference_pct,
                reason: p.reason,
            });
        }
        if members.len() > 1 {
            let second = members[1];
            explanation.push(format!(
                "{label}: Wirtschaftlichstes Angebot ist „{}“ mit einem Barwert von {} über {} Jahre ({}); das nächstbeste Angebot „{}“ liegt {} ({}) darüber.",
                best.name,
                format_eur(best.present_value_cents),
                settings.horizon_years,
                explain::rate_line(settings),
                second.name,
                format_eur(second.present_value_cents - best.present_value_cents),
                format_pct(
                    pct_of(
                        second.present_value_cents - best.present_value_cents,
                        best.present_value_cents
                    ),
                    1
                ),
            ));
        } else {
            explanation.push(format!(
                "{label}: nur ein Angebot („{}“, Barwert {}); kein Vergleich möglich.",
                best.name,
                format_eur(best.present_value_cents)
            ));
        }
    }
    Comparison {
        settings: settings.clone(),
        rate_line: explain::rate_line(settings),
        conventions: explain::conventions(settings),
        results,
        ranking,
        explanation,
        evaluation: None,
        variants: Vec::new(),
    }
}

/// The figures a place in a ranking is decided and explained by (an offer or a variant).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate<'a> {
    pub name: &'a str,
    pub nominal_cents: i64,
    pub present_value_cents: i64,
    pub annual_equivalent_cents: i64,
    pub cost_per_device_year_cents: i64,
}

/// A place in a ranking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    /// 1 = lowest present value; equal PVs share a rank.
    pub rank: u32,
    pub difference_to_best_cents: i64,
    /// Difference to the best in % of the best PV (0 for the best).
    pub difference_pct: f64,
    pub reason: String,
}

/// `diff` in % of `best` (0 when the best is 0).
pub(crate) fn pct_of(diff: i64, best: i64) -> f64 {
    if best != 0 {
        diff as f64 / best.abs() as f64 * 100.0
    } else {
        0.0
    }
}

/// Places of `sorted` (ascending by PV, the best first) with a reason sentence each; `only`
/// starts the sentence when there is one candidate, `lowest` the sentence of the best.
pub(crate) fn rank_sorted(sorted: &[Candidate], only: &str, lowest: &str) -> Vec<Place> {
    let Some(best) = sorted.first() else {
        return Vec::new();
    };
    let mut rank = 0;
    let mut prev_pv = None;
    let mut out = Vec::with_capacity(sorted.len());
    for (i, r) in sorted.iter().enumerate() {
        if prev_pv != Some(r.present_value_cents) {
            rank = i as u32 + 1;
            prev_pv = Some(r.present_value_cents);
        }
        let diff = r.present_value_cents - best.present_value_cents;
        let pct = pct_of(diff, best.present_value_cents);
        let reason = if sorted.len() == 1 {
            format!(
                "{only}: Barwert {}, jährliche Kosten {}, je Gerät und Jahr {}.",
                format_eur(r.present_value_cents),
                format_eur(r.annual_equivalent_cents),
                format_eur(r.cost_per_device_year_cents)
            )
        } else if diff == 0 {
            format!(
                "{lowest}: {} (nominal {}), jährliche Kosten {}, je Gerät und Jahr {}.",
                format_eur(r.present_value_cents),
                format_eur(r.nominal_cents),
                format_eur(r.annual_equivalent_cents),
                format_eur(r.cost_per_device_year_cents)
            )
        } else {
            format!(
                "Barwert {} – {} ({}) mehr als „{}“ ({}).",
                format_eur(r.present_value_cents),
                format_eur(diff),
                format_pct(pct, 1),
                best.name,
                format_eur(best.present_value_cents)
            )
        };
        out.push(Place {
            rank,
            difference_to_best_cents: diff,
            difference_pct: pct,
            reason,
        });
    }
    out
}
