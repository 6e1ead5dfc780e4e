//! The accumulators of one pass over the tickets: per-ticket records for the percentiles,
//! SLA and ticket counts per school × month cell (by priority) and per category, and how
//! two halves and the cells are summed.

use super::SlaCount;

#[derive(Clone, Copy)]
pub(super) struct Rec {
    pub(super) ttfr: u32,
    pub(super) ttr: u32,
    pub(super) school: u16,
    pub(super) month: u16,
    pub(super) cat: u16,
    pub(super) prio: u8,
}

/// What one thread's pass over its share of the tickets collects.
pub(super) struct Scan {
    pub(super) recs: Vec<Rec>,
    pub(super) acc_sm: Vec<AccP>,
    pub(super) acc_cat: Vec<Acc>,
    pub(super) backlog_diff: Vec<i32>,
    pub(super) open_at_end_prio: [u32; 4],
    pub(super) open_at_end_cat: Vec<u32>,
    pub(super) skipped: u32,
}

pub(super) const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Default)]
pub(super) struct Acc {
    pub(super) tickets: u32,
    pub(super) tickets_dev: u32,
    pub(super) tickets_pup: u32,
    pub(super) sla: [[SlaCount; 4]; 2],
    pub(super) reopen_known: u32,
    pub(super) reopened: u32,
}

impl Acc {
    pub(super) fn merge(&mut self, a: &Acc) {
        self.tickets += a.tickets;
        self.tickets_dev += a.tickets_dev;
        self.tickets_pup += a.tickets_pup;
        for k in 0..2 {
            for p in 0..4 {
                self.sla[k][p].met += a.sla[k][p].met;
                self.sla[k][p].breached += a.sla[k][p].breached;
            }
        }
        self.reopen_known += a.reopen_known;
        self.reopened += a.reopened;
    }
}

/// Accumulator of one school × month cell, split by priority (the finest level; schools,
/// months, priorities and the district are sums of cells).
#[derive(Clone, Copy, Default)]
pub(super) struct AccP {
    pub(super) tickets: [u32; 4],
    pub(super) tickets_dev: [u32; 4],
    pub(super) tickets_pup: [u32; 4],
    pub(super) sla: [[SlaCount; 4]; 2],
    pub(super) reopen_known: [u32; 4],
    pub(super) reopened: [u32; 4],
}

impl AccP {
    /// All priorities (`None`) or one.
    pub(super) fn flat(&self, only: Option<usize>) -> Acc {
        let mut a = Acc::default();
        for p in 0..4 {
            if only.is_some_and(|o| o != p) {
                continue;
            }
            a.tickets += self.tickets[p];
            a.tickets_dev += self.tickets_dev[p];
            a.tickets_pup += self.tickets_pup[p];
            a.sla[0][p] = self.sla[0][p];
            a.sla[1][p] = self.sla[1][p];
            a.reopen_known += self.reopen_known[p];
            a.reopened += self.reopened[p];
        }
        a
    }
}

/// Outcome of one SLA check.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sla {
    Met,
    Breached,
    Pending,
}

impl Scan {
    /// Adds the sums of the other half (its records and skipped count are taken separately).
    pub(super) fn add_sums(&mut self, other: &Scan) {
        for (x, y) in self.acc_sm.iter_mut().zip(&other.acc_sm) {
            for p in 0..4 {
                x.tickets[p] += y.tickets[p];
                x.tickets_dev[p] += y.tickets_dev[p];
                x.tickets_pup[p] += y.tickets_pup[p];
                x.reopen_known[p] += y.reopen_known[p];
                x.reopened[p] += y.reopened[p];
                for k in 0..2 {
                    x.sla[k][p].met += y.sla[k][p].met;
                    x.sla[k][p].breached += y.sla[k][p].breached;
                }
            }
        }
        for (x, y) in self.acc_cat.iter_mut().zip(&other.acc_cat) {
            x.merge(y);
        }
        for (x, y) in self.backlog_diff.iter_mut().zip(&other.backlog_diff) {
            *x += y;
        }
        for (x, y) in self.open_at_end_cat.iter_mut().zip(&other.open_at_end_cat) {
            *x += y;
        }
        for p in 0..4 {
            self.open_at_end_prio[p] += other.open_at_end_prio[p];
        }
    }
}

/// Sums of the cells: per school, month, priority and the district.
pub(super) fn cell_sums(
    acc_sm: &[AccP],
    acc_sm_flat: &[Acc],
    n_school_groups: usize,
    n_months: usize,
) -> (Vec<Acc>, Vec<Acc>, [Acc; 4], Acc) {
    let mut acc_school = vec![Acc::default(); n_school_groups];
    let mut acc_month = vec![Acc::default(); n_months];
    let mut acc_prio = [Acc::default(); 4];
    let mut total = Acc::default();
    for (s, acc_s) in acc_school.iter_mut().enumerate() {
        for (m, acc_m) in acc_month.iter_mut().enumerate() {
            let i = s * n_months + m;
            let f = &acc_sm_flat[i];
            acc_s.merge(f);
            acc_m.merge(f);
            total.merge(f);
            for (p, ap) in acc_prio.iter_mut().enumerate() {
                ap.merge(&acc_sm[i].flat(Some(p)));
            }
        }
    }
    (acc_school, acc_month, acc_prio, total)
}
