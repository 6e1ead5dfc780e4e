//! Which system an export comes from, by its headers: every built-in format is tried on the
//! first rows; the row and format with the most known columns (ticket number and created date
//! among them) win. XLSX is recognised by its magic bytes `PK\x03\x04` whatever the file name
//! (Zammad names its XLSX `.xls`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::columns::{ColumnMap, Field, Format};

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 25;

/// The built-in formats, in the order ties are broken.
pub fn builtin_formats() -> [&'static Format; 5] {
    [
        &super::zammad::FORMAT,
        &super::glpi::FORMAT,
        &super::znuny::FORMAT,
        &super::jira::FORMAT,
        &super::itop::FORMAT,
    ]
}

/// A built-in format by its key (`zammad`, `glpi`, `znuny`, `jira`, `itop`).
pub fn format_by_key(key: &str) -> Option<&'static Format> {
    let k = key.trim().to_lowercase();
    let k = if k == "otrs" { "znuny".to_string() } else { k };
    builtin_formats().into_iter().find(|f| f.source == k)
}

pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A format found in a file: which one and where its header row is (0-based index into the
/// rows given).
#[derive(Debug, Clone)]
pub struct Detection {
    pub format: &'static Format,
    pub header_index: usize,
    pub columns: ColumnMap,
}

/// Finds the header row for `format`, or for the best-fitting built-in format when `None`.
/// `rows` are the first rows of the file; `row_number(i)` is the 1-based row of `rows[i]`.
pub fn detect(
    rows: &[Vec<String>],
    format: Option<&'static Format>,
    row_number: &dyn Fn(usize) -> usize,
) -> Option<Detection> {
    let candidates: Vec<&'static Format> = match format {
        Some(f) => vec![f],
        None => builtin_formats().to_vec(),
    };
    let mut best: Option<(usize, Detection)> = None;
    for f in candidates {
        for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let cm = ColumnMap::resolve(f, row, row_number(i));
            if !(cm.has(Field::Id) && cm.has(Field::Created)) {
                continue;
            }
            let score = cm.matched();
            if best.as_ref().map(|(s, _)| score > *s).unwrap_or(true) {
                best = Some((
                    score,
                    Detection {
                        format: f,
                        header_index: i,
                        columns: cm,
                    },
                ));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// What the mapping dialog shows for a file it does not know.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub file: String,
    /// Detected source (`zammad`, …) or `None` when a mapping is needed.
    pub detected: Option<String>,
    pub header_row: usize,
    pub headers: Vec<String>,
    /// Field key → header suggested from all known aliases.
    pub suggested: BTreeMap<String, String>,
    /// Up to five data rows.
    pub sample: Vec<Vec<String>>,
    /// Every canonical field: (key, German label).
    pub fields: Vec<(String, String)>,
}

/// Builds the preview from the first rows.
pub fn preview(file: &str, rows: &[Vec<String>], row_number: &dyn Fn(usize) -> usize) -> Preview {
    let fields = super::columns::Field::ALL
        .iter()
        .map(|f| (f.key().to_string(), f.label_de().to_string()))
        .collect();
    if let Some(d) = detect(rows, None, row_number) {
        let mut suggested = BTreeMap::new();
        for f in Field::ALL {
            if d.columns.has(f) {
                suggested.insert(f.key().to_string(), d.columns.header_of(f));
            }
        }
        return Preview {
            file: file.into(),
            detected: Some(d.format.source.to_string()),
            header_row: row_number(d.header_index),
            headers: d.columns.headers.clone(),
            suggested,
            sample: rows
                .iter()
                .skip(d.header_index + 1)
                .take(5)
                .cloned()
                .collect(),
            fields,
        };
    }
    // Unknown: the header is the first row with the most filled, mostly non-numeric cells.
    let mut hi = 0;
    let mut best = 0;
    for (i, r) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let n = r
            .iter()
            .filter(|c| {
                let t = c.trim();
                !t.is_empty() && t.parse::<f64>().is_err()
            })
            .count();
        if n > best {
            best = n;
            hi = i;
        }
    }
    let headers = rows.get(hi).cloned().unwrap_or_default();
    let mut suggested = BTreeMap::new();
    for h in &headers {
        for f in builtin_formats() {
            if let Some(field) = f.match_header(h) {
                suggested
                    .entry(field.key().to_string())
                    .or_insert_with(|| h.clone());
                break;
            }
        }
    }
    Preview {
        file: file.into(),
        detected: None,
        header_row: row_number(hi),
        headers,
        suggested,
        sample: rows.iter().skip(hi + 1).take(5).cloned().collect(),
        fields,
    }
}
