//! Breakdowns by user, computer, terminal type, versions, public IP and desktop subnet: count,
//! failure and reconnect rates, RTT percentiles; sortable; a click filters everything to that
//! group. Plus the top 20 users by p95 RTT.

use std::sync::Arc;

use leptos::prelude::*;
use logins_core::chart;
use logins_core::records::table_action::TableAction;
use logins_core::stats::{breakdown, top_by_p95, Dimension, Group, Metric};
use logins_core::text::num::fixed;

use crate::components::chart::ChartView;
use crate::components::show_more::{show_more, LIST_STEP};
use crate::table_state::TableState;

/// Columns of the breakdown table: header, and how to compare two groups by it.
type Compare = fn(&Group, &Group) -> std::cmp::Ordering;
const SORTS: [(&str, Compare); 8] = [
    ("Group", |a, b| a.key.cmp(&b.key)),
    ("Logins", |a, b| a.count.cmp(&b.count)),
    ("Failure %", |a, b| {
        a.failure_rate.total_cmp(&b.failure_rate)
    }),
    ("Reconnect %", |a, b| {
        a.reconnect_rate.total_cmp(&b.reconnect_rate)
    }),
    ("Network p50", |a, b| a.network_p50.cmp(&b.network_p50)),
    ("Network p95", |a, b| a.network_p95.cmp(&b.network_p95)),
    ("E2E p50", |a, b| a.e2e_p50.cmp(&b.e2e_p50)),
    ("E2E p95", |a, b| a.e2e_p95.cmp(&b.e2e_p95)),
];

#[component]
pub fn Breakdowns() -> impl IntoView {
    let state = expect_context::<TableState>();
    let dimension = RwSignal::new(Dimension::User);
    // (column index in SORTS, descending)
    let sort = RwSignal::new((1usize, true));
    // How many groups the table shows (a user dimension has a group per user).
    let limit = RwSignal::new(LIST_STEP);

    let groups = Memo::new(move |_| {
        let dim = dimension.get();
        state.analyze(|a| breakdown(&a.table, &a.rows, dim))
    });
    let top_users = Memo::new(move |_| {
        // The breakdown by user is the table's own when that is the chosen dimension (the
        // default): computed once, not twice.
        let top = if dimension.get() == Dimension::User {
            groups.with(|g| top_by_p95(g, Metric::NetworkRtt, 20))
        } else {
            let by_user = state.analyze(|a| breakdown(&a.table, &a.rows, Dimension::User));
            top_by_p95(&by_user, Metric::NetworkRtt, 20)
        };
        let items: Vec<_> = top
            .into_iter()
            .map(|g| {
                let p95 = g.network_p95.unwrap_or(0);
                let action = Dimension::User.filter_for(&g).map(TableAction::Filter);
                (
                    g.key,
                    p95 as f64,
                    format!("{p95} ms ({} logins)", g.count),
                    action,
                )
            })
            .collect();
        chart::ranked_bars(
            "Top 20 users by p95 network RTT",
            "p95 network RTT",
            &items,
            "mark-poor",
        )
    });
    let on_action = Callback::new(move |action| state.apply(action));

    // The missing group has no filter: a click on it does nothing.
    let choose = move |group: &Group| {
        if let Some(filter) = dimension.get_untracked().filter_for(group) {
            state.apply(TableAction::Filter(filter));
        }
    };

    let rows = move || {
        let (by, descending) = sort.get();
        let mut groups = groups.get();
        logins_core::records::sort::sort_stable_by(&mut groups, &|a, b| {
            let o = SORTS[by].1(a, b);
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        let is_user = dimension.get() == Dimension::User;
        groups
            .into_iter()
            .take(limit.get())
            .map(|g| {
                let ms = |v: Option<i64>| v.map(|v| format!("{v} ms")).unwrap_or_else(|| "–".into());
                let key = g.key.clone();
                let for_click = g.clone();
                let for_key = g.clone();
                let timeline_user = (is_user && !g.missing_key).then(|| g.key.clone());
                view! {
                    <tr
                        tabindex="0"
                        on:click=move |_| choose(&for_click)
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { choose(&for_key) }
                    >
                        <th scope="row">{key}</th>
                        <td class="num">{g.count}</td>
                        <td class="num">{format!("{}%", fixed(g.failure_rate * 100.0, 1, false))}</td>
                        <td class="num">{if g.reconnect_unknown == g.count {
                            "n/a".to_owned()
                        } else {
                            format!("{}%", fixed(g.reconnect_rate * 100.0, 1, false))
                        }}</td>
                        <td class="num">{ms(g.network_p50)}</td>
                        <td class="num">{ms(g.network_p95)}</td>
                        <td class="num">{ms(g.e2e_p50)}</td>
                        <td class="num">{ms(g.e2e_p95)}</td>
                        <td>{timeline_user.map(|user| view! {
                            <button
                                type="button"
                                class="small"
                                aria-label=format!("Timeline of {user}")
                                on:click=move |ev| {
                                    ev.stop_propagation();
                                    state.apply(TableAction::UserTimeline(user.clone()));
                                }
                            >"Timeline"</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="panel" aria-labelledby="breakdowns-heading">
            <div class="section-head">
                <h2 id="breakdowns-heading">"Breakdowns"</h2>
                <div class="field">
                    <label for="breakdown-by">"Break down by"</label>
                    <select
                        id="breakdown-by"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            dimension.set(Dimension::ALL.get(i).copied().unwrap_or(Dimension::User));
                            limit.set(LIST_STEP);
                        }
                    >
                        {Dimension::ALL
                            .iter()
                            .enumerate()
                            .map(|(i, d)| view! { <option value=i.to_string()>{d.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            <p class="field-help">
                {move || format!("{} groups; click one to filter everything to it.", groups.with(Vec::len))}
            </p>
            <div class="breakdown-table">
                <table aria-label="Breakdown">
                    <thead>
                        <tr>
                            {SORTS
                                .iter()
                                .enumerate()
                                .map(|(i, (label, _))| {
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
                                                {*label}
                                            </button>
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col"><span class="visually-hidden">"Timeline"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {show_more(limit, Arc::new(move || groups.with(Vec::len)), "groups")}
            <ChartView model=top_users on_action/>
        </section>
    }
}
