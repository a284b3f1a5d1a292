//! Logon phases: the access-stages API (`GET /v2/{project_id}/statistics/metrics/access-stages`),
//! which says how long each phase of one login took and which one failed, joined to the login
//! records by `transaction_id`.
//!
//! - `request`: the call, planned and signed by [`crate::api::request::plan_request`] like the
//!   login-records query;
//! - `answer`: the tolerant parser of its answer;
//! - `report`: reading an HTTP answer, and the error report (a 403 names the IAM action);
//! - `rate` and `analysis`: "Analyze logon phases" over many logins, sans-IO, within the rate
//!   limit (3 starts a second, 2 in flight);
//! - `summary`: per phase count, p50/p95/max and failures; the slowest phase of a login.

mod analysis;
mod answer;
mod rate;
mod report;
mod request;
mod summary;

pub use analysis::{
    AfterFailure, LoginPhases, Next, StageJob, StagesAnalysis, StagesProgress, DEFAULT_CAP,
    MAX_CAP, MAX_IN_FLIGHT, MAX_STARTS_PER_SECOND,
};
pub use answer::{parse_stages, Phase, Stage, StagesAnswer, SECONDS_BELOW};
pub use rate::StartRate;
pub use report::{read_stages_response, report_stages_problem, IAM_ACTION};
pub use request::{AccessStagesRequest, TransactionIdProblem};
pub use summary::{slowest_phase_text, summarize, PhaseBreakdown, PhaseSummary};
