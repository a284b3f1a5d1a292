//! Statistics over the rows the table shows: KPIs, percentiles, histograms, time series,
//! breakdowns, a user's timeline and new-location flags (issue 7).
//!
//! Every function takes the [`RecordTable`](crate::table::RecordTable) and the `&[RowId]` view
//! produced by the app's one filter state ([`filter_rows`](crate::row_filter::filter_rows)), so
//! the KPIs and charts always describe exactly the rows the table shows. Nothing here reads a
//! clock: "now" is passed in where it matters (open sessions).
//!
//! Definitions shared by all of them:
//! - **Missing vs. invalid.** A value is *missing* when the field is absent or blank, *invalid*
//!   when it is present but unusable: an RTT below 0 (the API's `-1` means "not measured") or
//!   above [`MAX_RTT_MS`]; a setup time or session duration below 0; a time that did not parse;
//!   a field of the wrong JSON type. Either way the record is **skipped and counted**
//!   ([`Skipped`]), never turned into a zero.
//! - **Percentiles are nearest-rank** ([`percentile`]): always a value that occurred.
//! - **Time** is the connection start in Unix seconds; a row whose start is missing or did not
//!   parse has no place on a time axis and is left out of time series, windows and the heatmap.
//! - **Failed** means a non-blank failure reason, as in the table's Outcome column.
//!
//! Speed (every function stays well under 100 ms for 100,000 rows; see the `timing` test):
//! reading a row from memory is what costs, so each function reads each row once; percentiles
//! of many groups come from one counting sort by group plus a small sort per group; KPI
//! percentiles use selection, not sorting; groups are keyed by the table's interned symbols
//! (plain vectors indexed by [`Sym::index`](crate::table::Sym::index)), not by strings.

mod breakdown;
mod failures;
mod heatmap;
mod histogram;
mod kpi;
mod locations;
mod percentile;
mod series;
mod timeline;
mod values;

#[cfg(test)]
mod test_util;
#[cfg(test)]
mod timing;

pub use breakdown::{breakdown, group_rows, top_by_p95, Dimension, Group, MISSING_KEY};
pub use failures::{failure_reasons, ReasonCount};
pub use heatmap::hour_weekday;
pub use histogram::{rtt_histogram, Bin};
pub use kpi::{change, kpis, previous_window, rows_in_window, time_span, Change, Kpis};
pub use locations::{new_locations, new_locations_by_user, NewLocation};
pub use percentile::{median, percentile};
pub use series::{
    bucket_seconds, concurrency_series, login_series, percentile_series, ConcurrencyPoint,
    LoginPoint, PercentilePoint,
};
pub use timeline::{user_sessions, Session};
pub use values::{values, Metric, Skipped, Values, MAX_RTT_MS};

use crate::columns::{BandThresholds, Cell, ColumnId};
use crate::table::{RecordTable, RowId};

/// Thresholds for [`RecordTable::cell`] calls on columns that have no band: any value works.
const NO_BANDS: BandThresholds = BandThresholds {
    good_max_ms: 0,
    fair_max_ms: 0,
};

/// The connection start of `row` in Unix seconds, when present and parsed.
pub(crate) fn start_of(table: &RecordTable, row: RowId) -> Option<i64> {
    match table.cell(row, ColumnId::ConnectionStart, &NO_BANDS) {
        Cell::Time(s) => Some(s),
        _ => None,
    }
}

/// Whether the connection failed (a non-blank failure reason).
pub(crate) fn failed(table: &RecordTable, row: RowId) -> bool {
    matches!(
        table.cell(row, ColumnId::Outcome, &NO_BANDS),
        Cell::Outcome { failed: true }
    )
}

/// `is_reconnect`, when the record says.
pub(crate) fn reconnect(table: &RecordTable, row: RowId) -> Option<bool> {
    match table.cell(row, ColumnId::IsReconnect, &NO_BANDS) {
        Cell::Bool(b) => Some(b),
        _ => None,
    }
}

/// `n / d` as a rate; `None` when `d` is 0.
pub(crate) fn rate(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// Values grouped by a small group index, each group ascending: group `g` is
/// `values[offsets[g]..offsets[g + 1]]`. A counting sort by group and then one sort per group:
/// about four times faster than sorting `(group, value)` pairs, which matters at 100,000 rows.
/// Pairs whose group is `>= groups` are dropped.
pub(crate) fn group_sorted(pairs: &[(u32, i64)], groups: usize) -> (Vec<usize>, Vec<i64>) {
    let mut offsets = vec![0usize; groups + 1];
    for &(g, _) in pairs {
        if (g as usize) < groups {
            offsets[g as usize + 1] += 1;
        }
    }
    for g in 0..groups {
        offsets[g + 1] += offsets[g];
    }
    let mut cursor = offsets.clone();
    let mut values = vec![0i64; offsets[groups]];
    for &(g, v) in pairs {
        if (g as usize) < groups {
            values[cursor[g as usize]] = v;
            cursor[g as usize] += 1;
        }
    }
    for g in 0..groups {
        values[offsets[g]..offsets[g + 1]].sort_unstable();
    }
    (offsets, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_sorted_by_hand() {
        let (offsets, values) = group_sorted(&[(1, 5), (0, 9), (1, 2), (3, 7), (0, 1), (9, 4)], 4);
        assert_eq!(offsets, [0, 2, 4, 4, 5]);
        assert_eq!(values, [1, 9, 2, 5, 7]);
        assert_eq!(group_sorted(&[], 0), (vec![0], vec![]));
    }
}
