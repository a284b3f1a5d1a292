//! The last failure, with the API's code, message and request ID, and what to do about it, in
//! the current language. The runner keeps the failure as data; this renders its report again
//! when the language changes, without a new request. The API's and the browser's own words
//! (code, message, request ID, quoted bodies, URLs) are marked translate="no".

use leptos::prelude::*;
use logins_core::api::error_report::ErrorReport;
use logins_core::i18n::errors;

use crate::locale::use_locale;
use crate::runner::Runner;

#[component]
pub fn ErrorPanel() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let locale = use_locale();
    move || {
        let lang = locale.lang();
        runner
            .error
            .with(|failure| failure.as_ref().map(|f| f.report(lang)))
            .map(|report| view! { <ErrorBox report/> })
    }
}

/// `text` with the report's verbatim words in `translate="no"` spans.
fn marked(report: &ErrorReport, text: &str) -> impl IntoView {
    report
        .segments(text)
        .into_iter()
        .map(|(piece, verbatim)| {
            let piece = piece.to_owned();
            if verbatim {
                view! { <span translate="no">{piece}</span> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn ErrorBox(report: ErrorReport) -> impl IntoView {
    let locale = use_locale();
    let message = report.message.as_deref().map(|m| marked(&report, m));
    let hint = report
        .hint
        .as_deref()
        .map(|h| view! { <p class="hint">{marked(&report, h)}</p> });
    let details = report
        .details
        .iter()
        .map(|d| view! { <p class="detail">{marked(&report, d)}</p> })
        .collect_view();
    let ErrorReport {
        title,
        status,
        code,
        request_id,
        ..
    } = report;
    view! {
        <div class="error-box" role="alert">
            <h3>{title}</h3>
            <dl class="facts">
                {status.map(|s| view! { <dt>{locale.tr(errors::STATUS)}</dt><dd>{s}</dd> })}
                {code.map(|c| view! { <dt>{locale.tr(errors::ERROR_CODE)}</dt><dd><code translate="no">{c}</code></dd> })}
                {message.map(|m| view! { <dt>{locale.tr(errors::MESSAGE)}</dt><dd>{m}</dd> })}
                {request_id.map(|id| view! { <dt>{locale.tr(errors::REQUEST_ID)}</dt><dd><code translate="no">{id}</code></dd> })}
            </dl>
            {hint}
            {details}
        </div>
    }
}
