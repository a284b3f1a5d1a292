//! `--hostile`: login records an attacker (or a broken service) could put in front of an
//! administrator, for the hardening tests of issue 9 (item 4). Pure.
//!
//! A user name is chosen by whoever logs in, a terminal name by whoever owns the terminal, and
//! a newer service version may send types and fields nobody expected: the app must show all of
//! it as inert text, skip unusable values in statistics (and count them), and export it safely.
//! The set holds markup and script (`<script>`, `<img onerror>`, `javascript:` URLs), bidi
//! overrides and zero-width characters, 10,000-character strings, invalid and far-future dates,
//! negative and huge RTTs, `null` and missing fields, a transaction ID sent three times, unknown
//! extra fields (`__proto__` among them), numbers as strings, values of the wrong type, cells
//! that a spreadsheet would run as formulas, and lone and reversed UTF-16 surrogate escapes (a
//! back end that cuts a UTF-16 string in the middle of a character sends those).
//!
//! The records are mixed evenly into the demo records (one every `demo / hostile` rows, the
//! first at row 0), or served alone with `--records 0`; either way they are paged, counted in
//! `total_count` and filtered like the others, behind the same signature check.

use std::sync::Arc;

use logins_core::demo::DemoData;
use logins_core::time::format::format_unix;
use serde::Serialize;
use serde_json::{json, Value};

use super::filter::Filter;

/// Length of the long strings, in characters.
pub const LONG_LEN: usize = 10_000;

/// The transaction ID that is sent three times (two duplicates).
pub const DUPLICATE_ID: &str = "hostile-duplicate";

/// Stands for a lone high surrogate in [`records`]: sent as the escape `\ud800`.
///
/// Why a stand-in character: a Rust `String` (and so a `Value`) cannot hold a lone surrogate,
/// so the records hold these two noncharacters (Unicode reserves them for internal use; the
/// demo data has none) and [`page_json`] writes each as its escape. A `LONE_HIGH` right before
/// a `LONE_LOW` would be a valid pair, not two lone halves: the records never have one.
pub const LONE_HIGH: char = '\u{FDD0}';
/// Stands for a lone low surrogate: sent as the escape `\udc00`. See [`LONE_HIGH`].
pub const LONE_LOW: char = '\u{FDD1}';

/// A record of [`records`] as a receiver reads it: `JSON.parse` keeps a lone surrogate, and a
/// UTF-8 encoder (the app's parser alike) writes U+FFFD in its place.
///
/// ```
/// use logins_proxy::standin::hostile::{as_received, LONE_HIGH};
/// let sent = serde_json::json!({ format!("k{LONE_HIGH}"): [format!("{LONE_HIGH}x")] });
/// assert_eq!(as_received(&sent), serde_json::json!({ "k\u{FFFD}": ["\u{FFFD}x"] }));
/// ```
pub fn as_received(record: &Value) -> Value {
    let text = |s: &str| s.replace([LONE_HIGH, LONE_LOW], "\u{FFFD}");
    match record {
        Value::String(s) => Value::String(text(s)),
        Value::Array(items) => Value::Array(items.iter().map(as_received).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| (text(k), as_received(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The hostile records, newest first around `now_unix` (valid times are the hour before it).
///
/// ```
/// use logins_proxy::standin::hostile::{records, LONG_LEN};
/// let r = records(1_735_689_600);
/// assert!(r.iter().any(|v| v["user_name"] == "<script>alert(1)</script>"));
/// assert!(r.iter().any(|v| v["user_name"].as_str().is_some_and(|s| s.chars().count() == LONG_LEN)));
/// ```
pub fn records(now_unix: i64) -> Vec<Value> {
    let t = |minutes_ago: i64| format_unix(now_unix - 60 * minutes_ago);
    let long_name = format!("long-{}", "x".repeat(LONG_LEN - 5));
    let long_markup = format!("{}!", "<b>".repeat((LONG_LEN - 1) / 3));
    let duplicate = json!({
        "transaction_id": DUPLICATE_ID,
        "user_name": "duplicate-user",
        "computer_name": "PC-DUP",
        "connection_start_time": t(20),
        "connection_setup_time": t(20),
        "connection_end_time": t(10),
        "is_reconnect": false,
        "network_rtt": 33,
        "e2e_rtt": 44,
    });
    vec![
        json!({
            "transaction_id": "hostile-script",
            "user_name": "<script>alert(1)</script>",
            "computer_name": "<img src=x onerror=alert(1)>",
            "terminal_name": "<svg onload=alert(1)>",
            "terminal_type": "WI",
            "connection_start_time": t(1),
            "connection_setup_time": t(1),
            "connection_end_time": t(0),
            "is_reconnect": false,
            "network_rtt": 20,
            "e2e_rtt": 30,
            "public_ip": "203.0.113.7",
        }),
        json!({
            "transaction_id": "hostile-js-url",
            "user_name": "javascript:alert(1)",
            "computer_name": "PC-JSURL",
            "terminal_name": "<a href=\"javascript:alert(1)\">click me</a>",
            "client_version": "javascript:alert(document.cookie)",
            "connection_failure_reason": "<iframe src=\"javascript:alert(1)\"></iframe>",
            "connection_start_time": t(2),
            "is_reconnect": false,
        }),
        json!({
            "transaction_id": "hostile-rtl",
            "user_name": "rtl\u{202E}gpj.exe",
            "computer_name": "\u{202E}PC-RTL",
            "terminal_mac": "00:11\u{202E}:22:33:44:55",
            "connection_start_time": t(3),
            "connection_setup_time": t(3),
            "is_reconnect": false,
            "network_rtt": 25,
            "e2e_rtt": 35,
        }),
        json!({
            "transaction_id": "hostile-zero-width",
            "user_name": "zero\u{200B}width\u{200C}\u{200D}\u{2060}\u{FEFF}user",
            "computer_name": "PC\u{200B}-ZW",
            "connection_start_time": t(4),
            "connection_setup_time": t(4),
            "connection_end_time": t(2),
            "is_reconnect": true,
            "network_rtt": 15,
            "e2e_rtt": 18,
        }),
        json!({
            "transaction_id": "hostile-long",
            "user_name": long_name,
            "computer_name": long_markup,
            "connection_failure_reason": "y".repeat(LONG_LEN),
            "connection_start_time": t(5),
            "is_reconnect": false,
        }),
        json!({
            "transaction_id": "hostile-invalid-date",
            "user_name": "invalid-date-user",
            "computer_name": "PC-DATE",
            "connection_start_time": "2024-13-45T99:99:99Z",
            "connection_setup_time": "yesterday",
            "connection_end_time": "2024-02-30T25:61:00Z",
            "is_reconnect": false,
            "network_rtt": 40,
            "e2e_rtt": 50,
        }),
        json!({
            "transaction_id": "hostile-far-future",
            "user_name": "far-future-user",
            "computer_name": "PC-FUTURE",
            "connection_start_time": "9999-12-31T23:59:59Z",
            "connection_setup_time": "9999-12-31T23:59:59Z",
            "connection_end_time": "9999-12-31T23:59:59Z",
            "is_reconnect": false,
            "network_rtt": 45,
            "e2e_rtt": 55,
        }),
        json!({
            "transaction_id": "hostile-rtt-minus-one",
            "user_name": "negative-rtt-user",
            "computer_name": "PC-NEG",
            "connection_start_time": t(6),
            "connection_setup_time": t(6),
            "is_reconnect": false,
            "network_rtt": -1,
            "e2e_rtt": -500,
        }),
        json!({
            "transaction_id": "hostile-rtt-minus-500",
            "user_name": "negative-rtt-user",
            "computer_name": "PC-NEG",
            "connection_start_time": t(7),
            "connection_setup_time": t(7),
            "is_reconnect": true,
            "network_rtt": -500,
            "e2e_rtt": -1,
        }),
        json!({
            "transaction_id": "hostile-rtt-huge",
            "user_name": "huge-rtt-user",
            "computer_name": "PC-HUGE",
            "connection_start_time": t(8),
            "connection_setup_time": t(8),
            "is_reconnect": false,
            "network_rtt": 9_999_999,
            "e2e_rtt": 9_999_999,
        }),
        json!({
            "transaction_id": "hostile-nulls",
            "sid": null,
            "user_name": null,
            "computer_name": null,
            "terminal_mac": null,
            "terminal_name": null,
            "terminal_ip": null,
            "client_version": null,
            "terminal_type": null,
            "agent_version": null,
            "desktop_ip": null,
            "connection_start_time": null,
            "connection_setup_time": null,
            "connection_end_time": null,
            "is_reconnect": null,
            "connection_failure_reason": null,
            "network_rtt": null,
            "e2e_rtt": null,
            "source_ip": null,
            "public_ip": null,
            "enterprise_project_id": null,
            "desktop_id": null,
        }),
        json!({
            "transaction_id": "hostile-missing",
            "user_name": "missing-fields-user",
        }),
        json!({}),
        duplicate.clone(),
        json!({
            "transaction_id": "hostile-extra-fields",
            "user_name": "extra-fields-user",
            "computer_name": "PC-EXTRA",
            "connection_start_time": t(9),
            "connection_setup_time": t(9),
            "is_reconnect": false,
            "network_rtt": 21,
            "e2e_rtt": 31,
            "__proto__": { "polluted": "yes" },
            "constructor": { "prototype": { "polluted": "yes" } },
            "extra_html": "<script>alert(2)</script>",
            "nested": { "a": [1, { "b": [null, true, "<img src=x onerror=alert(3)>"] }] },
            "x_future_metric": 1.5e10,
        }),
        duplicate.clone(),
        json!({
            "transaction_id": "hostile-numbers-as-strings",
            "user_name": "string-numbers-user",
            "computer_name": "PC-STR",
            "connection_start_time": t(11),
            "connection_setup_time": t(11),
            "is_reconnect": "true",
            "network_rtt": "42",
            "e2e_rtt": "57",
        }),
        json!({
            "transaction_id": "hostile-wrong-types",
            "user_name": 12345,
            "computer_name": true,
            "terminal_type": ["WI"],
            "connection_start_time": t(12),
            "is_reconnect": "maybe",
            "network_rtt": "fast",
            "e2e_rtt": { "ms": 5 },
        }),
        json!({
            "transaction_id": "hostile-fractions",
            "user_name": "fraction-rtt-user",
            "computer_name": "PC-FRAC",
            "connection_start_time": t(13),
            "connection_setup_time": t(13),
            "is_reconnect": false,
            "network_rtt": 12.7,
            "e2e_rtt": 1e300,
        }),
        json!({
            "transaction_id": "hostile-formulas",
            "user_name": "=HYPERLINK(\"http://evil.example/\",\"click\")",
            "computer_name": "+SUM(1,2)",
            "terminal_name": "-2+3",
            "client_version": "@SUM(A1)",
            "agent_version": "\t=1+1",
            "connection_failure_reason": "\r=cmd|' /C calc'!A0",
            "connection_start_time": t(14),
            "is_reconnect": false,
        }),
        json!({
            "transaction_id": "hostile-templates",
            "user_name": "{{constructor.constructor('alert(1)')()}}",
            "computer_name": "${alert(1)}",
            "terminal_name": "\"><svg/onload=alert(1)>",
            "desktop_ip": "<script>alert('ip')</script>",
            "public_ip": "1.2.3.4\"><img src=x onerror=alert(1)>",
            "source_ip": "' OR '1'='1",
            "connection_start_time": t(15),
            "connection_setup_time": t(15),
            "is_reconnect": false,
            "network_rtt": 22,
            "e2e_rtt": 32,
        }),
        json!({
            "transaction_id": "hostile-control-chars",
            "user_name": "ctl\u{0}nul\u{7}bel\r\nnewline\ttab",
            "computer_name": "PC-\u{1F4A9}\u{301}\u{FFFD}",
            "connection_start_time": t(16),
            "is_reconnect": false,
            "network_rtt": 0,
            "e2e_rtt": 600_000,
        }),
        json!({
            "transaction_id": "hostile-lone-high",
            "user_name": format!("lone-high-{LONE_HIGH}"),
            "computer_name": format!("PC-{LONE_HIGH}{LONE_HIGH}"),
            format!("x_key_{LONE_HIGH}"): format!("{LONE_HIGH}\n{LONE_HIGH}"),
            "connection_start_time": t(17),
            "connection_setup_time": t(17),
            "is_reconnect": false,
            "network_rtt": 23,
            "e2e_rtt": 33,
        }),
        json!({
            "transaction_id": "hostile-lone-low",
            "user_name": format!("lone-low-{LONE_LOW}"),
            "terminal_name": format!("{LONE_LOW}TERMINAL"),
            "connection_start_time": t(18),
            "is_reconnect": false,
            "network_rtt": 24,
            "e2e_rtt": 34,
        }),
        json!({
            "transaction_id": "hostile-reversed-pair",
            "user_name": format!("reversed-{LONE_LOW}{LONE_HIGH}-pair"),
            "connection_failure_reason": format!("cut {LONE_HIGH}\u{1F600} {LONE_LOW}"),
            "extra": { "note": [format!("{LONE_LOW}{LONE_HIGH}")] },
            "connection_start_time": t(19),
            "is_reconnect": false,
            "network_rtt": 26,
            "e2e_rtt": 36,
        }),
        duplicate,
    ]
}

/// Where each served row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Demo(u32),
    Hostile(u32),
}

/// The demo records with the hostile ones mixed in.
#[derive(Clone, Debug)]
pub struct HostileMix {
    records: Vec<Value>,
    slots: Vec<Slot>,
}

impl HostileMix {
    /// Mixes `records(now_unix)` evenly into `demo_len` demo rows.
    pub fn new(demo_len: usize, now_unix: i64) -> Self {
        Self::with_records(demo_len, records(now_unix))
    }

    pub fn with_records(demo_len: usize, records: Vec<Value>) -> Self {
        let h = records.len();
        let step = (demo_len / h.max(1)).max(1);
        let mut slots = Vec::with_capacity(demo_len + h);
        let mut next = 0usize;
        for i in 0..demo_len {
            if i % step == 0 && next < h {
                slots.push(Slot::Hostile(next as u32));
                next += 1;
            }
            slots.push(Slot::Demo(i as u32));
        }
        slots.extend((next..h).map(|j| Slot::Hostile(j as u32)));
        HostileMix { records, slots }
    }

    /// Rows served in all: demo plus hostile.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Number of hostile records.
    pub fn hostile_len(&self) -> usize {
        self.records.len()
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Demo(Box<logins_core::records::record::Record>),
    Hostile(&'a Value),
}

/// The page body over the mixed rows, like [`super::page_json`].
pub fn page_json(
    data: &DemoData,
    mix: &Arc<HostileMix>,
    filter: &Filter,
    offset: u32,
    limit: u32,
) -> String {
    let body = super::page_body(
        mix.slots.iter().copied(),
        |&slot| {
            filter.is_empty()
                || match slot {
                    Slot::Demo(i) => data.get(i as usize).is_some_and(|row| filter.matches(&row)),
                    Slot::Hostile(j) => filter.matches_json(&mix.records[j as usize]),
                }
        },
        offset,
        limit,
        |slot| match slot {
            Slot::Demo(i) => Item::Demo(Box::new(data.record(i as usize))),
            Slot::Hostile(j) => Item::Hostile(&mix.records[j as usize]),
        },
    );
    // serde_json wrote the stand-ins as they are (it escapes only quotes, backslashes and
    // control characters), so each is found as its own character.
    if body.contains([LONE_HIGH, LONE_LOW]) {
        body.replace(LONE_HIGH, "\\ud800")
            .replace(LONE_LOW, "\\udc00")
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use logins_core::demo::DemoSpec;
    use logins_core::records::record::{parse_page, Record};

    const NOW: i64 = 1_735_689_600;

    fn all() -> Vec<Value> {
        records(NOW)
    }

    fn has(pred: impl Fn(&Value) -> bool) -> bool {
        all().iter().any(pred)
    }

    fn any_string(v: &Value, pred: &dyn Fn(&str) -> bool) -> bool {
        match v {
            Value::String(s) => pred(s),
            Value::Array(a) => a.iter().any(|x| any_string(x, pred)),
            Value::Object(o) => o.values().any(|x| any_string(x, pred)),
            _ => false,
        }
    }

    #[test]
    fn the_set_has_every_kind_of_hostile_value() {
        let s = |needle: &str| {
            let needle = needle.to_owned();
            move |v: &Value| any_string(v, &|s| s.contains(needle.as_str()))
        };
        assert!(has(s("<script>alert(1)</script>")));
        assert!(has(s("<img src=x onerror=alert(1)>")));
        assert!(has(s("javascript:alert(1)")));
        assert!(has(s("\u{202E}")));
        assert!(has(s("\u{200B}")));
        assert!(has(|v| any_string(v, &|s| s.chars().count() == LONG_LEN)));
        assert!(has(s("2024-13-45T99:99:99Z")));
        assert!(has(s("9999-12-31T23:59:59Z")));
        for rtt in [-1, -500, 9_999_999] {
            assert!(has(|v| v["network_rtt"] == rtt), "network_rtt {rtt}");
        }
        assert!(has(
            |v| v["user_name"].is_null() && v.get("user_name").is_some()
        ));
        assert!(has(|v| v.get("connection_start_time").is_none()));
        assert!(has(|v| v.get("__proto__").is_some()));
        assert!(has(|v| v["network_rtt"] == "42"));
        assert!(has(s("=HYPERLINK(")));
        assert!(has(s(&format!("-{LONE_HIGH}"))), "a lone high surrogate");
        assert!(has(s(&format!("-{LONE_LOW}"))), "a lone low surrogate");
        assert!(has(s(&format!("{LONE_LOW}{LONE_HIGH}"))), "a reversed pair");
        assert!(!has(s(&format!("{LONE_HIGH}{LONE_LOW}"))), "no valid pair");
        let dups = all()
            .iter()
            .filter(|v| v["transaction_id"] == DUPLICATE_ID)
            .count();
        assert_eq!(dups, 3);
        // Every other transaction ID is unique.
        let mut ids: Vec<String> = all()
            .iter()
            .filter_map(|v| v["transaction_id"].as_str().map(str::to_owned))
            .filter(|id| id != DUPLICATE_ID)
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    /// A served body as a receiver reads it (see [`as_received`]).
    fn received(body: &str) -> Value {
        logins_core::records::json_text::from_str(body).expect("JSON")
    }

    fn alone() -> (DemoData, Arc<HostileMix>) {
        let data = DemoData::generate(&DemoSpec {
            seed: 3,
            records: 0,
            now_unix: NOW,
        });
        (data, Arc::new(HostileMix::new(0, NOW)))
    }

    #[test]
    fn lone_surrogates_are_sent_as_escapes() {
        let (data, mix) = alone();
        let body = page_json(&data, &mix, &Filter::default(), 0, 1000);
        assert!(!body.contains([LONE_HIGH, LONE_LOW]));
        for escapes in [
            r#""lone-high-\ud800""#,
            r#""PC-\ud800\ud800""#,
            r#""lone-low-\udc00""#,
            r#""reversed-\udc00\ud800-pair""#,
            r#""x_key_\ud800":"\ud800\n\ud800""#,
        ] {
            assert!(body.contains(escapes), "{escapes}");
        }
        assert!(
            serde_json::from_str::<Value>(&body).is_err(),
            "serde_json refuses it"
        );
        let received = received(&body);
        assert_eq!(
            received["records"],
            Value::Array(all().iter().map(as_received).collect())
        );
        assert!(received
            .to_string()
            .contains("reversed-\u{FFFD}\u{FFFD}-pair"));
    }

    #[test]
    fn the_apps_parser_reads_every_record_and_flags_the_bad_values() {
        let (data, mix) = alone();
        let body = page_json(&data, &mix, &Filter::default(), 0, 1000);
        let page = parse_page(&body).unwrap();
        assert_eq!(page.records.len(), all().len());
        assert_eq!(page.skipped_records, 0);
        // Each record is what the stand-in meant, U+FFFD in place of each lone surrogate.
        for (got, sent) in page.records.iter().zip(all()) {
            let expected = as_received(&sent);
            assert_eq!(got, &Record::from_json(expected.as_object().unwrap()));
        }
        let by_id = |id: &str| {
            page.records
                .iter()
                .find(|r| r.transaction_id.as_deref() == Some(id))
                .unwrap()
        };
        assert_eq!(by_id("hostile-numbers-as-strings").network_rtt, Some(42));
        assert!(by_id("hostile-wrong-types")
            .invalid_fields
            .contains(&"network_rtt"));
        assert!(by_id("hostile-invalid-date")
            .invalid_fields
            .contains(&"connection_start_time"));
        assert_eq!(by_id("hostile-nulls").user_name, None);
        let lone_high = by_id("hostile-lone-high");
        assert_eq!(lone_high.user_name.as_deref(), Some("lone-high-\u{FFFD}"));
        assert_eq!(
            lone_high.computer_name.as_deref(),
            Some("PC-\u{FFFD}\u{FFFD}")
        );
        assert_eq!(lone_high.invalid_fields, ["computer_name", "user_name"]);
        assert_eq!(lone_high.network_rtt, Some(23));
        let reversed = by_id("hostile-reversed-pair");
        assert_eq!(
            reversed.connection_failure_reason.as_deref(),
            Some("cut \u{FFFD}\u{1F600} \u{FFFD}")
        );
    }

    #[test]
    fn mixed_evenly_and_paged_like_demo_data() {
        let data = DemoData::generate(&DemoSpec {
            seed: 3,
            records: 1000,
            now_unix: NOW,
        });
        let mix = Arc::new(HostileMix::new(data.len(), NOW));
        let h = mix.hostile_len();
        assert_eq!(mix.len(), 1000 + h);
        let page = received(&page_json(&data, &mix, &Filter::default(), 0, 2000));
        assert_eq!(page["total_count"], 1000 + h);
        let recs = page["records"].as_array().unwrap();
        assert_eq!(recs.len(), 1000 + h);
        assert_eq!(recs[0]["transaction_id"], "hostile-script");
        let hostile_at: Vec<usize> = recs
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r["transaction_id"]
                    .as_str()
                    .is_none_or(|t| t.starts_with("hostile"))
                    && r.get("desktop_id").is_none()
            })
            .map(|(i, _)| i)
            .collect();
        // Spread over the whole range, not bunched at the start.
        assert!(*hostile_at.last().unwrap() > 900, "{hostile_at:?}");
        // The demo rows keep their order.
        let demo: Vec<&Value> = recs
            .iter()
            .filter(|r| r.get("desktop_id").is_some())
            .collect();
        assert_eq!(
            *demo[0],
            serde_json::to_value(data.record(0)).unwrap(),
            "first demo row"
        );

        // Pages add up to the whole, with nothing twice.
        let mut paged = Vec::new();
        for offset in (0..mix.len() as u32 + 100).step_by(100) {
            let p = received(&page_json(&data, &mix, &Filter::default(), offset, 100));
            paged.extend(p["records"].as_array().unwrap().iter().cloned());
        }
        assert_eq!(&paged, recs);
    }

    #[test]
    fn alone_with_no_demo_records() {
        let (data, mix) = alone();
        let page = received(&page_json(&data, &mix, &Filter::default(), 0, 1000));
        assert_eq!(
            page["records"],
            Value::Array(all().iter().map(as_received).collect())
        );
        assert_eq!(page["total_count"], all().len());
    }

    #[test]
    fn filters_apply_to_hostile_records_too() {
        let (data, mix) = alone();
        let page = |q: &str| -> Value {
            let f = Filter::from_params(&super::super::params::parse(q).unwrap());
            received(&page_json(&data, &mix, &f, 0, 1000))
        };
        let p = page("user_name=%3CSCRIPT%3E");
        assert_eq!(p["total_count"], 1);
        assert_eq!(p["records"][0]["transaction_id"], "hostile-script");
        // A time filter excludes records whose start time is invalid or missing.
        let p = page("start_time=2000-01-01T00:00Z&end_time=2099-01-01T00:00Z");
        assert!(p["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["connection_start_time"]
                .as_str()
                .is_some_and(|t| t.starts_with("2024"))));
        // RTT bounds take numbers only, and the bounds are inclusive.
        let p = page("min_network_rtt=0&max_network_rtt=0");
        assert_eq!(p["records"][0]["transaction_id"], "hostile-control-chars");
        assert_eq!(p["total_count"], 1);
    }
}
