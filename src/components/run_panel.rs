//! The run controls and what a run is doing: buttons, the live status line, the Fetch all
//! progress bar, the page indicator, and the failed pages that Resume will fetch.

use leptos::prelude::*;
use logins_core::api::target::target_name;
use logins_core::i18n::{form as form_text, status};
use logins_core::paging::MAX_RECORDS_IN_TAB;
use logins_core::text::count::{count_in, group};
use logins_core::text::num::shortest;

use crate::form_state::{FormState, Validation};
use crate::locale::use_locale;
use crate::runner::Runner;
use crate::table_state::TableState;
use crate::watcher::Watcher;
use logins_core::watch::schedule::INTERVAL_MINUTES;

/// Records "Try demo data" generates: enough for realistic statistics, quick to make.
pub const DEMO_RECORDS: usize = 10_000;

#[component]
pub fn RunPanel() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let validation = expect_context::<Validation>();
    let form = expect_context::<FormState>();
    let locale = use_locale();

    let page = move || runner.shown_page();
    let has_previous = move || page().is_some_and(|(offset, _, _)| offset > 0);
    let has_next = move || {
        page().is_some_and(|(offset, limit, total)| {
            limit > 0 && total.is_some_and(|t| u64::from(offset) + u64::from(limit) < t)
        })
    };
    let indicator = move || {
        page().map(|(offset, limit, total)| {
            let limit = u64::from(limit.max(1));
            let current = (u64::from(offset) / limit + 1).to_string();
            match total {
                Some(total) => status::PAGE_OF.fill(
                    locale.lang(),
                    &[&current, &total.div_ceil(limit).max(1).to_string()],
                ),
                None => status::PAGE_N.fill(locale.lang(), &[&current]),
            }
        })
    };
    let watcher = expect_context::<Watcher>();
    let table = expect_context::<TableState>();
    // After a watch refresh, the line also says when it was and what it brought.
    let watch_sentence = move || {
        let lang = locale.lang();
        watcher
            .status
            .get()
            .map(|s| format!(" · {}", s.sentence(lang, &table.zone())))
    };
    // The file name of an import is the user's own words: kept apart, never translated.
    let status_line = move || {
        let (before, file_name, after) = runner.status.with(|s| {
            let (before, file_name, after) = s.parts(locale.lang());
            (before, file_name.map(str::to_owned), after)
        });
        view! {
            {before}
            {file_name.map(|name| view! { <span translate="no">{name}</span> })}
            {after}
            {watch_sentence}
        }
    };

    view! {
        <section class="panel run-panel" aria-labelledby="run-heading">
            <h2 id="run-heading" class="visually-hidden">{locale.tr(status::RUN)}</h2>
            <div class="buttons">
                // A submit button: Enter in any field of the form runs the query too (the
                // form's submit handler, in app.rs, calls the same runner).
                <button type="submit" class="primary" disabled=move || runner.busy.get() || !validation.is_valid()>
                    {locale.tr(status::RUN_QUERY)}
                </button>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !validation.is_valid()
                    on:click=move |_| runner.fetch_all(&form)
                >
                    {locale.tr(status::FETCH_ALL)}
                </button>
                <button
                    type="button"
                    disabled=move || !runner.busy.get()
                    on:click=move |_| runner.cancel()
                >
                    {locale.tr(status::CANCEL)}
                </button>
                <button
                    type="button"
                    disabled=move || !runner.can_resume() || !validation.is_valid()
                    on:click=move |_| runner.resume()
                >
                    {locale.tr(status::RESUME)}
                </button>
                <button
                    type="button"
                    disabled=move || runner.busy.get()
                    title=locale.tr(status::TRY_DEMO_TITLE)
                    on:click=move |_| runner.load_demo(DEMO_RECORDS)
                >
                    {locale.tr(status::TRY_DEMO)}
                </button>
                <span class="separator" aria-hidden="true"></span>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !has_previous()
                    on:click=move |_| runner.previous_page()
                >
                    {locale.tr(status::PREVIOUS_PAGE)}
                </button>
                <span class="page-indicator">{move || indicator()}</span>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !has_next()
                    on:click=move |_| runner.next_page()
                >
                    {locale.tr(status::NEXT_PAGE)}
                </button>
            </div>
            <WatchControls/>
            <Show when=move || form.has_several_targets()>
                <PageTargetChoice/>
            </Show>
            <Show when=move || !validation.is_valid()>
                <p class="field-help">{locale.tr(status::FIX_FIELDS)}</p>
            </Show>
            <p role="status" aria-live="polite" class="status-line">
                {move || status_line()}
            </p>
            {move || runner.too_many.get().map(|total| view! {
                <p class="warning" role="alert">
                    {status::TOO_MANY.fill(
                        locale.lang(),
                        &[&group(total), &group(MAX_RECORDS_IN_TAB)],
                    )}
                </p>
            })}
            <FetchProgress/>
            <TargetProgress/>
        </section>
    }
}

/// "Watch", "Refresh every" and "Pause when hidden", and why watching was refused.
#[component]
fn WatchControls() -> impl IntoView {
    let watcher = expect_context::<Watcher>();
    let validation = expect_context::<Validation>();
    let locale = use_locale();
    view! {
        <div class="watch-controls">
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || watcher.on.get()
                    disabled=move || !watcher.on.get() && !validation.is_valid()
                    aria-describedby="watch-help"
                    on:change=move |ev| {
                        watcher.set_watching(event_target_checked(&ev));
                        // A refused start leaves `on` false, unchanged: the box must follow.
                        event_target::<web_sys::HtmlInputElement>(&ev)
                            .set_checked(watcher.on.get_untracked());
                    }
                />
                {locale.tr(status::WATCH)}
            </label>
            <label for="refresh-every">{locale.tr(status::REFRESH_EVERY)}</label>
            <select
                id="refresh-every"
                on:change=move |ev| {
                    if let Ok(minutes) = event_target_value(&ev).parse() {
                        watcher.set_every_minutes(minutes);
                    }
                }
            >
                {INTERVAL_MINUTES
                    .iter()
                    .map(|&m| view! {
                        <option value=m.to_string() selected=move || watcher.every_minutes.get() == m>
                            {move || status::EVERY_MINUTES.fill(locale.lang(), &[&m.to_string()])}
                        </option>
                    })
                    .collect_view()}
            </select>
            <label class="choice">
                <input
                    type="checkbox"
                    prop:checked=move || watcher.pause_when_hidden.get()
                    on:change=move |ev| watcher.set_pause_when_hidden(event_target_checked(&ev))
                />
                {locale.tr(status::PAUSE_WHEN_HIDDEN)}
            </label>
            <p class="field-help" id="watch-help">{locale.tr(status::WATCH_HELP)}</p>
            {move || watcher.refused.get().map(|why| view! {
                <p class="warning" role="alert">{why.message(locale.lang())}</p>
            })}
        </div>
    }
}

/// With several targets: which one "Run query" and Previous/Next page act on.
#[component]
fn PageTargetChoice() -> impl IntoView {
    let form = expect_context::<FormState>();
    let locale = use_locale();
    let options = move || {
        let lang = locale.lang();
        form.targets()
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let key = t.key;
                let label = t.label.get();
                // A label is the user's own words.
                let own_words = (!label.trim().is_empty()).then_some("no");
                let name = target_name(lang, i, &label);
                view! {
                    <option value=key.to_string() translate=own_words selected=move || form.page_target.get() == key>
                        {name}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field page-target">
            <label for="page-target">{locale.tr(form_text::PAGE_TARGET)}</label>
            <select
                id="page-target"
                on:change=move |ev| {
                    if let Ok(key) = event_target_value(&ev).parse() {
                        form.page_target.set(key);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}

/// With several targets: each target's records, pages and state, on its own line.
#[component]
fn TargetProgress() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let locale = use_locale();
    move || {
        let runs = runner.target_runs.get();
        (!runs.is_empty()).then(|| {
            let lang = locale.lang();
            view! {
                <ul class="target-progress" aria-label=locale.tr(status::PROGRESS_BY_TARGET)>
                    {runs
                        .into_iter()
                        .enumerate()
                        .map(|(i, run)| {
                            let p = &run.progress;
                            view! {
                                <li>
                                    <strong translate=(!run.label.trim().is_empty()).then_some("no")>
                                        {target_name(lang, i, &run.label)}
                                    </strong>
                                    ": "
                                    {p.status_line(lang)}
                                    " · "
                                    {p.facts(lang, None, None)}
                                    " · "
                                    {p.reconciliation_sentence(lang)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// The Fetch all progress bar: records, pages, rate, time left, and what is missing.
#[component]
fn FetchProgress() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let locale = use_locale();
    let view_of = move || {
        let progress = runner.progress.get()?;
        let lang = locale.lang();
        let elapsed_s = runner
            .started_ms
            .get()
            .map(|start| ((js_sys::Date::now() - start) / 1000.0).max(0.001));
        let fraction = progress
            .total
            .filter(|t| *t > 0)
            .map(|t| (progress.loaded as f64 / t as f64).min(1.0));
        let rate = elapsed_s.map(|s| progress.loaded as f64 / s);
        let seconds_left = match (progress.total, rate) {
            (Some(total), Some(rate)) if rate > 0.0 && runner.busy.get() => {
                Some(total.saturating_sub(progress.loaded as u64) as f64 / rate)
            }
            _ => None,
        };
        let facts = progress.facts(lang, rate, seconds_left);
        let reconciliation = progress.reconciliation_sentence(lang);
        let failed = progress.failed_pages.clone();
        Some(view! {
            <div class="progress">
                <progress
                    max="1"
                    value=shortest(fraction.unwrap_or(0.0))
                    aria-label=locale.tr(status::PROGRESS_LABEL)
                ></progress>
                <p class="progress-facts">{facts}</p>
                <p class="reconciliation">{reconciliation}</p>
                {progress.total_changed_warning(lang).map(|warning| view! {
                    <p class="warning">{warning}</p>
                })}
                {(!failed.is_empty()).then(|| view! {
                    <details class="failed-pages">
                        <summary>{count_in(lang, failed.len() as u64, status::FAILED_PAGES_ONE, status::FAILED_PAGES_MANY)}</summary>
                        <ul>
                            {failed.into_iter().map(|p| view! {
                                <li>{p.describe(lang)}</li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
            </div>
        }
        .into_any())
    };
    view! { {move || view_of()} }
}
