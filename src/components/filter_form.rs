//! Filters of the query: time range (presets or custom, in local time with the UTC value shown),
//! text filters, RTT bounds and page size.

use leptos::prelude::*;
use logins_core::api::field_error::Field;
use logins_core::i18n::form as text;
use logins_core::time::window::{TimeHint, TimePreset};

use crate::clock::local_offset_at;
use crate::components::field::TextField;
use crate::form_state::{FormState, Validation};
use crate::locale::use_locale;

#[component]
pub fn FilterForm() -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();
    let locale = use_locale();
    let messages = move |field: Field| validation.messages(field, locale);

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
    // What the API will receive, so the local/UTC conversion is never a surprise. The value is
    // the API's own text, left untranslated.
    let utc_help = move |signal: RwSignal<String>, field: Field| {
        ViewFn::from(move || {
            let hint = TimeHint::for_input(&signal.get(), field, local_offset_at);
            let (before, value, after) = hint.parts(locale.lang());
            let value = (!value.is_empty()).then(|| value.to_owned());
            view! {
                {before}
                {value.map(|value| view! { <span translate="no">{value}</span> })}
                {after}
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{locale.tr(text::FILTERS)}</h2>
            <div class="grid">
                <div class="field">
                    <label for="time-range">{locale.tr(text::TIME_RANGE)}</label>
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
                            .map(|&p| view! { <option value=p.id()>{move || p.label(locale.lang())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <TextField
                    label=text::START_TIME
                    id="start-time"
                    input_type="datetime-local"
                    value=form.start_local
                    on_edit=edit_time(form.start_local)
                    on_bad_input=bad_time(form.start_bad)
                    error=messages(Field::StartTime)
                    help=utc_help(form.start_local, Field::StartTime)
                />
                <TextField
                    label=text::END_TIME
                    id="end-time"
                    input_type="datetime-local"
                    value=form.end_local
                    on_edit=edit_time(form.end_local)
                    on_bad_input=bad_time(form.end_bad)
                    error=messages(Field::EndTime)
                    help=utc_help(form.end_local, Field::EndTime)
                />
            </div>
            <div class="grid">
                <TextField
                    label=text::USER_NAME
                    id="user-name"
                    value=form.user_name
                    error=messages(Field::UserName)
                />
                <TextField
                    label=text::COMPUTER_NAME
                    id="computer-name"
                    value=form.computer_name
                    error=messages(Field::ComputerName)
                />
                <TextField
                    label=text::TERMINAL_TYPE
                    id="terminal-type"
                    value=form.terminal_type
                    error=messages(Field::TerminalType)
                    placeholder=text::TERMINAL_TYPE_PLACEHOLDER
                />
                <TextField
                    label=text::MIN_NETWORK_RTT
                    id="min-network-rtt"
                    value=form.min_network_rtt
                    inputmode="numeric"
                    error=messages(Field::MinNetworkRtt)
                    help=locale.tr(text::MILLISECONDS_HELP)
                />
                <TextField
                    label=text::MAX_NETWORK_RTT
                    id="max-network-rtt"
                    value=form.max_network_rtt
                    inputmode="numeric"
                    error=messages(Field::MaxNetworkRtt)
                    help=locale.tr(text::MILLISECONDS_HELP)
                />
                <TextField
                    label=text::ENTERPRISE_PROJECT_ID
                    id="enterprise-project-id"
                    value=form.enterprise_project_id
                    error=messages(Field::EnterpriseProjectId)
                />
                <TextField
                    label=text::PUBLIC_IP
                    id="public-ip"
                    value=form.public_ip
                    error=messages(Field::PublicIp)
                />
                <TextField
                    label=text::PAGE_SIZE
                    id="page-size"
                    value=form.page_size
                    inputmode="numeric"
                    error=messages(Field::Limit)
                    help=locale.tr(text::PAGE_SIZE_HELP)
                />
            </div>
        </section>
    }
}
