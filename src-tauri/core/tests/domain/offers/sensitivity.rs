//! Break-even by bisection (checked with the test's own PV formulas) and tornado data.

use schulit_core::offers::sensitivity::{
    describe_break_even, pair, tornado, variant_pair, BreakEven, Parameter, SensitivitySpec,
};
use schulit_core::offers::{parse_template, OfferSet, Variant};

use super::common::*;

const PURCHASE: &str = r#"{"id": "kauf", "kind": "purchase", "units": 1, "unit_price_cents": 100000,
    "useful_life_years": 5}"#;
const LEASE: &str = r#"{"id": "leasing", "kind": "lease", "units": 1, "rate_cents": 1800,
    "period": "monthly", "timing": "advance", "term_months": 60}"#;

fn set() -> OfferSet {
    parse_template("t.json", &template(2.0, 5, &format!("{PURCHASE}, {LEASE}"))).unwrap()
}

/// Spreadsheet PV of the lease: 60 × 18,00 € in advance.
fn lease_pv(r: f64) -> f64 {
    let rows: Vec<(u32, i64)> = (0..60u32).map(|m| (m, 1800)).collect();
    pv(&rows, r)
}

#[test]
fn break_even_rate_within_a_hundredth_of_a_point() {
    let s = set();
    let p = pair(
        &s.offers[0],
        &s.offers[1],
        &s.settings,
        &SensitivitySpec::default(),
    );
    let be = p
        .break_even
        .iter()
        .find(|b| b.parameter == Parameter::DiscountRate)
        .unwrap();
    let x = be.value.expect("break-even rate exists");
    // Purchase PV is 1.000,00 € at any rate (one payment at m = 0; life = horizon, no residual).
    // Below the break-even the lease costs more, above it less.
    let below = lease_pv((x - 0.01) / 100.0);
    let above = lease_pv((x + 0.01) / 100.0);
    assert!(below > 100000.0, "at {} %: {below}", x - 0.01);
    assert!(above < 100000.0, "at {} %: {above}", x + 0.01);
    assert!(be.explanation.contains("denselben Barwert"));
}

#[test]
fn break_even_price_and_escalation() {
    let s = set();
    // Lease against purchase: the lease's rate at which both cost the same.
    let p = pair(
        &s.offers[1],
        &s.offers[0],
        &s.settings,
        &SensitivitySpec::default(),
    );
    let price = p
        .break_even
        .iter()
        .find(|b| b.parameter == Parameter::Price)
        .unwrap();
    let f = price.value.unwrap() / 100.0;
    // 60 payments of 18,00 € × f have PV 1.000 € at 2 %: f = 100000 / PV(lease).
    let expected = 100000.0 / lease_pv(0.02);
    assert!(
        (f - expected).abs() < 0.0001 + 1.0 / 1800.0,
        "{f} vs {expected}"
    );
    let esc = p
        .break_even
        .iter()
        .find(|b| b.parameter == Parameter::Escalation)
        .unwrap();
    let e = esc.value.unwrap();
    // Check with the test's own schedule: escalated lease PV crosses 1.000 € at e.
    let lease_esc = |e: f64| {
        let rows: Vec<(u32, i64)> = (0..60u32)
            .map(|m| (m, round(1800.0 * (1.0 + e / 100.0).powf((m / 12) as f64))))
            .collect();
        pv(&rows, 0.02)
    };
    assert!(
        e < 0.0,
        "lease is dearer at base, so escalation must fall: {e}"
    );
    assert!(lease_esc(e - 0.02) < 100000.0 && lease_esc(e + 0.02) > 100000.0);
}

#[test]
fn life_break_even_for_purchase() {
    // Purchase 1.000 € with life L over H = 5 vs lease (PV ≈ 1.030 €): with L = 4 a re-purchase
    // at m = 48 (plus a linear residual credit) makes the purchase dearer; L = 5 is cheaper.
    let s = set();
    let p = pair(
        &s.offers[0],
        &s.offers[1],
        &s.settings,
        &SensitivitySpec::default(),
    );
    let life = p
        .break_even
        .iter()
        .find(|b| b.parameter == Parameter::Life)
        .unwrap();
    // L = 4: 1000 + 1000 × … at m=48, minus value after 1 of 4 years (750 €) at m = 60.
    let l4 = pv(&[(0, 100000), (48, 100000), (60, -75000)], 0.02);
    assert!(l4 > lease_pv(0.02));
    assert_eq!(life.value, Some(5.0));
}

#[test]
fn tornado_sorted_by_spread() {
    let s = set();
    let bars = tornado(&s.offers[0], &s.settings, &SensitivitySpec::default());
    // Life 4 years forces a re-purchase: the longest bar. L = 4: PV = 1000 + 1000/1.02^4
    // − 750/1.02^5; L = 6: value after 5 of 6 years = 1000 − 1000 × 5/6 credited at m = 60.
    assert_eq!(bars[0].parameter, Parameter::Life);
    assert_eq!(
        bars[0].low_cents,
        round(pv(&[(0, 100000), (48, 100000), (60, -75000)], 0.02))
    );
    assert_eq!(
        bars[0].high_cents,
        round(pv(&[(0, 100000), (60, -round(100000.0 / 6.0))], 0.02))
    );
    // Price ±10 %: 900 € and 1.100 €; rate: no effect on a payment at m = 0.
    let price = bars
        .iter()
        .find(|b| b.parameter == Parameter::Price)
        .unwrap();
    assert_eq!((price.low_cents, price.high_cents), (90000, 110000));
    let rate = bars
        .iter()
        .find(|b| b.parameter == Parameter::DiscountRate)
        .unwrap();
    assert_eq!(rate.spread_cents, 0);
    for w in bars.windows(2) {
        assert!(w[0].spread_cents >= w[1].spread_cents);
    }
    // The lease's rate bar: PV at 1 % and 3 %.
    let bars = tornado(&s.offers[1], &s.settings, &SensitivitySpec::default());
    let rate = bars
        .iter()
        .find(|b| b.parameter == Parameter::DiscountRate)
        .unwrap();
    assert_eq!(rate.low_cents, round(lease_pv(0.01)));
    assert_eq!(rate.high_cents, round(lease_pv(0.03)));
}

/// Two variants over 5 years at 2 %: A = purchase 1.000 € at m = 0 (life 5, no residual) +
/// support 5,00 € a month in arrears (m = 1 … 60); B = lease 26,00 € a month in advance
/// (m = 0 … 59); C = the lease + the support (always dearer than B).
const VARIANTS: &str = r#"{"start": "2027-01-01", "horizon_years": 5, "discount_rate_pct": 2.0,
  "offers": [
    {"id": "kauf", "kind": "purchase", "units": 1, "unit_price_cents": 100000,
     "useful_life_years": 5},
    {"id": "support", "kind": "support", "units": 1, "model": "per_device_month",
     "price_cents": 500},
    {"id": "leasing", "kind": "lease", "units": 1, "rate_cents": 2600, "period": "monthly",
     "timing": "advance", "term_months": 60}
  ],
  "variants": [
    {"id": "a", "name": "Kauf + Support", "offers": ["kauf", "support"]},
    {"id": "b", "name": "Leasing", "offers": ["leasing"]},
    {"id": "c", "name": "Leasing + Support", "offers": ["leasing", "support"]}
  ]}"#;

/// Spreadsheet PV of variant A: 1.000 € at m = 0 and 60 × 5,00 € at m = 1 … 60.
fn variant_a_pv(r: f64) -> f64 {
    let mut rows = vec![(0u32, 100000i64)];
    rows.extend((1..=60u32).map(|m| (m, 500)));
    pv(&rows, r)
}

/// Spreadsheet PV of variant B: 60 × 26,00 € at m = 0 … 59.
fn variant_b_pv(r: f64) -> f64 {
    let rows: Vec<(u32, i64)> = (0..60u32).map(|m| (m, 2600)).collect();
    pv(&rows, r)
}

fn variant_set() -> OfferSet {
    parse_template("v.json", VARIANTS).unwrap()
}

fn break_even(
    p: &schulit_core::offers::sensitivity::PairSensitivity,
    what: Parameter,
) -> &BreakEven {
    p.break_even.iter().find(|b| b.parameter == what).unwrap()
}

#[test]
fn variant_break_even_rate_gives_equal_present_values() {
    let s = variant_set();
    let p = variant_pair(
        &s.variants[0],
        &s.variants[1],
        &s.offers,
        &s.settings,
        &SensitivitySpec::default(),
    );
    assert_eq!((p.a.as_str(), p.b.as_str()), ("a", "b"));
    // At 2 % the lease costs more than purchase + support.
    assert_eq!(
        p.base_difference_cents,
        round(variant_a_pv(0.02) - variant_b_pv(0.02))
    );
    assert!(p.base_difference_cents < 0);
    let be = break_even(&p, Parameter::DiscountRate);
    let x = be.value.expect("break-even rate in range");
    // Both variants' PVs at the found rate, with the test's own rows: within a cent.
    let (pa, pb) = (variant_a_pv(x / 100.0), variant_b_pv(x / 100.0));
    assert!((pa - pb).abs() < 1.0, "at {x} %: {pa} vs {pb}");
    // And it is a crossing: 0,01 points either side the order flips.
    assert!(variant_a_pv((x - 0.01) / 100.0) < variant_b_pv((x - 0.01) / 100.0));
    assert!(variant_a_pv((x + 0.01) / 100.0) > variant_b_pv((x + 0.01) / 100.0));
    assert!(
        be.explanation
            .contains("haben „Kauf + Support“ und „Leasing“ denselben Barwert"),
        "{}",
        be.explanation
    );
    // Price level of all of A's offers (purchase and support) at which A costs as much as B.
    let price = break_even(&p, Parameter::Price);
    let f = price.value.unwrap() / 100.0;
    let expected = variant_b_pv(0.02) / variant_a_pv(0.02);
    assert!((f - expected).abs() < 0.001, "{f} vs {expected}");
    assert!(
        price.explanation.contains("wenn ihre Preise bei"),
        "{}",
        price.explanation
    );
    // A's offers share one escalation (0 %) and one purchase life (5 years): both are varied.
    assert!(p
        .break_even
        .iter()
        .any(|b| b.parameter == Parameter::Escalation));
    assert!(p.tornado.iter().any(|b| b.parameter == Parameter::Life));
}

#[test]
fn variant_without_break_even_rate_says_so() {
    let s = variant_set();
    // Lease + support against the lease alone: dearer at every rate.
    let p = variant_pair(
        &s.variants[2],
        &s.variants[1],
        &s.offers,
        &s.settings,
        &SensitivitySpec::default(),
    );
    let be = break_even(&p, Parameter::DiscountRate);
    assert_eq!(be.value, None);
    assert_eq!(
        be.explanation,
        "Zwischen −5 % und 30 % p.a. gibt es keinen Zinssatz, bei dem „Leasing + Support“ und „Leasing“ gleich viel kosten."
    );
    assert_eq!(
        describe_break_even(be),
        "Kalkulationszinssatz: kein Break-even im Suchbereich"
    );
    // No purchase in it: no life bar, no life break-even.
    assert!(p.break_even.iter().all(|b| b.parameter != Parameter::Life));
}

#[test]
fn one_offer_variant_is_the_offer() {
    // One code path: a variant of a single offer has the offer's break-even values.
    let s = set();
    let v = |id: &str| Variant {
        id: id.into(),
        name: String::new(),
        offers: vec![id.into()],
        note: String::new(),
    };
    let spec = SensitivitySpec::default();
    let by_offer = pair(&s.offers[0], &s.offers[1], &s.settings, &spec);
    let by_variant = variant_pair(&v("kauf"), &v("leasing"), &s.offers, &s.settings, &spec);
    assert_eq!(
        by_offer.base_difference_cents,
        by_variant.base_difference_cents
    );
    for (x, y) in by_offer.break_even.iter().zip(&by_variant.break_even) {
        assert_eq!((x.parameter, x.value), (y.parameter, y.value));
    }
    assert_eq!(by_offer.tornado, by_variant.tornado);
}
