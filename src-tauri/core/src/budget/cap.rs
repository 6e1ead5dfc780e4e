//! Budget cap and fairness: when the municipal need of a year exceeds its cap, purchases are
//! deferred to later years in a fixed, shown order of protection (DOMAIN.md §2):
//!
//! 1. most protected: replacements of devices whose life has ended (longer overdue first);
//! 2. then new demand, weighted by Schulsozialindex (higher weight = more protected);
//! 3. least protected: everything else (the defect reserve's spare units).
//!
//! Deferral therefore starts with class 3, then class 2 from the lowest weight up, then class 1
//! from the least overdue. Within equal rank, the larger Schulnummer is deferred first (a fixed
//! tie-break so that the result does not depend on input order).

use serde::{Deserialize, Serialize};

use super::PlanError;

/// Weights per Sozialindex level (index 0 = level 1 … 8 = level 9) and for schools without one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SozialWeights {
    pub levels: [f64; 9],
    pub without_index: f64,
}

impl Default for SozialWeights {
    /// Level n weighs n; schools without an index (e.g. Berufskolleg) weigh like level 5.
    fn default() -> Self {
        SozialWeights {
            levels: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
            without_index: 5.0,
        }
    }
}

impl SozialWeights {
    pub fn weight(&self, sozialindex: Option<i64>) -> f64 {
        match sozialindex {
            Some(i @ 1..=9) => self.levels[(i - 1) as usize],
            _ => self.without_index,
        }
    }

    pub fn validate(&self) -> Result<(), PlanError> {
        if self
            .levels
            .iter()
            .chain(std::iter::once(&self.without_index))
            .any(|w| !w.is_finite() || *w < 0.0 || *w > 1000.0)
        {
            return Err(PlanError::Invalid {
                field: "Sozialindex-Gewichte".into(),
                message: "jedes Gewicht zwischen 0 und 1000".into(),
            });
        }
        Ok(())
    }
}

/// Why units were deferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeferKind {
    /// Spare units of the defect reserve (class 3).
    Spares,
    /// New demand (class 2).
    NewDemand,
    /// Replacement of devices past their life (class 1).
    Replacement,
}

impl DeferKind {
    pub fn class(&self) -> u8 {
        match self {
            DeferKind::Replacement => 1,
            DeferKind::NewDemand => 2,
            DeferKind::Spares => 3,
        }
    }
    pub fn label(&self) -> &'static str {
        match self {
            DeferKind::Replacement => "Ersatzbeschaffung",
            DeferKind::NewDemand => "Neubedarf",
            DeferKind::Spares => "Defektreserve",
        }
    }
}

/// One deferral: units of a line not bought in `year` because of the cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deferral {
    pub year: i32,
    pub school: usize,
    pub schulnummer: String,
    /// Category index in the plan's catalogue.
    pub cat: usize,
    pub category: String,
    pub kind: DeferKind,
    pub units: i64,
    /// Investment not spent in `year` (escalated price of `year`).
    pub cents: i64,
    pub sozialindex: Option<i64>,
    pub weight: f64,
    /// For replacements: the year the devices' life ended.
    pub due_since: Option<i32>,
    /// The later year in which the units are bought (None: after the horizon, or need gone).
    pub lands_in: Option<i32>,
    /// The need was gone before the units were bought (demand fell).
    pub need_gone: bool,
    /// Municipal need of the year before deferring, and the cap.
    pub need_cents: i64,
    pub cap_cents: i64,
}

impl Deferral {
    /// The reason in German, e.g. "Kommunaler Bedarf 2028 … über der Obergrenze …; Neubedarf,
    /// Sozialindex 3 (Gewicht 3,0): … Nachgeholt 2029." Built on demand (plans of large
    /// districts defer tens of thousands of lines; the text is only needed when shown).
    pub fn reason(&self) -> String {
        self.reason_in(false)
    }

    /// [`Deferral::reason`] in German or English (amounts in German format in both).
    pub fn reason_in(&self, en: bool) -> String {
        use crate::money::format_eur;
        if en {
            let head = format!(
                "Municipal need {} {} above the cap {}",
                self.year,
                format_eur(self.need_cents),
                format_eur(self.cap_cents)
            );
            let idx = match self.sozialindex {
                Some(i) => format!("Sozialindex {i}"),
                None => "no Sozialindex".into(),
            };
            let mut r = match self.kind {
                DeferKind::Spares => {
                    format!("{head}; the defect reserve is deferred first (protection class 3).")
                }
                DeferKind::NewDemand => format!(
                    "{head}; new demand, {idx} (weight {}): schools with a lower weight are deferred first (protection class 2).",
                    crate::format::format_decimal(self.weight, 1)
                ),
                DeferKind::Replacement => format!(
                    "{head}; even after deferring all reserves and new demand: replacement of the devices due since {} deferred, old devices stay in operation (protection class 1).",
                    self.due_since.unwrap_or(self.year)
                ),
            };
            match self.lands_in {
                Some(y) => r.push_str(&format!(" Made up in {y}.")),
                None if self.need_gone => r.push_str(" The need later fell away."),
                None => r.push_str(" Made up only after the planning period."),
            }
            return r;
        }
        let head = format!(
            "Kommunaler Bedarf {} {} über der Obergrenze {}",
            self.year,
            format_eur(self.need_cents),
            format_eur(self.cap_cents)
        );
        let idx = match self.sozialindex {
            Some(i) => format!("Sozialindex {i}"),
            None => "ohne Sozialindex".into(),
        };
        let mut r = match self.kind {
            DeferKind::Spares => {
                format!("{head}; Defektreserve wird zuerst verschoben (Schutzklasse 3).")
            }
            DeferKind::NewDemand => format!(
                "{head}; Neubedarf, {idx} (Gewicht {}): Schulen mit niedrigerem Gewicht werden zuerst verschoben (Schutzklasse 2).",
                crate::format::format_decimal(self.weight, 1)
            ),
            DeferKind::Replacement => format!(
                "{head}; auch nach Verschieben aller Reserven und Neubedarfe: Ersatz der seit {} fälligen Geräte verschoben, Altgeräte bleiben in Betrieb (Schutzklasse 1).",
                self.due_since.unwrap_or(self.year)
            ),
        };
        match self.lands_in {
            Some(y) => r.push_str(&format!(" Nachgeholt {y}.")),
            None if self.need_gone => r.push_str(" Der Bedarf ist später entfallen."),
            None => r.push_str(" Nachholung erst nach dem Planungszeitraum."),
        }
        r
    }
}

/// A candidate for deferral: one part of one line's purchases.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// Index into the year's lines.
    pub line: usize,
    pub kind: DeferKind,
    pub units: i64,
    pub unit_cents: f64,
    pub weight: f64,
    /// Years overdue (replacements), 0 otherwise.
    pub overdue_years: i32,
    pub schulnummer_rank: usize,
}

/// Sorts candidates into deferral order: first deferred first.
pub fn deferral_order(c: &mut [Candidate]) {
    c.sort_by(|a, b| {
        b.kind
            .class()
            .cmp(&a.kind.class())
            .then(a.overdue_years.cmp(&b.overdue_years))
            .then(a.weight.total_cmp(&b.weight))
            .then(b.schulnummer_rank.cmp(&a.schulnummer_rank))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(kind: DeferKind, weight: f64, overdue: i32, rank: usize) -> Candidate {
        Candidate {
            line: rank,
            kind,
            units: 1,
            unit_cents: 1.0,
            weight,
            overdue_years: overdue,
            schulnummer_rank: rank,
        }
    }

    #[test]
    fn order_protects_replacements_then_high_index() {
        let mut v = vec![
            c(DeferKind::Replacement, 1.0, 0, 0),
            c(DeferKind::NewDemand, 9.0, 0, 1),
            c(DeferKind::NewDemand, 1.0, 0, 2),
            c(DeferKind::Spares, 9.0, 0, 3),
            c(DeferKind::Replacement, 1.0, 2, 4),
        ];
        deferral_order(&mut v);
        let order: Vec<usize> = v.iter().map(|c| c.line).collect();
        assert_eq!(order, vec![3, 2, 1, 0, 4]);
        assert_eq!(SozialWeights::default().weight(Some(9)), 9.0);
        assert_eq!(SozialWeights::default().weight(None), 5.0);
    }
}
