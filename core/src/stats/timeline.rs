//! One user's sessions on a time axis.

use super::values::{judge, Metric, Reading};
use crate::records::columns::{Band, BandThresholds, ColumnId};
use crate::records::table::{RecordTable, RowFacts, RowId};

/// One login of the user, ready to draw as a bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Session {
    pub row: RowId,
    /// Connection start, Unix seconds.
    pub start: i64,
    /// Connection end, Unix seconds, when the session has a valid duration (an end at or after
    /// the start). `None` while ongoing, and when the end is missing or invalid.
    pub end: Option<i64>,
    /// No end yet and not failed: draw the bar to "now".
    pub ongoing: bool,
    pub failed: bool,
    /// The quality bands of the valid RTTs (see [`Metric`]); `None` when the RTT is missing
    /// or invalid, so a `-1` is never coloured "good".
    pub network_band: Option<Band>,
    pub e2e_band: Option<Band>,
    /// The valid RTTs, ms.
    pub network_rtt: Option<i64>,
    pub e2e_rtt: Option<i64>,
}

/// The sessions of `user` (exact `user_name`, as the table's "this user's sessions" filter)
/// among `rows`, chronological (ties by row). Rows without a parsed start have no place on the
/// axis and are left out.
pub fn user_sessions(
    table: &RecordTable,
    rows: &[RowId],
    user: &str,
    bands: &BandThresholds,
) -> Vec<Session> {
    // One symbol comparison per row; a name nobody has matches nothing.
    let Some(sym) = table.lookup(user) else {
        return Vec::new();
    };
    let rtt = |row, f: &RowFacts, metric| match judge(table, row, f, metric) {
        Reading::Value(v) => Some(v),
        _ => None,
    };
    let mut sessions: Vec<Session> = rows
        .iter()
        .copied()
        .filter_map(|row| {
            let f = table.facts(row)?;
            if f.sym(ColumnId::UserName) != Some(sym) {
                return None;
            }
            let start = f.start_secs()?;
            let duration = judge(table, row, &f, Metric::SessionDuration);
            let network_rtt = rtt(row, &f, Metric::NetworkRtt);
            let e2e_rtt = rtt(row, &f, Metric::E2eRtt);
            Some(Session {
                row,
                start,
                end: match duration {
                    Reading::Value(d) => Some(start.saturating_add(d)),
                    _ => None,
                },
                ongoing: duration == Reading::Ongoing,
                failed: f.failed,
                network_band: network_rtt.and_then(|ms| Band::of(ms, bands)),
                e2e_band: e2e_rtt.and_then(|ms| Band::of(ms, bands)),
                network_rtt,
                e2e_rtt,
            })
        })
        .collect();
    crate::records::sort::sort_stable_by(&mut sessions, &|a, b| {
        (a.start, a.row).cmp(&(b.start, b.row))
    });
    sessions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    #[test]
    fn one_users_sessions_by_hand() {
        let table = table_of(vec![
            R::at(500).user("alice").end(800).rtt(90, 250),
            R::at(100).user("alice").rtt(-1, 150),
            R::at(300).user("bob").end(400),
            R::at(200).user("alice").end(210).failed("timeout"),
            R::none().user("alice"),
            R::at(100).user("alice").end(50).net(700_000),
            R::at(50).user("Alice"),
        ]);
        let rows: Vec<RowId> = table.row_ids().collect();
        let bands = BandThresholds::default();
        let s = user_sessions(&table, &rows, "alice", &bands);
        let got: Vec<(RowId, i64, Option<i64>, bool, bool)> = s
            .iter()
            .map(|s| (s.row, s.start, s.end, s.ongoing, s.failed))
            .collect();
        assert_eq!(
            got,
            [
                (1, 100, None, true, false),
                (5, 100, None, false, false), // end before start: invalid, no end
                (3, 200, Some(210), false, true),
                (0, 500, Some(800), false, false),
            ]
        );
        assert_eq!((s[0].network_rtt, s[0].network_band), (None, None));
        assert_eq!((s[0].e2e_rtt, s[0].e2e_band), (Some(150), Some(Band::Fair)));
        assert_eq!((s[1].network_rtt, s[1].network_band), (None, None));
        assert_eq!(s[3].network_band, Some(Band::Good));
        assert_eq!(s[3].e2e_band, Some(Band::Poor));
        // Exact, case-sensitive names; unknown users and empty views give nothing.
        assert_eq!(user_sessions(&table, &rows, "Alice", &bands).len(), 1);
        assert!(user_sessions(&table, &rows, "nobody", &bands).is_empty());
        assert!(user_sessions(&table, &[2], "alice", &bands).is_empty());
    }
}
