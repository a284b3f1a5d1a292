//! The two ways to authenticate: access key + secret key (optionally temporary, with a security
//! token), or an IAM token. Secrets are [`Secret`]s, so no `Debug` of a credential leaks them.

use crate::api::field_error::{Field, FieldError, Problem, ValidationErrors};
use crate::api::secret::Secret;

/// Validated credentials, ready for [`crate::api::request::plan_request`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// AK/SK: the request is signed with SDK-HMAC-SHA256.
    AccessKey(AccessKey),
    /// An IAM token sent as `X-Auth-Token`; no signature.
    Token(Secret),
}

/// An access key pair, with the security token of temporary credentials when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessKey {
    access_key_id: String,
    secret_key: Secret,
    security_token: Option<Secret>,
}

impl AccessKey {
    /// The AK: not secret (it is sent in every `Authorization` header).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The SK, only for the HMAC.
    pub fn secret_key(&self) -> &Secret {
        &self.secret_key
    }

    /// The security token of temporary credentials, sent and signed as `X-Security-Token`.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }
}

impl Credentials {
    /// Validates AK/SK input (and an optional security token; empty means permanent keys).
    /// Surrounding whitespace is removed: keys are usually pasted, often with a newline.
    ///
    /// ```
    /// use logins_core::api::credentials::Credentials;
    /// let c = Credentials::access_key(" QTWAOYTTINDUT2QVKYUC ", "MFyfvK41ba2g", "").unwrap();
    /// assert!(!format!("{c:?}").contains("MFyfvK41ba2g"));
    /// assert!(Credentials::access_key("", "", "").unwrap_err().all().len() == 2);
    /// ```
    pub fn access_key(
        access_key_id: &str,
        secret_key: &str,
        security_token: &str,
    ) -> Result<Credentials, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let ak = access_key_id.trim();
        if ak.is_empty() {
            errors.push(FieldError::new(Field::AccessKey, Problem::Required));
        } else if let Some(bad) = ak.chars().find(|&c| c == ',' || c == ';') {
            // A comma would end the Access part of the Authorization header early.
            errors.push(FieldError::new(
                Field::AccessKey,
                Problem::ForbiddenCharacter(bad),
            ));
        } else if !is_header_safe(ak) {
            errors.push(FieldError::new(Field::AccessKey, Problem::NotHeaderSafe));
        }
        // The SK is only an HMAC key and never sent, so any text is acceptable.
        let sk = secret_key.trim();
        if sk.is_empty() {
            errors.push(FieldError::new(Field::SecretKey, Problem::Required));
        }
        let token = security_token.trim();
        if !token.is_empty() && !is_header_safe(token) {
            errors.push(FieldError::new(
                Field::SecurityToken,
                Problem::NotHeaderSafe,
            ));
        }
        errors.into_result(Credentials::AccessKey(AccessKey {
            access_key_id: ak.to_owned(),
            secret_key: Secret::new(sk),
            security_token: (!token.is_empty()).then(|| Secret::new(token)),
        }))
    }

    /// Validates an IAM token (the `X-Subject-Token` of `POST /v3/auth/tokens`).
    pub fn token(token: &str) -> Result<Credentials, ValidationErrors> {
        let token = token.trim();
        if token.is_empty() {
            return Err(FieldError::new(Field::AuthToken, Problem::Required).into());
        }
        if !is_header_safe(token) {
            return Err(FieldError::new(Field::AuthToken, Problem::NotHeaderSafe).into());
        }
        Ok(Credentials::Token(Secret::new(token)))
    }
}

/// Visible ASCII only: `fetch` throws on other bytes in header values, and a space or control
/// character inside a key or token is always a paste error.
fn is_header_safe(value: &str) -> bool {
    value.bytes().all(|b| (0x21..=0x7E).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_key_rules() {
        let errors = Credentials::access_key("A K", "s", "tok en").unwrap_err();
        let fields: Vec<_> = errors
            .all()
            .iter()
            .map(|e| (e.field, e.problem.clone()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Field::AccessKey, Problem::NotHeaderSafe),
                (Field::SecurityToken, Problem::NotHeaderSafe)
            ]
        );
        let errors = Credentials::access_key("A,K", "s", "").unwrap_err();
        assert_eq!(errors.all()[0].problem, Problem::ForbiddenCharacter(','));
        let Credentials::AccessKey(key) = Credentials::access_key("AK", " sk\n", " tok ").unwrap()
        else {
            panic!("expected an access key");
        };
        assert_eq!(key.secret_key().expose(), "sk");
        assert_eq!(key.security_token().map(Secret::expose), Some("tok"));
    }

    #[test]
    fn token_rules() {
        assert!(Credentials::token("  ").is_err());
        assert!(Credentials::token("MIIé").is_err());
        let c = Credentials::token("MIIabc").unwrap();
        assert!(!format!("{c:?}").contains("MIIabc"));
    }
}
