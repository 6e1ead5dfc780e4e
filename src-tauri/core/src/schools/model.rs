//! What a school is to the Schulträger.

use serde::{Deserialize, Serialize};

/// A school of the register. Official fields come from the NRW directory; `teachers`, `rooms`,
/// `classes`, `notes`, `grades` and `pupil_growth_pct` are the user's and survive a re-import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub schulnummer: String,
    pub name: String,
    pub name_2: String,
    pub name_3: String,
    pub schulform: String,
    pub gemeindeschluessel: String,
    pub verwaltungsbezirk: String,
    pub strasse: String,
    pub plz: String,
    pub ort: String,
    pub rechtsstatus: String,
    pub email: String,
    /// Total pupils (directory figure, rounded to 5 there).
    pub pupils: Option<i64>,
    /// Schulsozialindex 1–9 (9 = highest strain); none for forms without an index.
    pub sozialindex: Option<i64>,
    pub source: String,
    pub teachers: Option<i64>,
    pub rooms: Option<i64>,
    pub classes: Option<i64>,
    pub pupil_growth_pct: f64,
    pub notes: String,
    /// Pupils per Jahrgang 1–13 where known (index 0 = grade 1).
    pub grades: Vec<Option<i64>>,
}

impl School {
    /// "Städt. Kath. Grundschule, Kartause-Hain-Schule" style display name.
    pub fn display_name(&self) -> String {
        // The directory's second or third line is sometimes only a stage marker
        // ("- Primarstufe -"); the first line that says more distinguishes the school.
        let is_marker = |s: &str| s.is_empty() || (s.starts_with('-') && s.ends_with('-'));
        match [self.name_2.trim(), self.name_3.trim()]
            .into_iter()
            .find(|s| !is_marker(s))
        {
            Some(extra) => format!("{}, {}", self.name, extra),
            None => self.name.clone(),
        }
    }

    pub fn is_public(&self) -> bool {
        self.rechtsstatus.eq_ignore_ascii_case("öffentlich")
            || self.rechtsstatus.eq_ignore_ascii_case("Öffentlich")
    }

    /// Pupils per grade: the user's per-grade figures when given, else the total spread evenly
    /// over the grades of the school form.
    pub fn pupils_by_grade(&self) -> [f64; 13] {
        let mut out = [0.0; 13];
        if self.grades.iter().any(|g| g.is_some()) {
            for (i, g) in self.grades.iter().enumerate().take(13) {
                out[i] = g.unwrap_or(0) as f64;
            }
            return out;
        }
        let total = self.pupils.unwrap_or(0) as f64;
        let (from, to) = grade_range(&self.schulform);
        let n = (to - from + 1) as f64;
        for g in from..=to {
            out[(g - 1) as usize] = total / n;
        }
        out
    }

    /// Total pupils: sum of per-grade figures when given, else the directory total.
    pub fn pupils_total(&self) -> i64 {
        if self.grades.iter().any(|g| g.is_some()) {
            self.grades.iter().map(|g| g.unwrap_or(0)).sum()
        } else {
            self.pupils.unwrap_or(0)
        }
    }
}

/// School forms as they appear in the NRW directory, grouped for the standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SchoolForm {
    Primary,
    Secondary,
    SecondaryUpper,
    Special,
    Vocational,
    Other,
}

impl SchoolForm {
    pub fn of(schulform: &str) -> SchoolForm {
        let s = schulform.to_lowercase();
        if s.starts_with("förderschule") {
            if s.contains("berufskolleg") {
                SchoolForm::Vocational
            } else {
                SchoolForm::Special
            }
        } else if s.contains("grundschule") || s == "volksschule" {
            SchoolForm::Primary
        } else if s.contains("gymnasium")
            || s.contains("gesamtschule")
            || s.contains("waldorf")
            || s.contains("primus")
        {
            SchoolForm::SecondaryUpper
        } else if s.contains("hauptschule")
            || s.contains("realschule")
            || s.contains("sekundarschule")
        {
            SchoolForm::Secondary
        } else if s.contains("berufskolleg") || s.contains("weiterbildungskolleg") {
            SchoolForm::Vocational
        } else {
            SchoolForm::Other
        }
    }
}

/// Jahrgänge (from, to) of a school form when only the total is known (DOMAIN.md §2).
pub fn grade_range(schulform: &str) -> (u8, u8) {
    let s = schulform.to_lowercase();
    if s.contains("primus") || s.contains("waldorf") {
        return (1, 13);
    }
    match SchoolForm::of(schulform) {
        SchoolForm::Primary => (1, 4),
        SchoolForm::Secondary => (5, 10),
        SchoolForm::SecondaryUpper => (5, 13),
        SchoolForm::Special => (1, 10),
        // Berufskolleg pupils count as secondary (1:1 devices).
        SchoolForm::Vocational => (11, 13),
        SchoolForm::Other => (5, 10),
    }
}

/// A user's edit of a school; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SchoolEdit {
    pub name: Option<String>,
    pub schulform: Option<String>,
    pub pupils: Option<Option<i64>>,
    pub sozialindex: Option<Option<i64>>,
    pub strasse: Option<String>,
    pub plz: Option<String>,
    pub ort: Option<String>,
    pub teachers: Option<Option<i64>>,
    pub rooms: Option<Option<i64>>,
    pub classes: Option<Option<i64>>,
    pub pupil_growth_pct: Option<f64>,
    pub notes: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_skips_stage_markers() {
        let mut s = School {
            schulnummer: "103330".into(),
            name: "Städt. Gem. Grundschule".into(),
            name_2: "- Primarstufe -".into(),
            name_3: "Leverkusen-Steinbüchel".into(),
            schulform: "Grundschule".into(),
            gemeindeschluessel: String::new(),
            verwaltungsbezirk: String::new(),
            strasse: String::new(),
            plz: String::new(),
            ort: String::new(),
            rechtsstatus: "Öffentlich".into(),
            email: String::new(),
            pupils: None,
            sozialindex: None,
            source: "directory".into(),
            teachers: None,
            rooms: None,
            classes: None,
            pupil_growth_pct: 0.0,
            notes: String::new(),
            grades: vec![None; 13],
        };
        assert_eq!(
            s.display_name(),
            "Städt. Gem. Grundschule, Leverkusen-Steinbüchel"
        );
        s.name_2 = "Kartause-Hain-Schule".into();
        assert_eq!(
            s.display_name(),
            "Städt. Gem. Grundschule, Kartause-Hain-Schule"
        );
        s.name_2 = String::new();
        s.name_3 = "-Primarstufe-".into();
        assert_eq!(s.display_name(), "Städt. Gem. Grundschule");
    }

    #[test]
    fn grade_ranges_follow_domain_brief() {
        assert_eq!(grade_range("Grundschule"), (1, 4));
        assert_eq!(grade_range("Realschule"), (5, 10));
        assert_eq!(grade_range("Gymnasium"), (5, 13));
        assert_eq!(grade_range("Gesamtschule"), (5, 13));
        assert_eq!(grade_range("Förderschule Grund-/Hauptschule"), (1, 10));
        assert_eq!(SchoolForm::of("Berufskolleg"), SchoolForm::Vocational);
    }
}
