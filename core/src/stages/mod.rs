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
//! - `summary`: per phase count, p50/p95/max and failures;
//! - `names`: a phase's name and a login's "Slowest phase" cell, in either language;
//! - `slowest`: each analyzed login's slowest phase by transaction ID, for the table's column;
//! - `waterfall`: one login's phases on a time axis (the row detail);
//! - `users`: the users who spend most time in each phase, the logins a phase concerns.

mod analysis;
mod answer;
mod names;
mod rate;
mod report;
mod request;
mod slowest;
mod summary;
mod users;
mod waterfall;

pub use analysis::{
    AfterFailure, LoginPhases, Next, StageJob, StagesAnalysis, StagesProgress, DEFAULT_CAP,
    MAX_CAP, MAX_IN_FLIGHT, MAX_STARTS_PER_SECOND,
};
pub use answer::{parse_stages, Phase, Stage, StagesAnswer, SECONDS_BELOW};
pub use names::{analysis_sentence, phase_name, phase_text, slowest_phase_cell};
pub use rate::StartRate;
pub use report::{read_stages_response, report_stages_failure, report_stages_problem, IAM_ACTION};
pub use request::{AccessStagesRequest, TransactionIdProblem};
pub use slowest::{slowest_key, slowest_text, PhaseIndex, SlowestPhase, NOT_ANALYZED_KEY};
pub use summary::{summarize, PhaseBreakdown, PhaseSummary};
pub use users::{logins_slowest_or_failed_in, top_users_by_phase, PhaseUsers, UserPhaseTime};
pub use waterfall::{waterfall, Waterfall, WaterfallBar};
