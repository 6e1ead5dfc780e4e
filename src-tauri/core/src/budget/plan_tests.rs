//! Hand-computed plans. Expected values are computed here with plain arithmetic (as one would in
//! a spreadsheet), never copied from the code's output.

use std::collections::BTreeMap;

use super::*;
use crate::budget::cap::SozialWeights;
use crate::budget::catalogue::default_catalogue;
use crate::budget::forecast::SchoolFacts;
use crate::budget::funding::AmountMode;
use crate::budget::inventory::Cohort;
use crate::budget::standards::{BasisKind, Rule};
use crate::schools::SchoolForm;

/// Half away from zero, as a spreadsheet's ROUND(x; 0).
fn r(x: f64) -> i64 {
    x.round() as i64
}

fn cats(reserve: f64) -> Vec<Category> {
    let all = default_catalogue();
    let mut tab = all
        .iter()
        .find(|c| c.key == "student_tablet")
        .unwrap()
        .clone();
    let mut disp = all.iter().find(|c| c.key == "display").unwrap().clone();
    tab.defect_reserve_pct = reserve;
    disp.defect_reserve_pct = 0.0;
    vec![tab, disp]
}

fn rules() -> Vec<Rule> {
    vec![
        Rule {
            id: 0,
            category: "student_tablet".into(),
            forms: vec![],
            basis: BasisKind::Pupils,
            grade_from: 5,
            grade_to: 13,
            units_per: 1.0,
            per: 1.0,
            note: String::new(),
        },
        Rule {
            id: 0,
            category: "display".into(),
            forms: vec![],
            basis: BasisKind::Rooms,
            grade_from: 1,
            grade_to: 13,
            units_per: 1.0,
            per: 1.0,
            note: String::new(),
        },
    ]
}

/// A Realschule with `pupils` in grades 5–10 (spread evenly) and `rooms` rooms.
fn school(nr: &str, pupils: f64, rooms: f64, index: Option<i64>) -> SchoolFacts {
    let mut g = [0.0; 13];
    for x in g.iter_mut().take(10).skip(4) {
        *x = pupils / 6.0;
    }
    SchoolFacts {
        schulnummer: nr.into(),
        name: format!("Realschule {nr}"),
        schulform: "Realschule".into(),
        form: SchoolForm::Secondary,
        sozialindex: index,
        base_grades: g,
        teachers: 10.0,
        rooms,
        classes: 4.0,
        growth_pct: 0.0,
        pupils_by_year: BTreeMap::new(),
    }
}

fn cohort(nr: &str, cat: &str, year: i32, units: i64) -> Cohort {
    Cohort {
        id: 0,
        schulnummer: nr.into(),
        category: cat.into(),
        purchase_year: year,
        units,
        source: "test".into(),
        note: String::new(),
    }
}

pub(crate) fn base_input() -> PlanInput {
    PlanInput {
        scenario: "Test".into(),
        base_year: 2026,
        from_year: 2027,
        to_year: 2030,
        escalation_pct: 2.0,
        categories: cats(0.0),
        rules: rules(),
        schools: vec![school("100001", 120.0, 4.0, Some(5))],
        cohorts: vec![
            cohort("100001", "student_tablet", 2022, 60), // life 5: due 2027
            cohort("100001", "student_tablet", 2024, 40), // due 2029
            cohort("100001", "display", 2020, 4),         // life 8: due 2028
        ],
        funding: vec![],
        municipal: vec![],
        weights: SozialWeights::default(),
    }
}

#[test]
fn one_school_two_categories_end_of_life_and_escalation() {
    let plan = compute(&base_input()).unwrap();
    let f = |y: i32| 1.02f64.powi(y - 2026);
    let (price_tab, run_tab, price_disp, run_disp) = (45_000.0, 3_000.0, 500_000.0, 5_000.0);

    // 2027: demand 120 tablets; the 2022 cohort (60) ends, 40 survive → buy 80
    // (60 replacements + 20 new). Displays: 4 survive (2020 + 8 > 2027).
    let t = plan.line(0, 0, 2027).unwrap();
    assert_eq!((t.demand, t.surviving, t.due), (120, 40, 60));
    assert_eq!((t.replace_units, t.new_units), (60, 20));
    assert_eq!(t.invest_cents, r(80.0 * price_tab * f(2027)));
    assert_eq!(t.invest_cents, 3_672_000); // 80 × 450 € × 1,02
    assert_eq!(t.running_cents, r(120.0 * run_tab * f(2027)));
    let d = plan.line(0, 1, 2027).unwrap();
    assert_eq!((d.surviving, d.purchased()), (4, 0));
    assert_eq!(d.running_cents, r(4.0 * run_disp * f(2027)));

    // 2028: displays reach their end of life (2020 + 8) → 4 replacements.
    let d = plan.line(0, 1, 2028).unwrap();
    assert_eq!((d.due, d.surviving, d.replace_units), (4, 0, 4));
    assert_eq!(d.invest_cents, r(4.0 * price_disp * f(2028)));
    assert_eq!(d.invest_cents, 2_080_800); // 4 × 5.000 € × 1,02²
    let t = plan.line(0, 0, 2028).unwrap();
    assert_eq!((t.surviving, t.purchased()), (120, 0));

    // 2029: the 2024 cohort (40) ends; the 2027 purchases (80) survive.
    let t = plan.line(0, 0, 2029).unwrap();
    assert_eq!((t.due, t.surviving, t.replace_units), (40, 80, 40));
    assert_eq!(t.invest_cents, r(40.0 * price_tab * f(2029)));
    assert_eq!(t.invest_cents, 1_910_174); // 40 × 450 € × 1,02³ = 19.101,744 €

    // Year totals are the sums of the rounded lines.
    for y in 2027..=2030 {
        let yt = plan.years.iter().find(|t| t.year == y).unwrap();
        let lines: Vec<&Line> = (0..2).map(|c| plan.line(0, c, y).unwrap()).collect();
        let inv: i64 = lines.iter().map(|l| l.invest_cents + l.reserve_cents).sum();
        let run: i64 = lines.iter().map(|l| l.running_cents).sum();
        assert_eq!((yt.invest_cents, yt.running_cents), (inv, run), "{y}");
        assert_eq!(yt.total_cents, inv + run);
        // No funding and no budget: everything is municipal and the gap.
        assert_eq!(yt.municipal_cents, yt.total_cents);
        assert_eq!(yt.gap_cents, yt.total_cents);
    }
    let y2030 = plan.years.last().unwrap();
    assert_eq!(
        y2030.running_cents,
        r(120.0 * run_tab * f(2030)) + r(4.0 * run_disp * f(2030))
    );
}

#[test]
fn defect_reserve_and_growth() {
    let mut input = base_input();
    input.categories = cats(5.0);
    input.escalation_pct = 0.0;
    input.schools[0].growth_pct = 10.0;
    input.cohorts = vec![];
    let plan = compute(&input).unwrap();
    // 2027: pupils 120 × 1,1 = 132 → 132 tablets new; spares round(132 × 5 %) = round(6,6) = 7.
    let t = plan.line(0, 0, 2027).unwrap();
    assert_eq!((t.demand, t.new_units, t.spare_units), (132, 132, 7));
    assert_eq!(t.invest_cents, 132 * 45_000);
    assert_eq!(t.reserve_cents, 7 * 45_000);
    // 2028: 120 × 1,1² = 145,2 → 146 (rounded up); buy 14; spares round(146 × 0,05) = round(7,3) = 7.
    let t = plan.line(0, 0, 2028).unwrap();
    assert_eq!(
        (t.demand, t.surviving, t.new_units, t.spare_units),
        (146, 132, 14, 7)
    );
    let yt = &plan.years[1];
    assert_eq!(yt.reserve_cents, 7 * 45_000);
    assert_eq!(
        yt.per_pupil_cents,
        r(yt.total_cents as f64 / (120.0 * 1.1 * 1.1))
    );
}

#[test]
fn programme_ending_and_funding_gap() {
    let mut input = base_input();
    input.funding = vec![FundingSource {
        id: 1,
        name: "DigitalPakt-artig".into(),
        order: 1,
        mode: AmountMode::PerYear,
        amount_cents: 3_000_000,
        start_year: 2027,
        end_year: 2028,
        categories: vec![],
        pays_running: false,
        cofunding_pct: 10.0,
        school_cap_cents: None,
        school_cap_per_pupil_cents: None,
        mobile_max_pct: None,
        mobile_max_cents: None,
        note: String::new(),
        carry_over: false,
    }];
    input.municipal = (2027..=2030)
        .map(|y| MunicipalYear {
            year: y,
            budget_cents: Some(500_000),
            cap_cents: None,
        })
        .collect();
    let plan = compute(&input).unwrap();
    let f = |y: i32| 1.02f64.powi(y - 2026);
    // 2027: investment 80 tablets = 3.672.000 ct; 90 % = 3.304.800 > 3.000.000 → source pays 3.000.000.
    let y27 = &plan.years[0];
    assert_eq!(y27.funded_cents, 3_000_000);
    // 2028: investment 4 displays = 2.080.800 ct; 90 % = 1.872.720 ≤ 3.000.000.
    let y28 = &plan.years[1];
    assert_eq!(
        y28.funded_cents,
        r(0.9 * r(4.0 * 500_000.0 * f(2028)) as f64)
    );
    assert_eq!(y28.funded_cents, 1_872_720);
    // 2029: the programme has ended.
    let y29 = &plan.years[2];
    assert_eq!(y29.funded_cents, 0);
    for y in &plan.years {
        assert_eq!(y.funded_cents + y.municipal_cents, y.total_cents);
        assert_eq!(y.gap_cents, y.municipal_cents - 500_000);
    }
    // The cliff is reported for the programme's last year.
    assert_eq!(plan.cliffs.len(), 1);
    let c = &plan.cliffs[0];
    assert_eq!((c.last_year, c.funded_total_next_year_cents), (2028, 0));
    assert_eq!(c.source_funded_last_year_cents, 1_872_720);
    assert!(c.text.contains("endet 2028"), "{}", c.text);
}

#[test]
fn cap_defers_low_index_new_demand_first_and_lands_later() {
    let mut input = base_input();
    input.escalation_pct = 0.0;
    input.categories = cats(0.0);
    input.categories.truncate(1); // tablets only
    input.rules.truncate(1);
    input.cohorts = vec![];
    input.schools = vec![
        school("100001", 10.0, 1.0, Some(8)),
        school("100002", 10.0, 1.0, Some(2)),
    ];
    input.municipal = vec![MunicipalYear {
        year: 2027,
        budget_cents: Some(700_000),
        cap_cents: Some(700_000),
    }];
    let plan = compute(&input).unwrap();
    // Uncapped 2027: 20 tablets × 450 € + 20 × 30 € running = 960.000 ct; excess 260.000 ct.
    // New demand of the school with index 2 goes first; a deferred new tablet saves its price
    // and its running cost (48.000 ct): ceil(260.000 / 48.000) = 6 tablets.
    let a = plan.line(0, 0, 2027).unwrap();
    let b = plan.line(1, 0, 2027).unwrap();
    assert_eq!((a.new_units, b.new_units, b.deferred_units), (10, 4, 6));
    let y = &plan.years[0];
    assert_eq!(y.municipal_cents, 14 * 45_000 + 14 * 3_000);
    assert!(y.municipal_cents <= 700_000);
    assert_eq!(plan.deferrals.len(), 1);
    let d = &plan.deferrals[0];
    assert_eq!(
        (d.schulnummer.as_str(), d.units, d.cents),
        ("100002", 6, 6 * 45_000)
    );
    assert_eq!(d.lands_in, Some(2028));
    assert!(d.reason().contains("Sozialindex 2"), "{}", d.reason());
    // 2028 (no cap) buys the 6 deferred tablets.
    assert_eq!(plan.line(1, 0, 2028).unwrap().new_units, 6);
}

#[test]
fn cap_defers_replacements_last_and_keeps_old_devices_running() {
    let mut input = base_input();
    input.escalation_pct = 0.0;
    input.categories.truncate(1);
    input.rules.truncate(1);
    // 10 tablets from 2021 are overdue (2021 + 5 < 2027), 10 pupils more need new devices.
    input.schools = vec![school("100001", 20.0, 1.0, Some(9))];
    input.cohorts = vec![cohort("100001", "student_tablet", 2021, 10)];
    input.municipal = vec![MunicipalYear {
        year: 2027,
        budget_cents: Some(0),
        cap_cents: Some(400_000),
    }];
    let plan = compute(&input).unwrap();
    let l = plan.line(0, 0, 2027).unwrap();
    assert_eq!(l.overdue, 10);
    // Uncapped: 20 × 45.000 + 20 × 3.000 = 960.000; excess 560.000. All 10 new units go first
    // (each saves price + running = 48.000 → 480.000), then replacements (each saves only the
    // price, the old device keeps running): ceil(80.000 / 45.000) = 2.
    assert_eq!((l.new_units, l.replace_units, l.deferred_units), (0, 8, 12));
    // In operation: 8 new replacements + 2 old devices still running.
    assert_eq!(l.in_use, 10);
    assert_eq!(l.running_cents, 10 * 3_000);
    assert_eq!(plan.years[0].municipal_cents, 8 * 45_000 + 10 * 3_000);
    let kinds: Vec<_> = plan.deferrals.iter().map(|d| (d.kind, d.units)).collect();
    assert!(kinds.contains(&(DeferKind::NewDemand, 10)), "{kinds:?}");
    assert!(kinds.contains(&(DeferKind::Replacement, 2)), "{kinds:?}");
    let rep = plan
        .deferrals
        .iter()
        .find(|d| d.kind == DeferKind::Replacement)
        .unwrap();
    assert_eq!(rep.due_since, Some(2026));
    // 2028: the overdue device and the new demand are bought.
    let l = plan.line(0, 0, 2028).unwrap();
    assert_eq!((l.overdue, l.replace_units, l.new_units), (2, 2, 10));
}

/// One school buying tablets at 1.000 € (no escalation, no running cost, no reserve): 40 in
/// 2027, 150 in 2028, 60 in 2029, 50 in 2030 (pupils entered per year: 40, 190, 250, 300).
fn carry_input(carry_over: bool, mode: AmountMode, amount_cents: i64) -> PlanInput {
    let mut input = base_input();
    input.escalation_pct = 0.0;
    input.categories.truncate(1);
    input.categories[0].unit_price_cents = 100_000;
    input.categories[0].running_cents_per_year = 0;
    input.categories[0].life_years = 10;
    input.rules.truncate(1);
    input.cohorts = vec![];
    input.schools[0].pupils_by_year =
        BTreeMap::from([(2027, 40.0), (2028, 190.0), (2029, 250.0), (2030, 300.0)]);
    input.funding = vec![FundingSource {
        id: 1,
        name: "DigitalPakt-artig".into(),
        order: 1,
        mode,
        amount_cents,
        start_year: 2027,
        end_year: 2029,
        categories: vec![],
        pays_running: false,
        cofunding_pct: 0.0,
        school_cap_cents: None,
        school_cap_per_pupil_cents: None,
        mobile_max_pct: None,
        mobile_max_cents: None,
        note: String::new(),
        carry_over,
    }];
    input
}

#[test]
fn unused_yearly_money_carries_over_within_the_period() {
    let plan = compute(&carry_input(true, AmountMode::PerYear, 10_000_000)).unwrap();
    let price = 100_000i64; // 1.000 €
    let yearly = 10_000_000i64; // 100.000 €
    let cost = [40 * price, 150 * price, 60 * price, 50 * price];
    for (i, y) in plan.years.iter().enumerate() {
        assert_eq!(y.total_cents, cost[i], "{}", y.year);
    }
    // 2027: 100.000 € available, 40.000 € used, 60.000 € carried.
    let left27 = yearly - cost[0];
    // 2028: 100.000 € + 60.000 € = 160.000 € available; the 150.000 € are funded in full.
    let avail28 = yearly + left27;
    assert_eq!(avail28, 16_000_000);
    let left28 = avail28 - cost[1];
    // 2029: 100.000 € + 10.000 € = 110.000 €; 60.000 € used; 50.000 € lapse with the programme.
    let avail29 = yearly + left28;
    let left29 = avail29 - cost[2];
    let funded: Vec<i64> = plan.years.iter().map(|y| y.funded_cents).collect();
    assert_eq!(funded, vec![cost[0], cost[1], cost[2], 0]);
    let src: Vec<(i64, i64, i64, i64)> = plan
        .by_source
        .iter()
        .map(|r| {
            (
                r.available_cents,
                r.carried_in_cents,
                r.left_cents,
                r.lapsed_cents,
            )
        })
        .collect();
    assert_eq!(
        src,
        vec![
            (yearly, 0, left27, 0),
            (avail28, left27, left28, 0),
            (avail29, left28, left29, left29),
        ]
    );
    for y in &plan.years {
        assert_eq!(y.funded_cents + y.municipal_cents, y.total_cents);
    }
    // The cliff: 60.000 € funded in 2029, nothing in 2030; 50.000 € lapse.
    assert_eq!(plan.cliffs.len(), 1);
    let c = &plan.cliffs[0];
    assert_eq!(c.last_year, 2029);
    assert_eq!(
        (
            c.source_funded_last_year_cents,
            c.funded_total_last_year_cents,
            c.funded_total_next_year_cents
        ),
        (cost[2], cost[2], 0)
    );
    assert_eq!(
        (c.municipal_last_year_cents, c.municipal_next_year_cents),
        (0, cost[3])
    );
    assert_eq!(c.lapsed_cents, left29);
    assert!(c.text.contains("50.000,00 € verfallen"), "{}", c.text);
    // A total of 300.000 € over the same years gives the same figures.
    let total = compute(&carry_input(false, AmountMode::Total, 3 * yearly)).unwrap();
    let funded_total: Vec<i64> = total.years.iter().map(|y| y.funded_cents).collect();
    assert_eq!(funded_total, funded);
    assert_eq!(
        total.cliffs[0].lapsed_cents,
        3 * yearly - cost[0] - cost[1] - cost[2]
    );
}

#[test]
fn unused_yearly_money_lapses_without_carry_over() {
    let plan = compute(&carry_input(false, AmountMode::PerYear, 10_000_000)).unwrap();
    let price = 100_000i64;
    let yearly = 10_000_000i64;
    let cost = [40 * price, 150 * price, 60 * price, 50 * price];
    // 2028 has only its own 100.000 €: 50.000 € of the 150.000 € stay municipal.
    let funded: Vec<i64> = plan.years.iter().map(|y| y.funded_cents).collect();
    assert_eq!(funded, vec![cost[0], yearly, cost[2], 0]);
    let municipal: Vec<i64> = plan.years.iter().map(|y| y.municipal_cents).collect();
    assert_eq!(municipal, vec![0, cost[1] - yearly, 0, cost[3]]);
    let src: Vec<(i64, i64, i64, i64)> = plan
        .by_source
        .iter()
        .map(|r| {
            (
                r.available_cents,
                r.carried_in_cents,
                r.left_cents,
                r.lapsed_cents,
            )
        })
        .collect();
    assert_eq!(
        src,
        vec![
            (yearly, 0, yearly - cost[0], yearly - cost[0]),
            (yearly, 0, 0, 0),
            (yearly, 0, yearly - cost[2], yearly - cost[2]),
        ]
    );
    let c = &plan.cliffs[0];
    assert_eq!(
        (
            c.source_funded_last_year_cents,
            c.funded_total_next_year_cents
        ),
        (cost[2], 0)
    );
    assert_eq!(c.lapsed_cents, yearly - cost[2]);
    assert!(c.text.contains("40.000,00 € verfallen"), "{}", c.text);
}

#[test]
fn carry_over_is_described_and_explained() {
    let input = carry_input(true, AmountMode::PerYear, 10_000_000);
    let text = input.funding[0].describe();
    assert!(
        text.contains("100.000,00 € je Jahr (2027–2029); nicht verbrauchte Mittel werden in spätere Jahre der Laufzeit übertragen"),
        "{text}"
    );
    let lapsing = carry_input(false, AmountMode::PerYear, 10_000_000).funding[0].describe();
    assert!(lapsing.contains("verfallen am Jahresende"), "{lapsing}");
    let plan = compute(&input).unwrap();
    let ex = crate::budget::explain::explain_line(&input, &plan, 0, 0, 2028).unwrap();
    let funding = ex.last().unwrap();
    let (_, money) = funding
        .inputs
        .iter()
        .find(|(k, _)| k == "Mittel DigitalPakt-artig 2028")
        .unwrap();
    assert!(
        money.contains("verfügbar 160.000,00 € (Jahresbetrag 100.000,00 € + übertragene Restmittel 60.000,00 €)"),
        "{money}"
    );
    assert!(
        money.contains("Rest 10.000,00 € wird übertragen"),
        "{money}"
    );
    assert!(
        funding.formula.contains("Restmitteln"),
        "{}",
        funding.formula
    );
}
