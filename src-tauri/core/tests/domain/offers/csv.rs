//! The CSV template: the shipped example means exactly what the JSON example means; errors name
//! the row (header = row 1), the column and the offer.

use schulit_core::offers::{compare, parse_template, read_template};

const JSON: &str = include_str!("../../../../../docs/examples/offers.json");
const CSV: &str = include_str!("../../../../../docs/examples/offers.csv");

fn err(name: &str, text: &str) -> String {
    read_template(name, text.as_bytes())
        .map(|_| String::from("(kein Fehler)"))
        .unwrap_or_else(|e| e.to_string())
}

#[test]
fn csv_example_gives_the_json_example_without_evaluation() {
    let json = parse_template("offers.json", JSON).unwrap();
    let csv = read_template("offers.csv", CSV.as_bytes()).unwrap();
    assert_eq!(csv.settings, json.settings);
    assert_eq!(csv.offers, json.offers);
    assert!(csv.evaluation.is_none());
    let (a, b) = (compare(&json), compare(&csv));
    assert_eq!(a.results, b.results);
    assert_eq!(a.ranking, b.ranking);
    // Detected by content as well, whatever the file is called.
    let by_content = read_template("angebote", CSV.as_bytes()).unwrap();
    assert_eq!(by_content.offers, json.offers);
}

#[test]
fn windows_1252_and_decimal_point_read_the_same() {
    assert!(
        CSV.chars().all(|c| (c as u32) < 0x100),
        "example must fit Windows-1252"
    );
    let bytes: Vec<u8> = CSV.chars().map(|c| c as u32 as u8).collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let set = read_template("offers.csv", &bytes).unwrap();
    let json = parse_template("offers.json", JSON).unwrap();
    assert_eq!(set.offers, json.offers);
    assert!(set.offers[0].vendor.contains('ä'));
    // "1,5" and "1.5" are the same escalation.
    let dot = CSV.replace(";1,5;", ";1.5;");
    assert_ne!(dot, CSV);
    assert_eq!(
        read_template("x.csv", dot.as_bytes()).unwrap().offers,
        json.offers
    );
}

#[test]
fn negative_price_names_row_column_and_offer() {
    // Row 1 is the header, row 3 the lease.
    let bad = CSV.replace(";1100;monthly;", ";-1100;monthly;");
    assert_ne!(bad, CSV);
    let e = err("angebote.csv", &bad);
    assert!(
        e.starts_with("angebote.csv, Zeile 3, Spalte „rate_cents“ (Angebot „leasing“):")
            && e.contains("negativ"),
        "{e}"
    );
}

#[test]
fn cell_mistakes_are_refused_with_their_place() {
    let header = CSV.lines().next().unwrap();
    let row = |cells: &[(&str, &str)]| -> String {
        header
            .split(';')
            .map(|h| {
                cells
                    .iter()
                    .find(|(k, _)| *k == h)
                    .map(|(_, v)| *v)
                    .unwrap_or("")
            })
            .collect::<Vec<_>>()
            .join(";")
    };
    let purchase = [
        ("kind", "purchase"),
        ("id", "k"),
        ("units", "10"),
        ("unit_price_cents", "45000"),
        ("useful_life_years", "5"),
        ("start", "2027-01-01"),
    ];
    let file = |rows: &[String]| format!("{header}\n{}\n", rows.join("\n"));
    // The base file is fine.
    let ok = read_template("a.csv", file(&[row(&purchase)]).as_bytes()).unwrap();
    assert_eq!(ok.offers[0].units, 10);
    // Not a number.
    let mut p = purchase.to_vec();
    p[2] = ("units", "zehn");
    let e = err("a.csv", &file(&[row(&p)]));
    assert!(
        e.contains("Zeile 2, Spalte „units“") && e.contains("keine Zahl"),
        "{e}"
    );
    // Euros in a cents column.
    let mut p = purchase.to_vec();
    p[3] = ("unit_price_cents", "450,00 €");
    let e = err("a.csv", &file(&[row(&p)]));
    assert!(
        e.contains("Spalte „unit_price_cents“") && e.contains("Cent"),
        "{e}"
    );
    // A field of another kind.
    let mut p = purchase.to_vec();
    p.push(("rate_cents", "100"));
    let e = err("a.csv", &file(&[row(&p)]));
    assert!(
        e.contains("Spalte „rate_cents“") && e.contains("gehört nicht"),
        "{e}"
    );
    // Unknown period, in row 3.
    let lease = [
        ("kind", "lease"),
        ("id", "l"),
        ("units", "10"),
        ("rate_cents", "100"),
        ("period", "weekly"),
        ("term_months", "12"),
    ];
    let e = err("a.csv", &file(&[row(&purchase), row(&lease)]));
    assert!(
        e.contains("Zeile 3, Spalte „period“ (Angebot „l“)") && e.contains("weekly"),
        "{e}"
    );
    // Duplicate id.
    let e = err("a.csv", &file(&[row(&purchase), row(&purchase)]));
    assert!(
        e.contains("Zeile 3, Spalte „id“") && e.contains("Zeile 2"),
        "{e}"
    );
    // Settings that disagree between rows.
    let mut p2 = purchase.to_vec();
    p2[1] = ("id", "k2");
    p2[5] = ("start", "2028-01-01");
    let e = err("a.csv", &file(&[row(&purchase), row(&p2)]));
    assert!(
        e.contains("Zeile 3, Spalte „start“") && e.contains("Zeile 2"),
        "{e}"
    );
    // No start at all.
    let mut p = purchase.to_vec();
    p.pop();
    let e = err("a.csv", &file(&[row(&p)]));
    assert!(e.contains("„start“") && e.contains("fehlt"), "{e}");
    // A term of 0 months.
    let mut l = lease.to_vec();
    l[4] = ("period", "monthly");
    l[5] = ("term_months", "0");
    let e = err("a.csv", &file(&[row(&purchase), row(&l)]));
    assert!(e.contains("Zeile 3, Spalte „term_months“"), "{e}");
    // An unknown column (typo) in the header row.
    let typo = file(&[row(&purchase)]).replacen("unit_price_cents", "unit_price", 1);
    let e = err("a.csv", &typo);
    assert!(
        e.contains("Zeile 1, Spalte „unit_price“") && e.contains("unbekannte Spalte"),
        "{e}"
    );
}
