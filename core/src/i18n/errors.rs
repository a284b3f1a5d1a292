//! What the user is told when a request fails (the error report and its advice), and the
//! request inspector's words around the wire text (which stays as it is).
//!
//! The API's own words (codes, messages, request IDs), URLs and command-line flags are never in
//! these texts: they fill placeholders, and the report lists them as verbatim.

crate::catalog! {
    /// The error report's labels.
    STATUS = "Status" / "状态码";
    ERROR_CODE = "Error code" / "错误码";
    MESSAGE = "Message" / "错误信息";
    REQUEST_ID = "Request ID" / "请求ID";

    /// Titles: what happened.
    TITLE_NOT_A_PAGE = "The answer is not a page of login records (HTTP {0})" / "响应不是一页登录记录（HTTP {0}）";
    TITLE_PROXY_REFUSED = "The proxy refused the request (HTTP {0})" / "代理拒绝了请求（HTTP {0}）";
    TITLE_400 = "The service rejected the query (HTTP 400)" / "服务拒绝了此查询（HTTP 400）";
    TITLE_401 = "Authentication failed (HTTP 401)" / "认证失败（HTTP 401）";
    TITLE_403 = "Not allowed (HTTP 403)" / "无权访问（HTTP 403）";
    TITLE_404 = "Not found (HTTP 404)" / "未找到（HTTP 404）";
    TITLE_405 = "Method not allowed (HTTP 405)" / "不允许的方法（HTTP 405）";
    TITLE_429 = "Too many requests (HTTP 429)" / "请求过多（HTTP 429）";
    TITLE_SERVER = "The service failed (HTTP {0})" / "服务出错（HTTP {0}）";
    TITLE_OTHER = "The request failed (HTTP {0})" / "请求失败（HTTP {0}）";
    TITLE_NO_ANSWER = "No answer: network or CORS failure" / "无响应：网络或 CORS 故障";
    /// Where the proxy is (one of the three below).
    TITLE_LOCAL_NETWORK_BLOCKED = "The browser blocked this page from reaching the proxy {0}"
        / "浏览器阻止了本页面访问{0}的代理";
    ON_THIS_COMPUTER = "on this computer" / "本机上";
    ON_LOCAL_NETWORK = "on your local network" / "您本地网络中";
    ON_INTERNET = "on the internet" / "互联网上";

    /// Why a 2xx answer is not a page (the parser's own words in {0}).
    NOT_JSON = "the response is not JSON ({0})" / "响应不是 JSON（{0}）";
    NOT_AN_OBJECT = "the response is not a JSON object" / "响应不是 JSON 对象";
    /// The field's name.
    NOT_A_LIST = "the response's {0} field is not a list" / "响应的 {0} 字段不是列表";
    SENTENCE = "{0}." / "{0}。";
    HINT_NOT_A_PAGE = "The response was cut off, or the endpoint or proxy is not the Workspace API. Check the endpoint and proxy URL, then try again."
        / "响应被截断，或者终端节点或代理不是 Workspace API。请检查终端节点和代理地址，然后重试。";
    BODY_EMPTY = "The body was empty." / "响应体为空。";
    IT_BEGAN_WITH = "It began with: {0}" / "其开头为：{0}";
    BODY_BEGAN_WITH = "The body began with: {0}" / "响应体开头为：{0}";

    /// Advice by status.
    HINT_400 = "A filter value was not accepted: check the time range and the filters."
        / "某个筛选值未被接受：请检查时间范围和筛选条件。";
    HINT_401 = "Check the access key, secret key, security token or IAM token, and this computer's clock. Repeated failures lock the access key for 5 minutes."
        / "请检查访问密钥ID、秘密访问密钥、安全令牌或IAM令牌，以及本机时钟。连续认证失败会将访问密钥锁定5分钟。";
    HINT_403 = "The credentials are valid but may not read this project's Workspace data."
        / "凭证有效，但可能无权读取此项目的 Workspace 数据。";
    HINT_404 = "Check the region or endpoint and the project ID." / "请检查区域或终端节点，以及项目ID。";
    HINT_405 = "The endpoint or proxy is not the Workspace API." / "终端节点或代理不是 Workspace API。";
    HINT_429 = "Wait a little and try again; Fetch all retries this by itself."
        / "请稍候再试；“获取全部”会自动重试。";
    HINT_SERVER = "Try again in a moment; Fetch all retries this by itself."
        / "请稍后重试；“获取全部”会自动重试。";
    HINT_503 = "The service is unavailable; try again later." / "服务暂不可用，请稍后重试。";
    HINT_OTHER = "Check the settings and try again." / "请检查设置后重试。";

    /// Advice for the proxy's own refusals ({0}, {1}: its command-line flags).
    PROXY_HINT_0403 = "The proxy does not forward to this host or from this page's origin: check the endpoint, or start the proxy with {0} / {1}."
        / "代理不转发到此主机，或不接受来自本页面源的请求：请检查终端节点，或使用 {0} / {1} 启动代理。";
    PROXY_HINT_0504 = "The API did not answer the proxy in time; try again." / "API 未及时响应代理，请重试。";
    PROXY_HINT_0502 = "The proxy could not reach the API: check the endpoint." / "代理无法连接 API：请检查终端节点。";
    PROXY_HINT_0503 = "The proxy is busy; Fetch all retries this by itself." / "代理繁忙；“获取全部”会自动重试。";
    PROXY_HINT_OTHER = "Check the proxy URL and the proxy's log." / "请检查代理地址和代理的日志。";

    /// Advice for the API gateway's codes whose usual cause is known.
    GATEWAY_0301 = "Check the access key, secret key, security token or IAM token, and this computer's clock (the signature is valid for about 15 minutes). Repeated failures lock the access key for 5 minutes."
        / "请检查访问密钥ID、秘密访问密钥、安全令牌或IAM令牌，以及本机时钟（签名的有效期约为15分钟）。连续认证失败会将访问密钥锁定5分钟。";
    GATEWAY_0302 = "The credentials are valid but lack permission for Workspace."
        / "凭证有效，但缺少 Workspace 的权限。";
    GATEWAY_0308 = "Too many requests: wait a little and try again." / "请求过多：请稍候再试。";
    GATEWAY_0101 = "No such API here: check the region or endpoint and the project ID."
        / "此处没有该 API：请检查区域或终端节点，以及项目ID。";

    /// No answer at all: the proxy's URL, its flag.
    NETWORK_PROXY = "The proxy at {0} is unreachable or does not allow this page's origin. Check that it is running and that its {1} includes this page."
        / "无法访问位于 {0} 的代理，或者它不允许本页面的源。请确认代理正在运行，并且其 {1} 包含本页面。";
    NETWORK_NO_PROXY = "No proxy is set, and the Workspace API does not allow browsers to call it directly (no CORS headers): set a proxy URL."
        / "未设置代理，而 Workspace API 不允许浏览器直接调用（没有 CORS 响应头）：请设置代理地址。";
    /// The browser's own words.
    BROWSER_SAID = "The browser said: {0}" / "浏览器报告：{0}";
    /// The proxy's URL.
    LOCAL_NETWORK_MESSAGE = "This site's local network permission is blocked in this browser, so the request to {0} was not sent."
        / "此浏览器阻止了本网站的本地网络权限，因此发往 {0} 的请求未发送。";
    /// The proxy's program, its flag.
    LOCAL_NETWORK_HINT = "Do one of these: (1) allow it: open the site settings from the icon left of the address, set the local network permission to Allow, reload the page and run the query again; (2) open the app from the proxy itself: start {0} with {1} pointing at the app's files and open the proxy's own address, where no permission is needed; (3) use a proxy at an https address on a public name."
        / "请任选一种方式：(1) 允许：点击地址栏左侧的图标打开网站设置，将本地网络权限设为“允许”，重新加载页面后再次运行查询；(2) 从代理本身打开应用：启动 {0} 时用 {1} 指向应用的文件，然后打开代理自己的地址，此时无需权限；(3) 使用公共域名上 HTTPS 地址的代理。";

    /// The clocks compared: this computer's, the server's, the verdict.
    CLOCKS = "This computer's clock: {0}; the server's: {1} ({2})." / "本机时钟：{0}；服务器时钟：{1}（{2}）。";
    CLOCKS_AGREE = "they agree, so the clock is not the problem" / "两者一致，问题不在时钟";
    CLOCK_AHEAD = "this computer is {0} ahead of the server's; signatures are refused beyond about 15 min"
        / "本机比服务器快 {0}；相差超过约15分钟时签名会被拒绝";
    CLOCK_BEHIND = "this computer is {0} behind the server's; signatures are refused beyond about 15 min"
        / "本机比服务器慢 {0}；相差超过约15分钟时签名会被拒绝";
    SKEW_MINUTES = "{0} min" / "{0}分钟";
    SKEW_HOURS = "{0} h {1} min" / "{0}小时{1}分钟";
    SKEW_DAYS = "{0} days" / "{0}天";

    /// The request inspector.
    INSPECTOR_EMPTY = "Run a query to see the request here." / "运行查询后，这里会显示所发送的请求。";
    REVEAL_SECRETS = "Reveal secret values" / "显示密钥的值";
    URL_THROUGH_PROXY = "URL through the proxy" / "经代理的 URL";
    URL_DIRECT = "URL direct" / "直连 URL";
    HEADERS = "Headers" / "请求头";
    NOTE_SIGNED_SET_BY_PROXY = "(signed; set by the proxy)" / "（已签名；由代理设置）";
    NOTE_SIGNED = "(signed)" / "（已签名）";
    NOTE_SET_BY_PROXY = "(set by the proxy)" / "（由代理设置）";
    CANONICAL_REQUEST = "Canonical request" / "规范请求";
    STRING_TO_SIGN = "String to sign" / "待签名字符串";
    CURL = "curl" / "curl 命令";
    COPY_CURL = "Copy curl command" / "复制 curl 命令";
    COPIED = "Copied, with the real credentials: it works until the signature expires (about 15 minutes)."
        / "已复制，包含真实凭证：在签名过期（约15分钟）之前可用。";
    COPY_REFUSED = "The browser refused clipboard access; select the command and copy it."
        / "浏览器拒绝访问剪贴板；请选中命令后手动复制。";
    /// A secret header value, masked: its length.
    MASKED = "••••• ({0} characters)" / "•••••（{0} 个字符）";
}
