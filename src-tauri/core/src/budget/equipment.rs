//! Equipment of one school in one year against its standard: how many units the standard asks
//! for, how many are in stock, how many of those are still within their useful life, and how old
//! they are. Pure; the report's "Ausstattung" section and the `equipment-vs-standard` chart use it.
//!
//! Definitions (same as the plan, see `plan.rs`): a cohort bought in year `p` with life `L` is
//! within its life in year `y` when `p ≤ y < p + L`; from `y = p + L` on it is past its life
//! (due or overdue for replacement). Age in year `y` is `y − p`.

use serde::Serialize;

use super::{Plan, PlanInput};

/// One category of one school in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EquipmentRow {
    pub key: String,
    pub label: String,
    pub life_years: i32,
    /// Units the standard asks for in that year (the plan's demand).
    pub required: i64,
    /// Units in the inventory bought up to that year.
    pub stock: i64,
    /// Of the stock: units within their useful life.
    pub within_life: i64,
    /// Of the stock: units past their useful life (due or overdue for replacement).
    pub past_life: i64,
    /// Mean age of the stock in years, weighted by units (None without stock).
    pub mean_age_years: Option<f64>,
    /// Units within their life as a share of the requirement, in percent (None when the
    /// standard asks for nothing).
    pub coverage_pct: Option<f64>,
}

/// The status of every category that is in stock or that the standard asks for (except those
/// bought every year, such as licences and services, when none are in stock), in catalogue order. `year` is clamped to the plan's years (the requirement exists only there); the year
/// used is returned. None when the school is not in the plan.
pub fn school_status(
    input: &PlanInput,
    plan: &Plan,
    schulnummer: &str,
    year: i32,
) -> Option<(i32, Vec<EquipmentRow>)> {
    let s = input
        .schools
        .iter()
        .position(|f| f.schulnummer == schulnummer)?;
    let y = year.clamp(plan.from_year, plan.to_year);
    let mut rows = Vec::new();
    for (c, cat) in input.categories.iter().enumerate() {
        let required = plan.line(s, c, y).map_or(0, |l| l.demand);
        let (mut stock, mut within, mut age_units) = (0i64, 0i64, 0i64);
        for k in input.cohorts.iter().filter(|k| {
            k.schulnummer == schulnummer && k.category == cat.key && k.purchase_year <= y
        }) {
            stock += k.units;
            age_units += k.units * i64::from(y - k.purchase_year);
            if y < k.purchase_year + cat.life_years {
                within += k.units;
            }
        }
        // Nothing to show; and what is bought every year (licences, services) is no inventory.
        if stock == 0 && (required == 0 || cat.life_years <= 1) {
            continue;
        }
        rows.push(EquipmentRow {
            key: cat.key.clone(),
            label: cat.label.clone(),
            life_years: cat.life_years,
            required,
            stock,
            within_life: within,
            past_life: stock - within,
            mean_age_years: (stock > 0).then(|| age_units as f64 / stock as f64),
            coverage_pct: (required > 0).then(|| within as f64 * 100.0 / required as f64),
        });
    }
    Some((y, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::compute;
    use crate::budget::plan::tests::base_input;

    /// The hand-made case of the plan tests: Realschule 100001 with 120 pupils in grades 5–10
    /// (1:1 tablets) and 4 rooms (1 display each); tablets bought 2022 (60) and 2024 (40), life
    /// 5 years; displays bought 2020 (4), life 8 years. First plan year 2027.
    #[test]
    fn stock_age_and_coverage_by_hand() {
        let input = base_input();
        let plan = compute(&input).unwrap();
        let (y, rows) = school_status(&input, &plan, "100001", 2027).unwrap();
        assert_eq!(y, 2027);
        assert_eq!(rows.len(), 2);
        let t = &rows[0];
        assert_eq!(t.key, "student_tablet");
        // 2022 + 5 = 2027: the 60 from 2022 are past their life in 2027.
        assert_eq!(
            (t.required, t.stock, t.within_life, t.past_life),
            (120, 100, 40, 60)
        );
        assert!((t.mean_age_years.unwrap() - (60.0 * 5.0 + 40.0 * 3.0) / 100.0).abs() < 1e-12);
        assert!((t.coverage_pct.unwrap() - 40.0 / 120.0 * 100.0).abs() < 1e-9);
        let d = &rows[1];
        assert_eq!(d.key, "display");
        assert_eq!(
            (d.required, d.stock, d.within_life, d.past_life),
            (4, 4, 4, 0)
        );
        assert_eq!(d.mean_age_years, Some(7.0));
        assert_eq!(d.coverage_pct, Some(100.0));
        // In 2028 the displays reach 2020 + 8 and are past their life.
        let (_, rows) = school_status(&input, &plan, "100001", 2028).unwrap();
        assert_eq!((rows[1].within_life, rows[1].past_life), (0, 4));
    }

    #[test]
    fn cohorts_bought_later_do_not_count_and_year_is_clamped() {
        let mut input = base_input();
        input.cohorts.push(crate::budget::Cohort {
            id: 0,
            schulnummer: "100001".into(),
            category: "student_tablet".into(),
            purchase_year: 2029,
            units: 99,
            source: "test".into(),
            note: String::new(),
        });
        let plan = compute(&input).unwrap();
        let (y, rows) = school_status(&input, &plan, "100001", 2020).unwrap();
        assert_eq!(y, 2027, "clamped to the first plan year");
        assert_eq!(rows[0].stock, 100);
        let (y, rows) = school_status(&input, &plan, "100001", 2040).unwrap();
        assert_eq!(y, 2030, "clamped to the last plan year");
        assert_eq!(rows[0].stock, 199);
        assert!(school_status(&input, &plan, "999999", 2027).is_none());
    }
}
