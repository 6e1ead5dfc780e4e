//! Pupils per year: the register's figures of the base year, carried forward by the school's
//! growth % per year (compound) or replaced by values the user entered for a year.
//!
//! `pupils(y) = pupils(base) × (1 + g/100)^(y − base)`, or the entered value for `y`; per-grade
//! figures are scaled by the same ratio. Teachers, rooms and classes stay as entered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::schools::{School, SchoolForm};

/// What the plan needs to know about one school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolFacts {
    pub schulnummer: String,
    pub name: String,
    pub schulform: String,
    pub form: SchoolForm,
    pub sozialindex: Option<i64>,
    /// Pupils per Jahrgang 1–13 in the base year (entered per grade or the total spread over
    /// the form's grades, see `schools::grade_range`).
    pub base_grades: [f64; 13],
    pub teachers: f64,
    pub rooms: f64,
    pub classes: f64,
    /// Yearly change of pupil numbers in percent.
    pub growth_pct: f64,
    /// Pupils entered for single years (override the growth rate).
    pub pupils_by_year: BTreeMap<i32, f64>,
}

impl SchoolFacts {
    pub fn from_school(s: &School, pupils_by_year: BTreeMap<i32, f64>) -> SchoolFacts {
        SchoolFacts {
            schulnummer: s.schulnummer.clone(),
            name: s.display_name(),
            schulform: s.schulform.clone(),
            form: SchoolForm::of(&s.schulform),
            sozialindex: s.sozialindex,
            base_grades: s.pupils_by_grade(),
            teachers: s.teachers.unwrap_or(0) as f64,
            rooms: s.rooms.unwrap_or(0) as f64,
            classes: s.classes.unwrap_or(0) as f64,
            growth_pct: s.pupil_growth_pct,
            pupils_by_year,
        }
    }

    pub fn base_total(&self) -> f64 {
        self.base_grades.iter().sum()
    }

    /// Factor applied to the base-year pupils in year `y`, and how it was found.
    pub fn pupil_factor(&self, base_year: i32, y: i32) -> (f64, Basis) {
        if let Some(&p) = self.pupils_by_year.get(&y) {
            let base = self.base_total();
            if base > 0.0 {
                return (p / base, Basis::Entered(p));
            }
            return (0.0, Basis::Entered(p));
        }
        let n = y - base_year;
        (
            (1.0 + self.growth_pct / 100.0).powi(n),
            Basis::Growth(self.growth_pct, n),
        )
    }

    /// Pupils per grade in year `y`.
    pub fn grades_in(&self, base_year: i32, y: i32) -> [f64; 13] {
        let (f, basis) = self.pupil_factor(base_year, y);
        let mut g = self.base_grades;
        if let (Basis::Entered(p), true) = (basis, self.base_total() <= 0.0) {
            // No base figures to scale: spread the entered total over the form's grades.
            let (from, to) = crate::schools::grade_range(&self.schulform);
            let n = (to - from + 1) as f64;
            for i in from..=to {
                g[(i - 1) as usize] = p / n;
            }
            return g;
        }
        for x in g.iter_mut() {
            *x *= f;
        }
        g
    }

    /// Total pupils in year `y`.
    pub fn pupils_in(&self, base_year: i32, y: i32) -> f64 {
        self.grades_in(base_year, y).iter().sum()
    }
}

/// How a year's pupil figure was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basis {
    /// Entered by the user for that year.
    Entered(f64),
    /// Growth % per year, compounded over n years.
    Growth(f64, i32),
}

impl Basis {
    pub fn describe(&self) -> String {
        match self {
            Basis::Entered(p) => format!(
                "für das Jahr eingetragen: {}",
                crate::format::format_decimal(*p, 0)
            ),
            Basis::Growth(g, n) => format!(
                "Basisjahr × (1 + {} %)^{}",
                crate::format::format_decimal(*g, 1),
                n
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> SchoolFacts {
        let mut g = [0.0; 13];
        for x in g.iter_mut().take(4) {
            *x = 50.0;
        }
        SchoolFacts {
            schulnummer: "100000".into(),
            name: "GS".into(),
            schulform: "Grundschule".into(),
            form: SchoolForm::Primary,
            sozialindex: Some(5),
            base_grades: g,
            teachers: 12.0,
            rooms: 10.0,
            classes: 8.0,
            growth_pct: 10.0,
            pupils_by_year: BTreeMap::from([(2030, 300.0)]),
        }
    }

    #[test]
    fn growth_compounds_and_entered_values_win() {
        let f = facts();
        assert!((f.pupils_in(2026, 2026) - 200.0).abs() < 1e-9);
        assert!((f.pupils_in(2026, 2028) - 200.0 * 1.1 * 1.1).abs() < 1e-9);
        assert!((f.pupils_in(2026, 2030) - 300.0).abs() < 1e-9);
        assert!((f.grades_in(2026, 2030)[0] - 75.0).abs() < 1e-9);
    }
}
