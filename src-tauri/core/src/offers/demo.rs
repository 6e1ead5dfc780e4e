//! Demo offers (see `crate::demo`): a device purchase, a lease, a rental (device as a service)
//! and three support offers — the current central municipal IT service (covering every demo
//! school, with SLA targets), a multi-tier model per the NRW guideline and an external
//! provider — plus a UfAB evaluation of the device offers and three Varianten (purchase + central
//! support, lease + external support, rental with service included). All figures are invented
//! examples.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::model::*;
use super::repo::{save_evaluation, save_offer, save_settings, save_variant};
use super::variant::Variant;
use crate::demo::DemoContext;
use crate::CoreError;

const NOTE: &str = "Demo: erfundenes Beispielangebot.";

fn sla(fr: [f64; 4], rs: [f64; 4]) -> Sla {
    let m = |v: [f64; 4]| -> BTreeMap<u8, f64> { (1..=4).zip(v).collect() };
    Sla {
        first_response_h: m(fr),
        resolution_h: m(rs),
    }
}

/// The demo offers for `schools` (Schulnummern of the demo district).
pub fn demo_offers(schools: &[String]) -> Vec<Offer> {
    let base = |id: &str, name: &str, vendor: &str, units: i64, esc: f64, terms: Terms| Offer {
        id: id.into(),
        name: name.into(),
        vendor: vendor.into(),
        group: String::new(),
        units,
        escalation_pct: esc,
        notes: NOTE.into(),
        terms,
    };
    let support_units = 6000;
    vec![
        base(
            "kauf-tablets",
            "Kauf Schüler-Tablets",
            "Händler Nord GmbH (Demo)",
            1200,
            2.0,
            Terms::Purchase(Purchase {
                unit_price_cents: 45_000,
                useful_life_years: 5,
                residual_value_cents: 2_000,
                maintenance_cents_per_unit_year: 3_000,
                warranty_years: 2,
            }),
        ),
        base(
            "leasing-tablets",
            "Leasing Schüler-Tablets 48 Monate",
            "Kommunal-Leasing AG (Demo)",
            1200,
            0.0,
            Terms::Lease(Rental {
                rate_cents: 1_050,
                period: Period::Monthly,
                timing: Timing::Advance,
                term_months: 48,
                down_payment_cents: 0,
                buyout_cents: 0,
                services: "Versicherung, MDM-Lizenz".into(),
            }),
        ),
        base(
            "miete-daas",
            "Geräte als Service (Miete inkl. Support)",
            "EduService GmbH (Demo)",
            1200,
            1.5,
            Terms::Rental(Rental {
                rate_cents: 4_500,
                period: Period::Quarterly,
                timing: Timing::Arrears,
                term_months: 60,
                down_payment_cents: 0,
                buyout_cents: 0,
                services: "Second-Level-Support, Austausch defekter Geräte in 2 Werktagen, MDM"
                    .into(),
            }),
        ),
        base(
            "support-zentral",
            "Kommunaler IT-Service (zentral, laufender Vertrag)",
            "Städtischer IT-Dienstleister (Demo)",
            support_units,
            2.0,
            Terms::Support(Support {
                model: SupportModel::PerDeviceMonth,
                price_cents: 250,
                school_count: None,
                hours_per_year: None,
                tickets_per_year: None,
                sla: sla([1.0, 4.0, 8.0, 16.0], [4.0, 8.0, 24.0, 40.0]),
                service_hours: "Mo–Fr 07:30–16:00 (ohne Schulferien)".into(),
                on_site_days_per_month: Some(1.0),
                connection: Some(SchoolConnection::Central),
                schools: schools.to_vec(),
            }),
        ),
        base(
            "support-mehrstufig",
            "Mehrstufiges Modell mit Ansprechperson je Schule",
            "Zweckverband Schul-IT (Demo)",
            support_units,
            2.0,
            Terms::Support(Support {
                model: SupportModel::PerSchoolYear,
                price_cents: 1_600_000,
                school_count: Some(schools.len().max(1) as u32),
                hours_per_year: None,
                tickets_per_year: None,
                sla: sla([0.5, 2.0, 8.0, 16.0], [4.0, 8.0, 16.0, 40.0]),
                service_hours: "Mo–Fr 07:30–16:00".into(),
                on_site_days_per_month: Some(4.0),
                connection: Some(SchoolConnection::MultiTier),
                schools: Vec::new(),
            }),
        ),
        base(
            "support-extern",
            "Externer Dienstleister (je Ticket)",
            "Systemhaus West (Demo)",
            support_units,
            3.0,
            Terms::Support(Support {
                model: SupportModel::PerTicket,
                price_cents: 6_500,
                school_count: None,
                hours_per_year: None,
                tickets_per_year: Some(9_000.0),
                sla: sla([2.0, 8.0, 16.0, 24.0], [8.0, 16.0, 40.0, 80.0]),
                service_hours: "Mo–Fr 08:00–17:00".into(),
                on_site_days_per_month: None,
                connection: Some(SchoolConnection::Mixed),
                schools: Vec::new(),
            }),
        ),
    ]
}

/// The demo evaluation of the three device offers.
pub fn demo_evaluation() -> EvaluationSpec {
    let crit = |id: &str, name: &str, w: f64| Criterion {
        id: id.into(),
        name: name.into(),
        weight: w,
    };
    let row = |t: f64, s: f64, n: f64| -> BTreeMap<String, f64> {
        [("technik", t), ("service", s), ("nachhaltigkeit", n)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    };
    EvaluationSpec {
        criteria: vec![
            crit("technik", "Technische Qualität", 40.0),
            crit("service", "Service und SLA", 35.0),
            crit("nachhaltigkeit", "Nachhaltigkeit", 25.0),
        ],
        scores: [
            ("kauf-tablets".to_string(), row(8.0, 5.0, 7.0)),
            ("leasing-tablets".to_string(), row(8.0, 6.0, 6.0)),
            ("miete-daas".to_string(), row(7.0, 9.0, 8.0)),
        ]
        .into_iter()
        .collect(),
        ..Default::default()
    }
}

/// The demo variants: what buying, leasing and renting cost with the support each needs. The
/// support contracts cover all devices of the district, so the variants with a support contract
/// show a hint next to their figures.
pub fn demo_variants() -> Vec<Variant> {
    let v = |id: &str, name: &str, offers: &[&str], note: &str| Variant {
        id: id.into(),
        name: name.into(),
        offers: offers.iter().map(|o| o.to_string()).collect(),
        note: note.into(),
    };
    vec![
        v(
            "kauf-support-zentral",
            "Kauf + Support zentral",
            &["kauf-tablets", "support-zentral"],
            "",
        ),
        v(
            "leasing-support-extern",
            "Leasing + Support extern",
            &["leasing-tablets", "support-extern"],
            "",
        ),
        v(
            "miete-service",
            "Miete inkl. Service",
            &["miete-daas"],
            "Support und Austausch sind in der Miete enthalten.",
        ),
    ]
}

/// Seeds this area's demo data. Called once by `demo::build` inside its transaction.
pub fn seed(tx: &Transaction, ctx: &mut DemoContext) -> Result<(), CoreError> {
    let pupils: Option<i64> = tx.query_row("SELECT sum(pupils) FROM schools", [], |r| r.get(0))?;
    let settings = Settings {
        start: NaiveDate::from_ymd_opt(ctx.base_year + 1, 1, 1).unwrap_or_default(),
        pupils: pupils.filter(|p| *p > 0),
        ..Settings::default_for_year(ctx.base_year + 1)
    };
    save_settings(tx, &settings)?;
    for o in demo_offers(&ctx.schools) {
        save_offer(tx, &o)?;
    }
    save_evaluation(tx, &demo_evaluation())?;
    for v in demo_variants() {
        save_variant(tx, &v)?;
    }
    Ok(())
}
