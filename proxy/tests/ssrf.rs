//! The proxy cannot be steered at hosts off the allowlist through DNS or redirects (issue 13,
//! item 2), driven through the whole server.
//!
//! DNS: the resolver's lookup is replaced by a fake (`GuardedResolver::with_lookup`) that maps
//! allowlisted names to fixed addresses, so the public-address guard runs exactly as in
//! production (`--resolve` pins skip it). Every non-public address points at a local listener
//! that counts the connections it accepts: a proxy that let one through would connect there
//! before answering, so a count of 0 after the answers proves that none was attempted.

mod support;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get as route_get;
use axum::Router;
use logins_proxy::resolver::{GuardedResolver, LookupFuture, NameLookup};
use support::*;

/// A DNS that answers fixed address lists and records every name it was asked.
struct FakeDns {
    answers: HashMap<String, Vec<SocketAddr>>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl NameLookup for FakeDns {
    fn lookup(&self, host: &str) -> LookupFuture {
        self.asked.lock().unwrap().push(host.to_owned());
        let found = self.answers.get(host).cloned();
        Box::pin(async move {
            found.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such name"))
        })
    }
}

/// A TCP listener that counts accepted connections and closes each at once. The count goes up
/// before the close, so before a proxy that connected could answer its client.
async fn counting_listener() -> (u16, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (port, accepted)
}

fn addr(ip: &str, port: u16) -> SocketAddr {
    SocketAddr::new(ip.parse().unwrap(), port)
}

#[tokio::test]
async fn names_resolving_to_non_public_addresses_are_refused_without_connecting() {
    let (port, accepted) = counting_listener().await;
    // All on the default allowlist (*.myhuaweicloud.com), so only DNS decides.
    let cases: Vec<(&str, Vec<SocketAddr>)> = vec![
        ("loopback.myhuaweicloud.com", vec![addr("127.0.0.1", port)]),
        ("private.myhuaweicloud.com", vec![addr("10.0.0.7", port)]),
        (
            "metadata.myhuaweicloud.com",
            vec![addr("169.254.169.254", port)],
        ),
        (
            "mapped.myhuaweicloud.com",
            vec![addr("::ffff:127.0.0.1", port)],
        ),
        // A rebinding answer: one public address next to a private one. Loopback first, so
        // a proxy without the guard would connect to the counting listener.
        (
            "mixed.myhuaweicloud.com",
            vec![addr("127.0.0.1", port), addr("121.36.0.1", port)],
        ),
    ];
    let asked = Arc::new(Mutex::new(Vec::new()));
    let dns = FakeDns {
        answers: cases
            .iter()
            .map(|(name, addrs)| (name.to_string(), addrs.clone()))
            .collect(),
        asked: asked.clone(),
    };
    // The pinned control name (as `--resolve` pins it) goes to the same listener.
    let proxy = start_proxy_with(&[], |config| {
        config.resolver = GuardedResolver::with_lookup(
            HashMap::from([(
                "pinned.myhuaweicloud.com".to_owned(),
                addr("127.0.0.1", port),
            )]),
            Arc::new(dns),
        );
    })
    .await;

    for (name, _) in &cases {
        let r = get(
            &proxy.url(&format!("/https://{name}/v2/p1/connections/desktops")),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{name}: {:?}", r.body);
        assert_eq!(r.error_code(), "PROXY.0403", "{name}");
        let msg = r.json()["error_msg"].as_str().unwrap().to_owned();
        assert!(msg.contains("non-public"), "{name}: {msg}");
        assert!(
            asked.lock().unwrap().iter().any(|n| n == name),
            "{name} was refused before DNS: this test is about the resolver's guard"
        );
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        0,
        "a refused name reached the listener"
    );

    // Control: the listener does see the proxy's connections (a pinned name skips the guard;
    // the listener closes at once, so the answer is a 502).
    let r = get(&proxy.url("/https://pinned.myhuaweicloud.com/v2/x"), &[]).await;
    assert_eq!(r.error_code(), "PROXY.0502", "{:?}", r.body);
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

const HOST: &str = "workspace.cn-north-4.myhuaweicloud.com";

#[tokio::test]
async fn redirects_are_passed_back_unchanged_and_never_followed() {
    let landed = Arc::new(AtomicUsize::new(0));
    let l = landed.clone();
    let redirect = |status: StatusCode, location: &'static str| {
        move || async move {
            (
                status,
                [(header::LOCATION, location)],
                "{\"redirected\":true}",
            )
                .into_response()
        }
    };
    let app = Router::new()
        .route(
            "/moved",
            route_get(redirect(
                StatusCode::MOVED_PERMANENTLY,
                "https://evil.example.org/steal?x=1",
            )),
        )
        .route(
            "/found",
            route_get(redirect(
                StatusCode::FOUND,
                "http://169.254.169.254/latest/meta-data/",
            )),
        )
        .route(
            "/temporary",
            route_get(redirect(StatusCode::TEMPORARY_REDIRECT, "/landing")),
        )
        .route(
            "/landing",
            route_get(move || {
                let l = l.clone();
                async move {
                    l.fetch_add(1, Ordering::SeqCst);
                    "landed"
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let pin = format!("{HOST}={upstream}");
    let proxy = start_proxy(&["--allow-insecure-upstream", "--resolve", &pin]).await;

    for (path, status, location) in [
        (
            "/moved",
            StatusCode::MOVED_PERMANENTLY,
            "https://evil.example.org/steal?x=1",
        ),
        (
            "/found",
            StatusCode::FOUND,
            "http://169.254.169.254/latest/meta-data/",
        ),
        ("/temporary", StatusCode::TEMPORARY_REDIRECT, "/landing"),
    ] {
        let r = get(&proxy.url(&format!("/http://{HOST}{path}")), &[]).await;
        assert_eq!(r.status, status, "{path}");
        assert_eq!(r.header("location"), Some(location), "{path}: rewritten");
        assert_eq!(&r.body[..], b"{\"redirected\":true}", "{path}");
    }
    assert_eq!(
        landed.load(Ordering::SeqCst),
        0,
        "the proxy followed a redirect"
    );
}
