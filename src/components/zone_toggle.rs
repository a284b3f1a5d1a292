//! The UTC/local choice for every time the app shows (see `TableState::zone`).

use leptos::prelude::*;
use logins_core::i18n::table as text;

use crate::locale::use_locale;
use crate::table_state::TableState;

#[component]
pub fn ZoneToggle() -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    view! {
        <div class="field">
            <span class="label">{locale.tr(text::TIMES)}</span>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || state.utc.get()
                    on:change=move |ev| state.utc.set(event_target_checked(&ev))
                />
                {locale.tr(text::SHOW_UTC)}
            </label>
        </div>
    }
}
