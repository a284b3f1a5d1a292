//! Forwarding one request to an allowlisted upstream, and its answer back.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, Response};
use axum::response::IntoResponse;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use url::Url;

use crate::error::ApiError;
use crate::header_filter::{downstream_response_headers, upstream_request_headers};
use crate::resolver::{GuardedResolver, NonPublicAddress};
use crate::server::BodyTimeout;

/// The upstream HTTP client: rustls with the webpki roots (no OpenSSL, no system store).
pub type UpstreamClient = Client<HttpsConnector<HttpConnector<GuardedResolver>>, Full<Bytes>>;

/// Builds the client. Plain-HTTP connections are only made when the allowlist let an `http:`
/// URL through (`--allow-insecure-upstream`).
pub fn upstream_client(resolver: GuardedResolver, connect_timeout: Duration) -> UpstreamClient {
    let mut http = HttpConnector::new_with_resolver(resolver);
    http.enforce_http(false);
    http.set_connect_timeout(Some(connect_timeout));
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_or_http()
        .enable_http1()
        .wrap_connector(http);
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .build(https)
}

/// Limits applied to one forwarded exchange.
#[derive(Clone, Copy, Debug)]
pub struct ForwardLimits {
    pub max_request_body: usize,
    pub max_response_body: usize,
    pub timeout: Duration,
}

/// The `Host` header for a target: its host, and its port when not the default.
fn host_header(target: &Url) -> Option<HeaderValue> {
    let host = target.host_str()?;
    let value = match target.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    HeaderValue::from_str(&value).ok()
}

/// Forwards `method target` with the allowed headers and the body, and returns the upstream's
/// status, filtered headers and body.
pub async fn forward(
    client: &UpstreamClient,
    limits: ForwardLimits,
    method: Method,
    headers: &HeaderMap,
    target: &Url,
    body: Body,
) -> Response<Body> {
    if method != Method::GET && method != Method::POST {
        return ApiError::method_not_allowed().into_response();
    }
    let body = match axum::body::to_bytes(body, limits.max_request_body).await {
        Ok(b) => b,
        // The accept loop's deadline on request bodies (`--body-timeout-secs`).
        Err(e) if BodyTimeout::is_cause_of(&e) => {
            return ApiError::request_timeout().into_response()
        }
        Err(_) => return ApiError::too_large("request body").into_response(),
    };
    let Some(host) = host_header(target) else {
        return ApiError::bad_target("The target has no host.").into_response();
    };
    let mut request = match Request::builder()
        .method(method)
        .uri(target.as_str())
        .body(Full::new(body))
    {
        Ok(r) => r,
        Err(_) => {
            return ApiError::bad_target("The target URL cannot be requested.").into_response()
        }
    };
    *request.headers_mut() = upstream_request_headers(headers);
    request.headers_mut().insert(header::HOST, host);

    let exchange = async {
        let response = client.request(request).await.map_err(classify)?;
        let (parts, body) = response.into_parts();
        let bytes = Limited::new(body, limits.max_response_body)
            .collect()
            .await
            .map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    ApiError::too_large("upstream response")
                } else {
                    ApiError::upstream_failed("The upstream response was cut off.")
                }
            })?
            .to_bytes();
        Ok::<_, ApiError>((parts, bytes))
    };
    match tokio::time::timeout(limits.timeout, exchange).await {
        Err(_) => ApiError::upstream_timeout().into_response(),
        Ok(Err(e)) => e.into_response(),
        Ok(Ok((parts, bytes))) => {
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = parts.status;
            *response.headers_mut() = downstream_response_headers(&parts.headers);
            response
        }
    }
}

/// Maps a client error to the proxy's code: a name that resolves to a non-public address is
/// a policy refusal (403), everything else a gateway failure (502). The message names the kind
/// of failure, never the URL or headers.
fn classify(error: hyper_util::client::legacy::Error) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = source {
        if e.is::<NonPublicAddress>() {
            return ApiError::host_not_allowed("The target host resolves to a non-public address.");
        }
        source = e.source();
    }
    if error.is_connect() {
        ApiError::upstream_failed("Could not connect to the upstream.")
    } else {
        ApiError::upstream_failed("The upstream closed the connection or sent a broken response.")
    }
}
