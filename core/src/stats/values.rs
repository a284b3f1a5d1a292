//! Reading one metric from every row: the valid values, sorted, and what was skipped.

use crate::i18n::analytics as t;
use crate::i18n::Text;
use crate::records::table::{RecordTable, RowFacts, RowId, TimeFact};

/// RTTs above this many milliseconds (10 minutes) are invalid: no interactive session survives
/// such a delay, so the value is a measurement error, not a slow login, and would drag every
/// mean and upper percentile with it.
pub const MAX_RTT_MS: i64 = 600_000;

/// A per-record number the statistics describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// `network_rtt`, milliseconds. Valid in `0..=MAX_RTT_MS`.
    NetworkRtt,
    /// `e2e_rtt`, milliseconds. Valid in `0..=MAX_RTT_MS`.
    E2eRtt,
    /// Setup time minus start time, seconds (the table's Setup time column). Valid when ≥ 0.
    SetupTime,
    /// End time minus start time, seconds (the table's Session duration column). Valid when
    /// ≥ 0. Ongoing sessions (no end yet) have no duration: they are excluded, neither a value
    /// nor skipped, and counted separately ([`Kpis::ongoing`](super::Kpis::ongoing)). A
    /// failed connection that has an end time has a duration here, as in the table.
    SessionDuration,
}

impl Metric {
    /// A short name for titles and axes, in every language ("Network RTT", "网络时延").
    pub fn label(self) -> Text {
        match self {
            Metric::NetworkRtt => t::NETWORK_RTT,
            Metric::E2eRtt => t::E2E_RTT,
            Metric::SetupTime => t::SETUP_TIME,
            Metric::SessionDuration => t::SESSION_DURATION,
        }
    }

    /// The unit of its values: `"ms"` or `"s"`.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::NetworkRtt | Metric::E2eRtt => "ms",
            Metric::SetupTime | Metric::SessionDuration => "s",
        }
    }
}

/// Rows left out of a statistic, and why. Shown next to the statistic ("based on 9,812 of
/// 10,000 logins") so a gap in the data is never mistaken for a good value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Skipped {
    /// The field (or, for a difference, one of its two times) is absent or blank.
    pub missing: usize,
    /// Present but unusable: out of range, negative, unparsable, or of the wrong JSON type.
    pub invalid: usize,
}

impl Skipped {
    /// `missing + invalid`.
    pub fn total(&self) -> usize {
        self.missing + self.invalid
    }
}

/// One metric over a set of rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    /// The valid values, ascending: ready for [`percentile`](super::percentile) and
    /// [`rtt_histogram`](super::rtt_histogram).
    pub sorted: Vec<i64>,
    pub skipped: Skipped,
}

/// What one row holds for a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    Value(i64),
    Missing,
    Invalid,
    /// Session duration of a session still open.
    Ongoing,
}

/// Reads `metric` of `row` and judges it (see [`Metric`] and the module docs of `stats`). A
/// row that does not exist reads as missing.
pub(crate) fn read(table: &RecordTable, row: RowId, metric: Metric) -> Reading {
    match table.facts(row) {
        Some(facts) => judge(table, row, &facts, metric),
        None => Reading::Missing,
    }
}

/// [`read`] for a row whose facts the caller already has (hot loops read them once per row).
/// The result is the same as judging the table's cell in the metric's column.
pub(crate) fn judge(table: &RecordTable, row: RowId, f: &RowFacts, metric: Metric) -> Reading {
    match metric {
        Metric::NetworkRtt => rtt(table, row, f.network_rtt, "network_rtt"),
        Metric::E2eRtt => rtt(table, row, f.e2e_rtt, "e2e_rtt"),
        Metric::SetupTime => span(table, row, f.start, (f.setup, "connection_setup_time")),
        Metric::SessionDuration => {
            // As the table's Session duration cell: no end (absent or blank), a parsed start
            // and no failure is a session still open.
            if f.end == TimeFact::Absent && f.start_secs().is_some() && !f.failed {
                Reading::Ongoing
            } else {
                span(table, row, f.start, (f.end, "connection_end_time"))
            }
        }
    }
}

fn rtt(table: &RecordTable, row: RowId, value: Option<i64>, field: &str) -> Reading {
    match value {
        Some(ms) if (0..=MAX_RTT_MS).contains(&ms) => Reading::Value(ms),
        Some(_) => Reading::Invalid,
        // Absent, or present with the wrong JSON type (then listed as an invalid field).
        None if table.has_invalid_field(row, field) => Reading::Invalid,
        None => Reading::Missing,
    }
}

/// The difference from the start to `to`, in seconds.
fn span(table: &RecordTable, row: RowId, start: TimeFact, to: (TimeFact, &str)) -> Reading {
    match (start, to.0) {
        (TimeFact::Parsed(a), TimeFact::Parsed(b)) => match b.checked_sub(a) {
            Some(d) if d >= 0 => Reading::Value(d),
            _ => Reading::Invalid,
        },
        (TimeFact::Unparsable, _) | (_, TimeFact::Unparsable) => Reading::Invalid,
        _ if table.has_invalid_field(row, "connection_start_time")
            || table.has_invalid_field(row, to.1) =>
        {
            Reading::Invalid
        }
        _ => Reading::Missing,
    }
}

/// The valid values of `metric` over `rows`, sorted ascending, with the skipped rows counted.
///
/// For [`Metric::SessionDuration`], ongoing sessions are in neither (see [`Metric`]), so
/// `sorted.len() + skipped.total() + ongoing == rows.len()`; for the other metrics
/// `sorted.len() + skipped.total() == rows.len()`. Rows that do not exist count as missing.
pub fn values(table: &RecordTable, rows: &[RowId], metric: Metric) -> Values {
    let mut out = Values {
        sorted: Vec::with_capacity(rows.len()),
        skipped: Skipped::default(),
    };
    for &row in rows {
        match read(table, row, metric) {
            Reading::Value(v) => out.sorted.push(v),
            Reading::Missing => out.skipped.missing += 1,
            Reading::Invalid => out.skipped.invalid += 1,
            Reading::Ongoing => {}
        }
    }
    out.sorted.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    #[test]
    fn rtt_values_skip_and_count_missing_and_invalid() {
        let table = table_of(vec![
            R::at(0).rtt(120, 150),
            R::at(1).rtt(-1, 0), // -1: not measured → invalid; 0 is valid
            R::at(2).rtt(600_000, 600_001), // boundary valid, just above invalid
            R::at(3),            // missing both
            R::at(4).rtt(40, 50),
            R::at(5).invalid_field("network_rtt"), // wrong JSON type
        ]);
        let all: Vec<RowId> = table.row_ids().collect();
        let v = values(&table, &all, Metric::NetworkRtt);
        assert_eq!(v.sorted, [40, 120, 600_000]);
        assert_eq!(
            v.skipped,
            Skipped {
                missing: 1,
                invalid: 2
            }
        );
        let v = values(&table, &all, Metric::E2eRtt);
        assert_eq!(v.sorted, [0, 50, 150]);
        assert_eq!(
            v.skipped,
            Skipped {
                missing: 2,
                invalid: 1
            }
        );
        assert_eq!(v.skipped.total(), 3);
        // Only the given rows, unknown rows as missing.
        let v = values(&table, &[4, 0, 99], Metric::NetworkRtt);
        assert_eq!(v.sorted, [40, 120]);
        assert_eq!(
            v.skipped,
            Skipped {
                missing: 1,
                invalid: 0
            }
        );
    }

    #[test]
    fn setup_and_duration_values() {
        let table = table_of(vec![
            R::at(1000).setup(1005).end(1600),          // setup 5, duration 600
            R::at(1000).setup(997).end(999),            // negative both → invalid
            R::at(1000).setup_text("soon"),             // unparsable setup → invalid; ongoing
            R::at(1000).failed("timeout"), // no setup: missing; failed, no end: missing
            R::at(1000).failed("x").end(1030), // failed with an end: a duration, as in the table
            R::start_text("yesterday").setup(5).end(9), // unparsable start → invalid both
            R::none().setup(5).end(9),     // no start → missing both
            R::at(2000).setup(2000).end_text(" "), // setup 0; blank end → ongoing
        ]);
        let all: Vec<RowId> = table.row_ids().collect();
        let s = values(&table, &all, Metric::SetupTime);
        assert_eq!(s.sorted, [0, 5]);
        assert_eq!(
            s.skipped,
            Skipped {
                missing: 3,
                invalid: 3
            }
        );
        let d = values(&table, &all, Metric::SessionDuration);
        assert_eq!(d.sorted, [30, 600]);
        // Ongoing: rows 2 and 7, in neither.
        assert_eq!(
            d.skipped,
            Skipped {
                missing: 2,
                invalid: 2
            }
        );
        assert_eq!(d.sorted.len() + d.skipped.total() + 2, all.len());
    }

    #[test]
    fn empty_and_labels() {
        let table = table_of(vec![]);
        assert_eq!(values(&table, &[], Metric::E2eRtt), Values::default());
        assert_eq!(Metric::SetupTime.unit(), "s");
        assert_eq!(Metric::E2eRtt.label().en, "E2E RTT");
        assert_eq!(Metric::E2eRtt.label().zh, "端到端时延");
    }
}
