//! A plan as the CLI, the UI and exports show it: year totals, one row per school (with its
//! years), one row per category, funding per source, deferrals, cliffs, formulas.

use serde::Serialize;

use super::cap::Deferral;
use super::plan::{Cliff, Plan, PlanInput, SourceYear, YearTotal, FORMULAS, FORMULAS_EN};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolYearRow {
    pub year: i32,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
    pub pupils: f64,
    pub deferred_units: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchoolRow {
    pub schulnummer: String,
    pub name: String,
    pub schulform: String,
    pub sozialindex: Option<i64>,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
    /// Total ÷ (sum of pupils over the years), i.e. cost per pupil and year.
    pub per_pupil_year_cents: i64,
    pub years: Vec<SchoolYearRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    pub key: String,
    pub label: String,
    pub years: Vec<(i32, i64)>,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub units_bought: i64,
}

/// A deferral with its reason spelled out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeferralRow {
    #[serde(flatten)]
    pub deferral: Deferral,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanView {
    pub scenario: String,
    pub base_year: i32,
    pub from_year: i32,
    pub to_year: i32,
    pub escalation_pct: f64,
    pub years: Vec<YearTotal>,
    pub schools: Vec<SchoolRow>,
    pub categories: Vec<CategoryRow>,
    pub sources: Vec<SourceYear>,
    pub deferrals: Vec<DeferralRow>,
    pub cliffs: Vec<Cliff>,
    pub warnings: Vec<String>,
    pub formulas: Vec<(String, String)>,
}

pub fn view(input: &PlanInput, plan: &Plan) -> PlanView {
    view_in(input, plan, false)
}

/// [`view`] with the core's texts (deferral reasons, cliffs, warnings, formulas) in English when
/// `en`; user data (names, categories) stays as entered.
pub fn view_in(input: &PlanInput, plan: &Plan, en: bool) -> PlanView {
    let schools = input
        .schools
        .iter()
        .enumerate()
        .map(|(s, f)| {
            let years: Vec<SchoolYearRow> = plan
                .by_school
                .iter()
                .filter(|r| r.school == s)
                .map(|r| SchoolYearRow {
                    year: r.year,
                    invest_cents: r.invest_cents,
                    running_cents: r.running_cents,
                    total_cents: r.total_cents,
                    funded_cents: r.funded_cents,
                    municipal_cents: r.municipal_cents,
                    pupils: r.pupils,
                    deferred_units: r.deferred_units,
                })
                .collect();
            let sum = |g: fn(&SchoolYearRow) -> i64| years.iter().map(g).sum::<i64>();
            let pupils: f64 = years.iter().map(|y| y.pupils).sum();
            let total = sum(|y| y.total_cents);
            SchoolRow {
                schulnummer: f.schulnummer.clone(),
                name: f.name.clone(),
                schulform: f.schulform.clone(),
                sozialindex: f.sozialindex,
                invest_cents: sum(|y| y.invest_cents),
                running_cents: sum(|y| y.running_cents),
                total_cents: total,
                funded_cents: sum(|y| y.funded_cents),
                municipal_cents: sum(|y| y.municipal_cents),
                per_pupil_year_cents: if pupils > 0.0 {
                    crate::money::round_cents(total as f64 / pupils)
                } else {
                    0
                },
                years,
            }
        })
        .collect();
    let categories = input
        .categories
        .iter()
        .map(|c| {
            let rows: Vec<_> = plan
                .by_category
                .iter()
                .filter(|r| r.category == c.key)
                .collect();
            CategoryRow {
                key: c.key.clone(),
                label: c.label.clone(),
                years: rows.iter().map(|r| (r.year, r.total_cents)).collect(),
                invest_cents: rows.iter().map(|r| r.invest_cents).sum(),
                running_cents: rows.iter().map(|r| r.running_cents).sum(),
                total_cents: rows.iter().map(|r| r.total_cents).sum(),
                units_bought: rows.iter().map(|r| r.units_bought).sum(),
            }
        })
        .collect();
    PlanView {
        scenario: plan.scenario.clone(),
        base_year: plan.base_year,
        from_year: plan.from_year,
        to_year: plan.to_year,
        escalation_pct: plan.escalation_pct,
        years: plan.years.clone(),
        schools,
        categories,
        sources: plan.by_source.clone(),
        deferrals: plan
            .deferrals
            .iter()
            .map(|d| DeferralRow {
                deferral: d.clone(),
                reason: d.reason_in(en),
            })
            .collect(),
        cliffs: plan
            .cliffs
            .iter()
            .map(|c| Cliff {
                text: c.text_in(en),
                ..c.clone()
            })
            .collect(),
        warnings: plan
            .warnings
            .iter()
            .map(|w| if en { warning_en(w) } else { w.clone() })
            .collect(),
        formulas: if en { FORMULAS_EN } else { FORMULAS }
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    }
}

/// English form of a plan warning (the plan keeps German ones; the patterns are those of
/// `plan.rs`). An unknown warning stays German.
fn warning_en(w: &str) -> String {
    if let Some(n) = w.strip_suffix(
        " Geräte im Bestand gehören zu Schulen, die nicht im Schulregister stehen; sie zählen nicht.",
    ) {
        return format!(
            "{n} devices in stock belong to schools not in the school register; they do not count."
        );
    }
    if let Some(n) = w.strip_suffix(
        " Geräte im Bestand haben eine Kategorie, die im Katalog dieses Szenarios fehlt; sie zählen nicht.",
    ) {
        return format!(
            "{n} devices in stock have a category missing from this scenario's catalogue; they do not count."
        );
    }
    if let Some((y, rest)) = w.split_once(": Die Obergrenze von ") {
        if let Some((cap, rest)) =
            rest.split_once(" kann nicht eingehalten werden, auch nachdem alle Käufe verschoben wurden (laufende Kosten allein: ")
        {
            if let Some(run) = rest.strip_suffix(").") {
                return format!(
                    "{y}: the cap of {cap} cannot be kept even after deferring all purchases (running cost alone: {run})."
                );
            }
        }
    }
    w.to_string()
}
