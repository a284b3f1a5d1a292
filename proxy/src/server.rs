//! The accept loop: hyper's HTTP/1 server with a bounded request head, serving the router.
//!
//! Why not `axum::serve`: it does not bound the head size, and it cannot close a connection
//! without answering, which the stand-in's `--reset-rate` needs.

use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::standin::app_config::LocalAddr;

/// Largest request head (request line and headers) accepted; larger ones get hyper's 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// A response extension: close the connection instead of sending this response.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "connection dropped on purpose")
    }
}

impl std::error::Error for DropConnection {}

/// Serves `app` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, app: Router) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: wait instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let app = app.clone();
        let local = stream.local_addr().ok().map(LocalAddr);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let app = app.clone();
                async move {
                    let mut request = request.map(axum::body::Body::new);
                    if let Some(local) = local {
                        request.extensions_mut().insert(local);
                    }
                    let response = app
                        .oneshot(request)
                        .await
                        .unwrap_or_else(|never| match never {});
                    if response.extensions().get::<DropConnection>().is_some() {
                        return Err(DropConnection);
                    }
                    Ok(response)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .max_buf_size(MAX_HEAD_BYTES)
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(15))
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
