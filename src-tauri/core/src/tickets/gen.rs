//! Generator of a large Znuny-style ticket search CSV for the import benchmark
//! (`schulit dev gen-tickets`, `benches/ticket_import.rs`): N tickets over `schools` synthetic
//! schools and `years` years, ~150 bytes a row, `;`, `YYYY-MM-DD HH:MM:SS`. The school is the
//! Schulnummer in `CustomerID`; [`seed_bench_schools`] puts those schools into a plan.

use std::io::Write;

use rusqlite::Connection;

use super::datetime::{civil_from_days, days_from_civil};
use crate::demo::Rng;

/// Schulnummer of synthetic school `i` (0-based).
pub fn bench_schulnummer(i: usize) -> String {
    format!("{}", 200_000 + i * 7)
}

/// Inserts `n` synthetic schools (those the generator writes) into the register.
pub fn seed_bench_schools(conn: &Connection, n: usize) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "INSERT OR IGNORE INTO schools(schulnummer, name, schulform, pupils, source)
         VALUES (?1, ?2, ?3, ?4, 'manual')",
    )?;
    for i in 0..n {
        let form = ["Grundschule", "Gymnasium", "Realschule", "Gesamtschule"][i % 4];
        stmt.execute(rusqlite::params![
            bench_schulnummer(i),
            format!("Testschule {i:03}"),
            form,
            200 + (i * 37) % 1200
        ])?;
    }
    Ok(())
}

fn write_ts(out: &mut Vec<u8>, local_minutes: i64, sec: i64) {
    let day = local_minutes.div_euclid(1440);
    let m = local_minutes.rem_euclid(1440);
    let (y, mo, d) = civil_from_days(day);
    let _ = write!(
        out,
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{sec:02}",
        m / 60,
        m % 60
    );
}

/// Writes `rows` tickets to `w`. Deterministic for a given `seed`.
pub fn generate_znuny_csv<W: Write>(
    w: &mut W,
    rows: usize,
    schools: usize,
    years: i64,
    seed: u64,
) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let schools = schools.max(1);
    let nrs: Vec<String> = (0..schools).map(bench_schulnummer).collect();
    let states = [
        "closed successful",
        "closed successful",
        "closed successful",
        "open",
        "pending reminder",
        "new",
    ];
    let prios = [
        "1 very low",
        "2 low",
        "3 normal",
        "3 normal",
        "3 normal",
        "4 high",
        "5 very high",
    ];
    let queues = [
        "IT::Hardware",
        "IT::Netz",
        "IT::Software",
        "IT::Konten",
        "IT::Drucker",
    ];
    let from = days_from_civil(2021, 1, 1);
    let span = years.max(1) * 365;
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(b"TicketNumber;Age;Created;Closed;FirstLock;FirstResponse;State;Priority;Queue;Lock;Owner;CustomerID;CustomerName;Subject;SolutionInMin;SolutionDiffInMin;FirstResponseInMin;FirstResponseDiffInMin\n");
    for i in 0..rows {
        let day = from + rng.range_i64(0, span - 1);
        let created = day * 1440 + rng.range_i64(7 * 60, 16 * 60);
        let school = &nrs[(rng.next_u64() % schools as u64) as usize];
        let state = states[(rng.next_u64() % states.len() as u64) as usize];
        let prio = prios[(rng.next_u64() % prios.len() as u64) as usize];
        let queue = queues[(rng.next_u64() % queues.len() as u64) as usize];
        let fr = rng.range_i64(5, 600);
        let sol = fr + rng.range_i64(30, 6000);
        let closed = state.starts_with("closed");
        let _ = write!(
            out,
            "{};{} d;",
            2021_0101_1000_0000u64 + i as u64,
            rng.range_i64(0, 1800)
        );
        write_ts(&mut out, created, (i % 60) as i64);
        out.push(b';');
        if closed {
            write_ts(&mut out, created + sol, 0);
        }
        out.push(b';');
        out.push(b';');
        write_ts(&mut out, created + fr, 0);
        let _ = writeln!(
            out,
            ";{state};{prio};{queue};unlock;agent{};{school};P{} {};Anfrage {};{};{};{};{}",
            i % 40,
            i % 997,
            i % 13,
            i % 100,
            if closed { sol } else { 0 },
            if closed { 2400 - sol } else { 0 },
            fr,
            480 - fr
        );
        if out.len() > (1 << 16) - 512 {
            w.write_all(&out)?;
            out.clear();
        }
    }
    w.write_all(&out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_file_imports() {
        let mut buf = Vec::new();
        generate_znuny_csv(&mut buf, 500, 10, 2, 7).unwrap();
        let mut s = crate::Store::open_in_memory().unwrap();
        seed_bench_schools(s.conn(), 10).unwrap();
        let sum = super::super::import_bytes(&mut s, "gen.csv", &buf, &Default::default()).unwrap();
        assert_eq!(sum.source, "znuny");
        assert_eq!(sum.imported, 500);
        assert!(sum.unmatched_schools.is_empty());
        let avg = buf.len() / 500;
        assert!((120..=190).contains(&avg), "{avg} bytes per row");
    }
}
