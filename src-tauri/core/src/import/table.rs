//! A file read into rows of text cells, with its header row found by known column aliases.

mod delimited;
mod xlsx;

use std::collections::HashMap;
use std::path::Path;

use super::decode::{bad_byte, decode_bytes, line_col, lossy_text, Encoding};
use super::{display_name, ImportError};
pub use delimited::sniff_delimiter;
use delimited::{count_outside_quotes, read_csv_rows};
pub use xlsx::quiet_caught_xlsx_panics;
pub(crate) use xlsx::read_xlsx_rows;

/// Largest single cell accepted (a 10 MB cell is an attack or a broken export, not data).
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// Most columns accepted in one file.
pub const MAX_COLUMNS: usize = 2_000;
/// Rows searched for the header row.
const HEADER_SEARCH_ROWS: usize = 25;

/// What columns an importer knows: canonical key → accepted header names (compared after
/// [`normalize_header`]). `required` keys must be present.
#[derive(Debug, Clone, Default)]
pub struct HeaderSpec {
    pub fields: Vec<(&'static str, Vec<&'static str>)>,
    pub required: Vec<&'static str>,
    /// Headers the user assigned to keys (a column mapping). They win over every alias; the
    /// aliases of a key listed here are not used, and an empty header leaves the key unmapped.
    pub chosen: Vec<(&'static str, String)>,
}

impl HeaderSpec {
    /// The display name of a key: its first alias.
    pub fn label(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, a)| a.first())
            .map(|s| s.to_string())
            .unwrap_or_else(|| key.to_string())
    }

    /// The key a header stands for (the user's choice first, then the aliases).
    pub fn match_header(&self, header: &str) -> Option<&'static str> {
        let h = normalize_header(header);
        if h.is_empty() {
            return None;
        }
        if let Some((key, _)) = self
            .chosen
            .iter()
            .find(|(_, c)| !c.trim().is_empty() && normalize_header(c) == h)
        {
            return Some(key);
        }
        let fields = || {
            self.fields
                .iter()
                .filter(|(k, _)| !self.chosen.iter().any(|(c, _)| c == k))
        };
        for (key, aliases) in fields() {
            if aliases.iter().any(|a| normalize_header(a) == h) {
                return Some(key);
            }
        }
        // GLPI prefixes headers with their group: "Attribué à - Technicien".
        if let Some((_, tail)) = h.rsplit_once(" - ") {
            for (key, aliases) in fields() {
                if aliases.iter().any(|a| normalize_header(a) == tail) {
                    return Some(key);
                }
            }
        }
        None
    }
}

/// Lower case, trimmed, inner whitespace collapsed, BOM and quotes dropped.
pub fn normalize_header(h: &str) -> String {
    let h = h
        .trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .trim();
    let mut out = String::with_capacity(h.len());
    let mut space = false;
    for c in h.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// One data row: its row number as a spreadsheet shows it, and its cells.
#[derive(Debug, Clone)]
pub struct Record {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A file read into rows, with the header found.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub encoding: Option<Encoding>,
    pub delimiter: Option<char>,
    pub is_xlsx: bool,
    pub header_row: usize,
    pub headers: Vec<String>,
    /// canonical key → column index
    pub columns: HashMap<&'static str, usize>,
    pub records: Vec<Record>,
    pub sha256: String,
}

impl Table {
    /// The cell of `key` in `rec`, trimmed; empty when the column is absent or the row short.
    pub fn get<'a>(&self, rec: &'a Record, key: &str) -> &'a str {
        match self.columns.get(key) {
            Some(&i) => rec.cells.get(i).map(|s| s.trim()).unwrap_or(""),
            None => "",
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }

    /// Header text of `key` as found in the file (for messages).
    pub fn header_of(&self, key: &str) -> String {
        self.columns
            .get(key)
            .and_then(|&i| self.headers.get(i))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// Reads `path` (CSV or XLSX, sniffed) and finds its header row by `spec`.
pub fn read_table(path: &Path, spec: &HeaderSpec) -> Result<Table, ImportError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    read_table_bytes(&file, &bytes, spec)
}

/// Same as [`read_table`] for bytes already in memory; `file` names them in messages.
pub fn read_table_bytes(file: &str, bytes: &[u8], spec: &HeaderSpec) -> Result<Table, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { file: file.into() });
    }
    let sha256 = super::sha256_hex(bytes);
    let (rows, encoding, delimiter, is_xlsx) = if bytes.starts_with(b"PK\x03\x04") {
        (read_xlsx_rows(file, bytes)?, None, None, true)
    } else {
        let (text, enc) = decode_bytes(bytes).map_err(|b| encoding_error(file, bytes, &b, spec))?;
        let delim = sniff_delimiter(&text);
        (
            read_csv_rows(file, &text, delim)?,
            Some(enc),
            Some(delim as char),
            false,
        )
    };
    let (header_idx, columns) = find_header(file, &rows, spec)?;
    let header = rows[header_idx].clone();
    for key in &spec.required {
        if !columns.contains_key(key) {
            return Err(ImportError::MissingColumn {
                file: file.into(),
                column: spec.label(key),
                header_row: header.row,
            });
        }
    }
    let width = header
        .cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map(|i| i + 1)
        .unwrap_or(0);
    // A text file whose last line has no line end may have been cut off.
    let unterminated = !is_xlsx && !bytes.ends_with(b"\n") && !bytes.ends_with(b"\r");
    let last_row = rows.last().map(|r| r.row).unwrap_or(0);
    let mut used_columns: Vec<usize> = columns.values().copied().collect();
    used_columns.sort_unstable();
    let mut records = Vec::with_capacity(rows.len().saturating_sub(header_idx + 1));
    for rec in rows.into_iter().skip(header_idx + 1) {
        if rec.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let used = rec
            .cells
            .iter()
            .rposition(|c| !c.trim().is_empty())
            .map(|i| i + 1)
            .unwrap_or(0);
        if !is_xlsx && rec.cells.len() < width && used < width {
            // A CSV row with fewer fields than the header: truncated or wrongly delimited.
            // Rows that only drop trailing empty fields are accepted when they reach the last
            // required column, unless the row is the file's unterminated last line (a download
            // cut off).
            let last_required = spec
                .required
                .iter()
                .filter_map(|k| columns.get(k))
                .max()
                .copied()
                .unwrap_or(0);
            let cut_off = unterminated && rec.row == last_row;
            if rec.cells.len() <= last_required || cut_off {
                return Err(ImportError::FieldCount {
                    file: file.into(),
                    row: rec.row,
                    column: header_name(&header.cells, rec.cells.len()),
                    found: rec.cells.len(),
                    expected: width,
                });
            }
        }
        if !is_xlsx
            && rec.cells.len() > width
            && rec.cells[width..].iter().any(|c| !c.trim().is_empty())
        {
            return Err(ImportError::FieldCount {
                file: file.into(),
                row: rec.row,
                column: header_name(&header.cells, width),
                found: rec.cells.len(),
                expected: width,
            });
        }
        for &ci in &used_columns {
            if let Some(cell) = rec.cells.get(ci) {
                if crate::sanitize::formula_risk(cell) {
                    let shown: String = cell.trim().chars().take(40).collect();
                    return Err(ImportError::value(
                        file,
                        rec.row,
                        header.cells.get(ci).map(|h| h.trim()).unwrap_or("?"),
                        format!("„{shown}“ sieht aus wie eine Tabellenformel und wird aus Sicherheitsgründen nicht übernommen. Bitte in der Quelldatei korrigieren."),
                    ));
                }
            }
        }
        records.push(rec);
    }
    Ok(Table {
        file: file.into(),
        encoding,
        delimiter,
        is_xlsx,
        header_row: header.row,
        headers: header.cells,
        columns,
        records,
        sha256,
    })
}

/// The first `n` rows of a file (CSV or XLSX, sniffed) without looking for a header: for a
/// mapping dialog when no known header is found.
pub fn read_rows_bytes(file: &str, bytes: &[u8], n: usize) -> Result<Vec<Record>, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { file: file.into() });
    }
    let mut rows = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx_rows(file, bytes)?
    } else {
        let spec = HeaderSpec::default();
        let (text, _) = decode_bytes(bytes).map_err(|b| encoding_error(file, bytes, &b, &spec))?;
        read_csv_rows(file, &text, sniff_delimiter(&text))?
    };
    rows.retain(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    rows.truncate(n);
    Ok(rows)
}

/// The header text of column `index` (0-based), or its number when the header has none.
pub fn header_name(headers: &[String], index: usize) -> String {
    match headers.get(index).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => format!("Nr. {} (ohne Überschrift)", index + 1),
    }
}

/// An encoding error with row and column: the file is read once more with bad bytes replaced,
/// to find the header and the field the first bad byte is in.
fn encoding_error(
    file: &str,
    bytes: &[u8],
    bad: &super::BadBytes,
    spec: &HeaderSpec,
) -> ImportError {
    let Some(pos) = bad.pos else {
        return ImportError::Encoding {
            at: super::Location {
                file: file.into(),
                row: None,
                column: None,
            },
            detail: bad.what.into(),
        };
    };
    let mut err = bad_byte(file, bytes, pos, bad.what);
    let (line, _) = line_col(bytes, pos);
    let line_start = bytes[..pos]
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    let text = lossy_text(bytes, bad.utf8_before);
    let delim = sniff_delimiter(&text);
    let prefix = lossy_text(&bytes[line_start..pos], bad.utf8_before);
    let field = count_outside_quotes(&prefix, delim);
    let column = read_csv_rows(file, &text, delim)
        .ok()
        .and_then(|rows| {
            let (i, _) = find_header(file, &rows, spec).ok()?;
            Some(header_name(&rows[i].cells, field))
        })
        .unwrap_or_else(|| format!("Nr. {}", field + 1));
    if let ImportError::Encoding { at, .. } = &mut err {
        at.row = Some(line);
        at.column = Some(column);
    }
    err
}

fn find_header(
    file: &str,
    rows: &[Record],
    spec: &HeaderSpec,
) -> Result<(usize, HashMap<&'static str, usize>), ImportError> {
    let mut best: Option<(usize, HashMap<&'static str, usize>)> = None;
    for (i, rec) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut cols = HashMap::new();
        for (ci, cell) in rec.cells.iter().enumerate() {
            if let Some(key) = spec.match_header(cell) {
                cols.entry(key).or_insert(ci);
            }
        }
        let required_found = spec
            .required
            .iter()
            .filter(|k| cols.contains_key(*k))
            .count();
        let better = match &best {
            None => !cols.is_empty(),
            Some((_, b)) => {
                let b_req = spec.required.iter().filter(|k| b.contains_key(*k)).count();
                (required_found, cols.len()) > (b_req, b.len())
            }
        };
        if better {
            best = Some((i, cols));
        }
    }
    match best {
        Some((i, cols)) if cols.len() >= 2.min(spec.fields.len()) => Ok((i, cols)),
        _ => Err(ImportError::NoHeader {
            file: file.into(),
            expected: spec
                .required
                .iter()
                .map(|k| format!("„{}“", spec.label(k)))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
