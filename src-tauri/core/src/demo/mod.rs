//! The built-in demo district: the real schools of Leverkusen from the NRW directory (embedded),
//! plus deterministic synthetic data (user fields, inventory, tickets, offers) from a fixed seed.
//! Everything synthetic is labelled as demo data (`meta.demo = 1`).

mod rng;

use std::path::Path;

use rusqlite::Transaction;

pub use rng::Rng;

use crate::schools::{import_directory_bytes, DirectoryFilter};
use crate::store::{set_meta, Store};
use crate::CoreError;

/// The embedded directory extract (44 schools of Krfr. Stadt Leverkusen, 2024/25).
pub const DEMO_DIRECTORY_CSV: &str = include_str!("../../data/demo_leverkusen.csv");
pub const DEMO_TRAEGER: &str = "Krfr. Stadt Leverkusen";
pub const DEMO_SEED: u64 = 0x5C40_17C0_C4B1_7001;
/// The year the demo's "today" is in; plans start the year after.
pub const DEMO_BASE_YEAR: i32 = 2026;

/// Shared state for the areas' demo seeders.
pub struct DemoContext {
    pub rng: Rng,
    pub base_year: i32,
    /// Schulnummern of the demo schools, sorted.
    pub schools: Vec<String>,
}

/// Creates the demo district in a new plan file at `path` (an existing file is refused).
pub fn create_demo_plan(path: &Path) -> Result<Store, CoreError> {
    if path.exists()
        && std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false)
    {
        return Err(crate::store::StoreError::Open {
            path: path.display().to_string(),
            reason: "Datei existiert bereits; die Demo wird nur in eine neue Datei geschrieben"
                .into(),
        }
        .into());
    }
    let mut store = Store::open(path)?;
    fill_demo(&mut store)?;
    Ok(store)
}

/// Fills an empty plan with the demo district.
pub fn fill_demo(store: &mut Store) -> Result<(), CoreError> {
    let filter = DirectoryFilter {
        traeger: Some(DEMO_TRAEGER.into()),
        ..Default::default()
    };
    import_directory_bytes(
        store,
        "demo_leverkusen.csv",
        DEMO_DIRECTORY_CSV.as_bytes(),
        &filter,
    )?;
    let schools = crate::schools::list_schools(store.conn())?;
    store.transaction(|tx| -> Result<(), CoreError> {
        let mut ctx = DemoContext {
            rng: Rng::new(DEMO_SEED),
            base_year: DEMO_BASE_YEAR,
            schools: schools.iter().map(|s| s.schulnummer.clone()).collect(),
        };
        seed_user_fields(tx, &schools, &mut ctx)?;
        crate::budget::demo::seed(tx, &mut ctx)?;
        crate::offers::demo::seed(tx, &mut ctx)?;
        crate::tickets::demo::seed(tx, &mut ctx)?;
        crate::kpi::demo::seed(tx, &mut ctx)?;
        set_meta(tx, "demo", "1")?;
        set_meta(
            tx,
            "plan_name",
            "Demo-Schulträger Leverkusen (Beispieldaten)",
        )?;
        set_meta(tx, "traeger", DEMO_TRAEGER)?;
        Ok(())
    })
}

/// Whether the plan is the demo district.
pub fn is_demo(store: &Store) -> bool {
    matches!(crate::store::get_meta(store.conn(), "demo"), Ok(Some(v)) if v == "1")
}

/// Teachers, rooms and classes derived from pupils with a little deterministic noise.
fn seed_user_fields(
    tx: &Transaction,
    schools: &[crate::schools::School],
    ctx: &mut DemoContext,
) -> Result<(), CoreError> {
    let mut stmt = tx.prepare("UPDATE schools SET teachers = ?2, rooms = ?3, classes = ?4, pupil_growth_pct = ?5, notes = ?6 WHERE schulnummer = ?1")?;
    for s in schools {
        let pupils = s.pupils.unwrap_or(0) as f64;
        let primary = matches!(
            crate::schools::SchoolForm::of(&s.schulform),
            crate::schools::SchoolForm::Primary
        );
        let class_size = if primary { 23.0 } else { 26.0 };
        let classes = (pupils / class_size).ceil().max(1.0) as i64;
        let teachers = ((pupils / if primary { 17.0 } else { 14.0 }) * ctx.rng.range_f64(0.9, 1.1))
            .round()
            .max(3.0) as i64;
        let rooms = classes + (classes as f64 * ctx.rng.range_f64(0.15, 0.35)).round() as i64;
        let growth = (ctx.rng.range_f64(-1.5, 2.0) * 10.0).round() / 10.0;
        stmt.execute(rusqlite::params![
            s.schulnummer,
            teachers,
            rooms,
            classes,
            growth,
            "Demo: Lehrkräfte, Räume und Klassen sind erfundene Beispielwerte."
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_and_complete() {
        let mut a = Store::open_in_memory().unwrap();
        fill_demo(&mut a).unwrap();
        let mut b = Store::open_in_memory().unwrap();
        fill_demo(&mut b).unwrap();
        let sa = crate::schools::list_schools(a.conn()).unwrap();
        let sb = crate::schools::list_schools(b.conn()).unwrap();
        assert_eq!(sa.len(), 44);
        assert_eq!(sa, sb);
        assert!(sa
            .iter()
            .all(|s| s.teachers.unwrap_or(0) > 0 && s.rooms.unwrap_or(0) > 0));
        assert!(is_demo(&a));
    }
}
