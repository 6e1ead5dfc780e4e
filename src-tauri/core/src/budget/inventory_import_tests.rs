//! Tests of the inventory import (parsing, column mapping, store write).
use super::*;
use crate::budget::catalogue::default_catalogue;

#[test]
fn maps_categories_in_english_and_german() {
    let c = default_catalogue();
    let m = |s: &str| map_category(s, &c);
    assert_eq!(m("Tablets").as_deref(), Some("student_tablet"));
    assert_eq!(m("iPad 10.9").as_deref(), Some("student_tablet"));
    assert_eq!(m("Lehrer-Notebook").as_deref(), Some("teacher_device"));
    assert_eq!(m("Laptops").as_deref(), Some("student_notebook"));
    assert_eq!(m("Beamer").as_deref(), Some("projector"));
    assert_eq!(m("Interaktives Display").as_deref(), Some("display"));
    assert_eq!(m("Access Point").as_deref(), Some("wlan_ap"));
    assert_eq!(m("NAS").as_deref(), Some("server"));
    assert_eq!(m("display").as_deref(), Some("display"));
    assert_eq!(m("Maus"), None);
}

#[test]
fn years_from_dates() {
    assert_eq!(year_of("2021-08-15 00:00:00"), Some(2021));
    assert_eq!(year_of("15.08.2021"), Some(2021));
    assert_eq!(year_of("08/15/2021"), Some(2021));
    assert_eq!(year_of("n/a"), None);
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::demo::create_demo_plan(&dir.path().join("plan.db")).unwrap();
    (dir, store)
}

fn units(store: &Store, nr: &str, cat: &str) -> Vec<(i32, i64)> {
    super::super::inventory::list_cohorts(store.conn())
        .unwrap()
        .into_iter()
        .filter(|c| c.schulnummer == nr && c.category == cat)
        .map(|c| (c.purchase_year, c.units))
        .collect()
}

/// Headers no alias knows (a home-made list of a Schulträger).
const OWN: &str = "Einrichtung;Geräteklasse;Erworben;Stk;Zustand der Geräte\n\
    100012;Tablets;2023;12;ok\n\
    Regenbogenschule;Beamer;2019;3;ok\n\
    100012;Tablets;2021;4;ok\n";

fn mapping(pairs: &[(&str, &str)]) -> InventoryImportOptions {
    InventoryImportOptions {
        columns: pairs
            .iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect(),
        ..Default::default()
    }
}

#[test]
fn unknown_headers_import_with_a_column_mapping_and_fail_clearly_without() {
    let (_dir, mut store) = demo();
    let before = super::super::inventory::list_cohorts(store.conn()).unwrap();
    let err = import_inventory_bytes(
        &mut store,
        "eigene-liste.csv",
        OWN.as_bytes(),
        &InventoryImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("eigene-liste.csv") && err.contains("Keine Kopfzeile gefunden"),
        "{err}"
    );
    assert!(
        err.contains("„Schulnummer“") && err.contains("„Kategorie“"),
        "{err}"
    );
    assert_eq!(
        super::super::inventory::list_cohorts(store.conn()).unwrap(),
        before,
        "nothing stored"
    );

    let opts = mapping(&[
        ("school", "Einrichtung"),
        ("category", "Geräteklasse"),
        ("year", "Erworben"),
        ("units", "Stk"),
    ]);
    let s = import_inventory_bytes(&mut store, "eigene-liste.csv", OWN.as_bytes(), &opts).unwrap();
    assert_eq!(s.source, InventorySource::Template);
    assert_eq!((s.rows, s.devices, s.cohorts, s.schools), (3, 19, 3, 2));
    assert_eq!(
        units(&store, "100012", "student_tablet"),
        vec![(2021, 4), (2023, 12)]
    );
    assert_eq!(units(&store, "103214", "projector"), vec![(2019, 3)]);
}

#[test]
fn a_mapping_wins_over_aliases_and_names_bad_headers() {
    let (_dir, mut store) = demo();
    // "Standort" is an alias of the school, but the user says the school is in "Schulnr".
    let text = "Standort;Schulnr;Kategorie;Jahr\nKeller;100012;Beamer;2020\n";
    let err = import_inventory_bytes(
        &mut store,
        "a.csv",
        text.as_bytes(),
        &InventoryImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("a.csv, Zeile 2, Spalte „Standort“"), "{err}");
    let s = import_inventory_bytes(
        &mut store,
        "a.csv",
        text.as_bytes(),
        &mapping(&[("school", "Schulnr")]),
    )
    .unwrap();
    assert_eq!(s.devices, 1);
    assert_eq!(units(&store, "100012", "projector"), vec![(2020, 1)]);
    // A header the file does not have, for a required and an optional field.
    for (field, label) in [("school", "Schule"), ("units", "Anzahl")] {
        let err = import_inventory_bytes(
            &mut store,
            "a.csv",
            text.as_bytes(),
            &mapping(&[(field, "Schulnummer der Schule")]),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("a.csv: Die Spalte „Schulnummer der Schule“ (zugeordnet zu „")
                && err.contains(label)
                && err.contains("steht nicht in der Kopfzeile (Zeile 1)"),
            "{err}"
        );
    }
    // One column for two fields, and an unknown field.
    let err = import_inventory_bytes(
        &mut store,
        "a.csv",
        text.as_bytes(),
        &mapping(&[("school", "Schulnr"), ("category", "Schulnr")]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("„Schulnr“ ist zwei Feldern zugeordnet"),
        "{err}"
    );
    let err = import_inventory_bytes(
        &mut store,
        "a.csv",
        text.as_bytes(),
        &mapping(&[("farbe", "Schulnr")]),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("Unbekanntes Feld „farbe“"), "{err}");
    // An empty header unmaps an optional field: the status column is no longer read.
    let text = "Schule;Kategorie;Jahr;Status\n100012;Beamer;2018;ausgemustert\n";
    let s = import_inventory_bytes(
        &mut store,
        "b.csv",
        text.as_bytes(),
        &mapping(&[("status", "")]),
    )
    .unwrap();
    assert_eq!((s.devices, s.skipped_retired), (1, 0));
}

#[test]
fn preview_offers_headers_for_mapping_when_no_alias_matches() {
    use super::super::inventory_preview::preview_inventory_bytes;
    let (_dir, store) = demo();
    let p = preview_inventory_bytes(
        &store,
        "eigene-liste.csv",
        OWN.as_bytes(),
        &InventoryImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.source, None);
    assert_eq!(p.header_row, 1);
    assert_eq!(p.headers[1], "Geräteklasse");
    assert_eq!(p.sample.len(), 3);
    assert!(p.error.unwrap().contains("Keine Kopfzeile"));
    assert!(p.fields.iter().all(|f| f.header.is_none()));
    let opts = mapping(&[
        ("school", "Einrichtung"),
        ("category", "Geräteklasse"),
        ("year", "Erworben"),
    ]);
    let p = preview_inventory_bytes(&store, "eigene-liste.csv", OWN.as_bytes(), &opts).unwrap();
    assert_eq!(p.error, None);
    assert_eq!(p.source.as_deref(), Some("template"));
    let check = p.check.unwrap();
    // Without the units column every row is one device.
    assert_eq!((check.devices, check.cohorts), (3, 3));
    let f = |k: &str| p.fields.iter().find(|f| f.key == k).unwrap().header.clone();
    assert_eq!(f("category").as_deref(), Some("Geräteklasse"));
    assert_eq!(f("units"), None);
    // A known export: detected, mapped from the aliases, and checked row by row.
    let snipe = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/seeds/inventory/snipeit.csv"),
    )
    .unwrap();
    let p = preview_inventory_bytes(
        &store,
        "snipeit.csv",
        &snipe,
        &InventoryImportOptions::default(),
    )
    .unwrap();
    assert_eq!(p.source_label.as_deref(), Some("Snipe-IT"));
    let f = |k: &str| p.fields.iter().find(|f| f.key == k).unwrap().header.clone();
    assert_eq!(f("school").as_deref(), Some("Location"));
    assert_eq!(f("date").as_deref(), Some("Purchase Date"));
    assert_eq!(f("status").as_deref(), Some("Status Label"));
    assert!(p.check.is_some(), "{:?}", p.error);
}
