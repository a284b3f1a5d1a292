//! Breakdowns by user, computer, terminal type, versions, public IP and desktop subnet (and by
//! region and project when the loaded records come from several): count, failure and reconnect
//! rates, RTT percentiles; sortable; a click filters everything to that group. Plus the top 20
//! users by p95 RTT.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::chart;
use logins_core::i18n::analytics as t;
use logins_core::records::column_choice::origins;
use logins_core::records::table_action::TableAction;
use logins_core::stats::{breakdown, top_by_p95, Dimension, Group, Metric, BREAKDOWN_COLUMNS};

use crate::components::chart::ChartView;
use crate::components::show_more::{show_more, LIST_STEP};
use crate::locale::use_locale;
use crate::memo::memo;
use crate::table_state::TableState;

#[component]
pub fn Breakdowns() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let chosen = RwSignal::new(Dimension::User);
    // The dimensions the loaded records can be compared by (region and project only when
    // there are several): of the whole table, so a filter to one region keeps the choice.
    let offered = memo(move || {
        let (regions, projects) = state.analyze(|a| origins(&a.table));
        Dimension::ALL
            .into_iter()
            .filter(|d| d.offered(regions, projects))
            .collect::<Vec<_>>()
    });
    // The chosen dimension while it is offered (new records may take it away).
    let dimension = memo(move || {
        let d = chosen.get();
        if offered.with(|o| o.contains(&d)) {
            d
        } else {
            Dimension::User
        }
    });
    // (column index in BREAKDOWN_COLUMNS, descending)
    let sort = RwSignal::new((1usize, true));
    // How many groups the table shows (a user dimension has a group per user).
    let limit = RwSignal::new(LIST_STEP);

    let groups = memo(move || {
        let dim = dimension.get();
        state.analyze(|a| breakdown(&a.table, &a.rows, dim))
    });
    let top = memo(move || {
        // The breakdown by user is the table's own when that is the chosen dimension (the
        // default): computed once, not twice.
        if dimension.get() == Dimension::User {
            groups.with(|g| top_by_p95(g, Metric::NetworkRtt, 20))
        } else {
            let by_user = state.analyze(|a| breakdown(&a.table, &a.rows, Dimension::User));
            top_by_p95(&by_user, Metric::NetworkRtt, 20)
        }
    });
    // Only the words follow the language: the groups are not computed again.
    let top_users = memo(move || {
        let lang = locale.lang();
        top.with(|top| chart::top_users_chart(lang, top))
    });
    let on_action = Callback::new(move |action| state.apply(action));

    // The missing group has no filter: a click on it does nothing.
    let choose = move |group: &Group| {
        if let Some(filter) = dimension.get_untracked().filter_for(group) {
            state.apply(TableAction::Filter(filter));
        }
    };

    // The groups the table shows, in the chosen order.
    let shown = memo(move || {
        let (by, descending) = sort.get();
        let mut groups = groups.get();
        logins_core::records::sort::sort_stable_by(&mut groups, &|a, b| {
            let o = (BREAKDOWN_COLUMNS[by].compare)(a, b);
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        groups.truncate(limit.get());
        groups
    });
    let rows = move || {
        let lang = locale.lang();
        let is_user = dimension.get() == Dimension::User;
        shown
            .get()
            .into_iter()
            .map(|g| {
                let name = g.name(lang).to_owned();
                let cells = g.cells(lang).map(|c| view! { <td class="num">{c}</td> });
                let for_click = g.clone();
                let for_key = g.clone();
                let timeline_user = (is_user && !g.missing_key).then(|| g.key.clone());
                view! {
                    <tr
                        tabindex="0"
                        on:click=move |_| choose(&for_click)
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { choose(&for_key) }
                    >
                        // A group's name is a record's value, except "(missing)".
                        <th scope="row" translate=(!g.missing_key).then_some("no")>{name}</th>
                        {cells.into_iter().collect_view()}
                        <td>{timeline_user.map(|user| view! {
                            // Its name holds the user's name, a record's value: not translated.
                            <button
                                type="button"
                                class="small"
                                translate="no"
                                aria-label=t::TIMELINE_OF.fill(lang, &[&user])
                                on:click=move |ev| {
                                    ev.stop_propagation();
                                    state.apply(TableAction::UserTimeline(user.clone()));
                                }
                            >{t::TIMELINE.get(lang)}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="panel" aria-labelledby="breakdowns-heading">
            <div class="section-head">
                <h2 id="breakdowns-heading">{locale.tr(t::BREAKDOWNS)}</h2>
                <div class="field">
                    <label for="breakdown-by">{locale.tr(t::BREAK_DOWN_BY)}</label>
                    // Made anew when the offered dimensions change (new records), not on a
                    // choice, so the select keeps focus while the user picks.
                    {move || {
                        let current = dimension.get_untracked();
                        let options = offered
                            .get()
                            .into_iter()
                            .map(|d| {
                                let i = Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0);
                                view! {
                                    <option value=i.to_string() selected=d == current>{locale.tr(d.label())}</option>
                                }
                            })
                            .collect_view();
                        view! {
                            <select
                                id="breakdown-by"
                                on:change=move |ev| {
                                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                                    chosen.set(Dimension::ALL.get(i).copied().unwrap_or(Dimension::User));
                                    limit.set(LIST_STEP);
                                }
                            >
                                {options}
                            </select>
                        }
                    }}
                </div>
            </div>
            <p class="field-help">
                {move || t::GROUPS_HELP.fill(locale.lang(), &[&groups.with(Vec::len).to_string()])}
            </p>
            <div class="breakdown-table">
                <table aria-label=locale.tr(t::BREAKDOWN)>
                    <thead>
                        <tr>
                            {BREAKDOWN_COLUMNS
                                .iter()
                                .enumerate()
                                .map(|(i, column)| {
                                    view! {
                                        <th scope="col" aria-sort=move || {
                                            let (by, desc) = sort.get();
                                            (by == i).then_some(if desc { "descending" } else { "ascending" })
                                        } class:num={i > 0}>
                                            <button
                                                type="button"
                                                class="sort"
                                                on:click=move |_| sort.update(|(by, desc)| {
                                                    if *by == i { *desc = !*desc } else { *by = i; *desc = i > 0 }
                                                })
                                            >
                                                {locale.tr(column.header)}
                                            </button>
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col"><span class="visually-hidden">{locale.tr(t::TIMELINE)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {show_more(limit, Arc::new(move || groups.with(Vec::len)), t::SHOWING_GROUPS)}
            <ChartView model=top_users on_action/>
        </section>
    }
}
