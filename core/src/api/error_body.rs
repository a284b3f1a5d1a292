//! API errors: the status, the gateway's or service's error code and message, and the request
//! ID support needs.
//!
//! Error bodies come in several shapes depending on which layer answered: the API gateway and
//! Workspace use `{"error_code", "error_msg"}`, other Huawei services `{"errorCode", "errorMsg"}`
//! or `{"code", "message"}`, sometimes nested under `"error"`. A proxy may answer with HTML.
//! All are read here; none makes parsing fail, nor does text JSON allows and serde_json refuses
//! (a lone surrogate escape in the message: see [`crate::records::json_text`]).

use std::fmt;

use serde_json::{Map, Value};

use crate::i18n::{errors, Text};

/// Longest excerpt of an unstructured body kept for display, in characters.
const EXCERPT_CHARS: usize = 300;

/// A failed API call, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    /// e.g. `APIGW.0301`, `WKS.0001`.
    pub code: Option<String>,
    pub message: Option<String>,
    /// The `X-Request-Id` response header, which Huawei support asks for.
    pub request_id: Option<String>,
    /// The start of the body when it had no recognizable error fields (e.g. a proxy's HTML).
    pub body_excerpt: Option<String>,
}

impl ApiError {
    /// Reads an error response. `request_id` is the `X-Request-Id` header, which the caller
    /// (the fetch layer) has and this pure code does not.
    ///
    /// ```
    /// use logins_core::api::error_body::ApiError;
    /// let e = ApiError::from_response(
    ///     401,
    ///     r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
    ///     Some("5b1ee3d1c2a1"),
    /// );
    /// assert_eq!(e.code.as_deref(), Some("APIGW.0301"));
    /// assert!(e.is_auth_failure());
    /// assert_eq!(
    ///     e.to_string(),
    ///     "HTTP 401 APIGW.0301: Incorrect IAM authentication information (request ID 5b1ee3d1c2a1)"
    /// );
    /// ```
    pub fn from_response(status: u16, body: &str, request_id: Option<&str>) -> ApiError {
        let mut error = ApiError {
            status,
            code: None,
            message: None,
            request_id: request_id
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
            body_excerpt: None,
        };
        if let Ok(Value::Object(object)) = crate::records::json_text::from_str::<Value>(body) {
            let (code, message) = read_shapes(&object);
            error.code = code;
            error.message = message;
        }
        if error.code.is_none() && error.message.is_none() {
            let trimmed = body.trim();
            if !trimmed.is_empty() {
                error.body_excerpt = Some(trimmed.chars().take(EXCERPT_CHARS).collect());
            }
        }
        error
    }

    /// 401/403: wrong signature, key, token or permission. Never retry these automatically:
    /// after more than five consecutive failures the gateway locks the access key for 5 minutes.
    pub fn is_auth_failure(&self) -> bool {
        matches!(self.status, 401 | 403)
    }

    /// 429 or the gateway's throttling code: retry later with backoff.
    pub fn is_throttled(&self) -> bool {
        self.status == 429 || self.code.as_deref() == Some("APIGW.0308")
    }

    /// A hint for the gateway codes whose usual cause is known, to show under the message.
    pub fn hint(&self) -> Option<Text> {
        match self.code.as_deref()? {
            "APIGW.0301" => Some(errors::GATEWAY_0301),
            "APIGW.0302" => Some(errors::GATEWAY_0302),
            "APIGW.0308" => Some(errors::GATEWAY_0308),
            "APIGW.0101" => Some(errors::GATEWAY_0101),
            _ => None,
        }
    }
}

/// The first shape that yields a code or a message, checking nested `"error"` objects too.
fn read_shapes(object: &Map<String, Value>) -> (Option<String>, Option<String>) {
    const SHAPES: [(&str, &str); 3] = [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ];
    for (code_key, message_key) in SHAPES {
        let code = as_text(object.get(code_key));
        let message = as_text(object.get(message_key));
        if code.is_some() || message.is_some() {
            return (code, message);
        }
    }
    match object.get("error") {
        Some(Value::Object(inner)) => read_shapes(inner),
        Some(Value::String(message)) if !message.trim().is_empty() => {
            (None, Some(message.trim().to_owned()))
        }
        _ => (None, None),
    }
}

fn as_text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, " {code}: {message}")?,
            (Some(code), None) => write!(f, " {code}")?,
            (None, Some(message)) => write!(f, ": {message}")?,
            (None, None) => {
                if let Some(excerpt) = &self.body_excerpt {
                    write!(f, ": {excerpt}")?;
                }
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request ID {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(body: &str) -> (Option<String>, Option<String>) {
        let e = ApiError::from_response(400, body, None);
        (e.code, e.message)
    }

    fn some(code: &str, message: &str) -> (Option<String>, Option<String>) {
        (Some(code.to_owned()), Some(message.to_owned()))
    }

    #[test]
    fn all_known_shapes() {
        assert_eq!(
            parts(r#"{"error_code":"WKS.0001","error_msg":"bad"}"#),
            some("WKS.0001", "bad")
        );
        assert_eq!(
            parts(r#"{"errorCode":"E1","errorMsg":"m"}"#),
            some("E1", "m")
        );
        assert_eq!(parts(r#"{"code":400,"message":"m"}"#), some("400", "m"));
        assert_eq!(
            parts(r#"{"error":{"code":"APIGW.0308","message":"throttled"}}"#),
            some("APIGW.0308", "throttled")
        );
        assert_eq!(
            parts(r#"{"error":{"error_code":"X","error_msg":"y"}}"#),
            some("X", "y")
        );
        assert_eq!(
            parts(r#"{"error":"plain"}"#),
            (None, Some("plain".to_owned()))
        );
    }

    #[test]
    fn unstructured_bodies_keep_a_short_excerpt() {
        let html = format!("<html>{}</html>", "x".repeat(1000));
        let e = ApiError::from_response(502, &html, Some("  "));
        assert_eq!(
            (e.code.clone(), e.message.clone(), e.request_id.clone()),
            (None, None, None)
        );
        assert_eq!(
            e.body_excerpt.as_ref().map(|s| s.chars().count()),
            Some(300)
        );
        let e = ApiError::from_response(503, "", None);
        assert_eq!(e.to_string(), "HTTP 503");
        let e = ApiError::from_response(500, r#"{"error_code":{"x":1},"records":[]}"#, None);
        assert!(e.code.is_none() && e.body_excerpt.is_some());
    }

    #[test]
    fn a_lone_surrogate_in_the_message_keeps_the_code_and_message() {
        let e = ApiError::from_response(
            500,
            r#"{"error_code":"WKS.0500","error_msg":"cut \ud83d","extra":"\udc00\ud800"}"#,
            Some("req-1"),
        );
        assert_eq!(
            (
                e.code.as_deref(),
                e.message.as_deref(),
                e.body_excerpt.as_deref()
            ),
            (Some("WKS.0500"), Some("cut \u{FFFD}"), None)
        );
        assert_eq!(
            e.to_string(),
            "HTTP 500 WKS.0500: cut \u{FFFD} (request ID req-1)"
        );
    }

    #[test]
    fn classification() {
        let throttled =
            ApiError::from_response(429, r#"{"error_code":"APIGW.0308","error_msg":"x"}"#, None);
        assert!(throttled.is_throttled() && !throttled.is_auth_failure());
        assert!(throttled.hint().is_some());
        assert!(ApiError::from_response(403, "{}", None).is_auth_failure());
    }
}
