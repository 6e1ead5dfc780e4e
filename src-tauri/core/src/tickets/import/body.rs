//! The body of a file: CSV text (borrowed when already UTF-8, decoded otherwise) or XLSX rows,
//! and the first rows read for finding the header.

use std::borrow::Cow;

use crate::import::{ImportError, Record};
use crate::tickets::datetime::Zone;
use crate::tickets::detect::is_xlsx;

/// The body of a file: CSV text (borrowed when already UTF-8) or XLSX rows.
pub enum Body<'a> {
    Csv { text: Cow<'a, [u8]>, delimiter: u8 },
    Xlsx { rows: Vec<Record> },
}

impl<'a> Body<'a> {
    pub fn open(file: &str, bytes: &'a [u8]) -> Result<Body<'a>, ImportError> {
        if bytes.iter().take(4096).all(|b| b.is_ascii_whitespace()) && bytes.len() < 4096 {
            return Err(ImportError::Empty { file: file.into() });
        }
        if is_xlsx(bytes) {
            return Ok(Body::Xlsx {
                rows: crate::import::read_xlsx_rows(file, bytes)?,
            });
        }
        let text: Cow<'a, [u8]> = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) if std::str::from_utf8(rest).is_ok() => Cow::Borrowed(rest),
            None if std::str::from_utf8(bytes).is_ok() => Cow::Borrowed(bytes),
            _ => {
                let (s, _) = crate::import::decode_text(file, bytes)?;
                Cow::Owned(s.into_bytes())
            }
        };
        let sniff_len = text.len().min(64 * 1024);
        let head = String::from_utf8_lossy(&text[..sniff_len]);
        let delimiter = crate::import::sniff_delimiter(&head);
        Ok(Body::Csv { text, delimiter })
    }

    pub(super) fn csv_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text)
    }

    /// The first `n` rows and their 1-based row numbers.
    pub fn head(
        &self,
        file: &str,
        n: usize,
    ) -> Result<(Vec<Vec<String>>, Vec<usize>), ImportError> {
        match self {
            Body::Xlsx { rows } => Ok((
                rows.iter().take(n).map(|r| r.cells.clone()).collect(),
                rows.iter().take(n).map(|r| r.row).collect(),
            )),
            Body::Csv { text, delimiter } => {
                let mut rdr = Self::csv_reader(text, *delimiter);
                let mut out = Vec::new();
                let mut rec = csv::StringRecord::new();
                while out.len() < n {
                    match rdr.read_record(&mut rec) {
                        Ok(false) => break,
                        Ok(true) => out.push(rec.iter().map(|s| s.to_string()).collect()),
                        Err(e) => return Err(csv_error(file, out.len() + 1, e)),
                    }
                }
                let nums = (1..=out.len()).collect();
                Ok((out, nums))
            }
        }
    }

    /// A time-zone footer ("Timezone: Europe/Berlin", Zammad) anywhere near the end.
    pub(super) fn zone_footer(&self) -> Option<Zone> {
        let find = |s: &str| -> Option<Zone> {
            for line in s.lines().rev() {
                let l = line.trim().trim_matches('"');
                for key in ["Timezone:", "Time zone:", "Zeitzone:"] {
                    if let Some(rest) = l.strip_prefix(key) {
                        let name = rest
                            .trim()
                            .trim_matches(|c| c == ';' || c == ',' || c == '"');
                        return Zone::from_name(name);
                    }
                }
            }
            None
        };
        match self {
            Body::Xlsx { rows } => rows
                .iter()
                .rev()
                .take(10)
                .flat_map(|r| r.cells.iter().take(3))
                .find_map(|c| find(c)),
            Body::Csv { text, .. } => {
                let tail = &text[text.len().saturating_sub(2048)..];
                find(&String::from_utf8_lossy(tail))
            }
        }
    }
}

pub(super) fn csv_error(file: &str, row: usize, e: csv::Error) -> ImportError {
    ImportError::Value {
        at: crate::import::Location {
            file: file.into(),
            row: Some(row),
            column: None,
        },
        message: format!("CSV nicht lesbar: {e}"),
    }
}
