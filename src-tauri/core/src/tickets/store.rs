//! Writing tickets: one prepared upsert inside the caller's transaction. A re-import of an
//! overlapping export updates the tickets it already has (UNIQUE(source, source_id)).

use rusqlite::{params, Connection, Statement, Transaction};

use super::convert::Row;
use super::model::{StateClass, Ticket};

const UPSERT: &str = "INSERT INTO tickets (source, source_id, schulnummer, school_label, created,
    first_response, solved, closed, state, state_label, priority, category, reopen_count,
    sla_response_met, sla_resolution_met, title, requester_pseudonym, import_id)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
  ON CONFLICT(source, source_id) DO UPDATE SET
    schulnummer = excluded.schulnummer, school_label = excluded.school_label,
    created = excluded.created, first_response = excluded.first_response,
    solved = excluded.solved, closed = excluded.closed, state = excluded.state,
    state_label = excluded.state_label, priority = excluded.priority,
    category = excluded.category, reopen_count = excluded.reopen_count,
    sla_response_met = excluded.sla_response_met,
    sla_resolution_met = excluded.sla_resolution_met, title = excluded.title,
    requester_pseudonym = excluded.requester_pseudonym, import_id = excluded.import_id";

/// Secondary indexes of `tickets` (dropped during large imports and rebuilt after).
const SECONDARY_INDEXES: &[(&str, &str)] = &[
    (
        "tickets_school_created",
        "CREATE INDEX IF NOT EXISTS tickets_school_created ON tickets (schulnummer, created)",
    ),
    (
        "tickets_created",
        "CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created)",
    ),
];

/// Rows above which the secondary indexes are dropped and rebuilt (a sort is cheaper than
/// random B-tree inserts).
pub const REBUILD_INDEXES_FROM: usize = 50_000;

/// The same row written into a source that has no tickets yet: nothing to keep, so a plain
/// insert (a repeated id within the file replaces the earlier row: the last one wins, as with
/// the upsert) — cheaper than the upsert's extra index seek.
const INSERT_FRESH: &str = "INSERT OR REPLACE INTO tickets (source, source_id, schulnummer,
    school_label, created, first_response, solved, closed, state, state_label, priority,
    category, reopen_count, sla_response_met, sla_resolution_met, title, requester_pseudonym,
    import_id)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

pub struct TicketWriter<'t> {
    stmt: Statement<'t>,
    import_id: Option<i64>,
}

impl<'t> TicketWriter<'t> {
    pub fn new(tx: &'t Transaction, import_id: Option<i64>) -> rusqlite::Result<TicketWriter<'t>> {
        Ok(TicketWriter {
            stmt: tx.prepare(UPSERT)?,
            import_id,
        })
    }

    /// A writer for a source without stored tickets (see [`INSERT_FRESH`]).
    pub fn new_fresh(
        tx: &'t Transaction,
        import_id: Option<i64>,
    ) -> rusqlite::Result<TicketWriter<'t>> {
        Ok(TicketWriter {
            stmt: tx.prepare(INSERT_FRESH)?,
            import_id,
        })
    }

    pub fn write(&mut self, t: &Ticket, state_label: &str) -> rusqlite::Result<()> {
        self.stmt.execute(params![
            t.source,
            t.source_id,
            t.schulnummer,
            t.school_label,
            t.created,
            t.first_response,
            t.solved,
            t.closed,
            t.state.as_str(),
            state_label,
            t.priority,
            t.category,
            t.reopen_count,
            t.sla_response_met,
            t.sla_resolution_met,
            t.title,
            t.requester_pseudonym,
            self.import_id,
        ])?;
        Ok(())
    }

    pub fn write_row(&mut self, r: &Row) -> rusqlite::Result<()> {
        self.write(&r.ticket, &r.state_label)
    }
}

pub fn drop_secondary_indexes(tx: &Transaction) -> rusqlite::Result<()> {
    for (name, _) in SECONDARY_INDEXES {
        tx.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
    }
    Ok(())
}

pub fn create_secondary_indexes(tx: &Transaction) -> rusqlite::Result<()> {
    for (_, sql) in SECONDARY_INDEXES {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

pub fn count_source(conn: &Connection, source: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM tickets WHERE source = ?1",
        [source],
        |r| r.get(0),
    )
}

/// Reads stored tickets (tests, exports). Ordered by source and source id.
pub fn load_tickets(conn: &Connection, source: Option<&str>) -> rusqlite::Result<Vec<Ticket>> {
    let mut stmt = conn.prepare(
        "SELECT source, source_id, schulnummer, school_label, created, first_response, solved,
                closed, state, priority, category, reopen_count, sla_response_met,
                sla_resolution_met, title, requester_pseudonym
         FROM tickets WHERE ?1 IS NULL OR source = ?1 ORDER BY source, id",
    )?;
    let rows = stmt.query_map([source], |r| {
        let state: String = r.get(8)?;
        Ok(Ticket {
            source: r.get(0)?,
            source_id: r.get(1)?,
            schulnummer: r.get(2)?,
            school_label: r.get(3)?,
            created: r.get(4)?,
            first_response: r.get(5)?,
            solved: r.get(6)?,
            closed: r.get(7)?,
            state: StateClass::parse(&state).unwrap_or(StateClass::Open),
            priority: r.get(9)?,
            category: r.get(10)?,
            reopen_count: r.get(11)?,
            sla_response_met: r.get(12)?,
            sla_resolution_met: r.get(13)?,
            title: r.get(14)?,
            requester_pseudonym: r.get(15)?,
        })
    })?;
    rows.collect()
}

/// Deletes tickets created before `before` (UTC seconds). Returns how many.
pub fn delete_before(conn: &Connection, before: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM tickets WHERE created < ?1", [before])
}
