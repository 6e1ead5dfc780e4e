//! Reading and deleting stored tickets (the import writes through [`super::bulk`]).

use rusqlite::Connection;

use super::model::{StateClass, Ticket};

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
