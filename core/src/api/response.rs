//! What an HTTP answer means: a page of records, an API error, or a body that is not a page.
//!
//! The fetch layer hands over the status, the body text and the `X-Request-Id` header; this
//! decides the rest, so the rules (which statuses are errors, what a cut-off body looks like)
//! are tested natively and shared by "Run query" and "Fetch all".

use std::fmt;

use crate::api::error_body::ApiError;
use crate::paging::FailureKind;
use crate::records::record::{parse_page, Page, PageError};

/// How many characters of an unusable 200 body are kept to show the user.
const EXCERPT_CHARS: usize = 200;

/// Why an answer is not a page of records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponseProblem {
    /// A non-2xx status: the gateway's or the service's error.
    Api(ApiError),
    /// A 2xx status whose body is not the expected JSON (cut off, HTML from a captive portal,
    /// the wrong API). Keeps the first characters so the user can see what came back.
    NotAPage {
        status: u16,
        request_id: Option<String>,
        reason: PageError,
        excerpt: String,
    },
}

impl ResponseProblem {
    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            ResponseProblem::Api(e) => e.status,
            ResponseProblem::NotAPage { status, .. } => *status,
        }
    }

    /// How the fetch-all engine should treat it: by status, and a 2xx that is not a page as
    /// a truncated body (retried, since a cut connection is the usual cause).
    pub fn failure_kind(&self) -> FailureKind {
        match self {
            ResponseProblem::Api(e) => FailureKind::Status(e.status),
            ResponseProblem::NotAPage { .. } => FailureKind::Truncated,
        }
    }

    /// The `X-Request-Id`, which Huawei support asks for.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ResponseProblem::Api(e) => e.request_id.as_deref(),
            ResponseProblem::NotAPage { request_id, .. } => request_id.as_deref(),
        }
    }
}

impl fmt::Display for ResponseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseProblem::Api(e) => e.fmt(f),
            ResponseProblem::NotAPage { status, reason, .. } => {
                write!(f, "HTTP {status}, but {reason}")
            }
        }
    }
}

/// Reads one answer of `GET /v2/{project_id}/connections/desktops`.
///
/// ```
/// use logins_core::api::response::{read_response, ResponseProblem};
/// let page = read_response(200, r#"{"total_count":1,"records":[{"user_name":"a"}]}"#, None).unwrap();
/// assert_eq!(page.records.len(), 1);
/// let cut = read_response(200, r#"{"total_count":1,"records":[{"user_na"#, Some("r1")).unwrap_err();
/// assert!(matches!(cut, ResponseProblem::NotAPage { .. }));
/// assert_eq!(cut.request_id(), Some("r1"));
/// ```
pub fn read_response(
    status: u16,
    body: &str,
    request_id: Option<&str>,
) -> Result<Page, ResponseProblem> {
    read_answer(status, body, request_id, parse_page)
}

/// Reads one answer of any API: a non-2xx status is an [`ApiError`]; a 2xx body goes to
/// `parse`, whose refusal becomes [`ResponseProblem::NotAPage`] with the body's start.
///
/// ```
/// use logins_core::api::response::{read_answer, ResponseProblem};
/// use logins_core::stages::parse_stages;
/// assert!(read_answer(200, r#"{"stages":[]}"#, None, parse_stages).is_ok());
/// let e = read_answer(403, r#"{"error_code":"APIGW.0302"}"#, Some("r9"), parse_stages).unwrap_err();
/// assert_eq!((e.status(), e.request_id()), (403, Some("r9")));
/// ```
pub fn read_answer<T>(
    status: u16,
    body: &str,
    request_id: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, PageError>,
) -> Result<T, ResponseProblem> {
    if !(200..300).contains(&status) {
        return Err(ResponseProblem::Api(ApiError::from_response(
            status, body, request_id,
        )));
    }
    parse(body).map_err(|reason| ResponseProblem::unexpected_body(status, body, request_id, reason))
}

impl ResponseProblem {
    fn unexpected_body(
        status: u16,
        body: &str,
        request_id: Option<&str>,
        reason: PageError,
    ) -> ResponseProblem {
        ResponseProblem::NotAPage {
            status,
            request_id: request_id
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
            reason,
            excerpt: body.chars().take(EXCERPT_CHARS).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_statuses_become_api_errors_with_code_and_request_id() {
        for status in [400, 401, 403, 404, 405, 429, 500, 503] {
            let problem = read_response(
                status,
                r#"{"error_code":"X.1","error_msg":"went wrong"}"#,
                Some(" id-7 "),
            )
            .unwrap_err();
            let ResponseProblem::Api(api) = &problem else {
                panic!("{status} should be an API error");
            };
            assert_eq!(api.status, status);
            assert_eq!(api.code.as_deref(), Some("X.1"));
            assert_eq!(api.message.as_deref(), Some("went wrong"));
            assert_eq!(problem.request_id(), Some("id-7"));
            assert_eq!(problem.status(), status);
        }
    }

    #[test]
    fn a_success_with_an_unusable_body_keeps_its_start() {
        let html = "<html><body>Login to the Wi-Fi</body></html>".repeat(20);
        let problem = read_response(200, &html, None).unwrap_err();
        match &problem {
            ResponseProblem::NotAPage {
                status, excerpt, ..
            } => {
                assert_eq!(*status, 200);
                assert_eq!(excerpt.chars().count(), EXCERPT_CHARS);
                assert!(html.starts_with(excerpt.as_str()));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(problem
            .to_string()
            .starts_with("HTTP 200, but the response is not JSON"));
    }

    #[test]
    fn a_good_page_is_a_page() {
        let page = read_response(200, r#"{"total_count":0,"records":[]}"#, None).unwrap();
        assert_eq!(page.total_count, Some(0));
        assert!(page.records.is_empty());
    }
}
