//! Priority labels of the helpdesk systems → canonical 1 (critical) … 4 (low).
//!
//! Bare numbers mean different things per system (DOMAIN.md §4): Zammad `1 low … 3 high`,
//! Znuny/OTRS `1 very low … 5 very high`, GLPI `1 very low … 6 major`, iTop `1 critical … 4 low`.
//! Words are read in English, German and French.

/// Which system's numbering a bare number follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityScale {
    /// 1 = critical … 4 = low (iTop, canonical).
    Canonical,
    /// Zammad: 1 low, 2 normal, 3 high.
    Zammad,
    /// Znuny/OTRS: 1 very low … 5 very high.
    Znuny,
    /// GLPI: 1 very low … 5 very high, 6 major.
    Glpi,
}

/// Maps a label to 1–4; `None` when the label is unknown (the caller reports it).
pub fn map_priority(label: &str, scale: PriorityScale) -> Option<u8> {
    let l = label.trim().to_lowercase();
    if l.is_empty() {
        return None;
    }
    // Leading number ("3 high", "4 hoch", "2").
    let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = l[digits.len()..].trim();
    if !rest.is_empty() {
        if let Some(p) = by_word(rest) {
            return Some(p);
        }
    }
    if let Ok(n) = digits.parse::<u32>() {
        return match (scale, n) {
            (PriorityScale::Canonical, 1..=4) => Some(n as u8),
            (PriorityScale::Zammad, 1) => Some(4),
            (PriorityScale::Zammad, 2) => Some(3),
            (PriorityScale::Zammad, 3) => Some(2),
            (PriorityScale::Znuny, 1 | 2) => Some(4),
            (PriorityScale::Znuny, 3) => Some(3),
            (PriorityScale::Znuny, 4) => Some(2),
            (PriorityScale::Znuny, 5) => Some(1),
            (PriorityScale::Glpi, 1 | 2) => Some(4),
            (PriorityScale::Glpi, 3) => Some(3),
            (PriorityScale::Glpi, 4) => Some(2),
            (PriorityScale::Glpi, 5 | 6) => Some(1),
            _ => None,
        };
    }
    by_word(&l)
}

fn by_word(w: &str) -> Option<u8> {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ');
    Some(match w {
        "critical" | "kritisch" | "sehr hoch" | "very high" | "highest" | "höchste"
        | "hoechste" | "blocker" | "urgent" | "dringend" | "major" | "majeure" | "très haute"
        | "tres haute" | "p1" | "notfall" | "schwerwiegend" => 1,
        "high" | "hoch" | "haute" | "wichtig" | "p2" => 2,
        "medium" | "normal" | "mittel" | "moyenne" | "p3" => 3,
        "low" | "niedrig" | "very low" | "sehr niedrig" | "lowest" | "niedrigste" | "minor"
        | "trivial" | "basse" | "très basse" | "tres basse" | "gering" | "p4" => 4,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales() {
        assert_eq!(map_priority("3 high", PriorityScale::Zammad), Some(2));
        assert_eq!(map_priority("1 niedrig", PriorityScale::Zammad), Some(4));
        assert_eq!(map_priority("2 normal", PriorityScale::Zammad), Some(3));
        assert_eq!(map_priority("5 sehr hoch", PriorityScale::Znuny), Some(1));
        assert_eq!(map_priority("4", PriorityScale::Znuny), Some(2));
        assert_eq!(map_priority("Très haute", PriorityScale::Glpi), Some(1));
        assert_eq!(map_priority("Moyenne", PriorityScale::Glpi), Some(3));
        assert_eq!(map_priority("6", PriorityScale::Glpi), Some(1));
        assert_eq!(map_priority("1", PriorityScale::Canonical), Some(1));
        assert_eq!(map_priority("Highest", PriorityScale::Canonical), Some(1));
        assert_eq!(
            map_priority("Niedrigste", PriorityScale::Canonical),
            Some(4)
        );
        assert_eq!(map_priority("egal", PriorityScale::Canonical), None);
        assert_eq!(map_priority("7", PriorityScale::Znuny), None);
    }
}
