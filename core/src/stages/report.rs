//! An answer of the access-stages API read, and what the user is told when it fails: the same
//! status, code, message, request ID and clock check as for the login records
//! ([`crate::api::error_report`]), with the advice that differs for this API.

use crate::api::error_report::{report_problem_in, ErrorReport, FailedRequest, ReportContext};
use crate::api::response::{read_answer, ResponseProblem};
use crate::i18n::{stages as t, Lang};
use crate::stages::answer::{parse_stages, StagesAnswer};

/// The IAM action this API needs, which an account allowed to list login records may lack.
pub const IAM_ACTION: &str = "workspace:statistics:getUserAccessStages";

/// Reads one answer: the stages, or why not (see [`crate::api::response::read_answer`]).
///
/// ```
/// use logins_core::stages::read_stages_response;
/// let answer = read_stages_response(200, r#"{"stages":[{"stage":"LOGIN","duration":5}]}"#, None).unwrap();
/// assert_eq!(answer.stages.len(), 1);
/// assert_eq!(read_stages_response(429, "", Some("r1")).unwrap_err().status(), 429);
/// ```
pub fn read_stages_response(
    status: u16,
    body: &str,
    request_id: Option<&str>,
) -> Result<StagesAnswer, ResponseProblem> {
    read_answer(status, body, request_id, parse_stages)
}

/// The report for a failed access-stages request. A 403 from the API (not from the proxy) names
/// the missing IAM action and says that nothing else is affected. What is this API's own (the
/// 403, a body that is not an answer) is in `lang`; the rest is [`report_problem_in`]'s.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::api::error_report::ReportContext;
/// use logins_core::stages::{read_stages_response, report_stages_problem};
/// let problem = read_stages_response(403, r#"{"error_code":"APIGW.0302","error_msg":"Forbidden"}"#, Some("r2")).unwrap_err();
/// let ctx = ReportContext { proxy_url: None, browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(), server_date: None };
/// let report = report_stages_problem(&problem, &ctx, logins_core::i18n::Lang::En);
/// assert!(report.hint.unwrap().contains("workspace:statistics:getUserAccessStages"));
/// assert_eq!(report.request_id.as_deref(), Some("r2"));
/// ```
pub fn report_stages_problem(
    problem: &ResponseProblem,
    ctx: &ReportContext<'_>,
    lang: Lang,
) -> ErrorReport {
    let mut report = report_problem_in(lang, problem, ctx);
    match problem {
        ResponseProblem::Api(api)
            if api.status == 403
                && !api.code.as_deref().is_some_and(|c| c.starts_with("PROXY.")) =>
        {
            report.title = t::FORBIDDEN_TITLE.get(lang).to_owned();
            report.hint = Some(t::FORBIDDEN_HINT.fill(lang, &[IAM_ACTION]));
            // The action's name is the API's own word: kept as it is in every language.
            report.verbatim.push(IAM_ACTION.to_owned());
        }
        ResponseProblem::NotAPage { status, .. } => {
            report.title = t::NOT_AN_ANSWER_TITLE.fill(lang, &[&status.to_string()]);
        }
        ResponseProblem::Api(_) => {}
    }
    report
}

/// The report, in `lang`, for a failed access-stages request kept as data: an answer is
/// reported as [`report_stages_problem`] does, no answer as for any request.
pub fn report_stages_failure(failure: &FailedRequest, lang: Lang) -> ErrorReport {
    match failure {
        FailedRequest::Answer {
            problem,
            proxy_url,
            browser_now,
            server_date,
        } => report_stages_problem(
            problem,
            &ReportContext {
                proxy_url: proxy_url.as_deref(),
                browser_now: *browser_now,
                server_date: server_date.as_deref(),
            },
            lang,
        ),
        other => other.report(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn ctx(server_date: Option<&'static str>) -> ReportContext<'static> {
        ReportContext {
            proxy_url: Some("http://127.0.0.1:8787"),
            browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(),
            server_date,
        }
    }

    fn report(status: u16, body: &str) -> ErrorReport {
        report_in(Lang::En, status, body)
    }

    fn report_in(lang: Lang, status: u16, body: &str) -> ErrorReport {
        let problem = read_stages_response(status, body, Some(" rid-9 ")).unwrap_err();
        report_stages_problem(&problem, &ctx(Some("Mon, 15 Jan 2024 08:50:00 GMT")), lang)
    }

    #[test]
    fn errors_carry_status_code_message_request_id_and_advice_as_for_the_records() {
        for status in [400, 401, 403, 404, 429, 500, 503] {
            let r = report(
                status,
                r#"{"error_code":"WKS.0002","error_msg":"went wrong"}"#,
            );
            assert_eq!(r.status, Some(status));
            assert_eq!(r.code.as_deref(), Some("WKS.0002"));
            assert_eq!(r.message.as_deref(), Some("went wrong"));
            assert_eq!(r.request_id.as_deref(), Some("rid-9"));
            assert!(r.title.contains(&status.to_string()), "{r:?}");
            assert!(r.hint.is_some());
        }
        // A refused signature gets the clock comparison, as for the records.
        let r = report(401, r#"{"error_code":"APIGW.0301","error_msg":"x"}"#);
        assert!(r.details[0].contains("20 min behind"), "{:?}", r.details);
    }

    #[test]
    fn a_failure_kept_as_data_is_reported_as_its_kind() {
        let forbidden = FailedRequest::Answer {
            problem: read_stages_response(
                403,
                r#"{"error_code":"APIGW.0302","error_msg":"Forbidden"}"#,
                Some("rid-1"),
            )
            .unwrap_err(),
            proxy_url: Some("http://127.0.0.1:8787".into()),
            browser_now: Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap(),
            server_date: None,
        };
        let r = report_stages_failure(&forbidden, Lang::En);
        assert_eq!(r.title, "Not allowed to read logon phases (HTTP 403)");
        assert!(r.verbatim.iter().any(|v| v == IAM_ACTION));
        assert_eq!(
            report_stages_failure(&forbidden, Lang::Zh).title,
            "无权读取登录阶段（HTTP 403）"
        );
        // No answer: the same report as for any request, naming the proxy.
        let unreachable = FailedRequest::NoAnswer {
            proxy_url: Some("http://127.0.0.1:8787".into()),
            detail: "TypeError: Failed to fetch".into(),
        };
        assert_eq!(
            report_stages_failure(&unreachable, Lang::En),
            unreachable.report(Lang::En)
        );
    }

    #[test]
    fn a_403_names_the_iam_action_and_a_proxy_403_does_not() {
        let r = report(
            403,
            r#"{"error_code":"APIGW.0302","error_msg":"Forbidden"}"#,
        );
        assert_eq!(r.title, "Not allowed to read logon phases (HTTP 403)");
        let hint = r.hint.unwrap();
        assert!(
            hint.contains(IAM_ACTION) && hint.contains("not affected"),
            "{hint}"
        );
        let zh = report_in(
            Lang::Zh,
            403,
            r#"{"error_code":"APIGW.0302","error_msg":"Forbidden"}"#,
        );
        assert_eq!(zh.title, "无权读取登录阶段（HTTP 403）");
        assert_eq!(
            zh.hint.as_deref(),
            Some("账号缺少IAM权限 workspace:statistics:getUserAccessStages：请联系管理员授予。登录记录不受影响，只是无法显示登录阶段。")
        );
        // The API's own words stay as sent.
        assert_eq!(zh.code.as_deref(), Some("APIGW.0302"));
        assert_eq!(zh.message.as_deref(), Some("Forbidden"));
        let proxy = report(403, r#"{"error_code":"PROXY.0403","error_msg":"host"}"#);
        assert!(proxy.title.starts_with("The proxy refused"));
        assert!(!proxy.hint.unwrap().contains(IAM_ACTION));
    }

    #[test]
    fn a_body_that_is_not_an_answer_is_named_and_quoted() {
        let r = report(200, "<html>captive portal</html>");
        assert_eq!(
            r.title,
            "The answer is not the logon phases of a login (HTTP 200)"
        );
        assert_eq!(r.details, ["It began with: <html>captive portal</html>"]);
        assert_eq!(r.request_id.as_deref(), Some("rid-9"));
        let zh = report_in(Lang::Zh, 200, "<html>captive portal</html>");
        assert_eq!(zh.title, "响应不是一次登录的登录阶段（HTTP 200）");
    }
}
