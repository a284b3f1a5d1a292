//! A sliding-window limit on how many requests start: at most `max_starts` in any window of
//! `window_ms`. Pure: the time comes in as an argument (milliseconds of a monotonic clock).

use std::collections::VecDeque;

/// At most `max_starts` starts in any half-open window `[t, t + window_ms)`.
///
/// Why a sliding window and not a token bucket: the API's documented limit is a count per
/// period, and "never more than 3 in any second" is what the tests and the gateway check; a
/// bucket would allow a burst of its capacity on top of the refill.
///
/// ```
/// use logins_core::stages::StartRate;
/// let mut rate = StartRate::new(3, 1000);
/// for t in [0, 10, 20] {
///     assert_eq!(rate.next_allowed(t), t);
///     rate.record(t);
/// }
/// assert_eq!(rate.next_allowed(30), 1000); // the start at 0 leaves the window at 1000
/// ```
#[derive(Clone, Debug)]
pub struct StartRate {
    max_starts: usize,
    window_ms: u64,
    /// Start times still inside the window of the latest query, oldest first.
    recent: VecDeque<u64>,
}

impl StartRate {
    /// A limit of `max_starts` (at least 1) per `window_ms` (at least 1).
    pub fn new(max_starts: usize, window_ms: u64) -> Self {
        StartRate {
            max_starts: max_starts.max(1),
            window_ms: window_ms.max(1),
            recent: VecDeque::new(),
        }
    }

    /// The earliest time, `now_ms` or later, at which one more start keeps the limit.
    pub fn next_allowed(&mut self, now_ms: u64) -> u64 {
        while self
            .recent
            .front()
            .is_some_and(|&t| t.saturating_add(self.window_ms) <= now_ms)
        {
            self.recent.pop_front();
        }
        if self.recent.len() < self.max_starts {
            return now_ms;
        }
        // With `max_starts` starts at or after this one, a new start is allowed once it has
        // left the window.
        let blocking = self.recent[self.recent.len() - self.max_starts];
        blocking.saturating_add(self.window_ms).max(now_ms)
    }

    /// Moves a start recorded at `recorded_ms` to `actual_ms`, when it really began later than
    /// it was allowed (the request waited for the main thread): the limit then holds for the
    /// times requests really start, not the times they were handed out. Nothing happens when
    /// no start was recorded at `recorded_ms` or `actual_ms` is not later.
    ///
    /// ```
    /// use logins_core::stages::StartRate;
    /// let mut rate = StartRate::new(1, 1000);
    /// rate.record(0);
    /// rate.delay(0, 150); // handed out at 0, sent at 150
    /// assert_eq!(rate.next_allowed(1000), 1150);
    /// ```
    pub fn delay(&mut self, recorded_ms: u64, actual_ms: u64) {
        if actual_ms <= recorded_ms {
            return;
        }
        if let Some(i) = self.recent.iter().rposition(|&t| t == recorded_ms) {
            self.recent.remove(i);
            let at = self.recent.partition_point(|&t| t <= actual_ms);
            self.recent.insert(at, actual_ms);
        }
    }

    /// Records a start at `now_ms` (call only when [`StartRate::next_allowed`] allowed it) and
    /// returns the time recorded: `now_ms`, or the latest start when that is later (a clock
    /// that went backwards, or a start [`StartRate::delay`]ed past now), which is the time to
    /// give `delay` for this start.
    pub fn record(&mut self, now_ms: u64) -> u64 {
        // A clock that went backwards is treated as standing still, so the order holds.
        let t = self.recent.back().map_or(now_ms, |&last| now_ms.max(last));
        self.recent.push_back(t);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fourth_start_waits_until_the_first_leaves_the_window() {
        let mut rate = StartRate::new(3, 1000);
        for t in [100, 400, 999] {
            assert_eq!(rate.next_allowed(t), t);
            rate.record(t);
        }
        assert_eq!(rate.next_allowed(999), 1100);
        assert_eq!(rate.next_allowed(1099), 1100);
        assert_eq!(rate.next_allowed(1100), 1100);
        rate.record(1100);
        assert_eq!(rate.next_allowed(1100), 1400);
        // Long after, the window is empty again.
        assert_eq!(rate.next_allowed(10_000), 10_000);
    }

    #[test]
    fn a_start_sent_late_counts_from_when_it_was_sent() {
        let mut rate = StartRate::new(3, 1000);
        for t in [0, 0, 100] {
            rate.record(t);
        }
        // The first two waited 300 ms for the main thread: the window counts from 300.
        rate.delay(0, 300);
        rate.delay(0, 300);
        assert_eq!(rate.next_allowed(1000), 1100);
        rate.record(1100);
        assert_eq!(rate.next_allowed(1100), 1300);
        // Unknown times and moves backwards change nothing.
        rate.delay(42, 5000);
        rate.delay(1100, 900);
        assert_eq!(rate.next_allowed(1100), 1300);
    }

    #[test]
    fn a_start_recorded_behind_a_delayed_one_can_be_delayed_too() {
        let mut rate = StartRate::new(2, 1000);
        rate.record(0);
        rate.delay(0, 6);
        // Handed out at 2, recorded at 6 (behind the delayed start): delay finds it there.
        let recorded = rate.record(2);
        assert_eq!(recorded, 6);
        rate.delay(recorded, 9);
        assert_eq!(rate.next_allowed(1000), 1006);
        rate.record(1006);
        assert_eq!(rate.next_allowed(1006), 1009);
    }

    #[test]
    fn a_clock_that_goes_backwards_never_lets_more_through() {
        let mut rate = StartRate::new(2, 1000);
        rate.record(5000);
        rate.record(4000);
        assert_eq!(rate.next_allowed(4000), 6000);
    }
}
