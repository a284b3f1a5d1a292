//! The RTT quality thresholds, editable: what counts as good or fair differs per site.

use leptos::prelude::*;
use logins_core::i18n::{table as text, Text};
use logins_core::records::columns::BandThresholds as Thresholds;

use crate::locale::use_locale;
use crate::table_state::TableState;

#[component]
pub fn BandThresholds() -> impl IntoView {
    view! {
        {band_input("band-good", text::GOOD_UP_TO, |b| &mut b.good_max_ms)}
        {band_input("band-fair", text::FAIR_UP_TO, |b| &mut b.fair_max_ms)}
    }
}

/// The input of one threshold (`field` of the thresholds): shows its value, and stores what is
/// typed on change (`Thresholds::parse_limit` decides what counts).
fn band_input(
    id: &'static str,
    label: Text,
    field: fn(&mut Thresholds) -> &mut i64,
) -> impl IntoView {
    let state = expect_context::<TableState>();
    let locale = use_locale();
    view! {
        <div class="field">
            <label for=id>{locale.tr(label)}</label>
            <input
                id=id
                inputmode="numeric"
                prop:value=move || {
                    let mut bands = state.bands.get();
                    field(&mut bands).to_string()
                }
                on:change=move |ev| state.set_band_limit(field, &event_target_value(&ev))
            />
        </div>
    }
}
