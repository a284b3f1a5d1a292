//! Labelled inputs with their validation message: the building block of every form.
//!
//! Each input is tied to its `<label>` (so tests and screen readers find it by name), and to its
//! message by `aria-describedby`, with `aria-invalid` set while the message shows. Labels,
//! placeholders and help are catalog messages, shown in the current language.

use leptos::prelude::*;
use logins_core::api::field_error::{Field, ValidationErrors};
use logins_core::i18n::{form, Lang, Text};
use wasm_bindgen::JsCast;

use crate::locale::use_locale;

/// The messages for one field in `lang`, joined, from a validation result (`None` when valid).
pub fn messages_for<T>(
    result: &Result<T, ValidationErrors>,
    field: Field,
    lang: Lang,
) -> Option<String> {
    let errors = result.as_ref().err()?;
    let messages: Vec<String> = errors.for_field(field).map(|e| e.message(lang)).collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

/// The `aria-describedby` of an input: its message while there is one, and its help text.
fn described_by(
    error: Signal<Option<String>>,
    has_help: bool,
    error_id: String,
    help_id: String,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        if has_help {
            ids.push(help_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A text-like input (`text`, `url`, `number`, `datetime-local`, ...) with label and message.
#[component]
pub fn TextField(
    /// The visible label, which is also the input's accessible name.
    label: Text,
    /// The input's `id`: unique on the page (a target's fields carry its key).
    #[prop(into)]
    id: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] placeholder: Option<Text>,
    /// A short help text under the input (units, format): a message, or a view built at
    /// runtime.
    #[prop(optional, into)]
    help: Option<ViewFn>,
    /// The value is code, not words (a URL): `translate="no"`, so a page translator leaves
    /// what is typed, and the example in the placeholder, as they are.
    #[prop(optional)]
    code: bool,
    /// Called with the new text instead of setting `value` (for fields that update others).
    #[prop(optional, into)]
    on_edit: Option<Callback<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// Told whether the browser holds input it cannot turn into a value (a half-typed
    /// `datetime-local` reports an empty value, which would otherwise read as "no time").
    #[prop(optional, into)]
    on_bad_input: Option<Callback<bool>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    // Partial typing in a date field fires no `input` event, so keys and leaving the field
    // are checked too.
    let check_bad_input = move |ev: leptos::ev::Event| {
        if let (Some(callback), Some(input)) = (
            on_bad_input,
            ev.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()),
        ) {
            callback.run(input.validity().bad_input());
        }
    };
    let help_id = format!("{id}-help");
    let described_by = described_by(error, help.is_some(), error_id.clone(), help_id.clone());
    let locale = use_locale();
    view! {
        <div class="field">
            <label for=id.clone()>{locale.tr(label)}</label>
            <input
                id=id
                type=input_type
                placeholder=placeholder.map(|text| locale.tr(text))
                translate=code.then_some("no")
                inputmode=inputmode
                autocomplete="off"
                spellcheck="false"
                prop:value=move || value.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    match on_edit {
                        Some(callback) => callback.run(text),
                        None => value.set(text),
                    }
                    check_bad_input(ev);
                }
                on:keyup=move |ev| check_bad_input(ev.into())
                on:blur=move |ev| check_bad_input(ev.into())
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
            />
            {help.map(|help| view! { <p class="field-help" id=help_id.clone()>{move || help.run()}</p> })}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> }.into_any())}
        </div>
    }
}

/// A password-style input with a Show/Hide toggle. The value lives only in its signal (memory):
/// `autocomplete="off"` keeps the browser's password manager from offering to save it.
#[component]
pub fn SecretField(
    label: Text,
    #[prop(into)] id: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] help: Option<Text>,
) -> impl IntoView {
    let locale = use_locale();
    let revealed = RwSignal::new(false);
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described_by = described_by(error, help.is_some(), error_id.clone(), help_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{locale.tr(label)}</label>
            <div class="secret-input">
                <input
                    id=id.clone()
                    type=move || if revealed.get() { "text" } else { "password" }
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=described_by
                />
                <button
                    type="button"
                    class="reveal"
                    aria-controls=id
                    aria-pressed=move || revealed.get().to_string()
                    on:click=move |_| revealed.update(|r| *r = !*r)
                >
                    {move || {
                        let text = if revealed.get() { form::HIDE_SECRET } else { form::SHOW_SECRET };
                        text.get(locale.lang())
                    }}
                </button>
            </div>
            {help.map(|help| view! { <p class="field-help" id=help_id.clone()>{locale.tr(help)}</p> })}
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone()>{message}</p> }.into_any())}
        </div>
    }
}
