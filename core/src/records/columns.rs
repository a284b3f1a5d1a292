//! The records table's columns: what each one is called, what kind of value it holds, whether it
//! is shown by default, and the typed [`Cell`] a row has in it.
//!
//! Why typed cells rather than strings: sorting, filtering, the KPIs and the exports all need the
//! value (an instant, a number of milliseconds), and only the last step, the DOM or a CSV file,
//! needs text. [`Cell::display`] is that last step, so the table, the row detail and the CSV
//! export show the very same text.
//!
//! Derived columns, and the decisions behind them:
//! - **Setup time** = `connection_setup_time − connection_start_time`, in seconds. Missing when
//!   either time is absent or unparsable. A negative value is kept and shown (`-3 s`): it is a
//!   data problem worth seeing, and sorting ascending brings it to the top.
//! - **Session duration** = `connection_end_time − connection_start_time`; [`Cell::Ongoing`]
//!   when the end time is absent (or blank), the start time is known and the connection did not
//!   fail (a failed connection has no session, so its duration is missing, not "ongoing").
//!   Negative values are kept, as for setup time.
//! - **Network/E2E quality** is the RTT's [`Band`] by [`BandThresholds`]. A negative RTT is the
//!   service's "not measured" marker (the API sends `-1`), so its band is missing while the RTT
//!   column still shows the value as sent.
//! - **Outcome** is failed exactly when `connection_failure_reason` is non-empty after trimming.
//!
//! Blank text (empty or only whitespace) is shown, sorted and filtered as missing: it looks
//! the same to the user, and missing values sort last.

use crate::i18n::Lang;
use crate::time::format::{format_duration, format_time, DisplayZone};

/// One column of the records table. The order of the variants is the default column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ColumnId {
    UserName,
    ComputerName,
    TerminalType,
    ConnectionStart,
    ConnectionSetup,
    ConnectionEnd,
    SetupTime,
    SessionDuration,
    NetworkRtt,
    NetworkBand,
    E2eRtt,
    E2eBand,
    Outcome,
    FailureReason,
    IsReconnect,
    PublicIp,
    SourceIp,
    TerminalIp,
    TerminalName,
    TerminalMac,
    ClientVersion,
    AgentVersion,
    DesktopIp,
    DesktopId,
    EnterpriseProjectId,
    TransactionId,
    Sid,
    TenantId,
}

/// What a column holds, which decides its [`Cell`] variants, how it sorts and which filters
/// apply to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// [`Cell::Text`]: compared case-insensitively; searchable by the quick filter.
    Text,
    /// [`Cell::Time`] (Unix seconds) or [`Cell::TimeText`] (unparsable, shown verbatim).
    Time,
    /// [`Cell::Duration`] in seconds, or [`Cell::Ongoing`].
    Duration,
    /// [`Cell::Ms`].
    Milliseconds,
    /// [`Cell::Band`].
    Band,
    /// [`Cell::Bool`].
    Bool,
    /// [`Cell::Outcome`].
    Outcome,
}

/// A column's fixed description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub id: ColumnId,
    /// Stable snake_case identifier, for the column choice saved in localStorage and for URLs:
    /// never change one, or saved choices silently lose that column.
    pub key: &'static str,
    /// The header in plain language. Time columns get their zone appended by the caller.
    pub header: &'static str,
    pub kind: ColumnKind,
    /// Shown until the user chooses otherwise.
    pub default_visible: bool,
}

const fn spec(
    id: ColumnId,
    key: &'static str,
    header: &'static str,
    kind: ColumnKind,
    default_visible: bool,
) -> ColumnSpec {
    ColumnSpec {
        id,
        key,
        header,
        kind,
        default_visible,
    }
}

/// Every column, in the default order (the order of [`ColumnId`]'s variants).
///
/// Shown by default: who, where from, when, how long, how well, and whether it worked, which is
/// what an administrator scans for. Hidden by default, but in the chooser and the row detail:
/// - the raw setup and end times (setup time and session duration already say what they mean);
/// - identifiers nobody reads in a list: transaction ID, SID, tenant ID, desktop ID, enterprise
///   project ID;
/// - network plumbing useful only when chasing one problem: source, terminal and desktop IP,
///   terminal MAC, terminal name, agent version (the client version stays visible, because
///   outdated clients are a common cause of bad sessions).
pub const COLUMNS: [ColumnSpec; 28] = {
    use ColumnId as C;
    use ColumnKind as K;
    [
        spec(C::UserName, "user_name", "User name", K::Text, true),
        spec(
            C::ComputerName,
            "computer_name",
            "Computer name",
            K::Text,
            true,
        ),
        spec(
            C::TerminalType,
            "terminal_type",
            "Terminal type",
            K::Text,
            true,
        ),
        spec(
            C::ConnectionStart,
            "connection_start",
            "Connection start",
            K::Time,
            true,
        ),
        spec(
            C::ConnectionSetup,
            "connection_setup",
            "Connection setup",
            K::Time,
            false,
        ),
        spec(
            C::ConnectionEnd,
            "connection_end",
            "Connection end",
            K::Time,
            false,
        ),
        spec(C::SetupTime, "setup_time", "Setup time", K::Duration, true),
        spec(
            C::SessionDuration,
            "session_duration",
            "Session duration",
            K::Duration,
            true,
        ),
        spec(
            C::NetworkRtt,
            "network_rtt",
            "Network RTT",
            K::Milliseconds,
            true,
        ),
        spec(
            C::NetworkBand,
            "network_band",
            "Network quality",
            K::Band,
            true,
        ),
        spec(C::E2eRtt, "e2e_rtt", "E2E RTT", K::Milliseconds, true),
        spec(C::E2eBand, "e2e_band", "E2E quality", K::Band, true),
        spec(C::Outcome, "outcome", "Outcome", K::Outcome, true),
        spec(
            C::FailureReason,
            "failure_reason",
            "Failure reason",
            K::Text,
            true,
        ),
        spec(C::IsReconnect, "is_reconnect", "Reconnect", K::Bool, true),
        spec(C::PublicIp, "public_ip", "Public IP", K::Text, true),
        spec(C::SourceIp, "source_ip", "Source IP", K::Text, false),
        spec(C::TerminalIp, "terminal_ip", "Terminal IP", K::Text, false),
        spec(
            C::TerminalName,
            "terminal_name",
            "Terminal name",
            K::Text,
            false,
        ),
        spec(
            C::TerminalMac,
            "terminal_mac",
            "Terminal MAC",
            K::Text,
            false,
        ),
        spec(
            C::ClientVersion,
            "client_version",
            "Client version",
            K::Text,
            true,
        ),
        spec(
            C::AgentVersion,
            "agent_version",
            "Agent version",
            K::Text,
            false,
        ),
        spec(C::DesktopIp, "desktop_ip", "Desktop IP", K::Text, false),
        spec(C::DesktopId, "desktop_id", "Desktop ID", K::Text, false),
        spec(
            C::EnterpriseProjectId,
            "enterprise_project_id",
            "Enterprise project ID",
            K::Text,
            false,
        ),
        spec(
            C::TransactionId,
            "transaction_id",
            "Transaction ID",
            K::Text,
            false,
        ),
        spec(C::Sid, "sid", "SID", K::Text, false),
        spec(C::TenantId, "tenant_id", "Tenant ID", K::Text, false),
    ]
};

/// The description of `id`.
///
/// ```
/// use logins_core::records::columns::{column, ColumnId};
/// assert_eq!(column(ColumnId::E2eRtt).header, "E2E RTT");
/// ```
pub fn column(id: ColumnId) -> &'static ColumnSpec {
    // COLUMNS is in variant order (a test checks it), so the discriminant is the index.
    &COLUMNS[id as usize]
}

/// The column saved under `key` (see [`ColumnSpec::key`]); `None` for an unknown key, e.g. one
/// saved by a later version.
pub fn column_by_key(key: &str) -> Option<&'static ColumnSpec> {
    COLUMNS.iter().find(|c| c.key == key)
}

/// RTT quality thresholds in milliseconds: good ≤ `good_max_ms` < fair ≤ `fair_max_ms` < poor.
/// Configurable because what counts as good depends on the workload (office vs. video).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BandThresholds {
    pub good_max_ms: i64,
    pub fair_max_ms: i64,
}

impl Default for BandThresholds {
    /// Good ≤ 100 ms, fair ≤ 200 ms, poor above: the usual guidance for remote desktops.
    fn default() -> Self {
        BandThresholds {
            good_max_ms: 100,
            fair_max_ms: 200,
        }
    }
}

/// An RTT quality band. Ordered good < fair < poor, which is also its sort order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    Good,
    Fair,
    Poor,
}

impl Band {
    /// The band of an RTT; `None` for a negative RTT, the service's "not measured" marker.
    /// Thresholds in the wrong order (good above fair) make nothing "fair", never panic.
    ///
    /// ```
    /// use logins_core::records::columns::{Band, BandThresholds};
    /// let t = BandThresholds::default();
    /// assert_eq!(Band::of(100, &t), Some(Band::Good));
    /// assert_eq!(Band::of(101, &t), Some(Band::Fair));
    /// assert_eq!(Band::of(201, &t), Some(Band::Poor));
    /// assert_eq!(Band::of(-1, &t), None);
    /// ```
    pub fn of(rtt_ms: i64, thresholds: &BandThresholds) -> Option<Band> {
        if rtt_ms < 0 {
            None
        } else if rtt_ms <= thresholds.good_max_ms {
            Some(Band::Good)
        } else if rtt_ms <= thresholds.fair_max_ms {
            Some(Band::Fair)
        } else {
            Some(Band::Poor)
        }
    }

    /// Every band, best first.
    pub const ALL: [Band; 3] = [Band::Good, Band::Fair, Band::Poor];

    /// `"good"`, `"fair"` or `"poor"`: the cell's text, and the value of a band `<option>`.
    pub fn label(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Fair => "fair",
            Band::Poor => "poor",
        }
    }

    /// The band whose [`Band::label`] is `label`; `None` for anything else (a select's "Any").
    ///
    /// ```
    /// use logins_core::records::columns::Band;
    /// assert_eq!(Band::parse("fair"), Some(Band::Fair));
    /// assert_eq!(Band::parse(""), None);
    /// ```
    pub fn parse(label: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.label() == label)
    }

    /// `"Good"`, `"Fair"` or `"Poor"`: its name in a sentence start or a list.
    pub fn name(self) -> &'static str {
        match self {
            Band::Good => "Good",
            Band::Fair => "Fair",
            Band::Poor => "Poor",
        }
    }
}

impl BandThresholds {
    /// A threshold typed by the user: a whole number of milliseconds (blanks around it
    /// allowed), a negative one taken as 0; `None` for text that is not a number, which leaves
    /// the threshold as it was.
    ///
    /// ```
    /// use logins_core::records::columns::BandThresholds;
    /// assert_eq!(BandThresholds::parse_limit(" 150 "), Some(150));
    /// assert_eq!(BandThresholds::parse_limit("-5"), Some(0));
    /// assert_eq!(BandThresholds::parse_limit("fast"), None);
    /// ```
    pub fn parse_limit(text: &str) -> Option<i64> {
        text.trim().parse::<i64>().ok().map(|ms| ms.max(0))
    }
}

/// The value of one row in one column, borrowed from the table (no allocation per cell, so the
/// virtualized table and the filters can ask for cells freely).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Absent, blank, or not computable (e.g. setup time without a setup time).
    Missing,
    Text(&'a str),
    /// Unix seconds (UTC).
    Time(i64),
    /// A time the API sent in a form we could not parse: shown verbatim, nothing is lost.
    TimeText(&'a str),
    /// Seconds; may be negative (see the module docs).
    Duration(i64),
    /// A session with a start and no end yet.
    Ongoing,
    /// Milliseconds, as sent (may be negative or huge).
    Ms(i64),
    Band(Band),
    Bool(bool),
    Outcome {
        failed: bool,
    },
}

impl Cell<'_> {
    /// The cell as text for the table, the row detail and the CSV export (so they agree).
    /// Times read `YYYY-MM-DD HH:MM:SS` in `zone` (the caller puts the zone in the header);
    /// durations `45 s`, `12 min 05 s`, `1 h 02 min`, `3 d 4 h`; RTTs `123 ms`; booleans
    /// `yes`/`no`; outcomes `Succeeded`/`Failed`; missing cells are empty.
    ///
    /// ```
    /// use logins_core::records::columns::Cell;
    /// use logins_core::time::format::DisplayZone;
    /// assert_eq!(Cell::Time(1_587_697_367).display(&DisplayZone::Utc), "2020-04-24 03:02:47");
    /// let cet = |_: i64| 60;
    /// assert_eq!(Cell::Time(1_587_697_367).display(&DisplayZone::Local(&cet)), "2020-04-24 04:02:47");
    /// assert_eq!(Cell::Duration(3720).display(&DisplayZone::Utc), "1 h 02 min");
    /// assert_eq!(Cell::Ms(123).display(&DisplayZone::Utc), "123 ms");
    /// ```
    pub fn display(&self, zone: &DisplayZone) -> String {
        match *self {
            Cell::Missing => String::new(),
            Cell::Text(s) | Cell::TimeText(s) => s.to_owned(),
            Cell::Time(secs) => format_time(secs, zone),
            Cell::Duration(secs) => format_duration(Lang::En, secs),
            Cell::Ongoing => "ongoing".to_owned(),
            Cell::Ms(ms) => format!("{ms} ms"),
            Cell::Band(b) => b.label().to_owned(),
            Cell::Bool(b) => if b { "yes" } else { "no" }.to_owned(),
            Cell::Outcome { failed } => if failed { "Failed" } else { "Succeeded" }.to_owned(),
        }
    }

    /// Whether the cell has no value (it sorts last and shows empty).
    pub fn is_missing(&self) -> bool {
        matches!(self, Cell::Missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn columns_are_in_variant_order_with_unique_keys_and_headers() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.id as usize, i, "{:?}", c.id);
            assert_eq!(column(c.id), c);
            assert_eq!(column_by_key(c.key), Some(c));
            assert!(c
                .key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        }
        let keys: HashSet<_> = COLUMNS.iter().map(|c| c.key).collect();
        let headers: HashSet<_> = COLUMNS.iter().map(|c| c.header).collect();
        assert_eq!((keys.len(), headers.len()), (COLUMNS.len(), COLUMNS.len()));
        assert_eq!(column_by_key("nope"), None);
        assert_eq!(column(ColumnId::SetupTime).key, "setup_time");
        assert_eq!(column(ColumnId::NetworkBand).header, "Network quality");
    }

    #[test]
    fn rarely_used_columns_are_hidden_by_default() {
        for id in [
            ColumnId::TenantId,
            ColumnId::Sid,
            ColumnId::TransactionId,
            ColumnId::TerminalMac,
            ColumnId::AgentVersion,
            ColumnId::DesktopId,
            ColumnId::EnterpriseProjectId,
            ColumnId::SourceIp,
        ] {
            assert!(!column(id).default_visible, "{id:?}");
        }
        for id in [
            ColumnId::UserName,
            ColumnId::ConnectionStart,
            ColumnId::NetworkRtt,
            ColumnId::Outcome,
        ] {
            assert!(column(id).default_visible, "{id:?}");
        }
    }

    #[test]
    fn bands_follow_the_thresholds() {
        let t = BandThresholds {
            good_max_ms: 50,
            fair_max_ms: 80,
        };
        assert_eq!(Band::of(0, &t), Some(Band::Good));
        assert_eq!(Band::of(50, &t), Some(Band::Good));
        assert_eq!(Band::of(80, &t), Some(Band::Fair));
        assert_eq!(Band::of(i64::MAX, &t), Some(Band::Poor));
        assert_eq!(Band::of(i64::MIN, &t), None);
        let backwards = BandThresholds {
            good_max_ms: 200,
            fair_max_ms: 100,
        };
        assert_eq!(Band::of(150, &backwards), Some(Band::Good));
        assert_eq!(Band::of(250, &backwards), Some(Band::Poor));
        assert_eq!(Band::ALL.map(Band::label), ["good", "fair", "poor"]);
        assert_eq!(Band::ALL.map(Band::name), ["Good", "Fair", "Poor"]);
    }

    #[test]
    fn a_band_reads_back_from_its_label_only() {
        for band in Band::ALL {
            assert_eq!(Band::parse(band.label()), Some(band));
            assert_eq!(Band::parse(band.name()), None, "names are not labels");
        }
        assert_eq!(Band::parse(""), None);
        assert_eq!(Band::parse(" good"), None);
    }

    #[test]
    fn typed_limits_are_whole_non_negative_milliseconds() {
        assert_eq!(BandThresholds::parse_limit("0"), Some(0));
        assert_eq!(BandThresholds::parse_limit("\t250\n"), Some(250));
        assert_eq!(BandThresholds::parse_limit("-1"), Some(0));
        assert_eq!(BandThresholds::parse_limit("1.5"), None);
        assert_eq!(BandThresholds::parse_limit(""), None);
    }

    #[test]
    fn cells_display_as_documented() {
        let z = DisplayZone::Utc;
        assert_eq!(Cell::Missing.display(&z), "");
        assert!(Cell::Missing.is_missing() && !Cell::Text("").is_missing());
        assert_eq!(Cell::Text("a,b").display(&z), "a,b");
        assert_eq!(Cell::TimeText("24/01/2020").display(&z), "24/01/2020");
        assert_eq!(Cell::Time(0).display(&z), "1970-01-01 00:00:00");
        assert_eq!(Cell::Time(-1).display(&z), "1969-12-31 23:59:59");
        assert_eq!(Cell::Ongoing.display(&z), "ongoing");
        assert_eq!(Cell::Ms(-1).display(&z), "-1 ms");
        assert_eq!(Cell::Band(Band::Fair).display(&z), "fair");
        assert_eq!(Cell::Bool(true).display(&z), "yes");
        assert_eq!(Cell::Bool(false).display(&z), "no");
        assert_eq!(Cell::Outcome { failed: true }.display(&z), "Failed");
        assert_eq!(Cell::Outcome { failed: false }.display(&z), "Succeeded");
        for (secs, text) in [
            (0, "0 s"),
            (59, "59 s"),
            (60, "1 min 00 s"),
            (3599, "59 min 59 s"),
            (3600, "1 h 00 min"),
            (86_399, "23 h 59 min"),
            (86_400, "1 d 0 h"),
            (-3720, "-1 h 02 min"),
        ] {
            assert_eq!(format_duration(Lang::En, secs), text);
        }
        assert!(format_duration(Lang::En, i64::MIN).starts_with('-'));
    }
}
