//! Time series: RTT percentiles, logins and concurrent sessions per time bucket.
//!
//! All series use the same axis for the same rows and bucket: contiguous buckets from the
//! bucket boundary at or before the earliest connection start (`floor(min / bucket) * bucket`)
//! to the one holding the latest start, empty buckets included, so charts can be stacked and
//! compared point by point. The concurrency series may extend further, to the last session end.

use super::group_values;
use super::percentile::select_percentiles;
use super::values::{judge, Metric, Reading};
use crate::records::columns::ColumnId;
use crate::records::table::{RecordTable, RowId};

/// Candidate bucket sizes, seconds: 1, 5, 15, 30 minutes, 1, 3, 6, 12 hours, 1 day, 1 week.
const BUCKETS: [i64; 10] = [
    60, 300, 900, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 604_800,
];

/// The most buckets [`bucket_seconds`] aims for.
const MAX_AIM: i64 = 200;

/// The most points any series returns: a bucket too fine for the span is widened (to a whole
/// number of seconds) so that a caller's mistake costs a coarser chart, not gigabytes.
const MAX_POINTS: i128 = 10_000;

/// The bucket size for a time axis spanning `span_seconds`: the smallest of 1 min, 5 min,
/// 15 min, 30 min, 1 h, 3 h, 6 h, 12 h, 1 d and 7 d that needs at most 200 buckets. Since
/// neighbouring sizes differ by at most 7×, that is also at least 24 buckets whenever the span
/// is longer than 24 minutes and shorter than 200 weeks; shorter spans get 1-minute buckets,
/// longer ones weekly buckets (more than 200). A span of 0 or less gives 60.
///
/// ```
/// use logins_core::stats::bucket_seconds;
/// assert_eq!(bucket_seconds(3600), 60);          // 60 buckets
/// assert_eq!(bucket_seconds(86_400), 900);       // 96 buckets (5 min would be 288)
/// assert_eq!(bucket_seconds(30 * 86_400), 21_600); // 120 buckets of 6 h (3 h: 240)
/// ```
pub fn bucket_seconds(span_seconds: i64) -> i64 {
    BUCKETS
        .into_iter()
        .find(|&b| span_seconds <= b.saturating_mul(MAX_AIM))
        .unwrap_or(BUCKETS[BUCKETS.len() - 1])
}

/// Contiguous buckets covering `[min, max]` (both inclusive).
#[derive(Clone, Copy, Debug)]
struct Axis {
    first: i128,
    width: i128,
    count: usize,
}

impl Axis {
    fn new(min: i64, max: i64, bucket: i64) -> Axis {
        let (min, max) = (i128::from(min), i128::from(max.max(min)));
        let mut width = i128::from(bucket.max(1));
        if (max - min) / width + 1 > MAX_POINTS {
            width = (max - min) / MAX_POINTS + 1;
        }
        let first = min.div_euclid(width) * width;
        let count = ((max - first) / width + 1) as usize;
        Axis {
            first,
            width,
            count,
        }
    }

    fn index(&self, t: i64) -> usize {
        ((i128::from(t) - self.first) / self.width).clamp(0, self.count as i128 - 1) as usize
    }

    fn start(&self, i: usize) -> i64 {
        let t = self.first + i as i128 * self.width;
        t.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// The axis over `(min, max)` of connection starts, if any.
    fn of_span(span: Option<(i64, i64)>, bucket: i64) -> Option<Axis> {
        span.map(|(lo, hi)| Axis::new(lo, hi, bucket))
    }
}

/// Widens `(min, max)` to include `t`.
fn extend(span: &mut Option<(i64, i64)>, t: i64) {
    *span = Some(match *span {
        None => (t, t),
        Some((lo, hi)) => (lo.min(t), hi.max(t)),
    });
}

/// One bucket of [`percentile_series`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PercentilePoint {
    /// Bucket start, Unix seconds; the bucket is `[start, start + bucket)`.
    pub start: i64,
    /// Valid values in the bucket (the sample behind the percentiles; skipped rows not included).
    pub count: usize,
    pub p50: Option<i64>,
    pub p95: Option<i64>,
    pub p99: Option<i64>,
}

/// Nearest-rank p50/p95/p99 of `metric`'s valid values per time bucket of `bucket` seconds
/// (by connection start). Rows without a parsed start or without a valid value are left out;
/// empty buckets are kept (count 0, no percentiles) so a gap shows as a gap. `bucket < 1` is
/// taken as 1. No rows with a parsed start: no points.
pub fn percentile_series(
    table: &RecordTable,
    rows: &[RowId],
    metric: Metric,
    bucket: i64,
) -> Vec<PercentilePoint> {
    // One pass: the span of every parsed start (so all series share an axis) and the
    // (start, value) of the rows with a valid value.
    let mut span = None;
    let mut timed: Vec<(i64, i64)> = Vec::with_capacity(rows.len());
    for &row in rows {
        let Some(f) = table.facts(row) else { continue };
        let Some(t) = f.start_secs() else { continue };
        extend(&mut span, t);
        if let Reading::Value(v) = judge(table, row, &f, metric) {
            timed.push((t, v));
        }
    }
    let Some(axis) = Axis::of_span(span, bucket) else {
        return Vec::new();
    };
    // The index is below MAX_POINTS + 1, far inside u32.
    let pairs: Vec<(u32, i64)> = timed
        .into_iter()
        .map(|(t, v)| (axis.index(t) as u32, v))
        .collect();
    let (offsets, mut values) = group_values(&pairs, axis.count);
    (0..axis.count)
        .map(|i| {
            let sample = &mut values[offsets[i]..offsets[i + 1]];
            let [p50, p95, p99] = select_percentiles(sample, [50.0, 95.0, 99.0]);
            PercentilePoint {
                start: axis.start(i),
                count: sample.len(),
                p50,
                p95,
                p99,
            }
        })
        .collect()
}

/// One group's line of [`percentile_series_by`]: the group's value (`None`: rows without one)
/// and its points on the axis all groups share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSeries {
    pub key: Option<String>,
    pub points: Vec<PercentilePoint>,
}

/// [`percentile_series`] per value of the text column `by` (one line per project): the same
/// buckets for every group (the axis of all `rows`, as [`percentile_series`] would make it), so
/// the lines can be compared point by point. Groups sorted by key, the rows without a value
/// last. `Err(n)` when the rows have more than `max_groups` groups (`n` of them): the caller
/// draws them together, and nothing is computed per group.
pub fn percentile_series_by(
    table: &RecordTable,
    rows: &[RowId],
    metric: Metric,
    bucket: i64,
    by: ColumnId,
    max_groups: usize,
) -> Result<Vec<GroupSeries>, usize> {
    // Group per symbol once (blank text is no value, as in the table), then per row a lookup.
    let mut group_of_sym: Vec<u32> = vec![u32::MAX; table.symbol_count()];
    let mut keys: Vec<Option<String>> = Vec::new();
    let mut missing = None;
    let mut span = None;
    let mut timed: Vec<(u32, i64, i64)> = Vec::with_capacity(rows.len());
    for &row in rows {
        let Some(f) = table.facts(row) else { continue };
        let sym = f.sym(by).filter(|&s| !table.text(s).trim().is_empty());
        let group = match sym {
            Some(sym) => match group_of_sym.get(sym.index()) {
                Some(&g) if g != u32::MAX => g,
                _ => {
                    keys.push(Some(table.text(sym).to_owned()));
                    let g = (keys.len() - 1) as u32;
                    if let Some(slot) = group_of_sym.get_mut(sym.index()) {
                        *slot = g;
                    }
                    g
                }
            },
            None => *missing.get_or_insert_with(|| {
                keys.push(None);
                (keys.len() - 1) as u32
            }),
        };
        if keys.len() > max_groups {
            // Count them all to say how many, without computing anything else.
            return Err(count_groups(table, rows, by));
        }
        let Some(t) = f.start_secs() else { continue };
        extend(&mut span, t);
        if let Reading::Value(v) = judge(table, row, &f, metric) {
            timed.push((group, t, v));
        }
    }
    let Some(axis) = Axis::of_span(span, bucket) else {
        return Ok(Vec::new());
    };
    let pairs: Vec<(u32, i64)> = timed
        .into_iter()
        .map(|(g, t, v)| (g * axis.count as u32 + axis.index(t) as u32, v))
        .collect();
    let (offsets, mut values) = group_values(&pairs, keys.len() * axis.count);
    let mut lines: Vec<GroupSeries> = keys
        .into_iter()
        .enumerate()
        .map(|(g, key)| GroupSeries {
            key,
            points: (0..axis.count)
                .map(|i| {
                    let cell = g * axis.count + i;
                    let sample = &mut values[offsets[cell]..offsets[cell + 1]];
                    let [p50, p95, p99] = select_percentiles(sample, [50.0, 95.0, 99.0]);
                    PercentilePoint {
                        start: axis.start(i),
                        count: sample.len(),
                        p50,
                        p95,
                        p99,
                    }
                })
                .collect(),
        })
        .collect();
    crate::records::sort::sort_stable_by(&mut lines, &|a, b| match (&a.key, &b.key) {
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    Ok(lines)
}

/// What the RTT-over-time chart draws: the percentiles of all rows (`overall`), and, when the
/// rows come from 2 to `max_lines` projects, one line per project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectLines {
    pub overall: Vec<PercentilePoint>,
    /// One per project, when there are 2 to `max_lines` of them; else empty.
    pub per_project: Vec<GroupSeries>,
    /// How many projects the rows come from, when more than `max_lines`: they are drawn
    /// together, and the chart says why.
    pub too_many: Option<usize>,
}

/// [`ProjectLines`] of `rows`. With one project (or none: a single target, demo data, an old
/// import), `overall` is exactly [`percentile_series`] and nothing else is computed.
pub fn project_lines(
    table: &RecordTable,
    rows: &[RowId],
    metric: Metric,
    bucket: i64,
    max_lines: usize,
) -> ProjectLines {
    match percentile_series_by(table, rows, metric, bucket, ColumnId::Project, max_lines) {
        Ok(mut groups) if groups.len() <= 1 => ProjectLines {
            overall: groups.pop().map(|g| g.points).unwrap_or_default(),
            per_project: Vec::new(),
            too_many: None,
        },
        Ok(groups) => ProjectLines {
            overall: percentile_series(table, rows, metric, bucket),
            per_project: groups,
            too_many: None,
        },
        Err(n) => ProjectLines {
            overall: percentile_series(table, rows, metric, bucket),
            per_project: Vec::new(),
            too_many: Some(n),
        },
    }
}

/// The number of distinct values (missing counted as one) of `by` among `rows`.
fn count_groups(table: &RecordTable, rows: &[RowId], by: ColumnId) -> usize {
    let mut seen = vec![false; table.symbol_count()];
    let mut missing = false;
    let mut n = 0;
    for &row in rows {
        let Some(f) = table.facts(row) else { continue };
        match f.sym(by).filter(|&s| !table.text(s).trim().is_empty()) {
            Some(sym) => {
                if let Some(slot) = seen.get_mut(sym.index()) {
                    n += usize::from(!std::mem::replace(slot, true));
                }
            }
            None => {
                n += usize::from(!std::mem::replace(&mut missing, true));
            }
        }
    }
    n
}

/// One bucket of [`login_series`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LoginPoint {
    /// Bucket start, Unix seconds.
    pub start: i64,
    pub succeeded: usize,
    pub failed: usize,
}

/// Logins per time bucket (by connection start), split into succeeded and failed (a non-blank
/// failure reason), for the stacked chart. Same axis as [`percentile_series`].
pub fn login_series(table: &RecordTable, rows: &[RowId], bucket: i64) -> Vec<LoginPoint> {
    let mut span = None;
    let mut timed: Vec<(i64, bool)> = Vec::with_capacity(rows.len());
    for f in rows.iter().filter_map(|&row| table.facts(row)) {
        if let Some(t) = f.start_secs() {
            extend(&mut span, t);
            timed.push((t, f.failed));
        }
    }
    let Some(axis) = Axis::of_span(span, bucket) else {
        return Vec::new();
    };
    let mut points: Vec<LoginPoint> = (0..axis.count)
        .map(|i| LoginPoint {
            start: axis.start(i),
            succeeded: 0,
            failed: 0,
        })
        .collect();
    for (t, failed) in timed {
        let p = &mut points[axis.index(t)];
        if failed {
            p.failed += 1;
        } else {
            p.succeeded += 1;
        }
    }
    points
}

/// One bucket of [`concurrency_series`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConcurrencyPoint {
    /// Bucket start, Unix seconds.
    pub start: i64,
    /// The most sessions open at any one instant of the bucket.
    pub max_concurrent: usize,
}

/// Sessions open over time. A session is open over `[start, end)`, or `[start, now)` while
/// ongoing; failed connections are not sessions and are left out, as are sessions whose end is
/// missing (but not ongoing), unparsable or before their start, and ongoing sessions that start
/// after `now`. Each point is the peak number open at any instant of its bucket (not the
/// average), so a short spike is not averaged away; a session ending exactly when another
/// starts does not overlap it.
///
/// The axis starts like [`percentile_series`]'s and runs to the bucket of the last instant any
/// session is open. Sweep line over the 2n start/end events: O(n log n).
pub fn concurrency_series(
    table: &RecordTable,
    rows: &[RowId],
    now: i64,
    bucket: i64,
) -> Vec<ConcurrencyPoint> {
    // Starts and ends sorted separately (two sorts of plain integers are much faster than one
    // of tagged events), then merged with ends first at equal instants.
    let mut starts: Vec<i64> = Vec::with_capacity(rows.len());
    let mut ends: Vec<i64> = Vec::with_capacity(rows.len());
    for &row in rows {
        let Some(f) = table.facts(row) else { continue };
        let Some(start) = f.start_secs() else {
            continue;
        };
        if f.failed {
            continue;
        }
        let end = match judge(table, row, &f, Metric::SessionDuration) {
            Reading::Value(d) => start.saturating_add(d),
            Reading::Ongoing => now,
            Reading::Missing | Reading::Invalid => continue,
        };
        if end > start {
            starts.push(start);
            ends.push(end);
        }
    }
    let (Some(&first), Some(&last_end)) = (starts.iter().min(), ends.iter().max()) else {
        return Vec::new();
    };
    starts.sort_unstable();
    ends.sort_unstable();
    // The last instant anything is open: just before the last end.
    let axis = Axis::new(first, last_end.saturating_sub(1).max(first), bucket);
    let mut points = Vec::with_capacity(axis.count);
    let (mut s, mut e) = (0, 0);
    let mut open: usize = 0;
    for i in 0..axis.count {
        let bucket_start = axis.start(i);
        // The last bucket takes whatever is left (its end may lie beyond i64).
        let bucket_end = if i + 1 == axis.count {
            i64::MAX
        } else {
            axis.start(i + 1)
        };
        let next = |s: usize, e: usize| match (starts.get(s), ends.get(e)) {
            (Some(&a), Some(&b)) => Some(a.min(b)),
            (a, b) => a.or(b).copied(),
        };
        // Open at the bucket's first instant, unless events at that very instant change it.
        let mut peak = match next(s, e) {
            Some(t) if t <= bucket_start => 0,
            _ => open,
        };
        while let Some(t) = next(s, e) {
            if t >= bucket_end {
                break;
            }
            // Every event of this instant, ends first (an interval is [start, end)), then look.
            while ends.get(e) == Some(&t) {
                open = open.saturating_sub(1);
                e += 1;
            }
            while starts.get(s) == Some(&t) {
                open += 1;
                s += 1;
            }
            peak = peak.max(open);
        }
        points.push(ConcurrencyPoint {
            start: bucket_start,
            max_concurrent: peak,
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};
    use proptest::prelude::*;

    #[test]
    fn bucket_sizes() {
        assert_eq!(bucket_seconds(-5), 60);
        assert_eq!(bucket_seconds(0), 60);
        assert_eq!(bucket_seconds(60), 60);
        assert_eq!(bucket_seconds(12_000), 60); // 200 buckets
        assert_eq!(bucket_seconds(12_001), 300);
        assert_eq!(bucket_seconds(7 * 86_400), 3600); // 168 buckets
        assert_eq!(bucket_seconds(365 * 86_400), 604_800); // 53 buckets (1 d would be 365)
        assert_eq!(bucket_seconds(i64::MAX), 604_800);
        for span in [1500, 20_000, 86_400, 9 * 86_400, 90 * 86_400, 1000 * 86_400] {
            let b = bucket_seconds(span);
            let n = (span + b - 1) / b;
            assert!((24..=200).contains(&n), "{span}: {n} buckets of {b}");
        }
    }

    #[test]
    fn percentile_series_by_hand() {
        // Buckets of 100 s from 100: [100, 200) has 10, 30, 20; [200, 300) nothing valid;
        // [300, 400) has 50.
        let table = table_of(vec![
            R::at(150).net(10),
            R::at(199).net(30),
            R::at(100).net(20),
            R::at(250).net(-1),
            R::at(399).net(50),
            R::none().net(1),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let s = percentile_series(&table, &rows, Metric::NetworkRtt, 100);
        assert_eq!(
            s,
            [
                PercentilePoint {
                    start: 100,
                    count: 3,
                    p50: Some(20),
                    p95: Some(30),
                    p99: Some(30)
                },
                PercentilePoint {
                    start: 200,
                    count: 0,
                    p50: None,
                    p95: None,
                    p99: None
                },
                PercentilePoint {
                    start: 300,
                    count: 1,
                    p50: Some(50),
                    p95: Some(50),
                    p99: Some(50)
                },
            ]
        );
        // Floor of the first start: 150 with buckets of 60 → 120.
        let s = percentile_series(&table, &[0], Metric::NetworkRtt, 60);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].start, 120);
        assert!(percentile_series(&table, &[5], Metric::NetworkRtt, 60).is_empty());
        assert!(percentile_series(&table, &[], Metric::E2eRtt, 60).is_empty());
        // Negative times floor downwards.
        let t = table_of(vec![R::at(-1).net(5)]);
        assert_eq!(
            percentile_series(&t, &[0], Metric::NetworkRtt, 60)[0].start,
            -60
        );
    }

    #[test]
    fn percentile_series_by_project_share_one_axis() {
        let in_project = |r: R, p: Option<&str>| {
            let mut r = r;
            r.0.project = p.map(str::to_owned);
            r
        };
        let table = table_of(vec![
            in_project(R::at(100).net(10), Some("shanghai")),
            in_project(R::at(150).net(30), Some("shanghai")),
            in_project(R::at(350).net(70), Some("beijing")),
            in_project(R::at(200).net(5), None),
            in_project(R::at(120).net(99), Some("  ")),
            in_project(R::none().net(1), Some("hongkong")),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let lines =
            percentile_series_by(&table, &rows, Metric::NetworkRtt, 100, ColumnId::Project, 8)
                .unwrap();
        /// A line: its project, then (start, count, p95) per bucket.
        type Line<'a> = (Option<&'a str>, Vec<(i64, usize, Option<i64>)>);
        let got: Vec<Line> = lines
            .iter()
            .map(|l| {
                (
                    l.key.as_deref(),
                    l.points.iter().map(|p| (p.start, p.count, p.p95)).collect(),
                )
            })
            .collect();
        let empty = |start| (start, 0, None);
        assert_eq!(
            got,
            [
                (
                    Some("beijing"),
                    vec![empty(100), empty(200), (300, 1, Some(70))]
                ),
                // A project without a start time still has its (empty) line.
                (Some("hongkong"), vec![empty(100), empty(200), empty(300)]),
                (
                    Some("shanghai"),
                    vec![(100, 2, Some(30)), empty(200), empty(300)]
                ),
                // Absent and blank projects are one group, last.
                (
                    None,
                    vec![(100, 1, Some(99)), (200, 1, Some(5)), empty(300)]
                ),
            ]
        );
        // Every line's points together are the single series' samples.
        let all = percentile_series(&table, &rows, Metric::NetworkRtt, 100);
        for (i, p) in all.iter().enumerate() {
            assert_eq!(
                lines.iter().map(|l| l.points[i].count).sum::<usize>(),
                p.count
            );
        }
        // Too many groups: how many, and no lines.
        assert_eq!(
            percentile_series_by(&table, &rows, Metric::NetworkRtt, 100, ColumnId::Project, 3),
            Err(4)
        );
        assert_eq!(
            percentile_series_by(&table, &[], Metric::NetworkRtt, 100, ColumnId::Project, 8),
            Ok(Vec::new())
        );
        // What the chart draws.
        let lines = project_lines(&table, &rows, Metric::NetworkRtt, 100, 8);
        assert_eq!(
            (lines.overall, lines.per_project.len(), lines.too_many),
            (all, 4, None)
        );
        let lines = project_lines(&table, &rows, Metric::NetworkRtt, 100, 3);
        assert_eq!((lines.per_project.len(), lines.too_many), (0, Some(4)));
        // One project: exactly the single series, nothing per project.
        for one in [vec![0, 1], vec![3, 4]] {
            let lines = project_lines(&table, &one, Metric::NetworkRtt, 100, 8);
            assert_eq!(
                lines,
                ProjectLines {
                    overall: percentile_series(&table, &one, Metric::NetworkRtt, 100),
                    per_project: Vec::new(),
                    too_many: None
                }
            );
        }
        assert!(project_lines(&table, &[], Metric::NetworkRtt, 100, 8)
            .overall
            .is_empty());
    }

    #[test]
    fn login_series_by_hand() {
        let table = table_of(vec![
            R::at(3600),
            R::at(3600 + 59).failed("x"),
            R::at(3600 + 60).failed(" "), // blank reason: succeeded
            R::at(3600 + 180),
            R::start_text("bad"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let s = login_series(&table, &rows, 60);
        let got: Vec<(i64, usize, usize)> =
            s.iter().map(|p| (p.start, p.succeeded, p.failed)).collect();
        assert_eq!(
            got,
            [(3600, 1, 1), (3660, 1, 0), (3720, 0, 0), (3780, 1, 0)]
        );
        assert!(login_series(&table, &[4], 60).is_empty());
    }

    #[test]
    fn concurrency_by_hand() {
        // A [0, 100), B [50, 150), C [100, 130) (starts when A ends: no overlap with A),
        // D ongoing from 120 to now = 200, E failed, F ends before it starts, G no end info
        // (failed reason blank but end unparsable).
        let table = table_of(vec![
            R::at(0).end(100),
            R::at(50).end(150),
            R::at(100).end(130),
            R::at(120),
            R::at(10).end(500).failed("denied"),
            R::at(60).end(40),
            R::at(70).end_text("later"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let s = concurrency_series(&table, &rows, 200, 50);
        let got: Vec<(i64, usize)> = s.iter().map(|p| (p.start, p.max_concurrent)).collect();
        // [0,50): A → 1. [50,100): A, B → 2. [100,150): B, C, D at 120..130 → 3.
        // [150,200): D → 1.
        assert_eq!(got, [(0, 1), (50, 2), (100, 3), (150, 1)]);
        // One bucket holding everything: the peak is 3.
        let s = concurrency_series(&table, &rows, 200, 1000);
        assert_eq!(
            s,
            [ConcurrencyPoint {
                start: 0,
                max_concurrent: 3
            }]
        );
        // "now" before an ongoing session's start: it is left out.
        let s = concurrency_series(&table, &[3], 100, 50);
        assert!(s.is_empty());
        assert!(concurrency_series(&table, &[], 0, 60).is_empty());
        // A bucket that starts exactly when sessions end sees only what is open then.
        let s = concurrency_series(&table, &[0, 1], 0, 100);
        let got: Vec<(i64, usize)> = s.iter().map(|p| (p.start, p.max_concurrent)).collect();
        assert_eq!(got, [(0, 2), (100, 1)]);
    }

    #[test]
    fn extremes_do_not_panic_or_explode() {
        let table = table_of(vec![
            R::at(0).net(1),
            R::at(86_400 * 365 * 50).net(2),
            R::at(5),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        // 1-second buckets over 50 years: widened to at most MAX_POINTS + 1 points.
        let s = percentile_series(&table, &rows, Metric::NetworkRtt, 1);
        assert!(s.len() as i128 <= MAX_POINTS + 1);
        assert_eq!(s.iter().map(|p| p.count).sum::<usize>(), 2);
        let s = login_series(&table, &rows, i64::MIN);
        assert_eq!(s.iter().map(|p| p.succeeded).sum::<usize>(), 3);
        let s = login_series(&table, &rows, i64::MAX);
        assert_eq!(s.len(), 1);
        let s = concurrency_series(&table, &[2], i64::MAX, 86_400);
        assert!(s.len() as i128 <= MAX_POINTS + 1);
        assert!(s.iter().all(|p| p.max_concurrent <= 1));
        let s = concurrency_series(&table, &[2], i64::MAX, i64::MAX);
        assert_eq!(s.len(), 1);
    }

    proptest! {
        /// The sweep agrees with counting, at every instant, the sessions open then.
        #[test]
        fn concurrency_matches_brute_force(
            sessions in prop::collection::vec((0i64..200, prop::option::of(0i64..120)), 0..25),
            now in 0i64..300,
            bucket in 1i64..60,
        ) {
            let table = table_of(sessions.iter().map(|&(s, len)| match len {
                Some(len) => R::at(s).end(s + len),
                None => R::at(s),
            }).collect());
            let rows: Vec<RowId> = table.row_ids().collect();
            let points = concurrency_series(&table, &rows, now, bucket);
            let intervals: Vec<(i64, i64)> = sessions.iter()
                .map(|&(s, len)| (s, len.map_or(now, |l| s + l)))
                .filter(|(s, e)| e > s)
                .collect();
            let open_at = |t: i64| intervals.iter().filter(|(s, e)| *s <= t && t < *e).count();
            if intervals.is_empty() {
                prop_assert!(points.is_empty());
            }
            for (i, p) in points.iter().enumerate() {
                prop_assert_eq!(p.start, points[0].start + i as i64 * bucket);
                let peak = (p.start..p.start + bucket).map(open_at).max().unwrap_or(0);
                prop_assert_eq!(p.max_concurrent, peak, "bucket at {}", p.start);
            }
            if let (Some(first), Some(last)) = (points.first(), points.last()) {
                let lo = intervals.iter().map(|i| i.0).min().unwrap();
                let hi = intervals.iter().map(|i| i.1).max().unwrap();
                prop_assert_eq!(first.start, lo.div_euclid(bucket) * bucket);
                prop_assert!(last.start < hi && hi <= last.start + bucket);
            }
        }
    }
}
