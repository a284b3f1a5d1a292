//! What a refresh asks for: the same filters with the time window moved forward.
//!
//! A refresh starts `overlap` before the newest connection start already loaded, because
//! records reach the API late; and no later than the oldest session loaded as still ongoing,
//! because such a session later gets its end time and RTTs and its record must be read again
//! (a refresh that skipped it would leave it "ongoing" forever, and the numbers on screen would
//! differ from a fresh Fetch all). It never starts before the watched range itself.
//!
//! With a relative preset ("Last 24 h") the range slides with the clock: records that started
//! before `now - length` leave the table, the KPIs and the charts ([`cutoff`]).

/// The overlap before the newest loaded start, seconds: late records arrive within minutes.
pub const DEFAULT_OVERLAP_SECS: i64 = 5 * 60;

/// `[start, end]` of the next refresh, Unix seconds.
///
/// - `range_start`: the watched range's start (for a relative preset, `now - length`).
/// - `newest_start`: the newest connection start loaded, if any.
/// - `oldest_ongoing_start`: the start of the oldest loaded session without an end, if any.
///
/// ```
/// use logins_core::watch::window::refresh_window;
/// // Nothing loaded: the whole range.
/// assert_eq!(refresh_window(1000, 5000, None, None, 300), (1000, 5000));
/// // From 5 minutes before the newest start...
/// assert_eq!(refresh_window(1000, 5000, Some(4000), None, 300), (3700, 5000));
/// // ...or from an older session still ongoing, but never before the range.
/// assert_eq!(refresh_window(1000, 5000, Some(4000), Some(2500), 300), (2500, 5000));
/// assert_eq!(refresh_window(1000, 5000, Some(4000), Some(10), 300), (1000, 5000));
/// ```
pub fn refresh_window(
    range_start: i64,
    now: i64,
    newest_start: Option<i64>,
    oldest_ongoing_start: Option<i64>,
    overlap_secs: i64,
) -> (i64, i64) {
    let from_newest = newest_start.map(|s| s.saturating_sub(overlap_secs.max(0)));
    let start = match (from_newest, oldest_ongoing_start) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, _) => range_start,
    };
    let start = start.max(range_start).min(now);
    (start, now)
}

/// For a relative preset of `length_secs`, the earliest connection start still in the window at
/// `now`: records that started before it leave the view.
///
/// ```
/// use logins_core::watch::window::cutoff;
/// assert_eq!(cutoff(86_400, 100_000), 13_600);
/// ```
pub fn cutoff(length_secs: i64, now: i64) -> i64 {
    now.saturating_sub(length_secs.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_never_runs_backwards_or_past_now() {
        // A newest start in the future (a skewed server clock) is still asked up to now.
        assert_eq!(refresh_window(0, 1000, Some(5000), None, 300), (1000, 1000));
        // A negative overlap is no overlap.
        assert_eq!(refresh_window(0, 1000, Some(900), None, -5), (900, 1000));
        // Extreme values saturate instead of overflowing.
        assert_eq!(
            refresh_window(i64::MIN, 0, Some(i64::MIN), None, 300),
            (i64::MIN, 0)
        );
        assert_eq!(cutoff(10, i64::MIN), i64::MIN);
    }

    #[test]
    fn an_ongoing_session_is_read_again_until_it_ends() {
        // Loaded: a session started at 2000 still ongoing, newest start 4000.
        let (start, _) = refresh_window(0, 5000, Some(4000), Some(2000), 300);
        assert!(
            start <= 2000,
            "the ongoing session at 2000 is outside {start}.."
        );
        // Once it has ended, the refresh goes back to the overlap only.
        assert_eq!(refresh_window(0, 5000, Some(4000), None, 300).0, 3700);
    }
}
