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
//!
//! Language: every column, band and cell is data (an id, a `Band`, a `Cell`); words appear only
//! when a header or a cell is shown in a [`Lang`] (`header.get(lang)`, [`Cell::display`]), so a
//! switch of language re-renders the text and keeps every filter, sort and selection as it was.
//! The values of records (user names, terminal types, failure reasons...) are never translated.

use crate::i18n::{table, Lang, Text};
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
    /// The region of the target the record was fetched from (not an API field).
    Region,
    /// The target's label, else its project ID (not an API field).
    Project,
    /// The slowest logon phase of an analyzed login ("Analyze logon phases"): not a field of
    /// the record, looked up by transaction ID in a `stages::PhaseIndex`.
    SlowestPhase,
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
    /// The slowest logon phase: [`Cell::Missing`] from the table, which does not hold it; the
    /// sort, the filters, the grid and the CSV export read it from a `stages::PhaseIndex`.
    Phase,
}

/// A column's fixed description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub id: ColumnId,
    /// Stable snake_case identifier, for the column choice saved in localStorage and for URLs:
    /// never change one, or saved choices silently lose that column.
    pub key: &'static str,
    /// The header in each language (Huawei's API documentation's term in Chinese). Time
    /// columns get their zone appended by the caller.
    pub header: Text,
    pub kind: ColumnKind,
    /// Shown until the user chooses otherwise.
    pub default_visible: bool,
}

const fn spec(
    id: ColumnId,
    key: &'static str,
    header: Text,
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
///   outdated clients are a common cause of bad sessions);
/// - the slowest logon phase: it says "not analyzed" on every row until the user runs "Analyze
///   logon phases", which shows it (hidden, it would be a column of "not analyzed" for everyone
///   who never analyzes).
pub const COLUMNS: [ColumnSpec; 31] = {
    use crate::i18n::table as T;
    use ColumnId as C;
    use ColumnKind as K;
    [
        spec(C::UserName, "user_name", T::USER_NAME, K::Text, true),
        spec(
            C::ComputerName,
            "computer_name",
            T::COMPUTER_NAME,
            K::Text,
            true,
        ),
        spec(
            C::TerminalType,
            "terminal_type",
            T::TERMINAL_TYPE,
            K::Text,
            true,
        ),
        spec(
            C::ConnectionStart,
            "connection_start",
            T::CONNECTION_START,
            K::Time,
            true,
        ),
        spec(
            C::ConnectionSetup,
            "connection_setup",
            T::CONNECTION_SETUP,
            K::Time,
            false,
        ),
        spec(
            C::ConnectionEnd,
            "connection_end",
            T::CONNECTION_END,
            K::Time,
            false,
        ),
        spec(C::SetupTime, "setup_time", T::SETUP_TIME, K::Duration, true),
        spec(
            C::SessionDuration,
            "session_duration",
            T::SESSION_DURATION,
            K::Duration,
            true,
        ),
        spec(
            C::NetworkRtt,
            "network_rtt",
            T::NETWORK_RTT,
            K::Milliseconds,
            true,
        ),
        spec(
            C::NetworkBand,
            "network_band",
            T::NETWORK_BAND,
            K::Band,
            true,
        ),
        spec(C::E2eRtt, "e2e_rtt", T::E2E_RTT, K::Milliseconds, true),
        spec(C::E2eBand, "e2e_band", T::E2E_BAND, K::Band, true),
        spec(C::Outcome, "outcome", T::OUTCOME, K::Outcome, true),
        spec(
            C::FailureReason,
            "failure_reason",
            T::FAILURE_REASON,
            K::Text,
            true,
        ),
        spec(
            C::IsReconnect,
            "is_reconnect",
            T::IS_RECONNECT,
            K::Bool,
            true,
        ),
        spec(C::PublicIp, "public_ip", T::PUBLIC_IP, K::Text, true),
        spec(C::SourceIp, "source_ip", T::SOURCE_IP, K::Text, false),
        spec(C::TerminalIp, "terminal_ip", T::TERMINAL_IP, K::Text, false),
        spec(
            C::TerminalName,
            "terminal_name",
            T::TERMINAL_NAME,
            K::Text,
            false,
        ),
        spec(
            C::TerminalMac,
            "terminal_mac",
            T::TERMINAL_MAC,
            K::Text,
            false,
        ),
        spec(
            C::ClientVersion,
            "client_version",
            T::CLIENT_VERSION,
            K::Text,
            true,
        ),
        spec(
            C::AgentVersion,
            "agent_version",
            T::AGENT_VERSION,
            K::Text,
            false,
        ),
        spec(C::DesktopIp, "desktop_ip", T::DESKTOP_IP, K::Text, false),
        spec(C::DesktopId, "desktop_id", T::DESKTOP_ID, K::Text, false),
        spec(
            C::EnterpriseProjectId,
            "enterprise_project_id",
            T::ENTERPRISE_PROJECT_ID,
            K::Text,
            false,
        ),
        spec(
            C::TransactionId,
            "transaction_id",
            T::TRANSACTION_ID,
            K::Text,
            false,
        ),
        spec(C::Sid, "sid", T::SID, K::Text, false),
        spec(C::TenantId, "tenant_id", T::TENANT_ID, K::Text, false),
        spec(C::Region, "region", T::REGION, K::Text, false),
        spec(C::Project, "project", T::PROJECT, K::Text, false),
        spec(
            C::SlowestPhase,
            "slowest_phase",
            crate::i18n::stages::SLOWEST_PHASE,
            K::Phase,
            false,
        ),
    ]
};

/// The description of `id`.
///
/// ```
/// use logins_core::i18n::Lang;
/// use logins_core::records::columns::{column, ColumnId};
/// assert_eq!(column(ColumnId::E2eRtt).header.get(Lang::En), "E2E RTT");
/// assert_eq!(column(ColumnId::NetworkRtt).header.get(Lang::Zh), "网络时延");
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

    /// `"good"`, `"fair"` or `"poor"`: the band's key, the same in every language: the value
    /// of a band `<option>`. Never shown: the cell's word is [`Band::word`].
    pub fn label(self) -> &'static str {
        match self {
            Band::Good => "good",
            Band::Fair => "fair",
            Band::Poor => "poor",
        }
    }

    /// The band whose key ([`Band::label`]) is `label`; `None` for anything else (a select's
    /// "Any", a word shown in some language).
    ///
    /// ```
    /// use logins_core::records::columns::Band;
    /// assert_eq!(Band::parse("fair"), Some(Band::Fair));
    /// assert_eq!(Band::parse(""), None);
    /// assert_eq!(Band::parse("一般"), None);
    /// ```
    pub fn parse(label: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.label() == label)
    }

    /// Its word in a cell, in `lang`: `good`, `fair`, `poor` (`良好`, `一般`, `较差`).
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Band::Good => table::GOOD,
            Band::Fair => table::FAIR,
            Band::Poor => table::POOR,
        }
        .get(lang)
    }

    /// Its name at the start of a list item (a select's option), in `lang`: `Good`, `Fair`,
    /// `Poor` (`良好`, `一般`, `较差`).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Band::Good => table::GOOD_OPTION,
            Band::Fair => table::FAIR_OPTION,
            Band::Poor => table::POOR_OPTION,
        }
        .get(lang)
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
    /// The cell as text in `lang` for the table, the row detail and the CSV export (so they
    /// agree). Times read `YYYY-MM-DD HH:MM:SS` in `zone` in every language (the caller puts
    /// the zone in the header); durations `45 s`, `12 min 05 s`, `1 h 02 min`, `3 d 4 h`
    /// (`45秒`, `11分30秒`...); RTTs `123 ms`; booleans `yes`/`no` (`是`/`否`); outcomes
    /// `Succeeded`/`Failed` (`成功`/`失败`); bands `good`/`fair`/`poor` (`良好`/`一般`/`较差`);
    /// an open session `ongoing` (`进行中`); missing cells are empty. Text from the records is
    /// shown as sent, in every language.
    ///
    /// ```
    /// use logins_core::i18n::Lang::{En, Zh};
    /// use logins_core::records::columns::Cell;
    /// use logins_core::time::format::DisplayZone;
    /// let utc = DisplayZone::Utc;
    /// assert_eq!(Cell::Time(1_587_697_367).display(En, &utc), "2020-04-24 03:02:47");
    /// let cet = |_: i64| 60;
    /// assert_eq!(Cell::Time(1_587_697_367).display(Zh, &DisplayZone::Local(&cet)), "2020-04-24 04:02:47");
    /// assert_eq!(Cell::Duration(3720).display(En, &utc), "1 h 02 min");
    /// assert_eq!(Cell::Duration(690).display(Zh, &utc), "11分30秒");
    /// assert_eq!(Cell::Ongoing.display(Zh, &utc), "进行中");
    /// assert_eq!(Cell::Ms(123).display(Zh, &utc), "123 ms");
    /// ```
    pub fn display(&self, lang: Lang, zone: &DisplayZone) -> String {
        match *self {
            Cell::Missing => String::new(),
            Cell::Text(s) | Cell::TimeText(s) => s.to_owned(),
            Cell::Time(secs) => format_time(secs, zone),
            Cell::Duration(secs) => format_duration(lang, secs),
            Cell::Ongoing => table::ONGOING.get(lang).to_owned(),
            Cell::Ms(ms) => format!("{ms} ms"),
            Cell::Band(b) => b.word(lang).to_owned(),
            Cell::Bool(b) => if b { table::YES } else { table::NO }.get(lang).to_owned(),
            Cell::Outcome { failed } => if failed {
                table::FAILED
            } else {
                table::SUCCEEDED
            }
            .get(lang)
            .to_owned(),
        }
    }

    /// Whether this cell's text is the record's own (text and unparsable times), shown as sent
    /// in every language, rather than written by the app (words, durations, numbers with
    /// their unit, times), which follows the language.
    pub fn is_from_data(&self) -> bool {
        matches!(self, Cell::Text(_) | Cell::TimeText(_))
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
        assert_eq!(keys.len(), COLUMNS.len());
        for lang in Lang::ALL {
            let headers: HashSet<_> = COLUMNS.iter().map(|c| c.header.get(lang)).collect();
            assert_eq!(headers.len(), COLUMNS.len(), "{lang:?} repeats a header");
        }
        assert_eq!(column_by_key("nope"), None);
        assert_eq!(column(ColumnId::SetupTime).key, "setup_time");
        assert_eq!(
            column(ColumnId::NetworkBand).header.get(Lang::En),
            "Network quality"
        );
    }

    #[test]
    fn headers_in_both_languages_are_huaweis_terms() {
        let header = |id, lang| column(id).header.get(lang);
        let expected = [
            (ColumnId::UserName, "User name", "用户名"),
            (ColumnId::ComputerName, "Computer name", "计算机名"),
            (ColumnId::TerminalType, "Terminal type", "终端系统类型"),
            (
                ColumnId::ConnectionStart,
                "Connection start",
                "开始连接时间",
            ),
            (
                ColumnId::ConnectionSetup,
                "Connection setup",
                "建立连接时间",
            ),
            (ColumnId::ConnectionEnd, "Connection end", "结束连接时间"),
            (ColumnId::SetupTime, "Setup time", "建立连接耗时"),
            (ColumnId::SessionDuration, "Session duration", "会话时长"),
            (ColumnId::NetworkRtt, "Network RTT", "网络时延"),
            (ColumnId::NetworkBand, "Network quality", "网络质量"),
            (ColumnId::E2eRtt, "E2E RTT", "端到端时延"),
            (ColumnId::E2eBand, "E2E quality", "端到端质量"),
            (ColumnId::Outcome, "Outcome", "连接结果"),
            (ColumnId::FailureReason, "Failure reason", "连接失败原因"),
            (ColumnId::IsReconnect, "Reconnect", "是否重连"),
            (ColumnId::PublicIp, "Public IP", "客户端出口IP"),
            (ColumnId::SourceIp, "Source IP", "客户端源IP"),
            (ColumnId::TerminalIp, "Terminal IP", "终端IP"),
            (ColumnId::TerminalName, "Terminal name", "终端名称"),
            (ColumnId::TerminalMac, "Terminal MAC", "终端MAC地址"),
            (
                ColumnId::ClientVersion,
                "Client version",
                "AccessClient版本",
            ),
            (ColumnId::AgentVersion, "Agent version", "AccessAgent版本"),
            (ColumnId::DesktopIp, "Desktop IP", "桌面IP"),
            (ColumnId::DesktopId, "Desktop ID", "桌面ID"),
            (
                ColumnId::EnterpriseProjectId,
                "Enterprise project ID",
                "企业项目ID",
            ),
            (ColumnId::TransactionId, "Transaction ID", "事务ID"),
            (ColumnId::Sid, "SID", "桌面SID"),
            (ColumnId::TenantId, "Tenant ID", "租户ID"),
            (ColumnId::Region, "Region", "区域"),
            (ColumnId::Project, "Project", "项目"),
            (ColumnId::SlowestPhase, "Slowest phase", "最慢阶段"),
        ];
        assert_eq!(expected.len(), COLUMNS.len());
        for (id, en, zh) in expected {
            assert_eq!((header(id, Lang::En), header(id, Lang::Zh)), (en, zh));
        }
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
            ColumnId::SlowestPhase,
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
        assert_eq!(
            Band::ALL.map(|b| b.word(Lang::En)),
            ["good", "fair", "poor"]
        );
        assert_eq!(
            Band::ALL.map(|b| b.word(Lang::Zh)),
            ["良好", "一般", "较差"]
        );
        assert_eq!(
            Band::ALL.map(|b| b.name(Lang::En)),
            ["Good", "Fair", "Poor"]
        );
        assert_eq!(
            Band::ALL.map(|b| b.name(Lang::Zh)),
            ["良好", "一般", "较差"]
        );
    }

    #[test]
    fn a_band_reads_back_from_its_key_only() {
        for band in Band::ALL {
            assert_eq!(Band::parse(band.label()), Some(band));
            for lang in Lang::ALL {
                assert_eq!(Band::parse(band.name(lang)), None, "names are not keys");
            }
            assert_eq!(Band::parse(band.word(Lang::Zh)), None, "words are not keys");
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
        let en = |cell: Cell| cell.display(Lang::En, &z);
        assert_eq!(en(Cell::Missing), "");
        assert!(Cell::Missing.is_missing() && !Cell::Text("").is_missing());
        assert_eq!(en(Cell::Text("a,b")), "a,b");
        assert_eq!(en(Cell::TimeText("24/01/2020")), "24/01/2020");
        assert_eq!(en(Cell::Time(0)), "1970-01-01 00:00:00");
        assert_eq!(en(Cell::Time(-1)), "1969-12-31 23:59:59");
        assert_eq!(en(Cell::Ongoing), "ongoing");
        assert_eq!(en(Cell::Ms(-1)), "-1 ms");
        assert_eq!(en(Cell::Band(Band::Fair)), "fair");
        assert_eq!(en(Cell::Bool(true)), "yes");
        assert_eq!(en(Cell::Bool(false)), "no");
        assert_eq!(en(Cell::Outcome { failed: true }), "Failed");
        assert_eq!(en(Cell::Outcome { failed: false }), "Succeeded");
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

    #[test]
    fn cells_in_chinese_translate_the_apps_words_only() {
        let z = DisplayZone::Utc;
        let zh = |cell: Cell| cell.display(Lang::Zh, &z);
        assert_eq!(zh(Cell::Ongoing), "进行中");
        assert_eq!(zh(Cell::Duration(690)), "11分30秒");
        assert_eq!(zh(Cell::Duration(-4)), "-4秒");
        assert_eq!(zh(Cell::Band(Band::Good)), "良好");
        assert_eq!(zh(Cell::Band(Band::Fair)), "一般");
        assert_eq!(zh(Cell::Band(Band::Poor)), "较差");
        assert_eq!(zh(Cell::Bool(true)), "是");
        assert_eq!(zh(Cell::Bool(false)), "否");
        assert_eq!(zh(Cell::Outcome { failed: true }), "失败");
        assert_eq!(zh(Cell::Outcome { failed: false }), "成功");
        // Numbers, times and the records' own text read the same in both languages.
        assert_eq!(zh(Cell::Ms(123)), "123 ms");
        assert_eq!(zh(Cell::Time(0)), "1970-01-01 00:00:00");
        assert_eq!(zh(Cell::Text("Windows")), "Windows");
        assert_eq!(zh(Cell::TimeText("gestern")), "gestern");
        assert_eq!(zh(Cell::Missing), "");
        assert!(Cell::Text("x").is_from_data() && Cell::TimeText("x").is_from_data());
        assert!(!Cell::Ongoing.is_from_data() && !Cell::Time(0).is_from_data());
    }
}
