//! Sensitivity analysis: vary the discount rate, the prices, the useful life and the escalation
//! of an offer and see how its present value (or the difference between two offers) moves;
//! break-even values by bisection (to well within 0.01 percentage points); tornado data.

use serde::Serialize;

use super::model::*;
use super::pv::offer_pv;
use crate::format::{format_decimal, format_pct};
use crate::money::{format_eur, round_cents};

/// How far each parameter is varied (both directions).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct SensitivitySpec {
    /// Discount rate ± percentage points (default 1).
    pub rate_delta_pp: f64,
    /// All prices of the offer ± % (default 10).
    pub price_delta_pct: f64,
    /// Useful life (purchase) ± years (default 1).
    pub life_delta_years: u32,
    /// Escalation ± percentage points (default 1).
    pub escalation_delta_pp: f64,
}

impl Default for SensitivitySpec {
    fn default() -> Self {
        SensitivitySpec {
            rate_delta_pp: 1.0,
            price_delta_pct: 10.0,
            life_delta_years: 1,
            escalation_delta_pp: 1.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    DiscountRate,
    Price,
    Life,
    Escalation,
}

impl Parameter {
    pub fn label_de(self) -> &'static str {
        match self {
            Parameter::DiscountRate => "Kalkulationszinssatz",
            Parameter::Price => "Preise",
            Parameter::Life => "Nutzungsdauer",
            Parameter::Escalation => "Preissteigerung",
        }
    }
}

/// One bar of a tornado chart: the value (PV or PV difference, cents) at the low and the high
/// setting of one parameter, the others at base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoBar {
    pub parameter: Parameter,
    pub label: String,
    pub low_setting: String,
    pub high_setting: String,
    pub low_cents: i64,
    pub base_cents: i64,
    pub high_cents: i64,
    /// |high − low|, the bar's length.
    pub spread_cents: i64,
}

/// A break-even value: where offer A and offer B have the same present value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    pub parameter: Parameter,
    /// The parameter's current value (rate in % p.a., price factor in %, life in years,
    /// escalation in % p.a.).
    pub base_value: f64,
    /// Where PV(A) = PV(B); `None` if there is none in the searched range.
    pub value: Option<f64>,
    pub unit: &'static str,
    pub explanation: String,
}

/// Sensitivity of offer A against offer B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairSensitivity {
    pub a: String,
    pub b: String,
    /// PV(A) − PV(B) at base, cents.
    pub base_difference_cents: i64,
    pub break_even: Vec<BreakEven>,
    /// Tornado of PV(A) − PV(B) when A's parameters (and the common rate) vary.
    pub tornado: Vec<TornadoBar>,
}

/// `offer` with all money amounts multiplied by `factor`.
pub fn scale_prices(offer: &Offer, factor: f64) -> Offer {
    let s = |c: i64| round_cents(c as f64 * factor);
    let mut o = offer.clone();
    match &mut o.terms {
        Terms::Purchase(p) => {
            p.unit_price_cents = s(p.unit_price_cents);
            p.residual_value_cents = s(p.residual_value_cents);
            p.maintenance_cents_per_unit_year = s(p.maintenance_cents_per_unit_year);
        }
        Terms::Lease(r) | Terms::Rental(r) => {
            r.rate_cents = s(r.rate_cents);
            r.down_payment_cents = s(r.down_payment_cents);
            r.buyout_cents = s(r.buyout_cents);
        }
        Terms::Support(x) => x.price_cents = s(x.price_cents),
    }
    o
}

fn with_rate(settings: &Settings, pct: f64) -> Settings {
    let mut s = settings.clone();
    s.discount_rate_pct = pct;
    s
}

fn with_escalation(offer: &Offer, pct: f64) -> Offer {
    let mut o = offer.clone();
    o.escalation_pct = pct;
    o
}

fn with_life(offer: &Offer, years: u32) -> Option<Offer> {
    let mut o = offer.clone();
    match &mut o.terms {
        Terms::Purchase(p) => {
            p.useful_life_years = years.max(1);
            Some(o)
        }
        _ => None,
    }
}

fn life_of(offer: &Offer) -> Option<u32> {
    match &offer.terms {
        Terms::Purchase(p) => Some(p.useful_life_years),
        _ => None,
    }
}

/// Tornado data for the PV of one offer, sorted by spread (longest bar first).
pub fn tornado(offer: &Offer, settings: &Settings, spec: &SensitivitySpec) -> Vec<TornadoBar> {
    bars(settings, spec, offer, &|o: &Offer, s: &Settings| {
        offer_pv(o, s)
    })
}

fn bars(
    settings: &Settings,
    spec: &SensitivitySpec,
    offer: &Offer,
    value: &dyn Fn(&Offer, &Settings) -> f64,
) -> Vec<TornadoBar> {
    let base = round_cents(value(offer, settings));
    let mut out = Vec::new();
    let bar = |parameter, low_setting: String, high_setting: String, low: f64, high: f64| {
        let (low, high) = (round_cents(low), round_cents(high));
        TornadoBar {
            parameter,
            label: Parameter::label_de(parameter).to_string(),
            low_setting,
            high_setting,
            low_cents: low,
            base_cents: base,
            high_cents: high,
            spread_cents: (high - low).abs(),
        }
    };
    let r = settings.discount_rate_pct;
    let (rl, rh) = (r - spec.rate_delta_pp, r + spec.rate_delta_pp);
    out.push(bar(
        Parameter::DiscountRate,
        format_pct(rl, 2),
        format_pct(rh, 2),
        value(offer, &with_rate(settings, rl)),
        value(offer, &with_rate(settings, rh)),
    ));
    let d = spec.price_delta_pct / 100.0;
    out.push(bar(
        Parameter::Price,
        format!("−{}", format_pct(spec.price_delta_pct, 0)),
        format!("+{}", format_pct(spec.price_delta_pct, 0)),
        value(&scale_prices(offer, 1.0 - d), settings),
        value(&scale_prices(offer, 1.0 + d), settings),
    ));
    if let Some(l) = life_of(offer) {
        let lo = l.saturating_sub(spec.life_delta_years).max(1);
        let hi = l + spec.life_delta_years;
        if let (Some(a), Some(b)) = (with_life(offer, lo), with_life(offer, hi)) {
            out.push(bar(
                Parameter::Life,
                format!("{lo} Jahre"),
                format!("{hi} Jahre"),
                value(&a, settings),
                value(&b, settings),
            ));
        }
    }
    let e = offer.escalation_pct;
    let (el, eh) = (e - spec.escalation_delta_pp, e + spec.escalation_delta_pp);
    out.push(bar(
        Parameter::Escalation,
        format_pct(el, 2),
        format_pct(eh, 2),
        value(&with_escalation(offer, el), settings),
        value(&with_escalation(offer, eh), settings),
    ));
    out.sort_by_key(|b| std::cmp::Reverse(b.spread_cents));
    out
}

/// Finds x in [lo, hi] with f(x) = 0 by scanning `steps` intervals for a sign change and then
/// bisecting to `tol`. Returns the first root found from `lo` upwards.
pub fn find_root(f: &dyn Fn(f64) -> f64, lo: f64, hi: f64, steps: u32, tol: f64) -> Option<f64> {
    let mut a = lo;
    let mut fa = f(a);
    if fa == 0.0 {
        return Some(a);
    }
    for i in 1..=steps {
        let b = lo + (hi - lo) * i as f64 / steps as f64;
        let fb = f(b);
        if fb == 0.0 {
            return Some(b);
        }
        if fa.signum() != fb.signum() {
            let (mut x0, mut x1, mut f0) = (a, b, fa);
            while x1 - x0 > tol {
                let mid = 0.5 * (x0 + x1);
                let fm = f(mid);
                if fm == 0.0 {
                    return Some(mid);
                }
                if fm.signum() == f0.signum() {
                    x0 = mid;
                    f0 = fm;
                } else {
                    x1 = mid;
                }
            }
            return Some(0.5 * (x0 + x1));
        }
        a = b;
        fa = fb;
    }
    None
}

/// Bisection tolerance for percentages (1/10,000 of a percentage point).
pub const TOLERANCE_PP: f64 = 1e-4;

/// Break-even values and tornado of offer A against offer B.
pub fn pair(a: &Offer, b: &Offer, settings: &Settings, spec: &SensitivitySpec) -> PairSensitivity {
    let diff = |x: &Offer, s: &Settings| offer_pv(x, s) - offer_pv(b, s);
    let base = round_cents(diff(a, settings));
    let mut be = Vec::new();

    // Discount rate: PV(A, r) − PV(B, r) = 0 for r in [−5, 30] % p.a.
    let r0 = settings.discount_rate_pct;
    let root = find_root(
        &|r| diff(a, &with_rate(settings, r)),
        -5.0,
        30.0,
        70,
        TOLERANCE_PP,
    );
    be.push(BreakEven {
        parameter: Parameter::DiscountRate,
        base_value: r0,
        value: root,
        unit: "% p.a.",
        explanation: match root {
            Some(x) => format!(
                "Bei einem Kalkulationszinssatz von {} p.a. haben „{}“ und „{}“ denselben Barwert (aktuell {}).",
                format_pct(x, 2),
                a.display_name(),
                b.display_name(),
                format_pct(r0, 2)
            ),
            None => format!(
                "Zwischen −5 % und 30 % p.a. gibt es keinen Zinssatz, bei dem „{}“ und „{}“ gleich viel kosten.",
                a.display_name(),
                b.display_name()
            ),
        },
    });

    // Prices of A: factor in [0, 500] %.
    let root = find_root(
        &|f| diff(&scale_prices(a, f / 100.0), settings),
        0.0,
        500.0,
        100,
        TOLERANCE_PP,
    );
    be.push(BreakEven {
        parameter: Parameter::Price,
        base_value: 100.0,
        value: root,
        unit: "% der angebotenen Preise",
        explanation: match root {
            Some(x) => format!(
                "„{}“ kostet so viel wie „{}“, wenn seine Preise bei {} der angebotenen liegen ({}{}).",
                a.display_name(),
                b.display_name(),
                format_pct(x, 2),
                if x >= 100.0 { "+" } else { "" },
                format_pct(x - 100.0, 2)
            ),
            None => format!(
                "Keine Preisänderung von „{}“ zwischen 0 % und 500 % gleicht den Barwert von „{}“ aus.",
                a.display_name(),
                b.display_name()
            ),
        },
    });

    // Escalation of A in [−20, 30] % p.a.
    let e0 = a.escalation_pct;
    let root = find_root(
        &|e| diff(&with_escalation(a, e), settings),
        -20.0,
        30.0,
        100,
        TOLERANCE_PP,
    );
    be.push(BreakEven {
        parameter: Parameter::Escalation,
        base_value: e0,
        value: root,
        unit: "% p.a.",
        explanation: match root {
            Some(x) => format!(
                "Bei einer Preissteigerung von {} p.a. für „{}“ (aktuell {}) sind beide Angebote gleich teuer.",
                format_pct(x, 2),
                a.display_name(),
                format_pct(e0, 2)
            ),
            None => format!(
                "Keine Preissteigerung von „{}“ zwischen −20 % und 30 % p.a. gleicht den Unterschied zu „{}“ aus.",
                a.display_name(),
                b.display_name()
            ),
        },
    });

    // Useful life of a purchase A: whole years; the first life at which A's cost crosses B's.
    if let Some(l0) = life_of(a) {
        // The shortest whole-year life at which A costs at most as much as B.
        let cheaper_from = (1..=MAX_LIFE_SCAN).find(|y| {
            with_life(a, *y)
                .map(|x| diff(&x, settings) <= 0.0)
                .unwrap_or(false)
        });
        be.push(BreakEven {
            parameter: Parameter::Life,
            base_value: l0 as f64,
            value: cheaper_from.map(|y| y as f64),
            unit: "Jahre",
            explanation: match cheaper_from {
                Some(y) => format!(
                    "„{}“ ist ab einer Nutzungsdauer von {y} Jahren höchstens so teuer wie „{}“ (angenommen: {l0} Jahre).",
                    a.display_name(),
                    b.display_name()
                ),
                None => format!(
                    "Auch mit {MAX_LIFE_SCAN} Jahren Nutzungsdauer bleibt „{}“ teurer als „{}“.",
                    a.display_name(),
                    b.display_name()
                ),
            },
        });
    }

    let tornado = bars(settings, spec, a, &|x: &Offer, s: &Settings| diff(x, s));
    PairSensitivity {
        a: a.id.clone(),
        b: b.id.clone(),
        base_difference_cents: base,
        break_even: be,
        tornado,
    }
}

const MAX_LIFE_SCAN: u32 = 15;

/// A one-line German summary of a tornado bar (for tables and the PDF).
pub fn describe_bar(bar: &TornadoBar) -> String {
    format!(
        "{}: {} → {}, {} → {} (Basis {}, Spanne {})",
        bar.label,
        bar.low_setting,
        format_eur(bar.low_cents),
        bar.high_setting,
        format_eur(bar.high_cents),
        format_eur(bar.base_cents),
        format_eur(bar.spread_cents)
    )
}

/// Formats a break-even value with its unit.
pub fn describe_break_even(b: &BreakEven) -> String {
    match b.value {
        Some(v) => format!(
            "{}: {} {}",
            b.parameter.label_de(),
            format_decimal(v, 2),
            b.unit
        ),
        None => format!("{}: kein Break-even im Suchbereich", b.parameter.label_de()),
    }
}
