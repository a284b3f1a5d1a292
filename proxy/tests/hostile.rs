//! `--hostile` over loopback: the hostile records are served behind the same signature check,
//! paged and counted like the demo data, mixed in or alone.

mod support;

use std::collections::HashSet;

use axum::http::StatusCode;
use logins_core::api::encoding::canonical_query_string;
use logins_core::api::secret::Secret;
use logins_core::api::sign::{format_sdk_date, sign, SigningInput};
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK};
use logins_proxy::standin::hostile::{records, DUPLICATE_ID, LONG_LEN};
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

/// Every record, page by page.
async fn fetch_all(proxy: &Proxy, limit: usize) -> (u64, Vec<Value>) {
    let mut all = Vec::new();
    let mut offset = 0;
    loop {
        let (o, l) = (offset.to_string(), limit.to_string());
        let reply = call(proxy, &[("limit", &l), ("offset", &o)], DEMO_SK).await;
        assert_eq!(reply.status, StatusCode::OK);
        let page = reply.json();
        let total = page["total_count"].as_u64().unwrap();
        let got = page["records"].as_array().unwrap().clone();
        let empty = got.is_empty();
        all.extend(got);
        offset += limit;
        if empty || all.len() as u64 >= total {
            return (total, all);
        }
    }
}

#[tokio::test]
async fn alone_the_hostile_records_are_served_verbatim() {
    let proxy = hostile(0).await;
    let (total, got) = fetch_all(&proxy, 7).await;
    let want = records(NOW);
    assert_eq!(total as usize, want.len());
    assert_eq!(
        got, want,
        "every record byte for byte, in order, over pages of 7"
    );
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
    let (total, got) = fetch_all(&proxy, 1000).await;
    assert_eq!(total as usize, 2000 + h);
    assert_eq!(got.len(), 2000 + h);
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
    let (total, got) = fetch_all(&proxy, 1000).await;
    assert_eq!(total, 500);
    assert!(got.iter().all(|r| !r.to_string().contains("hostile")));
}
