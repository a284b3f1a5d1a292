//! Native micro-benchmarks of `logins-core`: what the browser does per page and per click,
//! without the browser. Run by `bench/run.sh`; alone:
//!
//!     cargo bench -p logins-core --bench micro -- [--json out.json] [--quick]
//!
//! A plain harness rather than criterion: the report needs medians of a fixed number of samples
//! in a JSON file next to the browser's figures, and criterion's statistics, plots and
//! compile time would add nothing to that. Each benchmark runs once to warm up, then `SAMPLES`
//! times; the median is reported with the fastest and slowest sample.

use std::hint::black_box;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use logins_core::api::credentials::Credentials;
use logins_core::api::endpoint::region;
use logins_core::api::query::QueryForm;
use logins_core::api::request::{plan_request, HeaderSet};
use logins_core::demo::{DemoData, DemoSpec};
use logins_core::records::columns::{BandThresholds, ColumnId};
use logins_core::records::filter::{filter_rows, RowFilter};
use logins_core::records::record::parse_page;
use logins_core::records::sort::{sort_rows, SortKey};
use logins_core::records::table::{RecordTable, RowId};
use logins_core::stats::{self, Dimension, Metric};

/// The demo data's "now": fixed, so every run measures the same records.
const NOW: i64 = 1_735_689_600;

struct Report {
    rows: Vec<(String, Summary)>,
}

#[derive(Clone, Copy)]
struct Summary {
    samples: usize,
    median_ms: f64,
    min_ms: f64,
    max_ms: f64,
}

impl Report {
    /// Runs `f` once to warm up, then `samples` times, and records the median.
    fn run<T>(&mut self, name: &str, samples: usize, mut f: impl FnMut() -> T) -> Summary {
        black_box(f());
        let mut times: Vec<f64> = (0..samples)
            .map(|_| {
                let started = Instant::now();
                black_box(f());
                started.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let mid = times.len() / 2;
        let median_ms = if times.len() % 2 == 1 {
            times[mid]
        } else {
            (times[mid - 1] + times[mid]) / 2.0
        };
        let summary = Summary {
            samples,
            median_ms,
            min_ms: times[0],
            max_ms: times[times.len() - 1],
        };
        eprintln!(
            "{name:<48} median {median_ms:>9.3} ms  (min {:.3}, max {:.3}, n={samples})",
            summary.min_ms, summary.max_ms
        );
        self.rows.push((name.to_owned(), summary));
        summary
    }
}

/// A page body exactly as the stand-in serves it: `records` demo records from `offset`.
fn page_body(data: &DemoData, offset: usize, records: usize) -> String {
    let page: Vec<_> = (offset..offset + records).map(|i| data.record(i)).collect();
    serde_json::to_string(&serde_json::json!({ "total_count": data.len(), "records": page }))
        .expect("demo records serialize")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json_path = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1).cloned());
    // `--quick`: fewer samples, for checking that the harness works.
    let scale = if args.iter().any(|a| a == "--quick") {
        5
    } else {
        1
    };
    let samples = |n: usize| (n / scale).max(3);
    let mut report = Report { rows: Vec::new() };

    let data = DemoData::generate(&DemoSpec {
        seed: 1,
        records: 100_000,
        now_unix: NOW,
    });

    // Parsing one page of 1000 records, as the browser does for every response; and the same
    // bytes into serde_json's generic Value as the reference for throughput.
    let body = page_body(&data, 0, 1000);
    let megabytes = body.len() as f64 / 1e6;
    let parse = report.run("parse a 1000-record page (parse_page)", samples(60), || {
        parse_page(&body).expect("a valid page")
    });
    let value = report.run(
        "same bytes into serde_json::Value (reference)",
        samples(60),
        || serde_json::from_str::<serde_json::Value>(&body).expect("valid JSON"),
    );

    // Signing: planning a request with AK/SK computes the canonical request, string to sign
    // and HMAC, which the app does for every page (and every retry).
    let query = QueryForm {
        project_id: "0e69423d4400f4a82f67c0059a1e4cc8".into(),
        limit: "1000".into(),
        offset: "5000".into(),
        ..Default::default()
    }
    .validate()
    .expect("a valid query");
    let endpoint = region("cn-north-4").expect("a known region").endpoint();
    let credentials = Credentials::access_key(
        "DEMOAKLOGINSVIEWER01",
        "demoSKloginsViewerNotASecret0000000000001",
        "",
    )
    .expect("valid credentials");
    let now = Utc.timestamp_opt(NOW, 0).single().expect("a valid time");
    report.run(
        "sign a request (plan_request, AK/SK)",
        samples(2000),
        || plan_request(&endpoint, &query, &credentials, HeaderSet::Default, now),
    );

    // 100,000 records in the app's compact table (what Fetch all does with every parsed page),
    // then what a click does to them.
    let records: Vec<_> = (0..data.len()).map(|i| data.record(i)).collect();
    report.run(
        "index 100k parsed records into the table",
        samples(7),
        || {
            let mut table = RecordTable::new();
            for record in &records {
                table.push(record);
            }
            table
        },
    );
    let table = RecordTable::from_records(records);
    let bands = BandThresholds::default();
    let all: Vec<RowId> = table.row_ids().collect();
    for (name, column) in [
        ("sort 100k by E2E RTT", ColumnId::E2eRtt),
        ("sort 100k by user name", ColumnId::UserName),
        ("sort 100k by connection start", ColumnId::ConnectionStart),
    ] {
        let keys = [SortKey {
            column,
            descending: false,
        }];
        report.run(name, samples(15), || {
            let mut rows = all.clone();
            sort_rows(&table, &mut rows, &keys, &bands);
            rows
        });
    }
    let quick = RowFilter {
        quick: "q".into(),
        ..RowFilter::default()
    };
    report.run("quick search over 100k (one key)", samples(15), || {
        filter_rows(&table, &quick, &bands)
    });
    report.run("statistics of one refresh over 100k", samples(9), || {
        refresh_statistics(&table, &all)
    });

    let rows: Vec<(String, Summary)> = report.rows;
    let throughput = |s: Summary| megabytes / (s.median_ms / 1e3);
    eprintln!(
        "page parse throughput: {:.1} MB/s (serde_json::Value: {:.1} MB/s) over a {:.0} kB page",
        throughput(parse),
        throughput(value),
        body.len() as f64 / 1e3
    );

    if let Some(path) = json_path {
        let benchmarks: Vec<_> = rows
            .iter()
            .map(|(name, s)| {
                serde_json::json!({
                    "name": name,
                    "samples": s.samples,
                    "median_ms": s.median_ms,
                    "min_ms": s.min_ms,
                    "max_ms": s.max_ms,
                })
            })
            .collect();
        let out = serde_json::json!({
            "benchmarks": benchmarks,
            "page_bytes": body.len(),
            "page_parse_mb_per_s": throughput(parse),
            "value_parse_mb_per_s": throughput(value),
        });
        std::fs::write(&path, serde_json::to_string_pretty(&out).expect("JSON"))
            .unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
}

/// Everything the analytics panel computes after a filter change (the app's memos), at the
/// data's full time span.
fn refresh_statistics(table: &RecordTable, rows: &[RowId]) -> usize {
    let mut work = 0;
    let kpis = stats::kpis(table, rows);
    work += kpis.logins;
    let Some((lo, hi)) = stats::time_span(table, rows) else {
        return work;
    };
    let (a, b) = stats::previous_window(lo, hi);
    work += stats::kpis(table, &stats::rows_in_window(table, rows, a, b)).logins;
    let bucket = stats::bucket_seconds(hi - lo);
    for metric in [Metric::NetworkRtt, Metric::E2eRtt] {
        work += stats::rtt_histogram(&stats::values(table, rows, metric).sorted).len();
        work += stats::percentile_series(table, rows, metric, bucket).len();
    }
    work += stats::login_series(table, rows, bucket).len();
    work += stats::concurrency_series(table, rows, NOW, bucket).len();
    work += stats::hour_weekday(table, rows, &|_| 0).len();
    work += stats::failure_reasons(table, rows).len();
    let users = stats::breakdown(table, rows, Dimension::User);
    work += stats::top_by_p95(&users, Metric::NetworkRtt, 20).len();
    work += stats::new_locations(table, rows).len();
    work
}
