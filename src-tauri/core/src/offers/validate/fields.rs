//! The field reader: typed fields of a JSON object with German messages naming the offer,
//! setting, evaluation or variant, and unknown keys (typos) reported.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::evaluation::eval_err;
use super::values::settings_err;
use crate::offers::OfferError;

pub(in crate::offers) enum Scope {
    Settings,
    Offer(String),
    Evaluation,
    Variant(String),
}

/// Reads typed fields from a JSON object, remembering which keys were used, so that unknown
/// keys (typos) are reported instead of silently ignored.
pub(in crate::offers) struct Fields<'a> {
    scope: Scope,
    obj: &'a Map<String, Value>,
    used: BTreeSet<String>,
}

impl<'a> Fields<'a> {
    pub(in crate::offers) fn new(scope: Scope, obj: &'a Map<String, Value>) -> Fields<'a> {
        Fields {
            scope,
            obj,
            used: BTreeSet::new(),
        }
    }

    pub(in crate::offers) fn err(&self, field: &str, message: impl Into<String>) -> OfferError {
        let message = message.into();
        match &self.scope {
            Scope::Settings => settings_err(field, message),
            Scope::Offer(o) => OfferError::invalid(o, field, message),
            Scope::Evaluation => eval_err(field, message),
            Scope::Variant(v) => OfferError::variant(v, field, message),
        }
    }

    pub(in crate::offers) fn missing(&self, field: &str) -> OfferError {
        self.err(field, "fehlt (Pflichtangabe)")
    }

    pub(in crate::offers) fn take(&mut self, key: &str) -> Option<&'a Value> {
        self.used.insert(key.to_string());
        self.obj.get(key).filter(|v| !v.is_null())
    }

    pub(super) fn int(&mut self, key: &str) -> Result<Option<i64>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => {
                if let Some(i) = v.as_i64() {
                    return Ok(Some(i));
                }
                if let Some(x) = v.as_f64() {
                    if x.fract() == 0.0 && x.abs() < 9.0e15 {
                        return Ok(Some(x as i64));
                    }
                    return Err(self.err(
                        key,
                        format!(
                            "muss eine ganze Zahl sein (gefunden: {x}; Beträge in Cent angeben)"
                        ),
                    ));
                }
                Err(self.err(key, format!("muss eine ganze Zahl sein (gefunden: {v})")))
            }
        }
    }

    pub(super) fn req_int(&mut self, key: &str) -> Result<i64, OfferError> {
        self.int(key)?.ok_or_else(|| self.missing(key))
    }

    /// A non-negative count that fits `u32` (years, months, schools).
    pub(super) fn count(&mut self, key: &str) -> Result<Option<u32>, OfferError> {
        match self.int(key)? {
            None => Ok(None),
            Some(i) if i < 0 => {
                Err(self.err(key, format!("darf nicht negativ sein (gefunden: {i})")))
            }
            Some(i) if i > 100_000 => {
                Err(self.err(key, format!("ist unplausibel groß (gefunden: {i})")))
            }
            Some(i) => Ok(Some(i as u32)),
        }
    }

    pub(super) fn num(&mut self, key: &str) -> Result<Option<f64>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.err(key, format!("muss eine Zahl sein (gefunden: {v})"))),
        }
    }

    pub(in crate::offers) fn string(&mut self, key: &str) -> Result<Option<String>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.err(key, format!("muss ein Text sein (gefunden: {v})"))),
        }
    }

    pub(in crate::offers) fn string_list(
        &mut self,
        key: &str,
    ) -> Result<Option<Vec<String>>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(self.err(
                        key,
                        format!("Eintrag muss ein Text sein (gefunden: {other})"),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(v) => Err(self.err(key, format!("muss eine Liste sein (gefunden: {v})"))),
        }
    }

    pub(super) fn date(&mut self, key: &str) -> Result<Option<NaiveDate>, OfferError> {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d.%m.%Y"))
                .map(Some)
                .map_err(|_| {
                    self.err(
                        key,
                        format!("ungültiges Datum „{s}“ (erwartet: JJJJ-MM-TT, z. B. 2027-01-01)"),
                    )
                }),
        }
    }

    pub(super) fn choice<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Option<T>,
        allowed: &[&str],
    ) -> Result<Option<T>, OfferError> {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => parse(s.trim()).map(Some).ok_or_else(|| {
                self.err(
                    key,
                    format!("unbekannter Wert „{s}“; erlaubt: {}", allowed.join(", ")),
                )
            }),
        }
    }

    pub(in crate::offers) fn finish(self) -> Result<(), OfferError> {
        for k in self.obj.keys() {
            if !self.used.contains(k) {
                return Err(self.err(k, "unbekanntes Feld (Tippfehler?)"));
            }
        }
        Ok(())
    }

    pub(super) fn finish_for_kind(self, kind: &str) -> Result<(), OfferError> {
        for k in self.obj.keys() {
            if !self.used.contains(k) {
                let known_elsewhere = [
                    "unit_price_cents",
                    "useful_life_years",
                    "residual_value_cents",
                    "maintenance_cents_per_unit_year",
                    "warranty_years",
                    "rate_cents",
                    "period",
                    "timing",
                    "term_months",
                    "down_payment_cents",
                    "buyout_cents",
                    "services",
                    "model",
                    "price_cents",
                    "school_count",
                    "hours_per_year",
                    "tickets_per_year",
                    "sla",
                    "service_hours",
                    "on_site_days_per_month",
                    "connection",
                    "schools",
                ]
                .contains(&k.as_str());
                let msg = if known_elsewhere {
                    format!("gehört nicht zur Angebotsart „{kind}“")
                } else {
                    "unbekanntes Feld (Tippfehler?)".to_string()
                };
                return Err(self.err(k, msg));
            }
        }
        Ok(())
    }
}
