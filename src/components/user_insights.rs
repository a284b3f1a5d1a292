//! One user's sessions on a time axis, and the logins from a public IP or terminal that was new
//! for their user: who has a bad experience since when, and who logs in from somewhere new.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::chart::{self, TimelineBar};
use logins_core::i18n::analytics::{self as t, split_fill, Piece};
use logins_core::records::table_action::TableAction;
use logins_core::stats::{
    flag_pieces, new_locations, new_locations_by_user, user_count_pieces, user_sessions,
};

use crate::components::chart::ChartView;
use crate::components::show_more::{show_more, LIST_STEP};
use crate::locale::use_locale;
use crate::memo::memo;
use crate::table_state::TableState;

#[component]
pub fn UserTimeline() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let on_action = Callback::new(move |action| state.apply(action));
    // The user's sessions (statistics), then the chart in the current language and zone.
    let sessions = memo(move || {
        let user = state.timeline_user.get().unwrap_or_default();
        state.analyze(|a| user_sessions(&a.table, &a.rows, &user, &a.bands))
    });
    let model = memo(move || {
        let lang = locale.lang();
        let user = state.timeline_user.get().unwrap_or_default();
        let zone = state.zone();
        let now = chrono::Utc::now().timestamp();
        let bars: Vec<TimelineBar> = sessions.with(|sessions| {
            sessions
                .iter()
                .map(|s| TimelineBar {
                    start: s.start,
                    end: s.end.unwrap_or(if s.ongoing { now } else { s.start }),
                    failed: s.failed,
                    ongoing: s.ongoing,
                    band: s.network_band,
                    network_rtt: s.network_rtt,
                    e2e_rtt: s.e2e_rtt,
                })
                .collect()
        });
        chart::timeline(lang, &user, &bars, &zone)
    });
    move || {
        state.timeline_user.get().map(|user| {
            let filter_user = user.clone();
            let heading = move || {
                let (before, after) = split_fill(t::TIMELINE_HEADING, locale.lang(), &[]);
                view! { {before}<span translate="no">{user.clone()}</span>{after} }
            };
            view! {
                <section class="panel" aria-labelledby="timeline-heading">
                    <div class="section-head">
                        <h2 id="timeline-heading">{heading}</h2>
                        <div class="buttons">
                            <button
                                type="button"
                                on:click=move |_| state.apply(TableAction::only_user(&filter_user))
                            >
                                {locale.tr(t::SHOW_ONLY_USER)}
                            </button>
                            <button type="button" on:click=move |_| state.close_timeline()>
                                {locale.tr(t::CLOSE_TIMELINE)}
                            </button>
                        </div>
                    </div>
                    <ChartView model on_action/>
                </section>
            }
        })
    }
}

/// A sentence in pieces: the app's words as text, records' values in elements marked
/// `translate="no"`.
fn pieces_view(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Words(words) => words.into_any(),
            Piece::Value(value) => view! { <span translate="no">{value}</span> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn NewLocations() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let flags = memo(move || state.analyze(|a| new_locations(&a.table, &a.rows)));
    let by_user = memo(move || flags.with(|f| new_locations_by_user(f)));
    let limit = RwSignal::new(LIST_STEP);
    // One entry per user, kept while the user and count stay: "Show more", a switch of
    // language or zone leave the opened entries open (their words follow in place).
    let entries =
        move || by_user.with(|users| users.iter().take(limit.get()).cloned().collect::<Vec<_>>());
    let entry = move |(user, count): (String, usize)| {
        let items = {
            let user = user.clone();
            move || {
                let lang = locale.lang();
                let zone = state.zone();
                flags.with(|flags| {
                    flags
                        .iter()
                        .filter(|f| f.user == user)
                        .map(|f| view! { <li>{pieces_view(flag_pieces(lang, f, &zone))}</li> })
                        .collect_view()
                })
            }
        };
        let summary = {
            let user = user.clone();
            move || pieces_view(user_count_pieces(locale.lang(), &user, count))
        };
        view! {
            <details>
                <summary>{summary}</summary>
                <ul>{items}</ul>
                <button
                    type="button"
                    class="small"
                    on:click=move |_| state.apply(TableAction::UserTimeline(user.clone()))
                >{locale.tr(t::OPEN_TIMELINE)}</button>
            </details>
        }
    };
    view! {
        <section class="panel" aria-labelledby="locations-heading">
            <h2 id="locations-heading">{locale.tr(t::NEW_LOCATIONS)}</h2>
            <p class="field-help">{locale.tr(t::NEW_LOCATIONS_HELP)}</p>
            <p>
                {move || {
                    let lang = locale.lang();
                    match by_user.with(Vec::len) {
                        0 => t::NO_NEW_LOCATIONS.get(lang).to_owned(),
                        users => t::NEW_LOCATIONS_COUNT
                            .fill(lang, &[&flags.with(Vec::len).to_string(), &users.to_string()]),
                    }
                }}
            </p>
            <For each=entries key=|entry| entry.clone() children=entry/>
            {show_more(limit, Arc::new(move || by_user.with(Vec::len)), t::SHOWING_USERS)}
        </section>
    }
}
