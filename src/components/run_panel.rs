//! The run controls and what a run is doing: buttons, the live status line, the Fetch all
//! progress bar, the page indicator, and the failed pages that Resume will fetch.

use leptos::prelude::*;
use logins_core::text::num::{fixed, shortest};

use crate::form_state::{FormState, Validation};
use crate::runner::Runner;

/// Records "Try demo data" generates: enough for realistic statistics, quick to make.
pub const DEMO_RECORDS: usize = 10_000;

#[component]
pub fn RunPanel() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let validation = expect_context::<Validation>();
    let form = expect_context::<FormState>();

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
            let current = u64::from(offset) / limit + 1;
            match total {
                Some(total) => format!("Page {current} of {}", total.div_ceil(limit).max(1)),
                None => format!("Page {current}"),
            }
        })
    };

    view! {
        <section class="panel run-panel" aria-labelledby="run-heading">
            <h2 id="run-heading" class="visually-hidden">"Run"</h2>
            <div class="buttons">
                // A submit button: Enter in any field of the form runs the query too (the
                // form's submit handler, in app.rs, calls the same runner).
                <button type="submit" class="primary" disabled=move || runner.busy.get() || !validation.is_valid()>
                    "Run query"
                </button>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !validation.is_valid()
                    on:click=move |_| runner.fetch_all(&form)
                >
                    "Fetch all"
                </button>
                <button
                    type="button"
                    disabled=move || !runner.busy.get()
                    on:click=move |_| runner.cancel()
                >
                    "Cancel"
                </button>
                <button
                    type="button"
                    disabled=move || !runner.can_resume() || !validation.is_valid()
                    on:click=move |_| runner.resume()
                >
                    "Resume"
                </button>
                <button
                    type="button"
                    disabled=move || runner.busy.get()
                    title="Generated in your browser: no network, no account needed"
                    on:click=move |_| runner.load_demo(DEMO_RECORDS)
                >
                    "Try demo data"
                </button>
                <span class="separator" aria-hidden="true"></span>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !has_previous()
                    on:click=move |_| runner.previous_page()
                >
                    "Previous page"
                </button>
                <span class="page-indicator">{move || indicator()}</span>
                <button
                    type="button"
                    disabled=move || runner.busy.get() || !has_next()
                    on:click=move |_| runner.next_page()
                >
                    "Next page"
                </button>
            </div>
            <Show when=move || !validation.is_valid()>
                <p class="field-help">"Fix the highlighted fields to run the query."</p>
            </Show>
            <p role="status" aria-live="polite" class="status-line">
                {move || runner.status.get()}
            </p>
            <FetchProgress/>
        </section>
    }
}

/// The Fetch all progress bar: records, pages, rate, time left, and what is missing.
#[component]
fn FetchProgress() -> impl IntoView {
    let runner = expect_context::<Runner>();
    let view_of = move || {
        let progress = runner.progress.get()?;
        let elapsed_s = runner
            .started_ms
            .get()
            .map(|start| ((js_sys::Date::now() - start) / 1000.0).max(0.001));
        let fraction = progress
            .total
            .filter(|t| *t > 0)
            .map(|t| (progress.loaded as f64 / t as f64).min(1.0));
        let rate = elapsed_s.map(|s| progress.loaded as f64 / s);
        let time_left = match (progress.total, rate) {
            (Some(total), Some(rate)) if rate > 0.0 && runner.busy.get() => {
                let left = total.saturating_sub(progress.loaded as u64) as f64 / rate;
                Some(format!("about {} s left", shortest(left.ceil())))
            }
            _ => None,
        };
        let pages = match progress.pages_total {
            Some(total) => format!("{} of {total} pages", progress.pages_done),
            None => format!("{} pages", progress.pages_done),
        };
        let mut facts = vec![pages];
        if let Some(rate) = rate {
            facts.push(format!("{} records/s", fixed(rate, 0, false)));
        }
        facts.extend(time_left);
        if progress.duplicates > 0 {
            facts.push(format!("{} duplicates skipped", progress.duplicates));
        }
        let reconciliation = progress.reconciliation();
        let failed = progress.failed_pages.clone();
        Some(view! {
            <div class="progress">
                <progress
                    max="1"
                    value=shortest(fraction.unwrap_or(0.0))
                    aria-label="Fetch all progress"
                ></progress>
                <p class="progress-facts">{facts.join(" · ")}</p>
                <p class="reconciliation">{reconciliation.sentence}</p>
                {progress.total_changed.map(|(from, to)| view! {
                    <p class="warning">
                        {format!("The server's total changed from {from} to {to} during loading.")}
                    </p>
                })}
                {(!failed.is_empty()).then(|| view! {
                    <details class="failed-pages">
                        <summary>{format!("{} failed pages", failed.len())}</summary>
                        <ul>
                            {failed.into_iter().map(|p| view! {
                                <li>{format!(
                                    "Records {}–{}: {} after {} tries",
                                    p.offset + 1,
                                    u64::from(p.offset) + u64::from(p.limit),
                                    p.last_failure,
                                    p.attempts
                                )}</li>
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
