//! The records table: column headers (Huawei's own terms), cell words, the toolbar (search,
//! zone, bands, export and import, column filters and chooser), the row detail, the CSV header.
//!
//! Column headers are the API documentation's terms (reference/zh-terms.md), with one choice:
//! `public_ip` is 客户端出口IP, the console's word on its 用户连接记录 page, rather than the API
//! reference's 客户端出网IP. 出口IP is the usual networking term, it is what administrators
//! see next to these records in the console, and it matches the API's own name for the same
//! address as a query filter (终端出口IP), so the column and the filter read as one thing.

crate::catalog! {
    // --- column headers (records::columns::COLUMNS) ---
    USER_NAME = "User name" / "用户名";
    COMPUTER_NAME = "Computer name" / "计算机名";
    TERMINAL_TYPE = "Terminal type" / "终端系统类型";
    CONNECTION_START = "Connection start" / "开始连接时间";
    CONNECTION_SETUP = "Connection setup" / "建立连接时间";
    CONNECTION_END = "Connection end" / "结束连接时间";
    /// Derived: setup time − start time.
    SETUP_TIME = "Setup time" / "建立连接耗时";
    /// Derived: end time − start time.
    SESSION_DURATION = "Session duration" / "会话时长";
    /// A fixed Chinese name (issue 15): 网络时延.
    NETWORK_RTT = "Network RTT" / "网络时延";
    NETWORK_BAND = "Network quality" / "网络质量";
    E2E_RTT = "E2E RTT" / "端到端时延";
    E2E_BAND = "E2E quality" / "端到端质量";
    OUTCOME = "Outcome" / "连接结果";
    FAILURE_REASON = "Failure reason" / "连接失败原因";
    IS_RECONNECT = "Reconnect" / "是否重连";
    PUBLIC_IP = "Public IP" / "客户端出口IP";
    SOURCE_IP = "Source IP" / "客户端源IP";
    TERMINAL_IP = "Terminal IP" / "终端IP";
    TERMINAL_NAME = "Terminal name" / "终端名称";
    TERMINAL_MAC = "Terminal MAC" / "终端MAC地址";
    CLIENT_VERSION = "Client version" / "AccessClient版本";
    AGENT_VERSION = "Agent version" / "AccessAgent版本";
    DESKTOP_IP = "Desktop IP" / "桌面IP";
    DESKTOP_ID = "Desktop ID" / "桌面ID";
    ENTERPRISE_PROJECT_ID = "Enterprise project ID" / "企业项目ID";
    TRANSACTION_ID = "Transaction ID" / "事务ID";
    SID = "SID" / "桌面SID";
    TENANT_ID = "Tenant ID" / "租户ID";
    REGION = "Region" / "区域";
    PROJECT = "Project" / "项目";

    // --- cell words (records::columns::Cell::display) ---
    ONGOING = "ongoing" / "进行中";
    GOOD = "good" / "良好";
    FAIR = "fair" / "一般";
    POOR = "poor" / "较差";
    YES = "yes" / "是";
    NO = "no" / "否";
    SUCCEEDED = "Succeeded" / "成功";
    FAILED = "Failed" / "失败";

    // --- time zones (time::format::zone_name) ---
    /// The zone of a CSV file's time columns: the offset can differ between its rows (summer
    /// time), so no single offset is named.
    LOCAL_TIME = "local time" / "本地时间";
    /// The zone named in headers when times are local: `{0}` is the offset now, `UTC+08:00`.
    /// (English names the browser's zone instead, `Europe/Berlin`, which Chinese text cannot.)
    LOCAL_ZONE = "local time {0}" / "本地时间 {0}";

    // --- the grid ---
    RECORDS_HEADING = "Records" / "记录";
    /// The table's accessible name.
    LOGIN_RECORDS = "Login records" / "登录记录";
    /// Shown of loaded rows.
    ROW_COUNT = "{0} of {1} rows" / "显示 {0} / {1} 行";
    SORT_HINT = "Sort; shift-click to add as a further sort key" / "排序；按住 Shift 单击可添加为下一个排序键";
    NO_RECORDS = "No records loaded." / "尚未加载记录。";

    // --- the toolbar ---
    SEARCH_RECORDS = "Search records" / "搜索记录";
    SEARCH_PLACEHOLDER = "user, computer, IP, version…" / "用户名、计算机名、IP、版本…";
    TIMES = "Times" / "时间";
    SHOW_UTC = "Show times in UTC" / "以 UTC 显示时间";
    GOOD_UP_TO = "Good RTT up to (ms)" / "良好时延上限 (ms)";
    FAIR_UP_TO = "Fair RTT up to (ms)" / "一般时延上限 (ms)";

    // --- export and import ---
    EXPORT_SHOWN_CSV = "Export shown rows (CSV)" / "导出显示的行 (CSV)";
    EXPORT_SHOWN_JSON = "Export shown rows (JSON)" / "导出显示的行 (JSON)";
    EXPORT_ALL_CSV = "Export all rows (CSV)" / "导出全部行 (CSV)";
    EXPORT_ALL_JSON = "Export all rows (JSON)" / "导出全部行 (JSON)";
    IMPORT_JSON = "Import JSON file" / "导入 JSON 文件";
    EXPORTED = "Exported {0} rows." / "已导出 {0} 行。";
    /// `{0}` entries of the file `{1}`.
    IMPORT_SKIPPED = "{0} entries of {1} were not records and were skipped." / "{1} 中有 {0} 项不是记录，已跳过。";
    /// `{0}` the file, `{1}` why (one of the IMPORT_* problems below).
    NOT_IMPORTED = "{0} was not imported: {1}" / "{0} 未导入：{1}";
    IMPORT_EMPTY = "The file is empty." / "文件为空。";
    /// `{0}` line, `{1}` column, `{2}` what the JSON parser found (IMPORT_JSON_*).
    IMPORT_NOT_JSON = "The file is not valid JSON (line {0}, column {1}: {2})." / "文件不是有效的 JSON（第 {0} 行第 {1} 列：{2}）。";
    /// The parser's finding in Chinese (English shows serde_json's own words).
    IMPORT_JSON_CUT_SHORT = "the file ends too early" / "文件在中途结束";
    IMPORT_JSON_SYNTAX = "a syntax error" / "语法错误";
    /// `{0}` the response's field names, as the API spells them.
    IMPORT_NO_RECORDS = "The file holds no login records: expected an API response ({0}), a list of responses, or a list of records." / "文件中没有登录记录：应为一个 API 响应（{0}）、响应列表或记录列表。";
    /// `{0}` the field's name, as the API spells it.
    IMPORT_NOT_A_LIST = "The file's {0} field is not a list." / "文件的 {0} 字段不是列表。";
    /// The browser would not save or read a file; `{0}` the file.
    COULD_NOT_SAVE = "could not save {0}" / "无法保存 {0}";
    COULD_NOT_READ = "could not read {0}" / "无法读取 {0}";

    // --- column filters ---
    COLUMN_FILTERS = "Column filters" / "列筛选";
    COLUMN_FILTERS_ACTIVE = "Column filters ({0} active)" / "列筛选（{0} 个生效）";
    CLEAR_COLUMN_FILTERS = "Clear column filters" / "清除列筛选";
    /// `{0}` a column header.
    CONTAINS = "{0} contains" / "{0}包含";
    /// `{0}` a column header, `{1}` its unit with a space before it, or nothing.
    RANGE_FROM = "{0} from{1}" / "{0}起{1}";
    RANGE_TO = "{0} to{1}" / "{0}止{1}";
    UNIT_SECONDS = "(s)" / "(秒)";
    ANY = "Any" / "不限";
    YES_OPTION = "Yes" / "是";
    NO_OPTION = "No" / "否";
    GOOD_OPTION = "Good" / "良好";
    FAIR_OPTION = "Fair" / "一般";
    POOR_OPTION = "Poor" / "较差";

    // --- column chooser ---
    COLUMNS = "Columns" / "列";
    /// `{0}` a column header. Not the bare header, so labels stay unique next to the form's.
    SHOW_COLUMN = "Show the {0} column" / "显示{0}列";
    MOVE_NAMED_UP = "Move {0} up" / "上移{0}";
    MOVE_NAMED_DOWN = "Move {0} down" / "下移{0}";
    MOVE_UP = "Move up" / "上移";
    MOVE_DOWN = "Move down" / "下移";
    RESET_COLUMNS = "Reset columns" / "恢复默认列";

    // --- row detail ---
    RECORD_DETAILS = "Record details" / "记录详情";
    CLOSE = "Close" / "关闭";
    SHOW_TIMELINE = "Show this user's timeline" / "查看该用户的时间线";
    SHOW_SESSIONS = "Show this user's sessions" / "只看该用户的会话";
    RAW_JSON = "Raw JSON" / "原始 JSON";
}
