//! Every import path of the CLI backs the plan up first (`store::backup_before_import`) and the
//! backup folder keeps only the newest N (`backup keep N`): offers JSON, ICS calendar, school
//! directory, inventory and tickets. The window's offers import is covered by
//! `tests/window/privacy.rs`.

use std::path::{Path, PathBuf};

use crate::safety_common::{count, open_raw, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ok(plan: &Path, args: &[&std::ffi::OsStr]) {
    let out = run(plan, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// File names in `<plan>.backups/` (complete backups only).
fn backups(plan: &Path) -> Vec<String> {
    let mut dir = plan.as_os_str().to_os_string();
    dir.push(".backups");
    let Ok(rd) = std::fs::read_dir(PathBuf::from(dir)) else {
        return Vec::new();
    };
    let mut v: Vec<String> = rd
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".db"))
        .collect();
    v.sort();
    v
}

/// A plan that already holds work (so every import must be preceded by a backup), keeping 2;
/// with `demo` it is the demo district (schools and categories for the inventory import).
fn existing_plan(dir: &Path, demo: bool) -> PathBuf {
    let plan = dir.join("plan.db");
    if demo {
        ok(&plan, &["demo".as_ref()]);
    }
    ok(&plan, &["backup".as_ref(), "keep".as_ref(), "2".as_ref()]);
    let c = open_raw(&plan);
    c.execute(
        "INSERT INTO import_log (kind, file_name) VALUES ('schools', 'alt.csv')",
        [],
    )
    .unwrap();
    drop(c);
    plan
}

/// Imports `file` with `args` three times: after each run there is one more backup named for
/// the import (at most 2 kept), and a broken file before them wrote none.
fn check_path(args: &[&str], file: &Path, tag: &str, broken: &Path) {
    check_path_on(false, args, file, tag, broken)
}

fn check_path_on(demo: bool, args: &[&str], file: &Path, tag: &str, broken: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let plan = existing_plan(dir.path(), demo);
    let mut a: Vec<&std::ffi::OsStr> = args.iter().map(|s| s.as_ref()).collect();
    a.push(broken.as_os_str());
    let out = run(&plan, &a);
    assert!(!out.status.success(), "broken file must fail");
    assert!(backups(&plan).is_empty(), "{:?}", backups(&plan));
    a.pop();
    a.push(file.as_os_str());
    for i in 1..=3 {
        ok(&plan, &a);
        let b = backups(&plan);
        assert_eq!(b.len(), i.min(2), "{tag}: {b:?}");
        assert!(b.iter().all(|n| n.contains(tag)), "{tag}: {b:?}");
    }
}

fn broken(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn offers_json_import_in_the_cli_takes_a_backup() {
    let d = tempfile::tempdir().unwrap();
    let bad = broken(d.path(), "kaputt.json", "{\"offers\": [");
    let file = root().join("docs/examples/offers.json");
    check_path(&["offers", "import"], &file, "vor-import-angebote", &bad);
}

#[test]
fn ics_import_in_the_cli_takes_a_backup_and_logs_the_file() {
    let d = tempfile::tempdir().unwrap();
    let bad = broken(d.path(), "kaputt.ics", "BEGIN:VCALENDAR\nEND");
    let file = root().join("fuzz/seeds/ics/ferien.ics");
    check_path(
        &["calendar", "import-ics"],
        &file,
        "vor-import-ferien",
        &bad,
    );
    // The import log names the file with its hash (checked in the core's test) once per import.
    let dir = tempfile::tempdir().unwrap();
    let plan = existing_plan(dir.path(), false);
    ok(
        &plan,
        &["calendar".as_ref(), "import-ics".as_ref(), file.as_os_str()],
    );
    let c = open_raw(&plan);
    assert_eq!(
        count(
            &c,
            "SELECT count(*) FROM import_log WHERE kind = 'ics' AND file_name = 'ferien.ics' AND length(sha256) = 64"
        ),
        1
    );
}

#[test]
fn ticket_import_in_the_cli_takes_a_backup() {
    let d = tempfile::tempdir().unwrap();
    let bad = broken(d.path(), "kaputt.csv", "nur;eine\nZeile");
    let file = root().join("tests/data/tickets/znuny_ticket_search_de.csv");
    check_path(&["tickets", "import"], &file, "vor-import-tickets", &bad);
}

#[test]
fn school_directory_import_in_the_cli_takes_a_backup() {
    // The file is passed last: `schools import --traeger X FILE`.
    let file = root().join("tests/data/nrw/schulverzeichnis_2024_25_mit_sozialindex.csv");
    let bad = root().join("tests/data/bad/pflichtspalte_fehlt.csv");
    check_path(
        &["schools", "import", "--traeger", "Krfr. Stadt Düsseldorf"],
        &file,
        "vor-import-schulen",
        &bad,
    );
}

#[test]
fn inventory_import_in_the_cli_takes_a_backup() {
    let d = tempfile::tempdir().unwrap();
    // Row 3 has a purchase year that is no year.
    let bad = broken(
        d.path(),
        "kaputt.csv",
        "Schulnummer;Kategorie;Anschaffungsjahr;Anzahl\n100012;display;2020;3\n100012;display;20x;2\n",
    );
    let file = root().join("fuzz/seeds/inventory/snipeit.csv");
    check_path_on(
        true,
        &["inventory", "import"],
        &file,
        "vor-import-inventar",
        &bad,
    );
}
