//! Logon phases (the access-stages API): the row detail's waterfall and table, the analysis
//! across records, its chart and the "Slowest phase" column. Phase names are Huawei's
//! (access-stages.md): 登录, 预连接, 正式连接, 主认证, 辅助认证, 点击应用/桌面.

crate::catalog! {
    LOGON_PHASES = "Logon phases" / "登录阶段";
    LOAD_LOGON_PHASES = "Load logon phases" / "加载登录阶段";
    LOADING = "Loading logon phases…" / "正在加载登录阶段…";
    /// The waterfall's accessible name.
    WATERFALL = "Waterfall of the logon phases" / "登录阶段瀑布图";
    /// A waterfall bar's accessible name: phase, start from the first phase, duration.
    BAR = "{0}: from {1} ms, {2}" / "{0}：从 {1} ms 开始，{2}";
    PHASE = "Phase" / "阶段";
    DURATION = "Duration" / "时长";
    RESULT = "Result" / "结果";
    SUCCEEDED = "Succeeded" / "成功";
    FAILED = "Failed" / "失败";
    UNKNOWN = "Unknown" / "未知";
    NO_TRANSACTION_ID = "This record has no transaction ID, so its logon phases cannot be looked up."
        / "此记录没有事务ID，无法查询其登录阶段。";
    TRANSACTION_ID_TOO_LONG = "This record's transaction ID is too long to be a real one, so its logon phases are not looked up."
        / "此记录的事务ID过长，不是有效的事务ID，因此不查询其登录阶段。";
    NEEDS_CONNECTION = "Logon phases are read with the connection settings under Query: fill them in, then load the logon phases."
        / "登录阶段使用“查询条件”中的连接设置读取：请先填写，再加载登录阶段。";
    NO_STAGES = "The service has no logon phases for this login."
        / "服务中没有此次登录的阶段记录。";
    /// Counted in the detail when an answer had entries that were not phases.
    SKIPPED_STAGES = "{0} entries of the answer were not phases and are not shown."
        / "响应中有 {0} 项不是阶段，未显示。";

    PHASE_LOGIN = "Login" / "登录";
    PHASE_PRECONNECT = "Pre-connection" / "预连接";
    PHASE_CONNECT = "Connection" / "正式连接";
    PHASE_MAIN_AUTH = "Primary authentication" / "主认证";
    PHASE_MFA_AUTH = "Multi-factor authentication" / "辅助认证";
    PHASE_CLICK_ICON = "Clicking the app or desktop" / "点击应用/桌面";
    /// A stage without a name.
    PHASE_UNNAMED = "Unnamed phase" / "未命名阶段";

    FORBIDDEN_TITLE = "Not allowed to read logon phases (HTTP 403)" / "无权读取登录阶段（HTTP 403）";
    FORBIDDEN_HINT = "The account lacks the IAM permission {0}: ask an administrator to grant it. The login records are not affected; only the logon phases cannot be shown."
        / "账号缺少IAM权限 {0}：请联系管理员授予。登录记录不受影响，只是无法显示登录阶段。";
    NOT_AN_ANSWER_TITLE = "The answer is not the logon phases of a login (HTTP {0})"
        / "响应不是一次登录的登录阶段（HTTP {0}）";

    ANALYZE = "Analyze logon phases" / "分析登录阶段";
    /// The named region that holds the analysis and its Cancel and Resume buttons.
    ANALYSIS = "Logon phase analysis" / "登录阶段分析";
    ANALYSIS_INTRO = "Reads the logon phases of the logins the table shows, newest first, at most 3 requests a second."
        / "读取表格中显示的登录的阶段，从最新的开始，每秒最多 3 个请求。";
    CAP = "Logins to analyze" / "分析的登录数";
    CAP_HINT = "Newest first; at most {0}." / "从最新的开始；最多 {0}。";
    CANCEL = "Cancel" / "取消";
    RESUME = "Resume" / "继续";
    /// The accessible names of the analysis's Cancel and Resume: apart from the run panel's
    /// "Cancel" and "Resume" (Fetch all), and beginning with the visible word.
    CANCEL_ANALYSIS = "Cancel logon phase analysis" / "取消登录阶段分析";
    RESUME_ANALYSIS = "Resume logon phase analysis" / "继续登录阶段分析";
    PROGRESS = "Analysis progress" / "分析进度";
    /// The analysis's status line: analyzed, total.
    ANALYZED_OF = "{0} of {1} logins analyzed" / "已分析 {0} / {1} 次登录";
    FAILED_LOGINS = "{0} could not be read" / "{0} 次读取失败";
    CANCELLED = "Cancelled: Resume analyzes the rest." / "已取消：继续可分析其余登录。";
    STOPPED = "Stopped: the service refused the request. Only this analysis stopped." / "已停止：服务拒绝了请求。只有此分析停止。";
    NOTHING_TO_ANALYZE = "No login the table shows has a transaction ID to analyze."
        / "表格中显示的登录都没有可分析的事务ID。";
    COUNT = "Count" / "次数";
    MAX = "Max (ms)" / "最大值（ms）";
    FAILURES = "Failures" / "失败次数";
    SLOWEST_IN = "Slowest in" / "最慢次数";
    CHART_TITLE = "Phase durations" / "各阶段时长";
    CHART_SUMMARY = "p50 and p95 of {0} phases; click a phase to show the logins where it was the slowest or failed."
        / "{0} 个阶段的 p50 和 p95；点击某个阶段，显示该阶段最慢或失败的登录。";
    CHART_EMPTY = "No phase durations to chart yet." / "尚无可绘制的阶段时长。";
    CHART_AXIS = "Duration (ms)" / "时长（ms）";
    /// A chart bar's tooltip: phase, percentile, value.
    CHART_TIP = "{0}, {1}: {2} ms" / "{0}，{1}：{2} ms";
    TOP_USERS = "Users whose logins spend most time in each phase" / "各阶段耗时最多的用户";
    USER = "User" / "用户名";
    TOTAL_TIME = "Total time" / "总时长";
    LOGINS = "Logins" / "登录次数";
    SHOW_LOGINS = "Show logins" / "显示登录";
    /// The accessible name of that button (it begins with its text).
    SHOW_LOGINS_OF = "Show logins slowest or failed in {0}" / "显示{0}最慢或失败的登录";

    SLOWEST_PHASE = "Slowest phase" / "最慢阶段";
    NOT_ANALYZED = "not analyzed" / "未分析";
    NO_PHASES = "no phases" / "无阶段";
    NO_PHASE_DURATIONS = "no phase durations" / "无阶段时长";
    ANALYSIS_FAILED = "analysis failed" / "分析失败";
}
