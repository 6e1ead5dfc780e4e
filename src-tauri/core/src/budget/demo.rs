//! Deterministic demo data for the budget plan (see `crate::demo`): a default scenario, inventory
//! cohorts for every demo school (varied purchase years, some past their life), a
//! DigitalPakt-like programme that ends, a successor programme, a municipal budget per year, and
//! a second scenario (notebooks from grade 7, six-year cycle, budget cap).

use rusqlite::Transaction;

use super::funding::{AmountMode, FundingSource};
use super::plan::MunicipalYear;
use super::repo;
use super::standards::{BasisKind, Rule, RuleIndex};
use crate::demo::DemoContext;
use crate::CoreError;

/// Horizon of the demo plan in years (2027–2036).
pub const DEMO_YEARS: i32 = 10;
pub const DEMO_ALT_SCENARIO: &str = "Notebooks ab Jg. 7, Obergrenze";
/// Yearly cap on the municipal need in the second demo scenario.
pub const DEMO_CAP_CENTS: i64 = 9_500_000_00;

/// Seeds this area's demo data. Called once by `demo::build` inside its transaction.
pub fn seed(tx: &Transaction, ctx: &mut DemoContext) -> Result<(), CoreError> {
    let base = ctx.base_year;
    // An own deterministic stream derived from the demo seed: the budget data do not consume
    // `ctx.rng`, so the other areas' demo data stay the same whatever this seeder draws.
    let mut rng = crate::demo::Rng::new(crate::demo::DEMO_SEED ^ 0x0B0D_6E70_0000_0002);
    let sc = repo::ensure_default_scenario(tx, base, DEMO_YEARS)?;
    let cats = repo::list_categories(tx, sc.id)?;
    let rules = repo::list_rules(tx, sc.id)?;
    let index = RuleIndex::new(&rules, &cats);
    let schools = crate::schools::list_schools(tx)?;

    // Inventory: per school and category, a share of today's demand in 1–3 cohorts.
    let mut ins = tx.prepare(
        "INSERT INTO budget_inventory (schulnummer, category, purchase_year, units, source, note)
         VALUES (?1, ?2, ?3, ?4, 'demo', 'Demo: erfundener Bestand')",
    )?;
    let mut demand = vec![0i64; cats.len()];
    for s in &schools {
        let facts = super::forecast::SchoolFacts::from_school(s, Default::default());
        index.demand(&facts, &facts.base_grades, &cats, &mut demand);
        // Schools differ in how far they are: some well equipped, some far behind.
        let progress = rng.range_f64(0.35, 1.0);
        for (c, cat) in cats.iter().enumerate() {
            if cat.unit_price_cents == 0 || demand[c] == 0 {
                continue; // licences and support are not inventory
            }
            let have = ((demand[c] as f64) * progress * rng.range_f64(0.7, 1.05)).round() as i64;
            let parts = rng.range_i64(1, 3);
            let mut left = have;
            for k in 0..parts {
                if left <= 0 {
                    break;
                }
                let units = if k == parts - 1 {
                    left
                } else {
                    (left as f64 * rng.range_f64(0.3, 0.7)).round() as i64
                };
                // From a year past the life (overdue) up to the base year.
                let year = base - rng.range_i64(0, (cat.life_years + 1) as i64) as i32;
                if units > 0 {
                    ins.execute(rusqlite::params![s.schulnummer, cat.key, year, units])?;
                }
                left -= units;
            }
        }
    }

    // Funding: a DigitalPakt-like programme ending 2028 and a successor from 2030.
    let dp = FundingSource {
        id: 0,
        name: "DigitalPakt-artiges Programm (Demo)".into(),
        order: 1,
        mode: AmountMode::PerYear,
        amount_cents: 2_500_000_00,
        start_year: base + 1,
        end_year: base + 2,
        categories: vec![],
        pays_running: false,
        cofunding_pct: 10.0,
        school_cap_cents: None,
        school_cap_per_pupil_cents: Some(300_00),
        mobile_max_pct: Some(20.0),
        mobile_max_cents: Some(25_000_00),
        note: "Demo-Annahme: nur Investitionen, 10 % Eigenanteil, Schulbudget 300 € je Schüler/in, mobile Endgeräte höchstens 20 % bzw. 25.000 € (Regel wie DigitalPakt 1.0)".into(),
        carry_over: false,
    };
    let successor = FundingSource {
        id: 0,
        name: "Nachfolgeprogramm (Demo)".into(),
        order: 2,
        mode: AmountMode::PerYear,
        amount_cents: 1_500_000_00,
        start_year: base + 4,
        end_year: base + 8,
        categories: vec![],
        pays_running: false,
        cofunding_pct: 50.0,
        school_cap_cents: None,
        school_cap_per_pupil_cents: None,
        mobile_max_pct: None,
        mobile_max_cents: None,
        note: "Demo-Annahme: Nachfolger mit 50 % Kofinanzierung, nur Investitionen".into(),
        carry_over: false,
    };
    repo::save_funding(tx, sc.id, &dp)?;
    repo::save_funding(tx, sc.id, &successor)?;
    let mut budget = 5_200_000_00f64;
    for y in base + 1..=base + DEMO_YEARS {
        repo::set_municipal(
            tx,
            sc.id,
            &MunicipalYear {
                year: y,
                budget_cents: Some((budget / 100.0).round() as i64 * 100),
                cap_cents: None,
            },
        )?;
        budget *= 1.0 + rng.range_f64(0.0, 0.03);
    }

    // Second scenario: notebooks from grade 7, six-year cycle, a yearly cap on the municipal
    // need that spreads the catch-up of the first year over later years.
    let alt = repo::copy_scenario(tx, &sc.name, DEMO_ALT_SCENARIO)?;
    tx.execute(
        "UPDATE budget_scenarios SET description = ?2 WHERE id = ?1",
        rusqlite::params![
            alt.id,
            "Tablets Jg. 1–6 (2:1 in 1–4), Notebooks 1:1 ab Jg. 7 mit 6 Jahren Nutzung; Obergrenze 9,5 Mio. € je Jahr"
        ],
    )?;
    let mut nb = repo::list_categories(tx, alt.id)?
        .into_iter()
        .find(|c| c.key == "student_notebook")
        .ok_or_else(|| super::PlanError::NotFound("Kategorie student_notebook".into()))?;
    nb.life_years = 6;
    repo::save_category(tx, alt.id, &nb, 0)?;
    for r in repo::list_rules(tx, alt.id)? {
        if r.category == "student_tablet" && r.basis == BasisKind::Pupils && r.grade_from == 5 {
            repo::update_rule(
                tx,
                alt.id,
                &Rule {
                    grade_to: 6,
                    ..r.clone()
                },
            )?;
            repo::insert_rule(
                tx,
                alt.id,
                &Rule {
                    id: 0,
                    category: "student_notebook".into(),
                    grade_from: 7,
                    grade_to: 13,
                    note: "Szenario: Notebooks ab Jg. 7".into(),
                    ..r
                },
                100,
            )?;
        }
    }
    for m in repo::list_municipal(tx, alt.id)? {
        repo::set_municipal(
            tx,
            alt.id,
            &MunicipalYear {
                cap_cents: Some(DEMO_CAP_CENTS),
                ..m
            },
        )?;
    }
    Ok(())
}
