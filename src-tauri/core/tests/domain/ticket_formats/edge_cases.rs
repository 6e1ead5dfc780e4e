//! Exports that are not clean: a broken row named by number, a mapped CSV through a saved
//! profile, a ticket listed twice in one file, and a large export.

use super::*;

fn znuny_rows(n: usize, bad_row: Option<usize>) -> String {
    let mut s = String::from("TicketNumber;Created;Closed;State;Priority;Queue;CustomerID\n");
    for i in 0..n {
        let row = i + 2; // header is row 1
        let created = if Some(row) == bad_row {
            "2025-13-45 10:00:00".to_string()
        } else {
            format!("2025-02-{:02} 09:{:02}:00", i % 28 + 1, i % 60)
        };
        s.push_str(&format!(
            "{};{created};;open;3 normal;Schul-IT;166194\n",
            2025_0000_0000u64 + i as u64
        ));
    }
    s
}

/// A broken export fails with file, row and column, and the plan stays as it was.
#[test]
fn broken_export_names_row_812_and_changes_nothing() {
    let (d, mut store) = plan();
    // One good import first, so "unchanged" has something to compare with.
    import_file(
        &mut store,
        &data("itop_userrequests.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    let tickets_before = count(&store, "SELECT count(*) FROM tickets");
    let log_before = count(&store, "SELECT count(*) FROM import_log");
    let meta_before = count(&store, "SELECT count(*) FROM meta");

    let path = d.path().join("znuny_kaputt.csv");
    std::fs::write(&path, znuny_rows(2000, Some(812))).unwrap();
    let err = import_file(&mut store, &path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("znuny_kaputt.csv, Zeile 812, Spalte „Created“"),
        "{err}"
    );
    assert!(err.contains("2025-13-45 10:00:00"), "{err}");
    assert_eq!(
        count(&store, "SELECT count(*) FROM tickets"),
        tickets_before
    );
    assert_eq!(count(&store, "SELECT count(*) FROM import_log"), log_before);
    assert_eq!(count(&store, "SELECT count(*) FROM meta"), meta_before);
    // The bulk insert's switches are undone: CHECK constraints hold again.
    assert!(
        store
            .conn()
            .execute(
                "INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('x', '1', 0, 'open', 7)",
                [],
            )
            .is_err(),
        "CHECK (priority BETWEEN 1 AND 4) must be enforced after a failed import"
    );

    // Missing created column.
    let path = d.path().join("ohne_erstellt.csv");
    std::fs::write(
        &path,
        "TicketNumber;Closed;State;Priority;Queue;CustomerID;Owner\n1;;open;3 normal;A;166194;x\n",
    )
    .unwrap();
    let err = import_file(&mut store, &path, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("ohne_erstellt.csv"), "{err}");
    assert!(err.contains("Pflichtspalte „Created"), "{err}");
    assert_eq!(
        count(&store, "SELECT count(*) FROM tickets"),
        tickets_before
    );
}

/// Any CSV through a saved column mapping (import profile).
#[test]
fn mapped_csv_through_profile() {
    use schulit_core::tickets::mapped::{load_profile, save_profile, Profile};
    let (d, mut store) = plan();
    let path = d.path().join("eigenes_system.csv");
    std::fs::write(
        &path,
        "Vorgang;Eingang;Erledigt am;Dringlichkeit;Schule;Art\n\
         A-1;14.01.2025 09:30;15.01.2025 10:00;2;Lise-Meitner-Gymnasium;Drucker\n\
         A-2;14.07.2025 09:30;;4;Rathaus;WLAN\n",
    )
    .unwrap();
    let p = Profile {
        name: "Eigenes System".into(),
        source: "eigen".into(),
        columns: [
            ("id", "Vorgang"),
            ("created", "Eingang"),
            ("solved", "Erledigt am"),
            ("priority", "Dringlichkeit"),
            ("school", "Schule"),
            ("category", "Art"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect(),
        month_first: false,
    };
    save_profile(store.conn(), &p).unwrap();
    let opts = ImportOptions {
        profile: Some(load_profile(store.conn(), "Eigenes System").unwrap()),
        ..Default::default()
    };
    let s = import_file(&mut store, &path, &opts).unwrap();
    assert_eq!(s.source, "eigen");
    assert_eq!(s.imported, 2);
    assert_eq!(s.unmatched_schools, vec!["Rathaus".to_string()]);
    let ts = load_tickets(store.conn(), Some("eigen")).unwrap();
    let t = find(&ts, "A-1");
    assert_eq!(t.created, utc(2025, 1, 14, 8, 30, 0));
    assert_eq!(t.solved, Some(utc(2025, 1, 15, 9, 0, 0)));
    assert_eq!(t.state, StateClass::Solved); // no state column: derived from the solve time
    assert_eq!(t.priority, 2);
    assert_eq!(t.schulnummer.as_deref(), Some("165013"));
    let t = find(&ts, "A-2");
    assert_eq!(t.created, utc(2025, 7, 14, 7, 30, 0));
    assert_eq!(t.state, StateClass::Open);
    assert_eq!(t.priority, 4);
}

/// A ticket listed twice in one export (e.g. two overlapping reports pasted together): one
/// ticket, the later row wins — for a new source (plain insert) and for a stored one (upsert).
#[test]
fn duplicate_ids_in_one_file_last_row_wins() {
    let (d, mut store) = plan();
    let path = d.path().join("doppelt.csv");
    std::fs::write(
        &path,
        "TicketNumber;Created;State;Priority;CustomerID\n\
         7;2025-01-02 10:00:00;open;3 normal;166194\n\
         7;2025-01-02 10:00:00;closed successful;4 high;166194\n",
    )
    .unwrap();
    for round in 0..2 {
        let s = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
        assert_eq!(s.rows, 2, "round {round}");
        let ts = load_tickets(store.conn(), Some("znuny")).unwrap();
        assert_eq!(ts.len(), 1, "round {round}");
        assert_eq!(ts[0].state, StateClass::Closed);
        assert_eq!(ts[0].priority, 2);
    }
}

/// A large export (read through a memory map, hashed by the parser thread in the writer's
/// pauses, written through the bulk path with its rollback journal): every ticket arrives, the
/// import log's SHA-256 equals the one `sha256sum` computes, and the plan is back in WAL mode
/// with its CHECK constraints on.
#[test]
fn large_export_is_complete_hashed_and_leaves_the_plan_as_configured() {
    let (d, mut store) = plan();
    let path = d.path().join("znuny_gross.csv");
    let rows = 120_000; // ~7 MB: above the bulk-path and memory-map thresholds
    std::fs::write(&path, znuny_rows(rows, None)).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 5_000_000);
    let s = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!(s.imported, rows);
    assert_eq!(count(&store, "SELECT count(*) FROM tickets"), rows as i64);
    assert_eq!(
        count(&store, "SELECT count(DISTINCT source_id) FROM tickets"),
        rows as i64
    );
    let out = std::process::Command::new("sha256sum")
        .arg(&path)
        .output()
        .expect("sha256sum (coreutils)");
    let expected = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(s.sha256, expected);
    let logged: String = store
        .conn()
        .query_row(
            "SELECT sha256 FROM import_log WHERE id = ?1",
            [s.import_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, expected);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(store
        .conn()
        .execute(
            "INSERT INTO tickets (source, source_id, created, state, priority) VALUES ('x', '1', 0, 'shut', 2)",
            [],
        )
        .is_err());
    // A second import of the same file updates instead of duplicating.
    let again = import_file(&mut store, &path, &ImportOptions::default()).unwrap();
    assert_eq!((again.imported, again.updated), (0, rows));
    assert_eq!(count(&store, "SELECT count(*) FROM tickets"), rows as i64);
}
