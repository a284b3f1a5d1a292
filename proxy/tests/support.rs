//! Shared test helpers: start the proxy and a fake upstream on ephemeral loopback ports, and a
//! small HTTP client.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::{HeaderMap, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use logins_proxy::config::Args;
use logins_proxy::server::ConnectionEnd;
use tokio::sync::Notify;

/// How the connections ended so far, by client address, and a wake-up for each new end.
type ConnectionEnds = (Mutex<Vec<(SocketAddr, ConnectionEnd)>>, Notify);

pub struct Proxy {
    pub addr: SocketAddr,
    pub logs: Arc<Mutex<Vec<String>>>,
    /// How each connection ended, by client address, as the server reported it.
    ends: Arc<ConnectionEnds>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn log_text(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }

    /// How the server ended the connection from `client`, if it has.
    pub fn connection_end(&self, client: SocketAddr) -> Option<ConnectionEnd> {
        let ended = self.ends.0.lock().unwrap();
        ended
            .iter()
            .find(|(a, _)| *a == client)
            .map(|(_, end)| *end)
    }

    /// Waits until the server has ended the connection from `client`, and says how. The
    /// 20 s bound is a hang guard only (the limits under test are 1 s; hyper's own are 30 s).
    pub async fn wait_connection_end(&self, client: SocketAddr) -> ConnectionEnd {
        let wait = async {
            loop {
                let notified = self.ends.1.notified();
                if let Some(end) = self.connection_end(client) {
                    return end;
                }
                notified.await;
            }
        };
        tokio::time::timeout(HANG_GUARD, wait)
            .await
            .unwrap_or_else(|_| {
                panic!("the connection from {client} still open after {HANG_GUARD:?}")
            })
    }
}

/// How long any single wait in these tests may take before the test fails: a guard against
/// hangs, at least ten times what the slowest wait takes (the 1 s limits of `slow_clients.rs`
/// on a loaded machine), and below hyper's own 30 s defaults.
pub const HANG_GUARD: std::time::Duration = std::time::Duration::from_secs(20);

/// Starts the proxy with these flags on 127.0.0.1:0.
pub async fn start_proxy(flags: &[&str]) -> Proxy {
    start_proxy_with(flags, |_| {}).await
}

/// Starts the proxy with these flags, letting the test change the built configuration first
/// (e.g. put a fake DNS lookup behind the resolver's guard).
pub async fn start_proxy_with(
    flags: &[&str],
    configure: impl FnOnce(&mut logins_proxy::app::ServerConfig),
) -> Proxy {
    let mut argv = vec!["logins-proxy", "--listen", "127.0.0.1:0"];
    argv.extend_from_slice(flags);
    let args = Args::try_parse_from(argv).expect("flags parse");
    let limits = args.server_limits();
    let logs = Arc::new(Mutex::new(Vec::new()));
    let sink_logs = logs.clone();
    let sink: logins_proxy::access_log::LogSink =
        Arc::new(move |line: &str| sink_logs.lock().unwrap().push(line.to_owned()));
    let (mut config, _) = args.into_config(sink).expect("config");
    configure(&mut config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = logins_proxy::app::build(config);
    let ends = Arc::new((Mutex::new(Vec::new()), Notify::new()));
    let observed = ends.clone();
    let observer: logins_proxy::server::ConnectionObserver = Arc::new(move |client, end| {
        observed.0.lock().unwrap().push((client, end));
        observed.1.notify_waiters();
    });
    let task = tokio::spawn(logins_proxy::server::serve_observed(
        listener, app, limits, observer,
    ));
    Proxy {
        addr,
        logs,
        ends,
        task,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn error_code(&self) -> String {
        self.json()["error_code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends one request; `Err` when the connection broke without an answer.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Reply, String> {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut builder = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    let request = builder
        .body(Full::new(Bytes::copy_from_slice(body)))
        .unwrap();
    let response = tokio::time::timeout(HANG_GUARD, client.request(request))
        .await
        .map_err(|_| "timeout".to_string())?
        .map_err(|e| format!("{e:?}"))?;
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|e| format!("{e:?}"))?
        .to_bytes();
    Ok(Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

pub async fn get(url: &str, headers: &[(&str, &str)]) -> Reply {
    send("GET", url, headers, b"").await.expect("answer")
}
