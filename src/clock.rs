//! The app's clock. A time window is fixed when a request is made, from [`now`] at that moment
//! (a "Last 1 h" chosen at 10:00 and run at 12:00 asks for 11:00–12:00); what only *shows* a
//! window relative to now (the start/end under the pickers, the validation behind the run
//! buttons) follows [`Clock::tick`], which moves every [`TICK`].

use std::time::Duration;

use chrono::{DateTime, Utc};
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
