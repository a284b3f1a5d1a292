//! When a failed page is tried again: which failures are worth a retry, and how long to wait.

use crate::i18n::{status, Lang};

/// When and how often a failed page is tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries per page, the first one included (5 = one try and up to four retries).
    pub max_attempts: u32,
    /// The backoff ceiling after the first failure; it doubles with each further failure.
    pub base_delay_ms: u64,
    /// The backoff ceiling never grows beyond this.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    /// Five tries, waits drawn below 0.5 s, 1 s, 2 s, 4 s: about half a minute at worst, which
    /// outlasts a typical throttling window without leaving the user staring at a stuck bar.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay_ms: 500,
            max_delay_ms: 20_000,
        }
    }
}

impl RetryPolicy {
    /// The wait before the next try, with "full jitter" exponential backoff: uniformly drawn
    /// from `[0, min(max_delay_ms, base_delay_ms * 2^(attempt-1))]`.
    ///
    /// Why full jitter: four pages throttled at the same moment would otherwise retry at the
    /// same moment and be throttled again together. `attempt` is the 1-based count of failures
    /// so far; `unit_random` in `[0, 1)` comes from the caller (no randomness in here keeps it
    /// testable); out-of-range or NaN values are clamped, never a panic.
    ///
    /// ```
    /// use logins_core::paging::RetryPolicy;
    /// let p = RetryPolicy::default();
    /// assert_eq!(p.delay_ms(1, 0.0), 0);
    /// assert_eq!(p.delay_ms(3, 0.5), 1_000);
    /// assert!(p.delay_ms(40, 0.99) <= 20_000);
    /// ```
    pub fn delay_ms(&self, attempt: u32, unit_random: f64) -> u64 {
        let doublings = attempt.max(1) - 1;
        let ceiling = if doublings >= 64 {
            u64::MAX
        } else {
            self.base_delay_ms.saturating_mul(1u64 << doublings)
        };
        let cap = ceiling.min(self.max_delay_ms);
        let r = if unit_random.is_finite() {
            unit_random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // Float-to-int `as` saturates, and the min keeps the bound even for r == 1.0.
        ((cap as f64 * r).floor() as u64).min(cap)
    }
}

/// Why one page request did not produce a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// An HTTP status other than 200.
    Status(u16),
    /// No response at all: the proxy is down, refused the origin (CORS), or the network failed.
    Network,
    /// A 200 whose body is not valid JSON, typically a response cut off in transit.
    Truncated,
    /// The request was aborted on purpose (Cancel, or the page was left).
    Aborted,
    /// The browser refused to reach the proxy on this computer or local network: its Local
    /// Network Access permission is blocked for this site. Every page would fail the same way
    /// until the user allows it.
    LocalNetworkBlocked,
}

impl FailureKind {
    /// Whether trying again later may succeed: throttling (429), server and gateway errors (500,
    /// 502, 503, 504), network failures and truncated bodies.
    ///
    /// Never 401/403: the gateway locks the access key for 5 minutes after 5 failed
    /// authentications, so retrying would turn one bad key into a locked one. Never another 4xx:
    /// the request itself is wrong and will be wrong again. Never `Aborted`: the user asked to
    /// stop.
    pub fn is_retryable(&self) -> bool {
        match self {
            FailureKind::Status(status) => matches!(status, 429 | 500 | 502 | 503 | 504),
            FailureKind::Network | FailureKind::Truncated => true,
            FailureKind::Aborted | FailureKind::LocalNetworkBlocked => false,
        }
    }

    /// 401 or 403: the credentials are wrong or lack permission, so every page will fail the
    /// same way and each try counts towards the access key's lockout.
    pub fn is_auth_failure(&self) -> bool {
        matches!(self, FailureKind::Status(401 | 403))
    }

    /// Whether this failure stops the whole run at once: refused credentials (see
    /// [`FailureKind::is_auth_failure`]) and a blocked local network permission, which no
    /// retry can change.
    pub fn stops_run(&self) -> bool {
        self.is_auth_failure() || *self == FailureKind::LocalNetworkBlocked
    }
}

impl FailureKind {
    /// What went wrong, in `lang`: "HTTP 503", "network error", ...
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            FailureKind::Status(code) => status::FAILURE_STATUS.fill(lang, &[&code.to_string()]),
            FailureKind::Network => status::FAILURE_NETWORK.get(lang).to_owned(),
            FailureKind::Truncated => status::FAILURE_TRUNCATED.get(lang).to_owned(),
            FailureKind::Aborted => status::FAILURE_ABORTED.get(lang).to_owned(),
            FailureKind::LocalNetworkBlocked => status::FAILURE_LOCAL_NETWORK.get(lang).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_described_in_both_languages() {
        let cases = [
            (FailureKind::Status(503), "HTTP 503", "HTTP 503 错误"),
            (FailureKind::Network, "network error", "网络错误"),
            (FailureKind::Truncated, "incomplete response", "响应不完整"),
            (FailureKind::Aborted, "cancelled", "已取消"),
            (
                FailureKind::LocalNetworkBlocked,
                "local network access blocked",
                "本地网络访问被阻止",
            ),
        ];
        for (kind, en, zh) in cases {
            assert_eq!(kind.describe(Lang::En), en);
            assert_eq!(kind.describe(Lang::Zh), zh);
        }
    }

    #[test]
    fn retry_delay_stays_within_full_jitter_bounds() {
        let p = RetryPolicy::default();
        for attempt in 0..70u32 {
            let doublings = attempt.max(1) - 1;
            let ceiling = if doublings >= 64 {
                u64::MAX
            } else {
                p.base_delay_ms.saturating_mul(1 << doublings)
            };
            let bound = ceiling.min(p.max_delay_ms);
            for r in [
                0.0,
                0.25,
                0.5,
                0.999_999,
                1.0,
                -3.0,
                7.0,
                f64::NAN,
                f64::INFINITY,
            ] {
                let d = p.delay_ms(attempt, r);
                assert!(d <= bound, "attempt {attempt} r {r}: {d} > {bound}");
            }
            assert_eq!(p.delay_ms(attempt, 0.0), 0);
        }
        assert_eq!(p.delay_ms(1, 0.999_999), 499);
        assert_eq!(p.delay_ms(2, 0.5), 500);
        assert_eq!(p.delay_ms(10, 0.5), 10_000);
        let huge = RetryPolicy {
            max_attempts: 1,
            base_delay_ms: u64::MAX,
            max_delay_ms: u64::MAX,
        };
        // No overflow panic at the extremes.
        assert_eq!(huge.delay_ms(u32::MAX, 0.0), 0);
        assert!(huge.delay_ms(u32::MAX, 0.5) > 0);
    }
}
