//! The CORS proxy URL and the proxied request URL (`{proxy_url}/{target URL}`, as cors-anywhere).
//!
//! The browser cannot call the Workspace API directly (it sends no CORS headers), so requests
//! go through a proxy. The proxy sees the credentials in the headers; hence the same rule as for
//! endpoints: https, or plain http only to this machine.

use crate::endpoint::parse_web_url;
use crate::field_error::{Field, FieldError, Problem};

/// A validated proxy base URL, without a trailing slash. It may have a path prefix
/// (`https://tools.example.com/cors`), but no query, fragment or user info.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProxyUrl(String);

impl ProxyUrl {
    /// Validates the proxy setting. An empty input means "call the endpoint directly": `Ok(None)`.
    ///
    /// ```
    /// use logins_core::proxy_url::ProxyUrl;
    /// assert_eq!(ProxyUrl::parse("  ").unwrap(), None);
    /// let p = ProxyUrl::parse("http://127.0.0.1:8787/").unwrap().unwrap();
    /// assert_eq!(p.as_str(), "http://127.0.0.1:8787");
    /// assert!(ProxyUrl::parse("http://proxy.example.com").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<Option<ProxyUrl>, FieldError> {
        if input.trim().is_empty() {
            return Ok(None);
        }
        let url = parse_web_url(Field::ProxyUrl, input)?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(FieldError::new(Field::ProxyUrl, Problem::UnexpectedUrlPart));
        }
        Ok(Some(ProxyUrl(
            url.as_str().trim_end_matches('/').to_owned(),
        )))
    }

    /// The normalized proxy URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The URL the browser fetches: `{proxy}/{target}`, or the target itself without a proxy.
/// The target URL is appended verbatim (not re-encoded) so its query string stays exactly the
/// signed canonical string.
///
/// ```
/// use logins_core::proxy_url::{proxied_url, ProxyUrl};
/// let target = "https://workspace.cn-north-4.myhuaweicloud.com/v2/p/connections/desktops?limit=5";
/// let proxy = ProxyUrl::parse("http://127.0.0.1:8787").unwrap();
/// assert_eq!(
///     proxied_url(proxy.as_ref(), target),
///     format!("http://127.0.0.1:8787/{target}")
/// );
/// assert_eq!(proxied_url(None, target), target);
/// ```
pub fn proxied_url(proxy: Option<&ProxyUrl>, target_url: &str) -> String {
    match proxy {
        Some(proxy) => format!("{}/{target_url}", proxy.0),
        None => target_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_prefix_is_kept_and_parts_rejected() {
        let p = ProxyUrl::parse("https://tools.example.com/cors/")
            .unwrap()
            .unwrap();
        assert_eq!(p.as_str(), "https://tools.example.com/cors");
        for (bad, problem) in [
            ("https://tools.example.com/?x=1", Problem::UnexpectedUrlPart),
            ("https://tools.example.com/#f", Problem::UnexpectedUrlPart),
            ("https://a:b@tools.example.com", Problem::HasUserInfo),
            ("http://192.168.1.10:8787", Problem::InsecureScheme),
            ("127.0.0.1:8787", Problem::BadUrl),
        ] {
            assert_eq!(ProxyUrl::parse(bad).unwrap_err().problem, problem, "{bad}");
        }
    }
}
