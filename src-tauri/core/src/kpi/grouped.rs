//! Percentiles of many groupings at once, fast: the values are sorted once (LSD radix sort on
//! the 32-bit value), then one sequential walk hands every value to its group in every grouping;
//! a group picks up exactly the order statistics its percentiles need (rank ⌊h⌋ and ⌊h⌋+1 for
//! each p, PERCENTILE.INC). Same results as sorting each group, in O(n · groupings).

use super::percentile::Stats;

/// The percentiles every group reports.
pub const PS: [f64; 4] = [0.25, 0.5, 0.75, 0.9];
const MAX_RANKS: usize = 8;

/// Stable LSD radix sort of `items` by a 32-bit key: 11 bits a pass (the 2,048 counters stay
/// in the L1 cache), passes whose digit is the same for every item skipped — times up to
/// 48 days in seconds need two passes instead of three with byte digits.
fn radix_sort_by<T: Copy + Default>(items: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let n = items.len();
    if n < 2 {
        return;
    }
    let mut tmp = vec![T::default(); n];
    let mut count = vec![0usize; BUCKETS];
    let mut shift = 0;
    while shift < 32 {
        let digit = |t: &T| ((key(t) >> shift) as usize) & (BUCKETS - 1);
        count.iter_mut().for_each(|c| *c = 0);
        for t in items.iter() {
            count[digit(t)] += 1;
        }
        if !count.contains(&n) {
            let mut sum = 0;
            for c in count.iter_mut() {
                let here = *c;
                *c = sum;
                sum += here;
            }
            for t in items.iter() {
                let d = digit(t);
                tmp[count[d]] = *t;
                count[d] += 1;
            }
            std::mem::swap(items, &mut tmp);
        }
        shift += BITS;
    }
}

/// Sorts `keys` by their upper 32 bits (the value; the lower 32 bits carry an index).
pub fn radix_sort_by_value(keys: &mut Vec<u64>) {
    radix_sort_by(keys, |k| (k >> 32) as u32);
}

/// A value with its group keys, sorted by value without touching the tickets again.
#[derive(Debug, Clone, Copy, Default)]
pub struct SortRec {
    pub v: u32,
    pub school: u16,
    pub month: u16,
    pub cat: u16,
    pub prio: u8,
}

/// Sorts `recs` by `v` (stable).
pub fn radix_sort_recs(recs: &mut Vec<SortRec>) {
    radix_sort_by(recs, |r| r.v);
}

/// Order-statistics collector for one grouping (e.g. "per school").
pub struct Grouping {
    count: Vec<u32>,
    sum: Vec<u64>,
    ranks: Vec<[u32; MAX_RANKS]>,
    n_ranks: Vec<u8>,
    next: Vec<u8>,
    seen: Vec<u32>,
    vals: Vec<[u32; MAX_RANKS]>,
}

impl Grouping {
    pub fn new(groups: usize) -> Grouping {
        Grouping {
            count: vec![0; groups],
            sum: vec![0; groups],
            ranks: Vec::new(),
            n_ranks: Vec::new(),
            next: Vec::new(),
            seen: Vec::new(),
            vals: Vec::new(),
        }
    }

    /// First pass: one value of group `g` (any order).
    #[inline]
    pub fn count(&mut self, g: usize, v: u32) {
        self.count[g] += 1;
        self.sum[g] += u64::from(v);
    }

    /// After counting: which ranks each group needs.
    pub fn prepare(&mut self) {
        let groups = self.count.len();
        self.ranks = vec![[0; MAX_RANKS]; groups];
        self.n_ranks = vec![0; groups];
        self.next = vec![0; groups];
        self.seen = vec![0; groups];
        self.vals = vec![[0; MAX_RANKS]; groups];
        for g in 0..groups {
            let n = self.count[g] as usize;
            if n == 0 {
                continue;
            }
            let mut r: Vec<u32> = Vec::with_capacity(MAX_RANKS);
            for p in PS {
                let h = (n - 1) as f64 * p;
                let lo = h.floor() as usize;
                r.push(lo as u32);
                if lo + 1 < n && h > lo as f64 {
                    r.push(lo as u32 + 1);
                }
            }
            r.sort_unstable();
            r.dedup();
            self.n_ranks[g] = r.len() as u8;
            self.ranks[g][..r.len()].copy_from_slice(&r);
        }
    }

    /// Second pass, values in ascending order: value `v` of group `g`.
    #[inline]
    pub fn take(&mut self, g: usize, v: u32) {
        let s = self.seen[g];
        self.seen[g] = s + 1;
        let i = self.next[g] as usize;
        if i < self.n_ranks[g] as usize && self.ranks[g][i] == s {
            self.vals[g][i] = v;
            self.next[g] += 1;
        }
    }

    /// The statistics (seconds in, minutes out).
    pub fn stats(&self) -> Vec<Stats> {
        (0..self.count.len())
            .map(|g| {
                let n = self.count[g] as usize;
                if n == 0 {
                    return Stats::default();
                }
                let nr = self.n_ranks[g] as usize;
                let at = |rank: usize| -> f64 {
                    let i = self.ranks[g][..nr]
                        .iter()
                        .position(|&r| r as usize == rank)
                        .unwrap_or(0);
                    f64::from(self.vals[g][i])
                };
                let q = |p: f64| -> f64 {
                    let h = (n - 1) as f64 * p;
                    let lo = h.floor() as usize;
                    let frac = h - lo as f64;
                    let a = at(lo);
                    let v = if lo + 1 < n && frac > 0.0 {
                        a + frac * (at(lo + 1) - a)
                    } else {
                        a
                    };
                    v / 60.0
                };
                Stats {
                    n: n as u32,
                    mean: Some(self.sum[g] as f64 / n as f64 / 60.0),
                    p25: Some(q(PS[0])),
                    median: Some(q(PS[1])),
                    p75: Some(q(PS[2])),
                    p90: Some(q(PS[3])),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::percentile::summarize_seconds;

    #[test]
    fn radix_sort_sorts_by_value_and_keeps_index() {
        let mut rng = crate::demo::Rng::new(3);
        let mut keys: Vec<u64> = (0..5000u64)
            .map(|i| (rng.range_i64(0, 40_000_000) as u64) << 32 | i)
            .collect();
        let mut want = keys.clone();
        want.sort_by_key(|k| k >> 32);
        radix_sort_by_value(&mut keys);
        let mut recs: Vec<SortRec> = keys
            .iter()
            .rev()
            .map(|k| SortRec {
                v: (k >> 32) as u32,
                ..Default::default()
            })
            .collect();
        radix_sort_recs(&mut recs);
        assert!(recs.windows(2).all(|w| w[0].v <= w[1].v));
        // Large values (all 32 bits in use) and stability: equal values keep their order.
        let mut big: Vec<SortRec> = (0..3000u32)
            .map(|i| SortRec {
                v: (i % 7) * 0x2492_4924 + (i % 3),
                school: i as u16,
                ..Default::default()
            })
            .collect();
        let mut want_big = big.clone();
        want_big.sort_by_key(|r| r.v); // stable
        radix_sort_recs(&mut big);
        let key = |r: &SortRec| (r.v, r.school);
        assert_eq!(
            big.iter().map(key).collect::<Vec<_>>(),
            want_big.iter().map(key).collect::<Vec<_>>()
        );
        let a: Vec<u64> = keys.iter().map(|k| k >> 32).collect();
        let b: Vec<u64> = want.iter().map(|k| k >> 32).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn grouped_walk_equals_per_group_summaries() {
        let mut rng = crate::demo::Rng::new(11);
        let groups = 7;
        let data: Vec<(usize, u32)> = (0..3000)
            .map(|_| {
                (
                    rng.range_i64(0, groups as i64 - 1) as usize,
                    rng.range_i64(0, 500_000) as u32,
                )
            })
            .collect();
        let mut g = Grouping::new(groups);
        for &(k, v) in &data {
            g.count(k, v);
        }
        g.prepare();
        let mut keys: Vec<u64> = data
            .iter()
            .enumerate()
            .map(|(i, &(_, v))| u64::from(v) << 32 | i as u64)
            .collect();
        radix_sort_by_value(&mut keys);
        for k in keys {
            let (grp, v) = data[(k & 0xFFFF_FFFF) as usize];
            g.take(grp, v);
        }
        let got = g.stats();
        for (k, st) in got.iter().enumerate() {
            let mut vals: Vec<u32> = data.iter().filter(|d| d.0 == k).map(|d| d.1).collect();
            let want = summarize_seconds(&mut vals);
            assert_eq!(st.n, want.n);
            for (a, b) in [
                (st.p25, want.p25),
                (st.median, want.median),
                (st.p75, want.p75),
                (st.p90, want.p90),
                (st.mean, want.mean),
            ] {
                assert!((a.unwrap() - b.unwrap()).abs() < 1e-9, "group {k}");
            }
        }
    }
}
