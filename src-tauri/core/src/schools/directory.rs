//! Import of the official NRW school directory ("Schul- und Adressverzeichnis", with the
//! Schulsozialindex joined), as CSV (`;` or `,`, UTF-8 ± BOM or Windows-1252) or XLSX.
//!
//! Keyed by Schulnummer: a re-import updates the official fields, keeps the user's fields, and
//! reports added / updated / unchanged / removed-from-source. All of it happens in one
//! transaction; a bad row stops the import before anything is written.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::SchoolError;
use crate::import::{display_name, header_name, read_table_bytes, HeaderSpec, ImportError, Table};
use crate::store::Store;
use crate::CoreError;

/// Which schools of the directory belong to this Schulträger.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    /// `Verwaltungsbezirk` as written in the directory, e.g. "Krfr. Stadt Köln".
    pub traeger: Option<String>,
    /// `Amtlicher Gemeindeschlüssel`, e.g. "05315000" (leading zero optional).
    pub gemeindeschluessel: Option<String>,
    /// Only `Rechtsstatus = Öffentlich`.
    pub public_only: bool,
}

impl DirectoryFilter {
    fn describe(&self) -> String {
        match (&self.traeger, &self.gemeindeschluessel) {
            (Some(t), _) => format!("„{t}“"),
            (None, Some(k)) => format!("Gemeindeschlüssel {k}"),
            (None, None) => "den Filter".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Schools imported from the directory earlier that this file no longer lists (kept, not
    /// deleted: the user decides).
    pub removed_from_source: usize,
    pub removed_schulnummern: Vec<String>,
    pub file: String,
    pub pupils_total: i64,
}

fn spec() -> HeaderSpec {
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
struct Row {
    nr: String,
    name: String,
    name_2: String,
    name_3: String,
    schulform: String,
    ags: String,
    bezirk: String,
    strasse: String,
    plz: String,
    ort: String,
    status: String,
    email: String,
    pupils: Option<i64>,
    sozialindex: Option<i64>,
    schuljahr: String,
    line: usize,
}

fn normalize_ags(k: &str) -> String {
    let k = k.trim();
    if k.chars().all(|c| c.is_ascii_digit()) && k.len() < 8 {
        format!("{k:0>8}")
    } else {
        k.to_string()
    }
}

fn parse_rows(t: &Table, filter: &DirectoryFilter) -> Result<Vec<Row>, ImportError> {
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

/// The official fields as stored: ((name, name_2, name_3, schulform, Gemeindeschlüssel,
/// Verwaltungsbezirk, Straße, PLZ, Ort, Rechtsstatus, E-Mail), (pupils, Sozialindex)).
type Official = (
    (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ),
    (Option<i64>, Option<i64>),
);

/// A column the file does not have is no news: the stored value stays (e.g. the Sozialindex
/// when the plain Statistik.NRW directory, which has none, is imported over a joined one).
fn keep_absent_columns(r: &Row, cur: &Official, t: &Table) -> Row {
    let mut r = r.clone();
    let (text, (pupils, sozialindex)) = cur;
    let keep = |key: &str, field: &mut String, stored: &String| {
        if !t.has(key) {
            *field = stored.clone();
        }
    };
    keep("name2", &mut r.name_2, &text.1);
    keep("name3", &mut r.name_3, &text.2);
    keep("strasse", &mut r.strasse, &text.6);
    keep("plz", &mut r.plz, &text.7);
    keep("ort", &mut r.ort, &text.8);
    keep("status", &mut r.status, &text.9);
    keep("email", &mut r.email, &text.10);
    if !t.has("anzahl") {
        r.pupils = *pupils;
    }
    if !t.has("sozialindex") {
        r.sozialindex = *sozialindex;
    }
    r
}

/// Verwaltungsbezirke of the file that contain every word of the wanted Träger (for „Köln“:
/// „Krfr. Stadt Köln“), at most five.
fn similar_traeger(t: &Table, filter: &DirectoryFilter) -> Vec<String> {
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

/// One Schulträger candidate found in a directory file: a `Verwaltungsbezirk` with its
/// `Amtlicher Gemeindeschlüssel` and how many schools the file lists for it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DirectoryTraeger {
    pub verwaltungsbezirk: String,
    pub gemeindeschluessel: String,
    pub schools: usize,
    /// Schools with `Rechtsstatus = Öffentlich` (what "nur öffentliche Schulen" would import).
    pub public_schools: usize,
}

/// The Verwaltungsbezirke / Gemeindeschlüssel of a directory file with their school counts,
/// sorted by name, so that a user can pick their Schulträger before importing.
pub fn list_directory_traeger(path: &Path) -> Result<Vec<DirectoryTraeger>, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: display_name(path),
        reason: e.to_string(),
    })?;
    list_directory_traeger_bytes(&display_name(path), &bytes)
}

/// Same as [`list_directory_traeger`] for bytes in memory.
pub fn list_directory_traeger_bytes(
    file: &str,
    bytes: &[u8],
) -> Result<Vec<DirectoryTraeger>, CoreError> {
    let table = read_table_bytes(file, bytes, &spec())?;
    let mut map: HashMap<(String, String), DirectoryTraeger> = HashMap::new();
    for rec in &table.records {
        let bezirk = table.get(rec, "bezirk").to_string();
        let ags = normalize_ags(table.get(rec, "ags"));
        if bezirk.is_empty() && ags.is_empty() {
            continue;
        }
        let status = table.get(rec, "status");
        let public = status.is_empty()
            || status.eq_ignore_ascii_case("öffentlich")
            || status == "Öffentlich";
        let e = map
            .entry((bezirk.clone(), ags.clone()))
            .or_insert_with(|| DirectoryTraeger {
                verwaltungsbezirk: bezirk,
                gemeindeschluessel: ags,
                schools: 0,
                public_schools: 0,
            });
        e.schools += 1;
        if public {
            e.public_schools += 1;
        }
    }
    if map.is_empty() {
        return Err(ImportError::NoRows {
            file: file.to_string(),
        }
        .into());
    }
    let mut out: Vec<DirectoryTraeger> = map.into_values().collect();
    out.sort_by(|a, b| {
        a.verwaltungsbezirk
            .to_lowercase()
            .cmp(&b.verwaltungsbezirk.to_lowercase())
            .then_with(|| a.gemeindeschluessel.cmp(&b.gemeindeschluessel))
    });
    Ok(out)
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

/// Imports the directory file at `path` for the Schulträger chosen by `filter`.
pub fn import_directory(
    store: &mut Store,
    path: &Path,
    filter: &DirectoryFilter,
) -> Result<ImportSummary, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: display_name(path),
        reason: e.to_string(),
    })?;
    import_directory_bytes(store, &display_name(path), &bytes, filter)
}

/// Same as [`import_directory`] for bytes in memory (the embedded demo district).
pub fn import_directory_bytes(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    filter: &DirectoryFilter,
) -> Result<ImportSummary, CoreError> {
    let table = read_table_bytes(file, bytes, &spec())?;
    if table.records.is_empty() {
        return Err(ImportError::NoRows { file: file.into() }.into());
    }
    let rows = parse_rows(&table, filter)?;
    if rows.is_empty() {
        let mut what = filter.describe();
        let similar = similar_traeger(&table, filter);
        if !similar.is_empty() {
            what.push_str(&format!(
                " (ähnlich in der Datei: {})",
                similar
                    .iter()
                    .map(|s| format!("„{s}“"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return Err(SchoolError::NoSchoolsForFilter(what).into());
    }
    // The file is valid: keep a copy of the plan as it was before anything is written.
    crate::store::backup_before_import(store, "schulen")?;
    let summary = store.transaction(|tx| -> Result<ImportSummary, CoreError> {
        let mut s = ImportSummary { file: file.to_string(), ..Default::default() };
        let mut get = tx.prepare(
            "SELECT name, name_2, name_3, schulform, gemeindeschluessel, verwaltungsbezirk, strasse, plz, ort,
                    rechtsstatus, email, pupils, sozialindex FROM schools WHERE schulnummer = ?1",
        )?;
        let mut insert = tx.prepare(
            "INSERT INTO schools (schulnummer, name, name_2, name_3, schulform, gemeindeschluessel, verwaltungsbezirk,
                strasse, plz, ort, rechtsstatus, email, pupils, sozialindex, source, source_year)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,'directory',?15)",
        )?;
        let mut update = tx.prepare(
            "UPDATE schools SET name=?2, name_2=?3, name_3=?4, schulform=?5, gemeindeschluessel=?6, verwaltungsbezirk=?7,
                strasse=?8, plz=?9, ort=?10, rechtsstatus=?11, email=?12, pupils=?13, sozialindex=?14,
                source='directory', source_year=?15, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')
             WHERE schulnummer=?1",
        )?;
        for r in &rows {
            let current: Option<Official> = get
                .query_row([&r.nr], |q| {
                    Ok(((q.get(0)?, q.get(1)?, q.get(2)?, q.get(3)?, q.get(4)?, q.get(5)?, q.get(6)?, q.get(7)?, q.get(8)?, q.get(9)?, q.get(10)?), (q.get(11)?, q.get(12)?)))
                })
                .optional()?;
            let r = &match &current {
                Some(cur) => keep_absent_columns(r, cur, &table),
                None => r.clone(),
            };
            s.pupils_total += r.pupils.unwrap_or(0);
            let new: Official = (
                (
                    r.name.clone(), r.name_2.clone(), r.name_3.clone(), r.schulform.clone(), r.ags.clone(), r.bezirk.clone(),
                    r.strasse.clone(), r.plz.clone(), r.ort.clone(), r.status.clone(), r.email.clone(),
                ),
                (r.pupils, r.sozialindex),
            );
            let p = params![
                r.nr, r.name, r.name_2, r.name_3, r.schulform, r.ags, r.bezirk, r.strasse, r.plz, r.ort, r.status,
                r.email, r.pupils, r.sozialindex, r.schuljahr
            ];
            match current {
                None => {
                    insert.execute(p).map_err(|e| ImportError::value(file, r.line, "Schulnummer", format!("kann nicht gespeichert werden: {e}")))?;
                    s.added += 1;
                }
                Some(cur) if cur == new => s.unchanged += 1,
                Some(_) => {
                    update.execute(p)?;
                    s.updated += 1;
                }
            }
        }
        // Directory schools of the same municipalities that the file no longer lists.
        let in_file: HashSet<&str> = rows.iter().map(|r| r.nr.as_str()).collect();
        let keys: HashSet<&str> = rows.iter().map(|r| r.ags.as_str()).collect();
        let mut stmt = tx.prepare("SELECT schulnummer, gemeindeschluessel FROM schools WHERE source = 'directory' ORDER BY schulnummer")?;
        let existing = stmt.query_map([], |q| Ok((q.get::<_, String>(0)?, q.get::<_, String>(1)?)))?;
        for e in existing {
            let (nr, ags) = e?;
            if keys.contains(ags.as_str()) && !in_file.contains(nr.as_str()) {
                s.removed_schulnummern.push(nr);
            }
        }
        s.removed_from_source = s.removed_schulnummern.len();
        let summary_json = serde_json::to_string(&s).unwrap_or_default();
        tx.execute(
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('schools', ?1, ?2, ?3)",
            params![file, table.sha256, summary_json],
        )?;
        Ok(s)
    })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
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
}
