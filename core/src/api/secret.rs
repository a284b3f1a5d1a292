//! A string that must never reach a log, an error message or a panic message.

use std::fmt;

/// A secret value: the secret access key (SK), a security token or an IAM token.
///
/// Why a newtype: `#[derive(Debug)]` on any struct holding credentials would otherwise print them
/// the first time someone logs a request plan or an error. `Secret` prints as `Secret(***)` and
/// has no `Display` or `Serialize`, so the only way to the text is the explicit [`Secret::expose`],
/// which is easy to find in review.
///
/// ```
/// use logins_core::api::secret::Secret;
/// let sk = Secret::new("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc");
/// assert_eq!(format!("{sk:?}"), "Secret(***)");
/// assert_eq!(sk.expose().len(), 40);
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value as given (no trimming: callers decide what input cleaning means).
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret text. Call it only where the value is actually used (HMAC key, header value).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string, so forms can report "required" without exposing it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// Compares without an early exit, so response timing does not reveal how many leading
/// characters of a forged signature or token were right. (The length is not hidden.)
///
/// ```
/// use logins_core::api::secret::constant_time_eq;
/// assert!(constant_time_eq(b"abc", b"abc"));
/// assert!(!constant_time_eq(b"abc", b"abd"));
/// assert!(!constant_time_eq(b"abc", b"ab"));
/// ```
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("top-secret");
        let printed = format!("{s:?} {:?}", Some(&s));
        assert!(!printed.contains("top-secret"), "{printed}");
    }
}
