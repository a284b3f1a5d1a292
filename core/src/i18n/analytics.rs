//! The analytics: KPI names, chart titles, axes, legends, tooltips and their tables, the
//! breakdowns, and the users' section (timeline, new locations).
//!
//! Chinese follows Huawei's terms (网络时延, 端到端时延, 连接失败原因, 客户端出口IP...); numbers,
//! percentages and the unit "ms" read the same in both languages. Counts in sentences stay plain
//! digits ("2000 logins"), as the English charts always wrote them.

use super::{Lang, Text};

crate::catalog! {
    HEADING = "Analytics" / "分析";
    HELP = "Of the rows the table shows. Percentiles are nearest-rank; missing and invalid values are skipped and counted, never taken as zero."
        / "统计表格当前显示的行。百分位数按最近秩计算；缺失和无效的值会被跳过并计数，从不当作零。";

    // --- the KPI strip ---
    LOGINS = "Logins" / "登录次数";
    UNIQUE_USERS = "Unique users" / "用户数";
    UNIQUE_DESKTOPS = "Unique desktops" / "桌面数";
    FAILURE_RATE = "Failure rate" / "失败率";
    RECONNECT_RATE = "Reconnect rate" / "重连率";
    NETWORK_RTT_P50 = "Network RTT p50" / "网络时延 p50";
    NETWORK_RTT_P95 = "Network RTT p95" / "网络时延 p95";
    E2E_RTT_P50 = "E2E RTT p50" / "端到端时延 p50";
    E2E_RTT_P95 = "E2E RTT p95" / "端到端时延 p95";
    MEDIAN_SETUP_TIME = "Median setup time" / "建立连接耗时中位数";
    MEDIAN_SESSION = "Median session" / "会话时长中位数";
    /// A KPI's change against the previous period of the same length ("+12.5").
    CHANGE_VS_PREVIOUS = "{0}% vs previous period" / "较上一周期 {0}%";
    /// A KPI's value in the previous period, when there is no relative change (it was 0).
    CHANGE_BEFORE = "{0} before" / "上一周期 {0}";

    // --- what the statistics measure (stats::Metric) ---
    NETWORK_RTT = "Network RTT" / "网络时延";
    E2E_RTT = "E2E RTT" / "端到端时延";
    SETUP_TIME = "Setup time" / "建立连接耗时";
    SESSION_DURATION = "Session duration" / "会话时长";

    // --- chart titles, axes and series of the analytics section ---
    RTT_METRIC_TOGGLE = "RTT over time: show E2E RTT instead of network RTT"
        / "时延趋势：显示端到端时延，而非网络时延";
    RTT_OVER_TIME = "RTT over time" / "时延趋势";
    NETWORK_RTT_OVER_TIME = "Network RTT over time" / "网络时延趋势";
    E2E_RTT_OVER_TIME = "E2E RTT over time" / "端到端时延趋势";
    NO_CONNECTION_TIMES = "No connection times to chart." / "没有可绘制的连接时间。";
    LOGINS_OVER_TIME = "Logins over time" / "登录趋势";
    LOGINS_BY_WEEKDAY_HOUR = "Logins by weekday and hour" / "按星期和时段的登录次数";
    CONCURRENT_SESSIONS = "Concurrent sessions" / "并发会话";
    SESSIONS_AXIS = "Sessions" / "会话数";
    OPEN_SESSIONS_MAX = "open sessions (max)" / "打开的会话（最大值）";
    FAILURE_REASONS = "Failure reasons" / "连接失败原因";
    FAILURES_SHARE = "Failures (share)" / "失败次数（占比）";
    TOP_USERS_BY_P95 = "Top 20 users by p95 network RTT" / "p95 网络时延最高的 20 个用户";
    P95_NETWORK_RTT = "p95 network RTT" / "p95 网络时延";
    /// A top user's bar: their p95 and their logins.
    TOP_USER_VALUE = "{0} ms ({1} logins)" / "{0} ms（{1} 次登录）";
    /// RTT over time with records of several projects (issue 17).
    NETWORK_RTT_P95_BY_PROJECT = "Network RTT p95 over time, by project" / "网络时延 p95 趋势（按项目）";
    E2E_RTT_P95_BY_PROJECT = "E2E RTT p95 over time, by project" / "端到端时延 p95 趋势（按项目）";
    LINE_PER_PROJECT = "One line per project (p95)" / "每个项目一条线 (p95)";
    /// Under the chart when the rows come from more projects than it can tell apart.
    TOO_MANY_PROJECTS = "{0} projects: one line per project is drawn for up to {1}, so they are shown together."
        / "共 {0} 个项目：最多可为 {1} 个项目各画一条线，因此合并显示。";
    /// The toggle of every chart's data table.
    SHOW_AS_TABLE = "Show as table" / "以表格显示";

    // --- what the chart kinds share ---
    TIME = "Time" / "时间";
    TIME_UTC = "Time (UTC)" / "时间 (UTC)";
    TIME_LOCAL = "Time (local)" / "时间（本地）";
    /// A time bucket in words, in "per {bucket}".
    BUCKET_MINUTE = "minute" / "分钟";
    BUCKET_HOUR = "hour" / "小时";
    BUCKET_DAY = "day" / "天";
    BUCKET_WEEK = "week" / "周";
    BUCKET_DAYS = "{0} days" / "{0} 天";
    BUCKET_HOURS = "{0} hours" / "{0} 小时";
    BUCKET_MINUTES = "{0} minutes" / "{0} 分钟";
    LOGIN_ONE = "{0} login" / "{0} 次登录";
    LOGIN_MANY = "{0} logins" / "{0} 次登录";
    SESSION_ONE = "{0} session" / "{0} 个会话";
    SESSION_MANY = "{0} sessions" / "{0} 个会话";
    /// A mark's label: "{what}: {values}".
    LABELLED = "{0}: {1}" / "{0}：{1}";
    /// Two items of a list.
    AND_ALSO = "{0}, {1}" / "{0}，{1}";
    /// RTT quality bands, in a legend and a table.
    GOOD = "good" / "良好";
    FAIR = "fair" / "一般";
    POOR = "poor" / "较差";
    GOOD_UP_TO = "good (≤ {0} ms)" / "良好（≤ {0} ms）";
    FAIR_UP_TO = "fair (≤ {0} ms)" / "一般（≤ {0} ms）";
    POOR_ABOVE = "poor (> {0} ms)" / "较差（> {0} ms）";

    // --- the histogram ---
    HISTOGRAM_EMPTY = "No {0} values to chart." / "没有可绘制的{0}数值。";
    /// The histogram's value axis and table header: "{metric} (ms)".
    IN_MS = "{0} (ms)" / "{0} (ms)";
    HISTOGRAM_SUMMARY = "How {0} are spread over {1}; {2} without a value and {3} with an invalid one are not counted."
        / "{1}的分布（{0}）；另有 {2} 次没有值、{3} 次值无效，未计入。";

    // --- the weekday/hour heatmap ---
    MON = "Mon" / "周一";
    TUE = "Tue" / "周二";
    WED = "Wed" / "周三";
    THU = "Thu" / "周四";
    FRI = "Fri" / "周五";
    SAT = "Sat" / "周六";
    SUN = "Sun" / "周日";
    /// A cell: "{weekday} {hours}: {logins}".
    HEAT_CELL = "{0} {1}: {2}" / "{0} {1}：{2}";
    HOUR_OF_DAY = "Hour of day (local)" / "时段（本地时间）";
    DAY = "Day" / "星期";
    UP_TO = "up to {0}" / "至多 {0}";
    NO_LOGINS = "No logins to chart." / "没有可绘制的登录。";
    HEATMAP_SUMMARY = "Logins per weekday and hour of day; the busiest hour has {0}."
        / "每个星期几各时段的登录次数；最繁忙的时段有 {0} 次。";

    // --- logins over time ---
    SUCCEEDED_THEN_FAILED = "{0}: {1} succeeded, {2} failed" / "{0}：成功 {1} 次，失败 {2} 次";
    FAILED_THEN_SUCCEEDED = "{0}: {2} failed, {1} succeeded" / "{0}：失败 {2} 次，成功 {1} 次";
    SUCCEEDED_HEADER = "Succeeded" / "成功";
    FAILED_HEADER = "Failed" / "失败";
    SUCCEEDED = "succeeded" / "成功";
    FAILED = "failed" / "失败";
    LOGINS_SUMMARY = "{0} succeeded and {1} failed logins per {2}."
        / "按{2}统计的登录：成功 {0} 次，失败 {1} 次。";

    // --- lines over time ---
    NO_DATA_FOR = "No data for {0}." / "{0}：没有数据。";
    /// A point: "{time}: {line} {value}".
    LINE_POINT = "{0}: {1} {2}" / "{0}：{1} {2}";
    LINES_SUMMARY = "{0} from {1} to {2}, per {3}." / "{0}：{1} 至 {2}，按{3}统计。";

    // --- ranked bars ---
    NOTHING_TO_RANK = "Nothing to rank for {0}." / "{0}：没有可排名的项。";
    RANKED_SUMMARY = "{0}: {1} ranked by {2}." / "{0}：{1} 项，按{2}排序。";

    // --- a user's timeline ---
    SESSIONS_OF = "Sessions of {0}" / "{0} 的会话";
    NO_SESSIONS = "No sessions for this user in the loaded records."
        / "已加载的记录中没有该用户的会话。";
    /// A session: "{start}: {duration or status}, network RTT {rtt}, E2E RTT {rtt}".
    SESSION_TIP = "{0}: {1}, network RTT {2}, E2E RTT {3}"
        / "{0}：{1}，网络时延 {2}，端到端时延 {3}";
    ONGOING = "ongoing" / "进行中";
    START = "Start" / "开始";
    END = "End" / "结束";
    RTT_QUALITY = "RTT quality" / "时延质量";
    TIMELINE_SUMMARY = "{0} from {1} to {2}, {3} failed."
        / "{1} 至 {2} 共 {0}，其中 {3} 个失败。";
    TIMELINE_HEADING = "Timeline: {0}" / "时间线：{0}";
    SHOW_ONLY_USER = "Show only this user" / "只显示该用户";
    CLOSE_TIMELINE = "Close timeline" / "关闭时间线";

    // --- the breakdowns ---
    BREAKDOWNS = "Breakdowns" / "分组统计";
    BREAK_DOWN_BY = "Break down by" / "分组依据";
    GROUPS_HELP = "{0} groups; click one to filter everything to it."
        / "共 {0} 个分组；点击一个分组，即可将所有内容筛选到该分组。";
    /// The breakdown table's accessible name.
    BREAKDOWN = "Breakdown" / "分组统计表";
    GROUP = "Group" / "分组";
    FAILURE_PERCENT = "Failure %" / "失败率 %";
    RECONNECT_PERCENT = "Reconnect %" / "重连率 %";
    NETWORK_P50 = "Network p50" / "网络时延 p50";
    NETWORK_P95 = "Network p95" / "网络时延 p95";
    E2E_P50 = "E2E p50" / "端到端时延 p50";
    E2E_P95 = "E2E p95" / "端到端时延 p95";
    /// A reconnect rate no row of the group knows.
    NOT_AVAILABLE = "n/a" / "未知";
    TIMELINE = "Timeline" / "时间线";
    TIMELINE_OF = "Timeline of {0}" / "{0} 的时间线";
    /// The group of rows without a value (stats::MISSING_KEY).
    MISSING = "(missing)" / "（无值）";
    DIMENSION_USER = "User" / "用户名";
    DIMENSION_COMPUTER = "Computer" / "计算机名";
    DIMENSION_TERMINAL_TYPE = "Terminal type" / "终端系统类型";
    DIMENSION_CLIENT_VERSION = "Client version" / "AccessClient版本";
    DIMENSION_AGENT_VERSION = "Agent version" / "AccessAgent版本";
    DIMENSION_PUBLIC_IP = "Public IP" / "客户端出口IP";
    DIMENSION_DESKTOP_SUBNET = "Desktop subnet (/16)" / "桌面IP网段 (/16)";
    DIMENSION_REGION = "Region" / "区域";
    DIMENSION_PROJECT = "Project" / "项目";

    // --- long lists ---
    SHOWING_GROUPS = "Showing {0} of {1} groups." / "显示 {1} 个分组中的 {0} 个。";
    SHOWING_USERS = "Showing {0} of {1} users." / "显示 {1} 个用户中的 {0} 个。";
    SHOW_MORE = "Show more" / "显示更多";

    // --- new locations ---
    NEW_LOCATIONS = "New locations" / "新位置";
    NEW_LOCATIONS_HELP = "Logins whose public IP or terminal MAC had not been seen for that user earlier in the loaded records (a user's first login is not flagged)."
        / "在已加载的记录中，客户端出口IP或终端MAC地址此前未在该用户的登录中出现过的登录（用户的首次登录不标记）。";
    NO_NEW_LOCATIONS = "No logins from a new location." / "没有来自新位置的登录。";
    NEW_LOCATIONS_COUNT = "{0} logins from a new location, by {1} users."
        / "{1} 个用户共有 {0} 次从新位置登录。";
    NEW_PUBLIC_IP = "new public IP {0}" / "新的客户端出口IP {0}";
    NEW_TERMINAL_MAC = "new terminal MAC {0}" / "新的终端MAC地址 {0}";
    OPEN_TIMELINE = "Open timeline" / "打开时间线";
}

/// `text` in `lang` with `{1}`, `{2}`... filled from `rest`, split around `{0}`: the text
/// before and after it. For a view that shows `{0}`'s value in an element of its own, marked
/// `translate="no"` because it is a record's value (a user name, an IP), not the app's words.
///
/// ```
/// use logins_core::i18n::{analytics::{split_fill, LABELLED}, Lang};
/// assert_eq!(split_fill(LABELLED, Lang::En, &["3"]), (String::new(), ": 3".to_owned()));
/// assert_eq!(split_fill(LABELLED, Lang::Zh, &["3"]), (String::new(), "：3".to_owned()));
/// ```
pub fn split_fill(text: Text, lang: Lang, rest: &[&str]) -> (String, String) {
    // A character no message contains stands for the value while the others are filled.
    const MARK: &str = "\u{1}";
    let mut args = Vec::with_capacity(rest.len() + 1);
    args.push(MARK);
    args.extend_from_slice(rest);
    let filled = text.fill(lang, &args);
    match filled.split_once(MARK) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (filled, String::new()),
    }
}

/// A piece of a sentence that holds records' values: the app's words, or a record's value (a
/// user name, an IP) that a view shows in an element marked `translate="no"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Words(String),
    Value(String),
}

/// `text` in `lang` with `value` as `{0}` and `rest` as `{1}`..., in pieces; empty words are
/// left out.
///
/// ```
/// use logins_core::i18n::analytics::{with_value, Piece, TIMELINE_OF};
/// use logins_core::i18n::Lang;
/// assert_eq!(
///     with_value(TIMELINE_OF, Lang::Zh, "alice", &[]),
///     [Piece::Value("alice".into()), Piece::Words(" 的时间线".into())]
/// );
/// ```
pub fn with_value(text: Text, lang: Lang, value: &str, rest: &[&str]) -> Vec<Piece> {
    let (before, after) = split_fill(text, lang, rest);
    [
        Piece::Words(before),
        Piece::Value(value.to_owned()),
        Piece::Words(after),
    ]
    .into_iter()
    .filter(|p| !matches!(p, Piece::Words(w) if w.is_empty()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_fill_puts_the_value_where_each_language_wants_it() {
        assert_eq!(
            split_fill(TIMELINE_OF, Lang::En, &[]),
            ("Timeline of ".to_owned(), String::new())
        );
        assert_eq!(
            split_fill(TIMELINE_OF, Lang::Zh, &[]),
            (String::new(), " 的时间线".to_owned())
        );
        assert_eq!(
            split_fill(TIMELINE_HEADING, Lang::Zh, &[]),
            ("时间线：".to_owned(), String::new())
        );
        // No {0}: all of it comes before.
        assert_eq!(
            split_fill(SHOW_MORE, Lang::En, &[]),
            ("Show more".to_owned(), String::new())
        );
    }
}
