//! The stand-in API over loopback: authentication, validation, paging, filters, faults.

mod support;

use std::collections::HashSet;

use axum::http::StatusCode;
use logins_core::api::encoding::canonical_query_string;
use logins_core::api::secret::Secret;
use logins_core::api::sign::{format_sdk_date, sign, SigningInput};
use logins_core::demo::{DemoData, DemoSpec};
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK, DEMO_TOKEN};
use support::*;

const TARGET: &str = "workspace.cn-north-4.myhuaweicloud.com";
const NOW: &str = "1720000000";

async fn stand_in(extra: &[&str]) -> Proxy {
    let mut flags = vec![
        "--stand-in",
        "--records",
        "3000",
        "--seed",
        "7",
        "--now-unix",
        NOW,
    ];
    flags.extend_from_slice(extra);
    start_proxy(&flags).await
}

struct Call<'a> {
    host: &'a str,
    project: &'a str,
    pairs: Vec<(&'a str, String)>,
    ak: &'a str,
    sk: &'a str,
    date: String,
    /// `X-Security-Token` to send, and whether to list it in `SignedHeaders`.
    security_token: Option<&'a str>,
    sign_security_token: bool,
}

impl<'a> Call<'a> {
    fn new(pairs: &[(&'a str, &str)]) -> Self {
        Call {
            host: TARGET,
            project: DEMO_PROJECT_ID,
            pairs: pairs.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            ak: DEMO_AK,
            sk: DEMO_SK,
            date: format_sdk_date(chrono::Utc::now()),
            security_token: None,
            sign_security_token: false,
        }
    }

    /// Signs for `self.host` and sends through the proxy convention (or directly when the
    /// host is the proxy's own address).
    async fn send(&self, proxy: &Proxy) -> Reply {
        let path = format!("/v2/{}/connections/desktops", self.project);
        let query: Vec<(&str, &str)> = self.pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut signed_headers = vec![
            ("Host", self.host),
            ("X-Sdk-Date", self.date.as_str()),
            ("X-Project-Id", self.project),
        ];
        if let (Some(token), true) = (self.security_token, self.sign_security_token) {
            signed_headers.push(("X-Security-Token", token));
        }
        let signed = sign(
            &SigningInput {
                method: "GET",
                path: &path,
                query: &query,
                headers: &signed_headers,
                body: b"",
            },
            self.ak,
            &Secret::new(self.sk),
        )
        .unwrap();
        let qs = canonical_query_string(&query);
        let qs = if qs.is_empty() {
            String::new()
        } else {
            format!("?{qs}")
        };
        let url = if self.host == proxy.addr.to_string() {
            proxy.url(&format!("{path}{qs}"))
        } else {
            proxy.url(&format!("/https://{}{path}{qs}", self.host))
        };
        let mut headers = vec![
            ("Authorization", signed.authorization.as_str()),
            ("X-Sdk-Date", self.date.as_str()),
            ("X-Project-Id", self.project),
            ("Content-Type", "application/json"),
        ];
        if let Some(token) = self.security_token {
            headers.push(("X-Security-Token", token));
        }
        get(&url, &headers).await
    }
}

fn expected_data() -> DemoData {
    DemoData::generate(&DemoSpec {
        seed: 7,
        records: 3000,
        now_unix: NOW.parse().unwrap(),
    })
}

#[tokio::test]
async fn signatures_are_verified_for_the_signed_host() {
    let proxy = stand_in(&[]).await;
    let ok = Call::new(&[("limit", "5")]).send(&proxy).await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.body);
    let page = ok.json();
    assert_eq!(page["total_count"], 3000);
    assert_eq!(page["records"].as_array().unwrap().len(), 5);
    assert_eq!(
        page["records"][0],
        serde_json::to_value(expected_data().record(0)).unwrap()
    );
    assert!(ok.header("x-request-id").is_some());

    // Any region works through the proxy convention.
    let mut other_region = Call::new(&[]);
    other_region.host = "workspace.ap-southeast-1.myhuaweicloud.com";
    assert_eq!(other_region.send(&proxy).await.status, StatusCode::OK);

    // Directly, signed for the stand-in's own host.
    let own = proxy.addr.to_string();
    let mut direct = Call::new(&[("limit", "1")]);
    direct.host = &own;
    assert_eq!(direct.send(&proxy).await.status, StatusCode::OK);

    let mut wrong_sk = Call::new(&[]);
    wrong_sk.sk = "not-the-demo-sk";
    let mut unknown_ak = Call::new(&[]);
    unknown_ak.ak = "SOMEOTHERAK";
    let mut stale = Call::new(&[]);
    stale.date = format_sdk_date(chrono::Utc::now() - chrono::Duration::minutes(16));
    let mut future = Call::new(&[]);
    future.date = format_sdk_date(chrono::Utc::now() + chrono::Duration::minutes(16));
    for (name, call) in [
        ("wrong sk", wrong_sk),
        ("unknown ak", unknown_ak),
        ("stale date", stale),
        ("future date", future),
    ] {
        let r = call.send(&proxy).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name}");
        assert_eq!(r.error_code(), "APIGW.0301", "{name}");
        assert!(!String::from_utf8_lossy(&r.body).contains(DEMO_SK));
    }
    // Signed for the target host but sent directly: the host differs, so it fails.
    let signed_for_target = Call::new(&[]);
    let path = format!("/v2/{DEMO_PROJECT_ID}/connections/desktops");
    let query: Vec<(&str, &str)> = vec![];
    let s = sign(
        &SigningInput {
            method: "GET",
            path: &path,
            query: &query,
            headers: &[("Host", TARGET), ("X-Sdk-Date", &signed_for_target.date)],
            body: b"",
        },
        DEMO_AK,
        &Secret::new(DEMO_SK),
    )
    .unwrap();
    let r = get(
        &proxy.url(&path),
        &[
            ("Authorization", &s.authorization),
            ("X-Sdk-Date", &signed_for_target.date),
        ],
    )
    .await;
    assert_eq!(r.error_code(), "APIGW.0301");
    // A malformed X-Sdk-Date.
    let target_url = proxy.url(&format!("/https://{TARGET}{path}"));
    let r = get(
        &target_url,
        &[
            ("Authorization", &s.authorization),
            ("X-Sdk-Date", "2024-01-15T08:30:00Z"),
        ],
    )
    .await;
    assert_eq!(r.error_code(), "APIGW.0301");
    let r = get(
        &target_url,
        &[
            ("Authorization", &s.authorization),
            ("X-Sdk-Date", &signed_for_target.date),
        ],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "the same signature through the proxy convention"
    );

    // Another project than the demo one.
    let mut other_project = Call::new(&[]);
    other_project.project = "ffffffffffffffffffffffffffffffff";
    assert_eq!(
        other_project.send(&proxy).await.status,
        StatusCode::FORBIDDEN
    );

    // Logs carry no signature.
    let logs = proxy.log_text();
    assert!(
        !logs.contains("Signature") && !logs.contains(DEMO_SK),
        "{logs}"
    );
}

#[tokio::test]
async fn token_is_accepted_and_checked() {
    let proxy = stand_in(&[]).await;
    let url = proxy.url(&format!(
        "/https://{TARGET}/v2/{DEMO_PROJECT_ID}/connections/desktops?limit=2"
    ));
    let ok = get(&url, &[("X-Auth-Token", DEMO_TOKEN)]).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["records"].as_array().unwrap().len(), 2);
    let bad = get(&url, &[("X-Auth-Token", "wrong")]).await;
    assert_eq!(
        (bad.status, bad.error_code().as_str()),
        (StatusCode::UNAUTHORIZED, "APIGW.0301")
    );
    let none = get(&url, &[]).await;
    assert_eq!(none.error_code(), "APIGW.0301");
    assert!(!proxy.log_text().contains(DEMO_TOKEN));
}

const TEMP_AK: &str = "TEMPAKLOGINSVIEWER01";
const TEMP_SK: &str = "tempSKloginsViewerNotASecret0000000000001";
const SECURITY_TOKEN: &str = "demo-security-token-of-the-temporary-ak";

#[tokio::test]
async fn a_temporary_ak_needs_its_own_security_token_signed() {
    let proxy = stand_in(&[
        "--temporary-ak",
        TEMP_AK,
        "--temporary-sk",
        TEMP_SK,
        "--security-token",
        SECURITY_TOKEN,
    ])
    .await;
    let temporary = |token: Option<&'static str>, signed: bool| {
        let mut call = Call::new(&[("limit", "3")]);
        call.ak = TEMP_AK;
        call.sk = TEMP_SK;
        call.security_token = token;
        call.sign_security_token = signed;
        call
    };
    let ok = temporary(Some(SECURITY_TOKEN), true).send(&proxy).await;
    assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.body);
    assert_eq!(ok.json()["records"].as_array().unwrap().len(), 3);

    let almost = &SECURITY_TOKEN[..SECURITY_TOKEN.len() - 1];
    for (name, call, why) in [
        (
            "missing",
            temporary(None, false),
            "without X-Security-Token",
        ),
        (
            "wrong",
            temporary(Some("another-security-token"), true),
            "security token is invalid",
        ),
        (
            "a prefix",
            temporary(Some(almost), true),
            "security token is invalid",
        ),
        (
            "not signed",
            temporary(Some(SECURITY_TOKEN), false),
            "not in SignedHeaders",
        ),
    ] {
        let r = call.send(&proxy).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name}: {:?}", r.body);
        assert_eq!(r.error_code(), "APIGW.0301", "{name}");
        let msg = r.json()["error_msg"].as_str().unwrap().to_owned();
        assert!(msg.contains(why), "{name}: {msg}");
        assert!(
            !msg.contains(SECURITY_TOKEN) && !msg.contains(TEMP_SK),
            "{name}: {msg}"
        );
    }
    // The temporary AK signed with another SK.
    let mut wrong_sk = temporary(Some(SECURITY_TOKEN), true);
    wrong_sk.sk = DEMO_SK;
    assert_eq!(wrong_sk.send(&proxy).await.status, StatusCode::UNAUTHORIZED);

    // The permanent AK is unaffected: no token needed.
    let permanent = Call::new(&[("limit", "2")]).send(&proxy).await;
    assert_eq!(permanent.status, StatusCode::OK, "{:?}", permanent.body);
    assert!(!proxy.log_text().contains(SECURITY_TOKEN));

    // Without the flags the temporary AK is unknown; the flags come as a set of three.
    let plain = stand_in(&[]).await;
    let r = temporary(Some(SECURITY_TOKEN), true).send(&plain).await;
    assert_eq!(r.error_code(), "APIGW.0301");
    assert!(r.json()["error_msg"]
        .as_str()
        .unwrap()
        .contains("AK not found"));
    for partial in [
        &["--temporary-ak", TEMP_AK][..],
        &["--temporary-ak", TEMP_AK, "--temporary-sk", TEMP_SK],
        &["--security-token", SECURITY_TOKEN],
    ] {
        let argv = [&["logins-proxy", "--stand-in"][..], partial].concat();
        assert!(
            <logins_proxy::config::Args as clap::Parser>::try_parse_from(argv).is_err(),
            "{partial:?} accepted"
        );
    }
}

#[tokio::test]
async fn each_validation_rule_is_a_400() {
    let proxy = stand_in(&[]).await;
    let cases: &[&[(&str, &str)]] = &[
        &[("limit", "1001")],
        &[("limit", "-1")],
        &[("limit", "ten")],
        &[("offset", "-5")],
        &[("offset", "2147483648")],
        &[("min_network_rtt", "1.5")],
        &[("max_network_rtt", "x")],
        &[("min_network_rtt", "50"), ("max_network_rtt", "10")],
        &[("start_time", "2024-07-01T00:00Z")],
        &[("end_time", "2024-07-01T00:00Z")],
        &[
            ("start_time", "2024-07-02T00:00Z"),
            ("end_time", "2024-07-01T00:00Z"),
        ],
        &[
            ("start_time", "2024/07/01 00:00"),
            ("end_time", "2024-07-02T00:00Z"),
        ],
        &[
            ("start_time", "2024-02-30T00:00Z"),
            ("end_time", "2024-07-02T00:00Z"),
        ],
    ];
    for pairs in cases {
        let r = Call::new(pairs).send(&proxy).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{pairs:?}");
        assert_eq!(r.error_code(), "WKS.0002", "{pairs:?}");
        assert!(r.json()["error_msg"].as_str().unwrap().len() > 10);
    }
    let zero = Call::new(&[("limit", "0")]).send(&proxy).await;
    assert_eq!(zero.json()["total_count"], 3000);
    assert_eq!(zero.json()["records"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn reject_user_name_hook_answers_400_after_authentication() {
    let proxy = stand_in(&["--reject-user-name", "reject-me"]).await;
    let r = Call::new(&[("user_name", "Reject-Me")]).send(&proxy).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "WKS.0002");
    assert!(r.json()["error_msg"]
        .as_str()
        .unwrap()
        .contains("user_name"));
    // Authentication comes first, as at the gateway.
    let mut wrong = Call::new(&[("user_name", "reject-me")]);
    wrong.sk = "wrong-secret";
    assert_eq!(wrong.send(&proxy).await.error_code(), "APIGW.0301");
    // Other names, and substrings of the rejected one, are served.
    for name in ["reject", "alice"] {
        let r = Call::new(&[("user_name", name)]).send(&proxy).await;
        assert_eq!(r.status, StatusCode::OK, "{name}");
    }
}

async fn fetch_all(
    proxy: &Proxy,
    filters: &[(&str, &str)],
    limit: usize,
) -> (u64, Vec<serde_json::Value>) {
    let mut all = Vec::new();
    let mut total = None;
    for page in 0..200 {
        let offset = (page * limit).to_string();
        let limit_s = limit.to_string();
        let mut pairs: Vec<(&str, &str)> = filters.to_vec();
        pairs.push(("offset", &offset));
        pairs.push(("limit", &limit_s));
        let r = Call::new(&pairs).send(proxy).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        let body = r.json();
        let t = body["total_count"].as_u64().unwrap();
        assert_eq!(
            *total.get_or_insert(t),
            t,
            "total_count changed between pages"
        );
        let records = body["records"].as_array().unwrap().clone();
        let done = records.len() < limit;
        all.extend(records);
        if done {
            break;
        }
    }
    (total.unwrap(), all)
}

#[tokio::test]
async fn pages_concatenate_to_the_filtered_set() {
    let proxy = stand_in(&[]).await;
    let data = expected_data();
    for (filters, expect) in [
        (
            vec![],
            Box::new(|_: &logins_core::demo::DemoRow| true)
                as Box<dyn Fn(&logins_core::demo::DemoRow) -> bool>,
        ),
        (
            vec![("terminal_type", "windows 10")],
            Box::new(|r: &logins_core::demo::DemoRow| r.terminal_type() == "Windows 10"),
        ),
        (
            vec![("min_network_rtt", "20"), ("max_network_rtt", "40")],
            Box::new(|r: &logins_core::demo::DemoRow| {
                r.network_rtt().is_some_and(|x| (20..=40).contains(&x))
            }),
        ),
    ] {
        let (total, records) = fetch_all(&proxy, &filters, 137).await;
        let expected: Vec<serde_json::Value> = data
            .iter()
            .filter(|r| expect(r))
            .map(|r| serde_json::to_value(r.to_record()).unwrap())
            .collect();
        assert_eq!(total as usize, expected.len(), "{filters:?}");
        assert_eq!(
            records.len(),
            expected.len(),
            "{filters:?}: gaps or duplicates"
        );
        assert_eq!(records, expected, "{filters:?}");
        let unique: HashSet<String> = records.iter().map(|r| r.to_string()).collect();
        assert_eq!(unique.len(), records.len(), "duplicates");
        let starts: Vec<&str> = records
            .iter()
            .map(|r| r["connection_start_time"].as_str().unwrap())
            .collect();
        assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest first");
    }
    // Past the end: empty page, same total.
    let r = Call::new(&[("offset", "5000")]).send(&proxy).await;
    assert_eq!(r.json()["total_count"], 3000);
    assert!(r.json()["records"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn filters_select_what_they_document() {
    let proxy = stand_in(&[]).await;
    let data = expected_data();
    let user = data.record(10).user_name.unwrap();
    let fragment = user[1..user.len().min(6)].to_uppercase();
    let (_, records) = fetch_all(&proxy, &[("user_name", &fragment)], 1000).await;
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["user_name"]
        .as_str()
        .unwrap()
        .to_uppercase()
        .contains(&fragment)));

    let computer = data.record(3).computer_name.unwrap();
    let (_, records) = fetch_all(&proxy, &[("computer_name", &computer)], 1000).await;
    assert!(records
        .iter()
        .any(|r| r["computer_name"] == computer.as_str()));

    let start = &data.record(500).connection_start_time.unwrap().raw[..16];
    let end = &data.record(100).connection_start_time.unwrap().raw[..16];
    let (s, e) = (format!("{start}Z"), format!("{end}Z"));
    let (total, records) = fetch_all(&proxy, &[("start_time", &s), ("end_time", &e)], 1000).await;
    assert!(total >= 401, "{total}");
    for r in &records {
        let t = &r["connection_start_time"].as_str().unwrap()[..16];
        assert!(t >= start && t <= end, "{t} outside {start}..{end}");
    }
}

#[tokio::test]
async fn injected_faults_occur_at_their_rates() {
    let proxy = stand_in(&[
        "--fail-rate",
        "0.2",
        "--throttle-rate",
        "0.1",
        "--truncate-rate",
        "0.1",
        "--reset-rate",
        "0.1",
    ])
    .await;
    let url = proxy.url(&format!(
        "/v2/{DEMO_PROJECT_ID}/connections/desktops?limit=3"
    ));
    let n = 400;
    let (mut ok, mut server_err, mut throttled, mut truncated, mut reset) = (0, 0, 0, 0, 0);
    for _ in 0..n {
        match send("GET", &url, &[("X-Auth-Token", DEMO_TOKEN)], b"").await {
            Err(_) => reset += 1,
            Ok(r) => match r.status.as_u16() {
                200 if serde_json::from_slice::<serde_json::Value>(&r.body).is_ok() => ok += 1,
                200 => truncated += 1,
                500 | 503 => server_err += 1,
                429 => {
                    assert_eq!(r.error_code(), "APIGW.0308");
                    throttled += 1
                }
                other => panic!("unexpected {other}"),
            },
        }
    }
    let share = |k: i32| f64::from(k) / f64::from(n);
    assert!(
        (share(server_err) - 0.2).abs() < 0.06,
        "server errors {server_err}"
    );
    assert!(
        (share(throttled) - 0.1).abs() < 0.05,
        "throttled {throttled}"
    );
    assert!(
        (share(truncated) - 0.1).abs() < 0.05,
        "truncated {truncated}"
    );
    assert!((share(reset) - 0.1).abs() < 0.05, "reset {reset}");
    assert!((share(ok) - 0.5).abs() < 0.08, "ok {ok}");

    // `--latency-ms` delays each answer by the plan's delay for its arrival number (the ±50%
    // jitter range is `faults.rs`'s unit test). A sleep never ends early, so this lower bound
    // cannot flake; there is no upper bound, which would only measure the machine's load.
    let slow = stand_in(&["--latency-ms", "100"]).await;
    let plan = logins_proxy::standin::faults::FaultPlan {
        seed: 7,
        latency_ms: 100,
        ..Default::default()
    };
    let url = slow.url(&format!(
        "/v2/{DEMO_PROJECT_ID}/connections/desktops?limit=1"
    ));
    for n in 0..5 {
        let (_, delay) = plan.decide(n);
        let t = std::time::Instant::now();
        let r = get(&url, &[("X-Auth-Token", DEMO_TOKEN)]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            t.elapsed() >= delay,
            "request {n}: {:?} < {delay:?}",
            t.elapsed()
        );
    }
}

#[tokio::test]
async fn several_projects_each_serve_their_own_data() {
    let proxy = stand_in(&[
        "--project-id",
        DEMO_PROJECT_ID,
        "--project-id",
        "second-project:500",
        "--project-id",
        "third-project:1200",
    ])
    .await;
    let page = |project: &'static str| {
        let mut call = Call::new(&[("limit", "1000")]);
        call.project = project;
        call
    };
    let first = page(DEMO_PROJECT_ID).send(&proxy).await.json();
    assert_eq!(first["total_count"], 3000, "the first keeps --records");
    let second = page("second-project").send(&proxy).await.json();
    assert_eq!(second["total_count"], 500);
    let third = page("third-project").send(&proxy).await.json();
    assert_eq!(third["total_count"], 1200);
    // Each project's data is its own deterministic set: the k-th project uses seed + k.
    let expected = DemoData::generate(&DemoSpec {
        seed: 8,
        records: 500,
        now_unix: NOW.parse().unwrap(),
    });
    let ids = |body: &serde_json::Value| -> Vec<Option<String>> {
        body["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["transaction_id"].as_str().map(str::to_owned))
            .collect()
    };
    let expected_ids: Vec<Option<String>> = (0..500)
        .map(|i| expected.record(i).transaction_id)
        .collect();
    assert_eq!(ids(&second), expected_ids);
    assert_ne!(ids(&first)[..500], ids(&second)[..]);
    // A project not served is refused as the gateway refuses it.
    let other = page("not-served").send(&proxy).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(other.json()["error_code"], "APIGW.0302");
}

#[test]
fn a_malformed_project_flag_is_refused_at_start() {
    use clap::Parser;
    for bad in ["p:many", ":10", "a/b"] {
        let args = logins_proxy::config::Args::parse_from([
            "logins-proxy",
            "--stand-in",
            "--project-id",
            bad,
        ]);
        let refused = args.into_config(std::sync::Arc::new(|_| {}));
        assert!(refused.is_err(), "{bad} was accepted");
    }
}
