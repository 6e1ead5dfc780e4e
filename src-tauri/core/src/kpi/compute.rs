//! Pure KPI computation: tickets in, figures per school, month, priority, category, school ×
//! month and district out. No I/O; `kpi::data` reads the inputs from the store.
//!
//! Conventions (DOMAIN.md §4, repeated in `definitions`):
//! - A ticket belongs to the month (local time Europe/Berlin) in which it was created; the period
//!   is `from ..= to` (local dates).
//! - Stichtag (evaluation instant) = end of the period, at most the last instant in the data
//!   (the export's state). Events after it count as not yet happened.
//! - TTFR = first response − created; TTR = resolved (solved, else closed) − created; only tickets
//!   with the event count (n). Business or calendar clock.
//! - SLA: the source's own verdict where present, else business minutes ≤ target of the
//!   ticket's priority. Without a first response, the resolution counts as the first response.
//!   An open ticket past its target at the Stichtag is breached; an open ticket within its target
//!   is not counted yet. SLA is always measured in business time (targets are business hours).
//! - Backlog at a period end = tickets created before it and not resolved by it.

mod acc;
mod input;
mod percentiles;
mod result;

use chrono::{Datelike, NaiveDate};

use super::percentile::Stats;
use crate::calendar::SchoolTime;
use acc::{cell_sums, Acc, AccP, Rec, Scan, Sla, NONE};
pub use input::{calendar_years, Clock, KpiInput, KpiParams, KpiTicket, SchoolInfo, NO_SCHOOL};
use percentiles::group_stats;
pub use result::{month_label, priority_label, Cell, KpiResult, KpiRow, SlaCount};

/// Computes all KPI groups. `time` must cover `calendar_years(input, params)`.
pub fn compute(input: &KpiInput, params: &KpiParams, time: &SchoolTime) -> KpiResult {
    let cal = &time.calendar;
    let n_schools = input.schools.len();
    let free: Vec<&[u32]> = input
        .schools
        .iter()
        .map(|s| {
            time.free_days
                .get(&s.schulnummer)
                .map_or(&[][..], |v| v.as_slice())
        })
        .collect();

    // Period and Stichtag.
    let (data_lo, data_hi) = input.instant_range().unwrap_or((0, 0));
    let day_lo = cal.local_day(data_lo).unwrap_or(0);
    let day_hi = cal.local_day(data_hi).unwrap_or(0);
    let from_day = params.from.and_then(|d| cal.day_index(d)).unwrap_or(day_lo);
    let to_day = params.to.and_then(|d| cal.day_index(d)).unwrap_or(day_hi);
    let to_day = to_day.max(from_day);
    let start = cal.midnight_of(from_day);
    let end_of_to = cal.midnight_of(to_day + 1);
    let as_of = end_of_to.min(data_hi + 1).max(start);
    let from = cal.date_of(from_day);
    let to = cal.date_of(to_day);
    let month_no = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let base_month = month_no(from);
    let n_months = (month_no(to) - base_month + 1).max(1) as usize;
    let months: Vec<String> = (0..n_months as i32)
        .map(|i| {
            let m = base_month + i;
            format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
        })
        .collect();
    // Month index per calendar day, relative to the first month of the period.
    let first_month = month_no(cal.first_day()) - base_month;
    let mut month_of_day: Vec<i32> = Vec::with_capacity(cal.days());
    {
        let mut d = cal.first_day();
        let mut m = first_month;
        for _ in 0..cal.days() {
            month_of_day.push(m);
            let next = d.succ_opt().unwrap_or(d);
            if next.month() != d.month() {
                m += 1;
            }
            d = next;
        }
    }
    let month_at = |t: i64| -> Option<i32> { cal.local_day(t).map(|k| month_of_day[k as usize]) };

    let n_school_groups = n_schools + 1; // last = no school
    let sidx = |s: u32| {
        if s == NO_SCHOOL {
            n_schools
        } else {
            s as usize
        }
    };
    let n_cats = input.categories.len().max(1);

    let targets = params.targets;
    let devices: Vec<Option<f64>> = input
        .schools
        .iter()
        .map(|s| s.devices_in(from, to))
        .collect();
    let has_dev: Vec<bool> = (0..n_school_groups)
        .map(|i| i < n_schools && devices[i].is_some())
        .collect();
    let has_pup: Vec<bool> = (0..n_school_groups)
        .map(|i| i < n_schools && input.schools[i].pupils.is_some())
        .collect();

    let scan = |tickets: &[KpiTicket]| -> Scan {
        // Backlog: per school and month, difference array over month ends; plus counts at Stichtag.
        let mut backlog_diff = vec![0i32; n_school_groups * (n_months + 1)];
        let mut open_at_end_prio = [0u32; 4];
        let mut open_at_end_cat = vec![0u32; n_cats];
        let mut recs: Vec<Rec> = Vec::with_capacity(tickets.len());
        let mut acc_sm = vec![AccP::default(); n_school_groups * n_months];
        let mut acc_cat = vec![Acc::default(); n_cats];
        let mut skipped = 0u32;
        for t in tickets {
            if params.priority.is_some_and(|p| p != t.priority) {
                continue;
            }
            if t.created >= as_of {
                continue;
            }
            let Some(mc) = month_at(t.created) else {
                skipped += 1;
                continue;
            };
            let school = sidx(t.school);
            let prio = t.priority.clamp(1, 4);
            let pi = usize::from(prio - 1);
            let cat = (t.category as usize).min(n_cats - 1);
            let resolved = t.resolved.filter(|&r| r < as_of);
            let response = t.first_response.filter(|&r| r < as_of);
            let extra = if school < n_schools {
                free[school]
            } else {
                &[]
            };
            let biz = |a: i64, b: i64| cal.business_seconds_with(a, b, extra);

            // Backlog contributions (all tickets created before the Stichtag, also before `from`).
            let done = resolved.is_some() || t.done_without_time;
            {
                let row = &mut backlog_diff[school * (n_months + 1)..(school + 1) * (n_months + 1)];
                let mc_c = mc.clamp(0, n_months as i32) as usize;
                row[mc_c] += 1;
                let mr = match resolved {
                    Some(r) => month_at(r).unwrap_or(n_months as i32),
                    None if t.done_without_time => mc,
                    None => n_months as i32,
                };
                row[mr.clamp(0, n_months as i32) as usize] -= 1;
                if !done {
                    open_at_end_prio[pi] += 1;
                    open_at_end_cat[cat] += 1;
                }
            }
            if t.created < start {
                continue;
            }
            let month = mc.clamp(0, n_months as i32 - 1) as usize;

            // Business seconds, each computed once and shared by the clock and the SLA check.
            let answer = response.or(resolved);
            let biz_answer = answer.map(|e| biz(t.created, e));
            let biz_resolved = match (resolved, response) {
                (Some(r), Some(_)) => Some(biz(t.created, r)),
                (Some(_), None) => biz_answer,
                (None, _) => None,
            };
            let cap = |s: i64| s.clamp(0, i64::from(u32::MAX - 1)) as u32;
            let (ttfr, ttr) = match params.clock {
                Clock::Business => (
                    if response.is_some() {
                        biz_answer.map_or(NONE, cap)
                    } else {
                        NONE
                    },
                    biz_resolved.map_or(NONE, cap),
                ),
                Clock::Calendar => (
                    response.map_or(NONE, |r| cap(r - t.created)),
                    resolved.map_or(NONE, |r| cap(r - t.created)),
                ),
            };
            let mut open_biz: Option<i64> = None;
            let mut judge = |source: Option<bool>, event_biz: Option<i64>, target: i64| -> Sla {
                if let Some(v) = source {
                    return if v { Sla::Met } else { Sla::Breached };
                }
                match event_biz {
                    Some(b) if b <= target => Sla::Met,
                    Some(_) => Sla::Breached,
                    None if done => Sla::Pending,
                    None => {
                        let b = *open_biz.get_or_insert_with(|| biz(t.created, as_of));
                        if b > target {
                            Sla::Breached
                        } else {
                            Sla::Pending
                        }
                    }
                }
            };
            let sla_r = judge(
                t.sla_response,
                biz_answer,
                targets.first_response_secs(prio),
            );
            let sla_s = judge(
                t.sla_resolution,
                biz_resolved,
                targets.resolution_secs(prio),
            );

            let cell = &mut acc_sm[school * n_months + month];
            cell.tickets[pi] += 1;
            cell.tickets_dev[pi] += u32::from(has_dev[school]);
            cell.tickets_pup[pi] += u32::from(has_pup[school]);
            let c = &mut acc_cat[cat];
            c.tickets += 1;
            c.tickets_dev += u32::from(has_dev[school]);
            c.tickets_pup += u32::from(has_pup[school]);
            for (k, s) in [sla_r, sla_s].into_iter().enumerate() {
                match s {
                    Sla::Met => {
                        cell.sla[k][pi].met += 1;
                        c.sla[k][pi].met += 1;
                    }
                    Sla::Breached => {
                        cell.sla[k][pi].breached += 1;
                        c.sla[k][pi].breached += 1;
                    }
                    Sla::Pending => {}
                }
            }
            if let Some(r) = t.reopen_count {
                cell.reopen_known[pi] += 1;
                cell.reopened[pi] += u32::from(r > 0);
                c.reopen_known += 1;
                c.reopened += u32::from(r > 0);
            }
            recs.push(Rec {
                ttfr,
                ttr,
                school: school as u16,
                month: month as u16,
                cat: cat.min(usize::from(u16::MAX)) as u16,
                prio: pi as u8,
            });
        }
        Scan {
            recs,
            acc_sm,
            acc_cat,
            backlog_diff,
            open_at_end_prio,
            open_at_end_cat,
            skipped,
        }
    };
    // Two threads, each over half of the tickets; then the halves are merged.
    let half = input.tickets.len() / 2;
    let (mut sa, sb) = std::thread::scope(|sc| {
        let h = sc.spawn(|| scan(&input.tickets[half..]));
        let a = scan(&input.tickets[..half]);
        (a, h.join().ok())
    });
    let sb = sb.unwrap_or_else(|| scan(&input.tickets[half..]));
    sa.add_sums(&sb);
    let Scan {
        recs: recs_a,
        acc_sm,
        acc_cat,
        backlog_diff,
        open_at_end_prio,
        open_at_end_cat,
        skipped,
    } = sa;
    let skipped = skipped + sb.skipped;
    let recs_b = sb.recs;
    // Sums of the cells: per school, month, priority, district.
    let acc_sm_flat: Vec<Acc> = acc_sm.iter().map(|c| c.flat(None)).collect();
    let (acc_school, acc_month, acc_prio, total) =
        cell_sums(&acc_sm, &acc_sm_flat, n_school_groups, n_months);

    // Backlog at every month end per school.
    let mut backlog_sm = vec![0u32; n_school_groups * n_months];
    for s in 0..n_school_groups {
        let mut run = 0i32;
        for m in 0..n_months {
            run += backlog_diff[s * (n_months + 1) + m];
            backlog_sm[s * n_months + m] = run.max(0) as u32;
        }
    }

    // Percentiles per grouping: one radix sort per figure, then one walk over all groupings
    // (the two figures in parallel).
    let walk = |ttr: bool| group_stats(&recs_a, &recs_b, ttr, n_school_groups, n_months, n_cats);
    let (fr, rs) = std::thread::scope(|sc| {
        let h = sc.spawn(|| walk(false));
        let rs = walk(true);
        (h.join().unwrap_or_else(|_| walk(false)), rs)
    });
    let [fr_school, fr_month, fr_prio, fr_cat, fr_sm, fr_all] = fr;
    let [rs_school, rs_month, rs_prio, rs_cat, rs_sm, rs_all] = rs;
    let s_school = (fr_school, rs_school);
    let s_month = (fr_month, rs_month);
    let s_prio = (fr_prio, rs_prio);
    let s_cat = (fr_cat, rs_cat);
    let s_sm = (fr_sm, rs_sm);
    let s_all = (fr_all, rs_all);

    // Denominators.
    let total_devices: f64 = devices.iter().flatten().sum();
    let total_pupils: f64 = input.schools.iter().filter_map(|s| s.pupils).sum();
    let per100 = |n: u32, base: Option<f64>| -> Option<f64> {
        base.filter(|&b| b > 0.0).map(|b| f64::from(n) * 100.0 / b)
    };
    let district_dev = (total_devices > 0.0).then_some(total_devices);
    let district_pup = (total_pupils > 0.0).then_some(total_pupils);
    let small_n = params.small_n;
    let row = |key: String,
               label: String,
               a: &Acc,
               ttfr: Stats,
               ttr: Stats,
               backlog: u32,
               dev: Option<f64>,
               pup: Option<f64>|
     -> KpiRow {
        let sum = |k: usize| {
            a.sla[k].iter().fold(SlaCount::default(), |x, y| SlaCount {
                met: x.met + y.met,
                breached: x.breached + y.breached,
            })
        };
        KpiRow {
            key,
            label,
            tickets: a.tickets,
            per_100_devices: per100(a.tickets_dev, dev),
            per_100_pupils: per100(a.tickets_pup, pup),
            ttfr,
            ttr,
            sla_first_response: sum(0),
            sla_resolution: sum(1),
            sla_first_response_by_priority: a.sla[0],
            sla_resolution_by_priority: a.sla[1],
            backlog_end: backlog,
            reopen_rate_pct: (a.reopen_known > 0)
                .then(|| f64::from(a.reopened) * 100.0 / f64::from(a.reopen_known)),
            reopen_n: a.reopen_known,
            small_n: a.tickets < small_n,
        }
    };

    let last = n_months - 1;
    let mut by_school = Vec::with_capacity(n_school_groups);
    for (i, s) in input.schools.iter().enumerate() {
        by_school.push(row(
            s.schulnummer.clone(),
            s.name.clone(),
            &acc_school[i],
            s_school.0[i],
            s_school.1[i],
            backlog_sm[i * n_months + last],
            devices[i],
            s.pupils,
        ));
    }
    let unmatched = n_schools;
    let has_unmatched =
        acc_school[unmatched].tickets > 0 || backlog_sm[unmatched * n_months + last] > 0;
    if has_unmatched {
        by_school.push(row(
            String::new(),
            "ohne Zuordnung zu einer Schule".into(),
            &acc_school[unmatched],
            s_school.0[unmatched],
            s_school.1[unmatched],
            backlog_sm[unmatched * n_months + last],
            None,
            None,
        ));
    }
    let backlog_month: Vec<u32> = (0..n_months)
        .map(|m| {
            (0..n_school_groups)
                .map(|s| backlog_sm[s * n_months + m])
                .sum()
        })
        .collect();
    let by_month: Vec<KpiRow> = (0..n_months)
        .map(|m| {
            row(
                months[m].clone(),
                month_label(&months[m]),
                &acc_month[m],
                s_month.0[m],
                s_month.1[m],
                backlog_month[m],
                district_dev,
                district_pup,
            )
        })
        .collect();
    let by_priority: Vec<KpiRow> = (0..4)
        .map(|p| {
            row(
                format!("P{}", p + 1),
                priority_label(p as u8 + 1).into(),
                &acc_prio[p],
                s_prio.0[p],
                s_prio.1[p],
                open_at_end_prio[p],
                district_dev,
                district_pup,
            )
        })
        .collect();
    let by_category: Vec<KpiRow> = (0..n_cats)
        .filter(|&c| acc_cat[c].tickets > 0 || open_at_end_cat[c] > 0)
        .map(|c| {
            let name = input.categories.get(c).cloned().unwrap_or_default();
            let label = if name.is_empty() {
                "(ohne Kategorie)".to_string()
            } else {
                name.clone()
            };
            row(
                name,
                label,
                &acc_cat[c],
                s_cat.0[c],
                s_cat.1[c],
                open_at_end_cat[c],
                district_dev,
                district_pup,
            )
        })
        .collect();
    let district = row(
        "district".into(),
        "Schulträger gesamt".into(),
        &total,
        s_all.0[0],
        s_all.1[0],
        backlog_month[last],
        district_dev,
        district_pup,
    );
    let n_rows = if has_unmatched {
        n_school_groups
    } else {
        n_schools
    };
    let school_month: Vec<Vec<Cell>> = (0..n_rows)
        .map(|s| {
            (0..n_months)
                .map(|m| {
                    let i = s * n_months + m;
                    let a = &acc_sm_flat[i];
                    let res = a.sla[1].iter().fold(SlaCount::default(), |x, y| SlaCount {
                        met: x.met + y.met,
                        breached: x.breached + y.breached,
                    });
                    Cell {
                        tickets: a.tickets,
                        ttfr_median: s_sm.0[i].median,
                        ttr_median: s_sm.1[i].median,
                        ttr_n: s_sm.1[i].n,
                        sla_resolution_pct: res.pct(),
                        backlog_end: backlog_sm[i],
                    }
                })
                .collect()
        })
        .collect();
    KpiResult {
        from,
        to,
        as_of,
        clock: params.clock,
        priority: params.priority,
        months,
        district,
        by_school,
        by_month,
        by_priority,
        by_category,
        school_month,
        small_n,
        skipped,
    }
}
