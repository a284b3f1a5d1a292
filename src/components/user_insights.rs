//! One user's sessions on a time axis, and the logins from a public IP or terminal that was new
//! for their user: who has a bad experience since when, and who logs in from somewhere new.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::chart::{self, TimelineBar};
use logins_core::records::table_action::TableAction;
use logins_core::stats::{new_locations, new_locations_by_user, user_sessions};
use logins_core::time::format::{format_duration, format_time};

use crate::components::chart::ChartView;
use crate::components::show_more::{show_more, LIST_STEP};
use crate::table_state::TableState;

#[component]
pub fn UserTimeline() -> impl IntoView {
    let state = expect_context::<TableState>();
    let on_action = Callback::new(move |action| state.apply(action));
    let model = Memo::new(move |_| {
        let user = state.timeline_user.get().unwrap_or_default();
        let zone = state.zone();
        let now = chrono::Utc::now().timestamp();
        let sessions = state.analyze(|a| user_sessions(&a.table, &a.rows, &user, &a.bands));
        let bars: Vec<TimelineBar> = sessions
            .iter()
            .map(|s| {
                let end = s.end.unwrap_or(if s.ongoing { now } else { s.start });
                let rtt =
                    |v: Option<i64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "–".into());
                let status = if s.failed {
                    "failed".to_owned()
                } else if s.ongoing {
                    "ongoing".to_owned()
                } else {
                    format_duration(logins_core::i18n::Lang::En, end - s.start)
                };
                TimelineBar {
                    start: s.start,
                    end,
                    failed: s.failed,
                    ongoing: s.ongoing,
                    band: s.network_band,
                    tip: format!(
                        "{}: {status}, network RTT {}, E2E RTT {}",
                        format_time(s.start, &zone),
                        rtt(s.network_rtt),
                        rtt(s.e2e_rtt)
                    ),
                }
            })
            .collect();
        chart::timeline(&format!("Sessions of {user}"), &bars, &zone)
    });
    move || {
        state.timeline_user.get().map(|user| {
            let filter_user = user.clone();
            view! {
                <section class="panel" aria-labelledby="timeline-heading">
                    <div class="section-head">
                        <h2 id="timeline-heading">{format!("Timeline: {user}")}</h2>
                        <div class="buttons">
                            <button
                                type="button"
                                on:click=move |_| state.apply(TableAction::only_user(&filter_user))
                            >
                                "Show only this user"
                            </button>
                            <button type="button" on:click=move |_| state.close_timeline()>"Close timeline"</button>
                        </div>
                    </div>
                    <ChartView model on_action/>
                </section>
            }
        })
    }
}

#[component]
pub fn NewLocations() -> impl IntoView {
    let state = expect_context::<TableState>();
    let flags = Memo::new(move |_| state.analyze(|a| new_locations(&a.table, &a.rows)));
    let by_user = move || flags.with(|f| new_locations_by_user(f));
    let limit = RwSignal::new(LIST_STEP);
    view! {
        <section class="panel" aria-labelledby="locations-heading">
            <h2 id="locations-heading">"New locations"</h2>
            <p class="field-help">
                "Logins whose public IP or terminal MAC had not been seen for that user earlier in "
                "the loaded records (a user's first login is not flagged)."
            </p>
            {move || {
                let users = by_user();
                if users.is_empty() {
                    return view! { <p>"No logins from a new location."</p> }.into_any();
                }
                let zone = state.zone();
                let details = flags.with(|flags| {
                    users
                        .iter()
                        .take(limit.get())
                        .map(|(user, count)| {
                            let items = flags
                                .iter()
                                .filter(|f| &f.user == user)
                                .map(|f| {
                                    let mut what = Vec::new();
                                    if let Some(ip) = &f.new_public_ip {
                                        what.push(format!("new public IP {ip}"));
                                    }
                                    if let Some(mac) = &f.new_terminal_mac {
                                        what.push(format!("new terminal MAC {mac}"));
                                    }
                                    view! { <li>{format!("{}: {}", format_time(f.start, &zone), what.join(", "))}</li> }
                                })
                                .collect_view();
                            let timeline_user = user.clone();
                            view! {
                                <details>
                                    <summary>{format!("{user}: {count}")}</summary>
                                    <ul>{items}</ul>
                                    <button
                                        type="button"
                                        class="small"
                                        on:click=move |_| state.apply(TableAction::UserTimeline(timeline_user.clone()))
                                    >"Open timeline"</button>
                                </details>
                            }
                        })
                        .collect_view()
                });
                view! {
                    <p>{format!("{} logins from a new location, by {} users.", flags.with(Vec::len), users.len())}</p>
                    {details}
                }
                .into_any()
            }}
            {show_more(limit, Arc::new(move || by_user().len()), "users")}
        </section>
    }
}
