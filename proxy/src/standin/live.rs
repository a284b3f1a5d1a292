//! `--live`: the demo data as it looks at the stand-in's "now", which moves on.
//!
//! The generator draws its usual span (30 days, 90 above 200,000 records, at the daily and
//! weekly rhythm) ending [`HORIZON_DAYS`] after the start, so the part before the start is
//! history and the rest arrives as the clock passes it. At a given now:
//!
//! - a login is listed once it has reached the API: a delay after its start of
//!   [`LAG_SECS`] (records arrive late), and never before its setup (or, for a failed login,
//!   its failure) is known;
//! - a session that has not ended at now is answered without `connection_end_time` (with its
//!   RTTs: they are measured when the connection is set up, so the watch's RTT alert sees a
//!   slow login at once); once it ended, the same record (same `transaction_id`) comes with
//!   its end time;
//! - during an [`Incident`], logins fail or are slow, and extra logins arrive.
//!
//! Pure and deterministic: the same data, incident and now give the same page. The order is
//! the generator's (newest start first), so pages at one now never overlap or skip.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use logins_core::demo::{failure_reasons, transaction_id_from, DemoData, DemoRow};
use logins_core::records::record::{Record, Timestamp};
use logins_core::time::format::format_unix;

use super::access_stages::{self, LoginFacts};
use super::filter::Filter;
use super::incident::{mix, Incident, Outcome};
use super::page_body;

/// How far past the start the generated span reaches: records keep arriving for a week.
pub const HORIZON_DAYS: i64 = 7;

/// Seconds between a login's start and its record reaching the API.
pub const LAG_SECS: RangeInclusive<i64> = 20..=150;

/// The live view of one project's data.
pub struct Live {
    data: Arc<DemoData>,
    incident: Option<Incident>,
    /// Every login, the generated ones and the incident's extra ones, newest start first.
    entries: Vec<Entry>,
    reasons: Vec<&'static str>,
    /// Entry index by transaction ID, built at the first access-stages request.
    by_transaction: OnceLock<HashMap<String, usize>>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    start: i64,
    visible_at: i64,
    /// The generated row it is, or (extra logins) whose user, terminal and desktop it has.
    row: u32,
    /// The number of an incident's extra login.
    extra: Option<u32>,
    token: u64,
}

/// One login as answered: a generated row, possibly changed by the incident or moved to
/// another start (an extra login).
#[derive(Clone, Copy, Debug)]
pub struct Login<'a> {
    row: DemoRow<'a>,
    start: i64,
    token: u64,
    extra: bool,
    change: Change,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    None,
    Incident(Outcome),
}

impl Live {
    /// The live view of `data` (generated with its now at the start + [`HORIZON_DAYS`]).
    pub fn new(data: Arc<DemoData>, incident: Option<Incident>) -> Self {
        let mut live = Live {
            data,
            incident,
            entries: Vec::new(),
            reasons: failure_reasons().collect(),
            by_transaction: OnceLock::new(),
        };
        let mut entries: Vec<Entry> = live
            .data
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let login = live.login_of(row, row.start_unix(), row.token(), None);
                Entry {
                    start: login.start,
                    visible_at: login.visible_at(),
                    row: i as u32,
                    extra: None,
                    token: login.token,
                }
            })
            .collect();
        if let Some(incident) = incident {
            entries.extend(live.extra_entries(&incident));
        }
        // Newest first; ties by the random number, so the order is total.
        entries.sort_unstable_by(|a, b| b.start.cmp(&a.start).then(b.token.cmp(&a.token)));
        live.entries = entries;
        live
    }

    /// The incident's extra logins, each by the user of a successful, complete generated row
    /// (it needs a transaction ID and RTTs to copy).
    fn extra_entries(&self, incident: &Incident) -> Vec<Entry> {
        let n = self.data.len();
        if n == 0 {
            return Vec::new();
        }
        let seed = mix(
            incident.start as u64,
            self.data.get(0).map_or(0, |r| r.token()),
        );
        incident
            .extra_starts(seed)
            .filter_map(|(k, start)| {
                let from = (mix(seed, 0x100 + u64::from(k)) % n as u64) as usize;
                let base = (0..n.min(1_000)).map(|d| (from + d) % n).find(|&i| {
                    self.data.get(i).is_some_and(|r| {
                        !r.is_failure() && r.network_rtt().is_some() && r.transaction_id().is_some()
                    })
                })?;
                let row = self.data.get(base)?;
                let token = mix(seed ^ row.token(), 0x200 + u64::from(k));
                let login = self.login_of(row, start, token, Some(k));
                Some(Entry {
                    start,
                    visible_at: login.visible_at(),
                    row: base as u32,
                    extra: Some(k),
                    token,
                })
            })
            .collect()
    }

    fn login_of<'a>(
        &self,
        row: DemoRow<'a>,
        start: i64,
        token: u64,
        extra: Option<u32>,
    ) -> Login<'a> {
        let change = match self.incident {
            Some(_) if extra.is_some() => Change::Incident(Incident::outcome(token, extra)),
            Some(incident) if incident.contains(start) && !row.is_failure() => {
                match Incident::outcome(token, None) {
                    // A record without RTTs (old agents) stays without them.
                    Outcome::Slow { .. } if row.network_rtt().is_none() => Change::None,
                    outcome => Change::Incident(outcome),
                }
            }
            _ => Change::None,
        };
        Login {
            row,
            start,
            token,
            extra: extra.is_some(),
            change,
        }
    }

    fn login(&self, entry: &Entry) -> Option<Login<'_>> {
        let row = self.data.get(entry.row as usize)?;
        Some(self.login_of(row, entry.start, entry.token, entry.extra))
    }

    /// The logins listed at `now`, newest first.
    pub fn visible(&self, now: i64) -> impl Iterator<Item = Login<'_>> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.visible_at <= now)
            .filter_map(|e| self.login(e))
    }

    /// Every login, listed or not yet (the generated ones and the incident's extra ones).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The page body at `now`: `{"total_count", "records"}` of the listed logins `filter`
    /// selects, `limit` of them from `offset`.
    pub fn page_json(&self, filter: &Filter, offset: u32, limit: u32, now: i64) -> String {
        page_body(
            self.visible(now),
            |l| filter.matches_as(&l.row, l.start, l.network_rtt()),
            offset,
            limit,
            |l| l.record(now, &self.reasons),
        )
    }
}

impl Live {
    /// The access-stages answer for `transaction_id` at `now`: the phases of the login as its
    /// record says (an incident's failure fails in its phase), none for a login not listed yet.
    pub fn stages_json(&self, transaction_id: &str, now: i64) -> String {
        let index = self.by_transaction.get_or_init(|| {
            self.entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((self.login(e)?.transaction_id()?, i)))
                .collect()
        });
        let login = index
            .get(transaction_id)
            .map(|&i| &self.entries[i])
            .filter(|e| e.visible_at <= now)
            .and_then(|e| self.login(e));
        match login {
            Some(l) => {
                let id = l.transaction_id().unwrap_or_default();
                access_stages::stages_json_of(&l.facts(&id, &self.reasons))
            }
            None => access_stages::unknown_json(),
        }
    }
}

impl<'a> Login<'a> {
    /// The record's `transaction_id` (`None` for the rows shaped like the API doc's example).
    pub fn transaction_id(&self) -> Option<String> {
        if self.extra {
            Some(transaction_id_from(self.token))
        } else {
            self.row.transaction_id()
        }
    }

    fn facts<'b>(&self, transaction_id: &'b str, reasons: &[&'static str]) -> LoginFacts<'b>
    where
        'a: 'b,
    {
        let failure = match self.change {
            Change::Incident(Outcome::Fails { reason, .. }) => {
                Some((reason, reasons.get(reason).copied().unwrap_or_default()))
            }
            Change::Incident(Outcome::Slow { .. }) => None,
            Change::None => self.row.failure_reason(),
        };
        LoginFacts {
            transaction_id,
            user_name: self.row.user_name(),
            start_unix: self.start,
            setup_secs: self.row.setup_secs(),
            failure,
        }
    }

    /// Connection start, Unix seconds.
    pub fn start(&self) -> i64 {
        self.start
    }

    pub fn is_failure(&self) -> bool {
        match self.change {
            Change::Incident(Outcome::Fails { .. }) => true,
            Change::Incident(Outcome::Slow { .. }) => false,
            Change::None => self.row.is_failure(),
        }
    }

    pub fn network_rtt(&self) -> Option<u32> {
        match self.change {
            Change::Incident(Outcome::Fails { .. }) => None,
            Change::Incident(Outcome::Slow { network_rtt, .. }) => Some(network_rtt),
            Change::None => self.row.network_rtt(),
        }
    }

    /// When the session ends (a failed login: when it failed), Unix seconds.
    pub fn end(&self) -> i64 {
        match self.change {
            Change::Incident(Outcome::Fails { secs, .. }) => self.start + i64::from(secs),
            _ => self.row.end_unix() + (self.start - self.row.start_unix()),
        }
    }

    /// When the record reaches the API: [`LAG_SECS`] after the start, and not before what it
    /// says (the setup, or the failure) happened.
    fn visible_at(&self) -> i64 {
        let span = (LAG_SECS.end() - LAG_SECS.start() + 1) as u64;
        let arrived = self.start + LAG_SECS.start() + (mix(self.token, 4) % span) as i64;
        let known = if self.is_failure() {
            self.end()
        } else {
            self.start + i64::from(self.row.setup_secs())
        };
        arrived.max(known)
    }

    /// The record as the API answers it at `now`.
    fn record(&self, now: i64, reasons: &[&'static str]) -> Record {
        let time = |secs: i64| Timestamp::parse(&format_unix(secs));
        let mut r = self.row.to_record();
        if self.extra {
            r.transaction_id = self.transaction_id();
            r.connection_start_time = Some(time(self.start));
            r.connection_setup_time = Some(time(self.start + i64::from(self.row.setup_secs())));
            // A retry is a new login, not a reconnect of a dropped session.
            r.is_reconnect = Some(false);
        }
        match self.change {
            Change::Incident(Outcome::Fails { reason, .. }) => {
                r.connection_setup_time = None;
                r.connection_failure_reason = reasons.get(reason).map(|s| (*s).to_owned());
                r.network_rtt = None;
                r.e2e_rtt = None;
            }
            Change::Incident(Outcome::Slow {
                network_rtt,
                e2e_rtt,
            }) => {
                r.network_rtt = Some(i64::from(network_rtt));
                r.e2e_rtt = Some(i64::from(e2e_rtt));
            }
            Change::None => {}
        }
        let end = self.end();
        r.connection_end_time = (end <= now).then(|| time(end));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use logins_core::demo::DemoSpec;

    const START: i64 = 1_720_000_000; // 2024-07-03T09:46:40Z, a Wednesday

    fn live(incident: Option<Incident>) -> Live {
        let data = DemoData::generate(&DemoSpec {
            seed: 3,
            records: 20_000,
            now_unix: START + HORIZON_DAYS * 86_400,
        });
        Live::new(Arc::new(data), incident)
    }

    fn records(live: &Live, now: i64) -> Vec<Record> {
        let reasons: Vec<&str> = failure_reasons().collect();
        live.visible(now).map(|l| l.record(now, &reasons)).collect()
    }

    #[test]
    fn a_record_is_listed_late_and_only_once_its_start_has_passed() {
        let live = live(None);
        let now = START + 3 * 3_600;
        let listed: Vec<Login> = live.visible(now).collect();
        assert!(listed.iter().all(|l| l.start() + LAG_SECS.start() <= now));
        // Everything that started before the longest delay plus the longest setup is there.
        let old = now - LAG_SECS.end() - 60;
        let expected = live.data.iter().filter(|r| r.start_unix() <= old).count();
        let got = listed.iter().filter(|l| l.start() <= old).count();
        assert_eq!(got, expected);
        // A later now lists a superset, in the same order.
        let later = START + 5 * 3_600;
        let before: Vec<u64> = live.visible(now).map(|l| l.token).collect();
        let known: std::collections::HashSet<u64> = before.iter().copied().collect();
        let after: Vec<u64> = live
            .visible(later)
            .map(|l| l.token)
            .filter(|t| known.contains(t))
            .collect();
        assert_eq!(after, before);
        assert!(live.visible(later).count() > before.len());
    }

    #[test]
    fn an_ongoing_session_gets_its_end_time_when_it_ends() {
        let live = live(None);
        let now = START + 3_600;
        let open: Vec<Record> = records(&live, now)
            .into_iter()
            .filter(|r| r.connection_end_time.is_none() && r.connection_failure_reason.is_none())
            .collect();
        assert!(!open.is_empty());
        let later = records(&live, now + 2 * 86_400);
        let mut ended = 0;
        for o in &open {
            let Some(id) = &o.transaction_id else {
                continue;
            };
            let copy = later
                .iter()
                .find(|r| r.transaction_id.as_ref() == Some(id))
                .unwrap();
            assert_eq!(copy.connection_start_time, o.connection_start_time);
            assert_eq!(copy.network_rtt, o.network_rtt);
            if let Some(end) = &copy.connection_end_time {
                let end = end.parsed.unwrap().timestamp();
                assert!(end > now && end <= now + 2 * 86_400);
                ended += 1;
            }
        }
        assert!(ended > 0);
    }

    #[test]
    fn the_incident_fails_half_and_slows_the_rest_and_nothing_else() {
        let incident = Incident {
            start: START + 1_800,
            minutes: 15,
        };
        let live = live(Some(incident));
        let now = incident.end() + 3_600;
        let inside: Vec<Login> = live
            .visible(now)
            .filter(|l| incident.contains(l.start()))
            .collect();
        assert!(inside.len() >= 60, "{}", inside.len());
        let failed = inside.iter().filter(|l| l.is_failure()).count();
        let share = failed as f64 / inside.len() as f64;
        assert!((0.4..0.7).contains(&share), "{share}");
        assert!(inside
            .iter()
            .filter_map(|l| l.network_rtt())
            .all(|rtt| super::super::incident::HIGH_RTT_MS.contains(&rtt)));
        // Outside it the data is the generated data.
        let plain = self::live(None);
        let outside = |l: &Login| !incident.contains(l.start());
        let a: Vec<Record> = records(&live, now)
            .into_iter()
            .filter(|r| {
                !incident.contains(
                    r.connection_start_time
                        .as_ref()
                        .unwrap()
                        .parsed
                        .unwrap()
                        .timestamp(),
                )
            })
            .collect();
        let b: Vec<Record> = records(&plain, now)
            .into_iter()
            .filter(|r| {
                !incident.contains(
                    r.connection_start_time
                        .as_ref()
                        .unwrap()
                        .parsed
                        .unwrap()
                        .timestamp(),
                )
            })
            .collect();
        assert_eq!(a, b);
        assert!(live.visible(now).filter(outside).count() > 1_000);
    }

    #[test]
    fn the_phases_agree_with_the_record_at_now() {
        let incident = Incident {
            start: START + 600,
            minutes: 10,
        };
        let live = live(Some(incident));
        let now = START + 3_600;
        let reasons: Vec<&str> = failure_reasons().collect();
        let stages = |id: &str, at: i64| -> serde_json::Value {
            serde_json::from_str(&live.stages_json(id, at)).unwrap()
        };
        let failed: Vec<Login> = live
            .visible(now)
            .filter(|l| incident.contains(l.start()) && l.is_failure())
            .collect();
        assert!(failed.iter().any(|l| l.extra) && failed.iter().any(|l| !l.extra));
        for l in &failed {
            let id = l.transaction_id().unwrap();
            let record = l.record(now, &reasons);
            let answer = stages(&id, now);
            let last = answer["stages"].as_array().unwrap().last().unwrap().clone();
            assert_eq!(last["is_success"], false);
            assert_eq!(
                last["error_msg"].as_str(),
                record.connection_failure_reason.as_deref()
            );
            // Before the record is listed, the phases are not either.
            assert_eq!(stages(&id, l.start())["stages"], serde_json::json!([]));
        }
        let slow = live
            .visible(now)
            .find(|l| incident.contains(l.start()) && !l.is_failure())
            .unwrap();
        let answer = stages(&slow.transaction_id().unwrap(), now);
        assert!(answer["stages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["is_success"] == true));
    }

    #[test]
    fn deterministic() {
        let incident = Some(Incident {
            start: START + 600,
            minutes: 10,
        });
        let now = START + 3_000;
        assert_eq!(records(&live(incident), now), records(&live(incident), now));
    }
}
