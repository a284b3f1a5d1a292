//! Fault injection decisions: deterministic in the seed and the request's sequence number, so a
//! failing test run can be replayed. Pure.

use std::time::Duration;

/// Rates (each in `[0, 1]`, summing to at most 1) and added latency.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FaultPlan {
    pub seed: u64,
    /// 500 or 503 with a gateway-style error body.
    pub fail_rate: f64,
    /// 429 `APIGW.0308`.
    pub throttle_rate: f64,
    /// 200 with the JSON body cut in the middle.
    pub truncate_rate: f64,
    /// The connection is closed without an answer.
    pub reset_rate: f64,
    /// Added to every answer: `latency_ms` ± 50% jitter.
    pub latency_ms: u64,
}

/// What happens to one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    None,
    /// HTTP status 500 or 503.
    ServerError(u16),
    Throttle,
    Truncate,
    Reset,
}

impl FaultPlan {
    /// Checks the rates.
    pub fn validate(&self) -> Result<(), String> {
        let rates = [
            self.fail_rate,
            self.throttle_rate,
            self.truncate_rate,
            self.reset_rate,
        ];
        if rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
            return Err("fault rates must be between 0 and 1".into());
        }
        if rates.iter().sum::<f64>() > 1.0 + 1e-9 {
            return Err("fault rates must add up to at most 1".into());
        }
        Ok(())
    }

    /// The fault and the delay for request number `n` (0, 1, 2, … in arrival order).
    ///
    /// ```
    /// use logins_proxy::standin::faults::{Fault, FaultPlan};
    /// let plan = FaultPlan { seed: 1, throttle_rate: 1.0, ..FaultPlan::default() };
    /// assert_eq!(plan.decide(0).0, Fault::Throttle);
    /// assert_eq!(FaultPlan::default().decide(5), (Fault::None, std::time::Duration::ZERO));
    /// ```
    pub fn decide(&self, n: u64) -> (Fault, Duration) {
        let h = mix(self.seed ^ mix(n.wrapping_add(0x51_7CC1_B727_220A)));
        let u = (h >> 11) as f64 / (1u64 << 53) as f64;
        let server_error = Fault::ServerError(if h & 1 == 0 { 500 } else { 503 });
        let bands = [
            (self.reset_rate, Fault::Reset),
            (self.fail_rate, server_error),
            (self.throttle_rate, Fault::Throttle),
            (self.truncate_rate, Fault::Truncate),
        ];
        let mut edge = 0.0;
        let mut fault = Fault::None;
        for (rate, f) in bands {
            edge += rate;
            if u < edge {
                fault = f;
                break;
            }
        }
        let delay = if self.latency_ms == 0 {
            Duration::ZERO
        } else {
            let j = (mix(h) >> 11) as f64 / (1u64 << 53) as f64; // [0, 1)
            Duration::from_secs_f64(self.latency_ms as f64 * (0.5 + j) / 1000.0)
        };
        (fault, delay)
    }
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_met_and_deterministic() {
        let plan = FaultPlan {
            seed: 9,
            fail_rate: 0.1,
            throttle_rate: 0.05,
            truncate_rate: 0.02,
            reset_rate: 0.03,
            latency_ms: 100,
        };
        plan.validate().unwrap();
        let n = 100_000;
        let mut counts = [0usize; 5];
        let mut statuses = [0usize; 2];
        for i in 0..n {
            let (f, d) = plan.decide(i);
            assert!(d >= Duration::from_millis(50) && d < Duration::from_millis(150));
            assert_eq!(plan.decide(i), (f, d));
            let k = match f {
                Fault::None => 0,
                Fault::ServerError(s) => {
                    statuses[usize::from(s == 503)] += 1;
                    1
                }
                Fault::Throttle => 2,
                Fault::Truncate => 3,
                Fault::Reset => 4,
            };
            counts[k] += 1;
        }
        let share = |k: usize| counts[k] as f64 / n as f64;
        assert!((share(1) - 0.1).abs() < 0.005, "{counts:?}");
        assert!((share(2) - 0.05).abs() < 0.005);
        assert!((share(3) - 0.02).abs() < 0.003);
        assert!((share(4) - 0.03).abs() < 0.003);
        assert!(statuses[0] > 0 && statuses[1] > 0);
        let other = FaultPlan { seed: 10, ..plan };
        assert!((0..100).any(|i| other.decide(i) != plan.decide(i)));
    }

    #[test]
    fn bad_rates_are_rejected() {
        assert!(FaultPlan {
            fail_rate: 1.5,
            ..Default::default()
        }
        .validate()
        .is_err());
        assert!(FaultPlan {
            fail_rate: 0.6,
            reset_rate: 0.6,
            ..Default::default()
        }
        .validate()
        .is_err());
        assert!(FaultPlan {
            fail_rate: -0.1,
            ..Default::default()
        }
        .validate()
        .is_err());
    }
}
