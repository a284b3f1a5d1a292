//! Breakdowns: the KPIs per user, computer, terminal type, version, public IP, desktop subnet,
//! region or project (the last two when records of several targets are loaded).

use super::group_values;
use super::percentile::select_percentiles;
use super::values::{judge, Metric, Reading};
use crate::i18n::analytics as t;
use crate::i18n::Text;
use crate::records::columns::ColumnId;
use crate::records::filter::{ipv4_subnet16, ColumnFilter};
use crate::records::table::{RecordTable, RowId, Sym};
use std::borrow::Cow;
use std::collections::HashMap;

/// The key of the group of rows whose value is absent or blank. A view shows
/// [`Group::name`] instead, which says it in the reader's language.
pub const MISSING_KEY: &str = "(missing)";

/// What to group rows by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    User,
    Computer,
    TerminalType,
    ClientVersion,
    AgentVersion,
    PublicIp,
    /// The desktop IP's /16 network, `"a.b.0.0/16"`: desktops of one subnet usually share a
    /// site, a host pool or a network path, so a bad subnet points at infrastructure. A desktop
    /// IP that is not IPv4 is its own group (its text); an absent one is missing.
    DesktopSubnet,
    /// The region of the target a record was fetched from (its ID, as the Region column).
    Region,
    /// The target's label, else its project ID (as the Project column).
    Project,
}

impl Dimension {
    /// Every dimension, in the order the breakdown selector lists them.
    pub const ALL: [Dimension; 9] = [
        Dimension::User,
        Dimension::Computer,
        Dimension::TerminalType,
        Dimension::ClientVersion,
        Dimension::AgentVersion,
        Dimension::PublicIp,
        Dimension::DesktopSubnet,
        Dimension::Region,
        Dimension::Project,
    ];

    /// Whether the selector offers this dimension for records from `regions` distinct regions
    /// and `projects` distinct projects (`records::column_choice::origins`): a breakdown by
    /// region or project is offered only when there is something to compare, so a single
    /// target's selector is as before.
    ///
    /// ```
    /// use logins_core::stats::Dimension;
    /// assert!(Dimension::User.offered(0, 0));
    /// assert!(!Dimension::Region.offered(1, 3));
    /// assert!(Dimension::Project.offered(1, 3));
    /// ```
    pub fn offered(self, regions: usize, projects: usize) -> bool {
        match self {
            Dimension::Region => regions > 1,
            Dimension::Project => projects > 1,
            _ => true,
        }
    }

    /// Its name in plain language, for the selector, in every language.
    ///
    /// ```
    /// use logins_core::i18n::Lang;
    /// use logins_core::stats::Dimension;
    /// assert_eq!(Dimension::DesktopSubnet.label().get(Lang::En), "Desktop subnet (/16)");
    /// assert_eq!(Dimension::DesktopSubnet.label().get(Lang::Zh), "桌面IP网段 (/16)");
    /// ```
    pub fn label(self) -> Text {
        match self {
            Dimension::User => t::DIMENSION_USER,
            Dimension::Computer => t::DIMENSION_COMPUTER,
            Dimension::TerminalType => t::DIMENSION_TERMINAL_TYPE,
            Dimension::ClientVersion => t::DIMENSION_CLIENT_VERSION,
            Dimension::AgentVersion => t::DIMENSION_AGENT_VERSION,
            Dimension::PublicIp => t::DIMENSION_PUBLIC_IP,
            Dimension::DesktopSubnet => t::DIMENSION_DESKTOP_SUBNET,
            Dimension::Region => t::DIMENSION_REGION,
            Dimension::Project => t::DIMENSION_PROJECT,
        }
    }

    /// The table column whose value is the group's key; `None` for
    /// [`Dimension::DesktopSubnet`], whose key no column holds.
    pub fn column(self) -> Option<ColumnId> {
        match self {
            Dimension::DesktopSubnet => None,
            other => Some(other.source()),
        }
    }

    /// The filter that keeps exactly the rows of `group` (from [`breakdown`] with this
    /// dimension): what a click on a breakdown row or a ranked bar narrows the table to. A
    /// subnet is matched by its typed network ([`Group::subnet`]), never by re-reading the
    /// group's text. `None` for the missing group: no column filter keeps only absent values.
    ///
    /// ```
    /// use logins_core::records::filter::ColumnFilter;
    /// use logins_core::records::record::Record;
    /// use logins_core::records::table::RecordTable;
    /// use logins_core::records::columns::ColumnId;
    /// use logins_core::stats::{breakdown, Dimension};
    /// let table = RecordTable::from_records([Record {
    ///     desktop_ip: Some("172.16.3.4".into()), ..Record::default()
    /// }]);
    /// let groups = breakdown(&table, &[0], Dimension::DesktopSubnet);
    /// assert_eq!(groups[0].key, "172.16.0.0/16");
    /// assert_eq!(
    ///     Dimension::DesktopSubnet.filter_for(&groups[0]),
    ///     Some(ColumnFilter::Subnet16 { column: ColumnId::DesktopIp, network: [172, 16] })
    /// );
    /// ```
    pub fn filter_for(self, group: &Group) -> Option<ColumnFilter> {
        let column = self.source();
        match (group.missing_key, group.subnet) {
            (true, _) => None,
            (false, Some(network)) => Some(ColumnFilter::Subnet16 { column, network }),
            (false, None) => Some(ColumnFilter::Equals {
                column,
                value: group.key.clone(),
            }),
        }
    }

    /// The column the key is read from.
    fn source(self) -> ColumnId {
        match self {
            Dimension::User => ColumnId::UserName,
            Dimension::Computer => ColumnId::ComputerName,
            Dimension::TerminalType => ColumnId::TerminalType,
            Dimension::ClientVersion => ColumnId::ClientVersion,
            Dimension::AgentVersion => ColumnId::AgentVersion,
            Dimension::PublicIp => ColumnId::PublicIp,
            Dimension::DesktopSubnet => ColumnId::DesktopIp,
            Dimension::Region => ColumnId::Region,
            Dimension::Project => ColumnId::Project,
        }
    }

    /// The group key of a present text, with its /16 network when it is one; `None` when
    /// blank.
    fn key_of_text(self, text: &str) -> Option<(Cow<'_, str>, Option<[u8; 2]>)> {
        if text.trim().is_empty() {
            return None;
        }
        if self == Dimension::DesktopSubnet {
            if let Some([a, b]) = ipv4_subnet16(text) {
                return Some((Cow::Owned(format!("{a}.{b}.0.0/16")), Some([a, b])));
            }
        }
        Some((Cow::Borrowed(text), None))
    }
}

/// The statistics of one group.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The value shared by the group's rows (as sent: the `Equals` filter matches it), or
    /// [`MISSING_KEY`] for rows without one.
    pub key: String,
    /// Whether this is the rows-without-a-value group (a real value could read "(missing)").
    pub missing_key: bool,
    /// For a desktop subnet, its /16 network's first two octets: the typed form of `key`.
    pub subnet: Option<[u8; 2]>,
    /// Logins in the group (always at least 1).
    pub count: usize,
    pub failures: usize,
    /// `failures / count`.
    pub failure_rate: f64,
    /// Reconnects among the rows whose `is_reconnect` is known, divided by those rows; 0 when
    /// none is known (then `reconnect_unknown == count`: show "n/a", not 0%).
    pub reconnect_rate: f64,
    /// Rows without `is_reconnect` (added to the lead's API).
    pub reconnect_unknown: usize,
    /// Nearest-rank percentiles of the group's valid RTTs, ms; `None` when it has none.
    pub network_p50: Option<i64>,
    pub network_p95: Option<i64>,
    pub e2e_p50: Option<i64>,
    pub e2e_p95: Option<i64>,
}

/// Per-group counters while scanning.
#[derive(Clone, Default)]
struct Tally {
    count: usize,
    failures: usize,
    reconnects: usize,
    reconnect_unknown: usize,
}

/// Groups `rows` by `dimension` and computes each group's statistics; sorted by count
/// (largest first), then key. Keys are resolved once per distinct symbol, not per row; the RTT
/// percentiles come from one counting sort of (group, value) pairs per metric and a selection
/// per group: O(n) apart from the final sort of the groups. Rows that do not exist are in no
/// group.
///
/// The rows themselves are not returned (that would be a copy of the view per group); to show
/// a group's rows, filter by [`Dimension::filter_for`], or use [`group_rows`].
pub fn breakdown(table: &RecordTable, rows: &[RowId], dimension: Dimension) -> Vec<Group> {
    let mut keys = Keys::new(table, dimension);
    let mut tallies: Vec<Tally> = Vec::new();
    let mut network: Vec<(u32, i64)> = Vec::new();
    let mut e2e: Vec<(u32, i64)> = Vec::new();
    for &row in rows {
        let Some(f) = table.facts(row) else {
            continue;
        };
        let g = keys.group_of(table, f.sym(dimension.source()));
        if g as usize >= tallies.len() {
            tallies.resize(g as usize + 1, Tally::default());
        }
        let t = &mut tallies[g as usize];
        t.count += 1;
        t.failures += usize::from(f.failed);
        match f.reconnect {
            Some(r) => t.reconnects += usize::from(r),
            None => t.reconnect_unknown += 1,
        }
        if let Reading::Value(v) = judge(table, row, &f, Metric::NetworkRtt) {
            network.push((g, v));
        }
        if let Reading::Value(v) = judge(table, row, &f, Metric::E2eRtt) {
            e2e.push((g, v));
        }
    }
    let network = percentiles_by_group(&network, tallies.len());
    let e2e = percentiles_by_group(&e2e, tallies.len());
    let mut groups: Vec<Group> = tallies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.count > 0)
        .map(|(g, t)| {
            let (key, subnet, missing_key) = match &keys.names[g] {
                Some((name, subnet)) => (name.clone(), *subnet, false),
                None => (MISSING_KEY.to_owned(), None, true),
            };
            let known = t.count - t.reconnect_unknown;
            Group {
                key,
                missing_key,
                subnet,
                count: t.count,
                failures: t.failures,
                failure_rate: t.failures as f64 / t.count as f64,
                reconnect_rate: if known == 0 {
                    0.0
                } else {
                    t.reconnects as f64 / known as f64
                },
                reconnect_unknown: t.reconnect_unknown,
                network_p50: network[g].0,
                network_p95: network[g].1,
                e2e_p50: e2e[g].0,
                e2e_p95: e2e[g].1,
            }
        })
        .collect();
    crate::records::sort::sort_stable_by(&mut groups, &|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.missing_key.cmp(&b.missing_key))
    });
    groups
}

/// Maps rows to group indexes: per symbol once, then a vector lookup per row.
struct Keys {
    dimension: Dimension,
    /// Group index per symbol index; `u32::MAX` not resolved yet.
    by_sym: Vec<u32>,
    /// Group index per key (only needed when several symbols share a key: subnets).
    by_key: HashMap<String, u32>,
    /// Key text (and /16 network) per group; `None` is the missing group.
    names: Vec<Option<(String, Option<[u8; 2]>)>>,
    missing: Option<u32>,
}

impl Keys {
    fn new(table: &RecordTable, dimension: Dimension) -> Self {
        Keys {
            dimension,
            by_sym: vec![u32::MAX; table.symbol_count()],
            by_key: HashMap::new(),
            names: Vec::new(),
            missing: None,
        }
    }

    fn group_of(&mut self, table: &RecordTable, sym: Option<Sym>) -> u32 {
        let Some(sym) = sym else {
            return self.missing();
        };
        match self.by_sym.get(sym.index()) {
            Some(&g) if g != u32::MAX => g,
            _ => {
                let g = self.resolve(table, sym);
                if let Some(slot) = self.by_sym.get_mut(sym.index()) {
                    *slot = g;
                }
                g
            }
        }
    }

    fn resolve(&mut self, table: &RecordTable, sym: Sym) -> u32 {
        let Some((key, subnet)) = self.dimension.key_of_text(table.text(sym)) else {
            return self.missing();
        };
        if let Some(&g) = self.by_key.get(key.as_ref()) {
            return g;
        }
        let g = self.names.len() as u32;
        self.names.push(Some((key.clone().into_owned(), subnet)));
        self.by_key.insert(key.into_owned(), g);
        g
    }

    fn missing(&mut self) -> u32 {
        *self.missing.get_or_insert_with(|| {
            self.names.push(None);
            (self.names.len() - 1) as u32
        })
    }
}

/// (p50, p95) per group index from (group, value) pairs.
fn percentiles_by_group(pairs: &[(u32, i64)], groups: usize) -> Vec<(Option<i64>, Option<i64>)> {
    let (offsets, mut values) = group_values(pairs, groups);
    (0..groups)
        .map(|g| {
            let [p50, p95] =
                select_percentiles(&mut values[offsets[g]..offsets[g + 1]], [50.0, 95.0]);
            (p50, p95)
        })
        .collect()
}

/// The rows of `group` (from [`breakdown`] with the same `dimension`), in the given order;
/// also for the missing group, which no column filter expresses.
pub fn group_rows(
    table: &RecordTable,
    rows: &[RowId],
    dimension: Dimension,
    group: &Group,
) -> Vec<RowId> {
    rows.iter()
        .copied()
        .filter(|&row| {
            // A row that does not exist is in no group, as in `breakdown`.
            let Some(f) = table.facts(row) else {
                return false;
            };
            let key = f
                .sym(dimension.source())
                .and_then(|sym| dimension.key_of_text(table.text(sym)));
            match key {
                Some((k, _)) => !group.missing_key && k == group.key,
                None => group.missing_key,
            }
        })
        .collect()
}

/// The `n` groups with the highest p95 of `metric` ([`Metric::NetworkRtt`] or
/// [`Metric::E2eRtt`]; any other gives none), highest first, then by count (larger first) and
/// key: "the top 20 users by p95 RTT". Groups without a valid RTT are left out. A group of one
/// login can top the list; to require a minimum sample, filter `groups` by count first.
pub fn top_by_p95(groups: &[Group], metric: Metric, n: usize) -> Vec<Group> {
    let p95 = |g: &Group| match metric {
        Metric::NetworkRtt => g.network_p95,
        Metric::E2eRtt => g.e2e_p95,
        Metric::SetupTime | Metric::SessionDuration => None,
    };
    let mut top: Vec<(i64, &Group)> = groups.iter().filter_map(|g| Some((p95(g)?, g))).collect();
    crate::records::sort::sort_stable_by(&mut top, &|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.count.cmp(&a.1.count))
            .then_with(|| a.1.key.cmp(&b.1.key))
    });
    top.into_iter().take(n).map(|(_, g)| g.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::test_util::{table_of, R};

    fn sample() -> crate::records::table::RecordTable {
        table_of(vec![
            R::at(0)
                .user("alice")
                .terminal("Windows")
                .rtt(10, 20)
                .reconnect(false)
                .desktop_ip("10.1.2.3"),
            R::at(1)
                .user("alice")
                .terminal("Windows")
                .rtt(30, 40)
                .reconnect(true)
                .desktop_ip("10.1.9.9"),
            R::at(2)
                .user("alice")
                .terminal("Mac")
                .rtt(20, 30)
                .failed("timeout")
                .reconnect(false)
                .desktop_ip("10.2.0.1"),
            R::at(3)
                .user("bob")
                .terminal("Mac")
                .rtt(-1, 500)
                .desktop_ip("fe80::1"),
            R::at(4)
                .user("bob")
                .rtt(300, 350)
                .reconnect(false)
                .desktop_ip(" "),
            R::at(5).user("  ").net(5).reconnect(true),
            R::at(6).net(7).failed("denied"),
            R::at(7).user("carol").desktop_ip("10.1.0.0"),
        ])
    }

    /// key, missing, count, failure %, reconnect %, network p50/p95, e2e p50/p95.
    type Summary<'a> = (
        &'a str,
        bool,
        usize,
        f64,
        f64,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );

    fn summary(g: &Group) -> Summary<'_> {
        (
            g.key.as_str(),
            g.missing_key,
            g.count,
            g.failure_rate,
            g.reconnect_rate,
            g.network_p50,
            g.network_p95,
            g.e2e_p50,
            g.e2e_p95,
        )
    }

    #[test]
    fn by_user_by_hand() {
        let table = sample();
        let rows: Vec<RowId> = table.row_ids().collect();
        let groups = breakdown(&table, &rows, Dimension::User);
        let got: Vec<_> = groups.iter().map(summary).collect();
        assert_eq!(
            got,
            [
                // alice: network [10, 20, 30] → p50 20, p95 30; e2e [20, 30, 40] → 30, 40.
                (
                    "alice",
                    false,
                    3,
                    1.0 / 3.0,
                    1.0 / 3.0,
                    Some(20),
                    Some(30),
                    Some(30),
                    Some(40)
                ),
                // The blank user and the absent one: one missing group, sorted by key.
                (MISSING_KEY, true, 2, 0.5, 1.0, Some(5), Some(7), None, None),
                // bob: network [300] (the -1 is invalid); e2e [350, 500] → p50 350, p95 500.
                (
                    "bob",
                    false,
                    2,
                    0.0,
                    0.0,
                    Some(300),
                    Some(300),
                    Some(350),
                    Some(500)
                ),
                // carol: no reconnect flag at all → 0.0 with reconnect_unknown == count.
                ("carol", false, 1, 0.0, 0.0, None, None, None, None),
            ]
        );
        assert_eq!(groups[1].reconnect_unknown, 1);
        assert_eq!(groups[3].reconnect_unknown, 1);
        assert_eq!(groups[0].failures, 1);
    }

    #[test]
    fn subnets_and_other_dimensions() {
        let table = sample();
        let rows: Vec<RowId> = table.row_ids().collect();
        let groups = breakdown(&table, &rows, Dimension::DesktopSubnet);
        let got: Vec<(&str, bool, usize)> = groups
            .iter()
            .map(|g| (g.key.as_str(), g.missing_key, g.count))
            .collect();
        assert_eq!(
            got,
            [
                (MISSING_KEY, true, 3),
                ("10.1.0.0/16", false, 3),
                ("10.2.0.0/16", false, 1),
                ("fe80::1", false, 1),
            ]
        );
        assert_eq!(
            group_rows(&table, &rows, Dimension::DesktopSubnet, &groups[1]),
            [0, 1, 7]
        );
        assert_eq!(
            group_rows(&table, &rows, Dimension::DesktopSubnet, &groups[0]),
            [4, 5, 6]
        );
        let groups = breakdown(&table, &rows, Dimension::TerminalType);
        let got: Vec<(&str, usize)> = groups.iter().map(|g| (g.key.as_str(), g.count)).collect();
        assert_eq!(got, [(MISSING_KEY, 4), ("Mac", 2), ("Windows", 2)]);
        assert_eq!(
            group_rows(&table, &rows, Dimension::TerminalType, &groups[1]),
            [2, 3]
        );
        for d in Dimension::ALL {
            let groups = breakdown(&table, &rows, d);
            assert_eq!(
                groups.iter().map(|g| g.count).sum::<usize>(),
                rows.len(),
                "{d:?}"
            );
            assert!(breakdown(&table, &[], d).is_empty());
            assert!(!d.label().en.is_empty());
            assert_eq!(d.column().is_none(), d == Dimension::DesktopSubnet);
        }
        assert_eq!(Dimension::User.column(), Some(ColumnId::UserName));
    }

    #[test]
    fn a_groups_filter_keeps_exactly_its_rows() {
        use crate::records::columns::BandThresholds;
        use crate::records::filter::{filter_rows, RowFilter};
        let table = sample();
        let rows: Vec<RowId> = table.row_ids().collect();
        for d in Dimension::ALL {
            for g in breakdown(&table, &rows, d) {
                let Some(filter) = d.filter_for(&g) else {
                    assert!(g.missing_key, "{d:?} {}", g.key);
                    continue;
                };
                let mut row_filter = RowFilter::default();
                row_filter.narrow(filter);
                assert_eq!(
                    filter_rows(&table, &row_filter, &BandThresholds::default()),
                    group_rows(&table, &rows, d, &g),
                    "{d:?} {}",
                    g.key
                );
            }
        }
        let subnets = breakdown(&table, &rows, Dimension::DesktopSubnet);
        assert_eq!(subnets[1].subnet, Some([10, 1]));
        // A desktop IP that is not IPv4 is its own group, filtered by its exact text.
        assert_eq!(
            Dimension::DesktopSubnet.filter_for(&subnets[3]),
            Some(ColumnFilter::Equals {
                column: ColumnId::DesktopIp,
                value: "fe80::1".into()
            })
        );
    }

    #[test]
    fn top_offenders() {
        let table = sample();
        let rows: Vec<RowId> = table.row_ids().collect();
        let groups = breakdown(&table, &rows, Dimension::User);
        let top: Vec<(String, Option<i64>)> = top_by_p95(&groups, Metric::NetworkRtt, 2)
            .into_iter()
            .map(|g| (g.key, g.network_p95))
            .collect();
        assert_eq!(top, [("bob".into(), Some(300)), ("alice".into(), Some(30))]);
        let top = top_by_p95(&groups, Metric::E2eRtt, 20);
        assert_eq!(
            top.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(),
            ["bob", "alice"]
        );
        assert!(top_by_p95(&groups, Metric::SetupTime, 5).is_empty());
        assert!(top_by_p95(&groups, Metric::NetworkRtt, 0).is_empty());
        assert!(top_by_p95(&[], Metric::NetworkRtt, 5).is_empty());
    }

    #[test]
    fn by_region_and_project_with_the_same_login_id_in_two_projects() {
        use crate::records::columns::BandThresholds;
        use crate::records::filter::{filter_rows, RowFilter};
        use crate::records::record::Record;
        let login = |region: &str, project: &str, tx: &str, rtt: i64, failed: bool| Record {
            region: Some(region.into()),
            project: Some(project.into()),
            transaction_id: Some(tx.into()),
            network_rtt: Some(rtt),
            connection_failure_reason: failed.then(|| "timeout".to_owned()),
            ..Record::default()
        };
        let table = RecordTable::from_records([
            login("cn-north-4", "beijing", "t1", 10, false),
            login("cn-north-4", "beijing", "t2", 20, true),
            login("cn-north-4", "beijing-2", "t1", 30, false),
            login("cn-east-3", "shanghai", "t1", 40, false),
            Record {
                transaction_id: Some("t9".into()),
                ..Record::default()
            },
        ]);
        assert_eq!(table.len(), 5, "the same transaction ID in three projects");
        let rows: Vec<RowId> = table.row_ids().collect();
        let by = |d| -> Vec<(String, usize, usize, Option<i64>)> {
            breakdown(&table, &rows, d)
                .into_iter()
                .map(|g| (g.key, g.count, g.failures, g.network_p95))
                .collect()
        };
        assert_eq!(
            by(Dimension::Region),
            [
                ("cn-north-4".into(), 3, 1, Some(30)),
                (MISSING_KEY.into(), 1, 0, None),
                ("cn-east-3".into(), 1, 0, Some(40)),
            ]
        );
        assert_eq!(
            by(Dimension::Project),
            [
                ("beijing".into(), 2, 1, Some(20)),
                (MISSING_KEY.into(), 1, 0, None),
                ("beijing-2".into(), 1, 0, Some(30)),
                ("shanghai".into(), 1, 0, Some(40)),
            ]
        );
        // A click on a region keeps exactly its rows.
        let north = &breakdown(&table, &rows, Dimension::Region)[0];
        let mut filter = RowFilter::default();
        filter.narrow(Dimension::Region.filter_for(north).unwrap());
        assert_eq!(
            filter_rows(&table, &filter, &BandThresholds::default()),
            [0, 1, 2]
        );
        assert_eq!(Dimension::Region.column(), Some(ColumnId::Region));
        assert_eq!(Dimension::Project.column(), Some(ColumnId::Project));
        let offered = |regions, projects| -> Vec<Dimension> {
            Dimension::ALL
                .into_iter()
                .filter(|d| d.offered(regions, projects))
                .collect()
        };
        assert_eq!(offered(0, 0), Dimension::ALL[..7]);
        assert_eq!(offered(1, 1), Dimension::ALL[..7]);
        assert_eq!(offered(1, 2).last(), Some(&Dimension::Project));
        assert_eq!(offered(2, 2), Dimension::ALL);
    }
}
