//! Fetch-all: the plan of pages, their states, retries and the reconciliation of what arrived
//! with what the server said it has. Sans-IO: the browser driver sends the requests, waits,
//! and reports back; this module decides and keeps the books.
//!
//! The one rule everything here serves: no record is lost without it showing. Every planned
//! page is in exactly one state (pending, in flight, done, failed, not fetched), every record
//! the server sent is either stored or counted as a duplicate, and [`Progress::reconciliation`]
//! explains any difference from the server's `total_count` in a sentence (in either language).
//!
//! How a driver uses it:
//! ```
//! use logins_core::i18n::Lang;
//! use logins_core::paging::{Decision, FailureKind, FetchAll, RetryPolicy};
//! use logins_core::records::record::{Page, Record};
//!
//! let server: Vec<Record> = (0..2500)
//!     .map(|i| Record { transaction_id: Some(format!("tx{i}")), ..Record::default() })
//!     .collect();
//! let mut fetch = FetchAll::new(1000, 4, RetryPolicy::default());
//! while !fetch.is_finished() {
//!     // A real driver keeps up to four fetches running and reacts to whichever ends first.
//!     while let Some(request) = fetch.next_request() {
//!         let start = (request.offset as usize).min(server.len());
//!         let end = (start + usize::from(request.limit)).min(server.len());
//!         let page = Page {
//!             total_count: Some(server.len() as i64),
//!             records: server[start..end].to_vec(),
//!             ..Page::default()
//!         };
//!         fetch.on_page(request, &page);
//!     }
//! }
//! let progress = fetch.progress();
//! assert_eq!(progress.status_line(Lang::En), "Loaded 2500 of 2500 records");
//! assert_eq!(progress.reconciliation_sentence(Lang::En), "All 2,500 records loaded.");
//! assert_eq!(progress.reconciliation_sentence(Lang::Zh), "全部 2,500 条记录已加载。");
//! ```
//!
//! Retries: when [`FetchAll::on_failure`] answers [`Decision::Retry`], the page stays in flight
//! (it keeps its concurrency slot, so a throttled run does not widen), and the driver waits
//! `after_ms` and sends the *same* [`PageRequest`] again. There is no clock in here.

mod engine;
mod progress;
mod retry;
mod status;
mod targets;

pub use engine::{
    Decision, FetchAll, PageOutcome, PageRequest, DEFAULT_MAX_PAGES_IN_FLIGHT, DEFAULT_PAGE_SIZE,
};
pub use progress::{FailedPage, Progress, Reconciliation};
pub use retry::{FailureKind, RetryPolicy};
pub use status::{loaded_sentence, RunStatus};
pub use targets::{Targets, MAX_RECORDS_IN_TAB};
