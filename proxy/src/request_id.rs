//! `X-Request-Id` on every response: the upstream's when it sent one, else our own.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new 32-hex-digit ID, unique within the process (a counter mixed with the start time), in
/// the shape of the gateway's IDs.
pub fn new_request_id() -> String {
    static BASE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0)
    });
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:016x}{:016x}",
        mix(base),
        mix(base ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    )
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Middleware: adds an `X-Request-Id` when the response has none.
pub async fn ensure_request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !response.headers().contains_key("x-request-id") {
        if let Ok(v) = HeaderValue::from_str(&new_request_id()) {
            response.headers_mut().insert("x-request-id", v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_unique_hex() {
        let a = super::new_request_id();
        let b = super::new_request_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
