use super::*;

const HEADER: &str = "Schuljahr,Schulform,Amtlicher Gemeindeschlüssel,Verwaltungsbezirk,Schulnummer,Amtliche Bezeichnung 1,Amtliche Bezeichnung 2,Amtliche Bezeichnung 3,Straße und Hausnummer,Postleitzahl,Ort,Rechtsstatus,Telefonnummer Vorwahl,Telefonnummer Durchwahl,Faxnummer Vorwahl,Faxnummer Durchwahl,Offizielle E-Mail-Adresse,Anzahl,Sozialindex";

fn file(rows: &[&str]) -> Vec<u8> {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

fn row(nr: &str, bezirk: &str, status: &str, pupils: &str, si: &str) -> String {
    format!("2024/25,Grundschule,05111000,{bezirk},{nr},GS {nr},,,Weg 1,40000,Ort,{status},,,,,{nr}@schule.nrw.de,{pupils},{si}")
}

#[test]
fn lists_traeger_with_counts() {
    let v = file(&[
        &row("100001", "Stadt A", "Öffentlich", "200", "3"),
        &row("100002", "Stadt A", "Privat", "100", ""),
        &row("100003", "Stadt B", "Öffentlich", "50", "1"),
    ]);
    let list = list_directory_traeger_bytes("v.csv", &v).unwrap();
    // Hand count: Stadt A has two schools (one public), Stadt B one (public).
    assert_eq!(
        list,
        vec![
            DirectoryTraeger {
                verwaltungsbezirk: "Stadt A".into(),
                gemeindeschluessel: "05111000".into(),
                schools: 2,
                public_schools: 1,
            },
            DirectoryTraeger {
                verwaltungsbezirk: "Stadt B".into(),
                gemeindeschluessel: "05111000".into(),
                schools: 1,
                public_schools: 1,
            },
        ]
    );
}

#[test]
fn reimport_keeps_user_fields_and_counts_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let f = DirectoryFilter {
        traeger: Some("Stadt A".into()),
        ..Default::default()
    };
    let v1 = file(&[
        &row("100001", "Stadt A", "Öffentlich", "200", "3"),
        &row("100002", "Stadt A", "Privat", "100", ""),
        &row("100003", "Stadt B", "Öffentlich", "50", "1"),
    ]);
    let s1 = import_directory_bytes(&mut store, "v1.csv", &v1, &f).unwrap();
    assert_eq!(
        (s1.added, s1.updated, s1.unchanged, s1.removed_from_source),
        (2, 0, 0, 0)
    );
    assert_eq!(s1.pupils_total, 300);
    super::super::update_school(
        store.conn(),
        "100001",
        &crate::schools::SchoolEdit {
            teachers: Some(Some(17)),
            ..Default::default()
        },
    )
    .unwrap();

    let v2 = file(&[
        &row("100001", "Stadt A", "Öffentlich", "210", "3"),
        &row("100004", "Stadt A", "Öffentlich", "90", "5"),
    ]);
    let s2 = import_directory_bytes(&mut store, "v2.csv", &v2, &f).unwrap();
    assert_eq!(
        (s2.added, s2.updated, s2.unchanged, s2.removed_from_source),
        (1, 1, 0, 1)
    );
    assert_eq!(s2.removed_schulnummern, vec!["100002".to_string()]);
    let s = super::super::get_school(store.conn(), "100001").unwrap();
    assert_eq!(s.pupils, Some(210));
    assert_eq!(s.teachers, Some(17), "user field must survive a re-import");

    let s3 = import_directory_bytes(&mut store, "v2.csv", &v2, &f).unwrap();
    assert_eq!((s3.added, s3.updated, s3.unchanged), (0, 0, 2));
}

#[test]
fn public_only_and_unknown_traeger() {
    let mut store = Store::open_in_memory().unwrap();
    let v1 = file(&[
        &row("100001", "Stadt A", "Öffentlich", "200", "3"),
        &row("100002", "Stadt A", "Privat", "100", ""),
    ]);
    let f = DirectoryFilter {
        traeger: Some("Stadt A".into()),
        public_only: true,
        ..Default::default()
    };
    assert_eq!(
        import_directory_bytes(&mut store, "v1.csv", &v1, &f)
            .unwrap()
            .added,
        1
    );
    let f = DirectoryFilter {
        traeger: Some("Stadt Z".into()),
        ..Default::default()
    };
    let err = import_directory_bytes(&mut store, "v1.csv", &v1, &f)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Stadt Z"), "{err}");
}

#[test]
fn bad_value_names_row_and_column_and_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let v = file(&[
        &row("100001", "Stadt A", "Öffentlich", "200", "3"),
        &row("100002", "Stadt A", "Öffentlich", "-5", "3"),
    ]);
    let f = DirectoryFilter {
        traeger: Some("Stadt A".into()),
        ..Default::default()
    };
    let err = import_directory_bytes(&mut store, "v.csv", &v, &f)
        .unwrap_err()
        .to_string();
    assert!(err.contains("v.csv, Zeile 3, Spalte „Anzahl“"), "{err}");
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM schools", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn short_row_is_refused_with_its_first_missing_column() {
    let mut store = Store::open_in_memory().unwrap();
    let full = row("100001", "Stadt A", "Öffentlich", "200", "3");
    // Row 3 ends after „Ort“ (11 of 19 fields): the reader alone would accept it.
    let short: Vec<&str> = full.split(',').take(11).collect();
    let v = file(&[
        &full,
        &short.join(","),
        &row("100003", "Stadt A", "Öffentlich", "5", ""),
    ]);
    let f = DirectoryFilter {
        traeger: Some("Stadt A".into()),
        ..Default::default()
    };
    let err = import_directory_bytes(&mut store, "v.csv", &v, &f)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("v.csv, Zeile 3, Spalte „Rechtsstatus“: 11 Felder statt 19"),
        "{err}"
    );
}

#[test]
fn absent_columns_keep_stored_values() {
    let mut store = Store::open_in_memory().unwrap();
    let f = DirectoryFilter {
        traeger: Some("Stadt A".into()),
        ..Default::default()
    };
    let v1 = file(&[&row("100001", "Stadt A", "Öffentlich", "200", "3")]);
    import_directory_bytes(&mut store, "v1.csv", &v1, &f).unwrap();
    // The plain Statistik.NRW directory: no Sozialindex column, pupils changed.
    let header = HEADER.trim_end_matches(",Sozialindex");
    let line = row("100001", "Stadt A", "Öffentlich", "210", "");
    let line = line.trim_end_matches(',');
    let v2 = format!("{header}\n{line}\n");
    let s = import_directory_bytes(&mut store, "v2.csv", v2.as_bytes(), &f).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 1, 0));
    let school = super::super::get_school(store.conn(), "100001").unwrap();
    assert_eq!(school.pupils, Some(210));
    assert_eq!(school.sozialindex, Some(3), "kept, not wiped");
    // Again: unchanged, not "updated" for the absent column.
    let s = import_directory_bytes(&mut store, "v2.csv", v2.as_bytes(), &f).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 1));
}

#[test]
fn unknown_traeger_suggests_similar_names() {
    let mut store = Store::open_in_memory().unwrap();
    let v = file(&[
        &row("100001", "Krfr. Stadt Düsseldorf", "Öffentlich", "200", "3"),
        &row("100002", "Kreis Mettmann", "Öffentlich", "100", "2"),
    ]);
    let f = DirectoryFilter {
        traeger: Some("duesseldorf".into()),
        ..Default::default()
    };
    let err = import_directory_bytes(&mut store, "v.csv", &v, &f)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("„duesseldorf“ (ähnlich in der Datei: „Krfr. Stadt Düsseldorf“)"),
        "{err}"
    );
    assert!(!err.contains("Mettmann"), "{err}");
}
