//! Timestamps as helpdesk exports write them, turned into UTC Unix seconds.
//!
//! Accepted shapes (DOMAIN.md §4): `YYYY-MM-DD HH:MM[:SS]` (Znuny, Zammad, iTop; also with `T`,
//! fractions and `Z`/`±HH:MM`), `DD-MM-YYYY HH:MM` and `DD.MM.YYYY HH:MM` (GLPI, German
//! spreadsheets; month first on request), Jira's `dd/MMM/yy h:mm a` with English or German month
//! names (`24/Nov/26 3:05 PM`, `03/Mär/25 10:15`), and Excel serial numbers (`45658.5`).
//!
//! Local times are Europe/Berlin unless the export names another zone. Europe/Berlin uses the EU
//! rule (since 1996: summer time from the last Sunday in March 01:00 UTC to the last Sunday in
//! October 01:00 UTC), computed directly with the offset cached per day. In the spring gap
//! (02:00–03:00 does not exist) a time is read with the winter offset, i.e. moved forward by one
//! hour; in the autumn overlap (02:00–03:00 happens twice) the earlier instant is taken.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};

/// A zone the export's local times are in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    /// Europe/Berlin by the EU rule (fast path).
    Berlin,
    Utc,
    /// Any other IANA zone (slow path through chrono-tz).
    Other(chrono_tz::Tz),
}

impl Zone {
    /// Parses a zone name as in Zammad's footer (`Timezone: Europe/Berlin`).
    pub fn from_name(name: &str) -> Option<Zone> {
        let n = name.trim();
        if n.eq_ignore_ascii_case("Europe/Berlin") {
            return Some(Zone::Berlin);
        }
        if n.eq_ignore_ascii_case("UTC") || n.eq_ignore_ascii_case("Etc/UTC") || n == "GMT" {
            return Some(Zone::Utc);
        }
        n.parse::<chrono_tz::Tz>().ok().map(Zone::Other)
    }

    pub fn name(&self) -> String {
        match self {
            Zone::Berlin => "Europe/Berlin".into(),
            Zone::Utc => "UTC".into(),
            Zone::Other(tz) => tz.name().into(),
        }
    }
}

/// Order of day and month in all-numeric dates like `03-04-2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Parses timestamps of one file: zone, day order and a one-day offset cache.
#[derive(Debug, Clone)]
pub struct DateParser {
    pub zone: Zone,
    pub order: DateOrder,
    cache_day: i64,
    cache_offset: i64,
}

/// Why a timestamp could not be read (the caller adds file, row and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl DateParser {
    pub fn new(zone: Zone, order: DateOrder) -> DateParser {
        DateParser {
            zone,
            order,
            cache_day: i64::MIN,
            cache_offset: 0,
        }
    }

    /// `Ok(None)` for an empty cell, `Ok(Some(unix seconds UTC))`, or why the text is no time.
    pub fn parse(&mut self, text: &str) -> Result<Option<i64>, DateError> {
        let t = text.trim().trim_start_matches('\'').trim();
        if t.is_empty() || t == "-" || t == "0000-00-00 00:00:00" {
            return Ok(None);
        }
        let p = parse_parts(t, self.order).ok_or_else(|| {
            DateError(format!(
                "„{t}“ ist kein lesbares Datum (erwartet z. B. 2025-03-14 09:30:00, 14-03-2025 09:30, 14.03.2025 09:30 oder 14/Mär/25 9:30 AM)"
            ))
        })?;
        let date = NaiveDate::from_ymd_opt(p.year, p.month, p.day)
            .ok_or_else(|| DateError(format!("„{t}“: Datum gibt es nicht")))?;
        if p.hour > 23 || p.minute > 59 || p.second > 60 {
            return Err(DateError(format!("„{t}“: Uhrzeit ungültig")));
        }
        let day = days_from_civil(p.year as i64, p.month as i64, p.day as i64);
        let secs_of_day = p.hour as i64 * 3600 + p.minute as i64 * 60 + p.second.min(59) as i64;
        let local = day * 86_400 + secs_of_day;
        if let Some(off) = p.offset_secs {
            return Ok(Some(local - off));
        }
        let offset = match self.zone {
            Zone::Utc => 0,
            Zone::Berlin if p.year >= 1996 => self.berlin_offset(p.year, day, secs_of_day),
            Zone::Berlin => chrono_offset(chrono_tz::Europe::Berlin, date, secs_of_day)?,
            Zone::Other(tz) => chrono_offset(tz, date, secs_of_day)?,
        };
        Ok(Some(local - offset))
    }

    /// UTC offset in seconds of Europe/Berlin for a local time (EU rule), cached per day.
    fn berlin_offset(&mut self, year: i32, day: i64, secs_of_day: i64) -> i64 {
        if day == self.cache_day {
            return self.cache_offset;
        }
        let start = last_sunday(year, 3);
        let end = last_sunday(year, 10);
        let (offset, whole_day) = if day == start {
            // 02:00 local (winter) jumps to 03:00: before 03:00 read as winter time.
            (if secs_of_day < 3 * 3600 { 3600 } else { 7200 }, false)
        } else if day == end {
            // 03:00 local (summer) falls back to 02:00: before 03:00 read as summer time.
            (if secs_of_day < 3 * 3600 { 7200 } else { 3600 }, false)
        } else if day > start && day < end {
            (7200, true)
        } else {
            (3600, true)
        };
        if whole_day {
            self.cache_day = day;
            self.cache_offset = offset;
        }
        offset
    }
}

fn chrono_offset(tz: chrono_tz::Tz, date: NaiveDate, secs_of_day: i64) -> Result<i64, DateError> {
    use chrono::Offset;
    let naive: NaiveDateTime =
        date.and_hms_opt(0, 0, 0).unwrap_or_default() + chrono::Duration::seconds(secs_of_day);
    let resolved = match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(d) => d,
        chrono::LocalResult::Ambiguous(a, _) => a,
        chrono::LocalResult::None => {
            // Gap: read with the offset in force just before it.
            let before = naive - chrono::Duration::hours(3);
            let off = tz.offset_from_local_datetime(&before).earliest();
            return off
                .map(|o| o.fix().local_minus_utc() as i64)
                .ok_or_else(|| DateError(format!("{naive}: Ortszeit nicht auflösbar")));
        }
    };
    Ok(resolved.offset().fix().local_minus_utc() as i64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day number (since 1970-01-01) of the last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: i64) -> i64 {
    let last = days_from_civil(year as i64, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Monday → (days + 3) mod 7.
    let wd = (last + 3).rem_euclid(7);
    last - (wd + 1) % 7
}

/// A local Europe/Berlin wall time (minutes since 1970-01-01 00:00 local) as UTC seconds, with
/// the same gap/overlap rule as the parser.
pub fn berlin_local_minutes_to_utc(local_minutes: i64) -> i64 {
    let day = local_minutes.div_euclid(1440);
    let sod = local_minutes.rem_euclid(1440) * 60;
    let (y, _, _) = civil_from_days(day);
    let mut p = DateParser::new(Zone::Berlin, DateOrder::DayFirst);
    day * 86_400 + sod - p.berlin_offset(y as i32, day, sod)
}

/// Local Europe/Berlin midnight of `date` as UTC seconds (for "delete before DATE").
pub fn berlin_midnight_utc(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut p = DateParser::new(Zone::Berlin, DateOrder::DayFirst);
    let day = days_from_civil(date.year() as i64, date.month() as i64, date.day() as i64);
    day * 86_400 - p.berlin_offset(date.year(), day, 0)
}

#[derive(Debug, Default, PartialEq)]
struct Parts {
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    offset_secs: Option<i64>,
}

/// Month number of an English or German month name or abbreviation (`Mär`, `Mrz`, `Okt.`, `May`).
pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w.replace("ä", "a").replace("ae", "a");
    let m = match w.get(..3.min(w.len()))? {
        "jan" => 1,
        "feb" => 2,
        "mar" | "mrz" => 3,
        "apr" => 4,
        "may" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" | "okt" => 10,
        "nov" => 11,
        "dec" | "dez" => 12,
        _ => return None,
    };
    if w.len() < 3 {
        return None;
    }
    Some(m)
}

fn parse_parts(t: &str, order: DateOrder) -> Option<Parts> {
    let b = t.as_bytes();
    // Fast path: exactly `YYYY-MM-DD HH:MM:SS`.
    if b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b' ' || b[10] == b'T')
        && b[13] == b':'
        && b[16] == b':'
    {
        let n = |i: usize, len: usize| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[i..i + len] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as u32;
            }
            Some(v)
        };
        return Some(Parts {
            year: n(0, 4)? as i32,
            month: n(5, 2)?,
            day: n(8, 2)?,
            hour: n(11, 2)?,
            minute: n(14, 2)?,
            second: n(17, 2)?,
            offset_secs: None,
        });
    }
    // Excel serial day number.
    if b.iter()
        .all(|c| c.is_ascii_digit() || *c == b'.' || *c == b',')
        && b[0].is_ascii_digit()
    {
        if let Some(p) = excel_serial(t) {
            return Some(p);
        }
    }
    general(t, order)
}

/// Excel serial day number (1900 system, as of 1954–2119) → parts.
fn excel_serial(t: &str) -> Option<Parts> {
    let v: f64 = t.replace(',', ".").parse().ok()?;
    if !(20_000.0..=80_000.0).contains(&v) {
        return None;
    }
    let secs = (v * 86_400.0).round() as i64 - 25_569 * 86_400;
    let day = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(day);
    Some(Parts {
        year: y as i32,
        month: m as u32,
        day: d as u32,
        hour: (sod / 3600) as u32,
        minute: (sod % 3600 / 60) as u32,
        second: (sod % 60) as u32,
        offset_secs: None,
    })
}

#[derive(Debug)]
enum Tok<'a> {
    Num(u32, usize),
    Word(&'a str),
    Sign(i8),
}

fn general(t: &str, order: DateOrder) -> Option<Parts> {
    let mut toks: Vec<Tok> = Vec::with_capacity(10);
    let b = t.as_bytes();
    let mut i = 0;
    let mut after_time = false;
    let mut colons = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let len = i - s;
            if len > 9 {
                return None;
            }
            toks.push(Tok::Num(t[s..i].parse().ok()?, len));
        } else if c.is_ascii_alphabetic() || c >= 0x80 {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] >= 0x80 || b[i] == b'.') {
                i += 1;
            }
            toks.push(Tok::Word(&t[s..i]));
        } else {
            if c == b':' {
                colons += 1;
                after_time = true;
            }
            if (c == b'+' || c == b'-') && after_time && colons >= 1 {
                toks.push(Tok::Sign(if c == b'+' { 1 } else { -1 }));
            }
            i += 1;
        }
    }
    let mut p = Parts::default();
    let mut it = toks.iter().peekable();
    // Date part.
    match (it.next()?, it.next()?, it.next()?) {
        (Tok::Num(y, 4), Tok::Num(m, _), Tok::Num(d, _)) => {
            p.year = *y as i32;
            p.month = *m;
            p.day = *d;
        }
        (Tok::Num(d, _), Tok::Word(mon), Tok::Num(y, ylen)) => {
            p.day = *d;
            p.month = month_from_name(mon)?;
            p.year = year_of(*y, *ylen)?;
        }
        (Tok::Num(a, _), Tok::Num(bm, _), Tok::Num(y, ylen)) => {
            let (d, m) = match order {
                DateOrder::DayFirst => (*a, *bm),
                DateOrder::MonthFirst => (*bm, *a),
            };
            p.day = d;
            p.month = m;
            p.year = year_of(*y, *ylen)?;
        }
        _ => return None,
    }
    // Optional `T` separator.
    if let Some(Tok::Word(w)) = it.peek() {
        if w.eq_ignore_ascii_case("t") {
            it.next();
        }
    }
    // Time part.
    let mut nums = Vec::with_capacity(4);
    while let Some(Tok::Num(n, _)) = it.peek() {
        nums.push(*n);
        it.next();
        if nums.len() == 4 {
            break;
        }
    }
    match nums.len() {
        0 => {}
        1 => return None,
        _ => {
            p.hour = nums[0];
            p.minute = nums[1];
            p.second = nums.get(2).copied().unwrap_or(0);
            // nums[3] = fraction of a second: ignored.
        }
    }
    // AM/PM, Z, offset.
    for tok in it.by_ref() {
        match tok {
            Tok::Word(w) => {
                let w = w.trim_end_matches('.').to_ascii_lowercase();
                match w.as_str() {
                    "am" | "vorm" => {
                        if p.hour == 12 {
                            p.hour = 0;
                        } else if p.hour > 12 {
                            return None;
                        }
                    }
                    "pm" | "nachm" => {
                        if p.hour < 12 {
                            p.hour += 12;
                        } else if p.hour > 12 {
                            return None;
                        }
                    }
                    "z" | "utc" | "gmt" => p.offset_secs = Some(0),
                    "uhr" => {}
                    _ => return None,
                }
            }
            Tok::Sign(s) => {
                let h = toks_after_sign(&toks, tok)?;
                p.offset_secs = Some(*s as i64 * h);
                break;
            }
            Tok::Num(_, _) => return None,
        }
    }
    Some(p)
}

/// The offset in seconds written after a sign token: `+01:00`, `+0100` or `+01`.
fn toks_after_sign(toks: &[Tok], sign: &Tok) -> Option<i64> {
    let pos = toks.iter().position(|t| std::ptr::eq(t, sign))?;
    match (toks.get(pos + 1), toks.get(pos + 2)) {
        (Some(Tok::Num(h, 2)), Some(Tok::Num(m, 2))) => Some(*h as i64 * 3600 + *m as i64 * 60),
        (Some(Tok::Num(hm, 4)), None) => Some((*hm / 100) as i64 * 3600 + (*hm % 100) as i64 * 60),
        (Some(Tok::Num(h, 2)), None) => Some(*h as i64 * 3600),
        _ => None,
    }
}

fn year_of(y: u32, len: usize) -> Option<i32> {
    match len {
        4 => Some(y as i32),
        2 => Some(if y < 70 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }),
        _ => None,
    }
}

/// (year, month, day) of a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD HH:MM` of a UTC instant in Europe/Berlin (for messages and the generator).
pub fn format_berlin(ts: i64) -> String {
    use chrono::Offset;
    let dt = chrono::DateTime::from_timestamp(ts, 0).unwrap_or_default();
    let local = dt.with_timezone(&chrono_tz::Europe::Berlin);
    let _ = local.offset().fix();
    local.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Unix seconds of a UTC wall time, computed with chrono independently of the parser.
    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
        chrono::Utc
            .with_ymd_and_hms(y, mo, d, h, mi, s)
            .unwrap()
            .timestamp()
    }

    fn berlin(t: &str) -> i64 {
        DateParser::new(Zone::Berlin, DateOrder::DayFirst)
            .parse(t)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn winter_and_summer_offsets() {
        // 14 Jan 2025 09:30 CET = 08:30 UTC; 14 Jul 2025 09:30 CEST = 07:30 UTC.
        assert_eq!(berlin("2025-01-14 09:30:00"), utc(2025, 1, 14, 8, 30, 0));
        assert_eq!(berlin("2025-07-14 09:30:00"), utc(2025, 7, 14, 7, 30, 0));
        assert_eq!(berlin("14-07-2025 09:30"), utc(2025, 7, 14, 7, 30, 0));
        assert_eq!(berlin("14.07.2025 09:30"), utc(2025, 7, 14, 7, 30, 0));
        assert_eq!(berlin("2025-07-14T09:30:00"), utc(2025, 7, 14, 7, 30, 0));
        assert_eq!(berlin("2025-07-14 09:30"), utc(2025, 7, 14, 7, 30, 0));
        assert_eq!(berlin("14.07.2025"), utc(2025, 7, 13, 22, 0, 0));
    }

    #[test]
    fn dst_gap_and_overlap() {
        // 2025: summer time starts Sun 30 March 01:00 UTC, ends Sun 26 October 01:00 UTC.
        assert_eq!(berlin("2025-03-30 01:59:00"), utc(2025, 3, 30, 0, 59, 0));
        assert_eq!(berlin("2025-03-30 03:00:00"), utc(2025, 3, 30, 1, 0, 0));
        // 02:30 does not exist: read with the winter offset (+1) = 01:30 UTC.
        assert_eq!(berlin("2025-03-30 02:30:00"), utc(2025, 3, 30, 1, 30, 0));
        // 02:30 on 26 Oct happens twice: the earlier (summer, +2) = 00:30 UTC.
        assert_eq!(berlin("2025-10-26 02:30:00"), utc(2025, 10, 26, 0, 30, 0));
        assert_eq!(berlin("2025-10-26 03:00:00"), utc(2025, 10, 26, 2, 0, 0));
        assert_eq!(berlin("2025-10-25 23:00:00"), utc(2025, 10, 25, 21, 0, 0));
        // The day before the spring change is winter time.
        assert_eq!(berlin("2025-03-29 12:00:00"), utc(2025, 3, 29, 11, 0, 0));
    }

    #[test]
    fn fast_rule_agrees_with_tz_database() {
        let mut p = DateParser::new(Zone::Berlin, DateOrder::DayFirst);
        let mut q = DateParser::new(Zone::Other(chrono_tz::Europe::Berlin), DateOrder::DayFirst);
        for y in [1999, 2024, 2025, 2026, 2030] {
            for m in 1..=12 {
                for d in [1, 15, 25, 26, 27, 28, 29, 30, 31] {
                    for h in [0, 1, 2, 3, 4, 12, 23] {
                        let s = format!("{y}-{m:02}-{d:02} {h:02}:30:00");
                        if NaiveDate::from_ymd_opt(y, m, d).is_none() {
                            continue;
                        }
                        assert_eq!(p.parse(&s), q.parse(&s), "{s}");
                    }
                }
            }
        }
    }

    #[test]
    fn jira_dates_english_and_german() {
        assert_eq!(berlin("24/Nov/26 3:05 PM"), utc(2026, 11, 24, 14, 5, 0));
        assert_eq!(berlin("03/Mär/25 10:15 AM"), utc(2025, 3, 3, 9, 15, 0));
        assert_eq!(berlin("12/Mai/25 12:00 AM"), utc(2025, 5, 11, 22, 0, 0));
        assert_eq!(berlin("12/May/25 12:10 PM"), utc(2025, 5, 12, 10, 10, 0));
        assert_eq!(berlin("01/Okt./25 16:45"), utc(2025, 10, 1, 14, 45, 0));
        assert_eq!(berlin("09/Dez/24 8:00 AM"), utc(2024, 12, 9, 7, 0, 0));
    }

    #[test]
    fn zones_and_serials() {
        assert_eq!(berlin("2025-07-14T09:30:00Z"), utc(2025, 7, 14, 9, 30, 0));
        assert_eq!(
            berlin("2025-07-14T09:30:00+01:00"),
            utc(2025, 7, 14, 8, 30, 0)
        );
        // Excel serial 45658.5 = 2025-01-01 12:00 local (CET) = 11:00 UTC.
        assert_eq!(berlin("45658.5"), utc(2025, 1, 1, 11, 0, 0));
        let mut u = DateParser::new(Zone::Utc, DateOrder::DayFirst);
        assert_eq!(
            u.parse("2025-07-14 09:30:00").unwrap(),
            Some(utc(2025, 7, 14, 9, 30, 0))
        );
        let mut us = DateParser::new(Zone::Berlin, DateOrder::MonthFirst);
        assert_eq!(
            us.parse("07-14-2025 09:30").unwrap(),
            Some(utc(2025, 7, 14, 7, 30, 0))
        );
    }

    #[test]
    fn bad_dates_are_refused() {
        let mut p = DateParser::new(Zone::Berlin, DateOrder::DayFirst);
        assert!(p.parse("2025-02-30 10:00:00").is_err());
        assert!(p.parse("gestern").is_err());
        assert!(p.parse("31/Foo/25 10:00 AM").is_err());
        assert!(p.parse("2025-01-01 25:00:00").is_err());
        assert_eq!(p.parse("").unwrap(), None);
        assert_eq!(p.parse("  ").unwrap(), None);
    }

    #[test]
    fn midnight_for_retention() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert_eq!(berlin_midnight_utc(d), utc(2025, 6, 30, 22, 0, 0));
    }
}
