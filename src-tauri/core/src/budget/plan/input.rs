//! What a plan is computed from: categories, standards, schools with their facts, inventory
//! cohorts, funding sources, the municipal budget per year and the scenario settings.

use serde::Serialize;

use crate::budget::cap::SozialWeights;
use crate::budget::catalogue::{validate_catalogue, Category};
use crate::budget::forecast::SchoolFacts;
use crate::budget::funding::FundingSource;
use crate::budget::inventory::Cohort;
use crate::budget::standards::Rule;
use crate::budget::PlanError;

/// The municipal budget entered for a year, and an optional cap on the municipal need.
/// `budget_cents: None` = no budget entered (the plan counts 0 €, the editors show it empty).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct MunicipalYear {
    pub year: i32,
    pub budget_cents: Option<i64>,
    pub cap_cents: Option<i64>,
}

impl MunicipalYear {
    /// Neither a budget nor a cap: the year has no entry.
    pub fn is_empty(&self) -> bool {
        self.budget_cents.is_none() && self.cap_cents.is_none()
    }
}

/// Everything a plan is computed from.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PlanInput {
    pub scenario: String,
    /// Year of the register figures and of the catalogue prices.
    pub base_year: i32,
    pub from_year: i32,
    pub to_year: i32,
    pub escalation_pct: f64,
    pub categories: Vec<Category>,
    pub rules: Vec<Rule>,
    pub schools: Vec<SchoolFacts>,
    pub cohorts: Vec<Cohort>,
    pub funding: Vec<FundingSource>,
    pub municipal: Vec<MunicipalYear>,
    pub weights: SozialWeights,
}

impl PlanInput {
    pub fn validate(&self) -> Result<(), PlanError> {
        let bad = |field: &str, message: String| {
            Err(PlanError::Invalid {
                field: field.into(),
                message,
            })
        };
        if self.from_year > self.to_year || self.to_year - self.from_year > 30 {
            return bad(
                "Planungszeitraum",
                format!(
                    "{}–{}: höchstens 31 Jahre, Beginn vor Ende",
                    self.from_year, self.to_year
                ),
            );
        }
        if self.base_year > self.from_year || self.from_year - self.base_year > 30 {
            return bad(
                "Basisjahr",
                format!(
                    "{} muss vor oder im ersten Planjahr {} liegen",
                    self.base_year, self.from_year
                ),
            );
        }
        if !self.escalation_pct.is_finite() || !(-20.0..=50.0).contains(&self.escalation_pct) {
            return bad("Preissteigerung", "zwischen -20 und 50 % pro Jahr".into());
        }
        validate_catalogue(&self.categories)?;
        for r in &self.rules {
            r.validate(&self.categories)?;
        }
        for f in &self.funding {
            f.validate()?;
        }
        self.weights.validate()?;
        for m in &self.municipal {
            if m.budget_cents.is_some_and(|c| c < 0) || m.cap_cents.is_some_and(|c| c < 0) {
                return bad(
                    &format!("Kommunales Budget {}", m.year),
                    "darf nicht negativ sein".into(),
                );
            }
        }
        Ok(())
    }

    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.from_year..=self.to_year
    }

    /// `(1 + e)^(y − base)`.
    pub fn factor(&self, y: i32) -> f64 {
        (1.0 + self.escalation_pct / 100.0).powi(y - self.base_year)
    }
}
