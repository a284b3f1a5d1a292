//! Properties over arbitrary records: no statistic panics, and they agree with each other and
//! with the plain definitions (every row counted once, KPIs equal to sorting the values).

use super::test_util::{table_of, R};
use super::*;
use crate::records::columns::BandThresholds;
use crate::records::record::Timestamp;
use proptest::prelude::*;

fn arb_time() -> impl Strategy<Value = Option<Timestamp>> {
    prop_oneof![
        3 => (0i64..20_000).prop_map(|t| Some(Timestamp::parse(&crate::time::format::format_unix(1_700_000_000 + t)))),
        1 => Just(None),
        1 => prop::sample::select(vec!["", " ", "bad", "2024-01-15T08:30:00+08:00", "1900-01-01T00:00:00Z"])
            .prop_map(|s| Some(Timestamp::parse(s))),
    ]
}

fn arb_rtt() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        4 => (0i64..2_000).prop_map(Some),
        1 => Just(None),
        1 => prop::sample::select(vec![-1, i64::MIN, i64::MAX, 600_000, 600_001]).prop_map(Some),
    ]
}

fn arb_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(vec![
        "",
        " ",
        "a",
        "b",
        "10.0.0.1",
        "10.0.9.9",
        " 10.0.1.2 ",
        "fe80::1",
    ]))
    .prop_map(|o| o.map(str::to_owned))
}

prop_compose! {
    fn arb_record()(
        start in arb_time(), setup in arb_time(), end in arb_time(),
        network in arb_rtt(), e2e in arb_rtt(),
        user in arb_text(), ip in arb_text(), mac in arb_text(), desktop_ip in arb_text(),
        reason in arb_text(), reconnect in prop::option::of(any::<bool>()),
    ) -> R {
        let mut r = R::none();
        r.0.connection_start_time = start;
        r.0.connection_setup_time = setup;
        r.0.connection_end_time = end;
        r.0.network_rtt = network;
        r.0.e2e_rtt = e2e;
        r.0.user_name = user;
        r.0.public_ip = ip;
        r.0.terminal_mac = mac;
        r.0.desktop_ip = desktop_ip;
        r.0.connection_failure_reason = reason;
        r.0.is_reconnect = reconnect;
        r
    }
}

proptest! {
    #[test]
    fn statistics_agree_and_never_panic(
        records in prop::collection::vec(arb_record(), 0..60),
        now in 1_699_990_000i64..1_700_030_000,
        bucket in prop::sample::select(vec![1i64, 60, 900, 86_400, i64::MAX]),
    ) {
        let table = table_of(records);
        let mut rows: Vec<RowId> = table.row_ids().collect();
        rows.push(9_999); // a row that does not exist
        let n = rows.len();
        let k = kpis(&table, &rows);
        prop_assert_eq!(k.logins, n);
        for (metric, p50, p95, skipped) in [
            (Metric::NetworkRtt, k.network_p50, k.network_p95, k.skipped_network),
            (Metric::E2eRtt, k.e2e_p50, k.e2e_p95, k.skipped_e2e),
            (Metric::SetupTime, k.setup_median_s, None, k.skipped_setup),
            (Metric::SessionDuration, k.duration_median_s, None, k.skipped_duration),
        ] {
            let v = values(&table, &rows, metric);
            prop_assert_eq!(v.skipped, skipped);
            prop_assert_eq!(median(&v.sorted), p50);
            if metric == Metric::NetworkRtt || metric == Metric::E2eRtt {
                prop_assert_eq!(percentile(&v.sorted, 95.0), p95);
                prop_assert!(v.sorted.iter().all(|&x| (0..=MAX_RTT_MS).contains(&x)));
            } else {
                prop_assert!(v.sorted.iter().all(|&x| x >= 0));
            }
            let ongoing = if metric == Metric::SessionDuration { k.ongoing } else { 0 };
            prop_assert_eq!(v.sorted.len() + v.skipped.total() + ongoing, n);
            let bins = rtt_histogram(&v.sorted);
            prop_assert_eq!(bins.iter().map(|b| b.count).sum::<usize>(), v.sorted.len());
            let s = percentile_series(&table, &rows, metric, bucket);
            let timed = v.sorted.len() - rows.iter().filter(|&&r| {
                start_of(&table, r).is_none()
                    && matches!(values::read(&table, r, metric), values::Reading::Value(_))
            }).count();
            prop_assert_eq!(s.iter().map(|p| p.count).sum::<usize>(), timed);
        }
        let with_start = rows.iter().filter(|&&r| start_of(&table, r).is_some()).count();
        let logins = login_series(&table, &rows, bucket);
        prop_assert_eq!(logins.iter().map(|p| p.succeeded + p.failed).sum::<usize>(), with_start);
        prop_assert_eq!(logins.iter().map(|p| p.failed).sum::<usize>(),
            rows.iter().filter(|&&r| start_of(&table, r).is_some() && table.facts(r).is_some_and(|f| f.failed)).count());
        prop_assert_eq!(time_span(&table, &rows).is_some(), with_start > 0);
        if let Some((lo, hi)) = time_span(&table, &rows) {
            prop_assert_eq!(rows_in_window(&table, &rows, lo, hi).len(), with_start);
            let (a, b) = previous_window(lo, hi);
            prop_assert!(rows_in_window(&table, &rows, a, b).is_empty());
        }
        let c = concurrency_series(&table, &rows, now, bucket);
        prop_assert!(c.iter().all(|p| p.max_concurrent <= n));
        let grid = hour_weekday(&table, &rows, &|_| 60);
        prop_assert_eq!(grid.iter().flatten().sum::<usize>(), with_start);
        let reasons = failure_reasons(&table, &rows);
        prop_assert_eq!(reasons.iter().map(|r| r.count).sum::<usize>(), k.failures);
        if k.failures > 0 {
            prop_assert!((reasons.iter().map(|r| r.share).sum::<f64>() - 1.0).abs() < 1e-9);
        }
        for d in Dimension::ALL {
            let groups = breakdown(&table, &rows, d);
            // The row that does not exist is in no group.
            prop_assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), n - 1);
            prop_assert_eq!(groups.iter().map(|g| g.failures).sum::<usize>(), k.failures);
            for g in &groups {
                let members = group_rows(&table, &rows, d, g);
                prop_assert_eq!(members.len(), g.count);
                // A click on the group filters the table to exactly its rows.
                if let Some(filter) = d.filter_for(g) {
                    let mut row_filter = crate::records::filter::RowFilter::default();
                    row_filter.narrow(filter);
                    let bands = BandThresholds::default();
                    prop_assert_eq!(crate::records::filter::filter_rows(&table, &row_filter, &bands), members);
                }
            }
            let top = top_by_p95(&groups, Metric::E2eRtt, 3);
            prop_assert!(top.windows(2).all(|w| w[0].e2e_p95 >= w[1].e2e_p95));
        }
        let bands = BandThresholds::default();
        for user in ["a", "b", "", " "] {
            let s = user_sessions(&table, &rows, user, &bands);
            prop_assert!(s.windows(2).all(|w| (w[0].start, w[0].row) < (w[1].start, w[1].row)));
        }
        let flags = new_locations(&table, &rows);
        prop_assert!(flags.windows(2).all(|w| (w[0].start, w[0].row) < (w[1].start, w[1].row)));
        prop_assert_eq!(new_locations_by_user(&flags).iter().map(|u| u.1).sum::<usize>(), flags.len());
    }
}
