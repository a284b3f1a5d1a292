//! The quick search: one text searched in every text column of the records, and the words of a
//! state (进行中, failed...) in either language (see `core::records::filter`).

use leptos::prelude::*;
use logins_core::i18n::table as text;

use crate::locale::use_locale;
use crate::table_state::TableState;

#[component]
pub fn QuickSearch() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    view! {
        <div class="field">
            <label for="quick-search">{locale.tr(text::SEARCH_RECORDS)}</label>
            <input
                id="quick-search"
                type="search"
                placeholder=locale.tr(text::SEARCH_PLACEHOLDER)
                prop:value=move || state.filter.with(|f| f.quick.clone())
                on:input=move |ev| state.set_quick(event_target_value(&ev))
            />
        </div>
    }
}
