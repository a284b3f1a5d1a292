//! One refresh of watch mode, sans-IO, around the app's table: which window to ask for (from
//! what the table holds), merging what came back, sliding the window, what the status line
//! says, and the logins the alert rules judge.
//!
//! The driver's loop, each step a call here or in [`schedule`](super::schedule):
//! 1. `schedule.next(now)` says `RefreshNow`: ask for [`next_window`] with the query's filters;
//! 2. the answer's records go to [`apply`], which upserts them (an ongoing session becomes a
//!    finished one in the same row), drops what left a sliding range and returns the
//!    [`Refreshed`] counts and the rows' [`Renumbering`];
//! 3. the rules judge [`logins`] over [`evaluation_interval`] (`rules::evaluate`, then
//!    `Hysteresis::fire`, then `AlertLog::record`);
//! 4. the status line shows [`WatchStatus::sentence`] in the current language and zone.
//!
//! When [`apply`] removed rows, the `RowId`s held from before are stale: the app's
//! `TableState::replace` rebuilds the filtered and sorted views from the new table, and the
//! selected row (the open row detail) is mapped through [`Renumbering::row`] (cleared when it
//! left). Between refreshes without removals, rows keep their numbers.

use std::borrow::Borrow;

use chrono::{DateTime, Timelike};

use crate::i18n::{alerts, status, Lang};
use crate::paging::FailureKind;
use crate::records::columns::ColumnId;
use crate::records::record::Record;
use crate::records::table::{RecordTable, Renumbering, RowId, TimeFact, Upsert};
use crate::stats::MAX_RTT_MS;
use crate::time::format::DisplayZone;
use crate::time::window::TimePreset;

use super::rules::Login;
use super::window::{cutoff, refresh_window};

/// The range a watch follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchRange {
    /// A relative preset ("Last 24 h"): the range slides with the clock and what started
    /// before `now - length_secs` leaves the table.
    Sliding { length_secs: i64 },
    /// "All time": nothing leaves; the start is the API's earliest.
    Unbounded,
}

/// Why watching cannot start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotWatchable {
    /// A fixed custom range: nothing new can arrive in it.
    FixedRange,
}

impl NotWatchable {
    /// What the user is told, in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            NotWatchable::FixedRange => alerts::WATCH_FIXED_RANGE.get(lang),
        }
    }
}

impl WatchRange {
    /// The range a watch of `preset` follows; a fixed custom range is refused.
    ///
    /// ```
    /// use logins_core::time::window::TimePreset;
    /// use logins_core::watch::refresh::{NotWatchable, WatchRange};
    /// assert_eq!(
    ///     WatchRange::of(TimePreset::Last24Hours),
    ///     Ok(WatchRange::Sliding { length_secs: 86_400 })
    /// );
    /// assert_eq!(WatchRange::of(TimePreset::AllTime), Ok(WatchRange::Unbounded));
    /// assert_eq!(WatchRange::of(TimePreset::Custom), Err(NotWatchable::FixedRange));
    /// ```
    pub fn of(preset: TimePreset) -> Result<WatchRange, NotWatchable> {
        match (preset, preset.span()) {
            (_, Some(span)) => Ok(WatchRange::Sliding {
                length_secs: span.num_seconds(),
            }),
            (TimePreset::AllTime, None) => Ok(WatchRange::Unbounded),
            (_, None) => Err(NotWatchable::FixedRange),
        }
    }

    /// The range's start at `now`: `None` when it has none (the query then sends no start
    /// before what the table holds).
    pub fn start(self, now: i64) -> Option<i64> {
        match self {
            WatchRange::Sliding { length_secs } => Some(cutoff(length_secs, now)),
            WatchRange::Unbounded => None,
        }
    }
}

/// What in the table the next refresh window depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The newest connection start.
    pub newest_start: Option<i64>,
    /// The start of the oldest session still ongoing (no end, not failed: the table's
    /// "ongoing"), which a refresh must read again until it has ended.
    pub oldest_ongoing_start: Option<i64>,
}

impl Loaded {
    /// One pass over the table (about a millisecond for 100,000 rows, once a refresh).
    pub fn of(table: &RecordTable) -> Loaded {
        let mut loaded = Loaded::default();
        for row in table.row_ids() {
            let Some(f) = table.facts(row) else { continue };
            let Some(start) = f.start_secs() else {
                continue;
            };
            loaded.newest_start = Some(loaded.newest_start.map_or(start, |n| n.max(start)));
            if f.end == TimeFact::Absent && !f.failed {
                loaded.oldest_ongoing_start =
                    Some(loaded.oldest_ongoing_start.map_or(start, |o| o.min(start)));
            }
        }
        loaded
    }
}

/// `[start, end]` of the next refresh at `now`, Unix seconds: from `overlap_secs` before the
/// newest start loaded, or from the oldest ongoing session, never before the range
/// ([`refresh_window`]). For an unbounded range with nothing loaded, the start is `i64::MIN`:
/// the query sends no start.
///
/// ```
/// use logins_core::records::record::{Record, Timestamp};
/// use logins_core::records::table::RecordTable;
/// use logins_core::watch::refresh::{next_window, WatchRange};
/// let at = |start: &str, end: Option<&str>| Record {
///     user_name: Some(start.into()),
///     connection_start_time: Some(Timestamp::parse(start)),
///     connection_end_time: end.map(Timestamp::parse),
///     ..Record::default()
/// };
/// let table = RecordTable::from_records([
///     at("2024-01-15T08:00:00Z", None), // ongoing: read again
///     at("2024-01-15T09:00:00Z", Some("2024-01-15T09:10:00Z")),
/// ]);
/// let day = WatchRange::Sliding { length_secs: 86_400 };
/// let now = 1_705_312_800; // 10:00Z
/// assert_eq!(next_window(&table, day, now, 300), (1_705_305_600, now)); // from 08:00Z
/// ```
pub fn next_window(
    table: &RecordTable,
    range: WatchRange,
    now: i64,
    overlap_secs: i64,
) -> (i64, i64) {
    let loaded = Loaded::of(table);
    refresh_window(
        range.start(now).unwrap_or(i64::MIN),
        now,
        loaded.newest_start,
        loaded.oldest_ongoing_start,
        overlap_secs,
    )
}

/// What a refresh did to the table: the status line's numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// When it completed, Unix seconds.
    pub at: i64,
    /// Logins not loaded before.
    pub new: usize,
    /// Logins loaded before whose copy changed (an ongoing session that ended).
    pub updated: usize,
    /// Logins that left the sliding range.
    pub removed: usize,
}

/// Merges a refresh's `records` into `table` at `now` (each by its identity: new, updated in
/// place or unchanged; the overlap is expected, so nothing counts as a duplicate), then slides
/// the range: what started before its start leaves. Returns the counts and how the rows were
/// renumbered (see the module docs for what the app does with it).
///
/// ```
/// use logins_core::records::record::{Record, Timestamp};
/// use logins_core::records::table::RecordTable;
/// use logins_core::watch::refresh::{apply, Refreshed, WatchRange};
/// let login = |tx: &str, start: &str, end: Option<&str>| Record {
///     transaction_id: Some(tx.into()),
///     connection_start_time: Some(Timestamp::parse(start)),
///     connection_end_time: end.map(Timestamp::parse),
///     ..Record::default()
/// };
/// let mut table = RecordTable::from_records([
///     login("old", "2024-01-14T08:00:00Z", Some("2024-01-14T09:00:00Z")),
///     login("a", "2024-01-15T08:00:00Z", None),
/// ]);
/// let refresh = [
///     login("a", "2024-01-15T08:00:00Z", Some("2024-01-15T08:20:00Z")),
///     login("b", "2024-01-15T08:25:00Z", None),
/// ];
/// let now = 1_705_307_400; // 2024-01-15T08:30:00Z
/// let hour = WatchRange::Sliding { length_secs: 3600 };
/// let (done, renumbering) = apply(&mut table, &refresh, hour, now);
/// assert_eq!(done, Refreshed { at: now, new: 1, updated: 1, removed: 1 });
/// assert_eq!(renumbering.row(1), Some(0));
/// assert_eq!(table.len(), 2);
/// ```
pub fn apply(
    table: &mut RecordTable,
    records: impl IntoIterator<Item = impl Borrow<Record>>,
    range: WatchRange,
    now: i64,
) -> (Refreshed, Renumbering) {
    let mut done = Refreshed {
        at: now,
        ..Refreshed::default()
    };
    for record in records {
        match table.upsert(record.borrow()) {
            Upsert::Inserted(_) => done.new += 1,
            Upsert::Updated(_) => done.updated += 1,
            Upsert::Unchanged(_) | Upsert::Full => {}
        }
    }
    let renumbering = match range.start(now) {
        Some(start) => table.retain_started_since(start),
        // Nothing leaves; retain(all) still frees the strings updates left unused.
        None => table.retain(|_, _| true),
    };
    done.removed = renumbering.removed();
    (done, renumbering)
}

/// The interval whose logins the rules judge after a refresh at `now`: since the previous
/// successful refresh, so a refresh that catches up after the page was hidden judges all it
/// brought; the last `every_secs` for the first one (or when refreshes came faster, after a
/// retry).
///
/// ```
/// use logins_core::watch::refresh::evaluation_interval;
/// assert_eq!(evaluation_interval(None, 1000, 300), (700, 1000));
/// assert_eq!(evaluation_interval(Some(100), 1000, 300), (100, 1000)); // caught up
/// assert_eq!(evaluation_interval(Some(900), 1000, 300), (700, 1000));
/// ```
pub fn evaluation_interval(previous_at: Option<i64>, now: i64, every_secs: i64) -> (i64, i64) {
    let last = now.saturating_sub(every_secs.max(0));
    (previous_at.map_or(last, |p| p.min(last)), now)
}

/// Every login of the table with a parsed start, as the alert rules see it: the history
/// streaks and new locations compare with, of which `rules::evaluate` judges those of the
/// interval. The whole table, not the rows a filter shows: an alert does not depend on what
/// the user is looking at. An RTT counts when valid (`0..=MAX_RTT_MS`, as in the statistics);
/// a blank user, IP or MAC reads as empty (no user: in no streak; no value: never new).
///
/// ```
/// use logins_core::records::record::{Record, Timestamp};
/// use logins_core::records::table::RecordTable;
/// use logins_core::watch::refresh::logins;
/// use logins_core::watch::rules::{evaluate, AlertRules, Finding};
/// let failed = |i: i64| Record {
///     transaction_id: Some(format!("tx-{i}")),
///     user_name: Some("ann".into()),
///     connection_start_time: Some(Timestamp::parse(&format!("2024-01-15T08:0{i}:00Z"))),
///     connection_failure_reason: Some("timeout".into()),
///     ..Record::default()
/// };
/// let table = RecordTable::from_records((0..3).map(failed));
/// let history = logins(&table);
/// let fired = evaluate(&AlertRules::default(), &history, 1_705_305_600, 1_705_306_200);
/// assert_eq!(fired[0].finding, Finding::Streak { user: "ann".into(), failures: 3 });
/// ```
pub fn logins(table: &RecordTable) -> Vec<Login<'_>> {
    table
        .row_ids()
        .filter_map(|row| login(table, row))
        .collect()
}

fn login(table: &RecordTable, row: RowId) -> Option<Login<'_>> {
    let f = table.facts(row)?;
    let start = f.start_secs()?;
    let text = |column| {
        f.sym(column)
            .map(|sym| table.text(sym))
            .filter(|s| !s.trim().is_empty())
            .unwrap_or("")
    };
    Some(Login {
        row,
        start,
        failed: f.failed,
        network_rtt_ms: f.network_rtt.filter(|ms| (0..=MAX_RTT_MS).contains(ms)),
        user: text(ColumnId::UserName),
        public_ip: text(ColumnId::PublicIp),
        terminal_mac: text(ColumnId::TerminalMac),
    })
}

/// What the status line says about watching, as data (rendered per language and zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchStatus {
    /// The last refresh succeeded.
    Refreshed(Refreshed),
    /// The refresh at `at` failed and is tried again at `retry_at`.
    Retrying {
        at: i64,
        failure: FailureKind,
        retry_at: i64,
    },
    /// Watching stopped at `at` (refused credentials, a blocked local network); the error
    /// report says what to do.
    Stopped { at: i64, failure: FailureKind },
}

impl WatchStatus {
    /// The sentence in `lang`, times in `zone` (`14:05`, or `14:05 UTC` when the table shows
    /// UTC, so the time is never read in the wrong zone).
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::time::format::DisplayZone;
    /// use logins_core::watch::refresh::{Refreshed, WatchStatus};
    /// let beijing = |_: i64| 480;
    /// let zone = DisplayZone::Local(&beijing);
    /// let done = WatchStatus::Refreshed(Refreshed { at: 1_705_299_900, new: 12, updated: 3, removed: 0 });
    /// assert_eq!(done.sentence(Lang::En, &zone), "Updated 14:25: 12 new, 3 updated");
    /// assert_eq!(done.sentence(Lang::Zh, &zone), "已于 14:25 更新：新增 12 条，更新 3 条");
    /// assert_eq!(done.sentence(Lang::En, &DisplayZone::Utc), "Updated 06:25 UTC: 12 new, 3 updated");
    /// ```
    pub fn sentence(&self, lang: Lang, zone: &DisplayZone) -> String {
        match *self {
            WatchStatus::Refreshed(Refreshed {
                at,
                new,
                updated,
                removed,
            }) => {
                let (at, new, updated) = (clock(at, zone), new.to_string(), updated.to_string());
                if removed == 0 {
                    status::REFRESHED.fill(lang, &[&at, &new, &updated])
                } else {
                    status::REFRESHED_REMOVED
                        .fill(lang, &[&at, &new, &updated, &removed.to_string()])
                }
            }
            WatchStatus::Retrying {
                at,
                failure,
                retry_at,
            } => status::REFRESH_RETRYING.fill(
                lang,
                &[
                    &clock(at, zone),
                    &failure.describe(lang),
                    &clock(retry_at, zone),
                ],
            ),
            WatchStatus::Stopped { at, failure } => {
                status::WATCH_STOPPED.fill(lang, &[&clock(at, zone), &failure.describe(lang)])
            }
        }
    }
}

/// `HH:MM` of `secs` in `zone`, with ` UTC` when the zone is UTC. Digits only otherwise, the
/// same in both languages.
fn clock(secs: i64, zone: &DisplayZone) -> String {
    let shifted = secs.saturating_add(i64::from(zone.offset_minutes(secs)) * 60);
    let Some(t) = DateTime::from_timestamp(shifted, 0) else {
        // Outside the calendar (never a refresh's time): the number, never a panic.
        return secs.to_string();
    };
    let hm = format!("{:02}:{:02}", t.hour(), t.minute());
    match zone {
        DisplayZone::Utc => format!("{hm} UTC"),
        DisplayZone::Local(_) => hm,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::Timestamp;
    use crate::time::format::format_unix;
    use crate::watch::rules::{evaluate, AlertRules, Finding, Hysteresis};

    const T0: i64 = 1_705_305_600; // 2024-01-15T08:00:00Z

    fn login_at(tx: &str, minute: i64) -> Record {
        Record {
            transaction_id: Some(tx.into()),
            user_name: Some(format!("user-{tx}")),
            connection_start_time: Some(Timestamp::parse(&format_unix(T0 + 60 * minute))),
            ..Record::default()
        }
    }

    fn ended_at(r: &Record, minute: i64) -> Record {
        Record {
            connection_end_time: Some(Timestamp::parse(&format_unix(T0 + 60 * minute))),
            network_rtt: Some(50),
            ..r.clone()
        }
    }

    fn all_records(table: &RecordTable) -> Vec<Record> {
        table.row_ids().map(|r| table.record(r)).collect()
    }

    #[test]
    fn the_window_follows_the_newest_start_and_the_oldest_ongoing_session() {
        let hour = WatchRange::Sliding { length_secs: 3600 };
        let now = T0 + 3600;
        let mut table = RecordTable::new();
        // Nothing loaded: the whole range.
        assert_eq!(next_window(&table, hour, now, 300), (T0, now));
        let a = login_at("a", 10);
        let mut failed = login_at("f", 5);
        failed.connection_failure_reason = Some("timeout".into());
        table.upsert_all([&a, &failed, &ended_at(&login_at("b", 50), 55)]);
        assert_eq!(
            Loaded::of(&table),
            Loaded {
                newest_start: Some(T0 + 3000),
                // A failed attempt without an end is not ongoing: it will not end.
                oldest_ongoing_start: Some(T0 + 600),
            }
        );
        assert_eq!(next_window(&table, hour, now, 300), (T0 + 600, now));
        // Once the session has ended, the overlap before the newest start only.
        table.upsert(&ended_at(&a, 20));
        assert_eq!(next_window(&table, hour, now, 300), (T0 + 2700, now));
        // All time: no range start, the same rule.
        assert_eq!(
            next_window(&RecordTable::new(), WatchRange::Unbounded, now, 300),
            (i64::MIN, now)
        );
    }

    /// The whole loop for a simulated hour: the server's logins arrive late, sessions end
    /// later, and after every refresh the table equals a fresh fetch of the range.
    #[test]
    fn watching_equals_a_fresh_fetch_after_every_refresh() {
        // The server: login i starts at minute 3i, reaches the API 2 minutes late, ends 7
        // minutes after its start; every fifth fails (and never ends).
        let started = |i: i64| T0 + 180 * i;
        let state_at = |i: i64, now: i64| -> Option<Record> {
            let start = started(i);
            if now < start + 120 {
                return None;
            }
            let mut r = login_at(&format!("tx{i}"), 3 * i);
            if i % 5 == 0 {
                r.connection_failure_reason = Some("timeout".into());
            } else if now >= start + 420 {
                r = ended_at(&r, 3 * i + 7);
            }
            Some(r)
        };
        let server = |from: i64, to: i64, now: i64| -> Vec<Record> {
            (0..40)
                .filter(|&i| (from..=to).contains(&started(i)))
                .filter_map(|i| state_at(i, now))
                .collect()
        };
        let range = WatchRange::Sliding { length_secs: 1800 };
        let mut table = RecordTable::new();
        let mut now = T0 + 600;
        let (start, end) = next_window(&table, range, now, 300);
        apply(&mut table, server(start, end, now), range, now);
        let mut totals = (0, 0, 0);
        // Two hours and twenty minutes: past the last login's end.
        while now < T0 + 8400 {
            now += 300;
            let (from, to) = next_window(&table, range, now, 300);
            let (done, _) = apply(&mut table, server(from, to, now), range, now);
            totals = (
                totals.0 + done.new,
                totals.1 + done.updated,
                totals.2 + done.removed,
            );
            let fresh = server(range.start(now).unwrap(), now, now);
            let mut ours = all_records(&table);
            ours.sort_by_key(|r| r.transaction_id.clone());
            let mut theirs = fresh.clone();
            theirs.sort_by_key(|r| r.transaction_id.clone());
            assert_eq!(ours, theirs, "at minute {}", (now - T0) / 60);
            assert_eq!(table.duplicates(), 0);
        }
        // Every login after the first fetch (logins 0 to 2) came once; each one seen ongoing
        // (all but the failed ones and login 1, already ended at the first fetch) was updated
        // once; the range slid past all but the last four.
        assert_eq!(totals.0, 37, "{totals:?}");
        assert_eq!(
            totals.1,
            (2..40).filter(|i| i % 5 != 0).count(),
            "{totals:?}"
        );
        assert_eq!((table.len(), totals.2), (3, 37), "{totals:?}");
    }

    #[test]
    fn the_last_intervals_logins_feed_the_rules() {
        let mut table = RecordTable::new();
        let mut records: Vec<Record> = (0..10)
            .map(|i| {
                let mut r = login_at(&format!("ok{i}"), i);
                r.network_rtt = Some(if i == 0 { -1 } else { 100 });
                r
            })
            .collect();
        for i in 0..10 {
            let mut r = login_at(&format!("bad{i}"), 20 + i);
            r.connection_failure_reason = Some("timeout".into());
            r.network_rtt = Some(MAX_RTT_MS + 1);
            r.user_name = Some(" ".into());
            records.push(r);
        }
        table.upsert_all(&records);
        let all = logins(&table);
        assert_eq!(all.len(), 20);
        assert_eq!(all[0].network_rtt_ms, None, "-1 is not an RTT");
        assert_eq!(all[1].network_rtt_ms, Some(100));
        assert_eq!(all[10].network_rtt_ms, None, "above MAX_RTT_MS");
        assert_eq!(all[10].user, "", "a blank user is no user");
        assert!(all[10].failed);
        let rules = AlertRules::default();
        let mut hysteresis = Hysteresis::default();
        // The first ten minutes: no failure.
        let (from, to) = evaluation_interval(None, T0 + 600, 600);
        assert!(hysteresis.fire(evaluate(&rules, &all, from, to)).is_empty());
        // The next interval: ten failures of ten logins.
        let (from, to) = evaluation_interval(Some(T0 + 600), T0 + 1800, 600);
        let fired = hysteresis.fire(evaluate(&rules, &all, from, to));
        assert_eq!(
            fired[0].finding,
            Finding::FailureRate {
                failures: 10,
                logins: 10,
                above_percent: 20.0
            }
        );
    }

    #[test]
    fn every_watch_status_reads_in_both_languages() {
        let beijing = |_: i64| 480;
        let zone = DisplayZone::Local(&beijing);
        let at = T0 + 6 * 3600 + 5 * 60; // 14:05Z, 22:05 in Beijing
        let cases = [
            (
                WatchStatus::Refreshed(Refreshed {
                    at,
                    new: 12,
                    updated: 3,
                    removed: 0,
                }),
                "Updated 22:05: 12 new, 3 updated",
                "已于 22:05 更新：新增 12 条，更新 3 条",
            ),
            (
                WatchStatus::Refreshed(Refreshed {
                    at,
                    new: 0,
                    updated: 1,
                    removed: 40,
                }),
                "Updated 22:05: 0 new, 1 updated, 40 older than the range removed",
                "已于 22:05 更新：新增 0 条，更新 1 条，移除超出时间范围的 40 条",
            ),
            (
                WatchStatus::Retrying {
                    at,
                    failure: FailureKind::Status(503),
                    retry_at: at + 60,
                },
                "The refresh at 22:05 failed (HTTP 503); trying again at 22:06",
                "22:05 的刷新失败（HTTP 503 错误），将于 22:06 重试",
            ),
            (
                WatchStatus::Stopped {
                    at,
                    failure: FailureKind::Status(401),
                },
                "Watching stopped at 22:05: HTTP 401",
                "监控已于 22:05 停止：HTTP 401 错误",
            ),
        ];
        for (s, en, zh) in cases {
            assert_eq!(s.sentence(Lang::En, &zone), en);
            assert_eq!(s.sentence(Lang::Zh, &zone), zh);
        }
        let utc = WatchStatus::Refreshed(Refreshed {
            at,
            new: 1,
            updated: 0,
            removed: 0,
        });
        assert_eq!(
            utc.sentence(Lang::Zh, &DisplayZone::Utc),
            "已于 14:05 UTC 更新：新增 1 条，更新 0 条"
        );
        assert_eq!(clock(i64::MAX, &DisplayZone::Utc), i64::MAX.to_string());
    }

    #[test]
    fn a_fixed_range_is_refused_with_a_message_in_both_languages() {
        let refused = WatchRange::of(TimePreset::Custom).unwrap_err();
        assert!(refused.message(Lang::En).contains("fixed"));
        assert!(refused.message(Lang::Zh).contains("自定义"));
        for preset in TimePreset::ALL {
            assert_eq!(WatchRange::of(preset).is_ok(), preset != TimePreset::Custom);
        }
        assert_eq!(WatchRange::Unbounded.start(5), None);
    }
}
