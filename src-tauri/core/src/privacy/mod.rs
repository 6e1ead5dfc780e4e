//! Data protection (DSGVO): what the plan stores ([`fields`], the one list shared by the window
//! and `docs/DATA-PROTECTION.md`), the import log for the audit, and retention (delete tickets
//! before a date).

pub mod fields;

pub use chrono::NaiveDate;
use serde::Serialize;

use crate::error::CoreError;
use crate::store::Store;
pub use fields::{Field, PersonColumn, Personal, Table, PERSON_COLUMNS, TABLES};

/// One row of `import_log`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportLogEntry {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    /// UTC, as stored (`2026-11-25T01:02:03Z`).
    pub imported_at: String,
    /// Counts as JSON, as stored.
    pub summary: serde_json::Value,
}

/// Everything the "Datenschutz" screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub tables: &'static [Table],
    /// Rows per table, same order as `tables`.
    pub rows: Vec<i64>,
    pub person_columns: &'static [PersonColumn],
    /// Newest first.
    pub import_log: Vec<ImportLogEntry>,
    pub tickets: i64,
    /// Day (Europe/Berlin) of the oldest stored ticket.
    pub oldest_ticket: Option<NaiveDate>,
    pub backup_keep: usize,
}

/// The import log, newest first.
pub fn import_log(store: &Store) -> Result<Vec<ImportLogEntry>, CoreError> {
    let mut st = store.conn().prepare(
        "SELECT id, kind, file_name, sha256, imported_at, summary FROM import_log ORDER BY id DESC",
    )?;
    let rows = st.query_map([], |r| {
        let summary: String = r.get(5)?;
        Ok(ImportLogEntry {
            id: r.get(0)?,
            kind: r.get(1)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            imported_at: r.get(4)?,
            summary: serde_json::from_str(&summary).unwrap_or(serde_json::Value::String(summary)),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn overview(store: &Store) -> Result<Overview, CoreError> {
    let c = store.conn();
    let mut rows = Vec::with_capacity(TABLES.len());
    for t in TABLES {
        // Table names come from the registry (constants), never from input.
        rows.push(
            c.query_row(&format!("SELECT count(*) FROM \"{}\"", t.name), [], |r| {
                r.get(0)
            })?,
        );
    }
    let (tickets, oldest): (i64, Option<i64>) =
        c.query_row("SELECT count(*), min(created) FROM tickets", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    Ok(Overview {
        tables: TABLES,
        rows,
        person_columns: PERSON_COLUMNS,
        import_log: import_log(store)?,
        tickets,
        oldest_ticket: oldest.and_then(|t| {
            chrono::DateTime::from_timestamp(t, 0)
                .map(|d| d.with_timezone(&chrono_tz::Europe::Berlin).date_naive())
        }),
        backup_keep: crate::store::backup_keep(c),
    })
}

/// Retention: deletes every ticket created before `date` (00:00 Europe/Berlin), in one
/// transaction. Deleted rows are overwritten in the file (`PRAGMA secure_delete`). Returns how
/// many were deleted.
pub fn delete_tickets_before(store: &mut Store, date: NaiveDate) -> Result<usize, CoreError> {
    let before = crate::tickets::datetime::berlin_midnight_utc(date);
    let n = store
        .transaction(|tx| crate::tickets::store::delete_before(tx, before))
        .map_err(|e| CoreError::from(crate::tickets::TicketError::from(e)))?;
    Ok(n)
}

/// A date as typed by the user: `TT.MM.JJJJ` or `JJJJ-MM-TT`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .ok()
}

/// How many tickets [`delete_tickets_before`] would delete.
pub fn count_tickets_before(store: &Store, date: NaiveDate) -> Result<i64, CoreError> {
    let before = crate::tickets::datetime::berlin_midnight_utc(date);
    Ok(store.conn().query_row(
        "SELECT count(*) FROM tickets WHERE created < ?1",
        [before],
        |r| r.get(0),
    )?)
}

/// Start and end markers of the generated part of `docs/DATA-PROTECTION.md`.
pub const DOC_BEGIN: &str =
    "<!-- BEGIN generated: privacy::markdown (src-tauri/core/src/privacy/fields.rs) -->";
pub const DOC_END: &str = "<!-- END generated -->";

/// The "Tables and columns" part of `docs/DATA-PROTECTION.md`, from [`TABLES`]
/// (`schulit privacy markdown` prints it; `tests/safety/data_protection.rs` checks the document).
pub fn markdown() -> String {
    let mut s = String::new();
    s.push_str(DOC_BEGIN);
    s.push('\n');
    for t in TABLES {
        s.push_str(&format!("\n### `{}`\n{}\n{}\n\n", t.name, t.en, t.de));
        s.push_str("| column | content | Inhalt | personal |\n|---|---|---|---|\n");
        for f in t.fields {
            let cols: Vec<String> = f.columns.iter().map(|c| format!("`{c}`")).collect();
            let personal = match f.personal {
                Personal::No => String::new(),
                p => format!("{} / {}", p.label_en(), p.label_de()),
            };
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cols.join(", "),
                f.en,
                f.de,
                personal
            ));
        }
    }
    s.push('\n');
    s.push_str(DOC_END);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overview_counts_rows_and_lists_the_log_newest_first() {
        let mut s = Store::open_in_memory().unwrap();
        let c = s.conn();
        c.execute_batch(
            "INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('schools', 'a.csv', 'aa', '{\"added\":3}');
             INSERT INTO import_log (kind, file_name, sha256, summary) VALUES ('tickets', 'b.csv', 'bb', '{\"added\":2}');
             INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('zammad', '1', 1700000000, 'open', 3);
             INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('zammad', '2', 1730000000, 'open', 3);",
        )
        .unwrap();
        let o = overview(&s).unwrap();
        assert_eq!(o.import_log.len(), 2);
        assert_eq!(o.import_log[0].file_name, "b.csv");
        assert_eq!(o.import_log[0].summary["added"], 2);
        let i = TABLES.iter().position(|t| t.name == "tickets").unwrap();
        assert_eq!(o.rows[i], 2);
        assert_eq!(o.tickets, 2);
        // 1700000000 = 2023-11-14 22:13:20 UTC = 23:13 in Berlin.
        assert_eq!(o.oldest_ticket, NaiveDate::from_ymd_opt(2023, 11, 14));
        // 2024-10-27 03:33:20 UTC; midnight of 2024-10-27 in Berlin is 2024-10-26 22:00 UTC.
        let d = NaiveDate::from_ymd_opt(2024, 10, 27).unwrap();
        assert_eq!(count_tickets_before(&s, d).unwrap(), 1);
        assert_eq!(delete_tickets_before(&mut s, d).unwrap(), 1);
        assert_eq!(overview(&s).unwrap().tickets, 1);
    }

    #[test]
    fn markdown_has_every_column_in_a_first_cell() {
        let md = markdown();
        assert!(md.starts_with(DOC_BEGIN) && md.ends_with(DOC_END));
        assert!(md.contains("| `requester_pseudonym` | keyed hash"));
        assert!(md.contains("pseudonymised / pseudonymisiert"));
    }
}
