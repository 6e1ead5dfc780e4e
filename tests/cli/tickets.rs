//! The `schulit` binary on the ticket exports of `tests/data/tickets/` (formats documented in
//! DOMAIN.md §4): `tickets import --json` prints the counts and unmatched schools, a manual
//! school mapping is remembered and re-assigns tickets, a broken export exits 1 with file, row
//! and column and leaves the plan unchanged, retention deletes by date.

use std::path::PathBuf;
use std::process::Command;

use rusqlite::Connection;

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tickets")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn import_map_retention_and_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::common::demo_plan(dir.path(), "plan.db");
    let demo_tickets = count(&db, "SELECT count(*) FROM tickets");

    let out = crate::common::schulit(
        &db,
        &["tickets", "import", &data("glpi_tickets_fr.csv"), "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["imported"], 3);
    assert_eq!(v["updated"], 0);
    assert_eq!(v["skipped"], 0);
    assert_eq!(
        v["unmatched_schools"],
        serde_json::json!(["Stadt Leverkusen > Verwaltung"])
    );

    // Forced source on a re-import: updates, no duplicates.
    let out = crate::common::schulit(
        &db,
        &[
            "tickets",
            "import",
            &data("glpi_tickets_fr.csv"),
            "--source",
            "glpi",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["imported"].as_i64(), v["updated"].as_i64()),
        (Some(0), Some(3))
    );

    // Map the administration entity to a school by hand.
    let out = crate::common::schulit(
        &db,
        &[
            "tickets",
            "map-school",
            "Stadt Leverkusen > Verwaltung",
            "165001",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["tickets_assigned"], 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM tickets WHERE source='glpi' AND source_id='1236' AND schulnummer='165001'"),
        1
    );

    // A broken export: exit code 1, file/row/column in the message, plan unchanged.
    let broken = dir.path().join("kaputt.csv");
    std::fs::write(
        &broken,
        "TicketNumber;Created;State;Priority;CustomerID\n1;2025-01-02 10:00:00;open;3 normal;166194\n2;gestern;open;3 normal;166194\n",
    )
    .unwrap();
    let before = count(&db, "SELECT count(*) FROM tickets");
    let out = Command::new(crate::common::schulit_bin())
        .arg("--db")
        .arg(&db)
        .args(["tickets", "import"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("kaputt.csv, Zeile 3, Spalte „Created“"),
        "{err}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM tickets"), before);

    // Retention: everything created before 2025-01-01 (local) goes; GLPI tickets (2025) stay.
    let old_demo = count(
        &db,
        "SELECT count(*) FROM tickets WHERE created < 1735686000",
    );
    assert!(old_demo > 0 && old_demo < demo_tickets);
    let out = crate::common::schulit(&db, &["tickets", "delete-before", "01.01.2025", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["deleted"].as_i64(), Some(old_demo));
    assert_eq!(
        count(&db, "SELECT count(*) FROM tickets WHERE source='glpi'"),
        3
    );
}
