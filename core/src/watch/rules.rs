//! Alert rules over the logins of the last refresh interval, and their hysteresis: a rule that
//! stays true fires once, and again only after it has been false once.
//!
//! The rules (each can be switched off; the settings are stored on the device, not secrets):
//! - failure rate of the interval's logins above X % (default 20 %), with at least N logins
//!   (default 10), so two failures out of three at night do not page anyone;
//! - p95 network RTT of the interval above Y ms (default 300), nearest-rank, over the logins
//!   with a valid RTT;
//! - one user failing N times in a row (default 3): the user's latest N logins, in start
//!   order, all failed, and the latest of them is in the interval;
//! - a login in the interval from a public IP or terminal (MAC) new for its user (off by
//!   default): "new" as in `stats::new_locations`, relative to the loaded records.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::i18n::{alerts, Lang, Text};
use crate::records::columns::ColumnId;
use crate::records::filter::{ColumnFilter, RowFilter};
use crate::records::table::RowId;
use crate::stats::percentile;
use crate::text::num::fixed;

/// One login as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login<'a> {
    pub row: RowId,
    /// Connection start, Unix seconds.
    pub start: i64,
    pub failed: bool,
    /// Network RTT in ms, when valid.
    pub network_rtt_ms: Option<i64>,
    pub user: &'a str,
    pub public_ip: &'a str,
    pub terminal_mac: &'a str,
}

/// The rules' settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertRules {
    pub failure_rate: FailureRateRule,
    pub rtt_p95: RttRule,
    pub failure_streak: StreakRule,
    pub new_location: NewLocationRule,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FailureRateRule {
    pub enabled: bool,
    pub above_percent: f64,
    pub min_logins: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RttRule {
    pub enabled: bool,
    pub above_ms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StreakRule {
    pub enabled: bool,
    pub failures: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewLocationRule {
    pub enabled: bool,
}

impl Default for FailureRateRule {
    fn default() -> Self {
        FailureRateRule {
            enabled: true,
            above_percent: 20.0,
            min_logins: 10,
        }
    }
}

impl Default for RttRule {
    fn default() -> Self {
        RttRule {
            enabled: true,
            above_ms: 300,
        }
    }
}

impl Default for StreakRule {
    fn default() -> Self {
        StreakRule {
            enabled: true,
            failures: 3,
        }
    }
}

/// Which condition is true: the identity hysteresis tracks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConditionKey {
    FailureRate,
    RttP95,
    Streak {
        user: String,
    },
    /// Keyed by what is new for whom, not by the row: rows are renumbered when the watch window
    /// slides (`RecordTable::retain`), and the same login judged again must be the same key.
    NewLocation {
        user: String,
        public_ip: Option<String>,
        terminal_mac: Option<String>,
    },
}

/// The numbers that made a condition true.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    FailureRate {
        failures: usize,
        logins: usize,
        above_percent: f64,
    },
    RttP95 {
        p95_ms: i64,
        logins: usize,
        above_ms: i64,
    },
    Streak {
        user: String,
        failures: usize,
    },
    NewLocation {
        user: String,
        public_ip: Option<String>,
        terminal_mac: Option<String>,
    },
}

/// The logins a condition is about, for the link that filters the table to them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concerned {
    /// Connection starts from `from` to `to`, Unix seconds, inclusive.
    pub from: i64,
    pub to: i64,
    pub user: Option<String>,
    pub failed_only: bool,
}

impl Concerned {
    /// The table filter that shows exactly these logins, whatever filtered the table before
    /// ("Show logins"): connection start from `from` to `to`, the user's (exactly), and only the
    /// failed ones when the rule counted failures.
    ///
    /// ```
    /// use logins_core::records::columns::ColumnId;
    /// use logins_core::watch::rules::Concerned;
    /// let c = Concerned { from: 60, to: 120, user: Some("ann".into()), failed_only: true };
    /// let f = c.filter();
    /// assert_eq!(f.range_on(ColumnId::ConnectionStart), (Some(60), Some(120)));
    /// assert!(f.on(ColumnId::UserName).is_some() && f.on(ColumnId::Outcome).is_some());
    /// assert!(f.quick.is_empty());
    /// ```
    pub fn filter(&self) -> RowFilter {
        let mut filter = RowFilter::default();
        filter.narrow(ColumnFilter::Range {
            column: ColumnId::ConnectionStart,
            min: Some(self.from),
            max: Some(self.to),
        });
        if let Some(user) = &self.user {
            filter.narrow(ColumnFilter::Equals {
                column: ColumnId::UserName,
                value: user.clone(),
            });
        }
        if self.failed_only {
            filter.narrow(ColumnFilter::Is {
                column: ColumnId::Outcome,
                value: true,
            });
        }
        filter
    }
}

/// A condition true now.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub key: ConditionKey,
    pub finding: Finding,
    pub concerned: Concerned,
}

impl Finding {
    /// The rule's name, for the alert log.
    pub fn rule(&self) -> Text {
        match self {
            Finding::FailureRate { .. } => alerts::RULE_FAILURE_RATE,
            Finding::RttP95 { .. } => alerts::RULE_RTT,
            Finding::Streak { .. } => alerts::RULE_STREAK,
            Finding::NewLocation { .. } => alerts::RULE_NEW_LOCATION,
        }
    }

    /// The sentence for the alert log, in `lang`.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::watch::rules::Finding;
    /// let f = Finding::FailureRate { failures: 6, logins: 20, above_percent: 20.0 };
    /// assert_eq!(f.describe(Lang::En), "Failure rate 30.0% (6 of 20 logins), above 20.0%");
    /// assert_eq!(f.describe(Lang::Zh), "失败率 30.0%（20 次登录中 6 次失败），高于 20.0%");
    /// ```
    pub fn describe(&self, lang: Lang) -> String {
        self.describe_parts(lang)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    /// [`Finding::describe`] in pieces, each `true` when it is user data (a user name, an IP, a
    /// MAC), which the page marks `translate="no"` (it is not a word of the interface).
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::watch::rules::Finding;
    /// let f = Finding::Streak { user: "ann".into(), failures: 3 };
    /// assert_eq!(
    ///     f.describe_parts(Lang::Zh),
    ///     [("ann".to_owned(), true), (" 连续失败 3 次".to_owned(), false)]
    /// );
    /// ```
    pub fn describe_parts(&self, lang: Lang) -> Vec<(String, bool)> {
        // User data is filled in between two control characters no name or address contains
        // here (they are stripped from it), then the sentence is cut there.
        let data = |s: &str| {
            let clean: String = s.chars().filter(|&c| c != OPEN && c != CLOSE).collect();
            format!("{OPEN}{clean}{CLOSE}")
        };
        let pct = |v: f64| fixed(v, 1, false);
        let marked = match self {
            Finding::FailureRate {
                failures,
                logins,
                above_percent,
            } => alerts::FAILURE_RATE_FIRED.fill(
                lang,
                &[
                    &pct(*failures as f64 * 100.0 / (*logins).max(1) as f64),
                    &failures.to_string(),
                    &logins.to_string(),
                    &pct(*above_percent),
                ],
            ),
            Finding::RttP95 {
                p95_ms,
                logins,
                above_ms,
            } => alerts::RTT_FIRED.fill(
                lang,
                &[
                    &p95_ms.to_string(),
                    &logins.to_string(),
                    &above_ms.to_string(),
                ],
            ),
            Finding::Streak { user, failures } => {
                alerts::STREAK_FIRED.fill(lang, &[&data(user), &failures.to_string()])
            }
            Finding::NewLocation {
                user,
                public_ip,
                terminal_mac,
            } => {
                let place = [public_ip.as_deref(), terminal_mac.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                alerts::NEW_LOCATION_FIRED.fill(lang, &[&data(user), &data(&place)])
            }
        };
        let mut parts = Vec::new();
        for (i, piece) in marked.split(OPEN).enumerate() {
            match piece.split_once(CLOSE) {
                Some((value, rest)) if i > 0 => {
                    parts.push((value.to_owned(), true));
                    parts.push((rest.to_owned(), false));
                }
                _ => parts.push((piece.to_owned(), false)),
            }
        }
        parts.retain(|(text, _)| !text.is_empty());
        parts
    }
}

/// Where user data starts and ends in a sentence being built (see [`Finding::describe_parts`]).
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// The conditions true for the interval `[from, to]` (Unix seconds), given every loaded login
/// (any order; `history` is what streaks and new locations compare with).
pub fn evaluate(rules: &AlertRules, history: &[Login<'_>], from: i64, to: i64) -> Vec<Condition> {
    let mut logins: Vec<&Login<'_>> = history.iter().collect();
    logins.sort_by_key(|l| (l.start, l.row));
    let in_interval = |l: &&Login<'_>| l.start >= from && l.start <= to;
    let interval: Vec<&Login<'_>> = logins.iter().copied().filter(in_interval).collect();
    let whole = Concerned {
        from,
        to,
        user: None,
        failed_only: false,
    };
    let mut out = Vec::new();

    let r = &rules.failure_rate;
    let failures = interval.iter().filter(|l| l.failed).count();
    if r.enabled
        && interval.len() >= r.min_logins.max(1)
        && failures as f64 * 100.0 > r.above_percent * interval.len() as f64
    {
        out.push(Condition {
            key: ConditionKey::FailureRate,
            finding: Finding::FailureRate {
                failures,
                logins: interval.len(),
                above_percent: r.above_percent,
            },
            concerned: Concerned {
                failed_only: true,
                ..whole.clone()
            },
        });
    }

    if rules.rtt_p95.enabled {
        let mut rtts: Vec<i64> = interval.iter().filter_map(|l| l.network_rtt_ms).collect();
        rtts.sort_unstable();
        if let Some(p95) = percentile(&rtts, 95.0).filter(|&p| p > rules.rtt_p95.above_ms) {
            out.push(Condition {
                key: ConditionKey::RttP95,
                finding: Finding::RttP95 {
                    p95_ms: p95,
                    logins: rtts.len(),
                    above_ms: rules.rtt_p95.above_ms,
                },
                concerned: whole.clone(),
            });
        }
    }

    let streak = rules.failure_streak.failures.max(1);
    if rules.failure_streak.enabled {
        let mut by_user: HashMap<&str, Vec<&Login<'_>>> = HashMap::new();
        for l in logins.iter().filter(|l| !l.user.is_empty()) {
            by_user.entry(l.user).or_default().push(l);
        }
        let mut users: Vec<(&str, Vec<&Login<'_>>)> = by_user.into_iter().collect();
        users.sort_by(|a, b| a.0.cmp(b.0));
        for (user, list) in users {
            let Some(last) = list.last() else { continue };
            let run = list.iter().rev().take_while(|l| l.failed).count();
            if run >= streak && in_interval(last) {
                let first = list[list.len() - run];
                out.push(Condition {
                    key: ConditionKey::Streak {
                        user: user.to_owned(),
                    },
                    finding: Finding::Streak {
                        user: user.to_owned(),
                        failures: run,
                    },
                    concerned: Concerned {
                        from: first.start,
                        to: last.start,
                        user: Some(user.to_owned()),
                        failed_only: true,
                    },
                });
            }
        }
    }

    if rules.new_location.enabled {
        let mut ips: HashSet<(&str, &str)> = HashSet::new();
        let mut macs: HashSet<(&str, &str)> = HashSet::new();
        let mut known_ip: HashSet<&str> = HashSet::new();
        let mut known_mac: HashSet<&str> = HashSet::new();
        for l in &logins {
            if l.user.is_empty() {
                continue;
            }
            // The user's first value of each kind is the baseline, never "new".
            let new_ip = first_or_new(l.user, l.public_ip, &mut ips, &mut known_ip);
            let new_mac = first_or_new(l.user, l.terminal_mac, &mut macs, &mut known_mac);
            if (new_ip.is_some() || new_mac.is_some()) && in_interval(l) {
                out.push(Condition {
                    key: ConditionKey::NewLocation {
                        user: l.user.to_owned(),
                        public_ip: new_ip.clone(),
                        terminal_mac: new_mac.clone(),
                    },
                    finding: Finding::NewLocation {
                        user: l.user.to_owned(),
                        public_ip: new_ip,
                        terminal_mac: new_mac,
                    },
                    concerned: Concerned {
                        from: l.start,
                        to: l.start,
                        user: Some(l.user.to_owned()),
                        failed_only: false,
                    },
                });
            }
        }
    }
    out
}

/// `value` when it is new for `user` and not the user's first of its kind; records it.
fn first_or_new<'a>(
    user: &'a str,
    value: &'a str,
    seen: &mut HashSet<(&'a str, &'a str)>,
    users_with_baseline: &mut HashSet<&'a str>,
) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    let had_baseline = !users_with_baseline.insert(user);
    let new = seen.insert((user, value));
    (new && had_baseline).then(|| value.to_owned())
}

/// Which conditions were true at the last evaluation: a condition fires when it becomes true,
/// not while it stays true.
#[derive(Clone, Debug, Default)]
pub struct Hysteresis {
    active: HashSet<ConditionKey>,
}

impl Hysteresis {
    /// The conditions of this evaluation that were not true at the previous one; remembers
    /// which are true now.
    pub fn fire(&mut self, now_true: Vec<Condition>) -> Vec<Condition> {
        let keys: HashSet<ConditionKey> = now_true.iter().map(|c| c.key.clone()).collect();
        let fired = now_true
            .into_iter()
            .filter(|c| !self.active.contains(&c.key))
            .collect();
        self.active = keys;
        fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Logins at minute `i` (start = 60·i): (failed, rtt, user, ip, mac).
    fn logins<'a>(rows: &[(bool, Option<i64>, &'a str, &'a str, &'a str)]) -> Vec<Login<'a>> {
        rows.iter()
            .enumerate()
            .map(|(i, &(failed, rtt, user, ip, mac))| Login {
                row: i as RowId,
                start: 60 * i as i64,
                failed,
                network_rtt_ms: rtt,
                user,
                public_ip: ip,
                terminal_mac: mac,
            })
            .collect()
    }

    fn only(rule: &str) -> AlertRules {
        let mut r = AlertRules::default();
        r.failure_rate.enabled = rule == "rate";
        r.rtt_p95.enabled = rule == "rtt";
        r.failure_streak.enabled = rule == "streak";
        r.new_location.enabled = rule == "new";
        r
    }

    #[test]
    fn failure_rate_needs_enough_logins_and_more_than_the_threshold() {
        let mut rows = vec![(false, None, "u", "", ""); 8];
        rows.extend([(true, None, "v", "", ""); 2]);
        let l = logins(&rows);
        // 2 of 10 = 20 %: not above 20 %.
        assert!(evaluate(&only("rate"), &l, 0, 10_000).is_empty());
        rows[0].0 = true;
        let l = logins(&rows);
        let c = evaluate(&only("rate"), &l, 0, 10_000);
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].finding,
            Finding::FailureRate {
                failures: 3,
                logins: 10,
                above_percent: 20.0
            }
        );
        assert!(c[0].concerned.failed_only);
        // The same 3 failures among 9 logins of the interval: fewer than the 10 required.
        assert!(evaluate(&only("rate"), &l, 60, 10_000).is_empty());
    }

    #[test]
    fn rtt_p95_is_nearest_rank_over_valid_rtts_of_the_interval() {
        // 20 logins: 18 at 100 ms, then 350 and 400; one without an RTT.
        let mut rows: Vec<(bool, Option<i64>, &str, &str, &str)> =
            vec![(false, Some(100), "u", "", ""); 18];
        rows.push((false, Some(350), "u", "", ""));
        rows.push((false, Some(400), "u", "", ""));
        rows.push((false, None, "u", "", ""));
        let l = logins(&rows);
        // rank ceil(0.95 * 20) = 19 → 350 > 300.
        let c = evaluate(&only("rtt"), &l, 0, 100_000);
        assert_eq!(
            c[0].finding,
            Finding::RttP95 {
                p95_ms: 350,
                logins: 20,
                above_ms: 300
            }
        );
        let mut rules = only("rtt");
        rules.rtt_p95.above_ms = 350;
        assert!(
            evaluate(&rules, &l, 0, 100_000).is_empty(),
            "350 is not above 350"
        );
    }

    #[test]
    fn a_streak_counts_the_users_latest_logins_in_order() {
        let l = logins(&[
            (true, None, "ann", "", ""),
            (false, None, "bob", "", ""),
            (true, None, "ann", "", ""),
            (true, None, "bob", "", ""),
            (true, None, "ann", "", ""),
        ]);
        let c = evaluate(&only("streak"), &l, 0, 10_000);
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].finding,
            Finding::Streak {
                user: "ann".into(),
                failures: 3
            }
        );
        assert_eq!((c[0].concerned.from, c[0].concerned.to), (0, 240));
        // The streak's last login is before the interval: nothing new to say.
        assert!(evaluate(&only("streak"), &l, 300, 10_000).is_empty());
        // A success after the failures ends the streak.
        let mut rows = vec![(true, None, "ann", "", ""); 3];
        rows.push((false, None, "ann", "", ""));
        assert!(evaluate(&only("streak"), &logins(&rows), 0, 10_000).is_empty());
    }

    #[test]
    fn a_new_location_is_new_for_that_user_only() {
        let l = logins(&[
            (false, None, "ann", "1.1.1.1", "aa"),
            (false, None, "bob", "2.2.2.2", "bb"),
            // Bob's IP is new for Ann.
            (false, None, "ann", "2.2.2.2", "aa"),
            (false, None, "ann", "1.1.1.1", "cc"),
        ]);
        let c = evaluate(&only("new"), &l, 0, 10_000);
        let findings: Vec<&Finding> = c.iter().map(|c| &c.finding).collect();
        assert_eq!(
            findings,
            [
                &Finding::NewLocation {
                    user: "ann".into(),
                    public_ip: Some("2.2.2.2".into()),
                    terminal_mac: None
                },
                &Finding::NewLocation {
                    user: "ann".into(),
                    public_ip: None,
                    terminal_mac: Some("cc".into())
                },
            ]
        );
        assert!(
            evaluate(&AlertRules::default(), &l, 0, 10_000).is_empty(),
            "off by default"
        );
    }

    #[test]
    fn a_condition_that_stays_true_fires_once_until_it_has_been_false() {
        let failing = logins(&[(true, None, "u", "", ""); 10]);
        let fine = logins(&[(false, None, "u", "", ""); 10]);
        let rules = only("rate");
        let mut h = Hysteresis::default();
        assert_eq!(h.fire(evaluate(&rules, &failing, 0, 10_000)).len(), 1);
        assert_eq!(h.fire(evaluate(&rules, &failing, 0, 10_000)).len(), 0);
        assert_eq!(h.fire(evaluate(&rules, &fine, 0, 10_000)).len(), 0);
        assert_eq!(h.fire(evaluate(&rules, &failing, 0, 10_000)).len(), 1);
    }

    #[test]
    fn settings_read_from_storage_keep_defaults_for_what_is_missing() {
        let r: AlertRules =
            serde_json::from_str(r#"{"rtt_p95":{"above_ms":250},"extra":1}"#).unwrap();
        assert_eq!(r.rtt_p95.above_ms, 250);
        assert!(r.rtt_p95.enabled);
        assert_eq!(r.failure_rate, FailureRateRule::default());
        assert!(!r.new_location.enabled);
    }

    #[test]
    fn every_finding_reads_in_both_languages() {
        let findings = [
            Finding::RttP95 {
                p95_ms: 412,
                logins: 30,
                above_ms: 300,
            },
            Finding::Streak {
                user: "ann".into(),
                failures: 4,
            },
            Finding::NewLocation {
                user: "ann".into(),
                public_ip: Some("2.2.2.2".into()),
                terminal_mac: Some("cc".into()),
            },
        ];
        let en: Vec<String> = findings.iter().map(|f| f.describe(Lang::En)).collect();
        let zh: Vec<String> = findings.iter().map(|f| f.describe(Lang::Zh)).collect();
        assert_eq!(en[0], "Network RTT p95 412 ms over 30 logins, above 300 ms");
        assert_eq!(zh[0], "网络时延 p95 为 412 ms（30 次登录），高于 300 ms");
        assert_eq!(en[1], "ann failed 4 times in a row");
        assert_eq!(zh[1], "ann 连续失败 4 次");
        assert_eq!(en[2], "ann logged in from a new place: 2.2.2.2, cc");
        assert_eq!(zh[2], "ann 从新的位置登录：2.2.2.2, cc");
        assert_eq!(
            findings[2].describe_parts(Lang::Zh),
            [
                ("ann".to_owned(), true),
                (" 从新的位置登录：".to_owned(), false),
                ("2.2.2.2, cc".to_owned(), true),
            ]
        );
        // A name holding the markers cannot cut the sentence elsewhere.
        let odd = Finding::Streak {
            user: "a\u{2}b\u{1}".into(),
            failures: 3,
        };
        assert_eq!(odd.describe(Lang::En), "ab failed 3 times in a row");
        for f in &findings {
            assert!(f
                .describe_parts(Lang::En)
                .iter()
                .all(|(t, _)| !t.is_empty()));
        }
    }

    #[test]
    fn a_new_location_keeps_its_key_when_rows_are_renumbered() {
        let mut l = logins(&[
            (false, None, "ann", "1.1.1.1", "aa"),
            (false, None, "ann", "2.2.2.2", "aa"),
        ]);
        let rules = only("new");
        let mut h = Hysteresis::default();
        assert_eq!(h.fire(evaluate(&rules, &l, 0, 10_000)).len(), 1);
        // The window slid: an older row left and these two were renumbered.
        for login in &mut l {
            login.row += 7;
        }
        let again = evaluate(&rules, &l, 0, 10_000);
        assert_eq!(
            again[0].key,
            ConditionKey::NewLocation {
                user: "ann".into(),
                public_ip: Some("2.2.2.2".into()),
                terminal_mac: None
            }
        );
        assert!(
            h.fire(again).is_empty(),
            "the same login does not fire twice"
        );
    }

    #[test]
    fn show_logins_filters_the_table_to_the_logins_a_condition_counted() {
        use crate::records::columns::BandThresholds;
        use crate::records::filter::filter_rows;
        use crate::records::record::{Record, Timestamp};
        use crate::records::table::RecordTable;
        use crate::watch::refresh::logins as table_logins;
        // Minute i: ann fails at 0, 2, 4; bob succeeds at 1, 3; ann succeeds at 5 (after).
        let table = RecordTable::from_records((0..6).map(|i| Record {
            transaction_id: Some(format!("tx-{i}")),
            user_name: Some(if i % 2 == 1 { "bob" } else { "ann" }.into()),
            connection_start_time: Some(Timestamp::parse(&format!("2024-01-15T08:0{i}:00Z"))),
            connection_failure_reason: (i % 2 == 0 && i < 5).then(|| "timeout".into()),
            ..Record::default()
        }));
        let t0 = 1_705_305_600; // 08:00Z
        let mut rules = only("rate");
        rules.failure_rate.min_logins = 4;
        let history = table_logins(&table);
        let rate = &evaluate(&rules, &history, t0, t0 + 240)[0];
        let shown = filter_rows(&table, &rate.concerned.filter(), &BandThresholds::default());
        assert_eq!(shown, [0, 2, 4], "the failures of the interval");
        let mut streak = only("streak");
        streak.failure_streak.failures = 2;
        let history: Vec<Login> = history.into_iter().filter(|l| l.start < t0 + 300).collect();
        let c = &evaluate(&streak, &history, t0, t0 + 240)[0];
        let shown = filter_rows(&table, &c.concerned.filter(), &BandThresholds::default());
        assert_eq!(shown, [0, 2, 4], "ann's failures in a row");
    }
}
