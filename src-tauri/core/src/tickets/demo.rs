//! The demo district's tickets (`source = 'demo'`): three years (20 Nov 2023 – 20 Nov 2026) for
//! the 44 Leverkusen schools, volumes by school size (about 0.13 tickets per pupil and year),
//! priorities, categories, first response and resolution on school time (Mon–Fri 07:30–16:00;
//! holidays are not modelled here), a few slow schools with SLA breaches, and open tickets near
//! the demo's "today". Deterministic through `ctx.rng`; about 10,000 tickets, so the demo opens
//! at once. Demo tickets carry no person data and no title.

use rusqlite::Transaction;

use super::batch::RowBatch;
use super::bulk::{BulkWriter, Mode};
use super::datetime::{berlin_local_minutes_to_utc, civil_from_days, days_from_civil};
use super::model::{StateClass, Ticket};
use crate::demo::DemoContext;
use crate::CoreError;

/// First and last day (local) of the demo tickets; "today" of the demo is the end day, noon.
pub const DEMO_FROM: (i64, i64, i64) = (2023, 11, 20);
pub const DEMO_TO: (i64, i64, i64) = (2026, 11, 20);
/// Tickets per pupil and year.
pub const TICKETS_PER_PUPIL_YEAR: f64 = 0.13;

const CATEGORIES: &[(&str, f64)] = &[
    ("Tablets/iPads", 0.22),
    ("Netzwerk/WLAN", 0.16),
    ("Drucker/Kopierer", 0.14),
    ("Präsentationstechnik", 0.14),
    ("Benutzerkonto/Passwort", 0.12),
    ("Software/Lizenzen", 0.10),
    ("PC/Notebook", 0.09),
    ("Telefonie", 0.03),
];

/// Window start/end in minutes of the day (07:30–16:00).
const WIN_START: i64 = 7 * 60 + 30;
const WIN_END: i64 = 16 * 60;

fn weekday(day: i64) -> i64 {
    // 0 = Monday; 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7)
}

/// Adds business minutes (Mon–Fri 07:30–16:00) to a local time in minutes since the epoch.
pub fn add_business_minutes(mut t: i64, mut minutes: i64) -> i64 {
    loop {
        let day = t.div_euclid(1440);
        let mod_ = t.rem_euclid(1440);
        if weekday(day) >= 5 || mod_ >= WIN_END {
            t = (day + 1) * 1440 + WIN_START;
            continue;
        }
        if mod_ < WIN_START {
            t = day * 1440 + WIN_START;
            continue;
        }
        let left = WIN_END - mod_;
        if minutes <= left {
            return t + minutes;
        }
        minutes -= left;
        t = (day + 1) * 1440 + WIN_START;
    }
}

/// Seeds the demo tickets into the open demo transaction.
pub fn seed(tx: &Transaction, ctx: &mut DemoContext) -> Result<(), CoreError> {
    let schools: Vec<(String, String, i64)> = {
        let mut stmt = tx.prepare(
            "SELECT schulnummer, name, coalesce(pupils, 0) FROM schools ORDER BY schulnummer",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let from = days_from_civil(DEMO_FROM.0, DEMO_FROM.1, DEMO_FROM.2);
    let to = days_from_civil(DEMO_TO.0, DEMO_TO.1, DEMO_TO.2);
    let today_local = to * 1440 + 12 * 60;
    let today = berlin_local_minutes_to_utc(today_local);
    let years = (to - from) as f64 / 365.25;
    let mut rows = RowBatch::new("demo", 0);
    let mut seq = 0u32;
    for (nr, name, pupils) in &schools {
        let pupils = (*pupils).max(80) as f64;
        // Some schools need more help, some are slower to get help (SLA breaches).
        let volume = ctx.rng.range_f64(0.7, 1.4);
        let slowness = if ctx.rng.chance(0.2) {
            ctx.rng.range_f64(1.6, 2.4)
        } else {
            ctx.rng.range_f64(0.6, 1.2)
        };
        let n = (pupils * TICKETS_PER_PUPIL_YEAR * years * volume).round() as i64;
        for _ in 0..n {
            seq += 1;
            // Day: weekdays, fewer in the summer holidays (mid July – August).
            let day = loop {
                let d = ctx.rng.range_i64(from, to);
                let (_, m, dd) = civil_from_days(d);
                let summer = (m == 7 && dd >= 15) || m == 8;
                if weekday(d) < 5 && !(summer && ctx.rng.chance(0.75)) {
                    break d;
                }
            };
            let minute_of_day = if ctx.rng.chance(0.92) {
                ctx.rng.range_i64(7 * 60, 15 * 60 + 30)
            } else {
                ctx.rng.range_i64(16 * 60, 20 * 60)
            };
            let created_local = day * 1440 + minute_of_day;
            let priority: u8 = {
                let x = ctx.rng.next_f64();
                if x < 0.05 {
                    1
                } else if x < 0.25 {
                    2
                } else if x < 0.80 {
                    3
                } else {
                    4
                }
            };
            let category = {
                let mut x = ctx.rng.next_f64();
                let mut pick = CATEGORIES[0].0;
                for (c, w) in CATEGORIES {
                    if x < *w {
                        pick = c;
                        break;
                    }
                    x -= w;
                }
                pick
            };
            // Means in business minutes: targets are P1 60, P2 240, P3 480, P4 960 (response).
            let (resp_mean, res_mean) = match priority {
                1 => (25.0, 150.0),
                2 => (90.0, 380.0),
                3 => (200.0, 900.0),
                _ => (400.0, 1700.0),
            };
            let resp = (ctx.rng.exp(resp_mean * slowness).max(3.0)) as i64;
            let work = (ctx.rng.exp(res_mean * slowness).max(10.0)) as i64;
            let first_local = add_business_minutes(created_local, resp);
            let solved_local = add_business_minutes(first_local, work);
            let closed_local = solved_local + 7 * 1440;
            let stuck = ctx.rng.chance(0.004);
            let created = berlin_local_minutes_to_utc(created_local);
            let fr = berlin_local_minutes_to_utc(first_local);
            let so = berlin_local_minutes_to_utc(solved_local);
            let cl = berlin_local_minutes_to_utc(closed_local);
            let first_response = (fr <= today).then_some(fr);
            let solved = (so <= today && !stuck).then_some(so);
            let closed = (cl <= today && !stuck).then_some(cl);
            let state = if closed.is_some() {
                StateClass::Closed
            } else if solved.is_some() {
                StateClass::Solved
            } else {
                StateClass::Open
            };
            let reopen_count = Some(if ctx.rng.chance(0.03) { 1 } else { 0 });
            let t = Ticket {
                source: "demo".into(),
                source_id: format!("D-{seq:06}"),
                schulnummer: Some(nr.clone()),
                school_label: name.clone(),
                created,
                first_response,
                solved,
                closed,
                state,
                priority,
                category: category.into(),
                reopen_count,
                sla_response_met: None,
                sla_resolution_met: None,
                title: None,
                requester_pseudonym: None,
            };
            rows.push_ticket(&t, state.as_str());
        }
    }
    BulkWriter::new(tx, Mode::Upsert, "demo", None)?.write_batch(&rows)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_minutes_cross_the_weekend() {
        // Fri 2025-01-17 15:00 local + 90 business minutes: 60 on Friday, 30 on Monday → 08:00.
        let fri = days_from_civil(2025, 1, 17) * 1440 + 15 * 60;
        let mon_8 = days_from_civil(2025, 1, 20) * 1440 + 8 * 60;
        assert_eq!(add_business_minutes(fri, 90), mon_8);
        // Created Saturday evening: the clock starts Monday 07:30.
        let sat = days_from_civil(2025, 1, 18) * 1440 + 19 * 60;
        assert_eq!(
            add_business_minutes(sat, 0),
            days_from_civil(2025, 1, 20) * 1440 + 450
        );
    }

    #[test]
    fn demo_tickets_are_plausible() {
        let mut s = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut s).unwrap();
        let c = s.conn();
        let q = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        let n = q("SELECT count(*) FROM tickets WHERE source='demo'");
        assert!((5_000..=15_000).contains(&n), "{n}");
        assert_eq!(q("SELECT count(DISTINCT schulnummer) FROM tickets"), 44);
        assert!(q("SELECT count(*) FROM tickets WHERE state='open'") > 10);
        assert_eq!(q("SELECT count(*) FROM tickets WHERE first_response < created OR solved < first_response"), 0);
        // Bigger schools have more tickets: the largest vs. the smallest school.
        let big = q("SELECT count(*) FROM tickets t JOIN schools s USING(schulnummer) WHERE s.pupils = (SELECT max(pupils) FROM schools)");
        let small = q("SELECT count(*) FROM tickets t JOIN schools s USING(schulnummer) WHERE s.pupils = (SELECT min(pupils) FROM schools WHERE pupils > 0)");
        assert!(big > 3 * small, "{big} vs {small}");
        // Deterministic.
        let mut s2 = crate::Store::open_in_memory().unwrap();
        crate::demo::fill_demo(&mut s2).unwrap();
        let sum = |c: &rusqlite::Connection| -> i64 {
            c.query_row(
                "SELECT sum(created % 9973 + coalesce(solved, 0) % 7919) FROM tickets",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(sum(s.conn()), sum(s2.conn()));
    }
}
