//! The run controls (Run query, Fetch all, Cancel, Resume, Previous/Next page), the status line
//! and the progress of a run (pages, retries), and what the run panel announces.

crate::catalog! {
    /// The list of each target's progress (a Fetch all of several targets).
    PROGRESS_BY_TARGET = "Progress by target" / "各目标进度";
    /// The run panel's (visually hidden) heading.
    RUN = "Run" / "运行";
    RUN_QUERY = "Run query" / "查询";
    FETCH_ALL = "Fetch all" / "获取全部";
    CANCEL = "Cancel" / "取消";
    RESUME = "Resume" / "继续";
    TRY_DEMO = "Try demo data" / "试用演示数据";
    TRY_DEMO_TITLE = "Generated in your browser: no network, no account needed"
        / "在您的浏览器中生成：无需网络，也无需账号";
    PREVIOUS_PAGE = "Previous page" / "上一页";
    NEXT_PAGE = "Next page" / "下一页";
    /// The page indicator: page, pages.
    PAGE_OF = "Page {0} of {1}" / "第 {0} / {1} 页";
    PAGE_N = "Page {0}" / "第 {0} 页";
    FIX_FIELDS = "Fix the highlighted fields to run the query." / "请先修正标出的字段，再运行查询。";

    /// The status sentence (a fixed accessible name in both languages).
    LOADED = "Loaded {0} of {1} records" / "已加载 {0} / {1} 条记录";
    LOADED_NO_TOTAL = "Loaded {0} records" / "已加载 {0} 条记录";
    /// The status sentence after "Try demo data".
    DEMO_LOADED = "{0} (generated demo data)" / "{0}（生成的演示数据）";
    /// The status sentence after an import: the sentence, the file's name.
    FROM_FILE = "{0} from {1}" / "{0}，来自 {1}";
    FROM_FILE_DUPLICATES = "{0} from {1} ({2} duplicates skipped)" / "{0}，来自 {1}（已跳过 {2} 条重复记录）";
    CANCELLED = "Cancelled." / "已取消。";

    /// Watch mode's status line. A refresh: its time (HH:MM), new logins, updated logins.
    REFRESHED = "Updated {0}: {1} new, {2} updated" / "已于 {0} 更新：新增 {1} 条，更新 {2} 条";
    /// The same, and the logins that left the sliding range.
    REFRESHED_REMOVED = "Updated {0}: {1} new, {2} updated, {3} older than the range removed"
        / "已于 {0} 更新：新增 {1} 条，更新 {2} 条，移除超出时间范围的 {3} 条";
    /// A failed refresh: its time, why, when it is tried again.
    REFRESH_RETRYING = "The refresh at {0} failed ({1}); trying again at {2}"
        / "{0} 的刷新失败（{1}），将于 {2} 重试";
    /// Watching stopped (refused credentials): when, why.
    WATCH_STOPPED = "Watching stopped at {0}: {1}" / "监控已于 {0} 停止：{1}";
    REQUEST_FAILED = "The request failed." / "请求失败。";
    /// Fetch all stopped at its first pages: the query's total (grouped digits), the limit.
    TOO_MANY = "This query matches {0} records, more than one tab can hold ({1}), so Fetch all stopped. Narrow the time range or the filters and fetch again."
        / "此查询匹配 {0} 条记录，超过一个标签页能容纳的数量（{1} 条），因此已停止获取全部。请缩小时间范围或筛选条件后重新获取。";
    /// Watch mode's controls, next to the run buttons.
    WATCH = "Watch" / "监控";
    REFRESH_EVERY = "Refresh every" / "刷新间隔";
    /// An interval of "Refresh every": `{0}` minutes.
    EVERY_MINUTES = "{0} min" / "{0} 分钟";
    PAUSE_WHEN_HIDDEN = "Pause when hidden" / "页面隐藏时暂停";
    WATCH_HELP = "While watching, each refresh asks only for what is new or changed since the last one; a relative range slides with the clock."
        / "监控期间，每次刷新只查询上次以来新增或变化的记录；相对时间范围随时间滑动。";

    /// The progress bar's accessible name.
    PROGRESS_LABEL = "Fetch all progress" / "获取全部进度";
    PAGES_OF = "{0} of {1} pages" / "{0} / {1} 页";
    RATE = "{0} records/s" / "{0} 条记录/秒";
    TIME_LEFT = "about {0} s left" / "约剩 {0} 秒";
    DUPLICATES_SKIPPED = "{0} duplicates skipped" / "已跳过 {0} 条重复记录";
    TOTAL_CHANGED_WARNING = "The server's total changed from {0} to {1} during loading."
        / "加载期间，服务器报告的总数从 {0} 变为 {1}。";
    FAILED_PAGES_ONE = "{0} failed page" / "{0} 个页面失败";
    FAILED_PAGES_MANY = "{0} failed pages" / "{0} 个页面失败";
    /// A failed page: first record, last record, why, tries.
    FAILED_PAGE_ONE_TRY = "Records {0}–{1}: {2} after {3} try" / "记录 {0}–{1}：{2}，已尝试 {3} 次";
    FAILED_PAGE_TRIES = "Records {0}–{1}: {2} after {3} tries" / "记录 {0}–{1}：{2}，已尝试 {3} 次";

    /// Why a page failed (`FailureKind`).
    FAILURE_STATUS = "HTTP {0}" / "HTTP {0} 错误";
    FAILURE_NETWORK = "network error" / "网络错误";
    FAILURE_TRUNCATED = "incomplete response" / "响应不完整";
    FAILURE_ABORTED = "cancelled" / "已取消";
    FAILURE_LOCAL_NETWORK = "local network access blocked" / "本地网络访问被阻止";

    /// Counted nouns of the reconciliation.
    PAGE_ONE = "{0} page" / "{0} 页";
    PAGE_MANY = "{0} pages" / "{0} 页";
    RECORD_ONE = "{0} record" / "{0} 条记录";
    RECORD_MANY = "{0} records" / "{0} 条记录";
    DUPLICATE_ONE = "{0} duplicate" / "{0} 条重复记录";
    DUPLICATE_MANY = "{0} duplicates" / "{0} 条重复记录";
    UNREADABLE_ONE = "{0} unreadable entry" / "{0} 个无法读取的条目";
    UNREADABLE_MANY = "{0} unreadable entries" / "{0} 个无法读取的条目";

    /// The reconciliation: what arrived against the server's total.
    STOPPED_LOCAL_NETWORK = "Stopped because the browser blocks this page from reaching the proxy: {0}; allow the local network permission, then press Resume."
        / "已停止，因为浏览器阻止本页面访问代理：{0}。请允许本地网络权限，然后点击“继续”。";
    /// Why (a failure), what is missing.
    STOPPED_AUTH = "Stopped after {0} to protect the access key from lockout: {1}; check the credentials and the clock, then press Resume."
        / "出现 {0}后已停止，以免访问密钥被锁定：{1}。请检查凭证和时钟，然后点击“继续”。";
    /// Records so far, pages to go.
    LOADING = "Loading: {0} records so far, {1} to go." / "正在加载：已获取 {0}，还剩 {1}。";
    LOADING_WITH_FAILED = "Loading: {0} records so far, {1} to go; {2} failed."
        / "正在加载：已获取 {0}，还剩 {1}；{2}失败。";
    /// Records so far, of the total.
    SO_FAR_OF = "{0} of {1}" / "{0} 条记录（共 {1} 条）";
    SO_FAR = "{0}" / "{0} 条记录";
    MISSING_PRESS_RESUME = "{0}; press Resume to fetch them." / "{0}。点击“继续”即可获取。";
    LOADED_WITHOUT_TOTAL = "Loaded {0}; the server did not report a total." / "已加载 {0}；服务器未报告总数。";
    MISSING_FAILED = "{0} failed" / "{0}失败";
    MISSING_NOT_FETCHED_ONE = "{0} was not fetched" / "{0}未获取";
    MISSING_NOT_FETCHED_MANY = "{0} were not fetched" / "{0}未获取";
    /// Pages, and the records in them.
    PAGES_WITH_RECORDS = "{0} ({1})" / "{0}（{1}）";
    BOTH = "{0} and {1}" / "{0}，{1}";
    LIST = "{0}, {1}" / "{0}，{1}";
    NOTHING = "nothing" / "无";
    NO_MATCH = "No records match this query." / "没有符合此查询条件的记录。";
    EXTRA_REMOVED = "{0} removed" / "已去除 {0}";
    EXTRA_SKIPPED = "{0} skipped" / "已跳过 {0}";
    ALL_LOADED = "All {0} records loaded" / "全部 {0} 条记录已加载";
    /// Total, unique, what else.
    ALL_RECEIVED = "All {0} records received: {1} unique, {2}" / "已收到全部 {0} 条记录：{1} 条不重复，{2}";
    SENTENCE = "{0}." / "{0}。";
    SENTENCE_AND = "{0}; {1}." / "{0}；{1}。";
    SENTENCE_WITH_ASIDE = "{0} ({1})." / "{0}（{1}）。";
    TOTAL_CHANGED = "the server's total changed from {0} to {1} during loading"
        / "加载期间，服务器报告的总数从 {0} 变为 {1}";
    /// Total, offset, records short.
    EMPTY_PAGE = "The server reported {0} records but sent an empty page at offset {1}: {2} could not be loaded"
        / "服务器报告共有 {0} 条记录，但在偏移量 {1} 处返回了空页：{2}无法加载";
    SENT_FEWER = "The server reported {0} records but sent {1} fewer"
        / "服务器报告共有 {0} 条记录，但少返回了 {1}";
    /// Records more, total.
    SENT_MORE = "The server sent {0} more than its total of {1}: records were probably added during loading"
        / "服务器返回的记录比其总数 {1} 多出 {0}：加载期间可能新增了记录";
}
