//! Hostile input never panics the response parsers, and a bad field never loses its record.

use logins_core::api::error_body::ApiError;
use logins_core::records::record::parse_page;
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
