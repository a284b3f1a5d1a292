//! Authentication as the API gateway does it: an SDK-HMAC-SHA256 signature by the demo AK/SK
//! within the clock-skew window (by a temporary AK/SK only with its security token, sent in
//! `X-Security-Token` and signed), or the demo IAM token in `X-Auth-Token`. Pure: the caller
//! passes the headers, the host the client signed for, and the time.

use chrono::{DateTime, Utc};
use logins_core::api::secret::{constant_time_eq, Secret};
use logins_core::api::sign::{parse_authorization, verify, IncomingRequest};

/// The demo credentials the stand-in accepts.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub access_key: String,
    pub secret_key: Secret,
    /// The IAM token accepted in `X-Auth-Token`, if any.
    pub token: Option<Secret>,
    /// Allowed difference between `X-Sdk-Date` and the server clock, in seconds.
    pub max_skew_secs: i64,
    /// Temporary credentials also accepted, if any.
    pub temporary: Option<TemporaryKey>,
}

/// A temporary AK/SK (as IAM issues them with a security token): a request signed with it must
/// carry the token in `X-Security-Token` and list that header in `SignedHeaders`.
#[derive(Clone, Debug)]
pub struct TemporaryKey {
    pub access_key: String,
    pub secret_key: Secret,
    pub security_token: Secret,
}

/// Why a request is not authenticated. Every variant is a 401 `APIGW.0301`; the message says
/// which check failed (as the real gateway's messages do) but never echoes a credential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthFailure {
    NoCredentials,
    BadToken,
    Malformed(String),
    UnknownAccessKey,
    ClockSkew,
    SignatureMismatch,
    /// A temporary AK without `X-Security-Token`.
    MissingSecurityToken,
    /// A temporary AK whose `X-Security-Token` is not among the signed headers.
    SecurityTokenNotSigned,
    /// A temporary AK with another security token than the one issued with it.
    BadSecurityToken,
}

impl AuthFailure {
    pub fn message(&self) -> String {
        match self {
            AuthFailure::NoCredentials => {
                "Incorrect IAM authentication information: no Authorization or X-Auth-Token header"
                    .into()
            }
            AuthFailure::BadToken => "Incorrect IAM authentication information: token is invalid".into(),
            AuthFailure::Malformed(why) => format!("Incorrect IAM authentication information: {why}"),
            AuthFailure::UnknownAccessKey => {
                "Incorrect IAM authentication information: AK not found".into()
            }
            AuthFailure::ClockSkew => {
                "Incorrect IAM authentication information: X-Sdk-Date is too far from the server time"
                    .into()
            }
            AuthFailure::SignatureMismatch => {
                "Incorrect IAM authentication information: verify aksk signature fail".into()
            }
            AuthFailure::MissingSecurityToken => {
                "Incorrect IAM authentication information: temporary AK without X-Security-Token"
                    .into()
            }
            AuthFailure::SecurityTokenNotSigned => {
                "Incorrect IAM authentication information: X-Security-Token is not in SignedHeaders"
                    .into()
            }
            AuthFailure::BadSecurityToken => {
                "Incorrect IAM authentication information: security token is invalid for this AK"
                    .into()
            }
        }
    }
}

/// One request as the stand-in sees it.
#[derive(Clone, Copy, Debug)]
pub struct AuthRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    /// Received headers, except `Host`.
    pub headers: &'a [(&'a str, &'a str)],
    /// The host the client signed for: the target host through the proxy convention, the
    /// `Host` header when called directly.
    pub signed_host: &'a str,
}

/// Checks the credentials of a request.
pub fn authenticate(
    creds: &Credentials,
    request: &AuthRequest,
    now: DateTime<Utc>,
) -> Result<(), AuthFailure> {
    let header = |name: &str| {
        request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    };
    if let Some(auth) = header("authorization") {
        let parsed =
            parse_authorization(auth).map_err(|e| AuthFailure::Malformed(e.to_string()))?;
        let (secret_key, security_token) = if parsed.access == creds.access_key {
            (&creds.secret_key, None)
        } else {
            match &creds.temporary {
                Some(t) if t.access_key == parsed.access => {
                    (&t.secret_key, Some(&t.security_token))
                }
                _ => return Err(AuthFailure::UnknownAccessKey),
            }
        };
        let given_token = match security_token {
            Some(_) => {
                let given = header("x-security-token").ok_or(AuthFailure::MissingSecurityToken)?;
                if !parsed.signs("x-security-token") {
                    return Err(AuthFailure::SecurityTokenNotSigned);
                }
                Some(given)
            }
            None => None,
        };
        let mut headers: Vec<(&str, &str)> = request
            .headers
            .iter()
            .copied()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .collect();
        headers.push(("host", request.signed_host));
        let incoming = IncomingRequest {
            method: request.method,
            path: request.path,
            query: request.query,
            headers: &headers,
            body: b"",
        };
        let verified = verify(&incoming, &parsed, secret_key).map_err(|e| match e {
            logins_core::api::sign::SignError::SignatureMismatch => AuthFailure::SignatureMismatch,
            other => AuthFailure::Malformed(other.to_string()),
        })?;
        if (now - verified.signed_at).num_seconds().abs() > creds.max_skew_secs {
            return Err(AuthFailure::ClockSkew);
        }
        if let (Some(expected), Some(given)) = (security_token, given_token) {
            if !constant_time_eq(expected.expose().as_bytes(), given.as_bytes()) {
                return Err(AuthFailure::BadSecurityToken);
            }
        }
        return Ok(());
    }
    if let Some(token) = header("x-auth-token") {
        return match &creds.token {
            Some(expected) if constant_time_eq(expected.expose().as_bytes(), token.as_bytes()) => {
                Ok(())
            }
            _ => Err(AuthFailure::BadToken),
        };
    }
    Err(AuthFailure::NoCredentials)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use logins_core::api::sign::{sign, SigningInput};

    fn creds() -> Credentials {
        Credentials {
            access_key: "DEMOAK".into(),
            secret_key: Secret::new("demo-sk"),
            token: Some(Secret::new("demo-token")),
            max_skew_secs: 900,
            temporary: None,
        }
    }

    fn signed_headers(sk: &str, date: &str, host: &str) -> Vec<(String, String)> {
        let signed = sign(
            &SigningInput {
                method: "GET",
                path: "/v2/p/connections/desktops",
                query: &[("limit", "10")],
                headers: &[("Host", host), ("X-Sdk-Date", date)],
                body: b"",
            },
            "DEMOAK",
            &Secret::new(sk),
        )
        .unwrap();
        vec![
            ("X-Sdk-Date".into(), date.into()),
            ("Authorization".into(), signed.authorization),
        ]
    }

    fn check(
        headers: &[(String, String)],
        host: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AuthFailure> {
        let h: Vec<(&str, &str)> = headers
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        authenticate(
            &creds(),
            &AuthRequest {
                method: "GET",
                path: "/v2/p/connections/desktops",
                query: "limit=10",
                headers: &h,
                signed_host: host,
            },
            now,
        )
    }

    #[test]
    fn signature_checks() {
        let now = Utc.with_ymd_and_hms(2024, 1, 15, 8, 30, 0).unwrap();
        let host = "workspace.cn-north-4.myhuaweicloud.com";
        let good = signed_headers("demo-sk", "20240115T083000Z", host);
        assert_eq!(check(&good, host, now), Ok(()));
        // Signed for another host (e.g. the proxy's): refused.
        assert_eq!(
            check(&good, "127.0.0.1:8787", now),
            Err(AuthFailure::SignatureMismatch)
        );
        let wrong_sk = signed_headers("other", "20240115T083000Z", host);
        assert_eq!(
            check(&wrong_sk, host, now),
            Err(AuthFailure::SignatureMismatch)
        );
        let old = signed_headers("demo-sk", "20240115T081459Z", host);
        assert_eq!(check(&old, host, now), Err(AuthFailure::ClockSkew));
        let edge = signed_headers("demo-sk", "20240115T081500Z", host);
        assert_eq!(check(&edge, host, now), Ok(()));
        let mut unknown = good.clone();
        unknown[1].1 = unknown[1].1.replace("DEMOAK", "OTHERAK");
        assert_eq!(
            check(&unknown, host, now),
            Err(AuthFailure::UnknownAccessKey)
        );
        let garbage = vec![("Authorization".to_owned(), "Basic abc".to_owned())];
        assert!(matches!(
            check(&garbage, host, now),
            Err(AuthFailure::Malformed(_))
        ));
    }

    #[test]
    fn token_checks() {
        let now = Utc::now();
        let ok = vec![("X-Auth-Token".to_owned(), "demo-token".to_owned())];
        assert_eq!(check(&ok, "h", now), Ok(()));
        let bad = vec![("X-Auth-Token".to_owned(), "demo-tokeN".to_owned())];
        assert_eq!(check(&bad, "h", now), Err(AuthFailure::BadToken));
        assert_eq!(check(&[], "h", now), Err(AuthFailure::NoCredentials));
        assert!(!AuthFailure::BadToken.message().contains("demo-token"));
    }
}
