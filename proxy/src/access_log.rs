//! One line per request: method, target host and path, status, duration, request ID.
//!
//! Never a header value and never a query string: the headers carry signatures and tokens, and
//! a query string is the user's filter (names, IPs) that does not belong in a proxy log either.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::Response;

/// Where log lines go: stderr in the binary, a buffer in tests.
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// The sink that prints to stderr.
pub fn stderr_sink() -> LogSink {
    Arc::new(|line| eprintln!("{line}"))
}

/// What the log names for a request URI: for a proxy URL the target's host and path, otherwise
/// the path. Query strings, user info and fragments are left out.
///
/// ```
/// use axum::http::Uri;
/// use logins_proxy::access_log::describe;
/// let uri: Uri = "/https://iam.myhuaweicloud.com/v3/auth/tokens?x=secret".parse().unwrap();
/// assert_eq!(describe(&uri), "iam.myhuaweicloud.com/v3/auth/tokens");
/// ```
pub fn describe(uri: &Uri) -> String {
    let path = uri.path();
    match crate::target::proxy_target(path) {
        Some(target) => match url::Url::parse(target) {
            Ok(url) => format!(
                "{}{}{}",
                url.host_str().unwrap_or("?"),
                url.port().map(|p| format!(":{p}")).unwrap_or_default(),
                url.path()
            ),
            Err(_) => "<unparseable target>".to_owned(),
        },
        None => path.to_owned(),
    }
}

/// Middleware writing the line once the response is ready.
pub async fn log_request(State(sink): State<LogSink>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let what = describe(request.uri());
    let response = next.run(request).await;
    let id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    sink(&format!(
        "{method} {what} {} {}ms id={id}",
        response.status().as_u16(),
        started.elapsed().as_millis()
    ));
    response
}
