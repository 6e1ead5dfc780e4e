//! The ticket writer of an import: rows go into `tickets` through one prepared multi-row
//! statement (`VALUES (…), (…), …`, [`ROWS_PER_STATEMENT`] rows a step) whose text parameters
//! point straight at the converted rows (`SQLITE_STATIC`: no copy, no allocation per value).
//! A million rows is the import benchmark's case; rusqlite's `execute(params![…])` spends more
//! on copying and boxing the 18 values than SQLite spends on storing the row.
//!
//! Safety of the raw statements: a bound text pointer is read only by `sqlite3_step`. The two
//! parameters that are the same for every row (source, import id) are bound once, to a string
//! the writer owns; every other parameter is bound again (value or NULL) before each step, so a
//! pointer into an earlier batch is never read. On drop the bindings are cleared and the
//! statements finalized, both before the transaction they belong to can end (the writer
//! borrows it).
//!
//! The table's CHECK constraints (state class, priority 1–4, SLA flags 0/1) are what this
//! writer's types already guarantee; [`BulkWriter::write_batch`] checks the priority (the one
//! value a `u8` does not bound) and the caller switches the SQL checks off for the bulk insert
//! with [`CheckConstraintsOff`] — evaluating them costs a third of the insert.

use std::ffi::{c_char, c_int, CStr, CString};
use std::marker::PhantomData;
use std::ptr;

use rusqlite::{ffi, Connection, Transaction};

use super::batch::{RowBatch, TicketRef};

/// Rows bound into one step of the multi-row statement.
pub const ROWS_PER_STATEMENT: usize = 32;

const COLUMNS: &str = "source, source_id, schulnummer, school_label, created, first_response, \
     solved, closed, state, state_label, priority, category, reopen_count, sla_response_met, \
     sla_resolution_met, title, requester_pseudonym, import_id";
const PARAMS_PER_ROW: usize = 18;

/// Updates every column of a ticket the source already had (UNIQUE(source, source_id)).
const UPSERT_TAIL: &str = " ON CONFLICT(source, source_id) DO UPDATE SET
    schulnummer = excluded.schulnummer, school_label = excluded.school_label,
    created = excluded.created, first_response = excluded.first_response,
    solved = excluded.solved, closed = excluded.closed, state = excluded.state,
    state_label = excluded.state_label, priority = excluded.priority,
    category = excluded.category, reopen_count = excluded.reopen_count,
    sla_response_met = excluded.sla_response_met,
    sla_resolution_met = excluded.sla_resolution_met, title = excluded.title,
    requester_pseudonym = excluded.requester_pseudonym, import_id = excluded.import_id";

/// How rows meet tickets already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Update the stored ticket with the same (source, source_id), keeping its row id.
    Upsert,
    /// The source has no tickets yet: a plain insert; a ticket number repeated within the file
    /// replaces the earlier row (the last one wins, as with the upsert) — cheaper than the
    /// upsert's extra index seek.
    Fresh,
}

fn sql(mode: Mode, rows: usize) -> String {
    let one = format!("({})", vec!["?"; PARAMS_PER_ROW].join(","));
    let values = vec![one.as_str(); rows].join(",");
    match mode {
        Mode::Upsert => format!("INSERT INTO tickets ({COLUMNS}) VALUES {values}{UPSERT_TAIL}"),
        Mode::Fresh => format!("INSERT OR REPLACE INTO tickets ({COLUMNS}) VALUES {values}"),
    }
}

/// A prepared statement owned by the writer.
struct RawStmt {
    stmt: *mut ffi::sqlite3_stmt,
    rows: usize,
}

/// Writes converted rows inside the caller's transaction.
pub struct BulkWriter<'t> {
    db: *mut ffi::sqlite3,
    multi: RawStmt,
    single: RawStmt,
    /// Bound once into every row of both statements; its heap buffer does not move.
    source: String,
    _tx: PhantomData<&'t Connection>,
}

fn error(db: *mut ffi::sqlite3, code: c_int) -> rusqlite::Error {
    // SAFETY: `db` is the open connection of the borrowed transaction; the message is copied.
    let msg = unsafe {
        let m = ffi::sqlite3_errmsg(db);
        (!m.is_null()).then(|| CStr::from_ptr(m).to_string_lossy().into_owned())
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), msg)
}

impl<'t> BulkWriter<'t> {
    /// A writer for the tickets of `source`, tagged with `import_id`.
    pub fn new(
        tx: &'t Transaction,
        mode: Mode,
        source: &str,
        import_id: Option<i64>,
    ) -> rusqlite::Result<BulkWriter<'t>> {
        // SAFETY: the handle stays valid while `tx` is borrowed (lifetime 't).
        let db = unsafe { tx.handle() };
        let prepare = |rows: usize| -> rusqlite::Result<RawStmt> {
            let text = CString::new(sql(mode, rows)).map_err(|_| rusqlite::Error::InvalidQuery)?;
            let mut stmt = ptr::null_mut();
            // SAFETY: valid connection, NUL-terminated SQL, out-pointer to a local.
            let rc = unsafe {
                ffi::sqlite3_prepare_v2(db, text.as_ptr(), -1, &mut stmt, ptr::null_mut())
            };
            if rc != ffi::SQLITE_OK || stmt.is_null() {
                return Err(error(db, rc));
            }
            Ok(RawStmt { stmt, rows })
        };
        let multi = prepare(ROWS_PER_STATEMENT)?;
        let single = match prepare(1) {
            Ok(s) => s,
            Err(e) => {
                // SAFETY: `multi` was prepared above and is not used again.
                unsafe { ffi::sqlite3_finalize(multi.stmt) };
                return Err(e);
            }
        };
        let w = BulkWriter {
            db,
            multi,
            single,
            source: source.to_string(),
            _tx: PhantomData,
        };
        // On error `w` is dropped: bindings cleared, statements finalized.
        for st in [&w.multi, &w.single] {
            for n in 0..st.rows {
                let b = (n * PARAMS_PER_ROW) as c_int;
                let len =
                    c_int::try_from(w.source.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
                // SAFETY: live statement; `w.source` outlives every step (see the module comment).
                let rc = unsafe {
                    ffi::sqlite3_bind_text(
                        st.stmt,
                        b + 1,
                        w.source.as_ptr() as *const c_char,
                        len,
                        ffi::SQLITE_STATIC(),
                    )
                };
                if rc != ffi::SQLITE_OK {
                    return Err(error(db, rc));
                }
                // SAFETY: as above.
                let rc = unsafe {
                    match import_id {
                        Some(v) => ffi::sqlite3_bind_int64(st.stmt, b + 18, v),
                        None => ffi::sqlite3_bind_null(st.stmt, b + 18),
                    }
                };
                if rc != ffi::SQLITE_OK {
                    return Err(error(db, rc));
                }
            }
        }
        Ok(w)
    }

    /// Writes all rows of `batch`.
    pub fn write_batch(&mut self, batch: &RowBatch) -> rusqlite::Result<()> {
        if batch.source() != self.source && !batch.is_empty() {
            return Err(rusqlite::Error::ToSqlConversionFailure(
                format!(
                    "Tickets der Quelle „{}“ an den Schreiber für „{}“ übergeben",
                    batch.source(),
                    self.source
                )
                .into(),
            ));
        }
        if let Some(r) = batch.iter().find(|r| !(1..=4).contains(&r.priority)) {
            return Err(rusqlite::Error::ToSqlConversionFailure(
                format!(
                    "Priorität {} von Ticket {} liegt nicht zwischen 1 und 4",
                    r.priority, r.source_id
                )
                .into(),
            ));
        }
        let full = batch.len() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        for start in (0..full).step_by(ROWS_PER_STATEMENT) {
            self.step(true, batch, start)?;
        }
        for i in full..batch.len() {
            self.step(false, batch, i)?;
        }
        Ok(())
    }

    /// Binds the statement's row count of rows from `start` on and runs the statement once.
    fn step(&mut self, multi: bool, batch: &RowBatch, start: usize) -> rusqlite::Result<()> {
        let st = if multi { &self.multi } else { &self.single };
        let rows = (start..start + st.rows).map(|i| batch.get(i));
        let stmt = st.stmt;
        let db = self.db;
        let check = |rc: c_int| -> rusqlite::Result<()> {
            if rc == ffi::SQLITE_OK {
                Ok(())
            } else {
                Err(error(db, rc))
            }
        };
        // SAFETY (all binds): `stmt` is a live statement of this connection; text pointers
        // point into `batch`, which outlives the step below (see the module comment).
        let text = |i: c_int, s: &str| -> rusqlite::Result<()> {
            let len = c_int::try_from(s.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
            check(unsafe {
                ffi::sqlite3_bind_text(
                    stmt,
                    i,
                    s.as_ptr() as *const c_char,
                    len,
                    ffi::SQLITE_STATIC(),
                )
            })
        };
        let opt_text = |i: c_int, s: Option<&str>| -> rusqlite::Result<()> {
            match s {
                Some(s) => text(i, s),
                None => check(unsafe { ffi::sqlite3_bind_null(stmt, i) }),
            }
        };
        let int = |i: c_int, v: Option<i64>| -> rusqlite::Result<()> {
            check(unsafe {
                match v {
                    Some(v) => ffi::sqlite3_bind_int64(stmt, i, v),
                    None => ffi::sqlite3_bind_null(stmt, i),
                }
            })
        };
        for (n, t) in rows.enumerate() {
            let t: TicketRef = t;
            let b = (n * PARAMS_PER_ROW) as c_int;
            // b + 1 (source) and b + 18 (import id) are bound once in `new`.
            text(b + 2, t.source_id)?;
            opt_text(b + 3, t.schulnummer)?;
            text(b + 4, t.school_label)?;
            int(b + 5, Some(t.created))?;
            int(b + 6, t.first_response)?;
            int(b + 7, t.solved)?;
            int(b + 8, t.closed)?;
            text(b + 9, t.state.as_str())?;
            text(b + 10, t.state_label)?;
            int(b + 11, Some(i64::from(t.priority)))?;
            text(b + 12, t.category)?;
            int(b + 13, t.reopen_count)?;
            int(b + 14, t.sla_response_met.map(i64::from))?;
            int(b + 15, t.sla_resolution_met.map(i64::from))?;
            opt_text(b + 16, t.title)?;
            opt_text(b + 17, t.requester_pseudonym)?;
        }
        // SAFETY: all parameters bound above; reset makes the statement reusable.
        let rc = unsafe { ffi::sqlite3_step(stmt) };
        let reset = unsafe { ffi::sqlite3_reset(stmt) };
        if rc != ffi::SQLITE_DONE {
            return Err(error(db, if reset != ffi::SQLITE_OK { reset } else { rc }));
        }
        Ok(())
    }
}

impl Drop for BulkWriter<'_> {
    fn drop(&mut self) {
        for st in [&self.multi, &self.single] {
            // SAFETY: statements prepared in `new`, finalized exactly once here.
            unsafe {
                ffi::sqlite3_clear_bindings(st.stmt);
                ffi::sqlite3_finalize(st.stmt);
            }
        }
    }
}

/// Switches SQLite's CHECK constraints off on a connection until dropped (see the module
/// comment for why that is safe for [`BulkWriter`]).
pub struct CheckConstraintsOff<'c>(&'c Connection);

impl<'c> CheckConstraintsOff<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<CheckConstraintsOff<'c>> {
        conn.execute_batch("PRAGMA ignore_check_constraints = ON")?;
        Ok(CheckConstraintsOff(conn))
    }
}

impl Drop for CheckConstraintsOff<'_> {
    fn drop(&mut self) {
        let _ = self
            .0
            .execute_batch("PRAGMA ignore_check_constraints = OFF");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::model::{StateClass, Ticket};

    fn ticket(id: usize, state: StateClass, prio: u8) -> Ticket {
        Ticket {
            source: "znuny".into(),
            source_id: format!("T{id}"),
            schulnummer: (!id.is_multiple_of(3)).then(|| "100001".to_string()),
            school_label: format!("Schule {}", id % 3),
            created: 1_700_000_000 + id as i64,
            first_response: id.is_multiple_of(2).then_some(1_700_000_100 + id as i64),
            solved: None,
            closed: Some(1_700_009_000),
            state,
            priority: prio,
            category: "Netz".into(),
            reopen_count: id.is_multiple_of(5).then_some(1),
            sla_response_met: Some(id.is_multiple_of(2)),
            sla_resolution_met: None,
            title: id.is_multiple_of(7).then(|| "Beamer".to_string()),
            requester_pseudonym: Some(format!("p{}", id % 11)),
        }
    }

    fn batch(tickets: &[Ticket]) -> RowBatch {
        let mut b = RowBatch::new("znuny", tickets.len());
        for t in tickets {
            b.push_ticket(t, "closed successful");
        }
        b
    }

    /// source_id, schulnummer, created, first_response, priority, sla_response_met, title,
    /// import_id.
    type Stored = (
        String,
        Option<String>,
        i64,
        Option<i64>,
        i64,
        Option<i64>,
        Option<String>,
        Option<i64>,
    );

    fn stored(conn: &Connection) -> Vec<Stored> {
        let mut st = conn
            .prepare(
                "SELECT source_id, schulnummer, created, first_response, priority,
                        sla_response_met, title, import_id FROM tickets ORDER BY id",
            )
            .unwrap();
        st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    #[test]
    fn writes_every_value_of_full_and_partial_statements() {
        let mut s = crate::Store::open_in_memory().unwrap();
        let conn = s.conn_mut();
        conn.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'A', 'Gymnasium');
             INSERT INTO import_log (kind, file_name, sha256) VALUES ('tickets:znuny', 'f', 'x');",
        )
        .unwrap();
        // 2 full statements and 5 single rows.
        let rows: Vec<Ticket> = (0..ROWS_PER_STATEMENT * 2 + 5)
            .map(|i| ticket(i, StateClass::Closed, (i % 4 + 1) as u8))
            .collect();
        let tx = conn.transaction().unwrap();
        {
            let mut w = BulkWriter::new(&tx, Mode::Fresh, "znuny", Some(1)).unwrap();
            w.write_batch(&batch(&rows)).unwrap();
        }
        tx.commit().unwrap();
        let got = stored(conn);
        assert_eq!(got.len(), rows.len());
        for (g, t) in got.iter().zip(&rows) {
            assert_eq!(g.0, t.source_id);
            assert_eq!(g.1, t.schulnummer);
            assert_eq!(g.2, t.created);
            assert_eq!(g.3, t.first_response);
            assert_eq!(g.4, i64::from(t.priority));
            assert_eq!(g.5, t.sla_response_met.map(i64::from));
            assert_eq!(g.6, t.title);
            assert_eq!(g.7, Some(1));
        }
    }

    #[test]
    fn upsert_updates_and_fresh_keeps_the_last_of_a_repeated_number() {
        let mut s = crate::Store::open_in_memory().unwrap();
        let conn = s.conn_mut();
        conn.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'A', 'Gymnasium');",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut w = BulkWriter::new(&tx, Mode::Fresh, "znuny", None).unwrap();
            let mut rows: Vec<Ticket> = (0..40).map(|i| ticket(i, StateClass::Open, 2)).collect();
            // T3 again later in the same statement: the later row wins.
            rows[20] = ticket(3, StateClass::Closed, 4);
            w.write_batch(&batch(&rows)).unwrap();
        }
        {
            let mut w = BulkWriter::new(&tx, Mode::Upsert, "znuny", None).unwrap();
            w.write_batch(&batch(&[ticket(5, StateClass::Solved, 1)]))
                .unwrap();
        }
        tx.commit().unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 39);
        let p = |id: &str| -> (i64, String) {
            conn.query_row(
                "SELECT priority, state FROM tickets WHERE source_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        assert_eq!(p("T3"), (4, "closed".into()));
        assert_eq!(p("T5"), (1, "solved".into()));
    }

    #[test]
    fn a_priority_out_of_range_is_refused_before_writing() {
        let mut s = crate::Store::open_in_memory().unwrap();
        let conn = s.conn_mut();
        let tx = conn.transaction().unwrap();
        let _off = CheckConstraintsOff::new(&tx).unwrap();
        let mut w = BulkWriter::new(&tx, Mode::Fresh, "znuny", None).unwrap();
        let err = w
            .write_batch(&batch(&[
                ticket(1, StateClass::Open, 2),
                ticket(2, StateClass::Open, 9),
            ]))
            .unwrap_err();
        assert!(err.to_string().contains("Priorität 9"), "{err}");
        drop(w);
        let n: i64 = tx
            .query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn a_batch_of_another_source_is_refused() {
        let mut s = crate::Store::open_in_memory().unwrap();
        let conn = s.conn_mut();
        let tx = conn.transaction().unwrap();
        let mut w = BulkWriter::new(&tx, Mode::Fresh, "glpi", None).unwrap();
        let err = w
            .write_batch(&batch(&[ticket(1, StateClass::Open, 2)]))
            .unwrap_err();
        assert!(err.to_string().contains("„znuny“"), "{err}");
    }

    #[test]
    fn check_constraints_come_back_after_the_bulk_insert() {
        let s = crate::Store::open_in_memory().unwrap();
        let conn = s.conn();
        drop(CheckConstraintsOff::new(conn).unwrap());
        let r = conn.execute(
            "INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('x', '1', 0, 'open', 7)",
            [],
        );
        assert!(
            r.is_err(),
            "CHECK (priority BETWEEN 1 AND 4) must hold again"
        );
    }
}
