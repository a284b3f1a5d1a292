//! "Analyze logon phases": the access stages of many logins, one request per transaction ID,
//! within the API's rate limit. Sans-IO like [`crate::paging::FetchAll`]: the driver asks what
//! to do next, performs the request, and reports the answer; the time comes in as milliseconds
//! of a monotonic clock.
//!
//! The rules:
//! - the IDs are analyzed in the order given (newest login first), up to a cap;
//! - at most [`MAX_STARTS_PER_SECOND`] requests start in any second and at most
//!   [`MAX_IN_FLIGHT`] are in flight (DESIGN.md; the API allows 200 a minute);
//! - 429, 5xx, network errors and cut-off bodies are retried with full-jitter backoff
//!   ([`crate::paging::RetryPolicy`]); a retry keeps its slot and counts as a start;
//! - 401 and 403 are never retried: they stop this analysis (nothing else) until Resume;
//! - Cancel stops handing out requests; Resume analyzes each login not yet analyzed once (and
//!   tries the failed ones again).
//!
//! ```
//! use logins_core::stages::{StagesAnalysis, Next, StagesAnswer};
//! let mut analysis = StagesAnalysis::new(["tx1", "tx2", "tx3", "tx4"].map(String::from), 500);
//! let mut now = 0;
//! let mut starts = Vec::new();
//! loop {
//!     match analysis.next(now) {
//!         Next::Send(job) => {
//!             starts.push(now);
//!             // A real driver fetches here; this one answers at once.
//!             analysis.on_answer(&job, StagesAnswer::default());
//!         }
//!         Next::WaitUntil(t) => now = t,
//!         Next::Idle => unreachable!("nothing is in flight"),
//!         Next::Finished => break,
//!     }
//! }
//! assert_eq!(starts, [0, 0, 0, 1000]); // three a second
//! assert_eq!(analysis.progress().analyzed, 4);
//! ```

use std::collections::HashMap;

use super::answer::StagesAnswer;
use super::rate::StartRate;
use crate::paging::{FailureKind, RetryPolicy};

/// At most this many requests start in any one-second window.
pub const MAX_STARTS_PER_SECOND: usize = 3;
/// At most this many requests are in flight (a retry waiting for its turn holds its slot).
pub const MAX_IN_FLIGHT: usize = 2;
/// How many logins an analysis covers unless the user sets another cap.
pub const DEFAULT_CAP: usize = 500;
/// The largest cap: 5,000 logins take about 28 minutes at 3 a second.
pub const MAX_CAP: usize = 5_000;

/// One request to make: the stages of `transaction_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageJob {
    /// The login's position in the analysis (0 is the newest).
    pub index: usize,
    pub transaction_id: String,
    /// 1 for the first try, 2 for the first retry, ...
    pub attempt: u32,
}

/// What the driver does next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next {
    /// Send this request now, then ask again.
    Send(StageJob),
    /// Nothing may start before this time (ms): ask again then, or when an answer arrives.
    WaitUntil(u64),
    /// Everything allowed is in flight: ask again when an answer arrives.
    Idle,
    /// Nothing is pending or in flight: the analysis is complete, cancelled or stopped.
    Finished,
}

/// What became of a failed request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterFailure {
    /// Tried again once the backoff has passed ([`StagesAnalysis::next`] hands it out).
    RetryScheduled { at_ms: u64 },
    /// Given up on this login (a 4xx other than 401/403, or the retries ran out); the others
    /// go on, and Resume tries it again.
    Failed,
    /// 401/403 (or a blocked local network): the analysis stopped; abort what is in flight.
    Stopped,
    /// The request was no longer in flight (cancelled, already answered): nothing changed.
    Ignored,
}

/// What is known of one login's phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginPhases<'a> {
    /// Not (yet) analyzed: shown as "not analyzed", never as zero.
    NotAnalyzed,
    /// The request failed for good.
    Failed(FailureKind),
    Analyzed(&'a StagesAnswer),
}

/// Counts for the progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StagesProgress {
    /// Logins in the analysis (after the cap).
    pub total: usize,
    pub analyzed: usize,
    pub failed: usize,
    /// Not analyzed yet: waiting, in flight, or waiting for a retry.
    pub remaining: usize,
    pub in_flight: usize,
    /// Why the analysis stopped (401/403), until Resume.
    pub stopped: Option<FailureKind>,
    /// Cancelled or stopped: nothing starts until Resume.
    pub paused: bool,
}

#[derive(Clone, Debug)]
enum State {
    Pending,
    InFlight,
    /// Failed, to be tried again at this time; holds its in-flight slot meanwhile.
    RetryAt(u64),
    Analyzed(StagesAnswer),
    Failed(FailureKind),
}

#[derive(Clone, Debug)]
struct Login {
    transaction_id: String,
    state: State,
    /// Failed tries since the login was last (re)scheduled.
    attempts: u32,
    /// When its latest request was handed out (ms), for [`StagesAnalysis::on_sent`].
    handed_out_ms: u64,
}

/// The analysis engine. See the module docs.
#[derive(Clone, Debug)]
pub struct StagesAnalysis {
    logins: Vec<Login>,
    by_id: HashMap<String, usize>,
    rate: StartRate,
    max_in_flight: usize,
    policy: RetryPolicy,
    paused: bool,
    stopped: Option<FailureKind>,
}

impl StagesAnalysis {
    /// An analysis of `transaction_ids` (newest first), the first `cap` distinct ones (`cap`
    /// clamped to 1..=[`MAX_CAP`]), with the rate limits and retry policy above.
    pub fn new(transaction_ids: impl IntoIterator<Item = String>, cap: usize) -> Self {
        Self::with_limits(
            transaction_ids,
            cap,
            StartRate::new(MAX_STARTS_PER_SECOND, 1000),
            MAX_IN_FLIGHT,
            RetryPolicy::default(),
        )
    }

    /// As [`StagesAnalysis::new`] with other limits (tests, benchmarks).
    pub fn with_limits(
        transaction_ids: impl IntoIterator<Item = String>,
        cap: usize,
        rate: StartRate,
        max_in_flight: usize,
        policy: RetryPolicy,
    ) -> Self {
        let cap = cap.clamp(1, MAX_CAP);
        let mut logins = Vec::new();
        let mut by_id = HashMap::new();
        for id in transaction_ids {
            if logins.len() == cap {
                break;
            }
            if by_id.contains_key(&id) {
                continue;
            }
            by_id.insert(id.clone(), logins.len());
            logins.push(Login {
                transaction_id: id,
                state: State::Pending,
                attempts: 0,
                handed_out_ms: 0,
            });
        }
        StagesAnalysis {
            logins,
            by_id,
            rate,
            max_in_flight: max_in_flight.max(1),
            policy,
            paused: false,
            stopped: None,
        }
    }

    /// What to do at `now_ms`. A retry that is due goes first, then the next login in order.
    pub fn next(&mut self, now_ms: u64) -> Next {
        if self.paused {
            return if self.in_flight() > 0 {
                Next::Idle
            } else {
                Next::Finished
            };
        }
        let due_retry = self
            .logins
            .iter()
            .position(|l| matches!(l.state, State::RetryAt(t) if t <= now_ms));
        let candidate = due_retry.or_else(|| {
            (self.in_flight() < self.max_in_flight)
                .then(|| {
                    self.logins
                        .iter()
                        .position(|l| matches!(l.state, State::Pending))
                })
                .flatten()
        });
        if let Some(index) = candidate {
            let allowed = self.rate.next_allowed(now_ms);
            if allowed > now_ms {
                return Next::WaitUntil(allowed);
            }
            let recorded = self.rate.record(now_ms);
            let login = &mut self.logins[index];
            login.state = State::InFlight;
            login.handed_out_ms = recorded;
            return Next::Send(StageJob {
                index,
                transaction_id: login.transaction_id.clone(),
                attempt: login.attempts + 1,
            });
        }
        let next_retry = self
            .logins
            .iter()
            .filter_map(|l| match l.state {
                State::RetryAt(t) => Some(t),
                _ => None,
            })
            .min();
        match next_retry {
            Some(t) => Next::WaitUntil(t),
            None if self.in_flight() > 0 => Next::Idle,
            None => Next::Finished,
        }
    }

    /// Says that `job`'s request really went out at `sent_ms`, later than it was handed out
    /// (a browser runs it when its main thread is free): the rate limit counts it from then, so
    /// it holds for the times requests are sent. Call before the driver asks [`Self::next`]
    /// again.
    pub fn on_sent(&mut self, job: &StageJob, sent_ms: u64) {
        if let Some(login) = self.logins.get(job.index) {
            if matches!(login.state, State::InFlight) {
                self.rate.delay(login.handed_out_ms, sent_ms);
            }
        }
    }

    /// Records the answer of `job`. An answer that arrives after Cancel is kept too, so that
    /// login is not asked again.
    pub fn on_answer(&mut self, job: &StageJob, answer: StagesAnswer) {
        if let Some(login) = self.logins.get_mut(job.index) {
            if !matches!(login.state, State::Analyzed(_)) {
                login.state = State::Analyzed(answer);
                login.attempts = 0;
            }
        }
    }

    /// Records a failed try of `job` at `now_ms`; `unit_random` in `[0, 1)` jitters the backoff.
    pub fn on_failure(
        &mut self,
        job: &StageJob,
        failure: FailureKind,
        now_ms: u64,
        unit_random: f64,
    ) -> AfterFailure {
        let Some(login) = self.logins.get_mut(job.index) else {
            return AfterFailure::Ignored;
        };
        if !matches!(login.state, State::InFlight) {
            // Cancelled or already answered; refused credentials still stop the analysis.
            if failure.stops_run() {
                self.stop(failure);
                return AfterFailure::Stopped;
            }
            return AfterFailure::Ignored;
        }
        login.attempts = login.attempts.saturating_add(1).max(job.attempt);
        if failure.stops_run() {
            login.state = State::Failed(failure);
            self.stop(failure);
            return AfterFailure::Stopped;
        }
        if failure == FailureKind::Aborted {
            login.state = State::Pending;
            return AfterFailure::Ignored;
        }
        if failure.is_retryable() && login.attempts < self.policy.max_attempts {
            let at_ms = now_ms.saturating_add(self.policy.delay_ms(login.attempts, unit_random));
            login.state = State::RetryAt(at_ms);
            return AfterFailure::RetryScheduled { at_ms };
        }
        login.state = State::Failed(failure);
        AfterFailure::Failed
    }

    /// Stops handing out requests. Requests in flight or waiting for a retry become "not
    /// analyzed"; the driver aborts its fetches.
    pub fn cancel(&mut self) {
        self.paused = true;
        for login in &mut self.logins {
            if matches!(login.state, State::InFlight | State::RetryAt(_)) {
                login.state = State::Pending;
            }
        }
    }

    /// Goes on after Cancel or a stop: every login not analyzed, failed ones included, is
    /// analyzed once more, with a fresh retry budget. The rate limit remembers the starts
    /// before, so a quick Cancel and Resume cannot exceed it.
    pub fn resume(&mut self) {
        self.paused = false;
        self.stopped = None;
        for login in &mut self.logins {
            if matches!(login.state, State::Failed(_)) {
                login.state = State::Pending;
            }
            if matches!(login.state, State::Pending) {
                login.attempts = 0;
            }
        }
    }

    /// Counts for the progress bar.
    pub fn progress(&self) -> StagesProgress {
        let mut p = StagesProgress {
            total: self.logins.len(),
            stopped: self.stopped,
            paused: self.paused,
            ..StagesProgress::default()
        };
        for login in &self.logins {
            match login.state {
                State::Analyzed(_) => p.analyzed += 1,
                State::Failed(_) => p.failed += 1,
                State::InFlight | State::RetryAt(_) => {
                    p.in_flight += 1;
                    p.remaining += 1;
                }
                State::Pending => p.remaining += 1,
            }
        }
        p
    }

    /// What is known of the login with this transaction ID; a login outside the analysis
    /// (beyond the cap, never asked) is not analyzed.
    pub fn phases_of(&self, transaction_id: &str) -> LoginPhases<'_> {
        self.by_id
            .get(transaction_id)
            .map_or(LoginPhases::NotAnalyzed, |&i| self.phases_at(i))
    }

    /// What is known of the login at `index`.
    pub fn phases_at(&self, index: usize) -> LoginPhases<'_> {
        match self.logins.get(index).map(|l| &l.state) {
            Some(State::Analyzed(answer)) => LoginPhases::Analyzed(answer),
            Some(State::Failed(kind)) => LoginPhases::Failed(*kind),
            _ => LoginPhases::NotAnalyzed,
        }
    }

    /// The answers received so far, in the analysis' order.
    pub fn answers(&self) -> impl Iterator<Item = &StagesAnswer> + '_ {
        self.logins.iter().filter_map(|l| match &l.state {
            State::Analyzed(answer) => Some(answer),
            _ => None,
        })
    }

    /// The analyzed logins so far as (transaction ID, answer), in the analysis' order.
    pub fn analyzed(&self) -> impl Iterator<Item = (&str, &StagesAnswer)> + '_ {
        self.logins.iter().filter_map(|l| match &l.state {
            State::Analyzed(answer) => Some((l.transaction_id.as_str(), answer)),
            _ => None,
        })
    }

    fn in_flight(&self) -> usize {
        self.logins
            .iter()
            .filter(|l| matches!(l.state, State::InFlight | State::RetryAt(_)))
            .count()
    }

    fn stop(&mut self, failure: FailureKind) {
        self.stopped = Some(failure);
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("tx{i}")).collect()
    }

    /// Sends everything `next` allows at `now`.
    fn start_all(a: &mut StagesAnalysis, now: u64) -> Vec<StageJob> {
        let mut jobs = Vec::new();
        while let Next::Send(job) = a.next(now) {
            jobs.push(job);
        }
        jobs
    }

    #[test]
    fn a_request_sent_late_pushes_the_next_start_back() {
        let run = |sent_at: Option<u64>| {
            let mut a = StagesAnalysis::new(ids(10), 500);
            let first = start_all(&mut a, 0);
            if let Some(t) = sent_at {
                // The two handed out at 0 went out later (the main thread was busy).
                a.on_sent(&first[0], t);
                a.on_sent(&first[1], t);
            }
            a.on_answer(&first[0], StagesAnswer::default());
            let third = start_all(&mut a, 300);
            assert_eq!(third.len(), 1);
            a.on_answer(&first[1], StagesAnswer::default());
            a.on_answer(&third[0], StagesAnswer::default());
            a.next(400)
        };
        assert_eq!(run(None), Next::WaitUntil(1000));
        assert_eq!(run(Some(250)), Next::WaitUntil(1250));
        // An answer already in does not move anything.
        let mut a = StagesAnalysis::new(ids(4), 500);
        let first = start_all(&mut a, 0);
        a.on_answer(&first[0], StagesAnswer::default());
        a.on_sent(&first[0], 900);
        a.on_sent(&first[1], 0);
        assert!(matches!(a.next(1), Next::Send(_)));
        assert_eq!(a.next(2), Next::Idle);
    }

    #[test]
    fn the_cap_keeps_the_newest_distinct_ids() {
        let mut given = ids(10);
        given.insert(1, "tx0".into());
        let a = StagesAnalysis::new(given, 4);
        assert_eq!(a.progress().total, 4);
        assert_eq!(a.phases_of("tx3"), LoginPhases::NotAnalyzed);
        assert!(a.by_id.contains_key("tx3") && !a.by_id.contains_key("tx4"));
        assert_eq!(
            StagesAnalysis::new(ids(6000), 9_999).progress().total,
            MAX_CAP
        );
        assert_eq!(StagesAnalysis::new(ids(3), 0).progress().total, 1);
    }

    #[test]
    fn two_in_flight_then_three_starts_a_second() {
        let mut a = StagesAnalysis::new(ids(10), 500);
        let first = start_all(&mut a, 0);
        assert_eq!(first.len(), 2, "two in flight");
        assert_eq!(a.next(0), Next::Idle);
        a.on_answer(&first[0], StagesAnswer::default());
        let third = start_all(&mut a, 10);
        assert_eq!(third.len(), 1);
        a.on_answer(&first[1], StagesAnswer::default());
        a.on_answer(&third[0], StagesAnswer::default());
        // Three started within the first second: the fourth waits for the first to leave it.
        assert_eq!(a.next(20), Next::WaitUntil(1000));
        // At 1000 the two starts at 0 have left the window: two more may start (10, 1000, 1000).
        assert_eq!(start_all(&mut a, 1000).len(), 2);
        assert_eq!(
            first
                .iter()
                .map(|j| j.transaction_id.as_str())
                .collect::<Vec<_>>(),
            ["tx0", "tx1"]
        );
    }

    #[test]
    fn throttling_is_retried_with_backoff_and_keeps_its_slot() {
        let mut a = StagesAnalysis::new(ids(3), 500);
        let jobs = start_all(&mut a, 0);
        let after = a.on_failure(&jobs[0], FailureKind::Status(429), 100, 0.5);
        // Full jitter: 0.5 of the first ceiling (500 ms).
        assert_eq!(after, AfterFailure::RetryScheduled { at_ms: 350 });
        // The retry holds its slot: no third login starts meanwhile.
        assert_eq!(a.next(200), Next::WaitUntil(350));
        let Next::Send(retry) = a.next(350) else {
            panic!("the retry is due")
        };
        assert_eq!((retry.index, retry.attempt), (0, 2));
        assert_eq!(a.progress().in_flight, 2);
        for kind in [
            FailureKind::Status(503),
            FailureKind::Network,
            FailureKind::Truncated,
        ] {
            assert!(matches!(
                a.on_failure(&retry, kind, 400, 0.0),
                AfterFailure::RetryScheduled { .. }
            ));
            let Next::Send(_) = a.next(1400) else {
                panic!("due")
            };
        }
        // The fifth failure gives up on that login only.
        let job = StageJob {
            attempt: 5,
            ..retry
        };
        assert_eq!(
            a.on_failure(&job, FailureKind::Status(500), 2000, 0.0),
            AfterFailure::Failed
        );
        assert_eq!(
            a.phases_at(0),
            LoginPhases::Failed(FailureKind::Status(500))
        );
        assert_eq!(a.progress().failed, 1);
        // Three starts at 1400: the others go on once they leave the window.
        assert_eq!(a.next(2000), Next::WaitUntil(2400));
        assert!(matches!(
            a.next(2400),
            Next::Send(StageJob { index: 2, .. })
        ));
    }

    #[test]
    fn a_403_stops_this_analysis_without_a_retry_and_resume_goes_on() {
        for status in [401, 403] {
            let mut a = StagesAnalysis::new(ids(5), 500);
            let jobs = start_all(&mut a, 0);
            assert_eq!(
                a.on_failure(&jobs[0], FailureKind::Status(status), 50, 0.0),
                AfterFailure::Stopped
            );
            assert_eq!(a.next(5000), Next::Finished, "nothing more is sent");
            // The other request's abort changes nothing.
            assert_eq!(
                a.on_failure(&jobs[1], FailureKind::Aborted, 60, 0.0),
                AfterFailure::Ignored
            );
            let p = a.progress();
            assert_eq!(
                (
                    p.analyzed,
                    p.failed,
                    p.remaining,
                    p.in_flight,
                    p.stopped,
                    p.paused
                ),
                (0, 1, 4, 0, Some(FailureKind::Status(status)), true)
            );
            a.resume();
            let again = start_all(&mut a, 5000);
            assert_eq!(
                again
                    .iter()
                    .map(|j| (j.index, j.attempt))
                    .collect::<Vec<_>>(),
                [(0, 1), (1, 1)]
            );
        }
    }

    #[test]
    fn other_client_errors_fail_that_login_only() {
        let mut a = StagesAnalysis::new(ids(3), 500);
        let jobs = start_all(&mut a, 0);
        assert_eq!(
            a.on_failure(&jobs[0], FailureKind::Status(404), 1, 0.0),
            AfterFailure::Failed
        );
        assert_eq!(
            a.on_failure(&jobs[1], FailureKind::Status(400), 1, 0.0),
            AfterFailure::Failed
        );
        assert!(matches!(a.next(2), Next::Send(StageJob { index: 2, .. })));
    }

    #[test]
    fn cancel_then_resume_analyzes_each_remaining_login_once() {
        let mut a = StagesAnalysis::new(ids(8), 500);
        let mut sent: Vec<usize> = Vec::new();
        let mut now = 0;
        let first = start_all(&mut a, now);
        a.on_answer(&first[0], StagesAnswer::default());
        sent.extend(first.iter().map(|j| j.index));
        a.cancel();
        assert_eq!(a.next(now), Next::Finished);
        // The aborted fetch reports; the late answer of another would be kept.
        assert_eq!(
            a.on_failure(&first[1], FailureKind::Aborted, now, 0.0),
            AfterFailure::Ignored
        );
        assert_eq!(a.progress().remaining, 7);
        a.resume();
        loop {
            match a.next(now) {
                Next::Send(job) => {
                    sent.push(job.index);
                    a.on_answer(&job, StagesAnswer::default());
                }
                Next::WaitUntil(t) => now = t,
                Next::Idle => unreachable!(),
                Next::Finished => break,
            }
        }
        // Index 1 was cancelled in flight, so it is sent twice; every other once.
        let mut counts = [0; 8];
        for i in sent {
            counts[i] += 1;
        }
        assert_eq!(counts, [1, 2, 1, 1, 1, 1, 1, 1]);
        assert_eq!(a.progress().analyzed, 8);
        assert_eq!(a.answers().count(), 8);
    }
}
