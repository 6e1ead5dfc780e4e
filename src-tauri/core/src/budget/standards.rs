//! Standards: editable rules that say how many units of a category a school needs, counted from
//! the school register (pupils of a range of grades, teachers, rooms, classes, devices, or a
//! fixed number per school). Defaults follow the VBE NRW demands (DOMAIN.md §2).
//!
//! `units = ceil(basis × units_per / per)` per rule; the rules of a category add up.

use serde::{Deserialize, Serialize};

use super::catalogue::Category;
use super::forecast::SchoolFacts;
use super::PlanError;
use crate::schools::SchoolForm;

/// What a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// Pupils of grades `grade_from..=grade_to` (per-grade figures, or the total spread).
    Pupils,
    Teachers,
    Rooms,
    Classes,
    /// End devices needed (sum of the demand of categories marked `is_device`).
    Devices,
    /// A fixed count per school.
    School,
}

impl BasisKind {
    pub fn key(&self) -> &'static str {
        match self {
            BasisKind::Pupils => "pupils",
            BasisKind::Teachers => "teachers",
            BasisKind::Rooms => "rooms",
            BasisKind::Classes => "classes",
            BasisKind::Devices => "devices",
            BasisKind::School => "school",
        }
    }

    pub fn parse(s: &str) -> Option<BasisKind> {
        Some(match s.trim().to_lowercase().as_str() {
            "pupils" | "schüler" | "schueler" => BasisKind::Pupils,
            "teachers" | "lehrkräfte" | "lehrkraefte" => BasisKind::Teachers,
            "rooms" | "räume" | "raeume" => BasisKind::Rooms,
            "classes" | "klassen" => BasisKind::Classes,
            "devices" | "geräte" | "geraete" => BasisKind::Devices,
            "school" | "schule" => BasisKind::School,
            _ => return None,
        })
    }

    pub fn label(&self) -> &'static str {
        match self {
            BasisKind::Pupils => "Schülerinnen und Schüler",
            BasisKind::Teachers => "Lehrkräfte",
            BasisKind::Rooms => "Unterrichtsräume",
            BasisKind::Classes => "Klassen",
            BasisKind::Devices => "Endgeräte",
            BasisKind::School => "Schule",
        }
    }
}

/// Stable key of a school form for rules (`primary`, `secondary`, …).
pub fn form_key(f: SchoolForm) -> &'static str {
    match f {
        SchoolForm::Primary => "primary",
        SchoolForm::Secondary => "secondary",
        SchoolForm::SecondaryUpper => "secondary_upper",
        SchoolForm::Special => "special",
        SchoolForm::Vocational => "vocational",
        SchoolForm::Other => "other",
    }
}

pub fn parse_form(s: &str) -> Option<SchoolForm> {
    Some(match s.trim() {
        "primary" => SchoolForm::Primary,
        "secondary" => SchoolForm::Secondary,
        "secondary_upper" => SchoolForm::SecondaryUpper,
        "special" => SchoolForm::Special,
        "vocational" => SchoolForm::Vocational,
        "other" => SchoolForm::Other,
        _ => return None,
    })
}

/// One rule of a standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Database id (0 for rules not stored yet).
    pub id: i64,
    pub category: String,
    /// School forms the rule applies to; empty = all.
    pub forms: Vec<SchoolForm>,
    pub basis: BasisKind,
    /// Grade range for `Pupils` (1–13).
    pub grade_from: u8,
    pub grade_to: u8,
    /// `units_per` units per `per` basis units (1 per 2 pupils: 1.0 / 2.0).
    pub units_per: f64,
    pub per: f64,
    pub note: String,
}

impl Rule {
    pub fn applies_to(&self, f: SchoolForm) -> bool {
        self.forms.is_empty() || self.forms.contains(&f)
    }

    /// "1 je 2 Schüler (Jg. 1–4)".
    pub fn describe(&self) -> String {
        self.describe_in(false)
    }

    /// [`Rule::describe`] in German or English ("1 per 2 pupils (grades 5–13)").
    pub fn describe_in(&self, en: bool) -> String {
        let n = |x: f64| crate::format::format_decimal(x, if x.fract() == 0.0 { 0 } else { 2 });
        if en {
            let basis = match self.basis {
                BasisKind::Pupils => {
                    format!("pupils (grades {}–{})", self.grade_from, self.grade_to)
                }
                BasisKind::Teachers => "teachers".into(),
                BasisKind::Rooms => "classrooms".into(),
                BasisKind::Classes => "classes".into(),
                BasisKind::Devices => "devices".into(),
                BasisKind::School => "school".into(),
            };
            let forms = if self.forms.is_empty() {
                String::new()
            } else {
                format!(
                    " [only {}]",
                    self.forms
                        .iter()
                        .map(|f| form_key(*f))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return format!(
                "{} per {} {}{}",
                n(self.units_per),
                n(self.per),
                basis,
                forms
            );
        }
        let basis = match self.basis {
            BasisKind::Pupils => format!(
                "Schülerinnen und Schüler (Jg. {}–{})",
                self.grade_from, self.grade_to
            ),
            BasisKind::School => "Schule".into(),
            b => b.label().into(),
        };
        let forms = if self.forms.is_empty() {
            String::new()
        } else {
            format!(
                " [nur {}]",
                self.forms
                    .iter()
                    .map(|f| form_key(*f))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        format!(
            "{} je {} {}{}",
            n(self.units_per),
            n(self.per),
            basis,
            forms
        )
    }

    pub fn validate(&self, cats: &[Category]) -> Result<(), PlanError> {
        let bad = |field: &str, message: String| {
            Err(PlanError::Invalid {
                field: format!("Regel {} ({})", field, self.category),
                message,
            })
        };
        if !cats.iter().any(|c| c.key == self.category) {
            return bad(
                "Kategorie",
                format!("„{}“ steht nicht im Katalog", self.category),
            );
        }
        if !self.units_per.is_finite() || self.units_per < 0.0 || self.units_per > 1000.0 {
            return bad("Anzahl", "zwischen 0 und 1000".into());
        }
        if !self.per.is_finite() || self.per <= 0.0 || self.per > 100_000.0 {
            return bad("je", "muss größer als 0 sein".into());
        }
        if self.basis == BasisKind::Pupils
            && !(1 <= self.grade_from && self.grade_from <= self.grade_to && self.grade_to <= 13)
        {
            return bad(
                "Jahrgänge",
                format!(
                    "{}–{}: erlaubt ist 1 ≤ von ≤ bis ≤ 13",
                    self.grade_from, self.grade_to
                ),
            );
        }
        Ok(())
    }
}

fn rule(
    category: &str,
    basis: BasisKind,
    g: (u8, u8),
    units_per: f64,
    per: f64,
    note: &str,
) -> Rule {
    Rule {
        id: 0,
        category: category.into(),
        forms: vec![],
        basis,
        grade_from: g.0,
        grade_to: g.1,
        units_per,
        per,
        note: note.into(),
    }
}

/// The default standard (VBE NRW demands; the rest labelled as planning assumptions).
pub fn default_rules() -> Vec<Rule> {
    const VBE: &str = "VBE NRW Positionspapier (Juli 2026)";
    const PA: &str = "Planungsannahme ohne Einzelquelle";
    vec![
        rule("student_tablet", BasisKind::Pupils, (1, 4), 1.0, 2.0, VBE),
        rule("student_tablet", BasisKind::Pupils, (5, 13), 1.0, 1.0, VBE),
        rule(
            "teacher_device",
            BasisKind::Teachers,
            (1, 13),
            1.0,
            1.0,
            VBE,
        ),
        rule("display", BasisKind::Rooms, (1, 13), 1.0, 1.0, VBE),
        rule("doc_camera", BasisKind::Rooms, (1, 13), 1.0, 2.0, PA),
        rule("wlan_ap", BasisKind::Rooms, (1, 13), 1.0, 2.0, VBE),
        rule("switch", BasisKind::Rooms, (1, 13), 1.0, 1.0, PA),
        rule("server", BasisKind::School, (1, 13), 1.0, 1.0, PA),
        rule("printer", BasisKind::Rooms, (1, 13), 1.0, 8.0, PA),
        rule("software", BasisKind::Pupils, (1, 13), 1.0, 1.0, PA),
        rule("support", BasisKind::Devices, (1, 13), 1.0, 1.0, PA),
    ]
}

/// The value a rule counts at a school in a year, before the ratio.
pub fn basis_value(r: &Rule, s: &SchoolFacts, grades: &[f64; 13], devices: f64) -> f64 {
    match r.basis {
        BasisKind::Pupils => grades
            [(r.grade_from.max(1) - 1) as usize..r.grade_to.min(13) as usize]
            .iter()
            .sum(),
        BasisKind::Teachers => s.teachers,
        BasisKind::Rooms => s.rooms,
        BasisKind::Classes => s.classes,
        BasisKind::Devices => devices,
        BasisKind::School => 1.0,
    }
}

/// `ceil(basis × units_per / per)`, with a small tolerance for spread pupil figures
/// (250 pupils spread over 6 grades must give 250, not 251).
pub fn rule_units(r: &Rule, basis: f64) -> i64 {
    let x = basis * r.units_per / r.per;
    if x <= 0.0 {
        0
    } else {
        (x - 1e-6).ceil().max(0.0) as i64
    }
}

/// Rules prepared for fast evaluation: per category index, the rules that apply.
#[derive(Debug, Clone)]
pub struct RuleIndex {
    /// (category index, rule) for rules whose basis is not `Devices`.
    pub direct: Vec<(usize, Rule)>,
    /// Rules counting devices (evaluated after the device categories).
    pub on_devices: Vec<(usize, Rule)>,
}

impl RuleIndex {
    pub fn new(rules: &[Rule], cats: &[Category]) -> RuleIndex {
        let mut direct = vec![];
        let mut on_devices = vec![];
        for r in rules {
            if let Some(ci) = cats.iter().position(|c| c.key == r.category) {
                if r.basis == BasisKind::Devices {
                    on_devices.push((ci, r.clone()));
                } else {
                    direct.push((ci, r.clone()));
                }
            }
        }
        RuleIndex { direct, on_devices }
    }

    /// Demand per category of school `s` with pupils per grade `grades`, written into `out`.
    pub fn demand(&self, s: &SchoolFacts, grades: &[f64; 13], cats: &[Category], out: &mut [i64]) {
        out.iter_mut().for_each(|x| *x = 0);
        for (ci, r) in &self.direct {
            if r.applies_to(s.form) {
                out[*ci] += rule_units(r, basis_value(r, s, grades, 0.0));
            }
        }
        if !self.on_devices.is_empty() {
            let devices: i64 = cats
                .iter()
                .zip(out.iter())
                .filter(|(c, _)| c.is_device)
                .map(|(_, d)| *d)
                .sum();
            for (ci, r) in &self.on_devices {
                if r.applies_to(s.form) {
                    out[*ci] += rule_units(r, basis_value(r, s, grades, devices as f64));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::catalogue::default_catalogue;

    #[test]
    fn default_standard_counts_like_the_brief() {
        let cats = default_catalogue();
        let rules = default_rules();
        for r in &rules {
            r.validate(&cats).unwrap();
        }
        let idx = RuleIndex::new(&rules, &cats);
        // A Grundschule of 101 pupils (grades 1–4 spread), 9 teachers, 7 rooms.
        let mut g = [0.0; 13];
        for x in g.iter_mut().take(4) {
            *x = 101.0 / 4.0;
        }
        let s = SchoolFacts {
            schulnummer: "1".into(),
            name: "GS".into(),
            schulform: "Grundschule".into(),
            form: SchoolForm::Primary,
            sozialindex: None,
            base_grades: g,
            teachers: 9.0,
            rooms: 7.0,
            classes: 5.0,
            growth_pct: 0.0,
            pupils_by_year: Default::default(),
        };
        let mut out = vec![0; cats.len()];
        idx.demand(&s, &g, &cats, &mut out);
        let d = |k: &str| out[cats.iter().position(|c| c.key == k).unwrap()];
        assert_eq!(d("student_tablet"), 51); // ceil(101 / 2)
        assert_eq!(d("teacher_device"), 9);
        assert_eq!(d("display"), 7);
        assert_eq!(d("wlan_ap"), 4); // ceil(7 / 2)
        assert_eq!(d("server"), 1);
        assert_eq!(d("software"), 101);
        assert_eq!(d("support"), 51 + 9); // tablets + teacher devices
    }

    #[test]
    fn spread_pupils_do_not_round_up_by_noise() {
        let r = rule("x", BasisKind::Pupils, (5, 10), 1.0, 1.0, "");
        let per = 250.0 / 6.0;
        assert_eq!(rule_units(&r, per * 6.0), 250);
    }
}
