//! The RTT quality thresholds, editable: what counts as good or fair differs per site.

use leptos::prelude::*;
use logins_core::records::columns::BandThresholds as Thresholds;

use crate::table_state::TableState;

#[component]
pub fn BandThresholds() -> impl IntoView {
    view! {
        {band_input("band-good", "Good RTT up to (ms)", |b| &mut b.good_max_ms)}
        {band_input("band-fair", "Fair RTT up to (ms)", |b| &mut b.fair_max_ms)}
    }
}

/// The input of one threshold (`field` of the thresholds): shows its value, and stores what is
/// typed on change (`Thresholds::parse_limit` decides what counts).
fn band_input(
    id: &'static str,
    label: &'static str,
    field: fn(&mut Thresholds) -> &mut i64,
) -> impl IntoView {
    let state = expect_context::<TableState>();
    view! {
        <div class="field">
            <label for=id>{label}</label>
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
