//! The query form: connection settings, credentials, filters, time presets, and what
//! validation says under each field.
//!
//! Field names are Huawei's (`zh-terms.md`); the ones the issue fixes as accessible names
//! (项目ID, 代理地址, 最小网络时延, ...) are exact. A message's field name is the field's label
//! in the same language ([`crate::api::field_error::Field::label`]).

crate::catalog! {
    // --- Section headings and labels (each input's accessible name) ------------------------
    CONNECTION = "Connection" / "连接设置";
    FILTERS = "Filters" / "筛选条件";
    REGION = "Region" / "区域";
    /// The region option when the endpoint is none of the regions'.
    CUSTOM_ENDPOINT = "Custom endpoint" / "自定义终端节点";
    ENDPOINT = "Endpoint" / "终端节点";
    PROJECT_ID = "Project ID" / "项目ID";
    PROJECT_ID_PLACEHOLDER = "32 hexadecimal characters" / "32 位十六进制字符";
    PROXY_URL = "Proxy URL" / "代理地址";

    // --- Targets: several projects and regions fetched together -----------------------------
    /// A target's group name when it has no label; `{0}` is its number from 1.
    TARGET_N = "Target {0}" / "目标 {0}";
    TARGET_LABEL = "Label" / "标签";
    TARGET_LABEL_HELP = "Optional: the name of this target in the table, the charts and the breakdowns (else its project ID)."
        / "可选：此目标在表格、图表和分布中的名称（否则为其项目ID）。";
    ADD_TARGET = "Add target" / "添加目标";
    REMOVE_TARGET = "Remove target" / "删除目标";
    OWN_CREDENTIALS = "Use other credentials for this target" / "为此目标使用其他凭证";
    OWN_CREDENTIALS_HELP = "An IAM token is scoped to one project; an access key works across the account's regions."
        / "IAM令牌仅适用于一个项目；访问密钥可用于账号的所有区域。";
    /// The select of the target Run query and Previous/Next page act on (several targets).
    PAGE_TARGET = "Target for Run query" / "查询的目标";
    /// `{0}` and `{1}` are the slots below, in braces (`proxy_url::help` fills them).
    PROXY_URL_HELP = "Requests go to {0}/{1}. Empty: call the endpoint directly."
        / "请求发往 {0}/{1}。为空时直接调用终端节点。";
    PROXY_URL_SLOT = "proxy URL" / "代理地址";
    ENDPOINT_URL_SLOT = "endpoint URL" / "终端节点地址";
    AUTHENTICATION = "Authentication" / "认证方式";
    /// The AK/SK radio.
    AUTH_ACCESS_KEY = "Access key (AK/SK)" / "访问密钥 (AK/SK)";
    /// The token radio, and the token's input (the same name, as in English).
    IAM_TOKEN = "IAM token" / "IAM令牌";
    IAM_TOKEN_HELP = "The X-Subject-Token of POST /v3/auth/tokens; valid for 24 hours."
        / "由 IAM 获取用户令牌接口签发的令牌，有效期 24 小时。";
    ACCESS_KEY_ID = "Access key ID" / "访问密钥ID";
    SECRET_ACCESS_KEY = "Secret access key" / "秘密访问密钥";
    SECRET_ACCESS_KEY_HELP = "Used only to sign requests in this tab; never sent."
        / "仅用于在此标签页中为请求签名，从不发送。";
    SECURITY_TOKEN = "Security token" / "安全令牌";
    SECURITY_TOKEN_HELP = "Only for temporary credentials; leave empty otherwise."
        / "仅用于临时安全凭证，否则留空。";
    REMEMBER = "Remember credentials on this device" / "在此设备上记住凭证";
    REMEMBER_HELP = "Off: keys and tokens stay in this tab's memory and are gone when it closes. On: they are kept in this browser's local storage until you untick this."
        / "关闭：密钥和令牌只保存在此标签页的内存中，标签页关闭即清除。开启：它们保存在此浏览器的本地存储中，直到您取消勾选。";
    /// The button that shows a secret's characters, and the one that hides them again.
    SHOW_SECRET = "Show" / "显示";
    HIDE_SECRET = "Hide" / "隐藏";
    TIME_RANGE = "Time range" / "时间范围";
    START_TIME = "Start time" / "开始时间";
    END_TIME = "End time" / "结束时间";
    USER_NAME = "User name" / "用户名";
    COMPUTER_NAME = "Computer name" / "计算机名";
    TERMINAL_TYPE = "Terminal type" / "终端类型";
    TERMINAL_TYPE_PLACEHOLDER = "e.g. WI, Windows 10" / "例如 WI、Windows 10";
    MIN_NETWORK_RTT = "Min network RTT" / "最小网络时延";
    MAX_NETWORK_RTT = "Max network RTT" / "最大网络时延";
    MILLISECONDS_HELP = "Milliseconds." / "单位：毫秒。";
    ENTERPRISE_PROJECT_ID = "Enterprise project ID" / "企业项目ID";
    PUBLIC_IP = "Public IP" / "终端出口IP";
    PAGE_SIZE = "Page size" / "每页条数";
    PAGE_SIZE_HELP = "Records per page for Run query, 0 to 1000. Fetch all uses 1000."
        / "“查询”每页的记录数，0 到 1000。“获取全部”每页 1000 条。";

    // --- Field names inside messages, where they differ from the labels above --------------
    OFFSET = "Offset" / "偏移量";
    LIMIT = "Limit" / "每页条数";
    MIN_NETWORK_RTT_NAME = "Minimum network RTT" / "最小网络时延";
    MAX_NETWORK_RTT_NAME = "Maximum network RTT" / "最大网络时延";
    DOMAIN = "Domain" / "域名";

    // --- Time presets (Huawei's console: 近7天, 近30天, 自定义) -----------------------------
    PRESET_LAST_HOUR = "Last 1 h" / "近1小时";
    PRESET_LAST_24_HOURS = "Last 24 h" / "近24小时";
    PRESET_LAST_7_DAYS = "Last 7 days" / "近7天";
    PRESET_LAST_30_DAYS = "Last 30 days" / "近30天";
    PRESET_CUSTOM = "Custom" / "自定义";
    PRESET_ALL_TIME = "All time" / "全部时间";
    /// Under an empty start or end picker.
    TIME_EMPTY_HINT = "Empty: no time filter." / "为空：不按时间筛选。";
    /// Under a start or end picker: the value the API receives, `{0}` in its UTC form.
    TIME_SENT_AS_HINT = "Sent as {0} (UTC)" / "按 UTC 时间发送：{0}";

    // --- Validation: `{0}` is the field's name -----------------------------------------------
    REQUIRED = "{0} is required." / "{0}为必填项。";
    /// `{1}`: the other field's name.
    REQUIRED_WITH = "{0} is required when {1} is set." / "设置了{1}时，{0}为必填项。";
    /// The Chinese sentences give no example where it would be Latin text (a URL, the API's
    /// time format): the page in Chinese has no English word outside user data.
    BAD_TIME_FORMAT = "{0} must be a UTC time like 2024-01-15T08:30Z." / "{0}必须是接口要求的 UTC 时间格式（精确到分钟）。";
    START_AFTER_END = "End time must not be before start time." / "结束时间不能早于开始时间。";
    NOT_A_WHOLE_NUMBER = "{0} must be a whole number (digits only)." / "{0}必须是整数（只能包含数字）。";
    OUT_OF_RANGE = "{0} must be between {1} and {2}." / "{0}必须介于 {1} 和 {2} 之间。";
    MIN_ABOVE_MAX = "Maximum network RTT must not be below the minimum." / "最大网络时延不能小于最小网络时延。";
    TOO_LONG = "{0} must be at most {1} characters." / "{0}最多 {1} 个字符。";
    /// `{1}`: the character, visible.
    FORBIDDEN_CHARACTER = "{0} must not contain \"{1}\"." / "{0}不能包含“{1}”。";
    /// `{1}`: an invisible character's code point in hexadecimal, `0009`.
    FORBIDDEN_INVISIBLE = "{0} must not contain U+{1}." / "{0}不能包含空白或控制字符（十六进制码位 {1}）。";
    DOT_SEGMENT = "{0} must not be \".\" or contain \"..\"." / "{0}不能是“.”，也不能包含“..”。";
    BAD_URL = "{0} must be a full URL such as https://example.com." / "{0}必须是包含协议和主机名的完整 URL。";
    INSECURE_SCHEME = "{0} must use https (plain http only for 127.0.0.1, ::1 or localhost)."
        / "{0}必须使用 HTTPS（仅 127.0.0.1、::1 或 localhost 可以使用不加密的 HTTP）。";
    HAS_USER_INFO = "{0} must not contain a user name or password." / "{0}不能包含用户名或密码。";
    UNEXPECTED_URL_PART = "{0} must not have a path, query or fragment." / "{0}不能包含路径、查询参数或片段。";
    NOT_HEADER_SAFE = "{0} may contain only visible ASCII characters." / "{0}只能包含可见的 ASCII 字符。";
    /// The Chinese example is written as the picker shows it, without the wire format's `T`.
    BAD_LOCAL_TIME = "{0} must be a date and time like 2024-01-15T08:30 (years 0001 to 9999)."
        / "{0}必须是完整的日期和时间，例如 2024-01-15 08:30（年份 0001 至 9999）。";
    BAD_TIME_ZONE_OFFSET = "{0} cannot be converted to UTC: this browser reported an impossible time zone offset."
        / "{0}无法转换为 UTC：此浏览器报告了不存在的时区偏移。";

    // --- Where a proxy is, for the Local Network Access notices -----------------------------
    SPACE_PUBLIC = "on the internet" / "位于互联网上";
    SPACE_LOCAL = "on your local network" / "位于您的局域网中";
    SPACE_LOOPBACK = "on this computer" / "位于本机";

    // --- Regions: the console's names (Huawei's "地区和终端节点") ---------------------------
    REGION_CN_EAST_3 = "CN East-Shanghai1" / "华东-上海一";
    REGION_CN_NORTH_4 = "CN North-Beijing4" / "华北-北京四";
    REGION_CN_SOUTH_1 = "CN South-Guangzhou" / "华南-广州";
    REGION_CN_SOUTHWEST_2 = "CN Southwest-Guiyang1" / "西南-贵阳一";
    REGION_LA_SOUTH_2 = "LA-Santiago" / "拉美-圣地亚哥";
    REGION_SA_BRAZIL_1 = "LA-Sao Paulo1" / "拉美-圣保罗一";
    REGION_LA_NORTH_2 = "LA-Mexico City2" / "拉美-墨西哥城二";
    REGION_AP_SOUTHEAST_3 = "AP-Singapore" / "亚太-新加坡";
    REGION_CN_NORTH_9 = "CN North-Ulanqab1" / "华北-乌兰察布一";
    REGION_AP_SOUTHEAST_1 = "CN-Hong Kong" / "中国-香港";
    REGION_ME_EAST_1 = "ME-Riyadh" / "中东-利雅得";
    REGION_AF_SOUTH_1 = "AF-Johannesburg" / "非洲-约翰内斯堡";
    REGION_TR_WEST_1 = "TR-Istanbul" / "土耳其-伊斯坦布尔";
    REGION_AF_NORTH_1 = "AF-Cairo" / "非洲-开罗";
    REGION_AP_SOUTHEAST_2 = "AP-Bangkok" / "亚太-曼谷";
    REGION_EU_WEST_101 = "EU-Dublin" / "欧洲-都柏林";
}
