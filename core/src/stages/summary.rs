//! Across the analyzed logins: per phase, how often it occurred, its p50/p95/max duration
//! (nearest-rank, [`crate::stats::percentile`]), how often it failed, and in how many logins it
//! was the slowest (one login's "Slowest phase" cell is `names::slowest_phase_cell`).

use std::collections::BTreeMap;

use super::answer::{Phase, StagesAnswer};
use crate::stats::percentile;

/// One phase across the analyzed logins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseSummary {
    pub phase: Phase,
    /// Stages of this phase received.
    pub count: usize,
    /// Of those, stages with a known duration (the percentiles' sample size).
    pub timed: usize,
    pub p50_ms: Option<i64>,
    pub p95_ms: Option<i64>,
    pub max_ms: Option<i64>,
    /// Stages of this phase that failed.
    pub failures: usize,
    /// Logins in which this phase took the longest.
    pub slowest_in: usize,
}

/// The phases of many logins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhaseBreakdown {
    /// Known phases in their order, then other names alphabetically.
    pub phases: Vec<PhaseSummary>,
    /// Answers summarized.
    pub logins: usize,
    /// Answers with no stage at all (the API knew nothing of that login).
    pub logins_without_stages: usize,
    /// Stages without a usable name: counted here, in no phase.
    pub unnamed_stages: usize,
}

#[derive(Default)]
struct Tally {
    count: usize,
    durations: Vec<i64>,
    failures: usize,
    slowest_in: usize,
}

/// Summarizes `answers` (e.g. [`super::StagesAnalysis::answers`]).
///
/// ```
/// use logins_core::stages::{parse_stages, summarize, Phase};
/// let a = parse_stages(r#"{"stages":[{"stage":"LOGIN","duration":100},{"stage":"CONNECT","duration":900}]}"#).unwrap();
/// let b = parse_stages(r#"{"stages":[{"stage":"LOGIN","duration":300},{"stage":"CONNECT","duration":200}]}"#).unwrap();
/// let breakdown = summarize([&a, &b]);
/// let login = &breakdown.phases[0];
/// assert_eq!((login.phase.clone(), login.p50_ms, login.max_ms, login.slowest_in), (Phase::Login, Some(100), Some(300), 1));
/// ```
pub fn summarize<'a>(answers: impl IntoIterator<Item = &'a StagesAnswer>) -> PhaseBreakdown {
    let mut tallies: BTreeMap<Phase, Tally> = BTreeMap::new();
    let mut breakdown = PhaseBreakdown::default();
    for answer in answers {
        breakdown.logins += 1;
        if answer.stages.is_empty() {
            breakdown.logins_without_stages += 1;
        }
        for stage in &answer.stages {
            let Some(phase) = &stage.phase else {
                breakdown.unnamed_stages += 1;
                continue;
            };
            let tally = tallies.entry(phase.clone()).or_default();
            tally.count += 1;
            if let Some(ms) = stage.duration() {
                tally.durations.push(ms);
            }
            if stage.failed() {
                tally.failures += 1;
            }
        }
        if let Some(phase) = answer.slowest().and_then(|s| s.phase.as_ref()) {
            tallies.entry(phase.clone()).or_default().slowest_in += 1;
        }
    }
    breakdown.phases = tallies
        .into_iter()
        .map(|(phase, mut tally)| {
            tally.durations.sort_unstable();
            let sorted = &tally.durations;
            PhaseSummary {
                phase,
                count: tally.count,
                timed: sorted.len(),
                p50_ms: percentile(sorted, 50.0),
                p95_ms: percentile(sorted, 95.0),
                max_ms: sorted.last().copied(),
                failures: tally.failures,
                slowest_in: tally.slowest_in,
            }
        })
        .collect();
    breakdown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::answer::Stage;

    fn stage(phase: Phase, duration: Option<i64>, failed: bool) -> Stage {
        Stage {
            phase: Some(phase),
            duration_ms: duration,
            is_success: Some(!failed),
            ..Stage::default()
        }
    }

    fn login(stages: Vec<Stage>) -> StagesAnswer {
        StagesAnswer {
            stages,
            ..StagesAnswer::default()
        }
    }

    #[test]
    fn percentiles_by_hand() {
        // CONNECT durations over 20 logins: 100, 200, ..., 2000 ms.
        // p50: rank ceil(0.50 * 20) = 10 -> 1000; p95: rank ceil(0.95 * 20) = 19 -> 1900.
        // LOGIN: 50 in every login, except one where it is unknown (not counted as 0) and one
        // where it failed after 5000 ms, the slowest phase of that login.
        let mut answers: Vec<StagesAnswer> = (1..=20)
            .map(|i| {
                login(vec![
                    stage(Phase::Login, Some(50), false),
                    stage(Phase::Connect, Some(i * 100), false),
                ])
            })
            .collect();
        answers[0].stages[0].duration_ms = None;
        answers[1].stages[0] = stage(Phase::Login, Some(5000), true);
        answers.push(login(vec![]));
        answers.push(login(vec![
            Stage::default(),
            stage(Phase::Other("VPN".into()), Some(7), false),
        ]));
        let b = summarize(&answers);
        assert_eq!(
            (b.logins, b.logins_without_stages, b.unnamed_stages),
            (22, 1, 1)
        );
        let names: Vec<_> = b.phases.iter().map(|p| p.phase.api_name()).collect();
        assert_eq!(names, ["LOGIN", "CONNECT", "VPN"]);
        let login_phase = &b.phases[0];
        assert_eq!(
            (login_phase.count, login_phase.timed, login_phase.failures),
            (20, 19, 1)
        );
        // 18 × 50 and one 5000: p50 = 50, p95 rank ceil(0.95 * 19) = 19 -> 5000.
        assert_eq!(
            (login_phase.p50_ms, login_phase.p95_ms, login_phase.max_ms),
            (Some(50), Some(5000), Some(5000))
        );
        let connect = &b.phases[1];
        assert_eq!(
            (
                connect.count,
                connect.timed,
                connect.p50_ms,
                connect.p95_ms,
                connect.max_ms
            ),
            (20, 20, Some(1000), Some(1900), Some(2000))
        );
        // Slowest: CONNECT in 19 logins (in the first, 100 ms beats an unknown LOGIN), LOGIN
        // in one, VPN in the last.
        assert_eq!(
            (
                connect.slowest_in,
                login_phase.slowest_in,
                b.phases[2].slowest_in
            ),
            (19, 1, 1)
        );
    }

    #[test]
    fn nothing_analyzed_is_an_empty_breakdown_not_zeros() {
        let b = summarize(std::iter::empty());
        assert!(b.phases.is_empty());
        assert_eq!(b.logins, 0);
    }
}
