//! A deterministic generator of realistic login records, for the demo, the stand-in server, the
//! tests and the benchmarks.
//!
//! Pure: no clock, no I/O, no global state. The caller passes the seed, the number of records and
//! "now" (Unix seconds); the same three give byte-identical data on every platform, natively and
//! in wasm32. The PRNG (SplitMix64) is written here so the crate needs no `rand` dependency.
//!
//! Memory: records are kept as compact rows (about 64 bytes each) that point into a small
//! population (sites, users, terminals, desktops); [`DemoData::record`] builds the full
//! [`Record`] only for the rows that are shown or sent. A million rows take ~64 MB and about
//! a second to generate in a release build.
//!
//! ```
//! use logins_core::demo::{DemoData, DemoSpec};
//! let data = DemoData::generate(&DemoSpec { seed: 7, records: 500, now_unix: 1_720_000_000 });
//! assert_eq!(data.len(), 500);
//! let newest = data.record(0);
//! let oldest = data.record(499);
//! let start = |r: &logins_core::records::record::Record| r.connection_start_time.as_ref()?.parsed;
//! assert!(start(&newest) >= start(&oldest));
//! ```

use chrono::DateTime;

use crate::records::record::{Record, Timestamp};
use crate::time::format::format_unix;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSpec {
    /// Same seed, same data.
    pub seed: u64,
    /// Number of records.
    pub records: usize,
    /// The newest possible connection start, in Unix seconds (the generator has no clock).
    pub now_unix: i64,
}

/// Generated data: a population and its rows, newest connection first.
#[derive(Clone, Debug)]
pub struct DemoData {
    sites: Vec<Site>,
    users: Vec<User>,
    terminals: Vec<Terminal>,
    desktops: Vec<Desktop>,
    rows: Vec<Row>,
}

/// A cheap view of one row, for filtering without building strings.
#[derive(Clone, Copy, Debug)]
pub struct DemoRow<'a> {
    data: &'a DemoData,
    row: &'a Row,
}

impl<'a> DemoRow<'a> {
    pub fn user_name(&self) -> &'a str {
        &self.data.users[self.row.user as usize].name
    }

    pub fn computer_name(&self) -> &'a str {
        &self.data.desktops[self.row.desktop as usize].name
    }

    pub fn terminal_type(&self) -> &'a str {
        TERMINAL_KINDS[self.data.terminals[self.row.terminal as usize].kind as usize].type_name
    }

    /// Connection start, Unix seconds.
    pub fn start_unix(&self) -> i64 {
        self.row.start
    }

    pub fn network_rtt(&self) -> Option<u32> {
        self.row
            .has_rtt()
            .then_some(u32::from(self.row.network_rtt))
    }

    pub fn e2e_rtt(&self) -> Option<u32> {
        self.row.has_rtt().then_some(u32::from(self.row.e2e_rtt))
    }

    pub fn public_ip(&self) -> Option<String> {
        self.data.public_ip(self.row)
    }

    pub fn enterprise_project_id(&self) -> &'a str {
        self.data.desktops[self.row.desktop as usize].enterprise_project_id
    }

    pub fn is_failure(&self) -> bool {
        self.row.failure != 0
    }

    pub fn is_reconnect(&self) -> bool {
        self.row.flags & RECONNECT != 0
    }

    /// The record's `transaction_id` (`None` for the rows shaped like the API doc's example),
    /// without building the whole record.
    pub fn transaction_id(&self) -> Option<String> {
        (self.row.flags & LEGACY == 0).then(|| uuid(self.row.tx))
    }

    /// Seconds from the connection start to its setup (0 for a failed login).
    pub fn setup_secs(&self) -> u32 {
        self.row.setup_s
    }

    /// Why the login failed, as the record's `connection_failure_reason`, with its position in
    /// the generator's list of reasons; `None` for a login that succeeded.
    pub fn failure_reason(&self) -> Option<(usize, &'static str)> {
        let index = usize::from(self.row.failure.checked_sub(1)?);
        Some((index, FAILURE_REASONS[index].0))
    }

    pub fn is_ongoing(&self) -> bool {
        self.row.flags & ONGOING != 0
    }

    /// When the session ends (or ended), Unix seconds: start + setup + duration, also for an
    /// ongoing row (whose record has no end time yet). The live stand-in answers the end time
    /// once its clock passes this.
    pub fn end_unix(&self) -> i64 {
        self.row.start + i64::from(self.row.setup_s) + i64::from(self.row.duration_s)
    }

    /// The row's own random number (the seed of its transaction ID): stable for the row, so
    /// choices derived from it (the live stand-in's arrival delay) replay with the data.
    pub fn token(&self) -> u64 {
        self.row.tx
    }

    /// The full record.
    pub fn to_record(&self) -> Record {
        self.data.build(self.row)
    }
}

/// The generator's failure reasons (`connection_failure_reason` values), in its order.
pub fn failure_reasons() -> impl Iterator<Item = &'static str> {
    FAILURE_REASONS.iter().map(|r| r.0)
}

/// A transaction ID in the generator's format, from a random number: for records made from
/// the demo data (the live stand-in's incident logins).
pub fn transaction_id_from(x: u64) -> String {
    uuid(x)
}

impl DemoData {
    /// Generates `spec.records` rows. Deterministic in `spec`.
    pub fn generate(spec: &DemoSpec) -> Self {
        Generator::new(spec).run()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at `index` (0 is the newest), or `None` past the end.
    pub fn get(&self, index: usize) -> Option<DemoRow<'_>> {
        self.rows.get(index).map(|row| DemoRow { data: self, row })
    }

    /// All rows, newest first.
    pub fn iter(&self) -> impl Iterator<Item = DemoRow<'_>> + '_ {
        self.rows.iter().map(move |row| DemoRow { data: self, row })
    }

    /// The full record at `index`. Panics past the end, like slice indexing.
    pub fn record(&self, index: usize) -> Record {
        self.build(&self.rows[index])
    }

    /// Number of distinct users in the population.
    pub fn user_count(&self) -> usize {
        self.users.len()
    }

    fn public_ip(&self, row: &Row) -> Option<String> {
        if row.flags & LEGACY != 0 {
            return Some("0.0.0.0".to_owned());
        }
        (row.flags & NO_PUBLIC_IP == 0).then(|| ipv4(row.public_ip))
    }

    fn build(&self, row: &Row) -> Record {
        let user = &self.users[row.user as usize];
        let terminal = &self.terminals[row.terminal as usize];
        let desktop = &self.desktops[row.desktop as usize];
        let site = &self.sites[user.site as usize];
        let kind = &TERMINAL_KINDS[terminal.kind as usize];
        let legacy = row.flags & LEGACY != 0;
        let failed = row.failure != 0;
        let public_ip = self.public_ip(row);
        let terminal_ip = ipv4(terminal.ip);
        let source_ip = if legacy || row.flags & NO_PUBLIC_IP != 0 {
            None
        } else if site.remote || kind.mobile {
            public_ip.clone()
        } else {
            Some(terminal_ip.clone())
        };
        let time = |secs: i64| Timestamp {
            raw: format_unix(secs),
            parsed: DateTime::from_timestamp(secs, 0),
        };
        Record {
            tenant_id: None,
            sid: (!legacy).then(|| desktop.sid.clone()),
            transaction_id: (!legacy).then(|| uuid(row.tx)),
            computer_name: Some(desktop.name.clone()),
            user_name: Some(user.name.clone()),
            terminal_mac: (row.flags & NO_MAC == 0).then(|| mac(terminal.mac)),
            terminal_name: Some(terminal.name.clone()),
            terminal_ip: (row.flags & NO_TERMINAL_IP == 0).then_some(terminal_ip),
            client_version: Some(version_string(
                CLIENT_VERSIONS[terminal.client_version as usize],
            )),
            terminal_type: Some(kind.type_name.to_owned()),
            agent_version: (row.flags & NO_AGENT == 0).then(|| {
                let v = AGENT_VERSIONS[desktop.agent_version as usize];
                format!("{}.{}", version_string(v), v.3)
            }),
            desktop_ip: Some(ipv4(desktop.ip)),
            connection_start_time: Some(time(row.start)),
            connection_setup_time: (!failed).then(|| time(row.start + i64::from(row.setup_s))),
            connection_end_time: (row.flags & ONGOING == 0)
                .then(|| time(row.start + i64::from(row.setup_s) + i64::from(row.duration_s))),
            is_reconnect: Some(row.flags & RECONNECT != 0),
            connection_failure_reason: failed
                .then(|| FAILURE_REASONS[usize::from(row.failure - 1)].0.to_owned()),
            network_rtt: row.has_rtt().then_some(i64::from(row.network_rtt)),
            e2e_rtt: row.has_rtt().then_some(i64::from(row.e2e_rtt)),
            source_ip,
            public_ip,
            enterprise_project_id: (!legacy).then(|| desktop.enterprise_project_id.to_owned()),
            desktop_id: (!legacy).then(|| desktop.id.clone()),
            region: None,
            project: None,
            invalid_fields: Vec::new(),
        }
    }
}

mod generator;
mod population;

use generator::*;
use population::*;

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_720_000_000; // 2024-07-03T09:46:40Z, a Wednesday

    fn data(n: usize) -> DemoData {
        DemoData::generate(&DemoSpec {
            seed: 42,
            records: n,
            now_unix: NOW,
        })
    }

    #[test]
    fn deterministic_in_the_seed() {
        let a = data(2_000);
        let b = data(2_000);
        for i in [0, 1, 999, 1_999] {
            assert_eq!(a.record(i), b.record(i));
        }
        let c = DemoData::generate(&DemoSpec {
            seed: 43,
            records: 2_000,
            now_unix: NOW,
        });
        assert_ne!(a.record(0), c.record(0));
    }

    #[test]
    fn newest_first_and_never_in_the_future() {
        let d = data(5_000);
        assert_eq!(d.len(), 5_000);
        let starts: Vec<i64> = d.iter().map(|r| r.start_unix()).collect();
        assert!(starts.windows(2).all(|w| w[0] >= w[1]));
        assert!(starts[0] <= NOW);
        for r in d.iter().filter(|r| !r.is_ongoing()) {
            let rec = r.to_record();
            let end = rec.connection_end_time.unwrap();
            assert!(
                end.raw.as_str() <= format_unix(NOW).as_str() || r.is_failure(),
                "{}",
                end.raw
            );
        }
    }

    #[test]
    fn rates_are_realistic() {
        let d = data(50_000);
        let n = d.len() as f64;
        let share = |f: &dyn Fn(&DemoRow) -> bool| d.iter().filter(|r| f(r)).count() as f64 / n;
        let failures = share(&|r| r.is_failure());
        let reconnects = share(&|r| r.is_reconnect());
        let ongoing = share(&|r| r.is_ongoing());
        assert!((0.02..0.04).contains(&failures), "failures {failures}");
        assert!(
            (0.07..0.13).contains(&reconnects),
            "reconnects {reconnects}"
        );
        assert!(ongoing > 0.0005 && ongoing < 0.1, "ongoing {ongoing}");
        // Weekdays dominate: weekend logins are a small minority.
        let weekend = share(&|r| matches!((r.start_unix().div_euclid(86_400) + 4) % 7, 0 | 6));
        assert!(weekend < 0.08, "weekend {weekend}");
        // Some records miss fields, as in the API doc's example.
        let legacy = d.iter().filter(|r| r.row.flags & LEGACY != 0).count();
        assert!(legacy > 0);
        // RTT: e2e is never below network, and there is a tail.
        let mut rtts: Vec<u32> = d.iter().filter_map(|r| r.network_rtt()).collect();
        rtts.sort_unstable();
        let p50 = rtts[rtts.len() / 2];
        let p99 = rtts[rtts.len() * 99 / 100];
        assert!((8..80).contains(&p50), "p50 {p50}");
        assert!(p99 > 3 * p50, "p99 {p99} p50 {p50}");
        assert!(d.iter().all(|r| r.e2e_rtt() >= r.network_rtt()));
        let types: std::collections::BTreeSet<&str> = d.iter().map(|r| r.terminal_type()).collect();
        assert!(types.contains("WI") && types.contains("Windows 11") && types.len() >= 8);
    }

    #[test]
    fn records_have_the_api_shape() {
        let d = data(3_000);
        let json = serde_json::to_value(d.record(0)).unwrap();
        for key in [
            "computer_name",
            "user_name",
            "connection_start_time",
            "is_reconnect",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        for r in d.iter().take(500) {
            let rec = r.to_record();
            let start = rec.connection_start_time.unwrap();
            assert_eq!(start.raw.len(), 20);
            assert!(start.raw.ends_with('Z'));
            assert_eq!(start.parsed, Timestamp::parse(&start.raw).parsed);
            if let Some(mac) = &rec.terminal_mac {
                assert_eq!(mac.len(), 17);
                assert_eq!(mac.matches('-').count(), 5);
            }
            if r.is_failure() {
                assert!(rec.connection_failure_reason.is_some());
                assert!(rec.connection_setup_time.is_none());
                assert!(rec.network_rtt.is_none());
            }
        }
    }

    #[test]
    fn end_unix_is_the_records_end_time() {
        let d = data(3_000);
        for r in d.iter() {
            match r.to_record().connection_end_time {
                Some(end) => assert_eq!(end.parsed.unwrap().timestamp(), r.end_unix()),
                // A reconnect is flagged ongoing with a 2 s setup allowance (its setup is 1-3 s).
                None => assert!(r.is_ongoing() && r.end_unix() + 2 > NOW),
            }
        }
    }

    #[test]
    fn empty_and_tiny() {
        assert!(data(0).is_empty());
        assert_eq!(data(1).len(), 1);
    }

    #[test]
    fn demo_records_read_the_same_as_the_api_json_they_serve() {
        let data = DemoData::generate(&DemoSpec {
            seed: 7,
            records: 300,
            now_unix: 1_700_000_000,
        });
        for row in data.iter() {
            let demo = row.to_record();
            let json = serde_json::to_value(&demo).unwrap();
            let from_api = crate::records::record::Record::from_json(json.as_object().unwrap());
            assert_eq!(demo, from_api);
        }
    }
}
