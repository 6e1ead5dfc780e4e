//! What the window's import dialog shows before an inventory import: the detected tool, the
//! header row, the column of each field (from the aliases or the user's mapping) and a dry run
//! of the whole file (same checks as the import, nothing stored). When no header row is found,
//! the first rows are offered so the user can map the columns by hand.

use serde::Serialize;

use super::inventory_import::{
    alias_field, detect_source, parse_inventory, read_inventory_table, InventoryImportOptions,
    InventoryImportSummary, MAPPABLE,
};
use crate::import::{read_rows_bytes, ImportError};
use crate::store::Store;
use crate::CoreError;

/// Rows searched for a header when the aliases find none (as the table reader does).
const HEADER_ROWS: usize = 25;
/// Data rows shown in the preview.
const SAMPLE_ROWS: usize = 5;

/// One mappable field and the column it is read from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldMapping {
    pub key: String,
    pub label: String,
    pub required: bool,
    /// Header in the file; None = not mapped.
    pub header: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InventoryPreview {
    pub file: String,
    /// Detected (or chosen) tool: `snipeit`, `glpi`, `idoit`, `template`; None when the header
    /// row could not be read.
    pub source: Option<String>,
    /// `Snipe-IT`, `GLPI`, `i-doit`, `Vorlage`.
    pub source_label: Option<String>,
    /// Row number of the header row (1-based).
    pub header_row: usize,
    /// Every non-empty header of that row, in file order.
    pub headers: Vec<String>,
    pub fields: Vec<FieldMapping>,
    /// The first data rows (cells in header order).
    pub sample: Vec<Vec<String>>,
    /// The dry run: what the import would store. None when `error` is set.
    pub check: Option<InventoryImportSummary>,
    /// Why the file cannot be imported as mapped (file, row, column named).
    pub error: Option<String>,
}

/// Previews `bytes` (named `file`) as an inventory import into `store` with `opts`.
pub fn preview_inventory_bytes(
    store: &Store,
    file: &str,
    bytes: &[u8],
    opts: &InventoryImportOptions,
) -> Result<InventoryPreview, CoreError> {
    let t = match read_inventory_table(file, bytes, opts) {
        Ok(t) => t,
        Err(
            e @ (ImportError::NoHeader { .. }
            | ImportError::MissingColumn { .. }
            | ImportError::Value { .. }),
        ) => return unmapped(file, bytes, opts, e.to_string()),
        Err(e) => return Err(e.into()),
    };
    let source = opts.source.unwrap_or_else(|| detect_source(&t));
    let fields = MAPPABLE
        .iter()
        .map(|&(key, label, required)| FieldMapping {
            key: key.into(),
            label: label.into(),
            required,
            header: t
                .columns
                .get(key)
                .and_then(|&i| t.headers.get(i))
                .map(|h| h.trim().to_string()),
        })
        .collect();
    let width = t.headers.len();
    let sample = t
        .records
        .iter()
        .take(SAMPLE_ROWS)
        .map(|r| {
            (0..width)
                .filter(|&i| !t.headers[i].trim().is_empty())
                .map(|i| {
                    r.cells
                        .get(i)
                        .map(|c| c.trim().to_string())
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    let schools = crate::schools::list_schools(store.conn())?;
    let sc = super::repo::get_scenario(store.conn(), None)?;
    let cats = super::repo::list_categories(store.conn(), sc.id)?;
    let (check, error) =
        match parse_inventory(&t, source, &schools, &cats, super::current_year(), opts) {
            Ok((_, summary)) => (Some(summary), None),
            Err(e) => (None, Some(e.to_string())),
        };
    Ok(InventoryPreview {
        file: file.into(),
        source: Some(source.key().into()),
        source_label: Some(source.label().into()),
        header_row: t.header_row,
        headers: t
            .headers
            .iter()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect(),
        fields,
        sample,
        check,
        error,
    })
}

/// No usable header: the fullest of the first rows is offered as the header row, with the
/// fields the user mapped (when that row has their headers) and the reason.
fn unmapped(
    file: &str,
    bytes: &[u8],
    opts: &InventoryImportOptions,
    error: String,
) -> Result<InventoryPreview, CoreError> {
    let rows = read_rows_bytes(file, bytes, HEADER_ROWS)?;
    let filled =
        |r: &crate::import::Record| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
    let best = rows
        .iter()
        .enumerate()
        .max_by_key(|(i, r)| (filled(r), std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let (header_row, headers, sample) = match best {
        Some(i) => {
            let keep: Vec<usize> = (0..rows[i].cells.len())
                .filter(|&c| !rows[i].cells[c].trim().is_empty())
                .collect();
            (
                rows[i].row,
                keep.iter()
                    .map(|&c| rows[i].cells[c].trim().to_string())
                    .collect(),
                rows[i + 1..]
                    .iter()
                    .take(SAMPLE_ROWS)
                    .map(|r| {
                        keep.iter()
                            .map(|&c| {
                                r.cells
                                    .get(c)
                                    .map(|s| s.trim().to_string())
                                    .unwrap_or_default()
                            })
                            .collect()
                    })
                    .collect(),
            )
        }
        None => (0, vec![], vec![]),
    };
    let fields = MAPPABLE
        .iter()
        .map(|&(key, label, required)| FieldMapping {
            key: key.into(),
            label: label.into(),
            required,
            header: match opts.columns.get(key) {
                Some(h) => Some(h.trim().to_string()).filter(|h| headers.contains(h)),
                None => headers
                    .iter()
                    .find(|h| {
                        alias_field(h) == Some(key)
                            && !opts.columns.values().any(|c| c.trim() == h.as_str())
                    })
                    .cloned(),
            },
        })
        .collect();
    Ok(InventoryPreview {
        file: file.into(),
        source: None,
        source_label: None,
        header_row,
        headers,
        fields,
        sample,
        check: None,
        error: Some(error),
    })
}
