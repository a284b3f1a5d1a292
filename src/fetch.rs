//! Sending a planned request with `fetch` (gloo-net), with an
//! `AbortSignal` so Cancel (or leaving the page) stops requests in flight.

use gloo_net::http::Request;
use logins_core::api::address_space::target_address_space;
use logins_core::api::proxy_url::ProxyUrl;
use logins_core::api::request::RequestPlan;
use web_sys::AbortSignal;

use crate::local_network;

/// An HTTP answer, whatever its status: `logins_core::api::response` decides what it means.
#[derive(Clone, Debug)]
pub struct HttpAnswer {
    pub status: u16,
    pub body: String,
    /// `X-Request-Id`, which Huawei support asks for (the proxy exposes it to scripts).
    pub request_id: Option<String>,
    /// The server's `Date`, to compare with this computer's clock when a signature is refused.
    pub date: Option<String>,
}

/// Why there is no answer at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// Cancelled on purpose.
    Aborted,
    /// The request never got a response: proxy down, origin not allowed (CORS), network gone,
    /// or the connection closed mid-body. The browser does not say which, on purpose.
    Network(String),
}

/// Sends `plan` through `proxy` (or directly) and reads the whole body.
pub async fn send(
    plan: &RequestPlan,
    proxy: Option<&ProxyUrl>,
    signal: Option<&AbortSignal>,
) -> Result<HttpAnswer, NoAnswer> {
    let mut request = Request::get(&plan.fetch_url(proxy));
    for (name, value) in plan.fetch_headers() {
        request = request.header(name, value);
    }
    // No cookies or HTTP auth of the proxy's origin ride along with a signed request.
    request = request
        .credentials(web_sys::RequestCredentials::Omit)
        .abort_signal(signal);
    let mut request: web_sys::Request = request.build().map_err(|e| classify(e, signal))?.into();
    // A proxy on this computer or network, called from a less private page: say so, as Local
    // Network Access asks (Chrome then checks the connection really goes there).
    if let Some(space) = proxy.and_then(|p| target_address_space(&local_network::page_origin(), p))
    {
        request = local_network::declare_target(request, space)
            .map_err(|e| NoAnswer::Network(js_error_text(&e)))?;
    }
    let response = Request::from(request)
        .send()
        .await
        .map_err(|e| classify(e, signal))?;
    let status = response.status();
    let headers = response.headers();
    let request_id = headers.get("x-request-id");
    let date = headers.get("date");
    // A body cut off by a reset connection fails here, not in `send`. Read as bytes, not
    // text: `text()` decodes to a JS string that then has to be re-encoded into the wasm's
    // UTF-8, which took ~2 ms of main thread per 700 kB page (~230 ms per 100,000 records).
    let bytes = response.binary().await.map_err(|e| classify(e, signal))?;
    // Invalid UTF-8 becomes U+FFFD, exactly as `text()` decodes it.
    let body = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(HttpAnswer {
        status,
        body,
        request_id,
        date,
    })
}

/// The browser's own words for `error` (shown as they are, in every language).
fn js_error_text(error: &wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(error.clone())
        .to_string()
        .as_string()
        .unwrap_or_else(|| format!("{error:?}"))
}

fn classify(error: gloo_net::Error, signal: Option<&AbortSignal>) -> NoAnswer {
    if signal.is_some_and(AbortSignal::aborted) {
        NoAnswer::Aborted
    } else {
        NoAnswer::Network(error.to_string())
    }
}

/// Reads `./app-config.json` next to the app. `None` when it is missing or unreadable: the app
/// then starts with a blank form, which is right for a plain static host.
pub async fn app_config() -> Option<logins_core::api::app_config::AppConfig> {
    let response = Request::get(&format!(
        ".{}",
        logins_core::api::app_config::APP_CONFIG_PATH
    ))
    .cache(web_sys::RequestCache::NoStore)
    .send()
    .await
    .ok()?;
    if !response.ok() {
        return None;
    }
    response.json().await.ok()
}
