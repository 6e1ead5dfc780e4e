//! Inventory import from realistic exports into a real plan file: good files of each tool,
//! bad files with row/column messages, and nothing half-imported.

// Amounts in cents are written as euros_cents (`2_500_000_00` = 2.500.000,00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use schulit_core::budget::inventory::list_cohorts;
use schulit_core::budget::inventory_import::{
    import_inventory, InventoryImportOptions, InventorySource,
};
use schulit_core::demo::create_demo_plan;
use schulit_core::Store;

fn plan() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = create_demo_plan(&dir.path().join("plan.db")).unwrap();
    (dir, store)
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn units(store: &Store, nr: &str, cat: &str) -> Vec<(i32, i64)> {
    list_cohorts(store.conn())
        .unwrap()
        .into_iter()
        .filter(|c| c.schulnummer == nr && c.category == cat)
        .map(|c| (c.purchase_year, c.units))
        .collect()
}

const SNIPEIT: &str = "\
Asset Tag,Asset Name,Serial,Model,Category,Status Label,Location,Purchase Date,Purchase Cost
GGS-0001,Tablet 1,DMPX1,iPad 10.9 (2022),Tablets,Ready to Deploy,Am Friedenspark,2023-08-14,449.00
GGS-0002,Tablet 2,DMPX2,iPad 10.9 (2022),Tablets,Deployed,Am Friedenspark,2023-08-14,449.00
GGS-0003,Tablet 3,DMPX3,iPad 10.9 (2022),Tablets,Deployed,100012 Am Friedenspark,2021-09-01,399.00
GGS-0004,Beamer R12,X1,Epson EB-982W,Projectors,Archived,Am Friedenspark,2015-03-02,899.00
GGS-0005,Lehrer-NB 1,Y1,Lenovo ThinkPad L14,Lehrer-Notebooks,Deployed,Regenbogenschule,2022-02-10,\"1,049.00\"
";

#[test]
fn snipeit_export_is_counted_into_cohorts_and_replaces_old_ones() {
    let (dir, mut store) = plan();
    let p = write(&dir, "snipeit-assets.csv", SNIPEIT.as_bytes());
    let before_other = units(&store, "103226", "student_tablet");
    let s = import_inventory(&mut store, &p, &InventoryImportOptions::default()).unwrap();
    assert_eq!(s.source, InventorySource::SnipeIt);
    assert_eq!((s.rows, s.devices, s.skipped_retired), (5, 4, 1));
    // 100012: 2 tablets of 2023 and 1 of 2021; the demo's tablet cohorts there are replaced.
    assert_eq!(
        units(&store, "100012", "student_tablet"),
        vec![(2021, 1), (2023, 2)]
    );
    assert_eq!(units(&store, "103214", "teacher_device"), vec![(2022, 1)]);
    assert!(s.replaced_cohorts > 0);
    // Other schools keep their inventory.
    assert_eq!(units(&store, "103226", "student_tablet"), before_other);
}

#[test]
fn glpi_and_idoit_and_template_files() {
    let (dir, mut store) = plan();
    // GLPI: semicolon, entity paths, French/English headers.
    let glpi = "Name;Entity;Type;Model;Status;Inventory number;Date of purchase\n\
AP-1;Stadt Leverkusen > Schulen > Regenbogenschule;Network equipment;Access Point UAP-AC;In use;INV-1;2019-05-01\n\
AP-2;Stadt Leverkusen > Schulen > Regenbogenschule;Network equipment;Access Point UAP-AC;In use;INV-2;2019-05-01\n";
    let s = import_inventory(
        &mut store,
        &write(&dir, "glpi.csv", glpi.as_bytes()),
        &InventoryImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, InventorySource::Glpi);
    assert_eq!(units(&store, "103214", "wlan_ap"), vec![(2019, 2)]);

    // i-doit: German headers, Windows-1252 (ä in "Gerät"), dates dd.mm.yyyy.
    let idoit = "Objekt-ID;Titel;Objekttyp;Standort;CMDB-Status;Kaufdatum\n\
501;Display R1;Interaktives Display;103226;in Betrieb;01.09.2020\n\
502;Display R2;Interaktives Display;103226;in Betrieb;01.09.2020\n\
503;Server;Server;103226;ausgemustert;01.01.2012\n\
504;Dokumentenkamera;Dokumentenkamera;103226;in Betrieb;15.03.2024\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(idoit);
    let s = import_inventory(
        &mut store,
        &write(&dir, "idoit.csv", &bytes),
        &InventoryImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, InventorySource::Idoit);
    assert_eq!((s.devices, s.skipped_retired), (3, 1));
    assert_eq!(units(&store, "103226", "display"), vec![(2020, 2)]);
    assert_eq!(units(&store, "103226", "doc_camera"), vec![(2024, 1)]);

    // Template as XLSX with counts.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Schulnummer", "Kategorie", "Anschaffungsjahr", "Anzahl"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "103240").unwrap();
    ws.write_string(1, 1, "student_tablet").unwrap();
    ws.write_number(1, 2, 2022).unwrap();
    ws.write_number(1, 3, 48).unwrap();
    ws.write_string(2, 0, "103240").unwrap();
    ws.write_string(2, 1, "Schüler-Tablet (mit Hülle, Stift)")
        .unwrap();
    ws.write_number(2, 2, 2024).unwrap();
    ws.write_number(2, 3, 12).unwrap();
    let xlsx = wb.save_to_buffer().unwrap();
    let s = import_inventory(
        &mut store,
        &write(&dir, "bestand.xlsx", &xlsx),
        &InventoryImportOptions::default(),
    )
    .unwrap();
    assert_eq!(s.source, InventorySource::Template);
    assert_eq!(
        units(&store, "103240", "student_tablet"),
        vec![(2022, 48), (2024, 12)]
    );
}

fn assert_untouched(store: &Store, before: &[schulit_core::budget::Cohort]) {
    assert_eq!(list_cohorts(store.conn()).unwrap(), before);
}

#[test]
fn bad_files_name_row_and_column_and_import_nothing() {
    let (dir, mut store) = plan();
    let before = list_cohorts(store.conn()).unwrap();
    let opts = InventoryImportOptions::default();
    let cases: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            "unknown_school.csv",
            "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;student_tablet;2022;10\n999999;student_tablet;2022;5\n",
            vec!["Zeile 3", "„Schulnummer“", "999999"],
        ),
        (
            "bad_units.csv",
            "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;student_tablet;2022;10\n100012;display;2021;zehn\n",
            vec!["Zeile 3", "„Anzahl“", "zehn"],
        ),
        (
            "future_year.csv",
            "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;display;2099;1\n",
            vec!["Zeile 2", "„Anschaffungsjahr“", "2099"],
        ),
        (
            "unknown_category.csv",
            "Asset Tag,Category,Location,Purchase Date\nA1,Tablets,100012,2022-01-01\nA2,Mäuse,100012,2022-01-01\n",
            vec!["Zeile 3", "„Category“", "Mäuse"],
        ),
        (
            "no_year.csv",
            "Schulnummer;Kategorie;Anzahl\n100012;display;1\n",
            vec!["Anschaffungsjahr", "Kaufdatum"],
        ),
        (
            "no_category_column.csv",
            "Schulnummer;Anschaffungsjahr;Anzahl\n100012;2022;1\n",
            vec!["Kategorie"],
        ),
    ];
    for (name, text, needles) in cases {
        let err = import_inventory(&mut store, &write(&dir, name, text.as_bytes()), &opts)
            .unwrap_err()
            .to_string();
        assert!(err.contains(name), "{name}: {err}");
        for n in needles {
            assert!(err.contains(n), "{name}: „{n}“ missing in: {err}");
        }
        assert_untouched(&store, &before);
    }
    // Unknown categories can be skipped on request.
    let s = import_inventory(
        &mut store,
        &write(
            &dir,
            "skip.csv",
            "Asset Tag,Category,Location,Purchase Date\nA1,Tablets,100012,2022-01-01\nA2,Mäuse,100012,2022-01-01\n".as_bytes(),
        ),
        &InventoryImportOptions {
            skip_unknown_categories: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((s.devices, s.skipped_unknown), (1, 1));
    assert_eq!(s.unknown_categories, vec!["Mäuse".to_string()]);
}
