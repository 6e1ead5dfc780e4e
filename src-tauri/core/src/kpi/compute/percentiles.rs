//! The percentile groups: TTFR or TTR of all records sorted once (radix sort), then one walk
//! fills the groupings school, month, priority, category, school × month and district.

use super::acc::{Rec, NONE};
use crate::kpi::grouped::{radix_sort_recs, Grouping, SortRec};
use crate::kpi::percentile::Stats;

/// Stats of one figure (`ttr`: resolution, else first response) for the six groupings, in the
/// order school, month, priority, category, school × month, district.
pub(super) fn group_stats(
    recs_a: &[Rec],
    recs_b: &[Rec],
    ttr: bool,
    n_school_groups: usize,
    n_months: usize,
    n_cats: usize,
) -> [Vec<Stats>; 6] {
    let n_sm = n_school_groups * n_months;
    let mut gs = [
        Grouping::new(n_school_groups),
        Grouping::new(n_months),
        Grouping::new(4),
        Grouping::new(n_cats),
        Grouping::new(n_sm),
        Grouping::new(1),
    ];
    let mut sorted: Vec<SortRec> = Vec::with_capacity(recs_a.len() + recs_b.len());
    for r in recs_a.iter().chain(recs_b) {
        let v = if ttr { r.ttr } else { r.ttfr };
        if v == NONE {
            continue;
        }
        sorted.push(SortRec {
            v,
            school: r.school,
            month: r.month,
            cat: r.cat,
            prio: r.prio,
        });
    }
    let keys = |r: &SortRec| {
        let s = usize::from(r.school);
        let m = usize::from(r.month);
        [
            s,
            m,
            usize::from(r.prio),
            usize::from(r.cat).min(n_cats - 1),
            s * n_months + m,
            0,
        ]
    };
    for r in &sorted {
        for (g, k) in gs.iter_mut().zip(keys(r)) {
            g.count(k, r.v);
        }
    }
    for g in gs.iter_mut() {
        g.prepare();
    }
    radix_sort_recs(&mut sorted);
    for r in &sorted {
        for (g, k) in gs.iter_mut().zip(keys(r)) {
            g.take(k, r.v);
        }
    }
    gs.map(|g| g.stats())
}
