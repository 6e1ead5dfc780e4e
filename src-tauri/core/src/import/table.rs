//! A file read into rows of text cells, with its header row found by known column aliases.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use super::decode::{bad_byte, decode_bytes, line_col, lossy_text, Encoding};
use super::{display_name, ImportError};

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

/// Picks the delimiter whose count per line is highest and most consistent in the first lines.
pub fn sniff_delimiter(text: &str) -> u8 {
    let candidates = [b';', b',', b'\t', b'|'];
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for &d in &candidates {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        if max == 0 {
            continue;
        }
        // How many lines share the most common non-zero count.
        let mut freq: HashMap<usize, usize> = HashMap::new();
        for c in counts.iter().filter(|c| **c > 0) {
            *freq.entry(*c).or_default() += 1;
        }
        let (mode, agree) = freq
            .into_iter()
            .max_by_key(|(c, n)| (*n, *c))
            .unwrap_or((0, 0));
        if (agree, mode) > (best.1, best.2) {
            best = (d, agree, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut inq = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            inq = !inq;
        } else if b == d && !inq {
            n += 1;
        }
    }
    n
}

fn read_csv_rows(file: &str, text: &str, delim: u8) -> Result<Vec<Record>, ImportError> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut rec = csv::StringRecord::new();
    // Byte offsets where lines start, to turn a record's byte position into its line number.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        // csv reports the position before skipped blank lines: move to the record's first byte.
        let mut b = byte as usize;
        while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
            b += 1;
        }
        line_starts.partition_point(|&s| s <= b)
    };
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                let row = rec
                    .position()
                    .map(|p| line_of(p.byte()))
                    .unwrap_or(rows.len() + 1);
                if rec.len() > MAX_COLUMNS {
                    return Err(ImportError::TooLarge {
                        file: file.into(),
                        detail: format!(
                            "Zeile {row}: {} Spalten, höchstens {MAX_COLUMNS}",
                            rec.len()
                        ),
                    });
                }
                let mut cells = Vec::with_capacity(rec.len());
                for (ci, f) in rec.iter().enumerate() {
                    if f.len() > MAX_CELL_BYTES {
                        return Err(ImportError::TooLarge {
                            file: file.into(),
                            detail: format!(
                                "Zeile {row}, Spalte {}: Zelle mit {} Bytes",
                                ci + 1,
                                f.len()
                            ),
                        });
                    }
                    cells.push(f.to_string());
                }
                rows.push(Record { row, cells });
            }
            Err(e) => {
                let row = e
                    .position()
                    .map(|p| line_of(p.byte()))
                    .unwrap_or(rows.len() + 1);
                return Err(ImportError::Value {
                    at: super::Location {
                        file: file.into(),
                        row: Some(row),
                        column: None,
                    },
                    message: format!("CSV nicht lesbar: {e}"),
                });
            }
        }
    }
    Ok(rows)
}

/// Largest uncompressed size accepted from an XLSX file (zip bombs).
pub const MAX_XLSX_UNCOMPRESSED: u64 = 512 << 20;

pub(crate) fn read_xlsx_rows(file: &str, bytes: &[u8]) -> Result<Vec<Record>, ImportError> {
    guard_zip(file, bytes)?;
    // calamine 0.30 panics on some damaged workbooks (e.g. a cell pointing past the shared
    // strings, found by fuzzing): such a file gets the same clear message as any broken XLSX.
    // Only data read from `bytes` is involved, so nothing is left half-done by the unwind.
    std::panic::catch_unwind(|| read_xlsx_rows_unguarded(file, bytes)).unwrap_or_else(|_| {
        Err(ImportError::Xlsx {
            file: file.into(),
            reason: "die Arbeitsmappe ist beschädigt (ein Verweis in einer Zelle zeigt ins Leere)"
                .into(),
        })
    })
}

/// Keeps the panics of the XLSX reader (caught in [`read_xlsx_rows`] and reported as a German
/// message) off stderr; every other panic is reported as before. Call once at program start.
pub fn quiet_caught_xlsx_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_reader = info
            .location()
            .is_some_and(|l| l.file().contains("calamine"));
        if !in_reader {
            previous(info);
        }
    }));
}

fn read_xlsx_rows_unguarded(file: &str, bytes: &[u8]) -> Result<Vec<Record>, ImportError> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: e.to_string(),
    })?;
    let sheet = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ImportError::Xlsx {
            file: file.into(),
            reason: "keine Tabelle in der Arbeitsmappe".into(),
        })?;
    let range = wb.worksheet_range(&sheet).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: e.to_string(),
    })?;
    if range.width() > MAX_COLUMNS {
        return Err(ImportError::TooLarge {
            file: file.into(),
            detail: format!("{} Spalten, höchstens {MAX_COLUMNS}", range.width()),
        });
    }
    let start_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let start_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut rows = Vec::with_capacity(range.height());
    for (i, r) in range.rows().enumerate() {
        let mut cells = vec![String::new(); start_col];
        for c in r {
            cells.push(match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) => {
                    if f.fract() == 0.0 && f.abs() < 1e15 {
                        format!("{}", *f as i64)
                    } else {
                        format!("{f}")
                    }
                }
                Data::Int(i) => i.to_string(),
                Data::Bool(b) => b.to_string(),
                Data::DateTime(d) => excel_serial_to_iso(d.as_f64()),
                Data::DateTimeIso(s) => s.replace('T', " "),
                Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("#{e:?}"),
            });
        }
        rows.push(Record {
            row: start_row + i + 1,
            cells,
        });
    }
    Ok(rows)
}

/// Refuses archives whose declared uncompressed size is absurd (zip bombs).
fn guard_zip(file: &str, bytes: &[u8]) -> Result<(), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Xlsx {
        file: file.into(),
        reason: format!(
            "kein vollständiges XLSX-(ZIP-)Archiv, abgeschnitten oder beschädigt ({e})"
        ),
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| ImportError::Xlsx {
            file: file.into(),
            reason: e.to_string(),
        })?;
        total = total.saturating_add(entry.size());
        if entry.compressed_size() > 0
            && entry.size() / entry.compressed_size().max(1) > 1000
            && entry.size() > (16 << 20)
        {
            return Err(ImportError::TooLarge {
                file: file.into(),
                detail: format!("Eintrag {} entpackt {} Bytes", entry.name(), entry.size()),
            });
        }
    }
    if total > MAX_XLSX_UNCOMPRESSED {
        return Err(ImportError::TooLarge {
            file: file.into(),
            detail: format!("entpackt {total} Bytes"),
        });
    }
    // The sizes above are the archive's own claims. Count what really comes out (a forged header
    // must not smuggle a bomb past the check); stops at the limit.
    let mut actual_total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| ImportError::Xlsx {
            file: file.into(),
            reason: e.to_string(),
        })?;
        let name = entry.name().to_string();
        let declared = entry.size();
        let compressed = entry.compressed_size().max(1);
        let left = MAX_XLSX_UNCOMPRESSED - actual_total;
        let n =
            std::io::copy(&mut (&mut entry).take(left + 1), &mut std::io::sink()).map_err(|e| {
                ImportError::Xlsx {
                    file: file.into(),
                    reason: format!("Eintrag {name} ist beschädigt ({e})"),
                }
            })?;
        actual_total += n;
        if n > left || (n > (16 << 20) && n / compressed > 1000) {
            return Err(ImportError::TooLarge {
                file: file.into(),
                detail: format!("Eintrag {name} entpackt mehr als {n} Bytes"),
            });
        }
        if n != declared {
            return Err(ImportError::Xlsx {
                file: file.into(),
                reason: format!(
                    "Eintrag {name}: Größenangabe im Archiv ({declared} Bytes) stimmt nicht mit dem Inhalt ({n} Bytes) überein – Datei beschädigt oder manipuliert"
                ),
            });
        }
    }
    Ok(())
}

/// Excel serial date (1900 system) → `YYYY-MM-DD HH:MM:SS`.
pub fn excel_serial_to_iso(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|d| d.and_hms_opt(0, 0, 0));
    let ms = (serial * 86_400_000.0).round() as i64;
    match base.and_then(|b| b.checked_add_signed(chrono::Duration::milliseconds(ms))) {
        Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => serial.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> HeaderSpec {
        HeaderSpec {
            fields: vec![
                ("nr", vec!["Schulnummer", "Nr"]),
                ("name", vec!["Name"]),
                ("n", vec!["Anzahl"]),
            ],
            required: vec!["nr", "name"],
            chosen: vec![],
        }
    }

    #[test]
    fn reads_semicolon_csv_with_title_rows() {
        let text = "Bericht Schulen\n\nSchulnummer;Name;Anzahl\n100;\"A; B\";5\n101;C;\n";
        let t = read_table_bytes("t.csv", text.as_bytes(), &spec()).unwrap();
        assert_eq!(t.delimiter, Some(';'));
        assert_eq!(t.header_row, 3);
        assert_eq!(t.records.len(), 2);
        assert_eq!(t.get(&t.records[0], "name"), "A; B");
        assert_eq!(t.records[1].row, 5);
        assert_eq!(t.get(&t.records[1], "n"), "");
    }

    #[test]
    fn truncated_row_is_named() {
        let text = "Schulnummer,Name,Anzahl\n100,A,5\n101\n";
        let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("t.csv, Zeile 3, Spalte „Name“: 1 Felder statt 3"),
            "{err}"
        );
    }

    #[test]
    fn cut_off_last_line_is_refused_but_dropped_empty_fields_are_not() {
        // Line 3 lacks its last field: fine when the line is complete (trailing empty field
        // dropped), an error when the file ends there without a line end (download cut off).
        let complete = "Schulnummer,Name,Anzahl\n100,A,5\n101,B\n";
        let t = read_table_bytes("t.csv", complete.as_bytes(), &spec()).unwrap();
        assert_eq!(t.records.len(), 2);
        let cut = "Schulnummer,Name,Anzahl\n100,A,5\n101,B";
        let err = read_table_bytes("t.csv", cut.as_bytes(), &spec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.csv, Zeile 3, Spalte „Anzahl“"), "{err}");
        // A complete last line without a line end is fine.
        let t = read_table_bytes("t.csv", b"Schulnummer,Name\n100,A", &spec()).unwrap();
        assert_eq!(t.records.len(), 1);
    }

    #[test]
    fn surplus_field_is_named_by_number() {
        let text = "Schulnummer;Name;Anzahl\n100;A;5;x\n";
        let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("Zeile 2, Spalte „Nr. 4 (ohne Überschrift)“: 4 Felder statt 3"),
            "{err}"
        );
    }

    #[test]
    fn encoding_errors_name_row_and_column() {
        // UTF-8 file, line 3 pasted in Windows-1252: the ö of „Köln“ in column „Name“.
        let mut bytes = "Schulnummer;Name;Anzahl\n100;Köln;5\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"101;\"K\xf6ln; Nord\";6\n");
        let err = read_table_bytes("m.csv", &bytes, &spec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("m.csv, Zeile 3, Spalte „Name“"), "{err}");
        // Windows-1252 file with a UTF-8 line: column „Anzahl“ holds the „ü“.
        let bytes = b"Schulnummer;Name;Anzahl\n100;K\xf6ln;5\n101;B;f\xc3\xbcnf\n";
        let err = read_table_bytes("w.csv", bytes, &spec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("w.csv, Zeile 3, Spalte „Anzahl“"), "{err}");
        // An undefined byte in the header row names the header as far as it is readable.
        let bytes = b"Schulnummer;Name;Anzahl Sch\x81ler\n100;A;5\n";
        let err = read_table_bytes("d.csv", bytes, &spec())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("d.csv, Zeile 1, Spalte „Anzahl Sch\u{fffd}ler“"),
            "{err}"
        );
    }

    #[test]
    fn missing_column_is_named() {
        let text = "Schulnummer,Anzahl\n100,5\n";
        let err = read_table_bytes("t.csv", text.as_bytes(), &spec())
            .unwrap_err()
            .to_string();
        assert!(err.contains("„Name“"), "{err}");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial_to_iso(45658.5), "2025-01-01 12:00:00");
    }

    #[test]
    fn glpi_group_prefix_matches() {
        let s = HeaderSpec {
            fields: vec![("tech", vec!["Technicien"]), ("id", vec!["ID"])],
            required: vec!["id"],
            chosen: vec![],
        };
        assert_eq!(s.match_header("Attribué à - Technicien"), Some("tech"));
    }
}
