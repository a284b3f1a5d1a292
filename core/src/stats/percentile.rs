//! Percentiles by the nearest-rank method.
//!
//! Why nearest-rank: the answer is always a value that occurred ("95% of logins had an RTT of at
//! most 180 ms" is then literally true), it needs no interpolation rule that other tools would
//! apply differently, and it is easy to check by hand.

/// The `p`-th percentile of ascending `sorted` values, by nearest rank: for `0 < p <= 100`,
/// `rank = ceil(p / 100 * n)` (1-based) and the answer is `sorted[rank - 1]`. `None` when
/// `sorted` is empty or `p` is NaN. A `p` at or below 0 gives the smallest value (rank 1), above
/// 100 the largest.
///
/// The rank is computed so that floating-point noise cannot push an exact rank up by one
/// (`p = 7, n = 100` is rank 7, although `0.07 * 100` is `7.000000000000001` in `f64`).
///
/// ```
/// use logins_core::stats::percentile;
/// let v = [15, 20, 35, 40, 50];
/// assert_eq!(percentile(&v, 5.0), Some(15));   // ceil(0.25) = rank 1
/// assert_eq!(percentile(&v, 30.0), Some(20));  // ceil(1.5)  = rank 2
/// assert_eq!(percentile(&v, 40.0), Some(20));  // ceil(2.0)  = rank 2
/// assert_eq!(percentile(&v, 50.0), Some(35));  // ceil(2.5)  = rank 3
/// assert_eq!(percentile(&v, 100.0), Some(50)); // rank 5
/// assert_eq!(percentile(&[], 50.0), None);
/// ```
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    sorted.get(rank_index(sorted.len(), p)?).copied()
}

/// The 0-based position of the nearest-rank `p`-th percentile among `n` sorted values (see
/// [`percentile`]); `None` when `n` is 0 or `p` is NaN.
pub(crate) fn rank_index(n: usize, p: f64) -> Option<usize> {
    if n == 0 || p.is_nan() {
        return None;
    }
    // Multiply before dividing: for whole p and n both steps are exact in f64.
    let x = p * n as f64 / 100.0;
    let mut rank = x.ceil();
    // Noise of a few ulps above an integer (7.000000000000001): that integer is the rank.
    // Genuine fractions of p * n / 100 are far larger for any p with a few decimals.
    let noise = x.abs() * 8.0 * f64::EPSILON + 1e-12;
    if rank - x > 1.0 - noise {
        rank -= 1.0;
    }
    // `as` saturates (and maps NaN to 0), so this is in 1..=n for any rank.
    Some((rank as usize).clamp(1, n) - 1)
}

/// The nearest-rank percentiles `ps` of unsorted `values`, exactly as [`percentile`] would give
/// them after sorting, in O(n) per percentile instead of a sort: for KPIs that need two
/// numbers of 100,000 values. Reorders `values`.
pub(crate) fn select_percentiles<const N: usize>(
    values: &mut [i64],
    ps: [f64; N],
) -> [Option<i64>; N] {
    let n = values.len();
    let mut out = [None; N];
    let mut order: [(usize, usize); N] = [(0, 0); N];
    let mut wanted = 0;
    for (j, &p) in ps.iter().enumerate() {
        if let Some(k) = rank_index(n, p) {
            order[wanted] = (k, j);
            wanted += 1;
        }
    }
    let order = &mut order[..wanted];
    // Descending; an insertion sort, since N is a handful (a library sort would be one more
    // instantiation of its code in the wasm).
    for i in 1..order.len() {
        let mut j = i;
        while j > 0 && order[j - 1] < order[j] {
            order.swap(j - 1, j);
            j -= 1;
        }
    }
    // Largest rank first: after selecting position k, the k smallest values are in [..k], so
    // each smaller rank is selected within that prefix.
    let mut limit = n;
    for &(k, j) in order.iter() {
        if k < limit {
            values[..limit].select_nth_unstable(k);
            limit = k;
        }
        out[j] = values.get(k).copied();
    }
    out
}

/// The median: the 50th percentile by nearest rank, i.e. the lower middle value for an even
/// count (`[1, 2, 3, 4]` → 2), never an average of two values.
pub fn median(sorted: &[i64]) -> Option<i64> {
    percentile(sorted, 50.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hand_computed_ranks() {
        // n = 10: p95 → ceil(9.5) = 10, p90 → 9, p50 → 5, p10 → 1, p11 → ceil(1.1) = 2.
        let v: Vec<i64> = (1..=10).map(|i| i * 10).collect();
        assert_eq!(percentile(&v, 95.0), Some(100));
        assert_eq!(percentile(&v, 90.0), Some(90));
        assert_eq!(percentile(&v, 50.0), Some(50));
        assert_eq!(percentile(&v, 10.0), Some(10));
        assert_eq!(percentile(&v, 11.0), Some(20));
        // n = 20: p95 → 19 exactly.
        let v: Vec<i64> = (1..=20).collect();
        assert_eq!(percentile(&v, 95.0), Some(19));
        assert_eq!(percentile(&v, 99.0), Some(20)); // ceil(19.8)
                                                    // n = 100, p = 7: rank 7 although 0.07 * 100 > 7 in f64.
        let v: Vec<i64> = (1..=100).collect();
        for p in 1..=100 {
            assert_eq!(percentile(&v, f64::from(p)), Some(i64::from(p)), "p{p}");
        }
        assert_eq!(percentile(&v, 99.9), Some(100));
        assert_eq!(percentile(&v, 0.5), Some(1));
        // n = 1000: p99.9 → 999.
        let v: Vec<i64> = (1..=1000).collect();
        assert_eq!(percentile(&v, 99.9), Some(999));
    }

    #[test]
    fn one_value_ties_and_medians() {
        assert_eq!(percentile(&[7], 0.001), Some(7));
        assert_eq!(percentile(&[7], 100.0), Some(7));
        assert_eq!(median(&[7]), Some(7));
        assert_eq!(median(&[1, 2, 3, 4]), Some(2));
        assert_eq!(median(&[1, 2, 3]), Some(2));
        assert_eq!(median(&[]), None);
        let ties = [5, 5, 5, 9];
        assert_eq!(percentile(&ties, 75.0), Some(5));
        assert_eq!(percentile(&ties, 76.0), Some(9));
    }

    #[test]
    fn odd_p_never_panics() {
        let v = [i64::MIN, 0, i64::MAX];
        assert_eq!(percentile(&v, 0.0), Some(i64::MIN));
        assert_eq!(percentile(&v, -5.0), Some(i64::MIN));
        assert_eq!(percentile(&v, 150.0), Some(i64::MAX));
        assert_eq!(percentile(&v, f64::INFINITY), Some(i64::MAX));
        assert_eq!(percentile(&v, f64::NEG_INFINITY), Some(i64::MIN));
        assert_eq!(percentile(&v, f64::NAN), None);
        assert_eq!(percentile(&v, f64::MIN_POSITIVE), Some(i64::MIN));
    }

    proptest! {
        /// The defining property of nearest rank: at least p% of the values are ≤ the answer,
        /// and fewer than p% are < it.
        #[test]
        fn nearest_rank_property(mut v in prop::collection::vec(-1000i64..1000, 1..200),
                                 p in 1u32..=1000) {
            v.sort_unstable();
            let p = f64::from(p) / 10.0; // 0.1 ..= 100.0
            let x = percentile(&v, p).unwrap();
            let n = v.len() as f64;
            let at_most = v.iter().filter(|&&y| y <= x).count() as f64;
            let below = v.iter().filter(|&&y| y < x).count() as f64;
            prop_assert!(at_most * 100.0 >= p * n - 1e-6);
            prop_assert!(below * 100.0 < p * n + 1e-6);
            prop_assert!(v.contains(&x));
        }

        /// Selecting gives what sorting gives.
        #[test]
        fn select_agrees_with_sort(v in prop::collection::vec(-50i64..50, 0..120),
                                   p in prop::array::uniform3(0u32..=1000)) {
            let ps = p.map(|p| f64::from(p) / 10.0);
            let mut sorted = v.clone();
            sorted.sort_unstable();
            let mut scratch = v.clone();
            let got = select_percentiles(&mut scratch, ps);
            prop_assert_eq!(got, ps.map(|p| percentile(&sorted, p)));
        }
    }
}
