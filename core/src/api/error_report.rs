//! What the user is told when a request fails: the API's code, message and request ID, and a
//! hint that says what to check, in words an administrator can act on, in either language.
//!
//! Built here (pure, tested natively) rather than in the view, so every failure mode has a
//! tested message and the view only lays it out. What the app keeps is the failure as data
//! ([`FailedRequest`]: the answer, the clocks, the browser's words); the view asks it for its
//! [`ErrorReport`] in the current language whenever it renders, so switching the language
//! re-renders the report without a new request.

use chrono::{DateTime, Utc};

use crate::api::address_space::AddressSpace;
use crate::api::error_body::ApiError;
use crate::api::response::ResponseProblem;
use crate::i18n::{errors, Lang, Text};
use crate::records::record::PageError;

/// One failure, ready to show in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    /// One line: what happened ("Authentication failed (HTTP 401)").
    pub title: String,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// What to check or do next.
    pub hint: Option<String>,
    /// Facts that help: the clock comparison, the first bytes of an unexpected body, ...
    pub details: Vec<String>,
    /// The API's, the browser's and the user's own words inside the texts above (the API's
    /// message, a body's start, URLs, command-line flags): they stay as they are in every
    /// language, and the view marks them so (see [`ErrorReport::segments`]).
    pub verbatim: Vec<String>,
}

impl ErrorReport {
    /// `text` (one of this report's texts) cut at each of the report's verbatim words, as
    /// `(piece, verbatim)`: the view marks the verbatim pieces as not to be translated.
    ///
    /// ```
    /// use logins_core::api::error_report::report_network;
    /// use logins_core::i18n::Lang;
    /// let r = report_network(Lang::Zh, Some("http://p:1"), "TypeError: Failed to fetch");
    /// let hint = r.hint.clone().unwrap();
    /// let pieces = r.segments(&hint);
    /// assert_eq!(pieces[1], ("http://p:1", true));
    /// assert!(pieces.iter().filter(|(_, v)| !v).all(|(p, _)| !p.contains("allow")));
    /// ```
    pub fn segments<'a>(&self, text: &'a str) -> Vec<(&'a str, bool)> {
        let mut pieces = Vec::new();
        let mut rest = text;
        loop {
            // The first verbatim word in the rest; the longest of those starting there.
            let found = self
                .verbatim
                .iter()
                .filter(|v| !v.is_empty())
                .filter_map(|v| rest.find(v.as_str()).map(|at| (at, v.len())))
                .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
            let Some((at, len)) = found else { break };
            if at > 0 {
                pieces.push((&rest[..at], false));
            }
            pieces.push((&rest[at..at + len], true));
            rest = &rest[at + len..];
        }
        if !rest.is_empty() {
            pieces.push((rest, false));
        }
        pieces
    }
}

/// What the app knew when the answer came.
#[derive(Clone, Copy, Debug)]
pub struct ReportContext<'a> {
    /// The proxy URL in use, if any, to name it when it cannot be reached.
    pub proxy_url: Option<&'a str>,
    /// This computer's clock when the answer arrived.
    pub browser_now: DateTime<Utc>,
    /// The answer's `Date` header (RFC 2822), when the proxy exposed it.
    pub server_date: Option<&'a str>,
}

/// A failed request as data (no sentences), which is what the app keeps: [`FailedRequest::report`]
/// says it in a language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailedRequest {
    /// An answer that is not a page, with this computer's clock when it came and the answer's
    /// `Date` header.
    Answer {
        problem: ResponseProblem,
        /// The proxy the request went through, if any.
        proxy_url: Option<String>,
        browser_now: DateTime<Utc>,
        server_date: Option<String>,
    },
    /// No answer at all (see [`report_network`]).
    NoAnswer {
        proxy_url: Option<String>,
        detail: String,
    },
    /// The browser refused to reach the proxy (see [`report_local_network_blocked`]).
    LocalNetworkBlocked {
        proxy_url: String,
        space: AddressSpace,
        detail: String,
    },
}

impl FailedRequest {
    /// The report in `lang`.
    pub fn report(&self, lang: Lang) -> ErrorReport {
        match self {
            FailedRequest::Answer {
                problem,
                proxy_url,
                browser_now,
                server_date,
            } => report_problem_in(
                lang,
                problem,
                &ReportContext {
                    proxy_url: proxy_url.as_deref(),
                    browser_now: *browser_now,
                    server_date: server_date.as_deref(),
                },
            ),
            FailedRequest::NoAnswer { proxy_url, detail } => {
                report_network(lang, proxy_url.as_deref(), detail)
            }
            FailedRequest::LocalNetworkBlocked {
                proxy_url,
                space,
                detail,
            } => report_local_network_blocked(lang, proxy_url, *space, detail),
        }
    }
}

/// The report in `lang` for an answer that is not a page.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::api::error_report::{report_problem_in, ReportContext};
/// use logins_core::api::response::read_response;
/// use logins_core::i18n::Lang;
/// let problem = read_response(401, r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#, Some("req-1")).unwrap_err();
/// let ctx = ReportContext {
///     proxy_url: None,
///     browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 50, 0).unwrap(),
///     server_date: Some("Mon, 15 Jan 2024 08:30:00 GMT"),
/// };
/// let report = report_problem_in(Lang::En, &problem, &ctx);
/// assert_eq!(report.code.as_deref(), Some("APIGW.0301"));
/// assert!(report.details[0].contains("20 min ahead"));
/// let zh = report_problem_in(Lang::Zh, &problem, &ctx);
/// assert_eq!((zh.code, zh.request_id), (report.code, report.request_id));
/// assert!(zh.details[0].contains("本机比服务器快 20分钟"));
/// ```
pub fn report_problem_in(
    lang: Lang,
    problem: &ResponseProblem,
    ctx: &ReportContext<'_>,
) -> ErrorReport {
    match problem {
        ResponseProblem::Api(api) => report_api_error(lang, api, ctx),
        ResponseProblem::NotAPage {
            status,
            request_id,
            reason,
            excerpt,
        } => {
            let mut verbatim = Vec::new();
            let reason = match reason {
                PageError::NotJson(why) => {
                    verbatim.push(why.clone());
                    errors::NOT_JSON.fill(lang, &[why])
                }
                PageError::NotAnObject => errors::NOT_AN_OBJECT.get(lang).to_owned(),
                PageError::RecordsNotAList => {
                    verbatim.push("records".to_owned());
                    errors::NOT_A_LIST.fill(lang, &["records"])
                }
            };
            let details = if excerpt.is_empty() {
                vec![errors::BODY_EMPTY.get(lang).to_owned()]
            } else {
                verbatim.push(excerpt.clone());
                vec![errors::IT_BEGAN_WITH.fill(lang, &[excerpt])]
            };
            ErrorReport {
                title: errors::TITLE_NOT_A_PAGE.fill(lang, &[&status.to_string()]),
                status: Some(*status),
                code: None,
                message: Some(errors::SENTENCE.fill(lang, &[&reason])),
                request_id: request_id.clone(),
                hint: Some(errors::HINT_NOT_A_PAGE.get(lang).to_owned()),
                details,
                verbatim,
            }
        }
    }
}

fn report_api_error(lang: Lang, api: &ApiError, ctx: &ReportContext<'_>) -> ErrorReport {
    let status = api.status;
    let from_proxy = api.code.as_deref().is_some_and(|c| c.starts_with("PROXY."));
    let code = status.to_string();
    let title = match status {
        _ if from_proxy => errors::TITLE_PROXY_REFUSED.fill(lang, &[&code]),
        400 => errors::TITLE_400.get(lang).to_owned(),
        401 => errors::TITLE_401.get(lang).to_owned(),
        403 => errors::TITLE_403.get(lang).to_owned(),
        404 => errors::TITLE_404.get(lang).to_owned(),
        405 => errors::TITLE_405.get(lang).to_owned(),
        429 => errors::TITLE_429.get(lang).to_owned(),
        500..=599 => errors::TITLE_SERVER.fill(lang, &[&code]),
        _ => errors::TITLE_OTHER.fill(lang, &[&code]),
    };
    let mut verbatim: Vec<String> = api.message.iter().cloned().collect();
    let hint = match api.hint() {
        Some(text) => text.get(lang).to_owned(),
        None if from_proxy => match api.code.as_deref() {
            Some("PROXY.0403") => {
                verbatim.extend(["--allow-host".to_owned(), "--allow-origin".to_owned()]);
                errors::PROXY_HINT_0403.fill(lang, &["--allow-host", "--allow-origin"])
            }
            Some("PROXY.0504") => errors::PROXY_HINT_0504.get(lang).to_owned(),
            Some("PROXY.0502") => errors::PROXY_HINT_0502.get(lang).to_owned(),
            Some("PROXY.0503") => errors::PROXY_HINT_0503.get(lang).to_owned(),
            _ => errors::PROXY_HINT_OTHER.get(lang).to_owned(),
        },
        None => status_hint(status).get(lang).to_owned(),
    };
    let mut details = Vec::new();
    if status == 401 {
        if let Some(line) = clock_comparison(lang, ctx.browser_now, ctx.server_date) {
            details.push(line);
        }
    }
    if let Some(excerpt) = &api.body_excerpt {
        verbatim.push(excerpt.clone());
        details.push(errors::BODY_BEGAN_WITH.fill(lang, &[excerpt]));
    }
    ErrorReport {
        title,
        status: Some(status),
        code: api.code.clone(),
        message: api.message.clone(),
        request_id: api.request_id.clone(),
        hint: Some(hint),
        details,
        verbatim,
    }
}

/// The advice for a status, when the code has none of its own.
fn status_hint(status: u16) -> Text {
    match status {
        400 => errors::HINT_400,
        401 => errors::HINT_401,
        403 => errors::HINT_403,
        404 => errors::HINT_404,
        405 => errors::HINT_405,
        429 => errors::HINT_429,
        500 | 502 | 504 => errors::HINT_SERVER,
        503 => errors::HINT_503,
        _ => errors::HINT_OTHER,
    }
}

/// The report when no answer came at all (the browser hides why, for CORS reasons).
///
/// ```
/// use logins_core::api::error_report::report_network;
/// use logins_core::i18n::Lang;
/// let r = report_network(Lang::En, Some("http://127.0.0.1:8787"), "TypeError: Failed to fetch");
/// assert!(r.hint.unwrap().contains("http://127.0.0.1:8787"));
/// ```
pub fn report_network(lang: Lang, proxy_url: Option<&str>, detail: &str) -> ErrorReport {
    let mut verbatim = vec![detail.to_owned()];
    let hint = match proxy_url {
        Some(proxy) => {
            verbatim.extend([proxy.to_owned(), "--allow-origin".to_owned()]);
            errors::NETWORK_PROXY.fill(lang, &[proxy, "--allow-origin"])
        }
        None => errors::NETWORK_NO_PROXY.get(lang).to_owned(),
    };
    ErrorReport {
        title: errors::TITLE_NO_ANSWER.get(lang).to_owned(),
        status: None,
        code: None,
        message: None,
        request_id: None,
        hint: Some(hint),
        details: vec![errors::BROWSER_SAID.fill(lang, &[detail])],
        verbatim,
    }
}

/// The report when the browser itself refused to let this page reach a proxy on this computer
/// or the local network: Chrome's and Edge's Local Network Access permission is blocked for
/// this site. Trying again cannot help until the user changes that, so it names the three ways
/// out.
///
/// ```
/// use logins_core::api::address_space::AddressSpace;
/// use logins_core::api::error_report::report_local_network_blocked;
/// use logins_core::i18n::Lang;
/// let r = report_local_network_blocked(Lang::En, "http://127.0.0.1:8787", AddressSpace::Loopback, "TypeError: Failed to fetch");
/// assert!(r.title.contains("blocked"));
/// assert!(r.hint.unwrap().contains("--serve-dir"));
/// ```
pub fn report_local_network_blocked(
    lang: Lang,
    proxy_url: &str,
    space: AddressSpace,
    detail: &str,
) -> ErrorReport {
    let where_ = match space {
        AddressSpace::Loopback => errors::ON_THIS_COMPUTER,
        AddressSpace::Local => errors::ON_LOCAL_NETWORK,
        AddressSpace::Public => errors::ON_INTERNET,
    };
    ErrorReport {
        title: errors::TITLE_LOCAL_NETWORK_BLOCKED.fill(lang, &[where_.get(lang)]),
        status: None,
        code: None,
        message: Some(errors::LOCAL_NETWORK_MESSAGE.fill(lang, &[proxy_url])),
        request_id: None,
        hint: Some(errors::LOCAL_NETWORK_HINT.fill(lang, &["logins-proxy", "--serve-dir"])),
        details: vec![errors::BROWSER_SAID.fill(lang, &[detail])],
        verbatim: vec![
            proxy_url.to_owned(),
            detail.to_owned(),
            "logins-proxy".to_owned(),
            "--serve-dir".to_owned(),
        ],
    }
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
fn utc_text(t: &DateTime<Utc>) -> String {
    crate::time::format::fixed_time(&t.naive_utc(), "-", " ", ":", true) + " UTC"
}

/// "Your clock is 20 min ahead of the server's": the usual cause of a refused signature.
fn clock_comparison(
    lang: Lang,
    browser_now: DateTime<Utc>,
    server_date: Option<&str>,
) -> Option<String> {
    let server = crate::time::text::parse_rfc2822(server_date?.trim())?;
    let seconds = browser_now.signed_duration_since(server).num_seconds();
    let verdict = match seconds.abs() {
        0..=60 => errors::CLOCKS_AGREE.get(lang).to_owned(),
        abs => {
            let text = if seconds > 0 {
                errors::CLOCK_AHEAD
            } else {
                errors::CLOCK_BEHIND
            };
            text.fill(lang, &[&skew(lang, abs)])
        }
    };
    Some(errors::CLOCKS.fill(
        lang,
        &[&utc_text(&browser_now), &utc_text(&server), &verdict],
    ))
}

/// A clock difference: "20 min", "2 h 15 min", "3 days".
fn skew(lang: Lang, seconds: i64) -> String {
    match seconds {
        s if s < 3600 => errors::SKEW_MINUTES.fill(lang, &[&(s / 60).to_string()]),
        s if s < 86_400 => errors::SKEW_HOURS.fill(
            lang,
            &[&(s / 3600).to_string(), &(s % 3600 / 60).to_string()],
        ),
        s => errors::SKEW_DAYS.fill(lang, &[&(s / 86_400).to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::response::read_response;
    use chrono::TimeZone;

    fn ctx(server_date: Option<&'static str>) -> ReportContext<'static> {
        ReportContext {
            proxy_url: Some("http://127.0.0.1:8787"),
            browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(),
            server_date,
        }
    }

    fn report(status: u16, body: &str) -> ErrorReport {
        report_problem_in(
            Lang::En,
            &read_response(status, body, Some("rid-1")).unwrap_err(),
            &ctx(None),
        )
    }

    #[test]
    fn every_status_has_a_title_code_message_request_id_and_hint() {
        for status in [400, 401, 403, 404, 405, 429, 500, 503] {
            let r = report(
                status,
                r#"{"error_code":"WKS.0002","error_msg":"bad thing"}"#,
            );
            assert!(r.title.contains(&status.to_string()), "{r:?}");
            assert_eq!(r.code.as_deref(), Some("WKS.0002"));
            assert_eq!(r.message.as_deref(), Some("bad thing"));
            assert_eq!(r.request_id.as_deref(), Some("rid-1"));
            assert!(r.hint.is_some(), "{status} has a hint");
        }
    }

    #[test]
    fn gateway_codes_get_their_specific_hint() {
        let r = report(401, r#"{"error_code":"APIGW.0301","error_msg":"x"}"#);
        assert!(r.hint.unwrap().contains("clock"));
        let r = report(429, r#"{"error_code":"APIGW.0308","error_msg":"x"}"#);
        assert!(r.hint.unwrap().contains("Too many requests"));
    }

    #[test]
    fn proxy_refusals_say_it_was_the_proxy() {
        let r = report(
            403,
            r#"{"error_code":"PROXY.0403","error_msg":"host not allowed"}"#,
        );
        assert!(r.title.starts_with("The proxy refused"));
        assert!(r.hint.unwrap().contains("--allow-host"));
    }

    #[test]
    fn a_refused_signature_compares_the_clocks() {
        let problem = read_response(401, r#"{"error_code":"APIGW.0301"}"#, None).unwrap_err();
        let behind = report_problem_in(
            Lang::En,
            &problem,
            &ctx(Some("Mon, 15 Jan 2024 10:45:30 GMT")),
        );
        assert_eq!(
            behind.details,
            ["This computer's clock: 2024-01-15 08:30:00 UTC; the server's: 2024-01-15 10:45:30 UTC (this computer is 2 h 15 min behind the server's; signatures are refused beyond about 15 min)."]
        );
        let same = report_problem_in(
            Lang::En,
            &problem,
            &ctx(Some("Mon, 15 Jan 2024 08:30:20 GMT")),
        );
        assert!(same.details[0].contains("they agree"));
        let unknown = report_problem_in(Lang::En, &problem, &ctx(Some("not a date")));
        assert!(unknown.details.is_empty());
    }

    #[test]
    fn an_html_error_page_is_quoted() {
        let r = report(502, "<html>Bad gateway</html>");
        assert_eq!(r.code, None);
        assert_eq!(r.details, ["The body began with: <html>Bad gateway</html>"]);
    }

    #[test]
    fn a_cut_body_is_explained_and_quoted() {
        let r = report(200, r#"{"total_count": 5, "reco"#);
        assert!(r.title.contains("not a page"));
        assert!(r.details[0].contains(r#"{"total_count": 5, "reco"#));
    }

    #[test]
    fn a_blocked_local_network_names_the_proxy_and_the_three_ways_out() {
        let r = report_local_network_blocked(
            Lang::En,
            "http://127.0.0.1:8787",
            AddressSpace::Loopback,
            "TypeError: Failed to fetch",
        );
        assert_eq!(
            r.title,
            "The browser blocked this page from reaching the proxy on this computer"
        );
        assert_eq!(r.status, None);
        assert!(r.message.unwrap().contains("http://127.0.0.1:8787"));
        let hint = r.hint.unwrap();
        for way in ["Allow", "--serve-dir", "https address on a public name"] {
            assert!(hint.contains(way), "{way} in {hint}");
        }
        assert_eq!(r.details, ["The browser said: TypeError: Failed to fetch"]);
        let local =
            report_local_network_blocked(Lang::En, "https://10.0.0.5", AddressSpace::Local, "x");
        assert!(local.title.ends_with("on your local network"));
    }

    /// Every failure the app reports: each status and its advice, the gateway's and the proxy's
    /// codes, a body that is no page, no answer, a blocked local network.
    fn every_failure() -> Vec<FailedRequest> {
        let answer = |status: u16, body: &str| FailedRequest::Answer {
            problem: read_response(status, body, Some("rid-1")).unwrap_err(),
            proxy_url: None,
            browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(),
            server_date: Some("Mon, 15 Jan 2024 10:45:30 GMT".to_owned()),
        };
        let mut all: Vec<FailedRequest> = [400, 401, 403, 404, 405, 429, 500, 502, 503, 504, 418]
            .into_iter()
            .map(|status| {
                answer(
                    status,
                    r#"{"error_code":"WKS.0002","error_msg":"bad thing"}"#,
                )
            })
            .collect();
        for code in ["APIGW.0301", "APIGW.0302", "APIGW.0308", "APIGW.0101"] {
            all.push(answer(
                401,
                &format!(r#"{{"error_code":"{code}","error_msg":"Gateway says no"}}"#),
            ));
        }
        for code in [
            "PROXY.0403",
            "PROXY.0502",
            "PROXY.0503",
            "PROXY.0504",
            "PROXY.0400",
        ] {
            all.push(answer(
                403,
                &format!(r#"{{"error_code":"{code}","error_msg":"host not allowed"}}"#),
            ));
        }
        all.push(answer(502, "<html>Bad gateway</html>"));
        all.push(answer(200, r#"{"total_count": 5, "reco"#));
        all.push(answer(200, ""));
        all.push(answer(200, "[1]"));
        all.push(answer(200, r#"{"records": 5}"#));
        all.push(FailedRequest::NoAnswer {
            proxy_url: Some("http://127.0.0.1:8787".to_owned()),
            detail: "TypeError: Failed to fetch".to_owned(),
        });
        all.push(FailedRequest::NoAnswer {
            proxy_url: None,
            detail: "TypeError: Failed to fetch".to_owned(),
        });
        for space in [
            AddressSpace::Loopback,
            AddressSpace::Local,
            AddressSpace::Public,
        ] {
            all.push(FailedRequest::LocalNetworkBlocked {
                proxy_url: "http://127.0.0.1:8787".to_owned(),
                space,
                detail: "TypeError: Failed to fetch".to_owned(),
            });
        }
        all
    }

    #[test]
    fn every_report_is_all_chinese_but_the_api_s_and_browser_s_own_words() {
        for failure in every_failure() {
            let en = failure.report(Lang::En);
            let zh = failure.report(Lang::Zh);
            // The API's words and the facts stay as they are.
            assert_eq!(
                (&zh.status, &zh.code, &zh.request_id, &zh.verbatim),
                (&en.status, &en.code, &en.request_id, &en.verbatim),
                "{failure:?}"
            );
            if en.code.is_some() {
                assert_eq!(zh.message, en.message);
            }
            assert_eq!(zh.details.len(), en.details.len());
            assert_eq!(zh.hint.is_some(), en.hint.is_some());
            let texts = [Some(&zh.title), zh.message.as_ref(), zh.hint.as_ref()]
                .into_iter()
                .flatten()
                .chain(&zh.details);
            for text in texts {
                let all_verbatim = zh.segments(text).iter().all(|(_, v)| *v);
                assert!(all_verbatim || !text.is_ascii(), "untranslated: {text}");
                for (piece, verbatim) in zh.segments(text) {
                    if !verbatim {
                        let words = crate::i18n::untranslated_words(piece);
                        assert!(words.is_empty(), "{words:?} in {text} ({failure:?})");
                    }
                }
            }
            assert_ne!(zh.title, en.title);
        }
    }

    #[test]
    fn chinese_advice_for_the_usual_failures() {
        let zh = |status: u16, body: &str| {
            FailedRequest::Answer {
                problem: read_response(status, body, Some("rid-1")).unwrap_err(),
                proxy_url: None,
                browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(),
                server_date: Some("Mon, 15 Jan 2024 08:50:00 GMT".to_owned()),
            }
            .report(Lang::Zh)
        };
        let signature = zh(
            401,
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
        );
        assert_eq!(signature.title, "认证失败（HTTP 401）");
        assert_eq!(signature.code.as_deref(), Some("APIGW.0301"));
        assert_eq!(
            signature.message.as_deref(),
            Some("Incorrect IAM authentication information")
        );
        assert!(signature.hint.unwrap().contains("签名的有效期约为15分钟"));
        assert_eq!(
            signature.details,
            ["本机时钟：2024-01-15 08:30:00 UTC；服务器时钟：2024-01-15 08:50:00 UTC（本机比服务器慢 20分钟；相差超过约15分钟时签名会被拒绝）。"]
        );
        let denied = zh(403, r#"{"error_code":"WKS.0003","error_msg":"x"}"#);
        assert_eq!(denied.title, "无权访问（HTTP 403）");
        assert_eq!(
            denied.hint.as_deref(),
            Some("凭证有效，但可能无权读取此项目的 Workspace 数据。")
        );
        let throttled = zh(429, r#"{"error_code":"APIGW.0308","error_msg":"x"}"#);
        assert_eq!(throttled.title, "请求过多（HTTP 429）");
        assert_eq!(throttled.hint.as_deref(), Some("请求过多：请稍候再试。"));
        let network = report_network(
            Lang::Zh,
            Some("http://127.0.0.1:8787"),
            "TypeError: Failed to fetch",
        );
        assert_eq!(network.title, "无响应：网络或 CORS 故障");
        assert_eq!(network.details, ["浏览器报告：TypeError: Failed to fetch"]);
        let blocked = report_local_network_blocked(
            Lang::Zh,
            "http://127.0.0.1:8787",
            AddressSpace::Loopback,
            "x",
        );
        assert_eq!(blocked.title, "浏览器阻止了本页面访问本机上的代理");
        assert!(blocked
            .hint
            .unwrap()
            .contains("启动 logins-proxy 时用 --serve-dir 指向应用的文件"));
    }

    #[test]
    fn segments_cut_at_the_verbatim_words() {
        let r = report_network(Lang::En, Some("http://p:1"), "boom");
        let hint = r.hint.clone().unwrap();
        let pieces = r.segments(&hint);
        assert_eq!(pieces.iter().map(|(p, _)| *p).collect::<String>(), hint);
        assert_eq!(
            pieces
                .iter()
                .filter(|(_, v)| *v)
                .map(|(p, _)| *p)
                .collect::<Vec<_>>(),
            ["http://p:1", "--allow-origin"]
        );
        assert_eq!(r.segments(""), []);
        assert_eq!(r.segments("boom"), [("boom", true)]);
    }

    #[test]
    fn no_answer_names_the_proxy_or_says_to_set_one() {
        assert!(report_network(Lang::En, Some("http://p:1"), "x")
            .hint
            .unwrap()
            .contains("http://p:1"));
        assert!(report_network(Lang::En, None, "x")
            .hint
            .unwrap()
            .contains("set a proxy URL"));
    }
}
