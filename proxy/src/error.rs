//! JSON error responses, shaped like the cloud's own: `{"error_code": "...", "error_msg": "..."}`.
//!
//! The proxy's codes start with `PROXY.` so a user can tell at a glance whether the proxy or the
//! cloud refused a request; the stand-in uses the cloud's codes (`APIGW.*`, `WKS.*`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answer. Messages never contain credentials or query strings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub msg: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            msg: msg.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> String {
        serde_json::json!({ "error_code": self.code, "error_msg": self.msg }).to_string()
    }

    /// PROXY.0400: the target URL is missing or cannot be parsed.
    pub fn bad_target(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "PROXY.0400", msg)
    }

    /// PROXY.0403: the target is not on the allowlist (host, port, scheme, address).
    pub fn host_not_allowed(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "PROXY.0403", msg)
    }

    /// PROXY.0404: not a proxy URL and nothing else is served at this path.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "PROXY.0404",
            "Nothing here. Request {proxy}/https://{host}/{path}.",
        )
    }

    /// PROXY.0405: only GET and POST are forwarded.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "PROXY.0405",
            "Only GET and POST are forwarded.",
        )
    }

    /// PROXY.0406: the request's Origin is not allowed to use this proxy.
    pub fn origin_not_allowed() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "PROXY.0406",
            "This origin may not use the proxy (see --allow-origin).",
        )
    }

    /// PROXY.0408: the client did not send its request body in time (`--body-timeout-secs`).
    pub fn request_timeout() -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "PROXY.0408",
            "The request body did not arrive in time.",
        )
    }

    /// PROXY.0413: the request or upstream response body is larger than allowed.
    pub fn too_large(what: &str) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "PROXY.0413",
            format!("The {what} is too large."),
        )
    }

    /// PROXY.0502: the upstream could not be reached or answered with a broken response.
    pub fn upstream_failed(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_GATEWAY, "PROXY.0502", msg)
    }

    /// PROXY.0503: too many requests in flight.
    pub fn overloaded() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "PROXY.0503",
            "The proxy is busy (too many requests in flight). Retry shortly.",
        )
    }

    /// PROXY.0504: the upstream did not answer in time.
    pub fn upstream_timeout() -> Self {
        Self::new(
            StatusCode::GATEWAY_TIMEOUT,
            "PROXY.0504",
            "The upstream did not answer in time.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json;charset=UTF-8"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_the_cloud_shape() {
        let e = ApiError::host_not_allowed("nope \"quoted\"");
        let v: serde_json::Value = serde_json::from_str(&e.body()).unwrap();
        assert_eq!(v["error_code"], "PROXY.0403");
        assert_eq!(v["error_msg"], "nope \"quoted\"");
        assert_eq!(e.status, StatusCode::FORBIDDEN);
    }
}
