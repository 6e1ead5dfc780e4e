//! The Wirtschaftlichkeitsvergleich: all offers on one horizon and one Kalkulationszinssatz,
//! ranked by present value within their group (devices, support, or a user-defined group).
//! [`Comparison`] carries everything the screen, the XLSX export and the one-page PDF need.

use serde::Serialize;

use super::evaluation::{evaluate_ufab, EvaluationResult};
use super::explain;
use super::model::*;
use super::pv::{evaluate, OfferResult};
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
}

impl Comparison {
    pub fn result(&self, id: &str) -> Option<&OfferResult> {
        self.results.iter().find(|r| r.id == id)
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

/// Compares a whole set (offers, settings and, if present, the UfAB evaluation).
pub fn compare(set: &OfferSet) -> Comparison {
    let mut c = compare_offers(&set.offers, &set.settings);
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
        let mut rank = 0;
        let mut prev_pv = None;
        for (i, r) in members.iter().enumerate() {
            if prev_pv != Some(r.present_value_cents) {
                rank = i as u32 + 1;
                prev_pv = Some(r.present_value_cents);
            }
            let diff = r.present_value_cents - best.present_value_cents;
            let pct = if best.present_value_cents != 0 {
                diff as f64 / best.present_value_cents.abs() as f64 * 100.0
            } else {
                0.0
            };
            let reason = if members.len() == 1 {
                format!(
                    "Einziges Angebot der Gruppe: Barwert {}, jährliche Kosten {}, je Gerät und Jahr {}.",
                    format_eur(r.present_value_cents),
                    format_eur(r.annual_equivalent_cents),
                    format_eur(r.cost_per_device_year_cents)
                )
            } else if diff == 0 {
                format!(
                    "Niedrigster Barwert der Gruppe: {} (nominal {}), jährliche Kosten {}, je Gerät und Jahr {}.",
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
            ranking.push(RankEntry {
                group: g.clone(),
                group_label: label.clone(),
                rank,
                id: r.id.clone(),
                name: r.name.clone(),
                present_value_cents: r.present_value_cents,
                annual_equivalent_cents: r.annual_equivalent_cents,
                difference_to_best_cents: diff,
                difference_pct: pct,
                reason,
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
                    if best.present_value_cents != 0 {
                        (second.present_value_cents - best.present_value_cents) as f64
                            / best.present_value_cents.abs() as f64
                            * 100.0
                    } else {
                        0.0
                    },
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
    }
}
