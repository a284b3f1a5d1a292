//! The proxy against a local upstream: allowlist, CORS, header forwarding, limits, logs.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::any;
use axum::Router;
use support::*;
use tokio::sync::Notify;

const HOST: &str = "workspace.cn-north-4.myhuaweicloud.com";
const AUTH: &str = "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const TOKEN: &str = "MIIsecretIAMtokenVALUE";

struct Upstream {
    addr: std::net::SocketAddr,
    hits: Arc<AtomicUsize>,
    /// Notified when a request for /slow has arrived (it is never answered).
    slow_arrived: Arc<Notify>,
}

/// A fake cloud endpoint that echoes what it received and counts hits; /slow never answers.
async fn start_upstream() -> Upstream {
    let hits = Arc::new(AtomicUsize::new(0));
    let slow_arrived = Arc::new(Notify::new());
    let h = hits.clone();
    let slow = slow_arrived.clone();
    let app = Router::new().fallback(any(
        move |headers: HeaderMap, uri: axum::http::Uri, body: axum::body::Bytes| {
            let h = h.clone();
            let slow = slow.clone();
            async move {
                h.fetch_add(1, Ordering::SeqCst);
                if uri.path() == "/slow" {
                    slow.notify_one();
                    std::future::pending::<()>().await;
                }
                let echoed: serde_json::Map<String, serde_json::Value> = headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
                    .collect();
                let body = serde_json::json!({
                    "headers": echoed,
                    "path": uri.path(),
                    "query": uri.query(),
                    "body_len": body.len(),
                });
                (
                    StatusCode::OK,
                    [
                        ("x-request-id", "upstream-rid-1"),
                        ("x-subject-token", "subject"),
                        ("set-cookie", "session=abc"),
                        ("access-control-allow-origin", "*"),
                        ("content-type", "application/json"),
                    ],
                    body.to_string(),
                )
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Upstream {
        addr,
        hits,
        slow_arrived,
    }
}

async fn proxy_for(upstream: std::net::SocketAddr, extra: &[&str]) -> Proxy {
    let pin = format!("{HOST}={upstream}");
    let mut flags = vec!["--allow-insecure-upstream", "--resolve", pin.as_str()];
    flags.extend_from_slice(extra);
    start_proxy(&flags).await
}

#[tokio::test]
async fn every_allowlist_trick_is_refused_before_any_connection() {
    let Upstream {
        addr: upstream,
        hits,
        ..
    } = start_upstream().await;
    // The pinned name is allowlisted (default *.myhuaweicloud.com) so only the trick decides.
    let proxy = proxy_for(upstream, &[]).await;
    let refused_403 = [
        "/https://myhuaweicloud.com.example.org/v2/x",
        "/https://evilmyhuaweicloud.com/v2/x",
        "/https://user:pw@workspace.cn-north-4.myhuaweicloud.com/v2/x",
        "/https://127.0.0.1/v2/x",
        "/https://169.254.169.254/latest/meta-data/",
        "/https://2130706433/",
        "/https://0x7f.0.0.1/",
        "/https://0177.0.0.1/",
        "/https://[::1]/",
        "/https://[::ffff:169.254.169.254]/",
        "/https://workspace.cn-north-4.myhuaweicloud.com:8443/v2/x",
        "/ftp://workspace.cn-north-4.myhuaweicloud.com/",
        "/file:///etc/passwd",
        "/https://localhost/",
        "/https://evil.example%5C@workspace.cn-north-4.myhuaweicloud.com/",
    ];
    for path in refused_403 {
        let r = get(&proxy.url(path), &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {:?}", r.body);
        assert_eq!(r.error_code(), "PROXY.0403", "{path}");
        assert!(r.header("x-request-id").is_some());
    }
    let r = get(&proxy.url("/https://"), &[]).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "PROXY.0400");
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "no refused target reached the upstream"
    );

    // Without --allow-insecure-upstream, http targets are refused too.
    let strict = start_proxy(&[]).await;
    let r = get(&strict.url(&format!("/http://{HOST}/v2/x")), &[]).await;
    assert_eq!(r.error_code(), "PROXY.0403");
}

#[tokio::test]
async fn forwards_only_allowed_headers_with_host_rewritten() {
    let Upstream {
        addr: upstream,
        hits,
        ..
    } = start_upstream().await;
    let proxy = proxy_for(upstream, &[]).await;
    let url = proxy.url(&format!(
        "/http://{HOST}/v2/p1/connections/desktops?limit=10&user_name=alice%40corp"
    ));
    let r = get(
        &url,
        &[
            ("Authorization", AUTH),
            ("X-Sdk-Date", "20240115T083000Z"),
            ("X-Project-Id", "p1"),
            ("X-Security-Token", "temporary-token-value"),
            ("X-Auth-Token", TOKEN),
            ("Content-Type", "application/json"),
            ("Cookie", "console=1"),
            ("Origin", "http://127.0.0.1:5173"),
            ("Referer", "http://127.0.0.1:5173/page"),
            ("X-Forwarded-For", "1.2.3.4"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    let echo = r.json();
    let h = &echo["headers"];
    assert_eq!(h["host"], HOST);
    assert_eq!(h["authorization"], AUTH);
    assert_eq!(h["x-sdk-date"], "20240115T083000Z");
    assert_eq!(h["x-project-id"], "p1");
    assert_eq!(h["x-security-token"], "temporary-token-value");
    assert_eq!(h["x-auth-token"], TOKEN);
    assert_eq!(h["content-type"], "application/json");
    for dropped in ["cookie", "origin", "referer", "x-forwarded-for"] {
        assert!(h.get(dropped).is_none(), "{dropped} was forwarded");
    }
    assert_eq!(echo["path"], "/v2/p1/connections/desktops");
    assert_eq!(echo["query"], "limit=10&user_name=alice%40corp");
    // Response side: CORS for the page, upstream request ID kept, cookies dropped.
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:5173")
    );
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("X-Request-Id, X-Subject-Token, Date")
    );
    assert_eq!(r.header("x-request-id"), Some("upstream-rid-1"));
    assert_eq!(r.header("x-subject-token"), Some("subject"));
    assert!(r.header("set-cookie").is_none());

    // One log line, with host and path but no secret, no query.
    let logs = proxy.log_text();
    assert_eq!(proxy.logs.lock().unwrap().len(), 1, "{logs}");
    assert!(
        logs.contains(&format!("GET {HOST}/v2/p1/connections/desktops 200")),
        "{logs}"
    );
    for secret in [
        AUTH,
        "0123456789abcdef",
        TOKEN,
        "temporary-token-value",
        "alice",
        "limit=10",
        "console=1",
    ] {
        assert!(!logs.contains(secret), "log leaks {secret}: {logs}");
    }
}

#[tokio::test]
async fn preflight_is_answered_locally_and_origins_are_checked() {
    let Upstream {
        addr: upstream,
        hits,
        ..
    } = start_upstream().await;
    let proxy = proxy_for(upstream, &[]).await;
    let url = proxy.url(&format!("/http://{HOST}/v2/p1/connections/desktops"));
    let pre = send(
        "OPTIONS",
        &url,
        &[
            ("Origin", "http://localhost:8080"),
            ("Access-Control-Request-Method", "GET"),
            (
                "Access-Control-Request-Headers",
                "authorization,x-sdk-date,x-project-id",
            ),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(pre.status, StatusCode::NO_CONTENT);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    let allowed = pre
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    for h in [
        "authorization",
        "x-sdk-date",
        "x-project-id",
        "x-security-token",
        "x-auth-token",
        "content-type",
    ] {
        assert!(allowed.contains(h), "{h}");
    }
    assert!(pre
        .header("access-control-allow-methods")
        .unwrap()
        .contains("GET"));
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "preflight never reaches the upstream"
    );

    let evil = get(&url, &[("Origin", "https://evil.example")]).await;
    assert_eq!(evil.status, StatusCode::FORBIDDEN);
    assert_eq!(evil.error_code(), "PROXY.0406");
    assert!(evil.header("access-control-allow-origin").is_none());
    assert_eq!(hits.load(Ordering::SeqCst), 0);

    let only = start_proxy(&["--allow-origin", "https://app.example.com"]).await;
    let pre = send(
        "OPTIONS",
        &only.url("/https://iam.myhuaweicloud.com/v3/auth/tokens"),
        &[
            ("Origin", "http://127.0.0.1:8080"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(pre.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn limits_timeout_size_concurrency_method() {
    let upstream = start_upstream().await;
    let proxy = proxy_for(
        upstream.addr,
        &[
            "--upstream-timeout-secs",
            "1",
            "--max-request-bytes",
            "1024",
            "--max-concurrency",
            "1",
        ],
    )
    .await;
    // The upstream never answers /slow: once it has the request, the proxy holds its only
    // slot, so another request is refused at once; the slow one ends at the upstream timeout
    // (without it, `get`'s 20 s hang guard would fail the test).
    let slow = proxy.url(&format!("/http://{HOST}/slow"));
    let (a, b) = tokio::join!(get(&slow, &[]), async {
        upstream.slow_arrived.notified().await;
        get(&proxy.url(&format!("/http://{HOST}/fast")), &[]).await
    });
    assert_eq!(a.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(a.error_code(), "PROXY.0504");
    assert_eq!(b.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(b.error_code(), "PROXY.0503");

    let big = vec![b'x'; 2048];
    let r = send(
        "POST",
        &proxy.url(&format!("/http://{HOST}/v3/auth/tokens")),
        &[],
        &big,
    )
    .await
    .unwrap();
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.error_code(), "PROXY.0413");
    let small = send(
        "POST",
        &proxy.url(&format!("/http://{HOST}/v3/auth/tokens")),
        &[],
        b"{}",
    )
    .await
    .unwrap();
    assert_eq!(small.status, StatusCode::OK);
    assert_eq!(small.json()["body_len"], 2);

    let r = send("DELETE", &proxy.url(&format!("/http://{HOST}/x")), &[], b"")
        .await
        .unwrap();
    assert_eq!(r.error_code(), "PROXY.0405");

    // Oversized request head: refused by the server before routing.
    let huge = "a".repeat(20_000);
    let r = get(&proxy.url("/x"), &[("X-Big", huge.as_str())]).await;
    assert_eq!(r.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
}

#[tokio::test]
async fn unreachable_upstream_is_a_502() {
    // A pinned port nobody listens on (bind then drop).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let proxy = proxy_for(port, &[]).await;
    let r = get(&proxy.url(&format!("/http://{HOST}/v2/x")), &[]).await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY);
    assert_eq!(r.error_code(), "PROXY.0502");
    let r = get(&proxy.url("/not-a-proxy-path"), &[]).await;
    assert_eq!(r.error_code(), "PROXY.0404");
}

#[tokio::test]
async fn serves_static_files_next_to_the_proxy() {
    let dir = std::env::temp_dir().join(format!("logins-proxy-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>app</h1>").unwrap();
    let dir_s = dir.to_string_lossy().to_string();
    let proxy = start_proxy(&["--stand-in", "--records", "10", "--serve-dir", &dir_s]).await;
    let r = get(&proxy.url("/"), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(&r.body[..], b"<h1>app</h1>");
    assert!(r.header("x-request-id").is_some());
    let r = get(&proxy.url("/missing.js"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn an_oversized_upstream_answer_is_refused_and_the_proxy_stays_healthy() {
    let app = Router::new()
        .route("/big", axum::routing::get(|| async { vec![b'x'; 4096] }))
        .route("/exact", axum::routing::get(|| async { vec![b'y'; 1000] }))
        .route("/small", axum::routing::get(|| async { "small answer" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let proxy = proxy_for(upstream, &["--max-response-bytes", "1000"]).await;

    let big = get(&proxy.url(&format!("/http://{HOST}/big")), &[]).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "{:?}", big.body);
    assert_eq!(big.error_code(), "PROXY.0413");
    assert!(
        !big.body.windows(16).any(|w| w == [b'x'; 16]),
        "part of the answer leaked"
    );

    // The cap is inclusive, and the proxy goes on serving.
    let exact = get(&proxy.url(&format!("/http://{HOST}/exact")), &[]).await;
    assert_eq!(exact.status, StatusCode::OK);
    assert_eq!(exact.body.len(), 1000);
    let small = get(&proxy.url(&format!("/http://{HOST}/small")), &[]).await;
    assert_eq!(small.status, StatusCode::OK);
    assert_eq!(&small.body[..], b"small answer");
}
