//! Running work after the browser has painted what the current task changed.

use wasm_bindgen::prelude::*;

/// Runs `f` in a task after the next animation frame: what the current task changed in the
/// DOM has been styled, laid out and painted by then. Without a window, `f` never runs.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let after_frame = Closure::once_into_js(move || {
        let task = Closure::once_into_js(f);
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(task.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}
