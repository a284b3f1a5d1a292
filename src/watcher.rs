//! Watch mode: keeps the table current while the tab is open. Each refresh asks every target
//! for what is new or changed since the table was filled (the same filters, the window moved
//! forward with an overlap), merges it by identity and slides a relative range.
//!
//! The decisions are `logins_core::watch`'s (`schedule` says when, `refresh` says which window
//! and merges); this file waits, listens to the page's visibility, sends the refresh through
//! the [`Runner`] (the same pages, retries and per-target errors as Fetch all) and publishes
//! the outcome.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::DateTime;
use futures::channel::{mpsc, oneshot};
use futures::{FutureExt, StreamExt};
use leptos::prelude::*;
use leptos::task::spawn_local;
use logins_core::watch::refresh::{self, NotWatchable, WatchRange, WatchStatus};
use logins_core::watch::schedule::{Next, WatchSchedule, INTERVAL_MINUTES};
use logins_core::watch::window::DEFAULT_OVERLAP_SECS;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::alerts::Alerts;
use crate::clock;
use crate::form_state::{FormState, RunTarget};
use crate::runner::{RefreshFailure, Runner};
use crate::storage;
use crate::table_state::TableState;
use crate::timer::sleep_ms;

/// The `localStorage` key of the watch settings (not secrets).
pub const WATCH_STORAGE_KEY: &str = "logins-viewer.watch";

/// What is remembered of the watch settings: the interval and the pause, never "on".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct WatchSettings {
    every_minutes: u32,
    pause_when_hidden: bool,
}

impl Default for WatchSettings {
    fn default() -> Self {
        WatchSettings {
            every_minutes: 5,
            pause_when_hidden: true,
        }
    }
}

/// The watch: its settings, its status, and the running session.
#[derive(Clone, Copy)]
pub struct Watcher {
    /// The "Watch" checkbox.
    pub on: RwSignal<bool>,
    /// "Refresh every", minutes (one of [`INTERVAL_MINUTES`]).
    pub every_minutes: RwSignal<u32>,
    /// "Pause when hidden".
    pub pause_when_hidden: RwSignal<bool>,
    /// The last refresh's outcome, as data (the view words it in the language and zone).
    pub status: RwSignal<Option<WatchStatus>>,
    /// Why watching could not start.
    pub refused: RwSignal<Option<NotWatchable>>,
    form: FormState,
    runner: Runner,
    table: TableState,
    session: StoredValue<Option<Rc<Session>>, LocalStorage>,
    /// Told of each successful refresh, and of each new watch.
    alerts: StoredValue<Option<Alerts>>,
}

/// One watch, from the tick of the checkbox until it is stopped.
struct Session {
    targets: Vec<RunTarget>,
    range: WatchRange,
    every_secs: i64,
    schedule: RefCell<WatchSchedule>,
    /// When the last refresh succeeded (the alert rules judge what came since).
    previous_at: RefCell<Option<i64>>,
    wake: mpsc::UnboundedSender<()>,
}

impl Watcher {
    pub fn new(form: FormState, runner: Runner, table: TableState) -> Self {
        let settings: WatchSettings = storage::load(WATCH_STORAGE_KEY).unwrap_or_default();
        let every = if INTERVAL_MINUTES.contains(&settings.every_minutes) {
            settings.every_minutes
        } else {
            WatchSettings::default().every_minutes
        };
        let watcher = Watcher {
            on: RwSignal::new(false),
            every_minutes: RwSignal::new(every),
            pause_when_hidden: RwSignal::new(settings.pause_when_hidden),
            status: RwSignal::new(None),
            refused: RwSignal::new(None),
            form,
            runner,
            table,
            session: StoredValue::new_local(None),
            alerts: StoredValue::new(None),
        };
        // Another run the user starts (Fetch all, a page, demo data, an import) ends the watch:
        // the table is no longer the watched query's.
        let seen = runner.user_runs.get_untracked();
        Effect::new(move |_| {
            if runner.user_runs.get() != seen {
                watcher.stop();
            }
        });
        watcher.follow_visibility();
        watcher
    }

    /// The alerts that judge each successful refresh.
    pub fn set_alerts(&self, alerts: Alerts) {
        self.alerts.set_value(Some(alerts));
    }

    /// The "Watch" checkbox.
    pub fn set_watching(&self, on: bool) {
        if on {
            self.start();
        } else {
            self.stop();
        }
    }

    /// "Refresh every": remembered, and a running watch goes on at the new pace.
    pub fn set_every_minutes(&self, minutes: u32) {
        if !INTERVAL_MINUTES.contains(&minutes) {
            return;
        }
        self.every_minutes.set(minutes);
        self.save_settings();
        self.restart_if_on();
    }

    /// "Pause when hidden": remembered, and applied to a running watch.
    pub fn set_pause_when_hidden(&self, pause: bool) {
        self.pause_when_hidden.set(pause);
        self.save_settings();
        self.restart_if_on();
    }

    fn save_settings(&self) {
        storage::save(
            WATCH_STORAGE_KEY,
            &WatchSettings {
                every_minutes: self.every_minutes.get_untracked(),
                pause_when_hidden: self.pause_when_hidden.get_untracked(),
            },
        );
    }

    fn restart_if_on(&self) {
        if self.on.get_untracked() {
            let previous = self
                .session
                .with_value(|s| s.as_ref().and_then(|s| *s.previous_at.borrow()));
            self.begin(false);
            self.session.with_value(|s| {
                if let Some(s) = s {
                    *s.previous_at.borrow_mut() = previous;
                }
            });
        }
    }

    /// Starts watching the form's query as it is now; refused (with a message) for a fixed
    /// custom range, and while the form is invalid.
    fn start(&self) {
        self.begin(true);
    }

    /// A new session; `fresh` (a new watch, not a change of its settings) also starts the
    /// alert rules afresh.
    fn begin(&self, fresh: bool) {
        self.stop();
        let range = match WatchRange::of(self.form.preset.get_untracked()) {
            Ok(range) => range,
            Err(why) => {
                self.refused.set(Some(why));
                self.on.set(false);
                return;
            }
        };
        let Some(targets) = self.form.validate_targets_now(clock::now()) else {
            self.on.set(false);
            return;
        };
        self.refused.set(None);
        if let (true, Some(alerts)) = (fresh, self.alerts.get_value()) {
            alerts.reset();
        }
        let every_secs = i64::from(self.every_minutes.get_untracked()) * 60;
        let mut schedule = WatchSchedule::new(every_secs, self.pause_when_hidden.get_untracked());
        schedule.set_hidden(page_hidden(), now_secs());
        let (wake, wakes) = mpsc::unbounded();
        let session = Rc::new(Session {
            targets,
            range,
            every_secs,
            schedule: RefCell::new(schedule),
            previous_at: RefCell::new(None),
            wake,
        });
        self.session.set_value(Some(session.clone()));
        self.on.set(true);
        let watcher = *self;
        spawn_local(async move { watcher.run(session, wakes).await });
    }

    /// Stops watching; a refresh in flight is cancelled.
    pub fn stop(&self) {
        let Some(session) = self.session.get_value() else {
            self.on.set(false);
            return;
        };
        self.session.set_value(None);
        if session.schedule.borrow().next(now_secs()) == Next::Busy {
            self.runner.cancel();
        }
        let _ = session.wake.unbounded_send(());
        self.on.set(false);
    }

    fn is_current(&self, session: &Rc<Session>) -> bool {
        self.session
            .with_value(|s| s.as_ref().is_some_and(|s| Rc::ptr_eq(s, session)))
    }

    /// The watch loop: refresh when due, else wait for the time or a wake-up (visibility,
    /// stop).
    async fn run(self, session: Rc<Session>, mut wakes: mpsc::UnboundedReceiver<()>) {
        loop {
            if !self.is_current(&session) {
                return;
            }
            let now = now_secs();
            let next = session.schedule.borrow().next(now);
            match next {
                Next::RefreshNow => {
                    session.schedule.borrow_mut().started(now);
                    let outcome = self.refresh_once(&session, now).await;
                    if !self.is_current(&session) {
                        return;
                    }
                    self.finish(&session, outcome);
                }
                Next::WaitUntil(due) => {
                    let wait_ms = u64::try_from(due.saturating_sub(now))
                        .unwrap_or(0)
                        .saturating_mul(1000);
                    let mut sleep = Box::pin(sleep_ms(wait_ms).fuse());
                    futures::select! {
                        _ = sleep => {},
                        _ = wakes.next() => {},
                    }
                }
                Next::Busy | Next::Paused => {
                    let _ = wakes.next().await;
                }
                Next::Stopped(_) => return,
            }
        }
    }

    /// One refresh of every target: the window from the table, the records through the runner.
    async fn refresh_once(
        &self,
        session: &Session,
        now: i64,
    ) -> Result<Vec<logins_core::records::record::Record>, RefreshFailure> {
        let (start, end) = self.table.table.with_untracked(|table| {
            refresh::next_window(table, session.range, now, DEFAULT_OVERLAP_SECS)
        });
        let at = |secs: i64| DateTime::from_timestamp(secs, 0);
        let start = (start != i64::MIN).then(|| at(start)).flatten();
        let Some(end) = at(end) else {
            return Err(RefreshFailure::Cancelled);
        };
        let targets = session
            .targets
            .iter()
            .map(|t| RunTarget {
                query: t.query.with_window(start, end),
                ..t.clone()
            })
            .collect();
        let (done, answer) = oneshot::channel();
        self.runner.refresh(targets, move |outcome| {
            let _ = done.send(outcome);
        });
        answer.await.unwrap_or(Err(RefreshFailure::Cancelled))
    }

    /// Publishes a refresh's outcome and schedules the next.
    fn finish(
        &self,
        session: &Session,
        outcome: Result<Vec<logins_core::records::record::Record>, RefreshFailure>,
    ) {
        let now = now_secs();
        match outcome {
            Ok(records) => {
                let done = self
                    .table
                    .change_records(|table| refresh::apply(table, &records, session.range, now));
                session.schedule.borrow_mut().succeeded(now);
                let previous = session.previous_at.replace(Some(now));
                self.status.set(Some(WatchStatus::Refreshed(done)));
                self.runner
                    .show_watched(self.table.table.with_untracked(|t| t.len()));
                if let Some(alerts) = self.alerts.get_value() {
                    let (from, to) =
                        refresh::evaluation_interval(previous, now, session.every_secs);
                    self.table
                        .table
                        .with_untracked(|table| alerts.after_refresh(table, from, to, now));
                }
            }
            // The user cancelled the refresh (or started something else): the watch ends.
            Err(RefreshFailure::Cancelled) => self.stop(),
            Err(RefreshFailure::Failed(kind)) => {
                let retry = session
                    .schedule
                    .borrow_mut()
                    .failed(now, kind, js_sys::Math::random());
                match retry {
                    Some(retry_at) => self.status.set(Some(WatchStatus::Retrying {
                        at: now,
                        failure: kind,
                        retry_at,
                    })),
                    None => {
                        self.status.set(Some(WatchStatus::Stopped {
                            at: now,
                            failure: kind,
                        }));
                        self.stop();
                    }
                }
            }
        }
    }

    /// Tells the running watch when the page is hidden or shown (it pauses, if the user chose
    /// so, and catches up when shown).
    fn follow_visibility(&self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let watcher = *self;
        let on_change = Closure::<dyn Fn()>::new(move || {
            if let Some(session) = watcher.session.get_value() {
                session
                    .schedule
                    .borrow_mut()
                    .set_hidden(page_hidden(), now_secs());
                let _ = session.wake.unbounded_send(());
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_change.as_ref().unchecked_ref(),
        );
        // One app per page, never unmounted: the listener lives as long as the page.
        on_change.forget();
    }
}

fn now_secs() -> i64 {
    clock::now().timestamp()
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
