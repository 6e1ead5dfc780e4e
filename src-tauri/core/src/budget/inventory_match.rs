//! Matching the values of an inventory row: a category text to a catalogue key (key, label or
//! keywords in German and English), a school text to the register (Schulnummer, name, display
//! name), and a purchase year out of a year or date text.

use super::catalogue::Category;
use crate::import::normalize_header;
use crate::schools::School;

/// Keywords per category key; checked in this order (teacher devices before tablets).
const KEYWORDS: &[(&str, &[&str])] = &[
    (
        "teacher_device",
        &[
            "lehrer",
            "lehrkraft",
            "lehrkräfte",
            "teacher",
            "dienstgerät",
            "staff",
        ],
    ),
    ("student_tablet", &["tablet", "ipad"]),
    (
        "student_notebook",
        &["notebook", "laptop", "chromebook", "convertible"],
    ),
    (
        "doc_camera",
        &[
            "dokumentenkamera",
            "document camera",
            "visualizer",
            "visualiser",
        ],
    ),
    (
        "display",
        &[
            "display",
            "panel",
            "interaktiv",
            "interactive",
            "touchscreen",
            "smartboard",
            "tafel",
        ],
    ),
    (
        "projector",
        &["beamer", "projektor", "projector", "videoprojecteur"],
    ),
    (
        "wlan_ap",
        &[
            "access point",
            "accesspoint",
            "wlan",
            "wifi",
            "wi-fi",
            "borne wifi",
        ],
    ),
    ("switch", &["switch", "verkabelung", "netzwerk"]),
    ("server", &["server", "nas"]),
    (
        "printer",
        &[
            "drucker",
            "printer",
            "kopierer",
            "copier",
            "multifunktion",
            "imprimante",
        ],
    ),
    ("software", &["lizenz", "licence", "license", "software"]),
];

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_string())
        .collect()
}

/// The catalogue key a category text means, if any.
pub fn map_category(text: &str, cats: &[Category]) -> Option<String> {
    let n = normalize_header(text);
    if n.is_empty() {
        return None;
    }
    if let Some(c) = cats
        .iter()
        .find(|c| c.key.to_lowercase() == n || normalize_header(&c.label) == n)
    {
        return Some(c.key.clone());
    }
    let ws = words(&n);
    for (key, kws) in KEYWORDS {
        if !cats.iter().any(|c| c.key == *key) {
            continue;
        }
        let hit = kws.iter().any(|k| {
            if k.len() >= 5 {
                n.contains(k)
            } else {
                ws.iter().any(|w| w == k || w.starts_with(k))
            }
        });
        if hit {
            return Some((*key).to_string());
        }
    }
    None
}

/// The school a location text means: Schulnummer, or a unique (partial) name match.
pub fn map_school<'a>(text: &str, schools: &'a [School]) -> Option<&'a School> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // GLPI entities are paths: "Stadt > Schulen > GGS Am Park".
    let segments: Vec<&str> = std::iter::once(t)
        .chain(t.rsplit(['>', '/', '\\']).map(|s| s.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    for seg in &segments {
        for w in seg.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 6 {
                if let Some(s) = schools.iter().find(|s| s.schulnummer == w) {
                    return Some(s);
                }
            }
        }
    }
    for seg in segments.iter().skip(1).chain(std::iter::once(&t)) {
        let n = normalize_header(seg);
        let exact: Vec<&School> = schools
            .iter()
            .filter(|s| {
                normalize_header(&s.name) == n
                    || normalize_header(&s.display_name()) == n
                    || (!s.name_2.is_empty() && normalize_header(&s.name_2) == n)
            })
            .collect();
        if exact.len() == 1 {
            return Some(exact[0]);
        }
        if n.len() >= 6 {
            let partial: Vec<&School> = schools
                .iter()
                .filter(|s| {
                    let dn = normalize_header(&s.display_name());
                    dn.contains(&n) || n.contains(&dn)
                })
                .collect();
            if partial.len() == 1 {
                return Some(partial[0]);
            }
        }
    }
    None
}

/// A purchase year in a date or year text (`2021`, `2021-08-15`, `15.08.2021`, `08/15/2021`).
pub fn year_of(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y))
}
