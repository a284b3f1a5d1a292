//! Statistics over the rows the table shows: KPIs, percentiles, histograms, time series,
//! breakdowns, a user's timeline and new-location flags (issue 7).
//!
//! The statistics do not depend on the interface's language (issue 15): names are `Text`s in
//! both languages ([`Dimension::label`], [`Metric::label`]), and only the files that turn
//! statistics into words (`kpi_figures`, `breakdown_table`, `locations_text`) take a `Lang`, so
//! a switch of language recomputes no statistic.
//!
//! Every function takes the [`RecordTable`](crate::records::table::RecordTable) and the `&[RowId]` view
//! produced by the app's one filter state ([`filter_rows`](crate::records::filter::filter_rows)), so
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
//! Speed (each function takes 1–15 ms for 100,000 rows in a native release build, all of a
//! refresh about 60 ms; see the `timing` test): reading a row from memory is what costs, so
//! each function reads each row once, through one `RecordTable::facts` call rather than a cell
//! per column; percentiles of many groups (time buckets, users) come from one counting sort by
//! group plus a selection per group, and KPI percentiles from selection, never a sort of pairs;
//! groups are keyed by the table's interned symbols (plain vectors indexed by
//! [`Sym::index`](crate::records::table::Sym::index)) or integer hashes, not by strings.

mod breakdown;
mod breakdown_table;
mod failures;
mod heatmap;
mod histogram;
mod kpi;
mod kpi_figures;
mod locations;
mod locations_text;
mod percentile;
mod series;
mod timeline;
mod values;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod test_util;
#[cfg(test)]
mod timing;

pub use breakdown::{breakdown, group_rows, top_by_p95, Dimension, Group, MISSING_KEY};
pub use breakdown_table::{BreakdownColumn, COLUMNS as BREAKDOWN_COLUMNS};
pub use failures::{failure_reasons, ReasonCount};
pub use heatmap::hour_weekday;
pub use histogram::{rtt_histogram, Bin};
pub use kpi::{
    change, kpis, previous_period, previous_window, rows_in_window, time_span, Change, Kpis,
};
pub use kpi_figures::{Figure, Shape, FIGURES as KPI_FIGURES};
pub use locations::{new_locations, new_locations_by_user, NewLocation};
pub use locations_text::{flag_pieces, user_count_pieces};
pub use percentile::{median, percentile};
pub use series::{
    bucket_seconds, concurrency_series, login_series, percentile_series, percentile_series_by,
    project_lines, ConcurrencyPoint, GroupSeries, LoginPoint, PercentilePoint, ProjectLines,
};
pub use timeline::{user_sessions, Session};
pub use values::{values, Metric, Skipped, Values, MAX_RTT_MS};

use crate::records::table::{RecordTable, RowId, Sym};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The connection start of `row` in Unix seconds, when present and parsed.
pub(crate) fn start_of(table: &RecordTable, row: RowId) -> Option<i64> {
    table.facts(row)?.start_secs()
}

/// `n / d` as a rate; `None` when `d` is 0.
pub(crate) fn rate(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// Values grouped by a small group index, in no particular order within a group: group `g` is
/// `values[offsets[g]..offsets[g + 1]]`. A counting sort by group, O(n); callers then select
/// each group's percentiles ([`percentile::select_percentiles`]) instead of sorting pairs, which
/// is several times slower at 100,000 rows. Pairs whose group is `>= groups` are dropped.
pub(crate) fn group_values(pairs: &[(u32, i64)], groups: usize) -> (Vec<usize>, Vec<i64>) {
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
    (offsets, values)
}

/// A fast hasher for integer keys (symbol pairs, quarter hours): std's default SipHash
/// guards against crafted keys, which table-assigned integers cannot be, at several times the
/// cost. Multiply-xor per word, then a 64-bit finalizer so every input bit reaches the low bits
/// the hash table indexes by.
#[derive(Clone, Copy, Default)]
pub(crate) struct IntHasher(u64);

impl Hasher for IntHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn finish(&self) -> u64 {
        // MurmurHash3's fmix64.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(crate) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;
pub(crate) type IntSet<K> = HashSet<K, BuildHasherDefault<IntHasher>>;

/// Whether symbols are non-blank, decided once per symbol (a trim per row adds up).
pub(crate) struct NonBlank(Vec<u8>);

impl NonBlank {
    pub(crate) fn new(table: &RecordTable) -> Self {
        NonBlank(vec![0; table.symbol_count()])
    }

    /// `sym` when its text is not blank.
    pub(crate) fn get(&mut self, table: &RecordTable, sym: Option<Sym>) -> Option<Sym> {
        let sym = sym?;
        let state = self.0.get_mut(sym.index())?;
        if *state == 0 {
            *state = if table.text(sym).trim().is_empty() {
                1
            } else {
                2
            };
        }
        (*state == 2).then_some(sym)
    }
}

/// Rows sorted by connection start, ties by row; rows without a parsed start left out. Sorts
/// one packed `u64` per row (start offset, row) when the span fits 32 bits of seconds (136
/// years), which is several times faster than sorting pairs.
pub(crate) fn chronological(table: &RecordTable, rows: &[RowId]) -> Vec<(i64, RowId)> {
    let mut timed: Vec<(i64, RowId)> = rows
        .iter()
        .filter_map(|&row| Some((start_of(table, row)?, row)))
        .collect();
    let (Some(min), Some(max)) = (
        timed.iter().map(|t| t.0).min(),
        timed.iter().map(|t| t.0).max(),
    ) else {
        return timed;
    };
    // The keys are sorted as `i64` and as `(u128, u32)`, the types the value sorts and
    // `sort::sort_rows` already sort: each other type would be one more copy of the integer
    // quicksort in the wasm (see bench/BUNDLE.md). Flipping the top bit maps
    // u64 order onto i64 order and back.
    const FLIP: u64 = 1 << 63;
    if u32::try_from(max.abs_diff(min)).is_ok() {
        let mut packed: Vec<i64> = timed
            .iter()
            .map(|&(t, row)| (((t.abs_diff(min) << 32) | u64::from(row)) ^ FLIP) as i64)
            .collect();
        packed.sort_unstable();
        timed.clear();
        timed.extend(packed.into_iter().map(|k| {
            let k = k as u64 ^ FLIP;
            let offset = (k >> 32) as i64; // below 2^32: exact
            (min + offset, k as u32)
        }));
    } else {
        let mut pairs: Vec<(u128, RowId)> = timed
            .iter()
            .map(|&(t, row)| (u128::from(t as u64 ^ FLIP), row))
            .collect();
        pairs.sort_unstable();
        timed.clear();
        timed.extend(
            pairs
                .into_iter()
                .map(|(k, row)| ((k as u64 ^ FLIP) as i64, row)),
        );
    }
    timed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_values_by_hand() {
        let (offsets, values) = group_values(&[(1, 5), (0, 9), (1, 2), (3, 7), (0, 1), (9, 4)], 4);
        assert_eq!(offsets, [0, 2, 4, 4, 5]);
        assert_eq!(values, [9, 1, 5, 2, 7]);
        assert_eq!(group_values(&[], 0), (vec![0], vec![]));
    }

    #[test]
    fn chronological_order_packed_or_not() {
        use crate::stats::test_util::{table_of, R};
        let table = table_of(vec![
            R::at(300),
            R::at(100),
            R::none(),
            R::at(100),
            R::at(-5),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        assert_eq!(
            chronological(&table, &rows),
            [(-5, 4), (100, 1), (100, 3), (300, 0)]
        );
        // A span beyond 32 bits of seconds takes the other path.
        let far = table_of(vec![R::at(1 << 33), R::at(0), R::at(1 << 33)]);
        assert_eq!(
            chronological(&far, &[2, 1, 0]),
            [(0, 1), (1 << 33, 0), (1 << 33, 2)]
        );
        assert!(chronological(&table, &[2]).is_empty());
    }

    #[test]
    fn int_hasher_spreads_high_bits() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<IntHasher>::default();
        // Keys differing only in the high half must not share their low bits.
        let lows: HashSet<u64> = (0..64u64)
            .map(|u| build.hash_one(u << 32) & 0xffff)
            .collect();
        assert!(lows.len() > 60);
        let mut n = IntHasher::default();
        n.write(&[1, 2]);
        n.write_i64(-1);
        n.write_u32(3);
        assert_ne!(n.finish(), 0);
    }
}
