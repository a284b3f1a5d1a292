//! SDK-HMAC-SHA256, the signature of Huawei Cloud's API gateway, for both sides: the app signs
//! with it and the stand-in server verifies with it, so one implementation is checked by the
//! conformance vectors in `tests/vectors/` (generated with the official Python signer).
//!
//! Steps (see `reference/signing.md`): canonical request → string to sign → HMAC with the SK →
//! `Authorization` header. Every function here is pure; the time comes from the `X-Sdk-Date`
//! header the caller sets.
//!
//! Where the official Python signer (huaweicloudsdkcore 3.1.219) goes beyond `signing.md`, this
//! code follows the signer, because the vectors come from it and the gateway accepts its output:
//! - header values are trimmed with Python's `str.strip()`, which also strips U+001C..U+001F;
//! - a signed `X-Sdk-Content-Sha256` replaces the body hash when the body is not empty (the SDK
//!   adds `UNSIGNED-PAYLOAD` for non-JSON content types; this app always sends JSON);
//! - the path is percent-decoded before it is split, so `%2F` becomes a segment separator and
//!   lowercase escapes are re-encoded in uppercase.
//!
//! Two signer behaviours are *not* copied, on purpose: it always adds and signs `Host` (the Go
//! SDK and the docs allow signing without it, which [`crate::api::request::HeaderSet::Minimal`]
//! offers), and it leaves header names containing `_` unsigned (here the caller lists exactly
//! the headers to sign, and the app never uses such names).

use std::fmt;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::api::encoding::{canonical_query_string, canonical_uri, parse_query_string};
use crate::api::secret::Secret;

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";

/// SHA-256 of the empty body, the payload hash of every GET.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// `X-Sdk-Date` format: UTC, ISO 8601 basic (`20240115T083000Z`).
pub const SDK_DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// The header (lowercase) that carries the signing time.
pub const SDK_DATE_HEADER: &str = "x-sdk-date";

/// The header (lowercase) that, when signed and the body is not empty, replaces the body hash
/// (`UNSIGNED-PAYLOAD` for streamed uploads). Honoured for parity with the official signer.
pub const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";

/// Formats the signing time for `X-Sdk-Date`. Sub-second precision is dropped.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use logins_core::api::sign::format_sdk_date;
/// let t = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
/// assert_eq!(format_sdk_date(t), "20240115T083000Z");
/// ```
pub fn format_sdk_date(time: DateTime<Utc>) -> String {
    crate::time::format::fixed_time(&time.naive_utc(), "", "T", "", true) + "Z"
}

/// Parses an `X-Sdk-Date` value strictly (exactly `YYYYMMDDTHHMMSSZ`), so the stand-in server can
/// check clock skew against its own clock.
///
/// ```
/// use logins_core::api::sign::parse_sdk_date;
/// assert!(parse_sdk_date("20240115T083000Z").is_some());
/// assert!(parse_sdk_date("2024-01-15T08:30:00Z").is_none());
/// ```
pub fn parse_sdk_date(text: &str) -> Option<DateTime<Utc>> {
    let shape_ok = text.len() == 16
        && text.bytes().enumerate().all(|(i, b)| match i {
            8 => b == b'T',
            15 => b == b'Z',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    crate::time::text::parse_naive(text, crate::time::text::SDK_DATE).map(|naive| naive.and_utc())
}

/// Everything the signature covers. `headers` are exactly the headers to sign (any name case;
/// `Host` included when the host is signed); other headers the request carries are not listed.
#[derive(Clone, Copy, Debug)]
pub struct SigningInput<'a> {
    /// The HTTP method, in any ASCII case (`get` is signed as `GET`).
    pub method: &'a str,
    /// The path as sent (`/v2/{project}/connections/desktops`); it is decoded and re-encoded.
    pub path: &'a str,
    /// Raw (decoded) query pairs, in any order.
    pub query: &'a [(&'a str, &'a str)],
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// The intermediate texts and the result of signing, all of which the request inspector shows.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    pub canonical_request: String,
    pub string_to_sign: String,
    /// Lowercase, sorted header names: the `SignedHeaders` list.
    pub signed_headers: Vec<String>,
    /// Lowercase hex HMAC-SHA256.
    pub signature: String,
    /// The complete `Authorization` header value.
    pub authorization: String,
}

// The canonical request holds the security token when temporary credentials are signed;
// keep it out of Debug output like the token itself.
impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signed")
            .field("signed_headers", &self.signed_headers)
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

/// Why a request cannot be signed or a signature cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    /// No `X-Sdk-Date` among the signed headers: the gateway requires it.
    MissingSdkDate,
    /// `X-Sdk-Date` is not `YYYYMMDDTHHMMSSZ`.
    BadSdkDate,
    /// The same header name twice (case-insensitively) among the signed headers.
    DuplicateHeader(String),
    /// A header named in `SignedHeaders` is absent from the request.
    MissingSignedHeader(String),
    /// The `Authorization` header is not `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`.
    BadAuthorization(&'static str),
    /// Everything parsed, but the signature is not the one the secret key produces.
    SignatureMismatch,
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignError::MissingSdkDate => f.write_str("X-Sdk-Date is not among the signed headers"),
            SignError::BadSdkDate => f.write_str("X-Sdk-Date is not in the form 20240115T083000Z"),
            SignError::DuplicateHeader(name) => write!(f, "header {name} is given twice"),
            SignError::MissingSignedHeader(name) => {
                write!(f, "signed header {name} is missing from the request")
            }
            SignError::BadAuthorization(why) => write!(f, "malformed Authorization header: {why}"),
            SignError::SignatureMismatch => f.write_str("signature does not match"),
        }
    }
}

impl std::error::Error for SignError {}

/// Signs a request: canonical request, string to sign, signature and `Authorization` value.
///
/// ```
/// use logins_core::api::secret::Secret;
/// use logins_core::api::sign::{sign, SigningInput};
/// // The Go SDK's unit test: only X-Sdk-Date signed, no host.
/// let signed = sign(
///     &SigningInput {
///         method: "GET",
///         path: "/path",
///         query: &[("limit", "1")],
///         headers: &[("X-Sdk-Date", "20060102T150405Z")],
///         body: b"",
///     },
///     "AccessKey",
///     &Secret::new("SecretKey"),
/// )
/// .unwrap();
/// assert_eq!(signed.signature, "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624");
/// ```
pub fn sign(
    input: &SigningInput,
    access_key: &str,
    secret_key: &Secret,
) -> Result<Signed, SignError> {
    let headers = canonical_headers(input.headers)?;
    let sdk_date = headers
        .iter()
        .find(|(name, _)| name == SDK_DATE_HEADER)
        .map(|(_, value)| value.as_str())
        .ok_or(SignError::MissingSdkDate)?;
    if parse_sdk_date(sdk_date).is_none() {
        return Err(SignError::BadSdkDate);
    }
    Ok(sign_canonical(
        input, &headers, sdk_date, access_key, secret_key,
    ))
}

/// The signing steps once the headers are known to be well formed. Infallible, so the request
/// planner (which builds its own headers) needs no error path it could never take.
pub(crate) fn sign_canonical(
    input: &SigningInput,
    headers: &[(String, String)],
    sdk_date: &str,
    access_key: &str,
    secret_key: &Secret,
) -> Signed {
    let signed_headers: Vec<String> = headers.iter().map(|(name, _)| name.clone()).collect();
    let canonical_request = canonical_request_text(input, headers);
    let string_to_sign = string_to_sign(sdk_date, &canonical_request);
    let signature = signature(secret_key, &string_to_sign);
    let authorization = authorization_value(access_key, &signed_headers, &signature);
    Signed {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    }
}

/// The canonical request of `input` (with its headers canonicalized as in [`sign`]).
pub fn canonical_request(input: &SigningInput) -> Result<String, SignError> {
    let headers = canonical_headers(input.headers)?;
    Ok(canonical_request_text(input, &headers))
}

/// Lowercases names, trims values, sorts by name, rejects duplicate names.
///
/// Values are trimmed like Python's `str.strip()` (the official signer), which also strips the
/// ASCII separators U+001C..U+001F that Rust's `trim` keeps.
pub(crate) fn canonical_headers(
    headers: &[(&str, &str)],
) -> Result<Vec<(String, String)>, SignError> {
    let mut out: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_lowercase(), python_strip(value).to_owned()))
        .collect();
    crate::records::sort::sort_stable_by(&mut out, &|a, b| a.cmp(b));
    if let Some(pair) = out.windows(2).find(|pair| pair[0].0 == pair[1].0) {
        return Err(SignError::DuplicateHeader(pair[0].0.clone()));
    }
    Ok(out)
}

fn python_strip(value: &str) -> &str {
    value.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// `METHOD\nURI\nQUERY\nname:value\n…\n\nSIGNED_HEADERS\nPAYLOAD_HASH`, headers already canonical.
fn canonical_request_text(input: &SigningInput, headers: &[(String, String)]) -> String {
    let mut text = String::new();
    // HTTP methods are ASCII tokens (RFC 9110), and `fetch` refuses any other, so ASCII
    // uppercasing is exact here; `str::to_uppercase` would link Unicode case tables (~13 kB)
    // into the wasm for no request that can exist.
    text.push_str(&input.method.to_ascii_uppercase());
    text.push('\n');
    text.push_str(&canonical_uri(input.path));
    text.push('\n');
    text.push_str(&canonical_query_string(input.query));
    text.push('\n');
    for (name, value) in headers {
        text.push_str(name);
        text.push(':');
        text.push_str(value);
        text.push('\n');
    }
    text.push('\n');
    let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
    text.push_str(&names.join(";"));
    text.push('\n');
    text.push_str(&payload_hash(input.body, headers));
    text
}

fn payload_hash(body: &[u8], headers: &[(String, String)]) -> String {
    if body.is_empty() {
        return EMPTY_BODY_SHA256.to_owned();
    }
    match headers
        .iter()
        .find(|(name, _)| name == CONTENT_SHA256_HEADER)
    {
        Some((_, value)) if !value.is_empty() => value.clone(),
        _ => hex(&Sha256::digest(body)),
    }
}

/// `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`.
pub fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{sdk_date}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    )
}

/// Lowercase hex HMAC-SHA256 of the string to sign, keyed with the SK's bytes.
pub fn signature(secret_key: &Secret, string_to_sign: &str) -> String {
    hex(&hmac_sha256(secret_key, string_to_sign))
}

fn hmac_sha256(secret_key: &Secret, message: &str) -> Vec<u8> {
    // HMAC accepts keys of any length (long keys are hashed first), so this cannot fail; the
    // fallback only exists to keep the crate free of panicking paths.
    match Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes()) {
        Ok(mut mac) => {
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b>, Signature=<hex>`.
pub fn authorization_value(access_key: &str, signed_headers: &[String], signature: &str) -> String {
    format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={}, Signature={signature}",
        signed_headers.join(";")
    )
}

/// Lowercase hex, as the signature and hashes are written.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0F)]));
    }
    out
}

/// The parts of an `Authorization` header, as the stand-in server reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authorization {
    /// The access key ID (not secret: it identifies whose SK to check with).
    pub access: String,
    /// Header names as listed (lowercase in anything the official SDKs produce).
    pub signed_headers: Vec<String>,
    /// Lowercase hex signature.
    pub signature: String,
}

impl Authorization {
    /// Whether a header (any case) is among the signed ones, e.g. to insist on `host`.
    pub fn signs(&self, header: &str) -> bool {
        self.signed_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(header))
    }
}

/// Parses `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` (parts in any order, spaces
/// after commas optional).
///
/// ```
/// use logins_core::api::sign::parse_authorization;
/// let value = format!(
///     "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={}",
///     "0a".repeat(32)
/// );
/// let auth = parse_authorization(&value).unwrap();
/// assert_eq!(auth.access, "AK");
/// assert_eq!(auth.signed_headers, ["host", "x-sdk-date"]);
/// ```
pub fn parse_authorization(value: &str) -> Result<Authorization, SignError> {
    let bad = SignError::BadAuthorization;
    let rest = value
        .trim()
        .strip_prefix(ALGORITHM)
        .ok_or(bad("not SDK-HMAC-SHA256"))?;
    if !rest.starts_with(' ') {
        return Err(bad("no space after the algorithm"));
    }
    let (mut access, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part
            .trim()
            .split_once('=')
            .ok_or(bad("a part has no '='"))?;
        let slot = match key {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return Err(bad("unknown part")),
        };
        if slot.replace(val.to_owned()).is_some() {
            return Err(bad("a part is repeated"));
        }
    }
    let access = access.filter(|a| !a.is_empty()).ok_or(bad("no Access"))?;
    let signed_headers = signed_headers.ok_or(bad("no SignedHeaders"))?;
    let signature = signature.ok_or(bad("no Signature"))?;
    let signed_headers: Vec<String> = signed_headers.split(';').map(str::to_owned).collect();
    if signed_headers.iter().any(String::is_empty) {
        return Err(bad("empty name in SignedHeaders"));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad("Signature is not 64 hex digits"));
    }
    Ok(Authorization {
        access,
        signed_headers,
        signature: signature.to_ascii_lowercase(),
    })
}

/// A request as the stand-in server received it.
#[derive(Clone, Copy, Debug)]
pub struct IncomingRequest<'a> {
    pub method: &'a str,
    /// The path as received (still percent-encoded).
    pub path: &'a str,
    /// The raw query string after `?` (empty if none), still percent-encoded.
    pub query: &'a str,
    /// All received headers; the ones named in `SignedHeaders` are picked from here.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// What a valid signature proves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub access: String,
    /// The signing time, for the caller's clock-skew check (the gateway allows 15 minutes).
    pub signed_at: DateTime<Utc>,
    /// The canonical request the server computed, to show next to a mismatch while debugging.
    pub canonical_request: String,
}

/// Checks a request's signature with the secret key of `authorization.access`.
///
/// The server parses the `Authorization` header first ([`parse_authorization`]) to learn which
/// access key to look up, then calls this. On [`SignError::SignatureMismatch`] the caller can
/// recompute [`canonical_request`] to log what it expected.
pub fn verify(
    request: &IncomingRequest,
    authorization: &Authorization,
    secret_key: &Secret,
) -> Result<Verified, SignError> {
    let mut picked: Vec<(&str, &str)> = Vec::with_capacity(authorization.signed_headers.len());
    for name in &authorization.signed_headers {
        let value = request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .ok_or_else(|| SignError::MissingSignedHeader(name.clone()))?;
        picked.push((name.as_str(), value));
    }
    let headers = canonical_headers(&picked)?;
    let sdk_date = headers
        .iter()
        .find(|(name, _)| name == SDK_DATE_HEADER)
        .map(|(_, value)| value.clone())
        .ok_or(SignError::MissingSdkDate)?;
    let signed_at = parse_sdk_date(&sdk_date).ok_or(SignError::BadSdkDate)?;

    let query_pairs = parse_query_string(request.query);
    let query: Vec<(&str, &str)> = query_pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let input = SigningInput {
        method: request.method,
        path: request.path,
        query: &query,
        headers: &picked,
        body: request.body,
    };
    let canonical_request = canonical_request_text(&input, &headers);
    let expected = hmac_sha256(secret_key, &string_to_sign(&sdk_date, &canonical_request));
    let expected_hex = hex(&expected);
    if !crate::api::secret::constant_time_eq(
        expected_hex.as_bytes(),
        authorization.signature.as_bytes(),
    ) {
        return Err(SignError::SignatureMismatch);
    }
    Ok(Verified {
        access: authorization.access.clone(),
        signed_at,
        canonical_request,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUBLISHED_CANONICAL: &str = "GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn published() -> Signed {
        sign(
            &SigningInput {
                method: "GET",
                path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
                query: &[
                    ("marker", "13551d6b-755d-4757-b956-536f674975c0"),
                    ("limit", "2"),
                ],
                headers: &[
                    ("X-Sdk-Date", "20191115T033655Z"),
                    ("Host", "service.region.example.com"),
                    ("Content-Type", "application/json"),
                ],
                body: b"",
            },
            "QTWAOYTTINDUT2QVKYUC",
            &Secret::new("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"),
        )
        .unwrap()
    }

    #[test]
    fn huawei_published_example() {
        let s = published();
        assert_eq!(s.canonical_request, PUBLISHED_CANONICAL);
        assert_eq!(
            s.string_to_sign,
            "SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a"
        );
        assert_eq!(
            s.signature,
            "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
        );
        assert_eq!(
            s.authorization,
            "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
        );
        assert!(!format!("{s:?}").contains("host:"));
    }

    #[test]
    fn signing_errors() {
        let sk = Secret::new("k");
        let input = |headers: &'static [(&'static str, &'static str)]| SigningInput {
            method: "GET",
            path: "/",
            query: &[],
            headers,
            body: b"",
        };
        assert_eq!(
            sign(&input(&[("Host", "h")]), "a", &sk),
            Err(SignError::MissingSdkDate)
        );
        assert_eq!(
            sign(&input(&[("X-Sdk-Date", "2019")]), "a", &sk),
            Err(SignError::BadSdkDate)
        );
        assert_eq!(
            sign(
                &input(&[
                    ("X-Sdk-Date", "20191115T033655Z"),
                    ("x-sdk-date", "20191115T033655Z")
                ]),
                "a",
                &sk
            ),
            Err(SignError::DuplicateHeader("x-sdk-date".into()))
        );
    }

    #[test]
    fn body_hash_and_unsigned_payload() {
        let headers = [("X-Sdk-Date", "20191115T033655Z")];
        let input = SigningInput {
            method: "post",
            path: "/x",
            query: &[],
            headers: &headers,
            body: b"{}",
        };
        let text = canonical_request(&input).unwrap();
        assert!(text.starts_with("POST\n/x/\n\n"));
        assert!(
            text.ends_with("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        );
        let headers = [
            ("X-Sdk-Date", "20191115T033655Z"),
            ("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"),
        ];
        let input = SigningInput {
            headers: &headers,
            ..input
        };
        assert!(canonical_request(&input)
            .unwrap()
            .ends_with("\nUNSIGNED-PAYLOAD"));
    }

    #[test]
    fn header_values_are_stripped_like_python() {
        let headers = [
            ("X-Sdk-Date", " \u{1f}20191115T033655Z\t"),
            ("X-A", "\u{3000}v "),
        ];
        let input = SigningInput {
            method: "GET",
            path: "/",
            query: &[],
            headers: &headers,
            body: b"",
        };
        let text = canonical_request(&input).unwrap();
        assert!(
            text.contains("x-a:v\nx-sdk-date:20191115T033655Z\n\nx-a;x-sdk-date\n"),
            "{text}"
        );
    }

    #[test]
    fn parse_authorization_rejects_malformed_values() {
        let good = format!(
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={}",
            "A".repeat(64)
        );
        let auth = parse_authorization(&good).unwrap();
        assert_eq!(auth.signature, "a".repeat(64));
        assert!(auth.signs("Host"));
        for bad in [
            "",
            "SDK-HMAC-SHA256",
            "AWS4-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=00",
            "SDK-HMAC-SHA256Access=AK, SignedHeaders=host, Signature=00",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host",
            "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=00",
            "SDK-HMAC-SHA256 Access=AK, Access=AK, SignedHeaders=host, Signature=00",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x, Signature=00",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=zz",
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
            "SDK-HMAC-SHA256 Access=AK, Other=1, SignedHeaders=host, Signature=00",
        ] {
            assert!(parse_authorization(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn verify_accepts_the_published_example_and_rejects_changes() {
        let s = published();
        let auth = parse_authorization(&s.authorization).unwrap();
        let headers = [
            ("host", "service.region.example.com"),
            ("Content-Type", "application/json"),
            ("X-Sdk-Date", "20191115T033655Z"),
            ("Accept", "*/*"),
        ];
        let request = IncomingRequest {
            method: "GET",
            path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
            headers: &headers,
            body: b"",
        };
        let sk = Secret::new("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
        let ok = verify(&request, &auth, &sk).unwrap();
        assert_eq!(ok.canonical_request, PUBLISHED_CANONICAL);
        assert_eq!(format_sdk_date(ok.signed_at), "20191115T033655Z");

        let changed_query = IncomingRequest {
            query: "limit=3&marker=13551d6b-755d-4757-b956-536f674975c0",
            ..request
        };
        assert_eq!(
            verify(&changed_query, &auth, &sk),
            Err(SignError::SignatureMismatch)
        );
        assert_eq!(
            verify(&request, &auth, &Secret::new("other")),
            Err(SignError::SignatureMismatch)
        );
        let no_host = [
            ("Content-Type", "application/json"),
            ("X-Sdk-Date", "20191115T033655Z"),
        ];
        let missing = IncomingRequest {
            headers: &no_host,
            ..request
        };
        assert_eq!(
            verify(&missing, &auth, &sk),
            Err(SignError::MissingSignedHeader("host".into()))
        );
    }
}
