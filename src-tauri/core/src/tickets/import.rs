//! Entry point of a ticket import: read the file (CSV streamed, XLSX in memory), find the format
//! and header, convert every row and write it — all inside ONE transaction. Any bad row (missing
//! created date, unparseable date in row 812, …) aborts with file, row and column named, and the
//! transaction is rolled back: the plan is unchanged, exactly as if the file had been validated
//! completely before writing. Parsing runs in a worker thread while this thread inserts.

use std::borrow::Cow;
use std::path::Path;
use std::sync::mpsc::{sync_channel, SyncSender};

use serde::Serialize;

use super::batch::RowBatch;
use super::bulk::{BulkWriter, CheckConstraintsOff, Mode};
use super::columns::{ColumnMap, Field, Format};
use super::convert::{Cells, Converter};
use super::datetime::{DateOrder, DateParser, Zone};
use super::detect::{detect, format_by_key, is_xlsx, HEADER_SEARCH_ROWS};
use super::mapped::Profile;
use super::pseudonym::Pseudonymizer;
use super::schools_match::SchoolMatcher;
use super::state::StateMap;
use super::store::count_source;
use crate::import::{display_name, ImportError, Record};
use crate::store::Store;
use crate::CoreError;

/// Choices for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `zammad`, `glpi`, `znuny`, `jira`, `itop`; `None` or `auto` = detect.
    pub source: Option<String>,
    /// A column mapping (overrides `source`).
    pub profile: Option<Profile>,
    /// Header of the column that names the school, when not the format's default
    /// (e.g. `Group`, `Location`, a custom field).
    pub school_column: Option<String>,
    /// Keep ticket titles (dropped by default: they often contain names).
    pub keep_title: bool,
    /// Drop the requester entirely instead of storing a pseudonym.
    pub drop_requester: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelCount {
    pub label: String,
    pub tickets: usize,
}

/// What the data-protection notice says about this file.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Privacy {
    /// Person columns found in the file and not stored.
    pub dropped_columns: Vec<String>,
    /// Columns stored only as keyed pseudonyms.
    pub pseudonymised_columns: Vec<String>,
    pub title_dropped: bool,
    /// German sentence for the UI / CLI.
    pub notice: String,
}

/// Result of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub source: String,
    pub format: String,
    pub documented: String,
    pub header_row: usize,
    pub time_zone: String,
    /// Data rows converted (tickets written).
    pub rows: usize,
    pub imported: usize,
    pub updated: usize,
    /// Rows that are not tickets of their own (merged / removed states).
    pub skipped: usize,
    /// School labels that matched no school of the register (most tickets first).
    pub unmatched_schools: Vec<String>,
    pub unmatched_detail: Vec<LabelCount>,
    pub without_school: usize,
    /// States not known: counted as open until the user classifies them.
    pub unknown_states: Vec<LabelCount>,
    /// Priorities not known: counted as 3 (normal).
    pub unknown_priorities: Vec<LabelCount>,
    pub privacy: Privacy,
    pub notes: Vec<String>,
    pub import_id: i64,
    pub sha256: String,
}

/// Imports a ticket export file into the plan.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportSummary, CoreError> {
    let file = display_name(path);
    let read_error = |e: std::io::Error| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    };
    let f = std::fs::File::open(path).map_err(read_error)?;
    let len = f.metadata().map_err(read_error)?.len();
    if len < 1 << 20 {
        let bytes = std::fs::read(path).map_err(read_error)?;
        return import_bytes(store, &file, &bytes, opts);
    }
    // SAFETY: the mapping is only read as bytes. Text is made from it only through the CSV
    // reader, which copies each record into its own buffer and checks that copy as UTF-8 (or
    // through a decoded copy of the whole file), so a file changed by another program during
    // the import yields wrong or rejected rows, never invalid `str`s.
    let map = unsafe { memmap2::Mmap::map(&f) }.map_err(read_error)?;
    import_bytes(store, &file, &map, opts)
}

/// The body of a file: CSV text (borrowed when already UTF-8) or XLSX rows.
pub enum Body<'a> {
    Csv { text: Cow<'a, [u8]>, delimiter: u8 },
    Xlsx { rows: Vec<Record> },
}

impl<'a> Body<'a> {
    pub fn open(file: &str, bytes: &'a [u8]) -> Result<Body<'a>, ImportError> {
        if bytes.iter().take(4096).all(|b| b.is_ascii_whitespace()) && bytes.len() < 4096 {
            return Err(ImportError::Empty { file: file.into() });
        }
        if is_xlsx(bytes) {
            return Ok(Body::Xlsx {
                rows: crate::import::read_xlsx_rows(file, bytes)?,
            });
        }
        let text: Cow<'a, [u8]> = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            Some(rest) if std::str::from_utf8(rest).is_ok() => Cow::Borrowed(rest),
            None if std::str::from_utf8(bytes).is_ok() => Cow::Borrowed(bytes),
            _ => {
                let (s, _) = crate::import::decode_text(file, bytes)?;
                Cow::Owned(s.into_bytes())
            }
        };
        let sniff_len = text.len().min(64 * 1024);
        let head = String::from_utf8_lossy(&text[..sniff_len]);
        let delimiter = crate::import::sniff_delimiter(&head);
        Ok(Body::Csv { text, delimiter })
    }

    fn csv_reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text)
    }

    /// The first `n` rows and their 1-based row numbers.
    pub fn head(
        &self,
        file: &str,
        n: usize,
    ) -> Result<(Vec<Vec<String>>, Vec<usize>), ImportError> {
        match self {
            Body::Xlsx { rows } => Ok((
                rows.iter().take(n).map(|r| r.cells.clone()).collect(),
                rows.iter().take(n).map(|r| r.row).collect(),
            )),
            Body::Csv { text, delimiter } => {
                let mut rdr = Self::csv_reader(text, *delimiter);
                let mut out = Vec::new();
                let mut rec = csv::StringRecord::new();
                while out.len() < n {
                    match rdr.read_record(&mut rec) {
                        Ok(false) => break,
                        Ok(true) => out.push(rec.iter().map(|s| s.to_string()).collect()),
                        Err(e) => return Err(csv_error(file, out.len() + 1, e)),
                    }
                }
                let nums = (1..=out.len()).collect();
                Ok((out, nums))
            }
        }
    }

    /// A time-zone footer ("Timezone: Europe/Berlin", Zammad) anywhere near the end.
    fn zone_footer(&self) -> Option<Zone> {
        let find = |s: &str| -> Option<Zone> {
            for line in s.lines().rev() {
                let l = line.trim().trim_matches('"');
                for key in ["Timezone:", "Time zone:", "Zeitzone:"] {
                    if let Some(rest) = l.strip_prefix(key) {
                        let name = rest
                            .trim()
                            .trim_matches(|c| c == ';' || c == ',' || c == '"');
                        return Zone::from_name(name);
                    }
                }
            }
            None
        };
        match self {
            Body::Xlsx { rows } => rows
                .iter()
                .rev()
                .take(10)
                .flat_map(|r| r.cells.iter().take(3))
                .find_map(|c| find(c)),
            Body::Csv { text, .. } => {
                let tail = &text[text.len().saturating_sub(2048)..];
                find(&String::from_utf8_lossy(tail))
            }
        }
    }
}

fn csv_error(file: &str, row: usize, e: csv::Error) -> ImportError {
    ImportError::Value {
        at: crate::import::Location {
            file: file.into(),
            row: Some(row),
            column: None,
        },
        message: format!("CSV nicht lesbar: {e}"),
    }
}

/// How the file will be read: format, source key, columns and header position.
struct Plan {
    format: &'static Format,
    source: String,
    columns: ColumnMap,
    header_index: usize,
    order: DateOrder,
}

fn plan(
    file: &str,
    head: &[Vec<String>],
    nums: &[usize],
    opts: &ImportOptions,
) -> Result<Plan, ImportError> {
    let row_number = |i: usize| nums.get(i).copied().unwrap_or(i + 1);
    if let Some(p) = &opts.profile {
        // The header row is the one with the most mapped headers.
        let wanted: Vec<String> = p
            .columns
            .values()
            .map(|h| super::columns::normalize_header(h))
            .collect();
        let (hi, hits) = head
            .iter()
            .enumerate()
            .take(HEADER_SEARCH_ROWS)
            .map(|(i, r)| {
                let n = r
                    .iter()
                    .filter(|c| wanted.contains(&super::columns::normalize_header(c)))
                    .count();
                (i, n)
            })
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))
            .unwrap_or((0, 0));
        if hits == 0 {
            return Err(ImportError::NoHeader {
                file: file.into(),
                expected: p
                    .columns
                    .values()
                    .map(|h| format!("„{h}“"))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
        let headers = head.get(hi).cloned().unwrap_or_default();
        let mut columns = ColumnMap::resolve(&super::mapped::FORMAT, &headers, row_number(hi));
        for (key, header) in &p.columns {
            let Some(f) = Field::from_key(key) else {
                continue;
            };
            if !columns.set_column(f, header) {
                return Err(ImportError::MissingColumn {
                    file: file.into(),
                    column: header.clone(),
                    header_row: row_number(hi),
                });
            }
        }
        return Ok(Plan {
            format: &super::mapped::FORMAT,
            source: if p.source.trim().is_empty() {
                "csv".into()
            } else {
                p.source.trim().to_lowercase()
            },
            columns,
            header_index: hi,
            order: p.date_order(),
        });
    }
    let forced = match opts.source.as_deref().map(|s| s.trim().to_lowercase()) {
        None => None,
        Some(s) if s.is_empty() || s == "auto" => None,
        Some(s) => Some(format_by_key(&s).ok_or_else(|| ImportError::Read {
            file: file.into(),
            reason: format!(
                "unbekannte Quelle „{s}“ (möglich: zammad, glpi, znuny, jira, itop, auto)"
            ),
        })?),
    };
    match detect(head, forced, &row_number) {
        Some(d) => Ok(Plan {
            format: d.format,
            source: d.format.source.to_string(),
            columns: d.columns,
            header_index: d.header_index,
            order: DateOrder::DayFirst,
        }),
        None => {
            // Say which required column is missing where the header most likely is.
            let f = forced;
            if let Some(f) = f {
                let best = head
                    .iter()
                    .enumerate()
                    .take(HEADER_SEARCH_ROWS)
                    .map(|(i, r)| (i, ColumnMap::resolve(f, r, row_number(i))))
                    .max_by_key(|(_, cm)| cm.matched());
                if let Some((i, cm)) = best.filter(|(_, cm)| cm.matched() >= 2) {
                    let missing = if cm.has(Field::Id) {
                        Field::Created
                    } else {
                        Field::Id
                    };
                    let alias = f
                        .aliases
                        .iter()
                        .find(|(k, _)| *k == missing)
                        .and_then(|(_, a)| a.first())
                        .copied()
                        .unwrap_or(missing.label_de());
                    return Err(ImportError::MissingColumn {
                        file: file.into(),
                        column: alias.to_string(),
                        header_row: row_number(i),
                    });
                }
            } else {
                // Auto: a known format with one required column missing.
                for f in super::detect::builtin_formats() {
                    for (i, r) in head.iter().enumerate().take(HEADER_SEARCH_ROWS) {
                        let cm = ColumnMap::resolve(f, r, row_number(i));
                        if cm.matched() >= 4 && !(cm.has(Field::Id) && cm.has(Field::Created)) {
                            let missing = if cm.has(Field::Id) {
                                Field::Created
                            } else {
                                Field::Id
                            };
                            let alias = f
                                .aliases
                                .iter()
                                .find(|(k, _)| *k == missing)
                                .and_then(|(_, a)| a.first())
                                .copied()
                                .unwrap_or(missing.label_de());
                            return Err(ImportError::MissingColumn {
                                file: file.into(),
                                column: format!("{alias} ({})", f.name),
                                header_row: row_number(i),
                            });
                        }
                    }
                }
            }
            Err(ImportError::NoHeader {
                file: file.into(),
                expected: "Ticketnummer und Erstellungsdatum (Zammad, GLPI, Znuny/OTRS, Jira, iTop) – sonst bitte die Spalten zuordnen".into(),
            })
        }
    }
}

/// Rows per batch handed from the parser thread to the writer.
const BATCH: usize = 4096;

/// Files above this size (about 30,000 tickets) are imported with a bigger page cache and
/// without per-row foreign-key lookups.
const LARGE_FILE_BYTES: usize = 5_000_000;

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

/// Imports `bytes` (named `file` in messages).
pub fn import_bytes(
    store: &mut Store,
    file: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportSummary, CoreError> {
    let timing = std::env::var_os("SCHULIT_TIMING").is_some();
    let t0 = std::time::Instant::now();
    let body = Body::open(file, bytes)?;
    if timing {
        eprintln!("body open {:.2?}", t0.elapsed());
    }
    let (head, nums) = body.head(file, HEADER_SEARCH_ROWS + 1)?;
    if head.is_empty() {
        return Err(ImportError::Empty { file: file.into() }.into());
    }
    let mut p = plan(file, &head, &nums, opts)?;
    if let Some(col) = &opts.school_column {
        if !p.columns.set_column(Field::School, col) {
            return Err(ImportError::MissingColumn {
                file: file.into(),
                column: col.clone(),
                header_row: p.columns.header_row,
            }
            .into());
        }
    }
    let zone = body.zone_footer().unwrap_or(Zone::Berlin);
    if timing {
        eprintln!("planned {:.2?}", t0.elapsed());
    }
    let privacy = privacy(p.format, &p.columns, opts);
    let mut notes = Vec::new();
    if !p.columns.has(Field::Solved) && !p.columns.has(Field::Closed) {
        notes.push(format!(
            "Die Datei hat keine Spalte für Lösungs- oder Schließungsdatum: Lösungszeiten können nicht berechnet werden. Bitte im {} die Spalten „{}“ mit exportieren.",
            p.format.name,
            alias_of(p.format, Field::Solved).or(alias_of(p.format, Field::Closed)).unwrap_or("Gelöst/Geschlossen")
        ));
    }
    if !p.columns.has(Field::FirstResponse) && !p.columns.has(Field::SlaResponse) {
        notes.push("Die Datei hat keine Spalte für die erste Reaktion: die Reaktionszeit kann nicht berechnet werden.".into());
    }
    if !p.columns.has(Field::School) {
        notes.push("Keine Spalte für die Schule gefunden: bitte die Spalte wählen (Organisation, Gruppe, Entität, Standort oder ein eigenes Feld).".into());
    }

    // Keep a copy of the plan as it was (no-op for new/empty plans; see store::backup_before_import).
    crate::store::backup_before_import(store, "tickets")?;
    if timing {
        eprintln!("backup {:.2?}", t0.elapsed());
    }
    let conn = store.conn_mut();
    // Large imports: a page cache that holds the whole import (nothing spilled before the
    // commit), no per-row foreign-key lookups — every Schulnummer written comes from the
    // register read inside this transaction and the import_id from its own log row — and a
    // rollback journal instead of the WAL for this one transaction: new pages go into the file
    // once instead of into the WAL and then again into the file at the checkpoint. Atomic all
    // the same (a killed import leaves a hot journal that the next open rolls back). Restored
    // afterwards; if another connection keeps the WAL open, the import simply stays in WAL mode.
    let large = bytes.len() > LARGE_FILE_BYTES;
    let mut journal_switched = false;
    if large {
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -1048576;")?;
        journal_switched = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .map(|m| m.eq_ignore_ascii_case("delete"))
            .unwrap_or(false);
    }
    let result = write_all(conn, file, bytes, &body, p, zone, privacy, notes, opts);
    if timing {
        eprintln!("write_all returned {:.2?}", t0.elapsed());
    }
    if large {
        if journal_switched {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;")?;
    }
    if timing {
        eprintln!("settings restored {:.2?}", t0.elapsed());
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn write_all(
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

fn alias_of(f: &Format, field: Field) -> Option<&'static str> {
    f.aliases
        .iter()
        .find(|(k, _)| *k == field)
        .and_then(|(_, a)| a.first())
        .copied()
}

fn privacy(format: &Format, cols: &ColumnMap, opts: &ImportOptions) -> Privacy {
    let requester_cols: Vec<usize> = [
        Field::Requester,
        Field::RequesterFirst,
        Field::RequesterLast,
    ]
    .iter()
    .flat_map(|f| cols.positions[*f as usize].iter().copied())
    .collect();
    let mut dropped = Vec::new();
    let mut pseudo = Vec::new();
    for (i, h) in cols.headers.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        if requester_cols.contains(&i) {
            if opts.drop_requester {
                dropped.push(h.to_string());
            } else {
                pseudo.push(h.to_string());
            }
        } else if format.is_person_header(h) {
            dropped.push(h.to_string());
        }
    }
    dropped.dedup();
    pseudo.dedup();
    let title_dropped = !opts.keep_title && cols.has(Field::Title);
    let list = |v: &[String]| {
        v.iter()
            .map(|h| format!("„{h}“"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut notice = String::from("Datenschutz: ");
    if dropped.is_empty() && pseudo.is_empty() {
        notice.push_str("Die Datei enthält keine erkannten Personenspalten.");
    }
    if !dropped.is_empty() {
        notice.push_str(&format!(
            "Die Personenspalten {} werden nicht gespeichert. ",
            list(&dropped)
        ));
    }
    if !pseudo.is_empty() {
        notice.push_str(&format!(
            "Die anfragende Person ({}) wird nur als Pseudonym gespeichert (HMAC-SHA256 mit einem Schlüssel, der nur in dieser Plandatei liegt). ",
            list(&pseudo)
        ));
    }
    if title_dropped {
        notice.push_str("Der Ticket-Titel wird nicht gespeichert (er enthält oft Namen).");
    }
    Privacy {
        dropped_columns: dropped,
        pseudonymised_columns: pseudo,
        title_dropped,
        notice: notice.trim().to_string(),
    }
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

/// What the import dialog shows before importing: detected source, headers, suggested mapping,
/// sample rows and the data-protection notice for the detected format.
#[derive(Debug, Clone, Serialize)]
pub struct FilePreview {
    #[serde(flatten)]
    pub preview: super::detect::Preview,
    pub is_xlsx: bool,
    /// Notice for the detected format with default options (none when a mapping is needed).
    pub privacy: Option<Privacy>,
}

/// Reads the first rows of `path` and finds its format (no plan needed).
pub fn preview_file(path: &Path) -> Result<FilePreview, CoreError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    let body = Body::open(&file, &bytes)?;
    let (head, nums) = body.head(&file, HEADER_SEARCH_ROWS + 6)?;
    if head.is_empty() {
        return Err(ImportError::Empty { file }.into());
    }
    let row_number = |i: usize| nums.get(i).copied().unwrap_or(i + 1);
    let preview = super::detect::preview(&file, &head, &row_number);
    let privacy = detect(&head, None, &row_number)
        .map(|d| self::privacy(d.format, &d.columns, &ImportOptions::default()));
    Ok(FilePreview {
        preview,
        is_xlsx: matches!(body, Body::Xlsx { .. }),
        privacy,
    })
}
