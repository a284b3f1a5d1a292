//! The last failure, with the API's code, message and request ID, and what to do about it.

use leptos::prelude::*;
use logins_core::api::error_report::ErrorReport;

use crate::runner::Runner;

#[component]
pub fn ErrorPanel() -> impl IntoView {
    let runner = expect_context::<Runner>();
    move || {
        runner
            .error
            .get()
            .map(|report| view! { <ErrorBox report/> })
    }
}

#[component]
pub fn ErrorBox(report: ErrorReport) -> impl IntoView {
    let ErrorReport {
        title,
        status,
        code,
        message,
        request_id,
        hint,
        details,
    } = report;
    view! {
        <div class="error-box" role="alert">
            <h3>{title}</h3>
            <dl class="facts">
                {status.map(|s| view! { <dt>"Status"</dt><dd>{s}</dd> })}
                {code.map(|c| view! { <dt>"Error code"</dt><dd><code>{c}</code></dd> })}
                {message.map(|m| view! { <dt>"Message"</dt><dd>{m}</dd> })}
                {request_id.map(|id| view! { <dt>"Request ID"</dt><dd><code>{id}</code></dd> })}
            </dl>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {details.into_iter().map(|d| view! { <p class="detail">{d}</p> }).collect_view()}
        </div>
    }
}
