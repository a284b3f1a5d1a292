//! The fetch-all engine: the plan of pages, their states, and the decisions after each answer.

use std::collections::BTreeMap;

use super::progress::{FailedPage, Progress};
use super::retry::{FailureKind, RetryPolicy};
use crate::api::query::{MAX_INTEGER, MAX_LIMIT};
use crate::records::record::Page;
use crate::records::store::RecordStore;

/// The page size fetch-all uses by default: the largest the API allows, so the fewest requests.
pub const DEFAULT_PAGE_SIZE: u16 = MAX_LIMIT;

/// How many pages are requested at once by default: enough to hide latency, few enough not to
/// trip the gateway's throttling.
pub const DEFAULT_MAX_PAGES_IN_FLIGHT: usize = 4;

/// One page to request: `offset` and `limit` of the API. The driver builds the URL with
/// [`crate::api::query::Query::with_page`] and reports the outcome with this same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PageRequest {
    pub offset: u32,
    pub limit: u16,
}

/// What the driver should do after a failed page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait `after_ms`, then send the same request again. `attempt` is the number of that next
    /// try (2 for the first retry): pass it as `attempt` to [`FetchAll::on_failure`] if it fails.
    Retry { after_ms: u64, attempt: u32 },
    /// Do not retry this page; it is listed as failed (or not fetched, after an abort) and the
    /// other pages carry on. [`FetchAll::resume`] tries it again.
    GiveUp,
    /// The credentials were refused (401/403), or the browser blocks local network access:
    /// abort every request in flight and send nothing more. All pages not done are marked failed or not fetched, so Resume can pick them up
    /// once the credentials are fixed.
    StopAll,
}

/// What one successful page changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageOutcome {
    /// Records stored for the first time.
    pub new_records: usize,
    /// Records already stored (sent before, typically because the data shifted between pages).
    pub duplicates: usize,
    /// `(previous, new)` when this page reported a different `total_count` than the one known.
    pub total_changed: Option<(u64, u64)>,
    /// Whether this page ended the plan (an empty page; or a short one when there is no total).
    pub ended_plan: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Pending,
    InFlight,
    Done,
    Failed,
    NotFetched,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    limit: u16,
    state: State,
    /// Failures since the page was last (re)scheduled.
    attempts: u32,
    last_failure: Option<FailureKind>,
    /// Positions the answer filled (records plus unreadable entries), once done.
    received: usize,
}

impl Slot {
    fn new(limit: u16, state: State) -> Self {
        Slot {
            limit,
            state,
            attempts: 0,
            last_failure: None,
            received: 0,
        }
    }
}

/// How far the plan reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    /// Nothing answered yet: only offset 0 may be requested, because its answer carries the
    /// total that the rest of the plan is computed from.
    FirstPage,
    /// Up to the server's `total_count`.
    Total(u64),
    /// The server sent no usable total: request page after page until an empty or short one.
    Open,
}

/// The fetch-all engine. See the module docs for how a driver uses it.
///
/// Pages on the regular grid (`0, page_size, 2*page_size, ...`) that have not been handed out
/// yet are not stored one by one but as a range, so a hostile `total_count` (say 2^62) costs no
/// memory; they count as pending, or as not fetched while the run is cancelled or stopped.
#[derive(Clone, Debug)]
pub struct FetchAll {
    page_size: u16,
    max_in_flight: usize,
    policy: RetryPolicy,
    /// Pages handed out at least once, and gap-filling pages, by offset.
    slots: BTreeMap<u32, Slot>,
    /// The next grid offset never handed out; grid pages in `[frontier, end())` are implicit.
    frontier: u64,
    plan: Plan,
    /// An empty (or, without a total, short) page ended the plan here.
    ended_at: Option<u64>,
    /// Cancelled or stopped: nothing is handed out until resume.
    paused: bool,
    stopped: Option<FailureKind>,
    first_total: Option<u64>,
    total_changed: Option<(u64, u64)>,
    empty_page_at: Option<u32>,
    skipped_entries: usize,
    store: RecordStore,
}

impl FetchAll {
    /// A run that will request pages of `page_size` records (clamped to 1..=1000), at most
    /// `max_pages_in_flight` at a time (at least 1), retrying by `policy`.
    pub fn new(page_size: u16, max_pages_in_flight: usize, policy: RetryPolicy) -> Self {
        FetchAll {
            page_size: page_size.clamp(1, MAX_LIMIT),
            max_in_flight: max_pages_in_flight.max(1),
            policy,
            slots: BTreeMap::new(),
            frontier: 0,
            plan: Plan::FirstPage,
            ended_at: None,
            paused: false,
            stopped: None,
            first_total: None,
            total_changed: None,
            empty_page_at: None,
            skipped_entries: 0,
            store: RecordStore::new(),
        }
    }

    /// The page size in use (after clamping).
    pub fn page_size(&self) -> u16 {
        self.page_size
    }

    /// The next page to request, marked in flight; `None` when the concurrency cap is reached,
    /// the run is cancelled or stopped, the first page's answer (which carries the total) is
    /// still awaited, or nothing is left. Pages given back by retries and Resume come first, in
    /// offset order, then new pages in offset order.
    pub fn next_request(&mut self) -> Option<PageRequest> {
        if self.paused || self.count(State::InFlight) >= self.max_in_flight {
            return None;
        }
        if let Some((&offset, slot)) = self
            .slots
            .iter_mut()
            .find(|(_, slot)| slot.state == State::Pending)
        {
            slot.state = State::InFlight;
            return Some(PageRequest {
                offset,
                limit: slot.limit,
            });
        }
        let end = self.end();
        while self.frontier < end {
            let offset = u32::try_from(self.frontier).ok()?;
            self.frontier += u64::from(self.page_size);
            // Gap-filling pages never sit on the grid, but if one ever did, it is already
            // accounted for and must not be requested twice.
            if self.slots.contains_key(&offset) {
                continue;
            }
            self.slots
                .insert(offset, Slot::new(self.page_size, State::InFlight));
            return Some(PageRequest {
                offset,
                limit: self.page_size,
            });
        }
        None
    }

    /// Records a page that arrived: stores its records (deduplicated), learns or updates the
    /// total, and adjusts the plan.
    ///
    /// - The first answer's `total_count` plans every grid page below it. Without a usable
    ///   total, pages are requested one grid step after another until an empty or short page.
    /// - A different `total_count` later is reported; if it grew, the plan grows with it.
    /// - An empty page ends the plan: pages beyond it that are not done are dropped (they are
    ///   not failures; the reconciliation explains any shortfall).
    /// - A short page before the end (the server sent fewer than asked) gets a page for the
    ///   rest of its range, so a server that caps the page size cannot make records vanish.
    ///
    /// An answer for a page that was cancelled or dropped is still used: its records are kept.
    pub fn on_page(&mut self, request: PageRequest, page: &Page) -> PageOutcome {
        let mut outcome = PageOutcome::default();
        for record in &page.records {
            if self.store.insert(record) {
                outcome.new_records += 1;
            } else {
                outcome.duplicates += 1;
            }
        }
        self.skipped_entries += page.skipped_records;
        let positions = page.records.len().saturating_add(page.skipped_records);
        let limit = match self.slots.get_mut(&request.offset) {
            Some(slot) => {
                slot.state = State::Done;
                slot.received = positions;
                slot.attempts = 0;
                slot.limit
            }
            None => request.limit,
        };

        // A negative total is as unusable as a missing one.
        let page_total = page.total_count.and_then(|t| u64::try_from(t).ok());
        match (self.plan, page_total) {
            (Plan::FirstPage | Plan::Open, Some(total)) => {
                self.plan = Plan::Total(total);
                self.first_total.get_or_insert(total);
            }
            (Plan::FirstPage, None) => self.plan = Plan::Open,
            (Plan::Total(old), Some(new)) if old != new => {
                outcome.total_changed = Some((old, new));
                self.total_changed = Some((self.first_total.unwrap_or(old), new));
                self.plan = Plan::Total(new);
            }
            _ => {}
        }

        let offset = u64::from(request.offset);
        if positions == 0 {
            self.end_plan_at(offset);
            if self.plan != Plan::Open && offset < self.total_or_max() {
                self.empty_page_at = Some(
                    self.empty_page_at
                        .map_or(request.offset, |at| at.min(request.offset)),
                );
            }
            outcome.ended_plan = true;
        } else if positions < usize::from(limit) {
            let next = offset + positions as u64;
            if self.plan == Plan::Open {
                self.end_plan_at(next);
                outcome.ended_plan = true;
            } else {
                self.plan_rest_of(next, limit, positions);
            }
        }
        if outcome.total_changed.is_some() {
            self.plan_rests_of_short_pages();
        }
        outcome
    }

    /// Records a failed try of a page and says what to do next (see [`Decision`]).
    ///
    /// `attempt` is how many tries this page has had, failures included (1 after the first
    /// failure). The engine also counts, and uses the larger of the two, so a driver that
    /// miscounts can never retry forever. `unit_random` in `[0, 1)` jitters the wait.
    pub fn on_failure(
        &mut self,
        request: PageRequest,
        failure: FailureKind,
        attempt: u32,
        unit_random: f64,
    ) -> Decision {
        let Some(slot) = self.slots.get_mut(&request.offset) else {
            // A page that is not in the plan (dropped after an empty page): nothing to retry,
            // but refused credentials still stop everything.
            if failure.stops_run() {
                self.stop(failure);
                return Decision::StopAll;
            }
            return Decision::GiveUp;
        };
        if slot.state == State::Done {
            // A late failure of a page already answered changes nothing.
            if failure.stops_run() {
                self.stop(failure);
                return Decision::StopAll;
            }
            return Decision::GiveUp;
        }
        slot.attempts = slot.attempts.saturating_add(1).max(attempt);
        slot.last_failure = Some(failure);
        let tries = slot.attempts;

        if failure.stops_run() {
            slot.state = State::Failed;
            self.stop(failure);
            return Decision::StopAll;
        }
        if slot.state != State::InFlight {
            // Already cancelled (e.g. the AbortError of a cancelled fetch): it stays as it is.
            return Decision::GiveUp;
        }
        if self
            .ended_at
            .is_some_and(|at| u64::from(request.offset) >= at)
        {
            // Beyond an empty page: the page no longer belongs to the plan.
            self.slots.remove(&request.offset);
            return Decision::GiveUp;
        }
        if failure == FailureKind::Aborted {
            slot.state = State::NotFetched;
            return Decision::GiveUp;
        }
        if !failure.is_retryable() || tries >= self.policy.max_attempts {
            slot.state = State::Failed;
            return Decision::GiveUp;
        }
        Decision::Retry {
            after_ms: self.policy.delay_ms(tries, unit_random),
            attempt: tries.saturating_add(1),
        }
    }

    /// Stops handing out pages: pages in flight or pending become "not fetched", so Resume
    /// fetches them. Records loaded so far are kept. The driver aborts its fetches; an answer
    /// that still arrives is used.
    pub fn cancel(&mut self) {
        self.paused = true;
        for slot in self.slots.values_mut() {
            if matches!(slot.state, State::Pending | State::InFlight) {
                slot.state = State::NotFetched;
            }
        }
    }

    /// Schedules again every failed and not-fetched page (the first page too, if the total is
    /// still unknown), with fresh retry budgets, and clears a stop.
    pub fn resume(&mut self) {
        self.paused = false;
        self.stopped = None;
        for slot in self.slots.values_mut() {
            if matches!(slot.state, State::Failed | State::NotFetched) {
                slot.state = State::Pending;
                slot.attempts = 0;
            }
        }
    }

    /// Pages handed out and not answered yet (a page waiting to be retried counts: it keeps
    /// its slot).
    pub fn in_flight(&self) -> usize {
        self.count(State::InFlight)
    }

    /// Whether nothing is pending or in flight: the run is complete, or waits for Resume.
    pub fn is_finished(&self) -> bool {
        let waiting = self
            .slots
            .values()
            .any(|s| matches!(s.state, State::Pending | State::InFlight));
        !waiting && (self.paused || self.frontier >= self.end())
    }

    /// A snapshot for the progress bar, the status line and the reconciliation.
    pub fn progress(&self) -> Progress {
        let total = self.total();
        let expected = |offset: u32, limit: u16| -> u64 {
            let start = u64::from(offset);
            let stop = start + u64::from(limit);
            match total {
                Some(t) => stop.min(t).saturating_sub(start),
                None => u64::from(limit),
            }
        };
        let mut p = Progress {
            loaded: self.store.len(),
            total,
            duplicates: self.store.duplicates(),
            total_changed: self.total_changed,
            stopped: self.stopped,
            skipped_entries: self.skipped_entries,
            empty_page_at: self.empty_page_at,
            ..Progress::default()
        };
        for (&offset, slot) in &self.slots {
            match slot.state {
                State::Done => p.pages_done += 1,
                State::Pending => {
                    p.pages_pending += 1;
                    p.outstanding_records += expected(offset, slot.limit);
                }
                State::InFlight => {
                    p.pages_in_flight += 1;
                    p.outstanding_records += expected(offset, slot.limit);
                }
                State::NotFetched => {
                    p.not_fetched_pages += 1;
                    p.not_fetched_records += expected(offset, slot.limit);
                }
                State::Failed => {
                    p.failed_records += expected(offset, slot.limit);
                    p.failed_pages.push(FailedPage {
                        offset,
                        limit: slot.limit,
                        attempts: slot.attempts,
                        last_failure: slot.last_failure.unwrap_or(FailureKind::Network),
                    });
                }
            }
        }
        // Grid pages not handed out yet. With no total there is no end to count up to: they are
        // speculative, so they show as one pending page (or nothing once cancelled).
        let end = self.end();
        if self.frontier < end {
            let (pages, records) = if self.plan == Plan::Open {
                (1, 0)
            } else {
                (
                    usize::try_from((end - self.frontier).div_ceil(u64::from(self.page_size)))
                        .unwrap_or(usize::MAX),
                    end - self.frontier,
                )
            };
            if self.paused {
                if self.plan != Plan::Open {
                    p.not_fetched_pages = p.not_fetched_pages.saturating_add(pages);
                    p.not_fetched_records += records;
                }
            } else {
                p.pages_pending = p.pages_pending.saturating_add(pages);
                p.outstanding_records += records;
            }
        }
        if matches!(self.plan, Plan::Total(_)) {
            p.pages_total = Some(
                p.pages_done
                    .saturating_add(p.pages_pending)
                    .saturating_add(p.pages_in_flight)
                    .saturating_add(p.failed_pages.len())
                    .saturating_add(p.not_fetched_pages),
            );
        }
        p
    }

    /// The records loaded so far.
    pub fn records(&self) -> &RecordStore {
        &self.store
    }

    /// The records, ending the run.
    pub fn into_records(self) -> RecordStore {
        self.store
    }

    /// The server's latest usable `total_count`.
    pub fn total(&self) -> Option<u64> {
        match self.plan {
            Plan::Total(t) => Some(t),
            Plan::FirstPage | Plan::Open => None,
        }
    }

    fn total_or_max(&self) -> u64 {
        self.total().unwrap_or(u64::MAX)
    }

    /// One past the last offset the plan may request.
    fn end(&self) -> u64 {
        let bound = match self.plan {
            Plan::FirstPage => 1,
            Plan::Total(t) => t,
            Plan::Open => u64::MAX,
        };
        // Offsets above the API's integer range cannot be requested at all.
        let api_limit = u64::from(MAX_INTEGER) + 1;
        bound.min(self.ended_at.unwrap_or(u64::MAX)).min(api_limit)
    }

    fn count(&self, state: State) -> usize {
        self.slots.values().filter(|s| s.state == state).count()
    }

    fn stop(&mut self, failure: FailureKind) {
        self.cancel();
        self.stopped = Some(failure);
    }

    /// Ends the plan at `offset`: pages from there on that are not done or in flight are
    /// dropped. Pages in flight stay until they answer (their records are kept if they bring
    /// any; a failure then just drops them).
    fn end_plan_at(&mut self, offset: u64) {
        let at = self.ended_at.map_or(offset, |e| e.min(offset));
        self.ended_at = Some(at);
        self.slots.retain(|&o, slot| {
            u64::from(o) < at || matches!(slot.state, State::Done | State::InFlight)
        });
    }

    /// Plans the part of a page the server did not fill, `[next, page_start + limit)`, when it
    /// lies before the end of the plan.
    fn plan_rest_of(&mut self, next: u64, limit: u16, positions: usize) {
        if next >= self.end() {
            return;
        }
        let (Ok(offset), Ok(rest)) = (
            u32::try_from(next),
            u16::try_from(usize::from(limit).saturating_sub(positions)),
        ) else {
            return;
        };
        if rest == 0 {
            return;
        }
        let state = if self.paused {
            State::NotFetched
        } else {
            State::Pending
        };
        self.slots.entry(offset).or_insert(Slot::new(rest, state));
    }

    /// After the total grew, short pages that used to be the last one may now have records
    /// after them.
    fn plan_rests_of_short_pages(&mut self) {
        let short: Vec<(u64, u16, usize)> = self
            .slots
            .iter()
            .filter(|(_, s)| s.state == State::Done && s.received > 0)
            .filter(|(_, s)| s.received < usize::from(s.limit))
            .map(|(&o, s)| (u64::from(o) + s.received as u64, s.limit, s.received))
            .collect();
        for (next, limit, received) in short {
            self.plan_rest_of(next, limit, received);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::records::record::Record;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn record(id: usize) -> Record {
        Record {
            transaction_id: Some(format!("tx{id}")),
            ..Record::default()
        }
    }

    /// A server holding `records`, reporting `total` (normally their count).
    struct Server {
        records: Vec<Record>,
        total: i64,
    }

    impl Server {
        fn new(n: usize) -> Self {
            Server {
                records: (0..n).map(record).collect(),
                total: n as i64,
            }
        }

        fn page(&self, request: PageRequest) -> Page {
            let start = (request.offset as usize).min(self.records.len());
            let end = (start + usize::from(request.limit)).min(self.records.len());
            Page {
                total_count: Some(self.total),
                records: self.records[start..end].to_vec(),
                ..Page::default()
            }
        }
    }

    fn engine(page_size: u16, cap: usize) -> FetchAll {
        FetchAll::new(page_size, cap, RetryPolicy::default())
    }

    /// Hands out every request available now.
    fn drain(fetch: &mut FetchAll) -> Vec<PageRequest> {
        std::iter::from_fn(|| fetch.next_request()).collect()
    }

    /// Answers everything from `server` until the engine is finished.
    fn run(fetch: &mut FetchAll, server: &Server) {
        for _ in 0..100_000 {
            let requests = drain(fetch);
            if requests.is_empty() {
                break;
            }
            for r in requests {
                fetch.on_page(r, &server.page(r));
            }
        }
        assert!(fetch.is_finished());
    }

    fn offsets_for_total(total: usize) -> Vec<u32> {
        let server = Server::new(total);
        let mut fetch = engine(1000, 100);
        let first = fetch.next_request().unwrap();
        assert_eq!(
            first,
            PageRequest {
                offset: 0,
                limit: 1000
            }
        );
        assert_eq!(
            fetch.next_request(),
            None,
            "only the first page before its answer"
        );
        fetch.on_page(first, &server.page(first));
        let mut offsets = vec![0];
        offsets.extend(drain(&mut fetch).iter().map(|r| r.offset));
        offsets
    }

    #[test]
    fn plan_offsets_for_typical_totals() {
        assert_eq!(offsets_for_total(0), [0]);
        assert_eq!(offsets_for_total(1), [0]);
        assert_eq!(offsets_for_total(999), [0]);
        assert_eq!(offsets_for_total(1000), [0]);
        assert_eq!(offsets_for_total(1001), [0, 1000]);
        let expected: Vec<u32> = (0..20).map(|i| i * 1000).collect();
        assert_eq!(offsets_for_total(20_000), expected);
    }

    #[test]
    fn totals_reach_the_exact_count_and_reconcile() {
        for n in [0, 1, 999, 1000, 1001, 20_000] {
            let server = Server::new(n);
            let mut fetch = engine(1000, 4);
            run(&mut fetch, &server);
            let p = fetch.progress();
            assert_eq!(p.loaded, n);
            assert_eq!(
                p.status_line(Lang::En),
                format!("Loaded {n} of {n} records")
            );
            let rec = p.reconciliation();
            assert!(rec.complete, "{n}: {rec:?}");
            assert_eq!(p.pages_total, Some(n.div_ceil(1000).max(1)));
        }
        let mut fetch = engine(1000, 4);
        run(&mut fetch, &Server::new(20_000));
        assert_eq!(
            fetch.progress().reconciliation_sentence(Lang::En),
            "All 20,000 records loaded."
        );
        let mut fetch = engine(1000, 4);
        run(&mut fetch, &Server::new(0));
        assert_eq!(
            fetch.progress().reconciliation_sentence(Lang::En),
            "No records match this query."
        );
    }

    #[test]
    fn concurrency_is_capped() {
        let server = Server::new(20_000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        assert_eq!(batch.len(), 4);
        assert_eq!(fetch.progress().pages_in_flight, 4);
        fetch.on_page(batch[2], &server.page(batch[2]));
        let more = drain(&mut fetch);
        assert_eq!(
            more,
            [PageRequest {
                offset: 5000,
                limit: 1000
            }]
        );
        // A failing page waiting for its retry keeps its slot.
        let decision = fetch.on_failure(batch[0], FailureKind::Status(429), 1, 0.5);
        assert!(matches!(decision, Decision::Retry { attempt: 2, .. }));
        assert_eq!(fetch.next_request(), None);
        // Zero is read as one, never as "no limit".
        let mut one = engine(1000, 0);
        let first = one.next_request().unwrap();
        one.on_page(first, &server.page(first));
        assert_eq!(drain(&mut one).len(), 1);
    }

    #[test]
    fn retries_then_gives_up_after_max_attempts() {
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        for attempt in 1..5 {
            match fetch.on_failure(first, FailureKind::Status(503), attempt, 0.9) {
                Decision::Retry {
                    after_ms,
                    attempt: next,
                } => {
                    assert_eq!(next, attempt + 1);
                    assert!(after_ms <= 500 << (attempt - 1));
                }
                other => panic!("attempt {attempt}: {other:?}"),
            }
        }
        assert_eq!(
            fetch.on_failure(first, FailureKind::Status(503), 5, 0.9),
            Decision::GiveUp
        );
        assert!(fetch.is_finished());
        let p = fetch.progress();
        assert_eq!(
            p.failed_pages,
            [FailedPage {
                offset: 0,
                limit: 1000,
                attempts: 5,
                last_failure: FailureKind::Status(503),
            }]
        );
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "1 page failed; press Resume to fetch them."
        );
        // A driver that always says "attempt 1" still cannot retry forever.
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        let tries = (1..100)
            .take_while(|_| {
                matches!(
                    fetch.on_failure(first, FailureKind::Network, 1, 0.0),
                    Decision::Retry { .. }
                )
            })
            .count();
        assert_eq!(tries, 4);
    }

    #[test]
    fn only_transient_failures_are_retried() {
        for status in [429, 500, 502, 503, 504] {
            assert!(FailureKind::Status(status).is_retryable(), "{status}");
        }
        for status in [400, 401, 403, 404, 405, 409, 413, 414, 501] {
            assert!(!FailureKind::Status(status).is_retryable(), "{status}");
        }
        assert!(FailureKind::Network.is_retryable());
        assert!(FailureKind::Truncated.is_retryable());
        assert!(!FailureKind::Aborted.is_retryable());

        let server = Server::new(3000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let [a, b] = drain(&mut fetch)[..] else {
            panic!("two pages expected")
        };
        assert_eq!(
            fetch.on_failure(a, FailureKind::Status(400), 1, 0.0),
            Decision::GiveUp
        );
        fetch.on_page(b, &server.page(b));
        assert!(fetch.is_finished());
        let p = fetch.progress();
        assert_eq!(p.failed_pages.len(), 1);
        assert_eq!(p.failed_records, 1000);
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "1 page (1,000 records) failed; press Resume to fetch them."
        );
        assert!(p.reconciliation().balanced);
        fetch.resume();
        assert_eq!(drain(&mut fetch), [a]);
    }

    #[test]
    fn a_blocked_local_network_stops_everything_without_retry() {
        let server = Server::new(10_000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        assert!(!FailureKind::LocalNetworkBlocked.is_retryable());
        assert_eq!(
            fetch.on_failure(batch[0], FailureKind::LocalNetworkBlocked, 1, 0.0),
            Decision::StopAll
        );
        assert_eq!(fetch.next_request(), None);
        let p = fetch.progress();
        assert_eq!(p.stopped, Some(FailureKind::LocalNetworkBlocked));
        assert_eq!((p.failed_pages.len(), p.not_fetched_pages), (1, 8));
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "Stopped because the browser blocks this page from reaching the proxy: 1 page \
             (1,000 records) failed and 8 pages (8,000 records) were not fetched; allow the \
             local network permission, then press Resume."
        );
        fetch.resume();
        run(&mut fetch, &server);
        assert!(fetch.progress().reconciliation().complete);
    }

    #[test]
    fn auth_failure_stops_everything_and_resume_restarts() {
        let server = Server::new(10_000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        for status in [401, 403] {
            let mut f = fetch.clone();
            assert_eq!(
                f.on_failure(batch[1], FailureKind::Status(status), 1, 0.0),
                Decision::StopAll
            );
            assert_eq!(f.next_request(), None);
            assert!(f.is_finished());
            let p = f.progress();
            assert_eq!(p.stopped, Some(FailureKind::Status(status)));
            assert_eq!(p.failed_pages.len(), 1);
            // 3 others in flight + 5 never handed out.
            assert_eq!(p.not_fetched_pages, 8);
            assert_eq!(p.pages_total, Some(10));
            assert!(p.reconciliation().balanced);
            assert_eq!(
                p.reconciliation_sentence(Lang::En),
                format!(
                    "Stopped after HTTP {status} to protect the access key from lockout: 1 page \
                     (1,000 records) failed and 8 pages (8,000 records) were not fetched; check \
                     the credentials and the clock, then press Resume."
                )
            );
            // The aborts of the others come back as failures: they stay not fetched.
            assert_eq!(
                f.on_failure(batch[0], FailureKind::Aborted, 1, 0.0),
                Decision::GiveUp
            );
            assert_eq!(f.progress().not_fetched_pages, 8);
            f.resume();
            assert_eq!(f.progress().stopped, None);
            run(&mut f, &server);
            assert!(f.progress().reconciliation().complete);
            assert_eq!(f.records().len(), 10_000);
        }
    }

    #[test]
    fn cancel_then_resume_fetches_exactly_the_missing_pages() {
        let server = Server::new(10_000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        fetch.on_page(batch[0], &server.page(batch[0]));
        fetch.cancel();
        assert!(fetch.is_finished());
        assert_eq!(fetch.next_request(), None);
        let p = fetch.progress();
        assert_eq!(
            (p.pages_done, p.not_fetched_pages, p.pages_in_flight),
            (2, 8, 0)
        );
        assert_eq!(p.loaded, 2000);
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "8 pages (8,000 records) were not fetched; press Resume to fetch them."
        );
        // A response that was already on its way is still used.
        fetch.on_page(batch[1], &server.page(batch[1]));
        assert_eq!(fetch.progress().not_fetched_pages, 7);

        fetch.resume();
        let mut fetched = HashSet::new();
        loop {
            let requests = drain(&mut fetch);
            if requests.is_empty() {
                break;
            }
            for r in requests {
                assert!(fetched.insert(r.offset));
                fetch.on_page(r, &server.page(r));
            }
        }
        let expected: HashSet<u32> = [3, 4, 5, 6, 7, 8, 9, 2]
            .into_iter()
            .map(|i| i * 1000)
            .filter(|&o| o != batch[1].offset)
            .collect();
        assert_eq!(fetched.len(), 7);
        assert!(fetched.is_subset(&expected.union(&[batch[1].offset].into()).copied().collect()));
        assert!(!fetched.contains(&0) && !fetched.contains(&batch[0].offset));
        assert_eq!(fetch.records().len(), 10_000);
        assert_eq!(fetch.progress().duplicates, 0);
    }

    #[test]
    fn cancel_before_the_first_answer_resumes_with_the_first_page() {
        let mut fetch = engine(1000, 4);
        fetch.cancel();
        assert!(fetch.is_finished());
        fetch.resume();
        let first = fetch.next_request().unwrap();
        fetch.cancel();
        assert_eq!(
            fetch.progress().reconciliation_sentence(Lang::En),
            "1 page was not fetched; press Resume to fetch them."
        );
        fetch.resume();
        assert_eq!(fetch.next_request(), Some(first));
    }

    #[test]
    fn duplicates_across_pages_are_counted_not_stored_twice() {
        // The record at position 1000 slid back to 999 before page 2 was read.
        let mut server = Server::new(2000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        server.records[1000] = record(999);
        let second = fetch.next_request().unwrap();
        let outcome = fetch.on_page(second, &server.page(second));
        assert_eq!((outcome.new_records, outcome.duplicates), (999, 1));
        let p = fetch.progress();
        assert_eq!((p.loaded, p.duplicates), (1999, 1));
        let rec = p.reconciliation();
        assert!(rec.complete);
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "All 2,000 records received: 1,999 unique, 1 duplicate removed."
        );
    }

    #[test]
    fn a_changed_total_is_reported_and_the_plan_extended() {
        let mut server = Server::new(2500);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        assert_eq!(batch.len(), 2);
        // Page 2000 is read (short, 500 records), then 1200 records arrive on the server.
        let outcome = fetch.on_page(batch[1], &server.page(batch[1]));
        assert_eq!(outcome.total_changed, None);
        server.records.extend((2500..3700).map(record));
        server.total = 3700;
        let outcome = fetch.on_page(batch[0], &server.page(batch[0]));
        assert_eq!(outcome.total_changed, Some((2500, 3700)));
        // The rest of the old last page, and a new grid page.
        let more = drain(&mut fetch);
        assert_eq!(
            more,
            [
                PageRequest {
                    offset: 2500,
                    limit: 500
                },
                PageRequest {
                    offset: 3000,
                    limit: 1000
                }
            ]
        );
        for r in more {
            fetch.on_page(r, &server.page(r));
        }
        assert!(fetch.is_finished());
        let p = fetch.progress();
        assert_eq!((p.loaded, p.total), (3700, Some(3700)));
        assert_eq!(p.total_changed, Some((2500, 3700)));
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "All 3,700 records loaded; the server's total changed from 2,500 to 3,700 during loading."
        );
    }

    #[test]
    fn an_empty_page_ends_the_run() {
        // The server claims 5000 but has 2000.
        let mut server = Server::new(2000);
        server.total = 5000;
        let mut fetch = engine(1000, 2);
        run(&mut fetch, &server);
        let p = fetch.progress();
        assert_eq!(p.loaded, 2000);
        assert!(p.failed_pages.is_empty());
        assert_eq!(p.not_fetched_pages, 0);
        assert_eq!(p.empty_page_at, Some(2000));
        let rec = p.reconciliation();
        assert!(!rec.balanced && !rec.complete);
        assert_eq!(rec.unexplained, 3000);
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "The server reported 5,000 records but sent an empty page at offset 2,000: \
             3,000 records could not be loaded."
        );
        // Pages after the empty one are dropped, not failed: only 0, 1000, 2000, 3000 were
        // ever requested (3000 was in flight when 2000 came back empty).
        assert!(p.pages_done <= 4);
    }

    #[test]
    fn a_page_shorter_than_asked_gets_its_rest_requested() {
        // A server that never sends more than 300 records per page.
        let server = Server::new(1000);
        let mut fetch = engine(1000, 4);
        let mut requests = 0;
        while !fetch.is_finished() {
            for r in drain(&mut fetch) {
                requests += 1;
                let mut capped = r;
                capped.limit = capped.limit.min(300);
                fetch.on_page(r, &server.page(capped));
            }
        }
        assert_eq!(fetch.records().len(), 1000);
        assert_eq!(requests, 4);
        assert!(fetch.progress().reconciliation().complete);
    }

    #[test]
    fn without_a_total_pages_continue_until_a_short_one() {
        let records: Vec<Record> = (0..2500).map(record).collect();
        let mut fetch = engine(1000, 4);
        while !fetch.is_finished() {
            for r in drain(&mut fetch) {
                let start = (r.offset as usize).min(records.len());
                let end = (start + usize::from(r.limit)).min(records.len());
                let page = Page {
                    records: records[start..end].to_vec(),
                    ..Page::default()
                };
                fetch.on_page(r, &page);
            }
        }
        let p = fetch.progress();
        assert_eq!((p.loaded, p.total, p.pages_total), (2500, None, None));
        assert_eq!(p.status_line(Lang::En), "Loaded 2500 records");
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "Loaded 2,500 records; the server did not report a total."
        );
    }

    #[test]
    fn hostile_totals_cost_no_memory_and_never_panic() {
        for total in [i64::MAX, -1, i64::MIN] {
            let mut fetch = engine(1, 4);
            let first = fetch.next_request().unwrap();
            let page = Page {
                total_count: Some(total),
                records: vec![record(0)],
                ..Page::default()
            };
            fetch.on_page(first, &page);
            let batch = drain(&mut fetch);
            // With a total, grid pages; without one, pages until an empty or short one.
            assert_eq!(batch.len(), 4);
            fetch.cancel();
            let p = fetch.progress();
            if total > 0 {
                // Offsets stop at the API's integer range.
                assert_eq!(p.pages_total, Some(MAX_INTEGER as usize + 1));
            } else {
                assert_eq!(p.pages_total, None);
            }
            let _ = p.reconciliation();
        }
    }

    #[test]
    fn an_abort_without_cancel_leaves_the_page_not_fetched() {
        let server = Server::new(3000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let batch = drain(&mut fetch);
        assert_eq!(
            fetch.on_failure(batch[0], FailureKind::Aborted, 1, 0.0),
            Decision::GiveUp
        );
        fetch.on_page(batch[1], &server.page(batch[1]));
        assert!(fetch.is_finished());
        assert_eq!(fetch.progress().not_fetched_pages, 1);
        fetch.resume();
        run(&mut fetch, &server);
        assert_eq!(fetch.into_records().len(), 3000);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Request,
        Succeed(usize),
        Fail(usize, FailureKind, f64),
        Cancel { report_aborts: bool },
        Resume,
    }

    fn op() -> impl Strategy<Value = Op> {
        let kind = prop_oneof![
            Just(FailureKind::Status(429)),
            Just(FailureKind::Status(500)),
            Just(FailureKind::Status(503)),
            Just(FailureKind::Status(400)),
            Just(FailureKind::Status(401)),
            Just(FailureKind::Status(403)),
            Just(FailureKind::Network),
            Just(FailureKind::Truncated),
            Just(FailureKind::Aborted),
            Just(FailureKind::LocalNetworkBlocked),
        ];
        prop_oneof![
            4 => Just(Op::Request),
            4 => any::<usize>().prop_map(Op::Succeed),
            3 => (any::<usize>(), kind, 0.0..1.0f64).prop_map(|(i, k, r)| Op::Fail(i, k, r)),
            1 => any::<bool>().prop_map(|report_aborts| Op::Cancel { report_aborts }),
            1 => Just(Op::Resume),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_unique_record_arrives_whatever_happens(
            n in 0usize..2500,
            page_size in 1u16..=400,
            cap in 1usize..6,
            dup_every in 0usize..50,
            ops in proptest::collection::vec(op(), 0..120),
        ) {
            // Some records repeat an earlier one, as a server with shifting data would send.
            let records: Vec<Record> = (0..n)
                .map(|i| if dup_every > 0 && i % dup_every == 1 { record(i - 1) } else { record(i) })
                .collect();
            let unique = records.iter().map(crate::records::store::dedupe_key).collect::<HashSet<_>>().len();
            let server = Server { records, total: n as i64 };
            let mut fetch = FetchAll::new(page_size, cap, RetryPolicy::default());
            let mut in_flight: Vec<(PageRequest, u32)> = Vec::new();
            let mut succeeded: HashSet<u32> = HashSet::new();

            let check = |fetch: &FetchAll| {
                let p = fetch.progress();
                prop_assert!(p.pages_in_flight <= cap);
                if let Some(total) = p.pages_total {
                    prop_assert_eq!(
                        total,
                        p.pages_done + p.pages_pending + p.pages_in_flight
                            + p.failed_pages.len() + p.not_fetched_pages
                    );
                    prop_assert!(p.reconciliation().balanced, "{:?}", p.reconciliation());
                }
                Ok(())
            };
            let hand_out = |fetch: &mut FetchAll, in_flight: &mut Vec<(PageRequest, u32)>, succeeded: &HashSet<u32>| {
                while let Some(r) = fetch.next_request() {
                    prop_assert!(!succeeded.contains(&r.offset), "offset {} fetched again", r.offset);
                    in_flight.push((r, 1));
                }
                Ok(())
            };

            for op in ops {
                match op {
                    Op::Request => hand_out(&mut fetch, &mut in_flight, &succeeded)?,
                    Op::Succeed(i) if !in_flight.is_empty() => {
                        let (r, _) = in_flight.swap_remove(i % in_flight.len());
                        fetch.on_page(r, &server.page(r));
                        succeeded.insert(r.offset);
                    }
                    Op::Fail(i, kind, random) if !in_flight.is_empty() => {
                        let index = i % in_flight.len();
                        let (r, attempt) = in_flight[index];
                        match fetch.on_failure(r, kind, attempt, random) {
                            Decision::Retry { attempt, .. } => in_flight[index].1 = attempt,
                            Decision::GiveUp => { in_flight.swap_remove(index); }
                            Decision::StopAll => in_flight.clear(),
                        }
                    }
                    Op::Cancel { report_aborts } => {
                        fetch.cancel();
                        for (r, attempt) in in_flight.drain(..) {
                            if report_aborts {
                                prop_assert_eq!(fetch.on_failure(r, FailureKind::Aborted, attempt, 0.0), Decision::GiveUp);
                            }
                        }
                    }
                    Op::Resume => fetch.resume(),
                    _ => {}
                }
                check(&fetch)?;
            }

            // Then the network heals: answer everything, resuming as often as needed.
            for _ in 0..10_000 {
                hand_out(&mut fetch, &mut in_flight, &succeeded)?;
                for (r, _) in in_flight.drain(..) {
                    fetch.on_page(r, &server.page(r));
                    succeeded.insert(r.offset);
                }
                check(&fetch)?;
                if fetch.is_finished() {
                    let p = fetch.progress();
                    if p.failed_pages.is_empty() && p.not_fetched_pages == 0 {
                        break;
                    }
                    fetch.resume();
                }
            }
            let p = fetch.progress();
            prop_assert!(fetch.is_finished());
            prop_assert_eq!(p.loaded, unique);
            prop_assert_eq!(p.loaded + p.duplicates, n);
            prop_assert!(p.reconciliation().complete, "{:?}", p.reconciliation());
        }
    }

    #[test]
    fn the_loading_sentence_groups_thousands_and_the_status_line_does_not() {
        let server = Server::new(20_000);
        let mut fetch = engine(1000, 4);
        let first = fetch.next_request().unwrap();
        fetch.on_page(first, &server.page(first));
        let p = fetch.progress();
        assert_eq!(p.status_line(Lang::En), "Loaded 1000 of 20000 records");
        assert_eq!(
            p.reconciliation_sentence(Lang::En),
            "Loading: 1,000 of 20,000 records so far, 19 pages to go."
        );
    }
}
