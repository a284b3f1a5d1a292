//! Connection settings: the targets (region, endpoint, project, label), the proxy, and the
//! credentials every target shares unless it has its own.
//!
//! With one target the fields read as a single project's, under their usual names; with more,
//! each target is a group named by its label or "Target N", holding the same fields.

use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use logins_core::api::endpoint::REGIONS;
use logins_core::api::field_error::Field;
use logins_core::api::proxy_url;
use logins_core::api::target::target_name;
use logins_core::i18n::{form as text, Text};

use crate::components::error_panel::ErrorBox;
use crate::components::field::{SecretField, TextField};
use crate::form_state::{FormState, Validation, CUSTOM_REGION};
use crate::locale::use_locale;
use crate::runner::Runner;
use crate::target_inputs::{CredentialInputs, TargetInputs};

/// The proxy URL's placeholder: an example value, a URL in every language (the input is marked
/// as code), so not a catalog message.
const PROXY_URL_EXAMPLE: Text = Text::new("http://127.0.0.1:8787", "http://127.0.0.1:8787");

#[component]
pub fn ConnectionSettings() -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();
    let locale = use_locale();
    let messages = move |field: Field| validation.messages(field, locale);

    view! {
        <section class="panel" aria-labelledby="connection-heading">
            <h2 id="connection-heading">{locale.tr(text::CONNECTION)}</h2>
            <div class="targets">
                <TargetFields target=form.first_target()/>
                <For each=move || form.more_targets.get() key=|t| t.key let:target>
                    <TargetFields target/>
                </For>
                <button type="button" class="add-target" on:click=move |_| form.add_target()>
                    {locale.tr(text::ADD_TARGET)}
                </button>
            </div>
            <div class="grid">
                <TextField
                    label=text::PROXY_URL
                    id="proxy-url"
                    input_type="url"
                    code=true
                    value=form.proxy_url
                    error=messages(Field::ProxyUrl)
                    placeholder=PROXY_URL_EXAMPLE
                    help=move || proxy_url::help(locale.lang())
                />
            </div>
            <fieldset class="auth">
                <legend>{locale.tr(text::AUTHENTICATION)}</legend>
                <CredentialFields credentials=form.shared_credentials() own_of=None/>
                <label class="choice remember">
                    <input
                        type="checkbox"
                        prop:checked=move || form.remember.get()
                        on:change=move |ev| form.remember.set(event_target_checked(&ev))
                    />
                    {locale.tr(text::REMEMBER)}
                </label>
                <p class="field-help">{locale.tr(text::REMEMBER_HELP)}</p>
            </fieldset>
        </section>
    }
}

/// The `id` of a target's input: the first target's are the single project's ids.
fn input_id(name: &str, key: u32) -> String {
    if key == 0 {
        name.to_owned()
    } else {
        format!("{name}-{key}")
    }
}

/// One target's fields. A group named after the target while there are several.
#[component]
fn TargetFields(target: TargetInputs) -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();
    let runner = expect_context::<Runner>();
    let locale = use_locale();
    let key = target.key;
    let messages = move |field: Field| validation.target_messages(key, field, locale);
    let several = move || form.has_several_targets();
    let index = move || {
        form.targets()
            .iter()
            .position(|t| t.key == key)
            .unwrap_or(0)
    };
    // The group's name: a label is the user's own words (kept as typed, never translated).
    let name = move || {
        let label = target.label.get();
        if label.trim().is_empty() {
            target_name(locale.lang(), index(), "").into_any()
        } else {
            view! { <span translate="no">{label.trim().to_owned()}</span> }.into_any()
        }
    };
    let name_id = input_id("target-name", key);
    let heading_id = name_id.clone();
    let region_id = input_id("region", key);
    let own_id = input_id("own-credentials", key);
    view! {
        <div
            class="target"
            class:target-group=several
            role=move || several().then_some("group")
            aria-labelledby={
                let name_id = name_id.clone();
                move || several().then(|| name_id.clone())
            }
        >
            <Show when=several>
                <h3 class="target-name" id=heading_id.clone()>{name}</h3>
            </Show>
            <div class="grid">
                <div class="field">
                    <label for=region_id.clone()>{locale.tr(text::REGION)}</label>
                    <select
                        id=region_id.clone()
                        prop:value=move || target.region.get()
                        on:change=move |ev| target.choose_region(&event_target_value(&ev))
                    >
                        // The options stay, only their text follows the language: a select
                        // whose options were replaced would lose its selection.
                        {REGIONS
                            .iter()
                            .map(|r| view! {
                                // A region without a known name shows its ID, a code.
                                <option value=r.id translate=r.name.is_none().then_some("no")>
                                    {move || r.label(locale.lang())}
                                </option>
                            })
                            .collect_view()}
                        <option value=CUSTOM_REGION>{locale.tr(text::CUSTOM_ENDPOINT)}</option>
                    </select>
                </div>
                <TextField
                    label=text::ENDPOINT
                    id=input_id("endpoint", key)
                    input_type="url"
                    code=true
                    value=target.endpoint
                    on_edit=Callback::new(move |t| target.edit_endpoint(t))
                    error=messages(Field::Endpoint)
                />
                <TextField
                    label=text::PROJECT_ID
                    id=input_id("project-id", key)
                    value=target.project_id
                    error=messages(Field::ProjectId)
                    placeholder=text::PROJECT_ID_PLACEHOLDER
                />
                <Show when=several>
                    <TextField
                        label=text::TARGET_LABEL
                        id=input_id("target-label", key)
                        value=target.label
                        error=Signal::derive(|| None::<String>)
                        help=move || text::TARGET_LABEL_HELP.get(locale.lang())
                    />
                </Show>
            </div>
            <Show when=several>
                <label class="choice">
                    <input
                        type="checkbox"
                        id=own_id.clone()
                        prop:checked=move || target.own_credentials.get()
                        on:change=move |ev| target.own_credentials.set(event_target_checked(&ev))
                    />
                    {locale.tr(text::OWN_CREDENTIALS)}
                </label>
                <Show when=move || target.own_credentials.get()>
                    <p class="field-help">{locale.tr(text::OWN_CREDENTIALS_HELP)}</p>
                    <CredentialFields credentials=target.credentials own_of=Some(key)/>
                </Show>
                <button type="button" class="remove-target" on:click=move |_| form.remove_target(key)>
                    {locale.tr(text::REMOVE_TARGET)}
                </button>
            </Show>
            {move || {
                let lang = locale.lang();
                runner
                    .target_error(key)
                    .map(|failure| view! { <ErrorBox report=failure.report(lang)/> })
            }}
        </div>
    }
}

/// The auth method and its inputs: the shared credentials (`own_of` None) or those of the
/// target with that key.
#[component]
fn CredentialFields(credentials: CredentialInputs, own_of: Option<u32>) -> impl IntoView {
    let validation = expect_context::<Validation>();
    let locale = use_locale();
    let messages = move |field: Field| match own_of {
        Some(key) => validation.target_messages(key, field, locale),
        None => validation.messages(field, locale),
    };
    let auth_is = move |method: AuthMethod| move || credentials.auth.get() == method;
    let input_id = move |name: &str| match own_of {
        Some(key) => format!("{name}-target-{key}"),
        None => name.to_owned(),
    };
    let radio_name = input_id("auth");
    view! {
        <label class="choice">
            <input
                type="radio"
                name=radio_name.clone()
                prop:checked=auth_is(AuthMethod::AccessKey)
                on:change=move |_| credentials.auth.set(AuthMethod::AccessKey)
            />
            {locale.tr(text::AUTH_ACCESS_KEY)}
        </label>
        <label class="choice">
            <input
                type="radio"
                name=radio_name
                prop:checked=auth_is(AuthMethod::Token)
                on:change=move |_| credentials.auth.set(AuthMethod::Token)
            />
            {locale.tr(text::IAM_TOKEN)}
        </label>
        <Show
            when=auth_is(AuthMethod::AccessKey)
            fallback=move || {
                view! {
                    <SecretField
                        label=text::IAM_TOKEN
                        id=input_id("iam-token")
                        value=credentials.iam_token
                        error=messages(Field::AuthToken)
                        help=text::IAM_TOKEN_HELP
                    />
                }
            }
        >
            <div class="grid">
                <TextField
                    label=text::ACCESS_KEY_ID
                    id=input_id("access-key-id")
                    value=credentials.access_key_id
                    error=messages(Field::AccessKey)
                />
                <SecretField
                    label=text::SECRET_ACCESS_KEY
                    id=input_id("secret-key")
                    value=credentials.secret_key
                    error=messages(Field::SecretKey)
                    help=text::SECRET_ACCESS_KEY_HELP
                />
                <SecretField
                    label=text::SECURITY_TOKEN
                    id=input_id("security-token")
                    value=credentials.security_token
                    error=messages(Field::SecurityToken)
                    help=text::SECURITY_TOKEN_HELP
                />
            </div>
        </Show>
    }
}
