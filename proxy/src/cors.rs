//! Which web origins may use the proxy, and the CORS headers it answers with. Pure.

use url::{Host, Url};

/// One `--allow-origin` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginRule {
    /// `*`: any origin (only for a proxy nobody else can reach).
    Any,
    /// `loopback`: `http(s)://127.0.0.0/8`, `localhost` or `[::1]`, any port. The default.
    Loopback,
    /// One exact origin, serialized as the browser sends it (`https://app.example.com`).
    Exact(String),
}

impl OriginRule {
    /// Parses `*`, `loopback`, or an origin (`scheme://host[:port]`).
    ///
    /// ```
    /// use logins_proxy::cors::OriginRule;
    /// assert_eq!(OriginRule::parse("loopback").unwrap(), OriginRule::Loopback);
    /// assert_eq!(
    ///     OriginRule::parse("https://App.Example.com:443").unwrap(),
    ///     OriginRule::Exact("https://app.example.com".into())
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "*" => Ok(OriginRule::Any),
            "loopback" => Ok(OriginRule::Loopback),
            other => {
                let url = Url::parse(other).map_err(|_| format!("not an origin: {other:?}"))?;
                let origin = url.origin();
                if !origin.is_tuple() || !matches!(url.scheme(), "http" | "https") {
                    return Err(format!("not an http(s) origin: {other:?}"));
                }
                Ok(OriginRule::Exact(origin.ascii_serialization()))
            }
        }
    }
}

/// The origin policy: a request with an `Origin` header is served only if a rule allows it;
/// requests without one (curl, SDKs) are served, as CORS cannot protect them anyway.
#[derive(Clone, Debug)]
pub struct OriginPolicy {
    rules: Vec<OriginRule>,
}

impl Default for OriginPolicy {
    fn default() -> Self {
        OriginPolicy {
            rules: vec![OriginRule::Loopback],
        }
    }
}

impl OriginPolicy {
    /// The given rules, or the loopback default when there are none.
    pub fn new(rules: Vec<OriginRule>) -> Self {
        if rules.is_empty() {
            Self::default()
        } else {
            OriginPolicy { rules }
        }
    }

    /// Whether `origin` (the header's value) may use the proxy.
    ///
    /// ```
    /// use logins_proxy::cors::OriginPolicy;
    /// let policy = OriginPolicy::default();
    /// assert!(policy.allows("http://127.0.0.1:8080"));
    /// assert!(policy.allows("http://localhost:3000"));
    /// assert!(!policy.allows("https://evil.example"));
    /// assert!(!policy.allows("null"));
    /// ```
    pub fn allows(&self, origin: &str) -> bool {
        let Ok(url) = Url::parse(origin) else {
            return false;
        };
        if !matches!(url.scheme(), "http" | "https") {
            return false;
        }
        // An Origin header is exactly scheme://host[:port]; anything more is not a browser's.
        if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
            return false;
        }
        let serialized = url.origin().ascii_serialization();
        self.rules.iter().any(|rule| match rule {
            OriginRule::Any => true,
            OriginRule::Exact(allowed) => *allowed == serialized,
            OriginRule::Loopback => match url.host() {
                Some(Host::Domain(d)) => d == "localhost",
                Some(Host::Ipv4(ip)) => ip.is_loopback(),
                Some(Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            },
        })
    }
}

/// Request headers the browser may send through the proxy (answer to a preflight).
pub const ALLOWED_REQUEST_HEADERS: &str =
    "Authorization, Content-Type, X-Sdk-Date, X-Project-Id, X-Security-Token, X-Auth-Token";

/// Methods the proxy forwards.
pub const ALLOWED_METHODS: &str = "GET, POST";

/// Response headers the page may read: the request ID for support, the IAM token, and the
/// server's `Date`, which the app compares with the computer's clock when a signature is refused
/// (not CORS-safelisted, so it must be exposed).
pub const EXPOSED_HEADERS: &str = "X-Request-Id, X-Subject-Token, Date";

/// How long the browser may cache a preflight answer, in seconds.
pub const PREFLIGHT_MAX_AGE: &str = "600";

/// Middleware: answers preflights itself, refuses requests from origins that are not allowed,
/// and adds the CORS headers to every other response for allowed origins.
pub async fn cors_middleware(
    axum::extract::State(policy): axum::extract::State<std::sync::Arc<OriginPolicy>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{header, HeaderValue, Method, StatusCode};
    use axum::response::IntoResponse;

    let origin = request.headers().get(header::ORIGIN).cloned();
    let Some(origin) = origin else {
        // Not a browser's cross-origin request: nothing to decide here.
        return next.run(request).await;
    };
    let allowed = origin.to_str().map(|o| policy.allows(o)).unwrap_or(false);
    if !allowed {
        return crate::error::ApiError::origin_not_allowed().into_response();
    }
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let private_network = request
        .headers()
        .get("access-control-request-private-network")
        .is_some_and(|v| v == "true");
    let mut response = if is_preflight {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static(ALLOWED_METHODS),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static(ALLOWED_REQUEST_HEADERS),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(PREFLIGHT_MAX_AGE),
        );
        if private_network {
            h.insert(
                "access-control-allow-private-network",
                HeaderValue::from_static("true"),
            );
        }
        r
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_default() {
        let p = OriginPolicy::default();
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.0.0.1",
            "http://localhost:1",
            "http://[::1]:8787",
            "https://localhost:8443",
            "http://127.1.2.3:80",
        ] {
            assert!(p.allows(ok), "{ok}");
        }
        for bad in [
            "null",
            "",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "https://example.com",
            "file://",
            "http://10.0.0.1:8080",
            "http://127.0.0.1:8080/path",
            "chrome-extension://abc",
        ] {
            assert!(!p.allows(bad), "{bad}");
        }
    }

    #[test]
    fn explicit_rules_replace_the_default() {
        let p = OriginPolicy::new(vec![OriginRule::parse("https://app.example.com").unwrap()]);
        assert!(p.allows("https://app.example.com"));
        assert!(p.allows("https://APP.example.com:443"));
        assert!(!p.allows("http://app.example.com"));
        assert!(!p.allows("https://app.example.com:8443"));
        assert!(!p.allows("http://127.0.0.1:8080"));
        let both = OriginPolicy::new(vec![
            OriginRule::parse("loopback").unwrap(),
            OriginRule::parse("https://app.example.com").unwrap(),
        ]);
        assert!(both.allows("http://127.0.0.1:1234") && both.allows("https://app.example.com"));
        assert!(OriginPolicy::new(vec![OriginRule::Any]).allows("https://anything.example"));
        assert!(OriginRule::parse("ftp://x.example").is_err());
        assert!(OriginRule::parse("nonsense").is_err());
    }
}
