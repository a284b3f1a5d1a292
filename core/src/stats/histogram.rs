//! RTT histogram with "sensible" bins.

use super::percentile;

/// One histogram bar: values in `[lo, hi)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Bin {
    pub lo: i64,
    /// Exclusive. The last bin may be the overflow bin, with `hi = i64::MAX`.
    pub hi: i64,
    pub count: usize,
}

/// The most regular bins; with 1-2-5 widths this gives 16..=40 bins whenever p99 ≥ 40.
const MAX_BINS: i128 = 40;

/// Histogram of ascending values (from [`values`](super::values)): equal-width bins from 0 (or
/// from below the smallest value, if any is negative) up past the 99th percentile, with a
/// "round" 1-2-5 width (1, 2, 5, 10, 20, 50 ms …): the smallest such width for which at most 40
/// bins cover `[0, p99]`, so there are 16 to 40 of them once p99 reaches 40. Values at or above
/// the last edge go to one overflow bin (`hi = i64::MAX`), present only when it is not empty:
/// a handful of 10-second outliers then cost one bar instead of squashing the other forty.
///
/// Empty input gives no bins. Every value is counted exactly once.
///
/// ```
/// use logins_core::stats::{rtt_histogram, Bin};
/// // p99 of 1..=100 is 99 → width 5 (bins of 1 and 2 would be 100 and 50 > 40): 20 bins up to
/// // 100, and 100 itself in the overflow bin.
/// let v: Vec<i64> = (1..=100).collect();
/// let bins = rtt_histogram(&v);
/// assert_eq!(bins.len(), 21);
/// assert_eq!(bins[0], Bin { lo: 0, hi: 5, count: 4 });
/// assert_eq!(bins[20], Bin { lo: 100, hi: i64::MAX, count: 1 });
/// ```
pub fn rtt_histogram(sorted: &[i64]) -> Vec<Bin> {
    let (Some(&min), Some(&max), Some(p99)) =
        (sorted.first(), sorted.last(), percentile(sorted, 99.0))
    else {
        return Vec::new();
    };
    let (min, max, p99) = (i128::from(min), i128::from(max), i128::from(p99));
    let width = nice_width(p99 - min.min(0));
    // Start at 0, or at the multiple of the width just below a negative minimum.
    let lo = if min < 0 {
        min.div_euclid(width) * width
    } else {
        0
    };
    // Regular bins up to the first edge above p99.
    let regular = (p99 - lo) / width + 1;
    let last_edge = lo + regular * width;
    let clamp = |x: i128| x.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
    let mut bins: Vec<Bin> = (0..regular)
        .map(|i| Bin {
            lo: clamp(lo + i * width),
            hi: clamp(lo + (i + 1) * width),
            count: 0,
        })
        .collect();
    if max >= last_edge {
        bins.push(Bin {
            lo: clamp(last_edge),
            hi: i64::MAX,
            count: 0,
        });
    }
    let last = bins.len() - 1;
    for &v in sorted {
        // Sorted input: a running index would do, but this is branch-free and as fast.
        let i = ((i128::from(v) - lo) / width).clamp(0, last as i128) as usize;
        bins[i].count += 1;
    }
    bins
}

/// The smallest width among 1, 2, 5, 10, 20, 50, … with which `MAX_BINS` bins of it cover
/// `range + 1` integers.
fn nice_width(range: i128) -> i128 {
    let mut decade: i128 = 1;
    loop {
        for step in [1, 2, 5] {
            let w = step * decade;
            if range / w < MAX_BINS {
                return w;
            }
        }
        decade *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hand_computed_bins() {
        // p99 of [3, 7, 12, 12, 38] is 38 (rank ceil(4.95) = 5): range 38 → width 1 (39 bins).
        let bins = rtt_histogram(&[3, 7, 12, 12, 38]);
        assert_eq!(bins.len(), 39);
        assert_eq!(
            bins[12],
            Bin {
                lo: 12,
                hi: 13,
                count: 2
            }
        );
        assert_eq!(
            bins[38],
            Bin {
                lo: 38,
                hi: 39,
                count: 1
            }
        );
        // 0..=40 needs 41 bins of 1 → width 2, 21 bins [0,2) … [40,42).
        let v: Vec<i64> = (0..=40).collect();
        let bins = rtt_histogram(&v);
        assert_eq!(
            (bins.len(), bins[0]),
            (
                21,
                Bin {
                    lo: 0,
                    hi: 2,
                    count: 2
                }
            )
        );
        assert_eq!(
            bins[20],
            Bin {
                lo: 40,
                hi: 42,
                count: 1
            }
        );
        // 99 values of 100 ms and one of 10 s: p99 = 100 → width 5, bins up to 105, overflow.
        let mut v = vec![100; 99];
        v.push(10_000);
        let bins = rtt_histogram(&v);
        assert_eq!(bins.len(), 22);
        assert_eq!(
            bins[20],
            Bin {
                lo: 100,
                hi: 105,
                count: 99
            }
        );
        assert_eq!(
            bins[21],
            Bin {
                lo: 105,
                hi: i64::MAX,
                count: 1
            }
        );
        // 0..=252: p99 = rank ceil(250.47) = 251, the value 250 → width 10 (bins of 5 would
        // be 51): 26 bins up to 260 hold everything, so no overflow bin.
        let v: Vec<i64> = (0..=252).collect();
        let bins = rtt_histogram(&v);
        assert_eq!(bins.len(), 26);
        assert_eq!(
            bins[1],
            Bin {
                lo: 10,
                hi: 20,
                count: 10
            }
        );
        assert_eq!(
            bins[25],
            Bin {
                lo: 250,
                hi: 260,
                count: 3
            }
        );
    }

    #[test]
    fn edge_cases() {
        assert!(rtt_histogram(&[]).is_empty());
        assert_eq!(
            rtt_histogram(&[0]),
            [Bin {
                lo: 0,
                hi: 1,
                count: 1
            }]
        );
        assert_eq!(rtt_histogram(&[7]), {
            let mut b: Vec<Bin> = (0..8)
                .map(|i| Bin {
                    lo: i,
                    hi: i + 1,
                    count: 0,
                })
                .collect();
            b[7].count = 1;
            b
        });
        // Negative values (not from `values`, but accepted): bins start below them.
        let bins = rtt_histogram(&[-3, 1]);
        assert_eq!(
            bins[0],
            Bin {
                lo: -3,
                hi: -2,
                count: 1
            }
        );
        // Extremes do not overflow.
        let bins = rtt_histogram(&[i64::MIN, 0, i64::MAX]);
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 3);
        let bins = rtt_histogram(&[i64::MAX; 3]);
        assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), 3);
        assert!(bins.len() <= 41);
    }

    proptest! {
        #[test]
        fn bins_partition_the_values(mut v in prop::collection::vec(0i64..700_000, 1..300)) {
            v.sort_unstable();
            let bins = rtt_histogram(&v);
            prop_assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), v.len());
            prop_assert!(bins.len() <= 41);
            prop_assert_eq!(bins[0].lo, 0);
            for pair in bins.windows(2) {
                prop_assert_eq!(pair[0].hi, pair[1].lo);
            }
            for b in &bins {
                let n = v.iter().filter(|&&x| b.lo <= x && x < b.hi).count();
                prop_assert_eq!(n, b.count);
            }
            let p99 = percentile(&v, 99.0).unwrap();
            let regular = bins.iter().filter(|b| b.hi != i64::MAX).count();
            prop_assert!(bins[regular - 1].hi > p99);
            if p99 >= 40 {
                prop_assert!((16..=40).contains(&regular), "{} bins", regular);
            }
        }
    }
}
