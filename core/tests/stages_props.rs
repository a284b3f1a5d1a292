//! Properties of "Analyze logon phases" (`logins_core::stages::StagesAnalysis`), driven by a
//! simulated driver with a fake clock: random latencies, throttling, server and network errors,
//! a 403 now and then, Cancel and Resume at random moments.
//!
//! Whatever happens: never more than 3 starts in any one-second window, never more than 2
//! requests in flight, nothing sent after its login was analyzed, 401/403 never retried, and in
//! the end (resuming as a user would) every login analyzed exactly once.

use logins_core::paging::FailureKind;
use logins_core::stages::{AfterFailure, Next, StageJob, StagesAnalysis, StagesAnswer};
use proptest::prelude::*;

/// SplitMix64: the simulation's randomness from proptest's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A request on the simulated network: it ends at `done_at` with `outcome`.
struct InFlight {
    job: StageJob,
    done_at: u64,
    outcome: Result<(), FailureKind>,
}

struct Sim {
    analysis: StagesAnalysis,
    rng: Rng,
    now: u64,
    network: Vec<InFlight>,
    starts: Vec<u64>,
    max_in_flight: usize,
    /// Per login: how many answers were delivered.
    answered: Vec<u32>,
    /// 401/403 answers given, and whether the same login was then sent again before a Resume.
    auth_failures: usize,
    stopped_since_resume: bool,
    failure_rate: f64,
    forbid_rate: f64,
    cancel_rate: f64,
}

impl Sim {
    fn deliver_next(&mut self) {
        let i = (0..self.network.len())
            .min_by_key(|&i| self.network[i].done_at)
            .expect("something in flight");
        let request = self.network.swap_remove(i);
        self.now = self.now.max(request.done_at);
        match request.outcome {
            Ok(()) => {
                self.answered[request.job.index] += 1;
                self.analysis
                    .on_answer(&request.job, StagesAnswer::default());
            }
            Err(kind) => {
                let after = self
                    .analysis
                    .on_failure(&request.job, kind, self.now, self.rng.unit());
                if kind.is_auth_failure() {
                    self.auth_failures += 1;
                    assert_eq!(after, AfterFailure::Stopped, "401/403 is never retried");
                }
                if after == AfterFailure::Stopped {
                    self.stopped_since_resume = true;
                    self.abort_all();
                }
            }
        }
    }

    /// The driver aborts its fetches (Cancel, or after a stop): each reports `Aborted` at once.
    fn abort_all(&mut self) {
        for request in std::mem::take(&mut self.network) {
            let after = self.analysis.on_failure(
                &request.job,
                FailureKind::Aborted,
                self.now,
                self.rng.unit(),
            );
            assert_eq!(after, AfterFailure::Ignored);
        }
    }

    fn outcome(&mut self) -> Result<(), FailureKind> {
        let u = self.rng.unit();
        if u < self.forbid_rate {
            return Err(FailureKind::Status(403));
        }
        if u < self.forbid_rate + self.failure_rate {
            return Err([
                FailureKind::Status(429),
                FailureKind::Status(500),
                FailureKind::Status(503),
                FailureKind::Network,
                FailureKind::Truncated,
            ][self.rng.below(5) as usize]);
        }
        Ok(())
    }

    fn run(&mut self) {
        let mut resumes = 0;
        loop {
            if self.rng.unit() < self.cancel_rate {
                self.analysis.cancel();
                self.abort_all();
            }
            match self.analysis.next(self.now) {
                Next::Send(job) => {
                    assert_eq!(self.answered[job.index], 0, "sent after it was analyzed");
                    assert!(!self.stopped_since_resume, "sent while stopped");
                    self.starts.push(self.now);
                    let latency = 20 + self.rng.below(1500);
                    let outcome = self.outcome();
                    self.network.push(InFlight {
                        job,
                        done_at: self.now + latency,
                        outcome,
                    });
                    self.max_in_flight = self.max_in_flight.max(self.network.len());
                }
                Next::WaitUntil(t) => {
                    assert!(t > self.now, "a wait until {t} at {}", self.now);
                    let first_answer = self.network.iter().map(|r| r.done_at).min();
                    match first_answer {
                        Some(done) if done <= t => self.deliver_next(),
                        _ => self.now = t,
                    }
                }
                Next::Idle => self.deliver_next(),
                Next::Finished if !self.network.is_empty() => self.deliver_next(),
                Next::Finished => {
                    let p = self.analysis.progress();
                    if p.analyzed == p.total {
                        return;
                    }
                    // The user presses Resume (after fixing the permission, or trying again).
                    resumes += 1;
                    assert!(resumes < 10_000, "no progress: {p:?}");
                    self.analysis.resume();
                    self.stopped_since_resume = false;
                    self.now += self.rng.below(3000);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_rate_limit_and_the_concurrency_cap_hold_and_each_login_is_analyzed_once(
        logins in 1usize..60,
        seed in any::<u64>(),
        failure_rate in 0.0f64..0.6,
        forbid_rate in prop_oneof![Just(0.0), 0.0f64..0.05],
        cancel_rate in prop_oneof![Just(0.0), 0.0f64..0.05],
    ) {
        let ids: Vec<String> = (0..logins).map(|i| format!("tx-{i}")).collect();
        let mut sim = Sim {
            analysis: StagesAnalysis::new(ids, 500),
            rng: Rng(seed),
            now: 1_000_000,
            network: Vec::new(),
            starts: Vec::new(),
            max_in_flight: 0,
            answered: vec![0; logins],
            auth_failures: 0,
            stopped_since_resume: false,
            failure_rate,
            forbid_rate,
            cancel_rate,
        };
        sim.run();

        prop_assert!(sim.max_in_flight <= 2, "{} in flight", sim.max_in_flight);
        // Starts are in time order; any 4 consecutive ones span at least a second.
        prop_assert!(sim.starts.windows(2).all(|w| w[0] <= w[1]));
        for w in sim.starts.windows(4) {
            prop_assert!(w[3] - w[0] >= 1000, "4 starts within a second: {w:?}");
        }
        prop_assert!(sim.answered.iter().all(|&n| n == 1), "{:?}", sim.answered);
        let p = sim.analysis.progress();
        prop_assert_eq!((p.analyzed, p.failed, p.remaining, p.in_flight), (logins, 0, 0, 0));
        if failure_rate == 0.0 && forbid_rate == 0.0 && cancel_rate == 0.0 {
            prop_assert_eq!(sim.starts.len(), logins, "one request per login");
        }
    }
}

/// The limit is not only kept but used: with instant answers, 30 logins take 10 windows.
#[test]
fn with_instant_answers_three_start_each_second() {
    let ids: Vec<String> = (0..30).map(|i| format!("tx-{i}")).collect();
    let mut analysis = StagesAnalysis::new(ids, 500);
    let mut now = 0;
    let mut starts = Vec::new();
    loop {
        match analysis.next(now) {
            Next::Send(job) => {
                starts.push(now);
                analysis.on_answer(&job, StagesAnswer::default());
            }
            Next::WaitUntil(t) => now = t,
            Next::Idle => unreachable!("answers are instant"),
            Next::Finished => break,
        }
    }
    let expected: Vec<u64> = (0..30).map(|i| i / 3 * 1000).collect();
    assert_eq!(starts, expected);
}
