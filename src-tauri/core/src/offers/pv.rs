//! Present value (Kapitalwert/Barwert), annual equivalent and unit costs of one offer.
//!
//! A payment A at month m has the present value A / (1 + r)^(m/12). The PV of an offer is the
//! sum of the unrounded present values, rounded once to the cent (half away from zero).
//! Annual equivalent = PV × r / (1 − (1 + r)^(−H)) (PV / H when r = 0), computed from the
//! unrounded PV and rounded once; per device per year = annual equivalent / units, per pupil per
//! year = annual equivalent / pupils, each from the unrounded annual equivalent, rounded once.

use serde::Serialize;

use super::cashflow::{schedule, Payment, PaymentKind};
use super::model::*;
use crate::money::round_cents;

/// One line of an offer's cash-flow table: the payment and how it is discounted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowLine {
    pub month: u32,
    pub date: chrono::NaiveDate,
    pub contract_year: u32,
    pub kind: PaymentKind,
    pub label: &'static str,
    pub escalation_factor: f64,
    pub amount_cents: i64,
    /// 1 / (1 + r)^(m/12).
    pub discount_factor: f64,
    /// amount × discount factor, rounded to the cent for display (the total PV is rounded once
    /// from the unrounded sum, so the rounded lines may differ from it by a few cents).
    pub present_value_cents: i64,
}

/// Nominal and discounted sums of one contract year, with running totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearLine {
    pub year: u32,
    pub nominal_cents: i64,
    pub present_value_cents: i64,
    pub cumulative_nominal_cents: i64,
    pub cumulative_present_value_cents: i64,
}

/// Everything computed for one offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferResult {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub kind_de: &'static str,
    pub group: String,
    pub units: i64,
    /// Sum of all payments in the horizon.
    pub nominal_cents: i64,
    pub present_value_cents: i64,
    pub annual_equivalent_cents: i64,
    pub cost_per_device_year_cents: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_per_pupil_year_cents: Option<i64>,
    /// Annuity factor r / (1 − (1 + r)^(−H)) (1/H when r = 0).
    pub annuity_factor: f64,
    /// Payments grouped by contract year (the residual credit belongs to year H).
    pub years: Vec<YearLine>,
    /// Every payment with its discount factor and PV.
    pub flows: Vec<FlowLine>,
    /// The offer's terms in one German sentence and the formulas used.
    pub explain: Vec<String>,
}

/// 1 / (1 + r)^(m/12) for the yearly rate `r` (fraction, e.g. 0.02).
pub fn discount_factor(r: f64, month: u32) -> f64 {
    (1.0 + r).powf(-(month as f64) / 12.0)
}

/// Unrounded present value (cents) of a schedule.
pub fn present_value(payments: &[Payment], r: f64) -> f64 {
    payments
        .iter()
        .map(|p| p.amount_cents as f64 * discount_factor(r, p.month))
        .sum()
}

/// r / (1 − (1 + r)^(−H)), or 1/H when r = 0.
pub fn annuity_factor(r: f64, horizon_years: u32) -> f64 {
    let h = horizon_years.max(1) as f64;
    if r.abs() < 1e-12 {
        1.0 / h
    } else {
        r / (1.0 - (1.0 + r).powf(-h))
    }
}

/// Unrounded PV (cents) of one offer under `settings`; used by the sensitivity analysis.
pub fn offer_pv(offer: &Offer, settings: &Settings) -> f64 {
    present_value(&schedule(offer, settings), settings.rate())
}

/// The figures of a payment schedule: what an offer and a variant (the payments of several
/// offers together) have in common. One code path for both (see [`figures`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub nominal_cents: i64,
    pub present_value_cents: i64,
    pub annual_equivalent_cents: i64,
    pub cost_per_device_year_cents: i64,
    pub cost_per_pupil_year_cents: Option<i64>,
    pub annuity_factor: f64,
    pub years: Vec<YearLine>,
    pub flows: Vec<FlowLine>,
}

/// Nominal sum, PV, annual equivalent, per device (`units`) and per pupil per year, year-by-year
/// sums and the discounted flows of `payments` under `settings`. Cent sums saturate instead of
/// overflowing (a variant adds the payments of many offers).
pub fn figures(payments: &[Payment], units: i64, settings: &Settings) -> Figures {
    let r = settings.rate();
    let h = settings.horizon_years;
    let mut flows = Vec::with_capacity(payments.len());
    let mut pv_sum = 0.0;
    let mut nominal = 0i64;
    let mut year_nom = vec![0i64; h as usize];
    let mut year_pv = vec![0.0f64; h as usize];
    for p in payments {
        let df = discount_factor(r, p.month);
        let pv = p.amount_cents as f64 * df;
        pv_sum += pv;
        nominal = nominal.saturating_add(p.amount_cents);
        let y = (p.contract_year.clamp(1, h) - 1) as usize;
        year_nom[y] = year_nom[y].saturating_add(p.amount_cents);
        year_pv[y] += pv;
        flows.push(FlowLine {
            month: p.month,
            date: p.date,
            contract_year: p.contract_year,
            kind: p.kind,
            label: p.label,
            escalation_factor: p.escalation_factor,
            amount_cents: p.amount_cents,
            discount_factor: df,
            present_value_cents: round_cents(pv),
        });
    }
    let mut years = Vec::with_capacity(h as usize);
    let (mut cn, mut cp) = (0i64, 0.0f64);
    for (i, (n, p)) in year_nom.iter().zip(&year_pv).enumerate() {
        cn = cn.saturating_add(*n);
        cp += p;
        years.push(YearLine {
            year: i as u32 + 1,
            nominal_cents: *n,
            present_value_cents: round_cents(*p),
            cumulative_nominal_cents: cn,
            cumulative_present_value_cents: round_cents(cp),
        });
    }
    let af = annuity_factor(r, h);
    let ae = pv_sum * af;
    let per_device = ae / units.max(1) as f64;
    let per_pupil = settings
        .pupils
        .filter(|p| *p > 0)
        .map(|p| round_cents(ae / p as f64));
    Figures {
        nominal_cents: nominal,
        present_value_cents: round_cents(pv_sum),
        annual_equivalent_cents: round_cents(ae),
        cost_per_device_year_cents: round_cents(per_device),
        cost_per_pupil_year_cents: per_pupil,
        annuity_factor: af,
        years,
        flows,
    }
}

/// Computes the result of one offer.
pub fn evaluate(offer: &Offer, settings: &Settings) -> OfferResult {
    let f = figures(&schedule(offer, settings), offer.units, settings);
    OfferResult {
        id: offer.id.clone(),
        name: offer.display_name().to_string(),
        kind: offer.terms.kind(),
        kind_de: offer.terms.kind_de(),
        group: offer.group_key().to_string(),
        units: offer.units,
        nominal_cents: f.nominal_cents,
        present_value_cents: f.present_value_cents,
        annual_equivalent_cents: f.annual_equivalent_cents,
        cost_per_device_year_cents: f.cost_per_device_year_cents,
        cost_per_pupil_year_cents: f.cost_per_pupil_year_cents,
        annuity_factor: f.annuity_factor,
        years: f.years,
        flows: f.flows,
        explain: super::explain::describe_offer(offer, settings),
    }
}
