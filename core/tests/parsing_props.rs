//! Hostile input never panics the response parsers, and a bad field never loses its record.

use logins_core::error_body::ApiError;
use logins_core::record::parse_page;
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
