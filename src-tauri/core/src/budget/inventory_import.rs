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
use crate::import::{display_name, read_table_bytes, HeaderSpec, ImportError, Table};
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

/// Keywords per category key; checked in this order (teacher devices before tablets).
const KEYWORDS: &[(&str, &[&str])] = &[
    (
        "teacher_device",
        &[
            "lehrer",
            "lehrkraft",
            "lehrkräfte",
            "teacher",
            "dienstgerät",
            "staff",
        ],
    ),
    ("student_tablet", &["tablet", "ipad"]),
    (
        "student_notebook",
        &["notebook", "laptop", "chromebook", "convertible"],
    ),
    (
        "doc_camera",
        &[
            "dokumentenkamera",
            "document camera",
            "visualizer",
            "visualiser",
        ],
    ),
    (
        "display",
        &[
            "display",
            "panel",
            "interaktiv",
            "interactive",
            "touchscreen",
            "smartboard",
            "tafel",
        ],
    ),
    (
        "projector",
        &["beamer", "projektor", "projector", "videoprojecteur"],
    ),
    (
        "wlan_ap",
        &[
            "access point",
            "accesspoint",
            "wlan",
            "wifi",
            "wi-fi",
            "borne wifi",
        ],
    ),
    ("switch", &["switch", "verkabelung", "netzwerk"]),
    ("server", &["server", "nas"]),
    (
        "printer",
        &[
            "drucker",
            "printer",
            "kopierer",
            "copier",
            "multifunktion",
            "imprimante",
        ],
    ),
    ("software", &["lizenz", "licence", "license", "software"]),
];

/// Lower case, trimmed, inner whitespace collapsed (as the table reader compares headers).
fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_string())
        .collect()
}

/// The catalogue key a category text means, if any.
pub fn map_category(text: &str, cats: &[Category]) -> Option<String> {
    let n = normalize_header(text);
    if n.is_empty() {
        return None;
    }
    if let Some(c) = cats
        .iter()
        .find(|c| c.key.to_lowercase() == n || normalize_header(&c.label) == n)
    {
        return Some(c.key.clone());
    }
    let ws = words(&n);
    for (key, kws) in KEYWORDS {
        if !cats.iter().any(|c| c.key == *key) {
            continue;
        }
        let hit = kws.iter().any(|k| {
            if k.len() >= 5 {
                n.contains(k)
            } else {
                ws.iter().any(|w| w == k || w.starts_with(k))
            }
        });
        if hit {
            return Some((*key).to_string());
        }
    }
    None
}

/// The school a location text means: Schulnummer, or a unique (partial) name match.
pub fn map_school<'a>(text: &str, schools: &'a [School]) -> Option<&'a School> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // GLPI entities are paths: "Stadt > Schulen > GGS Am Park".
    let segments: Vec<&str> = std::iter::once(t)
        .chain(t.rsplit(['>', '/', '\\']).map(|s| s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    for seg in &segments {
        for w in seg.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 6 {
                if let Some(s) = schools.iter().find(|s| s.schulnummer == w) {
                    return Some(s);
                }
            }
        }
    }
    for seg in segments.iter().skip(1).chain(std::iter::once(&t)) {
        let n = normalize_header(seg);
        let exact: Vec<&School> = schools
            .iter()
            .filter(|s| {
                normalize_header(&s.name) == n
                    || normalize_header(&s.display_name()) == n
                    || (!s.name_2.is_empty() && normalize_header(&s.name_2) == n)
            })
            .collect();
        if exact.len() == 1 {
            return Some(exact[0]);
        }
        if n.len() >= 6 {
            let partial: Vec<&School> = schools
                .iter()
                .filter(|s| {
                    let dn = normalize_header(&s.display_name());
                    dn.contains(&n) || n.contains(&dn)
                })
                .collect();
            if partial.len() == 1 {
                return Some(partial[0]);
            }
        }
    }
    None
}

/// A purchase year in a date or year text (`2021`, `2021-08-15`, `15.08.2021`, `08/15/2021`).
pub fn year_of(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

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
mod tests {
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
        let s =
            import_inventory_bytes(&mut store, "eigene-liste.csv", OWN.as_bytes(), &opts).unwrap();
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
}
