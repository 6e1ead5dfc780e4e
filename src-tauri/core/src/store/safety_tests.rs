//! Backups before imports, pruning, restore, the instance lock and the recovery message.

use super::*;

fn put(s: &Store, key: &str, value: &str) {
    set_meta(s.conn(), key, value).unwrap();
}

#[test]
fn backup_before_import_skips_empty_plans_and_keeps_the_newest_n() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let s = Store::open(&p).unwrap();
    // A new plan before its first import: nothing to lose, no backup.
    assert_eq!(backup_before_import(&s, "schulen").unwrap(), None);
    assert!(list_backups(&p).unwrap().is_empty());
    put(&s, BACKUP_KEEP_KEY, "3");
    drop(s);
    // Reopened, it is an existing plan: every import is preceded by a backup.
    let s = Store::open(&p).unwrap();
    let mut written = Vec::new();
    for i in 0..5 {
        put(&s, "probe", &i.to_string());
        written.push(backup_before_import(&s, "schulen").unwrap().unwrap());
    }
    let left = list_backups(&p).unwrap();
    assert_eq!(left.len(), 3, "{left:?}");
    // Newest first, and exactly the last three written.
    let names: Vec<_> = left.iter().map(|b| b.path.clone()).collect();
    assert_eq!(
        names,
        vec![written[4].clone(), written[3].clone(), written[2].clone()]
    );
    assert!(left[0].file_name.contains("vor-import-schulen"));
    // Each backup is a complete, self-contained copy (no WAL needed).
    let b = rusqlite::Connection::open(&left[0].path).unwrap();
    let v: String = b
        .query_row("SELECT value FROM meta WHERE key='probe'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, "4");
    let mode: String = b
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn default_keep_is_ten_and_garbage_falls_back() {
    let s = Store::open_in_memory().unwrap();
    assert_eq!(backup_keep(s.conn()), 10);
    put(&s, BACKUP_KEEP_KEY, "0");
    assert_eq!(backup_keep(s.conn()), 10);
    put(&s, BACKUP_KEEP_KEY, "zwölf");
    assert_eq!(backup_keep(s.conn()), 10);
    put(&s, BACKUP_KEEP_KEY, " 4 ");
    assert_eq!(backup_keep(s.conn()), 4);
    // In memory there is no file to back up.
    put(&s, "x", "1");
    assert_eq!(backup_before_import(&s, "schulen").unwrap(), None);
}

#[test]
fn restore_brings_back_the_backup_and_saves_the_current_state_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let backup = {
        let s = Store::open(&p).unwrap();
        put(&s, "probe", "vorher");
        let b = s.create_backup("manuell").unwrap().unwrap();
        put(&s, "probe", "nachher");
        b
    };
    let name = backup.file_name().unwrap().to_str().unwrap().to_string();
    let found = find_backup(&p, &name).unwrap();
    restore_backup(&p, &found.path).unwrap();
    let s = Store::open(&p).unwrap();
    assert_eq!(
        get_meta(s.conn(), "probe").unwrap().as_deref(),
        Some("vorher")
    );
    let mode: String = s
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let all = list_backups(&p).unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        all[0].file_name.contains("vor-wiederherstellung"),
        "{all:?}"
    );
    let saved = rusqlite::Connection::open(&all[0].path).unwrap();
    let v: String = saved
        .query_row("SELECT value FROM meta WHERE key='probe'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, "nachher");
    assert!(find_backup(&p, "gibt-es-nicht")
        .unwrap_err()
        .to_string()
        .contains("gibt es nicht"));
}

#[test]
fn second_instance_is_warned_and_restore_is_refused_while_open() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let first = Store::open(&p).unwrap();
    put(&first, "probe", "1");
    assert!(first.other_instance().is_none());
    let b = first.create_backup("manuell").unwrap().unwrap();
    let second = Store::open(&p).unwrap();
    let holder = second
        .other_instance()
        .expect("second instance must be warned");
    assert_eq!(holder.pid, Some(std::process::id()));
    let err = restore_backup(&p, &b).unwrap_err().to_string();
    assert!(
        err.contains("in einem anderen Fenster oder Programm geöffnet"),
        "{err}"
    );
    assert!(
        err.contains(&format!("Prozess {}", std::process::id())),
        "{err}"
    );
    drop(second);
    drop(first);
    let third = Store::open(&p).unwrap();
    assert!(third.other_instance().is_none());
    assert!(third.crashed_instance().is_none(), "closed cleanly");
    drop(third);
    restore_backup(&p, &b).unwrap();
}

#[test]
fn stale_lock_of_a_crashed_instance_is_detected_and_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    drop(Store::open(&p).unwrap());
    // What a killed instance leaves: a lock file naming it, but no OS lock.
    std::fs::write(
        lock_path(&p),
        "pid=999999\nhost=altpc\nsince=24.11.2026 08:00:00\n",
    )
    .unwrap();
    assert_eq!(PlanLock::holder(&p), None, "an unlocked file is no holder");
    let s = Store::open(&p).unwrap();
    assert!(s.other_instance().is_none());
    let c = s.crashed_instance().expect("crash trace reported");
    assert_eq!(c.pid, Some(999_999));
    assert_eq!(c.host, "altpc");
}

#[test]
fn damaged_plan_names_the_newest_intact_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let good = {
        let s = Store::open(&p).unwrap();
        put(&s, "probe", "1");
        let older = s.create_backup("manuell").unwrap().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let newer = s.create_backup("manuell").unwrap().unwrap();
        // The newest backup is itself damaged: the message must skip it.
        std::thread::sleep(std::time::Duration::from_millis(5));
        let broken = s.create_backup("kaputt").unwrap().unwrap();
        std::fs::write(&broken, b"kein SQLite").unwrap();
        let _ = older;
        newer
    };
    let _ = std::fs::remove_file(p.with_extension("db-wal"));
    std::fs::write(&p, vec![0x42u8; 8192]).unwrap();
    let err = match Store::open(&p) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a damaged plan must not open"),
    };
    let name = good.file_name().unwrap().to_str().unwrap();
    assert!(err.contains("ist beschädigt"), "{err}");
    assert!(
        err.contains(&format!("Neueste intakte Sicherung: {name}")),
        "{err}"
    );
    assert!(err.contains(&format!("backup restore {name}")), "{err}");
    // And the way back works.
    restore_backup(&p, &good).unwrap();
    let s = Store::open(&p).unwrap();
    assert_eq!(get_meta(s.conn(), "probe").unwrap().as_deref(), Some("1"));
}

#[test]
fn damaged_page_inside_a_plan_is_caught_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    {
        let s = Store::open(&p).unwrap();
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        for i in 0..2000 {
            put(&s, &format!("k{i}"), &"x".repeat(100));
        }
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    // Overwrite page 3 onwards with noise (keeps the header, breaks the b-trees).
    let mut bytes = std::fs::read(&p).unwrap();
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    for (i, b) in bytes[2 * page..4 * page].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(&p, bytes).unwrap();
    let err = match Store::open(&p) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a damaged plan must not open"),
    };
    assert!(err.contains("ist beschädigt"), "{err}");
    assert!(err.contains("keine intakte Sicherung"), "{err}");
}

/// An existing plan (reopened after one logged import) with `backup_keep` = 2.
fn existing_plan_keeping_two(p: &Path) -> Store {
    let s = Store::open(p).unwrap();
    put(&s, BACKUP_KEEP_KEY, "2");
    s.conn()
        .execute(
            "INSERT INTO import_log (kind, file_name) VALUES ('schools', 'alt.csv')",
            [],
        )
        .unwrap();
    drop(s);
    Store::open(p).unwrap()
}

/// Backups in the folder whose name contains `tag`.
fn backups_named(p: &Path, tag: &str) -> Vec<String> {
    list_backups(p)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .filter(|n| n.contains(tag))
        .collect()
}

#[test]
fn offers_json_import_takes_a_backup_and_keeps_the_newest_n() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let json = include_bytes!("../../../../docs/examples/offers.json");
    let mut s = existing_plan_keeping_two(&p);
    // A broken file is refused before anything is written: no backup, no log row.
    let e = crate::offers::repo::import_json_bytes(&mut s, "kaputt.json", b"{\"offers\": [")
        .unwrap_err();
    assert!(e.to_string().starts_with("kaputt.json"), "{e}");
    assert!(list_backups(&p).unwrap().is_empty());
    for i in 0..3 {
        let before: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM offers", [], |r| r.get(0))
            .unwrap();
        crate::offers::repo::import_json_bytes(&mut s, "angebote.json", json).unwrap();
        let names = backups_named(&p, "vor-import-angebote");
        assert_eq!(names.len(), (i + 1).min(2), "{names:?}");
        // The newest backup holds the plan as it was before this import.
        let b = rusqlite::Connection::open(&list_backups(&p).unwrap()[0].path).unwrap();
        let in_backup: i64 = b
            .query_row("SELECT count(*) FROM offers", [], |r| r.get(0))
            .unwrap();
        assert_eq!(in_backup, before);
    }
    let (sha, file): (String, String) = s
        .conn()
        .query_row(
            "SELECT sha256, file_name FROM import_log WHERE kind='offers' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(file, "angebote.json");
    assert_eq!(sha, crate::import::sha256_hex(json));
}

#[test]
fn offers_csv_import_takes_a_backup_and_a_broken_csv_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let csv = include_str!("../../../../docs/examples/offers.csv");
    let mut s = existing_plan_keeping_two(&p);
    let bad = csv.replace(";1100;monthly;", ";-1100;monthly;");
    let e = crate::offers::repo::import_bytes(&mut s, "angebote.csv", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("angebote.csv, Zeile 3, Spalte „rate_cents“"),
        "{e}"
    );
    assert!(list_backups(&p).unwrap().is_empty());
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM offers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    crate::offers::repo::import_bytes(&mut s, "angebote.csv", csv.as_bytes()).unwrap();
    assert_eq!(backups_named(&p, "vor-import-angebote").len(), 1);
    let (sha, file): (String, String) = s
        .conn()
        .query_row(
            "SELECT sha256, file_name FROM import_log WHERE kind='offers' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(file, "angebote.csv");
    assert_eq!(sha, crate::import::sha256_hex(csv.as_bytes()));
}

#[test]
fn ics_import_takes_a_backup_logs_the_file_and_keeps_the_newest_n() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("plan.db");
    let ics = include_bytes!("../../../../fuzz/seeds/ics/ferien.ics");
    let mut s = existing_plan_keeping_two(&p);
    let e = crate::calendar::import_ics_bytes(&mut s, "leer.ics", b"BEGIN:VCALENDAR\r\nEND")
        .unwrap_err();
    assert!(e.to_string().contains("leer.ics"), "{e}");
    assert!(list_backups(&p).unwrap().is_empty());
    for i in 0..3 {
        let (imported, _) = crate::calendar::import_ics_bytes(&mut s, "ferien.ics", ics).unwrap();
        assert_eq!(imported.len(), 2);
        assert_eq!(backups_named(&p, "vor-import-ferien").len(), (i + 1).min(2));
    }
    let (sha, summary): (String, String) = s
        .conn()
        .query_row(
            "SELECT sha256, summary FROM import_log WHERE kind='ics' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sha, crate::import::sha256_hex(ics));
    let v: serde_json::Value = serde_json::from_str(&summary).unwrap();
    assert_eq!(v["imported"], 2);
    assert_eq!(
        v["replaced"], 2,
        "second import replaces the first one's two blocks"
    );
}
