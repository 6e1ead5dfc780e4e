//! Reading school holidays from an iCalendar (ICS, RFC 5545) file: every VEVENT with an all-day
//! (or date-time) DTSTART becomes one block. Handles CRLF/LF, folded lines (RFC 5545 §3.1),
//! a UTF-8 BOM, parameters (`DTSTART;VALUE=DATE:…`) and escaped text in SUMMARY.
//!
//! DTEND of an all-day event is exclusive (§3.6.1): DTEND 20251027 means the last day is
//! 26.10.2025. Without DTEND the event lasts one day.

use chrono::{Duration, NaiveDate};

use super::school_holidays::{school_year_of, SchoolHoliday};
use super::CalendarError;

struct Line {
    /// 1-based line number in the file where the (unfolded) content line starts.
    number: usize,
    text: String,
}

fn unfold(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<Line> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(cont) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.text.push_str(cont);
                continue;
            }
        }
        if raw.trim().is_empty() {
            continue;
        }
        out.push(Line {
            number: i + 1,
            text: raw.to_string(),
        });
    }
    out
}

fn err(file: &str, line: usize, message: impl Into<String>) -> CalendarError {
    CalendarError::Ics {
        file: file.into(),
        line,
        message: message.into(),
    }
}

/// Splits `NAME;PARAM=…:VALUE` into (upper-case name, params, value).
fn split_property(text: &str) -> Option<(String, &str, &str)> {
    let colon = text.find(':')?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let (name, params) = match head.find(';') {
        Some(p) => (&head[..p], &head[p + 1..]),
        None => (head, ""),
    };
    Some((name.trim().to_ascii_uppercase(), params, value))
}

fn parse_date_value(value: &str) -> Option<(NaiveDate, bool)> {
    let v = value.trim();
    let date_part = v.get(..8)?;
    let date = NaiveDate::parse_from_str(date_part, "%Y%m%d").ok()?;
    let rest = &v[8..];
    if rest.is_empty() {
        return Some((date, true));
    }
    // Date-time: 'T' HHMMSS ['Z']
    let t = rest.strip_prefix('T')?;
    let t = t.strip_suffix('Z').unwrap_or(t);
    if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((date, false))
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push(' '),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Parses school holidays from ICS text. `file` names the file in error messages.
pub fn parse_ics(file: &str, text: &str) -> Result<Vec<SchoolHoliday>, CalendarError> {
    let lines = unfold(text);
    if !lines
        .iter()
        .any(|l| l.text.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err(err(
            file,
            1,
            "keine iCalendar-Datei (BEGIN:VCALENDAR fehlt)",
        ));
    }
    struct Ev {
        begin_line: usize,
        start: Option<(NaiveDate, bool)>,
        end: Option<(NaiveDate, bool)>,
        summary: String,
    }
    let mut out = Vec::new();
    let mut current: Option<Ev> = None;
    for line in &lines {
        let t = line.text.trim_end();
        if t.eq_ignore_ascii_case("BEGIN:VEVENT") {
            if current.is_some() {
                return Err(err(
                    file,
                    line.number,
                    "BEGIN:VEVENT, bevor der vorige Termin mit END:VEVENT endet",
                ));
            }
            current = Some(Ev {
                begin_line: line.number,
                start: None,
                end: None,
                summary: String::new(),
            });
            continue;
        }
        if t.eq_ignore_ascii_case("END:VEVENT") {
            let Some(ev) = current.take() else {
                return Err(err(file, line.number, "END:VEVENT ohne BEGIN:VEVENT"));
            };
            let Some((start, all_day)) = ev.start else {
                return Err(err(
                    file,
                    ev.begin_line,
                    "Termin ohne DTSTART (Beginn fehlt)",
                ));
            };
            let end = match ev.end {
                // All-day DTEND is exclusive; a date-time end is the last day itself.
                Some((e, true)) if all_day => e - Duration::days(1),
                Some((e, _)) => e,
                None => start,
            };
            let end = end.max(start);
            let name = if ev.summary.is_empty() {
                "Ferien".to_string()
            } else {
                ev.summary
            };
            out.push(SchoolHoliday {
                id: 0,
                school_year: school_year_of(start),
                name,
                start,
                end,
                source: "ics".into(),
                note: format!("importiert aus {file}"),
                source_ref: file.to_string(),
                checked_on: String::new(),
            });
            continue;
        }
        let Some(ev) = current.as_mut() else {
            continue;
        };
        let Some((name, _params, value)) = split_property(t) else {
            return Err(err(
                file,
                line.number,
                format!("Zeile ohne „:“ im Termin: „{}“", truncate(t)),
            ));
        };
        match name.as_str() {
            "DTSTART" | "DTEND" => {
                let parsed = parse_date_value(value).ok_or_else(|| {
                    err(
                        file,
                        line.number,
                        format!(
                            "{name}: „{}“ ist kein Datum (erwartet JJJJMMTT oder JJJJMMTTThhmmss)",
                            truncate(value)
                        ),
                    )
                })?;
                if name == "DTSTART" {
                    ev.start = Some(parsed);
                } else {
                    ev.end = Some(parsed);
                }
            }
            "SUMMARY" => ev.summary = unescape(value),
            _ => {}
        }
    }
    if let Some(ev) = current {
        return Err(err(
            file,
            ev.begin_line,
            "Termin ohne END:VEVENT (Datei unvollständig?)",
        ));
    }
    if out.is_empty() {
        return Err(err(file, 1, "keine Termine (VEVENT) gefunden"));
    }
    out.sort_by_key(|h| h.start);
    Ok(out)
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_all_day_events_with_folding_and_crlf() {
        let ics = "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//DE\r\n\
BEGIN:VEVENT\r\nUID:1@test\r\nDTSTART;VALUE=DATE:20251013\r\nDTEND;VALUE=DATE:20251026\r\n\
SUMMARY:Herbstferien Nordrhein-\r\n Westfalen\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260526\r\nSUMMARY:Pfingstferien\\, NRW\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let got = parse_ics("ferien.ics", ics).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "Herbstferien Nordrhein-Westfalen");
        assert_eq!(
            (got[0].start, got[0].end),
            (d(2025, 10, 13), d(2025, 10, 25))
        );
        assert_eq!(got[0].school_year, "2025/26");
        assert_eq!(got[1].name, "Pfingstferien, NRW");
        assert_eq!((got[1].start, got[1].end), (d(2026, 5, 26), d(2026, 5, 26)));
    }

    #[test]
    fn date_time_events_keep_their_last_day() {
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261217T000000Z\nDTEND:20261231T230000Z\nSUMMARY:X\nEND:VEVENT\nEND:VCALENDAR\n";
        let got = parse_ics("a.ics", ics).unwrap();
        assert_eq!(
            (got[0].start, got[0].end),
            (d(2026, 12, 17), d(2026, 12, 31))
        );
    }

    #[test]
    fn bad_input_names_file_and_line() {
        let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Herbst\nDTSTART;VALUE=DATE:2025-10-13\nEND:VEVENT\nEND:VCALENDAR\n";
        let e = parse_ics("ferien.ics", ics).unwrap_err().to_string();
        assert!(e.contains("ferien.ics") && e.contains("Zeile 4"), "{e}");
        assert!(e.contains("DTSTART"), "{e}");

        let e = parse_ics(
            "x.ics",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:A\nEND:VEVENT\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("Zeile 2") && e.contains("DTSTART"), "{e}");

        let e = parse_ics("x.ics", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("END:VEVENT"), "{e}");

        let e = parse_ics("x.csv", "a;b;c\n1;2;3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("VCALENDAR"), "{e}");
    }
}
