//! Versioned schema migrations. The version lives in `PRAGMA user_version`; each step runs in its
//! own transaction together with the version bump, so a kill mid-migration leaves the old version.
//! Every feature area owns one SQL file; never edit a file once it has shipped — add a new one.

use rusqlite::Connection;

use super::StoreError;

/// (name, SQL). Index + 1 is the schema version the step produces.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("001_core_schools", include_str!("sql/001_core_schools.sql")),
    ("002_budget", include_str!("sql/002_budget.sql")),
    ("003_offers", include_str!("sql/003_offers.sql")),
    ("004_tickets", include_str!("sql/004_tickets.sql")),
    ("005_calendar", include_str!("sql/005_calendar.sql")),
    ("006_reports", include_str!("sql/006_reports.sql")),
    (
        "007_ticket_indexes",
        include_str!("sql/007_ticket_indexes.sql"),
    ),
    (
        "008_holiday_sources",
        include_str!("sql/008_holiday_sources.sql"),
    ),
    (
        "009_funding_carry_over",
        include_str!("sql/009_funding_carry_over.sql"),
    ),
    (
        "010_offer_variants",
        include_str!("sql/010_offer_variants.sql"),
    ),
    (
        "011_municipal_budget_optional",
        include_str!("sql/011_municipal_budget_optional.sql"),
    ),
];

pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, CURRENT_VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let current = schema_version(conn)?;
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = i as i64 + 1;
        if version <= current || version > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_applies_in_order() {
        let mut c = Connection::open_in_memory().unwrap();
        for v in 1..=CURRENT_VERSION {
            migrate_to(&mut c, v).unwrap();
            assert_eq!(schema_version(&c).unwrap(), v);
        }
        let fk_errors: i64 = c
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk_errors, 0);
    }
}
