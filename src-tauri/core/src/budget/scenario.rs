//! Scenarios: named sets of assumptions (catalogue, standards, escalation, funding, municipal
//! budget and cap, Sozialindex weights). Facts (schools, inventory, pupils per year) are shared.
//! A new scenario starts as a copy of another; plans of several scenarios are compared side by
//! side.

use serde::{Deserialize, Serialize};

use super::cap::SozialWeights;
use super::plan::{Plan, YearTotal};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub is_default: bool,
    pub base_year: i32,
    pub from_year: i32,
    pub to_year: i32,
    pub escalation_pct: f64,
    pub weights: SozialWeights,
}

/// One scenario's figures over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioSummary {
    pub scenario: String,
    pub total_cents: i64,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
    pub budget_cents: i64,
    /// Sum of the yearly gaps (municipal need − budget).
    pub gap_cents: i64,
    /// Largest yearly gap.
    pub max_gap_cents: i64,
    /// Average cost per pupil and year.
    pub per_pupil_year_cents: i64,
    pub deferred_cents: i64,
    pub years: Vec<YearTotal>,
}

/// Side-by-side comparison of plans over the same years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub years: Vec<i32>,
    pub scenarios: Vec<ScenarioSummary>,
}

pub fn summarize(p: &Plan) -> ScenarioSummary {
    let sum = |f: fn(&YearTotal) -> i64| p.years.iter().map(f).sum::<i64>();
    let pupils: f64 = p.years.iter().map(|y| y.pupils).sum();
    let total = sum(|y| y.total_cents);
    ScenarioSummary {
        scenario: p.scenario.clone(),
        total_cents: total,
        invest_cents: sum(|y| y.invest_cents),
        running_cents: sum(|y| y.running_cents),
        funded_cents: sum(|y| y.funded_cents),
        municipal_cents: sum(|y| y.municipal_cents),
        budget_cents: sum(|y| y.budget_cents),
        gap_cents: sum(|y| y.gap_cents),
        max_gap_cents: p.years.iter().map(|y| y.gap_cents).max().unwrap_or(0),
        per_pupil_year_cents: if pupils > 0.0 {
            crate::money::round_cents(total as f64 / pupils)
        } else {
            0
        },
        deferred_cents: sum(|y| y.deferred_cents),
        years: p.years.clone(),
    }
}

pub fn compare(plans: &[Plan]) -> Comparison {
    let mut years: Vec<i32> = plans
        .iter()
        .flat_map(|p| p.years.iter().map(|y| y.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    Comparison {
        years,
        scenarios: plans.iter().map(summarize).collect(),
    }
}
