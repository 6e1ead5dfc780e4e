//! Reading the KPI inputs from the store: schools (pupils from the register, devices from the
//! device counts), tickets from table `tickets`. The only I/O of the KPI layer.

use std::collections::HashMap;

use rusqlite::Connection;

use super::compute::{
    calendar_years, compute, KpiInput, KpiParams, KpiResult, KpiTicket, SchoolInfo, NO_SCHOOL,
};
use super::KpiError;
use crate::calendar::SchoolTime;

/// Devices per school: average devices in use and their average age.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeviceBase {
    pub devices: f64,
    pub avg_age_years: Option<f64>,
}

/// Devices per Schulnummer: from the budget inventory (`budget_inventory`: all units bought up
/// to this year; age = this year − purchase year + ½, weighted by units), overridden by an
/// explicit count in `kpi_device_counts` (manual entry or asset count).
pub fn load_device_counts(conn: &Connection) -> Result<HashMap<String, DeviceBase>, KpiError> {
    let mut out: HashMap<String, DeviceBase> = HashMap::new();
    let has_inventory: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'budget_inventory')",
        [],
        |r| r.get(0),
    )?;
    if has_inventory {
        let mut stmt = conn.prepare(
            "SELECT schulnummer, SUM(units),
                    SUM(units * (CAST(strftime('%Y', 'now') AS INTEGER) - purchase_year + 0.5)) * 1.0 / SUM(units)
             FROM budget_inventory
             WHERE purchase_year <= CAST(strftime('%Y', 'now') AS INTEGER)
             GROUP BY schulnummer HAVING SUM(units) > 0",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                DeviceBase {
                    devices: r.get::<_, f64>(1)?,
                    avg_age_years: r.get(2)?,
                },
            ))
        })?;
        for row in rows {
            let (k, v) = row?;
            out.insert(k, v);
        }
    }
    let mut stmt =
        conn.prepare("SELECT schulnummer, devices, avg_age_years FROM kpi_device_counts")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, f64>(1)?,
            r.get::<_, Option<f64>>(2)?,
        ))
    })?;
    for row in rows {
        let (k, devices, age) = row?;
        let inv_age = out.get(&k).and_then(|d| d.avg_age_years);
        out.insert(
            k,
            DeviceBase {
                devices,
                avg_age_years: age.or(inv_age),
            },
        );
    }
    Ok(out)
}

/// Stores the device count of one school (manual entry or asset count).
pub fn set_device_count(
    conn: &Connection,
    schulnummer: &str,
    devices: f64,
    avg_age_years: Option<f64>,
    source: &str,
) -> Result<(), KpiError> {
    if !devices.is_finite() || devices < 0.0 {
        return Err(KpiError::Invalid {
            field: "Geräte".into(),
            message: format!("{devices} ist keine gültige Anzahl"),
        });
    }
    conn.execute(
        "INSERT INTO kpi_device_counts (schulnummer, devices, avg_age_years, source) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (schulnummer) DO UPDATE SET devices = excluded.devices,
           avg_age_years = excluded.avg_age_years, source = excluded.source",
        rusqlite::params![schulnummer, devices, avg_age_years, source],
    )?;
    Ok(())
}

/// Reads schools and tickets into a `KpiInput`.
pub fn load_input(conn: &Connection) -> Result<KpiInput, KpiError> {
    let devices = load_device_counts(conn)?;
    let schools = crate::schools::list_schools(conn).map_err(|e| KpiError::Invalid {
        field: "Schulregister".into(),
        message: e.to_string(),
    })?;
    let mut index: HashMap<String, u32> = HashMap::with_capacity(schools.len());
    let infos: Vec<SchoolInfo> = schools
        .iter()
        .enumerate()
        .map(|(i, s)| {
            index.insert(s.schulnummer.clone(), i as u32);
            let d = devices.get(&s.schulnummer);
            let pupils = s.pupils_total();
            SchoolInfo {
                schulnummer: s.schulnummer.clone(),
                name: s.display_name(),
                pupils: (pupils > 0).then_some(pupils as f64),
                devices: d.map(|d| d.devices),
                avg_device_age_years: d.and_then(|d| d.avg_age_years),
            }
        })
        .collect();
    let mut categories: Vec<String> = Vec::new();
    let mut cat_index: HashMap<String, u32> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT schulnummer, created, first_response, solved, closed, state, priority, category,
                reopen_count, sla_response_met, sla_resolution_met
         FROM tickets",
    )?;
    let mut rows = stmt.query([])?;
    let mut tickets = Vec::new();
    while let Some(r) = rows.next()? {
        let school = match r
            .get_ref(0)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
        {
            Some(s) => index.get(s).copied().unwrap_or(NO_SCHOOL),
            None => NO_SCHOOL,
        };
        let solved: Option<i64> = r.get(3)?;
        let closed: Option<i64> = r.get(4)?;
        let state = r.get_ref(5)?.as_str().map_err(rusqlite::Error::from)?;
        let resolved = solved.or(closed);
        let cat = r.get_ref(7)?.as_str().map_err(rusqlite::Error::from)?;
        let category = match cat_index.get(cat) {
            Some(&i) => i,
            None => {
                let i = categories.len() as u32;
                categories.push(cat.to_string());
                cat_index.insert(cat.to_string(), i);
                i
            }
        };
        let reopen: Option<i64> = r.get(8)?;
        tickets.push(KpiTicket {
            school,
            created: r.get(1)?,
            first_response: r.get(2)?,
            resolved,
            done_without_time: resolved.is_none() && state != "open",
            priority: r.get::<_, i64>(6)?.clamp(1, 4) as u8,
            category,
            reopen_count: reopen.map(|x| x.clamp(0, i64::from(u32::MAX)) as u32),
            sla_response: r.get(9)?,
            sla_resolution: r.get(10)?,
        });
    }
    Ok(KpiInput {
        schools: infos,
        categories,
        tickets,
    })
}

/// Loads everything and computes: the convenience entry for CLI and UI.
pub fn compute_from_store(
    conn: &Connection,
    params: &KpiParams,
    window: &str,
) -> Result<(KpiInput, SchoolTime, KpiResult), KpiError> {
    let input = load_input(conn)?;
    let (y0, y1) = calendar_years(&input, params);
    let time = SchoolTime::load(conn, window, y0, y1)?;
    let result = compute(&input, params, &time);
    Ok((input, time, result))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn devices_from_inventory_and_manual_override() {
        let s = crate::Store::open_in_memory().unwrap();
        let c = s.conn();
        let y = chrono::Utc::now().year();
        c.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('1', 'A', 'Gymnasium'), ('2', 'B', 'Gymnasium');",
        )
        .unwrap();
        // School 1: 30 units bought 2 years ago and 10 bought this year:
        // age = (30·2,5 + 10·0,5) / 40 = 2,0 years; 40 devices.
        c.execute(
            "INSERT INTO budget_inventory (schulnummer, category, purchase_year, units) VALUES ('1', 'student_tablet', ?1, 30), ('1', 'teacher_device', ?2, 10), ('2', 'student_tablet', ?1, 5)",
            [y - 2, y],
        )
        .unwrap();
        set_device_count(c, "2", 12.0, None, "manual").unwrap();
        let d = load_device_counts(c).unwrap();
        assert_eq!(d["1"].devices, 40.0);
        assert!((d["1"].avg_age_years.unwrap() - 2.0).abs() < 1e-9);
        // Manual count wins; the age still comes from the inventory (2,5 years).
        assert_eq!(d["2"].devices, 12.0);
        assert!((d["2"].avg_age_years.unwrap() - 2.5).abs() < 1e-9);
    }
}
