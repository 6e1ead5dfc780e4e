//! Text decoding: UTF-8 (BOM stripped), UTF-16 with BOM, or Windows-1252 when the bytes are not
//! UTF-8 at all. A file that is mostly UTF-8 but has broken sequences is refused with the line and
//! column of the first bad byte instead of being silently mangled.

use super::{ImportError, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Windows1252,
}

/// Decodes `bytes` to text and reports which encoding was found.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, Encoding), ImportError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(file, rest).map(|s| (s, Encoding::Utf8Bom));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, bom_len) =
            encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ImportError::Encoding {
                at: Location {
                    file: file.into(),
                    row: None,
                    column: None,
                },
                detail: "fehlerhaftes UTF-16".into(),
            });
        }
        return Ok((text.into_owned(), Encoding::Utf16));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(e) => {
            // Valid multi-byte UTF-8 before the error means a UTF-8 file with damage, not a
            // Windows-1252 file: refuse rather than guess.
            let valid = &bytes[..e.valid_up_to()];
            let has_multibyte = valid.iter().any(|b| *b >= 0x80);
            if has_multibyte {
                return Err(bad_byte(
                    file,
                    bytes,
                    e.valid_up_to(),
                    "UTF-8-Datei mit beschädigten Zeichen",
                ));
            }
            if let Some(pos) = bytes.iter().position(|b| *b == 0) {
                return Err(bad_byte(file, bytes, pos, "Nullbyte – keine Textdatei?"));
            }
            // Bytes Windows-1252 leaves undefined.
            if let Some(pos) = bytes
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(bad_byte(
                    file,
                    bytes,
                    pos,
                    "Zeichen weder in UTF-8 noch in Windows-1252 definiert",
                ));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

fn utf8(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    std::str::from_utf8(bytes)
        .map(|s| s.to_string())
        .map_err(|e| {
            bad_byte(
                file,
                bytes,
                e.valid_up_to(),
                "UTF-8-Datei (mit BOM) mit beschädigten Zeichen",
            )
        })
}

fn bad_byte(file: &str, bytes: &[u8], pos: usize, what: &str) -> ImportError {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    let col = pos - line_start + 1;
    ImportError::Encoding {
        at: Location {
            file: file.into(),
            row: Some(line),
            column: None,
        },
        detail: format!(
            "{what}, Byte 0x{:02X} an Zeichenposition {col}",
            bytes.get(pos).copied().unwrap_or(0)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        assert_eq!(
            decode_text("f", "Köln".as_bytes()).unwrap(),
            ("Köln".to_string(), Encoding::Utf8)
        );
        let bom = [&[0xEF, 0xBB, 0xBF][..], "Köln".as_bytes()].concat();
        assert_eq!(
            decode_text("f", &bom).unwrap(),
            ("Köln".to_string(), Encoding::Utf8Bom)
        );
        assert_eq!(
            decode_text("f", b"K\xf6ln").unwrap(),
            ("Köln".to_string(), Encoding::Windows1252)
        );
    }

    #[test]
    fn refuses_damaged_utf8_with_position() {
        let bytes = "a;b\nKöln;1\nK\u{f6}ln;2\n".as_bytes().to_vec();
        let mut broken = bytes.clone();
        // Corrupt the second ö (line 3): keep only its first byte.
        let pos = broken.iter().rposition(|b| *b == 0xC3).unwrap();
        broken[pos + 1] = b'x';
        let err = decode_text("schulen.csv", &broken).unwrap_err().to_string();
        assert!(err.contains("schulen.csv, Zeile 3"), "{err}");
    }
}
