//! The page frame: title, header, footer, the language select, the section navigation and the
//! start-up notices.

crate::catalog! {
    /// The product's name: the `<h1>` and the document title.
    PRODUCT_NAME = "Workspace Login Records" / "云桌面登录记录";
    /// The API this product reads, as Huawei's documentation titles it in each language.
    API_NAME = "Querying Login Information" / "查询登录信息";
    /// The vendor and service, before the API's name in the header.
    SERVICE_NAME = "Huawei Cloud Workspace" / "华为云 云桌面";
    /// The language select's label (a fixed accessible name in both languages).
    LANGUAGE = "Language" / "语言";
    FOOTER = "Runs entirely in your browser. Requests go only to the proxy URL you set; nothing is sent anywhere else."
        / "完全在您的浏览器中运行。请求只发往您设置的代理地址，不会发往其他任何地方。";
    STAND_IN_NOTICE = "Connected to the local stand-in server: the records are generated demo data, and the credentials below are its demo keys."
        / "已连接到本地模拟服务器：记录是生成的演示数据，下方凭证是它的演示密钥。";
    LINK_SETS_DESTINATION = "This link set the endpoint or proxy URL. Check them before you run a query: your credentials are sent to that proxy."
        / "此链接设置了终端节点或代理地址。运行查询前请先核对：您的凭证会发送到该代理。";
    /// The navigation landmark's name.
    SECTIONS = "Sections" / "页面分区";
    SECTION_QUERY = "Query" / "查询条件";
    SECTION_RECORDS = "Records" / "记录";
    SECTION_ANALYTICS = "Analytics" / "分析";
    SECTION_USERS = "Users" / "用户";
    SECTION_INSPECTOR = "Request inspector" / "请求详情";
    /// The document title with a view: "{view} · {product}".
    TITLE_WITH_VIEW = "{0} · {1}" / "{0} · {1}";
}
