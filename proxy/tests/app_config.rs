//! `/app-config.json` over loopback: what the browser app reads at start to prefill its first
//! screen for the stand-in, and that it exists only in stand-in mode.

mod support;

use axum::http::StatusCode;
use logins_proxy::config::{DEMO_AK, DEMO_PROJECT_ID, DEMO_SK, DEMO_TOKEN};
use support::*;

#[tokio::test]
async fn stand_in_serves_the_demo_settings_never_cached() {
    let proxy = start_proxy(&["--stand-in", "--records", "10"]).await;
    let r = get(&proxy.url("/app-config.json"), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(r.header("x-request-id").is_some());
    // The client sent `Host: 127.0.0.1:<port>`, a loopback authority: echoed as the proxy URL.
    assert_eq!(
        r.json(),
        serde_json::json!({
            "source": "stand-in",
            "proxy_url": format!("http://{}", proxy.addr),
            "region": "cn-north-4",
            "endpoint": "https://workspace.cn-north-4.myhuaweicloud.com",
            "project_id": DEMO_PROJECT_ID,
            "auth": "aksk",
            "access_key_id": DEMO_AK,
            "secret_access_key": DEMO_SK,
            "iam_token": DEMO_TOKEN,
        })
    );
}

#[tokio::test]
async fn proxy_url_echoes_only_loopback_hosts() {
    let proxy = start_proxy(&["--stand-in", "--records", "10"]).await;
    let url = proxy.url("/app-config.json");
    let port = proxy.addr.port();
    let localhost = format!("localhost:{port}");
    let r = get(&url, &[("Host", &localhost)]).await;
    assert_eq!(r.json()["proxy_url"], format!("http://localhost:{port}"));
    // A name a DNS-rebinding page could make the browser send is not echoed: the fallback is
    // the loopback address and port the connection was accepted on.
    for host in ["evil.example", "evil.example:80", "127.0.0.1.evil.example"] {
        let r = get(&url, &[("Host", host)]).await;
        assert_eq!(
            r.json()["proxy_url"],
            format!("http://127.0.0.1:{port}"),
            "{host}"
        );
    }
}

#[tokio::test]
async fn flags_change_what_is_prefilled() {
    let proxy = start_proxy(&[
        "--stand-in",
        "--records",
        "10",
        "--project-id",
        "p-other",
        "--ak",
        "AK-OTHER",
        "--sk",
        "SK-OTHER",
        "--token",
        "TOKEN-OTHER",
    ])
    .await;
    let v = get(&proxy.url("/app-config.json"), &[]).await.json();
    assert_eq!(v["project_id"], "p-other");
    assert_eq!(v["access_key_id"], "AK-OTHER");
    assert_eq!(v["secret_access_key"], "SK-OTHER");
    assert_eq!(v["iam_token"], "TOKEN-OTHER");
    // The access log names the path only, like every other request.
    let log = proxy.log_text();
    assert!(log.contains("GET /app-config.json 200"), "{log}");
    assert!(
        !log.contains("SK-OTHER") && !log.contains("TOKEN-OTHER"),
        "{log}"
    );
}

#[tokio::test]
async fn only_in_stand_in_mode_and_ahead_of_static_files() {
    let dir = std::env::temp_dir().join(format!("logins-proxy-appcfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("app-config.json"), br#"{"source":"file"}"#).unwrap();
    let dir_s = dir.to_string_lossy().into_owned();

    // Plain proxy with static files: the file on disk, not the demo settings.
    let plain = start_proxy(&["--serve-dir", &dir_s]).await;
    let r = get(&plain.url("/app-config.json"), &[]).await;
    assert_eq!(r.json()["source"], "file");
    // Plain proxy without static files: nothing there.
    let bare = start_proxy(&[]).await;
    let r = get(&bare.url("/app-config.json"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "PROXY.0404");
    // Stand-in with static files: the endpoint wins.
    let stand_in = start_proxy(&["--stand-in", "--records", "10", "--serve-dir", &dir_s]).await;
    let r = get(&stand_in.url("/app-config.json"), &[]).await;
    assert_eq!(r.json()["source"], "stand-in");
    // Another site's page cannot read it (the origin policy applies as everywhere).
    let r = get(
        &stand_in.url("/app-config.json"),
        &[("Origin", "https://evil.example")],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error_code(), "PROXY.0406");
    std::fs::remove_dir_all(&dir).ok();
}
