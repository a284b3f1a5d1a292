//! The request inspector: the exact request that was sent, so an administrator can see (and
//! reproduce with curl) what the app did. Secret header values are masked unless revealed.

use leptos::prelude::*;
use logins_core::api::curl::{curl_command, Secrets};

use crate::runner::{Runner, SentRequest};

#[component]
pub fn Inspector() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let reveal = RwSignal::new(false);
    let copied = RwSignal::new(String::new());

    let body = move || {
        let Some(SentRequest { plan, proxy }) = runner.last_request.get() else {
            return view! { <p class="field-help">"Run a query to see the request here."</p> }
                .into_any();
        };
        let revealed = reveal.get();
        let secrets = if revealed {
            Secrets::Revealed
        } else {
            Secrets::Masked
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
                    h.display_value()
                };
                let note = match (h.signed, h.settable_by_browser()) {
                    (true, false) => " (signed; set by the proxy)",
                    (true, true) => " (signed)",
                    (false, false) => " (set by the proxy)",
                    (false, true) => "",
                };
                view! { <tr><th scope="row">{h.name}</th><td><code>{value}</code>{note}</td></tr> }
            })
            .collect_view();
        let canonical = if revealed {
            plan.canonical_request().map(str::to_owned)
        } else {
            plan.canonical_request_for_display()
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
                    copied.set(match done {
                        Ok(_) => "Copied, with the real credentials: it works until the signature expires (about 15 minutes).".to_owned(),
                        Err(_) => "The browser refused clipboard access; select the command and copy it.".to_owned(),
                    });
                });
            }
        };
        view! {
            <dl class="facts">
                <dt>"URL through the proxy"</dt><dd><code class="wrap">{through_proxy}</code></dd>
                <dt>"URL direct"</dt><dd><code class="wrap">{direct}</code></dd>
            </dl>
            <table class="headers">
                <caption>"Headers"</caption>
                <tbody>{headers}</tbody>
            </table>
            {canonical.map(|text| view! { <h3>"Canonical request"</h3><pre>{text}</pre> })}
            {string_to_sign.map(|text| view! { <h3>"String to sign"</h3><pre>{text}</pre> })}
            <h3>"curl"</h3>
            <pre>{shown_curl}</pre>
            <button type="button" on:click=copy>"Copy curl command"</button>
            <p class="field-help" role="status">{move || copied.get()}</p>
        }
        .into_any()
    };

    view! {
        <details class="panel inspector">
            <summary><h2>"Request inspector"</h2></summary>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || reveal.get()
                    on:change=move |ev| reveal.set(event_target_checked(&ev))
                />
                "Reveal secret values"
            </label>
            {body}
        </details>
    }
}
