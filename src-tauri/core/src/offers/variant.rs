//! Varianten (procurement variants): named combinations of stored offers, so that "buy devices
//! and add a support contract" is compared with "rent devices with service included" — e.g.
//! "Kauf + Support zentral" = a purchase offer and a support contract, "Miete inkl. Service" =
//! the rental alone.
//!
//! A variant's payments are the payments of its offers together (each offer's schedule from
//! [`super::cashflow::schedule`], exact cents, merged by month); its figures come from the same
//! [`super::pv::figures`] as a single offer's (PV rounded once from the unrounded sum, annual
//! equivalent, per device and per pupil per year). Its devices are the units of its device
//! offers (purchase, lease, rental) — a support contract covers devices but adds none.
//! Variants are ranked by present value like the offers of a group.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cashflow::{schedule, Payment};
use super::compare::{pct_of, rank_sorted, Candidate};
use super::model::*;
use super::pv::{figures, YearLine};
use super::validate::{Fields, Scope};
use super::OfferError;
use crate::format::{format_int, format_pct};
use crate::money::format_eur;

/// Label of the variants in explanations and reports (paragraphs start with "Varianten:").
pub const LABEL: &str = "Varianten";

/// A named combination of offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Short key, unique among the variants (e.g. "kauf-support").
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Ids of the offers, in the order entered.
    pub offers: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Variant {
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// Whether an offer brings devices into a variant (purchase, lease, rental).
pub fn is_device_offer(o: &Offer) -> bool {
    !matches!(o.terms, Terms::Support(_))
}

// ---------------------------------------------------------------------------------------------
// Reading and checking

/// Reads the `variants` list of a template. Check it with [`validate_variants`].
pub fn parse_variants(v: &Value) -> Result<Vec<Variant>, OfferError> {
    let list = v.as_array().ok_or_else(|| OfferError::Settings {
        field: "variants".into(),
        message: "muss eine Liste [ … ] von Varianten sein".into(),
    })?;
    list.iter()
        .enumerate()
        .map(|(i, v)| parse_variant(v, i))
        .collect()
}

/// Reads one variant object (template, window). `index` (0-based) names it when it has no id.
pub fn parse_variant(v: &Value, index: usize) -> Result<Variant, OfferError> {
    let label = v
        .get("id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("Nr. {}", index + 1));
    let obj = v.as_object().ok_or_else(|| {
        OfferError::variant(&label, "(Variante)", "muss ein JSON-Objekt { … } sein")
    })?;
    let mut f = Fields::new(Scope::Variant(label), obj);
    let id = f.string("id")?.ok_or_else(|| f.missing("id"))?;
    let name = f.string("name")?.unwrap_or_default();
    let offers = f
        .string_list("offers")?
        .ok_or_else(|| f.missing("offers"))?;
    let note = f.string("note")?.unwrap_or_default();
    f.finish()?;
    Ok(Variant {
        id: id.trim().to_string(),
        name: name.trim().to_string(),
        offers: offers.iter().map(|o| o.trim().to_string()).collect(),
        note,
    })
}

/// Checks one variant against the offers: a valid id, at least one offer, every offer known and
/// only once, at least one device offer. Messages name the variant by its name (else its id).
pub fn validate_variant(v: &Variant, offers: &[Offer]) -> Result<(), OfferError> {
    // Named as the user sees it: its name, else its id.
    let label = v.display_name();
    let bad = |field: &str, msg: String| Err(OfferError::variant(label, field, msg));
    if v.id.trim().is_empty() || v.id.chars().count() > 64 {
        return bad("id", "muss 1 bis 64 Zeichen lang sein".into());
    }
    if v.name.chars().count() > 200 {
        return bad("name", "ist zu lang (höchstens 200 Zeichen)".into());
    }
    if v.offers.is_empty() {
        return bad(
            "offers",
            "enthält kein Angebot; mindestens ein Geräteangebot (Kauf, Leasing oder Miete) auswählen"
                .into(),
        );
    }
    let mut seen = BTreeSet::new();
    for id in &v.offers {
        if !seen.insert(id.as_str()) {
            return bad(
                "offers",
                format!("Angebot „{id}“ kommt doppelt vor; jedes Angebot nur einmal auswählen"),
            );
        }
        if !offers.iter().any(|o| &o.id == id) {
            return bad("offers", format!("kein Angebot mit der ID „{id}“"));
        }
    }
    if !offers
        .iter()
        .any(|o| seen.contains(o.id.as_str()) && is_device_offer(o))
    {
        return bad(
            "offers",
            "enthält kein Geräteangebot (Kauf, Leasing oder Miete); die Geräteanzahl einer \
             Variante kommt aus ihren Geräteangeboten"
                .into(),
        );
    }
    Ok(())
}

/// Checks every variant and that their ids are unique.
pub fn validate_variants(list: &[Variant], offers: &[Offer]) -> Result<(), OfferError> {
    let mut ids = BTreeSet::new();
    for v in list {
        validate_variant(v, offers)?;
        if !ids.insert(v.id.as_str()) {
            return Err(OfferError::variant(
                &v.id,
                "id",
                "kommt mehrfach vor; jede Varianten-ID muss eindeutig sein",
            ));
        }
    }
    Ok(())
}

/// A variant from the window's form: `{"id"?, "name", "offers": [...], "note"?}`. The name is
/// required here; a new variant (no id) gets one made from its name that is not in `taken`.
/// Check it against the offers with [`validate_variant`] (the store does on saving).
pub fn from_form(v: &Value, taken: &[String]) -> Result<Variant, OfferError> {
    let id = v
        .get("id")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let name = v
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default();
    if name.is_empty() {
        return Err(OfferError::variant(
            id.unwrap_or("neue Variante"),
            "name",
            "fehlt; bitte einen Namen eingeben (z. B. „Kauf + Support zentral“)",
        ));
    }
    let mut obj = v.as_object().cloned().unwrap_or_default();
    if id.is_none() {
        obj.insert("id".into(), Value::String(new_id(name, taken)));
    }
    parse_variant(&Value::Object(obj), 0)
}

/// A new id for a variant called `name` (lower case, letters/digits/hyphens), not in `taken`.
pub fn new_id(name: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'ß' => "ss".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        if c == "-" && (base.is_empty() || base.ends_with('-')) {
            continue;
        }
        base.push_str(&c);
    }
    let mut base: String = base.trim_end_matches('-').chars().take(48).collect();
    if base.is_empty() {
        base = "variante".into();
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

// ---------------------------------------------------------------------------------------------
// Computing

/// Everything computed for one variant, with its place in the ranking of the variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantResult {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Offer ids, in the order entered.
    pub offers: Vec<String>,
    /// Display names of the offers (same order).
    pub offer_names: Vec<String>,
    /// Devices = units of the device offers (purchase, lease, rental).
    pub devices: i64,
    /// Sum of all payments of its offers in the horizon.
    pub nominal_cents: i64,
    pub present_value_cents: i64,
    pub annual_equivalent_cents: i64,
    pub cost_per_device_year_cents: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_per_pupil_year_cents: Option<i64>,
    pub annuity_factor: f64,
    /// Payments of all its offers grouped by contract year.
    pub years: Vec<YearLine>,
    /// 1 = lowest present value among the variants; equal PVs share a rank.
    pub rank: u32,
    pub difference_to_best_cents: i64,
    pub difference_pct: f64,
    /// Why this place, with the figures.
    pub reason: String,
    /// Hints that do not stop the comparison (e.g. a support contract for another device count).
    pub warnings: Vec<String>,
}

/// The offers of `v` that exist in `offers`, in the variant's order.
pub fn members<'a>(v: &Variant, offers: &'a [Offer]) -> Vec<&'a Offer> {
    v.offers
        .iter()
        .filter_map(|id| offers.iter().find(|o| &o.id == id))
        .collect()
}

/// Devices of a variant: the units of its device offers.
pub fn devices(v: &Variant, offers: &[Offer]) -> i64 {
    members(v, offers)
        .into_iter()
        .filter(|o| is_device_offer(o))
        .map(|o| o.units)
        .sum()
}

/// The payments of all offers of `v` (each offer's exact schedule), sorted by month.
pub fn payments(v: &Variant, offers: &[Offer], settings: &Settings) -> Vec<Payment> {
    let mut out: Vec<Payment> = members(v, offers)
        .into_iter()
        .flat_map(|o| schedule(o, settings))
        .collect();
    out.sort_by_key(|p| (p.month, p.kind));
    out
}

/// Computes one variant (unranked: rank 0, no reason).
pub fn evaluate_variant(v: &Variant, offers: &[Offer], settings: &Settings) -> VariantResult {
    let list = members(v, offers);
    let n = devices(v, offers);
    let f = figures(&payments(v, offers, settings), n, settings);
    let mut warnings = Vec::new();
    for o in &list {
        if !is_device_offer(o) && o.units != n {
            warnings.push(format!(
                "„{}“ ist für {} Geräte kalkuliert, die Variante umfasst {} Geräte.",
                o.display_name(),
                format_int(o.units),
                format_int(n)
            ));
        }
    }
    VariantResult {
        id: v.id.clone(),
        name: v.display_name().to_string(),
        note: v.note.clone(),
        offers: list.iter().map(|o| o.id.clone()).collect(),
        offer_names: list.iter().map(|o| o.display_name().to_string()).collect(),
        devices: n,
        nominal_cents: f.nominal_cents,
        present_value_cents: f.present_value_cents,
        annual_equivalent_cents: f.annual_equivalent_cents,
        cost_per_device_year_cents: f.cost_per_device_year_cents,
        cost_per_pupil_year_cents: f.cost_per_pupil_year_cents,
        annuity_factor: f.annuity_factor,
        years: f.years,
        rank: 0,
        difference_to_best_cents: 0,
        difference_pct: 0.0,
        reason: String::new(),
        warnings,
    }
}

/// All variants computed and ranked (ascending by PV, ties by id), with the explanation
/// paragraphs (each starting with "Varianten:"). No variants: nothing.
pub fn compare_variants(
    variants: &[Variant],
    offers: &[Offer],
    settings: &Settings,
) -> (Vec<VariantResult>, Vec<String>) {
    let mut out: Vec<VariantResult> = variants
        .iter()
        .map(|v| evaluate_variant(v, offers, settings))
        .collect();
    if out.is_empty() {
        return (out, Vec::new());
    }
    out.sort_by(|a, b| {
        a.present_value_cents
            .cmp(&b.present_value_cents)
            .then_with(|| a.id.cmp(&b.id))
    });
    let candidates: Vec<Candidate> = out
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
        "Einzige Variante",
        "Niedrigster Barwert aller Varianten",
    );
    for (r, p) in out.iter_mut().zip(places) {
        r.rank = p.rank;
        r.difference_to_best_cents = p.difference_to_best_cents;
        r.difference_pct = p.difference_pct;
        r.reason = p.reason;
    }
    let mut text = Vec::new();
    let best = &out[0];
    let with = |r: &VariantResult| r.offer_names.join(" + ");
    if let Some(second) = out.get(1) {
        let diff = second.present_value_cents - best.present_value_cents;
        text.push(format!(
            "{LABEL}: Wirtschaftlichste Variante ist „{}“ ({}) mit einem Barwert von {} über {} Jahre; die nächstbeste Variante „{}“ ({}) liegt {} ({}) darüber.",
            best.name,
            with(best),
            format_eur(best.present_value_cents),
            settings.horizon_years,
            second.name,
            with(second),
            format_eur(diff),
            format_pct(pct_of(diff, best.present_value_cents), 1),
        ));
    } else {
        text.push(format!(
            "{LABEL}: nur eine Variante („{}“, {}, Barwert {}); kein Vergleich möglich.",
            best.name,
            with(best),
            format_eur(best.present_value_cents)
        ));
    }
    let counts: BTreeSet<i64> = out.iter().map(|r| r.devices).collect();
    if counts.len() > 1 {
        text.push(format!(
            "{LABEL}: Die Varianten umfassen unterschiedlich viele Geräte ({}); der Barwert allein ist dann kein fairer Vergleich – maßgeblich sind die Kosten je Gerät und Jahr.",
            out.iter()
                .map(|r| format!("„{}“ {}", r.name, format_int(r.devices)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    (out, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_readable_and_free() {
        let taken = vec!["kauf-support-zentral".to_string()];
        assert_eq!(new_id("Miete inkl. Service", &taken), "miete-inkl-service");
        assert_eq!(
            new_id(" Kauf + Support zentral ", &taken),
            "kauf-support-zentral-2"
        );
        assert_eq!(new_id("Größe", &[]), "groesse");
        assert_eq!(new_id("+++", &[]), "variante");
    }

    #[test]
    fn form_needs_a_name_and_gets_an_id() {
        let taken = vec!["miete".to_string()];
        let v = from_form(
            &serde_json::json!({"name": " Miete ", "offers": ["m"], "note": ""}),
            &taken,
        )
        .unwrap();
        assert_eq!((v.id.as_str(), v.name.as_str()), ("miete-2", "Miete"));
        let v = from_form(
            &serde_json::json!({"id": "x", "name": "Neu", "offers": ["m"]}),
            &taken,
        )
        .unwrap();
        assert_eq!(v.id, "x");
        assert_eq!(
            from_form(&serde_json::json!({"name": "", "offers": []}), &taken)
                .unwrap_err()
                .to_string(),
            "Variante „neue Variante“, Feld „name“: fehlt; bitte einen Namen eingeben (z. B. „Kauf + Support zentral“)"
        );
    }
}
