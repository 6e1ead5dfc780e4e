//! An offer template file, JSON or CSV: the format is taken from the file name (`.json`,
//! `.csv`/`.txt`) and otherwise from the content (a JSON template starts with `{`).

use super::model::OfferSet;
use super::OfferError;

/// The two template formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// The format of `file` with content `bytes`.
pub fn detect(file: &str, bytes: &[u8]) -> Format {
    let ext = std::path::Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Format::Json,
        Some("csv") | Some("txt") | Some("tsv") => Format::Csv,
        _ => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match body.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => Format::Json,
                _ => Format::Csv,
            }
        }
    }
}

/// Reads a template (JSON or CSV, see [`detect`]) into a checked [`OfferSet`]; `file` names
/// the source in messages.
pub fn read_template(file: &str, bytes: &[u8]) -> Result<OfferSet, OfferError> {
    match detect(file, bytes) {
        Format::Json => {
            let text = std::str::from_utf8(bytes).map_err(|e| OfferError::File {
                file: file.to_string(),
                message: format!(
                    "Die Datei ist kein UTF-8-Text (Byte {}); JSON-Vorlagen bitte als UTF-8 speichern.",
                    e.valid_up_to() + 1
                ),
            })?;
            super::validate::parse_template(file, text)
        }
        Format::Csv => super::csv_template::parse_csv_template(file, bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_name_then_content() {
        assert_eq!(detect("a.JSON", b"kind;id"), Format::Json);
        assert_eq!(detect("a.csv", b"{"), Format::Csv);
        assert_eq!(
            detect("angebote", b"\xEF\xBB\xBF  {\"start\""),
            Format::Json
        );
        assert_eq!(detect("angebote", b"kind;id;units"), Format::Csv);
    }
}
