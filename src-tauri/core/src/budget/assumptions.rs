//! The plan's assumptions as the window's editors show them (besides standards and catalogue):
//! funding sources with what each paid, the municipal budget and cap of every plan year, and
//! the pupils of one school per year (growth % vs. entered).

use serde::Serialize;

use super::funding::FundingSource;
use super::plan::{MunicipalYear, Plan, PlanInput};

/// A funding source with all its fields, its rules in one sentence and what it paid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingRow {
    #[serde(flatten)]
    pub source: FundingSource,
    pub text: String,
    /// Paid by the source over the plan's years.
    pub funded_cents: i64,
    /// Eigenanteil the Schulträger adds to what the source took on.
    pub cofunding_cents: i64,
    /// Money of the source that lapsed unused over the plan's years (at the end of a year
    /// without carry-over, and after the period's last year).
    pub lapsed_cents: i64,
}

/// The plan's sources in allocation order (order, then id – the order `plan::compute` indexes
/// its allocations by), with what each paid.
pub fn funding_rows(input: &PlanInput, plan: &Plan) -> Vec<FundingRow> {
    funding_rows_in(input, plan, false)
}

/// [`funding_rows`] with the rule sentences in English when `en`.
pub fn funding_rows_in(input: &PlanInput, plan: &Plan, en: bool) -> Vec<FundingRow> {
    let mut sorted: Vec<&FundingSource> = input.funding.iter().collect();
    sorted.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
    sorted
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let (funded, cofunded) = plan
                .allocations
                .iter()
                .filter(|a| a.source == si)
                .fold((0, 0), |acc, a| {
                    (acc.0 + a.funded_cents, acc.1 + a.cofunding_cents)
                });
            FundingRow {
                source: (*s).clone(),
                text: s.describe_in(en),
                funded_cents: funded,
                cofunding_cents: cofunded,
                lapsed_cents: plan
                    .by_source
                    .iter()
                    .filter(|r| r.source_id == s.id)
                    .map(|r| r.lapsed_cents)
                    .sum(),
            }
        })
        .collect()
}

/// The municipal budget and cap of every plan year (a year without an entry: no budget entered,
/// no cap).
pub fn municipal_rows(input: &PlanInput) -> Vec<MunicipalYear> {
    input
        .years()
        .map(|y| {
            input
                .municipal
                .iter()
                .find(|m| m.year == y)
                .cloned()
                .unwrap_or(MunicipalYear {
                    year: y,
                    budget_cents: None,
                    cap_cents: None,
                })
        })
        .collect()
}

/// One plan year of a school's pupils.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PupilYear {
    pub year: i32,
    /// Pupils by the school's growth % from the base year.
    pub by_growth: f64,
    /// Pupils entered for the year (replaces the growth % in the plan).
    pub entered: Option<i64>,
}

/// The pupils of one school per plan year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolPupils {
    pub schulnummer: String,
    pub name: String,
    pub base_year: i32,
    pub base_pupils: f64,
    pub growth_pct: f64,
    pub years: Vec<PupilYear>,
}

/// The pupils of school `school` (index into `input.schools`) per plan year.
pub fn school_pupils(input: &PlanInput, school: usize) -> SchoolPupils {
    let f = &input.schools[school];
    let mut by_growth = f.clone();
    by_growth.pupils_by_year.clear();
    SchoolPupils {
        schulnummer: f.schulnummer.clone(),
        name: f.name.clone(),
        base_year: input.base_year,
        base_pupils: f.base_total(),
        growth_pct: f.growth_pct,
        years: input
            .years()
            .map(|y| PupilYear {
                year: y,
                by_growth: by_growth.pupils_in(input.base_year, y),
                entered: f.pupils_by_year.get(&y).map(|p| p.round() as i64),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::{load_and_compute, repo};

    fn demo() -> crate::Store {
        let mut store = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut store).unwrap();
        store
    }

    #[test]
    fn funding_rows_add_up_to_the_plan_per_source() {
        let store = demo();
        let (input, plan) = load_and_compute(store.conn(), None, None).unwrap();
        let rows = funding_rows(&input, &plan);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].source.name, "DigitalPakt-artiges Programm (Demo)");
        for r in &rows {
            let by_year = |g: fn(&crate::budget::plan::SourceYear) -> i64| {
                plan.by_source
                    .iter()
                    .filter(|y| y.source == r.source.name)
                    .map(g)
                    .sum::<i64>()
            };
            assert!(r.funded_cents > 0, "{}", r.source.name);
            assert_eq!(r.funded_cents, by_year(|y| y.funded_cents));
            assert_eq!(r.cofunding_cents, by_year(|y| y.cofunding_cents));
        }
        let total: i64 = plan.years.iter().map(|y| y.funded_cents).sum();
        assert_eq!(rows.iter().map(|r| r.funded_cents).sum::<i64>(), total);
    }

    #[test]
    fn funding_rows_follow_the_allocation_order_not_the_ids() {
        let store = demo();
        let sc = repo::get_scenario(store.conn(), None).unwrap();
        let mut later = repo::list_funding(store.conn(), sc.id).unwrap()[1].clone();
        later.order = 0; // the successor programme now comes first
        repo::save_funding(store.conn(), sc.id, &later).unwrap();
        let (input, plan) = load_and_compute(store.conn(), None, None).unwrap();
        let rows = funding_rows(&input, &plan);
        assert_eq!(rows[0].source.name, "Nachfolgeprogramm (Demo)");
        for r in &rows {
            let paid: i64 = plan
                .by_source
                .iter()
                .filter(|y| y.source == r.source.name)
                .map(|y| y.funded_cents)
                .sum();
            assert_eq!(r.funded_cents, paid, "{}", r.source.name);
        }
    }

    #[test]
    fn carry_over_is_stored_copied_and_computed() {
        let store = demo();
        let sc = repo::get_scenario(store.conn(), None).unwrap();
        let mut dp = repo::list_funding(store.conn(), sc.id).unwrap()[0].clone();
        assert!(!dp.carry_over, "demo sources lapse");
        // More money than the first year can use.
        dp.amount_cents = 100_000_000_00;
        repo::save_funding(store.conn(), sc.id, &dp).unwrap();
        let (_, before) = load_and_compute(store.conn(), None, None).unwrap();
        dp.carry_over = true;
        repo::save_funding(store.conn(), sc.id, &dp).unwrap();
        let stored = repo::list_funding(store.conn(), sc.id).unwrap();
        assert!(stored[0].carry_over);
        assert!(!stored[1].carry_over);
        let copy = repo::copy_scenario(store.conn(), &sc.name, "Kopie").unwrap();
        let copied = repo::list_funding(store.conn(), copy.id).unwrap();
        assert!(copied[0].carry_over && !copied[1].carry_over);
        // The plan computes with it: the money the first year leaves is there in the second.
        let (_, after) = load_and_compute(store.conn(), None, None).unwrap();
        let rows: Vec<_> = after
            .by_source
            .iter()
            .filter(|r| r.source_id == dp.id)
            .collect();
        let old: Vec<_> = before
            .by_source
            .iter()
            .filter(|r| r.source_id == dp.id)
            .collect();
        assert_eq!(rows[0].available_cents, dp.amount_cents);
        assert!(old[0].left_cents > 0, "year one leaves money");
        assert_eq!(old[0].lapsed_cents, old[0].left_cents);
        assert_eq!(rows[0].lapsed_cents, 0);
        assert_eq!(rows[1].carried_in_cents, rows[0].left_cents);
        assert_eq!(
            rows[1].available_cents,
            dp.amount_cents + rows[0].left_cents
        );
        assert_eq!(old[1].available_cents, dp.amount_cents);
        // Over the period (which ends inside the plan) all the money not paid out lapses, with
        // or without carry-over: years × amount − funded.
        let (input, _) = load_and_compute(store.conn(), None, None).unwrap();
        let years = (dp.end_year - dp.start_year + 1) as i64;
        let row = |plan: &Plan| {
            funding_rows(&input, plan)
                .into_iter()
                .find(|r| r.source.id == dp.id)
                .unwrap()
        };
        let (lapsing, carrying) = (row(&before), row(&after));
        for r in [&lapsing, &carrying] {
            assert_eq!(r.lapsed_cents, years * dp.amount_cents - r.funded_cents);
        }
    }

    #[test]
    fn every_plan_year_has_a_municipal_row() {
        let store = demo();
        let sc = repo::get_scenario(store.conn(), None).unwrap();
        store
            .conn()
            .execute(
                "DELETE FROM budget_municipal WHERE scenario_id = ?1 AND year = ?2",
                rusqlite::params![sc.id, sc.from_year + 1],
            )
            .unwrap();
        let (input, _) = load_and_compute(store.conn(), None, None).unwrap();
        let rows = municipal_rows(&input);
        let years: Vec<i32> = rows.iter().map(|m| m.year).collect();
        assert_eq!(years, (sc.from_year..=sc.to_year).collect::<Vec<_>>());
        assert_eq!(rows[0].budget_cents, Some(5_200_000_00));
        assert_eq!(rows[1].budget_cents, None);
        assert_eq!(rows[1].cap_cents, None);
    }

    #[test]
    fn an_empty_year_stays_without_a_row_and_0_eur_is_an_entry() {
        let store = demo();
        let conn = store.conn();
        let sc = repo::get_scenario(conn, None).unwrap();
        let y0 = sc.from_year;
        conn.execute(
            "DELETE FROM budget_municipal WHERE scenario_id = ?1 AND year = ?2",
            rusqlite::params![sc.id, y0 + 1],
        )
        .unwrap();
        let stored = |y: i32| -> Option<(Option<i64>, Option<i64>)> {
            conn.query_row(
                "SELECT budget_cents, cap_cents FROM budget_municipal WHERE scenario_id = ?1 AND year = ?2",
                rusqlite::params![sc.id, y],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok()
        };
        assert!(
            stored(y0 + 3).is_some(),
            "the demo has an entry for {}",
            y0 + 3
        );
        // The window saves every plan year as shown, with the fields as the user left them.
        let (input, _) = load_and_compute(conn, None, None).unwrap();
        let mut rows = municipal_rows(&input);
        assert_eq!(rows[1].budget_cents, None, "shown empty, not as 0 €");
        rows[2].budget_cents = Some(0); // 0 € entered on purpose
        rows[3].budget_cents = None; // both fields cleared
        rows[3].cap_cents = None;
        rows[4].budget_cents = None; // a cap without a budget
        rows[4].cap_cents = Some(1_000_000_00);
        for m in &rows {
            repo::set_municipal(conn, sc.id, m).unwrap();
        }
        assert_eq!(stored(y0), Some((Some(5_200_000_00), None)));
        assert_eq!(stored(y0 + 1), None, "an empty year writes no row");
        assert_eq!(stored(y0 + 2), Some((Some(0), None)));
        assert_eq!(stored(y0 + 3), None, "clearing a year removes its row");
        assert_eq!(stored(y0 + 4), Some((None, Some(1_000_000_00))));
        let (input, plan) = load_and_compute(conn, None, None).unwrap();
        let shown = municipal_rows(&input);
        assert_eq!(shown[1].budget_cents, None);
        assert_eq!(shown[2].budget_cents, Some(0));
        assert_eq!(
            (shown[4].budget_cents, shown[4].cap_cents),
            (None, Some(1_000_000_00))
        );
        // The plan counts a missing budget as 0 €: the gap is the whole municipal need.
        let y = &plan.years[1];
        assert_eq!((y.budget_cents, y.gap_cents), (0, y.municipal_cents));
        let entered: Vec<bool> = plan.years[..5].iter().map(|y| y.budget_entered).collect();
        assert_eq!(entered, vec![true, false, true, false, false]);
        let ex = crate::budget::explain::explain_year(&plan, y0 + 1).unwrap();
        assert!(
            ex.inputs
                .iter()
                .any(|(k, v)| k == "kommunales Budget" && v.starts_with("nicht eingetragen")),
            "{:?}",
            ex.inputs
        );
        let ex = crate::budget::explain::explain_year(&plan, y0 + 2).unwrap();
        assert!(ex
            .inputs
            .iter()
            .any(|(k, v)| k == "kommunales Budget" && v == "0,00 €"));
        // The year table exports an empty cell for "not entered" and 0 for 0 €.
        let view = crate::budget::view::view(&input, &plan);
        let tables = crate::budget::tables::plan_tables(&input, &plan, &view).unwrap();
        let budget_col = 6;
        use crate::report::table::Cell;
        assert_eq!(tables[0].rows[1][budget_col], Cell::Empty);
        assert_eq!(tables[0].rows[2][budget_col], Cell::Cents(0));
    }

    #[test]
    fn pupils_show_growth_and_entered_values() {
        let store = demo();
        let nr = crate::schools::list_schools(store.conn()).unwrap()[0]
            .schulnummer
            .clone();
        repo::set_pupils_for_year(store.conn(), &nr, 2028, Some(999)).unwrap();
        let (input, _) = load_and_compute(store.conn(), None, None).unwrap();
        let si = input
            .schools
            .iter()
            .position(|s| s.schulnummer == nr)
            .unwrap();
        let p = school_pupils(&input, si);
        let f = &input.schools[si];
        let y28 = p.years.iter().find(|y| y.year == 2028).unwrap();
        assert_eq!(y28.entered, Some(999));
        let grown = f.base_total() * (1.0 + f.growth_pct / 100.0).powi(2028 - p.base_year);
        assert!(
            (y28.by_growth - grown).abs() < 1e-6,
            "{} {grown}",
            y28.by_growth
        );
        assert!(p
            .years
            .iter()
            .filter(|y| y.year != 2028)
            .all(|y| y.entered.is_none()));
        assert_eq!(p.years.len(), input.years().count());
    }
}
