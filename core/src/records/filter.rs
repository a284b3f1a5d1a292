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

use crate::records::columns::{column, Band, BandThresholds, Cell, ColumnId, ColumnKind};
use crate::records::sort::lowercase;
use crate::records::table::{RecordTable, RowId, Sym};
use crate::time::format::DisplayZone;

/// One column's condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnFilter {
    /// The cell contains `needle`, case-insensitively. For non-text columns the cell's
    /// [`Cell::display`] text in UTC is searched (e.g. `"ongoing"`, `"yes"`, `"2024-01"`).
    Contains { column: ColumnId, needle: String },
    /// The cell is exactly `value` (case-sensitive): "Show this user's sessions". For
    /// non-text columns, compared with the display text in UTC.
    Equals { column: ColumnId, value: String },
    /// The cell begins with `prefix` (case-sensitive), e.g. a desktop subnet `"172.16."`, which
    /// `Contains` would also find inside `10.172.16.5`.
    StartsWith { column: ColumnId, prefix: String },
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
}

impl ColumnFilter {
    /// The column it filters.
    pub fn column(&self) -> ColumnId {
        match self {
            ColumnFilter::Contains { column, .. }
            | ColumnFilter::Equals { column, .. }
            | ColumnFilter::StartsWith { column, .. }
            | ColumnFilter::Range { column, .. }
            | ColumnFilter::Is { column, .. }
            | ColumnFilter::Band { column, .. } => *column,
        }
    }

    /// Whether it excludes anything at all: a blank `Contains` or an unbounded `Range` does
    /// not (so the UI can keep an untouched filter field in the list).
    pub fn is_active(&self) -> bool {
        match self {
            ColumnFilter::Contains { needle, .. } => !needle.trim().is_empty(),
            ColumnFilter::StartsWith { prefix, .. } => !prefix.is_empty(),
            ColumnFilter::Range { min, max, .. } => min.is_some() || max.is_some(),
            ColumnFilter::Equals { .. } | ColumnFilter::Is { .. } | ColumnFilter::Band { .. } => {
                true
            }
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
    /// transaction ID or MAC pasted from elsewhere finds its row).
    pub quick: String,
    pub columns: Vec<ColumnFilter>,
}

impl RowFilter {
    /// Whether it lets every row through.
    pub fn is_empty(&self) -> bool {
        self.quick.trim().is_empty() && !self.columns.iter().any(ColumnFilter::is_active)
    }
}

/// The rows that pass `filter`, in storage order (all of them when the filter is empty).
pub fn filter_rows(table: &RecordTable, filter: &RowFilter, bands: &BandThresholds) -> Vec<RowId> {
    if filter.is_empty() {
        return table.row_ids().collect();
    }
    let quick = filter.quick.trim();
    let mut quick = (!quick.is_empty()).then(|| TextMatcher::new(table, quick));
    let mut tests: Vec<Test> = filter
        .columns
        .iter()
        .filter(|f| f.is_active())
        .map(|f| Test::new(table, f))
        .collect();
    table
        .row_ids()
        .filter(|&row| {
            if let Some(m) = quick.as_mut() {
                // Every text field is a text column, and an absent one matches nothing.
                let hit = table.row_texts(row).iter().any(|&s| m.matches(table, s));
                if !hit {
                    return false;
                }
            }
            tests.iter_mut().all(|t| t.matches(table, row, bands))
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
    Prefix(ColumnId, String),
    Other(ColumnFilter),
}

impl Test {
    fn new(table: &RecordTable, filter: &ColumnFilter) -> Test {
        let text = column(filter.column()).kind == ColumnKind::Text;
        match filter {
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
            ColumnFilter::StartsWith { column, prefix } => Test::Prefix(*column, prefix.clone()),
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
                !cell.is_missing() && m.contained_in(&cell.display(&DisplayZone::Utc))
            }
            Test::DisplayEquals(c, value) => {
                let cell = table.cell(row, *c, bands);
                !cell.is_missing() && cell.display(&DisplayZone::Utc) == *value
            }
            Test::Prefix(c, prefix) => match table.cell(row, *c, bands) {
                Cell::Text(t) => t.starts_with(prefix.as_str()),
                cell => {
                    !cell.is_missing()
                        && cell.display(&DisplayZone::Utc).starts_with(prefix.as_str())
                }
            },
            Test::Other(f) => matches_value(f, table.cell(row, f.column(), bands), bands),
        }
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
    fn starts_with_matches_prefixes_only() {
        let table =
            RecordTable::from_records(["172.16.0.5", "10.172.16.5", "172.17.0.1"].map(|ip| {
                Record {
                    desktop_ip: Some(ip.to_owned()),
                    transaction_id: Some(ip.to_owned()),
                    ..Record::default()
                }
            }));
        let filter = RowFilter {
            quick: String::new(),
            columns: vec![ColumnFilter::StartsWith {
                column: ColumnId::DesktopIp,
                prefix: "172.16.".to_owned(),
            }],
        };
        let rows = filter_rows(&table, &filter, &BandThresholds::default());
        assert_eq!(rows.len(), 1);
        assert_eq!(
            table.record(rows[0]).desktop_ip.as_deref(),
            Some("172.16.0.5")
        );
    }
}
