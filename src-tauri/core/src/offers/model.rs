//! The offer model: four kinds of offer (purchase, lease, rental, support contract) and the
//! comparison settings. Field names are those of the JSON template v1 (DOMAIN.md §3,
//! `docs/OFFERS.md`): serialising an [`OfferSet`] gives a valid template. Reading goes through
//! [`crate::offers::validate`], which names the offer and field of every mistake.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Default Kalkulationszinssatz (nominal, % p.a.).
pub const DEFAULT_RATE_PCT: f64 = 0.9;
/// Where [`DEFAULT_RATE_PCT`] comes from, with its date.
pub const DEFAULT_RATE_SOURCE: &str = "BMF, „Personalkosten, Sachkosten und \
Kalkulationszinssätze“, Stand Juli 2023 (0,9 % p.a., nominal). Bitte den aktuellen Wert eintragen.";
/// Source text when the template sets `discount_rate_pct` without `discount_rate_source`.
pub const TEMPLATE_RATE_SOURCE: &str = "Vorgabe der Angebotsdatei (discount_rate_pct)";

/// Payment period of a lease or rental.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Monthly,
    Quarterly,
    Yearly,
}

impl Period {
    pub const ALL: [&'static str; 3] = ["monthly", "quarterly", "yearly"];

    pub fn months(self) -> u32 {
        match self {
            Period::Monthly => 1,
            Period::Quarterly => 3,
            Period::Yearly => 12,
        }
    }

    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "monthly" => Some(Period::Monthly),
            "quarterly" => Some(Period::Quarterly),
            "yearly" => Some(Period::Yearly),
            _ => None,
        }
    }

    pub fn label_de(self) -> &'static str {
        match self {
            Period::Monthly => "monatlich",
            Period::Quarterly => "vierteljährlich",
            Period::Yearly => "jährlich",
        }
    }
}

/// Payment in advance (start of each period) or in arrears (end of each period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    Advance,
    Arrears,
}

impl Timing {
    pub const ALL: [&'static str; 2] = ["advance", "arrears"];

    pub fn parse(s: &str) -> Option<Timing> {
        match s {
            "advance" => Some(Timing::Advance),
            "arrears" => Some(Timing::Arrears),
            _ => None,
        }
    }

    pub fn label_de(self) -> &'static str {
        match self {
            Timing::Advance => "vorschüssig",
            Timing::Arrears => "nachschüssig",
        }
    }
}

/// Price model of a support contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportModel {
    /// `price_cents` per device per month × units, monthly in arrears.
    PerDeviceMonth,
    /// `price_cents` per school per year × number of schools, yearly in arrears.
    PerSchoolYear,
    /// `hours_per_year` × `price_cents` (hourly rate), yearly in arrears.
    HourContingent,
    /// `tickets_per_year` × `price_cents` (price per ticket), yearly in arrears.
    PerTicket,
}

impl SupportModel {
    pub const ALL: [&'static str; 4] = [
        "per_device_month",
        "per_school_year",
        "hour_contingent",
        "per_ticket",
    ];

    pub fn parse(s: &str) -> Option<SupportModel> {
        match s {
            "per_device_month" => Some(SupportModel::PerDeviceMonth),
            "per_school_year" => Some(SupportModel::PerSchoolYear),
            "hour_contingent" => Some(SupportModel::HourContingent),
            "per_ticket" => Some(SupportModel::PerTicket),
            _ => None,
        }
    }

    pub fn label_de(self) -> &'static str {
        match self {
            SupportModel::PerDeviceMonth => "je Gerät und Monat",
            SupportModel::PerSchoolYear => "Pauschale je Schule und Jahr",
            SupportModel::HourContingent => "Stundenkontingent",
            SupportModel::PerTicket => "je Ticket",
        }
    }
}

/// How schools are connected to support (NRW guideline 2025, MSB/KDN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolConnection {
    /// Schools directly connected to a central municipal IT service.
    Central,
    /// Multi-tier: a fixed contact person in the school, second level behind.
    MultiTier,
    /// Mixed forms.
    Mixed,
}

impl SchoolConnection {
    pub const ALL: [&'static str; 3] = ["central", "multi_tier", "mixed"];

    pub fn parse(s: &str) -> Option<SchoolConnection> {
        match s {
            "central" => Some(SchoolConnection::Central),
            "multi_tier" => Some(SchoolConnection::MultiTier),
            "mixed" => Some(SchoolConnection::Mixed),
            _ => None,
        }
    }

    pub fn label_de(self) -> &'static str {
        match self {
            SchoolConnection::Central => "zentral (kommunaler IT-Service)",
            SchoolConnection::MultiTier => "mehrstufig (feste Ansprechperson in der Schule)",
            SchoolConnection::Mixed => "Mischform",
        }
    }
}

/// Agreed service levels of a support contract: hours per priority (1 = critical … 4 = low),
/// in business hours of `service_hours`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sla {
    #[serde(default)]
    pub first_response_h: BTreeMap<u8, f64>,
    #[serde(default)]
    pub resolution_h: BTreeMap<u8, f64>,
}

/// Purchase: units × unit price at month 0, re-purchase after the useful life, maintenance
/// yearly in arrears (none in the warranty years of each cohort), residual value credited at
/// the horizon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    pub unit_price_cents: i64,
    pub useful_life_years: u32,
    #[serde(default)]
    pub residual_value_cents: i64,
    #[serde(default)]
    pub maintenance_cents_per_unit_year: i64,
    /// Warranty per device in years: in the first `warranty_years` years of each cohort's life
    /// (also after a re-purchase) no maintenance is paid.
    #[serde(default)]
    pub warranty_years: u32,
}

/// Lease or rental (device as a service): a rate per unit per period over a term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rental {
    pub rate_cents: i64,
    pub period: Period,
    pub timing: Timing,
    pub term_months: u32,
    #[serde(default)]
    pub down_payment_cents: i64,
    /// Buy-out per unit at the end of each term; 0 = devices are returned.
    #[serde(default)]
    pub buyout_cents: i64,
    /// Services included (informational), e.g. "Support, Austausch defekter Geräte".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub services: String,
}

/// Support contract: price model, SLA targets and the schools it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Support {
    pub model: SupportModel,
    /// Per device per month, per school per year, per hour or per ticket (see `model`).
    pub price_cents: i64,
    /// Number of schools for `per_school_year` (default: length of `schools`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets_per_year: Option<f64>,
    #[serde(default)]
    pub sla: Sla,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service_hours: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_site_days_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<SchoolConnection>,
    /// Schulnummern of the schools the contract covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schools: Vec<String>,
}

impl Support {
    /// Schools paid for under `per_school_year`.
    pub fn schools_paid(&self) -> u32 {
        self.school_count.unwrap_or(self.schools.len() as u32)
    }
}

/// The kind-specific terms of an offer (`kind` in the template).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Terms {
    Purchase(Purchase),
    Lease(Rental),
    Rental(Rental),
    Support(Support),
}

impl Terms {
    pub fn kind(&self) -> &'static str {
        match self {
            Terms::Purchase(_) => "purchase",
            Terms::Lease(_) => "lease",
            Terms::Rental(_) => "rental",
            Terms::Support(_) => "support",
        }
    }

    pub fn kind_de(&self) -> &'static str {
        match self {
            Terms::Purchase(_) => "Kauf",
            Terms::Lease(_) => "Leasing",
            Terms::Rental(_) => "Miete",
            Terms::Support(_) => "Supportvertrag",
        }
    }

    /// Default comparison group: devices or support.
    pub fn default_group(&self) -> &'static str {
        match self {
            Terms::Support(_) => GROUP_SUPPORT,
            _ => GROUP_DEVICES,
        }
    }
}

pub const KINDS: [&str; 4] = ["purchase", "lease", "rental", "support"];
pub const GROUP_DEVICES: &str = "geraete";
pub const GROUP_SUPPORT: &str = "support";

/// One offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// Short key, unique within a set (e.g. "leasing").
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub vendor: String,
    /// Offers are ranked within their group (default: "geraete" or "support").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// Number of devices covered.
    pub units: i64,
    /// Yearly price escalation by contract year, %.
    #[serde(default)]
    pub escalation_pct: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(flatten)]
    pub terms: Terms,
}

impl Offer {
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }

    pub fn group_key(&self) -> &str {
        if self.group.is_empty() {
            self.terms.default_group()
        } else {
            &self.group
        }
    }
}

/// Settings of a comparison (Wirtschaftlichkeitsvergleich).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// t0, month index 0.
    pub start: NaiveDate,
    /// Common horizon H in years.
    pub horizon_years: u32,
    /// Kalkulationszinssatz r in % p.a. (effective, nominal).
    pub discount_rate_pct: f64,
    /// Where the rate comes from (printed on every comparison).
    pub discount_rate_source: String,
    /// Pupils served, for the cost per pupil per year (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupils: Option<i64>,
}

impl Settings {
    /// Defaults: start next 1 January of `year`, 5 years, BMF rate.
    pub fn default_for_year(year: i32) -> Settings {
        Settings {
            start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
            horizon_years: 5,
            discount_rate_pct: DEFAULT_RATE_PCT,
            discount_rate_source: DEFAULT_RATE_SOURCE.to_string(),
            pupils: None,
        }
    }

    pub fn rate(&self) -> f64 {
        self.discount_rate_pct / 100.0
    }

    pub fn horizon_months(&self) -> u32 {
        self.horizon_years * 12
    }
}

/// An evaluation criterion (UfAB) with its weight (all weights sum to 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: f64,
}

/// Criteria, scores and method parameters of a weighted evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSpec {
    pub criteria: Vec<Criterion>,
    /// offer id → criterion id → score (0 … `max_score`).
    pub scores: BTreeMap<String, BTreeMap<String, f64>>,
    /// Highest possible score per criterion (default 10).
    #[serde(default = "default_max_score")]
    pub max_score: f64,
    /// Schwankungsbereich of the erweiterte Richtwertmethode, % (default 10).
    #[serde(default = "default_band")]
    pub band_pct: f64,
    /// Deciding criterion within the band: "performance" (highest L, default) or "price".
    #[serde(default = "default_deciding")]
    pub deciding: String,
    /// Nutzwertanalyse: share of the price in the total, % (default 30).
    #[serde(default = "default_price_share")]
    pub price_share_pct: f64,
    /// Nutzwertanalyse: a price this many % above the lowest gets 0 points (default 100).
    #[serde(default = "default_zero_at")]
    pub price_zero_at_pct: f64,
}

fn default_max_score() -> f64 {
    10.0
}
fn default_band() -> f64 {
    10.0
}
fn default_deciding() -> String {
    "performance".into()
}
fn default_price_share() -> f64 {
    30.0
}
fn default_zero_at() -> f64 {
    100.0
}

impl Default for EvaluationSpec {
    fn default() -> Self {
        EvaluationSpec {
            criteria: Vec::new(),
            scores: BTreeMap::new(),
            max_score: default_max_score(),
            band_pct: default_band(),
            deciding: default_deciding(),
            price_share_pct: default_price_share(),
            price_zero_at_pct: default_zero_at(),
        }
    }
}

/// A whole template: settings, offers and (optionally) the evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferSet {
    pub settings: Settings,
    pub offers: Vec<Offer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<EvaluationSpec>,
    /// Varianten: named combinations of these offers (`offers::variant`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<super::variant::Variant>,
}

impl OfferSet {
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// The template v1 JSON of this set (what `validate::parse_template` reads).
    pub fn to_template(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "version": 1,
            "start": self.settings.start.format("%Y-%m-%d").to_string(),
            "horizon_years": self.settings.horizon_years,
            "discount_rate_pct": self.settings.discount_rate_pct,
            "discount_rate_source": self.settings.discount_rate_source,
            "offers": self.offers,
        });
        if let Some(p) = self.settings.pupils {
            v["pupils"] = p.into();
        }
        if let Some(e) = &self.evaluation {
            v["evaluation"] = serde_json::to_value(e).unwrap_or_default();
        }
        if !self.variants.is_empty() {
            v["variants"] = serde_json::to_value(&self.variants).unwrap_or_default();
        }
        v
    }
}

/// The year after today (default start year of a new comparison).
pub fn next_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().date_naive().year() + 1
}

/// Parses `2027-01-01` or `01.01.2027`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d.%m.%Y"))
        .ok()
}
