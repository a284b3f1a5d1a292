//! A strict parser for the absolute `http(s)` URLs the connection settings accept (custom
//! endpoints and proxy URLs).
//!
//! Why not the `url` crate: its WHATWG parser maps hosts through IDNA/UTS #46, which brings
//! Unicode normalization tables (`idna`, `icu_normalizer`) into the WebAssembly bundle: 148 kB
//! raw, 63 kB gzip with the parser (a fifth of the wasm), and no crate parses strictly without
//! them. The grammar we accept is narrow, so it is written out here:
//!
//! ```text
//! url       = scheme "://" [ userinfo "@" ] host [ ":" [ port ] ] path [ "?" query ] [ "#" fragment ]
//! scheme    = "http" / "https"                      ; any case
//! host      = dns-name / ipv4 / "[" ipv6 "]"
//! dns-name  = label *( "." label )                  ; ASCII letters, digits, "-", "_" (1-63 each,
//!                                                   ; 253 in all); `xn--` labels pass as written
//! ipv4      = dec-octet 3( "." dec-octet )          ; 0-255, no leading zeros
//! port      = 1*DIGIT                               ; 0-65535
//! path      = *( "/" segment )                      ; checked by the caller that keeps one
//! ```
//!
//! Everything it accepts, the WHATWG parser (hence the browser's `fetch`) accepts too and
//! normalizes to the same scheme, host, port and path: a test checks this against `url` itself.
//! Where WHATWG would silently rewrite an input (a Unicode or percent-encoded host, `127.1`,
//! octal or hex IPv4 parts, a trailing dot, `\` for `/`, `https:example.com`, tabs inside the
//! URL, dot segments, an empty user name), this parser rejects it instead, so what the user
//! typed is what gets requested and signed.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `https`, or `http` for this machine only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    Https,
    Http,
}

impl Scheme {
    /// The scheme as written in a URL.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
        }
    }
}

/// Why a URL was rejected. Order matters: callers report syntax first, then user info, then
/// the scheme rule, as the WHATWG-based version did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UrlError {
    /// Not an absolute `http(s)` URL of the accepted grammar.
    Syntax,
    /// A well-formed URL with a user name or password.
    UserInfo,
}

/// The host of a parsed URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HostKind {
    Domain,
    Ipv4(Ipv4Addr),
    Ipv6(Ipv6Addr),
}

/// A parsed absolute `http(s)` URL. The path, query and fragment are kept as written (the
/// query and fragment only as "present or not": every caller rejects them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WebUrl<'a> {
    pub scheme: Scheme,
    /// Lowercase; IPv6 in brackets, in its canonical (WHATWG) form.
    pub host: String,
    pub host_kind: HostKind,
    /// `None` when absent, empty, or the scheme's default port.
    pub port: Option<u16>,
    /// Empty or starting with `/`; not yet checked (see [`is_plain_path`]).
    pub path: &'a str,
    pub has_query: bool,
    pub has_fragment: bool,
}

impl WebUrl<'_> {
    /// 127.0.0.0/8, ::1 and `localhost`: the hosts where plain http never leaves the machine.
    pub fn is_loopback(&self) -> bool {
        match self.host_kind {
            HostKind::Ipv4(ip) => ip.is_loopback(),
            HostKind::Ipv6(ip) => ip.is_loopback(),
            HostKind::Domain => self.host == "localhost",
        }
    }
}

/// Parses `text` (already trimmed) as an absolute `http(s)` URL.
pub(crate) fn parse(text: &str) -> Result<WebUrl<'_>, UrlError> {
    let (scheme, rest) = text.split_once("://").ok_or(UrlError::Syntax)?;
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        Scheme::Https
    } else if scheme.eq_ignore_ascii_case("http") {
        Scheme::Http
    } else {
        return Err(UrlError::Syntax);
    };
    // WHATWG drops tabs and newlines anywhere and reads `\` as `/` in http(s) URLs; both are
    // rejected here rather than rewritten. Query and fragment are not checked: callers reject
    // them whatever they contain.
    let before_query = rest.split(['?', '#']).next().unwrap_or("");
    if before_query.contains('\\') {
        return Err(UrlError::Syntax);
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let (path, tail) = after.split_at(path_end);
    let query_end = tail.find('#').unwrap_or(tail.len());
    let has_query = tail.starts_with('?');
    let has_fragment = query_end < tail.len();

    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let (host, host_kind, port) = parse_host_port(host_port, scheme)?;
    if userinfo.is_some() {
        // Even an empty `@` is refused: the browser would accept it, but it is never meant.
        return Err(UrlError::UserInfo);
    }
    Ok(WebUrl {
        scheme,
        host,
        host_kind,
        port,
        path,
        has_query,
        has_fragment,
    })
}

/// `host [":" [port]]`: the host normalized, and the port unless it is the default.
fn parse_host_port(
    text: &str,
    scheme: Scheme,
) -> Result<(String, HostKind, Option<u16>), UrlError> {
    let (host, port) = if let Some(inner) = text.strip_prefix('[') {
        let (address, after) = inner.split_once(']').ok_or(UrlError::Syntax)?;
        let ip = parse_ipv6(address)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(UrlError::Syntax)?),
        };
        (
            (format!("[{}]", serialize_ipv6(ip)), HostKind::Ipv6(ip)),
            port,
        )
    } else {
        let (host, port) = match text.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        };
        (parse_name_or_ipv4(host)?, port)
    };
    let port = match port {
        None | Some("") => None,
        Some(digits) => {
            let port = parse_port(digits)?;
            let default = match scheme {
                Scheme::Https => 443,
                Scheme::Http => 80,
            };
            (port != default).then_some(port)
        }
    };
    Ok((host.0, host.1, port))
}

/// Decimal digits with a value up to 65535 (leading zeros allowed, as WHATWG does).
fn parse_port(digits: &str) -> Result<u16, UrlError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(UrlError::Syntax);
    }
    let value = digits
        .bytes()
        .try_fold(0u32, |n, b| {
            let n = n * 10 + u32::from(b - b'0');
            (n <= u32::from(u16::MAX)).then_some(n)
        })
        .ok_or(UrlError::Syntax)?;
    u16::try_from(value).map_err(|_| UrlError::Syntax)
}

/// A DNS name or a dotted-quad IPv4 address, lowercased.
fn parse_name_or_ipv4(host: &str) -> Result<(String, HostKind), UrlError> {
    if host.is_empty() || host.len() > 253 {
        return Err(UrlError::Syntax);
    }
    let labels: Vec<&str> = host.split('.').collect();
    for label in &labels {
        let ok_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if label.is_empty() || label.len() > 63 || !label.bytes().all(ok_char) {
            return Err(UrlError::Syntax);
        }
    }
    // WHATWG reads a host whose last label is a number (decimal, or hex after `0x`) as an IPv4
    // address in any of its legacy forms (`127.1`, `0x7f.1`, `010.0.0.1` in octal). Only the
    // plain dotted quad is accepted.
    let last = labels[labels.len() - 1];
    let hex = last
        .strip_prefix("0x")
        .or_else(|| last.strip_prefix("0X"))
        .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hex || last.bytes().all(|b| b.is_ascii_digit()) {
        let ip = parse_dotted_quad(&labels).ok_or(UrlError::Syntax)?;
        return Ok((ip.to_string(), HostKind::Ipv4(ip)));
    }
    Ok((host.to_ascii_lowercase(), HostKind::Domain))
}

/// Exactly four decimal parts, each 0-255 without leading zeros.
fn parse_dotted_quad(labels: &[&str]) -> Option<Ipv4Addr> {
    let [a, b, c, d] = labels else {
        return None;
    };
    let part = |text: &str| -> Option<u8> {
        let canonical = text == "0" || !text.starts_with('0');
        let digits = text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit());
        if canonical && digits {
            text.parse().ok()
        } else {
            None
        }
    };
    Some(Ipv4Addr::new(part(a)?, part(b)?, part(c)?, part(d)?))
}

/// An IPv6 address as written between brackets (no zone ID, as in WHATWG).
fn parse_ipv6(text: &str) -> Result<Ipv6Addr, UrlError> {
    // The standard library's grammar equals WHATWG's for what can appear here (hex pieces of
    // up to four digits, one `::`, a trailing dotted quad); the test against `url` checks it.
    text.parse().map_err(|_| UrlError::Syntax)
}

/// The WHATWG serialization: lowercase hex without leading zeros, the first longest run of two
/// or more zero pieces written `::`, and no dotted quad (`::ffff:1.2.3.4` is `::ffff:102:304`).
fn serialize_ipv6(ip: Ipv6Addr) -> String {
    let pieces = ip.segments();
    // (start, length) of the first longest run of zeros, if it is at least two pieces long.
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < 8 {
        if pieces[i] == 0 {
            let start = i;
            while i < 8 && pieces[i] == 0 {
                i += 1;
            }
            let len = i - start;
            if len >= 2 && best.is_none_or(|(_, best_len)| len > best_len) {
                best = Some((start, len));
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if let Some((start, len)) = best.filter(|&(start, _)| start == i) {
            out.push_str(if start == 0 { "::" } else { ":" });
            i += len;
            continue;
        }
        out.push_str(&format!("{:x}", pieces[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// Whether a path can be requested exactly as written: each segment made of unreserved
/// characters, sub-delimiters, `:`, `@` and `%XX` escapes, and no dot segment (`.`, `..`, or
/// their `%2e` spellings), which URL parsers would resolve away. WHATWG would percent-encode
/// or resolve anything else; rejecting it keeps the URL the user sees the one that is fetched.
pub(crate) fn is_plain_path(path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    let Some(path) = path.strip_prefix('/') else {
        return false;
    };
    path.split('/').all(|segment| {
        let bytes = segment.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    let escape = bytes.get(i + 1..i + 3);
                    if !escape.is_some_and(|e| e.iter().all(u8::is_ascii_hexdigit)) {
                        return false;
                    }
                    i += 3;
                }
                b if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) => i += 1,
                _ => return false,
            }
        }
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        dots != "." && dots != ".."
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the WHATWG parser makes of `text`, in the same shape as ours:
    /// (scheme, host, port, path, has query, has fragment, has user info).
    type Parts = (String, String, Option<u16>, String, bool, bool, bool);

    fn whatwg(text: &str) -> Option<Parts> {
        let url = url::Url::parse(text).ok()?;
        Some((
            url.scheme().to_owned(),
            url.host_str()?.to_owned(),
            url.port(),
            url.path().to_owned(),
            url.query().is_some(),
            url.fragment().is_some(),
            !url.username().is_empty() || url.password().is_some(),
        ))
    }

    fn ours(text: &str) -> Result<Parts, UrlError> {
        let u = parse(text)?;
        Ok((
            u.scheme.as_str().to_owned(),
            u.host,
            u.port,
            // WHATWG writes an empty http(s) path as "/".
            if u.path.is_empty() { "/" } else { u.path }.to_owned(),
            u.has_query,
            u.has_fragment,
            false,
        ))
    }

    /// Everything we accept, WHATWG accepts with the same parts; a URL we refuse for its user
    /// info is one WHATWG reads as having user info (or an empty one).
    fn agrees_with_whatwg(text: &str) {
        match parse(text) {
            Ok(u) => {
                let plain = is_plain_path(u.path);
                let w = whatwg(text).unwrap_or_else(|| panic!("WHATWG rejects {text:?}"));
                let o = ours(text).unwrap();
                if plain {
                    assert_eq!(o, w, "{text:?}");
                } else {
                    // Only the path may differ, and only when we would refuse it.
                    assert_eq!((&o.0, &o.1, o.2), (&w.0, &w.1, w.2), "{text:?}");
                }
                if u.is_loopback() {
                    let host = url::Url::parse(text).unwrap();
                    let loopback = match host.host().unwrap() {
                        url::Host::Ipv4(ip) => ip.is_loopback(),
                        url::Host::Ipv6(ip) => ip.is_loopback(),
                        url::Host::Domain(d) => d == "localhost",
                    };
                    assert!(loopback, "{text:?}");
                }
            }
            Err(UrlError::UserInfo) => {
                assert!(whatwg(text).is_some(), "{text:?}");
                assert!(text.contains('@'), "{text:?}");
            }
            Err(UrlError::Syntax) => {}
        }
    }

    #[test]
    fn accepted_urls_match_whatwg() {
        for text in [
            "https://example.com",
            "HTTPS://Workspace.Example.COM:443",
            "https://example.com:8443/",
            "https://example.com:",
            "https://example.com:0443",
            "https://example.com:65535",
            "http://example.com:80",
            "https://my_host-1.example",
            "https://xn--bcher-kva.example/",
            "http://127.0.0.1:8788",
            "http://0.0.0.0",
            "http://255.255.255.255",
            "http://[::1]:8788",
            "http://[0:0:0:0:0:0:0:1]",
            "https://[2001:DB8:0:0:1:0:0:1]/",
            "https://[2001:db8::1:0:0:1]",
            "https://[1:0:0:2:0:0:0:3]",
            "https://[::ffff:1.2.3.4]",
            "https://[::1.2.3.4]",
            "https://[1:2:3:4:5:6:7::]",
            "https://[::]:1",
            "https://[1:2:3:4:5:6:7:8]",
            "https://tools.example.com/cors/",
            "https://tools.example.com/a/b//c/",
            "https://tools.example.com/~x/%2F/a@b:c/!$&'()*+,;=",
            "https://tools.example.com/.a/a./...",
            "https://example.com/?a=1",
            "https://example.com?",
            "https://example.com#",
            "https://example.com/#x?y",
            "https://example.com/p?q#f",
            "https://example.com/?a b\\c",
            "https://u@example.com",
            "https://:p@example.com",
            "https://@example.com",
            "https://a@b@example.com",
        ] {
            assert!(parse(text).is_ok() || text.contains('@'), "{text:?}");
            agrees_with_whatwg(text);
        }
    }

    #[test]
    fn rejects_what_whatwg_would_rewrite() {
        // Each of these is a valid WHATWG URL that the browser would request differently from
        // how it is written, or an invalid one.
        for text in [
            "",
            "https://",
            "https:///",
            "https://:443",
            "https:example.com",
            "https:/example.com",
            "https:\\\\example.com",
            "https://example.com\\cors",
            "https://example.com/a\\b",
            "ftp://example.com",
            "workspace.example.com",
            "localhost:8788",
            "https://bücher.example",
            "https://exa%6Dple.com",
            "https://exa mple.com",
            "https://exa\tmple.com",
            "https://example.com.",
            "https://a..b",
            "https://.example.com",
            "https://exa!mple.com",
            "https://example.com:80:90",
            "https://example.com:65536",
            "https://example.com:99999999999999999999",
            "https://example.com:+80",
            "https://example.com:8o",
            "http://127.1",
            "http://2130706433",
            "http://0x7f.0.0.1",
            "http://0x7f000001",
            "http://127.0.0.01",
            "http://010.0.0.1",
            "http://256.0.0.1",
            "http://1.2.3.4.5",
            "http://example.123",
            "http://example.0x1",
            "http://[::1",
            "http://[::1]x",
            "http://[::1]:",
            "http://[::1%eth0]",
            "http://[1:2:3:4:5:6:7:8:9]",
            "http://[1.2.3.4]",
            "http://[::ffff:1.2.3.04]",
            "http://[12345::]",
            "http://[:1]",
            "http://[1::2::3]",
            &format!("https://{}.com", "a".repeat(64)),
            &format!("https://{}com", "a.".repeat(127)),
        ] {
            // `[::1]:` has an empty port, which is fine; everything else is refused.
            if text == "http://[::1]:" {
                assert_eq!(parse(text).unwrap().port, None);
                continue;
            }
            assert_eq!(parse(text), Err(UrlError::Syntax), "{text:?}");
        }
    }

    #[test]
    fn loopback_hosts() {
        for (text, loopback) in [
            ("http://127.0.0.1", true),
            ("http://127.255.0.9:1", true),
            ("http://[::1]", true),
            ("http://[0::1]", true),
            ("http://LocalHost", true),
            ("http://[::ffff:127.0.0.1]", false),
            ("http://128.0.0.1", false),
            ("http://localhost.example.com", false),
            ("http://[::2]", false),
        ] {
            assert_eq!(parse(text).unwrap().is_loopback(), loopback, "{text}");
        }
    }

    #[test]
    fn ipv6_serialization() {
        for (text, host) in [
            ("https://[0:0:0:0:0:0:0:1]", "[::1]"),
            ("https://[1:0:0:2:0:0:0:3]", "[1:0:0:2::3]"),
            ("https://[1:0:0:2:0:0:3:4]", "[1::2:0:0:3:4]"),
            ("https://[1:0:2:0:3:0:4:0]", "[1:0:2:0:3:0:4:0]"),
            ("https://[::ffff:1.2.3.4]", "[::ffff:102:304]"),
            ("https://[ABCD::]", "[abcd::]"),
            ("https://[::]", "[::]"),
        ] {
            assert_eq!(parse(text).unwrap().host, host, "{text}");
        }
    }

    #[test]
    fn plain_paths() {
        for ok in [
            "",
            "/",
            "/cors",
            "/a//b/",
            "/%2F%20",
            "/.well-known",
            "/a.b/..c",
        ] {
            assert!(is_plain_path(ok), "{ok:?}");
        }
        for bad in [
            "/.", "/..", "/a/./b", "/a/../b", "/%2e", "/%2E%2e", "/.%2E/", "/a b", "/a\"b",
            "/a<b>", "/a`b", "/{x}", "/a|b", "/a^b", "/%", "/%4", "/%zz", "/é", "/a\tb",
        ] {
            assert!(!is_plain_path(bad), "{bad:?}");
        }
    }

    fn url_like() -> impl Strategy<Value = String> {
        let scheme = prop::sample::select(vec!["http", "https", "HTTP", "Https", "ftp", "http:"]);
        let host = prop::sample::select(vec![
            "localhost",
            "LOCALHOST",
            "example.com",
            "a-b_c.example",
            "xn--bcher-kva.example",
            "127.0.0.1",
            "127.1",
            "1.2.3.04",
            "0x7f.0.0.1",
            "[::1]",
            "[::FFFF:7f00:1]",
            "[::ffff:127.0.0.1]",
            "[1:0:0:2:0:0:0:3]",
            "[::1",
            "",
            "exa mple.com",
            "example.com.",
            "ex%41mple.com",
            "bücher.example",
        ]);
        let port = prop::sample::select(vec![
            "", ":", ":80", ":443", ":8443", ":0", ":00080", ":65536", ":x",
        ]);
        let userinfo = prop::sample::select(vec!["", "", "", "u@", ":p@", "@", "u:p@"]);
        let path = "(/[a-zA-Z0-9._~%!$&'()*+,;=:@ <>`{}|^\"\\\\-]{0,6}){0,3}";
        let suffix = prop::sample::select(vec!["", "", "?", "?a=1", "#", "#f", "?q#f"]);
        (scheme, userinfo, host, port, path, suffix)
            .prop_map(|(s, ui, h, p, path, sfx)| format!("{s}://{ui}{h}{p}{path}{sfx}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn never_accepts_what_whatwg_reads_differently(text in url_like()) {
            agrees_with_whatwg(&text);
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = parse(&text);
            let _ = is_plain_path(&text);
        }
    }
}
