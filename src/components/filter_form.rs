//! Filters of the query: time range (presets or custom, in local time with the UTC value shown),
//! text filters, RTT bounds and page size.

use leptos::prelude::*;
use logins_core::api::field_error::Field;
use logins_core::time::window::{local_input_to_api, TimePreset};

use crate::clock::local_offset_at;
use crate::components::field::TextField;
use crate::form_state::{FormState, Validation};

#[component]
pub fn FilterForm() -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();

    // Typing a time makes the range custom: the preset no longer describes it.
    let edit_time = move |signal: RwSignal<String>| {
        Callback::new(move |text: String| {
            form.preset.set(TimePreset::Custom);
            signal.set(text);
        })
    };
    // Half-typed: the range is being edited by hand, so it is custom, and flagged until whole.
    let bad_time = move |flag: RwSignal<bool>| {
        Callback::new(move |bad: bool| {
            if bad {
                form.preset.set(TimePreset::Custom);
            }
            flag.set(bad);
        })
    };
    // What the API will receive, so the local/UTC conversion is never a surprise.
    let utc_help = move |signal: RwSignal<String>, field: Field| {
        Signal::derive(move || {
            let local = signal.get();
            if local.trim().is_empty() {
                return "Empty: no time filter.".to_owned();
            }
            match local_input_to_api(&local, field, local_offset_at) {
                Ok(api) => format!("Sent as {api} (UTC)"),
                Err(_) => String::new(),
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="filters-heading">
            <h2 id="filters-heading">"Filters"</h2>
            <div class="grid">
                <div class="field">
                    <label for="time-range">"Time range"</label>
                    <select
                        id="time-range"
                        prop:value=move || form.preset.get().id()
                        on:change=move |ev| {
                            if let Some(preset) = TimePreset::from_id(&event_target_value(&ev)) {
                                form.choose_preset(preset, crate::clock::now());
                            }
                        }
                    >
                        {TimePreset::ALL
                            .iter()
                            .map(|p| view! { <option value=p.id()>{p.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <TextField
                    label="Start time"
                    id="start-time"
                    input_type="datetime-local"
                    value=form.start_local
                    on_edit=edit_time(form.start_local)
                    on_bad_input=bad_time(form.start_bad)
                    error=validation.messages(Field::StartTime)
                    help=utc_help(form.start_local, Field::StartTime)
                />
                <TextField
                    label="End time"
                    id="end-time"
                    input_type="datetime-local"
                    value=form.end_local
                    on_edit=edit_time(form.end_local)
                    on_bad_input=bad_time(form.end_bad)
                    error=validation.messages(Field::EndTime)
                    help=utc_help(form.end_local, Field::EndTime)
                />
            </div>
            <div class="grid">
                <TextField
                    label="User name"
                    id="user-name"
                    value=form.user_name
                    error=validation.messages(Field::UserName)
                />
                <TextField
                    label="Computer name"
                    id="computer-name"
                    value=form.computer_name
                    error=validation.messages(Field::ComputerName)
                />
                <TextField
                    label="Terminal type"
                    id="terminal-type"
                    value=form.terminal_type
                    error=validation.messages(Field::TerminalType)
                    placeholder="e.g. WI, Windows 10"
                />
                <TextField
                    label="Min network RTT"
                    id="min-network-rtt"
                    value=form.min_network_rtt
                    inputmode="numeric"
                    error=validation.messages(Field::MinNetworkRtt)
                    help=Signal::stored("Milliseconds.".to_owned())
                />
                <TextField
                    label="Max network RTT"
                    id="max-network-rtt"
                    value=form.max_network_rtt
                    inputmode="numeric"
                    error=validation.messages(Field::MaxNetworkRtt)
                    help=Signal::stored("Milliseconds.".to_owned())
                />
                <TextField
                    label="Enterprise project ID"
                    id="enterprise-project-id"
                    value=form.enterprise_project_id
                    error=validation.messages(Field::EnterpriseProjectId)
                />
                <TextField
                    label="Public IP"
                    id="public-ip"
                    value=form.public_ip
                    error=validation.messages(Field::PublicIp)
                />
                <TextField
                    label="Page size"
                    id="page-size"
                    value=form.page_size
                    inputmode="numeric"
                    error=validation.messages(Field::Limit)
                    help=Signal::stored("Records per page for Run query, 0 to 1000. Fetch all uses 1000.".to_owned())
                />
            </div>
        </section>
    }
}
