//! `schulit kpi` and `schulit calendar` on a real SQLite plan file. Tickets are inserted with
//! plain SQL; expected figures are worked out by hand in the comments (Berlin local time,
//! service window Mon–Fri 07:30–16:00, NRW holidays and school holidays).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn schulit(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_schulit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run schulit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (id, Schulnummer, created, first response, solved, priority); times "YYYY-MM-DD HH:MM" UTC.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    i64,
);

fn utc(s: &str) -> i64 {
    // "YYYY-MM-DD HH:MM" in UTC → Unix seconds, computed by hand from days since 1970.
    let (date, time) = s.split_once(' ').unwrap();
    let p: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (p[0], p[1], p[2]);
    let t: Vec<i64> = time.split(':').map(|x| x.parse().unwrap()).collect();
    // Days from civil (Howard Hinnant's algorithm).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    days * 86400 + t[0] * 3600 + t[1] * 60
}

#[test]
fn kpi_by_school_month_priority_on_a_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    // Creates and migrates the plan file.
    let (code, _, err) = schulit(&db, &["calendar", "holidays", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform, pupils) VALUES
               ('100001', 'Schule A', 'Gymnasium', 400), ('100002', 'Schule B', 'Grundschule', 200);
             INSERT INTO kpi_device_counts (schulnummer, devices) VALUES ('100001', 80);",
        )
        .unwrap();
        let mut ins = c
            .prepare(
                "INSERT INTO tickets (source, source_id, schulnummer, created, first_response, solved, state, priority)
                 VALUES ('test', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .unwrap();
        let rows: [Row; 5] = [
            // A1, P2: Fri 09.10.2026 15:00 CEST → reply Fri 15:30 (30 min) → solved Mon 12.10.
            //   09:30: Fri 15:00–16:00 = 60, Mon 07:30–09:30 = 120 → TTR 180 ≤ 480 met.
            (
                "A1",
                "100001",
                "2026-10-09 13:00",
                Some("2026-10-09 13:30"),
                Some("2026-10-12 07:30"),
                2,
            ),
            // A2, P3: Fri 16.10.2026 14:00 CEST → solved Mon 02.11.2026 08:30 CET (Herbstferien
            //   17.–31.10., DST ends 25.10.): Fri 120 + Mon 60 = 180 ≤ 1440; reply 14:10 = 10.
            (
                "A2",
                "100001",
                "2026-10-16 12:00",
                Some("2026-10-16 12:10"),
                Some("2026-11-02 07:30"),
                3,
            ),
            // A3, P1: Mon 02.11.2026 10:00 CET, never answered, open at the Stichtag
            //   (last event 03.11. 15:00 CET): Mon 360 + Tue 450 > 60 and > 240 → breached.
            ("A3", "100001", "2026-11-02 09:00", None, None, 1),
            // B1, P3: Tue 03.11.2026 08:00 CET → reply 09:00 (60) → solved 15:00 (420) → met.
            (
                "B1",
                "100002",
                "2026-11-03 07:00",
                Some("2026-11-03 08:00"),
                Some("2026-11-03 14:00"),
                3,
            ),
            // B2, P3: Thu 29.10.2026 (Herbstferien) 10:00 → reply Mon 02.11. 08:00 (30) →
            //   solved 02.11. 08:00 (30).
            (
                "B2",
                "100002",
                "2026-10-29 09:00",
                Some("2026-11-02 07:00"),
                Some("2026-11-02 07:00"),
                3,
            ),
        ];
        for (id, school, created, fr, solved, prio) in rows {
            ins.execute(rusqlite::params![
                id,
                school,
                utc(created),
                fr.map(utc),
                solved.map(utc),
                if solved.is_some() { "solved" } else { "open" },
                prio
            ])
            .unwrap();
        }
    }
    let (code, out, err) = schulit(
        &db,
        &[
            "kpi",
            "--by",
            "school",
            "--from",
            "2026-10-01",
            "--to",
            "30.11.2026",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a["key"], "100001");
    assert_eq!(a["tickets"], 3);
    // TTFR A: 30, 10 → median 20, P90 = 10 + 0,9·20 = 28.
    assert_eq!(a["ttfr_median_min"], 20.0);
    assert_eq!(a["ttfr_p90_min"], 28.0);
    assert_eq!(a["ttfr_n"], 2);
    // TTR A: 180, 180 → 180.
    assert_eq!(a["ttr_median_min"], 180.0);
    assert_eq!(a["ttr_p90_min"], 180.0);
    // SLA first response: A1 met, A2 met, A3 breached → 66,67 %; resolution likewise.
    assert_eq!(a["sla_first_response_pct"], 66.67);
    assert_eq!(a["sla_resolution_pct"], 66.67);
    assert_eq!(a["backlog_end"], 1);
    // 3 tickets / 80 devices · 100 = 3,75; 3 / 400 pupils · 100 = 0,75.
    assert_eq!(a["tickets_per_100_devices"], 3.75);
    assert_eq!(a["tickets_per_100_pupils"], 0.75);
    assert_eq!(a["small_n"], true);
    let b = &rows[1];
    // TTR B: 420, 30 → median 225; TTFR 60, 30 → 45.
    assert_eq!(b["ttr_median_min"], 225.0);
    assert_eq!(b["ttfr_median_min"], 45.0);
    assert_eq!(b["sla_resolution_pct"], 100.0);
    assert_eq!(b["backlog_end"], 0);

    // By month: October A1, A2, B2; November A3, B1. Backlog end of October: A2 and B2
    // (solved 02.11.); end of November (Stichtag): A3.
    let (code, out, err) = schulit(
        &db,
        &[
            "kpi",
            "--by",
            "month",
            "--from",
            "2026-10-01",
            "--to",
            "2026-11-30",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["key"], "2026-10");
    assert_eq!(v[0]["tickets"], 3);
    assert_eq!(v[0]["backlog_end"], 2);
    assert_eq!(v[1]["tickets"], 2);
    assert_eq!(v[1]["backlog_end"], 1);

    // By priority, calendar clock: P3 = A2, B1, B2. TTR calendar minutes:
    // A2 16.10. 12:00Z → 02.11. 07:30Z = 16 d 19,5 h = 24210; B1 420;
    // B2 29.10. 09:00Z → 02.11. 07:00Z = 3 d 22 h = 5640 → median 5640.
    let (code, out, err) = schulit(
        &db,
        &["kpi", "--by", "priority", "--clock", "calendar", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[2]["key"], "P3");
    assert_eq!(v[2]["tickets"], 3);
    assert_eq!(v[2]["ttr_median_min"], 5640.0);
    assert_eq!(v[0]["sla_first_response_pct"], 0.0); // A3 (P1) breached

    // Bad date: usage error, exit 2, German message.
    let (code, _, err) = schulit(&db, &["kpi", "--from", "31.02.2026"]);
    assert_eq!(code, 2);
    assert!(err.contains("kein Datum"), "{err}");
}

#[test]
fn kpi_contract_uses_its_own_service_hours() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let (code, _, err) = schulit(&db, &["calendar", "holidays", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        // Contract "Vertrag Netz": targets P3 resolution 500 min, service hours Mon–Fri 07:00–18:00.
        c.execute_batch(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'Schule A', 'Gymnasium');
             INSERT INTO kpi_targets (contract, priority, first_response_min, resolution_min) VALUES
               ('Vertrag Netz', 1, 60, 240), ('Vertrag Netz', 2, 240, 480),
               ('Vertrag Netz', 3, 480, 500), ('Vertrag Netz', 4, 960, 2400);
             INSERT INTO service_windows (name, scope, mon, tue, wed, thu, fri) VALUES
               ('Vertrag Netz', 'contract', '07:00-18:00', '07:00-18:00', '07:00-18:00',
                '07:00-18:00', '07:00-18:00');",
        )
        .unwrap();
        // P3: Tue 03.11.2026 08:00 CET → solved 17:00 CET. Standard 07:30–16:00: 08:00–16:00 =
        // 480 min; the contract's 07:00–18:00: 08:00–17:00 = 540 min (> 500: breached).
        c.execute(
            "INSERT INTO tickets (source, source_id, schulnummer, created, solved, state, priority)
             VALUES ('test', 'N1', '100001', ?1, ?2, 'solved', 3)",
            [utc("2026-11-03 07:00"), utc("2026-11-03 16:00")],
        )
        .unwrap();
    }
    let run = |extra: &[&str]| {
        let mut args = vec!["kpi", "--by", "district", "--contract", "Vertrag Netz"];
        args.extend_from_slice(extra);
        let (code, out, err) = schulit(&db, &args);
        assert_eq!(code, 0, "{err}");
        (out, err)
    };
    let (out, err) = run(&["--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["ttr_median_min"], 540.0);
    assert_eq!(v[0]["sla_resolution_pct"], 0.0);
    assert!(
        err.contains("Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“) – Mo–Fr 07:00–18:00"),
        "{err}"
    );
    // Given explicitly, the district's window wins: 480 ≤ 500, met.
    let (out, err) = run(&["--window", "Standard", "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["ttr_median_min"], 480.0);
    assert_eq!(v[0]["sla_resolution_pct"], 100.0);
    assert!(err.contains("„Standard“ (ausdrücklich gewählt)"), "{err}");
    // Text output names the hours in its head.
    let (out, _) = run(&[]);
    assert!(
        out.contains("Servicezeiten: „Vertrag Netz“ (Servicezeit des Vertrags „Vertrag Netz“)"),
        "{out}"
    );
    // A contract without a window of its own: the district's, and it says so.
    let (code, out, err) = schulit(&db, &["kpi", "--by", "district", "--contract", "Vertrag X"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("„Standard“ (Standard des Schulträgers; der Vertrag „Vertrag X“ hat keine eigene Servicezeit)"),
        "{out}"
    );
}

#[test]
fn calendar_holidays_and_ics_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let (code, out, err) = schulit(&db, &["calendar", "holidays", "--year", "2026", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let days = v.as_array().unwrap();
    assert_eq!(days.iter().filter(|d| d["kind"] == "feiertag").count(), 11);
    assert!(days
        .iter()
        .any(|d| d["date"] == "2026-06-04" && d["name"] == "Fronleichnam"));
    assert!(days.iter().any(|d| d["date"] == "2026-07-20"
        && d["end"] == "2026-09-01"
        && d["kind"] == "schulferien"));

    let ics = dir.path().join("ferien.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20281023\r\nDTEND;VALUE=DATE:20281104\r\nSUMMARY:Herbstferien\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let (code, out, err) = schulit(
        &db,
        &["calendar", "import-ics", ics.to_str().unwrap(), "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["imported"], 1);
    assert_eq!(v["replaced"], 5); // the five shipped blocks of 2028/29
    assert_eq!(v["school_years"][0], "2028/29");

    let bad = dir.path().join("kaputt.ics");
    std::fs::write(
        &bad,
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2028x\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let (code, _, err) = schulit(&db, &["calendar", "import-ics", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("kaputt.ics") && err.contains("Zeile 3"),
        "{err}"
    );
}

#[test]
fn calendar_free_days_add_list_delete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    let (code, _, err) = schulit(&db, &["calendar", "holidays", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO schools (schulnummer, name, schulform) VALUES ('100001', 'Schule A', 'Gymnasium')",
            [],
        )
        .unwrap();
    let fd = |args: &[&str]| {
        let mut a = vec!["calendar", "free-days"];
        a.extend_from_slice(args);
        schulit(&db, &a)
    };
    let count = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM school_free_days", [], |r| r.get(0))
            .unwrap()
    };
    // Fri 15.05.2026 after Christi Himmelfahrt.
    let (code, out, err) = fd(&[
        "add",
        "--school",
        "100001",
        "--date",
        "15.05.2026",
        "--note",
        "Brückentag",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["date"], "2026-05-15");
    assert_eq!(v[0]["weekday"], "Freitag");
    assert_eq!(v[0]["school_year"], "2025/26");
    // Sat 16.05.2026 and a day in the Osterferien (30.03.–11.04.2026) are refused in German.
    let (code, _, err) = fd(&["add", "--school", "100001", "--date", "2026-05-16"]);
    assert_ne!(code, 0);
    assert!(err.contains("16.05.2026 ist ein Samstag"), "{err}");
    let (code, _, err) = fd(&["add", "--school", "100001", "--date", "01.04.2026"]);
    assert_ne!(code, 0);
    assert!(err.contains("liegt in den Osterferien 2025/26"), "{err}");
    assert_eq!(count(), 1);
    let (code, out, _) = fd(&["list", "--school", "100001"]);
    assert_eq!(code, 0);
    assert!(out.contains("15.05.2026 Freitag"), "{out}");
    assert!(out.contains("BASS 12-61 Nr. 1"), "{out}");
    let (code, _, err) = fd(&["delete", "--school", "100001", "--date", "15.05.2026"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(count(), 0);
}
