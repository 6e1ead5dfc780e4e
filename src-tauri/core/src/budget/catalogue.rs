//! The equipment catalogue: categories with unit price, useful life, running cost and defect
//! reserve. The defaults are the rough planning assumptions of the domain brief (DOMAIN.md §2);
//! each carries its source so the product can show it and users can replace it with own quotes.

use serde::{Deserialize, Serialize};

use super::PlanError;

/// Source label of the built-in defaults.
pub const DEFAULT_SOURCE: &str = "Planungsannahme ohne Einzelquelle (Richtwerte aus dem Fachkonzept des Schul-IT-Cockpits; durch eigene Angebote ersetzen)";
/// Date of the built-in defaults.
pub const DEFAULT_SOURCE_DATE: &str = "2026-11";
/// Default yearly price escalation in percent.
pub const DEFAULT_ESCALATION_PCT: f64 = 2.0;
/// Default defect reserve: spare units per year in percent of the units in use.
pub const DEFAULT_DEFECT_RESERVE_PCT: f64 = 5.0;

/// One equipment category. Money in cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// Stable key (`student_tablet`), used by rules, inventory and funding.
    pub key: String,
    /// German label.
    pub label: String,
    pub unit_price_cents: i64,
    pub life_years: i32,
    pub running_cents_per_year: i64,
    /// Spare units bought each year, in percent of the units in use.
    pub defect_reserve_pct: f64,
    /// Counts as an end device (basis for per-device rules such as second-level support).
    pub is_device: bool,
    /// Counts as a mobile device for funding rules (DigitalPakt 1.0: at most 20 % / 25.000 €).
    pub is_mobile: bool,
    /// Where the figures come from.
    pub source: String,
    /// When they were taken (free text, e.g. `2026-11` or a quote's date).
    pub source_date: String,
}

impl Category {
    pub fn validate(&self) -> Result<(), PlanError> {
        let bad = |field: &str, message: String| {
            Err(PlanError::Invalid {
                field: format!("{} ({})", field, self.label),
                message,
            })
        };
        if self.key.trim().is_empty()
            || !self
                .key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return bad(
                "Schlüssel",
                format!("„{}“: nur Buchstaben, Ziffern, _ und - erlaubt", self.key),
            );
        }
        if self.label.trim().is_empty() {
            return bad("Bezeichnung", "darf nicht leer sein".into());
        }
        if !(0..=100_000_000).contains(&self.unit_price_cents) {
            return bad(
                "Stückpreis",
                "muss zwischen 0 und 1.000.000 € liegen".into(),
            );
        }
        if !(1..=30).contains(&self.life_years) {
            return bad(
                "Nutzungsdauer",
                format!("{} Jahre: erlaubt sind 1 bis 30", self.life_years),
            );
        }
        if !(0..=10_000_000).contains(&self.running_cents_per_year) {
            return bad(
                "laufende Kosten",
                "müssen zwischen 0 und 100.000 € je Stück und Jahr liegen".into(),
            );
        }
        if !self.defect_reserve_pct.is_finite() || !(0.0..=50.0).contains(&self.defect_reserve_pct)
        {
            return bad("Defektreserve", "zwischen 0 und 50 %".into());
        }
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
fn cat(
    key: &str,
    label: &str,
    price_eur: i64,
    life: i32,
    running_eur: i64,
    reserve: f64,
    is_device: bool,
    is_mobile: bool,
    source: &str,
) -> Category {
    Category {
        key: key.into(),
        label: label.into(),
        unit_price_cents: price_eur * 100,
        life_years: life,
        running_cents_per_year: running_eur * 100,
        defect_reserve_pct: reserve,
        is_device,
        is_mobile,
        source: source.into(),
        source_date: DEFAULT_SOURCE_DATE.into(),
    }
}

/// Source note of the derived support cost.
pub const SUPPORT_SOURCE: &str = "Planungsannahme: 1 Technikerstelle je 400 Geräte (Bertelsmann Stiftung/ifib 2017), angenommen 65.000 € je Stelle und Jahr ⇒ 162,50 € je Gerät und Jahr";

/// The default catalogue (DOMAIN.md §2), in display order.
pub fn default_catalogue() -> Vec<Category> {
    let r = DEFAULT_DEFECT_RESERVE_PCT;
    let s = DEFAULT_SOURCE;
    let mut v = vec![
        cat(
            "student_tablet",
            "Schüler-Tablet (mit Hülle, Stift)",
            450,
            5,
            30,
            r,
            true,
            true,
            s,
        ),
        cat(
            "student_notebook",
            "Schüler-Notebook",
            650,
            5,
            30,
            r,
            true,
            true,
            s,
        ),
        cat(
            "teacher_device",
            "Lehrkräfte-Endgerät",
            1000,
            5,
            40,
            r,
            true,
            true,
            s,
        ),
        cat(
            "display",
            "Interaktives Display (65–75\")",
            5000,
            8,
            50,
            r,
            false,
            false,
            s,
        ),
        cat(
            "projector",
            "Beamer mit Leinwand",
            1500,
            6,
            40,
            r,
            false,
            false,
            s,
        ),
        cat(
            "doc_camera",
            "Dokumentenkamera",
            300,
            8,
            0,
            r,
            false,
            false,
            s,
        ),
        cat(
            "wlan_ap",
            "WLAN-Access-Point",
            600,
            7,
            25,
            r,
            false,
            false,
            s,
        ),
        cat(
            "switch",
            "Switch/Verkabelung (Anteil je Raum)",
            800,
            10,
            0,
            r,
            false,
            false,
            s,
        ),
        cat(
            "server",
            "Schulserver/NAS",
            6000,
            5,
            500,
            0.0,
            false,
            false,
            s,
        ),
        cat(
            "printer",
            "Drucker/Kopierer (Anteil)",
            1200,
            6,
            150,
            r,
            false,
            false,
            s,
        ),
        cat(
            "software",
            "Lernsoftware-Lizenz (je Schüler)",
            0,
            1,
            15,
            0.0,
            false,
            false,
            s,
        ),
    ];
    let mut support = cat(
        "support",
        "Second-Level-Support (je Gerät)",
        0,
        1,
        0,
        0.0,
        false,
        false,
        SUPPORT_SOURCE,
    );
    support.running_cents_per_year = 16_250;
    v.push(support);
    v
}

/// Validates a whole catalogue: each category, unique keys.
pub fn validate_catalogue(cats: &[Category]) -> Result<(), PlanError> {
    let mut seen = std::collections::HashSet::new();
    for c in cats {
        c.validate()?;
        if !seen.insert(c.key.as_str()) {
            return Err(PlanError::Invalid {
                field: "Katalog".into(),
                message: format!("Kategorie „{}“ ist doppelt", c.key),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_domain_brief_and_validate() {
        let c = default_catalogue();
        validate_catalogue(&c).unwrap();
        let tab = c.iter().find(|c| c.key == "student_tablet").unwrap();
        assert_eq!(
            (
                tab.unit_price_cents,
                tab.life_years,
                tab.running_cents_per_year
            ),
            (45_000, 5, 3_000)
        );
        let disp = c.iter().find(|c| c.key == "display").unwrap();
        assert_eq!((disp.unit_price_cents, disp.life_years), (500_000, 8));
        assert!(c.iter().all(|c| !c.source.is_empty()));
    }

    #[test]
    fn rejects_bad_values() {
        let mut c = default_catalogue()[0].clone();
        c.life_years = 0;
        assert!(c
            .validate()
            .unwrap_err()
            .to_string()
            .contains("Nutzungsdauer"));
    }
}
