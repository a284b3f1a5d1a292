//! The stand-in Workspace API: `GET /v2/{project_id}/connections/desktops` (login records) and
//! `GET /v2/{project_id}/statistics/metrics/access-stages` (the phases of one login) answered
//! from the demo generator, with the gateway's authentication and optional injected faults, the
//! same for both.

pub mod access_stages;
pub mod app_config;
pub mod auth;
pub mod faults;
pub mod filter;
pub mod hostile;
pub mod incident;
pub mod instant;
pub mod live;
pub mod params;
pub mod test_clock;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use logins_core::demo::DemoData;
use url::Url;

use crate::error::ApiError;
use crate::server::DropConnection;
use auth::{authenticate, AuthRequest, Credentials};
use faults::{Fault, FaultPlan};
use filter::Filter;
use hostile::HostileMix;
use incident::Incident;
use live::Live;
use test_clock::TestClock;

/// The clock, replaceable in tests.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The stand-in's state.
pub struct StandIn {
    /// The projects the credentials may read, each with its own data; the first is the one
    /// `/app-config.json` prefills.
    projects: Vec<Project>,
    credentials: Credentials,
    faults: FaultPlan,
    clock: Clock,
    sequence: AtomicU64,
    reject_user_name: Option<String>,
    stages_deny: bool,
    /// `--test-clock`: the clock above reads it and `/__standin/clock` sets it.
    test_clock: Option<Arc<TestClock>>,
}

/// One project and its records.
struct Project {
    id: String,
    data: Arc<DemoData>,
    hostile: Option<Arc<HostileMix>>,
    /// `--live`: the data as it looks at the clock's now.
    live: Option<Live>,
    /// Row index by transaction ID, built at the first access-stages request.
    by_transaction: OnceLock<HashMap<String, usize>>,
}

impl Project {
    fn new(id: String, data: Arc<DemoData>) -> Self {
        Project {
            id,
            data,
            hostile: None,
            live: None,
            by_transaction: OnceLock::new(),
        }
    }
}

/// The APIs the stand-in answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Api {
    LoginRecords,
    AccessStages,
}

impl Api {
    /// The API of a path, and its project segment (still percent-encoded).
    fn of_path(path: &str) -> Option<(Api, &str)> {
        let records = path
            .strip_prefix("/v2/")
            .and_then(|rest| rest.strip_suffix("/connections/desktops"))
            .filter(|pid| !pid.is_empty() && !pid.contains('/'));
        match records {
            Some(project) => Some((Api::LoginRecords, project)),
            None => access_stages::project_of(path).map(|project| (Api::AccessStages, project)),
        }
    }
}

impl StandIn {
    pub fn new(
        data: Arc<DemoData>,
        credentials: Credentials,
        project_id: String,
        faults: FaultPlan,
        clock: Clock,
    ) -> Self {
        StandIn {
            projects: vec![Project::new(project_id, data)],
            credentials,
            faults,
            clock,
            sequence: AtomicU64::new(0),
            reject_user_name: None,
            stages_deny: false,
            test_clock: None,
        }
    }

    /// `--live`: every project's data is answered as it looks at the clock's now (records
    /// arrive, sessions end), with the incident's failures and slow logins if one is given.
    /// Each project's data must have been generated with its now [`live::HORIZON_DAYS`] after
    /// the start.
    pub fn with_live(mut self, incident: Option<Incident>) -> Self {
        for p in &mut self.projects {
            p.live = Some(Live::new(p.data.clone(), incident));
        }
        self
    }

    /// `--test-clock`: the clock is `clock`, which `POST /__standin/clock` sets.
    pub fn with_test_clock(mut self, clock: Arc<TestClock>) -> Self {
        self.clock = clock.clock();
        self.test_clock = Some(clock);
        self
    }

    /// `GET`/`POST /__standin/clock` from `peer`: the test clock, or 404 without one.
    pub fn answer_clock(&self, request: &Request, peer: Option<std::net::SocketAddr>) -> Response {
        match &self.test_clock {
            Some(clock) => clock.answer(
                request.method(),
                request.headers(),
                request.uri().query().unwrap_or(""),
                peer,
            ),
            None => test_clock::refused(),
        }
    }

    /// Per project: its ID, the logins it holds (with `--live`, also those still to arrive)
    /// and how many are listed now; for the start-up banner.
    pub fn served(&self) -> Vec<(String, usize, usize)> {
        let now = (self.clock)().timestamp();
        self.projects
            .iter()
            .map(|p| match &p.live {
                Some(live) => (p.id.clone(), live.len(), live.visible(now).count()),
                None => (p.id.clone(), p.data.len(), p.data.len()),
            })
            .collect()
    }

    /// One more project the credentials may read (`--project-id` given again), with its own
    /// data. A project ID already served is not added twice.
    pub fn with_project(mut self, project_id: String, data: Arc<DemoData>) -> Self {
        if !self.projects.iter().any(|p| p.id == project_id) {
            self.projects.push(Project::new(project_id, data));
        }
        self
    }

    /// A test hook (`--stages-deny`): answer 403 `APIGW.0302` to every otherwise valid
    /// access-stages request, as for an account without `workspace:statistics:getUserAccessStages`;
    /// the login records are served as usual.
    pub fn with_stages_denied(mut self, deny: bool) -> Self {
        self.stages_deny = deny;
        self
    }

    /// A test hook (`--reject-user-name NAME`): answer 400 `WKS.0002` to any otherwise valid
    /// request whose `user_name` filter equals `name` (ignoring ASCII case), so end-to-end
    /// tests can show the app's handling of a 400 that its own validation lets through.
    pub fn with_rejected_user_name(mut self, name: Option<String>) -> Self {
        self.reject_user_name = name.filter(|n| !n.is_empty());
        self
    }

    /// `--hostile`: serve the first project's demo rows with the hostile records mixed in (see
    /// [`hostile`]).
    pub fn with_hostile(mut self, mix: Option<HostileMix>) -> Self {
        self.projects[0].hostile = mix.map(Arc::new);
        self
    }

    /// `/v2/{project_id}/connections/desktops` or `/v2/{project_id}/statistics/metrics/
    /// access-stages`, with a non-empty single-segment project ID.
    pub fn is_api_path(path: &str) -> bool {
        Api::of_path(path).is_some()
    }

    /// Whether a proxied target is this API: `https://workspace.<region>.myhuaweicloud.com/v2/...`.
    pub fn handles_target(url: &Url) -> bool {
        let host_ok = url.host_str().is_some_and(|h| {
            h.strip_prefix("workspace.")
                .and_then(|r| r.strip_suffix(".myhuaweicloud.com"))
                .is_some_and(|region| !region.is_empty() && !region.contains('.'))
        });
        host_ok && Self::is_api_path(url.path())
    }

    /// Answers a request made through the proxy URL convention; the client signed for the
    /// target's host.
    pub async fn answer_target(&self, url: &Url, request: Request) -> Response {
        let host = match url.port() {
            Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
            None => url.host_str().unwrap_or_default().to_owned(),
        };
        self.answer(
            request.method(),
            request.headers(),
            &host,
            url.path(),
            url.query().unwrap_or(""),
        )
        .await
    }

    /// Answers a request made directly to `/v2/...`; the client signed for our `Host`.
    pub async fn answer_direct(&self, request: Request) -> Response {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let path = request.uri().path().to_owned();
        let query = request.uri().query().unwrap_or("").to_owned();
        self.answer(request.method(), request.headers(), &host, &path, &query)
            .await
    }

    async fn answer(
        &self,
        method: &Method,
        headers: &axum::http::HeaderMap,
        signed_host: &str,
        path: &str,
        query: &str,
    ) -> Response {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed);
        let (fault, delay) = self.faults.decide(n);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        match fault {
            Fault::Reset => {
                let mut r = StatusCode::INTERNAL_SERVER_ERROR.into_response();
                r.extensions_mut().insert(DropConnection);
                return r;
            }
            Fault::ServerError(500) => {
                return gateway_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "WKS.0500",
                    "Internal service error (injected).",
                )
            }
            Fault::ServerError(_) => {
                return gateway_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "APIGW.0202",
                    "The API is unavailable (injected).",
                )
            }
            Fault::Throttle => return gateway_error(
                StatusCode::TOO_MANY_REQUESTS,
                "APIGW.0308",
                "The throttling threshold has been reached: policy user over ratelimit (injected).",
            ),
            Fault::Truncate | Fault::None => {}
        }
        if method != Method::GET {
            return gateway_error(
                StatusCode::NOT_FOUND,
                "APIGW.0101",
                "The API does not exist or has not been published in the environment.",
            );
        }

        let header_pairs: Vec<(&str, &str)> = headers
            .iter()
            .filter(|(name, _)| *name != header::HOST)
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
            .collect();
        let auth = AuthRequest {
            method: "GET",
            path,
            query,
            headers: &header_pairs,
            signed_host,
        };
        if let Err(failure) = authenticate(&self.credentials, &auth, (self.clock)()) {
            return gateway_error(StatusCode::UNAUTHORIZED, "APIGW.0301", &failure.message());
        }

        let Some((api, project)) = Api::of_path(path) else {
            return gateway_error(
                StatusCode::NOT_FOUND,
                "APIGW.0101",
                "The API does not exist or has not been published in the environment.",
            );
        };
        let project_id = logins_core::api::encoding::percent_decode(project);
        let Some(project) = self.projects.iter().find(|p| p.id == project_id) else {
            return gateway_error(
                StatusCode::FORBIDDEN,
                "APIGW.0302",
                "The IAM user is not authorized to access this project.",
            );
        };
        let body = match api {
            Api::LoginRecords => self.login_records(project, query),
            Api::AccessStages => self.access_stages(project, query),
        };
        let body = match body {
            Ok(body) => body,
            Err(Refusal(status, code, message)) => return gateway_error(status, code, &message),
        };
        let body = if fault == Fault::Truncate {
            body[..body.len() / 2].to_owned()
        } else {
            body
        };
        json_response(StatusCode::OK, body)
    }

    /// The body of a login-records page, or the 400 answer.
    fn login_records(&self, project: &Project, query: &str) -> Result<String, Refusal> {
        let params = params::parse(query)
            .map_err(|e| Refusal(StatusCode::BAD_REQUEST, params::BAD_PARAMETER, e.0))?;
        if let (Some(rejected), Some(given)) = (&self.reject_user_name, &params.user_name) {
            if rejected.eq_ignore_ascii_case(given) {
                return Err(Refusal(
                    StatusCode::BAD_REQUEST,
                    params::BAD_PARAMETER,
                    "Parameter user_name is invalid (rejected by --reject-user-name).".to_owned(),
                ));
            }
        }
        let filter = Filter::from_params(&params);
        if let Some(live) = &project.live {
            let now = (self.clock)().timestamp();
            return Ok(live.page_json(&filter, params.offset, params.limit, now));
        }
        Ok(match &project.hostile {
            Some(mix) => {
                hostile::page_json(&project.data, mix, &filter, params.offset, params.limit)
            }
            None => page_json(&project.data, &filter, params.offset, params.limit),
        })
    }

    /// The body of one login's access stages, or the 400/403 answer.
    fn access_stages(&self, project: &Project, query: &str) -> Result<String, Refusal> {
        if self.stages_deny {
            return Err(Refusal(
                StatusCode::FORBIDDEN,
                "APIGW.0302",
                "The IAM user is not authorized to perform \
                 workspace:statistics:getUserAccessStages (denied by --stages-deny)."
                    .to_owned(),
            ));
        }
        let pairs = logins_core::api::encoding::parse_query_string(query);
        let mut ids = pairs.iter().filter(|(k, _)| k == "transaction_id");
        let transaction_id = match (ids.next(), ids.next()) {
            (Some((_, id)), None) if !id.is_empty() => id,
            (Some(_), Some(_)) => {
                return Err(Refusal(
                    StatusCode::BAD_REQUEST,
                    params::BAD_PARAMETER,
                    "Parameter transaction_id is given more than once.".to_owned(),
                ))
            }
            _ => {
                return Err(Refusal(
                    StatusCode::BAD_REQUEST,
                    params::BAD_PARAMETER,
                    "Parameter transaction_id is required.".to_owned(),
                ))
            }
        };
        if let Some(live) = &project.live {
            let now = (self.clock)().timestamp();
            return Ok(live.stages_json(transaction_id, now));
        }
        let index = project.by_transaction.get_or_init(|| {
            project
                .data
                .iter()
                .enumerate()
                .filter_map(|(i, row)| Some((row.transaction_id()?, i)))
                .collect()
        });
        Ok(
            match index.get(transaction_id).and_then(|&i| project.data.get(i)) {
                Some(row) => access_stages::stages_json(row),
                None => access_stages::unknown_json(),
            },
        )
    }
}

/// The page body: `{"total_count": N, "records": [...]}` for the filtered rows, newest first.
pub fn page_json(data: &DemoData, filter: &Filter, offset: u32, limit: u32) -> String {
    page_body(
        data.iter(),
        |row| filter.is_empty() || filter.matches(row),
        offset,
        limit,
        |row| row.to_record(),
    )
}

/// A page body over any rows: `{"total_count", "records"}` for the rows that `keep` lets
/// through, `limit` of them from `offset`. Every row is tested (the total needs all of them);
/// only the page's are turned into `record`s, the costly part.
pub(crate) fn page_body<S, R: serde::Serialize>(
    rows: impl Iterator<Item = S>,
    keep: impl Fn(&S) -> bool,
    offset: u32,
    limit: u32,
    record: impl Fn(S) -> R,
) -> String {
    let (offset, limit) = (offset as usize, limit as usize);
    let mut records = Vec::with_capacity(limit.min(1000));
    let mut total = 0usize;
    for row in rows.filter(|row| keep(row)) {
        if total >= offset && records.len() < limit {
            records.push(record(row));
        }
        total += 1;
    }
    serde_json::to_string(&Page {
        total_count: total,
        records,
    })
    .unwrap_or_default()
}

#[derive(serde::Serialize)]
struct Page<R> {
    total_count: usize,
    records: Vec<R>,
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, Body::from(body)).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    r
}

/// An API's refusal of a request that passed authentication: status, code, message.
struct Refusal(StatusCode, &'static str, String);

/// An error as the gateway and the Workspace service write it.
fn gateway_error(status: StatusCode, code: &'static str, msg: &str) -> Response {
    ApiError::new(status, code, msg).into_response()
}
