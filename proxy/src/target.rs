//! The proxy URL convention (as cors-anywhere): a request for `/{full target URL}` is forwarded
//! to that URL. Shared by the router and the access log, which both need to recognise one.

/// The target URL in a proxy path (`/https://host/...` → `https://host/...`), if it is one.
///
/// ```
/// use logins_proxy::target::proxy_target;
/// assert_eq!(proxy_target("/https://a.b/c"), Some("https://a.b/c"));
/// assert_eq!(proxy_target("/HTTP:/a.b/"), Some("HTTP:/a.b/"));
/// assert_eq!(proxy_target("/v2/p/connections/desktops"), None);
/// ```
pub fn proxy_target(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    let scheme_end = rest.find(':')?;
    let scheme = &rest[..scheme_end];
    // Anything that looks like `scheme:` counts, so `/ftp://...` is refused as a scheme rather
    // than served as a file.
    (!scheme.is_empty()
        && scheme.len() <= 16
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.'))
    .then_some(rest)
}
