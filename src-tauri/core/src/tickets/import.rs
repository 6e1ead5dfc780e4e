//! Entry point of a ticket import: read the file (CSV streamed, XLSX in memory), find the format
//! and header, convert every row and write it — all inside ONE transaction. Any bad row (missing
//! created date, unparseable date in row 812, …) aborts with file, row and column named, and the
//! transaction is rolled back: the plan is unchanged, exactly as if the file had been validated
//! completely before writing. Parsing runs in a worker thread while this thread inserts.

mod body;
mod header_plan;
mod privacy;
mod write;

use std::path::Path;

use serde::Serialize;

use super::columns::Field;
use super::datetime::Zone;
use super::detect::{detect, HEADER_SEARCH_ROWS};
use super::mapped::Profile;
use crate::import::{display_name, ImportError};
use crate::store::Store;
use crate::CoreError;
pub use body::Body;
use header_plan::plan;
use privacy::{alias_of, privacy};
use write::write_all;

/// Choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `zammad`, `glpi`, `znuny`, `jira`, `itop`; `None` or `auto` = detect.
    pub source: Option<String>,
    /// A column mapping (overrides `source`).
    pub profile: Option<Profile>,
    /// Header of the column that names the school, when not the format's default
    /// (e.g. `Group`, `Location`, a custom field).
    pub school_column: Option<String>,
    /// Keep ticket titles (dropped by default: they often contain names).
    pub keep_title: bool,
    /// Drop the requester entirely instead of storing a pseudonym.
    pub drop_requester: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelCount {
    pub label: String,
    pub tickets: usize,
}

/// What the data-protection notice says about this file.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Privacy {
    /// Person columns found in the file and not stored.
    pub dropped_columns: Vec<String>,
    /// Columns stored only as keyed pseudonyms.
    pub pseudonymised_columns: Vec<String>,
    pub title_dropped: bool,
    /// German sentence for the UI / CLI.
    pub notice: String,
}

/// Result of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub source: String,
    pub format: String,
    pub documented: String,
    pub header_row: usize,
    pub time_zone: String,
    /// Data rows converted (tickets written).
    pub rows: usize,
    pub imported: usize,
    pub updated: usize,
    /// Rows that are not tickets of their own (merged / removed states).
    pub skipped: usize,
    /// School labels that matched no school of the register (most tickets first).
    pub unmatched_schools: Vec<String>,
    pub unmatched_detail: Vec<LabelCount>,
    pub without_school: usize,
    /// States not known: counted as open until the user classifies them.
    pub unknown_states: Vec<LabelCount>,
    /// Priorities not known: counted as 3 (normal).
    pub unknown_priorities: Vec<LabelCount>,
    pub privacy: Privacy,
    pub notes: Vec<String>,
    pub import_id: i64,
    pub sha256: String,
}

/// Imports a ticket export file into the plan.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportSummary, CoreError> {
    let file = display_name(path);
    let read_error = |e: std::io::Error| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    };
    let f = std::fs::File::open(path).map_err(read_error)?;
    let len = f.metadata().map_err(read_error)?.len();
    if len < 1 << 20 {
        let bytes = std::fs::read(path).map_err(read_error)?;
        return import_bytes(store, &file, &bytes, opts);
    }
    // SAFETY: the mapping is only read as bytes. Text is made from it only through the CSV
    // reader, which copies each record into its own buffer and checks that copy as UTF-8 (or
    // through a decoded copy of the whole file), so a file changed by another program during
    // the import yields wrong or rejected rows, never invalid `str`s.
    let map = unsafe { memmap2::Mmap::map(&f) }.map_err(read_error)?;
    import_bytes(store, &file, &map, opts)
}

/// Files above this size (about 30,000 tickets) are imported with a bigger page cache and
/// without per-row foreign-key lookups.
const LARGE_FILE_BYTES: usize = 5_000_000;

/// Imports `bytes` (named `file` in messages).
pub fn import_bytes(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportSummary, CoreError> {
    let timing = std::env::var_os("SCHULIT_TIMING").is_some();
    let t0 = std::time::Instant::now();
    let body = Body::open(file, bytes)?;
    if timing {
        eprintln!("body open {:.2?}", t0.elapsed());
    }
    let (head, nums) = body.head(file, HEADER_SEARCH_ROWS + 1)?;
    if head.is_empty() {
        return Err(ImportError::Empty { file: file.into() }.into());
    }
    let mut p = plan(file, &head, &nums, opts)?;
    if let Some(col) = &opts.school_column {
        if !p.columns.set_column(Field::School, col) {
            return Err(ImportError::MissingColumn {
                file: file.into(),
                column: col.clone(),
                header_row: p.columns.header_row,
            }
            .into());
        }
    }
    let zone = body.zone_footer().unwrap_or(Zone::Berlin);
    if timing {
        eprintln!("planned {:.2?}", t0.elapsed());
    }
    let privacy = privacy(p.format, &p.columns, opts);
    let mut notes = Vec::new();
    if !p.columns.has(Field::Solved) && !p.columns.has(Field::Closed) {
        notes.push(format!(
            "Die Datei hat keine Spalte für Lösungs- oder Schließungsdatum: Lösungszeiten können nicht berechnet werden. Bitte im {} die Spalten „{}“ mit exportieren.",
            p.format.name,
            alias_of(p.format, Field::Solved).or(alias_of(p.format, Field::Closed)).unwrap_or("Gelöst/Geschlossen")
        ));
    }
    if !p.columns.has(Field::FirstResponse) && !p.columns.has(Field::SlaResponse) {
        notes.push("Die Datei hat keine Spalte für die erste Reaktion: die Reaktionszeit kann nicht berechnet werden.".into());
    }
    if !p.columns.has(Field::School) {
        notes.push("Keine Spalte für die Schule gefunden: bitte die Spalte wählen (Organisation, Gruppe, Entität, Standort oder ein eigenes Feld).".into());
    }

    // Keep a copy of the plan as it was (no-op for new/empty plans; see store::backup_before_import).
    crate::store::backup_before_import(store, "tickets")?;
    if timing {
        eprintln!("backup {:.2?}", t0.elapsed());
    }
    let conn = store.conn_mut();
    // Large imports: a page cache that holds the whole import (nothing spilled before the
    // commit), no per-row foreign-key lookups — every Schulnummer written comes from the
    // register read inside this transaction and the import_id from its own log row — and a
    // rollback journal instead of the WAL for this one transaction: new pages go into the file
    // once instead of into the WAL and then again into the file at the checkpoint. Atomic all
    // the same (a killed import leaves a hot journal that the next open rolls back). Restored
    // afterwards; if another connection keeps the WAL open, the import simply stays in WAL mode.
    let large = bytes.len() > LARGE_FILE_BYTES;
    let mut journal_switched = false;
    if large {
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576;")?;
        journal_switched = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .map(|m| m.eq_ignore_ascii_case("delete"))
            .unwrap_or(false);
    }
    let result = write_all(conn, file, bytes, &body, p, zone, privacy, notes, opts);
    if timing {
        eprintln!("write_all returned {:.2?}", t0.elapsed());
    }
    if large {
        if journal_switched {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;")?;
    }
    if timing {
        eprintln!("settings restored {:.2?}", t0.elapsed());
    }
    result
}

/// What the import dialog shows before importing: detected source, headers, suggested mapping,
/// sample rows and the data-protection notice for the detected format.
#[derive(Debug, Clone, Serialize)]
pub struct FilePreview {
    #[serde(flatten)]
    pub preview: super::detect::Preview,
    pub is_xlsx: bool,
    /// Notice for the detected format with default options (none when a mapping is needed).
    pub privacy: Option<Privacy>,
}

/// Reads the first rows of `path` and finds its format (no plan needed).
pub fn preview_file(path: &Path) -> Result<FilePreview, CoreError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    let body = Body::open(&file, &bytes)?;
    let (head, nums) = body.head(&file, HEADER_SEARCH_ROWS + 6)?;
    if head.is_empty() {
        return Err(ImportError::Empty { file }.into());
    }
    let row_number = |i: usize| nums.get(i).copied().unwrap_or(i + 1);
    let preview = super::detect::preview(&file, &head, &row_number);
    let privacy = detect(&head, None, &row_number)
        .map(|d| self::privacy(d.format, &d.columns, &ImportOptions::default()));
    Ok(FilePreview {
        preview,
        is_xlsx: matches!(body, Body::Xlsx { .. }),
        privacy,
    })
}
