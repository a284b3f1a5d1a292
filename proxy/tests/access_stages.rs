//! The stand-in's access-stages API over loopback, called the way the app calls it: planned and
//! signed by `logins_core`'s `plan_request`, sent through the proxy URL convention, read by
//! `logins_core::stages`.

mod support;

use std::sync::Arc;
use std::time::Instant;

use axum::http::StatusCode;
use logins_core::api::credentials::Credentials;
use logins_core::api::endpoint::region;
use logins_core::api::error_report::ReportContext;
use logins_core::api::proxy_url::ProxyUrl;
use logins_core::api::query::{Query, QueryForm};
use logins_core::api::request::{plan_request, HeaderSet};
use logins_core::demo::{DemoData, DemoSpec};
use logins_core::paging::{FailureKind, RetryPolicy};
use logins_core::stages::{
    read_stages_response, report_stages_problem, AccessStagesRequest, Next, StagesAnalysis,
    StagesAnswer, StartRate, IAM_ACTION,
};
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK, DEMO_TOKEN};
use support::*;

const NOW: &str = "1720000000";

async fn stand_in(extra: &[&str]) -> Proxy {
    let mut flags = vec![
        "--stand-in",
        "--records",
        "2000",
        "--seed",
        "11",
        "--now-unix",
        NOW,
    ];
    flags.extend_from_slice(extra);
    start_proxy(&flags).await
}

fn data() -> DemoData {
    DemoData::generate(&DemoSpec {
        seed: 11,
        records: 2000,
        now_unix: NOW.parse().unwrap(),
    })
}

fn query() -> Query {
    QueryForm {
        project_id: DEMO_PROJECT_ID.into(),
        ..QueryForm::default()
    }
    .validate()
    .unwrap()
}

fn access_key() -> Credentials {
    Credentials::access_key(DEMO_AK, DEMO_SK, "").unwrap()
}

/// Plans the access-stages request of `transaction_id` as the app does and sends it through the
/// proxy to the real Workspace host, which the stand-in answers.
async fn ask(
    proxy: &Proxy,
    transaction_id: &str,
    credentials: &Credentials,
) -> Result<Reply, String> {
    let call = AccessStagesRequest::new(&query(), transaction_id).unwrap();
    let endpoint = region("cn-north-4").unwrap().endpoint();
    let plan = plan_request(
        &endpoint,
        &call,
        credentials,
        HeaderSet::Default,
        chrono::Utc::now(),
    );
    let proxy_url = ProxyUrl::parse(&format!("http://{}", proxy.addr)).unwrap();
    let url = plan.fetch_url(proxy_url.as_ref());
    send("GET", &url, &plan.fetch_headers(), b"").await
}

fn read(reply: &Reply) -> Result<StagesAnswer, logins_core::api::response::ResponseProblem> {
    read_stages_response(
        reply.status.as_u16(),
        &String::from_utf8_lossy(&reply.body),
        reply.header("x-request-id"),
    )
}

#[tokio::test]
async fn signed_requests_get_the_phases_of_each_record_consistent_with_it() {
    let proxy = stand_in(&[]).await;
    let data = data();
    let failed = data
        .iter()
        .position(|r| r.failure_reason().is_some())
        .unwrap();
    let slow = data
        .iter()
        .position(|r| {
            r.failure_reason().is_none() && r.setup_secs() >= 8 && r.transaction_id().is_some()
        })
        .unwrap();
    for index in [0, failed, slow] {
        let row = data.get(index).unwrap();
        let record = row.to_record();
        let reply = ask(
            &proxy,
            record.transaction_id.as_deref().unwrap(),
            &access_key(),
        )
        .await
        .unwrap();
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let answer = read(&reply).unwrap();
        assert_eq!(answer.username, record.user_name);
        assert_eq!(answer.biz_type.as_deref(), Some("DESKTOP"));
        match &record.connection_failure_reason {
            Some(reason) => {
                let stage = answer.failed_stage().expect("a failed phase");
                assert!(stage
                    .error_code
                    .as_deref()
                    .is_some_and(|c| c.starts_with("WKS.")));
                assert_eq!(stage.error_msg.as_ref(), Some(reason));
            }
            None => {
                let start = record.connection_start_time.unwrap().parsed.unwrap();
                let setup = record.connection_setup_time.unwrap().parsed.unwrap();
                let sum: i64 = answer.stages.iter().filter_map(|s| s.duration()).sum();
                assert!(((setup - start).num_milliseconds() - sum).abs() < 1000);
                assert!(answer.failed_stage().is_none());
            }
        }
    }
}

#[tokio::test]
async fn authentication_is_checked_as_for_the_login_records() {
    let proxy = stand_in(&[]).await;
    let tx = data().get(0).unwrap().transaction_id().unwrap();
    let token = Credentials::token(DEMO_TOKEN).unwrap();
    assert_eq!(
        ask(&proxy, &tx, &token).await.unwrap().status,
        StatusCode::OK
    );

    let wrong_sk = Credentials::access_key(DEMO_AK, "not-the-demo-sk", "").unwrap();
    let wrong_token = Credentials::token("not-the-demo-token").unwrap();
    for credentials in [wrong_sk, wrong_token] {
        let reply = ask(&proxy, &tx, &credentials).await.unwrap();
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.error_code(), "APIGW.0301");
    }
    // Unsigned, directly to the stand-in.
    let url = proxy.url(&format!(
        "/v2/{DEMO_PROJECT_ID}/statistics/metrics/access-stages?transaction_id={tx}"
    ));
    assert_eq!(get(&url, &[]).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        get(&url, &[("X-Auth-Token", DEMO_TOKEN)]).await.status,
        StatusCode::OK
    );
    // Another project is refused, as for the records.
    let other = proxy.url("/v2/other-project/statistics/metrics/access-stages?transaction_id=x");
    let reply = get(&other, &[("X-Auth-Token", DEMO_TOKEN)]).await;
    assert_eq!(
        (reply.status, reply.error_code().as_str()),
        (StatusCode::FORBIDDEN, "APIGW.0302")
    );
}

#[tokio::test]
async fn an_unknown_transaction_id_has_no_stages_and_a_missing_one_is_a_400() {
    let proxy = stand_in(&[]).await;
    let reply = ask(&proxy, "no-such-login", &access_key()).await.unwrap();
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(read(&reply).unwrap(), StagesAnswer::default());
    let base = format!("/v2/{DEMO_PROJECT_ID}/statistics/metrics/access-stages");
    for query in ["", "?transaction_id=", "?transaction_id=a&transaction_id=b"] {
        let reply = get(
            &proxy.url(&format!("{base}{query}")),
            &[("X-Auth-Token", DEMO_TOKEN)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(reply.error_code(), "WKS.0002");
    }
}

#[tokio::test]
async fn stages_deny_answers_403_naming_nothing_secret_and_leaves_the_records_alone() {
    let proxy = stand_in(&["--stages-deny"]).await;
    let tx = data().get(0).unwrap().transaction_id().unwrap();
    let reply = ask(&proxy, &tx, &access_key()).await.unwrap();
    assert_eq!(
        (reply.status, reply.error_code().as_str()),
        (StatusCode::FORBIDDEN, "APIGW.0302")
    );
    let problem = read(&reply).unwrap_err();
    let ctx = ReportContext {
        proxy_url: None,
        browser_now: chrono::Utc::now(),
        server_date: None,
    };
    let report = report_stages_problem(&problem, &ctx, logins_core::i18n::Lang::En);
    assert!(report.hint.unwrap().contains(IAM_ACTION));
    assert!(
        report.request_id.is_some(),
        "the stand-in sends X-Request-Id"
    );
    // Authentication still comes first: a wrong key is a 401, not a 403.
    let wrong = Credentials::access_key(DEMO_AK, "wrong", "").unwrap();
    assert_eq!(
        ask(&proxy, &tx, &wrong).await.unwrap().status,
        StatusCode::UNAUTHORIZED
    );
    // The login records are served.
    let records = proxy.url(&format!(
        "/v2/{DEMO_PROJECT_ID}/connections/desktops?limit=1"
    ));
    assert_eq!(
        get(&records, &[("X-Auth-Token", DEMO_TOKEN)]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn faults_are_injected_on_this_api_too() {
    let tx = data().get(0).unwrap().transaction_id().unwrap();
    let throttled = stand_in(&["--throttle-rate", "1"]).await;
    let reply = ask(&throttled, &tx, &access_key()).await.unwrap();
    assert_eq!(
        (reply.status, reply.error_code().as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "APIGW.0308")
    );
    let truncated = stand_in(&["--truncate-rate", "1"]).await;
    let reply = ask(&truncated, &tx, &access_key()).await.unwrap();
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        read(&reply).unwrap_err().failure_kind(),
        FailureKind::Truncated
    );
    let reset = stand_in(&["--reset-rate", "1"]).await;
    assert!(ask(&reset, &tx, &access_key()).await.is_err(), "no answer");
}

/// The analysis engine against the stand-in with every kind of fault: each login ends analyzed,
/// exactly once. The rate limit is raised here (50 a second) to keep the test short; the limit
/// itself is `core/tests/stages_props.rs`'s.
#[tokio::test]
async fn an_analysis_through_faults_analyzes_every_login() {
    let proxy = Arc::new(
        stand_in(&[
            "--fail-rate",
            "0.15",
            "--throttle-rate",
            "0.1",
            "--truncate-rate",
            "0.05",
            "--reset-rate",
            "0.05",
        ])
        .await,
    );
    let data = data();
    let ids: Vec<String> = data
        .iter()
        .filter_map(|r| r.transaction_id())
        .take(80)
        .collect();
    let policy = RetryPolicy {
        max_attempts: 20,
        base_delay_ms: 5,
        max_delay_ms: 50,
    };
    let mut analysis =
        StagesAnalysis::with_limits(ids.clone(), 500, StartRate::new(50, 1000), 2, policy);
    let clock = Instant::now();
    let now = || clock.elapsed().as_millis() as u64;
    let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut in_flight = 0usize;
    let mut answered = std::collections::HashMap::new();
    let mut jitter = 0.37f64;
    loop {
        let action = analysis.next(now());
        match action {
            Next::Send(job) => {
                in_flight += 1;
                assert!(in_flight <= 2);
                let proxy = proxy.clone();
                let done = done_tx.clone();
                tokio::spawn(async move {
                    let result = ask(&proxy, &job.transaction_id, &access_key()).await;
                    let _ = done.send((job, result));
                });
                continue;
            }
            Next::Finished if in_flight == 0 => break,
            _ => {}
        }
        let (job, result) = match action {
            Next::WaitUntil(t) => {
                let wait = std::time::Duration::from_millis(t.saturating_sub(now()));
                match tokio::time::timeout(wait, done_rx.recv()).await {
                    Ok(Some(done)) => done,
                    _ => continue,
                }
            }
            // Idle, or finished with answers still to come: wait for one (a hang guard only).
            _ => tokio::time::timeout(HANG_GUARD, done_rx.recv())
                .await
                .expect("an answer within the hang guard")
                .expect("senders alive"),
        };
        in_flight -= 1;
        jitter = (jitter * 7.13).fract();
        match result
            .map_err(|_| FailureKind::Network)
            .and_then(|reply| read(&reply).map_err(|problem| problem.failure_kind()))
        {
            Ok(answer) => {
                *answered.entry(job.transaction_id.clone()).or_insert(0) += 1;
                analysis.on_answer(&job, answer);
            }
            Err(kind) => {
                analysis.on_failure(&job, kind, now(), jitter);
            }
        }
    }
    let p = analysis.progress();
    assert_eq!(
        (p.analyzed, p.failed, p.remaining),
        (ids.len(), 0, 0),
        "{p:?}"
    );
    assert!(ids.iter().all(|id| answered.get(id) == Some(&1)));
}
