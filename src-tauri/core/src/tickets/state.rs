//! State labels → open / solved / closed. Known labels of every system (English, German, French)
//! are built in; the user's own choices are remembered in `state_mappings` (per source) and win.
//! Unknown labels are counted as open (they stay in the backlog, the safe side) and reported once
//! per import so the user can classify them (`schulit tickets map-state`).

use std::collections::HashMap;

use rusqlite::Connection;

use super::model::StateClass;

/// What to do with a ticket in this state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateVerdict {
    Class(StateClass),
    /// Merged into another ticket or removed: not a ticket of its own.
    Skip,
    /// Not known: counted as open, reported.
    Unknown,
}

/// Built-in classification.
pub fn classify_builtin(label: &str) -> StateVerdict {
    let l = label.trim().to_lowercase();
    use StateClass::*;
    use StateVerdict::*;
    if l.is_empty() {
        return Unknown;
    }
    match l.as_str() {
        "merged" | "zusammengefügt" | "zusammengefasst" | "removed" | "entfernt" | "gelöscht" => {
            return Skip
        }
        _ => {}
    }
    // Order matters: "closed unsuccessful" before "unsuccessful", "not solved" is not solved.
    const CLOSED: &[&str] = &[
        "closed",
        "geschlossen",
        "clos",
        "done",
        "fertig",
        "abgeschlossen",
        "rejected",
        "abgelehnt",
        "cancel",
        "abgebrochen",
        "storniert",
        "won't do",
        "archiv",
    ];
    const SOLVED: &[&str] = &[
        "solved", "resolved", "gelöst", "résolu", "resolu", "erledigt", "behoben",
    ];
    const OPEN: &[&str] = &[
        "new",
        "neu",
        "nouveau",
        "open",
        "offen",
        "ouvert",
        "pending",
        "warten",
        "wartet",
        "wartend",
        "attente",
        "progress",
        "bearbeitung",
        "arbeit",
        "cours",
        "assigned",
        "zugewiesen",
        "attribué",
        "planned",
        "geplant",
        "planifié",
        "escalated",
        "eskaliert",
        "waiting",
        "approval",
        "approved",
        "genehmig",
        "reopen",
        "wieder",
        "to do",
        "backlog",
        "triage",
        "on hold",
    ];
    // Waiting states first: "pending auto close+" is still open.
    if ["pending", "warten", "wartet", "attente", "waiting"]
        .iter()
        .any(|k| l.contains(k))
    {
        return Class(Open);
    }
    if CLOSED.iter().any(|k| l.contains(k)) {
        return Class(Closed);
    }
    if SOLVED.iter().any(|k| l.contains(k)) {
        return Class(Solved);
    }
    if OPEN.iter().any(|k| l.contains(k)) {
        return Class(Open);
    }
    Unknown
}

/// The user's remembered choices for one source, over the built-in classification.
#[derive(Debug, Clone, Default)]
pub struct StateMap {
    user: HashMap<String, StateClass>,
}

impl StateMap {
    pub fn load(conn: &Connection, source: &str) -> rusqlite::Result<StateMap> {
        let mut stmt = conn.prepare("SELECT label, state FROM state_mappings WHERE source = ?1")?;
        let rows = stmt.query_map([source], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut user = HashMap::new();
        for row in rows {
            let (label, state) = row?;
            if let Some(s) = StateClass::parse(&state) {
                user.insert(label.trim().to_lowercase(), s);
            }
        }
        Ok(StateMap { user })
    }

    pub fn classify(&self, label: &str) -> StateVerdict {
        if let Some(s) = self.user.get(&label.trim().to_lowercase()) {
            return StateVerdict::Class(*s);
        }
        classify_builtin(label)
    }
}

/// Remembers the user's choice for `label` and reclassifies that source's stored tickets.
/// Returns how many tickets changed.
pub fn remember_state(
    conn: &Connection,
    source: &str,
    label: &str,
    state: StateClass,
) -> rusqlite::Result<usize> {
    let key = label.trim().to_lowercase();
    conn.execute(
        "INSERT INTO state_mappings(source, label, state) VALUES (?1, ?2, ?3)
         ON CONFLICT(source, label) DO UPDATE SET state = excluded.state",
        rusqlite::params![source, key, state.as_str()],
    )?;
    conn.execute(
        "UPDATE tickets SET state = ?3 WHERE source = ?1 AND lower(trim(state_label)) = ?2 AND state <> ?3",
        rusqlite::params![source, key, state.as_str()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use StateClass::*;
    use StateVerdict::*;

    #[test]
    fn builtin_labels() {
        assert_eq!(classify_builtin("closed successful"), Class(Closed));
        assert_eq!(classify_builtin("erfolglos geschlossen"), Class(Closed));
        assert_eq!(classify_builtin("pending reminder"), Class(Open));
        assert_eq!(
            classify_builtin("warten auf erfolgreich schließen"),
            Class(Open)
        );
        assert_eq!(classify_builtin("Résolu"), Class(Solved));
        assert_eq!(classify_builtin("Clos"), Class(Closed));
        assert_eq!(classify_builtin("En cours (Attribué)"), Class(Open));
        assert_eq!(classify_builtin("In Bearbeitung (zugewiesen)"), Class(Open));
        assert_eq!(classify_builtin("Waiting for support"), Class(Open));
        assert_eq!(classify_builtin("Erledigt"), Class(Solved));
        assert_eq!(classify_builtin("resolved"), Class(Solved));
        assert_eq!(classify_builtin("merged"), Skip);
        assert_eq!(classify_builtin("pending auto close+"), Class(Open));
        assert_eq!(classify_builtin("Quarantäne"), Unknown);
    }
}
