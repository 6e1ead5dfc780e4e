//! Reading tabular files as users get them: CSV in UTF-8 (with or without BOM) or Windows-1252,
//! with `;`, `,`, tab or `|`, or XLSX (detected by magic bytes, whatever the file is called).
//! Every importer (schools, inventory, tickets) starts from a [`Table`]; every error names the
//! file, the row and the column.

mod decode;
mod table;

use thiserror::Error;

pub use decode::{decode_bytes, decode_text, lossy_text, BadBytes, Encoding};
pub(crate) use table::read_xlsx_rows;
pub use table::{
    header_name, normalize_header, read_rows_bytes, read_table, read_table_bytes, HeaderSpec,
    Record, Table,
};
pub use table::{quiet_caught_xlsx_panics, sniff_delimiter};

/// Where in a file something went wrong. Rows are counted as a spreadsheet shows them (1-based,
/// header included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ", Zeile {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", Spalte „{c}“")?;
        }
        Ok(())
    }
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{file}: Datei kann nicht gelesen werden: {reason}")]
    Read { file: String, reason: String },
    #[error("{file}: Die Datei ist leer.")]
    Empty { file: String },
    #[error("{at}: ungültige Zeichenkodierung ({detail}). Erwartet wird UTF-8 oder Windows-1252.")]
    Encoding { at: Location, detail: String },
    #[error("{file}: Keine Kopfzeile gefunden. Erwartet werden Spalten wie {expected}.")]
    NoHeader { file: String, expected: String },
    #[error("{file}: Pflichtspalte „{column}“ fehlt (Kopfzeile in Zeile {header_row}).")]
    MissingColumn {
        file: String,
        column: String,
        header_row: usize,
    },
    /// A row with fewer (or more) fields than the header; `column` is the first missing (or
    /// surplus) column.
    #[error("{file}, Zeile {row}, Spalte „{column}“: {found} Felder statt {expected} (Zeile abgeschnitten oder Trennzeichen falsch?).")]
    FieldCount {
        file: String,
        row: usize,
        column: String,
        found: usize,
        expected: usize,
    },
    #[error("{at}: {message}")]
    Value { at: Location, message: String },
    #[error("{file}: Die Datei ist zu groß oder zu komplex ({detail}).")]
    TooLarge { file: String, detail: String },
    #[error("{file}: XLSX-Datei kann nicht gelesen werden: {reason}")]
    Xlsx { file: String, reason: String },
    #[error("{file}: Keine Datenzeilen gefunden.")]
    NoRows { file: String },
    #[error("Datenbankfehler beim Import: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl ImportError {
    /// An error for one value: file, row and column named.
    pub fn value(file: &str, row: usize, column: &str, message: impl Into<String>) -> ImportError {
        ImportError::Value {
            at: Location {
                file: file.to_string(),
                row: Some(row),
                column: Some(column.to_string()),
            },
            message: message.into(),
        }
    }
}

impl From<crate::store::StoreError> for ImportError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Sqlite(s) => ImportError::Sqlite(s),
            other => ImportError::Read {
                file: String::new(),
                reason: other.to_string(),
            },
        }
    }
}

/// File name (without folders) for messages.
pub fn display_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Hex SHA-256 of a file's bytes, for the import log.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
