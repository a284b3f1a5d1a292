//! Connection settings: where requests go (endpoint, proxy) and how they authenticate.
//!
//! The form keeps raw input strings; [`ConnectionForm::validate`] turns them into a
//! [`Connection`] or into field-level messages, exactly like [`crate::api::query::QueryForm`], so the
//! app can validate both with one call and disable its run buttons while anything is wrong.

use std::fmt;

use crate::api::credentials::Credentials;
use crate::api::endpoint::Endpoint;
use crate::api::field_error::ValidationErrors;
use crate::api::proxy_url::ProxyUrl;

/// How requests authenticate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AuthMethod {
    /// Access key ID + secret access key (+ security token for temporary credentials): signed.
    #[default]
    AccessKey,
    /// An IAM token in `X-Auth-Token`: not signed.
    Token,
}

impl AuthMethod {
    /// The short id used in shareable links (`auth=aksk`): names the method, never a secret.
    pub fn id(self) -> &'static str {
        match self {
            AuthMethod::AccessKey => "aksk",
            AuthMethod::Token => "token",
        }
    }

    /// The inverse of [`AuthMethod::id`]; anything else is `None`.
    pub fn from_id(id: &str) -> Option<AuthMethod> {
        match id {
            "aksk" => Some(AuthMethod::AccessKey),
            "token" => Some(AuthMethod::Token),
            _ => None,
        }
    }
}

/// The connection settings exactly as typed.
///
/// `Debug` is written by hand so that logging a form (or a panic message that includes one)
/// never prints the secret key, security token or IAM token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ConnectionForm {
    /// The endpoint URL; choosing a region fills it with that region's endpoint.
    pub endpoint: String,
    /// Empty: call the endpoint directly (only works where the API allows this origin).
    pub proxy_url: String,
    pub auth: AuthMethod,
    pub access_key_id: String,
    pub secret_key: String,
    pub security_token: String,
    pub iam_token: String,
}

impl fmt::Debug for ConnectionForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |s: &str| if s.is_empty() { "" } else { "***" };
        f.debug_struct("ConnectionForm")
            .field("endpoint", &self.endpoint)
            .field("proxy_url", &self.proxy_url)
            .field("auth", &self.auth)
            .field("access_key_id", &self.access_key_id)
            .field("secret_key", &shown(&self.secret_key))
            .field("security_token", &shown(&self.security_token))
            .field("iam_token", &shown(&self.iam_token))
            .finish()
    }
}

/// Validated connection settings, ready to plan requests with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    pub endpoint: Endpoint,
    pub proxy: Option<ProxyUrl>,
    pub credentials: Credentials,
}

impl ConnectionForm {
    /// Validates every setting and returns a [`Connection`] or *all* the problems found. Only
    /// the inputs of the chosen auth method are checked: a stale token does not block AK/SK.
    ///
    /// ```
    /// use logins_core::api::connection::{AuthMethod, ConnectionForm};
    /// use logins_core::api::field_error::Field;
    /// let form = ConnectionForm {
    ///     endpoint: "https://workspace.cn-north-4.myhuaweicloud.com".into(),
    ///     proxy_url: "http://127.0.0.1:8787".into(),
    ///     auth: AuthMethod::Token,
    ///     ..ConnectionForm::default()
    /// };
    /// let errors = form.validate().unwrap_err();
    /// assert_eq!(errors.for_field(Field::AuthToken).count(), 1);
    /// assert_eq!(errors.all().len(), 1);
    /// ```
    pub fn validate(&self) -> Result<Connection, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let endpoint = Endpoint::custom(&self.endpoint)
            .map_err(|e| errors.push(e))
            .ok();
        let proxy = ProxyUrl::parse(&self.proxy_url)
            .map_err(|e| errors.push(e))
            .ok();
        let credentials = match self.auth {
            AuthMethod::AccessKey => {
                Credentials::access_key(&self.access_key_id, &self.secret_key, &self.security_token)
            }
            AuthMethod::Token => Credentials::token(&self.iam_token),
        }
        .map_err(|e| errors.extend(e))
        .ok();
        match (endpoint, proxy, credentials) {
            (Some(endpoint), Some(proxy), Some(credentials)) if errors.is_empty() => {
                Ok(Connection {
                    endpoint,
                    proxy,
                    credentials,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::field_error::{Field, Problem};

    fn valid() -> ConnectionForm {
        ConnectionForm {
            endpoint: "https://workspace.cn-north-4.myhuaweicloud.com".into(),
            proxy_url: "http://127.0.0.1:8787".into(),
            auth: AuthMethod::AccessKey,
            access_key_id: "AK".into(),
            secret_key: "very-secret-key".into(),
            security_token: "temporary-token".into(),
            iam_token: String::new(),
        }
    }

    #[test]
    fn a_complete_form_validates() {
        let c = valid().validate().unwrap();
        assert_eq!(c.endpoint.host(), "workspace.cn-north-4.myhuaweicloud.com");
        assert_eq!(c.proxy.unwrap().as_str(), "http://127.0.0.1:8787");
        assert!(matches!(c.credentials, Credentials::AccessKey(_)));
    }

    #[test]
    fn an_empty_proxy_means_direct() {
        let form = ConnectionForm {
            proxy_url: "  ".into(),
            ..valid()
        };
        assert_eq!(form.validate().unwrap().proxy, None);
    }

    #[test]
    fn every_problem_is_reported_on_its_field() {
        let form = ConnectionForm {
            endpoint: "ftp://x".into(),
            proxy_url: "http://proxy.example.com".into(),
            access_key_id: String::new(),
            secret_key: String::new(),
            ..valid()
        };
        let errors = form.validate().unwrap_err();
        let fields: Vec<Field> = errors.all().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Endpoint,
                Field::ProxyUrl,
                Field::AccessKey,
                Field::SecretKey
            ]
        );
        assert_eq!(
            errors.for_field(Field::ProxyUrl).next().unwrap().problem,
            Problem::InsecureScheme
        );
    }

    #[test]
    fn only_the_chosen_method_is_checked() {
        let token = ConnectionForm {
            auth: AuthMethod::Token,
            iam_token: "MIIE-token".into(),
            access_key_id: String::new(),
            secret_key: String::new(),
            ..valid()
        };
        assert!(matches!(
            token.validate().unwrap().credentials,
            Credentials::Token(_)
        ));
        let aksk = ConnectionForm {
            iam_token: "has spaces inside".into(),
            ..valid()
        };
        assert!(aksk.validate().is_ok());
    }

    #[test]
    fn debug_never_prints_secrets() {
        let form = ConnectionForm {
            iam_token: "iam-token-value".into(),
            ..valid()
        };
        let shown = format!("{form:?}");
        for secret in ["very-secret-key", "temporary-token", "iam-token-value"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("AK"), "the access key ID is not secret");
    }

    #[test]
    fn auth_ids_round_trip() {
        for method in [AuthMethod::AccessKey, AuthMethod::Token] {
            assert_eq!(AuthMethod::from_id(method.id()), Some(method));
        }
        assert_eq!(AuthMethod::from_id("sk"), None);
    }
}
