//! Reading the KPI inputs from the store: schools (pupils from the register, devices from the
//! device counts), tickets from table `tickets`. The only I/O of the KPI layer.

use std::collections::HashMap;

use rusqlite::Connection;

use super::compute::{
    calendar_years, compute, KpiInput, KpiParams, KpiResult, KpiTicket, SchoolInfo, NO_SCHOOL,
};
use super::devices::DeviceCohort;
use super::KpiError;
use crate::calendar::SchoolTime;

/// An explicit device count of a school (`kpi_device_counts`: manual entry or asset count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeviceCount {
    pub devices: f64,
    pub avg_age_years: Option<f64>,
}

/// Explicit device counts per Schulnummer.
pub fn load_device_counts(conn: &Connection) -> Result<HashMap<String, DeviceCount>, KpiError> {
    let mut stmt =
        conn.prepare("SELECT schulnummer, devices, avg_age_years FROM kpi_device_counts")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            DeviceCount {
                devices: r.get(1)?,
                avg_age_years: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inventory cohorts per Schulnummer from the budget inventory (`budget_inventory`), with the
/// useful life of their category from the default catalogue (see `devices.rs`).
pub fn load_device_cohorts(
    conn: &Connection,
) -> Result<HashMap<String, Vec<DeviceCohort>>, KpiError> {
    let mut out: HashMap<String, Vec<DeviceCohort>> = HashMap::new();
    let has_inventory: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'budget_inventory')",
        [],
        |r| r.get(0),
    )?;
    if !has_inventory {
        return Ok(out);
    }
    let life: HashMap<String, i32> = crate::budget::catalogue::default_catalogue()
        .into_iter()
        .map(|c| (c.key, c.life_years))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT schulnummer, category, purchase_year, SUM(units) FROM budget_inventory
         WHERE units > 0 GROUP BY schulnummer, category, purchase_year",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i32>(2)?,
            r.get::<_, f64>(3)?,
        ))
    })?;
    for row in rows {
        let (school, category, year, units) = row?;
        out.entry(school)
            .or_default()
            .push(DeviceCohort::from_purchase(
                units,
                year,
                life.get(&category).copied(),
            ));
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
    let counts = load_device_counts(conn)?;
    let mut cohorts = load_device_cohorts(conn)?;
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
            let d = counts.get(&s.schulnummer);
            let pupils = s.pupils_total();
            SchoolInfo {
                schulnummer: s.schulnummer.clone(),
                name: s.display_name(),
                pupils: (pupils > 0).then_some(pupils as f64),
                devices: d.map(|d| d.devices),
                avg_device_age_years: d.and_then(|d| d.avg_age_years),
                device_cohorts: cohorts.remove(&s.schulnummer).unwrap_or_default(),
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

    #[test]
    fn devices_from_inventory_cohorts_and_manual_override() {
        let s = crate::Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('1', 'A', 'Gymnasium'), ('2', 'B', 'Gymnasium');
             INSERT INTO budget_inventory (schulnummer, category, purchase_year, units) VALUES
               ('1', 'student_tablet', 2021, 30), ('1', 'student_tablet', 2021, 10),
               ('1', 'teacher_device', 2024, 8), ('2', 'student_tablet', 2024, 5);",
        )
        .unwrap();
        set_device_count(c, "2", 12.0, None, "manual").unwrap();
        let input = load_input(c).unwrap();
        let a = &input.schools[0];
        let tablet_life = crate::budget::catalogue::default_catalogue()
            .into_iter()
            .find(|k| k.key == "student_tablet")
            .unwrap()
            .life_years;
        assert_eq!(tablet_life, 5);
        // Two rows of one cohort are summed: 40 tablets 2021–2025, 8 teacher devices from 2024.
        assert_eq!(a.devices, None);
        assert_eq!(a.device_cohorts.len(), 2);
        let y = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Calendar year 2025: 40 + 8 on all 365 days.
        assert_eq!(a.devices_in(y(2025, 1, 1), y(2025, 12, 31)), Some(48.0));
        // 2026: the tablets are retired (life 5 → last year 2025), 8 remain.
        assert_eq!(a.devices_in(y(2026, 1, 1), y(2026, 12, 31)), Some(8.0));
        // Manual count wins and is constant.
        let b = &input.schools[1];
        assert_eq!(b.devices_in(y(2030, 1, 1), y(2030, 12, 31)), Some(12.0));
        assert_eq!(b.device_age_in(y(2025, 1, 1), y(2025, 12, 31)), Some(1.5));
    }
}
