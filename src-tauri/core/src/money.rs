//! Money is integer cents (`i64`). Floating point appears only inside a computation
//! (escalation, discounting) and is rounded once, half away from zero, back to cents.

use crate::format::group_thousands;

/// Rounds a floating-point amount of cents to whole cents, half away from zero.
pub fn round_cents(x: f64) -> i64 {
    // f64::round rounds half away from zero.
    x.round() as i64
}

/// `cents × factor`, rounded to the cent half away from zero.
pub fn scale(cents: i64, factor: f64) -> i64 {
    round_cents(cents as f64 * factor)
}

/// German money format: `1.234,56 €`, `-0,50 €`.
pub fn format_eur(cents: i64) -> String {
    let neg = cents < 0;
    let abs = cents.unsigned_abs();
    let euros = abs / 100;
    let rest = abs % 100;
    format!(
        "{}{},{:02} €",
        if neg { "-" } else { "" },
        group_thousands(euros),
        rest
    )
}

/// German whole-euro format for charts and summaries: `1.235 €` (rounded half away from zero).
pub fn format_eur_whole(cents: i64) -> String {
    let euros = (cents as f64 / 100.0).round() as i64;
    let s = group_thousands(euros.unsigned_abs());
    format!("{}{} €", if euros < 0 { "-" } else { "" }, s)
}

/// Parses a user-entered euro amount (`1.234,56`, `1234.56`, `1 234,5 €`) into cents.
pub fn parse_eur(text: &str) -> Option<i64> {
    let n = crate::format::parse_number_de(text.trim().trim_end_matches('€').trim())?;
    if !n.is_finite() {
        return None;
    }
    Some(round_cents(n * 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_german() {
        assert_eq!(format_eur(123456), "1.234,56 €");
        assert_eq!(format_eur(-50), "-0,50 €");
        assert_eq!(format_eur(0), "0,00 €");
        assert_eq!(format_eur(10_000_000_000), "100.000.000,00 €");
        assert_eq!(format_eur_whole(123456), "1.235 €");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(2.5), 3);
        assert_eq!(round_cents(-2.5), -3);
        assert_eq!(round_cents(2.4999), 2);
        assert_eq!(scale(45000, 1.02), 45900);
    }

    #[test]
    fn parses_amounts() {
        assert_eq!(parse_eur("1.234,56"), Some(123456));
        assert_eq!(parse_eur("1234.56"), Some(123456));
        assert_eq!(parse_eur("450 €"), Some(45000));
        assert_eq!(parse_eur("abc"), None);
    }
}
