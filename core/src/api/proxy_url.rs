//! The CORS proxy URL and the proxied request URL (`{proxy_url}/{target URL}`, as cors-anywhere).
//!
//! The browser cannot call the Workspace API directly (it sends no CORS headers), so requests
//! go through a proxy. The proxy sees the credentials in the headers; hence the same rule as for
//! endpoints: https, or plain http only to this machine.

use crate::api::endpoint::parse_web_url;
use crate::api::field_error::{Field, FieldError, Problem};
use crate::api::web_url::is_plain_path;
use crate::i18n::{form, Lang};

/// A validated proxy base URL, without a trailing slash. It may have a path prefix
/// (`https://tools.example.com/cors`), but no query, fragment or user info.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProxyUrl(String);

impl ProxyUrl {
    /// Validates the proxy setting. An empty input means "call the endpoint directly": `Ok(None)`.
    ///
    /// ```
    /// use logins_core::api::proxy_url::ProxyUrl;
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
        let error = |problem| Err(FieldError::new(Field::ProxyUrl, problem));
        if url.has_query || url.has_fragment {
            return error(Problem::UnexpectedUrlPart);
        }
        if !is_plain_path(url.path) {
            return error(Problem::BadUrl);
        }
        let port = url.port.map(|p| format!(":{p}")).unwrap_or_default();
        let path = url.path.trim_end_matches('/');
        Ok(Some(ProxyUrl(format!(
            "{}://{}{port}{path}",
            url.scheme.as_str(),
            url.host
        ))))
    }

    /// The normalized proxy URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The help under the proxy URL's input: how the two URLs are joined, with each slot named in
/// `lang` and written in braces.
///
/// ```
/// use logins_core::api::proxy_url::help;
/// use logins_core::i18n::Lang;
/// assert_eq!(
///     help(Lang::En),
///     "Requests go to {proxy URL}/{endpoint URL}. Empty: call the endpoint directly."
/// );
/// assert_eq!(help(Lang::Zh), "请求发往 {代理地址}/{终端节点地址}。为空时直接调用终端节点。");
/// ```
pub fn help(lang: Lang) -> String {
    let slot = |text: crate::i18n::Text| format!("{{{}}}", text.get(lang));
    form::PROXY_URL_HELP.fill(
        lang,
        &[&slot(form::PROXY_URL_SLOT), &slot(form::ENDPOINT_URL_SLOT)],
    )
}

/// The URL the browser fetches: `{proxy}/{target}`, or the target itself without a proxy.
/// The target URL is appended verbatim (not re-encoded) so its query string stays exactly the
/// signed canonical string.
///
/// ```
/// use logins_core::api::proxy_url::{proxied_url, ProxyUrl};
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

    #[test]
    fn normalized_as_the_browser_would_request_it() {
        for (input, normalized) in [
            (
                "HTTPS://Tools.Example.COM:443/Cors/",
                "https://tools.example.com/Cors",
            ),
            ("http://[0:0::1]:8787//", "http://[::1]:8787"),
            ("http://LOCALHOST:80/p/%2F/", "http://localhost/p/%2F"),
            ("https://example.com/a:b@c/", "https://example.com/a:b@c"),
        ] {
            let p = ProxyUrl::parse(input).unwrap().unwrap();
            assert_eq!(p.as_str(), normalized, "{input}");
        }
    }

    #[test]
    fn paths_a_browser_would_rewrite_are_refused() {
        for bad in [
            "https://tools.example.com/a b",
            "https://tools.example.com/./cors",
            "https://tools.example.com/cors/..",
            "https://tools.example.com/%2e%2E/x",
            "https://tools.example.com/cors\\x",
            "https://tools.example.com/{x}",
            "https://tools.example.com/é",
            "https://tools.example.com/100%",
        ] {
            assert_eq!(
                ProxyUrl::parse(bad).unwrap_err().problem,
                Problem::BadUrl,
                "{bad}"
            );
        }
    }
}
