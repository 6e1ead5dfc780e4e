//! The exact payment schedule of an offer in cents per month index (DOMAIN.md §3).
//!
//! Month index m = 0 is the start date t0. A payment in advance at month m belongs to contract
//! year ⌊m/12⌋ + 1, a payment in arrears to ⌊(m − 1)/12⌋ + 1; it is multiplied by
//! (1 + e)^(year − 1) and by the units and rounded to the cent once, half away from zero.
//! Payments of 0 cents are left out.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::model::*;
use crate::money::round_cents;

/// What a payment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    Purchase,
    Repurchase,
    DownPayment,
    Rate,
    Maintenance,
    Support,
    Buyout,
    Residual,
}

impl PaymentKind {
    pub fn label_de(self) -> &'static str {
        match self {
            PaymentKind::Purchase => "Kaufpreis",
            PaymentKind::Repurchase => "Ersatzbeschaffung",
            PaymentKind::DownPayment => "Anzahlung",
            PaymentKind::Rate => "Rate",
            PaymentKind::Maintenance => "Wartung",
            PaymentKind::Support => "Supportentgelt",
            PaymentKind::Buyout => "Kaufoption (Buy-out)",
            PaymentKind::Residual => "Restwert (Gutschrift)",
        }
    }
}

/// One payment of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payment {
    /// Month index from t0.
    pub month: u32,
    /// t0 + month.
    pub date: NaiveDate,
    /// Contract year k (1 … H) that decides the escalation.
    pub contract_year: u32,
    pub kind: PaymentKind,
    /// German label for tables ("Rate", "Wartung", …).
    pub label: &'static str,
    /// Escalation factor (1 + e)^(k − 1) applied (1 for the residual value).
    pub escalation_factor: f64,
    /// Amount in cents; negative = credit (residual value).
    pub amount_cents: i64,
}

/// Contract year of a payment in advance at month `m`.
pub fn year_in_advance(m: u32) -> u32 {
    m / 12 + 1
}

/// Contract year of a payment in arrears at month `m` (m ≥ 1).
pub fn year_in_arrears(m: u32) -> u32 {
    m.saturating_sub(1) / 12 + 1
}

/// Whether contract year `k` (1 … H) falls into the warranty of the purchase cohort in service:
/// cohorts are bought in years 1, L + 1, 2L + 1, …, so year k is the ((k − 1) mod L + 1)-th
/// year of that cohort's life, which is covered by the first `warranty_years` years.
pub fn under_warranty(k: u32, life_years: u32, warranty_years: u32) -> bool {
    let age = (k.max(1) - 1) % life_years.max(1) + 1;
    age <= warranty_years
}

/// (1 + e)^(k − 1) for escalation `pct` % and contract year `k`.
pub fn escalation_factor(pct: f64, year: u32) -> f64 {
    (1.0 + pct / 100.0).powi(year as i32 - 1)
}

/// The whole payment schedule of `offer` over the settings' horizon, sorted by month.
pub fn schedule(offer: &Offer, settings: &Settings) -> Vec<Payment> {
    let mut b = Builder {
        start: settings.start,
        e: offer.escalation_pct,
        out: Vec::new(),
    };
    let h = settings.horizon_years;
    let hm = settings.horizon_months();
    let units = offer.units as f64;
    match &offer.terms {
        Terms::Purchase(p) => {
            let life = p.useful_life_years.max(1);
            let price = p.unit_price_cents as f64;
            // Cohorts at m = 0, 12L, 24L, … while m < 12H.
            let mut last_cohort_year = 1;
            let mut m = 0;
            while m < hm {
                let k = year_in_advance(m);
                let kind = if m == 0 {
                    PaymentKind::Purchase
                } else {
                    PaymentKind::Repurchase
                };
                b.push(m, k, kind, units * price, true);
                last_cohort_year = k;
                m += 12 * life;
            }
            // Maintenance in arrears at m = 12k, except in the years a cohort is under
            // warranty: year k is the ((k − 1) mod L + 1)-th year of the cohort in service.
            let maint = p.maintenance_cents_per_unit_year as f64;
            for k in 1..=h {
                if !under_warranty(k, life, p.warranty_years) {
                    b.push(12 * k, k, PaymentKind::Maintenance, units * maint, true);
                }
            }
            // Residual value of the last cohort at m = 12H.
            let used = h - (last_cohort_year - 1); // years of life used, 1 … L
            let residual = p.residual_value_cents as f64;
            let value = if used >= life {
                residual
            } else {
                let cohort_price =
                    price * escalation_factor(offer.escalation_pct, last_cohort_year);
                cohort_price + (residual - cohort_price) * used as f64 / life as f64
            };
            b.push_fixed(hm, h, PaymentKind::Residual, -(units * value));
        }
        Terms::Lease(r) | Terms::Rental(r) => {
            let p = r.period.months();
            let t = r.term_months.max(p);
            let mut s = 0;
            while s < hm {
                if r.down_payment_cents > 0 {
                    b.push(
                        s,
                        year_in_advance(s),
                        PaymentKind::DownPayment,
                        units * r.down_payment_cents as f64,
                        true,
                    );
                }
                for i in 0..t / p {
                    let (m, k) = match r.timing {
                        Timing::Advance => {
                            let m = s + i * p;
                            if m >= hm {
                                break;
                            }
                            (m, year_in_advance(m))
                        }
                        Timing::Arrears => {
                            let m = s + (i + 1) * p;
                            if m > hm {
                                break;
                            }
                            (m, year_in_arrears(m))
                        }
                    };
                    b.push(m, k, PaymentKind::Rate, units * r.rate_cents as f64, true);
                }
                let end = s + t;
                if r.buyout_cents > 0 && end <= hm {
                    b.push(
                        end,
                        year_in_arrears(end),
                        PaymentKind::Buyout,
                        units * r.buyout_cents as f64,
                        true,
                    );
                }
                s += t;
            }
        }
        Terms::Support(sc) => {
            let price = sc.price_cents as f64;
            match sc.model {
                SupportModel::PerDeviceMonth => {
                    for m in 1..=hm {
                        b.push(
                            m,
                            year_in_arrears(m),
                            PaymentKind::Support,
                            units * price,
                            true,
                        );
                    }
                }
                _ => {
                    let qty = match sc.model {
                        SupportModel::PerSchoolYear => sc.schools_paid() as f64,
                        SupportModel::HourContingent => sc.hours_per_year.unwrap_or(0.0),
                        SupportModel::PerTicket => sc.tickets_per_year.unwrap_or(0.0),
                        SupportModel::PerDeviceMonth => 0.0,
                    };
                    for k in 1..=h {
                        b.push(12 * k, k, PaymentKind::Support, qty * price, true);
                    }
                }
            }
        }
    }
    let mut out = b.out;
    out.sort_by_key(|p| (p.month, p.kind));
    out
}

struct Builder {
    start: NaiveDate,
    e: f64,
    out: Vec<Payment>,
}

impl Builder {
    /// Adds `base` (cents, already × units) escalated by contract year `k`, rounded once.
    fn push(&mut self, m: u32, k: u32, kind: PaymentKind, base: f64, escalate: bool) {
        let f = if escalate {
            escalation_factor(self.e, k)
        } else {
            1.0
        };
        let amount = round_cents(base * f);
        if amount != 0 {
            self.out.push(Payment {
                month: m,
                date: add_months(self.start, m),
                contract_year: k,
                kind,
                label: kind.label_de(),
                escalation_factor: f,
                amount_cents: amount,
            });
        }
    }

    /// Adds an amount that is not escalated.
    fn push_fixed(&mut self, m: u32, k: u32, kind: PaymentKind, amount: f64) {
        self.push(m, k, kind, amount, false);
    }
}

/// t0 + `m` months (end-of-month clamped, e.g. 31 Jan + 1 = 28/29 Feb).
pub fn add_months(start: NaiveDate, m: u32) -> NaiveDate {
    start.checked_add_months(Months::new(m)).unwrap_or(start)
}
