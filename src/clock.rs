//! The app's clock and the browser's time zone. A time window is fixed when a request is made, from [`now`] at that moment
//! (a "Last 1 h" chosen at 10:00 and run at 12:00 asks for 11:00–12:00); what only *shows* a
//! window relative to now (the start/end under the pickers, the validation behind the run
//! buttons) follows [`Clock::tick`], which moves every [`TICK`].

use std::time::Duration;

use chrono::{DateTime, Local, NaiveDateTime, Offset, TimeZone, Utc};
use leptos::prelude::*;

/// How often the shown windows move: the API's times have minute precision, so a window on
/// screen is never more than a quarter of a minute behind the one a click would send.
pub const TICK: Duration = Duration::from_secs(15);

/// The current instant, read when a request is made.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// A reactive "now" for views, moved forward every [`TICK`].
#[derive(Clone, Copy)]
pub struct Clock {
    tick: RwSignal<DateTime<Utc>>,
}

impl Clock {
    /// Starts ticking; the interval stops with the owner (the app).
    pub fn start() -> Self {
        let tick = RwSignal::new(now());
        if let Ok(handle) = set_interval_with_handle(move || tick.set(now()), TICK) {
            on_cleanup(move || handle.clear());
        }
        Clock { tick }
    }

    /// "Now" as of the last tick. Reactive: whoever reads it runs again at the next tick.
    pub fn tick(&self) -> DateTime<Utc> {
        self.tick.get()
    }
}

/// The browser's UTC offset, in minutes, for a local date and time (DST-aware: JS Date decides).
/// A local time that does not exist (skipped by a DST change) takes the offset after the change.
pub fn local_offset_at(local: NaiveDateTime) -> i32 {
    Local
        .offset_from_local_datetime(&local)
        .earliest()
        .or_else(|| Local.offset_from_local_datetime(&local).latest())
        .map(|o| o.fix().local_minus_utc() / 60)
        .unwrap_or(0)
}

/// The browser's UTC offset, in minutes, at a UTC instant.
pub fn local_offset_at_utc(utc: DateTime<Utc>) -> i32 {
    Local
        .offset_from_utc_datetime(&utc.naive_utc())
        .fix()
        .local_minus_utc()
        / 60
}

/// The browser's UTC offset, in minutes, at a Unix time (for showing record times locally).
pub fn local_offset_at_unix(unix_seconds: i64) -> i32 {
    DateTime::<Utc>::from_timestamp(unix_seconds, 0)
        .map(local_offset_at_utc)
        .unwrap_or(0)
}

/// The browser's time zone name ("Europe/Berlin"), shown wherever local times are, so nobody
/// has to guess which zone a time is in. Falls back to the current UTC offset.
pub fn local_zone_name() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .filter(|zone| !zone.is_empty())
        .unwrap_or_else(|| {
            let minutes = local_offset_at_utc(now());
            format!(
                "UTC{}{:02}:{:02}",
                if minutes < 0 { '-' } else { '+' },
                minutes.abs() / 60,
                minutes.abs() % 60
            )
        })
}
