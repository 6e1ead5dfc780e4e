//! Hand-made KPI cases on a real store: every expected figure is worked out in the comments from
//! the ticket times (Berlin local time; CEST = UTC+2 in April/May), the service window
//! Mon–Fri 07:30–16:00, NRW holidays (1 May, Christi Himmelfahrt 14.05.2026) and one
//! beweglicher Ferientag (school B, Fri 15.05.2026).

use chrono::NaiveDate;
use rusqlite::params;

use super::compute::Clock;
use super::data::{compute_from_store, set_device_count};
use super::*;
use crate::calendar::school_holidays::{set_free_day, SchoolFreeDay};
use crate::Store;

fn utc(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
}

#[allow(clippy::too_many_arguments)]
fn ticket(
    c: &rusqlite::Connection,
    id: &str,
    school: Option<&str>,
    prio: i64,
    created: &str,
    fr: Option<&str>,
    solved: Option<&str>,
    reopen: Option<i64>,
    sla: (Option<i64>, Option<i64>),
) {
    let state = if solved.is_some() { "solved" } else { "open" };
    c.execute(
        "INSERT INTO tickets (source, source_id, schulnummer, created, first_response, solved, state,
                              priority, category, reopen_count, sla_response_met, sla_resolution_met)
         VALUES ('test', ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'Hardware', ?8, ?9, ?10)",
        params![
            id,
            school,
            utc(created),
            fr.map(utc),
            solved.map(utc),
            state,
            prio,
            reopen,
            sla.0,
            sla.1
        ],
    )
    .unwrap();
}

fn fixture() -> Store {
    let s = Store::open_in_memory().unwrap();
    let c = s.conn();
    c.execute_batch(
        "INSERT INTO schools (schulnummer, name, schulform, pupils) VALUES
           ('100001', 'Schule A', 'Gymnasium', 500),
           ('100002', 'Schule B', 'Grundschule', 300);",
    )
    .unwrap();
    set_device_count(c, "100001", 200.0, Some(3.5), "test").unwrap();
    set_free_day(
        c,
        &SchoolFreeDay {
            schulnummer: "100002".into(),
            date: NaiveDate::from_ymd_opt(2026, 5, 15).unwrap(),
            note: String::new(),
        },
    )
    .unwrap();
    let n = (None, None);
    // T1 (A, P3): Thu 30.04. 14:00 → reply 15:00 (60 min) → solved Mon 04.05. 09:00:
    //   Thu 14–16 = 120, Fri 1 May holiday, weekend, Mon 07:30–09:00 = 90 → TTR 210 min.
    ticket(
        c,
        "T1",
        Some("100001"),
        3,
        "2026-04-30T12:00:00Z",
        Some("2026-04-30T13:00:00Z"),
        Some("2026-05-04T07:00:00Z"),
        Some(1),
        n,
    );
    // T2 (A, P1): Wed 13.05. 15:00 → reply 15:30 (30) → solved Mon 18.05. 08:00:
    //   Wed 60 + Thu holiday + Fri 510 + Mon 30 = 600 min.
    ticket(
        c,
        "T2",
        Some("100001"),
        1,
        "2026-05-13T13:00:00Z",
        Some("2026-05-13T13:30:00Z"),
        Some("2026-05-18T06:00:00Z"),
        Some(0),
        n,
    );
    // T3 (A, P2): Tue 05.05. 10:00, never answered, open.
    ticket(
        c,
        "T3",
        Some("100001"),
        2,
        "2026-05-05T08:00:00Z",
        None,
        None,
        None,
        n,
    );
    // T4 (B, P1): as T2, but Fri 15.05. is B's beweglicher Ferientag: 60 + 30 = 90 min.
    ticket(
        c,
        "T4",
        Some("100002"),
        1,
        "2026-05-13T13:00:00Z",
        Some("2026-05-13T13:30:00Z"),
        Some("2026-05-18T06:00:00Z"),
        None,
        n,
    );
    // T5 (B, P4): created before the period (Fri 10.10.2025), still open → backlog only.
    ticket(
        c,
        "T5",
        Some("100002"),
        4,
        "2025-10-10T13:00:00Z",
        None,
        None,
        None,
        n,
    );
    // T6 (B, P3): Mon 04.05. 08:00 → reply 08:10 (10) → solved 10:00 (120); the source says
    //   response breached, resolution met.
    ticket(
        c,
        "T6",
        Some("100002"),
        3,
        "2026-05-04T06:00:00Z",
        Some("2026-05-04T06:10:00Z"),
        Some("2026-05-04T08:00:00Z"),
        None,
        (Some(0), Some(1)),
    );
    // T7 (no school, P3): Wed 06.05. 10:00 → solved 11:00 (60), no reply recorded.
    ticket(
        c,
        "T7",
        None,
        3,
        "2026-05-06T08:00:00Z",
        None,
        Some("2026-05-06T09:00:00Z"),
        None,
        n,
    );
    s
}

fn params(clock: Clock) -> KpiParams {
    KpiParams {
        from: NaiveDate::from_ymd_opt(2026, 4, 1),
        to: NaiveDate::from_ymd_opt(2026, 5, 31),
        clock,
        ..KpiParams::default()
    }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("value");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn per_school_business_minutes() {
    let s = fixture();
    let (_, _, r) = compute_from_store(s.conn(), &params(Clock::Business), "Standard").unwrap();
    assert_eq!(r.months, vec!["2026-04", "2026-05"]);
    let a = &r.by_school[0];
    assert_eq!((a.key.as_str(), a.tickets), ("100001", 3));
    // TTFR 60, 30 → median 45, P90 = 30 + 0,9·30 = 57, mean 45.
    assert_eq!(a.ttfr.n, 2);
    close(a.ttfr.median, 45.0);
    close(a.ttfr.p90, 57.0);
    close(a.ttfr.mean, 45.0);
    // TTR 210, 600 → median 405, P90 = 210 + 0,9·390 = 561.
    assert_eq!(a.ttr.n, 2);
    close(a.ttr.median, 405.0);
    close(a.ttr.p90, 561.0);
    // First response: T1 60 ≤ 480 met, T2 30 ≤ 60 met, T3 open 360+ min > 240 breached → 2/3.
    assert_eq!(
        (a.sla_first_response.met, a.sla_first_response.breached),
        (2, 1)
    );
    close(a.sla_first_response.pct(), 200.0 / 3.0);
    // Resolution: T1 210 ≤ 1440 met, T2 600 > 240 breached, T3 open > 480 breached → 1/3.
    assert_eq!((a.sla_resolution.met, a.sla_resolution.breached), (1, 2));
    assert_eq!(a.sla_resolution_by_priority[0].breached, 1); // T2 is P1
    assert_eq!(a.backlog_end, 1); // T3
    close(a.per_100_devices, 3.0 / 200.0 * 100.0);
    close(a.per_100_pupils, 3.0 / 500.0 * 100.0);
    close(a.reopen_rate_pct, 50.0); // T1 reopened, T2 not, T3 unknown
    assert_eq!(a.reopen_n, 2);
    assert!(a.small_n);

    let b = &r.by_school[1];
    assert_eq!(b.tickets, 2); // T4, T6 (T5 before the period)
    close(b.ttfr.median, 20.0); // 30, 10
    close(b.ttr.median, 105.0); // 90 (free day), 120
                                // Response: T4 met, T6 breached by the source's verdict although 10 min ≤ 480.
    assert_eq!(
        (b.sla_first_response.met, b.sla_first_response.breached),
        (1, 1)
    );
    // Resolution: T4 90 ≤ 240 met, T6 met (source).
    close(b.sla_resolution.pct(), 100.0);
    assert_eq!(b.backlog_end, 1); // T5, created 2025, still open
    assert_eq!(b.per_100_devices, None);
    close(b.per_100_pupils, 2.0 / 300.0 * 100.0);
    assert_eq!(b.reopen_rate_pct, None);

    let u = &r.by_school[2];
    assert_eq!((u.key.as_str(), u.tickets), ("", 1));
    close(u.ttr.median, 60.0);
    assert_eq!(u.ttfr.n, 0);
    // No reply recorded: the resolution after 60 min ≤ 480 counts as first response, met.
    assert_eq!(u.sla_first_response.met, 1);

    // District: TTR 210, 600, 90, 120, 60 → sorted 60, 90, 120, 210, 600:
    // median 120, P90 = 210 + 0,6·390 = 444, P25 90, P75 210.
    let d = &r.district;
    assert_eq!(d.tickets, 6);
    close(d.ttr.median, 120.0);
    close(d.ttr.p90, 444.0);
    close(d.ttr.p25, 90.0);
    close(d.ttr.p75, 210.0);
    assert_eq!(d.backlog_end, 2); // T3, T5
    close(d.per_100_devices, 3.0 / 200.0 * 100.0); // only A has a device count
                                                   // Per 100 pupils: the 5 tickets of schools with pupils (A 3, B 2) over 500 + 300 pupils.
    close(d.per_100_pupils, 5.0 / 800.0 * 100.0);
}

#[test]
fn months_priorities_and_backlog() {
    let s = fixture();
    let (_, _, r) = compute_from_store(s.conn(), &params(Clock::Business), "Standard").unwrap();
    // April: T1 only. Backlog end of April: T5 (open since 2025) and T1 (solved 04.05.) = 2.
    assert_eq!(r.by_month[0].tickets, 1);
    assert_eq!(r.by_month[0].backlog_end, 2);
    // May: T2, T3, T4, T6, T7. Backlog at the Stichtag: T3, T5.
    assert_eq!(r.by_month[1].tickets, 5);
    assert_eq!(r.by_month[1].backlog_end, 2);
    // P1: T2 breached (600 > 240), T4 met (90) → 50 %.
    let p1 = &r.by_priority[0];
    assert_eq!(p1.tickets, 2);
    close(p1.sla_resolution.pct(), 50.0);
    assert_eq!(r.by_priority[3].tickets, 0);
    assert_eq!(r.by_priority[3].backlog_end, 1); // T5 is P4
    assert_eq!(r.by_category.len(), 1);
    assert_eq!(r.by_category[0].tickets, 6);
    // School × month: A in May has T2 and T3; TTR median of T2 alone = 600.
    let cell = r.school_month[0][1];
    assert_eq!(cell.tickets, 2);
    close(cell.ttr_median, 600.0);
    assert_eq!(r.school_month[1][0].backlog_end, 1); // B end of April: T5

    // Filter on priority 1: only T2 and T4.
    let mut p = params(Clock::Business);
    p.priority = Some(1);
    let (_, _, r1) = compute_from_store(s.conn(), &p, "Standard").unwrap();
    assert_eq!(r1.district.tickets, 2);
    close(r1.district.ttr.median, 345.0); // (90 + 600) / 2
}

#[test]
fn calendar_clock_and_switching_off_school_time() {
    let s = fixture();
    let (_, _, r) = compute_from_store(s.conn(), &params(Clock::Calendar), "Standard").unwrap();
    // T1 calendar TTR: 30.04. 12:00Z → 04.05. 07:00Z = 3 d 19 h = 5460 min;
    // T2: 13.05. 13:00Z → 18.05. 06:00Z = 4 d 17 h = 6780 min → median (5460 + 6780) / 2.
    close(r.by_school[0].ttr.median, (5460.0 + 6780.0) / 2.0);
    // SLA stays on business time: same verdicts as before.
    assert_eq!(r.by_school[0].sla_resolution.met, 1);

    // Without school holidays the bewegliche Ferientag counts as open: T4 = 600 like T2.
    s.conn()
        .execute("UPDATE service_windows SET exclude_school_holidays = 0", [])
        .unwrap();
    let (_, _, r) = compute_from_store(s.conn(), &params(Clock::Business), "Standard").unwrap();
    close(r.by_school[1].ttr.median, (600.0 + 120.0) / 2.0);
}

#[test]
fn per_100_devices_uses_the_period_average_of_inventory_cohorts() {
    let s = fixture();
    // School B has no device count; its inventory: 30 tablets of 2021 (life 5: retired after
    // 31.12.2025), 20 tablets of 2022 (in stock until 31.12.2026), 61 teacher devices of 2026.
    // Period 01.04.–31.05.2026 (61 days): (0·61 + 20·61 + 61·61) / 61 = 81 devices.
    s.conn()
        .execute_batch(
            "INSERT INTO budget_inventory (schulnummer, category, purchase_year, units) VALUES
               ('100002', 'student_tablet', 2021, 30), ('100002', 'student_tablet', 2022, 20),
               ('100002', 'teacher_device', 2026, 61);",
        )
        .unwrap();
    let (_, _, r) = compute_from_store(s.conn(), &params(Clock::Business), "Standard").unwrap();
    let b = &r.by_school[1];
    assert_eq!(b.tickets, 2);
    close(b.per_100_devices, 2.0 / 81.0 * 100.0);
    // District: A 3 tickets on 200 devices (manual count), B 2 on 81.
    close(r.district.per_100_devices, 5.0 / 281.0 * 100.0);
}

#[test]
fn a_free_day_added_in_the_settings_takes_out_exactly_that_days_minutes() {
    let s = fixture();
    let c = s.conn();
    // T8 (A) and T9 (B), both P3: Wed 10.06.2026 10:00 → solved Mon 15.06. 10:00 (CEST):
    //   Wed 10:00–16:00 = 360, Thu 11.06. 07:30–16:00 = 510, Fri 12.06. 510,
    //   Mon 07:30–10:00 = 150 → 1530 business minutes (no holiday in that week).
    for (id, nr) in [("T8", "100001"), ("T9", "100002")] {
        ticket(
            c,
            id,
            Some(nr),
            3,
            "2026-06-10T08:00:00Z",
            None,
            Some("2026-06-15T08:00:00Z"),
            None,
            (None, None),
        );
    }
    let june = KpiParams {
        from: NaiveDate::from_ymd_opt(2026, 6, 1),
        to: NaiveDate::from_ymd_opt(2026, 6, 30),
        clock: Clock::Business,
        ..KpiParams::default()
    };
    let ttr = |nr: &str| {
        let (_, _, r) = compute_from_store(c, &june, "Standard").unwrap();
        r.by_school.iter().find(|x| x.key == nr).unwrap().ttr.median
    };
    close(ttr("100001"), 1530.0);
    // School A sets Fri 12.06.2026 as beweglicher Ferientag (as the settings screen does):
    // 1530 − 510 (the whole window of that Friday) = 1020. School B keeps 1530.
    crate::calendar::settings::add_free_day(
        c,
        &SchoolFreeDay {
            schulnummer: "100001".into(),
            date: NaiveDate::from_ymd_opt(2026, 6, 12).unwrap(),
            note: "Brückentag".into(),
        },
    )
    .unwrap();
    close(ttr("100001"), 1020.0);
    close(ttr("100002"), 1530.0);
}
