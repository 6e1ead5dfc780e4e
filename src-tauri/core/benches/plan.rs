//! Benchmark: a 10-year plan for 305 schools × 15 categories × 3 scenarios (the size of a large
//! Kreis). Target: under 50 ms for all three scenarios together. Run with
//! `cargo bench -p schulit-core --bench plan`; it prints the mean time per recomputation.

// Amounts in cents are written as euros_cents (`2_500_000_00` = 2.500.000,00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use schulit_core::budget::cap::SozialWeights;
use schulit_core::budget::catalogue::default_catalogue;
use schulit_core::budget::funding::AmountMode;
use schulit_core::budget::{
    compute, default_rules, BasisKind, Category, Cohort, FundingSource, MunicipalYear, PlanInput,
    Rule, SchoolFacts,
};
use schulit_core::demo::Rng;
use schulit_core::schools::{grade_range, SchoolForm};

const FORMS: &[&str] = &[
    "Grundschule",
    "Grundschule",
    "Grundschule",
    "Realschule",
    "Gymnasium",
    "Gesamtschule",
    "Förderschule",
    "Berufskolleg",
];

fn categories() -> Vec<Category> {
    let mut c = default_catalogue();
    for (key, label, price) in [
        ("headset", "Headsets", 40_00),
        ("charging_cart", "Ladewagen", 2_500_00),
        ("camera", "Kamera-Set", 800_00),
    ] {
        let mut x = c[5].clone();
        x.key = key.into();
        x.label = label.into();
        x.unit_price_cents = price;
        c.push(x);
    }
    assert_eq!(c.len(), 15);
    c
}

fn rules() -> Vec<Rule> {
    let mut r = default_rules();
    for (cat, basis, per) in [
        ("headset", BasisKind::Pupils, 4.0),
        ("charging_cart", BasisKind::Classes, 3.0),
        ("camera", BasisKind::School, 1.0),
    ] {
        r.push(Rule {
            id: 0,
            category: cat.into(),
            forms: vec![],
            basis,
            grade_from: 1,
            grade_to: 13,
            units_per: 1.0,
            per,
            note: String::new(),
        });
    }
    r
}

fn district() -> (Vec<SchoolFacts>, Vec<Cohort>) {
    let mut rng = Rng::new(42);
    let cats = categories();
    let mut schools = vec![];
    let mut cohorts = vec![];
    for i in 0..305 {
        let form = FORMS[i % FORMS.len()];
        let (from, to) = grade_range(form);
        let pupils = rng.range_f64(120.0, 1400.0).round();
        let mut g = [0.0; 13];
        for k in from..=to {
            g[(k - 1) as usize] = pupils / (to - from + 1) as f64;
        }
        let rooms = (pupils / 22.0).ceil();
        let nr = format!("{}", 100_000 + i);
        schools.push(SchoolFacts {
            schulnummer: nr.clone(),
            name: format!("Schule {i}"),
            schulform: form.into(),
            form: SchoolForm::of(form),
            sozialindex: Some(rng.range_i64(1, 9)),
            base_grades: g,
            teachers: (pupils / 15.0).round(),
            rooms,
            classes: (pupils / 25.0).ceil(),
            growth_pct: rng.range_f64(-1.5, 2.0),
            pupils_by_year: BTreeMap::new(),
        });
        for c in &cats {
            for _ in 0..2 {
                cohorts.push(Cohort {
                    id: 0,
                    schulnummer: nr.clone(),
                    category: c.key.clone(),
                    purchase_year: 2026 - rng.range_i64(0, c.life_years as i64 + 1) as i32,
                    units: rng.range_i64(0, (rooms * 6.0) as i64),
                    source: "bench".into(),
                    note: String::new(),
                });
            }
        }
    }
    (schools, cohorts)
}

fn scenarios() -> Vec<PlanInput> {
    let (schools, cohorts) = district();
    let funding = vec![
        FundingSource {
            id: 1,
            name: "Programm A".into(),
            order: 1,
            mode: AmountMode::PerYear,
            amount_cents: 15_000_000_00,
            start_year: 2027,
            end_year: 2028,
            categories: vec![],
            pays_running: false,
            cofunding_pct: 10.0,
            school_cap_cents: None,
            school_cap_per_pupil_cents: Some(300_00),
            mobile_max_pct: Some(20.0),
            mobile_max_cents: Some(25_000_00),
            note: String::new(),
            carry_over: false,
        },
        FundingSource {
            id: 2,
            name: "Programm B".into(),
            order: 2,
            mode: AmountMode::Total,
            amount_cents: 40_000_000_00,
            start_year: 2030,
            end_year: 2034,
            categories: vec!["display".into(), "wlan_ap".into(), "switch".into()],
            pays_running: false,
            cofunding_pct: 50.0,
            school_cap_cents: None,
            school_cap_per_pupil_cents: None,
            mobile_max_pct: None,
            mobile_max_cents: None,
            note: String::new(),
            carry_over: false,
        },
    ];
    let base = PlanInput {
        scenario: "Basis".into(),
        base_year: 2026,
        from_year: 2027,
        to_year: 2036,
        escalation_pct: 2.0,
        categories: categories(),
        rules: rules(),
        schools,
        cohorts,
        funding,
        municipal: (2027..=2036)
            .map(|y| MunicipalYear {
                year: y,
                budget_cents: Some(60_000_000_00),
                cap_cents: None,
            })
            .collect(),
        weights: SozialWeights::default(),
    };
    let mut notebooks = base.clone();
    notebooks.scenario = "Notebooks ab Jg. 7".into();
    notebooks.escalation_pct = 3.0;
    notebooks.rules[1].grade_to = 6;
    let mut nb_rule = notebooks.rules[1].clone();
    nb_rule.category = "student_notebook".into();
    nb_rule.grade_from = 7;
    nb_rule.grade_to = 13;
    notebooks.rules.push(nb_rule);
    let mut capped = base.clone();
    capped.scenario = "Obergrenze".into();
    for m in capped.municipal.iter_mut() {
        m.cap_cents = Some(70_000_000_00);
    }
    vec![base, notebooks, capped]
}

fn bench(c: &mut Criterion) {
    let inputs = scenarios();
    // Sanity: the plans are non-trivial and the capped one defers.
    let plans: Vec<_> = inputs.iter().map(|i| compute(i).unwrap()).collect();
    assert_eq!(plans[0].lines.len(), 305 * 15 * 10);
    eprintln!(
        "Basis: {} € gesamt; Obergrenze: {} Verschiebungen",
        plans[0].total_cents() / 100,
        plans[2].deferrals.len()
    );
    c.bench_function(
        "plan 10y × 305 schools × 15 categories × 3 scenarios",
        |b| {
            b.iter(|| {
                for i in &inputs {
                    black_box(compute(black_box(i)).unwrap());
                }
            })
        },
    );
}

fn report() {
    let inputs = scenarios();
    let n = 20;
    let t = Instant::now();
    for _ in 0..n {
        for i in &inputs {
            black_box(compute(black_box(i)).unwrap());
        }
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    for i in &inputs {
        let t = Instant::now();
        for _ in 0..n {
            black_box(compute(black_box(i)).unwrap());
        }
        println!(
            "  Szenario „{}“: {:.1} ms",
            i.scenario,
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
    println!(
        "plan-bench: 3 Szenarien × 305 Schulen × 15 Kategorien × 10 Jahre: {ms:.1} ms je Neuberechnung (Ziel < 50 ms) {}",
        if ms < 50.0 { "OK" } else { "ZU LANGSAM" }
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    report();
}
