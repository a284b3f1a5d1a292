//! Watch mode and alerts: the rules' sentences when they fire, and why watching cannot start.

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
}
