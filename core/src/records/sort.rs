//! Sorting the table's rows by one or more columns, fast enough for 100,000 rows on every click.
//!
//! Why it is fast: before sorting, each key turns every row into one small integer pair, so
//! the sort itself compares integers only. Text is ranked once per *distinct* string (the table
//! interns strings, so a column of 100,000 rows has a few thousand distinct users), never once
//! per comparison.
//!
//! The order, and why:
//! - **Missing values last**, whatever the direction: an empty cell is never the answer to
//!   "what is the slowest/newest/first".
//! - **Text** is compared case-insensitively, by Unicode code point after lowercasing
//!   (`"apple" = "Apple" < "zebra" < "Zoë" < "ábc" < "Ärger" < "😀"`). A real collation
//!   (accented letters next to their base letter) needs per-locale tables that would cost bundle
//!   size; code-point order is predictable and the same in every browser. Blank text counts as
//!   missing.
//! - **Times** in time order; an unparsable time sorts after every valid one (before missing
//!   ones), keeping the order the rows had.
//! - **Durations**: an ongoing session sorts as longer than any finished one.
//! - **Quality bands** good < fair < poor; **yes/no** no < yes; **outcome** succeeded < failed.
//! - **Stable**: rows equal under every key keep their order, so sorting by user after sorting
//!   by time shows each user's sessions in time order, and the first key is never reshuffled
//!   by a refresh.

use crate::records::columns::{column, BandThresholds, Cell, ColumnId, ColumnKind};
use crate::records::table::{RecordTable, RowId};
use crate::stages::PhaseIndex;
use std::borrow::Cow;
use std::cmp::Ordering;

/// One sort key: a column and its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey {
    pub column: ColumnId,
    pub descending: bool,
}

/// The keys after a click on `column`'s header.
///
/// - Plain click (`additive == false`): if `column` is already the only key, its direction
///   toggles (ascending ↔ descending); otherwise it becomes the only key, ascending.
/// - Shift-click (`additive == true`): a column not yet sorted is added as the last key,
///   ascending; an ascending key turns descending in place; a descending key is removed. So
///   repeated shift-clicks cycle ascending → descending → unsorted, which is the only way a
///   secondary key can be dropped without starting over.
///
/// ```
/// use logins_core::records::columns::ColumnId::{NetworkRtt, UserName};
/// use logins_core::records::sort::{toggle_sort, SortKey};
/// let k = toggle_sort(&[], UserName, false);
/// assert_eq!(k, [SortKey { column: UserName, descending: false }]);
/// let k = toggle_sort(&k, NetworkRtt, true);
/// let k = toggle_sort(&k, NetworkRtt, true);
/// assert_eq!(k[1], SortKey { column: NetworkRtt, descending: true });
/// assert_eq!(toggle_sort(&k, NetworkRtt, true).len(), 1);
/// ```
pub fn toggle_sort(keys: &[SortKey], column: ColumnId, additive: bool) -> Vec<SortKey> {
    let ascending = SortKey {
        column,
        descending: false,
    };
    if !additive {
        return match keys {
            [only] if only.column == column => vec![SortKey {
                column,
                descending: !only.descending,
            }],
            _ => vec![ascending],
        };
    }
    let mut keys = keys.to_vec();
    match keys.iter().position(|k| k.column == column) {
        None => keys.push(ascending),
        Some(i) if keys[i].descending => {
            keys.remove(i);
        }
        Some(i) => keys[i].descending = true,
    }
    keys
}

/// A row's value under one key, as one integer: the class in the high half (always ascending,
/// which puts missing values last) and the value in the low half, mapped to an unsigned
/// integer in the key's direction. So the sort compares plain integers.
type SortValue = u128;
const VALUE: u8 = 0;
const UNPARSED: u8 = 1;
const MISSING: u8 = 2;

fn encode(class: u8, value: i64, descending: bool) -> SortValue {
    // Flipping the sign bit maps i64 order onto u64 order.
    let ordered = (value as u64) ^ (1 << 63);
    let ordered = if descending { !ordered } else { ordered };
    (u128::from(class) << 64) | u128::from(ordered)
}

/// Sorts `rows` in place by `keys` (see the module docs for the order). A column repeated in
/// `keys` counts once, at its first position; a row number the table does not have sorts as
/// all-missing. With no keys the rows keep their order.
///
/// How: each key becomes one integer per row ([`SortValue`]); with one key, the rows are sorted
/// by (value, position), which is unique, so an unstable integer sort gives the stable order.
/// With several, each key's values are first replaced by dense 32-bit ranks and up to four
/// ranks are packed into one integer, so the final sort is again over plain integers.
///
/// ```
/// use logins_core::records::columns::{BandThresholds, ColumnId};
/// use logins_core::records::record::Record;
/// use logins_core::records::sort::{sort_rows, SortKey};
/// use logins_core::records::table::RecordTable;
/// let rtts = [Some(30), None, Some(10)];
/// let table = RecordTable::from_records(rtts.iter().enumerate().map(|(i, &rtt)| Record {
///     transaction_id: Some(i.to_string()), network_rtt: rtt, ..Record::default()
/// }));
/// let mut rows = vec![0, 1, 2];
/// let key = SortKey { column: ColumnId::NetworkRtt, descending: true };
/// sort_rows(&table, &mut rows, &[key], &BandThresholds::default());
/// assert_eq!(rows, [0, 2, 1]); // 30, 10, then the missing one
/// ```
pub fn sort_rows(
    table: &RecordTable,
    rows: &mut [RowId],
    keys: &[SortKey],
    bands: &BandThresholds,
) {
    sort_rows_with(table, rows, keys, bands, &PhaseIndex::new());
}

/// [`sort_rows`], with the slowest logon phases of the analyzed logins for the "Slowest phase"
/// column: known phases in the order a login goes through them, then unknown phases by name,
/// then "no phases", "no phase durations", "analysis failed"; logins not analyzed last in
/// either direction, as missing values.
pub fn sort_rows_with(
    table: &RecordTable,
    rows: &mut [RowId],
    keys: &[SortKey],
    bands: &BandThresholds,
    phases: &PhaseIndex,
) {
    let mut unique: Vec<SortKey> = Vec::with_capacity(keys.len());
    for k in keys {
        if !unique.iter().any(|u| u.column == k.column) {
            unique.push(*k);
        }
    }
    // Positions fit in u32 only if rows does; a longer slice cannot come from one table.
    if unique.is_empty() || rows.len() < 2 || u32::try_from(rows.len()).is_err() {
        return;
    }
    let order: Vec<u32> = if let [key] = unique[..] {
        sorted_positions(sort_values(table, rows, key, bands, phases))
    } else if unique.len() <= 4 {
        let mut packed = vec![0u128; rows.len()];
        for (i, key) in unique.iter().enumerate() {
            let shift = 32 * (3 - i);
            for (p, rank) in packed
                .iter_mut()
                .zip(dense_ranks(sort_values(table, rows, *key, bands, phases)))
            {
                *p |= u128::from(rank) << shift;
            }
        }
        sorted_positions(packed)
    } else {
        let ranks: Vec<Vec<u32>> = unique
            .iter()
            .map(|k| dense_ranks(sort_values(table, rows, *k, bands, phases)))
            .collect();
        // Stable, so equal rows keep their positions.
        stable_order(rows.len(), &|a, b| {
            ranks
                .iter()
                .map(|r| r[a].cmp(&r[b]))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    };
    let original = rows.to_vec();
    for (slot, position) in rows.iter_mut().zip(order) {
        *slot = original[position as usize];
    }
}

/// Positions `0..n` in the stable order of `compare` (which compares two positions).
///
/// Every stable sort in the app goes through this one function: a `sort_by` is instantiated
/// per element type and comparator, each ~3 kB of wasm, so sorting positions through a `dyn`
/// comparator keeps one copy (see bench/BUNDLE.md).
pub fn stable_order(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
    order
}

/// Sorts `items` stably by `compare`, like `sort_by`, through [`stable_order`].
pub fn sort_stable_by<T>(items: &mut Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i as usize].take()));
}

/// Positions `0..values.len()` ordered by (value, position): the stable order, computed by an
/// unstable sort because the pairs are unique.
fn sorted_positions(values: Vec<SortValue>) -> Vec<u32> {
    let mut pairs: Vec<(SortValue, u32)> = values.into_iter().zip(0u32..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, position)| position).collect()
}

/// Each value replaced by its dense rank (0 for the smallest, equal values equal ranks).
fn dense_ranks(values: Vec<SortValue>) -> Vec<u32> {
    let mut ranks = vec![0u32; values.len()];
    let mut pairs: Vec<(SortValue, u32)> = values.into_iter().zip(0u32..).collect();
    pairs.sort_unstable();
    let mut rank = 0u32;
    for i in 0..pairs.len() {
        if i > 0 && pairs[i].0 != pairs[i - 1].0 {
            rank += 1;
        }
        ranks[pairs[i].1 as usize] = rank;
    }
    ranks
}

/// Each row's value under `key`, by position in `rows`.
fn sort_values(
    table: &RecordTable,
    rows: &[RowId],
    key: SortKey,
    bands: &BandThresholds,
    phases: &PhaseIndex,
) -> Vec<SortValue> {
    let desc = key.descending;
    let missing = encode(MISSING, 0, false);
    if column_kind(key.column) == ColumnKind::Phase {
        return phase_values(table, rows, desc, phases);
    }
    if column_kind(key.column) == ColumnKind::Text {
        let ranks = text_ranks(table, rows, key.column);
        return rows
            .iter()
            .map(|&row| {
                match table
                    .sym(row, key.column)
                    .and_then(|sym| ranks.get(sym.index()))
                {
                    Some(&rank) if rank != BLANK && rank != UNRANKED => {
                        encode(VALUE, i64::from(rank), desc)
                    }
                    _ => missing,
                }
            })
            .collect();
    }
    rows.iter()
        .map(|&row| match table.cell(row, key.column, bands) {
            Cell::Missing | Cell::Text(_) => missing,
            Cell::TimeText(_) => encode(UNPARSED, 0, false),
            Cell::Ongoing => encode(VALUE, i64::MAX, desc),
            Cell::Time(v) | Cell::Duration(v) | Cell::Ms(v) => encode(VALUE, v, desc),
            Cell::Band(b) => encode(VALUE, b as i64, desc),
            Cell::Bool(b) | Cell::Outcome { failed: b } => encode(VALUE, i64::from(b), desc),
        })
        .collect()
}

/// The "Slowest phase" values: class, then the rank of an unknown phase's name among those
/// present.
fn phase_values(
    table: &RecordTable,
    rows: &[RowId],
    desc: bool,
    phases: &PhaseIndex,
) -> Vec<SortValue> {
    let mut names: Vec<&str> = phases
        .iter()
        .filter_map(|(_, s)| s.sort_class().1)
        .collect();
    names.sort_unstable();
    names.dedup();
    rows.iter()
        .map(|&row| match phases.of_row(table, row) {
            None => encode(MISSING, 0, false),
            Some(slowest) => {
                let (class, name) = slowest.sort_class();
                let rank = name.map_or(0, |n| names.binary_search(&n).unwrap_or(0));
                encode(VALUE, (i64::from(class) << 32) | rank as i64, desc)
            }
        })
        .collect()
}

fn column_kind(id: ColumnId) -> ColumnKind {
    column(id).kind
}

const UNRANKED: u32 = u32::MAX;
const BLANK: u32 = u32::MAX - 1;

/// The rank of every symbol used by `rows` in a text `column` (indexed by [`Sym::index`]):
/// equal ranks for texts equal after lowercasing, [`BLANK`] for blank text.
///
/// [`Sym::index`]: crate::records::table::Sym::index
fn text_ranks(table: &RecordTable, rows: &[RowId], column: ColumnId) -> Vec<u32> {
    let mut ranks = vec![UNRANKED; table.symbol_count()];
    let mut distinct = Vec::new();
    for &row in rows {
        if let Some(sym) = table.sym(row, column) {
            if let Some(rank @ &mut UNRANKED) = ranks.get_mut(sym.index()) {
                let text = table.text(sym);
                if text.trim().is_empty() {
                    *rank = BLANK;
                } else {
                    *rank = 0;
                    distinct.push((lowercase(text), sym));
                }
            }
        }
    }
    sort_stable_by(&mut distinct, &|a, b| a.0.cmp(&b.0));
    let mut rank = 0;
    for i in 0..distinct.len() {
        if i > 0 && distinct[i].0 != distinct[i - 1].0 {
            rank += 1;
        }
        if let Some(r) = ranks.get_mut(distinct[i].1.index()) {
            *r = rank;
        }
    }
    ranks
}

/// Lowercase, without allocating for text that has no uppercase letters (most IPs, IDs,
/// versions). `str`'s `Ord` is byte order, which for UTF-8 is code-point order.
pub(crate) fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::{Record, Timestamp};
    use crate::records::table::tests::demo_records;
    use crate::time::format::DisplayZone;
    use proptest::prelude::*;
    use ColumnId as C;

    fn asc(column: ColumnId) -> SortKey {
        SortKey {
            column,
            descending: false,
        }
    }
    fn desc(column: ColumnId) -> SortKey {
        SortKey {
            column,
            descending: true,
        }
    }

    /// A table of one record per entry, distinct by transaction ID.
    fn table_of(records: impl IntoIterator<Item = Record>) -> RecordTable {
        RecordTable::from_records(records.into_iter().enumerate().map(|(i, r)| Record {
            transaction_id: Some(format!("tx-{i}")),
            ..r
        }))
    }

    fn sorted(table: &RecordTable, keys: &[SortKey]) -> Vec<RowId> {
        let mut rows: Vec<RowId> = table.row_ids().collect();
        sort_rows(table, &mut rows, keys, &BandThresholds::default());
        rows
    }

    fn users(table: &RecordTable, rows: &[RowId]) -> Vec<String> {
        rows.iter()
            .map(|&r| table.record(r).user_name.unwrap_or_else(|| "<none>".into()))
            .collect()
    }

    #[test]
    fn text_is_case_insensitive_code_point_order_with_missing_last() {
        let names = [
            Some("Ärger"),
            Some("zebra"),
            None,
            Some("Zoë"),
            Some("ábc"),
            Some(""),
            Some("😀"),
            Some("apple"),
            Some("Apple"),
            Some("  "),
        ];
        let table = table_of(names.map(|n| Record {
            user_name: n.map(str::to_owned),
            ..Record::default()
        }));
        assert_eq!(
            users(&table, &sorted(&table, &[asc(C::UserName)])),
            ["apple", "Apple", "zebra", "Zoë", "ábc", "Ärger", "😀", "<none>", "", "  "]
        );
        // Descending reverses the values, not the missing ones, and ties keep their order.
        assert_eq!(
            users(&table, &sorted(&table, &[desc(C::UserName)])),
            ["😀", "Ärger", "ábc", "Zoë", "zebra", "apple", "Apple", "<none>", "", "  "]
        );
    }

    #[test]
    fn numbers_times_and_derived_columns_keep_missing_last() {
        let t = |s: &str| Some(Timestamp::parse(s));
        let records = [
            // 0: 10 ms, 60 s session
            Record {
                network_rtt: Some(10),
                connection_start_time: t("2024-01-01T00:00:00Z"),
                connection_end_time: t("2024-01-01T00:01:00Z"),
                ..Record::default()
            },
            // 1: nothing at all
            Record::default(),
            // 2: -1 ms, ongoing
            Record {
                network_rtt: Some(-1),
                connection_start_time: t("2023-01-01T00:00:00Z"),
                ..Record::default()
            },
            // 3: 500 ms, unparsable start
            Record {
                network_rtt: Some(500),
                connection_start_time: t("yesterday"),
                ..Record::default()
            },
        ];
        let table = table_of(records);
        assert_eq!(sorted(&table, &[asc(C::NetworkRtt)]), [2, 0, 3, 1]);
        assert_eq!(sorted(&table, &[desc(C::NetworkRtt)]), [3, 0, 2, 1]);
        assert_eq!(sorted(&table, &[asc(C::ConnectionStart)]), [2, 0, 3, 1]);
        assert_eq!(sorted(&table, &[desc(C::ConnectionStart)]), [0, 2, 3, 1]);
        assert_eq!(sorted(&table, &[asc(C::SessionDuration)]), [0, 2, 1, 3]);
        assert_eq!(sorted(&table, &[desc(C::SessionDuration)]), [2, 0, 1, 3]);
        // Bands: -1 has none; 10 good, 500 poor.
        assert_eq!(sorted(&table, &[desc(C::NetworkBand)]), [3, 0, 1, 2]);
        // Every record succeeded: all equal, original order.
        assert_eq!(sorted(&table, &[desc(C::Outcome)]), [0, 1, 2, 3]);
    }

    #[test]
    fn secondary_keys_break_ties_then_original_order() {
        let rec = |user: &str, rtt: i64| Record {
            user_name: Some(user.into()),
            network_rtt: Some(rtt),
            ..Record::default()
        };
        let table = table_of([
            rec("b", 1),
            rec("a", 1),
            rec("B", 2),
            rec("a", 3),
            rec("b", 1),
        ]);
        assert_eq!(
            sorted(&table, &[asc(C::UserName), desc(C::NetworkRtt)]),
            [3, 1, 2, 0, 4]
        );
        // A repeated column counts once, at its first position.
        assert_eq!(
            sorted(
                &table,
                &[asc(C::NetworkRtt), desc(C::NetworkRtt), asc(C::UserName)]
            ),
            [1, 0, 4, 2, 3]
        );
        assert_eq!(sorted(&table, &[]), [0, 1, 2, 3, 4]);
        // A subset, with a row the table does not have: it sorts as missing.
        let mut rows = vec![99, 3, 0];
        sort_rows(
            &table,
            &mut rows,
            &[asc(C::NetworkRtt)],
            &BandThresholds::default(),
        );
        assert_eq!(rows, [0, 3, 99]);
    }

    #[test]
    fn toggling() {
        let k = toggle_sort(&[], C::UserName, false);
        assert_eq!(k, [asc(C::UserName)]);
        assert_eq!(toggle_sort(&k, C::UserName, false), [desc(C::UserName)]);
        assert_eq!(
            toggle_sort(&[desc(C::UserName)], C::UserName, false),
            [asc(C::UserName)]
        );
        let two = [asc(C::UserName), desc(C::NetworkRtt)];
        // A plain click on a key among several makes it the only one, ascending.
        assert_eq!(
            toggle_sort(&two, C::NetworkRtt, false),
            [asc(C::NetworkRtt)]
        );
        assert_eq!(
            toggle_sort(&two, C::Outcome, true),
            [asc(C::UserName), desc(C::NetworkRtt), asc(C::Outcome)]
        );
        assert_eq!(
            toggle_sort(&two, C::UserName, true),
            [desc(C::UserName), desc(C::NetworkRtt)]
        );
        assert_eq!(toggle_sort(&two, C::NetworkRtt, true), [asc(C::UserName)]);
        assert!(toggle_sort(&[desc(C::Sid)], C::Sid, true).is_empty());
    }

    /// The reference order, straight from cells and strings: slow but obviously right.
    fn reference_cmp(table: &RecordTable, a: RowId, b: RowId, keys: &[SortKey]) -> Ordering {
        let bands = BandThresholds::default();
        for k in keys {
            let class_value = |row| -> (u8, Option<String>, i64) {
                match table.cell(row, k.column, &bands) {
                    Cell::Missing => (2, None, 0),
                    Cell::TimeText(_) => (1, None, 0),
                    Cell::Text(s) => (0, Some(s.to_lowercase()), 0),
                    Cell::Ongoing => (0, None, i64::MAX),
                    Cell::Time(v) | Cell::Duration(v) | Cell::Ms(v) => (0, None, v),
                    Cell::Band(b) => (0, None, b as i64),
                    Cell::Bool(b) | Cell::Outcome { failed: b } => (0, None, i64::from(b)),
                }
            };
            let (ca, sa, va) = class_value(a);
            let (cb, sb, vb) = class_value(b);
            let mut o = (sa, va).cmp(&(sb, vb));
            if k.descending {
                o = o.reverse();
            }
            let o = ca.cmp(&cb).then(o);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }

    fn arb_key() -> impl Strategy<Value = SortKey> {
        (0..crate::records::columns::COLUMNS.len(), any::<bool>()).prop_map(|(i, descending)| {
            SortKey {
                column: crate::records::columns::COLUMNS[i].id,
                descending,
            }
        })
    }

    proptest! {
        #[test]
        fn matches_the_reference_order(
            users in prop::collection::vec(
                prop::option::of(prop::sample::select(vec!["a", "B", "b", "é", "É", "", "z"])), 0..40),
            rtts in prop::collection::vec(prop::option::of(-2i64..300), 40),
            keys in prop::collection::vec(arb_key(), 0..7),
        ) {
            let table = table_of(users.iter().zip(&rtts).map(|(u, &rtt)| Record {
                user_name: u.map(str::to_owned),
                e2e_rtt: rtt,
                is_reconnect: rtt.map(|r| r % 2 == 0),
                ..Record::default()
            }));
            let rows = sorted(&table, &keys);
            let mut unique: Vec<SortKey> = Vec::new();
            for k in &keys {
                if !unique.iter().any(|u| u.column == k.column) {
                    unique.push(*k);
                }
            }
            let mut expected: Vec<RowId> = table.row_ids().collect();
            expected.sort_by(|&a, &b| reference_cmp(&table, a, b, &unique));
            prop_assert_eq!(rows, expected);
        }
    }

    #[test]
    fn sorts_100k_demo_rows() {
        let table = RecordTable::from_records(demo_records(100_000));
        let keys = [asc(C::UserName), desc(C::ConnectionStart)];
        let bands = BandThresholds::default();
        let mut rows: Vec<RowId> = table.row_ids().collect();
        let started = std::time::Instant::now();
        sort_rows(&table, &mut rows, &keys, &bands);
        let by_user = started.elapsed();
        let mut by_rtt: Vec<RowId> = table.row_ids().collect();
        let started = std::time::Instant::now();
        sort_rows(&table, &mut by_rtt, &[desc(C::E2eRtt)], &bands);
        let by_e2e = started.elapsed();
        let mut by_tx: Vec<RowId> = table.row_ids().collect();
        let started = std::time::Instant::now();
        sort_rows(&table, &mut by_tx, &[asc(C::TransactionId)], &bands);
        let by_tx_time = started.elapsed();
        eprintln!(
            "sort 100k: user+start {by_user:?}, e2e rtt {by_e2e:?}, transaction id {by_tx_time:?}"
        );
        assert_eq!(rows.len(), table.len());
        for pair in rows.windows(2) {
            assert_ne!(
                reference_cmp(&table, pair[0], pair[1], &keys),
                Ordering::Greater,
                "{pair:?}"
            );
            // Stable: equal rows stay in storage order.
            if reference_cmp(&table, pair[0], pair[1], &keys) == Ordering::Equal {
                assert!(pair[0] < pair[1]);
            }
        }
        let first = table
            .cell(by_rtt[0], C::E2eRtt, &bands)
            .display(crate::i18n::Lang::En, &DisplayZone::Utc);
        let max = table
            .row_ids()
            .filter_map(|r| table.record(r).e2e_rtt)
            .max()
            .unwrap();
        assert_eq!(first, format!("{max} ms"));
        let last = *by_rtt.last().unwrap();
        assert!(table.cell(last, C::E2eRtt, &bands).is_missing());
    }
}
