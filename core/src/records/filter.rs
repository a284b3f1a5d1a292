//! Filtering the loaded rows: one quick search box plus per-column filters. One [`RowFilter`]
//! drives the table, the KPIs and the charts, so they always describe the same rows.
//!
//! Why it is fast: text filters are decided once per *distinct* string (the table interns
//! strings), then each row only looks up a remembered answer; exact matches compare one symbol.
//!
//! The rules, and why:
//! - All filters must match (AND): each one narrows, which is what "slice the data" means.
//! - Text matching is case-insensitive (lowercase on both sides) and ignores blanks around the
//!   needle, because nobody means the trailing space they typed. An empty needle filters nothing.
//! - A missing value matches no active filter: "RTT between 100 and 200" does not include rows
//!   without an RTT.
//! - A filter on a column it does not apply to (a range on a text column, yes/no on a time)
//!   matches no row, so a mistake shows as an empty table rather than a silently ignored filter.
//!
//! Language: a filter is data (the text typed, a band, a bound), never a word of the screen,
//! so it stays the same filter when the language changes, and it keeps the same rows: where a
//! filter meets the app's own words, it accepts them in every language. So the analytics are
//! not recomputed by a switch, and a search the user typed in one language still means what it
//! meant. In detail, for a search for `进行中` or `ongoing`:
//! - The quick search finds the records whose own text (user, computer, IP, version, failure
//!   reason...) contains it, as sent by the API, which no language changes; and, when the whole
//!   search is one of the words the table writes for a state, the rows in that state:
//!   `进行中`/`ongoing` an open session, `失败`/`failed` and `成功`/`succeeded` the outcome,
//!   `良好`/`good`, `一般`/`fair`, `较差`/`poor` a network or E2E quality. A Chinese user
//!   types what the Chinese table shows; the English word keeps working, so the search does
//!   not change meaning on a switch. Whole words only: a user name being typed (`go…`,
//!   `成…`) must not fill the table with every good or successful session on the way.
//!   Yes/no are left out: alone, 是 or `no` says nothing about which column.
//! - A column's "contains" or "equals" on a column that is not text (times, durations, words)
//!   compares with the cell's text in either language (times in UTC): `进行中` and `ongoing`
//!   both find an open session.

use crate::i18n::Lang;
use crate::records::columns::{column, Band, BandThresholds, Cell, ColumnId, ColumnKind};
use crate::records::sort::lowercase;
use crate::records::table::{RecordTable, RowId, Sym};
use crate::stages::{slowest_key, slowest_text, PhaseIndex, SlowestPhase};
use crate::time::format::DisplayZone;

/// One column's condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnFilter {
    /// The cell contains `needle`, case-insensitively. For non-text columns the cell's
    /// [`Cell::display`] text in UTC is searched, in either language (e.g. `"ongoing"` or
    /// `"进行中"`, `"yes"` or `"是"`, `"2024-01"`).
    Contains { column: ColumnId, needle: String },
    /// The cell is exactly `value` (case-sensitive): "Show this user's sessions". For
    /// non-text columns, compared with the display text in UTC, in either language.
    Equals { column: ColumnId, value: String },
    /// The cell is an IPv4 address in the /16 network whose first two octets are `network`
    /// (blanks around the address allowed): a desktop subnet of the breakdowns, by the same
    /// rule that groups them ([`ipv4_subnet16`]).
    Subnet16 { column: ColumnId, network: [u8; 2] },
    /// `min ≤ value ≤ max`, either bound optional, for milliseconds, durations (seconds) and
    /// times (Unix seconds). An ongoing session matches when there is no `max`: its duration is
    /// at least something, at most unknown.
    Range {
        column: ColumnId,
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A yes/no column equals `value`; for the outcome column, `value == true` means failed.
    Is { column: ColumnId, value: bool },
    /// A quality column is in `band`; on an RTT column, the RTT's band.
    Band { column: ColumnId, band: Band },
    /// A text column is exactly one of `values` (case-sensitive): the logins a logon phase
    /// concerns, by transaction ID. An empty list keeps no row.
    AnyOf {
        column: ColumnId,
        values: Vec<String>,
    },
}

impl ColumnFilter {
    /// The column it filters.
    pub fn column(&self) -> ColumnId {
        match self {
            ColumnFilter::Contains { column, .. }
            | ColumnFilter::Equals { column, .. }
            | ColumnFilter::Subnet16 { column, .. }
            | ColumnFilter::Range { column, .. }
            | ColumnFilter::Is { column, .. }
            | ColumnFilter::Band { column, .. }
            | ColumnFilter::AnyOf { column, .. } => *column,
        }
    }

    /// Whether it excludes anything at all: a blank `Contains` or an unbounded `Range` does
    /// not (so the UI can keep an untouched filter field in the list).
    pub fn is_active(&self) -> bool {
        match self {
            ColumnFilter::Contains { needle, .. } => !needle.trim().is_empty(),
            ColumnFilter::Range { min, max, .. } => min.is_some() || max.is_some(),
            ColumnFilter::Equals { .. }
            | ColumnFilter::Subnet16 { .. }
            | ColumnFilter::Is { .. }
            | ColumnFilter::Band { .. }
            | ColumnFilter::AnyOf { .. } => true,
        }
    }
}

/// The whole filter state.
///
/// ```
/// use logins_core::records::columns::{BandThresholds, ColumnId};
/// use logins_core::records::record::Record;
/// use logins_core::records::filter::{filter_rows, ColumnFilter, RowFilter};
/// use logins_core::records::table::RecordTable;
/// let table = RecordTable::from_records(["Alice", "bob", "alicia"].map(|u| Record {
///     user_name: Some(u.into()), network_rtt: Some(u.len() as i64 * 30), ..Record::default()
/// }));
/// let mut filter = RowFilter { quick: "ALI".into(), ..RowFilter::default() };
/// let bands = BandThresholds::default();
/// assert_eq!(filter_rows(&table, &filter, &bands), [0, 2]);
/// filter.columns.push(ColumnFilter::Range { column: ColumnId::NetworkRtt, min: Some(160), max: None });
/// assert_eq!(filter_rows(&table, &filter, &bands), [2]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Case-insensitive substring searched in every text column, shown or hidden (so a
    /// transaction ID or MAC pasted from elsewhere finds its row); a whole word of a state
    /// (`进行中`, `failed`...) also finds the rows in that state (see the module's doc).
    pub quick: String,
    pub columns: Vec<ColumnFilter>,
}

/// Which end of a range filter an input sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeEnd {
    From,
    To,
}

impl RowFilter {
    /// Whether it lets every row through.
    pub fn is_empty(&self) -> bool {
        self.quick.trim().is_empty() && !self.columns.iter().any(ColumnFilter::is_active)
    }

    /// The filter on `column`, if there is one.
    pub fn on(&self, column: ColumnId) -> Option<&ColumnFilter> {
        self.columns.iter().find(|f| f.column() == column)
    }

    /// Replaces the filter on `column` by `filter`: a column has at most one filter, so a click
    /// on a chart or a breakdown narrows to what was clicked instead of contradicting an
    /// earlier choice. `None` clears it, and so does a filter that excludes nothing (blank
    /// text, an unbounded range: the "n active" count never counts an empty input) or one on
    /// another column (a caller's mistake must not leave two filters on that column).
    pub fn set(&mut self, column: ColumnId, filter: Option<ColumnFilter>) {
        self.columns.retain(|f| f.column() != column);
        self.columns
            .extend(filter.filter(|f| f.column() == column && f.is_active()));
    }

    /// `filter` replaces the filter on its column (see [`RowFilter::set`]).
    pub fn narrow(&mut self, filter: ColumnFilter) {
        self.set(filter.column(), Some(filter));
    }

    /// The bounds of the range filter on `column`; both `None` when it has none.
    pub fn range_on(&self, column: ColumnId) -> (Option<i64>, Option<i64>) {
        match self.on(column) {
            Some(ColumnFilter::Range { min, max, .. }) => (*min, *max),
            _ => (None, None),
        }
    }

    /// Sets one end of the range on `column` and keeps the other; a column whose filter was
    /// not a range gets a range. Both ends open clears the column's filter.
    pub fn set_range_end(&mut self, column: ColumnId, end: RangeEnd, value: Option<i64>) {
        let (mut min, mut max) = self.range_on(column);
        match end {
            RangeEnd::From => min = value,
            RangeEnd::To => max = value,
        }
        self.set(column, Some(ColumnFilter::Range { column, min, max }));
    }

    /// Removes every column filter; the quick search stays.
    pub fn clear_columns(&mut self) {
        self.columns.clear();
    }
}

/// The first two octets of `text` as an IPv4 address (blanks around it ignored): its /16
/// network. `None` for anything else (IPv6, a name, blank).
///
/// ```
/// use logins_core::records::filter::ipv4_subnet16;
/// assert_eq!(ipv4_subnet16(" 172.16.0.5"), Some([172, 16]));
/// assert_eq!(ipv4_subnet16("fe80::1"), None);
/// ```
pub fn ipv4_subnet16(text: &str) -> Option<[u8; 2]> {
    let [a, b, _, _] = text.trim().parse::<std::net::Ipv4Addr>().ok()?.octets();
    Some([a, b])
}

/// The rows that pass `filter`, in storage order (all of them when the filter is empty).
pub fn filter_rows(table: &RecordTable, filter: &RowFilter, bands: &BandThresholds) -> Vec<RowId> {
    filter_rows_with(table, filter, bands, &PhaseIndex::new())
}

/// [`filter_rows`], with the slowest logon phases of the analyzed logins for filters on the
/// "Slowest phase" column: `Equals` a [`slowest_key`] (`CONNECT`, `not_analyzed`...) or the
/// cell's text in either language, `Contains` a part of that text in either language. A login
/// not analyzed is a value here ("not analyzed"), not a missing one: filtering for it is how
/// the user finds what is left to analyze.
pub fn filter_rows_with(
    table: &RecordTable,
    filter: &RowFilter,
    bands: &BandThresholds,
    phases: &PhaseIndex,
) -> Vec<RowId> {
    if filter.is_empty() {
        return table.row_ids().collect();
    }
    let quick = filter.quick.trim();
    let states = state_words_matching(quick);
    let mut quick = (!quick.is_empty()).then(|| TextMatcher::new(table, quick));
    let mut tests: Vec<Test> = filter
        .columns
        .iter()
        .filter(|f| f.is_active())
        .map(|f| Test::new(table, f, phases))
        .collect();
    table
        .row_ids()
        .filter(|&row| {
            if let Some(m) = quick.as_mut() {
                // Every text field is a text column, and an absent one matches nothing.
                let hit = table.row_texts(row).iter().any(|&s| m.matches(table, s))
                    || states
                        .iter()
                        .any(|(c, state)| table.cell(row, *c, bands) == *state);
                if !hit {
                    return false;
                }
            }
            tests.iter_mut().all(|t| t.matches(table, row, bands))
        })
        .collect()
}

/// The cells (column and state) that the quick search `needle` names as a whole word, in any
/// language: `进行中` → an ongoing session, `Failed` → a failed outcome... Empty for any other
/// text, so an ordinary search costs nothing more.
fn state_words_matching(needle: &str) -> Vec<(ColumnId, Cell<'static>)> {
    let needle = lowercase(needle);
    let bands = Band::ALL.map(Cell::Band);
    let states = [
        (ColumnId::SessionDuration, Cell::Ongoing),
        (ColumnId::Outcome, Cell::Outcome { failed: true }),
        (ColumnId::Outcome, Cell::Outcome { failed: false }),
    ]
    .into_iter()
    .chain(bands.map(|b| (ColumnId::NetworkBand, b)))
    .chain(bands.map(|b| (ColumnId::E2eBand, b)));
    states
        .filter(|(_, cell)| {
            Lang::ALL
                .iter()
                .any(|&lang| lowercase(&cell.display(lang, &DisplayZone::Utc)) == needle)
        })
        .collect()
}

/// Case-insensitive substring test with one remembered answer per symbol.
struct TextMatcher {
    needle: String,
    /// Per symbol: 0 not yet decided, 1 no, 2 yes.
    memo: Vec<u8>,
}

impl TextMatcher {
    fn new(table: &RecordTable, needle: &str) -> Self {
        TextMatcher {
            needle: needle.to_lowercase(),
            memo: vec![0; table.symbol_count()],
        }
    }

    fn matches(&mut self, table: &RecordTable, sym: Sym) -> bool {
        let Some(known) = self.memo.get_mut(sym.index()) else {
            return false;
        };
        if *known == 0 {
            *known = if contains(table.text(sym), &self.needle) {
                2
            } else {
                1
            };
        }
        *known == 2
    }

    fn contained_in(&self, text: &str) -> bool {
        contains(text, &self.needle)
    }

    /// Whether the needle is in `cell`'s text in any language (times in UTC).
    fn in_any_language(&self, cell: &Cell) -> bool {
        Lang::ALL
            .iter()
            .any(|&lang| self.contained_in(&cell.display(lang, &DisplayZone::Utc)))
    }
}

/// Whether `text`, lowercased, contains `needle` (already lowercase).
fn contains(text: &str, needle: &str) -> bool {
    lowercase(text).contains(needle)
}

/// One active column filter, prepared.
enum Test {
    Text(ColumnId, TextMatcher),
    /// `None`: the text is in no record, so nothing matches.
    TextEquals(ColumnId, Option<Sym>),
    Display(ColumnId, TextMatcher),
    DisplayEquals(ColumnId, String),
    /// The symbols of the values that some record has (the others match nothing).
    TextAnyOf(ColumnId, std::collections::HashSet<Sym>),
    /// "Slowest phase": the row's transaction ID is in the set (`negate`: is not, which is how
    /// "not analyzed" rows, absent from the index, are matched).
    Phase {
        ids: std::collections::HashSet<Sym>,
        negate: bool,
    },
    Other(ColumnFilter),
}

impl Test {
    fn new(table: &RecordTable, filter: &ColumnFilter, phases: &PhaseIndex) -> Test {
        let kind = column(filter.column()).kind;
        let text = kind == ColumnKind::Text;
        match filter {
            ColumnFilter::Equals { value, .. } if kind == ColumnKind::Phase => {
                let value = value.trim();
                phase_test(table, phases, |s| {
                    slowest_key(s) == value
                        || Lang::ALL.iter().any(|&lang| slowest_text(lang, s) == value)
                })
            }
            ColumnFilter::Contains { needle, .. } if kind == ColumnKind::Phase => {
                let needle = lowercase(needle.trim()).into_owned();
                phase_test(table, phases, |s| {
                    Lang::ALL
                        .iter()
                        .any(|&lang| lowercase(&slowest_text(lang, s)).contains(&needle))
                })
            }
            ColumnFilter::Contains { column, needle } => {
                let m = TextMatcher::new(table, needle.trim());
                if text {
                    Test::Text(*column, m)
                } else {
                    Test::Display(*column, m)
                }
            }
            ColumnFilter::Equals { column, value } if text => {
                Test::TextEquals(*column, table.lookup(value))
            }
            ColumnFilter::Equals { column, value } => Test::DisplayEquals(*column, value.clone()),
            ColumnFilter::AnyOf { column, values } => Test::TextAnyOf(
                *column,
                values.iter().filter_map(|v| table.lookup(v)).collect(),
            ),
            other => Test::Other(other.clone()),
        }
    }

    fn matches(&mut self, table: &RecordTable, row: RowId, bands: &BandThresholds) -> bool {
        match self {
            Test::Text(c, m) => match table.cell(row, *c, bands) {
                // The cell decides blankness (a blank text is missing); the symbol is the memo.
                Cell::Text(_) => table.sym(row, *c).is_some_and(|s| m.matches(table, s)),
                _ => false,
            },
            Test::TextEquals(c, sym) => {
                sym.is_some()
                    && table.sym(row, *c) == *sym
                    && !table.cell(row, *c, bands).is_missing()
            }
            Test::Display(c, m) => {
                let cell = table.cell(row, *c, bands);
                !cell.is_missing() && m.in_any_language(&cell)
            }
            Test::DisplayEquals(c, value) => {
                let cell = table.cell(row, *c, bands);
                !cell.is_missing()
                    && Lang::ALL
                        .iter()
                        .any(|&lang| cell.display(lang, &DisplayZone::Utc) == *value)
            }
            Test::TextAnyOf(c, syms) => {
                table.sym(row, *c).is_some_and(|s| syms.contains(&s))
                    && !table.cell(row, *c, bands).is_missing()
            }
            Test::Phase { ids, negate } => {
                let listed = table
                    .sym(row, ColumnId::TransactionId)
                    .is_some_and(|s| ids.contains(&s));
                listed != *negate
            }
            Test::Other(f) => matches_value(f, table.cell(row, f.column(), bands), bands),
        }
    }
}

/// The "Slowest phase" test of `wanted`, decided once per analyzed login and once for "not
/// analyzed", so each row is one symbol lookup.
fn phase_test(
    table: &RecordTable,
    phases: &PhaseIndex,
    wanted: impl Fn(Option<&SlowestPhase>) -> bool,
) -> Test {
    let not_analyzed_wanted = wanted(None);
    // Analyzed logins whose answer differs from what a not-analyzed login gets.
    let ids = phases
        .iter()
        .filter(|(_, s)| wanted(Some(*s)) != not_analyzed_wanted)
        .filter_map(|(id, _)| table.lookup(id))
        .collect();
    Test::Phase {
        ids,
        negate: not_analyzed_wanted,
    }
}

fn matches_value(filter: &ColumnFilter, cell: Cell, bands: &BandThresholds) -> bool {
    match (filter, cell) {
        (ColumnFilter::Range { min, max, .. }, Cell::Time(v) | Cell::Duration(v) | Cell::Ms(v)) => {
            min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m)
        }
        (ColumnFilter::Range { max, .. }, Cell::Ongoing) => max.is_none(),
        (ColumnFilter::Is { value, .. }, Cell::Bool(b) | Cell::Outcome { failed: b }) => {
            b == *value
        }
        (ColumnFilter::Subnet16 { network, .. }, Cell::Text(t)) => {
            ipv4_subnet16(t) == Some(*network)
        }
        (ColumnFilter::Band { band, .. }, Cell::Band(b)) => b == *band,
        (ColumnFilter::Band { band, .. }, Cell::Ms(ms)) => Band::of(ms, bands) == Some(*band),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::{Record, Timestamp};
    use crate::records::table::tests::demo_records;
    use proptest::prelude::*;
    use ColumnId as C;

    fn t(s: &str) -> Option<Timestamp> {
        Some(Timestamp::parse(s))
    }

    fn sample() -> RecordTable {
        RecordTable::from_records([
            // 0
            Record {
                transaction_id: Some("tx-0".into()),
                user_name: Some("Alice@corp".into()),
                terminal_mac: Some("AA-BB".into()),
                network_rtt: Some(80),
                e2e_rtt: Some(150),
                is_reconnect: Some(true),
                connection_start_time: t("2024-01-01T10:00:00Z"),
                connection_setup_time: t("2024-01-01T10:00:04Z"),
                connection_end_time: t("2024-01-01T11:00:00Z"),
                ..Record::default()
            },
            // 1: failed, no RTT
            Record {
                transaction_id: Some("tx-1".into()),
                user_name: Some("bob".into()),
                connection_failure_reason: Some("Timeout".into()),
                is_reconnect: Some(false),
                connection_start_time: t("2024-01-02T10:00:00Z"),
                ..Record::default()
            },
            // 2: ongoing, blank user
            Record {
                transaction_id: Some("tx-2".into()),
                user_name: Some(" ".into()),
                network_rtt: Some(-1),
                e2e_rtt: Some(250),
                connection_start_time: t("2024-01-03T10:00:00Z"),
                ..Record::default()
            },
            // 3: alicia, unparsable start
            Record {
                transaction_id: Some("tx-3".into()),
                user_name: Some("alicia".into()),
                network_rtt: Some(200),
                connection_start_time: t("gestern"),
                ..Record::default()
            },
        ])
    }

    fn run(table: &RecordTable, quick: &str, columns: Vec<ColumnFilter>) -> Vec<RowId> {
        let filter = RowFilter {
            quick: quick.into(),
            columns,
        };
        filter_rows(table, &filter, &BandThresholds::default())
    }

    /// Region and Project (the origin of records fetched from several targets) are text
    /// columns like the others: sorted, filtered, found by the quick search, shown as sent.
    #[test]
    fn region_and_project_sort_filter_and_search_like_text() {
        use crate::records::sort::{sort_rows, SortKey};
        let at = |region: Option<&str>, project: &str| Record {
            region: region.map(str::to_owned),
            project: Some(project.to_owned()),
            transaction_id: Some("same-id".into()),
            ..Record::default()
        };
        let table = RecordTable::from_records([
            at(Some("cn-north-4"), "Beijing-Prod"),
            at(Some("ap-southeast-1"), "hongkong"),
            at(Some("cn-east-3"), "shanghai"),
            at(None, "legacy"),
            at(Some("cn-north-4"), "beijing-dev"),
        ]);
        assert_eq!(table.len(), 5, "one login ID, five projects");
        let bands = BandThresholds::default();
        // Sorted case-insensitively, missing last; descending keeps missing last too.
        let sorted = |column, descending| {
            let mut rows: Vec<RowId> = table.row_ids().collect();
            sort_rows(&table, &mut rows, &[SortKey { column, descending }], &bands);
            rows
        };
        assert_eq!(sorted(C::Project, false), [4, 0, 1, 3, 2]);
        assert_eq!(sorted(C::Region, false), [1, 2, 0, 4, 3]);
        assert_eq!(sorted(C::Region, true), [0, 4, 2, 1, 3]);
        // Column filters: contains (any case), equals (exact: a breakdown's click).
        let contains = |column, needle: &str| {
            run(
                &table,
                "",
                vec![ColumnFilter::Contains {
                    column,
                    needle: needle.into(),
                }],
            )
        };
        assert_eq!(contains(C::Project, "BEIJING"), [0, 4]);
        assert_eq!(contains(C::Region, "cn-"), [0, 2, 4]);
        let equals = ColumnFilter::Equals {
            column: C::Region,
            value: "cn-north-4".into(),
        };
        assert_eq!(run(&table, "", vec![equals]), [0, 4]);
        // The quick search finds them among the records' text.
        assert_eq!(run(&table, "southeast", vec![]), [1]);
        assert_eq!(run(&table, "legacy", vec![]), [3]);
        // Cells are the values as sent, in every language.
        for lang in Lang::ALL {
            let cell = table.cell(1, C::Region, &bands);
            assert!(cell.is_from_data());
            assert_eq!(cell.display(lang, &DisplayZone::Utc), "ap-southeast-1");
            assert!(table.cell(3, C::Region, &bands).is_missing());
        }
    }

    #[test]
    fn empty_filters_pass_everything() {
        let table = sample();
        assert!(RowFilter::default().is_empty());
        assert_eq!(run(&table, "", vec![]), [0, 1, 2, 3]);
        let inactive = vec![
            ColumnFilter::Contains {
                column: C::UserName,
                needle: "  ".into(),
            },
            ColumnFilter::Range {
                column: C::UserName,
                min: None,
                max: None,
            },
        ];
        assert!(RowFilter {
            quick: " ".into(),
            columns: inactive.clone()
        }
        .is_empty());
        assert_eq!(run(&table, " ", inactive), [0, 1, 2, 3]);
        assert_eq!(run(&RecordTable::new(), "x", vec![]), Vec::<RowId>::new());
    }

    #[test]
    fn quick_search_is_case_insensitive_across_all_text_columns() {
        let table = sample();
        assert_eq!(run(&table, "ALI", vec![]), [0, 3]);
        assert_eq!(run(&table, " aa-bb ", vec![]), [0]); // a hidden column
        assert_eq!(run(&table, "timeout", vec![]), [1]);
        assert_eq!(run(&table, "tx-", vec![]), [0, 1, 2, 3]);
        assert_eq!(run(&table, "nobody", vec![]), Vec::<RowId>::new());
        // Times are not text columns.
        assert_eq!(run(&table, "gestern", vec![]), Vec::<RowId>::new());
    }

    #[test]
    fn text_filters() {
        let table = sample();
        let contains = |column, needle: &str| ColumnFilter::Contains {
            column,
            needle: needle.into(),
        };
        let equals = |column, value: &str| ColumnFilter::Equals {
            column,
            value: value.into(),
        };
        assert_eq!(run(&table, "", vec![contains(C::UserName, "LIC")]), [0, 3]);
        assert_eq!(run(&table, "", vec![equals(C::UserName, "bob")]), [1]);
        assert_eq!(
            run(&table, "", vec![equals(C::UserName, "Bob")]),
            Vec::<RowId>::new()
        );
        assert_eq!(
            run(&table, "", vec![equals(C::UserName, " ")]),
            Vec::<RowId>::new()
        );
        // Non-text columns match their display text.
        assert_eq!(
            run(&table, "", vec![contains(C::SessionDuration, "ONGO")]),
            [2]
        );
        assert_eq!(
            run(&table, "", vec![contains(C::ConnectionStart, "2024-01-0")]),
            [0, 1, 2]
        );
        assert_eq!(
            run(&table, "", vec![contains(C::ConnectionStart, "gest")]),
            [3]
        );
        assert_eq!(run(&table, "", vec![equals(C::Outcome, "Failed")]), [1]);
        assert_eq!(run(&table, "", vec![equals(C::NetworkRtt, "80 ms")]), [0]);
        // AND with the quick search.
        assert_eq!(
            run(&table, "alicia", vec![contains(C::UserName, "ali")]),
            [3]
        );
    }

    #[test]
    fn a_search_for_a_state_word_finds_that_state_in_either_language() {
        let table = sample();
        // Row 2 is the only open session; row 1 the only failure.
        for word in ["进行中", "ongoing", " ONGOING "] {
            assert_eq!(run(&table, word, vec![]), [2], "{word:?}");
        }
        for word in ["失败", "failed", "Failed"] {
            assert_eq!(run(&table, word, vec![]), [1], "{word:?}");
        }
        assert_eq!(run(&table, "成功", vec![]), [0, 2, 3]);
        assert_eq!(run(&table, "succeeded", vec![]), [0, 2, 3]);
        // Network 80 ms is good (row 0), 200 ms fair (row 3); E2E 150 fair (0), 250 poor (2).
        assert_eq!(run(&table, "良好", vec![]), [0]);
        assert_eq!(run(&table, "一般", vec![]), [0, 3]);
        assert_eq!(run(&table, "poor", vec![]), [2]);
        // Whole words only, and yes/no say nothing without their column.
        for partial in ["进行", "ongo", "fail", "成", "go"] {
            assert_eq!(
                run(&table, partial, vec![]),
                Vec::<RowId>::new(),
                "{partial:?}"
            );
        }
        assert_eq!(run(&table, "是", vec![]), Vec::<RowId>::new());
        assert_eq!(run(&table, "no", vec![]), Vec::<RowId>::new());
        // The records' own text still counts: a reason that reads like a state word.
        let reasons = RecordTable::from_records(["进行中断开", "ongoing"].map(|r| Record {
            transaction_id: Some(r.into()),
            connection_failure_reason: Some(r.into()),
            connection_start_time: t("2024-01-01T10:00:00Z"),
            ..Record::default()
        }));
        assert_eq!(run(&reasons, "进行中", vec![]), [0]);
        assert_eq!(run(&reasons, "ongoing", vec![]), [1]);
    }

    #[test]
    fn word_cells_match_in_either_language_so_a_switch_keeps_the_rows() {
        let table = sample();
        let contains = |column, needle: &str| ColumnFilter::Contains {
            column,
            needle: needle.into(),
        };
        let equals = |column, value: &str| ColumnFilter::Equals {
            column,
            value: value.into(),
        };
        assert_eq!(
            run(&table, "", vec![contains(C::SessionDuration, "进行")]),
            [2]
        );
        assert_eq!(
            run(&table, "", vec![contains(C::SessionDuration, "ongo")]),
            [2]
        );
        assert_eq!(run(&table, "", vec![contains(C::IsReconnect, "是")]), [0]);
        assert_eq!(run(&table, "", vec![equals(C::Outcome, "失败")]), [1]);
        assert_eq!(run(&table, "", vec![equals(C::Outcome, "Failed")]), [1]);
        assert_eq!(run(&table, "", vec![equals(C::NetworkBand, "良好")]), [0]);
        assert_eq!(run(&table, "", vec![equals(C::SetupTime, "4秒")]), [0]);
        assert_eq!(run(&table, "", vec![equals(C::SetupTime, "4 s")]), [0]);
        // Times have one shape in every language.
        assert_eq!(
            run(&table, "", vec![contains(C::ConnectionStart, "2024-01-02")]),
            [1]
        );
        // A band filter is its band, whatever the band is called on screen.
        let band = ColumnFilter::Band {
            column: C::NetworkBand,
            band: Band::Good,
        };
        assert_eq!(run(&table, "", vec![band]), [0]);
    }

    #[test]
    fn ranges_flags_and_bands() {
        let table = sample();
        let range = |column, min, max| ColumnFilter::Range { column, min, max };
        assert_eq!(
            run(&table, "", vec![range(C::NetworkRtt, Some(0), Some(200))]),
            [0, 3]
        );
        assert_eq!(
            run(&table, "", vec![range(C::NetworkRtt, None, Some(0))]),
            [2]
        );
        assert_eq!(
            run(&table, "", vec![range(C::SetupTime, Some(4), Some(4))]),
            [0]
        );
        // Ongoing has no upper bound.
        assert_eq!(
            run(&table, "", vec![range(C::SessionDuration, Some(60), None)]),
            [0, 2]
        );
        assert_eq!(
            run(
                &table,
                "",
                vec![range(C::SessionDuration, None, Some(1_000_000))]
            ),
            [0]
        );
        let jan2 = 1_704_153_600; // 2024-01-02T00:00:00Z
        assert_eq!(
            run(
                &table,
                "",
                vec![range(C::ConnectionStart, Some(jan2), None)]
            ),
            [1, 2]
        );
        // Not applicable: nothing matches.
        assert_eq!(
            run(&table, "", vec![range(C::UserName, Some(0), None)]),
            Vec::<RowId>::new()
        );
        let is = |column, value| ColumnFilter::Is { column, value };
        assert_eq!(run(&table, "", vec![is(C::IsReconnect, true)]), [0]);
        assert_eq!(run(&table, "", vec![is(C::IsReconnect, false)]), [1]);
        assert_eq!(run(&table, "", vec![is(C::Outcome, true)]), [1]);
        assert_eq!(run(&table, "", vec![is(C::Outcome, false)]), [0, 2, 3]);
        assert_eq!(
            run(&table, "", vec![is(C::NetworkRtt, false)]),
            Vec::<RowId>::new()
        );
        let band = |column, band| ColumnFilter::Band { column, band };
        assert_eq!(run(&table, "", vec![band(C::NetworkBand, Band::Good)]), [0]);
        assert_eq!(run(&table, "", vec![band(C::NetworkRtt, Band::Fair)]), [3]);
        assert_eq!(run(&table, "", vec![band(C::E2eBand, Band::Poor)]), [2]);
        assert_eq!(
            run(
                &table,
                "",
                vec![band(C::E2eBand, Band::Fair), is(C::IsReconnect, true)]
            ),
            [0]
        );
        let f = ColumnFilter::Band {
            column: C::E2eBand,
            band: Band::Fair,
        };
        assert_eq!(f.column(), C::E2eBand);
    }

    proptest! {
        /// Matches a straightforward reference built from cells and display text.
        #[test]
        fn matches_the_reference(
            users in prop::collection::vec(
                prop::option::of(prop::sample::select(vec!["Anna", "anne", "ÄNNE", "", "bo"])), 0..30),
            rtts in prop::collection::vec(prop::option::of(-5i64..400), 30),
            quick in prop::sample::select(vec!["", "an", "NN", "ä", "zz"]),
            min in prop::option::of(-5i64..400),
            band in prop::sample::select(vec![Band::Good, Band::Fair, Band::Poor]),
        ) {
            let table = RecordTable::from_records(users.iter().zip(&rtts).enumerate().map(
                |(i, (u, &rtt))| Record {
                    transaction_id: Some(i.to_string()),
                    user_name: u.map(str::to_owned),
                    network_rtt: rtt,
                    ..Record::default()
                },
            ));
            let bands = BandThresholds::default();
            let filter = RowFilter {
                quick: quick.into(),
                columns: vec![
                    ColumnFilter::Range { column: C::NetworkRtt, min, max: None },
                    ColumnFilter::Band { column: C::NetworkBand, band },
                ],
            };
            let expected: Vec<RowId> = table.row_ids().filter(|&row| {
                let r = table.record(row);
                let q = quick.to_lowercase();
                let quick_ok = q.is_empty() || [r.user_name.as_deref(), r.transaction_id.as_deref()]
                    .into_iter().flatten().any(|s| s.to_lowercase().contains(&q));
                let rtt_ok = r.network_rtt.is_some_and(|v| min.is_none_or(|m| v >= m));
                let band_ok = r.network_rtt.and_then(|v| Band::of(v, &bands)) == Some(band);
                quick_ok && rtt_ok && band_ok
            }).collect();
            prop_assert_eq!(filter_rows(&table, &filter, &bands), expected);
        }
    }

    #[test]
    fn filters_100k_demo_rows() {
        let table = RecordTable::from_records(demo_records(100_000));
        let bands = BandThresholds::default();
        let user = table.record(0).user_name.unwrap();
        let filter = RowFilter {
            quick: "win".into(),
            columns: vec![
                ColumnFilter::Range {
                    column: C::E2eRtt,
                    min: Some(50),
                    max: None,
                },
                ColumnFilter::Is {
                    column: C::Outcome,
                    value: false,
                },
            ],
        };
        let started = std::time::Instant::now();
        let rows = filter_rows(&table, &filter, &bands);
        let combined = started.elapsed();
        let started = std::time::Instant::now();
        let mine = filter_rows(
            &table,
            &RowFilter {
                columns: vec![ColumnFilter::Equals {
                    column: C::UserName,
                    value: user.clone(),
                }],
                ..RowFilter::default()
            },
            &bands,
        );
        let equals = started.elapsed();
        eprintln!("filter 100k: quick+range+outcome {combined:?}, user equals {equals:?}");
        assert!(!rows.is_empty() && rows.len() < table.len());
        for &row in &rows {
            let r = table.record(row);
            assert!(r.e2e_rtt.is_some_and(|v| v >= 50));
            assert!(r
                .connection_failure_reason
                .is_none_or(|s| s.trim().is_empty()));
        }
        assert!(mine.contains(&0));
        assert!(mine
            .iter()
            .all(|&r| table.record(r).user_name.as_deref() == Some(user.as_str())));
    }

    #[test]
    fn subnet16_matches_its_network_only() {
        let ips = [
            "172.16.0.5",
            "10.172.16.5",
            "172.17.0.1",
            " 172.16.9.9 ",
            "fe80::1",
            "",
        ];
        let table = RecordTable::from_records(ips.map(|ip| Record {
            desktop_ip: Some(ip.to_owned()),
            transaction_id: Some(ip.to_owned()),
            ..Record::default()
        }));
        let subnet = |network| ColumnFilter::Subnet16 {
            column: C::DesktopIp,
            network,
        };
        assert_eq!(run(&table, "", vec![subnet([172, 16])]), [0, 3]);
        assert_eq!(run(&table, "", vec![subnet([10, 172])]), [1]);
        assert_eq!(
            run(&table, "", vec![subnet([254, 128])]),
            Vec::<RowId>::new()
        );
        // Not applicable to a column that is not text: no row.
        let on_rtt = ColumnFilter::Subnet16 {
            column: C::NetworkRtt,
            network: [0, 0],
        };
        assert_eq!(run(&table, "", vec![on_rtt]), Vec::<RowId>::new());
    }

    fn equals(column: ColumnId, value: &str) -> ColumnFilter {
        ColumnFilter::Equals {
            column,
            value: value.into(),
        }
    }

    #[test]
    fn set_replaces_the_filter_of_its_column_only() {
        let mut filter = RowFilter::default();
        filter.set(C::UserName, Some(equals(C::UserName, "bob")));
        filter.set(
            C::Outcome,
            Some(ColumnFilter::Is {
                column: C::Outcome,
                value: true,
            }),
        );
        filter.set(C::UserName, Some(equals(C::UserName, "Alice@corp")));
        assert_eq!(filter.columns.len(), 2);
        assert_eq!(
            filter.on(C::UserName),
            Some(&equals(C::UserName, "Alice@corp"))
        );
        assert!(filter.on(C::Outcome).is_some());
        // None clears one column.
        filter.set(C::UserName, None);
        assert_eq!(filter.on(C::UserName), None);
        assert_eq!(filter.columns.len(), 1);
        // A filter that excludes nothing clears it too.
        filter.set(C::UserName, Some(equals(C::UserName, "bob")));
        let blank = ColumnFilter::Contains {
            column: C::UserName,
            needle: "  ".into(),
        };
        filter.set(C::UserName, Some(blank));
        assert_eq!(filter.on(C::UserName), None);
        // A filter for another column is not stored under this one, nor next to that one's.
        filter.set(C::UserName, Some(equals(C::Outcome, "Failed")));
        assert_eq!(filter.on(C::UserName), None);
        assert_eq!(filter.columns.len(), 1);
        filter.clear_columns();
        assert!(filter.columns.is_empty());
    }

    #[test]
    fn narrow_filters_the_table_to_the_click() {
        let table = sample();
        let mut filter = RowFilter::default();
        filter.narrow(equals(C::UserName, "bob"));
        assert_eq!(
            filter_rows(&table, &filter, &BandThresholds::default()),
            [1]
        );
        // A second click on the same column replaces the first instead of leaving no row.
        filter.narrow(equals(C::UserName, "alicia"));
        assert_eq!(
            filter_rows(&table, &filter, &BandThresholds::default()),
            [3]
        );
        filter.narrow(ColumnFilter::Range {
            column: C::NetworkRtt,
            min: Some(0),
            max: Some(100),
        });
        assert_eq!(
            filter_rows(&table, &filter, &BandThresholds::default()),
            Vec::<RowId>::new()
        );
        assert_eq!(filter.columns.len(), 2);
    }

    #[test]
    fn range_ends_are_set_one_at_a_time() {
        let mut filter = RowFilter::default();
        filter.set_range_end(C::NetworkRtt, RangeEnd::From, Some(10));
        filter.set_range_end(C::NetworkRtt, RangeEnd::To, Some(90));
        assert_eq!(filter.range_on(C::NetworkRtt), (Some(10), Some(90)));
        filter.set_range_end(C::NetworkRtt, RangeEnd::From, None);
        assert_eq!(filter.range_on(C::NetworkRtt), (None, Some(90)));
        // Both ends open: no filter left on the column.
        filter.set_range_end(C::NetworkRtt, RangeEnd::To, None);
        assert_eq!(filter.on(C::NetworkRtt), None);
        // A column whose filter was something else gets a range.
        filter.narrow(equals(C::SetupTime, "4 s"));
        filter.set_range_end(C::SetupTime, RangeEnd::To, Some(5));
        assert_eq!(filter.range_on(C::SetupTime), (None, Some(5)));
        assert_eq!(filter.columns.len(), 1);
    }
}
