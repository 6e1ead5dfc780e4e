//! Reading and checking offers. The JSON template is read field by field (not by a blind serde
//! derive) so that every mistake — a negative price, a term of 0, an unknown period, a typo in a
//! field name — gets a German message naming the offer and the field.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::model::*;
use super::OfferError;

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

/// Checks the values of an offer (ranges, required combinations).
pub fn validate_offer(o: &Offer) -> Result<(), OfferError> {
    let id = o.id.as_str();
    let bad = |field: &str, msg: String| Err(OfferError::invalid(id, field, msg));
    if o.id.trim().is_empty() || o.id.chars().count() > 64 {
        return bad("id", "muss 1 bis 64 Zeichen lang sein".into());
    }
    if o.units <= 0 || o.units > MAX_UNITS {
        return bad(
            "units",
            format!(
                "Anzahl der Geräte muss zwischen 1 und {MAX_UNITS} liegen (gefunden: {})",
                o.units
            ),
        );
    }
    if !o.escalation_pct.is_finite() || o.escalation_pct <= -100.0 || o.escalation_pct > 100.0 {
        return bad(
            "escalation_pct",
            format!(
                "Preissteigerung muss zwischen -100 und 100 % liegen (gefunden: {})",
                o.escalation_pct
            ),
        );
    }
    match &o.terms {
        Terms::Purchase(p) => {
            amount(id, "unit_price_cents", p.unit_price_cents)?;
            amount(id, "residual_value_cents", p.residual_value_cents)?;
            amount(
                id,
                "maintenance_cents_per_unit_year",
                p.maintenance_cents_per_unit_year,
            )?;
            if p.useful_life_years == 0 || p.useful_life_years > MAX_HORIZON_YEARS {
                return bad(
                    "useful_life_years",
                    format!(
                        "Nutzungsdauer muss zwischen 1 und {MAX_HORIZON_YEARS} Jahren liegen (gefunden: {})",
                        p.useful_life_years
                    ),
                );
            }
            if p.residual_value_cents > p.unit_price_cents {
                return bad(
                    "residual_value_cents",
                    "Restwert darf nicht größer als der Kaufpreis sein".into(),
                );
            }
        }
        Terms::Lease(r) | Terms::Rental(r) => {
            amount(id, "rate_cents", r.rate_cents)?;
            amount(id, "down_payment_cents", r.down_payment_cents)?;
            amount(id, "buyout_cents", r.buyout_cents)?;
            if r.term_months == 0 {
                return bad(
                    "term_months",
                    "Laufzeit muss größer als 0 Monate sein".into(),
                );
            }
            if r.term_months > MAX_HORIZON_YEARS * 12 {
                return bad(
                    "term_months",
                    format!(
                        "Laufzeit ist zu lang (höchstens {} Monate)",
                        MAX_HORIZON_YEARS * 12
                    ),
                );
            }
            if r.term_months % r.period.months() != 0 {
                return bad(
                    "term_months",
                    format!(
                        "Laufzeit {} Monate ist kein Vielfaches der Zahlungsperiode ({}, {} Monate)",
                        r.term_months,
                        r.period.label_de(),
                        r.period.months()
                    ),
                );
            }
        }
        Terms::Support(s) => {
            amount(id, "price_cents", s.price_cents)?;
            match s.model {
                SupportModel::PerSchoolYear if s.schools_paid() == 0 => {
                    return bad(
                        "school_count",
                        "Pauschale je Schule braucht die Zahl der Schulen (school_count) oder die Liste schools".into(),
                    );
                }
                SupportModel::HourContingent => {
                    non_negative(id, "hours_per_year", s.hours_per_year, true)?;
                }
                SupportModel::PerTicket => {
                    non_negative(id, "tickets_per_year", s.tickets_per_year, true)?;
                }
                _ => {}
            }
            non_negative(id, "hours_per_year", s.hours_per_year, false)?;
            non_negative(id, "tickets_per_year", s.tickets_per_year, false)?;
            non_negative(
                id,
                "on_site_days_per_month",
                s.on_site_days_per_month,
                false,
            )?;
            for (name, map) in [
                ("first_response_h", &s.sla.first_response_h),
                ("resolution_h", &s.sla.resolution_h),
            ] {
                for (p, h) in map {
                    if !(1..=4).contains(p) {
                        return bad(
                            &format!("sla.{name}.{p}"),
                            "Priorität muss 1, 2, 3 oder 4 sein".into(),
                        );
                    }
                    if !h.is_finite() || *h <= 0.0 {
                        return bad(
                            &format!("sla.{name}.{p}"),
                            format!("Zielzeit muss größer als 0 Stunden sein (gefunden: {h})"),
                        );
                    }
                }
            }
            for s in &s.schools {
                if s.trim().is_empty() {
                    return bad("schools", "enthält eine leere Schulnummer".into());
                }
            }
        }
    }
    Ok(())
}

fn amount(offer: &str, field: &str, cents: i64) -> Result<(), OfferError> {
    if cents < 0 {
        return Err(OfferError::invalid(
            offer,
            field,
            format!("Betrag darf nicht negativ sein (gefunden: {cents} Cent)"),
        ));
    }
    if cents > MAX_AMOUNT_CENTS {
        return Err(OfferError::invalid(
            offer,
            field,
            format!(
                "Betrag ist unplausibel hoch (gefunden: {cents} Cent; Beträge in Cent angeben)"
            ),
        ));
    }
    Ok(())
}

fn non_negative(
    offer: &str,
    field: &str,
    v: Option<f64>,
    required: bool,
) -> Result<(), OfferError> {
    match v {
        None if required => Err(OfferError::invalid(
            offer,
            field,
            "fehlt (Pflichtangabe für dieses Preismodell)",
        )),
        Some(x) if !x.is_finite() || x < 0.0 => Err(OfferError::invalid(
            offer,
            field,
            format!("darf nicht negativ sein (gefunden: {x})"),
        )),
        _ => Ok(()),
    }
}

/// Checks comparison settings.
pub fn validate_settings(s: &Settings) -> Result<(), OfferError> {
    if s.horizon_years == 0 || s.horizon_years > MAX_HORIZON_YEARS {
        return Err(settings_err(
            "horizon_years",
            format!(
                "muss zwischen 1 und {MAX_HORIZON_YEARS} Jahren liegen (gefunden: {})",
                s.horizon_years
            ),
        ));
    }
    if !s.discount_rate_pct.is_finite()
        || s.discount_rate_pct <= -50.0
        || s.discount_rate_pct > 50.0
    {
        return Err(settings_err(
            "discount_rate_pct",
            format!(
                "Kalkulationszinssatz muss zwischen -50 und 50 % liegen (gefunden: {})",
                s.discount_rate_pct
            ),
        ));
    }
    if let Some(p) = s.pupils {
        if p <= 0 {
            return Err(settings_err(
                "pupils",
                format!("Schülerzahl muss größer als 0 sein (gefunden: {p})"),
            ));
        }
    }
    Ok(())
}

fn settings_err(field: &str, message: String) -> OfferError {
    OfferError::Settings {
        field: field.to_string(),
        message,
    }
}

fn eval_err(field: &str, message: impl Into<String>) -> OfferError {
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

// ---------------------------------------------------------------------------------------------
// Field reader

pub(super) enum Scope {
    Settings,
    Offer(String),
    Evaluation,
    Variant(String),
}

/// Reads typed fields from a JSON object, remembering which keys were used, so that unknown
/// keys (typos) are reported instead of silently ignored.
pub(super) struct Fields<'a> {
    scope: Scope,
    obj: &'a Map<String, Value>,
    used: BTreeSet<String>,
}

impl<'a> Fields<'a> {
    pub(super) fn new(scope: Scope, obj: &'a Map<String, Value>) -> Fields<'a> {
        Fields {
            scope,
            obj,
            used: BTreeSet::new(),
        }
    }

    pub(super) fn err(&self, field: &str, message: impl Into<String>) -> OfferError {
        let message = message.into();
        match &self.scope {
            Scope::Settings => settings_err(field, message),
            Scope::Offer(o) => OfferError::invalid(o, field, message),
            Scope::Evaluation => eval_err(field, message),
            Scope::Variant(v) => OfferError::variant(v, field, message),
        }
    }

    pub(super) fn missing(&self, field: &str) -> OfferError {
        self.err(field, "fehlt (Pflichtangabe)")
    }

    pub(super) fn take(&mut self, key: &str) -> Option<&'a Value> {
        self.used.insert(key.to_string());
        self.obj.get(key).filter(|v| !v.is_null())
    }

    fn int(&mut self, key: &str) -> Result<Option<i64>, OfferError> {
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

    fn req_int(&mut self, key: &str) -> Result<i64, OfferError> {
        self.int(key)?.ok_or_else(|| self.missing(key))
    }

    /// A non-negative count that fits `u32` (years, months, schools).
    fn count(&mut self, key: &str) -> Result<Option<u32>, OfferError> {
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

    fn num(&mut self, key: &str) -> Result<Option<f64>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => v
                .as_f64()
                .map(Some)
                .ok_or_else(|| self.err(key, format!("muss eine Zahl sein (gefunden: {v})"))),
        }
    }

    pub(super) fn string(&mut self, key: &str) -> Result<Option<String>, OfferError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.err(key, format!("muss ein Text sein (gefunden: {v})"))),
        }
    }

    pub(super) fn string_list(&mut self, key: &str) -> Result<Option<Vec<String>>, OfferError> {
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

    fn date(&mut self, key: &str) -> Result<Option<NaiveDate>, OfferError> {
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

    fn choice<T>(
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

    pub(super) fn finish(self) -> Result<(), OfferError> {
        for k in self.obj.keys() {
            if !self.used.contains(k) {
                return Err(self.err(k, "unbekanntes Feld (Tippfehler?)"));
            }
        }
        Ok(())
    }

    fn finish_for_kind(self, kind: &str) -> Result<(), OfferError> {
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
