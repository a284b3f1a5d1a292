//! `--incident-at T --incident-minutes N`: a span of the live stand-in's time during which
//! logins fail at a high rate and network RTT is high, so that an app watching the records
//! sees a failure-rate alert (above 20 % with at least 10 logins in 5 minutes) and an RTT p95
//! alert (above 300 ms) fire. Pure and deterministic: what a login becomes depends only on the
//! incident and the login's own random number.
//!
//! - Every login that starts in `[T, T + N min)` is affected: about half of them fail
//!   ([`FAILURE_PERCENT`], with a reason from the generator's list that an outage gives), the
//!   others succeed with a network RTT of 600-900 ms ([`HIGH_RTT_MS`]).
//! - Users retry, so more logins arrive: one extra login every [`EXTRA_EVERY_SECS`] seconds
//!   (20 in any 5 minutes), every other one failing, by users of the demo population. The
//!   failure rule's 10 logins are there even at night, when the daily rhythm has few.

use std::ops::RangeInclusive;

/// The share of an incident's logins that fail, percent (of the extra logins exactly every
/// other one; of the others, those whose random number says so).
pub const FAILURE_PERCENT: u64 = 50;

/// The network RTT of an incident's successful logins, ms.
pub const HIGH_RTT_MS: RangeInclusive<u32> = 600..=900;

/// One extra login (a retry) every this many seconds during an incident.
pub const EXTRA_EVERY_SECS: i64 = 15;

/// Indices into the generator's failure reasons ([`logins_core::demo::failure_reasons`]) that
/// an outage produces: the desktop not ready, a timeout, the agent not answering, the network.
pub const OUTAGE_REASONS: [usize; 4] = [0, 2, 3, 6];

/// The incident's span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incident {
    /// Unix seconds, inclusive.
    pub start: i64,
    pub minutes: u32,
}

/// What an incident does to one login.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Fails with this reason (an index into the generator's list) after `secs` seconds.
    Fails { reason: usize, secs: u32 },
    /// Succeeds with these RTTs, ms.
    Slow { network_rtt: u32, e2e_rtt: u32 },
}

impl Incident {
    /// The first second after the incident.
    pub fn end(&self) -> i64 {
        self.start + i64::from(self.minutes) * 60
    }

    pub fn contains(&self, t: i64) -> bool {
        (self.start..self.end()).contains(&t)
    }

    /// The extra logins: (their number, their start), one in each `EXTRA_EVERY_SECS` slot at
    /// a point of the slot that `seed` decides.
    pub fn extra_starts(&self, seed: u64) -> impl Iterator<Item = (u32, i64)> + '_ {
        let slots = (i64::from(self.minutes) * 60 / EXTRA_EVERY_SECS) as u32;
        (0..slots).map(move |k| {
            let offset = mix(seed, u64::from(k)) % EXTRA_EVERY_SECS as u64;
            (
                k,
                self.start + i64::from(k) * EXTRA_EVERY_SECS + offset as i64,
            )
        })
    }

    /// What happens to a login with random number `token` that starts in the incident;
    /// `extra` is the number of an extra login (every other one fails).
    pub fn outcome(token: u64, extra: Option<u32>) -> Outcome {
        let fails = match extra {
            Some(k) => k % 2 == 0,
            None => mix(token, 1) % 100 < FAILURE_PERCENT,
        };
        if fails {
            let r = mix(token, 2);
            Outcome::Fails {
                reason: OUTAGE_REASONS[(r % OUTAGE_REASONS.len() as u64) as usize],
                secs: 2 + (r >> 32) as u32 % 40,
            }
        } else {
            let r = mix(token, 3);
            let span = u64::from(HIGH_RTT_MS.end() - HIGH_RTT_MS.start() + 1);
            let network_rtt = HIGH_RTT_MS.start() + (r % span) as u32;
            Outcome::Slow {
                network_rtt,
                e2e_rtt: network_rtt + 10 + (r >> 32) as u32 % 30,
            }
        }
    }
}

/// A well-mixed number from a value and a salt (SplitMix64's finalizer): independent choices
/// from one row's random number.
pub(crate) fn mix(x: u64, salt: u64) -> u64 {
    let mut z = x ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outage_reasons_are_the_generators_outage_reasons() {
        let all: Vec<&str> = logins_core::demo::failure_reasons().collect();
        let chosen: Vec<&str> = OUTAGE_REASONS.iter().map(|&i| all[i]).collect();
        assert_eq!(
            chosen,
            [
                "The desktop is not ready. Try again later.",
                "Connection to the desktop timed out.",
                "The desktop agent (HDA) did not respond.",
                "Network jitter caused the connection to drop.",
            ]
        );
    }

    #[test]
    fn span_and_extra_logins() {
        let i = Incident {
            start: 1_000_000,
            minutes: 15,
        };
        assert!(i.contains(1_000_000) && i.contains(1_000_899) && !i.contains(1_000_900));
        assert!(!i.contains(999_999));
        let extra: Vec<(u32, i64)> = i.extra_starts(7).collect();
        assert_eq!(extra.len(), 60);
        assert!(extra.iter().all(|&(_, t)| i.contains(t)));
        // Any 5 minutes inside the incident hold 20 extra logins, give or take the slot edge.
        for from in (i.start..i.end() - 300).step_by(7) {
            let n = extra
                .iter()
                .filter(|&&(_, t)| (from..from + 300).contains(&t))
                .count();
            assert!((19..=21).contains(&n), "{n} from {from}");
        }
        assert_eq!(extra, i.extra_starts(7).collect::<Vec<_>>());
    }

    #[test]
    fn about_half_fail_and_the_rest_are_slow() {
        let outcomes: Vec<Outcome> = (0..2_000u64)
            .map(|t| Incident::outcome(t.wrapping_mul(0x1234_5678_9ABC), None))
            .collect();
        let failed = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Fails { .. }))
            .count();
        assert!((900..1_100).contains(&failed), "{failed}");
        for o in &outcomes {
            match *o {
                Outcome::Fails { reason, secs } => {
                    assert!(OUTAGE_REASONS.contains(&reason) && (2..42).contains(&secs))
                }
                Outcome::Slow {
                    network_rtt,
                    e2e_rtt,
                } => assert!(HIGH_RTT_MS.contains(&network_rtt) && e2e_rtt > network_rtt),
            }
        }
        // The extra logins alternate exactly.
        assert!(matches!(
            Incident::outcome(5, Some(0)),
            Outcome::Fails { .. }
        ));
        assert!(matches!(
            Incident::outcome(5, Some(1)),
            Outcome::Slow { .. }
        ));
        assert!(matches!(
            Incident::outcome(9, Some(2)),
            Outcome::Fails { .. }
        ));
    }
}
