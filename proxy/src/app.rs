//! The HTTP application: routes, layers and shared state.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceBuilder;

use crate::access_log::{log_request, LogSink};
use crate::allowlist::Allowlist;
use crate::cors::{cors_middleware, OriginPolicy};
use crate::error::ApiError;
use crate::forward::{forward, upstream_client, ForwardLimits, UpstreamClient};
use crate::resolver::GuardedResolver;
use crate::standin::app_config::{self, DemoSettings, LocalAddr};
use crate::standin::StandIn;

/// Everything the application needs, built once at start.
pub struct ServerConfig {
    pub allowlist: Allowlist,
    pub origins: OriginPolicy,
    pub resolver: GuardedResolver,
    pub limits: ForwardLimits,
    pub max_concurrency: usize,
    pub stand_in: Option<StandIn>,
    /// What `/app-config.json` prefills in the app; set with `--stand-in` only.
    pub app_settings: Option<DemoSettings>,
    pub serve_dir: Option<std::path::PathBuf>,
    pub log: LogSink,
}

struct AppState {
    allowlist: Allowlist,
    client: UpstreamClient,
    limits: ForwardLimits,
    stand_in: Option<StandIn>,
    app_settings: Option<DemoSettings>,
    serve_dir: Option<std::path::PathBuf>,
}

/// Builds the router with all layers.
pub fn build(config: ServerConfig) -> Router {
    let connect_timeout = config.limits.timeout.min(Duration::from_secs(10));
    let state = Arc::new(AppState {
        allowlist: config.allowlist,
        client: upstream_client(config.resolver, connect_timeout),
        limits: config.limits,
        stand_in: config.stand_in,
        app_settings: config.app_settings,
        serve_dir: config.serve_dir,
    });
    let overload = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
            ApiError::overloaded().into_response()
        }))
        .load_shed()
        .concurrency_limit(config.max_concurrency.max(1));
    Router::new()
        .fallback(dispatch)
        .with_state(state)
        .layer(overload)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(config.origins),
            cors_middleware,
        ))
        .layer(axum::middleware::from_fn(
            crate::request_id::ensure_request_id,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.log,
            log_request,
        ))
}

async fn dispatch(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if let Some(target) = crate::target::proxy_target(&path) {
        let mut raw = target.to_owned();
        if let Some(q) = request.uri().query() {
            raw.push('?');
            raw.push_str(q);
        }
        let url = match state.allowlist.check(&raw) {
            Ok(url) => url,
            Err(refusal) if refusal.is_malformed() => {
                return ApiError::bad_target(refusal.to_string()).into_response()
            }
            Err(refusal) => return ApiError::host_not_allowed(refusal.to_string()).into_response(),
        };
        if let Some(stand_in) = &state.stand_in {
            if StandIn::handles_target(&url) {
                return stand_in.answer_target(&url, request).await;
            }
        }
        let (parts, body) = request.into_parts();
        return forward(
            &state.client,
            state.limits,
            parts.method,
            &parts.headers,
            &url,
            body,
        )
        .await;
    }
    if let Some(stand_in) = &state.stand_in {
        if path == crate::standin::test_clock::PATH {
            let peer = request
                .extensions()
                .get::<crate::server::PeerAddr>()
                .map(|p| p.0);
            return stand_in.answer_clock(&request, peer);
        }
        if StandIn::is_api_path(&path) {
            return stand_in.answer_direct(request).await;
        }
    }
    if let Some(settings) = &state.app_settings {
        if path == app_config::PATH
            && matches!(
                *request.method(),
                axum::http::Method::GET | axum::http::Method::HEAD
            )
        {
            let local = request.extensions().get::<LocalAddr>().map(|a| a.0);
            return settings.answer(request.headers(), local);
        }
    }
    if let Some(dir) = &state.serve_dir {
        use tower::ServiceExt;
        let service =
            tower_http::services::ServeDir::new(dir).append_index_html_on_directories(true);
        return match service.oneshot(request).await {
            Ok(r) => r.map(Body::new),
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
    }
    ApiError::not_found().into_response()
}
