//! Import speed: a Znuny-style CSV with 1,000,000 tickets (305 schools × 5 years, ~150 MB,
//! written by `tickets::gen`) imported into a fresh plan file. Prints tickets per second.
//!
//! `cargo bench -p schulit-core --bench ticket_import` (release profile). Environment:
//! `TICKET_BENCH_ROWS` (default 1000000), `TICKET_BENCH_FILE` (reuse a generated file),
//! `TICKET_BENCH_RUNS` (default 5; the median is reported), `SCHULIT_TIMING=1` (phases).

use std::time::Instant;

use schulit_core::tickets::{gen, import_file, ImportOptions};
use schulit_core::Store;

fn main() {
    let rows: usize = std::env::var("TICKET_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = match std::env::var("TICKET_BENCH_FILE") {
        Ok(f) if std::path::Path::new(&f).exists() => std::path::PathBuf::from(f),
        other => {
            let path = other
                .map(std::path::PathBuf::from)
                .unwrap_or_else(|_| dir.path().join("znuny_1m.csv"));
            let t = Instant::now();
            let f = std::fs::File::create(&path).expect("create");
            let mut w = std::io::BufWriter::new(f);
            gen::generate_znuny_csv(&mut w, rows, 305, 5, 42).expect("generate");
            drop(w);
            eprintln!("generated {} in {:.2?}", path.display(), t.elapsed());
            path
        }
    };
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let runs: usize = std::env::var("TICKET_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mut rates = Vec::new();
    for run in 0..runs {
        // A new plan file per run: the first import of a source into a plan.
        let plan = dir.path().join(format!("plan-{run}.db"));
        let mut store = Store::open(&plan).expect("plan");
        gen::seed_bench_schools(store.conn(), 305).expect("schools");
        let cpu0 = process_cpu();
        let t = Instant::now();
        if std::env::var_os("SCHULIT_TIMING").is_some() {
            eprintln!("import starts");
        }
        let s = import_file(&mut store, &file, &ImportOptions::default()).expect("import");
        let secs = t.elapsed().as_secs_f64();
        let cpu = process_cpu() - cpu0;
        let rate = s.imported as f64 / secs;
        rates.push(rate);
        println!(
            "ticket import run {}: {} tickets ({:.0} MB) in {:.2} s = {:.0} tickets/s wall; CPU {:.2} s (all threads)",
            run + 1,
            s.imported,
            size as f64 / 1e6,
            secs,
            rate,
            cpu,
        );
        drop(store);
        let _ = std::fs::remove_file(&plan);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "ticket import: median {:.0} tickets/s over {} runs (min {:.0}, max {:.0}; target >= 400000 on the 2-core reference machine; load average now {})",
        rates[rates.len() / 2],
        runs,
        rates[0],
        rates[rates.len() - 1],
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .next()
            .unwrap_or("?")
    );
}

/// User + system CPU seconds of this process (Linux; 0 elsewhere).
fn process_cpu() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|st| {
            let rest = st.rsplit_once(") ")?.1.to_string();
            let f: Vec<&str> = rest.split(' ').collect();
            let ut: f64 = f.get(11)?.parse().ok()?;
            let stt: f64 = f.get(12)?.parse().ok()?;
            Some((ut + stt) / 100.0)
        })
        .unwrap_or(0.0)
}
