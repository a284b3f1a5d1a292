//! What a fetch-all run tells the user: the progress snapshot, its facts, and the
//! reconciliation of what arrived with the server's total, in one sentence (in either language,
//! built from the snapshot whenever the view renders it).

use super::retry::FailureKind;
use super::status::{loaded_sentence, RunStatus};
use crate::i18n::{status, Lang, Text};
use crate::text::count::{count_in, group};
use crate::text::num::{fixed, shortest};

/// A page that gave up, for the list shown next to the Resume button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailedPage {
    pub offset: u32,
    pub limit: u16,
    /// Tries made since the page was (re)scheduled.
    pub attempts: u32,
    pub last_failure: FailureKind,
}

impl FailedPage {
    /// The line of the failed-pages list in `lang`: which records, why, after how many tries.
    pub fn describe(&self, lang: Lang) -> String {
        let text = if self.attempts == 1 {
            status::FAILED_PAGE_ONE_TRY
        } else {
            status::FAILED_PAGE_TRIES
        };
        text.fill(
            lang,
            &[
                &(u64::from(self.offset) + 1).to_string(),
                &(u64::from(self.offset) + u64::from(self.limit)).to_string(),
                &self.last_failure.describe(lang),
                &self.attempts.to_string(),
            ],
        )
    }
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

impl Progress {
    /// The snapshot of several targets' runs as one (see [`crate::paging::Targets`]): counts
    /// summed, a total only when every target has one. What concerns one target alone (its
    /// total changing, the empty page that ended its plan, the failure that stopped it) stays
    /// in that target's own snapshot, except that the whole is stopped when every part is. One
    /// part is returned as it is.
    ///
    /// ```
    /// use logins_core::paging::Progress;
    /// let a = Progress { loaded: 3000, total: Some(3000), ..Progress::default() };
    /// let b = Progress { loaded: 2000, total: Some(5000), outstanding_records: 3000, ..Progress::default() };
    /// let both = Progress::combine(&[a.clone(), b]);
    /// assert_eq!((both.loaded, both.total), (5000, Some(8000)));
    /// assert_eq!(Progress::combine(&[a.clone()]), a);
    /// ```
    pub fn combine(parts: &[Progress]) -> Progress {
        if let [one] = parts {
            return one.clone();
        }
        let sum = |f: fn(&Progress) -> usize| parts.iter().map(f).sum::<usize>();
        let sum_records = |f: fn(&Progress) -> u64| parts.iter().map(f).sum::<u64>();
        let first_stop = parts.first().and_then(|p| p.stopped);
        Progress {
            loaded: sum(|p| p.loaded),
            total: parts.iter().map(|p| p.total).sum(),
            pages_done: sum(|p| p.pages_done),
            pages_total: parts.iter().map(|p| p.pages_total).sum(),
            pages_in_flight: sum(|p| p.pages_in_flight),
            pages_pending: sum(|p| p.pages_pending),
            failed_pages: parts
                .iter()
                .flat_map(|p| p.failed_pages.iter().copied())
                .collect(),
            not_fetched_pages: sum(|p| p.not_fetched_pages),
            duplicates: sum(|p| p.duplicates),
            total_changed: None,
            stopped: parts
                .iter()
                .all(|p| p.stopped.is_some())
                .then_some(first_stop)
                .flatten(),
            skipped_entries: sum(|p| p.skipped_entries),
            empty_page_at: None,
            failed_records: sum_records(|p| p.failed_records),
            not_fetched_records: sum_records(|p| p.not_fetched_records),
            outstanding_records: sum_records(|p| p.outstanding_records),
        }
    }

    /// The live region's status of this run: what is loaded, of what total.
    pub fn status(&self) -> RunStatus {
        RunStatus::Loaded {
            loaded: self.loaded as u64,
            total: self.total,
        }
    }

    /// The live region's text in `lang`: [`loaded_sentence`] of this run.
    pub fn status_line(&self, lang: Lang) -> String {
        loaded_sentence(lang, self.loaded as u64, self.total)
    }

    /// The progress bar's facts in `lang`: pages done (of all), the rate in records a second,
    /// the seconds left, duplicates skipped. The caller measures the rate and the time left
    /// (there is no clock in here).
    pub fn facts(&self, lang: Lang, rate: Option<f64>, seconds_left: Option<f64>) -> String {
        let pages = match self.pages_total {
            Some(total) => {
                status::PAGES_OF.fill(lang, &[&self.pages_done.to_string(), &total.to_string()])
            }
            None => count_plain(
                lang,
                self.pages_done as u64,
                status::PAGE_ONE,
                status::PAGE_MANY,
            ),
        };
        let mut facts = vec![pages];
        if let Some(rate) = rate {
            facts.push(status::RATE.fill(lang, &[&fixed(rate, 0, false)]));
        }
        if let Some(left) = seconds_left {
            facts.push(status::TIME_LEFT.fill(lang, &[&shortest(left.ceil())]));
        }
        if self.duplicates > 0 {
            facts.push(status::DUPLICATES_SKIPPED.fill(lang, &[&self.duplicates.to_string()]));
        }
        facts.join(" · ")
    }

    /// The warning when the server's total changed during the run, in `lang`.
    pub fn total_changed_warning(&self, lang: Lang) -> Option<String> {
        self.total_changed.map(|(from, to)| {
            status::TOTAL_CHANGED_WARNING.fill(lang, &[&from.to_string(), &to.to_string()])
        })
    }

    /// Whether every record of the total is accounted for (the sentence that says where the
    /// others are is [`Progress::reconciliation_sentence`]).
    pub fn reconciliation(&self) -> Reconciliation {
        let (missing, gap, outstanding_pages) = self.books();
        Reconciliation {
            balanced: self.total.is_some() && gap == 0,
            complete: self.total.is_some()
                && gap == 0
                && missing == 0
                && outstanding_pages == 0
                && self.stopped.is_none(),
            missing_records: missing,
            unexplained: gap,
        }
    }

    /// (records missing, records unexplained, pages outstanding).
    fn books(&self) -> (u64, i128, usize) {
        let received = self.loaded as u64 + self.duplicates as u64 + self.skipped_entries as u64;
        let missing = self.failed_records + self.not_fetched_records;
        let accounted = received + missing + self.outstanding_records;
        let gap = self
            .total
            .map(|t| i128::from(t) - i128::from(accounted))
            .unwrap_or(0);
        (missing, gap, self.pages_pending + self.pages_in_flight)
    }

    /// One sentence in `lang` saying whether every record of the total is here, and where the
    /// others are when not: "3 pages (3,000 records) failed; press Resume to fetch them." or
    /// "All 20,000 records loaded."
    pub fn reconciliation_sentence(&self, lang: Lang) -> String {
        let (missing, gap, outstanding_pages) = self.books();
        let pages = |n: usize| count_in(lang, n as u64, status::PAGE_ONE, status::PAGE_MANY);
        if self.stopped == Some(FailureKind::LocalNetworkBlocked) {
            status::STOPPED_LOCAL_NETWORK.fill(lang, &[&self.missing_phrase(lang)])
        } else if let Some(reason) = self.stopped {
            status::STOPPED_AUTH.fill(lang, &[&reason.describe(lang), &self.missing_phrase(lang)])
        } else if outstanding_pages > 0 {
            let so_far = match self.total {
                Some(t) => status::SO_FAR_OF.fill(lang, &[&group(self.loaded as u64), &group(t)]),
                None => status::SO_FAR.fill(lang, &[&group(self.loaded as u64)]),
            };
            if self.failed_pages.is_empty() {
                status::LOADING.fill(lang, &[&so_far, &pages(outstanding_pages)])
            } else {
                status::LOADING_WITH_FAILED.fill(
                    lang,
                    &[
                        &so_far,
                        &pages(outstanding_pages),
                        &pages(self.failed_pages.len()),
                    ],
                )
            }
        } else if missing > 0 {
            status::MISSING_PRESS_RESUME.fill(lang, &[&self.missing_phrase(lang)])
        } else {
            match self.total {
                None => status::LOADED_WITHOUT_TOTAL.fill(
                    lang,
                    &[&count_in(
                        lang,
                        self.loaded as u64,
                        status::RECORD_ONE,
                        status::RECORD_MANY,
                    )],
                ),
                Some(total) => self.settled_sentence(lang, total, gap),
            }
        }
    }

    /// "3 pages (3,000 records) failed and 2 pages (2,000 records) were not fetched".
    fn missing_phrase(&self, lang: Lang) -> String {
        let records = |n: u64| count_in(lang, n, status::RECORD_ONE, status::RECORD_MANY);
        // Without a total, a page's record count is unknown: say only how many pages.
        let pages = |n: usize, records_in: u64| {
            let pages = count_in(lang, n as u64, status::PAGE_ONE, status::PAGE_MANY);
            match self.total {
                Some(_) => status::PAGES_WITH_RECORDS.fill(lang, &[&pages, &records(records_in)]),
                None => pages,
            }
        };
        let failed = (!self.failed_pages.is_empty()).then(|| {
            status::MISSING_FAILED.fill(
                lang,
                &[&pages(self.failed_pages.len(), self.failed_records)],
            )
        });
        let not_fetched = (self.not_fetched_pages > 0).then(|| {
            let text = if self.not_fetched_pages == 1 {
                status::MISSING_NOT_FETCHED_ONE
            } else {
                status::MISSING_NOT_FETCHED_MANY
            };
            text.fill(
                lang,
                &[&pages(self.not_fetched_pages, self.not_fetched_records)],
            )
        });
        match (failed, not_fetched) {
            (Some(a), Some(b)) => status::BOTH.fill(lang, &[&a, &b]),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => status::NOTHING.get(lang).to_owned(),
        }
    }

    /// The sentence once nothing is outstanding or missing: everything is here, or the server's
    /// own numbers disagree with what it sent.
    fn settled_sentence(&self, lang: Lang, total: u64, gap: i128) -> String {
        let records = |n: u64| count_in(lang, n, status::RECORD_ONE, status::RECORD_MANY);
        let changed = self
            .total_changed
            .map(|(from, to)| status::TOTAL_CHANGED.fill(lang, &[&group(from), &group(to)]));
        if gap == 0 {
            if total == 0 {
                return status::NO_MATCH.get(lang).to_owned();
            }
            let mut extras = Vec::new();
            if self.duplicates > 0 {
                extras.push(status::EXTRA_REMOVED.fill(
                    lang,
                    &[&count_in(
                        lang,
                        self.duplicates as u64,
                        status::DUPLICATE_ONE,
                        status::DUPLICATE_MANY,
                    )],
                ));
            }
            if self.skipped_entries > 0 {
                extras.push(status::EXTRA_SKIPPED.fill(
                    lang,
                    &[&count_in(
                        lang,
                        self.skipped_entries as u64,
                        status::UNREADABLE_ONE,
                        status::UNREADABLE_MANY,
                    )],
                ));
            }
            let extras = extras
                .into_iter()
                .reduce(|a, b| status::LIST.fill(lang, &[&a, &b]));
            let all = match extras {
                None => status::ALL_LOADED.fill(lang, &[&group(total)]),
                Some(extras) => status::ALL_RECEIVED
                    .fill(lang, &[&group(total), &group(self.loaded as u64), &extras]),
            };
            return match changed {
                Some(c) => status::SENTENCE_AND.fill(lang, &[&all, &c]),
                None => status::SENTENCE.fill(lang, &[&all]),
            };
        }
        let s = if gap > 0 {
            let short = records(gap.unsigned_abs() as u64);
            match self.empty_page_at {
                Some(at) => {
                    status::EMPTY_PAGE.fill(lang, &[&group(total), &group(u64::from(at)), &short])
                }
                None => status::SENT_FEWER.fill(lang, &[&group(total), &short]),
            }
        } else {
            status::SENT_MORE.fill(lang, &[&records(gap.unsigned_abs() as u64), &group(total)])
        };
        match changed {
            Some(c) => status::SENTENCE_WITH_ASIDE.fill(lang, &[&s, &c]),
            None => status::SENTENCE.fill(lang, &[&s]),
        }
    }
}

/// `n` (plain digits, as the progress facts always wrote them) in the message for one or many.
fn count_plain(lang: Lang, n: u64, one: Text, many: Text) -> String {
    (if n == 1 { one } else { many }).fill(lang, &[&n.to_string()])
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(n: usize) -> Vec<FailedPage> {
        (0..n)
            .map(|i| FailedPage {
                offset: i as u32 * 1000,
                limit: 1000,
                attempts: 5,
                last_failure: FailureKind::Status(503),
            })
            .collect()
    }

    /// (progress, English, Chinese) for every kind of reconciliation sentence, with 1 and many.
    fn cases() -> Vec<(Progress, &'static str, &'static str)> {
        let base = Progress {
            loaded: 1000,
            total: Some(20000),
            ..Progress::default()
        };
        vec![
            (
                Progress { pages_pending: 18, pages_in_flight: 1, outstanding_records: 19000, ..base.clone() },
                "Loading: 1,000 of 20,000 records so far, 19 pages to go.",
                "正在加载：已获取 1,000 条记录（共 20,000 条），还剩 19 页。",
            ),
            (
                Progress { total: None, pages_in_flight: 1, failed_pages: failed(1), ..base.clone() },
                "Loading: 1,000 records so far, 1 page to go; 1 page failed.",
                "正在加载：已获取 1,000 条记录，还剩 1 页；1 页失败。",
            ),
            (
                Progress { loaded: 17000, failed_pages: failed(1), failed_records: 1000, not_fetched_pages: 2, not_fetched_records: 2000, ..base.clone() },
                "1 page (1,000 records) failed and 2 pages (2,000 records) were not fetched; press Resume to fetch them.",
                "1 页（1,000 条记录）失败，2 页（2,000 条记录）未获取。点击“继续”即可获取。",
            ),
            (
                Progress { total: None, not_fetched_pages: 1, not_fetched_records: 1000, ..base.clone() },
                "1 page was not fetched; press Resume to fetch them.",
                "1 页未获取。点击“继续”即可获取。",
            ),
            (
                Progress { loaded: 0, total: Some(1000), stopped: Some(FailureKind::Status(401)), failed_pages: failed(1), failed_records: 1000, ..Progress::default() },
                "Stopped after HTTP 401 to protect the access key from lockout: 1 page (1,000 records) failed; check the credentials and the clock, then press Resume.",
                "出现 HTTP 401 错误后已停止，以免访问密钥被锁定：1 页（1,000 条记录）失败。请检查凭证和时钟，然后点击“继续”。",
            ),
            (
                Progress { loaded: 0, total: None, stopped: Some(FailureKind::LocalNetworkBlocked), not_fetched_pages: 3, ..Progress::default() },
                "Stopped because the browser blocks this page from reaching the proxy: 3 pages were not fetched; allow the local network permission, then press Resume.",
                "已停止，因为浏览器阻止本页面访问代理：3 页未获取。请允许本地网络权限，然后点击“继续”。",
            ),
            (
                Progress { loaded: 1, total: None, ..Progress::default() },
                "Loaded 1 record; the server did not report a total.",
                "已加载 1 条记录；服务器未报告总数。",
            ),
            (
                Progress { loaded: 0, total: Some(0), ..Progress::default() },
                "No records match this query.",
                "没有符合此查询条件的记录。",
            ),
            (
                Progress { loaded: 20000, ..base.clone() },
                "All 20,000 records loaded.",
                "全部 20,000 条记录已加载。",
            ),
            (
                Progress { loaded: 19997, duplicates: 1, skipped_entries: 2, ..base.clone() },
                "All 20,000 records received: 19,997 unique, 1 duplicate removed, 2 unreadable entries skipped.",
                "已收到全部 20,000 条记录：19,997 条不重复，已去除 1 条重复记录，已跳过 2 个无法读取的条目。",
            ),
            (
                Progress { loaded: 19998, duplicates: 2, skipped_entries: 0, total_changed: Some((2500, 20000)), ..base.clone() },
                "All 20,000 records received: 19,998 unique, 2 duplicates removed; the server's total changed from 2,500 to 20,000 during loading.",
                "已收到全部 20,000 条记录：19,998 条不重复，已去除 2 条重复记录；加载期间，服务器报告的总数从 2,500 变为 20,000。",
            ),
            (
                Progress { loaded: 2000, total: Some(5000), empty_page_at: Some(2000), ..Progress::default() },
                "The server reported 5,000 records but sent an empty page at offset 2,000: 3,000 records could not be loaded.",
                "服务器报告共有 5,000 条记录，但在偏移量 2,000 处返回了空页：3,000 条记录无法加载。",
            ),
            (
                Progress { loaded: 4999, total: Some(5000), ..Progress::default() },
                "The server reported 5,000 records but sent 1 record fewer.",
                "服务器报告共有 5,000 条记录，但少返回了 1 条记录。",
            ),
            (
                Progress { loaded: 5002, total: Some(5000), total_changed: Some((4000, 5000)), ..Progress::default() },
                "The server sent 2 records more than its total of 5,000: records were probably added during loading (the server's total changed from 4,000 to 5,000 during loading).",
                "服务器返回的记录比其总数 5,000 多出 2 条记录：加载期间可能新增了记录（加载期间，服务器报告的总数从 4,000 变为 5,000）。",
            ),
        ]
    }

    #[test]
    fn every_reconciliation_sentence_in_both_languages() {
        for (progress, en, zh) in cases() {
            assert_eq!(progress.reconciliation_sentence(Lang::En), en);
            assert_eq!(progress.reconciliation_sentence(Lang::Zh), zh);
        }
    }

    #[test]
    fn failed_pages_and_a_changed_total_in_both_languages() {
        let page = |attempts| FailedPage {
            offset: 3000,
            limit: 1000,
            attempts,
            last_failure: FailureKind::Status(503),
        };
        assert_eq!(
            page(5).describe(Lang::En),
            "Records 3001–4000: HTTP 503 after 5 tries"
        );
        assert_eq!(
            page(5).describe(Lang::Zh),
            "记录 3001–4000：HTTP 503 错误，已尝试 5 次"
        );
        assert_eq!(
            page(1).describe(Lang::En),
            "Records 3001–4000: HTTP 503 after 1 try"
        );
        let p = Progress {
            total_changed: Some((2500, 3700)),
            ..Progress::default()
        };
        assert_eq!(
            p.total_changed_warning(Lang::En).as_deref(),
            Some("The server's total changed from 2500 to 3700 during loading.")
        );
        assert_eq!(
            p.total_changed_warning(Lang::Zh).as_deref(),
            Some("加载期间，服务器报告的总数从 2500 变为 3700。")
        );
        assert_eq!(Progress::default().total_changed_warning(Lang::En), None);
    }

    #[test]
    fn status_line_and_facts_in_both_languages() {
        let p = Progress {
            loaded: 2000,
            total: Some(20000),
            pages_done: 2,
            pages_total: Some(20),
            duplicates: 3,
            ..Progress::default()
        };
        assert_eq!(p.status_line(Lang::En), "Loaded 2000 of 20000 records");
        assert_eq!(p.status_line(Lang::Zh), "已加载 2000 / 20000 条记录");
        assert_eq!(
            p.status(),
            RunStatus::Loaded {
                loaded: 2000,
                total: Some(20000)
            }
        );
        assert_eq!(
            p.facts(Lang::En, Some(1234.4), Some(14.2)),
            "2 of 20 pages · 1234 records/s · about 15 s left · 3 duplicates skipped"
        );
        assert_eq!(
            p.facts(Lang::Zh, Some(1234.4), Some(14.2)),
            "2 / 20 页 · 1234 条记录/秒 · 约剩 15 秒 · 已跳过 3 条重复记录"
        );
        let unknown = |done| Progress {
            pages_done: done,
            ..Progress::default()
        };
        assert_eq!(unknown(1).facts(Lang::En, None, None), "1 page");
        assert_eq!(unknown(1500).facts(Lang::En, None, None), "1500 pages");
        assert_eq!(unknown(1500).facts(Lang::Zh, None, None), "1500 页");
    }

    #[test]
    fn several_targets_read_as_one_run_that_accounts_for_every_record() {
        use crate::paging::{RetryPolicy, Targets};
        use crate::records::record::{Page, Record};
        // Target 0 completes, target 1 is stopped by a 403 on its first page, target 2 has a
        // page given up: the whole says what is loaded and what is missing, never "stopped".
        let sizes = [1500usize, 2000, 2500];
        let mut run = Targets::new(3, 1000, 4, RetryPolicy::default());
        let mut gave_up = false;
        while let Some((target, request)) = run.next_request() {
            match target {
                1 => {
                    run.on_failure(1, request, FailureKind::Status(403), 1, 0.0);
                }
                2 if request.offset == 1000 && !gave_up => {
                    gave_up = true;
                    run.on_failure(2, request, FailureKind::Status(400), 1, 0.0);
                }
                _ => {
                    let n = sizes[target];
                    let start = (request.offset as usize).min(n);
                    let end = (start + usize::from(request.limit)).min(n);
                    let records = (start..end)
                        .map(|i| Record {
                            transaction_id: Some(format!("tx{i}")),
                            ..Record::default()
                        })
                        .collect();
                    let page = Page {
                        total_count: Some(n as i64),
                        records,
                        ..Page::default()
                    };
                    run.on_page(target, request, &page);
                }
            }
        }
        let whole = run.progress();
        assert_eq!(whole.loaded, 1500 + 1500);
        // Target 1 never told its total.
        assert_eq!(whole.total, None);
        assert_eq!(whole.stopped, None);
        let parts: Vec<Progress> = run.runs().iter().map(|r| r.progress()).collect();
        assert_eq!(parts[2].failed_pages.len(), 1);
        assert_eq!(
            whole.failed_pages.len(),
            parts.iter().map(|p| p.failed_pages.len()).sum::<usize>()
        );
        assert_eq!(parts[1].stopped, Some(FailureKind::Status(403)));
        assert_eq!(
            whole.failed_records,
            parts.iter().map(|p| p.failed_records).sum::<u64>()
        );
        assert_eq!(whole.status_line(Lang::En), "Loaded 3000 records");
    }
}
