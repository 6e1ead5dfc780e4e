//! Delimited text (CSV): the delimiter sniffed from the first lines, rows read with the
//! cell and column limits.

use std::collections::HashMap;

use super::{Record, MAX_CELL_BYTES, MAX_COLUMNS};
use crate::import::ImportError;

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

pub(super) fn count_outside_quotes(line: &str, d: u8) -> usize {
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

pub(super) fn read_csv_rows(file: &str, text: &str, delim: u8) -> Result<Vec<Record>, ImportError> {
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
                    at: crate::import::Location {
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
