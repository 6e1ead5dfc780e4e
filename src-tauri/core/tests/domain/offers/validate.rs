//! Invalid offers get German messages naming the offer and the field.

use schulit_core::offers::parse_template;

use super::common::template;

fn error_of(offer: &str) -> String {
    match parse_template("t.json", &template(2.0, 5, offer)) {
        Ok(_) => panic!("accepted invalid offer {offer}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn negative_price_names_offer_and_field() {
    let m = error_of(
        r#"{"id": "kauf", "kind": "purchase", "units": 3, "unit_price_cents": -100, "useful_life_years": 5}"#,
    );
    assert!(
        m.contains("„kauf“") && m.contains("„unit_price_cents“") && m.contains("negativ"),
        "{m}"
    );
}

#[test]
fn term_zero() {
    let m = error_of(
        r#"{"id": "l", "kind": "lease", "units": 3, "rate_cents": 100, "period": "monthly", "term_months": 0}"#,
    );
    assert!(
        m.contains("„term_months“") && m.contains("größer als 0"),
        "{m}"
    );
}

#[test]
fn unknown_period_lists_allowed_values() {
    let m = error_of(
        r#"{"id": "l", "kind": "lease", "units": 3, "rate_cents": 100, "period": "weekly", "term_months": 12}"#,
    );
    assert!(
        m.contains("„period“") && m.contains("weekly") && m.contains("monthly, quarterly, yearly"),
        "{m}"
    );
}

#[test]
fn other_mistakes() {
    let cases = [
        (r#"{"id": "x", "kind": "rent", "units": 1}"#, "„kind“"),
        (
            r#"{"id": "x", "kind": "purchase", "unit_price_cents": 1, "useful_life_years": 5}"#,
            "„units“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 0, "unit_price_cents": 1, "useful_life_years": 5}"#,
            "„units“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": 1.5, "useful_life_years": 5}"#,
            "„unit_price_cents“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": "450", "useful_life_years": 5}"#,
            "„unit_price_cents“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": 100, "useful_life_years": 0}"#,
            "„useful_life_years“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": 100, "useful_life_years": 5, "residual_value_cents": 200}"#,
            "„residual_value_cents“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": 100, "useful_life_years": 5, "unit_price": 3}"#,
            "„unit_price“",
        ),
        (
            r#"{"id": "x", "kind": "purchase", "units": 1, "unit_price_cents": 100, "useful_life_years": 5, "rate_cents": 3}"#,
            "gehört nicht zur Angebotsart",
        ),
        (
            r#"{"id": "x", "kind": "lease", "units": 1, "rate_cents": 100, "period": "quarterly", "term_months": 10}"#,
            "kein Vielfaches",
        ),
        (
            r#"{"id": "x", "kind": "lease", "units": 1, "rate_cents": 100, "period": "monthly", "timing": "later", "term_months": 12}"#,
            "„timing“",
        ),
        (
            r#"{"id": "x", "kind": "support", "units": 1, "model": "flat", "price_cents": 100}"#,
            "„model“",
        ),
        (
            r#"{"id": "x", "kind": "support", "units": 1, "model": "hour_contingent", "price_cents": 100}"#,
            "„hours_per_year“",
        ),
        (
            r#"{"id": "x", "kind": "support", "units": 1, "model": "per_school_year", "price_cents": 100}"#,
            "„school_count“",
        ),
        (
            r#"{"id": "x", "kind": "support", "units": 1, "model": "per_device_month", "price_cents": 100, "sla": {"first_response_h": {"5": 1}}}"#,
            "sla.first_response_h.5",
        ),
        (
            r#"{"id": "x", "kind": "support", "units": 1, "model": "per_device_month", "price_cents": 100, "sla": {"resolution_h": {"1": -4}}}"#,
            "sla.resolution_h.1",
        ),
        (
            r#"{"id": "x", "kind": "lease", "units": 1, "rate_cents": 100, "period": "monthly", "term_months": 12, "escalation_pct": -150}"#,
            "„escalation_pct“",
        ),
    ];
    for (offer, needle) in cases {
        let m = error_of(offer);
        assert!(m.contains(needle), "{offer}: {m}");
        assert!(m.starts_with("Angebot „x“"), "{m}");
    }
    // Missing id: the offer is named by its position.
    let m = error_of(
        r#"{"kind": "purchase", "units": 1, "unit_price_cents": 1, "useful_life_years": 1}"#,
    );
    assert!(m.contains("Nr. 1") && m.contains("„id“"), "{m}");
}

#[test]
fn file_and_settings_errors() {
    let e = parse_template("x.json", "{ not json")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.json: kein gültiges JSON (Zeile 1"), "{e}");
    let e = parse_template(
        "x.json",
        r#"{"start": "2027-01-01", "horizon_years": 0, "offers": []}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("„horizon_years“"), "{e}");
    let e = parse_template("x.json", r#"{"start": "1.13.2027", "offers": []}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("„start“"), "{e}");
    let e = parse_template(
        "x.json",
        r#"{"start": "2027-01-01", "offers": [], "discount": 3}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("„discount“") && e.contains("unbekanntes Feld"),
        "{e}"
    );
    let dup = r#"{"id": "a", "kind": "lease", "units": 1, "rate_cents": 1, "period": "monthly", "term_months": 12}"#;
    let e = parse_template("x.json", &template(1.0, 1, &format!("{dup}, {dup}")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("„a“") && e.contains("mehrfach"), "{e}");
}

#[test]
fn default_rate_is_bmf_with_source() {
    let text = r#"{"start": "2027-01-01", "offers": [{"id": "a", "kind": "lease", "units": 1,
        "rate_cents": 1, "period": "monthly", "term_months": 12}]}"#;
    let set = parse_template("x.json", text).unwrap();
    assert_eq!(set.settings.discount_rate_pct, 0.9);
    assert_eq!(set.settings.horizon_years, 5);
    assert!(set.settings.discount_rate_source.contains("BMF"));
    assert!(set.settings.discount_rate_source.contains("Juli 2023"));
}

#[test]
fn template_round_trips() {
    let text = include_str!("../../../../../docs/examples/offers.json");
    let set = parse_template("offers.json", text).unwrap();
    let again = parse_template("again.json", &set.to_template().to_string()).unwrap();
    assert_eq!(set, again);
}
