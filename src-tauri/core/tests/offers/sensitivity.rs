//! Break-even by bisection (checked with the test's own PV formulas) and tornado data.

use schulit_core::offers::sensitivity::{pair, tornado, Parameter, SensitivitySpec};
use schulit_core::offers::{parse_template, OfferSet};

use crate::common::*;

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
