//! SLA targets in business minutes per priority, per contract ("Standard" = district default).
//! Defaults (DOMAIN.md §4, editable): first response P1 1 h, P2 4 h, P3 8 h, P4 16 h;
//! resolution P1 4 h, P2 8 h, P3 24 h, P4 40 h.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::KpiError;

pub const DEFAULT_CONTRACT: &str = "Standard";

/// Targets of one contract; index 0 = priority 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub first_response_min: [u32; 4],
    pub resolution_min: [u32; 4],
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            first_response_min: [60, 4 * 60, 8 * 60, 16 * 60],
            resolution_min: [4 * 60, 8 * 60, 24 * 60, 40 * 60],
        }
    }
}

/// Where the default figures come from (shown beside editable targets).
pub const TARGETS_SOURCE: &str = "Vorgabewerte des Schul-IT-Cockpits (Geschäftsstunden), als \
Ausgangspunkt für den eigenen Vertrag gedacht – bitte an die vereinbarten Reaktions- und Lösungszeiten anpassen.";

impl Targets {
    pub fn first_response_secs(&self, priority: u8) -> i64 {
        i64::from(self.first_response_min[prio_index(priority)]) * 60
    }
    pub fn resolution_secs(&self, priority: u8) -> i64 {
        i64::from(self.resolution_min[prio_index(priority)]) * 60
    }
}

fn prio_index(priority: u8) -> usize {
    usize::from(priority.clamp(1, 4) - 1)
}

/// Targets of `contract`; missing priorities fall back to the defaults.
pub fn load_targets(conn: &Connection, contract: &str) -> Result<Targets, KpiError> {
    let mut t = Targets::default();
    let mut stmt = conn.prepare(
        "SELECT priority, first_response_min, resolution_min FROM kpi_targets WHERE contract = ?1",
    )?;
    let rows = stmt.query_map([contract], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    for row in rows {
        let (p, fr, res) = row?;
        if (1..=4).contains(&p) {
            let i = (p - 1) as usize;
            t.first_response_min[i] = fr.clamp(1, i64::from(u32::MAX)) as u32;
            t.resolution_min[i] = res.clamp(1, i64::from(u32::MAX)) as u32;
        }
    }
    Ok(t)
}

/// Contracts with stored targets.
pub fn list_contracts(conn: &Connection) -> Result<Vec<String>, KpiError> {
    let v = conn
        .prepare(
            "SELECT DISTINCT contract FROM kpi_targets ORDER BY contract <> 'Standard', contract",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Stores the targets of `contract` (all four priorities).
pub fn save_targets(conn: &Connection, contract: &str, t: &Targets) -> Result<(), KpiError> {
    if contract.trim().is_empty() {
        return Err(KpiError::Invalid {
            field: "Vertrag".into(),
            message: "der Name darf nicht leer sein".into(),
        });
    }
    for i in 0..4 {
        if t.first_response_min[i] == 0 || t.resolution_min[i] == 0 {
            return Err(KpiError::Invalid {
                field: format!("Ziel P{}", i + 1),
                message: "muss größer als 0 Minuten sein".into(),
            });
        }
    }
    for i in 0..4 {
        conn.execute(
            "INSERT INTO kpi_targets (contract, priority, first_response_min, resolution_min)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (contract, priority) DO UPDATE SET
               first_response_min = excluded.first_response_min, resolution_min = excluded.resolution_min",
            params![contract, i as i64 + 1, t.first_response_min[i], t.resolution_min[i]],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn defaults_are_stored_and_editable() {
        let s = Store::open_in_memory().unwrap();
        let t = load_targets(s.conn(), DEFAULT_CONTRACT).unwrap();
        // 1 h, 4 h, 8 h, 16 h and 4 h, 8 h, 24 h, 40 h in minutes.
        assert_eq!(t.first_response_min, [60, 240, 480, 960]);
        assert_eq!(t.resolution_min, [240, 480, 1440, 2400]);
        assert_eq!(t, Targets::default());
        let mut c = t;
        c.resolution_min[3] = 3000;
        save_targets(s.conn(), "Vertrag B", &c).unwrap();
        assert_eq!(load_targets(s.conn(), "Vertrag B").unwrap(), c);
        assert_eq!(
            list_contracts(s.conn()).unwrap(),
            vec!["Standard", "Vertrag B"]
        );
        c.first_response_min[0] = 0;
        assert!(save_targets(s.conn(), "Vertrag B", &c).is_err());
    }
}
