//! Connection settings: region and endpoint, project, proxy, and credentials.

use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use logins_core::api::endpoint::REGIONS;
use logins_core::api::field_error::Field;
use logins_core::api::proxy_url;
use logins_core::i18n::{form as text, Text};

use crate::components::field::{SecretField, TextField};
use crate::form_state::{FormState, Validation, CUSTOM_REGION};
use crate::locale::use_locale;

/// The proxy URL's placeholder: an example value, a URL in every language (the input is marked
/// as code), so not a catalog message.
const PROXY_URL_EXAMPLE: Text = Text::new("http://127.0.0.1:8787", "http://127.0.0.1:8787");

#[component]
pub fn ConnectionSettings() -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();
    let locale = use_locale();
    let messages = move |field: Field| validation.messages(field, locale);
    let auth_is = move |method: AuthMethod| move || form.auth.get() == method;

    view! {
        <section class="panel" aria-labelledby="connection-heading">
            <h2 id="connection-heading">{locale.tr(text::CONNECTION)}</h2>
            <div class="grid">
                <div class="field">
                    <label for="region">{locale.tr(text::REGION)}</label>
                    <select
                        id="region"
                        prop:value=move || form.region.get()
                        on:change=move |ev| form.choose_region(&event_target_value(&ev))
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
                    id="endpoint"
                    input_type="url"
                    code=true
                    value=form.endpoint
                    on_edit=Callback::new(move |text| form.edit_endpoint(text))
                    error=messages(Field::Endpoint)
                />
                <TextField
                    label=text::PROJECT_ID
                    id="project-id"
                    value=form.project_id
                    error=messages(Field::ProjectId)
                    placeholder=text::PROJECT_ID_PLACEHOLDER
                />
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
                <label class="choice">
                    <input
                        type="radio"
                        name="auth"
                        prop:checked=auth_is(AuthMethod::AccessKey)
                        on:change=move |_| form.auth.set(AuthMethod::AccessKey)
                    />
                    {locale.tr(text::AUTH_ACCESS_KEY)}
                </label>
                <label class="choice">
                    <input
                        type="radio"
                        name="auth"
                        prop:checked=auth_is(AuthMethod::Token)
                        on:change=move |_| form.auth.set(AuthMethod::Token)
                    />
                    {locale.tr(text::IAM_TOKEN)}
                </label>
                <Show
                    when=auth_is(AuthMethod::AccessKey)
                    fallback=move || {
                        view! {
                            <SecretField
                                label=text::IAM_TOKEN
                                id="iam-token"
                                value=form.iam_token
                                error=messages(Field::AuthToken)
                                help=text::IAM_TOKEN_HELP
                            />
                        }
                    }
                >
                    <div class="grid">
                        <TextField
                            label=text::ACCESS_KEY_ID
                            id="access-key-id"
                            value=form.access_key_id
                            error=messages(Field::AccessKey)
                        />
                        <SecretField
                            label=text::SECRET_ACCESS_KEY
                            id="secret-key"
                            value=form.secret_key
                            error=messages(Field::SecretKey)
                            help=text::SECRET_ACCESS_KEY_HELP
                        />
                        <SecretField
                            label=text::SECURITY_TOKEN
                            id="security-token"
                            value=form.security_token
                            error=messages(Field::SecurityToken)
                            help=text::SECURITY_TOKEN_HELP
                        />
                    </div>
                </Show>
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
