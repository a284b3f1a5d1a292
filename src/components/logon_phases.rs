//! The record detail's "Logon phases": where the login's time went, as a waterfall (each phase
//! a bar on a time axis from the first start, a failed phase marked with its error code and
//! message) and a table (Phase, Duration, Result).
//!
//! The phases load when the detail opens, not on a button: the detail is opened on purpose,
//! one record at a time, so this is one request per opened record (answers are cached for the
//! session by transaction ID, and records the analysis read open with no request at all), and
//! it puts "which phase cost the time" two clicks from the table. A failure, or a connection
//! not set yet, shows "Load logon phases" to try again.

use leptos::prelude::*;
use logins_core::i18n::{stages as t, units, Lang};
use logins_core::stages::{phase_text, waterfall, Stage, StagesAnswer, TransactionIdProblem};
use logins_core::text::count::group;
use logins_core::text::num::fixed;

use crate::components::error_panel::ErrorBox;
use crate::locale::use_locale;
use crate::logon_phases::{LogonPhases, PhasesEntry};

/// The section for the record with `transaction_id`.
#[component]
pub fn LogonPhasesDetail(transaction_id: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let Some(phases) = use_context::<LogonPhases>() else {
        return ().into_any();
    };
    let id = transaction_id.filter(|id| !id.trim().is_empty());
    if id.is_some() {
        phases.open(id.clone());
    }
    let body = move || {
        let Some(id) = id.clone() else {
            return view! { <p>{locale.tr(t::NO_TRANSACTION_ID)}</p> }.into_any();
        };
        let load_button = {
            let id = id.clone();
            move || {
                let id = id.clone();
                view! {
                    <button type="button" on:click=move |_| phases.load(id.clone())>
                        {locale.tr(t::LOAD_LOGON_PHASES)}
                    </button>
                }
            }
        };
        match phases.entry(&id) {
            None | Some(PhasesEntry::Loading) => {
                view! { <p role="status">{locale.tr(t::LOADING)}</p> }.into_any()
            }
            Some(PhasesEntry::NeedsConnection) => view! {
                <p>{locale.tr(t::NEEDS_CONNECTION)}</p>
                {load_button()}
            }
            .into_any(),
            Some(PhasesEntry::Unusable(problem)) => {
                let text = match problem {
                    TransactionIdProblem::Missing => t::NO_TRANSACTION_ID,
                    TransactionIdProblem::TooLong => t::TRANSACTION_ID_TOO_LONG,
                };
                view! { <p>{locale.tr(text)}</p> }.into_any()
            }
            Some(PhasesEntry::Failed(failure)) => {
                let report = failure.report(locale.lang());
                view! { <ErrorBox report/> {load_button()} }.into_any()
            }
            Some(PhasesEntry::Loaded(answer)) => phases_view(locale.lang(), &answer).into_any(),
        }
    };
    view! {
        <section class="logon-phases" aria-labelledby="logon-phases-heading">
            <h3 id="logon-phases-heading">{locale.tr(t::LOGON_PHASES)}</h3>
            {body}
        </section>
    }
    .into_any()
}

fn phases_view(lang: Lang, answer: &StagesAnswer) -> impl IntoView + use<> {
    if answer.stages.is_empty() {
        return view! { <p>{t::NO_STAGES.get(lang)}</p> }.into_any();
    }
    let layout = waterfall(answer);
    let span = layout.span_ms;
    let bars = layout
        .bars
        .iter()
        .map(|bar| {
            let stage = &answer.stages[bar.index];
            let (left, width) = bar.share(span);
            let label = t::BAR.fill(
                lang,
                &[&plain_name(lang, stage), &group(bar.offset_ms.max(0) as u64), &duration_text(lang, stage)],
            );
            view! {
                <li class:failed=bar.failed>
                    <span class="wf-name">{phase_name_view(lang, stage)}</span>
                    <span class="wf-track">
                        <span
                            class="wf-bar"
                            class:mark-failed=bar.failed
                            role="img"
                            aria-label=label
                            style:left=format!("{}%", fixed(left, 2, false))
                            style:width=format!("{}%", fixed(width, 2, false))
                        ></span>
                    </span>
                    <span class="wf-ms">{duration_text(lang, stage)}</span>
                    {bar.failed.then(|| view! { <span class="wf-error">{result_view(lang, stage)}</span> })}
                </li>
            }
        })
        .collect_view();
    let rows = answer
        .stages
        .iter()
        .map(|stage| {
            view! {
                <tr class:failed=stage.failed()>
                    <td>{phase_name_view(lang, stage)}</td>
                    <td class="num">{duration_text(lang, stage)}</td>
                    <td>{result_view(lang, stage)}</td>
                </tr>
            }
        })
        .collect_view();
    let skipped = (answer.skipped_stages > 0)
        .then(|| t::SKIPPED_STAGES.fill(lang, &[&answer.skipped_stages.to_string()]));
    view! {
        <ol class="waterfall" aria-label=t::WATERFALL.get(lang)>{bars}</ol>
        <table class="phases-table">
            <thead>
                <tr>
                    <th scope="col">{t::PHASE.get(lang)}</th>
                    <th scope="col">{t::DURATION.get(lang)}</th>
                    <th scope="col">{t::RESULT.get(lang)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {skipped.map(|s| view! { <p class="hint">{s}</p> })}
    }
    .into_any()
}

/// A phase's name: Huawei's for a known one, the API's name (not to be translated) otherwise.
fn phase_name_view(lang: Lang, stage: &Stage) -> AnyView {
    match &stage.phase {
        Some(phase) => match phase_text(phase) {
            Some(text) => text.get(lang).into_any(),
            None => view! { <span translate="no">{phase.api_name().to_owned()}</span> }.into_any(),
        },
        None => t::PHASE_UNNAMED.get(lang).into_any(),
    }
}

/// The same name as plain text, for an accessible name.
fn plain_name(lang: Lang, stage: &Stage) -> String {
    stage.phase.as_ref().map_or_else(
        || t::PHASE_UNNAMED.get(lang).to_owned(),
        |p| logins_core::stages::phase_name(lang, p),
    )
}

fn duration_text(lang: Lang, stage: &Stage) -> String {
    match stage.duration() {
        Some(ms) => units::MILLISECONDS.fill(lang, &[&group(ms as u64)]),
        None => t::UNKNOWN.get(lang).to_owned(),
    }
}

/// "Succeeded", or "Failed" with the API's error code and message as sent.
fn result_view(lang: Lang, stage: &Stage) -> AnyView {
    if stage.failed() {
        let code = stage.error_code.clone();
        let message = stage.error_msg.clone();
        view! {
            {t::FAILED.get(lang)}
            {code.map(|c| view! { " " <code translate="no">{c}</code> })}
            {message.map(|m| view! { " " <span translate="no">{m}</span> })}
        }
        .into_any()
    } else if stage.is_success == Some(true) {
        t::SUCCEEDED.get(lang).into_any()
    } else {
        t::UNKNOWN.get(lang).into_any()
    }
}
