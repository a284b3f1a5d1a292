//! Performance marks and measures (the browser's User Timing API) for the benchmark: start-up,
//! and the phases of a "Fetch all" run. `bench/` reads them with
//! `performance.getEntriesByName(...)`; the browser's performance panel shows them too.
//!
//! Names carry no data (no URL, no query, no record): only what happened and when.
//!
//! | entry                      | kind    | from → to                                             |
//! |----------------------------|---------|-------------------------------------------------------|
//! | `logins:interactive`       | mark    | the app is mounted and answers input                  |
//! | `logins:prefilled`         | mark    | start-up settings applied (/app-config.json, link)    |
//! | `logins:page-network`      | measure | one request sent → its whole body received            |
//! | `logins:page-parse`        | measure | one body → a parsed page (or an error report)         |
//! | `logins:page-index`        | measure | one parsed page → merged into the run's record store  |
//! | `logins:pages`             | measure | the "Fetch all" click → the last page merged          |
//! | `logins:final-index`       | measure | the run's records → the table the views show          |
//! | `logins:first-render`      | measure | the table handed to the views → the frame showing it  |
//! | `logins:fetch-all`         | measure | the "Fetch all" click → the frame with the analytics  |
//!
//! The analytics are painted one frame after the table (see `table_state::Analyzed`), so
//! `logins:fetch-all` ends at that later frame.
//!
//! Page measures overlap (four pages are in flight at once), so their sum is work, not wall time.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // `performance.measure(name, { start, end })` (User Timing Level 3): web-sys only binds the
    // mark-name forms, and marks per page would be clutter.
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn measure_with_options(name: &str, options: &js_sys::Object) -> Result<JsValue, JsValue>;
}

/// Milliseconds since the page's time origin (`performance.now()`); 0 without a window.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records the mark `name` now. Errors are ignored: timing must never break the app.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Forgets the measures of an earlier Fetch all run: the browser keeps every entry until it is
/// cleared, and a run adds three per page.
pub fn clear_fetch_all_measures() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        for name in [
            "logins:page-network",
            "logins:page-parse",
            "logins:page-index",
            "logins:pages",
            "logins:final-index",
            "logins:first-render",
            "logins:fetch-all",
        ] {
            performance.clear_measures_with_measure_name(name);
        }
    }
}

/// Records the measure `name` from `start_ms` (a [`now`] value) to now.
pub fn measure_since(name: &str, start_ms: f64) {
    let end_ms = now();
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start_ms.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end_ms.into());
    let _ = measure_with_options(name, &options);
}

/// Records each `(name, start_ms)` measure, ending at the next frame after the current task:
/// the DOM changes made by then (and by the reactive effects they schedule) have been rendered.
pub fn measure_at_next_frame(measures: Vec<(&'static str, f64)>) {
    crate::frame::after_next_paint(move || {
        for (name, start_ms) in measures {
            measure_since(name, start_ms);
        }
    });
}
