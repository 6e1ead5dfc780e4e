//! Invariants of the budget plan on the demo district (a real plan file on disk).

// Amounts in cents are written as euros_cents (`2_500_000_00` = 2.500.000,00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use schulit_core::budget::{compute, repo, Plan};
use schulit_core::demo::create_demo_plan;

fn demo_plans() -> (tempfile::TempDir, Vec<Plan>) {
    let dir = tempfile::tempdir().unwrap();
    let store = create_demo_plan(&dir.path().join("demo.db")).unwrap();
    let scenarios = repo::list_scenarios(store.conn()).unwrap();
    assert_eq!(scenarios.len(), 2);
    let plans = scenarios
        .iter()
        .map(|s| compute(&repo::load_input(store.conn(), Some(&s.name), None).unwrap()).unwrap())
        .collect();
    (dir, plans)
}

#[test]
fn demo_district_invariants() {
    let (_dir, plans) = demo_plans();
    for p in &plans {
        assert_eq!(p.schulnummern.len(), 44);
        assert_eq!((p.from_year, p.to_year), (2027, 2036));
        for l in &p.lines {
            for v in [
                l.demand,
                l.surviving,
                l.replace_units,
                l.new_units,
                l.spare_units,
                l.in_use,
                l.invest_cents,
                l.reserve_cents,
                l.running_cents,
                l.funded_cents,
                l.municipal_cents,
            ] {
                assert!(v >= 0, "negative figure in {l:?}");
            }
            assert_eq!(l.funded_cents + l.municipal_cents, l.total());
        }
        for y in &p.years {
            assert_eq!(
                y.funded_cents + y.municipal_cents,
                y.total_cents,
                "{}",
                y.year
            );
            assert_eq!(y.gap_cents, y.municipal_cents - y.budget_cents);
            if let Some(cap) = y.cap_cents {
                assert!(y.municipal_cents <= cap, "{} over cap", y.year);
            }
            // Year totals are the sums of the lines.
            let sum: i64 = p
                .lines
                .iter()
                .filter(|l| l.year == y.year)
                .map(|l| l.total())
                .sum();
            assert_eq!(sum, y.total_cents);
        }
        // Deferred units appear (are bought) in a later year.
        for d in &p.deferrals {
            if let Some(y2) = d.lands_in {
                assert!(y2 > d.year);
                let c = p
                    .category_keys
                    .iter()
                    .position(|k| *k == d.category)
                    .unwrap();
                let l = p.line(d.school, c, y2).unwrap();
                assert!(l.purchased() + l.spare_units > 0, "{d:?}");
                assert_eq!(l.deferred_units, 0);
            }
            assert!(d.reason().contains("Obergrenze"));
        }
    }
    // The capped scenario defers something and lands most of it within the horizon.
    let alt = &plans[1];
    assert!(!alt.deferrals.is_empty());
    assert!(alt.deferrals.iter().any(|d| d.lands_in.is_some()));
    // The programme ending in 2028 is reported as a cliff.
    assert!(plans[0].cliffs.iter().any(|c| c.last_year == 2028));
    // Some demo inventory is overdue at the start.
    assert!(plans[0]
        .lines
        .iter()
        .any(|l| l.year == 2027 && l.overdue > 0));
}

#[test]
#[ignore]
fn print_demo_summary() {
    let (_dir, plans) = demo_plans();
    for p in &plans {
        println!("== {}", p.scenario);
        for y in &p.years {
            println!(
                "{} total {:>12} inv {:>12} run {:>12} funded {:>11} muni {:>12} budget {:>12} gap {:>12} def {:>10} pp {}",
                y.year, y.total_cents / 100, y.invest_cents / 100, y.running_cents / 100, y.funded_cents / 100,
                y.municipal_cents / 100, y.budget_cents / 100, y.gap_cents / 100, y.deferred_cents / 100, y.per_pupil_cents / 100
            );
        }
        println!("deferrals {} warnings {:?}", p.deferrals.len(), p.warnings);
        for c in &p.cliffs {
            println!("{}", c.text);
        }
        for d in p.deferrals.iter().take(5) {
            println!(
                "{:?} {} {} {:?} {}",
                d.kind,
                d.schulnummer,
                d.units,
                d.lands_in,
                d.reason()
            );
        }
    }
}
