use super::xlsx::excel_serial_to_iso;
use super::*;

fn spec() -> HeaderSpec {
    HeaderSpec {
        fields: vec![
            ("nr", vec!["Schulnummer", "Nr"]),
            ("name", vec!["Name"]),
            ("n", vec!["Anzahl"]),
        ],
        required: vec!["nr", "name"],
        chosen: vec![],
    }
}

#[test]
fn reads_semicolon_csv_with_title_rows() {
    let text = "Bericht Schulen\n\nSchulnummer;Name;Anzahl\n100;\"A; B\";5\n101;C;\n";
    let t = read_table_bytes("t.csv", text.as_bytes(), &spec()).unwrap();
    assert_eq!(t.delimiter, Some(';'));
    assert_eq!(t.header_row, 3);
    assert_eq!(t.records.len(), 2);
    assert_eq!(t.get(&t.records[0], "name"), "A; B");
    assert_eq!(t.records[1].row, 5);
    assert_eq!(t.get(&t.records[1], "n"), "");
}

#[test]
fn truncated_row_is_named() {
    let text = "Schulnummer,Name,Anzahl\n100,A,5\n101\n";
    let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("t.csv, Zeile 3, Spalte „Name“: 1 Felder statt 3"),
        "{err}"
    );
}

#[test]
fn cut_off_last_line_is_refused_but_dropped_empty_fields_are_not() {
    // Line 3 lacks its last field: fine when the line is complete (trailing empty field
    // dropped), an error when the file ends there without a line end (download cut off).
    let complete = "Schulnummer,Name,Anzahl\n100,A,5\n101,B\n";
    let t = read_table_bytes("t.csv", complete.as_bytes(), &spec()).unwrap();
    assert_eq!(t.records.len(), 2);
    let cut = "Schulnummer,Name,Anzahl\n100,A,5\n101,B";
    let err = read_table_bytes("t.csv", cut.as_bytes(), &spec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("t.csv, Zeile 3, Spalte „Anzahl“"), "{err}");
    // A complete last line without a line end is fine.
    let t = read_table_bytes("t.csv", b"Schulnummer,Name\n100,A", &spec()).unwrap();
    assert_eq!(t.records.len(), 1);
}

#[test]
fn surplus_field_is_named_by_number() {
    let text = "Schulnummer;Name;Anzahl\n100;A;5;x\n";
    let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Zeile 2, Spalte „Nr. 4 (ohne Überschrift)“: 4 Felder statt 3"),
        "{err}"
    );
}

#[test]
fn encoding_errors_name_row_and_column() {
    // UTF-8 file, line 3 pasted in Windows-1252: the ö of „Köln“ in column „Name“.
    let mut bytes = "Schulnummer;Name;Anzahl\n100;Köln;5\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"101;\"K\xf6ln; Nord\";6\n");
    let err = read_table_bytes("m.csv", &bytes, &spec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("m.csv, Zeile 3, Spalte „Name“"), "{err}");
    // Windows-1252 file with a UTF-8 line: column „Anzahl“ holds the „ü“.
    let bytes = b"Schulnummer;Name;Anzahl\n100;K\xf6ln;5\n101;B;f\xc3\xbcnf\n";
    let err = read_table_bytes("w.csv", bytes, &spec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("w.csv, Zeile 3, Spalte „Anzahl“"), "{err}");
    // An undefined byte in the header row names the header as far as it is readable.
    let bytes = b"Schulnummer;Name;Anzahl Sch\x81ler\n100;A;5\n";
    let err = read_table_bytes("d.csv", bytes, &spec())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("d.csv, Zeile 1, Spalte „Anzahl Sch\u{fffd}ler“"),
        "{err}"
    );
}

#[test]
fn missing_column_is_named() {
    let text = "Schulnummer,Anzahl\n100,5\n";
    let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
        .unwrap_err()
        .to_string();
    assert!(err.contains("„Name“"), "{err}");
}

#[test]
fn excel_serials() {
    assert_eq!(excel_serial_to_iso(45658.5), "2025-01-01 12:00:00");
}

#[test]
fn glpi_group_prefix_matches() {
    let s = HeaderSpec {
        fields: vec![("tech", vec!["Technicien"]), ("id", vec!["ID"])],
        required: vec!["id"],
        chosen: vec![],
    };
    assert_eq!(s.match_header("Attribué à - Technicien"), Some("tech"));
}
