//! Logon phases in the browser: one record's phases for the row detail (cached for the session
//! by transaction ID), and "Analyze logon phases" over the rows the table shows.
//!
//! The decisions are `logins_core::stages`'s (the request, the parser, the error report, the
//! sans-IO analysis engine with its rate limit, retries and stops); this file sends the
//! requests through the same plan, signer, proxy and `fetch::send` as the login records, runs
//! the engine's clock with browser timers, and publishes its state into signals. Failures are
//! kept as data (the problem and what was known when it came), so the report is rendered in
//! the language of the moment.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use futures::channel::mpsc;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use logins_core::api::connection::Connection;
use logins_core::api::error_report::{ErrorReport, FailedRequest};
use logins_core::api::query::Query;
use logins_core::api::request::{plan_request, HeaderSet};
use logins_core::i18n::Lang;
use logins_core::paging::FailureKind;
use logins_core::records::columns::ColumnId;
use logins_core::records::sort::{sort_rows, SortKey};
use logins_core::records::table::RecordTable;
use logins_core::stages::{
    read_stages_response, report_stages_failure, AccessStagesRequest, AfterFailure, Next, StageJob,
    StagesAnalysis, StagesAnswer, StagesProgress, TransactionIdProblem, DEFAULT_CAP, MAX_CAP,
};
use web_sys::{AbortController, AbortSignal};

use crate::api_call::{self, CallFailure};
use crate::fetch::HttpAnswer;
use crate::form_state::FormState;
use crate::table_state::TableState;
use crate::timer::sleep_ms;
use crate::{clock, perf};

/// Why a request for logon phases failed, as data: the report is built in the current language
/// when shown (a 403 names the IAM action the account lacks).
#[derive(Clone, Debug, PartialEq)]
pub struct StagesFailure(pub FailedRequest);

impl StagesFailure {
    /// What the user is told, in `lang`.
    pub fn report(&self, lang: Lang) -> ErrorReport {
        report_stages_failure(&self.0, lang)
    }
}

/// What the row detail knows of one login's phases.
#[derive(Clone, Debug, PartialEq)]
pub enum PhasesEntry {
    Loading,
    Loaded(Arc<StagesAnswer>),
    Failed(StagesFailure),
    /// The connection settings are not valid: nothing was sent.
    NeedsConnection,
    /// The record's transaction ID cannot be asked about.
    Unusable(TransactionIdProblem),
}

/// The logon phases of the session: the cache of answers by transaction ID and the analysis.
#[derive(Clone, Copy)]
pub struct LogonPhases {
    form: FormState,
    table: TableState,
    /// Every answer and failure of the session, by transaction ID (the analysis's answers too,
    /// so a record it analyzed opens without another request).
    cache: RwSignal<HashMap<String, PhasesEntry>>,
    /// The analysis's latest counts (None before the first "Analyze logon phases").
    pub progress: RwSignal<Option<StagesProgress>>,
    /// Why the analysis stopped (401/403, a blocked local network), until Resume.
    pub stop: RwSignal<Option<StagesFailure>>,
    /// An analysis is being driven (requests in flight or waiting for their turn).
    pub busy: RwSignal<bool>,
    /// "Logins to analyze", as typed.
    pub cap_text: RwSignal<String>,
    /// Bumped whenever the analysis's answers change, for the views that summarize them.
    pub answers_changed: RwSignal<u64>,
    /// Nothing to analyze: no row shown has a transaction ID.
    pub nothing_to_analyze: RwSignal<bool>,
    analysis: StoredValue<Option<Rc<ActiveAnalysis>>, LocalStorage>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    /// Wakes the driver's loop (Cancel, so it ends without waiting for a backoff's timer).
    wake: StoredValue<Option<mpsc::UnboundedSender<Wake>>, LocalStorage>,
    generation: StoredValue<u64>,
}

/// One analysis: the engine, where its requests go, and whose login each ID is.
pub struct ActiveAnalysis {
    pub engine: RefCell<StagesAnalysis>,
    /// Where the requests go: each login's phases are asked of its own project.
    targets: Vec<(Connection, Query)>,
    /// The index in `targets` of each transaction ID whose record came from a target other
    /// than the first.
    target_of: HashMap<String, usize>,
    /// The record's user name of each analyzed transaction ID.
    pub users: HashMap<String, String>,
}

/// Milliseconds from reading the clock in `run_job` to the browser's start of the fetch, at
/// most (signing and building the request take well under 1 ms; 5 leaves room for a slow
/// machine, and costs under 1% of the rate).
const SEND_GUARD_MS: u64 = 5;

/// How a request's task tells the driver it is done, or that a wait is over.
enum Wake {
    Answered,
    Timer,
}

impl LogonPhases {
    pub fn new(form: FormState, table: TableState) -> Self {
        LogonPhases {
            form,
            table,
            cache: RwSignal::new(HashMap::new()),
            progress: RwSignal::new(None),
            stop: RwSignal::new(None),
            busy: RwSignal::new(false),
            cap_text: RwSignal::new(DEFAULT_CAP.to_string()),
            answers_changed: RwSignal::new(0),
            nothing_to_analyze: RwSignal::new(false),
            analysis: StoredValue::new_local(None),
            controller: StoredValue::new_local(None),
            wake: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        }
    }

    /// What is known of `transaction_id` (tracked).
    pub fn entry(&self, transaction_id: &str) -> Option<PhasesEntry> {
        self.cache.with(|c| c.get(transaction_id).cloned())
    }

    /// Opens a record: loads its phases unless they are known or loading. A failure is not
    /// retried by itself: "Load logon phases" does that.
    pub fn open(&self, transaction_id: Option<String>) {
        let id = transaction_id.unwrap_or_default();
        if untrack(|| self.entry(&id)).is_none() {
            self.load(id);
        }
    }

    /// "Load logon phases": asks for the phases of `transaction_id` with the connection
    /// settings of this moment (unless an answer or a request is already there).
    pub fn load(&self, transaction_id: String) {
        if matches!(
            untrack(|| self.entry(&transaction_id)),
            Some(PhasesEntry::Loaded(_) | PhasesEntry::Loading)
        ) {
            return;
        }
        let origin = untrack(|| origin_of_login(self.table, &transaction_id));
        let Some((connection, query)) = self.form.validate_origin_now(
            origin.as_ref().map(|(r, p)| (r.as_str(), p.as_str())),
            clock::now(),
        ) else {
            self.set(&transaction_id, PhasesEntry::NeedsConnection);
            return;
        };
        let request = match AccessStagesRequest::new(&query, &transaction_id) {
            Ok(request) => request,
            Err(problem) => {
                self.set(&transaction_id, PhasesEntry::Unusable(problem));
                return;
            }
        };
        self.set(&transaction_id, PhasesEntry::Loading);
        let phases = *self;
        spawn_local(async move {
            let entry = match fetch_stages(&connection, &request, None).await {
                Ok(answer) => PhasesEntry::Loaded(Arc::new(answer)),
                // The record's detail was not cancelled by anyone: an abort cannot happen here.
                Err((_, failure)) => {
                    PhasesEntry::Failed(failure.unwrap_or(StagesFailure(FailedRequest::NoAnswer {
                        proxy_url: None,
                        detail: String::new(),
                    })))
                }
            };
            phases.set(&transaction_id, entry);
        });
    }

    fn set(&self, transaction_id: &str, entry: PhasesEntry) {
        // Every answer, from the analysis or a row detail, is that login's "Slowest phase".
        if let PhasesEntry::Loaded(answer) = &entry {
            self.table
                .phases
                .update(|p| p.insert_answer(transaction_id, answer));
        }
        self.cache.update(|c| {
            c.insert(transaction_id.to_owned(), entry);
        });
    }

    /// The cap as typed, clamped to 1..=5,000; the default when it is not a number.
    pub fn cap(&self) -> usize {
        self.cap_text
            .with_untracked(|t| t.trim().replace([',', ' '], "").parse::<usize>().ok())
            .map_or(DEFAULT_CAP, |n| n.clamp(1, MAX_CAP))
    }

    /// The current analysis, if any.
    pub fn analysis(&self) -> Option<Rc<ActiveAnalysis>> {
        self.analysis.get_value()
    }

    /// "Analyze logon phases": the rows the table shows (filtered), newest first, the first
    /// `cap` distinct transaction IDs, with the connection settings of this moment.
    pub fn analyze(&self) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(run_targets) = self.form.validate_targets_now(clock::now()) else {
            self.nothing_to_analyze.set(false);
            return;
        };
        let (mut ids, users, origins) = newest_transaction_ids(self.table, self.cap());
        // A login whose target is no longer in the form cannot be asked about.
        let index_of = |origin: &(String, String)| {
            run_targets.iter().position(|t| {
                t.origin
                    .as_ref()
                    .is_some_and(|o| o.region == origin.0 && o.project == origin.1)
            })
        };
        let mut target_of = HashMap::new();
        ids.retain(|id| match origins.get(id) {
            None => true,
            Some(origin) => match index_of(origin) {
                Some(i) => {
                    target_of.insert(id.clone(), i);
                    true
                }
                None => false,
            },
        });
        self.nothing_to_analyze.set(ids.is_empty());
        if ids.is_empty() {
            return;
        }
        let engine = StagesAnalysis::new(ids, MAX_CAP);
        self.analysis.set_value(Some(Rc::new(ActiveAnalysis {
            engine: RefCell::new(engine),
            targets: run_targets
                .into_iter()
                .map(|t| (t.connection, t.query))
                .collect(),
            target_of,
            users,
        })));
        self.stop.set(None);
        // The answers fill the table's "Slowest phase" column: show it (hidden by default).
        self.table.show_column(ColumnId::SlowestPhase, true);
        self.drive();
    }

    /// "Cancel": aborts the requests in flight; what was analyzed stays, Resume does the rest.
    pub fn cancel(&self) {
        if let Some(analysis) = self.analysis.get_value() {
            analysis.engine.borrow_mut().cancel();
            self.publish(&analysis);
        }
        if let Some(controller) = self.controller.get_value() {
            controller.abort();
        }
        if let Some(wake) = self.wake.get_value() {
            let _ = wake.unbounded_send(Wake::Timer);
        }
    }

    /// "Resume": analyzes each login not analyzed yet once (and the failed ones again).
    pub fn resume(&self) {
        if self.busy.get_untracked() {
            return;
        }
        let Some(analysis) = self.analysis.get_value() else {
            return;
        };
        analysis.engine.borrow_mut().resume();
        self.stop.set(None);
        self.drive();
    }

    /// Whether Resume has something to do.
    pub fn can_resume(&self) -> bool {
        !self.busy.get()
            && self
                .progress
                .with(|p| p.is_some_and(|p| p.remaining > 0 || p.failed > 0))
    }

    fn publish(&self, analysis: &ActiveAnalysis) {
        self.progress.set(Some(analysis.engine.borrow().progress()));
    }

    /// Runs the engine until it has nothing pending or in flight: sends what it allows, waits
    /// until the time it names or an answer, and asks again.
    fn drive(&self) {
        let Some(analysis) = self.analysis.get_value() else {
            return;
        };
        let controller = AbortController::new().ok();
        self.controller.set_value(controller.clone());
        let signal = controller.as_ref().map(AbortController::signal);
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        self.busy.set(true);
        let phases = *self;
        spawn_local(async move {
            let (wake_tx, mut wake_rx) = mpsc::unbounded::<Wake>();
            phases.wake.set_value(Some(wake_tx.clone()));
            let mut in_flight = 0usize;
            let mut timer_at: Option<u64> = None;
            loop {
                let mut finished = false;
                loop {
                    let now = monotonic_ms();
                    let next = analysis.engine.borrow_mut().next(now);
                    match next {
                        Next::Send(job) => {
                            in_flight += 1;
                            let (analysis, signal, wake_tx) =
                                (analysis.clone(), signal.clone(), wake_tx.clone());
                            spawn_local(async move {
                                phases.run_job(&analysis, job, signal.as_ref()).await;
                                let _ = wake_tx.unbounded_send(Wake::Answered);
                            });
                        }
                        Next::WaitUntil(at) => {
                            // One timer at a time; an earlier answer wakes the loop anyway.
                            if timer_at.is_none_or(|t| t > at || t <= now) {
                                timer_at = Some(at);
                                let wake_tx = wake_tx.clone();
                                spawn_local(async move {
                                    sleep_ms(at.saturating_sub(now)).await;
                                    let _ = wake_tx.unbounded_send(Wake::Timer);
                                });
                            }
                            break;
                        }
                        Next::Idle => break,
                        Next::Finished => {
                            finished = true;
                            break;
                        }
                    }
                }
                phases.publish(&analysis);
                if finished && in_flight == 0 {
                    break;
                }
                match wake_rx.next().await {
                    Some(Wake::Answered) => in_flight -= 1,
                    Some(Wake::Timer) => timer_at = None,
                    None => break,
                }
            }
            phases.publish(&analysis);
            if phases.generation.get_value() == generation {
                phases.busy.set(false);
            }
        });
    }

    /// One request of the analysis, reported to the engine.
    async fn run_job(
        &self,
        analysis: &ActiveAnalysis,
        job: StageJob,
        signal: Option<&AbortSignal>,
    ) {
        let target = analysis
            .target_of
            .get(&job.transaction_id)
            .copied()
            .unwrap_or(0);
        let Some((connection, query)) = analysis.targets.get(target) else {
            return;
        };
        let request = match AccessStagesRequest::new(query, &job.transaction_id) {
            Ok(request) => request,
            Err(_) => {
                // Never handed out: the IDs were checked when the analysis started.
                let kind = FailureKind::Status(400);
                analysis
                    .engine
                    .borrow_mut()
                    .on_failure(&job, kind, monotonic_ms(), 0.0);
                return;
            }
        };
        // The rate limit counts from when the request really goes out (this task may have waited
        // for the main thread since the engine handed it out), plus SEND_GUARD_MS for signing
        // and building it before the browser's fetch starts: measured, without the guard, two
        // starts 999.9 ms apart (bench/stages.mjs).
        let sent_ms = perf::now().max(0.0).ceil() as u64 + SEND_GUARD_MS;
        analysis.engine.borrow_mut().on_sent(&job, sent_ms);
        match fetch_stages(connection, &request, signal).await {
            Ok(answer) => {
                self.set(
                    &job.transaction_id,
                    PhasesEntry::Loaded(Arc::new(answer.clone())),
                );
                analysis.engine.borrow_mut().on_answer(&job, answer);
                self.answers_changed.update(|n| *n += 1);
            }
            Err((kind, failure)) => {
                let after = analysis.engine.borrow_mut().on_failure(
                    &job,
                    kind,
                    monotonic_ms(),
                    js_sys::Math::random(),
                );
                if after == AfterFailure::Failed {
                    // Given up on this login: its cell says so (Resume tries it again).
                    self.table
                        .phases
                        .update(|p| p.insert_failure(&job.transaction_id, kind));
                }
                if after == AfterFailure::Stopped {
                    // 401/403: this analysis stops (nothing else); what is in flight is aborted.
                    if let Some(controller) = self.controller.get_value() {
                        controller.abort();
                    }
                    if failure.is_some() {
                        self.stop.set(failure);
                    }
                }
            }
        }
    }
}

/// Sends one access-stages request through the records' path (plan, signature, proxy, fetch)
/// and reads it. The error is the engine's kind and, unless aborted, what to tell the user.
async fn fetch_stages(
    connection: &Connection,
    request: &AccessStagesRequest,
    signal: Option<&AbortSignal>,
) -> Result<StagesAnswer, (FailureKind, Option<StagesFailure>)> {
    // Signed just before sending, as a records page: a retry must not reuse an old date.
    let plan = plan_request(
        &connection.endpoint,
        request,
        &connection.credentials,
        HeaderSet::Default,
        clock::now(),
    );
    let read = |answer: &HttpAnswer| {
        read_stages_response(answer.status, &answer.body, answer.request_id.as_deref())
    };
    api_call::call(&plan, connection.proxy.as_ref(), signal, read)
        .await
        .map_err(|failure| match failure {
            CallFailure::Aborted => (FailureKind::Aborted, None),
            CallFailure::Failed(kind, failed) => (kind, Some(StagesFailure(failed))),
        })
}

/// A record's origin (region, project) when it came from one of several targets.
type LoginOrigin = (String, String);

/// The origin of the first record with `transaction_id`, if records carry origins.
fn origin_of_login(table: TableState, transaction_id: &str) -> Option<LoginOrigin> {
    table.table.with(|records| {
        let sym = records.lookup(transaction_id)?;
        let row = records
            .row_ids()
            .find(|&row| records.sym(row, ColumnId::TransactionId) == Some(sym))?;
        origin_of_row(records, row)
    })
}

fn origin_of_row(records: &RecordTable, row: u32) -> Option<LoginOrigin> {
    Some((
        text_of(records, row, ColumnId::Region)?.to_owned(),
        text_of(records, row, ColumnId::Project)?.to_owned(),
    ))
}

/// The transaction IDs of the rows the table shows, newest connection first, the first `cap`
/// distinct non-blank ones, with each one's user name and, for records of several targets,
/// origin.
fn newest_transaction_ids(
    table: TableState,
    cap: usize,
) -> (
    Vec<String>,
    HashMap<String, String>,
    HashMap<String, LoginOrigin>,
) {
    let records = table.table.get_untracked();
    let bands = table.bands.get_untracked();
    let mut rows = table.filtered.with_untracked(|rows| Vec::clone(rows));
    sort_rows(
        &records,
        &mut rows,
        &[SortKey {
            column: ColumnId::ConnectionStart,
            descending: true,
        }],
        &bands,
    );
    let mut ids = Vec::new();
    let mut users = HashMap::new();
    let mut origins = HashMap::new();
    for row in rows {
        if ids.len() == cap {
            break;
        }
        let Some(id) = text_of(&records, row, ColumnId::TransactionId) else {
            continue;
        };
        if users.contains_key(id) {
            continue;
        }
        let user = text_of(&records, row, ColumnId::UserName).unwrap_or_default();
        users.insert(id.to_owned(), user.to_owned());
        if let Some(origin) = origin_of_row(&records, row) {
            origins.insert(id.to_owned(), origin);
        }
        ids.push(id.to_owned());
    }
    (ids, users, origins)
}

/// A text cell of `row`, `None` when blank.
fn text_of(table: &RecordTable, row: u32, column: ColumnId) -> Option<&str> {
    table
        .sym(row, column)
        .map(|s| table.text(s))
        .filter(|t| !t.trim().is_empty())
}

/// The engine's clock: milliseconds of the page's monotonic clock.
fn monotonic_ms() -> u64 {
    perf::now().max(0.0) as u64
}
