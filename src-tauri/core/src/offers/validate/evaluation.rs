//! The evaluation (Nutzwertanalyse): reading the `evaluation` object and checking it against
//! the offers (criteria, weights summing to 100, scores in range).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::fields::{Fields, Scope};
use crate::offers::model::*;
use crate::offers::OfferError;

pub(super) fn eval_err(field: &str, message: impl Into<String>) -> OfferError {
    OfferError::Evaluation {
        field: field.to_string(),
        message: message.into(),
    }
}

/// Reads an `evaluation` object (template, form). Check it with [`validate_evaluation`].
pub fn parse_evaluation(v: &Value) -> Result<EvaluationSpec, OfferError> {
    let obj = v
        .as_object()
        .ok_or_else(|| eval_err("evaluation", "muss ein JSON-Objekt sein"))?;
    let mut f = Fields::new(Scope::Evaluation, obj);
    let mut spec = EvaluationSpec::default();
    if let Some(x) = f.num("max_score")? {
        spec.max_score = x;
    }
    if let Some(x) = f.num("band_pct")? {
        spec.band_pct = x;
    }
    if let Some(x) = f.string("deciding")? {
        spec.deciding = x;
    }
    if let Some(x) = f.num("price_share_pct")? {
        spec.price_share_pct = x;
    }
    if let Some(x) = f.num("price_zero_at_pct")? {
        spec.price_zero_at_pct = x;
    }
    let crit = f.take("criteria").ok_or_else(|| f.missing("criteria"))?;
    let scores = f.take("scores").ok_or_else(|| f.missing("scores"))?;
    f.finish()?;
    let list = crit
        .as_array()
        .ok_or_else(|| eval_err("criteria", "muss eine Liste von Kriterien sein"))?;
    for (i, c) in list.iter().enumerate() {
        let field = format!("criteria[{}]", i + 1);
        let id = c
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let name = c
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| id.clone());
        let weight = c
            .get("weight")
            .and_then(Value::as_f64)
            .ok_or_else(|| eval_err(&format!("{field}.weight"), "fehlt oder ist keine Zahl"))?;
        if id.trim().is_empty() {
            return Err(eval_err(&format!("{field}.id"), "fehlt"));
        }
        spec.criteria.push(Criterion { id, name, weight });
    }
    let sobj = scores.as_object().ok_or_else(|| {
        eval_err(
            "scores",
            "muss ein Objekt {Angebot: {Kriterium: Punkte}} sein",
        )
    })?;
    for (offer, m) in sobj {
        let mobj = m.as_object().ok_or_else(|| {
            eval_err(
                &format!("scores.{offer}"),
                "muss ein Objekt {Kriterium: Punkte} sein",
            )
        })?;
        let mut row = BTreeMap::new();
        for (c, s) in mobj {
            let x = s
                .as_f64()
                .ok_or_else(|| eval_err(&format!("scores.{offer}.{c}"), "muss eine Zahl sein"))?;
            row.insert(c.clone(), x);
        }
        spec.scores.insert(offer.clone(), row);
    }
    Ok(spec)
}

/// Checks an evaluation against the offers: weights sum to 100, every score in range and for a
/// known offer and criterion.
pub fn validate_evaluation(spec: &EvaluationSpec, offers: &[Offer]) -> Result<(), OfferError> {
    if spec.criteria.is_empty() {
        return Err(eval_err("criteria", "mindestens ein Kriterium angeben"));
    }
    let mut ids = BTreeSet::new();
    for c in &spec.criteria {
        if !ids.insert(c.id.as_str()) {
            return Err(eval_err(
                &format!("criteria.{}", c.id),
                "Kriterium kommt mehrfach vor",
            ));
        }
        if !c.weight.is_finite() || c.weight < 0.0 {
            return Err(eval_err(
                &format!("criteria.{}.weight", c.id),
                format!("Gewicht darf nicht negativ sein (gefunden: {})", c.weight),
            ));
        }
    }
    let sum: f64 = spec.criteria.iter().map(|c| c.weight).sum();
    if (sum - 100.0).abs() > 1e-6 {
        return Err(eval_err(
            "criteria.weight",
            format!(
                "die Gewichte müssen zusammen 100 ergeben (Summe: {})",
                crate::format::format_decimal(sum, 2)
            ),
        ));
    }
    if !spec.max_score.is_finite() || spec.max_score <= 0.0 {
        return Err(eval_err("max_score", "muss größer als 0 sein"));
    }
    if !(0.0..100.0).contains(&spec.band_pct) {
        return Err(eval_err(
            "band_pct",
            format!(
                "Schwankungsbereich muss zwischen 0 und 100 % liegen (gefunden: {})",
                spec.band_pct
            ),
        ));
    }
    if spec.deciding != "performance" && spec.deciding != "price" {
        return Err(eval_err(
            "deciding",
            format!(
                "unbekanntes Entscheidungskriterium „{}“; erlaubt: performance, price",
                spec.deciding
            ),
        ));
    }
    if !(0.0..=100.0).contains(&spec.price_share_pct) {
        return Err(eval_err(
            "price_share_pct",
            "Preisanteil muss zwischen 0 und 100 % liegen",
        ));
    }
    if !spec.price_zero_at_pct.is_finite() || spec.price_zero_at_pct <= 0.0 {
        return Err(eval_err("price_zero_at_pct", "muss größer als 0 sein"));
    }
    for (offer, row) in &spec.scores {
        if !offers.iter().any(|o| &o.id == offer) {
            return Err(eval_err(
                &format!("scores.{offer}"),
                "kein Angebot mit dieser ID",
            ));
        }
        for (c, s) in row {
            if !ids.contains(c.as_str()) {
                return Err(eval_err(
                    &format!("scores.{offer}.{c}"),
                    "kein Kriterium mit dieser ID",
                ));
            }
            if !s.is_finite() || *s < 0.0 || *s > spec.max_score {
                return Err(eval_err(
                    &format!("scores.{offer}.{c}"),
                    format!(
                        "Punkte müssen zwischen 0 und {} liegen (gefunden: {s})",
                        crate::format::format_decimal(spec.max_score, 0)
                    ),
                ));
            }
        }
    }
    Ok(())
}
