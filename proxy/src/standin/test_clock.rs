//! `--test-clock START`: the stand-in's clock, set by the tests instead of read from the
//! system, so a browser test driven by a fake clock (Playwright's `page.clock`) and the
//! stand-in agree on "now": for the live data and for the signature's date check.
//!
//! `POST /__standin/clock?now=<Unix seconds or RFC 3339>` sets it, `GET` reads it; both answer
//! `{"now": <Unix seconds>, "utc": "<RFC 3339>"}`. Only from a loopback client with a loopback
//! `Host` (no other machine, no DNS-rebinding page), and only with the flag: without it the
//! path does not exist (404). The clock does not move by itself: it stays where it was set.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;

use super::app_config::is_loopback_authority;
use super::instant::parse_instant;
use super::Clock;
use crate::error::ApiError;

/// The endpoint's path.
pub const PATH: &str = "/__standin/clock";

/// The settable clock.
#[derive(Debug)]
pub struct TestClock {
    now: AtomicI64,
}

impl TestClock {
    pub fn new(start_unix: i64) -> Arc<Self> {
        Arc::new(TestClock {
            now: AtomicI64::new(start_unix),
        })
    }

    pub fn now(&self) -> i64 {
        self.now.load(Ordering::SeqCst)
    }

    pub fn set(&self, unix: i64) {
        self.now.store(unix, Ordering::SeqCst);
    }

    /// The stand-in's clock reading this one.
    pub fn clock(self: &Arc<Self>) -> Clock {
        let me = self.clone();
        Arc::new(move || DateTime::from_timestamp(me.now(), 0).unwrap_or_default())
    }

    /// Answers a request to [`PATH`] from `peer`.
    pub fn answer(
        &self,
        method: &Method,
        headers: &HeaderMap,
        query: &str,
        peer: Option<SocketAddr>,
    ) -> Response {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let loopback =
            peer.is_some_and(|p| p.ip().is_loopback()) && host.is_some_and(is_loopback_authority);
        if !loopback {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "PROXY.0403",
                "The test clock answers loopback clients only.",
            )
            .into_response();
        }
        if *method == Method::POST {
            let pairs = logins_core::api::encoding::parse_query_string(query);
            let Some((_, value)) = pairs.iter().find(|(k, _)| k == "now") else {
                return bad("The test clock wants ?now=<Unix seconds or RFC 3339 time>.");
            };
            match parse_instant(value) {
                Ok(t) if DateTime::from_timestamp(t, 0).is_some() => self.set(t),
                _ => return bad("now is neither Unix seconds nor an RFC 3339 time."),
            }
        } else if *method != Method::GET {
            return ApiError::method_not_allowed().into_response();
        }
        let now = self.now();
        let body = serde_json::json!({
            "now": now,
            "utc": logins_core::time::format::format_unix(now),
        })
        .to_string();
        let mut r = (StatusCode::OK, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}

fn bad(message: &str) -> Response {
    ApiError::new(StatusCode::BAD_REQUEST, "PROXY.0400", message).into_response()
}

/// The answer without `--test-clock`: the path does not exist.
pub fn refused() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "PROXY.0404",
        "No test clock: the stand-in was started without --test-clock.",
    )
    .into_response()
}
