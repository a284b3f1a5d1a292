//! The detail of one record: every field, the raw JSON, and a shortcut to that user's sessions.
//! Labels and the app's words follow the interface's language; the record's own values and its
//! raw JSON are marked `translate="no"`. The open row is state (`TableState::selected`), so a
//! language switch keeps it open.

use leptos::prelude::*;
use logins_core::i18n::table as text;
use logins_core::records::columns::{ColumnKind, COLUMNS};
use logins_core::records::table_action::TableAction;

use crate::components::logon_phases::LogonPhasesDetail;
use crate::locale::use_locale;
use crate::table_state::TableState;

#[component]
pub fn RowDetail() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    let body = move || {
        let row = state.selected.get()?;
        let table = state.table.get();
        if row as usize >= table.len() {
            return None;
        }
        let lang = locale.lang();
        let bands = state.bands.get();
        let zone = state.zone();
        let fields = COLUMNS
            .iter()
            .map(|spec| {
                let cell = table.cell(row, spec.id, &bands);
                let (value, user_data) = if spec.kind == ColumnKind::Phase {
                    // Looked up in the session's analysis, as the table's column.
                    (state.phases.with(|p| p.row_text(lang, &table, row)), None)
                } else {
                    (
                        cell.display(lang, &zone),
                        cell.is_from_data().then_some("no"),
                    )
                };
                view! { <dt>{spec.header.get(lang)}</dt><dd translate=user_data>{value}</dd> }
            })
            .collect_view();
        let raw = logins_core::records::export::record_json_pretty(&table, row);
        let user = table.record(row).user_name.filter(|u| !u.is_empty());
        Some(view! {
            <section class="panel row-detail" role="region" aria-labelledby="detail-heading">
                <div class="detail-head">
                    <h2 id="detail-heading">{text::RECORD_DETAILS.get(lang)}</h2>
                    <button type="button" on:click=move |_| state.selected.set(None)>
                        {text::CLOSE.get(lang)}
                    </button>
                </div>
                {user.clone().map(|user| view! {
                    <button
                        type="button"
                        on:click=move |_| state.apply(TableAction::UserTimeline(user.clone()))
                    >
                        {text::SHOW_TIMELINE.get(lang)}
                    </button>
                })}
                {user.map(|user| view! {
                    <button
                        type="button"
                        on:click=move |_| state.apply(TableAction::only_user(&user))
                    >
                        {text::SHOW_SESSIONS.get(lang)}
                    </button>
                })}
                <dl class="facts">{fields}</dl>
                <LogonPhasesDetail transaction_id=table.record(row).transaction_id/>
                <h3>{text::RAW_JSON.get(lang)}</h3>
                <pre translate="no">{raw}</pre>
            </section>
        })
    };
    view! { {body} }
}
