//! The request plan: one validated call of the API ([`ApiCall`]: the login-records [`Query`],
//! or the access stages of one login) + an [`Endpoint`] + [`Credentials`] + the time → the exact
//! URL and headers to send, with the texts the request inspector shows.
//!
//! Every API is planned and signed by the one [`plan_request`], so a second API cannot sign,
//! encode or authenticate differently from the first. Only validated types implement
//! [`ApiCall`], so invalid form input can never reach the network.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::api::credentials::Credentials;
use crate::api::encoding::canonical_query_string;
use crate::api::endpoint::Endpoint;
use crate::api::proxy_url::{proxied_url, ProxyUrl};
use crate::api::query::Query;
use crate::api::secret::Secret;
use crate::api::sign::{canonical_headers, format_sdk_date, sign_canonical, SigningInput};
use crate::i18n::{errors, Lang};

/// The `Content-Type` the API documents as mandatory (also for this body-less GET).
pub const CONTENT_TYPE: &str = "application/json";

/// One body-less `GET` of the Workspace API, as the request plan needs it: a path under a project
/// and query parameters. Implemented by validated types only.
pub trait ApiCall {
    /// The project in the path, also sent as `X-Project-Id`.
    fn project_id(&self) -> &str;
    /// The path sent, with every segment already percent-encoded.
    fn path(&self) -> String;
    /// The query parameters as raw `(name, value)` pairs, sorted by name then value.
    fn pairs(&self) -> Vec<(&'static str, String)>;
}

impl ApiCall for Query {
    fn project_id(&self) -> &str {
        Query::project_id(self)
    }

    fn path(&self) -> String {
        Query::path(self)
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        Query::pairs(self)
    }
}

/// Which headers an AK/SK request signs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HeaderSet {
    /// What the official SDKs sign: `content-type`, `host`, `x-project-id`, `x-sdk-date` (and
    /// `x-security-token` with temporary credentials). The safest choice: nothing that the
    /// gateway reads can be altered in transit without breaking the signature.
    #[default]
    Default,
    /// Only `x-sdk-date` (and `x-security-token` when present, which the gateway requires to be
    /// signed), plus `host` if `sign_host`. For proxies that rewrite `Content-Type` or cannot
    /// forward the target `Host`. `Content-Type` is still sent, unsigned; `X-Project-Id` is not
    /// sent (the project is in the path).
    Minimal { sign_host: bool },
}

/// One request header, with what the inspector and the fetch layer need to know about it.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    /// Canonical capitalization, e.g. `X-Sdk-Date`.
    pub name: &'static str,
    value: HeaderValue,
    /// Whether it is in `SignedHeaders`.
    pub signed: bool,
}

#[derive(Clone, PartialEq, Eq)]
enum HeaderValue {
    Plain(String),
    Secret(Secret),
}

impl Header {
    fn plain(name: &'static str, value: impl Into<String>, signed: bool) -> Self {
        Header {
            name,
            value: HeaderValue::Plain(value.into()),
            signed,
        }
    }

    fn secret(name: &'static str, value: Secret, signed: bool) -> Self {
        Header {
            name,
            value: HeaderValue::Secret(value),
            signed,
        }
    }

    /// The real value, for the fetch call only.
    pub fn value(&self) -> &str {
        match &self.value {
            HeaderValue::Plain(v) => v,
            HeaderValue::Secret(s) => s.expose(),
        }
    }

    /// Whether the value is a credential (security token, IAM token).
    pub fn is_secret(&self) -> bool {
        matches!(self.value, HeaderValue::Secret(_))
    }

    /// What the inspector shows: the value, or a mask for secrets (worded in `lang`).
    pub fn display_value(&self, lang: Lang) -> String {
        match &self.value {
            HeaderValue::Plain(v) => v.clone(),
            HeaderValue::Secret(s) => mask(lang, s),
        }
    }

    /// `Host` is a forbidden header name in `fetch`: the browser (or the proxy, which forwards
    /// the target host) sets it, so the fetch layer must skip it.
    pub fn settable_by_browser(&self) -> bool {
        self.name != "Host"
    }
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.display_value(Lang::En))
    }
}

/// Shows only the length, so the user can tell a token is there without it being on screen.
fn mask(lang: Lang, secret: &Secret) -> String {
    let length = secret.expose().chars().count().to_string();
    errors::MASKED.fill(lang, &[&length])
}

/// Everything about one request: what to send and how it was signed.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestPlan {
    method: &'static str,
    url: String,
    host: String,
    path: String,
    query_string: String,
    headers: Vec<Header>,
    signing: Option<SigningTexts>,
    secrets: Vec<Secret>,
}

#[derive(Clone, PartialEq, Eq)]
struct SigningTexts {
    canonical_request: String,
    string_to_sign: String,
    signed_headers: Vec<String>,
    sdk_date: String,
}

/// Plans the request of `call` (e.g. a [`Query`]: `GET /v2/{project_id}/connections/desktops`)
/// at time `now`.
///
/// `now` is the caller's clock (no clock in core): the gateway rejects signatures more than
/// about 15 minutes off, so plan right before sending, and re-plan on retry.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::{api::credentials::Credentials, api::endpoint::region, api::query::QueryForm};
/// use logins_core::api::request::{plan_request, HeaderSet};
/// let query = QueryForm { project_id: "p1".into(), limit: "50".into(), ..Default::default() }
///     .validate()
///     .unwrap();
/// let endpoint = region("cn-north-4").unwrap().endpoint();
/// let creds = Credentials::access_key("AK", "SK", "").unwrap();
/// let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
/// let plan = plan_request(&endpoint, &query, &creds, HeaderSet::Default, now);
/// assert_eq!(
///     plan.url(),
///     "https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/connections/desktops?limit=50"
/// );
/// assert_eq!(plan.signed_headers(), ["content-type", "host", "x-project-id", "x-sdk-date"]);
/// assert!(plan.header("Authorization").unwrap().starts_with("SDK-HMAC-SHA256 Access=AK, "));
/// ```
pub fn plan_request(
    endpoint: &Endpoint,
    call: &impl ApiCall,
    credentials: &Credentials,
    header_set: HeaderSet,
    now: DateTime<Utc>,
) -> RequestPlan {
    let host = endpoint.authority();
    let path = call.path();
    let pairs = call.pairs();
    let query_string = canonical_query_string(&pairs);
    let url = if query_string.is_empty() {
        format!("{}{path}", endpoint.base_url())
    } else {
        format!("{}{path}?{query_string}", endpoint.base_url())
    };

    let mut plan = RequestPlan {
        method: "GET",
        url,
        host: host.clone(),
        path,
        query_string,
        headers: Vec::new(),
        signing: None,
        secrets: Vec::new(),
    };

    match credentials {
        Credentials::Token(token) => {
            plan.headers = vec![
                Header::plain("Host", host, false),
                Header::plain("Content-Type", CONTENT_TYPE, false),
                Header::secret("X-Auth-Token", token.clone(), false),
            ];
            plan.secrets.push(token.clone());
        }
        Credentials::AccessKey(key) => {
            let sdk_date = format_sdk_date(now);
            let (sign_all, sign_host) = match header_set {
                HeaderSet::Default => (true, true),
                HeaderSet::Minimal { sign_host } => (false, sign_host),
            };
            let mut headers = vec![
                Header::plain("Host", host, sign_host),
                Header::plain("Content-Type", CONTENT_TYPE, sign_all),
            ];
            if sign_all {
                headers.push(Header::plain("X-Project-Id", call.project_id(), true));
            }
            headers.push(Header::plain("X-Sdk-Date", sdk_date.clone(), true));
            if let Some(token) = key.security_token() {
                headers.push(Header::secret("X-Security-Token", token.clone(), true));
                plan.secrets.push(token.clone());
            }

            let to_sign: Vec<(&str, &str)> = headers
                .iter()
                .filter(|h| h.signed)
                .map(|h| (h.name, h.value()))
                .collect();
            let query_pairs: Vec<(&str, &str)> =
                pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let input = SigningInput {
                method: plan.method,
                path: &plan.path,
                query: &query_pairs,
                headers: &to_sign,
                body: b"",
            };
            // Our own header names are distinct and our date is well formed, so canonicalizing
            // cannot fail; an empty list would only produce a signature the gateway rejects.
            let canonical = canonical_headers(&to_sign).unwrap_or_default();
            let signed = sign_canonical(
                &input,
                &canonical,
                &sdk_date,
                key.access_key_id(),
                key.secret_key(),
            );
            headers.push(Header::plain(
                "Authorization",
                signed.authorization.clone(),
                false,
            ));
            plan.headers = headers;
            plan.signing = Some(SigningTexts {
                canonical_request: signed.canonical_request,
                string_to_sign: signed.string_to_sign,
                signed_headers: signed.signed_headers,
                sdk_date,
            });
        }
    }
    plan
}

impl RequestPlan {
    /// Always `GET` for the calls planned so far.
    pub fn method(&self) -> &'static str {
        self.method
    }

    /// The target URL (real endpoint), whose query is exactly the signed canonical query string.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL to fetch: through the proxy when one is set (see DESIGN.md's proxy convention).
    pub fn fetch_url(&self, proxy: Option<&ProxyUrl>) -> String {
        proxied_url(proxy, &self.url)
    }

    /// The target's `host[:port]`: the signed `Host`, never the proxy's.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path sent.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The canonical query string (empty when no parameter is set).
    pub fn query_string(&self) -> &str {
        &self.query_string
    }

    /// Every header of the request as the target receives it, in a fixed order: `Host`,
    /// `Content-Type`, `X-Project-Id`, `X-Sdk-Date`, `X-Security-Token`, then `Authorization`
    /// or `X-Auth-Token`.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The headers `fetch` must set (all but `Host`), as `(name, real value)`.
    pub fn fetch_headers(&self) -> Vec<(&'static str, &str)> {
        self.headers
            .iter()
            .filter(|h| h.settable_by_browser())
            .map(|h| (h.name, h.value()))
            .collect()
    }

    /// The value of one header (case-insensitive name), real value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(Header::value)
    }

    /// Whether the request is signed (AK/SK) rather than token-authenticated.
    pub fn is_signed(&self) -> bool {
        self.signing.is_some()
    }

    /// The exact canonical request (contains the security token with temporary credentials;
    /// show [`RequestPlan::canonical_request_for_display`] instead).
    pub fn canonical_request(&self) -> Option<&str> {
        self.signing.as_ref().map(|s| s.canonical_request.as_str())
    }

    /// The canonical request with secret header values masked (the mask worded in `lang`), for
    /// the inspector and logs.
    pub fn canonical_request_for_display(&self, lang: Lang) -> Option<String> {
        self.canonical_request().map(|text| self.redact(lang, text))
    }

    /// The string to sign (no secrets in it: the canonical request appears only as a hash).
    pub fn string_to_sign(&self) -> Option<&str> {
        self.signing.as_ref().map(|s| s.string_to_sign.as_str())
    }

    /// The lowercase `SignedHeaders` list (empty for token auth).
    pub fn signed_headers(&self) -> &[String] {
        self.signing
            .as_ref()
            .map(|s| s.signed_headers.as_slice())
            .unwrap_or(&[])
    }

    /// The `X-Sdk-Date` value, when signed.
    pub fn sdk_date(&self) -> Option<&str> {
        self.signing.as_ref().map(|s| s.sdk_date.as_str())
    }

    fn redact(&self, lang: Lang, text: &str) -> String {
        self.secrets
            .iter()
            .filter(|s| !s.is_empty())
            .fold(text.to_owned(), |acc, s| {
                acc.replace(s.expose(), &mask(lang, s))
            })
    }
}

impl fmt::Debug for RequestPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestPlan")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field(
                "canonical_request",
                &self.canonical_request_for_display(Lang::En),
            )
            .field("string_to_sign", &self.string_to_sign())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::endpoint::region;
    use crate::api::query::QueryForm;
    use chrono::TimeZone;

    fn query() -> Query {
        QueryForm {
            project_id: "0e69423d4400f4a82f67c0059a1e4cc8".into(),
            user_name: "张三 a+b".into(),
            offset: "258".into(),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap()
    }

    #[test]
    fn default_plan_signs_the_target_host_and_sends_the_signed_query() {
        let endpoint = region("cn-north-4").unwrap().endpoint();
        let creds = Credentials::access_key("AK", "SK", "").unwrap();
        let plan = plan_request(&endpoint, &query(), &creds, HeaderSet::Default, now());
        let url = "https://workspace.cn-north-4.myhuaweicloud.com/v2/0e69423d4400f4a82f67c0059a1e4cc8/connections/desktops?offset=258&user_name=%E5%BC%A0%E4%B8%89%20a%2Bb";
        assert_eq!(plan.url(), url);
        let proxy = ProxyUrl::parse("http://127.0.0.1:8787").unwrap();
        assert_eq!(
            plan.fetch_url(proxy.as_ref()),
            format!("http://127.0.0.1:8787/{url}")
        );
        let canonical = plan.canonical_request().unwrap();
        assert!(
            canonical.contains("\nhost:workspace.cn-north-4.myhuaweicloud.com\n"),
            "{canonical}"
        );
        assert!(canonical.contains("\noffset=258&user_name=%E5%BC%A0%E4%B8%89%20a%2Bb\n"));
        assert!(canonical.contains(
            "\nx-project-id:0e69423d4400f4a82f67c0059a1e4cc8\nx-sdk-date:20240115T083000Z\n"
        ));
        let names: Vec<_> = plan.headers().iter().map(|h| h.name).collect();
        assert_eq!(
            names,
            [
                "Host",
                "Content-Type",
                "X-Project-Id",
                "X-Sdk-Date",
                "Authorization"
            ]
        );
        let fetch: Vec<_> = plan.fetch_headers().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            fetch,
            [
                "Content-Type",
                "X-Project-Id",
                "X-Sdk-Date",
                "Authorization"
            ]
        );
        assert_eq!(plan.sdk_date(), Some("20240115T083000Z"));
    }

    #[test]
    fn the_plan_verifies_with_the_server_side_code() {
        use crate::api::sign::{parse_authorization, verify, IncomingRequest};
        let endpoint = Endpoint::custom("http://127.0.0.1:8788").unwrap();
        let creds = Credentials::access_key("AK", "SK", "temporary-token").unwrap();
        for set in [
            HeaderSet::Default,
            HeaderSet::Minimal { sign_host: true },
            HeaderSet::Minimal { sign_host: false },
        ] {
            let plan = plan_request(&endpoint, &query(), &creds, set, now());
            let headers: Vec<(&str, &str)> =
                plan.headers().iter().map(|h| (h.name, h.value())).collect();
            let auth = parse_authorization(plan.header("authorization").unwrap()).unwrap();
            let (path, query) = plan
                .url()
                .split_once("127.0.0.1:8788")
                .unwrap()
                .1
                .split_once('?')
                .unwrap();
            let request = IncomingRequest {
                method: "GET",
                path,
                query,
                headers: &headers,
                body: b"",
            };
            let verified = verify(&request, &auth, &Secret::new("SK")).unwrap();
            assert_eq!(
                verified.canonical_request,
                plan.canonical_request().unwrap()
            );
            assert!(plan
                .signed_headers()
                .contains(&"x-security-token".to_owned()));
        }
    }

    #[test]
    fn minimal_mode_signs_only_the_date_and_optionally_the_host() {
        let endpoint = region("eu-west-101").unwrap().endpoint();
        let creds = Credentials::access_key("AK", "SK", "").unwrap();
        let plan = plan_request(
            &endpoint,
            &query(),
            &creds,
            HeaderSet::Minimal { sign_host: false },
            now(),
        );
        assert_eq!(plan.signed_headers(), ["x-sdk-date"]);
        assert!(plan.header("X-Project-Id").is_none());
        assert_eq!(plan.header("Content-Type"), Some("application/json"));
        let plan = plan_request(
            &endpoint,
            &query(),
            &creds,
            HeaderSet::Minimal { sign_host: true },
            now(),
        );
        assert_eq!(plan.signed_headers(), ["host", "x-sdk-date"]);
    }

    #[test]
    fn temporary_credentials_sign_the_token_and_never_print_it() {
        let endpoint = region("cn-north-4").unwrap().endpoint();
        let creds = Credentials::access_key("AK", "SK-SECRET", "TOKEN-VALUE-123").unwrap();
        let plan = plan_request(&endpoint, &query(), &creds, HeaderSet::Default, now());
        assert_eq!(
            plan.signed_headers(),
            [
                "content-type",
                "host",
                "x-project-id",
                "x-sdk-date",
                "x-security-token"
            ]
        );
        assert_eq!(plan.header("X-Security-Token"), Some("TOKEN-VALUE-123"));
        assert!(plan
            .canonical_request()
            .unwrap()
            .contains("x-security-token:TOKEN-VALUE-123\n"));
        let shown = plan.canonical_request_for_display(Lang::En).unwrap();
        assert!(!shown.contains("TOKEN-VALUE-123") && shown.contains("x-security-token:•••••"));
        assert!(shown.contains("x-security-token:••••• (15 characters)\n"));
        let zh = plan.canonical_request_for_display(Lang::Zh).unwrap();
        assert!(zh.contains("x-security-token:•••••（15 个字符）\n"), "{zh}");
        let debug = format!("{plan:?} {creds:?}");
        assert!(
            !debug.contains("TOKEN-VALUE-123") && !debug.contains("SK-SECRET"),
            "{debug}"
        );
    }

    #[test]
    fn token_mode_sends_the_token_and_no_signature() {
        let endpoint = region("cn-north-4").unwrap().endpoint();
        let creds = Credentials::token("MIIToken").unwrap();
        let plan = plan_request(&endpoint, &query(), &creds, HeaderSet::Default, now());
        assert!(!plan.is_signed());
        assert_eq!(plan.header("X-Auth-Token"), Some("MIIToken"));
        assert!(plan.header("Authorization").is_none() && plan.header("X-Sdk-Date").is_none());
        assert!(plan.signed_headers().is_empty() && plan.canonical_request().is_none());
        assert!(!format!("{plan:?}").contains("MIIToken"));
        assert_eq!(
            plan.headers()[2].display_value(Lang::En),
            "••••• (8 characters)"
        );
        assert_eq!(
            plan.headers()[2].display_value(Lang::Zh),
            "•••••（8 个字符）"
        );
    }
}
