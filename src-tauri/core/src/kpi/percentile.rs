//! Percentiles by linear interpolation between order statistics — the definition of Excel's
//! PERCENTILE.INC / QUANTILE.INC and numpy's default (`method="linear"`), R type 7:
//! for sorted `x[0..n]` and `p ∈ [0, 1]`, `h = (n − 1)·p`, result `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.

use serde::Serialize;

/// Percentile of already sorted values; `None` for an empty slice.
pub fn percentile_sorted(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    let a = sorted[lo];
    Some(if lo + 1 < n {
        a + frac * (sorted[lo + 1] - a)
    } else {
        a
    })
}

/// Percentile of any values (sorts a copy).
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    v.sort_by(f64::total_cmp);
    percentile_sorted(&v, p)
}

/// Summary of one group of durations (minutes).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Stats {
    pub n: u32,
    pub mean: Option<f64>,
    pub p25: Option<f64>,
    pub median: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
}

const PS: [f64; 4] = [0.25, 0.5, 0.75, 0.9];

/// Summarises durations given in seconds (as `u32`) into minutes. Reorders `values` (selection,
/// O(n) per requested rank, no full sort); results equal `percentile` on the sorted values.
pub fn summarize_seconds(values: &mut [u32]) -> Stats {
    let n = values.len();
    if n == 0 {
        return Stats::default();
    }
    let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
    let mean = sum as f64 / n as f64 / 60.0;
    let mut out = [0f64; 4];
    if n <= 48 {
        values.sort_unstable();
        for (o, p) in out.iter_mut().zip(PS) {
            *o = percentile_sorted_u32(values, p);
        }
    } else {
        // Ascending ranks; after selecting rank k the slice is partitioned around k, so the next
        // (larger) ranks are searched only to the right of k.
        let mut done = 0usize; // everything left of `done` is ≤ values[done..]
        for (o, p) in out.iter_mut().zip(PS) {
            let h = (n - 1) as f64 * p;
            let lo = h.floor() as usize;
            let frac = h - lo as f64;
            if lo >= done {
                values[done..].select_nth_unstable(lo - done);
                done = lo;
            }
            let a = values[lo];
            let b = if lo + 1 < n && frac > 0.0 {
                *values[lo + 1..].iter().min().unwrap_or(&a)
            } else {
                a
            };
            *o = (f64::from(a) + frac * (f64::from(b) - f64::from(a))) / 60.0;
        }
    }
    Stats {
        n: n as u32,
        mean: Some(mean),
        p25: Some(out[0]),
        median: Some(out[1]),
        p75: Some(out[2]),
        p90: Some(out[3]),
    }
}

fn percentile_sorted_u32(sorted: &[u32], p: f64) -> f64 {
    let n = sorted.len();
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    let a = f64::from(sorted[lo]);
    let b = if lo + 1 < n {
        f64::from(sorted[lo + 1])
    } else {
        a
    };
    (a + frac * (b - a)) / 60.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_examples() {
        // Excel: =PERCENTILE.INC({15;20;35;40;50};0,4) = 29  (h = 4·0,4 = 1,6 → 20 + 0,6·15)
        assert_eq!(percentile(&[15.0, 20.0, 35.0, 40.0, 50.0], 0.4), Some(29.0));
        // numpy.percentile([1,2,3,4], 90) = 3.7  (h = 3·0,9 = 2,7 → 3 + 0,7·1)
        let p90 = percentile(&[4.0, 1.0, 3.0, 2.0], 0.9).unwrap();
        assert!((p90 - 3.7).abs() < 1e-12);
        // Median of an even count is the mean of the middle two.
        assert_eq!(percentile(&[10.0, 30.0, 20.0, 40.0], 0.5), Some(25.0));
        assert_eq!(percentile(&[7.0], 0.9), Some(7.0));
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[1.0, 2.0], 1.0), Some(2.0));
    }

    #[test]
    fn summary_in_minutes() {
        // 60, 120, 180, 240, 600 seconds = 1, 2, 3, 4, 10 minutes.
        let mut v = vec![600, 60, 240, 120, 180];
        let s = summarize_seconds(&mut v);
        assert_eq!(s.n, 5);
        assert_eq!(s.mean, Some(4.0)); // (1+2+3+4+10)/5
        assert_eq!(s.p25, Some(2.0)); // h = 1
        assert_eq!(s.median, Some(3.0)); // h = 2
        assert_eq!(s.p75, Some(4.0)); // h = 3
        assert!((s.p90.unwrap() - 7.6).abs() < 1e-9); // h = 3,6 → 4 + 0,6·6
        assert_eq!(summarize_seconds(&mut []).n, 0);
    }

    #[test]
    fn selection_equals_sorting_on_large_groups() {
        let mut rng = crate::demo::Rng::new(7);
        for n in [49usize, 50, 100, 1001, 4096] {
            let v: Vec<u32> = (0..n).map(|_| rng.range_i64(0, 100_000) as u32).collect();
            let mut sorted: Vec<f64> = v.iter().map(|&x| f64::from(x) / 60.0).collect();
            sorted.sort_by(f64::total_cmp);
            let s = summarize_seconds(&mut v.clone());
            for (got, p) in [(s.p25, 0.25), (s.median, 0.5), (s.p75, 0.75), (s.p90, 0.9)] {
                let want = percentile_sorted(&sorted, p).unwrap();
                assert!((got.unwrap() - want).abs() < 1e-9, "n={n} p={p}");
            }
        }
    }
}
