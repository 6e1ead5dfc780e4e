//! Crash safety, proven: the real `schulit` binary runs a large import (or a schema upgrade) in a
//! child process and is killed with SIGKILL at a random moment. The file is then reopened and
//! must pass `PRAGMA integrity_check`, and its content must be exactly the state before or
//! exactly the state after the whole operation — never a part of it. Finally the real program
//! must open the file again and finish the job.
//!
//! Trials: `SCHULIT_KILL_TRIALS` (default 20 in the normal test run; the ignored test
//! `kill_harness_long` runs at least 120). Seed: `SCHULIT_KILL_SEED` (printed, to replay a run).
//! Prints: "kill harness: N trials, 0 corrupted, 0 partial …".
//!
//! Scenarios (round robin):
//! - `schools-import`: a plan with the demo district imports the full NRW directory
//!   (5,407 schools) via `schulit selftest import-all-schools`.
//! - `tickets-import`: a plan with 305 schools and 50 tickets imports a Znuny export of 40,000
//!   tickets (`schulit tickets import`).
//! - `migration`: a plan at schema v1 holding all 5,407 schools is opened by the current
//!   program (backup, then every migration step).
//!
//! Importers added later (inventory, …) get a scenario here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::safety_common::{
    count, dump, nrw_directory, open_raw, run, schulit, use_binary_copy, Rng,
};
use rusqlite::Connection;
use schulit_core::store::{CURRENT_VERSION, MIGRATIONS};

/// Columns whose value is the wall clock (differ between two runs of the same operation).
const VOLATILE: &[&str] = &["updated_at", "imported_at"];

#[derive(Debug, Default)]
struct Tally {
    trials: usize,
    corrupted: usize,
    partial: usize,
    before: usize,
    after: usize,
    between: usize,
    failures: Vec<String>,
}

struct Scenario {
    name: &'static str,
    /// A plan in the "before" state; each trial works on a copy.
    template: PathBuf,
    /// Arguments of the child after `--db FILE`.
    args: Vec<String>,
    before: String,
    after: String,
    /// A plan after an uninterrupted run.
    calibrated: PathBuf,
    /// Wall time of an uninterrupted run (kills are spread over 0 … 1.15 × this).
    duration: Duration,
    /// Schema versions a killed migration may legally stop at (besides before/after).
    migration_from: Option<i64>,
}

fn copy_plan(from: &Path, to: &Path) {
    // Templates are closed and checkpointed: the main file is the whole plan.
    std::fs::copy(from, to).unwrap();
}

fn checkpoint(plan: &Path) {
    let c = open_raw(plan);
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
}

fn timed_run(plan: &Path, args: &[String]) -> Duration {
    let start = Instant::now();
    let out = Command::new(schulit())
        .arg("--db")
        .arg(plan)
        .args(args)
        .output()
        .unwrap();
    let d = start.elapsed();
    assert!(
        out.status.success(),
        "uninterrupted run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

/// Builds a scenario: template, and the before/after dumps from an uninterrupted run.
fn scenario(
    work: &Path,
    name: &'static str,
    template: PathBuf,
    args: Vec<String>,
    migration_from: Option<i64>,
) -> Scenario {
    checkpoint(&template);
    let before = dump(&open_raw(&template), VOLATILE);
    let mut times = Vec::new();
    let mut after = String::new();
    let mut calibrated = PathBuf::new();
    for i in 0..3 {
        let p = work.join(format!("{name}-calibrate-{i}.db"));
        copy_plan(&template, &p);
        times.push(timed_run(&p, &args));
        let a = dump(&open_raw(&p), VOLATILE);
        if i > 0 {
            assert_eq!(
                a, after,
                "{name}: two uninterrupted runs must give the same plan"
            );
        }
        after = a;
        calibrated = p;
    }
    times.sort();
    assert_ne!(before, after, "{name}: the operation must change the plan");
    Scenario {
        name,
        template,
        args,
        before,
        after,
        calibrated,
        duration: times[1],
        migration_from,
    }
}

fn schools_import_scenario(work: &Path) -> Scenario {
    let template = work.join("import-template.db");
    let out = run(&template, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = nrw_directory(work);
    scenario(
        work,
        "schools-import",
        template,
        vec![
            "selftest".into(),
            "import-all-schools".into(),
            csv.display().to_string(),
        ],
        None,
    )
}

/// A plan with 305 schools and a first small ticket import (so the per-plan pseudonym key
/// exists) imports a Znuny export of 40,000 tickets (large enough for the bulk path, which
/// switches the plan from the WAL to a rollback journal for that transaction).
fn tickets_import_scenario(work: &Path) -> Scenario {
    let template = work.join("tickets-template.db");
    let small = work.join("tickets-klein.csv");
    let big = work.join("tickets-gross.csv");
    for (file, rows, seed, db) in [(&small, "50", "7", true), (&big, "40000", "42", false)] {
        let args = vec![
            "dev".to_string(),
            "gen-tickets".into(),
            "--rows".into(),
            rows.into(),
            "--out".into(),
            file.display().to_string(),
            "--seed".into(),
            seed.into(),
        ];
        let out = if db {
            run(&template, &args)
        } else {
            Command::new(schulit()).args(&args).output().unwrap()
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(
        &template,
        &["tickets", "import", &small.display().to_string()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    scenario(
        work,
        "tickets-import",
        template,
        vec!["tickets".into(), "import".into(), big.display().to_string()],
        None,
    )
}

/// A plan at schema v1 holding every school of the directory, a meta entry and an import log row.
fn migration_scenario(work: &Path) -> Scenario {
    let full = work.join("migration-source.db");
    let csv = nrw_directory(work);
    let out = run(
        &full,
        &["selftest", "import-all-schools", &csv.display().to_string()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    checkpoint(&full);
    let template = work.join("migration-template-v1.db");
    {
        let c = Connection::open(&template).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
        let (_, sql) = MIGRATIONS[0];
        c.execute_batch(sql).unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute("ATTACH DATABASE ?1 AS src", [full.display().to_string()])
            .unwrap();
        for table in ["schools", "import_log"] {
            let cols: Vec<String> = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let cols = cols.join(", ");
            c.execute_batch(&format!(
                "INSERT INTO main.{table} ({cols}) SELECT {cols} FROM src.{table};"
            ))
            .unwrap();
        }
        c.execute_batch(
            "INSERT INTO meta(key, value) VALUES ('plan_name', 'Plan aus Version 1');
             DETACH DATABASE src;",
        )
        .unwrap();
        assert_eq!(count(&c, "SELECT count(*) FROM schools"), 5_407);
    }
    scenario(
        work,
        "migration",
        template,
        vec!["schools".into(), "list".into()],
        Some(1),
    )
}

/// The schema objects (`sqlite_master`) of a fresh database migrated to `version`.
fn schema_at(version: i64) -> Vec<(String, Option<String>)> {
    let c = Connection::open_in_memory().unwrap();
    for (_, sql) in &MIGRATIONS[..version as usize] {
        c.execute_batch(sql).unwrap();
    }
    schema_of(&c)
}

fn schema_of(c: &Connection) -> Vec<(String, Option<String>)> {
    c.prepare("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn rows_of(c: &Connection, table: &str) -> String {
    rows_of_skipping(c, table, &[])
}

fn rows_of_skipping(c: &Connection, table: &str, skip: &[&str]) -> String {
    let mut s = c
        .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
        .unwrap();
    let n = s.column_count();
    let names: Vec<String> = s.column_names().iter().map(|c| c.to_string()).collect();
    let rows: Vec<String> = s
        .query_map([], |r| {
            let mut line = String::new();
            for (i, name) in names.iter().enumerate().take(n) {
                if VOLATILE.contains(&name.as_str()) || skip.contains(&name.as_str()) {
                    continue;
                }
                let v: rusqlite::types::Value = r.get(i)?;
                line.push_str(&format!("{v:?}|"));
            }
            Ok(line)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.join("\n")
}

/// Every table but the import log, without time stamps and import ids (a second run of a
/// finished import logs itself once more; the data must not change).
fn data_without_log(c: &Connection) -> Vec<String> {
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'import_log' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .iter()
        .map(|t| format!("{t}:\n{}", rows_of_skipping(c, t, &["import_id"])))
        .collect()
}

fn one_trial(sc: &Scenario, work: &Path, i: usize, rng: &mut Rng, tally: &mut Tally) {
    let plan = work.join(format!("trial-{i}-{}.db", sc.name));
    copy_plan(&sc.template, &plan);
    // Half the kills anywhere, half in the last part where the writing happens.
    let u = rng.unit();
    let frac = if rng.unit() < 0.5 {
        1.15 * u
    } else {
        0.6 + 0.55 * u
    };
    let delay = sc.duration.mul_f64(frac);
    let mut child = Command::new(schulit())
        .arg("--db")
        .arg(&plan)
        .args(&sc.args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    tally.trials += 1;
    let label = format!("{} trial {i} (kill after {:?})", sc.name, delay);

    let conn = open_raw(&plan);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string());
    if integrity != "ok" {
        tally.corrupted += 1;
        tally
            .failures
            .push(format!("{label}: integrity_check = {integrity}"));
        return;
    }
    let now = dump(&conn, VOLATILE);
    let was_done = now == sc.after;
    if now == sc.before {
        tally.before += 1;
    } else if now == sc.after {
        tally.after += 1;
    } else if let Some(from) = sc.migration_from {
        // Each migration step commits with its version: an intermediate version is legal if
        // its schema is exactly that version's and the data survived.
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        let template = open_raw(&sc.template);
        let ok = v > from
            && v < CURRENT_VERSION
            && schema_of(&conn) == schema_at(v)
            && rows_of(&conn, "schools") == rows_of(&template, "schools")
            && rows_of(&conn, "meta") == rows_of(&template, "meta");
        if ok {
            tally.between += 1;
        } else {
            tally.partial += 1;
            tally.failures.push(format!(
                "{label}: stopped at v{v} with a state that is neither before nor after"
            ));
            return;
        }
    } else {
        tally.partial += 1;
        let n = count(&conn, "SELECT count(*) FROM schools");
        tally
            .failures
            .push(format!("{label}: partial state ({n} schools)"));
        return;
    }
    drop(conn);

    // No backup left behind may be half-written: every *.db in the folder is intact.
    let backups = schulit_core::store::list_backups(&plan).unwrap();
    for b in &backups {
        if let Err(e) = schulit_core::store::check_backup(&b.path) {
            tally.corrupted += 1;
            tally
                .failures
                .push(format!("{label}: backup {} damaged: {e}", b.file_name));
        }
    }

    // The real program opens the file again; every 4th trial it also finishes the job (an
    // import run to the end costs seconds; opening alone shows the file is usable).
    if tally.trials % 4 != 1 && sc.migration_from.is_none() {
        let out = run(&plan, &["schools", "list"]);
        if !out.status.success() {
            tally.corrupted += 1;
            tally.failures.push(format!(
                "{label}: reopen failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let _ = std::fs::remove_file(&plan);
        return;
    }
    let out = run(&plan, &sc.args);
    if !out.status.success() {
        tally.failures.push(format!(
            "{label}: rerun failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
        tally.corrupted += 1;
        return;
    }
    // Run again on a finished plan, an import logs a second (no-op) import: compare the data.
    let finished = open_raw(&plan);
    let expected = open_raw(&sc.calibrated);
    let same = if was_done {
        data_without_log(&finished) == data_without_log(&expected)
    } else {
        dump(&finished, VOLATILE) == sc.after
    };
    if !same {
        tally.partial += 1;
        tally.failures.push(format!(
            "{label}: after the rerun the plan differs from an uninterrupted run"
        ));
    }
    let _ = std::fs::remove_file(&plan);
}

fn run_harness(trials: usize) {
    let seed = std::env::var("SCHULIT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    use_binary_copy(work);
    let mut scenarios = [
        schools_import_scenario(work),
        tickets_import_scenario(work),
        migration_scenario(work),
    ];
    let mut rng = Rng(seed);
    let mut tallies: Vec<Tally> = scenarios.iter().map(|_| Tally::default()).collect();
    for i in 0..trials {
        let k = i % scenarios.len();
        let done = tallies[k].trials;
        if done > 0 && done % 10 == 0 {
            // The machine is shared: re-measure so that kills keep covering the whole run.
            let sc = &mut scenarios[k];
            let p = work.join(format!("{}-recalibrate.db", sc.name));
            copy_plan(&sc.template, &p);
            sc.duration = timed_run(&p, &sc.args);
        }
        one_trial(&scenarios[k], work, i, &mut rng, &mut tallies[k]);
    }
    let total: usize = tallies.iter().map(|t| t.trials).sum();
    let corrupted: usize = tallies.iter().map(|t| t.corrupted).sum();
    let partial: usize = tallies.iter().map(|t| t.partial).sum();
    let detail: Vec<String> = scenarios
        .iter()
        .zip(&tallies)
        .map(|(s, t)| {
            format!(
                "{}: {} trials over {:?}, {} before, {} between steps, {} after",
                s.name,
                t.trials,
                s.duration.mul_f64(1.15),
                t.before,
                t.between,
                t.after
            )
        })
        .collect();
    println!(
        "kill harness: {total} trials, {corrupted} corrupted, {partial} partial (seed {seed}; {})",
        detail.join("; ")
    );
    let failures: Vec<&String> = tallies.iter().flat_map(|t| &t.failures).collect();
    assert!(corrupted == 0 && partial == 0, "seed {seed}: {failures:#?}");
    // The kills must actually land in both states, or the harness proves nothing (checked in
    // the long run; with a few trials per scenario all may land on one side by chance).
    if trials >= 20 * scenarios.len() {
        for (s, t) in scenarios.iter().zip(&tallies) {
            assert!(
                t.before > 0 && t.after > 0,
                "{}: kills never hit one side ({} before, {} after)",
                s.name,
                t.before,
                t.after
            );
        }
    }
}

fn trials_from_env(default: usize) -> usize {
    std::env::var("SCHULIT_KILL_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn kill_harness() {
    run_harness(trials_from_env(20));
}

/// The long run: `cargo test --test safety kill_harness_long -- --ignored --nocapture`.
#[test]
#[ignore]
fn kill_harness_long() {
    run_harness(trials_from_env(120).max(120));
}
