//! The alerts of watch mode: the rules (kept on this device), which conditions fired (the
//! hysteresis), the session's alert log, the unseen count in the document title, and browser
//! notifications. The watch driver calls [`Alerts::after_refresh`] after each refresh and
//! [`Alerts::reset`] when watching stops or starts over; the Alerts section edits the rules and
//! shows the log. The rules themselves are `core::watch`'s, tested natively.

use leptos::prelude::*;
use leptos::task::spawn_local;
use logins_core::i18n::alerts as t;
use logins_core::records::table::RecordTable;
use logins_core::watch::log::AlertLog;
use logins_core::watch::refresh::logins;
use logins_core::watch::rule_edit::{rules_from_stored, OutOfRange, RuleField};
use logins_core::watch::rules::{evaluate, AlertRules, Concerned, Condition, Hysteresis};
use wasm_bindgen::JsValue;

use crate::locale::{use_locale, Locale};
use crate::storage;
use crate::table_state::TableState;

/// The `localStorage` key of the rules (settings, never anything secret).
pub const RULES_STORAGE_KEY: &str = "logins-viewer.alert-rules";

/// What the browser lets the app do with notifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotificationAccess {
    /// No Notification API here (an old browser, an insecure page).
    Unsupported,
    /// Not asked yet: "Allow notifications" asks.
    Ask,
    Granted,
    Denied,
}

#[derive(Clone, Copy)]
pub struct Alerts {
    table: TableState,
    locale: Locale,
    /// The rules in force: the last valid value of every field.
    pub rules: RwSignal<AlertRules>,
    /// What is typed in each number field, in [`RuleField::ALL`] order: kept as typed when it is
    /// refused, so nothing typed is lost and the field can say why.
    texts: [RwSignal<String>; 4],
    hysteresis: StoredValue<Hysteresis>,
    /// The session's alerts (never stored) with the unseen count.
    pub log: RwSignal<AlertLog>,
    pub notifications: RwSignal<NotificationAccess>,
    /// Whether the alert log is on screen in a visible tab (the Alerts section reports it):
    /// alerts that arrive while it is are seen at once.
    log_in_view: RwSignal<bool>,
}

impl Alerts {
    /// The rules stored on this device (each bad or missing field at its default), an empty log,
    /// and the document title following the unseen count in the current language.
    pub fn new(table: TableState) -> Self {
        let rules = storage::load::<serde_json::Value>(RULES_STORAGE_KEY)
            .map(|stored| rules_from_stored(&stored))
            .unwrap_or_default();
        let texts = RuleField::ALL.map(|field| RwSignal::new(field.text(&rules)));
        let alerts = Alerts {
            table,
            locale: use_locale(),
            rules: RwSignal::new(rules),
            texts,
            hysteresis: StoredValue::new(Hysteresis::default()),
            log: RwSignal::new(AlertLog::default()),
            notifications: RwSignal::new(notification_access()),
            log_in_view: RwSignal::new(false),
        };
        let (log, locale) = (alerts.log, alerts.locale);
        Effect::new(move |_| {
            let title = log.with(|l| AlertLog::title(locale.lang(), l.unseen()));
            document().set_title(&title);
        });
        alerts
    }

    /// After each successful watch refresh: evaluates the enabled rules over the records of
    /// the table for the interval [from, to] (Unix seconds; from
    /// watch::refresh::evaluation_interval), fires through the hysteresis, logs what fired at
    /// `at`, updates the title count and sends browser notifications when allowed.
    pub fn after_refresh(&self, records: &RecordTable, from: i64, to: i64, at: i64) {
        let now_true = {
            let history = logins(records);
            self.rules
                .with_untracked(|rules| evaluate(rules, &history, from, to))
        };
        let fired = self
            .hysteresis
            .try_update_value(|h| h.fire(now_true))
            .unwrap_or_default();
        if fired.is_empty() {
            return;
        }
        if self.notifications.get_untracked() == NotificationAccess::Granted {
            for condition in &fired {
                notify(self.locale, condition);
            }
        }
        self.log.update(|log| log.record(at, fired));
        if self.log_in_view.get_untracked() && !document().hidden() {
            self.mark_seen();
        }
    }

    /// Watching stopped or restarted from scratch (a new Fetch all): the hysteresis forgets
    /// (the log stays for the session).
    pub fn reset(&self) {
        self.hysteresis.set_value(Hysteresis::default());
    }

    /// The text of a number field, as typed.
    pub fn text(&self, field: RuleField) -> RwSignal<String> {
        self.texts[field_index(field)]
    }

    /// Why the field's text is refused, if it is (tracked).
    pub fn problem(&self, field: RuleField) -> Option<OutOfRange> {
        let accepted = self.text(field).with(|text| field.accepts(text));
        (!accepted).then_some(OutOfRange { field })
    }

    /// The user typed `text` in a number field: kept as typed; the rule changes (and is stored)
    /// only when the text is valid.
    pub fn edit(&self, field: RuleField, text: String) {
        let mut rules = self.rules.get_untracked();
        let valid = field.set(&mut rules, &text).is_ok();
        self.text(field).set(text);
        if valid {
            self.store(rules);
        }
    }

    /// Switches a rule on or off (`switch` picks its `enabled` flag).
    pub fn switch(&self, switch: fn(&mut AlertRules) -> &mut bool, on: bool) {
        let mut rules = self.rules.get_untracked();
        *switch(&mut rules) = on;
        self.store(rules);
    }

    fn store(&self, rules: AlertRules) {
        storage::save(RULES_STORAGE_KEY, &rules);
        self.rules.set(rules);
    }

    /// "Show logins" of an alert: the table shows exactly the logins it concerns (the column
    /// filters and quick search are replaced; the filter shows in the column filters, where the
    /// user can widen it again).
    pub fn show_logins(&self, concerned: &Concerned) {
        self.table.filter.set(concerned.filter());
    }

    /// The user has seen the log: the title's count goes.
    pub fn mark_seen(&self) {
        if self.log.with_untracked(|l| l.unseen() > 0) {
            self.log.update(AlertLog::mark_seen);
        }
    }

    /// The Alerts section says whether its log is on screen in a visible tab.
    pub fn log_visibility(&self, on_screen: bool) {
        if self.log_in_view.get_untracked() != on_screen {
            self.log_in_view.set(on_screen);
        }
        if on_screen {
            self.mark_seen();
        }
    }

    /// "Allow notifications": asks the browser, then shows what it answered.
    pub fn allow_notifications(&self) {
        if self.notifications.get_untracked() == NotificationAccess::Unsupported {
            return;
        }
        let access = self.notifications;
        spawn_local(async move {
            if let Ok(promise) = web_sys::Notification::request_permission() {
                // The answer is read from `Notification.permission`: the promise's value is
                // the same string, and a browser that refuses the request rejects it.
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            }
            access.set(notification_access());
        });
    }
}

fn field_index(field: RuleField) -> usize {
    RuleField::ALL
        .iter()
        .position(|f| *f == field)
        .unwrap_or_default()
}

/// The browser's notification permission now.
fn notification_access() -> NotificationAccess {
    let supported =
        js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false);
    if !supported {
        return NotificationAccess::Unsupported;
    }
    match web_sys::Notification::permission() {
        web_sys::NotificationPermission::Granted => NotificationAccess::Granted,
        web_sys::NotificationPermission::Denied => NotificationAccess::Denied,
        _ => NotificationAccess::Ask,
    }
}

/// One browser notification: the app's alert title and the finding's sentence. A browser that
/// refuses to show it leaves the alert in the log, which is where it is kept anyway.
fn notify(locale: Locale, condition: &Condition) {
    let lang = untrack(|| locale.lang());
    let options = web_sys::NotificationOptions::new();
    options.set_body(&condition.finding.describe(lang));
    let _ = web_sys::Notification::new_with_options(t::NOTIFICATION_TITLE.get(lang), &options);
}
