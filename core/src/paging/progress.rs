//! What a fetch-all run tells the user: the status line, the progress snapshot, and the
//! reconciliation of what arrived with the server's total, in one sentence.

use super::retry::FailureKind;
use crate::text::count::{count, group};

/// A page that gave up, for the list shown next to the Resume button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailedPage {
    pub offset: u32,
    pub limit: u16,
    /// Tries made since the page was (re)scheduled.
    pub attempts: u32,
    pub last_failure: FailureKind,
}

/// A snapshot of a fetch-all run for the progress bar, the status line and the reconciliation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Unique records stored.
    pub loaded: usize,
    /// The server's latest `total_count`, when it sent a usable one.
    pub total: Option<u64>,
    pub pages_done: usize,
    /// All planned pages in every state; `None` while the total is unknown.
    pub pages_total: Option<usize>,
    pub pages_in_flight: usize,
    /// Pages waiting for a free slot (not counting pages in flight).
    pub pages_pending: usize,
    pub failed_pages: Vec<FailedPage>,
    pub not_fetched_pages: usize,
    /// Records the server sent that were already stored.
    pub duplicates: usize,
    /// `(first, latest)` `total_count` when the server's total changed during the run.
    pub total_changed: Option<(u64, u64)>,
    /// The failure that stopped the run (see [`FailureKind::stops_run`]), until
    /// [`FetchAll::resume`].
    pub stopped: Option<FailureKind>,
    /// Entries of `records` that were not objects, so neither loaded nor duplicates.
    pub skipped_entries: usize,
    /// The offset of an empty page that ended the plan before the total was reached.
    pub empty_page_at: Option<u32>,
    /// Records expected in failed pages (page sizes clamped to the total).
    pub failed_records: u64,
    /// Records expected in not-fetched pages (clamped likewise).
    pub not_fetched_records: u64,
    /// Records expected in pending and in-flight pages (clamped likewise).
    pub outstanding_records: u64,
}

/// The live region's sentence, the one every way of loading records uses: exactly
/// `Loaded N of M records` when the total is known, else `Loaded N records`, with plain digits.
/// Users' habits and the end-to-end tests rely on this text.
///
/// ```
/// use logins_core::paging::loaded_sentence;
/// assert_eq!(loaded_sentence(20, Some(95)), "Loaded 20 of 95 records");
/// assert_eq!(loaded_sentence(20, None), "Loaded 20 records");
/// ```
pub fn loaded_sentence(loaded: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => format!("Loaded {loaded} of {total} records"),
        None => format!("Loaded {loaded} records"),
    }
}

impl Progress {
    /// The live region's text: [`loaded_sentence`] of this run.
    pub fn status_line(&self) -> String {
        loaded_sentence(self.loaded as u64, self.total)
    }

    /// Whether every record of the total is accounted for, and one sentence saying where the
    /// others are when not.
    pub fn reconciliation(&self) -> Reconciliation {
        let received = self.loaded as u64 + self.duplicates as u64 + self.skipped_entries as u64;
        let missing = self.failed_records + self.not_fetched_records;
        let accounted = received + missing + self.outstanding_records;
        let gap = self
            .total
            .map(|t| i128::from(t) - i128::from(accounted))
            .unwrap_or(0);
        let outstanding_pages = self.pages_pending + self.pages_in_flight;
        let sentence = if self.stopped == Some(FailureKind::LocalNetworkBlocked) {
            format!(
                "Stopped because the browser blocks this page from reaching the proxy: {}; allow \
                 the local network permission, then press Resume.",
                self.missing_phrase()
            )
        } else if let Some(reason) = self.stopped {
            format!(
                "Stopped after {reason} to protect the access key from lockout: {}; \
                 check the credentials and the clock, then press Resume.",
                self.missing_phrase()
            )
        } else if outstanding_pages > 0 {
            let so_far = match self.total {
                Some(t) => format!("{} of {}", group(self.loaded as u64), group(t)),
                None => group(self.loaded as u64),
            };
            let mut s = format!(
                "Loading: {so_far} records so far, {} to go",
                count(outstanding_pages as u64, "page", "pages")
            );
            if !self.failed_pages.is_empty() {
                s.push_str(&format!(
                    "; {} failed",
                    count(self.failed_pages.len() as u64, "page", "pages")
                ));
            }
            s.push('.');
            s
        } else if missing > 0 {
            format!("{}; press Resume to fetch them.", self.missing_phrase())
        } else {
            match self.total {
                None => format!(
                    "Loaded {}; the server did not report a total.",
                    count(self.loaded as u64, "record", "records")
                ),
                Some(total) => self.settled_sentence(total, gap),
            }
        };
        Reconciliation {
            balanced: self.total.is_some() && gap == 0,
            complete: self.total.is_some()
                && gap == 0
                && missing == 0
                && outstanding_pages == 0
                && self.stopped.is_none(),
            missing_records: missing,
            unexplained: gap,
            sentence,
        }
    }

    /// "3 pages (3,000 records) failed and 2 pages (2,000 records) were not fetched".
    fn missing_phrase(&self) -> String {
        let mut parts = Vec::new();
        // Without a total, a page's record count is unknown: say only how many pages.
        let records = |n: u64| match self.total {
            Some(_) => format!(" ({})", count(n, "record", "records")),
            None => String::new(),
        };
        if !self.failed_pages.is_empty() {
            parts.push(format!(
                "{}{} failed",
                count(self.failed_pages.len() as u64, "page", "pages"),
                records(self.failed_records)
            ));
        }
        if self.not_fetched_pages > 0 {
            let verb = if self.not_fetched_pages == 1 {
                "was"
            } else {
                "were"
            };
            parts.push(format!(
                "{}{} {verb} not fetched",
                count(self.not_fetched_pages as u64, "page", "pages"),
                records(self.not_fetched_records)
            ));
        }
        if parts.is_empty() {
            "nothing".to_owned()
        } else {
            parts.join(" and ")
        }
    }

    /// The sentence once nothing is outstanding or missing: everything is here, or the server's
    /// own numbers disagree with what it sent.
    fn settled_sentence(&self, total: u64, gap: i128) -> String {
        let changed = self.total_changed.map(|(from, to)| {
            format!(
                "the server's total changed from {} to {} during loading",
                group(from),
                group(to)
            )
        });
        if gap == 0 {
            if total == 0 {
                return "No records match this query.".to_owned();
            }
            let mut extras = Vec::new();
            if self.duplicates > 0 {
                extras.push(format!(
                    "{} removed",
                    count(self.duplicates as u64, "duplicate", "duplicates")
                ));
            }
            if self.skipped_entries > 0 {
                extras.push(format!(
                    "{} skipped",
                    count(
                        self.skipped_entries as u64,
                        "unreadable entry",
                        "unreadable entries"
                    )
                ));
            }
            let all = if extras.is_empty() {
                format!("All {} records loaded", group(total))
            } else {
                format!(
                    "All {} records received: {} unique, {}",
                    group(total),
                    group(self.loaded as u64),
                    extras.join(", ")
                )
            };
            return match changed {
                Some(c) => format!("{all}; {c}."),
                None => format!("{all}."),
            };
        }
        let mut s = if gap > 0 {
            let short = count(gap.unsigned_abs() as u64, "record", "records");
            match self.empty_page_at {
                Some(at) => format!(
                    "The server reported {} records but sent an empty page at offset {}: \
                     {short} could not be loaded",
                    group(total),
                    group(u64::from(at))
                ),
                None => format!(
                    "The server reported {} records but sent {short} fewer",
                    group(total)
                ),
            }
        } else {
            format!(
                "The server sent {} more than its total of {}: records were probably added \
                 during loading",
                count(gap.unsigned_abs() as u64, "record", "records"),
                group(total)
            )
        };
        if let Some(c) = changed {
            s.push_str(&format!(" ({c})"));
        }
        s.push('.');
        s
    }
}

/// How the records of a run add up against the server's total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciliation {
    /// loaded + duplicates + skipped + records in failed, not-fetched, pending and in-flight
    /// pages == total. False when the total is unknown.
    pub balanced: bool,
    /// Balanced and nothing missing or outstanding: every record the server counted is here.
    pub complete: bool,
    /// Records expected in failed and not-fetched pages: what Resume would fetch.
    pub missing_records: u64,
    /// total minus everything accounted for: positive when the server sent fewer records than
    /// it counted, negative when more. 0 when the total is unknown.
    pub unexplained: i128,
    /// One sentence for the user, e.g. "3 pages (3,000 records) failed; press Resume to fetch
    /// them." or "All 20,000 records loaded."
    pub sentence: String,
}
