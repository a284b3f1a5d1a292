//! The UTC/local choice for every time the app shows (see `TableState::zone`).

use leptos::prelude::*;

use crate::table_state::TableState;

#[component]
pub fn ZoneToggle() -> impl IntoView {
    let state = expect_context::<TableState>();
    view! {
        <div class="field">
            <span class="label">"Times"</span>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || state.utc.get()
                    on:change=move |ev| state.utc.set(event_target_checked(&ev))
                />
                "Show times in UTC"
            </label>
        </div>
    }
}
