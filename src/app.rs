//! The root component: page layout and the state every view shares.

use leptos::prelude::*;
use leptos::task::spawn_local;
use logins_core::i18n::shell;

use crate::alerts::Alerts;
use crate::clock::{self, Clock};
use crate::components::alerts::AlertsSection;
use crate::components::analytics::Analytics;
use crate::components::breakdowns::Breakdowns;
use crate::components::connection_settings::ConnectionSettings;
use crate::components::error_panel::ErrorPanel;
use crate::components::filter_form::FilterForm;
use crate::components::inspector::Inspector;
use crate::components::phase_analysis::PhaseAnalysis;
use crate::components::records_grid::RecordsGrid;
use crate::components::row_detail::RowDetail;
use crate::components::run_panel::RunPanel;
use crate::components::section_nav::SectionNav;
use crate::components::shell::{AppFooter, AppHeader};
use crate::components::table_toolbar::TableToolbar;
use crate::components::user_insights::{NewLocations, UserTimeline};
use crate::form_state::{FormState, Validation};
use crate::locale::Locale;
use crate::logon_phases::LogonPhases;
use crate::runner::Runner;
use crate::section_scroll::BAR_ID;
use crate::table_state::TableState;
use crate::watcher::Watcher;
use crate::{fetch, frame, remembered, section_scroll, url_state};

/// The whole page. Shared state goes into context: the form (every input), its validation, and
/// the runner (requests, results, status).
#[component]
pub fn App() -> impl IntoView {
    let locale = Locale::start();
    provide_context(locale);
    let clock = Clock::start();
    let form = FormState::new();
    form.choose_preset(form.preset.get_untracked(), clock::now());
    // A relative range ("Last 24 h") shown under the pickers moves with the clock.
    Effect::new(move |_| form.follow_clock(clock.tick()));
    let validation = Validation::new(form, clock);
    let table = TableState::new();
    table.persist_columns();
    let runner = Runner::new(table);
    provide_context(form);
    provide_context(validation);
    provide_context(table);
    provide_context(runner);
    provide_context(LogonPhases::new(form, table));
    let alerts = Alerts::new(table);
    provide_context(alerts);
    let watcher = Watcher::new(form, runner, table);
    // Each successful refresh is judged by the alert rules; a new watch starts them afresh.
    watcher.set_alerts(alerts);
    provide_context(watcher);

    // Start-up order: deployment defaults, then the link's state (it is what the user opened),
    // then remembered credentials. Each only fills what it has.
    let config_source = RwSignal::new(String::new());
    let link_sets_destination = RwSignal::new(false);
    spawn_local(async move {
        if let Some(config) = fetch::app_config().await {
            form.prefill(&config);
            config_source.set(config.source.clone());
        }
        if let Some(state) = url_state::read_location() {
            link_sets_destination.set(state.sets_destination());
            url_state::apply(&form, &state, clock::now());
        }
        remembered::restore(&form);
        remembered::keep_in_sync(form);
        crate::perf::mark("logins:prefilled");
        // A deep link (#analytics): the page is drawn and prefilled now.
        frame::after_next_paint(section_scroll::reveal_linked_section);
    });
    url_state::follow_history(form);
    on_cleanup(move || runner.cancel());

    view! {
        <AppHeader/>
        <main id="main" class="app-main">
            <Show when=move || config_source.get() == "stand-in">
                <p class="notice">{locale.tr(shell::STAND_IN_NOTICE)}</p>
            </Show>
            <Show when=move || link_sets_destination.get()>
                <p class="notice warning">{locale.tr(shell::LINK_SETS_DESTINATION)}</p>
            </Show>
            // One form, so Enter in any field runs the query and password managers see a form.
            // It generates no box (`display: contents`), so the bar at its top is sticky over
            // the whole page: navigation, run controls and status stay in view in every section.
            <form
                class="query-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    runner.run_query(&form);
                }
            >
                <div id=BAR_ID class="sticky-bar">
                    <SectionNav/>
                    <RunPanel/>
                </div>
                // The sections' ids are core::page_sections::SECTIONS.
                <div id="query" class="page-section">
                    <ConnectionSettings/>
                    <FilterForm/>
                </div>
            </form>
            <div id="records" class="page-section">
                <ErrorPanel/>
                <TableToolbar/>
                <RowDetail/>
                <RecordsGrid/>
            </div>
            <div id="analytics" class="page-section">
                <Analytics/>
                <Breakdowns/>
                <PhaseAnalysis/>
            </div>
            <div id="users" class="page-section">
                <UserTimeline/>
                <NewLocations/>
            </div>
            <div id="inspector" class="page-section">
                <Inspector/>
            </div>
            <div id="alerts" class="page-section">
                <AlertsSection/>
            </div>
        </main>
        <AppFooter/>
    }
}
