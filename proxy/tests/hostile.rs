//! `--hostile` over loopback: the hostile records are served behind the same signature check,
//! paged and counted like the demo data, mixed in or alone.

mod support;

use std::collections::HashSet;

use axum::http::StatusCode;
use logins_core::api::encoding::canonical_query_string;
use logins_core::api::secret::Secret;
use logins_core::api::sign::{format_sdk_date, sign, SigningInput};
use logins_core::records::record::{parse_page, Record};
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK};
use logins_proxy::standin::hostile::{as_received, records, DUPLICATE_ID, LONG_LEN};
use serde_json::Value;
use support::*;

const TARGET: &str = "workspace.cn-north-4.myhuaweicloud.com";
const NOW: i64 = 1_735_689_600;

async fn call(proxy: &Proxy, pairs: &[(&str, &str)], sk: &str) -> Reply {
    let path = format!("/v2/{DEMO_PROJECT_ID}/connections/desktops");
    let date = format_sdk_date(chrono::Utc::now());
    let signed = sign(
        &SigningInput {
            method: "GET",
            path: &path,
            query: pairs,
            headers: &[
                ("Host", TARGET),
                ("X-Sdk-Date", &date),
                ("X-Project-Id", DEMO_PROJECT_ID),
            ],
            body: b"",
        },
        DEMO_AK,
        &Secret::new(sk),
    )
    .unwrap();
    let qs = canonical_query_string(pairs);
    get(
        &proxy.url(&format!("/https://{TARGET}{path}?{qs}")),
        &[
            ("Authorization", &signed.authorization),
            ("X-Sdk-Date", &date),
            ("X-Project-Id", DEMO_PROJECT_ID),
            ("Content-Type", "application/json"),
        ],
    )
    .await
}

async fn hostile(records: usize) -> Proxy {
    let n = records.to_string();
    let now = NOW.to_string();
    start_proxy(&[
        "--stand-in",
        "--hostile",
        "--records",
        &n,
        "--seed",
        "9",
        "--now-unix",
        &now,
    ])
    .await
}

/// Every record, page by page, as a receiver reads it (`JSON.parse`, with U+FFFD for each lone
/// surrogate: see `hostile::as_received`), and the app's parser's records of the same pages.
async fn fetch_all(proxy: &Proxy, limit: usize) -> Fetched {
    let mut fetched = Fetched::default();
    let mut offset = 0;
    loop {
        let (o, l) = (offset.to_string(), limit.to_string());
        let reply = call(proxy, &[("limit", &l), ("offset", &o)], DEMO_SK).await;
        assert_eq!(reply.status, StatusCode::OK);
        let body = String::from_utf8(reply.body.to_vec()).expect("UTF-8");
        let page: Value = logins_core::records::json_text::from_str(&body).expect("JSON");
        let total = page["total_count"].as_u64().unwrap();
        let got = page["records"].as_array().unwrap().clone();
        let parsed = parse_page(&body).expect("the app reads the page");
        assert_eq!(
            parsed.records.len(),
            got.len(),
            "the app keeps every record"
        );
        fetched.parsed.extend(parsed.records);
        fetched.bodies.push(body);
        let empty = got.is_empty();
        fetched.records.extend(got);
        offset += limit;
        if empty || fetched.records.len() as u64 >= total {
            fetched.total = total;
            return fetched;
        }
    }
}

#[derive(Default)]
struct Fetched {
    total: u64,
    records: Vec<Value>,
    /// What `logins_core::records::record::parse_page` made of the same bodies.
    parsed: Vec<Record>,
    bodies: Vec<String>,
}

#[tokio::test]
async fn alone_the_hostile_records_are_served_verbatim() {
    let proxy = hostile(0).await;
    let Fetched {
        total,
        records: got,
        parsed,
        bodies,
    } = fetch_all(&proxy, 7).await;
    let want: Vec<Value> = records(NOW).iter().map(as_received).collect();
    assert_eq!(total as usize, want.len());
    assert_eq!(
        got, want,
        "every record as sent, in order, over pages of 7 (U+FFFD for each lone surrogate)"
    );
    let expected: Vec<Record> = want
        .iter()
        .map(|r| Record::from_json(r.as_object().unwrap()))
        .collect();
    assert_eq!(parsed, expected, "the app's parser reads every record");
    // The lone surrogates travel as the escapes a broken back end writes.
    let text = bodies.concat();
    for escapes in [
        r#""lone-high-\ud800""#,
        r#""lone-low-\udc00""#,
        r#""reversed-\udc00\ud800-pair""#,
    ] {
        assert!(text.contains(escapes), "{escapes} in a body");
    }
    let lone = parsed
        .iter()
        .find(|r| r.transaction_id.as_deref() == Some("hostile-lone-low"))
        .unwrap();
    assert_eq!(lone.user_name.as_deref(), Some("lone-low-\u{FFFD}"));
    assert!(lone.invalid_fields.contains(&"user_name"));
    assert!(got.iter().any(|r| r["user_name"]
        .as_str()
        .is_some_and(|s| s.chars().count() == LONG_LEN)));
    let dups = got
        .iter()
        .filter(|r| r["transaction_id"] == DUPLICATE_ID)
        .count();
    assert_eq!(dups, 3);
}

#[tokio::test]
async fn mixed_into_demo_records_with_the_total_of_both() {
    let proxy = hostile(2000).await;
    let h = records(NOW).len();
    let Fetched {
        total,
        records: got,
        parsed,
        ..
    } = fetch_all(&proxy, 1000).await;
    assert_eq!(total as usize, 2000 + h);
    assert_eq!(got.len(), 2000 + h);
    assert_eq!(parsed.len(), 2000 + h);
    let demo_ids: HashSet<&str> = got
        .iter()
        .filter(|r| r.get("desktop_id").is_some())
        .filter_map(|r| r["transaction_id"].as_str())
        .collect();
    assert!(demo_ids.len() > 1500, "the demo records are all there");
    // Hostile records are on every full page of 1000, not only the first.
    for page in got.chunks_exact(1000) {
        assert!(page.iter().any(|r| r["transaction_id"]
            .as_str()
            .is_some_and(|t| t.starts_with("hostile"))));
    }
    // Filters still apply, to both kinds.
    let reply = call(&proxy, &[("user_name", "<script>")], DEMO_SK).await;
    assert_eq!(reply.json()["total_count"], 1);
    assert_eq!(
        reply.json()["records"][0]["user_name"],
        "<script>alert(1)</script>"
    );
}

#[tokio::test]
async fn hostile_data_is_still_behind_the_signature_check() {
    let proxy = hostile(0).await;
    let reply = call(&proxy, &[("limit", "10")], "wrong-secret").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "APIGW.0301");
    assert!(!String::from_utf8_lossy(&reply.body).contains("script"));
}

#[tokio::test]
async fn without_the_flag_nothing_hostile_is_served() {
    let proxy = start_proxy(&["--stand-in", "--records", "500", "--now-unix", "1735689600"]).await;
    let Fetched {
        total,
        records: got,
        ..
    } = fetch_all(&proxy, 1000).await;
    assert_eq!(total, 500);
    assert!(got.iter().all(|r| !r.to_string().contains("hostile")));
}
