//! Varianten (combinations of offers): figures against payments written out here row by row,
//! the ranking, the validation messages and the storage.

use schulit_core::offers::repo::{
    delete_offer, delete_variant, import_set, list_offers, list_variants, load_set, rename_offer,
    save_offer, save_variant,
};
use schulit_core::offers::{compare, parse_template, Variant};
use schulit_core::Store;

use super::common::*;

/// A purchase (10 tablets), a support contract for the same 10 devices and a lease, over 4 years
/// at 3 %.
const SET: &str = r#"{"start": "2027-01-01", "horizon_years": 4, "discount_rate_pct": 3.0,
  "pupils": 250,
  "offers": [
    {"id": "kauf", "kind": "purchase", "units": 10, "unit_price_cents": 50000,
     "useful_life_years": 3, "residual_value_cents": 5000, "maintenance_cents_per_unit_year": 4000,
     "warranty_years": 1, "escalation_pct": 2.0},
    {"id": "support", "kind": "support", "units": 10, "model": "per_device_month",
     "price_cents": 300, "escalation_pct": 2.5},
    {"id": "leasing", "kind": "lease", "units": 10, "rate_cents": 1500, "period": "monthly",
     "timing": "advance", "term_months": 24}
  ],
  "variants": [
    {"id": "kauf-support", "name": "Kauf + Support", "offers": ["kauf", "support"]},
    {"id": "leasing-support", "name": "Leasing + Support", "offers": ["leasing", "support"]}
  ]}"#;

/// Payments of the purchase, spreadsheet style: price at m = 0, re-purchase at m = 36 (year 4,
/// × 1,02³), maintenance in the years out of warranty (year 2 at m = 24, year 3 at m = 36; year 1
/// and year 4 are the first years of a cohort), the last cohort credited at m = 48 with one year
/// of its three used: P + (R − P) × 1/3.
fn purchase_rows() -> Vec<(u32, i64)> {
    let p4 = 50000.0 * 1.02f64.powi(3);
    vec![
        (0, 10 * 50000),
        (36, round(10.0 * p4)),
        (24, round(10.0 * 4000.0 * 1.02)),
        (36, round(10.0 * 4000.0 * 1.02f64.powi(2))),
        (48, round(-(10.0 * (p4 + (5000.0 - p4) / 3.0)))),
    ]
}

/// Support: 3,00 € per device and month in arrears, m = 1 … 48, year ⌊(m − 1)/12⌋ + 1, 2,5 %.
fn support_rows() -> Vec<(u32, i64)> {
    (1..=48u32)
        .map(|m| {
            let year = (m - 1) / 12 + 1;
            (m, round(10.0 * 300.0 * 1.025f64.powi(year as i32 - 1)))
        })
        .collect()
}

/// Lease: 15,00 € per device and month in advance, 24 months, renewed once: m = 0 … 47.
fn lease_rows() -> Vec<(u32, i64)> {
    (0..48u32).map(|m| (m, 10 * 1500)).collect()
}

#[test]
fn variant_pv_is_the_sum_of_its_offers_pvs() {
    let set = parse_template("v.json", SET).unwrap();
    let c = compare(&set);
    let r = 0.03;
    let (kauf, support, lease) = (purchase_rows(), support_rows(), lease_rows());
    // Single offers first: the expected rows are the offers' schedules.
    assert_eq!(
        sorted(rows_of(c.result("kauf").unwrap())),
        sorted(kauf.clone())
    );
    assert_eq!(
        sorted(rows_of(c.result("support").unwrap())),
        sorted(support.clone())
    );

    let v = c.variant("kauf-support").unwrap();
    let pv_x = pv(&kauf, r) + pv(&support, r);
    assert_eq!(v.present_value_cents, round(pv_x));
    assert_eq!(v.nominal_cents, nominal(&kauf) + nominal(&support));
    let ae = annuity(pv_x, r, 4);
    assert_eq!(v.annual_equivalent_cents, round(ae));
    // Devices = the 10 tablets of the purchase; the support contract adds none.
    assert_eq!(v.devices, 10);
    assert_eq!(v.cost_per_device_year_cents, round(ae / 10.0));
    assert_eq!(v.cost_per_pupil_year_cents, Some(round(ae / 250.0)));
    // The PV rounded once from the unrounded sum is within a cent of the two rounded PVs.
    let sum_rounded = c.result("kauf").unwrap().present_value_cents
        + c.result("support").unwrap().present_value_cents;
    assert!((v.present_value_cents - sum_rounded).abs() <= 1);
    // Years add up to the totals.
    let last = v.years.last().unwrap();
    assert_eq!(last.cumulative_nominal_cents, v.nominal_cents);
    assert_eq!(v.years.len(), 4);
    assert!(v.warnings.is_empty());

    let w = c.variant("leasing-support").unwrap();
    let pv_w = pv(&lease, r) + pv(&support, r);
    assert_eq!(w.present_value_cents, round(pv_w));
    assert_eq!(w.offers, vec!["leasing", "support"]);

    // Ranked by PV: the cheaper of the two first, the other one's reason names it.
    let (best, other) = if round(pv_x) <= round(pv_w) {
        (v, w)
    } else {
        (w, v)
    };
    assert_eq!(c.variants[0].id, best.id);
    assert_eq!((c.variants[0].rank, c.variants[1].rank), (1, 2));
    assert!(best
        .reason
        .starts_with("Niedrigster Barwert aller Varianten"));
    assert_eq!(
        other.difference_to_best_cents,
        other.present_value_cents - best.present_value_cents
    );
    assert!(
        other.reason.contains(&format!("mehr als „{}“", best.name)),
        "{}",
        other.reason
    );
    assert!(c
        .explanation
        .iter()
        .any(|p| p.starts_with("Varianten: Wirtschaftlichste Variante ist")));
}

#[test]
fn rental_plus_support_by_hand() {
    // r = 10 %, H = 1: rental 1.200,00 € yearly in arrears (m = 12) and a school flat of
    // 300,00 € (m = 12): PV = 1.500,00 € / 1,1 = 1.363,636… € → 136364 cents; the annual
    // equivalent is PV × 0,1 / (1 − 1/1,1) = PV × 1,1 = 1.500,00 €; 1 device, 100 pupils.
    let set = parse_template(
        "h.json",
        r#"{"start": "2027-01-01", "horizon_years": 1, "discount_rate_pct": 10, "pupils": 100,
          "offers": [
            {"id": "miete", "kind": "rental", "units": 1, "rate_cents": 120000, "period": "yearly",
             "timing": "arrears", "term_months": 12},
            {"id": "s", "kind": "support", "units": 1, "model": "per_school_year",
             "price_cents": 30000, "school_count": 1}],
          "variants": [{"id": "v", "offers": ["miete", "s"]}]}"#,
    )
    .unwrap();
    let v = &compare(&set).variants[0];
    assert_eq!(v.name, "v");
    assert_eq!(v.nominal_cents, 150_000);
    assert_eq!(v.present_value_cents, 136_364);
    assert_eq!(v.annual_equivalent_cents, 150_000);
    assert_eq!(v.cost_per_device_year_cents, 150_000);
    assert_eq!(v.cost_per_pupil_year_cents, Some(1_500));
    assert_eq!((v.rank, v.difference_to_best_cents), (1, 0));
    assert!(v.reason.starts_with("Einzige Variante: Barwert 1.363,64 €"));
}

#[test]
fn support_for_other_devices_is_a_warning_and_device_counts_are_compared() {
    let text = SET
        .replace(r#""units": 10, "model""#, r#""units": 40, "model""#)
        .replace(
            r#""id": "leasing", "kind": "lease", "units": 10"#,
            r#""id": "leasing", "kind": "lease", "units": 20"#,
        );
    let c = compare(&parse_template("w.json", &text).unwrap());
    let v = c.variant("kauf-support").unwrap();
    assert_eq!(v.devices, 10);
    assert_eq!(
        v.warnings,
        vec!["„support“ ist für 40 Geräte kalkuliert, die Variante umfasst 10 Geräte."]
    );
    assert_eq!(c.variant("leasing-support").unwrap().devices, 20);
    assert!(c
        .explanation
        .iter()
        .any(|p| p.starts_with("Varianten: Die Varianten umfassen unterschiedlich viele Geräte")));
}

fn error_of(variants: &str) -> String {
    let text = SET.replace(
        &SET[SET.find("\"variants\"").unwrap()..SET.rfind('}').unwrap()],
        &format!("\"variants\": {variants}"),
    );
    parse_template("v.json", &text)
        .map(|_| "(kein Fehler)".to_string())
        .unwrap_or_else(|e| e.to_string())
}

#[test]
fn validation_names_the_variant_and_the_field() {
    assert_eq!(
        error_of(r#"[{"id": "a", "offers": ["kauf", "suport"]}]"#),
        "Variante „a“, Feld „offers“: kein Angebot mit der ID „suport“"
    );
    assert_eq!(
        error_of(r#"[{"id": "a", "offers": []}]"#),
        "Variante „a“, Feld „offers“: enthält kein Angebot; mindestens ein Geräteangebot (Kauf, Leasing oder Miete) auswählen"
    );
    assert_eq!(
        error_of(r#"[{"id": "a", "offers": ["kauf", "support", "kauf"]}]"#),
        "Variante „a“, Feld „offers“: Angebot „kauf“ kommt doppelt vor; jedes Angebot nur einmal auswählen"
    );
    assert!(error_of(r#"[{"id": "a", "offers": ["support"]}]"#)
        .starts_with("Variante „a“, Feld „offers“: enthält kein Geräteangebot"));
    assert_eq!(
        error_of(r#"[{"id": "a", "offers": ["kauf"]}, {"id": "a", "offers": ["leasing"]}]"#),
        "Variante „a“, Feld „id“: kommt mehrfach vor; jede Varianten-ID muss eindeutig sein"
    );
    assert_eq!(
        error_of(r#"[{"id": "a", "offer": ["kauf"]}]"#),
        "Variante „a“, Feld „offers“: fehlt (Pflichtangabe)"
    );
    assert_eq!(
        error_of(r#"[{"offers": ["kauf"]}]"#),
        "Variante „Nr. 1“, Feld „id“: fehlt (Pflichtangabe)"
    );
    assert_eq!(
        error_of(r#"[{"id": "a", "offers": ["kauf"], "notiz": "x"}]"#),
        "Variante „a“, Feld „notiz“: unbekanntes Feld (Tippfehler?)"
    );
    assert_eq!(
        error_of(r#"{"id": "a"}"#),
        "Vergleichseinstellungen, Feld „variants“: muss eine Liste [ … ] von Varianten sein"
    );
}

#[test]
fn stored_variants_follow_renames_and_keep_their_offers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.db");
    let set = parse_template("v.json", SET).unwrap();
    let mut store = Store::open(&path).unwrap();
    let s = import_set(&mut store, "v.json", "", &set).unwrap();
    assert_eq!(s.variants, vec!["kauf-support", "leasing-support"]);
    assert_eq!(load_set(store.conn(), 2027).unwrap(), set);

    // Renaming an offer (as the window's form does) renames it in the variants.
    let mut kauf = set.offer("kauf").unwrap().clone();
    kauf.id = "kauf-2027".into();
    store
        .transaction(|tx| {
            rename_offer(tx, "kauf", &kauf.id)?;
            save_offer(tx, &kauf)
        })
        .unwrap();
    let v = &list_variants(store.conn()).unwrap()[0];
    assert_eq!(v.offers, vec!["kauf-2027", "support"]);

    // Edit: a variant keeps its place; a bad one is refused and nothing changes.
    let edited = Variant {
        id: "leasing-support".into(),
        name: "Leasing allein".into(),
        offers: vec!["leasing".into()],
        note: "ohne Support".into(),
    };
    save_variant(store.conn(), &edited).unwrap();
    let bad = Variant {
        offers: vec!["support".into()],
        ..edited.clone()
    };
    assert!(save_variant(store.conn(), &bad).is_err());
    let list = list_variants(store.conn()).unwrap();
    assert_eq!(list[1], edited);
    assert_eq!(list.len(), 2);

    delete_variant(store.conn(), "kauf-support").unwrap();
    assert_eq!(
        delete_variant(store.conn(), "kauf-support")
            .unwrap_err()
            .to_string(),
        "Variante „kauf-support“, Feld „id“: keine Variante mit dieser ID"
    );
    // Deleting an offer takes it out of its variants; a variant without a device offer goes.
    save_variant(
        store.conn(),
        &Variant {
            id: "kauf-leasing".into(),
            name: String::new(),
            offers: vec!["kauf-2027".into(), "leasing".into(), "support".into()],
            note: String::new(),
        },
    )
    .unwrap();
    let d = delete_offer(store.conn(), "kauf-2027").unwrap();
    assert_eq!(d.variants_changed, vec!["kauf-leasing"]);
    assert!(d.variants_deleted.is_empty());
    let d = delete_offer(store.conn(), "leasing").unwrap();
    assert_eq!(d.variants_deleted, vec!["Leasing allein", "kauf-leasing"]);
    assert!(list_variants(store.conn()).unwrap().is_empty());
    assert!(list_offers(store.conn())
        .unwrap()
        .iter()
        .any(|o| o.id == "support"));
}
