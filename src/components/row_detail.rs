//! The detail of one record: every field, the raw JSON, and a shortcut to that user's sessions.

use leptos::prelude::*;
use logins_core::records::columns::{ColumnId, COLUMNS};
use logins_core::records::filter::ColumnFilter;
use logins_core::time::format::DisplayZone;

use crate::clock::local_offset_at_unix;
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
        let offset = local_offset_at_unix;
        let zone = if state.utc.get() {
            DisplayZone::Utc
        } else {
            DisplayZone::Local(&offset)
        };
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
                        on:click=move |_| state.timeline_user.set(Some(user.clone()))
                    >
                        "Show this user's timeline"
                    </button>
                })}
                {user.map(|user| view! {
                    <button
                        type="button"
                        on:click=move |_| {
                            let needle = user.clone();
                            state.filter.update(|f| {
                                f.columns.retain(|c| c.column() != ColumnId::UserName);
                                f.columns.push(ColumnFilter::Equals { column: ColumnId::UserName, value: needle });
                            });
                        }
                    >
                        "Show this user's sessions"
                    </button>
                })}
                <dl class="facts">{fields}</dl>
                <h3>"Raw JSON"</h3>
                <pre>{raw}</pre>
            </section>
        })
    };
    view! { {body} }
}
