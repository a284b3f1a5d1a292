//! `GET /app-config.json`: the settings the browser app reads at start-up to prefill its first
//! screen for the local stand-in (proxy URL, region, endpoint, project, demo credentials).
//!
//! Served only with `--stand-in`. The credentials are the stand-in's demo values, which the
//! binary prints at start anyway; a real deployment (plain static host or the proxy without
//! `--stand-in`) has no such file and the app starts empty.
//!
//! Why the proxy URL comes from the `Host` header: the browser reaches the app through whatever
//! loopback name and port it used (`localhost:8080`, `127.0.0.1:8080`, `[::1]:8080`), and the
//! proxy URL must be that same origin so requests stay same-origin-ish and match what the user
//! sees. Only loopback hosts are echoed; anything else (a name a DNS-rebinding page made up)
//! falls back to `127.0.0.1:<the port we listen on>`.

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use logins_core::api::app_config::AppConfig;

/// The path of the endpoint.
pub const PATH: &str = logins_core::api::app_config::APP_CONFIG_PATH;

/// The region the demo endpoint is in; any region works through the proxy convention.
pub const DEMO_REGION: &str = "cn-north-4";

/// The address the connection was accepted on, put in each request's extensions by
/// [`crate::server::serve`]; the fallback when the `Host` header is not a loopback one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalAddr(pub SocketAddr);

/// The demo values the stand-in was started with (what `--project-id`, `--ak`, `--sk` and
/// `--token` say).
#[derive(Clone, Debug)]
pub struct DemoSettings {
    pub project_id: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub iam_token: String,
}

impl DemoSettings {
    /// The body for a request that came with `host` (the `Host` header, if any) on a
    /// connection accepted at `local`.
    ///
    /// ```
    /// use logins_proxy::standin::app_config::DemoSettings;
    /// let s = DemoSettings {
    ///     project_id: "p".into(),
    ///     access_key_id: "ak".into(),
    ///     secret_access_key: "sk".into(),
    ///     iam_token: "t".into(),
    /// };
    /// let local = Some("127.0.0.1:8080".parse().unwrap());
    /// assert_eq!(s.body(Some("localhost:8080"), local).proxy_url, "http://localhost:8080");
    /// assert_eq!(s.body(Some("evil.example:8080"), local).proxy_url, "http://127.0.0.1:8080");
    /// ```
    pub fn body(&self, host: Option<&str>, local: Option<SocketAddr>) -> AppConfig {
        let authority = host
            .filter(|h| is_loopback_authority(h))
            .map(str::to_owned)
            .unwrap_or_else(|| fallback_authority(local));
        AppConfig {
            source: "stand-in".to_owned(),
            proxy_url: format!("http://{authority}"),
            region: DEMO_REGION.to_owned(),
            endpoint: format!("https://workspace.{DEMO_REGION}.myhuaweicloud.com"),
            project_id: self.project_id.clone(),
            auth: "aksk".to_owned(),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            iam_token: self.iam_token.clone(),
        }
    }

    /// The HTTP answer: JSON, never cached (the port can change from one run to the next).
    pub fn answer(&self, headers: &HeaderMap, local: Option<SocketAddr>) -> Response {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let body = serde_json::to_string(&self.body(host, local)).unwrap_or_default();
        let mut r = (StatusCode::OK, body).into_response();
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json;charset=UTF-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}

/// `127.0.0.1:8080`, `localhost:8080`, `[::1]:8080` (port optional): a loopback host with at
/// most a numeric port, and nothing else (no user info, path or spaces).
///
/// ```
/// use logins_proxy::standin::app_config::is_loopback_authority;
/// assert!(is_loopback_authority("127.0.0.1:8080"));
/// assert!(is_loopback_authority("LOCALHOST:1"));
/// assert!(is_loopback_authority("[::1]:8080"));
/// assert!(is_loopback_authority("127.9.9.9"));
/// assert!(!is_loopback_authority("10.0.0.1:8080"));
/// assert!(!is_loopback_authority("localhost.evil.example:8080"));
/// assert!(!is_loopback_authority("127.0.0.1:80x"));
/// assert!(!is_loopback_authority("a@127.0.0.1:8080"));
/// ```
pub fn is_loopback_authority(authority: &str) -> bool {
    let (host, port) = match authority.rsplit_once(':') {
        // `[::1]` alone has colons inside the brackets and no port.
        Some((h, p)) if !p.contains(']') => (h, Some(p)),
        _ => (authority, None),
    };
    if let Some(p) = port {
        if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if p.parse::<u32>().map_or(true, |n| n == 0 || n > 65535) {
            return false;
        }
    }
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
        None => host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    };
    ip.is_some_and(|ip| ip.is_loopback())
}

/// `127.0.0.1:<port>`, or the local address itself when it is a loopback one (`[::1]:<port>`).
fn fallback_authority(local: Option<SocketAddr>) -> String {
    match local {
        Some(addr) if addr.ip().is_loopback() => addr.to_string(),
        Some(addr) => format!("127.0.0.1:{}", addr.port()),
        None => "127.0.0.1".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> DemoSettings {
        DemoSettings {
            project_id: "proj".into(),
            access_key_id: "AK".into(),
            secret_access_key: "SK".into(),
            iam_token: "TOKEN".into(),
        }
    }

    #[test]
    fn body_has_every_field_of_the_contract() {
        let local = Some("127.0.0.1:4242".parse().unwrap());
        let v = serde_json::to_value(settings().body(Some("127.0.0.1:4242"), local)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "source": "stand-in",
                "proxy_url": "http://127.0.0.1:4242",
                "region": "cn-north-4",
                "endpoint": "https://workspace.cn-north-4.myhuaweicloud.com",
                "project_id": "proj",
                "auth": "aksk",
                "access_key_id": "AK",
                "secret_access_key": "SK",
                "iam_token": "TOKEN",
            })
        );
    }

    #[test]
    fn only_loopback_hosts_are_echoed() {
        let s = settings();
        let local = Some("127.0.0.1:4242".parse().unwrap());
        for (host, want) in [
            (Some("localhost:4242"), "http://localhost:4242"),
            (Some("[::1]:4242"), "http://[::1]:4242"),
            (Some("127.0.0.2:9"), "http://127.0.0.2:9"),
            (Some("example.com:4242"), "http://127.0.0.1:4242"),
            (Some("127.0.0.1.nip.io:4242"), "http://127.0.0.1:4242"),
            (Some("localhost:4242/x"), "http://127.0.0.1:4242"),
            (Some("localhost:0"), "http://127.0.0.1:4242"),
            (Some("[::1"), "http://127.0.0.1:4242"),
            (None, "http://127.0.0.1:4242"),
        ] {
            assert_eq!(s.body(host, local).proxy_url, want, "{host:?}");
        }
        // Listening on every interface: the fallback is still loopback.
        let any = Some("192.168.1.5:8080".parse().unwrap());
        assert_eq!(s.body(None, any).proxy_url, "http://127.0.0.1:8080");
        let v6 = Some("[::1]:8080".parse().unwrap());
        assert_eq!(s.body(None, v6).proxy_url, "http://[::1]:8080");
    }
}
