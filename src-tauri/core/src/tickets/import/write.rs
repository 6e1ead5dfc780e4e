//! Writing: the parser thread that converts rows into batches (hashing the file while the
//! writer is behind) and the writer that inserts them, all in one transaction.

use std::sync::mpsc::{sync_channel, SyncSender};

use super::body::{csv_error, Body};
use super::header_plan::Plan;
use super::{ImportOptions, ImportSummary, LabelCount, Privacy};
use crate::import::ImportError;
use crate::tickets::batch::RowBatch;
use crate::tickets::bulk::{BulkWriter, CheckConstraintsOff, Mode};
use crate::tickets::convert::{Cells, Converter};
use crate::tickets::datetime::{DateParser, Zone};
use crate::tickets::pseudonym::Pseudonymizer;
use crate::tickets::schools_match::SchoolMatcher;
use crate::tickets::state::StateMap;
use crate::tickets::store::count_source;
use crate::CoreError;

/// Rows per batch handed from the parser thread to the writer.
const BATCH: usize = 4096;
/// The file's SHA-256 for the import log, computed by the parser thread while it would
/// otherwise wait for the writer (and the rest at the end).
struct IdleHash<'a> {
    rest: &'a [u8],
    hasher: sha2::Sha256,
}

impl<'a> IdleHash<'a> {
    /// Bytes hashed per step: about a millisecond.
    const STEP: usize = 1 << 20;

    fn new(bytes: &'a [u8]) -> IdleHash<'a> {
        IdleHash {
            rest: bytes,
            hasher: sha2::Sha256::default(),
        }
    }

    /// Hashes the next piece; `false` when nothing is left.
    fn step(&mut self) -> bool {
        use sha2::Digest;
        if self.rest.is_empty() {
            return false;
        }
        let (now, later) = self.rest.split_at(self.rest.len().min(Self::STEP));
        self.hasher.update(now);
        self.rest = later;
        true
    }

    fn finish(mut self) -> String {
        use sha2::Digest;
        while self.step() {}
        crate::import::hex(&self.hasher.finalize())
    }
}

/// The parser side of the hand-over: fills a batch, sends it when full, reuses returned ones.
struct Batcher<'a> {
    tx: &'a SyncSender<RowBatch>,
    spare: &'a std::sync::mpsc::Receiver<RowBatch>,
    batch: RowBatch,
    hash: IdleHash<'a>,
    /// How often the writer was behind (the queue was full): for the benchmark's diagnosis.
    waits: usize,
}

impl Batcher<'_> {
    /// After a row was added: `false` when the receiving side has stopped.
    fn added(&mut self) -> bool {
        if self.batch.len() < BATCH {
            return true;
        }
        let next = match self.spare.try_recv() {
            Ok(mut b) => {
                b.clear();
                b
            }
            Err(_) => RowBatch::new(self.batch.source(), BATCH),
        };
        let mut full = std::mem::replace(&mut self.batch, next);
        loop {
            match self.tx.try_send(full) {
                Ok(()) => return true,
                Err(std::sync::mpsc::TrySendError::Full(back)) => {
                    self.waits += 1;
                    // The writer is behind: hash a piece of the file meanwhile.
                    if !self.hash.step() {
                        return self.tx.send(back).is_ok();
                    }
                    full = back;
                }
                Err(std::sync::mpsc::TrySendError::Disconnected(_)) => return false,
            }
        }
    }

    fn flush(&mut self) {
        if !self.batch.is_empty() {
            let _ = self.tx.send(std::mem::take(&mut self.batch));
        }
    }
}
#[allow(clippy::too_many_arguments)]
pub(super) fn write_all(
    conn: &mut rusqlite::Connection,
    file: &str,
    bytes: &[u8],
    body: &Body,
    mut p: Plan,
    zone: Zone,
    privacy: Privacy,
    mut notes: Vec<String>,
    opts: &ImportOptions,
) -> Result<ImportSummary, CoreError> {
    let timing = std::env::var_os("SCHULIT_TIMING").is_some();
    let t0 = std::time::Instant::now();
    let tx = conn.transaction()?;
    let matcher = SchoolMatcher::load(&tx)?;
    let states = StateMap::load(&tx, &p.source)?;
    let pseudonymizer = if opts.drop_requester {
        None
    } else {
        Some(Pseudonymizer::for_plan(&tx)?)
    };
    let before = count_source(&tx, &p.source)? as usize;
    // The file's hash is filled in at the end (computed beside the parser and the writer).
    tx.execute(
        "INSERT INTO import_log(kind, file_name, sha256) VALUES (?1, ?2, '')",
        rusqlite::params![format!("tickets:{}", p.source), file],
    )?;
    let import_id = tx.last_insert_rowid();
    let header_row = p.columns.header_row;
    let header_index = p.header_index;
    let conv = Converter::new(
        file,
        &p.source,
        p.format,
        std::mem::take(&mut p.columns),
        DateParser::new(zone, p.order),
        states,
        &matcher,
        pseudonymizer,
        opts.keep_title,
    );

    let (written, conv, sha256) = {
        let _checks_off = CheckConstraintsOff::new(&tx)?;
        let mode = if before == 0 {
            Mode::Fresh
        } else {
            Mode::Upsert
        };
        let mut writer = BulkWriter::new(&tx, mode, &p.source, Some(import_id))?;
        std::thread::scope(|s| -> Result<(usize, Converter, String), CoreError> {
            let (sender, receiver) = sync_channel::<RowBatch>(8);
            // Written batches go back to the parser to be filled again.
            let (recycle, spare) = std::sync::mpsc::channel::<RowBatch>();
            let source = p.source.clone();
            let worker = s.spawn(move || -> Result<(Converter, String), ImportError> {
                let mut conv = conv;
                let mut b = Batcher {
                    tx: &sender,
                    spare: &spare,
                    batch: RowBatch::new(&source, BATCH),
                    hash: IdleHash::new(bytes),
                    waits: 0,
                };
                match body {
                    Body::Xlsx { rows } => {
                        for rec in rows.iter().skip(header_index + 1) {
                            if conv.convert(&rec.cells as &dyn Cells, rec.row, &mut b.batch)?
                                && !b.added()
                            {
                                return Ok((conv, String::new()));
                            }
                        }
                    }
                    Body::Csv { text, delimiter } => {
                        let mut rdr = Body::csv_reader(text, *delimiter);
                        let mut rec = csv::StringRecord::new();
                        let mut row = 0usize;
                        loop {
                            match rdr.read_record(&mut rec) {
                                Ok(false) => break,
                                Ok(true) => {}
                                Err(e) => return Err(csv_error(&conv.file, row + 1, e)),
                            }
                            row += 1;
                            if row <= header_index + 1 {
                                continue;
                            }
                            if conv.convert(&rec, row, &mut b.batch)? && !b.added() {
                                return Ok((conv, String::new()));
                            }
                        }
                    }
                }
                b.flush();
                if timing {
                    eprintln!(
                        "parse done at {:.2?}; writer behind {} times; parser thread CPU {}",
                        t0.elapsed(),
                        b.waits,
                        thread_cpu()
                    );
                }
                Ok((conv, b.hash.finish()))
            });
            let mut written = 0usize;
            let mut db_error = None;
            for batch in receiver.iter() {
                if let Err(e) = writer.write_batch(&batch) {
                    db_error = Some(e);
                    break;
                }
                written += batch.len();
                let _ = recycle.send(batch);
            }
            drop(receiver);
            let (conv, sha256) = worker.join().map_err(|_| ImportError::Read {
                file: file.into(),
                reason: "interner Fehler beim Lesen".into(),
            })??;
            if let Some(e) = db_error {
                return Err(e.into());
            }
            Ok((written, conv, sha256))
        })?
    };
    if timing {
        eprintln!(
            "rows written at {:.2?}; writer thread CPU {}",
            t0.elapsed(),
            thread_cpu()
        );
    }
    let after = count_source(&tx, &p.source)? as usize;
    let imported = after.saturating_sub(before);
    let f = conv.findings;
    let mut unmatched: Vec<LabelCount> = f
        .unmatched_schools
        .into_iter()
        .map(|(label, tickets)| LabelCount { label, tickets })
        .collect();
    unmatched.sort_by(|a, b| b.tickets.cmp(&a.tickets).then(a.label.cmp(&b.label)));
    let to_list = |m: std::collections::BTreeMap<String, usize>| -> Vec<LabelCount> {
        m.into_iter()
            .map(|(label, tickets)| LabelCount { label, tickets })
            .collect()
    };
    if f.times_before_created > 0 {
        notes.push(format!(
            "{} Zeitangaben lagen vor dem Erstellungsdatum und wurden ignoriert.",
            f.times_before_created
        ));
    }
    let summary = ImportSummary {
        file: file.into(),
        source: p.source.clone(),
        format: p.format.name.into(),
        documented: p.format.documented.into(),
        header_row,
        time_zone: zone.name(),
        rows: written,
        imported,
        updated: written.saturating_sub(imported),
        skipped: f.skipped_merged,
        unmatched_schools: unmatched.iter().map(|l| l.label.clone()).collect(),
        unmatched_detail: unmatched,
        without_school: f.without_school,
        unknown_states: to_list(f.unknown_states),
        unknown_priorities: to_list(f.unknown_priorities),
        privacy,
        notes,
        import_id,
        sha256,
    };
    let json = serde_json::to_string(&serde_json::json!({
        "source": summary.source, "rows": summary.rows, "imported": summary.imported,
        "updated": summary.updated, "skipped": summary.skipped,
        "unmatched_schools": summary.unmatched_schools.len(),
        "dropped_columns": summary.privacy.dropped_columns,
        "pseudonymised_columns": summary.privacy.pseudonymised_columns,
        "title_dropped": summary.privacy.title_dropped,
    }))
    .unwrap_or_else(|_| "{}".into());
    tx.execute(
        "UPDATE import_log SET summary = ?2, sha256 = ?3 WHERE id = ?1",
        rusqlite::params![import_id, json, summary.sha256],
    )?;
    tx.commit()?;
    if timing {
        eprintln!("committed at {:.2?}", t0.elapsed());
    }
    Ok(summary)
}
/// CPU time of the calling thread (Linux, for `SCHULIT_TIMING=1` diagnostics only: the
/// benchmark uses it to tell parsing from writing on a busy machine).
fn thread_cpu() -> String {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|st| {
            let rest = st.rsplit_once(") ")?.1;
            let f: Vec<&str> = rest.split(' ').collect();
            let ut: f64 = f.get(11)?.parse().ok()?;
            let stt: f64 = f.get(12)?.parse().ok()?;
            Some(format!(
                "user {:.2} s, sys {:.2} s",
                ut / 100.0,
                stt / 100.0
            ))
        })
        .unwrap_or_else(|| "?".into())
}
