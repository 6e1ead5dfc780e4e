//! Funding sources and their allocation to the plan's cost lines.
//!
//! Sources are applied in their explicit order (`order`, then id). Within a source, lines are
//! served in the plan's allocation order (schools by Sozialindex weight, highest first, then
//! Schulnummer; categories in catalogue order). For each line the source takes on
//! `T = min(open eligible amount, what its money, the school's cap and the mobile-device rule
//! still allow ÷ its share)` and pays `F = round(T × (1 − Eigenanteil))`; the Eigenanteil
//! `T − F` stays municipal. Later sources only see what earlier ones did not take on.
//! What no source covers is municipal budget.
//!
//! Money of a year (Restmittel): a `Total` source has its amount once for the whole period and
//! whatever is left stays available in later years. A `PerYear` source has its amount in every
//! year; what a year does not use lapses, unless the source carries over (`carry_over`, as
//! DigitalPakt-like programmes allow within their period): then a year has its amount plus what
//! earlier plan years of the period left. Years before the plan's first year are not computed, so
//! nothing is carried out of them. What is left after the last year of the period lapses.

use serde::{Deserialize, Serialize};

use super::catalogue::Category;
use super::PlanError;
use crate::money::round_cents;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountMode {
    /// `amount_cents` in every year from start to end; unused money of a year lapses unless the
    /// source carries over (`FundingSource::carry_over`).
    PerYear,
    /// `amount_cents` once for the whole period; unused money carries to later years.
    Total,
}

impl AmountMode {
    pub fn key(&self) -> &'static str {
        match self {
            AmountMode::PerYear => "per_year",
            AmountMode::Total => "total",
        }
    }
    pub fn parse(s: &str) -> Option<AmountMode> {
        match s {
            "per_year" => Some(AmountMode::PerYear),
            "total" => Some(AmountMode::Total),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundingSource {
    pub id: i64,
    pub name: String,
    /// Allocation order: lower first.
    pub order: i32,
    pub mode: AmountMode,
    pub amount_cents: i64,
    pub start_year: i32,
    pub end_year: i32,
    /// Eligible category keys; empty = all.
    pub categories: Vec<String>,
    /// Whether running costs are eligible (DigitalPakt-like programmes: investment only).
    pub pays_running: bool,
    /// Eigenanteil of the Schulträger in percent of the eligible amount taken on.
    pub cofunding_pct: f64,
    /// Cap per school over the whole programme.
    pub school_cap_cents: Option<i64>,
    /// Cap per school as an amount per pupil (base year) over the whole programme.
    pub school_cap_per_pupil_cents: Option<i64>,
    /// Mobile devices at most this % of the school's cap …
    pub mobile_max_pct: Option<f64>,
    /// … and at most this amount per school (DigitalPakt 1.0: 20 % or 25.000 €).
    pub mobile_max_cents: Option<i64>,
    pub note: String,
    /// Per-year amounts: money a year does not use stays available in later years of the period
    /// (Restmittel). `Total` sources always carry over; the flag changes nothing there.
    #[serde(default)]
    pub carry_over: bool,
}

impl FundingSource {
    pub fn active_in(&self, y: i32) -> bool {
        (self.start_year..=self.end_year).contains(&y)
    }

    /// Whether money a year does not use stays available in later years of the period.
    pub fn carries_over(&self) -> bool {
        self.mode == AmountMode::Total || self.carry_over
    }

    pub fn share(&self) -> f64 {
        1.0 - self.cofunding_pct / 100.0
    }

    pub fn validate(&self) -> Result<(), PlanError> {
        let bad = |field: &str, message: String| {
            Err(PlanError::Invalid {
                field: format!("Förderquelle „{}“: {}", self.name, field),
                message,
            })
        };
        if self.name.trim().is_empty() {
            return bad("Name", "darf nicht leer sein".into());
        }
        if self.amount_cents < 0 {
            return bad("Betrag", "darf nicht negativ sein".into());
        }
        if self.start_year > self.end_year || self.start_year < 1990 || self.end_year > 2100 {
            return bad(
                "Laufzeit",
                format!(
                    "{}–{} ist kein gültiger Zeitraum",
                    self.start_year, self.end_year
                ),
            );
        }
        if !self.cofunding_pct.is_finite() || !(0.0..100.0).contains(&self.cofunding_pct) {
            return bad("Eigenanteil", "zwischen 0 und unter 100 %".into());
        }
        if let Some(p) = self.mobile_max_pct {
            if !p.is_finite() || !(0.0..=100.0).contains(&p) {
                return bad("Anteil mobiler Endgeräte", "zwischen 0 und 100 %".into());
            }
        }
        for c in [
            self.school_cap_cents,
            self.school_cap_per_pupil_cents,
            self.mobile_max_cents,
        ]
        .into_iter()
        .flatten()
        {
            if c < 0 {
                return bad("Obergrenze", "darf nicht negativ sein".into());
            }
        }
        Ok(())
    }

    /// The source's rules in one German sentence (for the explanation).
    pub fn describe(&self) -> String {
        self.describe_in(false)
    }

    /// [`FundingSource::describe`] in German or English (amounts in German format in both;
    /// category keys as entered).
    pub fn describe_in(&self, en: bool) -> String {
        let tr = |de: &'static str, english: &'static str| if en { english } else { de };
        use crate::format::format_decimal;
        use crate::money::format_eur;
        let mut parts = vec![format!(
            "{} {} ({}–{})",
            format_eur(self.amount_cents),
            match self.mode {
                AmountMode::PerYear => tr("je Jahr", "per year"),
                AmountMode::Total => tr("gesamt", "in total"),
            },
            self.start_year,
            self.end_year
        )];
        if self.mode == AmountMode::PerYear {
            parts.push(if self.carry_over {
                tr(
                    "nicht verbrauchte Mittel werden in spätere Jahre der Laufzeit übertragen",
                    "unused funds carry over to later years of the term",
                )
                .into()
            } else {
                tr(
                    "nicht verbrauchte Mittel verfallen am Jahresende",
                    "unused funds lapse at the end of the year",
                )
                .into()
            });
        }
        parts.push(if self.pays_running {
            tr(
                "Investitionen und laufende Kosten",
                "investment and running cost",
            )
            .into()
        } else {
            tr("nur Investitionen", "investment only").into()
        });
        if self.cofunding_pct > 0.0 {
            parts.push(format!(
                "{} {} %",
                tr("Eigenanteil", "own share"),
                format_decimal(self.cofunding_pct, 1)
            ));
        }
        if !self.categories.is_empty() {
            parts.push(format!(
                "{}: {}",
                tr("förderfähig", "eligible"),
                self.categories.join(", ")
            ));
        }
        if let Some(c) = self.school_cap_cents {
            parts.push(if en {
                format!("at most {} per school", format_eur(c))
            } else {
                format!("höchstens {} je Schule", format_eur(c))
            });
        }
        if let Some(c) = self.school_cap_per_pupil_cents {
            parts.push(if en {
                format!("at most {} per pupil and school", format_eur(c))
            } else {
                format!("höchstens {} je Schüler/in und Schule", format_eur(c))
            });
        }
        if self.mobile_max_pct.is_some() || self.mobile_max_cents.is_some() {
            let mut m = vec![];
            if let Some(p) = self.mobile_max_pct {
                m.push(format!(
                    "{} % {}",
                    format_decimal(p, 0),
                    tr("des Schulbudgets", "of the school budget")
                ));
            }
            if let Some(c) = self.mobile_max_cents {
                m.push(format_eur(c));
            }
            parts.push(if en {
                format!("mobile devices at most {}", m.join(" or "))
            } else {
                format!("mobile Endgeräte höchstens {}", m.join(" bzw. "))
            });
        }
        parts.join("; ")
    }
}

/// A source prepared for a plan: eligibility per category and caps per school.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub eligible: Vec<bool>,
    pub mobile: Vec<bool>,
    /// Cap per school over the programme (None = no cap).
    pub school_cap: Vec<Option<i64>>,
    /// Mobile-device limit per school (None = no limit).
    pub mobile_cap: Vec<Option<i64>>,
}

/// Prepares `sources` (already in allocation order) for the plan's categories and schools.
pub fn prepare(sources: &[FundingSource], cats: &[Category], base_pupils: &[f64]) -> Vec<Prepared> {
    sources
        .iter()
        .map(|s| {
            let eligible = cats
                .iter()
                .map(|c| s.categories.is_empty() || s.categories.contains(&c.key))
                .collect();
            let mobile = cats.iter().map(|c| c.is_mobile).collect();
            let school_cap: Vec<Option<i64>> = base_pupils
                .iter()
                .map(|p| {
                    let per_pupil = s
                        .school_cap_per_pupil_cents
                        .map(|c| round_cents(c as f64 * p));
                    match (s.school_cap_cents, per_pupil) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    }
                })
                .collect();
            let mobile_cap = school_cap
                .iter()
                .map(|cap| {
                    let by_pct = match (s.mobile_max_pct, cap) {
                        (Some(p), Some(c)) => Some(round_cents(*c as f64 * p / 100.0)),
                        _ => None,
                    };
                    match (by_pct, s.mobile_max_cents) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    }
                })
                .collect();
            Prepared {
                eligible,
                mobile,
                school_cap,
                mobile_cap,
            }
        })
        .collect()
}

/// Money used so far, carried from year to year.
#[derive(Debug, Clone)]
pub struct FundingState {
    /// Money left in a `Total` pot.
    pub pot_left: Vec<i64>,
    /// Unused money of earlier years of a `PerYear` source that carries over.
    pub carried: Vec<i64>,
    /// Money each source had for the last year allocated (amount + carried, or the pot left);
    /// 0 for sources not active in that year.
    pub available: Vec<i64>,
    /// [source][school] funded so far.
    pub school_used: Vec<Vec<i64>>,
    /// [source][school] funded so far for mobile devices.
    pub mobile_used: Vec<Vec<i64>>,
}

impl FundingState {
    pub fn new(sources: &[FundingSource], schools: usize) -> FundingState {
        FundingState {
            pot_left: sources.iter().map(|s| s.amount_cents).collect(),
            carried: vec![0; sources.len()],
            available: vec![0; sources.len()],
            school_used: vec![vec![0; schools]; sources.len()],
            mobile_used: vec![vec![0; schools]; sources.len()],
        }
    }
}

/// One line's costs in a year, as the allocation sees them.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineCost {
    pub school: usize,
    pub cat: usize,
    /// Investment (purchases + defect reserve).
    pub invest: i64,
    pub running: i64,
}

/// What one source paid for one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub source: usize,
    /// Index into the year's lines.
    pub line: usize,
    /// Eligible amount the source took on.
    pub taken_cents: i64,
    /// Paid by the source.
    pub funded_cents: i64,
    /// Eigenanteil (municipal) of the amount taken on.
    pub cofunding_cents: i64,
}

/// Allocates year `y`'s lines (served in `order`) to the sources. Returns funded cents per
/// line and the single allocations. `state` is advanced.
pub fn allocate_year(
    sources: &[FundingSource],
    prepared: &[Prepared],
    state: &mut FundingState,
    y: i32,
    lines: &[LineCost],
    order: &[usize],
) -> (Vec<i64>, Vec<Allocation>) {
    let mut funded = vec![0i64; lines.len()];
    let mut allocs = Vec::new();
    let mut open_inv: Vec<i64> = lines.iter().map(|l| l.invest).collect();
    let mut open_run: Vec<i64> = lines.iter().map(|l| l.running).collect();
    for (si, s) in sources.iter().enumerate() {
        state.available[si] = 0;
        if !s.active_in(y) {
            continue;
        }
        let mut year_left = match s.mode {
            AmountMode::PerYear => s.amount_cents + state.carried[si],
            AmountMode::Total => state.pot_left[si],
        };
        state.available[si] = year_left;
        let share = s.share();
        let p = &prepared[si];
        for &li in order {
            if year_left <= 0 || share <= 0.0 {
                break;
            }
            let l = lines[li];
            if !p.eligible[l.cat] {
                continue;
            }
            let open = open_inv[li] + if s.pays_running { open_run[li] } else { 0 };
            if open <= 0 {
                continue;
            }
            let mut max_fund = year_left;
            if let Some(cap) = p.school_cap[l.school] {
                max_fund = max_fund.min(cap - state.school_used[si][l.school]);
            }
            if p.mobile[l.cat] {
                if let Some(mcap) = p.mobile_cap[l.school] {
                    max_fund = max_fund.min(mcap - state.mobile_used[si][l.school]);
                }
            }
            if max_fund <= 0 {
                continue;
            }
            let full = round_cents(open as f64 * share);
            let (taken, paid) = if full <= max_fund {
                (open, full)
            } else {
                (open.min(round_cents(max_fund as f64 / share)), max_fund)
            };
            let t_inv = taken.min(open_inv[li]);
            open_inv[li] -= t_inv;
            open_run[li] -= taken - t_inv;
            funded[li] += paid;
            year_left -= paid;
            state.school_used[si][l.school] += paid;
            if p.mobile[l.cat] {
                state.mobile_used[si][l.school] += paid;
            }
            allocs.push(Allocation {
                source: si,
                line: li,
                taken_cents: taken,
                funded_cents: paid,
                cofunding_cents: taken - paid,
            });
        }
        match s.mode {
            AmountMode::Total => state.pot_left[si] = year_left,
            AmountMode::PerYear if s.carry_over => state.carried[si] = year_left,
            AmountMode::PerYear => {}
        }
    }
    (funded, allocs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> FundingSource {
        FundingSource {
            id: 1,
            name: "DP".into(),
            order: 1,
            mode: AmountMode::PerYear,
            amount_cents: 1_000_000,
            start_year: 2027,
            end_year: 2028,
            categories: vec![],
            pays_running: false,
            cofunding_pct: 10.0,
            school_cap_cents: None,
            school_cap_per_pupil_cents: None,
            mobile_max_pct: None,
            mobile_max_cents: None,
            note: String::new(),
            carry_over: false,
        }
    }

    fn cats() -> Vec<Category> {
        let mut c = crate::budget::catalogue::default_catalogue();
        c.truncate(4); // tablet (mobile), notebook, teacher, display
        c
    }

    #[test]
    fn pays_share_of_investment_only_and_stops_at_money() {
        let s = vec![src()];
        let cats = cats();
        let prep = prepare(&s, &cats, &[100.0, 100.0]);
        let mut st = FundingState::new(&s, 2);
        let lines = [
            LineCost {
                school: 0,
                cat: 3,
                invest: 600_000,
                running: 5_000,
            },
            LineCost {
                school: 1,
                cat: 3,
                invest: 600_000,
                running: 5_000,
            },
        ];
        let (f, a) = allocate_year(&s, &prep, &mut st, 2027, &lines, &[0, 1]);
        // 90 % of 6.000 € = 5.400 €; then 4.600 € are left for the second school.
        assert_eq!(f, vec![540_000, 460_000]);
        // The second line: 4.600 € paid cover 4.600 / 0.9 = 5.111,11 € of eligible cost.
        assert_eq!(a[1].taken_cents, (460_000f64 / 0.9).round() as i64);
        // Outside the period nothing is paid.
        let (f, _) = allocate_year(&s, &prep, &mut st, 2029, &lines, &[0, 1]);
        assert_eq!(f, vec![0, 0]);
    }

    #[test]
    fn mobile_rule_limits_tablets_per_school() {
        let mut s = src();
        s.cofunding_pct = 0.0;
        s.amount_cents = 10_000_000_00;
        s.school_cap_cents = Some(100_000_00);
        s.mobile_max_pct = Some(20.0);
        s.mobile_max_cents = Some(25_000_00);
        let s = vec![s];
        let cats = cats();
        let prep = prepare(&s, &cats, &[100.0]);
        // 20 % of 100.000 € = 20.000 € < 25.000 €.
        assert_eq!(prep[0].mobile_cap[0], Some(20_000_00));
        let mut st = FundingState::new(&s, 1);
        let lines = [
            LineCost {
                school: 0,
                cat: 0,
                invest: 30_000_00,
                running: 0,
            },
            LineCost {
                school: 0,
                cat: 3,
                invest: 30_000_00,
                running: 0,
            },
        ];
        let (f, _) = allocate_year(&s, &prep, &mut st, 2027, &lines, &[0, 1]);
        assert_eq!(f, vec![20_000_00, 30_000_00]);
    }
}
