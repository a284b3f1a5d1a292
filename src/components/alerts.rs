//! The "Alerts" section: the rule editor (each rule a checkbox and its numbers), "Allow
//! notifications" (once the browser answered: "Notifications allowed" / "Notifications
//! blocked"), and the session's alert log (role=log "Alert log"), each entry with its
//! time in the table's zone, the rule, the numbers that fired it and "Show logins".
//!
//! The title's unseen count goes when the log is on screen in a visible tab: this view reports
//! that to `Alerts` after each scroll, resize and visibility change.

use leptos::html::Div;
use leptos::prelude::*;
use logins_core::i18n::{alerts as t, Text};
use logins_core::time::format::format_time;
use logins_core::watch::rule_edit::RuleField;
use logins_core::watch::rules::AlertRules;
use wasm_bindgen::prelude::*;

use crate::alerts::{Alerts, NotificationAccess};
use crate::components::field::TextField;
use crate::locale::use_locale;
use crate::section_scroll;
use crate::table_state::TableState;

#[component]
pub fn AlertsSection() -> impl IntoView {
    let locale = use_locale();
    let alerts = expect_context::<Alerts>();
    let log_box = NodeRef::<Div>::new();
    follow_log_visibility(alerts, log_box);
    view! {
        <section class="panel alerts" role="region" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">{locale.tr(t::ALERTS)}</h2>
            <p class="hint">{locale.tr(t::ALERTS_INTRO)}</p>
            <fieldset class="alert-rules">
                <legend>{locale.tr(t::RULES)}</legend>
                <div class="alert-rule">
                    <RuleSwitch id="alert-failure-rate" label=t::FAILURE_RATE_RULE flag=|r| &mut r.failure_rate.enabled/>
                    <RuleNumber id="alert-failure-percent" label=t::FAILURE_PERCENT field=RuleField::FailurePercent/>
                    <RuleNumber id="alert-min-logins" label=t::MIN_LOGINS field=RuleField::MinLogins/>
                </div>
                <div class="alert-rule">
                    <RuleSwitch id="alert-rtt" label=t::RTT_RULE flag=|r| &mut r.rtt_p95.enabled/>
                    <RuleNumber id="alert-rtt-ms" label=t::RTT_MS field=RuleField::RttMs/>
                </div>
                <div class="alert-rule">
                    <RuleSwitch id="alert-streak" label=t::STREAK_RULE flag=|r| &mut r.failure_streak.enabled/>
                    <RuleNumber id="alert-streak-failures" label=t::STREAK_FAILURES field=RuleField::StreakFailures/>
                </div>
                <div class="alert-rule">
                    <RuleSwitch id="alert-new-location" label=t::NEW_LOCATION_RULE flag=|r| &mut r.new_location.enabled/>
                </div>
            </fieldset>
            <Notifications/>
            <h3 id="alert-log-heading">{locale.tr(t::ALERT_LOG)}</h3>
            <div node_ref=log_box role="log" aria-label=locale.tr(t::ALERT_LOG) class="alert-log">
                <AlertEntries/>
            </div>
        </section>
    }
}

/// A rule's on/off checkbox.
#[component]
fn RuleSwitch(
    id: &'static str,
    label: Text,
    /// The rule's `enabled` flag.
    flag: fn(&mut AlertRules) -> &mut bool,
) -> impl IntoView {
    let locale = use_locale();
    let alerts = expect_context::<Alerts>();
    view! {
        <label class="choice">
            <input
                id=id
                type="checkbox"
                prop:checked=move || alerts.rules.with(|r| *flag(&mut r.clone()))
                on:change=move |ev| alerts.switch(flag, event_target_checked(&ev))
            />
            {locale.tr(label)}
        </label>
    }
}

/// A rule's number: what is typed stays; a refused value shows why on the field and the rule
/// keeps its last valid value.
#[component]
fn RuleNumber(id: &'static str, label: Text, field: RuleField) -> impl IntoView {
    let locale = use_locale();
    let alerts = expect_context::<Alerts>();
    let error = Signal::derive(move || {
        alerts
            .problem(field)
            .map(|problem| problem.message(locale.lang()))
    });
    view! {
        <TextField
            label
            id
            value=alerts.text(field)
            error
            input_type="number"
            inputmode=if field == RuleField::FailurePercent { "decimal" } else { "numeric" }
            on_edit=Callback::new(move |text| alerts.edit(field, text))
        />
    }
}

/// "Allow notifications", or what the browser answered.
#[component]
fn Notifications() -> impl IntoView {
    let locale = use_locale();
    let alerts = expect_context::<Alerts>();
    view! {
        <div class="alert-notifications">
            <button
                type="button"
                disabled=move || alerts.notifications.get() != NotificationAccess::Ask
                on:click=move |_| alerts.allow_notifications()
            >
                // Once the browser has answered, the button says what it answered.
                {move || {
                    let said = match alerts.notifications.get() {
                        NotificationAccess::Ask => t::ALLOW_NOTIFICATIONS,
                        NotificationAccess::Granted => t::NOTIFICATIONS_ALLOWED_BUTTON,
                        NotificationAccess::Denied => t::NOTIFICATIONS_BLOCKED_BUTTON,
                        NotificationAccess::Unsupported => t::NOTIFICATIONS_UNAVAILABLE_BUTTON,
                    };
                    said.get(locale.lang())
                }}
            </button>
            <p class="hint" role="status">
                {move || {
                    let said = match alerts.notifications.get() {
                        NotificationAccess::Ask => return None,
                        NotificationAccess::Granted => t::NOTIFICATIONS_ON,
                        NotificationAccess::Denied => t::NOTIFICATIONS_DENIED,
                        NotificationAccess::Unsupported => t::NOTIFICATIONS_UNSUPPORTED,
                    };
                    Some(said.get(locale.lang()))
                }}
            </p>
        </div>
    }
}

/// The log's entries, newest first, or a line saying there are none.
#[component]
fn AlertEntries() -> impl IntoView {
    let locale = use_locale();
    let alerts = expect_context::<Alerts>();
    let table = expect_context::<TableState>();
    move || {
        let lang = locale.lang();
        let zone = table.zone();
        let zone_name = table.zone_name(lang);
        alerts.log.with(|log| {
            if log.is_empty() {
                return view! { <p class="hint">{t::NO_ALERTS.get(lang)}</p> }.into_any();
            }
            let entries = log
                .iter()
                .map(|alert| {
                    let finding = &alert.condition.finding;
                    let concerned = alert.condition.concerned.clone();
                    let sentence = finding
                        .describe_parts(lang)
                        .into_iter()
                        .map(|(text, data)| {
                            view! { <span translate=data.then_some("no")>{text}</span> }
                        })
                        .collect_view();
                    view! {
                        <li class="alert-entry">
                            <span class="alert-time">
                                {format!("{} {}", format_time(alert.at, &zone), zone_name)}
                            </span>
                            <strong class="alert-rule-name">{finding.rule().get(lang)}</strong>
                            <span class="alert-finding">{sentence}</span>
                            <a
                                href="#records"
                                on:click=move |_| {
                                    // Before the browser jumps: the jump reads the padding.
                                    section_scroll::clear_the_bar();
                                    alerts.show_logins(&concerned);
                                }
                            >
                                {t::SHOW_LOGINS.get(lang)}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="alert-entries">{entries}</ul> }.into_any()
        })
    }
}

/// Reports to `alerts` whether the log is on screen in a visible tab, now and after each
/// scroll, resize and visibility change. The listeners live as long as the page (one app,
/// never unmounted), as the navigation's do.
fn follow_log_visibility(alerts: Alerts, log_box: NodeRef<Div>) {
    let check = move || {
        let Some(element) = log_box.get_untracked() else {
            return;
        };
        let rect = element.get_bounding_client_rect();
        let height = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let on_screen = rect.bottom() > 0.0 && rect.top() < height && !document().hidden();
        alerts.log_visibility(on_screen);
    };
    let listener = Closure::<dyn Fn()>::new(check);
    let callback = listener.as_ref().unchecked_ref();
    for event in ["scroll", "resize"] {
        let _ = window().add_event_listener_with_callback(event, callback);
    }
    let _ = document().add_event_listener_with_callback("visibilitychange", callback);
    listener.forget();
    // Once drawn: the section may be on screen from the start (a link to #alerts).
    Effect::new(move |_| {
        if log_box.get().is_some() {
            check();
        }
    });
}
