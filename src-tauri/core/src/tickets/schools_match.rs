//! Which school of the register a ticket belongs to, from the label the export carries
//! (organisation, group, GLPI entity path `A > B > C`, location or a custom field).
//!
//! In this order: (1) the user's remembered mapping (`school_aliases`, by normalised label),
//! (2) a Schulnummer of the register written in the label (`GGS Am Park (100012)`),
//! (3) the normalised school name (name, name 2, "name, name 2", "name name 2", only where it
//! names exactly one school), (4) a distinctive name (≥ 8 letters, one school) contained in the
//! label. For entity paths every part is tried from the most specific one. Unmatched labels are
//! returned for the user to map by hand.

use std::collections::HashMap;

use rusqlite::Connection;

/// Lower case, umlauts and ß spelled out, punctuation to spaces, whitespace collapsed.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' => "e",
            _ => "",
        };
        if !rep.is_empty() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(rep);
        } else if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// The parts of an entity path, most specific first (`Stadt > Schulen > GGS Am Park`).
pub fn path_parts(label: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = label
        .split(['>', '/', '\\'])
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.reverse();
    parts
}

/// The register as a lookup.
#[derive(Debug, Clone, Default)]
pub struct SchoolMatcher {
    aliases: HashMap<String, String>,
    numbers: std::collections::HashSet<String>,
    /// normalised key → Schulnummern it names (only unique keys are used).
    names: HashMap<String, Vec<String>>,
    /// distinctive keys (≥ 8 letters, naming one school) for "contained in the label".
    distinctive: Vec<(String, String)>,
}

impl SchoolMatcher {
    pub fn load(conn: &Connection) -> rusqlite::Result<SchoolMatcher> {
        let mut m = SchoolMatcher::default();
        let mut stmt =
            conn.prepare("SELECT schulnummer, name, name_2, name_3, ort FROM schools")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (nr, name, n2, n3, _ort) = row?;
            m.add_school(&nr, &name, &n2, &n3);
        }
        let mut stmt = conn.prepare("SELECT label, schulnummer FROM school_aliases")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (label, nr) = row?;
            m.aliases.insert(normalize_label(&label), nr);
        }
        m.finish();
        Ok(m)
    }

    /// Adds one school of the register (used by `load` and by tests).
    pub fn add_school(&mut self, nr: &str, name: &str, name_2: &str, name_3: &str) {
        self.numbers.insert(nr.to_string());
        let mut keys = vec![normalize_label(name)];
        if !name_2.trim().is_empty() {
            keys.push(normalize_label(name_2));
            keys.push(normalize_label(&format!("{name}, {name_2}")));
            keys.push(normalize_label(&format!("{name_2} {name}")));
        }
        if !name_3.trim().is_empty() && !name_3.trim().starts_with('-') {
            keys.push(normalize_label(name_3));
        }
        keys.sort();
        keys.dedup();
        for k in keys.into_iter().filter(|k| !k.is_empty()) {
            let v = self.names.entry(k).or_default();
            if !v.iter().any(|x| x == nr) {
                v.push(nr.to_string());
            }
        }
    }

    pub fn add_alias(&mut self, label: &str, nr: &str) {
        self.aliases.insert(normalize_label(label), nr.to_string());
    }

    /// Call after adding schools: prepares the "contained" lookup.
    pub fn finish(&mut self) {
        self.distinctive = self
            .names
            .iter()
            .filter(|(k, v)| v.len() == 1 && k.chars().filter(|c| c.is_alphabetic()).count() >= 8)
            .map(|(k, v)| (k.clone(), v[0].clone()))
            .collect();
        // Longest first: the most specific name wins.
        self.distinctive
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    /// The Schulnummer the label names, if any.
    pub fn find(&self, label: &str) -> Option<String> {
        let label = label.trim();
        if label.is_empty() {
            return None;
        }
        let full = normalize_label(label);
        if let Some(nr) = self.aliases.get(&full) {
            return Some(nr.clone());
        }
        let parts = path_parts(label);
        for part in std::iter::once(label).chain(parts.iter().copied()) {
            if let Some(nr) = self.find_one(part) {
                return Some(nr);
            }
        }
        None
    }

    fn find_one(&self, text: &str) -> Option<String> {
        let norm = normalize_label(text);
        if let Some(nr) = self.aliases.get(&norm) {
            return Some(nr.clone());
        }
        // A Schulnummer of the register in the text (6 digits, standing alone).
        for tok in norm.split(' ') {
            if tok.len() == 6
                && tok.bytes().all(|b| b.is_ascii_digit())
                && self.numbers.contains(tok)
            {
                return Some(tok.to_string());
            }
        }
        if let Some(v) = self.names.get(&norm) {
            if v.len() == 1 {
                return Some(v[0].clone());
            }
        }
        let padded = format!(" {norm} ");
        let hits: Vec<&String> = self
            .distinctive
            .iter()
            .filter(|(k, _)| padded.contains(&format!(" {k} ")))
            .map(|(_, nr)| nr)
            .collect();
        match hits.first() {
            Some(first) if hits.iter().all(|h| h == first) => Some((*first).clone()),
            _ => None,
        }
    }
}

/// Remembers that `label` means school `schulnummer` and assigns the stored tickets whose label
/// (or one part of whose entity path) is that label. Returns how many tickets were assigned.
pub fn remember_school(
    conn: &Connection,
    label: &str,
    schulnummer: &str,
) -> Result<usize, super::TicketError> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM schools WHERE schulnummer = ?1",
        [schulnummer],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Err(super::TicketError::Invalid {
            field: "Schulnummer".into(),
            message: format!("Schule {schulnummer} ist nicht im Schulregister."),
        });
    }
    let key = normalize_label(label);
    if key.is_empty() {
        return Err(super::TicketError::Invalid {
            field: "Bezeichnung".into(),
            message: "Die Bezeichnung aus dem Ticketsystem ist leer.".into(),
        });
    }
    conn.execute(
        "INSERT INTO school_aliases(label, schulnummer) VALUES (?1, ?2)
         ON CONFLICT(label) DO UPDATE SET schulnummer = excluded.schulnummer",
        [&key, schulnummer],
    )?;
    let mut stmt = conn.prepare("SELECT DISTINCT school_label FROM tickets")?;
    let labels: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<_, _>>()?;
    let mut upd = conn.prepare(
        "UPDATE tickets SET schulnummer = ?2 WHERE school_label = ?1 AND schulnummer IS NOT ?2",
    )?;
    let mut n = 0;
    for l in labels {
        let hit =
            normalize_label(&l) == key || path_parts(&l).iter().any(|p| normalize_label(p) == key);
        if hit {
            n += upd.execute([&l, schulnummer])?;
        }
    }
    Ok(n)
}

/// Labels of stored tickets that have no school yet, with how many tickets carry each.
pub fn unmatched_labels(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT school_label, count(*) FROM tickets WHERE schulnummer IS NULL
         GROUP BY school_label ORDER BY count(*) DESC, school_label",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> SchoolMatcher {
        let mut m = SchoolMatcher::default();
        // Two schools share the name "Städt. Gemeinschaftsgrundschule": only name 2 tells them apart.
        m.add_school(
            "100012",
            "Städt. Gemeinschaftsgrundschule",
            "Am Friedenspark",
            "- Primarstufe -",
        );
        m.add_school(
            "100024",
            "Städt. Gemeinschaftsgrundschule",
            "Im Steinfeld",
            "",
        );
        m.add_school("103214", "Regenbogenschule", "Städt. Gem. Grundschule", "");
        m.add_school("166455", "Lise-Meitner-Gymnasium", "", "");
        m.add_alias("IT Landrat-Lucas", "166455");
        m.finish();
        m
    }

    #[test]
    fn matches_by_number_name_alias_and_path() {
        let m = matcher();
        assert_eq!(
            m.find("GGS Am Friedenspark (100012)").as_deref(),
            Some("100012")
        );
        assert_eq!(m.find("Am Friedenspark").as_deref(), Some("100012"));
        assert_eq!(
            m.find("Städt. Gemeinschaftsgrundschule, Im Steinfeld")
                .as_deref(),
            Some("100024")
        );
        assert_eq!(
            m.find("Stadt Leverkusen > Schulen > Regenbogenschule")
                .as_deref(),
            Some("103214")
        );
        assert_eq!(m.find("lise meitner gymnasium").as_deref(), Some("166455"));
        assert_eq!(
            m.find("Lise-Meitner-Gymnasium Leverkusen").as_deref(),
            Some("166455")
        );
        assert_eq!(m.find("it landrat lucas").as_deref(), Some("166455"));
        // Ambiguous name alone and unknown labels stay unmatched.
        assert_eq!(m.find("Städt. Gemeinschaftsgrundschule"), None);
        assert_eq!(m.find("Rathaus"), None);
        // A number that is not in the register does not match.
        assert_eq!(m.find("Schule 999999"), None);
    }
}
