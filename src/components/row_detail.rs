//! The detail of one record: every field, the raw JSON, and a shortcut to that user's sessions.

use leptos::prelude::*;
use logins_core::records::columns::COLUMNS;
use logins_core::records::table_action::TableAction;

use crate::components::logon_phases::LogonPhasesDetail;
use crate::table_state::TableState;

#[component]
pub fn RowDetail() -> impl IntoView {
    let state = expect_context::<TableState>();
    let body = move || {
        let row = state.selected.get()?;
        let table = state.table.get();
        if row as usize >= table.len() {
            return None;
        }
        let bands = state.bands.get();
        let zone = state.zone();
        let fields = COLUMNS
            .iter()
            .map(|spec| {
                let text = table.cell(row, spec.id, &bands).display(&zone);
                view! { <dt>{spec.header}</dt><dd>{text}</dd> }
            })
            .collect_view();
        let raw = logins_core::records::export::record_json_pretty(&table, row);
        let user = table.record(row).user_name.filter(|u| !u.is_empty());
        Some(view! {
            <section class="panel row-detail" role="region" aria-labelledby="detail-heading">
                <div class="detail-head">
                    <h2 id="detail-heading">"Record details"</h2>
                    <button type="button" on:click=move |_| state.selected.set(None)>"Close"</button>
                </div>
                {user.clone().map(|user| view! {
                    <button
                        type="button"
                        on:click=move |_| state.apply(TableAction::UserTimeline(user.clone()))
                    >
                        "Show this user's timeline"
                    </button>
                })}
                {user.map(|user| view! {
                    <button
                        type="button"
                        on:click=move |_| state.apply(TableAction::only_user(&user))
                    >
                        "Show this user's sessions"
                    </button>
                })}
                <dl class="facts">{fields}</dl>
                <LogonPhasesDetail transaction_id=table.record(row).transaction_id/>
                <h3>"Raw JSON"</h3>
                <pre>{raw}</pre>
            </section>
        })
    };
    view! { {body} }
}
