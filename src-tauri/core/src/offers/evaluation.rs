//! Weighted evaluation as German public procurement does it (UfAB): criteria with weights
//! (sum 100) and a score per offer; performance points L = Σ weight × score.
//!
//! - Einfache Richtwertmethode: Z = L / price; the highest Z wins.
//! - Erweiterte Richtwertmethode: Z_max defines a Schwankungsbereich; among the offers with
//!   Z ≥ Z_max × (1 − band) the best value of the deciding criterion (performance: highest L,
//!   or price: lowest price) wins.
//! - Nutzwertanalyse: the price turned into points (lowest price = max score, linear down to 0
//!   at `price_zero_at_pct` above the lowest) and weighted with the rest:
//!   N = (100 − price share)/100 × L + price share × price points.
//!
//! The price is the offer's present value (Barwert) from the comparison. Z is shown per
//! 1.000 € (Z = L / (Barwert in Tsd. €)) so that it reads as a plain number.

use serde::Serialize;

use super::model::*;
use super::pv::OfferResult;
use crate::format::{format_decimal, format_pct};
use crate::money::format_eur;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferScore {
    pub id: String,
    pub name: String,
    pub price_cents: i64,
    /// L = Σ weight × score.
    pub performance_points: f64,
    /// "30 × 8 + 40 × 7 + … = 790".
    pub performance_formula: String,
    /// Z = L / (price in thousand €); `None` if the price is not positive.
    pub ratio: Option<f64>,
    pub ratio_formula: String,
    pub price_points: f64,
    pub price_points_formula: String,
    pub utility: f64,
    pub utility_formula: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodRank {
    pub rank: u32,
    pub id: String,
    pub name: String,
    /// The value the method ranks by (Z, L within the band, or N).
    pub value: f64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodResult {
    pub method: &'static str,
    pub title: &'static str,
    pub winner: Option<String>,
    pub ranking: Vec<MethodRank>,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationResult {
    pub price_basis: &'static str,
    pub spec: EvaluationSpec,
    pub scores: Vec<OfferScore>,
    pub simple: MethodResult,
    pub extended: MethodResult,
    pub utility: MethodResult,
    /// Offers of the Schwankungsbereich of the extended method.
    pub band_members: Vec<String>,
    pub z_max: Option<f64>,
    pub z_threshold: Option<f64>,
    pub summary: Vec<String>,
}

fn f2(x: f64) -> String {
    format_decimal(x, 2)
}

fn num(x: f64) -> String {
    // Integers without decimals, else two.
    if (x - x.round()).abs() < 1e-9 {
        format_decimal(x, 0)
    } else {
        format_decimal(x, 2)
    }
}

/// Evaluates the scored offers of `spec` (offers without scores are left out). The spec must
/// have been checked with `validate::validate_evaluation`.
pub fn evaluate_ufab(
    spec: &EvaluationSpec,
    offers: &[Offer],
    results: &[OfferResult],
) -> EvaluationResult {
    let mut scores: Vec<OfferScore> = Vec::new();
    for o in offers {
        let Some(row) = spec.scores.get(&o.id) else {
            continue;
        };
        let price = results
            .iter()
            .find(|r| r.id == o.id)
            .map(|r| r.present_value_cents)
            .unwrap_or(0);
        let mut l = 0.0;
        let mut parts = Vec::new();
        for c in &spec.criteria {
            let s = row.get(&c.id).copied().unwrap_or(0.0);
            l += c.weight * s;
            parts.push(format!("{} × {}", num(c.weight), num(s)));
        }
        let ratio = if price > 0 {
            Some(l / (price as f64 / 100_000.0))
        } else {
            None
        };
        let ratio_formula = match ratio {
            Some(z) => format!(
                "Z = {} / {} Tsd. € = {}",
                num(l),
                format_decimal(price as f64 / 100_000.0, 3),
                f2(z)
            ),
            None => "Z nicht berechenbar (Barwert ≤ 0)".to_string(),
        };
        scores.push(OfferScore {
            id: o.id.clone(),
            name: o.display_name().to_string(),
            price_cents: price,
            performance_points: l,
            performance_formula: format!("L = {} = {}", parts.join(" + "), num(l)),
            ratio,
            ratio_formula,
            price_points: 0.0,
            price_points_formula: String::new(),
            utility: 0.0,
            utility_formula: String::new(),
        });
    }

    // Nutzwertanalyse: price points.
    let min_price = scores
        .iter()
        .map(|s| s.price_cents)
        .filter(|p| *p > 0)
        .min();
    let share = spec.price_share_pct;
    for s in &mut scores {
        let (pts, formula) = match min_price {
            Some(pmin) if s.price_cents > 0 => {
                let zero_at = pmin as f64 * spec.price_zero_at_pct / 100.0;
                let pts = (spec.max_score * (1.0 - (s.price_cents - pmin) as f64 / zero_at))
                    .clamp(0.0, spec.max_score);
                (
                    pts,
                    format!(
                        "Preispunkte = {} × (1 − ({} − {}) / ({} × {})) = {}",
                        num(spec.max_score),
                        format_eur(s.price_cents),
                        format_eur(pmin),
                        format_eur(pmin),
                        format_pct(spec.price_zero_at_pct, 0),
                        f2(pts)
                    ),
                )
            }
            _ => (0.0, "Preispunkte 0 (Barwert ≤ 0)".to_string()),
        };
        s.price_points = pts;
        s.price_points_formula = formula;
        s.utility = (100.0 - share) / 100.0 * s.performance_points + share * pts;
        s.utility_formula = format!(
            "N = {}/100 × {} + {} × {} = {}",
            num(100.0 - share),
            num(s.performance_points),
            num(share),
            f2(pts),
            f2(s.utility)
        );
    }

    // Einfache Richtwertmethode.
    let mut by_z: Vec<&OfferScore> = scores.iter().filter(|s| s.ratio.is_some()).collect();
    by_z.sort_by(|a, b| {
        b.ratio
            .partial_cmp(&a.ratio)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                b.performance_points
                    .partial_cmp(&a.performance_points)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then_with(|| a.id.cmp(&b.id))
    });
    let z_max = by_z.first().and_then(|s| s.ratio);
    let simple_ranking: Vec<MethodRank> = by_z
        .iter()
        .enumerate()
        .map(|(i, s)| MethodRank {
            rank: i as u32 + 1,
            id: s.id.clone(),
            name: s.name.clone(),
            value: s.ratio.unwrap_or(0.0),
            reason: format!(
                "{}; {}{}",
                s.performance_formula,
                s.ratio_formula,
                if i == 0 { " (höchste Kennzahl)" } else { "" }
            ),
        })
        .collect();
    let simple = MethodResult {
        method: "simple",
        title: "Einfache Richtwertmethode",
        winner: simple_ranking.first().map(|r| r.id.clone()),
        explanation: match simple_ranking.first() {
            Some(w) => format!(
                "Einfache Richtwertmethode: „{}“ hat das beste Leistungs-Preis-Verhältnis Z = {} Leistungspunkte je 1.000 € Barwert.",
                w.name,
                f2(w.value)
            ),
            None => "Einfache Richtwertmethode: kein bewertbares Angebot.".to_string(),
        },
        ranking: simple_ranking,
    };

    // Erweiterte Richtwertmethode.
    let threshold = z_max.map(|z| z * (1.0 - spec.band_pct / 100.0));
    let mut band: Vec<&OfferScore> = by_z
        .iter()
        .copied()
        .filter(|s| match (s.ratio, threshold) {
            (Some(z), Some(t)) => z >= t - 1e-12,
            _ => false,
        })
        .collect();
    let by_price = spec.deciding == "price";
    band.sort_by(|a, b| {
        let primary = if by_price {
            a.price_cents.cmp(&b.price_cents)
        } else {
            b.performance_points
                .partial_cmp(&a.performance_points)
                .unwrap_or(std::cmp::Ordering::Equal)
        };
        primary
            .then(
                b.ratio
                    .partial_cmp(&a.ratio)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then_with(|| a.id.cmp(&b.id))
    });
    let band_ids: Vec<String> = band.iter().map(|s| s.id.clone()).collect();
    let mut ext_ranking = Vec::new();
    for (i, s) in band.iter().enumerate() {
        ext_ranking.push(MethodRank {
            rank: i as u32 + 1,
            id: s.id.clone(),
            name: s.name.clone(),
            value: if by_price {
                s.price_cents as f64 / 100.0
            } else {
                s.performance_points
            },
            reason: format!(
                "im Schwankungsbereich (Z = {} ≥ {}); {}{}",
                f2(s.ratio.unwrap_or(0.0)),
                f2(threshold.unwrap_or(0.0)),
                if by_price {
                    format!("Barwert {}", format_eur(s.price_cents))
                } else {
                    s.performance_formula.clone()
                },
                if i == 0 {
                    if by_price {
                        " (niedrigster Preis im Bereich)"
                    } else {
                        " (höchste Leistung im Bereich)"
                    }
                } else {
                    ""
                }
            ),
        });
    }
    for s in by_z.iter().filter(|s| !band_ids.contains(&s.id)) {
        ext_ranking.push(MethodRank {
            rank: ext_ranking.len() as u32 + 1,
            id: s.id.clone(),
            name: s.name.clone(),
            value: s.ratio.unwrap_or(0.0),
            reason: format!(
                "außerhalb des Schwankungsbereichs (Z = {} < {})",
                f2(s.ratio.unwrap_or(0.0)),
                f2(threshold.unwrap_or(0.0))
            ),
        });
    }
    let extended = MethodResult {
        method: "extended",
        title: "Erweiterte Richtwertmethode",
        winner: ext_ranking.first().map(|r| r.id.clone()),
        explanation: match (ext_ranking.first(), z_max, threshold) {
            (Some(w), Some(zm), Some(t)) => format!(
                "Erweiterte Richtwertmethode: Z_max = {}, Schwankungsbereich {} → Angebote mit Z ≥ {} × (1 − {}) = {} kommen in Frage ({}); entscheidend ist {}: „{}“ gewinnt.",
                f2(zm),
                format_pct(spec.band_pct, 0),
                f2(zm),
                format_decimal(spec.band_pct / 100.0, 2),
                f2(t),
                band.iter().map(|s| format!("„{}“", s.name)).collect::<Vec<_>>().join(", "),
                if by_price { "der niedrigste Preis" } else { "die höchste Leistung L" },
                w.name
            ),
            _ => "Erweiterte Richtwertmethode: kein bewertbares Angebot.".to_string(),
        },
        ranking: ext_ranking,
    };

    // Nutzwertanalyse.
    let mut by_n: Vec<&OfferScore> = scores.iter().collect();
    by_n.sort_by(|a, b| {
        b.utility
            .partial_cmp(&a.utility)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    let nwa_ranking: Vec<MethodRank> = by_n
        .iter()
        .enumerate()
        .map(|(i, s)| MethodRank {
            rank: i as u32 + 1,
            id: s.id.clone(),
            name: s.name.clone(),
            value: s.utility,
            reason: format!("{}; {}", s.price_points_formula, s.utility_formula),
        })
        .collect();
    let utility = MethodResult {
        method: "utility",
        title: "Nutzwertanalyse",
        winner: nwa_ranking.first().map(|r| r.id.clone()),
        explanation: match nwa_ranking.first() {
            Some(w) => format!(
                "Nutzwertanalyse (Preisanteil {}, niedrigster Barwert = {} Punkte, 0 Punkte bei {} über dem niedrigsten): „{}“ hat den höchsten Nutzwert N = {} von {} möglichen.",
                format_pct(share, 0),
                num(spec.max_score),
                format_pct(spec.price_zero_at_pct, 0),
                w.name,
                f2(w.value),
                num(100.0 * spec.max_score)
            ),
            None => "Nutzwertanalyse: kein bewertetes Angebot.".to_string(),
        },
        ranking: nwa_ranking,
    };

    let summary = vec![
        format!(
            "Bewertung nach UfAB mit {} Kriterien (Gewichte: {}); Preis = Barwert.",
            spec.criteria.len(),
            spec.criteria
                .iter()
                .map(|c| format!("{} {}", c.name, num(c.weight)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        simple.explanation.clone(),
        extended.explanation.clone(),
        utility.explanation.clone(),
    ];
    EvaluationResult {
        price_basis: "Barwert (Kapitalwert) aus dem Wirtschaftlichkeitsvergleich",
        spec: spec.clone(),
        scores,
        simple,
        extended,
        utility,
        band_members: band_ids,
        z_max,
        z_threshold: threshold,
        summary,
    }
}
