//! Spreadsheet formula injection ("CSV injection"): a cell such as `=cmd|' /C calc'!A0` becomes a
//! live formula when a CSV/XLSX file is opened in a spreadsheet program.
//!
//! - On import, [`formula_risk`] flags such cells; `import::read_table` refuses them (with file,
//!   row and column) in every column an importer uses.
//! - On export, [`formula_safe`] makes any text inert by prefixing an apostrophe, so that no
//!   value written to CSV/XLSX by this program ever starts a formula.

use std::borrow::Cow;

/// True when `cell` is an attempt at a formula: it starts with `=` (or a tab/CR), or with `+`,
/// `-` or `@` followed by formula syntax — a DDE call (`|` or `!`) or a function call such as
/// `@SUM(` / `+HYPERLINK(`. Plain values that merely start with a sign stay allowed: "-5",
/// "+49 211 …", and the NRW directory's 1,393 cells like "- Primarstufe - ( Ersatzschule )".
/// (On export every such text is escaped anyway, see [`formula_safe`].)
pub fn formula_risk(cell: &str) -> bool {
    let t = cell.trim_start_matches([' ', '\u{a0}']);
    let mut chars = t.chars();
    match chars.next() {
        Some('=') | Some('\t') | Some('\r') => true,
        Some('+') | Some('-') | Some('@') => {
            let rest = chars.as_str();
            if rest.contains(['|', '!']) {
                return true;
            }
            // A function call right after the sign: letters/dots/underscores, then "(".
            let rest = rest.trim_start();
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphabetic() || c == '.' || c == '_'))
                .unwrap_or(rest.len());
            name_len > 0 && rest[name_len..].starts_with('(')
        }
        _ => false,
    }
}

/// `cell` as it may be written into a CSV or XLSX cell: text that a spreadsheet would treat as
/// a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe.
/// Numbers written as numbers are not text and need no escaping.
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=') | Some('+') | Some('-') | Some('@') | Some('\t') | Some('\r') => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_formulas_but_not_plain_values() {
        for bad in [
            "=cmd|' /C calc'!A0",
            "=1+1",
            " =HYPERLINK(\"x\")",
            "@SUM(A1:A2)",
            "+HYPERLINK(\"http://x\")",
            "- SUM(1)",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "\t=1",
        ] {
            assert!(formula_risk(bad), "{bad}");
        }
        for ok in [
            "- Primarstufe -",
            "- Primarstufe - ( Ersatzschule )",
            "-(leer)",
            "-5",
            "+49 211 123456",
            "Städt. Gymnasium",
            "a=b",
            "",
            "@schule.nrw.de",
        ] {
            assert!(!formula_risk(ok), "{ok}");
        }
    }

    #[test]
    fn export_escapes_every_formula_start() {
        assert_eq!(formula_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(formula_safe("-5"), "'-5");
        assert_eq!(formula_safe("@x"), "'@x");
        assert_eq!(formula_safe("Köln"), "Köln");
        for s in ["=", "+", "-", "@", "\t", "\r"] {
            let v = format!("{s}1");
            assert!(formula_safe(&v).starts_with('\''), "{v:?}");
        }
    }
}
