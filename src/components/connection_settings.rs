//! Connection settings: region and endpoint, project, proxy, and credentials.

use leptos::prelude::*;
use logins_core::api::connection::AuthMethod;
use logins_core::api::endpoint::REGIONS;
use logins_core::api::field_error::Field;

use crate::components::field::{SecretField, TextField};
use crate::form_state::{FormState, Validation, CUSTOM_REGION};

#[component]
pub fn ConnectionSettings() -> impl IntoView {
    let form = expect_context::<FormState>();
    let validation = expect_context::<Validation>();
    let auth_is = move |method: AuthMethod| move || form.auth.get() == method;

    view! {
        <section class="panel" aria-labelledby="connection-heading">
            <h2 id="connection-heading">"Connection"</h2>
            <div class="grid">
                <div class="field">
                    <label for="region">"Region"</label>
                    <select
                        id="region"
                        prop:value=move || form.region.get()
                        on:change=move |ev| form.choose_region(&event_target_value(&ev))
                    >
                        {REGIONS
                            .iter()
                            .map(|r| view! { <option value=r.id>{r.label()}</option> })
                            .collect_view()}
                        <option value=CUSTOM_REGION>"Custom endpoint"</option>
                    </select>
                </div>
                <TextField
                    label="Endpoint"
                    id="endpoint"
                    input_type="url"
                    value=form.endpoint
                    on_edit=Callback::new(move |text| form.edit_endpoint(text))
                    error=validation.messages(Field::Endpoint)
                />
                <TextField
                    label="Project ID"
                    id="project-id"
                    value=form.project_id
                    error=validation.messages(Field::ProjectId)
                    placeholder="32 hexadecimal characters"
                />
                <TextField
                    label="Proxy URL"
                    id="proxy-url"
                    input_type="url"
                    value=form.proxy_url
                    error=validation.messages(Field::ProxyUrl)
                    placeholder="http://127.0.0.1:8787"
                    help=Signal::stored(
                        "Requests go to {proxy URL}/{endpoint URL}. Empty: call the endpoint directly."
                            .to_owned(),
                    )
                />
            </div>
            <fieldset class="auth">
                <legend>"Authentication"</legend>
                <label class="choice">
                    <input
                        type="radio"
                        name="auth"
                        prop:checked=auth_is(AuthMethod::AccessKey)
                        on:change=move |_| form.auth.set(AuthMethod::AccessKey)
                    />
                    "Access key (AK/SK)"
                </label>
                <label class="choice">
                    <input
                        type="radio"
                        name="auth"
                        prop:checked=auth_is(AuthMethod::Token)
                        on:change=move |_| form.auth.set(AuthMethod::Token)
                    />
                    "IAM token"
                </label>
                <Show
                    when=auth_is(AuthMethod::AccessKey)
                    fallback=move || {
                        view! {
                            <SecretField
                                label="IAM token"
                                id="iam-token"
                                value=form.iam_token
                                error=validation.messages(Field::AuthToken)
                                help="The X-Subject-Token of POST /v3/auth/tokens; valid for 24 hours."
                            />
                        }
                    }
                >
                    <div class="grid">
                        <TextField
                            label="Access key ID"
                            id="access-key-id"
                            value=form.access_key_id
                            error=validation.messages(Field::AccessKey)
                        />
                        <SecretField
                            label="Secret access key"
                            id="secret-key"
                            value=form.secret_key
                            error=validation.messages(Field::SecretKey)
                            help="Used only to sign requests in this tab; never sent."
                        />
                        <SecretField
                            label="Security token"
                            id="security-token"
                            value=form.security_token
                            error=validation.messages(Field::SecurityToken)
                            help="Only for temporary credentials; leave empty otherwise."
                        />
                    </div>
                </Show>
                <label class="choice remember">
                    <input
                        type="checkbox"
                        prop:checked=move || form.remember.get()
                        on:change=move |ev| form.remember.set(event_target_checked(&ev))
                    />
                    "Remember credentials on this device"
                </label>
                <p class="field-help">
                    "Off: keys and tokens stay in this tab's memory and are gone when it closes. "
                    "On: they are kept in this browser's local storage until you untick this."
                </p>
            </fieldset>
        </section>
    }
}
