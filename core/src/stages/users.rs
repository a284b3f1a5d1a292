//! Who and which logins a phase concerns, across the analyzed logins: the users whose logins
//! spend the most time in each phase, and the logins where a phase was the slowest or failed
//! (what a click on a phase filters the table to).

use std::collections::{BTreeMap, HashMap};

use super::answer::{Phase, StagesAnswer};

/// One user's time in one phase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserPhaseTime {
    pub user: String,
    /// The sum of the phase's known durations over the user's analyzed logins, in ms.
    pub total_ms: i64,
    /// Logins of the user in which the phase occurred with a known duration.
    pub logins: usize,
}

/// The users who spend the most time in one phase, most first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseUsers {
    pub phase: Phase,
    pub users: Vec<UserPhaseTime>,
}

/// Per phase (in [`Phase`] order), the `per_phase` users with the most time in it, most first
/// (ties by name). `logins` are (user name, answer) pairs; a stage without a phase or a known
/// duration counts for no one, never as zero.
///
/// ```
/// use logins_core::stages::{parse_stages, top_users_by_phase};
/// let slow = parse_stages(r#"{"stages":[{"stage":"CONNECT","duration":9000}]}"#).unwrap();
/// let fast = parse_stages(r#"{"stages":[{"stage":"CONNECT","duration":100}]}"#).unwrap();
/// let top = top_users_by_phase([("ann", &fast), ("bo", &slow), ("ann", &fast)], 5);
/// let users: Vec<_> = top[0].users.iter().map(|u| (u.user.as_str(), u.total_ms, u.logins)).collect();
/// assert_eq!(users, [("bo", 9000, 1), ("ann", 200, 2)]);
/// ```
pub fn top_users_by_phase<'a>(
    logins: impl IntoIterator<Item = (&'a str, &'a StagesAnswer)>,
    per_phase: usize,
) -> Vec<PhaseUsers> {
    let mut by_phase: BTreeMap<Phase, HashMap<&'a str, (i64, usize)>> = BTreeMap::new();
    for (user, answer) in logins {
        for stage in &answer.stages {
            let (Some(phase), Some(ms)) = (&stage.phase, stage.duration()) else {
                continue;
            };
            let entry = by_phase
                .entry(phase.clone())
                .or_default()
                .entry(user)
                .or_default();
            entry.0 = entry.0.saturating_add(ms);
            entry.1 += 1;
        }
    }
    by_phase
        .into_iter()
        .map(|(phase, users)| {
            let mut users: Vec<UserPhaseTime> = users
                .into_iter()
                .map(|(user, (total_ms, logins))| UserPhaseTime {
                    user: user.to_owned(),
                    total_ms,
                    logins,
                })
                .collect();
            users.sort_by(|a, b| {
                b.total_ms
                    .cmp(&a.total_ms)
                    .then_with(|| a.user.cmp(&b.user))
            });
            users.truncate(per_phase);
            PhaseUsers { phase, users }
        })
        .collect()
}

/// The transaction IDs of the logins in which `phase` was the slowest or failed. `logins` are
/// (transaction ID, answer) pairs, e.g. [`super::StagesAnalysis::analyzed`].
///
/// ```
/// use logins_core::stages::{parse_stages, logins_slowest_or_failed_in, Phase};
/// let a = parse_stages(r#"{"stages":[{"stage":"LOGIN","duration":5},{"stage":"CONNECT","duration":900}]}"#).unwrap();
/// let b = parse_stages(r#"{"stages":[{"stage":"LOGIN","duration":50,"is_success":false},{"stage":"CONNECT","duration":90}]}"#).unwrap();
/// assert_eq!(logins_slowest_or_failed_in([("a", &a), ("b", &b)], &Phase::Connect), ["a", "b"]);
/// assert_eq!(logins_slowest_or_failed_in([("a", &a), ("b", &b)], &Phase::Login), ["b"]);
/// ```
pub fn logins_slowest_or_failed_in<'a>(
    logins: impl IntoIterator<Item = (&'a str, &'a StagesAnswer)>,
    phase: &Phase,
) -> Vec<String> {
    logins
        .into_iter()
        .filter(|(_, answer)| {
            let slowest = answer.slowest().and_then(|s| s.phase.as_ref()) == Some(phase);
            slowest
                || answer
                    .stages
                    .iter()
                    .any(|s| s.failed() && s.phase.as_ref() == Some(phase))
        })
        .map(|(id, _)| id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::answer::Stage;

    fn answer(stages: &[(Phase, Option<i64>, bool)]) -> StagesAnswer {
        StagesAnswer {
            stages: stages
                .iter()
                .map(|(phase, ms, failed)| Stage {
                    phase: Some(phase.clone()),
                    duration_ms: *ms,
                    is_success: Some(!failed),
                    ..Stage::default()
                })
                .collect(),
            ..StagesAnswer::default()
        }
    }

    #[test]
    fn users_are_ranked_by_their_total_time_in_each_phase_by_hand() {
        use Phase::*;
        let a1 = answer(&[(Login, Some(100), false), (Connect, Some(4000), false)]);
        let a2 = answer(&[(Login, Some(300), false), (Connect, None, false)]);
        let b1 = answer(&[(Login, Some(350), false), (Connect, Some(1000), true)]);
        let c1 = answer(&[(Login, Some(400), false), (MfaAuth, Some(20), false)]);
        let unnamed = StagesAnswer {
            stages: vec![Stage {
                duration_ms: Some(99_999),
                ..Stage::default()
            }],
            ..StagesAnswer::default()
        };
        let logins = [
            ("ann", &a1),
            ("ann", &a2),
            ("bo", &b1),
            ("cy", &c1),
            ("dee", &unnamed),
        ];
        let top = top_users_by_phase(logins, 2);
        let phases: Vec<_> = top.iter().map(|p| p.phase.clone()).collect();
        assert_eq!(phases, [Login, Connect, MfaAuth]);
        let rows = |i: usize| -> Vec<(String, i64, usize)> {
            top[i]
                .users
                .iter()
                .map(|u| (u.user.clone(), u.total_ms, u.logins))
                .collect()
        };
        // LOGIN: ann 100 + 300 = 400 over 2 logins, cy 400 over 1 (tie: by name), bo 350 cut.
        assert_eq!(rows(0), [("ann".into(), 400, 2), ("cy".into(), 400, 1)]);
        // CONNECT: ann's unknown duration is not a zero and not a login with the phase timed.
        assert_eq!(rows(1), [("ann".into(), 4000, 1), ("bo".into(), 1000, 1)]);
        assert_eq!(rows(2), [("cy".into(), 20, 1)]);
        assert!(top_users_by_phase([], 3).is_empty());
    }

    #[test]
    fn a_phase_concerns_the_logins_where_it_was_slowest_or_failed() {
        use Phase::*;
        let slow_connect = answer(&[(Login, Some(1), false), (Connect, Some(9), false)]);
        let failed_fast_login = answer(&[(Login, Some(1), true), (Connect, Some(9), false)]);
        let slow_login = answer(&[(Login, Some(10), false), (Connect, Some(9), false)]);
        let nothing = StagesAnswer::default();
        let logins = [
            ("t1", &slow_connect),
            ("t2", &failed_fast_login),
            ("t3", &slow_login),
            ("t4", &nothing),
        ];
        assert_eq!(logins_slowest_or_failed_in(logins, &Login), ["t2", "t3"]);
        assert_eq!(logins_slowest_or_failed_in(logins, &Connect), ["t1", "t2"]);
        assert!(logins_slowest_or_failed_in(logins, &MfaAuth).is_empty());
    }
}
