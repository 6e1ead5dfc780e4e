//! German number and date formats (`1.234,5`, `24.11.2026`) and lenient parsing of numbers as
//! they come from German exports (`1.234,56`, `1 234`, `1234.5`, with U+00A0/U+202F spaces).

use chrono::NaiveDate;

/// `1234567` → `1.234.567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Integer in German format: `-1.234`.
pub fn format_int(n: i64) -> String {
    let s = group_thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{s}")
    } else {
        s
    }
}

/// Decimal number in German format with `decimals` places: `1.234,5`. Halves round away from
/// zero, as Excel shows them (5,25 → 5,3; 1,005 → 1,01), so a figure reads the same in the
/// window, the PDF and the Kämmerei's spreadsheet.
pub fn format_decimal(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let s = round_half_away(x.abs(), decimals);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let int: u64 = int.parse().unwrap_or(0);
    let neg = x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// `x` (≥ 0) with `decimals` places, halves away from zero. Like Excel, the number is first
/// taken to 15 significant digits, so a binary fraction just below a half (1.005 is stored as
/// 1.00499999…) still counts as the half it was written as; the rounding itself is done on the
/// decimal digits.
fn round_half_away(x: f64, decimals: usize) -> String {
    let sci = format!("{x:.14e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let sig: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    // x = 0.s1 s2 … s15 × 10^(exp + 1): `point` digits stand before the decimal point.
    let point = exp + 1;
    let digit = |i: i64| -> u8 {
        if i < 0 {
            b'0'
        } else {
            sig.get(i as usize).copied().unwrap_or(b'0')
        }
    };
    let int_len = point.max(1);
    let first = point - int_len; // index into `sig` of the first integer digit (≤ 0)
    let mut digits: Vec<u8> = (0..int_len + decimals as i64)
        .map(|k| digit(first + k))
        .collect();
    if digit(first + int_len + decimals as i64) >= b'5' {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let (i, f) = digits.split_at(split);
    let i = String::from_utf8_lossy(i);
    if decimals == 0 {
        i.into_owned()
    } else {
        format!("{i}.{}", String::from_utf8_lossy(f))
    }
}

/// Percentage in German format: `87,5 %`.
pub fn format_pct(x: f64, decimals: usize) -> String {
    format!("{} %", format_decimal(x, decimals))
}

/// `24.11.2026`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Parses numbers as written in German or English exports. Thousands separators (`.`, space,
/// U+00A0, U+202F, `'`) are dropped; a comma is the decimal mark. A single `.` followed by other
/// than exactly three digits is read as a decimal point (`1234.5`).
pub fn parse_number_de(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_start_matches('\'')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if t.is_empty() {
        return None;
    }
    let normalized = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        let dots = t.matches('.').count();
        let after_last = t.rsplit('.').next().unwrap_or("");
        if dots > 1
            || (dots == 1 && after_last.len() == 3 && !t.starts_with("0.") && !t.starts_with("-0."))
        {
            t.replace('.', "")
        } else {
            t
        }
    };
    normalized.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Parses a whole number, accepting thousands separators (`1.234`, `1 234`).
pub fn parse_int_de(text: &str) -> Option<i64> {
    let x = parse_number_de(text)?;
    if x.fract() != 0.0 || x.abs() > 9.0e15 {
        return None;
    }
    Some(x as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_like_excel() {
        assert_eq!(format_decimal(5.25, 1), "5,3");
        assert_eq!(format_decimal(-5.25, 1), "-5,3");
        assert_eq!(format_decimal(1.005, 2), "1,01");
        assert_eq!(format_decimal(2.5, 0), "3");
        assert_eq!(format_decimal(0.044999, 2), "0,04");
        assert_eq!(format_decimal(999.95, 1), "1.000,0");
        assert_eq!(format_decimal(9.999, 2), "10,00");
        assert_eq!(format_decimal(0.0, 2), "0,00");
        assert_eq!(format_decimal(-0.004, 2), "0,00");
        assert_eq!(format_decimal(1234567.891, 2), "1.234.567,89");
    }

    #[test]
    fn groups() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1000), "1.000");
        assert_eq!(format_int(-1234567), "-1.234.567");
        assert_eq!(format_decimal(1234.5, 1), "1.234,5");
        assert_eq!(format_decimal(-0.04, 1), "0,0");
        assert_eq!(format_pct(87.5, 1), "87,5 %");
        assert_eq!(
            format_date(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            "24.11.2026"
        );
    }

    #[test]
    fn parses() {
        assert_eq!(parse_number_de("1.234,56"), Some(1234.56));
        assert_eq!(parse_number_de("1 234"), Some(1234.0));
        assert_eq!(parse_number_de("1\u{202f}234"), Some(1234.0));
        assert_eq!(parse_number_de("1234.5"), Some(1234.5));
        assert_eq!(parse_number_de("1.234"), Some(1234.0));
        assert_eq!(parse_number_de("0.125"), Some(0.125));
        assert_eq!(parse_number_de("'42"), Some(42.0));
        assert_eq!(parse_number_de(""), None);
        assert_eq!(parse_number_de("x"), None);
        assert_eq!(parse_int_de("305"), Some(305));
        assert_eq!(parse_int_de("3,5"), None);
    }
}
