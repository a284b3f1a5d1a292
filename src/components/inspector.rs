//! The request inspector: the exact request that was sent, so an administrator can see (and
//! reproduce with curl) what the app did. Secret header values are masked unless revealed.

use leptos::prelude::*;
use logins_core::api::curl::{curl_command, Secrets};
use logins_core::i18n::{errors, shell};

use crate::locale::use_locale;
use crate::runner::{Runner, SentRequest};

#[component]
pub fn Inspector() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let reveal = RwSignal::new(false);
    let locale = use_locale();
    // Whether the last copy worked (None before any): a state, worded by the view.
    let copied = RwSignal::new(None::<bool>);

    let body = move || {
        let Some(SentRequest { plan, proxy }) = runner.last_request.get() else {
            return view! { <p class="field-help">{locale.tr(errors::INSPECTOR_EMPTY)}</p> }
                .into_any();
        };
        let revealed = reveal.get();
        // The masks ("••••• (40 characters)") are worded in the current language.
        let lang = locale.lang();
        let secrets = if revealed {
            Secrets::Revealed
        } else {
            Secrets::Masked(lang)
        };
        let through_proxy = plan.fetch_url(proxy.as_ref());
        let direct = plan.url().to_owned();
        let headers = plan
            .headers()
            .iter()
            .map(|h| {
                let value = if revealed {
                    h.value().to_owned()
                } else {
                    h.display_value(lang)
                };
                let note = match (h.signed, h.settable_by_browser()) {
                    (true, false) => Some(errors::NOTE_SIGNED_SET_BY_PROXY),
                    (true, true) => Some(errors::NOTE_SIGNED),
                    (false, false) => Some(errors::NOTE_SET_BY_PROXY),
                    (false, true) => None,
                };
                let note = note.map(|note| view! { " " {locale.tr(note)} });
                view! {
                    <tr>
                        <th scope="row" translate="no">{h.name}</th>
                        <td><code translate="no">{value}</code>{note}</td>
                    </tr>
                }
            })
            .collect_view();
        let canonical = if revealed {
            plan.canonical_request().map(str::to_owned)
        } else {
            plan.canonical_request_for_display(lang)
        };
        let string_to_sign = plan.string_to_sign().map(str::to_owned);
        let shown_curl = curl_command(&plan, proxy.as_ref(), secrets);
        let copy_curl = curl_command(&plan, proxy.as_ref(), Secrets::Revealed);
        let copy = move |_| {
            let text = copy_curl.clone();
            if let Some(window) = web_sys::window() {
                let promise = window.navigator().clipboard().write_text(&text);
                leptos::task::spawn_local(async move {
                    let done = wasm_bindgen_futures::JsFuture::from(promise).await;
                    copied.set(Some(done.is_ok()));
                });
            }
        };
        view! {
            <dl class="facts">
                <dt>{locale.tr(errors::URL_THROUGH_PROXY)}</dt>
                <dd><code class="wrap" translate="no">{through_proxy}</code></dd>
                <dt>{locale.tr(errors::URL_DIRECT)}</dt>
                <dd><code class="wrap" translate="no">{direct}</code></dd>
            </dl>
            <table class="headers">
                <caption>{locale.tr(errors::HEADERS)}</caption>
                <tbody>{headers}</tbody>
            </table>
            {canonical.map(|text| view! {
                <h3>{locale.tr(errors::CANONICAL_REQUEST)}</h3><pre translate="no">{text}</pre>
            })}
            {string_to_sign.map(|text| view! {
                <h3>{locale.tr(errors::STRING_TO_SIGN)}</h3><pre translate="no">{text}</pre>
            })}
            <h3>{locale.tr(errors::CURL)}</h3>
            <pre translate="no">{shown_curl}</pre>
            <button type="button" on:click=copy>{locale.tr(errors::COPY_CURL)}</button>
            <p class="field-help" role="status">
                {move || copied.get().map(|ok| {
                    let text = if ok { errors::COPIED } else { errors::COPY_REFUSED };
                    text.get(locale.lang())
                })}
            </p>
        }
        .into_any()
    };

    view! {
        <details class="panel inspector">
            <summary><h2>{locale.tr(shell::SECTION_INSPECTOR)}</h2></summary>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || reveal.get()
                    on:change=move |ev| reveal.set(event_target_checked(&ev))
                />
                {locale.tr(errors::REVEAL_SECRETS)}
            </label>
            {body}
        </details>
    }
}
