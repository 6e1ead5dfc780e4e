//! The computed plan: lines per school × category × year, totals per year, school, category
//! and funding source, deferrals and funding cliffs.

use serde::Serialize;

use crate::budget::cap::Deferral;
use crate::budget::funding::Allocation;
use crate::money::format_eur;

/// One school × category × year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Line {
    pub school: u32,
    pub cat: u16,
    pub year: i32,
    pub demand: i64,
    pub surviving: i64,
    /// Units whose life ends this year.
    pub due: i64,
    /// Units past their life before this year and still in operation (not yet replaced).
    pub overdue: i64,
    pub replace_units: i64,
    pub new_units: i64,
    pub spare_units: i64,
    pub deferred_units: i64,
    pub in_use: i64,
    /// `(1 + e)^(y − base)`.
    pub factor: f64,
    pub invest_cents: i64,
    pub reserve_cents: i64,
    pub running_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
}

impl Line {
    pub fn purchased(&self) -> i64 {
        self.replace_units + self.new_units
    }
    /// Investment including the defect reserve (Investiv).
    pub fn investment(&self) -> i64 {
        self.invest_cents + self.reserve_cents
    }
    pub fn total(&self) -> i64 {
        self.invest_cents + self.reserve_cents + self.running_cents
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct YearTotal {
    pub year: i32,
    /// Investment incl. defect reserve.
    pub invest_cents: i64,
    pub reserve_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
    pub budget_cents: i64,
    /// Whether a budget was entered for the year (`budget_cents` is 0 when not).
    pub budget_entered: bool,
    /// Municipal need − municipal budget entered.
    pub gap_cents: i64,
    pub cap_cents: Option<i64>,
    pub deferred_cents: i64,
    pub deferred_units: i64,
    pub units_bought: i64,
    pub pupils: f64,
    pub per_pupil_cents: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SchoolYear {
    pub school: usize,
    pub schulnummer: String,
    pub year: i32,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub funded_cents: i64,
    pub municipal_cents: i64,
    pub pupils: f64,
    pub per_pupil_cents: i64,
    pub deferred_units: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CategoryYear {
    pub category: String,
    pub year: i32,
    pub invest_cents: i64,
    pub running_cents: i64,
    pub total_cents: i64,
    pub units_bought: i64,
    pub in_use: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SourceYear {
    pub source: String,
    /// The source's id (names need not be unique).
    pub source_id: i64,
    pub year: i32,
    pub funded_cents: i64,
    pub cofunding_cents: i64,
    /// Money the source had for the year: its yearly amount plus what earlier plan years left
    /// (carry-over), or what is left of a total.
    pub available_cents: i64,
    /// Of `available_cents`: unused money of earlier plan years (per-year sources that carry
    /// over; 0 otherwise).
    pub carried_in_cents: i64,
    /// Unused at the end of the year (`available − funded`).
    pub left_cents: i64,
    /// Of `left_cents`: what lapses (all of it without carry-over, and in the last year of
    /// the period); the rest stays available in the next year.
    pub lapsed_cents: i64,
}

/// A programme's end: what it paid in its last year and what the district gets the year after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cliff {
    pub source: String,
    pub last_year: i32,
    pub source_funded_last_year_cents: i64,
    pub funded_total_last_year_cents: i64,
    pub funded_total_next_year_cents: i64,
    pub municipal_last_year_cents: i64,
    pub municipal_next_year_cents: i64,
    /// The source's money left unused after its last year (lapses with the programme).
    pub lapsed_cents: i64,
    pub text: String,
}

impl Cliff {
    /// The text in German (`text`) or English; amounts in German format in both.
    pub fn text_in(&self, en: bool) -> String {
        if !en {
            return self.text.clone();
        }
        let lapsed = if self.lapsed_cents > 0 {
            format!(" Unused funds of {} lapse.", format_eur(self.lapsed_cents))
        } else {
            String::new()
        };
        format!(
            "“{}” ends {}: funding {} → {} in {}, municipal share {} → {}.{lapsed}",
            self.source,
            self.last_year,
            format_eur(self.funded_total_last_year_cents),
            format_eur(self.funded_total_next_year_cents),
            self.last_year + 1,
            format_eur(self.municipal_last_year_cents),
            format_eur(self.municipal_next_year_cents)
        )
    }
}

/// The computed plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub scenario: String,
    pub base_year: i32,
    pub from_year: i32,
    pub to_year: i32,
    pub escalation_pct: f64,
    pub category_keys: Vec<String>,
    pub schulnummern: Vec<String>,
    /// Year-major: index = ((y − from) × schools + s) × categories + c.
    pub lines: Vec<Line>,
    pub years: Vec<YearTotal>,
    pub by_school: Vec<SchoolYear>,
    pub by_category: Vec<CategoryYear>,
    pub by_source: Vec<SourceYear>,
    /// (year, allocation with `line` = index into `lines`).
    #[serde(skip)]
    pub allocations: Vec<Allocation>,
    pub deferrals: Vec<Deferral>,
    pub cliffs: Vec<Cliff>,
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn line_index(&self, school: usize, cat: usize, year: i32) -> Option<usize> {
        if year < self.from_year || year > self.to_year {
            return None;
        }
        let ns = self.schulnummern.len();
        let nc = self.category_keys.len();
        if school >= ns || cat >= nc {
            return None;
        }
        Some((((year - self.from_year) as usize * ns) + school) * nc + cat)
    }

    pub fn line(&self, school: usize, cat: usize, year: i32) -> Option<&Line> {
        self.line_index(school, cat, year).map(|i| &self.lines[i])
    }

    pub fn total_cents(&self) -> i64 {
        self.years.iter().map(|y| y.total_cents).sum()
    }
}
