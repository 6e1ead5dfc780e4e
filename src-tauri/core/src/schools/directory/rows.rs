//! Reading the directory table: the header spec, one `Row` per school of the chosen Träger,
//! the Schuljahr check and the Träger names that look like a filter that matched nothing.

use std::collections::{HashMap, HashSet};

use super::DirectoryFilter;
use crate::import::{header_name, HeaderSpec, ImportError, Table};

pub(super) fn spec() -> HeaderSpec {
    HeaderSpec {
        fields: vec![
            ("schuljahr", vec!["Schuljahr"]),
            (
                "schulform",
                vec!["Schulform", "Schulform (Kurzbezeichnung)"],
            ),
            (
                "ags",
                vec![
                    "Amtlicher Gemeindeschlüssel",
                    "Gemeindeschlüssel",
                    "AGS",
                    "Amtlicher Gemeindeschluessel",
                ],
            ),
            (
                "bezirk",
                vec!["Verwaltungsbezirk", "Gemeinde", "Schulträger"],
            ),
            ("nr", vec!["Schulnummer", "Schul-Nr.", "Schulnr"]),
            ("name1", vec!["Amtliche Bezeichnung 1", "Schulname", "Name"]),
            ("name2", vec!["Amtliche Bezeichnung 2"]),
            ("name3", vec!["Amtliche Bezeichnung 3"]),
            (
                "strasse",
                vec![
                    "Straße und Hausnummer",
                    "Strasse und Hausnummer",
                    "Straße",
                    "Adresse",
                ],
            ),
            ("plz", vec!["Postleitzahl", "PLZ"]),
            ("ort", vec!["Ort"]),
            ("status", vec!["Rechtsstatus", "Rechtsform"]),
            (
                "email",
                vec!["Offizielle E-Mail-Adresse", "E-Mail", "E-Mail-Adresse"],
            ),
            (
                "anzahl",
                vec![
                    "Anzahl",
                    "Schüler",
                    "Schülerzahl",
                    "Schülerinnen und Schüler",
                ],
            ),
            (
                "sozialindex",
                vec!["Sozialindex", "Schulsozialindex", "Sozialindexstufe"],
            ),
        ],
        required: vec!["nr", "schulform", "name1", "ags", "bezirk"],
        chosen: vec![],
    }
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) nr: String,
    pub(super) name: String,
    pub(super) name_2: String,
    pub(super) name_3: String,
    pub(super) schulform: String,
    pub(super) ags: String,
    pub(super) bezirk: String,
    pub(super) strasse: String,
    pub(super) plz: String,
    pub(super) ort: String,
    pub(super) status: String,
    pub(super) email: String,
    pub(super) pupils: Option<i64>,
    pub(super) sozialindex: Option<i64>,
    pub(super) schuljahr: String,
    pub(super) line: usize,
}

pub(super) fn normalize_ags(k: &str) -> String {
    let k = k.trim();
    if k.chars().all(|c| c.is_ascii_digit()) && k.len() < 8 {
        format!("{k:0>8}")
    } else {
        k.to_string()
    }
}

pub(super) fn parse_rows(t: &Table, filter: &DirectoryFilter) -> Result<Vec<Row>, ImportError> {
    let want_traeger = filter.traeger.as_ref().map(|s| s.trim().to_lowercase());
    let want_ags = filter.gemeindeschluessel.as_ref().map(|s| normalize_ags(s));
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // The directory is written in full rows: a row that ends before the last known column was
    // cut off or broken in two, even where the table reader lets short rows through.
    let last_known = t.columns.values().copied().max().unwrap_or(0);
    let width = t
        .headers
        .iter()
        .rposition(|h| !h.trim().is_empty())
        .map(|i| i + 1)
        .unwrap_or(0);
    for rec in &t.records {
        if !t.is_xlsx && rec.cells.len() <= last_known {
            return Err(ImportError::FieldCount {
                file: t.file.clone(),
                row: rec.row,
                column: header_name(&t.headers, rec.cells.len()),
                found: rec.cells.len(),
                expected: width,
            });
        }
    }
    for rec in &t.records {
        let bezirk = t.get(rec, "bezirk");
        let ags = normalize_ags(t.get(rec, "ags"));
        if let Some(w) = &want_traeger {
            if bezirk.to_lowercase() != *w {
                continue;
            }
        }
        if let Some(w) = &want_ags {
            if ags != *w {
                continue;
            }
        }
        let status = t.get(rec, "status");
        if filter.public_only
            && !status.eq_ignore_ascii_case("öffentlich")
            && status != "Öffentlich"
        {
            continue;
        }
        let nr = t.get(rec, "nr").trim_start_matches('\'').to_string();
        if nr.is_empty() || !nr.chars().all(|c| c.is_ascii_digit()) || nr.len() > 12 {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("nr"),
                format!("„{nr}“ ist keine Schulnummer (nur Ziffern erwartet)"),
            ));
        }
        if let Some(first) = seen.insert(nr.clone(), rec.row) {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("nr"),
                format!("Schulnummer {nr} steht doppelt (auch in Zeile {first})"),
            ));
        }
        let name = t.get(rec, "name1").to_string();
        if name.is_empty() {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("name1"),
                "Schulname fehlt",
            ));
        }
        let schulform = t.get(rec, "schulform").to_string();
        if schulform.is_empty() {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("schulform"),
                "Schulform fehlt",
            ));
        }
        let anzahl = t.get(rec, "anzahl");
        let pupils = if anzahl.is_empty() {
            None
        } else {
            match crate::format::parse_int_de(anzahl) {
                Some(n) if (0..=20_000).contains(&n) => Some(n),
                Some(n) => {
                    return Err(ImportError::value(
                        &t.file,
                        rec.row,
                        &t.header_of("anzahl"),
                        format!("Schülerzahl {n} ist nicht plausibel (0 bis 20.000)"),
                    ))
                }
                None => {
                    return Err(ImportError::value(
                        &t.file,
                        rec.row,
                        &t.header_of("anzahl"),
                        format!("„{anzahl}“ ist keine Zahl"),
                    ))
                }
            }
        };
        let si = t.get(rec, "sozialindex");
        let sozialindex = if si.is_empty() || si == "-" {
            None
        } else {
            match crate::format::parse_int_de(si) {
                Some(n) if (1..=9).contains(&n) => Some(n),
                _ => {
                    return Err(ImportError::value(
                        &t.file,
                        rec.row,
                        &t.header_of("sozialindex"),
                        format!("Sozialindex „{si}“ liegt nicht zwischen 1 und 9"),
                    ))
                }
            }
        };
        let schuljahr = t.get(rec, "schuljahr");
        check_schuljahr(schuljahr)
            .map_err(|m| ImportError::value(&t.file, rec.row, &t.header_of("schuljahr"), m))?;
        out.push(Row {
            nr,
            name,
            name_2: t.get(rec, "name2").to_string(),
            name_3: t.get(rec, "name3").to_string(),
            schulform,
            ags,
            bezirk: bezirk.to_string(),
            strasse: t.get(rec, "strasse").to_string(),
            plz: t.get(rec, "plz").to_string(),
            ort: t.get(rec, "ort").to_string(),
            status: if status.is_empty() {
                "Öffentlich".to_string()
            } else {
                status.to_string()
            },
            email: t.get(rec, "email").to_string(),
            pupils,
            sozialindex,
            schuljahr: schuljahr.to_string(),
            line: rec.row,
        });
    }
    Ok(out)
}

/// Verwaltungsbezirke of the file that contain every word of the wanted Träger (for „Köln“:
/// „Krfr. Stadt Köln“), at most five.
pub(super) fn similar_traeger(t: &Table, filter: &DirectoryFilter) -> Vec<String> {
    let Some(want) = &filter.traeger else {
        return Vec::new();
    };
    // „Koeln“ finds „Köln“: both sides with umlauts written out.
    let plain = |s: &str| {
        s.to_lowercase()
            .replace('ä', "ae")
            .replace('ö', "oe")
            .replace('ü', "ue")
            .replace('ß', "ss")
    };
    let words: Vec<String> = plain(want)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<String> = t
        .records
        .iter()
        .map(|rec| t.get(rec, "bezirk"))
        .filter(|b| {
            let b = plain(b);
            words.iter().all(|w| b.contains(w.as_str()))
        })
        .map(str::to_string)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    found.sort();
    found.truncate(5);
    found
}

/// A school year as the directory writes it ("2024/25"; "2024/2025" and "2024" are accepted),
/// not before 1990 and not after next year.
fn check_schuljahr(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Ok(());
    }
    let first = s.split('/').next().unwrap_or("");
    let year: i32 = match first.trim().parse() {
        Ok(y) if first.trim().len() == 4 => y,
        _ => return Err(format!("„{s}“ ist kein Schuljahr (erwartet z. B. 2024/25)")),
    };
    let next = chrono::Datelike::year(&chrono::Local::now().date_naive()) + 1;
    if year < 1990 {
        return Err(format!("Schuljahr „{s}“ liegt vor 1990"));
    }
    if year > next {
        return Err(format!("Schuljahr „{s}“ liegt in der Zukunft"));
    }
    Ok(())
}
