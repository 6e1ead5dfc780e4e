//! Reading and checking offers. The JSON template is read field by field (not by a blind serde
//! derive) so that every mistake — a negative price, a term of 0, an unknown period, a typo in a
//! field name — gets a German message naming the offer and the field.

mod evaluation;
mod fields;
mod values;

use std::collections::BTreeSet;

use serde_json::Value;

use super::model::*;
use super::OfferError;
pub use evaluation::{parse_evaluation, validate_evaluation};
pub(super) use fields::{Fields, Scope};
use values::settings_err;
pub use values::{validate_offer, validate_settings};

/// Largest accepted amount per unit (10 Mio. €), keeps every cent sum far inside `i64`.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000;
pub const MAX_UNITS: i64 = 1_000_000;
pub const MAX_HORIZON_YEARS: u32 = 50;

/// Parses a template v1 (JSON text) into a checked [`OfferSet`]. `file` names the source in
/// messages.
pub fn parse_template(file: &str, text: &str) -> Result<OfferSet, OfferError> {
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        OfferError::File {
            file: file.to_string(),
            message: format!(
                "kein gültiges JSON (Zeile {}, Spalte {}): {}",
                e.line(),
                e.column(),
                e
            ),
        }
    })?;
    parse_template_value(file, &root)
}

/// Like [`parse_template`], from a parsed JSON value.
pub fn parse_template_value(file: &str, root: &Value) -> Result<OfferSet, OfferError> {
    let obj = root.as_object().ok_or_else(|| OfferError::File {
        file: file.to_string(),
        message: "die oberste Ebene muss ein JSON-Objekt { … } sein".into(),
    })?;
    let mut f = Fields::new(Scope::Settings, obj);
    if let Some(v) = f.int("version")? {
        if v != 1 {
            return Err(f.err(
                "version",
                format!("Vorlagenversion {v} wird nicht unterstützt (erwartet: 1)"),
            ));
        }
    }
    let start = f.date("start")?.ok_or_else(|| f.missing("start"))?;
    let horizon = f.int("horizon_years")?.unwrap_or(5);
    let rate = f.num("discount_rate_pct")?;
    let source = f.string("discount_rate_source")?;
    let pupils = f.int("pupils")?;
    let offers_v = f.take("offers").ok_or_else(|| f.missing("offers"))?;
    let eval_v = f.take("evaluation");
    let variants_v = f.take("variants");
    f.finish()?;

    if !(1..=MAX_HORIZON_YEARS as i64).contains(&horizon) {
        return Err(settings_err(
            "horizon_years",
            format!("muss zwischen 1 und {MAX_HORIZON_YEARS} Jahren liegen (gefunden: {horizon})"),
        ));
    }
    let settings = Settings {
        start,
        horizon_years: horizon as u32,
        discount_rate_pct: rate.unwrap_or(DEFAULT_RATE_PCT),
        discount_rate_source: match (rate, source) {
            (_, Some(s)) if !s.trim().is_empty() => s,
            (Some(_), _) => TEMPLATE_RATE_SOURCE.to_string(),
            (None, _) => DEFAULT_RATE_SOURCE.to_string(),
        },
        pupils,
    };
    validate_settings(&settings)?;

    let list = offers_v.as_array().ok_or_else(|| {
        settings_err(
            "offers",
            "muss eine Liste [ … ] von Angeboten sein".to_string(),
        )
    })?;
    if list.is_empty() {
        return Err(settings_err("offers", "enthält kein Angebot".to_string()));
    }
    let mut offers = Vec::with_capacity(list.len());
    let mut seen = BTreeSet::new();
    for (i, v) in list.iter().enumerate() {
        let o = parse_offer(v, i)?;
        if !seen.insert(o.id.clone()) {
            return Err(OfferError::invalid(
                &o.id,
                "id",
                "kommt mehrfach vor; jede Angebots-ID muss eindeutig sein",
            ));
        }
        offers.push(o);
    }
    let evaluation = match eval_v {
        Some(v) => {
            let spec = parse_evaluation(v)?;
            validate_evaluation(&spec, &offers)?;
            Some(spec)
        }
        None => None,
    };
    let variants = match variants_v {
        Some(v) => {
            let list = super::variant::parse_variants(v)?;
            super::variant::validate_variants(&list, &offers)?;
            list
        }
        None => Vec::new(),
    };
    Ok(OfferSet {
        settings,
        offers,
        evaluation,
        variants,
    })
}

/// Reads one offer object (template, form, database) and checks it. `index` (0-based) names
/// the offer in messages when it has no id.
pub fn parse_offer(v: &Value, index: usize) -> Result<Offer, OfferError> {
    let label = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("Nr. {}", index + 1));
    let obj = v.as_object().ok_or_else(|| {
        OfferError::invalid(&label, "(Angebot)", "muss ein JSON-Objekt { … } sein")
    })?;
    let mut f = Fields::new(Scope::Offer(label.clone()), obj);
    let id = f.string("id")?.ok_or_else(|| f.missing("id"))?;
    let kind = f.string("kind")?.ok_or_else(|| f.missing("kind"))?;
    let name = f.string("name")?.unwrap_or_default();
    let vendor = f.string("vendor")?.unwrap_or_default();
    let group = f.string("group")?.unwrap_or_default();
    let notes = f.string("notes")?.unwrap_or_default();
    let units = f.int("units")?.ok_or_else(|| f.missing("units"))?;
    let escalation_pct = f.num("escalation_pct")?.unwrap_or(0.0);
    let terms = match kind.as_str() {
        "purchase" => Terms::Purchase(Purchase {
            unit_price_cents: f.req_int("unit_price_cents")?,
            useful_life_years: f
                .count("useful_life_years")?
                .ok_or_else(|| f.missing("useful_life_years"))?,
            residual_value_cents: f.int("residual_value_cents")?.unwrap_or(0),
            maintenance_cents_per_unit_year: f.int("maintenance_cents_per_unit_year")?.unwrap_or(0),
            warranty_years: f.count("warranty_years")?.unwrap_or(0),
        }),
        "lease" | "rental" => {
            let r = Rental {
                rate_cents: f.req_int("rate_cents")?,
                period: f
                    .choice("period", Period::parse, &Period::ALL)?
                    .ok_or_else(|| f.missing("period"))?,
                timing: f
                    .choice("timing", Timing::parse, &Timing::ALL)?
                    .unwrap_or(Timing::Advance),
                term_months: f
                    .count("term_months")?
                    .ok_or_else(|| f.missing("term_months"))?,
                down_payment_cents: f.int("down_payment_cents")?.unwrap_or(0),
                buyout_cents: f.int("buyout_cents")?.unwrap_or(0),
                services: f.string("services")?.unwrap_or_default(),
            };
            if kind == "lease" {
                Terms::Lease(r)
            } else {
                Terms::Rental(r)
            }
        }
        "support" => Terms::Support(Support {
            model: f
                .choice("model", SupportModel::parse, &SupportModel::ALL)?
                .ok_or_else(|| f.missing("model"))?,
            price_cents: f.req_int("price_cents")?,
            school_count: f.count("school_count")?,
            hours_per_year: f.num("hours_per_year")?,
            tickets_per_year: f.num("tickets_per_year")?,
            sla: match f.take("sla") {
                Some(v) => parse_sla(&label, v)?,
                None => Sla::default(),
            },
            service_hours: f.string("service_hours")?.unwrap_or_default(),
            on_site_days_per_month: f.num("on_site_days_per_month")?,
            connection: f.choice(
                "connection",
                SchoolConnection::parse,
                &SchoolConnection::ALL,
            )?,
            schools: f.string_list("schools")?.unwrap_or_default(),
        }),
        other => {
            return Err(f.err(
                "kind",
                format!(
                    "unbekannte Angebotsart „{other}“; erlaubt: {}",
                    KINDS.join(", ")
                ),
            ))
        }
    };
    f.finish_for_kind(&kind)?;
    let offer = Offer {
        id,
        name,
        vendor,
        group,
        units,
        escalation_pct,
        notes,
        terms,
    };
    validate_offer(&offer)?;
    Ok(offer)
}

fn parse_sla(offer: &str, v: &Value) -> Result<Sla, OfferError> {
    let obj = v
        .as_object()
        .ok_or_else(|| OfferError::invalid(offer, "sla", "muss ein JSON-Objekt sein"))?;
    let mut sla = Sla::default();
    for (key, val) in obj {
        let target = match key.as_str() {
            "first_response_h" => &mut sla.first_response_h,
            "resolution_h" => &mut sla.resolution_h,
            other => {
                return Err(OfferError::invalid(
                    offer,
                    &format!("sla.{other}"),
                    "unbekanntes Feld; erlaubt: first_response_h, resolution_h",
                ))
            }
        };
        let map = val.as_object().ok_or_else(|| {
            OfferError::invalid(
                offer,
                &format!("sla.{key}"),
                "muss ein Objekt {\"1\": Stunden, …} sein",
            )
        })?;
        for (p, h) in map {
            let field = format!("sla.{key}.{p}");
            let prio: u8 = p
                .parse()
                .ok()
                .filter(|p| (1..=4).contains(p))
                .ok_or_else(|| {
                    OfferError::invalid(offer, &field, "Priorität muss 1, 2, 3 oder 4 sein")
                })?;
            let hours = h.as_f64().ok_or_else(|| {
                OfferError::invalid(offer, &field, "muss eine Zahl (Stunden) sein")
            })?;
            target.insert(prio, hours);
        }
    }
    Ok(sla)
}
