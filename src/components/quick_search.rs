//! The quick search: one text searched in every text column of the records.

use leptos::prelude::*;

use crate::table_state::TableState;

#[component]
pub fn QuickSearch() -> impl IntoView {
    let state = expect_context::<TableState>();
    view! {
        <div class="field">
            <label for="quick-search">"Search records"</label>
            <input
                id="quick-search"
                type="search"
                placeholder="user, computer, IP, version…"
                prop:value=move || state.filter.with(|f| f.quick.clone())
                on:input=move |ev| state.set_quick(event_target_value(&ev))
            />
        </div>
    }
}
