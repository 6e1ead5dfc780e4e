//! Demo offers (see `crate::demo`): a device purchase, a lease, a rental (device as a service)
//! of 1.200 student tablets; three district-wide support offers for all 6.000 devices — the
//! current central municipal IT service (covering every demo school, with SLA targets), a
//! multi-tier model per the NRW guideline and an external provider — and two support offers for
//! the 1.200 tablets alone (central per device and month, external per ticket), in their own
//! group so that they are not ranked against contracts of five times the scope; plus a UfAB
//! evaluation of the device offers and three Varianten of 1.200 tablets each (purchase + central
//! tablet support, lease + external tablet support, rental with service included). All figures
//! are invented examples.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::model::*;
use super::repo::{save_evaluation, save_offer, save_settings, save_variant};
use super::variant::Variant;
use crate::demo::DemoContext;
use crate::CoreError;

const NOTE: &str = "Demo: erfundenes Beispielangebot.";

/// Devices of the district that the district-wide support contracts are priced for.
pub const DISTRICT_DEVICES: i64 = 6_000;
/// Student tablets of the device offers (purchase, lease, rental) and of the tablet support.
pub const TABLETS: i64 = 1_200;
/// Comparison group of the support offers for the tablets alone (ranked among themselves).
pub const GROUP_TABLET_SUPPORT: &str = "Support Schüler-Tablets";
/// Tickets per device and year the per-ticket offers are calculated with.
pub const TICKETS_PER_DEVICE_YEAR: f64 = 1.5;

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
    let support_units = DISTRICT_DEVICES;
    let central = || {
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
        })
    };
    let external = |units: i64| {
        Terms::Support(Support {
            model: SupportModel::PerTicket,
            price_cents: 6_500,
            school_count: None,
            hours_per_year: None,
            tickets_per_year: Some(units as f64 * TICKETS_PER_DEVICE_YEAR),
            sla: sla([2.0, 8.0, 16.0, 24.0], [8.0, 16.0, 40.0, 80.0]),
            service_hours: "Mo–Fr 08:00–17:00".into(),
            on_site_days_per_month: None,
            connection: Some(SchoolConnection::Mixed),
            schools: Vec::new(),
        })
    };
    let tablet_support = |o: Offer| Offer {
        group: GROUP_TABLET_SUPPORT.into(),
        ..o
    };
    vec![
        base(
            "kauf-tablets",
            "Kauf Schüler-Tablets",
            "Händler Nord GmbH (Demo)",
            TABLETS,
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
            TABLETS,
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
            TABLETS,
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
            central(),
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
            external(support_units),
        ),
        tablet_support(base(
            "support-zentral-tablets",
            "Kommunaler IT-Service (zentral, nur Schüler-Tablets)",
            "Städtischer IT-Dienstleister (Demo)",
            TABLETS,
            2.0,
            central(),
        )),
        tablet_support(base(
            "support-extern-tablets",
            "Externer Dienstleister (je Ticket, nur Schüler-Tablets)",
            "Systemhaus West (Demo)",
            TABLETS,
            3.0,
            external(TABLETS),
        )),
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

/// The demo variants: what buying, leasing and renting the 1.200 tablets cost with the support
/// each needs. Each variant's support covers exactly its tablets (the support offers of the group
/// [`GROUP_TABLET_SUPPORT`]), so the variants compare the same scope and show no hint.
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
            &["kauf-tablets", "support-zentral-tablets"],
            "",
        ),
        v(
            "leasing-support-extern",
            "Leasing + Support extern",
            &["leasing-tablets", "support-extern-tablets"],
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
