//! Running queries in the browser: one page ("Run query", Previous/Next page) or every page
//! ("Fetch all", Cancel, Resume).
//!
//! The decisions (which page next, retry or give up, what the status says) are made by
//! `logins_core::paging::FetchAll`; this file only does what the browser must: send requests,
//! wait, abort, and publish the engine's state into signals for the views.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use logins_core::api::connection::Connection;
use logins_core::api::error_report::FailedRequest;
use logins_core::api::query::Query;
use logins_core::api::request::{plan_request, HeaderSet, RequestPlan};
use logins_core::api::response::read_response;
use logins_core::paging::{
    Decision, FailureKind, PageRequest, Progress, RetryPolicy, RunStatus, Targets,
    DEFAULT_MAX_PAGES_IN_FLIGHT, DEFAULT_PAGE_SIZE, MAX_RECORDS_IN_TAB,
};
use logins_core::records::record::{Page, Record};
use logins_core::records::table::RecordTable;
use web_sys::{AbortController, AbortSignal};

use crate::api_call::{self, CallFailure};
use crate::clock;
use crate::form_state::{FormState, RunTarget};
use crate::perf;
use crate::table_state::TableState;
use crate::timer::sleep_ms;
use crate::url_state;

/// Where the records on screen came from (the records themselves are in [`TableState`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Results {
    #[default]
    Nothing,
    /// One page from "Run query" or Previous/Next.
    Page {
        offset: u32,
        limit: u16,
        total: Option<u64>,
    },
    /// Everything Fetch all loaded (complete or not: the status says), or demo/imported data.
    All,
}

/// The request inspector's subject: the last request sent, with the proxy it went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentRequest {
    pub plan: RequestPlan,
    pub proxy: Option<logins_core::api::proxy_url::ProxyUrl>,
}

/// One target of a Fetch all run of several targets, for its line of progress and its group's
/// error report.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetRun {
    /// The target's key in the form.
    pub key: u32,
    /// The label as typed when the run started.
    pub label: String,
    pub progress: Progress,
    /// Its last failure, as data (rendered in the current language on its group).
    pub error: Option<FailedRequest>,
}

/// State of the query runs, shared by the run panel, the status line and the results.
#[derive(Clone, Copy)]
pub struct Runner {
    /// A request or a Fetch all run is in progress.
    pub busy: RwSignal<bool>,
    pub results: RwSignal<Results>,
    /// Where loaded records go.
    table: TableState,
    /// What the live region says ("Loaded N of M records"), as data: the view words it in the
    /// current language.
    pub status: RwSignal<RunStatus>,
    /// The Fetch all engine's latest snapshot, every target as one (None in page mode).
    pub progress: RwSignal<Option<Progress>>,
    /// Each target of a Fetch all run of several targets (empty for one target: its progress
    /// and error are `progress` and `error`).
    pub target_runs: RwSignal<Vec<TargetRun>>,
    /// The total of a Fetch all stopped because one tab cannot hold it (see
    /// [`MAX_RECORDS_IN_TAB`]).
    pub too_many: RwSignal<Option<u64>>,
    /// When the current Fetch all run started (ms since the epoch), for rate and time left.
    pub started_ms: RwSignal<Option<f64>>,
    /// The last failure, as data: the view asks it for its report in the current language.
    pub error: RwSignal<Option<FailedRequest>>,
    pub last_request: RwSignal<Option<SentRequest>>,
    run: StoredValue<Option<ActiveRun>, LocalStorage>,
    /// The query of the page shown, window included: Previous/Next page move through the same
    /// results, whatever the form or the clock say by then.
    page_query: StoredValue<Option<(Connection, Query)>, LocalStorage>,
    /// Abort whatever is in flight: a page, or every page of a run (one per target, so a
    /// target that must stop stops alone).
    controllers: StoredValue<Vec<AbortController>, LocalStorage>,
    /// Increases with every run; see [`Runner::begin`].
    generation: StoredValue<u64>,
    /// Increases with every run the user starts (not a watch refresh): a watch stops when the
    /// user asks for something else.
    pub user_runs: RwSignal<u64>,
}

/// A Fetch all run that can be cancelled and resumed, or a watch refresh.
#[derive(Clone)]
struct ActiveRun {
    engine: Rc<RefCell<Targets>>,
    targets: Rc<Vec<RunTarget>>,
    /// A watch refresh: its records go to this callback, not into the table, and it leaves
    /// the status line and the progress bar to the watch.
    refresh: Option<Rc<RefCell<Option<RefreshDone>>>>,
}

/// What a watch refresh hands back: every record of its window from every target (tagged with
/// their origin when there are several), or why not.
pub type RefreshOutcome = Result<Vec<Record>, RefreshFailure>;

/// Why a watch refresh brought nothing to merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshFailure {
    /// The user cancelled it, or started another run.
    Cancelled,
    /// A page could not be fetched (after its retries), or a target was refused: the kind of
    /// the failure (a 401/403 first).
    Failed(FailureKind),
}

type RefreshDone = Box<dyn FnOnce(RefreshOutcome)>;

impl ActiveRun {
    /// Several targets: each reports on its own group, not on the page's error panel.
    fn several(&self) -> bool {
        self.targets.len() > 1
    }
}

impl Runner {
    pub fn new(table: TableState) -> Self {
        Runner {
            table,
            busy: RwSignal::new(false),
            results: RwSignal::new(Results::Nothing),
            status: RwSignal::new(RunStatus::Idle),
            progress: RwSignal::new(None),
            target_runs: RwSignal::new(Vec::new()),
            too_many: RwSignal::new(None),
            started_ms: RwSignal::new(None),
            error: RwSignal::new(None),
            last_request: RwSignal::new(None),
            run: StoredValue::new_local(None),
            page_query: StoredValue::new_local(None),
            controllers: StoredValue::new_local(Vec::new()),
            generation: StoredValue::new(0),
            user_runs: RwSignal::new(0),
        }
    }

    /// Whether a stopped Fetch all run has pages left to fetch.
    pub fn can_resume(&self) -> bool {
        !self.busy.get()
            && self.progress.with(|p| {
                p.as_ref().is_some_and(|p| {
                    !p.failed_pages.is_empty() || p.not_fetched_pages > 0 || p.stopped.is_some()
                })
            })
    }

    /// "Run query" (or Enter in the form): the form as it is at this click, its relative time
    /// range ending now, and the first page of the target chosen for it (the first target
    /// unless the user picked another). Nothing when the form is invalid.
    pub fn run_query(&self, form: &FormState) {
        if self.busy.get_untracked() {
            return;
        }
        let Some((connection, query)) = form.validate_page_target_now(clock::now()) else {
            return;
        };
        url_state::push(form);
        self.page_query
            .set_value(Some((connection.clone(), query.clone())));
        self.run_page(connection, query, 0);
    }

    /// "Next page": the page after the one shown, of the same query and window.
    pub fn next_page(&self) {
        if let Some((offset, limit, _)) = self.shown_page() {
            self.run_page_of_shown_query(offset.saturating_add(u32::from(limit)));
        }
    }

    /// "Previous page": the page before the one shown, of the same query and window.
    pub fn previous_page(&self) {
        if let Some((offset, limit, _)) = self.shown_page() {
            self.run_page_of_shown_query(offset.saturating_sub(u32::from(limit)));
        }
    }

    /// The page shown, for Previous/Next and the indicator: (offset, limit, total). Reactive.
    pub fn shown_page(&self) -> Option<(u32, u16, Option<u64>)> {
        self.results.with(|r| match r {
            Results::Page {
                offset,
                limit,
                total,
            } => Some((*offset, *limit, *total)),
            _ => None,
        })
    }

    fn run_page_of_shown_query(&self, offset: u32) {
        if let Some((connection, query)) = self.page_query.get_value() {
            self.run_page(connection, query, offset);
        }
    }

    /// Fetches the page at `offset` of `query`.
    fn run_page(&self, connection: Connection, query: Query, offset: u32) {
        self.cancel();
        self.user_runs.update(|n| *n += 1);
        let limit = query.effective_limit();
        let Ok(paged) = query.with_page(offset, limit) else {
            return;
        };
        let runner = *self;
        let generation = self.begin();
        self.progress.set(None);
        self.target_runs.set(Vec::new());
        // A new page replaces any Fetch all run: its records are no longer what is shown.
        self.run.set_value(None);
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        self.controllers.set_value(controller.into_iter().collect());
        spawn_local(async move {
            let outcome = request_page(runner, None, &connection, &paged, signal.as_ref()).await;
            if !runner.is_current(generation) {
                return;
            }
            match outcome {
                Ok(page) => {
                    let total = page.total_count.and_then(|t| u64::try_from(t).ok());
                    let count = page.records.len();
                    runner.status.set(RunStatus::Loaded {
                        loaded: count as u64,
                        total,
                    });
                    runner
                        .table
                        .replace(RecordTable::from_records(page.records));
                    runner.results.set(Results::Page {
                        offset,
                        limit,
                        total,
                    });
                }
                Err(Failure::Aborted) => runner.status.set(RunStatus::Cancelled),
                Err(Failure::Shown(_)) => runner.status.set(RunStatus::Failed),
            }
            if runner.is_current(generation) {
                runner.busy.set(false);
            }
        });
    }

    /// "Fetch all": every page of every target's query as the form is at this click, its
    /// relative time range ending now; every page of the run (and of a Resume) keeps that
    /// window, so offsets never shift between pages. Nothing when the form is invalid.
    pub fn fetch_all(&self, form: &FormState) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(targets) = form.validate_targets_now(clock::now()) else {
            return;
        };
        url_state::push(form);
        self.fetch_all_of(targets);
    }

    /// Every page of every target, [`DEFAULT_MAX_PAGES_IN_FLIGHT`] at a time over all of them,
    /// shared fairly (see [`Targets`]).
    fn fetch_all_of(&self, targets: Vec<RunTarget>) {
        let clicked_ms = perf::now();
        perf::clear_fetch_all_measures();
        self.cancel();
        let run = ActiveRun {
            engine: Rc::new(RefCell::new(Targets::new(
                targets.len(),
                DEFAULT_PAGE_SIZE,
                DEFAULT_MAX_PAGES_IN_FLIGHT,
                RetryPolicy::default(),
            ))),
            targets: Rc::new(targets),
            refresh: None,
        };
        self.user_runs.update(|n| *n += 1);
        self.target_runs.set(if run.several() {
            run.targets
                .iter()
                .map(|t| TargetRun {
                    key: t.key,
                    label: t.label.clone(),
                    progress: Progress::default(),
                    error: None,
                })
                .collect()
        } else {
            Vec::new()
        });
        self.run.set_value(Some(run.clone()));
        self.results.set(Results::Nothing);
        self.table.replace(RecordTable::new());
        self.started_ms.set(Some(js_sys::Date::now()));
        self.drive(run, clicked_ms);
    }

    /// A watch refresh: every page of every target's `query` (its window moved forward), under
    /// the same limits, retries and per-target errors as Fetch all; `done` gets the records.
    /// The table, the status line and a stopped run's Resume are left as they are.
    pub fn refresh(&self, targets: Vec<RunTarget>, done: impl FnOnce(RefreshOutcome) + 'static) {
        let run = ActiveRun {
            engine: Rc::new(RefCell::new(Targets::new(
                targets.len(),
                DEFAULT_PAGE_SIZE,
                DEFAULT_MAX_PAGES_IN_FLIGHT,
                RetryPolicy::default(),
            ))),
            targets: Rc::new(targets),
            refresh: Some(Rc::new(RefCell::new(Some(Box::new(done))))),
        };
        self.drive(run, perf::now());
    }

    /// After a watch refresh: the status line says how many records the table holds now (the
    /// watch's own sentence follows it).
    pub fn show_watched(&self, records: usize) {
        self.status.set(RunStatus::Loaded {
            loaded: records as u64,
            total: None,
        });
    }

    /// "Try demo data": a generated dataset, made in the browser with no network at all, shown
    /// through exactly the same views as fetched records.
    pub fn load_demo(&self, records: usize) {
        self.cancel();
        self.user_runs.update(|n| *n += 1);
        self.run.set_value(None);
        let generation = self.begin();
        let data = logins_core::demo::DemoData::generate(&logins_core::demo::DemoSpec {
            seed: 1,
            records,
            now_unix: clock::now().timestamp(),
        });
        let table = RecordTable::from_records(data.iter().map(|row| row.to_record()));
        if !self.is_current(generation) {
            return;
        }
        self.progress.set(None);
        self.status.set(RunStatus::Demo {
            records: table.len() as u64,
        });
        self.table.replace(table);
        self.results.set(Results::All);
        self.busy.set(false);
    }

    /// Shows records read from a file (an export of this app, or saved API responses): offline
    /// analysis with no network.
    pub fn show_imported(&self, table: RecordTable, file_name: &str) {
        self.cancel();
        self.user_runs.update(|n| *n += 1);
        self.run.set_value(None);
        let generation = self.begin();
        if !self.is_current(generation) {
            return;
        }
        self.progress.set(None);
        self.status.set(RunStatus::Imported {
            records: table.len() as u64,
            file_name: file_name.to_owned(),
            duplicates: table.duplicates(),
        });
        self.table.replace(table);
        self.results.set(Results::All);
        self.busy.set(false);
    }

    /// "Resume": fetches only the pages that failed or were not fetched.
    pub fn resume(&self) {
        let Some(run) = self.run.get_value() else {
            return;
        };
        run.engine.borrow_mut().resume();
        self.user_runs.update(|n| *n += 1);
        self.started_ms.set(Some(js_sys::Date::now()));
        self.drive(run, perf::now());
    }

    /// "Cancel": aborts requests in flight; what is loaded stays, the rest can be resumed.
    pub fn cancel(&self) {
        self.controllers
            .with_value(|all| all.iter().for_each(AbortController::abort));
        if let Some(run) = self.run.get_value() {
            run.engine.borrow_mut().cancel();
        }
    }

    /// Marks a new run as the current one and returns its generation; tasks of older runs
    /// (cancelled, still unwinding) check it so they never overwrite the new run's state.
    fn begin(&self) -> u64 {
        self.busy.set(true);
        self.error.set(None);
        self.too_many.set(None);
        self.target_runs
            .update(|runs| runs.iter_mut().for_each(|r| r.error = None));
        self.generation.update_value(|g| *g += 1);
        self.generation.get_value()
    }

    fn is_current(&self, generation: u64) -> bool {
        self.generation.get_value() == generation
    }

    /// Runs the current engine until nothing is pending or in flight. `clicked_ms` (a
    /// [`perf::now`] value) starts the run's `logins:fetch-all` measure.
    fn drive(&self, run: ActiveRun, clicked_ms: f64) {
        // One controller per target: a target that must stop (401, 403) aborts its own pages.
        let controllers: Vec<Option<AbortController>> = run
            .targets
            .iter()
            .map(|_| AbortController::new().ok())
            .collect();
        self.controllers
            .set_value(controllers.iter().flatten().cloned().collect());
        let controllers = Rc::new(controllers);
        let runner = *self;
        let generation = self.begin();
        spawn_local(async move {
            let (done_tx, mut done_rx) = mpsc::unbounded::<()>();
            let mut in_flight = 0usize;
            loop {
                // Hand out every page the engine allows now (it caps concurrency, and holds
                // the rest until the first page has told it the total).
                loop {
                    let next = run.engine.borrow_mut().next_request();
                    let Some((target, request)) = next else { break };
                    in_flight += 1;
                    let (run, controllers, done_tx) =
                        (run.clone(), controllers.clone(), done_tx.clone());
                    spawn_local(async move {
                        let controller = controllers.get(target).cloned().flatten();
                        fetch_with_retries(
                            runner,
                            generation,
                            &run,
                            target,
                            request,
                            controller.as_ref(),
                        )
                        .await;
                        let _ = done_tx.unbounded_send(());
                    });
                }
                runner.publish(generation, &run);
                if in_flight == 0 {
                    break;
                }
                if done_rx.next().await.is_none() {
                    break;
                }
                in_flight -= 1;
            }
            if let Some(done) = run.refresh.as_ref().and_then(|d| d.borrow_mut().take()) {
                let current = runner.is_current(generation);
                if current {
                    runner.busy.set(false);
                }
                done(if current {
                    refresh_outcome(&run.engine.borrow())
                } else {
                    Err(RefreshFailure::Cancelled)
                });
                return;
            }
            if !runner.is_current(generation) {
                return;
            }
            perf::measure_since("logins:pages", clicked_ms);
            runner.publish(generation, &run);
            let engine = run.engine.borrow();
            let index_ms = perf::now();
            let table = merged_table(&engine);
            perf::measure_since("logins:final-index", index_ms);
            let render_ms = perf::now();
            runner.table.replace(table);
            runner.results.set(Results::All);
            runner.busy.set(false);
            // The table is painted one frame after this task, the analytics one frame later
            // (TableState hands them the rows after the table's paint).
            perf::measure_at_next_frame(vec![("logins:first-render", render_ms)]);
            crate::frame::after_next_paint(move || {
                perf::measure_at_next_frame(vec![("logins:fetch-all", clicked_ms)]);
            });
        });
    }

    fn publish(&self, generation: u64, run: &ActiveRun) {
        // A watch refresh has its own status; its errors still show.
        if !self.is_current(generation) || run.refresh.is_some() {
            return;
        }
        let engine = &*run.engine.borrow();
        let progress = engine.progress();
        self.status.set(progress.status());
        self.progress.set(Some(progress));
        if engine.runs().len() > 1 {
            self.target_runs.update(|runs| {
                for (run, engine) in runs.iter_mut().zip(engine.runs()) {
                    run.progress = engine.progress();
                }
            });
        }
    }

    /// Shows a failure: on the page's error panel, or on its target's group.
    fn report(&self, target: Option<usize>, failure: Option<FailedRequest>) {
        match target {
            None => self.error.set(failure),
            Some(i) => self.target_runs.update(|runs| {
                if let Some(run) = runs.get_mut(i) {
                    run.error = failure;
                }
            }),
        }
    }

    /// The failure shown on the group of the target with `key`. Reactive.
    pub fn target_error(&self, key: u32) -> Option<FailedRequest> {
        self.target_runs.with(|runs| {
            runs.iter()
                .find(|r| r.key == key)
                .and_then(|r| r.error.clone())
        })
    }
}

/// A finished refresh: every record, or the failure that kept a page or a target out (a
/// refusal first: it stops the watch).
fn refresh_outcome(engine: &Targets) -> RefreshOutcome {
    let runs = engine.runs();
    let progress: Vec<Progress> = runs.iter().map(|r| r.progress()).collect();
    if let Some(stop) = progress.iter().find_map(|p| p.stopped) {
        return Err(RefreshFailure::Failed(stop));
    }
    if let Some(page) = progress.iter().find_map(|p| p.failed_pages.first()) {
        return Err(RefreshFailure::Failed(page.last_failure));
    }
    if progress.iter().any(|p| p.not_fetched_pages > 0) {
        return Err(RefreshFailure::Cancelled);
    }
    Ok(runs
        .iter()
        .flat_map(|run| {
            let table = run.records().table();
            table.row_ids().map(move |row| table.record(row))
        })
        .collect())
}

/// The records of every target in one table: with one target its own table (a copy, so the
/// engine keeps its own for Resume; compact, so this is cheap); with several, each target's
/// records in target order, deduplicated within their target only (they carry its origin).
fn merged_table(engine: &Targets) -> RecordTable {
    match engine.runs() {
        [one] => one.records().table().clone(),
        runs => {
            let mut merged = RecordTable::new();
            for run in runs {
                merged.append(run.records().table());
            }
            merged
        }
    }
}

/// Why a single request produced no page; the report is already on screen.
enum Failure {
    Aborted,
    Shown(FailureKind),
}

/// Plans (signing with the current time), sends and reads one page; shows any error (on the
/// group of `target`, when the run has several).
async fn request_page(
    runner: Runner,
    target: Option<usize>,
    connection: &Connection,
    query: &Query,
    signal: Option<&AbortSignal>,
) -> Result<Page, Failure> {
    // Signed just before sending: the gateway refuses signatures older than ~15 minutes, and a
    // retry after backoff must not reuse an old date.
    let plan = plan_request(
        &connection.endpoint,
        query,
        &connection.credentials,
        HeaderSet::Default,
        clock::now(),
    );
    let proxy = connection.proxy.as_ref();
    runner.last_request.set(Some(SentRequest {
        plan: plan.clone(),
        proxy: proxy.cloned(),
    }));
    let sent_ms = perf::now();
    let page = api_call::call(&plan, proxy, signal, |answer| {
        perf::measure_since("logins:page-network", sent_ms);
        let parse_ms = perf::now();
        let page = read_response(answer.status, &answer.body, answer.request_id.as_deref());
        perf::measure_since("logins:page-parse", parse_ms);
        page
    })
    .await;
    page.map_err(|failure| match failure {
        CallFailure::Aborted => Failure::Aborted,
        CallFailure::Failed(kind, failed) => {
            runner.report(target, Some(failed));
            Failure::Shown(kind)
        }
    })
}

/// One page of a target of a Fetch all run, retried as the engine decides.
async fn fetch_with_retries(
    runner: Runner,
    generation: u64,
    run: &ActiveRun,
    target: usize,
    request: PageRequest,
    controller: Option<&AbortController>,
) {
    let signal = controller.map(AbortController::signal);
    let signal = signal.as_ref();
    let Some(run_target) = run.targets.get(target) else {
        return;
    };
    let reported = run.several().then_some(target);
    let Ok(query) = run_target.query.with_page(request.offset, request.limit) else {
        run.engine
            .borrow_mut()
            .on_failure(target, request, FailureKind::Status(400), 1, 0.0);
        return;
    };
    let mut attempt = 1;
    loop {
        let outcome = request_page(runner, reported, &run_target.connection, &query, signal).await;
        let failure = match outcome {
            Ok(mut page) => {
                let index_ms = perf::now();
                if let Some(origin) = &run_target.origin {
                    origin.tag(&mut page.records);
                }
                run.engine.borrow_mut().on_page(target, request, &page);
                perf::measure_since("logins:page-index", index_ms);
                // More than a tab can hold: stop at the first pages and say so, rather than
                // run out of memory at the millionth record.
                let too_many = run.engine.borrow().too_many(MAX_RECORDS_IN_TAB);
                if let (Some(total), None) = (too_many, &run.refresh) {
                    runner.cancel();
                    runner.too_many.set(Some(total));
                }
                // A retried page that finally arrived clears the error it had shown.
                if attempt > 1 {
                    runner.report(reported, None);
                }
                runner.publish(generation, run);
                return;
            }
            Err(Failure::Aborted) => FailureKind::Aborted,
            Err(Failure::Shown(kind)) => kind,
        };
        let decision = run.engine.borrow_mut().on_failure(
            target,
            request,
            failure,
            attempt,
            js_sys::Math::random(),
        );
        runner.publish(generation, run);
        match decision {
            Decision::Retry {
                after_ms,
                attempt: next,
            } => {
                sleep_ms(after_ms).await;
                if signal.is_some_and(AbortSignal::aborted) {
                    run.engine.borrow_mut().on_failure(
                        target,
                        request,
                        FailureKind::Aborted,
                        next,
                        0.0,
                    );
                    return;
                }
                attempt = next;
            }
            Decision::GiveUp => return,
            // This target stops (its other pages are aborted); the others go on.
            Decision::StopAll => {
                if let Some(controller) = controller {
                    controller.abort();
                }
                return;
            }
        }
    }
}
