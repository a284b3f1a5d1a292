//! Waiting without blocking the page: the engines' backoffs and rate limits are served by the
//! browser's `setTimeout`.

use wasm_bindgen::JsCast;

/// Waits `ms` milliseconds (at most `i32::MAX`, about 24 days).
pub async fn sleep_ms(ms: u64) {
    let delay = i32::try_from(ms).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                delay,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
