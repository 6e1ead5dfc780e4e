//! The same directory in other shapes (`;` + Windows-1252, UTF-8 with BOM and CRLF, XLSX) gives
//! the same register.

use super::support::*;
use super::*;

fn import_variant(file: &Path) -> BTreeMap<String, String> {
    let dir = tmp();
    let db = dir.path().join("plan.db");
    let v = import(&db, file, &["--traeger", KOELN]).ok().json();
    assert_eq!(
        counts(&v),
        (KOELN_SCHOOLS as u64, 0, 0, 0, KOELN_PUPILS),
        "{}",
        file.display()
    );
    register(&db)
}

fn reference_register() -> BTreeMap<String, String> {
    let r = import_variant(&original());
    assert_eq!(r.len(), KOELN_SCHOOLS);
    // Umlauts arrived intact.
    assert!(r.values().all(|s| s.contains("Köln")));
    r
}

#[test]
fn semicolon_windows_1252_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulen_excel.csv");
    let text = Directory::load().to_csv(';', "\r\n");
    let bytes = to_cp1252(&text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "really not UTF-8 any more"
    );
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(import_variant(&file), reference_register());
}

#[test]
fn utf8_bom_crlf_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulen_bom.csv");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(Directory::load().to_csv(',', "\r\n").as_bytes());
    std::fs::write(&file, bytes).unwrap();
    assert_eq!(import_variant(&file), reference_register());
}

/// The directory as a Statistik.NRW-style workbook: a title and a blank row above the header (so
/// data row `i` is spreadsheet row `i + 4`), numeric columns as numbers.
pub(super) fn write_xlsx(d: &Directory, file: &Path) {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Schulen").unwrap();
    ws.write_string(0, 0, "Schul- und Adressverzeichnis NRW 2024/25")
        .unwrap();
    let numeric: BTreeSet<usize> = [
        "Amtlicher Gemeindeschlüssel",
        "Schulnummer",
        "Postleitzahl",
        "Anzahl",
        "Sozialindex",
    ]
    .iter()
    .map(|c| d.col(c))
    .collect();
    for (c, h) in d.header.iter().enumerate() {
        ws.write_string(2, c as u16, h).unwrap();
    }
    for (i, r) in d.rows.iter().enumerate() {
        let row = 3 + i as u32;
        for (c, v) in r.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                // Numbers as numbers: the Gemeindeschlüssel loses its leading zero.
                Ok(n) if numeric.contains(&c) => ws.write_number(row, c as u16, n).unwrap(),
                _ => ws.write_string(row, c as u16, v).unwrap(),
            };
        }
    }
    wb.save(file).unwrap();
}

#[test]
fn xlsx_file_gives_the_same_register() {
    let dir = tmp();
    let file = dir.path().join("schulverzeichnis.xlsx");
    write_xlsx(&Directory::load(), &file);
    assert_eq!(import_variant(&file), reference_register());
}
