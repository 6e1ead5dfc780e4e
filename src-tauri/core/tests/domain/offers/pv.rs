//! Present values against cases computed here with explicit loops (spreadsheet style).

use schulit_core::offers::{compare, parse_template, Comparison};

use super::common::*;

fn run(rate_pct: f64, horizon: u32, offer: &str) -> Comparison {
    let set = parse_template("test.json", &template(rate_pct, horizon, offer)).unwrap();
    compare(&set)
}

/// Checks schedule, nominal, PV, annual equivalent and per-device cost of the single offer.
fn check(c: &Comparison, expected: Vec<(u32, i64)>, r: f64, h: u32, units: i64) {
    let res = &c.results[0];
    assert_eq!(sorted(rows_of(res)), sorted(expected.clone()), "schedule");
    assert_eq!(res.nominal_cents, nominal(&expected), "nominal");
    let pv_x = pv(&expected, r);
    assert_eq!(res.present_value_cents, round(pv_x), "present value");
    let ae = annuity(pv_x, r, h);
    assert_eq!(res.annual_equivalent_cents, round(ae), "annual equivalent");
    assert_eq!(
        res.cost_per_device_year_cents,
        round(ae / units as f64),
        "per device"
    );
    // Every flow line carries its discount factor and PV.
    for f in &res.flows {
        let df = 1.0 / (1.0 + r).powf(f.month as f64 / 12.0);
        assert!((f.discount_factor - df).abs() < 1e-12);
        assert_eq!(f.present_value_cents, round(f.amount_cents as f64 * df));
    }
    // Year lines add up to the totals.
    let last = res.years.last().unwrap();
    assert_eq!(last.cumulative_nominal_cents, res.nominal_cents);
    assert_eq!(last.cumulative_present_value_cents, res.present_value_cents);
    assert_eq!(res.years.len(), h as usize);
}

#[test]
fn lease_monthly_in_advance_with_escalation_and_renewal() {
    // 300 devices, 11,00 € per device and month in advance, term 48 months, H = 5 years:
    // renewed at m = 48, payments at m = 0 … 59; escalation 2 % by contract year ⌊m/12⌋ + 1.
    // Down payment 50,00 € per device at the start of each term (m = 0 and m = 48).
    let c = run(
        2.0,
        5,
        r#"{"id": "leasing", "kind": "lease", "units": 300, "rate_cents": 1100, "period": "monthly",
            "timing": "advance", "term_months": 48, "down_payment_cents": 5000, "escalation_pct": 2.0,
            "buyout_cents": 0}"#,
    );
    let mut rows = Vec::new();
    for m in 0..60u32 {
        let year = m / 12 + 1;
        rows.push((m, round(300.0 * 1100.0 * 1.02f64.powf((year - 1) as f64))));
    }
    rows.push((0, 300 * 5000));
    rows.push((48, round(300.0 * 5000.0 * 1.02f64.powf(4.0))));
    check(&c, rows, 0.02, 5, 300);
}

#[test]
fn lease_monthly_in_advance_hand_numbers() {
    // 1 device, 100,00 € a month in advance for 12 months, r = 0 → PV = nominal = 1.200,00 €,
    // annual equivalent 1.200,00 €.
    let c = run(
        0.0,
        1,
        r#"{"id": "l", "kind": "lease", "units": 1, "rate_cents": 10000, "period": "monthly",
            "timing": "advance", "term_months": 12}"#,
    );
    let r = &c.results[0];
    assert_eq!(r.nominal_cents, 120_000);
    assert_eq!(r.present_value_cents, 120_000);
    assert_eq!(r.annual_equivalent_cents, 120_000);
    // At 12 % the payment at m = 6 is worth 10000 / 1.12^0.5 = 9449.11 cents.
    let c = run(
        12.0,
        1,
        r#"{"id": "l", "kind": "lease", "units": 1, "rate_cents": 10000, "period": "monthly",
            "timing": "advance", "term_months": 12}"#,
    );
    let f6 = c.results[0].flows.iter().find(|f| f.month == 6).unwrap();
    assert_eq!(f6.present_value_cents, 9449);
}

#[test]
fn rental_quarterly_in_arrears_with_escalation() {
    // 300 devices, 15,00 € per quarter in arrears, 60 months, escalation 1,5 %:
    // m = 3, 6, …, 60; contract year ⌊(m − 1)/12⌋ + 1 (so m = 12 is year 1, m = 15 year 2).
    let c = run(
        2.0,
        5,
        r#"{"id": "miete", "kind": "rental", "units": 300, "rate_cents": 1500, "period": "quarterly",
            "timing": "arrears", "term_months": 60, "escalation_pct": 1.5}"#,
    );
    let mut rows = Vec::new();
    let mut m = 3;
    while m <= 60 {
        let year = (m - 1) / 12 + 1;
        rows.push((m, round(300.0 * 1500.0 * 1.015f64.powf((year - 1) as f64))));
        m += 3;
    }
    assert_eq!(rows.len(), 20);
    check(&c, rows, 0.02, 5, 300);
    // m = 12 still year 1 (unescalated), m = 15 year 2.
    let r = &c.results[0];
    assert_eq!(
        r.flows.iter().find(|f| f.month == 12).unwrap().amount_cents,
        450_000
    );
    assert_eq!(
        r.flows.iter().find(|f| f.month == 15).unwrap().amount_cents,
        456_750
    );
}

#[test]
fn renewal_yearly_in_arrears_with_down_payment_and_buyout() {
    // Term 24 months, H = 5: terms start at m = 0, 24, 48. Yearly rates in arrears at
    // m = 12 … 60 (m = 72 is outside); down payment at 0, 24, 48; buy-out at 24 and 48
    // (72 > 60 is outside). Escalation 3 % by contract year, counting from t0.
    let c = run(
        1.0,
        5,
        r#"{"id": "l", "kind": "lease", "units": 10, "rate_cents": 20000, "period": "yearly",
            "timing": "arrears", "term_months": 24, "down_payment_cents": 3000,
            "buyout_cents": 1000, "escalation_pct": 3.0}"#,
    );
    let f = |year: u32| 1.03f64.powf((year - 1) as f64);
    let mut rows = Vec::new();
    for k in 1..=5u32 {
        rows.push((12 * k, round(10.0 * 20000.0 * f(k))));
    }
    for s in [0u32, 24, 48] {
        rows.push((s, round(10.0 * 3000.0 * f(s / 12 + 1))));
    }
    for e in [24u32, 48] {
        rows.push((e, round(10.0 * 1000.0 * f((e - 1) / 12 + 1))));
    }
    check(&c, rows, 0.01, 5, 10);
}

#[test]
fn lease_longer_than_horizon_counts_only_inside() {
    // Term 60 months, H = 3: only m < 36 (in advance); the buy-out at 60 is outside.
    let c = run(
        2.0,
        3,
        r#"{"id": "l", "kind": "lease", "units": 2, "rate_cents": 1000, "period": "monthly",
            "timing": "advance", "term_months": 60, "buyout_cents": 5000}"#,
    );
    let rows: Vec<(u32, i64)> = (0..36u32).map(|m| (m, 2000)).collect();
    check(&c, rows, 0.02, 3, 2);
}

#[test]
fn purchase_with_repurchase_and_residual_value_exact_end() {
    // L = 5, H = 10: cohorts at m = 0 (year 1) and m = 60 (year 6, escalated 2 %^5).
    // The second cohort's life ends exactly at H → credit residual value (not escalated).
    // Maintenance 15,00 € per device and year in arrears at m = 12k, escalated (1.02)^(k−1).
    let c = run(
        2.0,
        10,
        r#"{"id": "kauf", "kind": "purchase", "units": 300, "unit_price_cents": 45000,
            "useful_life_years": 5, "residual_value_cents": 2000,
            "maintenance_cents_per_unit_year": 1500, "escalation_pct": 2.0}"#,
    );
    let mut rows = vec![
        (0u32, 300 * 45000),
        (60, round(300.0 * 45000.0 * 1.02f64.powf(5.0))),
    ];
    for k in 1..=10u32 {
        rows.push((12 * k, round(300.0 * 1500.0 * 1.02f64.powf((k - 1) as f64))));
    }
    rows.push((120, -(300 * 2000)));
    check(&c, rows, 0.02, 10, 300);
}

#[test]
fn purchase_with_linear_residual_value() {
    // L = 3, H = 5: cohorts at m = 0 and m = 36 (year 4). At m = 60 the second cohort has used
    // 2 of 3 years: value = P4 + (R − P4) × 2/3 with P4 = 900,00 € × 1.04^3.
    let c = run(
        3.0,
        5,
        r#"{"id": "kauf", "kind": "purchase", "units": 7, "unit_price_cents": 90000,
            "useful_life_years": 3, "residual_value_cents": 10000,
            "maintenance_cents_per_unit_year": 2500, "escalation_pct": 4.0}"#,
    );
    let p4 = 90000.0 * 1.04f64.powf(3.0);
    let value = p4 + (10000.0 - p4) * 2.0 / 3.0;
    let mut rows = vec![(0u32, 7 * 90000), (36, round(7.0 * p4))];
    for k in 1..=5u32 {
        rows.push((12 * k, round(7.0 * 2500.0 * 1.04f64.powf((k - 1) as f64))));
    }
    rows.push((60, -round(7.0 * value)));
    check(&c, rows, 0.03, 5, 7);
}

#[test]
fn purchase_warranty_waives_maintenance_per_cohort() {
    // L = 3, W = 2, H = 7: cohorts bought at m = 0 (year 1), m = 36 (year 4), m = 72 (year 7).
    // Year:   1 2 3 | 4 5 6 | 7
    // Age:    1 2 3 | 1 2 3 | 1
    // Maint.: – – x | – – x | –      (the first two years of every cohort are under warranty)
    // At m = 84 the third cohort has used 1 of 3 years: value = P7 + (R − P7) × 1/3.
    let c = run(
        2.5,
        7,
        r#"{"id": "kauf", "kind": "purchase", "units": 10, "unit_price_cents": 60000,
            "useful_life_years": 3, "residual_value_cents": 6000,
            "maintenance_cents_per_unit_year": 4000, "warranty_years": 2,
            "escalation_pct": 3.0}"#,
    );
    let esc = |year: u32| 1.03f64.powf((year - 1) as f64);
    let p7 = 60000.0 * esc(7);
    let value = p7 + (6000.0 - p7) * 1.0 / 3.0;
    let rows = vec![
        (0u32, 10 * 60000),
        (36, round(10.0 * 60000.0 * esc(4))),
        (72, round(10.0 * p7)),
        (36, round(10.0 * 4000.0 * esc(3))),
        (72, round(10.0 * 4000.0 * esc(6))),
        (84, -round(10.0 * value)),
    ];
    check(&c, rows.clone(), 0.025, 7, 10);
    // Ignoring the warranty would add maintenance in years 1, 2, 4, 5 and 7.
    let mut without = rows;
    for k in [1u32, 2, 4, 5, 7] {
        without.push((12 * k, round(10.0 * 4000.0 * esc(k))));
    }
    assert!(c.results[0].present_value_cents < round(pv(&without, 0.025)) - 100_000);
    assert!(c.results[0]
        .explain
        .iter()
        .any(|l| l.contains("ersten 2 Jahren") && l.contains("keine Wartung")));
}

#[test]
fn purchase_warranty_covering_the_whole_life_means_no_maintenance() {
    // W = 4 ≥ L = 3, H = 5: no maintenance at all; cohorts at m = 0 and m = 36; residual of
    // the second cohort after 2 of 3 years, no escalation: 500 + (50 − 500) × 2/3 = 200 €.
    let c = run(
        0.0,
        5,
        r#"{"id": "k", "kind": "purchase", "units": 2, "unit_price_cents": 50000,
            "useful_life_years": 3, "residual_value_cents": 5000,
            "maintenance_cents_per_unit_year": 9900, "warranty_years": 4}"#,
    );
    let r = &c.results[0];
    assert_eq!(
        sorted(rows_of(r)),
        vec![(0, 100_000), (36, 100_000), (60, -40_000)]
    );
    assert_eq!(r.present_value_cents, 160_000);
}

#[test]
fn purchase_life_longer_than_horizon_is_linear() {
    // L = 5, H = 4, no escalation: value after 4 of 5 years = 500 + (50 − 500) × 4/5 = 140 €.
    let c = run(
        0.0,
        4,
        r#"{"id": "k", "kind": "purchase", "units": 1, "unit_price_cents": 50000,
            "useful_life_years": 5, "residual_value_cents": 5000}"#,
    );
    let r = &c.results[0];
    assert_eq!(sorted(rows_of(r)), vec![(0, 50000), (48, -14000)]);
    assert_eq!(r.present_value_cents, 36000);
    assert_eq!(r.annual_equivalent_cents, 9000);
}

#[test]
fn support_per_device_month() {
    // 2,50 € per device and month for 300 devices, monthly in arrears m = 1 … 60, escalation
    // 2,5 % by contract year ⌊(m − 1)/12⌋ + 1.
    let c = run(
        0.9,
        5,
        r#"{"id": "s", "kind": "support", "units": 300, "model": "per_device_month",
            "price_cents": 250, "escalation_pct": 2.5}"#,
    );
    let mut rows = Vec::new();
    for m in 1..=60u32 {
        let year = (m - 1) / 12 + 1;
        rows.push((m, round(300.0 * 250.0 * 1.025f64.powf((year - 1) as f64))));
    }
    check(&c, rows, 0.009, 5, 300);
}

#[test]
fn support_yearly_models() {
    // Per school per year: 12 schools × 4.000,00 €; hour contingent 250 h × 85,00 €;
    // per ticket 1.800 × 19,50 €; all yearly in arrears at m = 12k, escalated by year k.
    let cases = [
        (
            r#"{"id": "s", "kind": "support", "units": 900, "model": "per_school_year",
               "price_cents": 400000, "school_count": 12, "escalation_pct": 2.0}"#,
            12.0 * 400000.0,
        ),
        (
            r#"{"id": "s", "kind": "support", "units": 900, "model": "hour_contingent",
               "price_cents": 8500, "hours_per_year": 250, "escalation_pct": 2.0}"#,
            250.0 * 8500.0,
        ),
        (
            r#"{"id": "s", "kind": "support", "units": 900, "model": "per_ticket",
               "price_cents": 1950, "tickets_per_year": 1800, "escalation_pct": 2.0}"#,
            1800.0 * 1950.0,
        ),
    ];
    for (json, per_year) in cases {
        let c = run(1.5, 4, json);
        let rows: Vec<(u32, i64)> = (1..=4u32)
            .map(|k| (12 * k, round(per_year * 1.02f64.powf((k - 1) as f64))))
            .collect();
        check(&c, rows, 0.015, 4, 900);
    }
}

#[test]
fn per_school_year_counts_listed_schools() {
    let c = run(
        0.0,
        1,
        r#"{"id": "s", "kind": "support", "units": 10, "model": "per_school_year",
            "price_cents": 100000, "schools": ["100001", "100002", "100003"]}"#,
    );
    assert_eq!(c.results[0].nominal_cents, 300_000);
}

#[test]
fn annual_equivalent_and_per_pupil() {
    // PV 100.000,00 € (one payment at m = 0), r = 5 %, H = 4:
    // AE = 100000 × 0.05 / (1 − 1.05^−4) = 28.201,18 €; per device (40) 705,03 €;
    // per pupil (250) 112,80 €.
    let text = r#"{"start": "2027-01-01", "horizon_years": 4, "discount_rate_pct": 5.0, "pupils": 250,
        "offers": [{"id": "k", "kind": "purchase", "units": 40, "unit_price_cents": 250000,
                    "useful_life_years": 4}]}"#;
    let c = compare(&parse_template("t.json", text).unwrap());
    let r = &c.results[0];
    let ae = 10_000_000.0 * 0.05 / (1.0 - 1.05f64.powf(-4.0));
    assert_eq!(r.present_value_cents, 10_000_000);
    assert_eq!(r.annual_equivalent_cents, round(ae));
    assert_eq!(r.annual_equivalent_cents, 2_820_118);
    assert_eq!(r.cost_per_device_year_cents, round(ae / 40.0));
    assert_eq!(r.cost_per_pupil_year_cents, Some(round(ae / 250.0)));
    // r = 0: AE = PV / H.
    let text0 = text.replace("5.0", "0");
    let c0 = compare(&parse_template("t.json", &text0).unwrap());
    assert_eq!(c0.results[0].annual_equivalent_cents, 2_500_000);
    assert_eq!(c0.results[0].cost_per_device_year_cents, 62_500);
}

#[test]
fn domain_example_ranks_by_present_value() {
    let text = include_str!("../../../../../docs/examples/offers.json");
    let set = parse_template("offers.json", text).unwrap();
    let c = compare(&set);
    // Independent PVs of the two device offers that the example shares with DOMAIN.md §3.
    let r = set.settings.discount_rate_pct / 100.0;
    assert_eq!(set.settings.discount_rate_pct, 2.0);
    let mut lease = Vec::new();
    for m in 0..60u32 {
        lease.push((m, 300 * 1100));
    }
    assert_eq!(
        c.result("leasing").unwrap().present_value_cents,
        round(pv(&lease, r))
    );
    let mut rental = Vec::new();
    let mut m = 3;
    while m <= 60 {
        rental.push((
            m,
            round(300.0 * 1500.0 * 1.015f64.powf(((m - 1) / 12) as f64)),
        ));
        m += 3;
    }
    assert_eq!(
        c.result("miete").unwrap().present_value_cents,
        round(pv(&rental, r))
    );
    // Purchase: L = 5 = H, warranty 2 years → maintenance only in years 3, 4, 5 (m = 36, 48,
    // 60), escalated 2 % by year; residual value 20,00 € per device credited at m = 60.
    let maint = |k: u32| (12 * k, round(300.0 * 1500.0 * 1.02f64.powf((k - 1) as f64)));
    let kauf = vec![
        (0u32, 300 * 45000),
        maint(3),
        maint(4),
        maint(5),
        (60, -(300 * 2000)),
    ];
    let k = c.result("kauf").unwrap();
    assert_eq!(sorted(rows_of(k)), sorted(kauf.clone()));
    assert_eq!(k.present_value_cents, round(pv(&kauf, r)));
    // Ranking within the device group is ascending by PV.
    let devices: Vec<_> = c.ranking.iter().filter(|e| e.group == "geraete").collect();
    for w in devices.windows(2) {
        assert!(w[0].present_value_cents <= w[1].present_value_cents);
    }
    assert_eq!(devices[0].rank, 1);
    assert!(devices[0].reason.contains("Niedrigster Barwert"));
    assert!(c.rate_line.contains("2,00 %"));
}
