//! The live stand-in (`--live`, `--incident-at`, `--test-clock`) through the real proxy over
//! loopback: records arrive as the clock moves, ongoing sessions end, the incident fails and
//! slows logins, pages agree at one now, and the clock is the tests' only.

mod support;

use std::collections::{HashMap, HashSet};

use axum::http::StatusCode;
use logins_core::api::encoding::canonical_query_string;
use logins_core::api::secret::Secret;
use logins_core::api::sign::{format_sdk_date, sign, SigningInput};
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK};
use serde_json::Value;
use support::*;

/// 2025-01-01T00:00:00Z, a Wednesday, 08:00 in China: the morning's logins start.
const START: i64 = 1_735_689_600;
const TARGET: &str = "workspace.cn-north-4.myhuaweicloud.com";

async fn live(extra: &[&str]) -> Proxy {
    let start = START.to_string();
    let mut flags = vec![
        "--stand-in",
        "--live",
        "--records",
        "20000",
        "--seed",
        "3",
        "--test-clock",
        &start,
    ];
    flags.extend_from_slice(extra);
    start_proxy(&flags).await
}

/// Sets the stand-in's clock.
async fn set_clock(proxy: &Proxy, now: i64) {
    let r = send(
        "POST",
        &proxy.url(&format!("/__standin/clock?now={now}")),
        &[],
        b"",
    )
    .await
    .expect("answer");
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.json()["now"], now);
}

/// One signed page request, dated `now` (the stand-in checks the date against its clock).
async fn page_at(proxy: &Proxy, now: i64, pairs: &[(&str, &str)]) -> Reply {
    let path = format!("/v2/{DEMO_PROJECT_ID}/connections/desktops");
    let date = format_sdk_date(chrono::DateTime::from_timestamp(now, 0).unwrap());
    let signed = sign(
        &SigningInput {
            method: "GET",
            path: &path,
            query: pairs,
            headers: &[
                ("Host", TARGET),
                ("X-Sdk-Date", date.as_str()),
                ("X-Project-Id", DEMO_PROJECT_ID),
            ],
            body: b"",
        },
        DEMO_AK,
        &Secret::new(DEMO_SK),
    )
    .unwrap();
    let qs = canonical_query_string(pairs);
    let url = proxy.url(&format!("/https://{TARGET}{path}?{qs}"));
    get(
        &url,
        &[
            ("Authorization", signed.authorization.as_str()),
            ("X-Sdk-Date", date.as_str()),
            ("X-Project-Id", DEMO_PROJECT_ID),
        ],
    )
    .await
}

/// Every record the filter selects at `now`, all pages of 1000, and the total each page gave.
async fn all_at(proxy: &Proxy, now: i64, filter: &[(&str, &str)]) -> (Vec<Value>, Vec<u64>) {
    let mut records = Vec::new();
    let mut totals = Vec::new();
    loop {
        let offset = records.len().to_string();
        let mut pairs = filter.to_vec();
        pairs.extend([("limit", "1000"), ("offset", offset.as_str())]);
        let r = page_at(proxy, now, &pairs).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        let page = r.json();
        let got = page["records"].as_array().unwrap().clone();
        totals.push(page["total_count"].as_u64().unwrap());
        let done = got.is_empty();
        records.extend(got);
        if done || records.len() as u64 >= *totals.last().unwrap() {
            return (records, totals);
        }
    }
}

fn window(from: i64, to: i64) -> [(&'static str, String); 2] {
    let minute = |t: i64| logins_core::time::format::format_unix(t)[..16].to_owned() + "Z";
    [("start_time", minute(from)), ("end_time", minute(to))]
}

fn as_pairs<'a>(w: &'a [(&'static str, String); 2]) -> Vec<(&'static str, &'a str)> {
    w.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn start_of(r: &Value) -> i64 {
    let s = r["connection_start_time"].as_str().unwrap();
    chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
}

fn id_of(r: &Value) -> Option<&str> {
    r["transaction_id"].as_str()
}

#[tokio::test]
async fn records_appear_as_the_clock_moves_on() {
    let proxy = live(&[]).await;
    let (before, _) = all_at(&proxy, START, &[]).await;
    assert!(!before.is_empty());
    assert!(before.iter().all(|r| start_of(r) <= START));

    // The clock does not move by itself: the same now, the same answer.
    let again = page_at(&proxy, START, &[("limit", "50")]).await.json();
    assert_eq!(again["records"].as_array().unwrap()[..], before[..50]);

    set_clock(&proxy, START + 3_600).await;
    let (after, _) = all_at(&proxy, START + 3_600, &[]).await;
    let old: HashSet<&str> = before.iter().filter_map(id_of).collect();
    let new: Vec<&Value> = after
        .iter()
        .filter(|r| id_of(r).is_some_and(|id| !old.contains(id)))
        .collect();
    assert!(new.len() > 10, "{} new", new.len());
    // Nothing listed before is gone: the new ones are added.
    let with_id = |rs: &[Value]| rs.iter().filter(|r| id_of(r).is_some()).count();
    assert_eq!(with_id(&after), with_id(&before) + new.len());
    for r in &new {
        let t = start_of(r);
        // Started in the hour (a few just before it, late to arrive), and not in the last 20 s.
        assert!(t > START - 150 && t <= START + 3_600 - 20, "{t}");
    }
    // Still newest first.
    assert!(after.windows(2).all(|w| start_of(&w[0]) >= start_of(&w[1])));
}

#[tokio::test]
async fn an_ongoing_session_is_answered_again_with_its_end_time() {
    let proxy = live(&[]).await;
    let now = START + 2 * 3_600;
    set_clock(&proxy, now).await;
    // A window that ended before the longest arrival delay: no record is still to arrive.
    let w = window(now - 86_400, now - 300);
    let (first, _) = all_at(&proxy, now, &as_pairs(&w)).await;
    let open: Vec<&Value> = first
        .iter()
        .filter(|r| r.get("connection_end_time").is_none() && id_of(r).is_some())
        .collect();
    assert!(!open.is_empty());
    // Ongoing sessions carry their RTTs (measured at the connection), not an end time.
    assert!(open.iter().any(|r| r["network_rtt"].is_u64()));

    let later = now + 6 * 3_600;
    set_clock(&proxy, later).await;
    let (second, _) = all_at(&proxy, later, &as_pairs(&w)).await;
    let by_id: HashMap<&str, &Value> = second.iter().filter_map(|r| Some((id_of(r)?, r))).collect();
    let mut ended = 0;
    for r in &open {
        let copy = by_id[id_of(r).unwrap()];
        assert_eq!(copy["connection_start_time"], r["connection_start_time"]);
        assert_eq!(copy["user_name"], r["user_name"]);
        if let Some(end) = copy["connection_end_time"].as_str() {
            let end = chrono::DateTime::parse_from_rfc3339(end)
                .unwrap()
                .timestamp();
            assert!(end > now && end <= later, "{end}");
            ended += 1;
        }
    }
    assert!(ended > 0, "none of {} ended", open.len());
    // Same window, same logins: the later copies replace the earlier ones, none is added.
    assert_eq!(second.len(), first.len());
}

#[tokio::test]
async fn the_incident_fails_about_half_the_logins_with_high_rtt_and_only_then() {
    let incident = START + 20 * 60;
    let at = incident.to_string();
    let proxy = live(&["--incident-at", &at, "--incident-minutes", "15"]).await;
    let now = START + 3_600;
    set_clock(&proxy, now).await;
    let reasons: Vec<&str> = logins_core::demo::failure_reasons().collect();

    let w = window(incident, incident + 15 * 60 - 1);
    let (inside, _) = all_at(&proxy, now, &as_pairs(&w)).await;
    let inside: Vec<&Value> = inside
        .iter()
        .filter(|r| start_of(r) < incident + 15 * 60)
        .collect();
    // 60 extra logins (one every 15 s) and the usual ones.
    assert!(inside.len() >= 60, "{}", inside.len());
    let failed: Vec<&&Value> = inside
        .iter()
        .filter(|r| r["connection_failure_reason"].is_string())
        .collect();
    let share = failed.len() as f64 / inside.len() as f64;
    assert!((0.4..=0.65).contains(&share), "failure share {share}");
    assert!(failed.iter().all(|r| {
        reasons.contains(&r["connection_failure_reason"].as_str().unwrap())
            && r.get("network_rtt").is_none()
            && r.get("connection_setup_time").is_none()
    }));
    let rtts: Vec<u64> = inside
        .iter()
        .filter_map(|r| r["network_rtt"].as_u64())
        .collect();
    assert!(!rtts.is_empty());
    assert!(rtts.iter().all(|rtt| (600..=900).contains(rtt)), "{rtts:?}");
    // Every 5 minutes of it has the failure rule's 10 logins, more than 20 % failed.
    for k in 0..3 {
        let from = incident + k * 300;
        let five: Vec<&&Value> = inside
            .iter()
            .filter(|r| (from..from + 300).contains(&start_of(r)))
            .collect();
        let failed = five
            .iter()
            .filter(|r| r["connection_failure_reason"].is_string())
            .count();
        assert!(
            five.len() >= 10 && failed * 5 > five.len(),
            "{failed} of {}",
            five.len()
        );
    }

    // The same stretch before the incident: ordinary failure rate and RTTs.
    let w = window(incident - 15 * 60, incident - 1);
    let (before, _) = all_at(&proxy, now, &as_pairs(&w)).await;
    assert!(before.len() >= 10);
    let failed = before
        .iter()
        .filter(|r| r["connection_failure_reason"].is_string())
        .count();
    assert!(failed * 5 < before.len(), "{failed} of {}", before.len());
    let mut rtts: Vec<u64> = before
        .iter()
        .filter_map(|r| r["network_rtt"].as_u64())
        .collect();
    rtts.sort_unstable();
    assert!(rtts[rtts.len() / 2] < 200, "{rtts:?}");
}

/// The scenario the app's end-to-end watch test can rely on, with the e2e stand-in's data
/// (`tests/e2e/support/stand-in.mjs`: 1000 records, seed 1, now 2025-01-01T00:00:00Z): an hour
/// from 00:00 with an incident from 00:25 for 15 minutes. In every 5 minutes of the incident
/// both alert rules' conditions hold (failure rate above 20 % of at least 10 logins, network
/// RTT p95 above 300 ms); in every other 5 minutes neither does, so each alert fires once.
#[tokio::test]
async fn the_e2e_watch_hour_has_alerts_in_the_incident_and_nowhere_else() {
    let start = START.to_string();
    let incident = START + 25 * 60;
    let at = incident.to_string();
    let proxy = start_proxy(&[
        "--stand-in",
        "--live",
        "--records",
        "1000",
        "--seed",
        "1",
        "--now-unix",
        &start,
        "--test-clock",
        &start,
        "--incident-at",
        &at,
        "--incident-minutes",
        "15",
    ])
    .await;
    let now = START + 3_600 + 300;
    set_clock(&proxy, now).await;
    let w = window(START, START + 3_600 - 1);
    let (hour, _) = all_at(&proxy, now, &as_pairs(&w)).await;
    for k in 0..12 {
        let from = START + k * 300;
        let five: Vec<&Value> = hour
            .iter()
            .filter(|r| (from..from + 300).contains(&start_of(r)))
            .collect();
        let failed = five
            .iter()
            .filter(|r| r["connection_failure_reason"].is_string())
            .count();
        let mut rtts: Vec<u64> = five
            .iter()
            .filter_map(|r| r["network_rtt"].as_u64())
            .collect();
        rtts.sort_unstable();
        // Nearest rank, as the app computes percentiles.
        let p95 = match rtts.len() {
            0 => 0,
            n => rtts[(n * 95).div_ceil(100) - 1],
        };
        let failure_alert = five.len() >= 10 && failed * 5 > five.len();
        let rtt_alert = p95 > 300;
        let in_incident = (incident..incident + 15 * 60).contains(&from);
        assert_eq!(
            (failure_alert, rtt_alert),
            (in_incident, in_incident),
            "from {}: {failed} of {} failed, p95 {p95}",
            logins_core::time::format::format_unix(from),
            five.len()
        );
    }
}

#[tokio::test]
async fn the_same_flags_and_now_give_the_same_answer() {
    let at = (START + 600).to_string();
    let flags = ["--incident-at", at.as_str(), "--incident-minutes", "10"];
    let a = live(&flags).await;
    let b = live(&flags).await;
    let now = START + 1_800;
    set_clock(&a, now).await;
    set_clock(&b, now).await;
    for pairs in [
        vec![("limit", "1000")],
        vec![
            ("limit", "200"),
            ("offset", "300"),
            ("min_network_rtt", "100"),
        ],
    ] {
        let x = page_at(&a, now, &pairs).await;
        let y = page_at(&b, now, &pairs).await;
        assert_eq!(x.status, StatusCode::OK);
        assert_eq!(x.body, y.body);
    }
}

#[tokio::test]
async fn pages_and_totals_agree_at_one_now() {
    let at = (START + 600).to_string();
    let proxy = live(&["--incident-at", &at]).await;
    let now = START + 2 * 3_600;
    set_clock(&proxy, now).await;
    let (all, _) = all_at(&proxy, now, &[]).await;

    let w = window(now - 3 * 86_400, now);
    let mut filter = as_pairs(&w);
    filter.push(("min_network_rtt", "500"));
    // Small pages, so the total is given many times.
    let mut paged = Vec::new();
    let mut totals = HashSet::new();
    loop {
        let offset = paged.len().to_string();
        let mut pairs = filter.clone();
        pairs.extend([("limit", "25"), ("offset", offset.as_str())]);
        let page = page_at(&proxy, now, &pairs).await.json();
        totals.insert(page["total_count"].as_u64().unwrap());
        let got = page["records"].as_array().unwrap().clone();
        if got.is_empty() {
            break;
        }
        paged.extend(got);
    }
    assert_eq!(totals.len(), 1, "{totals:?}");
    let expected: Vec<&Value> = all
        .iter()
        .filter(|r| {
            let t = start_of(r);
            t >= now - 3 * 86_400 && r["network_rtt"].as_u64().is_some_and(|rtt| rtt >= 500)
        })
        .collect();
    assert!(expected.len() > 25);
    assert_eq!(totals.into_iter().next(), Some(expected.len() as u64));
    assert_eq!(paged.iter().collect::<Vec<_>>(), expected);
    // The incident's slow logins are found by the RTT filter.
    assert!(paged
        .iter()
        .any(|r| (START + 600..START + 1_500).contains(&start_of(r))));
}

#[tokio::test]
async fn the_signature_date_is_checked_against_the_test_clock() {
    let proxy = live(&[]).await;
    // Signed with the machine's date, years after the test clock: refused.
    let wall = chrono::Utc::now().timestamp();
    let r = page_at(&proxy, wall, &[("limit", "1")]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "APIGW.0301");
    assert_eq!(
        page_at(&proxy, START, &[("limit", "1")]).await.status,
        StatusCode::OK
    );
    set_clock(&proxy, wall).await;
    assert_eq!(
        page_at(&proxy, wall, &[("limit", "1")]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_clock_endpoint_exists_only_with_the_flag_and_for_loopback() {
    // Without --test-clock: no such path, and the clock is the machine's.
    let plain = start_proxy(&["--stand-in", "--live", "--records", "500"]).await;
    let r = send(
        "POST",
        &plain.url("/__standin/clock?now=1735689600"),
        &[],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "PROXY.0404");
    let now = chrono::Utc::now().timestamp();
    assert_eq!(
        page_at(&plain, now, &[("limit", "1")]).await.status,
        StatusCode::OK
    );

    let proxy = live(&[]).await;
    let read = get(&proxy.url("/__standin/clock"), &[]).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["now"], START);
    assert_eq!(read.json()["utc"], "2025-01-01T00:00:00Z");
    // RFC 3339 works too.
    let r = send(
        "POST",
        &proxy.url("/__standin/clock?now=2025-01-01T08:30:00%2B08:00"),
        &[],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.json()["now"], START + 1_800);
    // A name that is not loopback (a DNS-rebinding page) is refused, and nothing changes.
    let r = send(
        "POST",
        &proxy.url("/__standin/clock?now=1"),
        &[("Host", "evil.example:8080")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send("POST", &proxy.url("/__standin/clock?now=soon"), &[], b"")
        .await
        .unwrap();
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        get(&proxy.url("/__standin/clock"), &[]).await.json()["now"],
        START + 1_800
    );
}

#[tokio::test]
async fn the_flags_are_checked() {
    use clap::Parser;
    use logins_proxy::config::Args;
    let parse = |flags: &[&str]| {
        let mut argv = vec!["logins-proxy"];
        argv.extend_from_slice(flags);
        Args::try_parse_from(argv)
    };
    // --incident-at needs --live, which needs --stand-in.
    assert!(parse(&["--stand-in", "--incident-at", "1735689600"]).is_err());
    assert!(parse(&["--live"]).is_err());
    assert!(parse(&["--test-clock", "1735689600"]).is_err());
    assert!(parse(&["--stand-in", "--live", "--incident-at", "noon"]).is_err());
    let args = parse(&[
        "--stand-in",
        "--live",
        "--incident-at",
        "2025-01-01T00:20:00Z",
    ])
    .unwrap();
    assert_eq!(
        (args.incident_at, args.incident_minutes),
        (Some(START + 1_200), 15)
    );
    let args = parse(&["--stand-in", "--live", "--hostile", "--records", "0"]).unwrap();
    assert!(args
        .into_config(std::sync::Arc::new(|_| {}))
        .is_err_and(|e| e.contains("--hostile")));
}
