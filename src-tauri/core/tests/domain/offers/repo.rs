//! Storage in a real SQLite plan file.

use schulit_core::offers::repo::{
    contract_targets, contracts_for_school, delete_offer, import_set, list_offers, load_set,
};
use schulit_core::offers::{compare, parse_template};
use schulit_core::Store;

const EXAMPLE: &str = include_str!("../../../../../docs/examples/offers.json");

#[test]
fn import_reopen_and_compare_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.db");
    let set = parse_template("offers.json", EXAMPLE).unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        let s = import_set(&mut store, "offers.json", "", &set).unwrap();
        assert_eq!(s.added.len(), 5);
        assert!(s.evaluation_saved);
        // Importing again updates instead of duplicating.
        let s = import_set(&mut store, "offers.json", "", &set).unwrap();
        assert_eq!((s.added.len(), s.updated.len()), (0, 5));
    }
    let store = Store::open(&path).unwrap();
    let loaded = load_set(store.conn(), 2027).unwrap();
    assert_eq!(loaded, set);
    assert_eq!(compare(&loaded), compare(&set));

    let targets = contract_targets(store.conn()).unwrap();
    assert_eq!(targets.len(), 2);
    let central = &targets[0];
    assert_eq!(central.offer_id, "support-zentral");
    assert_eq!(central.targets[0].priority, 1);
    assert_eq!(central.targets[0].first_response_h, Some(1.0));
    assert_eq!(central.targets[3].resolution_h, Some(40.0));
    assert_eq!(
        contracts_for_school(store.conn(), "166158").unwrap().len(),
        1
    );
    // SLA rows are queryable by SQL too (for the KPI area).
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM offer_sla WHERE offer_id = 'support-zentral'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 4);
    // …and reach the KPI area as a contract (business minutes = hours × 60).
    let t = schulit_core::kpi::targets::load_targets(store.conn(), "support-zentral").unwrap();
    assert_eq!(t.first_response_min, [60, 240, 480, 960]);
    assert_eq!(t.resolution_min, [240, 480, 1440, 2400]);
    let ext = schulit_core::kpi::targets::load_targets(store.conn(), "support-extern").unwrap();
    assert_eq!(ext.first_response_min, [120, 480, 960, 1440]);
}

#[test]
fn failed_import_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut set = parse_template("offers.json", EXAMPLE).unwrap();
    set.offers[3].units = 0; // invalid: checked again when saving
    let e = import_set(&mut store, "x.json", "", &set)
        .unwrap_err()
        .to_string();
    assert!(e.contains("„units“"), "{e}");
    assert!(list_offers(store.conn()).unwrap().is_empty());
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM offer_settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn delete_cascades_to_scores_and_sla() {
    let mut store = Store::open_in_memory().unwrap();
    let set = parse_template("offers.json", EXAMPLE).unwrap();
    import_set(&mut store, "offers.json", "", &set).unwrap();
    // The example's variant "Kauf + Support zentral" uses both: without its purchase it has no
    // device offer left and goes with it.
    let d = delete_offer(store.conn(), "kauf").unwrap();
    assert_eq!(d.variants_deleted, vec!["Kauf + Support zentral"]);
    delete_offer(store.conn(), "support-zentral").unwrap();
    let n: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM offer_scores WHERE offer_id = 'kauf'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
    assert_eq!(contract_targets(store.conn()).unwrap().len(), 1);
    let contracts = schulit_core::kpi::targets::list_contracts(store.conn()).unwrap();
    assert!(
        !contracts.iter().any(|c| c == "support-zentral"),
        "{contracts:?}"
    );
    assert!(
        contracts.iter().any(|c| c == "support-extern"),
        "{contracts:?}"
    );
    assert!(delete_offer(store.conn(), "kauf")
        .unwrap_err()
        .to_string()
        .contains("nicht gefunden"));
}

#[test]
fn demo_offers_compare() {
    let mut store = Store::open_in_memory().unwrap();
    schulit_core::demo::fill_demo(&mut store).unwrap();
    let set = load_set(store.conn(), 2027).unwrap();
    // 3 device offers, 3 district-wide support contracts, 2 support offers for the tablets.
    assert_eq!(set.offers.len(), 8);
    assert_eq!(set.settings.discount_rate_pct, 0.9);
    assert!(set.settings.pupils.unwrap() > 1000);
    let c = compare(&set);
    // Three groups: devices, district-wide support, support of the tablets alone.
    assert_eq!(c.ranking.iter().filter(|r| r.rank == 1).count(), 3);
    let in_group = |g: &str| -> Vec<&str> {
        c.ranking
            .iter()
            .filter(|r| r.group == g)
            .map(|r| r.id.as_str())
            .collect()
    };
    assert_eq!(in_group("geraete").len(), 3);
    assert_eq!(in_group("support").len(), 3);
    let mut tablets = in_group("Support Schüler-Tablets");
    tablets.sort();
    assert_eq!(
        tablets,
        ["support-extern-tablets", "support-zentral-tablets"]
    );
    assert!(c.evaluation.is_some());
    let t = contract_targets(store.conn()).unwrap();
    let central = t.iter().find(|c| c.offer_id == "support-zentral").unwrap();
    assert_eq!(central.schools.len(), 44);
    // The district-wide contracts stay (they feed contract vs KPI), with their SLA.
    let district =
        schulit_core::kpi::targets::load_targets(store.conn(), "support-zentral").unwrap();
    assert_eq!(district.first_response_min, [60, 240, 480, 960]);
}

/// The demo's variants compare the same scope: each support offer in a variant is calculated
/// for exactly the variant's tablets, so no variant carries a hint. The PV of "Kauf + Support
/// zentral" is written out here payment by payment.
#[test]
fn demo_variants_compare_the_same_scope() {
    use super::common::{pv, round};
    use schulit_core::offers::{SupportModel, Terms};
    let mut store = Store::open_in_memory().unwrap();
    schulit_core::demo::fill_demo(&mut store).unwrap();
    let set = load_set(store.conn(), 2027).unwrap();
    let c = compare(&set);
    assert_eq!(c.variants.len(), 3);
    for v in &c.variants {
        assert_eq!(v.devices, 1200, "{}", v.name);
        assert!(v.warnings.is_empty(), "{}: {:?}", v.name, v.warnings);
        for id in &v.offers {
            assert_eq!(set.offer(id).unwrap().units, 1200, "{} / {id}", v.name);
        }
    }
    assert!(
        !c.explanation.iter().any(|p| p.contains("kalkuliert")),
        "{:?}",
        c.explanation
    );
    let ids = |id: &str| c.variant(id).unwrap().offers.clone();
    assert_eq!(
        ids("kauf-support-zentral"),
        ["kauf-tablets", "support-zentral-tablets"]
    );
    assert_eq!(
        ids("leasing-support-extern"),
        ["leasing-tablets", "support-extern-tablets"]
    );
    assert_eq!(ids("miete-service"), ["miete-daas"]);
    // The external tablet support: 1,5 tickets per tablet and year = 1.800 tickets.
    let Terms::Support(s) = &set.offer("support-extern-tablets").unwrap().terms else {
        panic!("support expected")
    };
    assert_eq!(s.model, SupportModel::PerTicket);
    assert_eq!(s.tickets_per_year, Some(1800.0));

    // "Kauf + Support zentral" over 5 years at 0,9 %: 1.200 × 450,00 € at m = 0; maintenance
    // 1.200 × 30,00 € × 1,02^(k−1) at m = 12k only after the 2 warranty years (k = 3, 4, 5);
    // residual 1.200 × 20,00 € credited at m = 60 (life = horizon); support 1.200 × 2,50 € ×
    // 1,02^(k−1) monthly in arrears, m = 1 … 60, k = ⌊(m − 1)/12⌋ + 1.
    assert_eq!(set.settings.horizon_years, 5);
    let mut rows: Vec<(u32, i64)> = vec![(0, 1200 * 45_000), (60, -1200 * 2_000)];
    for k in 3..=5 {
        rows.push((12 * k, round(1200.0 * 3_000.0 * 1.02f64.powi(k as i32 - 1))));
    }
    for m in 1..=60u32 {
        let k = (m - 1) / 12 + 1;
        rows.push((m, round(1200.0 * 250.0 * 1.02f64.powi(k as i32 - 1))));
    }
    let v = c.variant("kauf-support-zentral").unwrap();
    assert_eq!(v.present_value_cents, round(pv(&rows, 0.009)));
}
