//! Properties of signing: the order in which parameters and headers are given never matters.

use logins_core::api::secret::Secret;
use logins_core::api::sign::{sign, SigningInput};
use proptest::prelude::*;

fn shuffle<T>(items: &mut [T], seed: u64) {
    // xorshift: a deterministic permutation from proptest's seed, no rand dependency.
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parameter_and_header_order_never_changes_the_signature(
        query in proptest::collection::vec((any::<String>(), any::<String>()), 0..10),
        token in proptest::option::of("[A-Za-z0-9+/=_-]{1,40}"),
        seed in any::<u64>(),
    ) {
        let mut headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Host".to_owned(), "workspace.cn-north-4.myhuaweicloud.com".to_owned()),
            ("X-Project-Id".to_owned(), "p1".to_owned()),
            ("X-Sdk-Date".to_owned(), "20240115T083000Z".to_owned()),
        ];
        if let Some(token) = token {
            headers.push(("X-Security-Token".to_owned(), token));
        }
        let run = |query: &[(String, String)], headers: &[(String, String)]| {
            let q: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            sign(
                &SigningInput { method: "GET", path: "/v2/p1/connections/desktops", query: &q, headers: &h, body: b"" },
                "AK",
                &Secret::new("SK"),
            )
            .map(|s| s.authorization)
        };
        let original = run(&query, &headers);
        prop_assert!(original.is_ok());
        let mut shuffled_query = query.clone();
        let mut shuffled_headers = headers.clone();
        shuffle(&mut shuffled_query, seed);
        shuffle(&mut shuffled_headers, seed.rotate_left(17));
        prop_assert_eq!(original, run(&shuffled_query, &shuffled_headers));
    }
}
