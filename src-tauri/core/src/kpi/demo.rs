//! Demo data for the KPI area: bewegliche Ferientage per school. (Devices for "tickets per 100
//! devices" come from the budget area's demo inventory.)

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
    let mut free = tx.prepare(
        "INSERT OR IGNORE INTO school_free_days (schulnummer, date, note) VALUES (?1, ?2, 'Demo')",
    )?;
    let schools: Vec<(String, i64)> = {
        let mut st = tx
            .prepare("SELECT schulnummer, coalesce(pupils, 0) FROM schools ORDER BY schulnummer")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (nr, _) in &schools {
        // Three of the bridge days per school, picked deterministically.
        for (i, d) in BRIDGE_DAYS.iter().enumerate() {
            if ctx.rng.chance(0.34) || i % 3 == 0 && ctx.rng.chance(0.5) {
                free.execute(params![nr, d])?;
            }
        }
    }
    Ok(())
}
