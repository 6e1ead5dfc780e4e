//! Service windows: the hours in which the support desk is on duty, per weekday in local time
//! (default Mon–Fri 07:30–16:00 Europe/Berlin), for the district ("Standard") or a contract.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// Name of the district's default window.
pub const DEFAULT_WINDOW: &str = "Standard";

/// Opening hours of one weekday, in minutes after local midnight (`open < close ≤ 1440`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub open_min: u16,
    pub close_min: u16,
}

/// A service window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceWindow {
    pub name: String,
    /// `district` or `contract`.
    pub scope: String,
    /// IANA time zone of the hours, e.g. `Europe/Berlin`.
    pub timezone: String,
    /// Monday … Sunday; `None` = closed all day.
    pub days: [Option<DayHours>; 7],
    pub exclude_public_holidays: bool,
    /// "School time": NRW school holidays (and bewegliche Ferientage) are off.
    pub exclude_school_holidays: bool,
}

impl Default for ServiceWindow {
    fn default() -> Self {
        let day = Some(DayHours {
            open_min: 7 * 60 + 30,
            close_min: 16 * 60,
        });
        ServiceWindow {
            name: DEFAULT_WINDOW.into(),
            scope: "district".into(),
            timezone: "Europe/Berlin".into(),
            days: [day, day, day, day, day, None, None],
            exclude_public_holidays: true,
            exclude_school_holidays: true,
        }
    }
}

pub const WEEKDAY_NAMES: [&str; 7] = [
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Samstag",
    "Sonntag",
];

impl ServiceWindow {
    pub fn tz(&self) -> Result<chrono_tz::Tz, CalendarError> {
        self.timezone
            .parse::<chrono_tz::Tz>()
            .map_err(|_| CalendarError::Invalid {
                field: "Zeitzone".into(),
                message: format!("„{}“ ist keine bekannte Zeitzone", self.timezone),
            })
    }

    /// One line for footnotes: "Mo–Fr 07:30–16:00 (Europe/Berlin), ohne Feiertage NRW, ohne Schulferien".
    pub fn describe(&self) -> String {
        self.describe_with(&DE)
    }

    /// The same line in English: "Mon–Fri 07:30–16:00 (Europe/Berlin), without NRW public
    /// holidays, without school holidays and flexible days off".
    pub fn describe_en(&self) -> String {
        self.describe_with(&EN)
    }

    fn describe_with(&self, w: &Words) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while i < 7 {
            let Some(h) = self.days[i] else {
                i += 1;
                continue;
            };
            let mut j = i;
            while j + 1 < 7 && self.days[j + 1] == Some(h) {
                j += 1;
            }
            let span = if j > i {
                format!("{}–{}", w.days[i], w.days[j])
            } else {
                w.days[i].to_string()
            };
            parts.push(format!(
                "{span} {}–{}",
                fmt_hm(h.open_min),
                fmt_hm(h.close_min)
            ));
            i = j + 1;
        }
        let mut s = if parts.is_empty() {
            w.none.to_string()
        } else {
            parts.join(", ")
        };
        s.push_str(&format!(" ({})", self.timezone));
        if self.exclude_public_holidays {
            s.push_str(w.public);
        }
        if self.exclude_school_holidays {
            s.push_str(w.school);
        }
        s
    }
}

/// The words of [`ServiceWindow::describe`] in one language.
struct Words {
    days: [&'static str; 7],
    none: &'static str,
    public: &'static str,
    school: &'static str,
}

const DE: Words = Words {
    days: ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    none: "keine Servicezeiten",
    public: ", ohne Feiertage NRW",
    school: ", ohne Schulferien und bewegliche Ferientage",
};

const EN: Words = Words {
    days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    none: "no service hours",
    public: ", without NRW public holidays",
    school: ", without school holidays and flexible days off",
};

fn fmt_hm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Parses `HH:MM-HH:MM` (also with `–`); empty = closed.
pub fn parse_day_hours(field: &str, s: &str) -> Result<Option<DayHours>, CalendarError> {
    let t = s.trim();
    if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("geschlossen") {
        return Ok(None);
    }
    let bad = || CalendarError::Invalid {
        field: field.into(),
        message: format!("„{t}“: erwartet z. B. 07:30-16:00 oder leer für geschlossen"),
    };
    let (a, b) = t.split_once(['-', '–']).ok_or_else(bad)?;
    let hm = |x: &str| -> Option<u16> {
        let (h, m) = x.trim().split_once(':')?;
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
    };
    let open = hm(a).ok_or_else(bad)?;
    let close = hm(b).ok_or_else(bad)?;
    if close <= open {
        return Err(CalendarError::Invalid {
            field: field.into(),
            message: format!("„{t}“: das Ende muss nach dem Beginn liegen"),
        });
    }
    Ok(Some(DayHours {
        open_min: open,
        close_min: close,
    }))
}

pub fn format_day_hours(h: Option<DayHours>) -> String {
    match h {
        Some(h) => format!("{}-{}", fmt_hm(h.open_min), fmt_hm(h.close_min)),
        None => String::new(),
    }
}

const COLS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Loads a service window by name.
pub fn load_service_window(conn: &Connection, name: &str) -> Result<ServiceWindow, CalendarError> {
    let row = conn
        .query_row(
            "SELECT name, scope, timezone, mon, tue, wed, thu, fri, sat, sun,
                    exclude_public_holidays, exclude_school_holidays
             FROM service_windows WHERE name = ?1",
            [name],
            |r| {
                let mut days: [String; 7] = Default::default();
                for (i, d) in days.iter_mut().enumerate() {
                    *d = r.get(3 + i)?;
                }
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    days,
                    r.get::<_, bool>(10)?,
                    r.get::<_, bool>(11)?,
                ))
            },
        )
        .optional()?;
    let Some((name, scope, timezone, texts, ph, sh)) = row else {
        return Err(CalendarError::NotFound(format!("Servicezeit „{name}“")));
    };
    let mut days = [None; 7];
    for i in 0..7 {
        days[i] = parse_day_hours(WEEKDAY_NAMES[i], &texts[i])?;
    }
    let w = ServiceWindow {
        name,
        scope,
        timezone,
        days,
        exclude_public_holidays: ph,
        exclude_school_holidays: sh,
    };
    w.tz()?;
    Ok(w)
}

/// All service windows (district first).
pub fn list_service_windows(conn: &Connection) -> Result<Vec<ServiceWindow>, CalendarError> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM service_windows ORDER BY scope = 'contract', name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    names.iter().map(|n| load_service_window(conn, n)).collect()
}

/// Inserts or replaces a service window.
pub fn save_service_window(conn: &Connection, w: &ServiceWindow) -> Result<(), CalendarError> {
    if w.name.trim().is_empty() {
        return Err(CalendarError::Invalid {
            field: "Name".into(),
            message: "darf nicht leer sein".into(),
        });
    }
    if !matches!(w.scope.as_str(), "district" | "contract") {
        return Err(CalendarError::Invalid {
            field: "Geltungsbereich".into(),
            message: format!("„{}“: erwartet district oder contract", w.scope),
        });
    }
    w.tz()?;
    for (i, d) in w.days.iter().enumerate() {
        if let Some(h) = d {
            if h.close_min <= h.open_min || h.close_min > 1440 {
                return Err(CalendarError::Invalid {
                    field: WEEKDAY_NAMES[i].into(),
                    message: "das Ende muss nach dem Beginn liegen (höchstens 24:00)".into(),
                });
            }
        }
    }
    let t: Vec<String> = w.days.iter().map(|d| format_day_hours(*d)).collect();
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO service_windows (name, scope, timezone, {}, exclude_public_holidays, exclude_school_holidays)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            COLS.join(", ")
        ),
        params![
            w.name,
            w.scope,
            w.timezone,
            t[0],
            t[1],
            t[2],
            t[3],
            t[4],
            t[5],
            t[6],
            w.exclude_public_holidays,
            w.exclude_school_holidays
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn default_window_is_stored_and_described() {
        let s = Store::open_in_memory().unwrap();
        let w = load_service_window(s.conn(), DEFAULT_WINDOW).unwrap();
        assert_eq!(w, ServiceWindow::default());
        assert_eq!(
            w.describe(),
            "Mo–Fr 07:30–16:00 (Europe/Berlin), ohne Feiertage NRW, ohne Schulferien und bewegliche Ferientage"
        );
        assert_eq!(
            w.describe_en(),
            "Mon–Fri 07:30–16:00 (Europe/Berlin), without NRW public holidays, without school holidays and flexible days off"
        );
    }

    #[test]
    fn saves_contract_window_and_rejects_bad_hours() {
        let s = Store::open_in_memory().unwrap();
        let mut w = ServiceWindow {
            name: "Vertrag Dienstleister A".into(),
            scope: "contract".into(),
            ..ServiceWindow::default()
        };
        w.days[5] = parse_day_hours("Samstag", "08:00–12:00").unwrap();
        w.exclude_school_holidays = false;
        assert_eq!(
            w.describe_en(),
            "Mon–Fri 07:30–16:00, Sat 08:00–12:00 (Europe/Berlin), without NRW public holidays"
        );
        assert_eq!(
            w.describe(),
            "Mo–Fr 07:30–16:00, Sa 08:00–12:00 (Europe/Berlin), ohne Feiertage NRW"
        );
        save_service_window(s.conn(), &w).unwrap();
        assert_eq!(load_service_window(s.conn(), &w.name).unwrap(), w);
        assert_eq!(list_service_windows(s.conn()).unwrap().len(), 2);
        assert!(parse_day_hours("Montag", "16:00-07:30").is_err());
        assert!(parse_day_hours("Montag", "7.30-16").is_err());
        assert_eq!(parse_day_hours("Montag", "").unwrap(), None);
        w.timezone = "Europe/Bonn".into();
        assert!(save_service_window(s.conn(), &w).is_err());
    }
}
