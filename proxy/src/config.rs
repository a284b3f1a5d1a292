//! Command-line flags and how they become a [`ServerConfig`].

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use logins_core::api::secret::Secret;
use logins_core::demo::{DemoData, DemoSpec};

use crate::access_log::LogSink;
use crate::allowlist::{Allowlist, HostPattern, DEFAULT_ALLOWED_HOST};
use crate::app::ServerConfig;
use crate::cors::{OriginPolicy, OriginRule};
use crate::forward::ForwardLimits;
use crate::resolver::GuardedResolver;
use crate::server::ServerLimits;
use crate::standin::app_config::DemoSettings;
use crate::standin::auth::{Credentials, TemporaryKey};
use crate::standin::faults::FaultPlan;
use crate::standin::incident::Incident;
use crate::standin::instant::parse_instant;
use crate::standin::test_clock::TestClock;
use crate::standin::StandIn;

/// Demo credentials: not secrets, printed at start and used by the app's demo preset.
pub const DEMO_AK: &str = "DEMOAKLOGINSVIEWER01";
pub const DEMO_SK: &str = "demoSKloginsViewerNotASecret0000000000001";
pub const DEMO_TOKEN: &str = "demo-iam-token-logins-viewer";
pub const DEMO_PROJECT_ID: &str = "0e69423d4400f4a82f67c0059a1e4cc8";

#[derive(Parser, Debug, Clone)]
#[command(
    name = "logins-proxy",
    version,
    about = "CORS proxy with a host allowlist, and a stand-in Workspace API"
)]
pub struct Args {
    /// Address to listen on (loopback only unless you know why).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// Allowed upstream host: `name`, `*.suffix`, optionally `:port` (repeatable).
    #[arg(long = "allow-host", default_value = DEFAULT_ALLOWED_HOST)]
    pub allow_host: Vec<String>,
    /// Allowed browser origin: `scheme://host[:port]`, `loopback` or `*` (repeatable).
    /// Default: loopback origins on any port.
    #[arg(long = "allow-origin")]
    pub allow_origin: Vec<String>,
    /// Allow plain-http upstream URLs. For tests with a local upstream only.
    #[arg(long)]
    pub allow_insecure_upstream: bool,
    /// Pin a host name to an address, `HOST=IP:PORT` (repeatable); pinned names skip the
    /// public-address check. For tests and debugging.
    #[arg(long = "resolve")]
    pub resolve: Vec<String>,
    /// Upstream timeout (whole exchange), seconds.
    #[arg(long, default_value_t = 30)]
    pub upstream_timeout_secs: u64,
    /// Largest request body forwarded, bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub max_request_bytes: usize,
    /// Largest upstream response passed back, bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_response_bytes: usize,
    /// Requests handled at once; more get 503 PROXY.0503.
    #[arg(long, default_value_t = 64)]
    pub max_concurrency: usize,
    /// Seconds a client may take to send a request head; also how long a kept-alive
    /// connection may sit idle. Past it the connection is closed without an answer.
    #[arg(long, default_value_t = 15)]
    pub header_timeout_secs: u64,
    /// Seconds a client may take to send a request body after its head; past it the proxy
    /// answers 408 PROXY.0408 and closes the connection.
    #[arg(long, default_value_t = 30)]
    pub body_timeout_secs: u64,
    /// Seconds a client may go without reading any of an answer being sent to it; past it the
    /// connection is closed.
    #[arg(long, default_value_t = 30)]
    pub write_timeout_secs: u64,

    /// Answer the Workspace login-records and access-stages APIs from demo data instead of
    /// forwarding them.
    #[arg(long)]
    pub stand_in: bool,
    /// Number of demo records.
    #[arg(long, default_value_t = 100_000)]
    pub records: usize,
    /// Seed of the demo data and of fault injection.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// "Now" of the demo data, Unix seconds (default: the start time).
    #[arg(long)]
    pub now_unix: Option<i64>,
    #[arg(long, default_value = DEMO_AK)]
    pub ak: String,
    #[arg(long, default_value = DEMO_SK)]
    pub sk: String,
    /// IAM token accepted in X-Auth-Token.
    #[arg(long, default_value = DEMO_TOKEN)]
    pub token: String,
    /// A temporary access key ID also accepted, only with `--temporary-sk` and
    /// `--security-token`: its requests must carry that token in X-Security-Token, signed.
    #[arg(long, value_name = "AK", requires = "temporary_sk")]
    pub temporary_ak: Option<String>,
    /// The secret key of `--temporary-ak`.
    #[arg(long, value_name = "SK", requires = "security_token")]
    pub temporary_sk: Option<String>,
    /// The security token issued with `--temporary-ak`.
    #[arg(long, value_name = "TOKEN", requires = "temporary_ak")]
    pub security_token: Option<String>,
    /// A project the demo credentials may read, as `ID` or `ID:RECORDS`; repeat for several
    /// projects, each with its own data (the first uses `--seed` and `--records`, the k-th
    /// seed + k and its own RECORDS, else `--records`). The first is the one the app prefills.
    #[arg(long = "project-id", value_name = "ID[:RECORDS]", default_value = DEMO_PROJECT_ID)]
    pub project_id: Vec<String>,
    /// Allowed X-Sdk-Date clock skew, seconds.
    #[arg(long, default_value_t = 900)]
    pub max_skew_secs: i64,
    /// Share of requests answered 500/503.
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// Share of requests answered 429 APIGW.0308.
    #[arg(long, default_value_t = 0.0)]
    pub throttle_rate: f64,
    /// Share of 200 answers whose JSON body is cut in half.
    #[arg(long, default_value_t = 0.0)]
    pub truncate_rate: f64,
    /// Share of requests whose connection is closed without an answer.
    #[arg(long, default_value_t = 0.0)]
    pub reset_rate: f64,
    /// Added latency per stand-in answer, ms (±50% jitter).
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Test hook: answer 400 WKS.0002 to requests whose user_name filter is this value.
    #[arg(long, value_name = "NAME")]
    pub reject_user_name: Option<String>,
    /// Test hook: answer 403 APIGW.0302 to every access-stages request, as for an account
    /// without workspace:statistics:getUserAccessStages (the login records are served as usual).
    #[arg(long)]
    pub stages_deny: bool,
    /// Mix hostile records (markup, bidi overrides, 10,000-character strings, invalid dates and
    /// RTTs, nulls, duplicates, unknown fields) into the demo data; alone with `--records 0`.
    #[arg(long)]
    pub hostile: bool,
    /// Live data: the records change as the stand-in's clock moves on (logins arrive late at
    /// the daily rhythm, ongoing sessions end); the data's span ends a week after the start.
    #[arg(long, requires = "stand_in")]
    pub live: bool,
    /// With `--live`: from this time (Unix seconds or RFC 3339) about half the logins fail,
    /// the others have a network RTT of 600-900 ms, and users retry (one more login every
    /// 15 s).
    #[arg(long, value_name = "TIME", requires = "live", value_parser = parse_instant)]
    pub incident_at: Option<i64>,
    /// How long the incident of `--incident-at` lasts, minutes (1 to 1440).
    #[arg(long, value_name = "N", default_value_t = 15, requires = "incident_at")]
    pub incident_minutes: u32,
    /// Tests only: the stand-in's clock starts at this time (Unix seconds or RFC 3339) and
    /// stays there until `POST /__standin/clock?now=T` (loopback only) sets it; it is the now
    /// of the live data and of the signature's date check. Also the data's now unless
    /// `--now-unix` is given.
    #[arg(long, value_name = "TIME", requires = "stand_in", value_parser = parse_instant)]
    pub test_clock: Option<i64>,
    /// Also serve the static files of this directory (the built app) at `/`.
    #[arg(long)]
    pub serve_dir: Option<PathBuf>,
}

/// The stand-in's projects, for the start-up banner: ID, the records it holds (with `--live`,
/// also those still to arrive) and how many are listed now.
pub type ServedProjects = Vec<(String, usize, usize)>;

/// `--project-id ID[:RECORDS]`.
struct ProjectSpec {
    id: String,
    records: usize,
}

impl ProjectSpec {
    fn parse(spec: &str, default_records: usize) -> Result<ProjectSpec, String> {
        let (id, records) = match spec.split_once(':') {
            Some((id, n)) => (
                id,
                n.trim().parse().map_err(|_| {
                    format!("--project-id: {n:?} is not a record count in {spec:?}")
                })?,
            ),
            None => (spec, default_records),
        };
        let id = id.trim();
        if id.is_empty() || id.contains(['/', '?', '#', '%']) {
            return Err(format!("--project-id: {spec:?} is not a project ID"));
        }
        Ok(ProjectSpec {
            id: id.to_owned(),
            records,
        })
    }
}

impl Args {
    /// The accept loop's time limits on slow clients (at least one second each).
    pub fn server_limits(&self) -> ServerLimits {
        ServerLimits {
            header_timeout: Duration::from_secs(self.header_timeout_secs.max(1)),
            body_timeout: Duration::from_secs(self.body_timeout_secs.max(1)),
            write_timeout: Duration::from_secs(self.write_timeout_secs.max(1)),
        }
    }

    /// `--temporary-ak`, `--temporary-sk` and `--security-token` together (each requires the
    /// next, in a cycle, so clap insists on all three when one is given).
    fn temporary_key(&self) -> Option<TemporaryKey> {
        Some(TemporaryKey {
            access_key: self.temporary_ak.clone()?,
            secret_key: Secret::new(self.temporary_sk.clone()?),
            security_token: Secret::new(self.security_token.clone()?),
        })
    }

    /// Builds the application configuration, or says which flag is wrong.
    pub fn into_config(
        self,
        log: LogSink,
    ) -> Result<(ServerConfig, Option<ServedProjects>), String> {
        let patterns = self
            .allow_host
            .iter()
            .map(|p| HostPattern::parse(p))
            .collect::<Result<Vec<_>, _>>()?;
        let origins = self
            .allow_origin
            .iter()
            .map(|o| OriginRule::parse(o))
            .collect::<Result<Vec<_>, _>>()?;
        let mut pinned = HashMap::new();
        for r in &self.resolve {
            let (host, addr) = r
                .split_once('=')
                .ok_or_else(|| format!("--resolve wants HOST=IP:PORT, got {r:?}"))?;
            let addr: SocketAddr = addr
                .parse()
                .map_err(|_| format!("--resolve: bad address in {r:?}"))?;
            pinned.insert(host.trim().to_ascii_lowercase(), addr);
        }
        let faults = FaultPlan {
            seed: self.seed,
            fail_rate: self.fail_rate,
            throttle_rate: self.throttle_rate,
            truncate_rate: self.truncate_rate,
            reset_rate: self.reset_rate,
            latency_ms: self.latency_ms,
        };
        faults.validate()?;
        let projects = self
            .project_id
            .iter()
            .map(|spec| ProjectSpec::parse(spec, self.records))
            .collect::<Result<Vec<_>, _>>()?;
        let first_project = projects.first().map(|p| p.id.clone()).unwrap_or_default();
        let app_settings = self.stand_in.then(|| DemoSettings {
            project_id: first_project.clone(),
            access_key_id: self.ak.clone(),
            secret_access_key: self.sk.clone(),
            iam_token: self.token.clone(),
        });
        if self.live && self.hostile {
            return Err("--live and --hostile do not go together".to_owned());
        }
        if !(1..=1440).contains(&self.incident_minutes) {
            return Err("--incident-minutes: from 1 to 1440".to_owned());
        }
        let (stand_in, data) = if self.stand_in {
            let now = self
                .now_unix
                .or(self.test_clock)
                .unwrap_or_else(|| chrono::Utc::now().timestamp());
            // Live data is generated up to a week ahead and revealed as the clock passes it.
            let generated_now = if self.live {
                now + crate::standin::live::HORIZON_DAYS * 86_400
            } else {
                now
            };
            let datasets: Vec<Arc<DemoData>> = projects
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    Arc::new(DemoData::generate(&DemoSpec {
                        seed: self.seed.wrapping_add(k as u64),
                        records: p.records,
                        now_unix: generated_now,
                    }))
                })
                .collect();
            let data = datasets[0].clone();
            let credentials = Credentials {
                access_key: self.ak.clone(),
                secret_key: Secret::new(self.sk.clone()),
                token: (!self.token.is_empty()).then(|| Secret::new(self.token.clone())),
                max_skew_secs: self.max_skew_secs,
                temporary: self.temporary_key(),
            };
            let clock = Arc::new(chrono::Utc::now);
            let mut s = StandIn::new(data.clone(), credentials, first_project, faults, clock);
            if let Some(start) = self.test_clock {
                s = s.with_test_clock(TestClock::new(start));
            }
            for (p, data) in projects.iter().zip(&datasets).skip(1) {
                s = s.with_project(p.id.clone(), data.clone());
            }
            let s = s
                .with_rejected_user_name(self.reject_user_name.clone())
                .with_stages_denied(self.stages_deny)
                .with_hostile(
                    self.hostile
                        .then(|| crate::standin::hostile::HostileMix::new(data.len(), now)),
                );
            let s = if self.live {
                s.with_live(self.incident_at.map(|start| Incident {
                    start,
                    minutes: self.incident_minutes,
                }))
            } else {
                s
            };
            let served = s.served();
            (Some(s), Some(served))
        } else {
            (None, None)
        };
        let config = ServerConfig {
            allowlist: Allowlist::new(patterns, self.allow_insecure_upstream),
            origins: OriginPolicy::new(origins),
            resolver: GuardedResolver::new(pinned),
            limits: ForwardLimits {
                max_request_body: self.max_request_bytes,
                max_response_body: self.max_response_bytes,
                timeout: Duration::from_secs(self.upstream_timeout_secs.max(1)),
            },
            max_concurrency: self.max_concurrency,
            stand_in,
            app_settings,
            serve_dir: self.serve_dir,
            log,
        };
        Ok((config, data))
    }
}
