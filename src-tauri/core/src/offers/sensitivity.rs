//! Sensitivity analysis: vary the discount rate, the prices, the useful life and the escalation
//! of an offer (or of a variant, all its offers together) and see how its present value (or the
//! difference between two offers or two variants) moves; break-even values by bisection (to well
//! within 0.01 percentage points); tornado data. One code path for offers and variants: both are
//! a [`Side`].

use serde::Serialize;

use super::cashflow::schedule;
use super::model::*;
use super::pv::present_value;
use super::variant::{members, Variant};
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

/// Sensitivity of offer (or variant) A against offer (or variant) B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairSensitivity {
    pub a: String,
    pub b: String,
    /// PV(A) − PV(B) at base, cents.
    pub base_difference_cents: i64,
    pub break_even: Vec<BreakEven>,
    /// Tornado of PV(A) − PV(B) when A's parameters (and the common rate) vary.
    pub tornado: Vec<TornadoBar>,
    /// What was not varied and why (a variant whose offers differ in escalation or life).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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

/// What is varied: one offer, or the offers of a variant together (their payments merged, as in
/// [`super::variant::evaluate_variant`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub offers: Vec<Offer>,
    /// Plural for the texts ("Angebote", "Varianten").
    pub plural: &'static str,
}

impl Side {
    pub fn offer(o: &Offer) -> Side {
        Side {
            id: o.id.clone(),
            name: o.display_name().to_string(),
            offers: vec![o.clone()],
            plural: "Angebote",
        }
    }

    /// The offers of `v` that exist in `offers`.
    pub fn variant(v: &Variant, offers: &[Offer]) -> Side {
        Side {
            id: v.id.clone(),
            name: v.display_name().to_string(),
            offers: members(v, offers).into_iter().cloned().collect(),
            plural: "Varianten",
        }
    }

    /// The variant `id` of `set`, or the German error the CLI and the window both show
    /// („Variante „X“, Feld „id“: keine Variante mit dieser ID“).
    pub fn variant_in(set: &OfferSet, id: &str) -> Result<Side, super::OfferError> {
        set.variants
            .iter()
            .find(|v| v.id == id)
            .map(|v| Side::variant(v, &set.offers))
            .ok_or_else(|| super::OfferError::variant(id, "id", "keine Variante mit dieser ID"))
    }

    /// Unrounded PV (cents) of all payments of its offers.
    pub fn pv(&self, settings: &Settings) -> f64 {
        let payments: Vec<_> = self
            .offers
            .iter()
            .flat_map(|o| schedule(o, settings))
            .collect();
        present_value(&payments, settings.rate())
    }

    fn map(&self, f: impl Fn(&Offer) -> Offer) -> Side {
        Side {
            offers: self.offers.iter().map(f).collect(),
            ..self.clone()
        }
    }

    /// The escalation of its offers when they all have the same (else it is not varied).
    fn escalation(&self) -> Option<f64> {
        let e = self.offers.first()?.escalation_pct;
        self.offers
            .iter()
            .all(|o| o.escalation_pct == e)
            .then_some(e)
    }

    /// Why escalation or life is not varied (its offers differ in them); empty for one offer.
    pub fn not_varied(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.escalation().is_none() && !self.offers.is_empty() {
            out.push(format!(
                "Die Preissteigerung von „{}“ wird nicht variiert: ihre Angebote haben unterschiedliche Preissteigerungen ({}).",
                self.name,
                self.offers
                    .iter()
                    .map(|o| format!("{} {}", o.display_name(), format_pct(o.escalation_pct, 2)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let lives: Vec<u32> = self.offers.iter().filter_map(life_of).collect();
        if self.life().is_none() && !lives.is_empty() {
            out.push(format!(
                "Die Nutzungsdauer von „{}“ wird nicht variiert: ihre Kaufangebote haben unterschiedliche Nutzungsdauern.",
                self.name
            ));
        }
        out
    }

    /// The useful life of its purchase offers when there is one and they all have the same.
    fn life(&self) -> Option<u32> {
        let lives: Vec<u32> = self.offers.iter().filter_map(life_of).collect();
        let l = *lives.first()?;
        lives.iter().all(|x| *x == l).then_some(l)
    }

    fn scaled(&self, factor: f64) -> Side {
        self.map(|o| scale_prices(o, factor))
    }

    fn with_escalation(&self, pct: f64) -> Side {
        self.map(|o| with_escalation(o, pct))
    }

    /// Its purchase offers with `years` of useful life (the others unchanged).
    fn with_life(&self, years: u32) -> Side {
        self.map(|o| with_life(o, years).unwrap_or_else(|| o.clone()))
    }
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
    tornado_side(&Side::offer(offer), settings, spec)
}

/// Tornado data for the PV of an offer or a variant (all its offers varied together).
pub fn tornado_side(side: &Side, settings: &Settings, spec: &SensitivitySpec) -> Vec<TornadoBar> {
    bars(settings, spec, side, &|x: &Side, s: &Settings| x.pv(s))
}

fn bars(
    settings: &Settings,
    spec: &SensitivitySpec,
    offer: &Side,
    value: &dyn Fn(&Side, &Settings) -> f64,
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
        value(&offer.scaled(1.0 - d), settings),
        value(&offer.scaled(1.0 + d), settings),
    ));
    if let Some(l) = offer.life() {
        let lo = l.saturating_sub(spec.life_delta_years).max(1);
        let hi = l + spec.life_delta_years;
        out.push(bar(
            Parameter::Life,
            format!("{lo} Jahre"),
            format!("{hi} Jahre"),
            value(&offer.with_life(lo), settings),
            value(&offer.with_life(hi), settings),
        ));
    }
    if let Some(e) = offer.escalation() {
        let (el, eh) = (e - spec.escalation_delta_pp, e + spec.escalation_delta_pp);
        out.push(bar(
            Parameter::Escalation,
            format_pct(el, 2),
            format_pct(eh, 2),
            value(&offer.with_escalation(el), settings),
            value(&offer.with_escalation(eh), settings),
        ));
    }
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

/// Bisection tolerance for percentages (1/10,000,000 of a percentage point): at a district's
/// amounts (millions of euros) the two present values at a break-even rate then differ by well
/// under a cent.
pub const TOLERANCE_PP: f64 = 1e-7;

/// Break-even values and tornado of offer A against offer B.
pub fn pair(a: &Offer, b: &Offer, settings: &Settings, spec: &SensitivitySpec) -> PairSensitivity {
    pair_sides(&Side::offer(a), &Side::offer(b), settings, spec)
}

/// Break-even values and tornado of variant A against variant B: the discount rate at which
/// both have the same PV, the price level of all of A's offers, A's escalation (when all its
/// offers have the same) and A's useful life (when its purchases have the same).
pub fn variant_pair(
    a: &Variant,
    b: &Variant,
    offers: &[Offer],
    settings: &Settings,
    spec: &SensitivitySpec,
) -> PairSensitivity {
    pair_sides(
        &Side::variant(a, offers),
        &Side::variant(b, offers),
        settings,
        spec,
    )
}

/// Break-even values and tornado of A against B (offers or variants).
pub fn pair_sides(
    a: &Side,
    b: &Side,
    settings: &Settings,
    spec: &SensitivitySpec,
) -> PairSensitivity {
    let diff = |x: &Side, s: &Settings| x.pv(s) - b.pv(s);
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
                a.name,
                b.name,
                format_pct(r0, 2)
            ),
            None => format!(
                "Zwischen −5 % und 30 % p.a. gibt es keinen Zinssatz, bei dem „{}“ und „{}“ gleich viel kosten.",
                a.name,
                b.name
            ),
        },
    });

    // Prices of A: factor in [0, 500] %.
    let root = find_root(
        &|f| diff(&a.scaled(f / 100.0), settings),
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
                "„{}“ kostet so viel wie „{}“, wenn {} bei {} der angebotenen liegen ({}{}).",
                a.name,
                b.name,
                if a.plural == "Varianten" { "ihre Preise" } else { "seine Preise" },
                format_pct(x, 2),
                if x >= 100.0 { "+" } else { "" },
                format_pct(x - 100.0, 2)
            ),
            None => format!(
                "Keine Preisänderung von „{}“ zwischen 0 % und 500 % gleicht den Barwert von „{}“ aus.",
                a.name,
                b.name
            ),
        },
    });

    // Escalation of A in [−20, 30] % p.a. (a variant: when all its offers have the same).
    if let Some(e0) = a.escalation() {
        let root = find_root(
            &|e| diff(&a.with_escalation(e), settings),
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
                "Bei einer Preissteigerung von {} p.a. für „{}“ (aktuell {}) sind beide {} gleich teuer.",
                format_pct(x, 2),
                a.name,
                format_pct(e0, 2),
                a.plural
            ),
            None => format!(
                "Keine Preissteigerung von „{}“ zwischen −20 % und 30 % p.a. gleicht den Unterschied zu „{}“ aus.",
                a.name,
                b.name
            ),
        },
    });
    }

    // Useful life of a purchase A: whole years; the first life at which A's cost crosses B's.
    if let Some(l0) = a.life() {
        // The shortest whole-year life at which A costs at most as much as B.
        let cheaper_from = (1..=MAX_LIFE_SCAN).find(|y| diff(&a.with_life(*y), settings) <= 0.0);
        be.push(BreakEven {
            parameter: Parameter::Life,
            base_value: l0 as f64,
            value: cheaper_from.map(|y| y as f64),
            unit: "Jahre",
            explanation: match cheaper_from {
                Some(y) => format!(
                    "„{}“ ist ab einer Nutzungsdauer von {y} Jahren höchstens so teuer wie „{}“ (angenommen: {l0} Jahre).",
                    a.name,
                    b.name
                ),
                None => format!(
                    "Auch mit {MAX_LIFE_SCAN} Jahren Nutzungsdauer bleibt „{}“ teurer als „{}“.",
                    a.name,
                    b.name
                ),
            },
        });
    }

    let tornado = bars(settings, spec, a, &|x: &Side, s: &Settings| diff(x, s));
    PairSensitivity {
        a: a.id.clone(),
        b: b.id.clone(),
        base_difference_cents: base,
        break_even: be,
        tornado,
        notes: a.not_varied(),
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
