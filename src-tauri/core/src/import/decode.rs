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

/// Bytes that are text in no accepted encoding: where (byte offset in the whole input) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    pub pos: Option<usize>,
    pub what: &'static str,
    /// The bytes up to `pos` are valid UTF-8 (otherwise read them as Windows-1252).
    pub utf8_before: bool,
}

/// Decodes `bytes` to text and reports which encoding was found.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, Encoding), ImportError> {
    decode_bytes(bytes).map_err(|b| match b.pos {
        Some(pos) => bad_byte(file, bytes, pos, b.what),
        None => ImportError::Encoding {
            at: Location {
                file: file.into(),
                row: None,
                column: None,
            },
            detail: b.what.into(),
        },
    })
}

/// [`decode_text`] without file names: the position of the first bad byte on failure.
pub fn decode_bytes(bytes: &[u8]) -> Result<(String, Encoding), BadBytes> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), Encoding::Utf8Bom))
            .map_err(|e| BadBytes {
                pos: Some(3 + e.valid_up_to()),
                what: "UTF-8-Datei (mit BOM) mit beschädigten Zeichen",
                utf8_before: true,
            });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, bom_len) =
            encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(BadBytes {
                pos: None,
                what: "fehlerhaftes UTF-16",
                utf8_before: false,
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
            let bad = |pos: usize, what: &'static str, utf8_before: bool| BadBytes {
                pos: Some(pos),
                what,
                utf8_before,
            };
            if has_multibyte {
                return Err(bad(
                    e.valid_up_to(),
                    "UTF-8-Datei mit beschädigten Zeichen, z. B. eine in Windows-1252 eingefügte Zeile",
                    true,
                ));
            }
            if let Some(pos) = bytes.iter().position(|b| *b == 0) {
                return Err(bad(pos, "Nullbyte – keine Textdatei?", false));
            }
            // Bytes Windows-1252 leaves undefined.
            if let Some(pos) = bytes
                .iter()
                .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(bad(
                    pos,
                    "Zeichen weder in UTF-8 noch in Windows-1252 definiert",
                    false,
                ));
            }
            // UTF-8 umlauts inside a Windows-1252 file would become „KÃ¶ln“.
            if let Some(pos) = find_utf8_umlaut(bytes) {
                return Err(bad(
                    pos,
                    "UTF-8-Umlaut in einer Windows-1252-Datei (gemischte Kodierung)",
                    false,
                ));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

/// The first UTF-8 encoded German umlaut, ß or é (`C3 xx`): as Windows-1252 it reads „Ã¶“,
/// which German text never contains.
fn find_utf8_umlaut(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| {
        w[0] == 0xC3 && matches!(w[1], 0x84 | 0x96 | 0x9C | 0xA4 | 0xB6 | 0xBC | 0x9F | 0xA9)
    })
}

/// Text for locating an error: the bytes as UTF-8 (or Windows-1252), bad bytes shown as `�`.
pub fn lossy_text(bytes: &[u8], utf8: bool) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if utf8 {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        text.chars()
            .map(|c| {
                if ('\u{80}'..='\u{9f}').contains(&c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect()
    }
}

pub(crate) fn bad_byte(file: &str, bytes: &[u8], pos: usize, what: &str) -> ImportError {
    let (line, col) = line_col(bytes, pos);
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

/// 1-based line and byte column of `pos`.
pub(crate) fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map(|p| p + 1)
        .unwrap_or(0);
    (line, pos - line_start + 1)
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

    #[test]
    fn refuses_utf8_umlauts_in_a_windows_1252_file() {
        // Line 2 Windows-1252 ("Köln" = 4B F6 6C 6E), line 3 UTF-8 ("Köln" = 4B C3 B6 6C 6E).
        let bytes = b"a;b\nK\xf6ln;1\nK\xc3\xb6ln;2\n";
        let bad = decode_bytes(bytes).unwrap_err();
        // "a;b\n" (4 bytes) + "K\xf6ln;1\n" (7 bytes) + "K": the C3 is byte 12.
        assert_eq!(bad.pos, Some(12), "the C3 of line 3");
        assert!(!bad.utf8_before);
        let err = decode_text("x.csv", bytes).unwrap_err().to_string();
        assert!(err.contains("x.csv, Zeile 3:"), "{err}");
        assert!(err.contains("gemischte Kodierung"), "{err}");
        // Windows-1252 „Grüß““ (ß before a quote mark is DF 93, valid UTF-8 on its own) and a
        // lone „Ã“ are not refused.
        let (text, enc) = decode_bytes(b"Gr\xfc\xdf\x93 \xc3;1\n").unwrap();
        assert_eq!((text.as_str(), enc), ("Grüß“ Ã;1\n", Encoding::Windows1252));
    }

    #[test]
    fn bad_byte_positions_count_the_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"a,b\nx,\xff\n");
        assert_eq!(decode_bytes(&bytes).unwrap_err().pos, Some(3 + 6));
        assert_eq!(line_col(&bytes, 9), (2, 3));
    }
}
