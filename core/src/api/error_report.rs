//! What the user is told when a request fails: the API's code, message and request ID, and a
//! hint that says what to check, in words an administrator can act on.
//!
//! Built here (pure, tested natively) rather than in the view, so every failure mode has a
//! tested message and the view only lays it out.

use chrono::{DateTime, Utc};

use crate::api::address_space::AddressSpace;
use crate::api::error_body::ApiError;
use crate::api::response::ResponseProblem;

/// One failure, ready to show.
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

/// The report for an answer that is not a page.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::api::error_report::{report_problem, ReportContext};
/// use logins_core::api::response::read_response;
/// let problem = read_response(401, r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#, Some("req-1")).unwrap_err();
/// let ctx = ReportContext {
///     proxy_url: None,
///     browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 50, 0).unwrap(),
///     server_date: Some("Mon, 15 Jan 2024 08:30:00 GMT"),
/// };
/// let report = report_problem(&problem, &ctx);
/// assert_eq!(report.code.as_deref(), Some("APIGW.0301"));
/// assert!(report.details[0].contains("20 min ahead"));
/// ```
pub fn report_problem(problem: &ResponseProblem, ctx: &ReportContext<'_>) -> ErrorReport {
    match problem {
        ResponseProblem::Api(api) => report_api_error(api, ctx),
        ResponseProblem::NotAPage {
            status,
            request_id,
            reason,
            excerpt,
        } => ErrorReport {
            title: format!("The answer is not a page of login records (HTTP {status})"),
            status: Some(*status),
            code: None,
            message: Some(format!("{reason}.")),
            request_id: request_id.clone(),
            hint: Some(
                "The response was cut off, or the endpoint or proxy is not the Workspace API. \
                 Check the endpoint and proxy URL, then try again."
                    .to_owned(),
            ),
            details: if excerpt.is_empty() {
                vec!["The body was empty.".to_owned()]
            } else {
                vec![format!("It began with: {excerpt}")]
            },
        },
    }
}

fn report_api_error(api: &ApiError, ctx: &ReportContext<'_>) -> ErrorReport {
    let status = api.status;
    let from_proxy = api.code.as_deref().is_some_and(|c| c.starts_with("PROXY."));
    let title = match status {
        _ if from_proxy => format!("The proxy refused the request (HTTP {status})"),
        400 => "The service rejected the query (HTTP 400)".to_owned(),
        401 => "Authentication failed (HTTP 401)".to_owned(),
        403 => "Not allowed (HTTP 403)".to_owned(),
        404 => "Not found (HTTP 404)".to_owned(),
        405 => "Method not allowed (HTTP 405)".to_owned(),
        429 => "Too many requests (HTTP 429)".to_owned(),
        500..=599 => format!("The service failed (HTTP {status})"),
        _ => format!("The request failed (HTTP {status})"),
    };
    let hint = api.hint().map(str::to_owned).or_else(|| {
        Some(
            match status {
                _ if from_proxy => proxy_hint(api.code.as_deref()),
                400 => "A filter value was not accepted: check the time range and the filters.",
                401 => {
                    "Check the access key, secret key, security token or IAM token, and this \
                     computer's clock. Repeated failures lock the access key for 5 minutes."
                }
                403 => "The credentials are valid but may not read this project's Workspace data.",
                404 => "Check the region or endpoint and the project ID.",
                405 => "The endpoint or proxy is not the Workspace API.",
                429 => "Wait a little and try again; Fetch all retries this by itself.",
                500 | 502 | 504 => "Try again in a moment; Fetch all retries this by itself.",
                503 => "The service is unavailable; try again later.",
                _ => "Check the settings and try again.",
            }
            .to_owned(),
        )
    });
    let mut details = Vec::new();
    if status == 401 {
        if let Some(line) = clock_comparison(ctx.browser_now, ctx.server_date) {
            details.push(line);
        }
    }
    if let Some(excerpt) = &api.body_excerpt {
        details.push(format!("The body began with: {excerpt}"));
    }
    ErrorReport {
        title,
        status: Some(status),
        code: api.code.clone(),
        message: api.message.clone(),
        request_id: api.request_id.clone(),
        hint,
        details,
    }
}

fn proxy_hint(code: Option<&str>) -> &'static str {
    match code {
        Some("PROXY.0403") => {
            "The proxy does not forward to this host or from this page's origin: check the \
             endpoint, or start the proxy with --allow-host / --allow-origin."
        }
        Some("PROXY.0504") => "The API did not answer the proxy in time; try again.",
        Some("PROXY.0502") => "The proxy could not reach the API: check the endpoint.",
        Some("PROXY.0503") => "The proxy is busy; Fetch all retries this by itself.",
        _ => "Check the proxy URL and the proxy's log.",
    }
}

/// The report when no answer came at all (the browser hides why, for CORS reasons).
///
/// ```
/// use logins_core::api::error_report::report_network;
/// let r = report_network(Some("http://127.0.0.1:8787"), "TypeError: Failed to fetch");
/// assert!(r.hint.unwrap().contains("http://127.0.0.1:8787"));
/// ```
pub fn report_network(proxy_url: Option<&str>, detail: &str) -> ErrorReport {
    let hint = match proxy_url {
        Some(proxy) => format!(
            "The proxy at {proxy} is unreachable or does not allow this page's origin. Check \
             that it is running and that its --allow-origin includes this page."
        ),
        None => "No proxy is set, and the Workspace API does not allow browsers to call it \
                 directly (no CORS headers): set a proxy URL."
            .to_owned(),
    };
    ErrorReport {
        title: "No answer: network or CORS failure".to_owned(),
        status: None,
        code: None,
        message: None,
        request_id: None,
        hint: Some(hint),
        details: vec![format!("The browser said: {detail}")],
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
/// let r = report_local_network_blocked("http://127.0.0.1:8787", AddressSpace::Loopback, "TypeError: Failed to fetch");
/// assert!(r.title.contains("blocked"));
/// assert!(r.hint.unwrap().contains("--serve-dir"));
/// ```
pub fn report_local_network_blocked(
    proxy_url: &str,
    space: AddressSpace,
    detail: &str,
) -> ErrorReport {
    ErrorReport {
        title: format!(
            "The browser blocked this page from reaching the proxy {}",
            space.describe()
        ),
        status: None,
        code: None,
        message: Some(format!(
            "This site's local network permission is blocked in this browser, so the request \
             to {proxy_url} was not sent."
        )),
        request_id: None,
        hint: Some(
            "Do one of these: (1) allow it: open the site settings from the icon left of the \
             address, set the local network permission to Allow, reload the page and run the \
             query again; (2) open the app from the proxy itself: start logins-proxy with \
             --serve-dir pointing at the app's files and open the proxy's own address, where no \
             permission is needed; (3) use a proxy at an https address on a public name."
                .to_owned(),
        ),
        details: vec![format!("The browser said: {detail}")],
    }
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
fn utc_text(t: &DateTime<Utc>) -> String {
    crate::time::format::fixed_time(&t.naive_utc(), "-", " ", ":", true) + " UTC"
}

/// "Your clock is 20 min ahead of the server's": the usual cause of a refused signature.
fn clock_comparison(browser_now: DateTime<Utc>, server_date: Option<&str>) -> Option<String> {
    let server = crate::time::text::parse_rfc2822(server_date?.trim())?;
    let skew = browser_now.signed_duration_since(server);
    let seconds = skew.num_seconds();
    let clocks = format!(
        "This computer's clock: {}; the server's: {}",
        utc_text(&browser_now),
        utc_text(&server),
    );
    let verdict = match seconds.abs() {
        0..=60 => "they agree, so the clock is not the problem".to_owned(),
        abs => format!(
            "this computer is {} {} the server's; signatures are refused beyond about 15 min",
            human_duration(abs),
            if seconds > 0 { "ahead of" } else { "behind" }
        ),
    };
    Some(format!("{clocks} ({verdict})."))
}

fn human_duration(seconds: i64) -> String {
    match seconds {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        s => format!("{} days", s / 86_400),
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
        report_problem(
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
        let behind = report_problem(&problem, &ctx(Some("Mon, 15 Jan 2024 10:45:30 GMT")));
        assert_eq!(
            behind.details,
            ["This computer's clock: 2024-01-15 08:30:00 UTC; the server's: 2024-01-15 10:45:30 UTC (this computer is 2 h 15 min behind the server's; signatures are refused beyond about 15 min)."]
        );
        let same = report_problem(&problem, &ctx(Some("Mon, 15 Jan 2024 08:30:20 GMT")));
        assert!(same.details[0].contains("they agree"));
        let unknown = report_problem(&problem, &ctx(Some("not a date")));
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
        let local = report_local_network_blocked("https://10.0.0.5", AddressSpace::Local, "x");
        assert!(local.title.ends_with("on your local network"));
    }

    #[test]
    fn no_answer_names_the_proxy_or_says_to_set_one() {
        assert!(report_network(Some("http://p:1"), "x")
            .hint
            .unwrap()
            .contains("http://p:1"));
        assert!(report_network(None, "x")
            .hint
            .unwrap()
            .contains("set a proxy URL"));
    }
}
