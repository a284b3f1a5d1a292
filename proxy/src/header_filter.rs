//! Which request headers travel upstream and which response headers travel back. Pure.

use axum::http::{header, HeaderMap, HeaderName};

/// The only request headers forwarded, byte for byte (the signed ones must arrive unchanged).
pub const FORWARDED_REQUEST_HEADERS: [&str; 6] = [
    "authorization",
    "x-sdk-date",
    "x-project-id",
    "x-security-token",
    "x-auth-token",
    "content-type",
];

/// The headers to send upstream: the forwarded ones, copied as they came (names are
/// case-insensitive in HTTP; values are copied byte for byte). Everything else (cookies, the
/// browser's Origin and Referer, hop-by-hop headers, Host) stays behind.
pub fn upstream_request_headers(incoming: &HeaderMap) -> HeaderMap {
    let mut out = HeaderMap::new();
    for name in FORWARDED_REQUEST_HEADERS {
        for value in incoming.get_all(name) {
            out.append(HeaderName::from_static(name), value.clone());
        }
    }
    out
}

/// Response headers that are never passed back: hop-by-hop ones (RFC 9110 §7.6.1), cookies
/// (the page must not get the cloud console's), the upstream's own CORS headers (the proxy
/// sets them) and the length (recomputed).
fn dropped_response_header(name: &HeaderName) -> bool {
    let n = name.as_str();
    matches!(
        n,
        "connection"
            | "keep-alive"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "proxy-connection"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "set-cookie"
            | "set-cookie2"
            | "content-length"
    ) || n.starts_with("access-control-")
        || *name == header::ALT_SVC
        || *name == header::STRICT_TRANSPORT_SECURITY
}

/// The upstream's response headers minus the dropped ones, and minus any header that the
/// upstream's `Connection` header names as hop-by-hop.
pub fn downstream_response_headers(upstream: &HeaderMap) -> HeaderMap {
    let named_hop: Vec<String> = upstream
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    let mut out = HeaderMap::new();
    for (name, value) in upstream {
        if dropped_response_header(name) || named_hop.iter().any(|h| h == name.as_str()) {
            continue;
        }
        out.append(name.clone(), value.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_listed_request_headers_pass_unchanged() {
        let mut h = HeaderMap::new();
        let auth = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab";
        h.insert("Authorization", HeaderValue::from_static(auth));
        h.insert("X-Sdk-Date", HeaderValue::from_static("20240115T083000Z"));
        h.insert("x-project-id", HeaderValue::from_static("p1"));
        h.insert("Content-Type", HeaderValue::from_static("application/json"));
        h.insert("Cookie", HeaderValue::from_static("session=1"));
        h.insert("Origin", HeaderValue::from_static("http://127.0.0.1:8080"));
        h.insert("Host", HeaderValue::from_static("127.0.0.1:8787"));
        h.insert("Connection", HeaderValue::from_static("keep-alive"));
        h.insert("X-Forwarded-For", HeaderValue::from_static("1.2.3.4"));
        let out = upstream_request_headers(&h);
        assert_eq!(out.len(), 4);
        assert_eq!(out["authorization"].as_bytes(), auth.as_bytes());
        assert_eq!(out["x-sdk-date"], "20240115T083000Z");
        assert!(out.get("cookie").is_none() && out.get("host").is_none());
    }

    #[test]
    fn hop_by_hop_cookies_and_cors_are_dropped_from_responses() {
        let mut h = HeaderMap::new();
        h.insert("X-Request-Id", HeaderValue::from_static("abc"));
        h.insert("Content-Type", HeaderValue::from_static("application/json"));
        h.insert("Set-Cookie", HeaderValue::from_static("a=b"));
        h.insert(
            "Connection",
            HeaderValue::from_static("close, X-Secret-Hop"),
        );
        h.insert("X-Secret-Hop", HeaderValue::from_static("1"));
        h.insert("Transfer-Encoding", HeaderValue::from_static("chunked"));
        h.insert("Access-Control-Allow-Origin", HeaderValue::from_static("*"));
        let out = downstream_response_headers(&h);
        let names: Vec<&str> = out.keys().map(|k| k.as_str()).collect();
        assert_eq!(names, vec!["x-request-id", "content-type"]);
    }
}
