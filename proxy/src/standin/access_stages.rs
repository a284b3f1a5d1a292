//! The stand-in's access-stages API, `GET /v2/{project_id}/statistics/metrics/access-stages
//! ?transaction_id=...`: the phases of each demo login, derived from its record so the two APIs
//! agree. Pure.
//!
//! - Deterministic: the phases of a login depend only on its row (durations drawn from a hash of
//!   its transaction ID).
//! - A login that succeeded: LOGIN, MAIN_AUTH, sometimes MFA_AUTH, CLICK_ICON, PRECONNECT,
//!   CONNECT, back to back from the connection start, all successful, adding up to its setup time
//!   exactly (the record's setup time has whole seconds). A slow setup (8 s or more) has one
//!   phase that takes most of it.
//! - A failed login: the phases up to the one its failure reason points at, which fails with an
//!   error code (the stand-in's own `WKS.70xx`; the real codes are not published) and the
//!   record's `connection_failure_reason` as its message; nothing after it.
//! - Times in epoch milliseconds (the most likely unit of the real API), `biz_type` `DESKTOP`.
//! - An unknown transaction ID: 200 with no stages (`{"username": null, "biz_type": null,
//!   "stages": []}`), as a statistics query that finds nothing; no `transaction_id`: 400.

use logins_core::demo::DemoRow;
use serde::Serialize;

/// The phases of a successful login, in order; MFA_AUTH is included for some logins only.
const SUCCESS_PHASES: [&str; 6] = [
    "LOGIN",
    "MAIN_AUTH",
    "MFA_AUTH",
    "CLICK_ICON",
    "PRECONNECT",
    "CONNECT",
];

/// `/v2/{project_id}/statistics/metrics/access-stages`: the project segment, if the path is this
/// API's.
pub fn project_of(path: &str) -> Option<&str> {
    path.strip_prefix("/v2/")
        .and_then(|rest| rest.strip_suffix("/statistics/metrics/access-stages"))
        .filter(|pid| !pid.is_empty() && !pid.contains('/'))
}

#[derive(Serialize)]
struct Answer<'a> {
    username: Option<&'a str>,
    biz_type: Option<&'static str>,
    stages: Vec<Stage>,
}

#[derive(Serialize)]
struct Stage {
    stage: &'static str,
    duration: i64,
    is_success: bool,
    start_time: i64,
    end_time: i64,
    error_code: Option<String>,
    error_msg: Option<&'static str>,
}

/// The answer body for a transaction ID the demo data does not have.
pub fn unknown_json() -> String {
    serde_json::to_string(&Answer {
        username: None,
        biz_type: None,
        stages: Vec::new(),
    })
    .unwrap_or_default()
}

/// The answer body for one demo login.
///
/// ```
/// use logins_core::demo::{DemoData, DemoSpec};
/// let data = DemoData::generate(&DemoSpec { seed: 1, records: 5, now_unix: 1_720_000_000 });
/// let body = logins_proxy::standin::access_stages::stages_json(data.get(0).unwrap());
/// assert!(body.contains("\"stages\":[{\"stage\":\"LOGIN\""));
/// ```
pub fn stages_json(row: DemoRow<'_>) -> String {
    let transaction_id = row.transaction_id();
    stages_json_of(&LoginFacts {
        transaction_id: transaction_id.as_deref().unwrap_or_default(),
        user_name: row.user_name(),
        start_unix: row.start_unix(),
        setup_secs: row.setup_secs(),
        failure: row.failure_reason(),
    })
}

/// What a login's phases are derived from: what its record says.
#[derive(Clone, Copy, Debug)]
pub struct LoginFacts<'a> {
    pub transaction_id: &'a str,
    pub user_name: &'a str,
    pub start_unix: i64,
    /// Seconds from the start to the setup (unused for a failed login).
    pub setup_secs: u32,
    /// The failure reason with its index among the generator's reasons.
    pub failure: Option<(usize, &'static str)>,
}

/// The answer body for a login described by its facts (the live stand-in's logins, which the
/// incident may have changed).
pub fn stages_json_of(login: &LoginFacts<'_>) -> String {
    let mut rng = Hash(seed_of(login.transaction_id));
    let start_ms = login.start_unix * 1000;
    let stages = match login.failure {
        None => success_stages(&mut rng, start_ms, i64::from(login.setup_secs) * 1000),
        Some((index, reason)) => failed_stages(&mut rng, start_ms, index, reason),
    };
    serde_json::to_string(&Answer {
        username: Some(login.user_name),
        biz_type: Some("DESKTOP"),
        stages,
    })
    .unwrap_or_default()
}

fn success_stages(rng: &mut Hash, start_ms: i64, total_ms: i64) -> Vec<Stage> {
    let with_mfa = rng.below(10) < 3;
    let phases: Vec<&'static str> = SUCCESS_PHASES
        .into_iter()
        .filter(|p| with_mfa || *p != "MFA_AUTH")
        .collect();
    let mut weights: Vec<i64> = phases.iter().map(|_| 5 + rng.below(20) as i64).collect();
    if total_ms >= 8000 {
        // A slow setup has a bottleneck: one phase (not the click) takes most of the time.
        let slow = loop {
            let i = rng.below(phases.len() as u64) as usize;
            if phases[i] != "CLICK_ICON" {
                break i;
            }
        };
        weights[slow] *= 40;
    }
    let sum: i64 = weights.iter().sum();
    let mut at = start_ms;
    let mut left = total_ms;
    let last = phases.len() - 1;
    phases
        .iter()
        .zip(&weights)
        .enumerate()
        .map(|(i, (phase, weight))| {
            let duration = if i == last {
                left
            } else {
                total_ms * weight / sum
            };
            left -= duration;
            let stage = stage(phase, at, duration);
            at += duration;
            stage
        })
        .collect()
}

/// The phase a failure reason (by its index among the demo's reasons) happens in.
fn failed_phase(reason: &str) -> &'static str {
    let reason = reason.to_ascii_lowercase();
    if reason.contains("authentication") || reason.contains("locked") {
        "MAIN_AUTH"
    } else if reason.contains("client version") || reason.contains("access control") {
        "LOGIN"
    } else if reason.contains("not ready")
        || reason.contains("shut down")
        || reason.contains("another user")
    {
        "PRECONNECT"
    } else {
        "CONNECT"
    }
}

fn failed_stages(rng: &mut Hash, start_ms: i64, index: usize, reason: &'static str) -> Vec<Stage> {
    let failing = failed_phase(reason);
    let mut at = start_ms;
    let mut stages = Vec::new();
    for phase in SUCCESS_PHASES {
        if phase == "MFA_AUTH" {
            continue;
        }
        let is_failing = phase == failing;
        let duration = if is_failing {
            // Failures are often timeouts: several seconds.
            1000 + rng.below(9000) as i64
        } else {
            100 + rng.below(1500) as i64
        };
        let mut s = stage(phase, at, duration);
        at += duration;
        if is_failing {
            s.is_success = false;
            s.error_code = Some(format!("WKS.{:04}", 7001 + index));
            s.error_msg = Some(reason);
            stages.push(s);
            break;
        }
        stages.push(s);
    }
    stages
}

fn stage(phase: &'static str, start_ms: i64, duration: i64) -> Stage {
    Stage {
        stage: phase,
        duration,
        is_success: true,
        start_time: start_ms,
        end_time: start_ms + duration,
        error_code: None,
        error_msg: None,
    }
}

fn seed_of(text: &str) -> u64 {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64 over a seed: the durations' randomness.
struct Hash(u64);

impl Hash {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use logins_core::demo::{DemoData, DemoSpec};
    use logins_core::stages::{parse_stages, Phase};

    #[test]
    fn the_phases_agree_with_every_record() {
        let data = DemoData::generate(&DemoSpec {
            seed: 3,
            records: 3000,
            now_unix: 1_720_000_000,
        });
        let (mut failed, mut slow) = (0, 0);
        for row in data.iter() {
            let answer = parse_stages(&stages_json(row)).unwrap();
            let record = row.to_record();
            assert_eq!(answer.username, record.user_name);
            assert!(answer.stages.iter().all(|s| s.invalid_fields.is_empty()));
            let start = record.connection_start_time.unwrap().parsed.unwrap();
            assert_eq!(answer.stages[0].start_ms, Some(start.timestamp_millis()));
            for pair in answer.stages.windows(2) {
                assert_eq!(pair[0].end_ms, pair[1].start_ms, "back to back");
            }
            match &record.connection_failure_reason {
                Some(reason) => {
                    failed += 1;
                    let last = answer.stages.last().unwrap();
                    assert!(last.failed() && last.error_code.is_some());
                    assert_eq!(last.error_msg.as_ref(), Some(reason));
                    assert_eq!(answer.stages.iter().filter(|s| s.failed()).count(), 1);
                }
                None => {
                    let setup = record.connection_setup_time.unwrap().parsed.unwrap();
                    let setup_ms = (setup - start).num_milliseconds();
                    let sum: i64 = answer.stages.iter().map(|s| s.duration().unwrap()).sum();
                    assert_eq!(sum, setup_ms);
                    assert!(!answer.stages.iter().any(|s| s.failed()));
                    let phases: Vec<_> = answer
                        .stages
                        .iter()
                        .map(|s| s.phase.clone().unwrap())
                        .collect();
                    assert_eq!(phases.first(), Some(&Phase::Login));
                    assert_eq!(phases.last(), Some(&Phase::Connect));
                    if setup_ms >= 8000 {
                        slow += 1;
                        let top = answer.slowest().unwrap().duration().unwrap();
                        assert!(
                            top * 2 > setup_ms,
                            "a bottleneck phase: {top} of {setup_ms}"
                        );
                    }
                }
            }
            assert_eq!(stages_json(row), stages_json(row), "deterministic");
        }
        assert!(failed > 30 && slow > 30, "failed {failed}, slow {slow}");
    }

    #[test]
    fn the_path_names_a_single_project_segment() {
        assert_eq!(
            project_of("/v2/p1/statistics/metrics/access-stages"),
            Some("p1")
        );
        assert_eq!(project_of("/v2//statistics/metrics/access-stages"), None);
        assert_eq!(project_of("/v2/a/b/statistics/metrics/access-stages"), None);
        assert_eq!(project_of("/v2/p1/connections/desktops"), None);
        assert_eq!(
            parse_stages(&unknown_json()).unwrap(),
            logins_core::stages::StagesAnswer::default()
        );
    }
}
