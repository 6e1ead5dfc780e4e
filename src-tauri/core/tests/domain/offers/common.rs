//! Spreadsheet-style helpers: one row per payment (month, amount), discounted with powf.
//! Nothing here calls the code under test.

/// Round half away from zero, as a spreadsheet's ROUND(x; 0).
pub fn round(x: f64) -> i64 {
    x.round() as i64
}

/// Σ amount / (1 + r)^(m/12), unrounded.
pub fn pv(rows: &[(u32, i64)], r: f64) -> f64 {
    let mut s = 0.0;
    for (m, a) in rows {
        s += *a as f64 / (1.0 + r).powf(*m as f64 / 12.0);
    }
    s
}

pub fn nominal(rows: &[(u32, i64)]) -> i64 {
    rows.iter().map(|(_, a)| a).sum()
}

/// Annual equivalent = PV × r / (1 − (1 + r)^(−H)), PV / H at r = 0.
pub fn annuity(pv: f64, r: f64, h: u32) -> f64 {
    if r == 0.0 {
        pv / h as f64
    } else {
        pv * r / (1.0 - (1.0 + r).powf(-(h as f64)))
    }
}

/// A template with one offer.
pub fn template(rate_pct: f64, horizon: u32, offer: &str) -> String {
    format!(
        r#"{{"start": "2027-01-01", "horizon_years": {horizon}, "discount_rate_pct": {rate_pct}, "offers": [{offer}]}}"#
    )
}

/// (month, amount) rows of an offer's computed schedule, for comparing with the expected rows.
pub fn rows_of(result: &schulit_core::offers::OfferResult) -> Vec<(u32, i64)> {
    result
        .flows
        .iter()
        .map(|f| (f.month, f.amount_cents))
        .collect()
}

/// Sorts rows by month, then amount (order of payments in the same month is not part of the
/// contract).
pub fn sorted(mut rows: Vec<(u32, i64)>) -> Vec<(u32, i64)> {
    rows.sort();
    rows
}
