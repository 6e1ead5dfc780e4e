//! Import of inventory from asset-management exports (Snipe-IT, GLPI, i-doit) or the plain
//! template (`Schulnummer;Kategorie;Anschaffungsjahr;Anzahl`), as CSV or XLSX, through
//! `import::read_table` (same sniffing as the school import).
//!
//! Asset lists have one row per device; they are counted into cohorts (school, category,
//! purchase year). Schools are found by Schulnummer or name, categories by key, label or
//! keywords (EN/DE). Any bad row stops the import with file, row and column named; the import
//! replaces the cohorts of the (school, category) pairs in the file, all in one transaction.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::params;
use serde::Serialize;

use super::catalogue::Category;
pub use super::inventory_match::{map_category, map_school, year_of};
use crate::import::{
    display_name, normalize_header, read_table_bytes, HeaderSpec, ImportError, Table,
};
use crate::schools::School;
use crate::store::Store;
use crate::CoreError;

/// Which tool a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InventorySource {
    SnipeIt,
    Glpi,
    Idoit,
    Template,
}

impl InventorySource {
    pub fn key(&self) -> &'static str {
        match self {
            InventorySource::SnipeIt => "snipeit",
            InventorySource::Glpi => "glpi",
            InventorySource::Idoit => "idoit",
            InventorySource::Template => "template",
        }
    }
    pub fn label(&self) -> &'static str {
        match self {
            InventorySource::SnipeIt => "Snipe-IT",
            InventorySource::Glpi => "GLPI",
            InventorySource::Idoit => "i-doit",
            InventorySource::Template => "Vorlage",
        }
    }
    /// `snipeit`, `glpi`, `idoit`, `template`; `auto`/empty = None.
    pub fn parse(s: &str) -> Result<Option<InventorySource>, String> {
        Ok(Some(match s.trim().to_lowercase().replace(['-', '_', ' '], "").as_str() {
            "" | "auto" => return Ok(None),
            "snipeit" => InventorySource::SnipeIt,
            "glpi" => InventorySource::Glpi,
            "idoit" => InventorySource::Idoit,
            "template" | "vorlage" | "csv" => InventorySource::Template,
            other => {
                return Err(format!(
                    "Unbekannte Quelle „{other}“: erlaubt sind snipeit, glpi, idoit, template oder auto"
                ))
            }
        }))
    }
}

#[derive(Debug, Clone, Default)]
pub struct InventoryImportOptions {
    /// None = detect from the headers.
    pub source: Option<InventorySource>,
    /// Skip rows whose category cannot be mapped (counted in the summary) instead of stopping.
    pub skip_unknown_categories: bool,
    /// The user's column mapping: field key (see [`MAPPABLE`]) → header in the file. Wins over
    /// the alias detection; an empty header leaves the field unmapped. Empty = aliases only.
    pub columns: BTreeMap<String, String>,
}

/// The fields a user can map to a column: key, German label, required.
pub const MAPPABLE: &[(&str, &str, bool)] = &[
    ("school", "Schule (Schulnummer oder Name)", true),
    ("category", "Kategorie", true),
    ("year", "Anschaffungsjahr", false),
    ("date", "Kaufdatum", false),
    ("units", "Anzahl", false),
    ("status", "Status", false),
];

fn mappable_label(key: &str) -> &'static str {
    MAPPABLE
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, l, _)| *l)
        .unwrap_or("?")
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InventoryImportSummary {
    pub file: String,
    pub source: InventorySource,
    pub rows: usize,
    pub devices: i64,
    pub cohorts: usize,
    pub schools: usize,
    /// Cohorts replaced (same school and category stored before).
    pub replaced_cohorts: usize,
    /// Rows skipped because their status says the device is retired/archived.
    pub skipped_retired: usize,
    /// Rows skipped because their category is unknown (only with `skip_unknown_categories`).
    pub skipped_unknown: usize,
    pub unknown_categories: Vec<String>,
}

fn spec() -> HeaderSpec {
    HeaderSpec {
        fields: vec![
            (
                "school",
                vec![
                    "Schulnummer",
                    "Schul-Nr.",
                    "Schule",
                    "School",
                    "Standort",
                    "Location",
                    "Company",
                    "Firma",
                    "Entity",
                    "Einheit",
                    "Entität",
                    "Entité",
                    "Mandant",
                    "Organisation",
                    "Site",
                    "Liegenschaft",
                    "Schulname",
                ],
            ),
            (
                "category",
                vec![
                    "Kategorie",
                    "Category",
                    "Asset Category",
                    "Objekttyp",
                    "Object type",
                    "Gerätetyp",
                    "Gerätekategorie",
                    "Geräteart",
                    "Typ",
                    "Type",
                    "Asset type",
                ],
            ),
            (
                "model",
                vec!["Modell", "Model", "Model Name", "Modellname", "Model No."],
            ),
            (
                "name",
                vec![
                    "Asset Name",
                    "Name",
                    "Titel",
                    "Title",
                    "Objekttitel",
                    "Bezeichnung",
                    "Gerätename",
                ],
            ),
            (
                "year",
                vec![
                    "Anschaffungsjahr",
                    "Kaufjahr",
                    "Purchase Year",
                    "Jahr",
                    "Year",
                    "Beschaffungsjahr",
                ],
            ),
            (
                "date",
                vec![
                    "Kaufdatum",
                    "Purchase Date",
                    "Date of purchase",
                    "Anschaffungsdatum",
                    "Lieferdatum",
                    "Delivery date",
                    "Inbetriebnahme",
                    "Buchungsdatum",
                    "Beschaffungsdatum",
                    "Date d'achat",
                ],
            ),
            (
                "units",
                vec![
                    "Anzahl",
                    "Menge",
                    "Stückzahl",
                    "Stück",
                    "Units",
                    "Quantity",
                    "Qty",
                    "Count",
                ],
            ),
            (
                "status",
                vec![
                    "Status",
                    "Status Label",
                    "Statuslabel",
                    "Zustand",
                    "CMDB-Status",
                    "CMDB status",
                ],
            ),
            (
                "tag",
                vec![
                    "Asset Tag",
                    "Inventarnummer",
                    "Inventory number",
                    "Inventar-Nr.",
                    "Numéro d'inventaire",
                ],
            ),
            ("objid", vec!["Objekt-ID", "Object ID", "SYSID"]),
        ],
        required: vec!["school", "category"],
        chosen: vec![],
    }
}

/// The field a header of an inventory file stands for by the aliases (no user mapping).
pub fn alias_field(header: &str) -> Option<&'static str> {
    spec().match_header(header)
}

/// The header spec with the user's column mapping of `opts` applied.
fn spec_with(file: &str, opts: &InventoryImportOptions) -> Result<HeaderSpec, ImportError> {
    let mut spec = spec();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (key, header) in &opts.columns {
        let Some(&(k, _, _)) = MAPPABLE.iter().find(|(k, _, _)| k == key) else {
            return Err(mapping_error(
                file,
                format!(
                    "Unbekanntes Feld „{key}“ in der Spaltenzuordnung; möglich sind: {}",
                    MAPPABLE.iter().map(|m| m.0).collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        let n = normalize_header(header);
        if !n.is_empty() {
            if let Some(other) = seen.insert(n, k) {
                return Err(mapping_error(
                    file,
                    format!(
                        "Die Spalte „{}“ ist zwei Feldern zugeordnet („{}“ und „{}“); jede Spalte nur einmal zuordnen.",
                        header.trim(),
                        mappable_label(other),
                        mappable_label(k)
                    ),
                ));
            }
        }
        spec.chosen.push((k, header.trim().to_string()));
    }
    Ok(spec)
}

fn mapping_error(file: &str, message: String) -> ImportError {
    ImportError::Value {
        at: crate::import::Location {
            file: file.into(),
            row: None,
            column: None,
        },
        message,
    }
}

/// Reads an inventory file with the aliases and the user's column mapping of `opts`.
pub fn read_inventory_table(
    file: &str,
    bytes: &[u8],
    opts: &InventoryImportOptions,
) -> Result<Table, ImportError> {
    let spec = spec_with(file, opts)?;
    let t = match read_table_bytes(file, bytes, &spec) {
        Ok(t) => t,
        // A required field the user mapped to a header the file does not have: say so.
        Err(ImportError::MissingColumn {
            file: f,
            column,
            header_row,
        }) => {
            let chosen = spec.chosen.iter().find(|(k, h)| {
                spec.required.contains(k) && spec.label(k) == column && !h.is_empty()
            });
            return Err(match chosen {
                Some((k, h)) => mapping_error(
                    &f,
                    format!(
                        "Die Spalte „{h}“ (zugeordnet zu „{}“) steht nicht in der Kopfzeile (Zeile {header_row}).",
                        mappable_label(k)
                    ),
                ),
                None => ImportError::MissingColumn {
                    file: f,
                    column,
                    header_row,
                },
            });
        }
        Err(e) => return Err(e),
    };
    for (k, h) in &spec.chosen {
        if !h.is_empty() && !t.has(k) {
            return Err(mapping_error(
                file,
                format!(
                    "Die Spalte „{h}“ (zugeordnet zu „{}“) steht nicht in der Kopfzeile (Zeile {}).",
                    mappable_label(k),
                    t.header_row
                ),
            ));
        }
    }
    Ok(t)
}

/// Guesses the tool from the headers found.
pub fn detect_source(t: &Table) -> InventorySource {
    let headers: Vec<String> = t.headers.iter().map(|h| normalize_header(h)).collect();
    let has = |names: &[&str]| headers.iter().any(|h| names.iter().any(|n| h == n));
    if has(&["asset tag", "asset name", "status label"]) {
        InventorySource::SnipeIt
    } else if has(&[
        "objekttyp",
        "object type",
        "cmdb-status",
        "cmdb status",
        "objekt-id",
        "sysid",
    ]) {
        InventorySource::Idoit
    } else if has(&[
        "entity",
        "einheit",
        "entität",
        "entité",
        "inventory number",
        "numéro d'inventaire",
    ]) {
        InventorySource::Glpi
    } else {
        InventorySource::Template
    }
}

const RETIRED: &[&str] = &[
    "archived",
    "archiviert",
    "ausgemustert",
    "entsorgt",
    "verschrottet",
    "disposed",
    "retired",
    "deleted",
    "gelöscht",
    "verkauft",
    "sold",
    "lost",
    "verloren",
    "gestohlen",
    "stolen",
];

/// Units per (Schulnummer, category key, purchase year).
pub type CohortCounts = BTreeMap<(String, String, i32), i64>;

/// Rows turned into cohorts (pure: no database).
pub fn parse_inventory(
    t: &Table,
    source: InventorySource,
    schools: &[School],
    cats: &[Category],
    latest_year: i32,
    opts: &InventoryImportOptions,
) -> Result<(CohortCounts, InventoryImportSummary), ImportError> {
    if !t.has("year") && !t.has("date") {
        return Err(ImportError::MissingColumn {
            file: t.file.clone(),
            column: "Anschaffungsjahr“ oder „Kaufdatum".into(),
            header_row: t.header_row,
        });
    }
    let mut cohorts: CohortCounts = BTreeMap::new();
    let mut summary = InventoryImportSummary {
        file: t.file.clone(),
        source,
        rows: 0,
        devices: 0,
        cohorts: 0,
        schools: 0,
        replaced_cohorts: 0,
        skipped_retired: 0,
        skipped_unknown: 0,
        unknown_categories: vec![],
    };
    let mut unknown = BTreeSet::new();
    for rec in &t.records {
        summary.rows += 1;
        let status = t.get(rec, "status").to_lowercase();
        if !status.is_empty() && RETIRED.iter().any(|r| status.contains(r)) {
            summary.skipped_retired += 1;
            continue;
        }
        let school_text = t.get(rec, "school");
        if school_text.is_empty() {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("school"),
                "Schule fehlt (Schulnummer oder Name angeben)",
            ));
        }
        let school = map_school(school_text, schools).ok_or_else(|| {
            ImportError::value(
                &t.file,
                rec.row,
                &t.header_of("school"),
                format!("Schule „{school_text}“ steht nicht im Schulregister (Schulnummer oder eindeutigen Namen angeben)"),
            )
        })?;
        let cat_text = t.get(rec, "category");
        let category = map_category(cat_text, cats)
            .or_else(|| map_category(t.get(rec, "model"), cats))
            .or_else(|| map_category(t.get(rec, "name"), cats));
        let category = match category {
            Some(c) => c,
            None if opts.skip_unknown_categories => {
                summary.skipped_unknown += 1;
                unknown.insert(cat_text.to_string());
                continue;
            }
            None => {
                return Err(ImportError::value(
                    &t.file,
                    rec.row,
                    &t.header_of("category"),
                    format!(
                        "Kategorie „{cat_text}“ ist keiner Katalogkategorie zuzuordnen (bekannt: {}); Zeilen mit unbekannter Kategorie können mit „unbekannte überspringen“ ausgelassen werden",
                        cats.iter().map(|c| c.key.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                ))
            }
        };
        let (ytext, ycol) = if !t.get(rec, "year").is_empty() {
            (t.get(rec, "year"), "year")
        } else {
            (
                t.get(rec, "date"),
                if t.has("date") { "date" } else { "year" },
            )
        };
        let year = year_of(ytext).ok_or_else(|| {
            ImportError::value(
                &t.file,
                rec.row,
                &t.header_of(ycol),
                if ytext.is_empty() {
                    "Anschaffungsjahr fehlt".to_string()
                } else {
                    format!("„{ytext}“ enthält kein Jahr")
                },
            )
        })?;
        if !(1990..=latest_year).contains(&year) {
            return Err(ImportError::value(
                &t.file,
                rec.row,
                &t.header_of(ycol),
                format!("Anschaffungsjahr {year} liegt nicht zwischen 1990 und {latest_year}"),
            ));
        }
        let units = if t.has("units") {
            let u = t.get(rec, "units");
            match crate::format::parse_int_de(u) {
                Some(n) if (0..=100_000).contains(&n) => n,
                _ => {
                    return Err(ImportError::value(
                        &t.file,
                        rec.row,
                        &t.header_of("units"),
                        format!("„{u}“ ist keine Stückzahl (ganze Zahl von 0 bis 100.000)"),
                    ))
                }
            }
        } else {
            1
        };
        *cohorts
            .entry((school.schulnummer.clone(), category, year))
            .or_insert(0) += units;
        summary.devices += units;
    }
    if cohorts.is_empty() && summary.skipped_retired == 0 && summary.skipped_unknown == 0 {
        return Err(ImportError::NoRows {
            file: t.file.clone(),
        });
    }
    summary.cohorts = cohorts.len();
    summary.schools = cohorts
        .keys()
        .map(|(s, _, _)| s.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    summary.unknown_categories = unknown.into_iter().collect();
    Ok((cohorts, summary))
}

/// Imports an inventory file into the plan (one transaction).
pub fn import_inventory(
    store: &mut Store,
    path: &Path,
    opts: &InventoryImportOptions,
) -> Result<InventoryImportSummary, CoreError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    import_inventory_bytes(store, &file, &bytes, opts)
}

/// Reads a file's bytes (sniffing encoding, delimiter, header, XLSX) and turns its rows into
/// cohorts, without touching a store. Returns the table (for its hash), the source used, the
/// cohorts and the summary.
pub fn parse_inventory_bytes(
    file: &str,
    bytes: &[u8],
    schools: &[School],
    cats: &[Category],
    latest_year: i32,
    opts: &InventoryImportOptions,
) -> Result<(Table, InventorySource, CohortCounts, InventoryImportSummary), ImportError> {
    let t = read_inventory_table(file, bytes, opts)?;
    let source = opts.source.unwrap_or_else(|| detect_source(&t));
    let (cohorts, summary) = parse_inventory(&t, source, schools, cats, latest_year, opts)?;
    Ok((t, source, cohorts, summary))
}

pub fn import_inventory_bytes(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    opts: &InventoryImportOptions,
) -> Result<InventoryImportSummary, CoreError> {
    let schools = crate::schools::list_schools(store.conn())?;
    let sc = super::repo::get_scenario(store.conn(), None)?;
    let cats = super::repo::list_categories(store.conn(), sc.id)?;
    let latest = super::current_year();
    let (t, source, cohorts, mut summary) =
        parse_inventory_bytes(file, bytes, &schools, &cats, latest, opts)?;
    // The file is valid: keep a copy of the plan as it was (see store::backup_before_import).
    crate::store::backup_before_import(store, "inventar")?;
    store.transaction(|tx| -> Result<(), CoreError> {
        let pairs: BTreeSet<(&str, &str)> = cohorts
            .keys()
            .map(|(s, c, _)| (s.as_str(), c.as_str()))
            .collect();
        let mut del = tx.prepare(
            "DELETE FROM budget_inventory WHERE schulnummer = ?1 AND category = ?2",
        )?;
        for (s, c) in &pairs {
            summary.replaced_cohorts += del.execute(params![s, c])?;
        }
        let mut ins = tx.prepare(
            "INSERT INTO budget_inventory (schulnummer, category, purchase_year, units, source, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for ((s, c, y), u) in &cohorts {
            ins.execute(params![s, c, y, u, source.key(), format!("Import {file}")])?;
        }
        tx.execute(
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('inventory', ?1, ?2, ?3)",
            params![
                file,
                t.sha256,
                serde_json::to_string(&summary).unwrap_or_default()
            ],
        )?;
        Ok(())
    })?;
    Ok(summary)
}

#[cfg(test)]
#[path = "inventory_import_tests.rs"]
mod tests;
