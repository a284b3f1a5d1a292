//! Watch mode and alerts: the rules' sentences when they fire, why watching cannot start, and
//! the Alerts section (rule editor, alert log, notifications).

crate::catalog! {
    /// Watching refused for a fixed custom range.
    WATCH_FIXED_RANGE = "Watching needs a range that moves with the clock, such as Last 24 h: no new login can arrive in a fixed custom range."
        / "监控需要随时间推移的时间范围（如近24小时）：固定的自定义时间范围内不会出现新的登录记录。";
    /// {0} the rate in %, {1} failures, {2} logins, {3} the threshold in %.
    FAILURE_RATE_FIRED = "Failure rate {0}% ({1} of {2} logins), above {3}%" / "失败率 {0}%（{2} 次登录中 {1} 次失败），高于 {3}%";
    /// {0} the p95 in ms, {1} logins with an RTT, {2} the threshold in ms.
    RTT_FIRED = "Network RTT p95 {0} ms over {1} logins, above {2} ms" / "网络时延 p95 为 {0} ms（{1} 次登录），高于 {2} ms";
    /// {0} the user, {1} failures in a row.
    STREAK_FIRED = "{0} failed {1} times in a row" / "{0} 连续失败 {1} 次";
    /// {0} the user, {1} the new public IP and/or terminal MAC.
    NEW_LOCATION_FIRED = "{0} logged in from a new place: {1}" / "{0} 从新的位置登录：{1}";
    /// The section's heading and its navigation link (the console's word).
    ALERTS = "Alerts" / "告警";
    ALERTS_INTRO = "While Watch is on, each refresh checks these rules over the logins since the previous refresh. A rule that stays true alerts once, and again only after it has been false. The rules are kept on this device." / "开启监控后，每次刷新都会用以下规则检查自上次刷新以来的登录。规则持续满足时只告警一次，直到不再满足后才会再次告警。规则保存在本设备上。";
    /// The rules' group.
    RULES = "Alert rules" / "告警规则";
    /// Checkbox of the failure-rate rule.
    FAILURE_RATE_RULE = "Alert on failure rate" / "失败率告警";
    FAILURE_PERCENT = "Failure rate above (%)" / "失败率高于（%）";
    MIN_LOGINS = "At least (logins)" / "最少登录次数";
    RTT_RULE = "Alert on network RTT p95" / "网络时延 p95 告警";
    RTT_MS = "Network RTT p95 above (ms)" / "网络时延 p95 高于（ms）";
    STREAK_RULE = "Alert on failures in a row" / "连续失败告警";
    STREAK_FAILURES = "Failures in a row (one user)" / "同一用户连续失败次数";
    NEW_LOCATION_RULE = "Alert on a login from a public IP or terminal new for that user" / "用户从未使用过的公网IP或终端登录时告警";
    /// A number the field refuses.
    PERCENT_RANGE = "Enter a number from 0 to 100 (not 100 itself)." / "请输入 0 到 100 之间的数字（不含 100）。";
    /// {0} the least, {1} the most.
    WHOLE_RANGE = "Enter a whole number from {0} to {1}." / "请输入 {0} 到 {1} 之间的整数。";
    /// The list of alerts (role=log).
    ALERT_LOG = "Alert log" / "告警日志";
    NO_ALERTS = "No alerts in this session." / "本次会话中暂无告警。";
    /// The link of an alert that filters the table to the logins concerned.
    SHOW_LOGINS = "Show logins" / "显示相关登录";
    /// Rule names in the log.
    RULE_FAILURE_RATE = "Failure rate" / "失败率";
    RULE_RTT = "Network RTT p95" / "网络时延 p95";
    RULE_STREAK = "Failures in a row" / "连续失败";
    RULE_NEW_LOCATION = "New public IP or terminal" / "新的公网IP或终端";
    ALLOW_NOTIFICATIONS = "Allow notifications" / "允许通知";
    /// The button once the browser answered (disabled: asking again does nothing).
    NOTIFICATIONS_ALLOWED_BUTTON = "Notifications allowed" / "已允许通知";
    NOTIFICATIONS_BLOCKED_BUTTON = "Notifications blocked" / "通知已被阻止";
    NOTIFICATIONS_UNAVAILABLE_BUTTON = "Notifications unavailable" / "无法使用通知";
    NOTIFICATIONS_ON = "Notifications allowed: each alert also shows a browser notification." / "已允许通知：每条告警都会同时显示浏览器通知。";
    NOTIFICATIONS_DENIED = "Notifications blocked by the browser; allow them in the site settings to be notified." / "浏览器已阻止通知；如需接收通知，请在网站设置中允许。";
    NOTIFICATIONS_UNSUPPORTED = "This browser cannot show notifications here." / "此浏览器无法在此显示通知。";
    /// The browser notification's title.
    NOTIFICATION_TITLE = "Workspace login alert" / "云桌面登录告警";
}
