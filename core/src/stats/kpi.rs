//! The KPI strip: one pass per metric over the filtered rows, and the period comparison.

use super::percentile::select_percentiles;
use super::values::{judge, Metric, Reading, Skipped};
use super::{rate, start_of};
use crate::records::columns::{BandThresholds, ColumnId};
use crate::records::filter::{filter_rows, RowFilter};
use crate::records::table::{RecordTable, RowId, Sym};

/// The headline numbers of a set of rows (issue 7, item 1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kpis {
    /// Rows (each row is one login attempt).
    pub logins: usize,
    /// Distinct non-blank `user_name`s.
    pub unique_users: usize,
    /// Distinct non-blank `computer_name`s.
    pub unique_desktops: usize,
    /// Logins with a non-blank failure reason.
    pub failures: usize,
    /// `failures / logins`; `None` without logins.
    pub failure_rate: Option<f64>,
    /// Logins with `is_reconnect = true`.
    pub reconnects: usize,
    /// `reconnects / (logins whose is_reconnect is known)`: a record that does not say is
    /// skipped (counted in `reconnect_unknown`), not taken as "no". `None` when none say.
    pub reconnect_rate: Option<f64>,
    /// Logins without `is_reconnect` (added to the lead's API: the reconnect rate's skip count).
    pub reconnect_unknown: usize,
    /// Nearest-rank percentiles of the valid network RTTs, ms.
    pub network_p50: Option<i64>,
    pub network_p95: Option<i64>,
    /// Nearest-rank percentiles of the valid E2E RTTs, ms.
    pub e2e_p50: Option<i64>,
    pub e2e_p95: Option<i64>,
    /// Median setup time, seconds.
    pub setup_median_s: Option<i64>,
    /// Median duration of ended sessions, seconds.
    pub duration_median_s: Option<i64>,
    /// Sessions still open (no end time, not failed): excluded from the duration median.
    pub ongoing: usize,
    pub skipped_network: Skipped,
    pub skipped_e2e: Skipped,
    pub skipped_setup: Skipped,
    pub skipped_duration: Skipped,
}

/// Every KPI of `rows`. Rows missing a value are skipped for that KPI and counted in its
/// `skipped_*` field; see [`Metric`] for what is valid.
///
/// ```
/// use logins_core::records::record::Record;
/// use logins_core::stats::kpis;
/// use logins_core::records::table::RecordTable;
/// let table = RecordTable::from_records([("a", 100), ("b", 300), ("a", -1)].map(|(u, rtt)| Record {
///     user_name: Some(u.into()), network_rtt: Some(rtt), transaction_id: Some(format!("{u}{rtt}")),
///     ..Record::default()
/// }));
/// let k = kpis(&table, &[0, 1, 2]);
/// assert_eq!((k.logins, k.unique_users), (3, 2));
/// assert_eq!((k.network_p50, k.network_p95), (Some(100), Some(300)));
/// assert_eq!(k.skipped_network.invalid, 1); // the -1
/// ```
pub fn kpis(table: &RecordTable, rows: &[RowId]) -> Kpis {
    // One pass over the rows (each row is read once from memory, which is what costs), then a
    // selection per percentile instead of a sort per metric.
    let mut metrics: [Sample; 4] = Default::default();
    let mut failures = 0;
    let mut reconnects = 0;
    let mut reconnect_unknown = 0;
    let mut ongoing = 0;
    let mut users = Distinct::new(table);
    let mut desktops = Distinct::new(table);
    for &row in rows {
        let Some(f) = table.facts(row) else {
            // A row that does not exist: every value missing, nothing known.
            for sample in &mut metrics {
                sample.skipped.missing += 1;
            }
            reconnect_unknown += 1;
            continue;
        };
        for (sample, metric) in metrics.iter_mut().zip(METRICS) {
            match judge(table, row, &f, metric) {
                Reading::Value(v) => sample.values.push(v),
                Reading::Missing => sample.skipped.missing += 1,
                Reading::Invalid => sample.skipped.invalid += 1,
                Reading::Ongoing => ongoing += 1,
            }
        }
        failures += usize::from(f.failed);
        match f.reconnect {
            Some(r) => reconnects += usize::from(r),
            None => reconnect_unknown += 1,
        }
        users.add(table, f.sym(ColumnId::UserName));
        desktops.add(table, f.sym(ColumnId::ComputerName));
    }
    let [mut network, mut e2e, mut setup, mut duration] = metrics;
    let [network_p50, network_p95] = network.percentiles([50.0, 95.0]);
    let [e2e_p50, e2e_p95] = e2e.percentiles([50.0, 95.0]);
    let [setup_median_s] = setup.percentiles([50.0]);
    let [duration_median_s] = duration.percentiles([50.0]);
    let logins = rows.len();
    Kpis {
        logins,
        unique_users: users.count,
        unique_desktops: desktops.count,
        failures,
        failure_rate: rate(failures, logins),
        reconnects,
        reconnect_rate: rate(reconnects, logins - reconnect_unknown),
        reconnect_unknown,
        network_p50,
        network_p95,
        e2e_p50,
        e2e_p95,
        setup_median_s,
        duration_median_s,
        ongoing,
        skipped_network: network.skipped,
        skipped_e2e: e2e.skipped,
        skipped_setup: setup.skipped,
        skipped_duration: duration.skipped,
    }
}

const METRICS: [Metric; 4] = [
    Metric::NetworkRtt,
    Metric::E2eRtt,
    Metric::SetupTime,
    Metric::SessionDuration,
];

/// One metric's values, unsorted, and its skip counts.
#[derive(Default)]
struct Sample {
    values: Vec<i64>,
    skipped: Skipped,
}

impl Sample {
    fn percentiles<const N: usize>(&mut self, ps: [f64; N]) -> [Option<i64>; N] {
        select_percentiles(&mut self.values, ps)
    }
}

/// Counts distinct non-blank texts of a column by symbol: one byte per symbol of the table
/// (0 unseen, 1 counted, 2 blank), no hashing and no strings.
pub(crate) struct Distinct {
    seen: Vec<u8>,
    pub(crate) count: usize,
}

impl Distinct {
    pub(crate) fn new(table: &RecordTable) -> Self {
        Distinct {
            seen: vec![0; table.symbol_count()],
            count: 0,
        }
    }

    fn add(&mut self, table: &RecordTable, sym: Option<Sym>) {
        let Some(sym) = sym else {
            return;
        };
        if let Some(state) = self.seen.get_mut(sym.index()) {
            if *state == 0 {
                if table.text(sym).trim().is_empty() {
                    *state = 2;
                } else {
                    *state = 1;
                    self.count += 1;
                }
            }
        }
    }
}

/// Rows whose connection start lies in `[start, end)` (Unix seconds), in the given order: the
/// current period of a comparison. Rows without a parsed start are in no window.
pub fn rows_in_window(table: &RecordTable, rows: &[RowId], start: i64, end: i64) -> Vec<RowId> {
    rows.iter()
        .copied()
        .filter(|&row| start_of(table, row).is_some_and(|t| start <= t && t < end))
        .collect()
}

/// The window of equal length just before `[start, end)`: `[start - (end - start), start)`,
/// saturating at the ends of `i64` (a reversed window gives an empty one ending at `start`).
///
/// ```
/// assert_eq!(logins_core::stats::previous_window(100, 160), (40, 100));
/// ```
pub fn previous_window(start: i64, end: i64) -> (i64, i64) {
    let len = end.saturating_sub(start).max(0);
    (start.saturating_sub(len), start)
}

/// The rows of the previous period, for the KPIs' comparison: the window of equal length just
/// before the connection-start span of `rows` (which passed `filter`), holding the rows that
/// pass the same filter except its connection-start part, so the comparison is like for like.
/// `bands` are the user's RTT thresholds: a band filter must mean the same in both periods.
///
/// `None` when there is nothing to compare with: no row has a parsed start, the loaded records
/// do not reach back that far, or `filter` has no connection-start part (then every row that
/// passes the rest of it is in `rows`, inside the current span, and none before it; this also
/// spares filtering the whole table again after each change).
pub fn previous_period(
    table: &RecordTable,
    filter: &RowFilter,
    bands: &BandThresholds,
    rows: &[RowId],
) -> Option<Vec<RowId>> {
    let is_time =
        |c: &crate::records::filter::ColumnFilter| c.column() == ColumnId::ConnectionStart;
    if !filter.columns.iter().any(is_time) {
        return None;
    }
    let (start, end) = time_span(table, rows)?;
    let (prev_start, prev_end) = previous_window(start, end);
    let mut without_time = filter.clone();
    without_time.columns.retain(|c| !is_time(c));
    let candidates = filter_rows(table, &without_time, bands);
    let previous = rows_in_window(table, &candidates, prev_start, prev_end);
    (!previous.is_empty()).then_some(previous)
}

/// `[earliest start, latest start + 1)` of the rows' parsed connection starts: the range a
/// time axis must cover, and the current period when the user picked no explicit range. `None`
/// when no row has a parsed start.
pub fn time_span(table: &RecordTable, rows: &[RowId]) -> Option<(i64, i64)> {
    let mut span: Option<(i64, i64)> = None;
    for t in rows.iter().filter_map(|&row| start_of(table, row)) {
        span = Some(match span {
            None => (t, t),
            Some((lo, hi)) => (lo.min(t), hi.max(t)),
        });
    }
    span.map(|(lo, hi)| (lo, hi.saturating_add(1)))
}

/// A KPI's change against the previous period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub current: f64,
    pub previous: f64,
    /// `current - previous`, in the KPI's unit (percentage points for rates given as
    /// fractions: multiply by 100).
    pub delta: f64,
    /// `delta / |previous|`: +0.25 is "25% more". `None` when `previous` is 0 (any change from
    /// nothing is infinite, which no arrow can show).
    pub relative: Option<f64>,
}

/// The change from `previous` to `current`; `None` when either is unknown or not finite (the
/// UI then shows no arrow rather than a made-up one).
///
/// ```
/// use logins_core::stats::change;
/// let c = change(Some(150.0), Some(120.0)).unwrap();
/// assert_eq!((c.delta, c.relative), (30.0, Some(0.25)));
/// assert_eq!(change(Some(1.0), None), None);
/// ```
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<Change> {
    let (current, previous) = (current?, previous?);
    if !current.is_finite() || !previous.is_finite() {
        return None;
    }
    let delta = current - previous;
    Some(Change {
        current,
        previous,
        delta,
        relative: (previous != 0.0)
            .then(|| delta / previous.abs())
            .filter(|r| r.is_finite()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::filter::ColumnFilter;
    use crate::stats::test_util::{table_of, R};

    #[test]
    fn the_previous_period_keeps_the_other_filters_and_needs_a_time_filter() {
        let table = table_of(vec![
            R::at(100).user("alice"), // before the previous window
            R::at(150).user("alice"), // previous window [149, 200)
            R::at(160).user("bob"),   // previous window, but another user
            R::at(200).user("alice"), // current
            R::at(250).user("alice"), // current
        ]);
        let bands = BandThresholds::default();
        let mut filter = RowFilter {
            quick: "alice".into(),
            columns: vec![ColumnFilter::Range {
                column: ColumnId::ConnectionStart,
                min: Some(200),
                max: None,
            }],
        };
        let rows = filter_rows(&table, &filter, &bands);
        assert_eq!(rows, [3, 4]);
        // Span [200, 251): the previous window is [149, 200), where only alice's 150 passes.
        assert_eq!(
            previous_period(&table, &filter, &bands, &rows),
            Some(vec![1])
        );
        // Nothing loaded before the window: no comparison.
        filter.columns = vec![ColumnFilter::Range {
            column: ColumnId::ConnectionStart,
            min: Some(100),
            max: None,
        }];
        let rows = filter_rows(&table, &filter, &bands);
        assert_eq!(previous_period(&table, &filter, &bands, &rows), None);
        // No time filter: every candidate is already in the current span.
        filter.columns.clear();
        let rows = filter_rows(&table, &filter, &bands);
        assert_eq!(previous_period(&table, &filter, &bands, &rows), None);
    }

    #[test]
    fn hand_computed_kpis() {
        let table = table_of(vec![
            // alice: 3 logins, one failed; bob: 2; one without a user.
            R::at(100)
                .user("alice")
                .computer("PC1")
                .rtt(50, 60)
                .setup(103)
                .end(700)
                .reconnect(false),
            R::at(200)
                .user("alice")
                .computer("PC2")
                .rtt(150, 170)
                .setup(210)
                .reconnect(true),
            R::at(300)
                .user("alice")
                .computer("PC1")
                .failed("timeout")
                .end(310)
                .reconnect(false),
            R::at(400)
                .user("bob")
                .computer("  ")
                .rtt(-1, 90)
                .setup(402)
                .end(1400)
                .reconnect(false),
            R::at(500).user("bob").rtt(700_000, 80).setup(499).end(560),
            R::at(600).user(" ").computer("PC3").net(20),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let k = kpis(&table, &rows);
        assert_eq!(k.logins, 6);
        assert_eq!(k.unique_users, 2); // blank user not counted
        assert_eq!(k.unique_desktops, 3); // PC1, PC2, PC3; blank not counted
        assert_eq!(k.failures, 1);
        assert_eq!(k.failure_rate, Some(1.0 / 6.0));
        assert_eq!((k.reconnects, k.reconnect_unknown), (1, 2));
        assert_eq!(k.reconnect_rate, Some(0.25));
        // Network valid: 50, 150, 20 → sorted [20, 50, 150]: p50 rank 2, p95 rank 3.
        assert_eq!((k.network_p50, k.network_p95), (Some(50), Some(150)));
        assert_eq!(
            k.skipped_network,
            Skipped {
                missing: 1,
                invalid: 2
            }
        );
        // E2E: [60, 80, 90, 170] → p50 rank 2 = 80, p95 rank ceil(3.8) = 4 = 170.
        assert_eq!((k.e2e_p50, k.e2e_p95), (Some(80), Some(170)));
        assert_eq!(
            k.skipped_e2e,
            Skipped {
                missing: 2,
                invalid: 0
            }
        );
        // Setup: 3, 10, 2 valid; -1 invalid; rows 2, 5 missing → [2, 3, 10] → 3.
        assert_eq!(k.setup_median_s, Some(3));
        assert_eq!(
            k.skipped_setup,
            Skipped {
                missing: 2,
                invalid: 1
            }
        );
        // Duration: 600, 10 (failed, with end), 1000, 60; rows 1 and 5 ongoing → [10, 60, 600, 1000] → 60.
        assert_eq!(k.duration_median_s, Some(60));
        assert_eq!(k.ongoing, 2);
        assert_eq!(k.skipped_duration, Skipped::default());
    }

    #[test]
    fn empty_and_all_missing() {
        let table = table_of(vec![R::none(), R::none()]);
        let k = kpis(&table, &[]);
        assert_eq!(k, Kpis::default());
        let k = kpis(&table, &[0, 1]);
        assert_eq!(
            (k.logins, k.unique_users, k.failure_rate),
            (2, 0, Some(0.0))
        );
        assert_eq!((k.reconnect_rate, k.reconnect_unknown), (None, 2));
        assert_eq!(
            (k.network_p50, k.duration_median_s, k.ongoing),
            (None, None, 0)
        );
        assert_eq!(
            k.skipped_network,
            Skipped {
                missing: 2,
                invalid: 0
            }
        );
        assert_eq!(
            k.skipped_duration,
            Skipped {
                missing: 2,
                invalid: 0
            }
        );
    }

    #[test]
    fn windows_and_spans() {
        let table = table_of(vec![
            R::at(100),
            R::at(159),
            R::at(160),
            R::at(40),
            R::none(),
            R::start_text("bad"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        assert_eq!(rows_in_window(&table, &rows, 100, 160), [0, 1]);
        assert_eq!(previous_window(100, 160), (40, 100));
        assert_eq!(rows_in_window(&table, &rows, 40, 100), [3]);
        assert_eq!(time_span(&table, &rows), Some((40, 161)));
        assert_eq!(time_span(&table, &[4, 5]), None);
        assert_eq!(time_span(&table, &[]), None);
        assert_eq!(time_span(&table, &[2]), Some((160, 161)));
        // Extremes saturate instead of overflowing.
        assert_eq!(previous_window(i64::MIN, i64::MAX), (i64::MIN, i64::MIN));
        assert_eq!(previous_window(i64::MAX, i64::MIN), (i64::MAX, i64::MAX));
        assert_eq!(previous_window(-10, i64::MAX), (i64::MIN, -10));
        assert!(rows_in_window(&table, &rows, 160, 100).is_empty());
    }

    #[test]
    fn changes() {
        let c = change(Some(0.05), Some(0.04)).unwrap();
        assert!((c.delta - 0.01).abs() < 1e-12);
        assert!((c.relative.unwrap() - 0.25).abs() < 1e-9);
        assert_eq!(change(Some(3.0), Some(0.0)).unwrap().relative, None);
        assert_eq!(change(Some(-2.0), Some(-4.0)).unwrap().relative, Some(0.5));
        assert_eq!(change(None, Some(1.0)), None);
        assert_eq!(change(Some(f64::NAN), Some(1.0)), None);
        assert_eq!(
            change(Some(f64::MAX), Some(-f64::MAX)).unwrap().relative,
            None
        );
    }
}
