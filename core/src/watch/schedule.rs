//! When refreshes happen: every interval, never two at once, backing off after failures,
//! stopping on refused credentials, paused while the page is hidden (if the user chose so) and
//! caught up when it is shown again.
//!
//! ```
//! use logins_core::watch::schedule::{Next, WatchSchedule};
//! let mut watch = WatchSchedule::new(300, true);
//! assert_eq!(watch.next(0), Next::RefreshNow);
//! watch.started(0);
//! assert_eq!(watch.next(10), Next::Busy);
//! watch.succeeded(20);
//! assert_eq!(watch.next(30), Next::WaitUntil(320));
//! watch.set_hidden(true, 40);
//! assert_eq!(watch.next(400), Next::Paused);
//! watch.set_hidden(false, 500);
//! assert_eq!(watch.next(500), Next::RefreshNow); // overdue: catch up at once
//! ```

use crate::paging::{FailureKind, RetryPolicy};

/// The refresh intervals the app offers, minutes.
pub const INTERVAL_MINUTES: [u32; 3] = [1, 5, 15];

/// What the driver should do now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Start a refresh.
    RefreshNow,
    /// Nothing until this time (Unix seconds); then ask again.
    WaitUntil(i64),
    /// A refresh is running: wait for its end.
    Busy,
    /// The page is hidden and watching pauses meanwhile.
    Paused,
    /// Watching stopped on refused credentials; the user must fix them and start again.
    Stopped(FailureKind),
}

/// The refresh schedule of one watch.
#[derive(Clone, Debug)]
pub struct WatchSchedule {
    every_secs: i64,
    pause_when_hidden: bool,
    hidden: bool,
    running: bool,
    due: i64,
    failures: u32,
    stopped: Option<FailureKind>,
    policy: RetryPolicy,
}

impl WatchSchedule {
    /// A watch refreshing every `every_secs` (at least 1), the first refresh due at once.
    pub fn new(every_secs: i64, pause_when_hidden: bool) -> Self {
        WatchSchedule {
            every_secs: every_secs.max(1),
            pause_when_hidden,
            hidden: false,
            running: false,
            due: i64::MIN,
            failures: 0,
            stopped: None,
            // Retries back off from 5 s up to the interval itself: a failing API is asked at
            // most once an interval once it is clearly down.
            policy: RetryPolicy {
                max_attempts: u32::MAX,
                base_delay_ms: 5_000,
                max_delay_ms: (every_secs.max(1) as u64).saturating_mul(1000),
            },
        }
    }

    /// What to do at `now`.
    pub fn next(&self, now: i64) -> Next {
        if let Some(kind) = self.stopped {
            return Next::Stopped(kind);
        }
        if self.running {
            return Next::Busy;
        }
        if self.hidden && self.pause_when_hidden {
            return Next::Paused;
        }
        if now >= self.due {
            Next::RefreshNow
        } else {
            Next::WaitUntil(self.due)
        }
    }

    /// A refresh started at `now`.
    pub fn started(&mut self, _now: i64) {
        self.running = true;
    }

    /// The refresh succeeded at `now`: the next is one interval later.
    pub fn succeeded(&mut self, now: i64) {
        self.running = false;
        self.failures = 0;
        self.due = now.saturating_add(self.every_secs);
    }

    /// The refresh failed at `now`: refused credentials (401/403) or a blocked local network
    /// stop watching; anything else is tried again after a backoff that grows with each failure
    /// in a row (`unit_random` in `[0, 1)` jitters it). Returns when the next try is due, if any.
    pub fn failed(&mut self, now: i64, kind: FailureKind, unit_random: f64) -> Option<i64> {
        self.running = false;
        if kind.stops_run() {
            self.stopped = Some(kind);
            return None;
        }
        self.failures = self.failures.saturating_add(1);
        let wait_ms = self.policy.delay_ms(self.failures, unit_random).max(1000);
        self.due = now.saturating_add((wait_ms / 1000) as i64);
        Some(self.due)
    }

    /// The refresh was cancelled (the user stopped watching or changed the query).
    pub fn cancelled(&mut self) {
        self.running = false;
    }

    /// The page was hidden or shown at `now`. Shown again after the due time: due at once.
    pub fn set_hidden(&mut self, hidden: bool, _now: i64) {
        self.hidden = hidden;
    }

    /// Failures in a row since the last success.
    pub fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshes_never_overlap_and_follow_the_interval() {
        let mut w = WatchSchedule::new(60, true);
        assert_eq!(w.next(1000), Next::RefreshNow);
        w.started(1000);
        // However long a refresh takes, no second one starts.
        for t in [1000, 1060, 5000] {
            assert_eq!(w.next(t), Next::Busy);
        }
        w.succeeded(5000);
        assert_eq!(w.next(5000), Next::WaitUntil(5060));
        assert_eq!(w.next(5060), Next::RefreshNow);
    }

    #[test]
    fn failures_back_off_up_to_the_interval_and_auth_stops() {
        let mut w = WatchSchedule::new(300, true);
        let mut now = 0;
        let mut waits = vec![];
        for _ in 0..8 {
            w.started(now);
            let due = w.failed(now, FailureKind::Status(503), 0.999).unwrap();
            waits.push(due - now);
            now = due;
            assert_eq!(w.next(now), Next::RefreshNow);
        }
        assert!(waits.windows(2).all(|p| p[0] <= p[1]), "{waits:?}");
        assert!(*waits.last().unwrap() <= 300, "{waits:?}");
        assert_eq!(w.failures(), 8);
        w.started(now);
        w.succeeded(now + 1);
        assert_eq!(w.failures(), 0);
        w.started(now + 400);
        assert_eq!(w.failed(now + 400, FailureKind::Status(401), 0.5), None);
        assert_eq!(
            w.next(now + 10_000),
            Next::Stopped(FailureKind::Status(401))
        );
    }

    #[test]
    fn hidden_pages_pause_only_when_the_user_chose_so() {
        let mut w = WatchSchedule::new(60, true);
        w.started(0);
        w.succeeded(0);
        w.set_hidden(true, 10);
        assert_eq!(w.next(1000), Next::Paused);
        w.set_hidden(false, 1000);
        assert_eq!(w.next(1000), Next::RefreshNow);

        let mut always = WatchSchedule::new(60, false);
        always.started(0);
        always.succeeded(0);
        always.set_hidden(true, 10);
        assert_eq!(always.next(60), Next::RefreshNow);
    }
}
