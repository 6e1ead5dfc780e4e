//! Demo data for the KPI area: device counts with average age per school (for "tickets per 100
//! devices" and the device-age chart) and three bewegliche Ferientage per school and year.

use rusqlite::{params, Transaction};

use crate::demo::DemoContext;
use crate::CoreError;

/// Days often chosen as bewegliche Ferientage in NRW (bridge days after holidays).
const BRIDGE_DAYS: [&str; 9] = [
    "2024-05-10",
    "2024-05-31",
    "2024-10-04",
    "2025-05-02",
    "2025-05-30",
    "2025-06-20",
    "2026-05-15",
    "2026-06-05",
    "2026-10-02",
];

pub fn seed(tx: &Transaction, ctx: &mut DemoContext) -> Result<(), CoreError> {
    let mut dev = tx.prepare(
        "INSERT OR REPLACE INTO kpi_device_counts (schulnummer, devices, avg_age_years, source)
         SELECT schulnummer, ?2, ?3, 'demo' FROM schools WHERE schulnummer = ?1",
    )?;
    let mut free = tx.prepare(
        "INSERT OR IGNORE INTO school_free_days (schulnummer, date, note) VALUES (?1, ?2, 'Demo')",
    )?;
    let pupils: Vec<(String, i64)> = {
        let mut st = tx
            .prepare("SELECT schulnummer, coalesce(pupils, 0) FROM schools ORDER BY schulnummer")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (nr, p) in &pupils {
        let per_pupil = ctx.rng.range_f64(0.25, 0.9);
        let devices = ((*p as f64) * per_pupil + 15.0).round();
        let age = (ctx.rng.range_f64(0.8, 6.5) * 10.0).round() / 10.0;
        dev.execute(params![nr, devices, age])?;
        // Three of the bridge days per school, picked deterministically.
        for (i, d) in BRIDGE_DAYS.iter().enumerate() {
            if ctx.rng.chance(0.34) || i % 3 == 0 && ctx.rng.chance(0.5) {
                free.execute(params![nr, d])?;
            }
        }
    }
    Ok(())
}
