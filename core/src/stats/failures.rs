//! Failure reasons, ranked.

use super::IntMap;
use crate::records::columns::ColumnId;
use crate::records::filter::ColumnFilter;
use crate::records::table::{RecordTable, RowId, Sym};

/// One failure reason and how often it occurred.
#[derive(Clone, Debug, PartialEq)]
pub struct ReasonCount {
    /// The reason as the API sent it.
    pub reason: String,
    pub count: usize,
    /// `count / failures` in `rows` (0..=1); the shares of all reasons sum to 1.
    pub share: f64,
}

impl ReasonCount {
    /// The filter that keeps the rows with this reason: a click on its bar.
    pub fn filter(&self) -> ColumnFilter {
        ColumnFilter::Equals {
            column: ColumnId::FailureReason,
            value: self.reason.clone(),
        }
    }
}

/// Failed logins by failure reason, most frequent first, then by reason text (so equal counts
/// keep a stable order). Only failed rows count: a blank reason means success, as in the
/// table's Outcome column. Reasons are grouped by their exact text.
///
/// ```
/// use logins_core::records::record::Record;
/// use logins_core::stats::failure_reasons;
/// use logins_core::records::table::RecordTable;
/// let table = RecordTable::from_records(["b", "a", "b", ""].into_iter().enumerate().map(|(i, r)| Record {
///     connection_failure_reason: Some(r.into()), transaction_id: Some(i.to_string()),
///     ..Record::default()
/// }));
/// let ranked = failure_reasons(&table, &[0, 1, 2, 3]);
/// assert_eq!((ranked[0].reason.as_str(), ranked[0].count), ("b", 2));
/// assert_eq!(ranked[1].share, 1.0 / 3.0);
/// ```
pub fn failure_reasons(table: &RecordTable, rows: &[RowId]) -> Vec<ReasonCount> {
    // Failures are few (a few percent), so a small map beats a vector over every symbol.
    let mut counts: IntMap<Sym, usize> = IntMap::default();
    let mut failures = 0;
    for &row in rows {
        let Some(sym) = table.sym(row, ColumnId::FailureReason) else {
            continue;
        };
        *counts.entry(sym).or_insert(0) += 1;
    }
    counts.retain(|&sym, n| {
        let keep = !table.text(sym).trim().is_empty();
        if keep {
            failures += *n;
        }
        keep
    });
    let mut ranked: Vec<ReasonCount> = counts
        .into_iter()
        .map(|(sym, count)| ReasonCount {
            reason: table.text(sym).to_owned(),
            count,
            share: count as f64 / failures as f64,
        })
        .collect();
    crate::records::sort::sort_stable_by(&mut ranked, &|a, b| {
        b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    #[test]
    fn ranked_with_shares() {
        let table = table_of(vec![
            R::at(0).failed("timeout"),
            R::at(1).failed("denied"),
            R::at(2).failed("timeout"),
            R::at(3).failed("  "), // success
            R::at(4),
            R::at(5).failed("busy"),
            R::at(6).failed("denied"),
            R::at(7).failed("timeout"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let r = failure_reasons(&table, &rows);
        let got: Vec<(&str, usize, f64)> = r
            .iter()
            .map(|c| (c.reason.as_str(), c.count, c.share))
            .collect();
        assert_eq!(
            got,
            [
                ("timeout", 3, 0.5),
                ("denied", 2, 2.0 / 6.0),
                ("busy", 1, 1.0 / 6.0)
            ]
        );
        // Ties: by reason.
        let r = failure_reasons(&table, &[5, 1]);
        assert_eq!(r[0].reason, "busy");
        assert_eq!(r[1].share, 0.5);
        assert!(failure_reasons(&table, &[3, 4]).is_empty());
        assert!(failure_reasons(&table, &[]).is_empty());
    }

    #[test]
    fn a_reasons_filter_keeps_its_rows() {
        use crate::records::columns::BandThresholds;
        use crate::records::filter::{filter_rows, RowFilter};
        let table = table_of(vec![
            R::at(0).failed("timeout"),
            R::at(1).failed("Timeout"),
            R::at(2).failed("timeout "),
            R::at(3).failed("timeout"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        for reason in failure_reasons(&table, &rows) {
            let mut filter = RowFilter::default();
            filter.narrow(reason.filter());
            let kept = filter_rows(&table, &filter, &BandThresholds::default());
            assert_eq!(kept.len(), reason.count, "{}", reason.reason);
            for row in kept {
                let text = table.record(row).connection_failure_reason;
                assert_eq!(text.as_deref(), Some(reason.reason.as_str()));
            }
        }
    }
}
