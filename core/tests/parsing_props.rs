//! Hostile input never panics the response parsers, and a bad field never loses its record.

use logins_core::api::error_body::ApiError;
use logins_core::records::export::{import_json, ImportError};
use logins_core::records::json_text;
use logins_core::records::record::{parse_page, Record};
use proptest::prelude::*;
use serde_json::{Map, Value};

const FIELDS: [&str; 12] = [
    "tenantId",
    "user_name",
    "computer_name",
    "connection_start_time",
    "connection_end_time",
    "is_reconnect",
    "network_rtt",
    "e2e_rtt",
    "desktop_id",
    "error_code",
    "code",
    "error",
];

/// Arbitrary JSON whose object keys are mostly the fields the parsers look at.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})?"
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(FIELDS.to_vec()), inner), 0..8)
                .prop_map(|pairs| Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>()
                )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(body in any::<String>(), status in any::<u16>()) {
        let _ = parse_page(&body);
        let _ = ApiError::from_response(status, &body, Some(&body)).to_string();
    }

    #[test]
    fn every_object_in_records_becomes_a_record(records in proptest::collection::vec(json(), 0..10), total in json()) {
        let body = serde_json::json!({ "total_count": total, "records": records }).to_string();
        let page = parse_page(&body).expect("an object with a records list is a page");
        let objects = records.iter().filter(|r| r.is_object()).count();
        prop_assert_eq!(page.records.len(), objects);
        prop_assert_eq!(page.skipped_records, records.len() - objects);
        let _ = ApiError::from_response(500, &body, None).to_string();
    }
}

/// Keys of a record object: record fields (both spellings of the tenant), and unknown ones.
const RECORD_KEYS: [&str; 12] = [
    "tenantId",
    "tenant_id",
    "user_name",
    "transaction_id",
    "connection_start_time",
    "connection_end_time",
    "is_reconnect",
    "network_rtt",
    "e2e_rtt",
    "public_ip",
    "unknown_field",
    "records",
];

/// A record object written as JSON text by hand, so that it can repeat a key (which a `Value`
/// cannot hold, but a server can send).
fn object_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (proptest::sample::select(RECORD_KEYS.to_vec()), json()),
        0..10,
    )
    .prop_map(|pairs| {
        let fields: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}:{v}", Value::from(*k)))
            .collect();
        format!("{{{}}}", fields.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `parse_page` reads records straight from the text; `Record::from_json` reads a parsed
    /// `Value`. Both must mean the same, repeated keys (last wins), odd types and entries that
    /// are not objects included.
    #[test]
    fn reading_the_text_equals_reading_a_parsed_value(
        entries in proptest::collection::vec(prop_oneof![object_text(), json().prop_map(|v| v.to_string())], 0..8),
        total in json(),
    ) {
        let body = format!(r#"{{"records":[{}],"total_count":{total}}}"#, entries.join(","));
        let page = parse_page(&body).expect("an object with a records list is a page");
        let value: Value = serde_json::from_str(&body).expect("valid JSON");
        let expected: Vec<_> = value["records"]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(Value::as_object)
            .map(logins_core::records::record::Record::from_json)
            .collect();
        prop_assert_eq!(page.skipped_records, entries.len() - expected.len());
        prop_assert_eq!(page.records, expected);
        match &value["total_count"] {
            Value::Null => prop_assert_eq!((page.total_count, page.invalid_total_count), (None, false)),
            Value::Number(n) if n.is_i64() => prop_assert_eq!(page.total_count, n.as_i64()),
            Value::Array(_) | Value::Object(_) | Value::Bool(_) => {
                prop_assert_eq!((page.total_count, page.invalid_total_count), (None, true))
            }
            _ => {}
        }
    }
}

// Text JSON.parse accepts, written by hand: a `Value` cannot hold a lone surrogate, and
// serde_json cannot write a number beyond f64.

/// A JSON string literal: any characters (escaped where JSON needs it), simple escapes, and
/// `\uXXXX` escapes of any code unit in either case, lone, reversed and paired surrogates
/// among them.
fn string_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(|c| {
            let quoted = Value::from(c.to_string()).to_string();
            quoted[1..quoted.len() - 1].to_owned()
        }),
        1 => proptest::sample::select(vec!["\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r"])
            .prop_map(str::to_owned),
        2 => (0xD800u16..0xE000, any::<bool>()).prop_map(|(unit, upper)| escape(unit, upper)),
        1 => (any::<u16>(), any::<bool>()).prop_map(|(unit, upper)| escape(unit, upper)),
        1 => (0xD800u16..0xDC00, 0xDC00u16..0xE000).prop_map(|(high, low)| {
            format!("{}{}", escape(high, false), escape(low, true))
        }),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| format!("\"{}\"", pieces.concat()))
}

fn escape(unit: u16, upper: bool) -> String {
    if upper {
        format!("\\u{unit:04X}")
    } else {
        format!("\\u{unit:04x}")
    }
}

/// A JSON number: integers of any size, fractions, and exponents far beyond f64's range.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Value::from(f).to_string()),
        (
            any::<bool>(),
            1u32..1000,
            any::<bool>(),
            proptest::option::of(0u32..1000),
            -999i32..1000
        )
            .prop_map(|(negative, mantissa, upper, fraction, exponent)| {
                let sign = if negative { "-" } else { "" };
                let e = if upper { "E" } else { "e" };
                let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                format!("{sign}{mantissa}{fraction}{e}{exponent:+}")
            }),
        "[1-9][0-9]{300,400}",
    ]
}

/// Zero to two characters of JSON whitespace.
fn ws() -> impl Strategy<Value = String> {
    "[ \t\n\r]{0,2}"
}

/// Keys of a record: the known fields, unknown ones, and any string.
fn key_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => proptest::sample::select(RECORD_KEYS.to_vec()).prop_map(|k| Value::from(k).to_string()),
        1 => string_text(),
    ]
}

/// Any JSON value, as text: strings and numbers as above, nested lists and objects.
fn value_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number_text(),
        string_text(),
        "\"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\"",
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec((ws(), inner.clone()), 0..5).prop_map(|items| {
                let items: Vec<String> =
                    items.into_iter().map(|(w, v)| format!("{w}{v}")).collect();
                format!("[{}]", items.join(","))
            }),
            proptest::collection::vec((key_text(), ws(), inner), 0..5).prop_map(|pairs| {
                let pairs: Vec<String> = pairs
                    .into_iter()
                    .map(|(k, w, v)| format!("{k}:{w}{v}"))
                    .collect();
                format!("{{{}}}", pairs.join(","))
            }),
        ]
    })
}

/// A record object as text: known fields with values of any type, unknown fields, odd keys.
fn record_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((ws(), key_text(), value_text()), 0..10).prop_map(|pairs| {
        let pairs: Vec<String> = pairs
            .into_iter()
            .map(|(w, k, v)| format!("{w}{k}:{v}"))
            .collect();
        format!("{{{}}}", pairs.join(","))
    })
}

/// What `records` may hold besides records.
fn not_a_record_text() -> impl Strategy<Value = String> {
    value_text().prop_filter("not an object", |v| !v.starts_with('{'))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any page JSON.parse accepts keeps every record, fetched or imported, read from the text
    /// or through a `Value`: an odd string, number or type costs one value, never the page.
    #[test]
    fn a_page_json_allows_keeps_every_record(
        entries in proptest::collection::vec(prop_oneof![3 => record_text().prop_map(Ok), 1 => not_a_record_text().prop_map(Err)], 0..8),
        total in value_text(),
        other in proptest::collection::vec((string_text(), value_text()), 0..3),
        space in ws(),
    ) {
        let n = entries.iter().filter(|e| e.is_ok()).count();
        let items: Vec<&str> = entries.iter().map(|e| match e { Ok(t) | Err(t) => t.as_str() }).collect();
        let other: Vec<String> = other.iter().map(|(k, v)| format!(",{k}:{v}")).collect();
        let body = format!(
            r#"{{"total_count":{space}{total}{}, "records":[{space}{}]}}"#,
            other.concat(),
            items.join(",")
        );
        let page = parse_page(&body).map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
        prop_assert_eq!(page.records.len(), n);
        prop_assert_eq!(page.skipped_records, entries.len() - n);

        let value: Value = json_text::from_str(&body)
            .map_err(|e| TestCaseError::fail(format!("{e}: {body}")))?;
        let through_value: Vec<Record> = value["records"]
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(Value::as_object)
            .map(Record::from_json)
            .collect();
        prop_assert_eq!(&through_value, &page.records);

        match import_json(&body) {
            Ok(imported) => prop_assert_eq!(&imported, &page.records),
            Err(e) => {
                // Only a response with no record at all but skipped entries is refused.
                prop_assert_eq!(n, 0, "{}: {}", e, body);
                prop_assert_eq!(e, ImportError::NoRecords);
            }
        }
    }

    /// An error body's code survives any message text.
    #[test]
    fn an_error_body_keeps_its_code_whatever_the_message(message in string_text(), extra in value_text()) {
        let body = format!(r#"{{"error_code":"WKS.0001","error_msg":{message},"extra":{extra}}}"#);
        let e = ApiError::from_response(400, &body, Some("req"));
        prop_assert_eq!(e.code.as_deref(), Some("WKS.0001"));
        prop_assert!(e.body_excerpt.is_none());
    }
}
