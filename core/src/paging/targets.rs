//! Fetch all over several targets (projects, regions) at once: one [`FetchAll`] per target,
//! sharing one limit of pages in flight, handed out fairly.
//!
//! Each target keeps its own plan, retries, records and deduplication (a `transaction_id` is
//! unique within a project, not across projects), so a target that fails, is throttled or is
//! cancelled changes nothing for the others. What they share is the concurrency limit: the
//! next page goes to the target with the fewest pages in flight that has one to send, ties
//! taken in turn, so a target of 20,000 records cannot crowd out one of 3,000 and every target
//! progresses from the first moment.
//!
//! ```
//! use logins_core::paging::{RetryPolicy, Targets};
//! use logins_core::records::record::{Page, Record};
//!
//! let sizes = [2500usize, 300];
//! let mut run = Targets::new(sizes.len(), 1000, 4, RetryPolicy::default());
//! while !run.is_finished() {
//!     while let Some((target, request)) = run.next_request() {
//!         assert!(run.in_flight() <= 4);
//!         let n = sizes[target];
//!         let start = (request.offset as usize).min(n);
//!         let end = (start + usize::from(request.limit)).min(n);
//!         let records = (start..end)
//!             .map(|i| Record { transaction_id: Some(format!("tx{i}")), ..Record::default() })
//!             .collect();
//!         run.on_page(target, request, &Page { total_count: Some(n as i64), records, ..Page::default() });
//!     }
//! }
//! // The same transaction ids in both targets are different logins: nothing deduplicated away.
//! assert_eq!(run.loaded(), 2800);
//! ```

use super::engine::{Decision, FetchAll, PageOutcome, PageRequest};
use super::progress::Progress;
use super::retry::{FailureKind, RetryPolicy};
use crate::records::record::Page;

/// The most records one tab is asked to hold: measured at about 470 MB of wasm memory per
/// million records (bench/RESULTS.md), two million stay well inside the 4 GB a browser grants a
/// wasm page at most, with room for the statistics. A query that matches more is stopped at
/// its first pages, and the user is asked to narrow it, rather than the tab running out of
/// memory.
pub const MAX_RECORDS_IN_TAB: u64 = 2_000_000;

/// The fetch-all runs of several targets under one limit of pages in flight.
#[derive(Clone, Debug)]
pub struct Targets {
    runs: Vec<FetchAll>,
    max_in_flight: usize,
    /// The target that wins the next tie: the one after the last served.
    turn: usize,
}

impl Targets {
    /// `targets` runs of pages of `page_size`, at most `max_pages_in_flight` pages in flight
    /// over all of them (at least 1), each retrying by `policy`.
    pub fn new(
        targets: usize,
        page_size: u16,
        max_pages_in_flight: usize,
        policy: RetryPolicy,
    ) -> Self {
        let max_in_flight = max_pages_in_flight.max(1);
        Targets {
            runs: (0..targets)
                .map(|_| FetchAll::new(page_size, max_in_flight, policy))
                .collect(),
            max_in_flight,
            turn: 0,
        }
    }

    /// The next page to request and its target, marked in flight; `None` while the shared
    /// limit is reached or no target has a page to send now.
    pub fn next_request(&mut self) -> Option<(usize, PageRequest)> {
        if self.in_flight() >= self.max_in_flight || self.runs.is_empty() {
            return None;
        }
        let n = self.runs.len();
        // Fewest in flight first; among equals, the one whose turn comes first.
        let mut order: Vec<usize> = (0..n).map(|i| (self.turn + i) % n).collect();
        order.sort_by_key(|&i| self.runs[i].in_flight());
        for target in order {
            if let Some(request) = self.runs[target].next_request() {
                self.turn = (target + 1) % n;
                return Some((target, request));
            }
        }
        None
    }

    /// A page of `target` arrived: see [`FetchAll::on_page`].
    pub fn on_page(&mut self, target: usize, request: PageRequest, page: &Page) -> PageOutcome {
        match self.runs.get_mut(target) {
            Some(run) => run.on_page(request, page),
            None => PageOutcome::default(),
        }
    }

    /// A try of a page of `target` failed: see [`FetchAll::on_failure`]. A
    /// [`Decision::StopAll`] here stops that target only: the driver aborts that target's
    /// requests, and the others go on.
    pub fn on_failure(
        &mut self,
        target: usize,
        request: PageRequest,
        failure: FailureKind,
        attempt: u32,
        unit_random: f64,
    ) -> Decision {
        match self.runs.get_mut(target) {
            Some(run) => run.on_failure(request, failure, attempt, unit_random),
            None => Decision::GiveUp,
        }
    }

    /// Cancels every target (see [`FetchAll::cancel`]).
    pub fn cancel(&mut self) {
        self.runs.iter_mut().for_each(FetchAll::cancel);
    }

    /// Schedules again what each target is missing, and only that (see [`FetchAll::resume`]).
    pub fn resume(&mut self) {
        self.runs.iter_mut().for_each(FetchAll::resume);
    }

    /// Whether every target is complete or waits for Resume.
    pub fn is_finished(&self) -> bool {
        self.runs.iter().all(FetchAll::is_finished)
    }

    /// Pages in flight over all targets.
    pub fn in_flight(&self) -> usize {
        self.runs.iter().map(FetchAll::in_flight).sum()
    }

    /// Records loaded over all targets (each deduplicated within its target).
    pub fn loaded(&self) -> usize {
        self.runs.iter().map(|r| r.records().len()).sum()
    }

    /// The sum of the targets' totals, once every target has reported one.
    pub fn total(&self) -> Option<u64> {
        self.runs.iter().map(FetchAll::total).sum()
    }

    /// The progress of every target as one (see [`Progress::combine`]).
    pub fn progress(&self) -> Progress {
        Progress::combine(&self.runs.iter().map(FetchAll::progress).collect::<Vec<_>>())
    }

    /// The records the targets' totals add up to when that is more than `limit` (counting the
    /// totals known so far: one target alone can be too many).
    ///
    /// ```
    /// use logins_core::paging::{RetryPolicy, Targets};
    /// use logins_core::records::record::Page;
    /// let mut run = Targets::new(2, 1000, 4, RetryPolicy::default());
    /// let (target, first) = run.next_request().unwrap();
    /// assert_eq!(run.too_many(2_000_000), None);
    /// run.on_page(target, first, &Page { total_count: Some(2_500_000), ..Page::default() });
    /// assert_eq!(run.too_many(2_000_000), Some(2_500_000));
    /// ```
    pub fn too_many(&self, limit: u64) -> Option<u64> {
        let known: u64 = self.runs.iter().filter_map(FetchAll::total).sum();
        (known > limit).then_some(known)
    }

    /// Each target's run, in target order: its progress, records and total.
    pub fn runs(&self) -> &[FetchAll] {
        &self.runs
    }

    /// One target's run, taken out: the driver keeps its records when the run ends.
    pub fn into_runs(self) -> Vec<FetchAll> {
        self.runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::Record;
    use proptest::prelude::*;

    fn page(target_size: usize, request: PageRequest) -> Page {
        let start = (request.offset as usize).min(target_size);
        let end = (start + usize::from(request.limit)).min(target_size);
        Page {
            total_count: Some(target_size as i64),
            records: (start..end)
                .map(|i| Record {
                    transaction_id: Some(format!("tx{i}")),
                    ..Record::default()
                })
                .collect(),
            ..Page::default()
        }
    }

    #[test]
    fn the_limit_is_shared_fairly_from_the_first_pages() {
        let sizes = [20_000, 5_000, 3_000];
        let mut run = Targets::new(3, 1000, 4, RetryPolicy::default());
        // Only first pages can go out before totals are known: one per target.
        let first: Vec<usize> = std::iter::from_fn(|| run.next_request().map(|(t, _)| t)).collect();
        assert_eq!(first, vec![0, 1, 2]);
        let requests: Vec<(usize, PageRequest)> = (0..3)
            .map(|t| {
                (
                    t,
                    PageRequest {
                        offset: 0,
                        limit: 1000,
                    },
                )
            })
            .collect();
        for (t, r) in requests {
            run.on_page(t, r, &page(sizes[t], r));
        }
        // With every total known, four slots over three targets: none gets two before each
        // has one.
        let next: Vec<usize> = std::iter::from_fn(|| run.next_request().map(|(t, _)| t)).collect();
        assert_eq!(next.len(), 4);
        for t in 0..3 {
            assert!(next.contains(&t), "target {t} starved in {next:?}");
        }
    }

    #[test]
    fn a_stopped_target_leaves_the_others_running() {
        let sizes = [3000, 3000];
        let mut run = Targets::new(2, 1000, 4, RetryPolicy::default());
        let (t0, r0) = run.next_request().unwrap();
        let (t1, r1) = run.next_request().unwrap();
        assert_eq!((t0, t1), (0, 1));
        assert_eq!(
            run.on_failure(0, r0, FailureKind::Status(403), 1, 0.5),
            Decision::StopAll
        );
        run.on_page(1, r1, &page(sizes[1], r1));
        while let Some((t, r)) = run.next_request() {
            assert_eq!(t, 1, "the stopped target was handed a page");
            run.on_page(t, r, &page(sizes[t], r));
        }
        assert!(run.is_finished());
        assert_eq!(run.runs()[1].records().len(), 3000);
        assert_eq!(run.runs()[0].records().len(), 0);
        assert_eq!(run.total(), None, "target 0 never reported its total");
        // Resume fetches only what target 0 is missing.
        run.resume();
        let mut served = vec![];
        while let Some((t, r)) = run.next_request() {
            served.push(t);
            run.on_page(t, r, &page(sizes[t], r));
        }
        assert!(served.iter().all(|&t| t == 0));
        assert_eq!(run.loaded(), 6000);
        assert_eq!(run.total(), Some(6000));
    }

    proptest! {
        /// Answers arrive in any order, some after a retryable failure: the shared limit is
        /// never exceeded, every target is served while it has pages, and each ends with
        /// exactly its records.
        #[test]
        fn any_interleaving_keeps_the_limit_and_loads_every_target(
            sizes in proptest::collection::vec(0usize..4000, 1..5),
            limit in 1usize..6,
            picks in proptest::collection::vec((any::<proptest::sample::Index>(), any::<bool>()), 0..400),
        ) {
            let mut run = Targets::new(sizes.len(), 500, limit, RetryPolicy::default());
            let mut in_flight: Vec<(usize, PageRequest, u32)> = vec![];
            let mut picks = picks.into_iter();
            let mut steps = 0;
            loop {
                while let Some((t, r)) = run.next_request() {
                    in_flight.push((t, r, 1));
                    prop_assert!(run.in_flight() <= limit);
                    prop_assert_eq!(run.in_flight(), in_flight.len());
                }
                if in_flight.is_empty() {
                    break;
                }
                let (at, fail) = picks
                    .next()
                    .map_or((0, false), |(index, fail)| (index.index(in_flight.len()), fail));
                let (t, r, attempt) = in_flight.remove(at);
                if fail && attempt < 3 {
                    match run.on_failure(t, r, FailureKind::Status(503), attempt, 0.5) {
                        Decision::Retry { attempt, .. } => in_flight.push((t, r, attempt)),
                        other => prop_assert!(false, "unexpected {:?}", other),
                    }
                } else {
                    run.on_page(t, r, &page(sizes[t], r));
                }
                steps += 1;
                prop_assert!(steps < 10_000);
            }
            prop_assert!(run.is_finished());
            for (t, &n) in sizes.iter().enumerate() {
                prop_assert_eq!(run.runs()[t].records().len(), n);
            }
            prop_assert_eq!(run.total(), Some(sizes.iter().sum::<usize>() as u64));
        }
    }
}
