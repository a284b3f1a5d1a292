//! The "Slowest phase" of each analyzed login, by transaction ID: what the records table shows,
//! sorts and filters in its "Slowest phase" column.
//!
//! Why an index beside the table rather than a field of it: the records are stored once, compact
//! and shared ([`RecordTable`]); the phases arrive later, one answer at a time, for some of the
//! logins. So the browser keeps one [`PhaseIndex`] for the session (filled as answers come, from
//! the analysis or a row detail), and the table's view, sort, filter and CSV export look a row's
//! phase up by its transaction ID. A login not in the index is "not analyzed", never a zero.

use std::collections::HashMap;

use super::answer::{Phase, StagesAnswer};
use super::names::phase_name;
use crate::i18n::{stages as t, Lang};
use crate::paging::FailureKind;
use crate::records::columns::ColumnId;
use crate::records::table::{RecordTable, RowId};

/// What one analyzed login's "Slowest phase" cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlowestPhase {
    /// The phase that took longest.
    Phase(Phase),
    /// The answer listed no phase.
    NoPhases,
    /// Phases, but none with both a name and a duration.
    NoDurations,
    /// The request failed for good.
    Failed(FailureKind),
}

/// The filter key of a login not analyzed (see [`SlowestPhase::key`]).
pub const NOT_ANALYZED_KEY: &str = "not_analyzed";

impl SlowestPhase {
    /// The slowest phase of an answer (the first of equals, as [`StagesAnswer::slowest`]).
    pub fn of(answer: &StagesAnswer) -> SlowestPhase {
        match answer.slowest().and_then(|s| s.phase.clone()) {
            Some(phase) => SlowestPhase::Phase(phase),
            None if answer.stages.is_empty() => SlowestPhase::NoPhases,
            None => SlowestPhase::NoDurations,
        }
    }

    /// Its cell text in `lang`: the phase's name, "no phases", "no phase durations" or
    /// "analysis failed (HTTP 503)".
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SlowestPhase::Phase(phase) => phase_name(lang, phase),
            SlowestPhase::NoPhases => t::NO_PHASES.get(lang).to_owned(),
            SlowestPhase::NoDurations => t::NO_PHASE_DURATIONS.get(lang).to_owned(),
            // Only the status is named: the other kinds' words are English.
            SlowestPhase::Failed(FailureKind::Status(status)) => {
                format!("{} (HTTP {status})", t::ANALYSIS_FAILED.get(lang))
            }
            SlowestPhase::Failed(_) => t::ANALYSIS_FAILED.get(lang).to_owned(),
        }
    }

    /// The key a filter names it by, the same in every language: the phase's API name
    /// (`CONNECT`), or `no_phases`, `no_phase_durations`, `analysis_failed`.
    pub fn key(&self) -> &str {
        match self {
            SlowestPhase::Phase(phase) => phase.api_name(),
            SlowestPhase::NoPhases => "no_phases",
            SlowestPhase::NoDurations => "no_phase_durations",
            SlowestPhase::Failed(_) => "analysis_failed",
        }
    }

    /// Its place in an ascending sort: the six known phases in the order a login goes through
    /// them, then unknown phases (by name, decided by the caller), then the logins without a
    /// phase, then the failed ones. Not analyzed comes after all of them (the caller's
    /// "missing").
    pub fn sort_class(&self) -> (u8, Option<&str>) {
        match self {
            SlowestPhase::Phase(Phase::Other(name)) => {
                (Phase::KNOWN.len() as u8, Some(name.as_str()))
            }
            SlowestPhase::Phase(known) => (
                Phase::KNOWN
                    .iter()
                    .position(|p| p == known)
                    .unwrap_or(Phase::KNOWN.len()) as u8,
                None,
            ),
            SlowestPhase::NoPhases => (Phase::KNOWN.len() as u8 + 1, None),
            SlowestPhase::NoDurations => (Phase::KNOWN.len() as u8 + 2, None),
            SlowestPhase::Failed(_) => (Phase::KNOWN.len() as u8 + 3, None),
        }
    }
}

/// The "Slowest phase" cell text of a login in `lang`: "not analyzed" for `None`.
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::stages::slowest_text;
/// assert_eq!(slowest_text(Lang::En, None), "not analyzed");
/// assert_eq!(slowest_text(Lang::Zh, None), "未分析");
/// ```
pub fn slowest_text(lang: Lang, slowest: Option<&SlowestPhase>) -> String {
    slowest.map_or_else(|| t::NOT_ANALYZED.get(lang).to_owned(), |s| s.text(lang))
}

/// The filter key of a login: [`SlowestPhase::key`], or [`NOT_ANALYZED_KEY`].
pub fn slowest_key(slowest: Option<&SlowestPhase>) -> &str {
    slowest.map_or(NOT_ANALYZED_KEY, SlowestPhase::key)
}

/// Every analyzed login's slowest phase, by transaction ID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhaseIndex {
    by_id: HashMap<String, SlowestPhase>,
}

impl PhaseIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an answer for `transaction_id` (a later one replaces an earlier one).
    pub fn insert_answer(&mut self, transaction_id: &str, answer: &StagesAnswer) {
        self.by_id
            .insert(transaction_id.to_owned(), SlowestPhase::of(answer));
    }

    /// Records that `transaction_id` could not be analyzed; an answer already there stays
    /// (what was learned is not forgotten because a later retry failed).
    pub fn insert_failure(&mut self, transaction_id: &str, kind: FailureKind) {
        self.by_id
            .entry(transaction_id.to_owned())
            .or_insert(SlowestPhase::Failed(kind));
    }

    /// The slowest phase of `transaction_id`; `None` when not analyzed.
    pub fn get(&self, transaction_id: &str) -> Option<&SlowestPhase> {
        self.by_id.get(transaction_id)
    }

    /// The slowest phase of `row`'s login; `None` when not analyzed (or it has no transaction
    /// ID, so it cannot be).
    pub fn of_row(&self, table: &RecordTable, row: RowId) -> Option<&SlowestPhase> {
        if self.by_id.is_empty() {
            return None;
        }
        let sym = table.sym(row, ColumnId::TransactionId)?;
        self.by_id.get(table.text(sym))
    }

    /// `row`'s "Slowest phase" cell in `lang`, as the table, the row detail and the CSV export
    /// show it.
    pub fn row_text(&self, lang: Lang, table: &RecordTable, row: RowId) -> String {
        slowest_text(lang, self.of_row(table, row))
    }

    /// Every analyzed login, by transaction ID.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &SlowestPhase)> {
        self.by_id.iter().map(|(id, s)| (id.as_str(), s))
    }

    /// How many logins are analyzed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The names of the phases the app has no name for that some analyzed login spent most
    /// time in, sorted and each once: what the column filter offers besides the known phases.
    pub fn unknown_phase_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .by_id
            .values()
            .filter_map(|s| match s {
                SlowestPhase::Phase(Phase::Other(name)) => Some(name.clone()),
                _ => None,
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_phase_names_are_listed_once_in_order() {
        let mut index = PhaseIndex::new();
        let answer = |stages: &str| crate::stages::parse_stages(stages).unwrap();
        index.insert_answer(
            "a",
            &answer(
                r#"{"stages":[{"stage":"VPN","duration":900},{"stage":"LOGIN","duration":5}]}"#,
            ),
        );
        index.insert_answer(
            "b",
            &answer(r#"{"stages":[{"stage":"VPN","duration":700}]}"#),
        );
        index.insert_answer(
            "c",
            &answer(r#"{"stages":[{"stage":"AGENT","duration":70}]}"#),
        );
        index.insert_answer(
            "d",
            &answer(r#"{"stages":[{"stage":"LOGIN","duration":70}]}"#),
        );
        assert_eq!(index.unknown_phase_names(), ["AGENT", "VPN"]);
    }
    use crate::records::record::Record;
    use crate::stages::answer::Stage;

    fn answer(stages: &[(Phase, Option<i64>)]) -> StagesAnswer {
        StagesAnswer {
            stages: stages
                .iter()
                .map(|(phase, ms)| Stage {
                    phase: Some(phase.clone()),
                    duration_ms: *ms,
                    ..Stage::default()
                })
                .collect(),
            ..StagesAnswer::default()
        }
    }

    #[test]
    fn a_row_looks_up_its_login_by_transaction_id_and_unknown_ones_are_not_analyzed() {
        let table = RecordTable::from_records(["tx-a", "tx-b", ""].map(|id| Record {
            transaction_id: Some(id.into()),
            user_name: Some(format!("u{id}")),
            ..Record::default()
        }));
        let mut index = PhaseIndex::new();
        assert_eq!(index.row_text(Lang::En, &table, 0), "not analyzed");
        index.insert_answer(
            "tx-a",
            &answer(&[(Phase::MainAuth, Some(30)), (Phase::Connect, Some(9000))]),
        );
        index.insert_failure("tx-b", FailureKind::Status(503));
        assert_eq!(
            index.of_row(&table, 0),
            Some(&SlowestPhase::Phase(Phase::Connect))
        );
        assert_eq!(index.row_text(Lang::En, &table, 0), "Connection");
        assert_eq!(index.row_text(Lang::Zh, &table, 0), "正式连接");
        assert_eq!(
            index.row_text(Lang::En, &table, 1),
            "analysis failed (HTTP 503)"
        );
        assert_eq!(index.row_text(Lang::Zh, &table, 2), "未分析");
        assert_eq!(index.row_text(Lang::En, &table, 99), "not analyzed");
        // A later answer replaces a failure; a later failure keeps an answer.
        index.insert_answer("tx-b", &answer(&[(Phase::Login, Some(5))]));
        index.insert_failure("tx-b", FailureKind::Network);
        assert_eq!(index.row_text(Lang::En, &table, 1), "Login");
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn cells_keys_and_sort_classes_never_say_zero() {
        let empty = SlowestPhase::of(&StagesAnswer::default());
        assert_eq!(empty, SlowestPhase::NoPhases);
        assert_eq!(empty.text(Lang::Zh), "无阶段");
        let untimed = SlowestPhase::of(&answer(&[(Phase::Login, None)]));
        assert_eq!(untimed, SlowestPhase::NoDurations);
        assert_eq!(untimed.text(Lang::Zh), "无阶段时长");
        let other = SlowestPhase::of(&answer(&[(Phase::Other("GPU".into()), Some(1))]));
        assert_eq!(other.text(Lang::Zh), "GPU");
        assert_eq!(other.key(), "GPU");
        assert_eq!(
            SlowestPhase::Phase(Phase::MfaAuth).key(),
            Phase::MfaAuth.api_name()
        );
        assert_eq!(slowest_key(None), NOT_ANALYZED_KEY);
        assert_eq!(slowest_key(Some(&untimed)), "no_phase_durations");
        let classes: Vec<u8> = Phase::KNOWN
            .iter()
            .map(|p| SlowestPhase::Phase(p.clone()).sort_class().0)
            .chain([
                other.sort_class().0,
                empty.sort_class().0,
                untimed.sort_class().0,
                SlowestPhase::Failed(FailureKind::Network).sort_class().0,
            ])
            .collect();
        assert_eq!(classes, (0..10).collect::<Vec<u8>>());
        assert_eq!(other.sort_class().1, Some("GPU"));
    }

    /// Five logins: tx-0 Connection, tx-1 not analyzed, tx-2 failed (503), tx-3 Main
    /// authentication, tx-4 an unknown phase "GPU"; and tx-5 Connection again.
    fn analyzed_table() -> (RecordTable, PhaseIndex) {
        let table = RecordTable::from_records((0..6).map(|i| Record {
            transaction_id: Some(format!("tx-{i}")),
            ..Record::default()
        }));
        let mut index = PhaseIndex::new();
        index.insert_answer("tx-0", &answer(&[(Phase::Connect, Some(900))]));
        index.insert_failure("tx-2", FailureKind::Status(503));
        index.insert_answer(
            "tx-3",
            &answer(&[(Phase::MainAuth, Some(700)), (Phase::Login, Some(5))]),
        );
        index.insert_answer("tx-4", &answer(&[(Phase::Other("GPU".into()), Some(3))]));
        index.insert_answer("tx-5", &answer(&[(Phase::Connect, Some(100))]));
        // An answer for a login the table does not hold changes nothing.
        index.insert_answer("tx-elsewhere", &answer(&[(Phase::Login, Some(1))]));
        (table, index)
    }

    #[test]
    fn the_column_sorts_by_phase_order_and_not_analyzed_comes_last_both_ways() {
        use crate::records::columns::BandThresholds;
        use crate::records::sort::{sort_rows, sort_rows_with, SortKey};
        let (table, index) = analyzed_table();
        let bands = BandThresholds::default();
        let sorted = |descending| {
            let mut rows: Vec<RowId> = table.row_ids().collect();
            let key = SortKey {
                column: ColumnId::SlowestPhase,
                descending,
            };
            sort_rows_with(&table, &mut rows, &[key], &bands, &index);
            rows
        };
        // Connection (0, 5, stable), Main authentication (3), GPU (4), failed (2), not analyzed (1).
        assert_eq!(sorted(false), [0, 5, 3, 4, 2, 1]);
        assert_eq!(sorted(true), [2, 4, 3, 0, 5, 1]);
        // Without the index every login is not analyzed: the order stays.
        let mut rows: Vec<RowId> = table.row_ids().collect();
        let key = SortKey {
            column: ColumnId::SlowestPhase,
            descending: false,
        };
        sort_rows(&table, &mut rows, &[key], &bands);
        assert_eq!(rows, [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_column_filters_by_phase_key_or_text_and_by_not_analyzed() {
        use crate::records::columns::BandThresholds;
        use crate::records::filter::{filter_rows, filter_rows_with, ColumnFilter, RowFilter};
        let (table, index) = analyzed_table();
        let bands = BandThresholds::default();
        let run = |f: ColumnFilter| {
            let filter = RowFilter {
                columns: vec![f],
                ..RowFilter::default()
            };
            filter_rows_with(&table, &filter, &bands, &index)
        };
        let equals = |v: &str| ColumnFilter::Equals {
            column: ColumnId::SlowestPhase,
            value: v.into(),
        };
        let contains = |v: &str| ColumnFilter::Contains {
            column: ColumnId::SlowestPhase,
            needle: v.into(),
        };
        assert_eq!(run(equals(Phase::Connect.api_name())), [0, 5]);
        assert_eq!(run(equals("Connection")), [0, 5]);
        assert_eq!(run(equals("正式连接")), [0, 5]);
        assert_eq!(run(equals("GPU")), [4]);
        assert_eq!(run(equals(NOT_ANALYZED_KEY)), [1]);
        assert_eq!(run(equals("未分析")), [1]);
        assert_eq!(run(equals("analysis_failed")), [2]);
        assert_eq!(run(equals(Phase::Login.api_name())), Vec::<RowId>::new());
        // "an" is in "not analyzed" and "analysis failed (HTTP 503)" only.
        assert_eq!(run(contains("AN")), [1, 2]);
        assert_eq!(run(contains("认证")), [3]);
        // A range or yes/no on it matches nothing (a mistake shows as an empty table).
        let range = ColumnFilter::Range {
            column: ColumnId::SlowestPhase,
            min: Some(0),
            max: None,
        };
        assert_eq!(run(range), Vec::<RowId>::new());
        // Without the index every login is not analyzed.
        let filter = RowFilter {
            columns: vec![equals(NOT_ANALYZED_KEY)],
            ..RowFilter::default()
        };
        assert_eq!(filter_rows(&table, &filter, &bands), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn the_csv_export_writes_the_cells_as_shown_and_guards_api_names() {
        use crate::records::columns::BandThresholds;
        use crate::records::export::to_csv_with;
        use crate::time::format::DisplayZone;
        let (table, mut index) = analyzed_table();
        index.insert_answer(
            "tx-1",
            &answer(&[(Phase::Other("=HYPERLINK".into()), Some(1))]),
        );
        let csv = |lang| {
            to_csv_with(
                &table,
                &[0, 1, 2],
                &[ColumnId::TransactionId, ColumnId::SlowestPhase],
                &BandThresholds::default(),
                &index,
                lang,
                &DisplayZone::Utc,
            )
        };
        assert_eq!(
            csv(Lang::En),
            "\u{feff}Transaction ID,Slowest phase\r\ntx-0,Connection\r\ntx-1,'=HYPERLINK\r\ntx-2,analysis failed (HTTP 503)\r\n"
        );
        assert!(csv(Lang::Zh).starts_with("\u{feff}事务ID,最慢阶段\r\ntx-0,正式连接\r\n"));
        let (table, index) = analyzed_table();
        let not_analyzed = to_csv_with(
            &table,
            &[1],
            &[ColumnId::SlowestPhase],
            &BandThresholds::default(),
            &index,
            Lang::Zh,
            &DisplayZone::Utc,
        );
        assert_eq!(not_analyzed, "\u{feff}最慢阶段\r\n未分析\r\n");
    }
}
