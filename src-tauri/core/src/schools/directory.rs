//! Import of the official NRW school directory ("Schul- und Adressverzeichnis", with the
//! Schulsozialindex joined), as CSV (`;` or `,`, UTF-8 ± BOM or Windows-1252) or XLSX.
//!
//! Keyed by Schulnummer: a re-import updates the official fields, keeps the user's fields, and
//! reports added / updated / unchanged / removed-from-source. All of it happens in one
//! transaction; a bad row stops the import before anything is written.

mod rows;
mod traeger;

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::SchoolError;
use crate::import::{display_name, read_table_bytes, ImportError, Table};
use crate::store::Store;
use crate::CoreError;
use rows::{parse_rows, similar_traeger, spec, Row};
pub use traeger::{list_directory_traeger, list_directory_traeger_bytes, DirectoryTraeger};

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
#[path = "directory_tests.rs"]
mod tests;
