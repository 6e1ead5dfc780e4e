//! Any CSV/XLSX through a column mapping: canonical field → header of the file. A mapping can be
//! saved under a name (`import_profiles`) and used again (`--profile NAME`).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::columns::{Field, Format, SlaCell};
use super::datetime::DateOrder;
use super::priority::PriorityScale;
use super::TicketError;

/// The format of a mapped file: no built-in aliases, priorities 1 (critical) … 4 (low) or words,
/// SLA cells as words (ja/nein) or signed numbers.
pub static FORMAT: Format = Format {
    source: "csv",
    name: "Eigene Zuordnung",
    aliases: &[],
    priority_scale: PriorityScale::Canonical,
    sla: SlaCell::Generic,
    person_headers: &[],
    documented: "Spaltenzuordnung des Benutzers (Importprofil)",
};

/// A named column mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    /// Stored as the tickets' `source` (re-imports update tickets of the same source).
    pub source: String,
    /// Field key (`id`, `created`, `school`, …) → header in the file.
    pub columns: BTreeMap<String, String>,
    /// `true` when all-numeric dates are month first (`03-14-2025`).
    #[serde(default)]
    pub month_first: bool,
}

impl Profile {
    pub fn date_order(&self) -> DateOrder {
        if self.month_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }

    /// Checks field keys and the two columns every import needs.
    pub fn validate(&self) -> Result<(), TicketError> {
        if self.name.trim().is_empty() {
            return Err(invalid(
                "Name",
                "Bitte einen Namen für das Importprofil angeben.",
            ));
        }
        for k in self.columns.keys() {
            if Field::from_key(k).is_none() {
                return Err(invalid(
                    "Zuordnung",
                    format!(
                        "unbekanntes Feld „{k}“; möglich sind: {}",
                        Field::ALL
                            .iter()
                            .map(|f| f.key())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        for need in [Field::Id, Field::Created] {
            if !self.columns.contains_key(need.key()) {
                return Err(invalid(
                    need.label_de(),
                    format!(
                        "Die Spalte für „{}“ muss zugeordnet werden.",
                        need.label_de()
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn invalid(field: &str, message: impl Into<String>) -> TicketError {
    TicketError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

pub fn save_profile(conn: &Connection, p: &Profile) -> Result<(), TicketError> {
    p.validate()?;
    let json = serde_json::to_string(p).map_err(|e| invalid("Zuordnung", e.to_string()))?;
    conn.execute(
        "INSERT INTO import_profiles(name, source, mapping) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET source = excluded.source, mapping = excluded.mapping",
        rusqlite::params![p.name.trim(), p.source, json],
    )?;
    Ok(())
}

pub fn load_profile(conn: &Connection, name: &str) -> Result<Profile, TicketError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_profiles WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let json = json.ok_or_else(|| {
        invalid(
            "Importprofil",
            format!("Ein Importprofil „{name}“ gibt es nicht."),
        )
    })?;
    serde_json::from_str(&json)
        .map_err(|e| invalid("Importprofil", format!("„{name}“ ist beschädigt: {e}")))
}

pub fn list_profiles(conn: &Connection) -> Result<Vec<Profile>, TicketError> {
    let mut stmt = conn.prepare("SELECT name, mapping FROM import_profiles ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, json) = row?;
        let p: Profile = serde_json::from_str(&json)
            .map_err(|e| invalid("Importprofil", format!("„{name}“ ist beschädigt: {e}")))?;
        out.push(p);
    }
    Ok(out)
}

pub fn delete_profile(conn: &Connection, name: &str) -> Result<bool, TicketError> {
    Ok(conn.execute("DELETE FROM import_profiles WHERE name = ?1", [name.trim()])? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_round_trip_and_validate() {
        let s = crate::Store::open_in_memory().unwrap();
        let mut p = Profile {
            name: "Schul-Helpdesk".into(),
            source: "helpdesk".into(),
            columns: BTreeMap::from([
                ("id".to_string(), "Vorgang".to_string()),
                ("created".to_string(), "Eingang".to_string()),
            ]),
            month_first: false,
        };
        save_profile(s.conn(), &p).unwrap();
        assert_eq!(load_profile(s.conn(), "Schul-Helpdesk").unwrap(), p);
        assert_eq!(list_profiles(s.conn()).unwrap().len(), 1);
        p.columns.insert("wetter".into(), "X".into());
        assert!(save_profile(s.conn(), &p)
            .unwrap_err()
            .to_string()
            .contains("wetter"));
        p.columns.remove("wetter");
        p.columns.remove("created");
        assert!(save_profile(s.conn(), &p)
            .unwrap_err()
            .to_string()
            .contains("Erstellt"));
        assert!(load_profile(s.conn(), "fehlt").is_err());
    }
}
