//! "Logon phase analysis" (Analytics): the phases of the logins the table shows, newest first,
//! up to a cap, within the API's rate limit; then per phase the count, p50/p95/max and
//! failures, a chart of p50 and p95, and the users who spend most time in each phase. A click
//! on a phase (its button or its bars) filters the table to the logins where it was the
//! slowest or failed.
//!
//! Its buttons show "Cancel" and "Resume" but are named "Cancel logon phase analysis" and
//! "Resume logon phase analysis": the run panel's "Cancel" and "Resume" (Fetch all) are on the
//! same page, and their names are what tests and assistive technology find them by.

use leptos::prelude::*;
use logins_core::chart;
use logins_core::i18n::{stages as t, units, Lang};
use logins_core::records::table_action::TableAction;
use logins_core::stages::{
    analysis_sentence, logins_slowest_or_failed_in, phase_name, phase_text, summarize,
    top_users_by_phase, Phase, PhaseBreakdown, PhaseUsers, MAX_CAP,
};
use logins_core::text::count::group;

use crate::components::chart::ChartView;
use crate::components::error_panel::ErrorBox;
use crate::locale::use_locale;
use crate::logon_phases::LogonPhases;
use crate::table_state::TableState;

/// Users shown per phase.
const USERS_PER_PHASE: usize = 5;

#[component]
pub fn PhaseAnalysis() -> impl IntoView {
    let locale = use_locale();
    let phases = expect_context::<LogonPhases>();
    let state = expect_context::<TableState>();
    let on_action = Callback::new(move |action| state.apply(action));

    let breakdown = Memo::new(move |_| {
        phases.answers_changed.track();
        phases.progress.track();
        phases
            .analysis()
            .map(|a| summarize(a.engine.borrow().answers()))
            .unwrap_or_default()
    });
    let top_users = Memo::new(move |_| {
        phases.answers_changed.track();
        phases.progress.track();
        let Some(analysis) = phases.analysis() else {
            return Vec::new();
        };
        let engine = analysis.engine.borrow();
        let logins: Vec<(&str, _)> = engine
            .analyzed()
            .map(|(id, answer)| {
                let user = analysis
                    .users
                    .get(id)
                    .map(String::as_str)
                    .filter(|u| !u.is_empty())
                    .or(answer.username.as_deref())
                    .unwrap_or("—");
                (user, answer)
            })
            .collect();
        top_users_by_phase(logins, USERS_PER_PHASE)
    });
    let filter_by = move |phase: &Phase| {
        let analysis = phases.analysis()?;
        let ids = logins_slowest_or_failed_in(analysis.engine.borrow().analyzed(), phase);
        Some(TableAction::only_logins(ids))
    };
    let chart_model = Signal::derive(move || {
        let lang = locale.lang();
        breakdown.with(|b| chart::phase_durations(lang, b, |p| filter_by(p)))
    });

    let status = move || {
        phases
            .progress
            .get()
            .map(|p| analysis_sentence(locale.lang(), &p))
    };
    let progress_bar = move || {
        phases.progress.get().map(|p| {
            view! {
                <progress
                    aria-label=locale.tr(t::PROGRESS)
                    max=p.total.max(1)
                    value=p.analyzed + p.failed
                ></progress>
            }
        })
    };

    view! {
        <section class="panel phase-analysis" role="region" aria-labelledby="phase-analysis-heading">
            <h2 id="phase-analysis-heading">{locale.tr(t::ANALYSIS)}</h2>
            <p class="hint">{locale.tr(t::ANALYSIS_INTRO)}</p>
            <div class="field">
                <label for="phase-cap">{locale.tr(t::CAP)}</label>
                <input
                    id="phase-cap"
                    type="number"
                    min="1"
                    max=MAX_CAP
                    inputmode="numeric"
                    prop:value=move || phases.cap_text.get()
                    on:input=move |ev| phases.cap_text.set(event_target_value(&ev))
                />
                <span class="hint">{move || t::CAP_HINT.fill(locale.lang(), &[&group(MAX_CAP as u64)])}</span>
            </div>
            <div class="buttons">
                <button
                    type="button"
                    class="primary"
                    disabled=move || phases.busy.get()
                    on:click=move |_| phases.analyze()
                >
                    {locale.tr(t::ANALYZE)}
                </button>
                <button
                    type="button"
                    aria-label=locale.tr(t::CANCEL_ANALYSIS)
                    disabled=move || !phases.busy.get()
                    on:click=move |_| phases.cancel()
                >
                    {locale.tr(t::CANCEL)}
                </button>
                <button
                    type="button"
                    aria-label=locale.tr(t::RESUME_ANALYSIS)
                    disabled=move || !phases.can_resume()
                    on:click=move |_| phases.resume()
                >
                    {locale.tr(t::RESUME)}
                </button>
            </div>
            <div class="progress">{progress_bar}</div>
            <p role="status" class="phase-status">{status}</p>
            <Show when=move || phases.nothing_to_analyze.get()>
                <p>{locale.tr(t::NOTHING_TO_ANALYZE)}</p>
            </Show>
            {move || phases.stop.get().map(|f| view! { <ErrorBox report=f.report(locale.lang())/> })}
            {move || breakdown.with(|b| summary_table(locale.lang(), b, on_action, filter_by))}
            // Drawn once there are answers: before, the region says what it will do.
            <Show when=move || breakdown.with(|b| b.logins > 0)>
                <ChartView model=chart_model on_action/>
            </Show>
            {move || top_users.with(|top| users_view(locale.lang(), top))}
        </section>
    }
}

fn summary_table(
    lang: Lang,
    breakdown: &PhaseBreakdown,
    on_action: Callback<TableAction>,
    filter_by: impl Fn(&Phase) -> Option<TableAction> + Copy + Send + Sync + 'static,
) -> Option<AnyView> {
    if breakdown.phases.is_empty() {
        return None;
    }
    let ms = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), |v| group(v as u64));
    let rows = breakdown
        .phases
        .iter()
        .map(|p| {
            let phase = p.phase.clone();
            let button_name = t::SHOW_LOGINS_OF.fill(lang, &[&phase_name(lang, &phase)]);
            view! {
                <tr>
                    <th scope="row">{name_view(lang, &p.phase)}</th>
                    <td class="num">{group(p.count as u64)}</td>
                    <td class="num">{ms(p.p50_ms)}</td>
                    <td class="num">{ms(p.p95_ms)}</td>
                    <td class="num">{ms(p.max_ms)}</td>
                    <td class="num">{group(p.failures as u64)}</td>
                    <td class="num">{group(p.slowest_in as u64)}</td>
                    <td>
                        <button
                            type="button"
                            aria-label=button_name
                            on:click=move |_| {
                                if let Some(action) = filter_by(&phase) {
                                    on_action.run(action);
                                }
                            }
                        >
                            {t::SHOW_LOGINS.get(lang)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    Some(
        view! {
            <table class="phases-summary">
                <thead>
                    <tr>
                        <th scope="col">{t::PHASE.get(lang)}</th>
                        <th scope="col">{t::COUNT.get(lang)}</th>
                        <th scope="col">"p50 (ms)"</th>
                        <th scope="col">"p95 (ms)"</th>
                        <th scope="col">{t::MAX.get(lang)}</th>
                        <th scope="col">{t::FAILURES.get(lang)}</th>
                        <th scope="col">{t::SLOWEST_IN.get(lang)}</th>
                        <td></td>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any(),
    )
}

fn users_view(lang: Lang, top: &[PhaseUsers]) -> Option<AnyView> {
    if top.is_empty() {
        return None;
    }
    let groups = top
        .iter()
        .map(|p| {
            let rows = p
                .users
                .iter()
                .map(|u| {
                    view! {
                        <tr>
                            <td translate="no">{u.user.clone()}</td>
                            <td class="num">{units::MILLISECONDS.fill(lang, &[&group(u.total_ms.max(0) as u64)])}</td>
                            <td class="num">{group(u.logins as u64)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="phase-users">
                    <caption>{name_view(lang, &p.phase)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t::USER.get(lang)}</th>
                            <th scope="col">{t::TOTAL_TIME.get(lang)}</th>
                            <th scope="col">{t::LOGINS.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view();
    Some(
        view! {
            <h3>{t::TOP_USERS.get(lang)}</h3>
            <div class="phase-users-grid">{groups}</div>
        }
        .into_any(),
    )
}

/// A phase's name: Huawei's, or the API's name (not to be translated).
fn name_view(lang: Lang, phase: &Phase) -> AnyView {
    match phase_text(phase) {
        Some(text) => text.get(lang).into_any(),
        None => view! { <span translate="no">{phase.api_name().to_owned()}</span> }.into_any(),
    }
}
