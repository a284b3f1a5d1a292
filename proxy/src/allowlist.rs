//! Which upstream URLs the proxy may forward to. Pure: parsing and matching only, no DNS.
//!
//! The target is parsed with the WHATWG URL parser (the `url` crate, the rules browsers use)
//! and the *normalized* result is checked, so spelling tricks are judged by what they mean:
//! `https://2130706433/`, `https://0x7f.1/` and `https://0177.0.0.1/` are all the IPv4 literal
//! 127.0.0.1; `https://evil.example\@a.myhuaweicloud.com/` has host `evil.example`;
//! `https://WORKSPACE.MyHuaweiCloud.com:443/` is `workspace.myhuaweicloud.com` on the default port.

use std::fmt;

use url::{Host, Url};

/// One allowed host: an exact name (`iam.myhuaweicloud.com`) or every subdomain of a suffix
/// (`*.myhuaweicloud.com`, which does not include the bare `myhuaweicloud.com`), optionally with
/// a port (`*.example.com:8443`); without a port only the scheme's default port is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPattern {
    name: NamePattern,
    port: Option<u16>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum NamePattern {
    Exact(String),
    /// Stored with its leading dot: `.myhuaweicloud.com`.
    Suffix(String),
}

impl HostPattern {
    /// Parses `name`, `*.suffix`, optionally followed by `:port`.
    ///
    /// ```
    /// use logins_proxy::allowlist::HostPattern;
    /// assert!(HostPattern::parse("*.myhuaweicloud.com").is_ok());
    /// assert!(HostPattern::parse("api.example.com:8443").is_ok());
    /// assert!(HostPattern::parse("*").is_err());
    /// assert!(HostPattern::parse("10.0.0.1").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim().to_ascii_lowercase();
        let (name, port) = match text.rsplit_once(':') {
            Some((name, port)) => {
                let port = port
                    .parse::<u16>()
                    .map_err(|_| format!("bad port in host pattern {text:?}"))?;
                (name.to_owned(), Some(port))
            }
            None => (text.clone(), None),
        };
        let (wildcard, bare) = match name.strip_prefix("*.") {
            Some(rest) => (true, rest),
            None => (false, name.as_str()),
        };
        // Validate the name the same way targets are parsed, so a pattern can only ever match
        // a domain the parser produces (lowercase, punycode).
        let parsed = Url::parse(&format!("https://{bare}/"))
            .map_err(|_| format!("not a host name: {text:?}"))?;
        let normalized = match parsed.host() {
            Some(Host::Domain(d)) if d == bare && d.contains('.') => d.to_owned(),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => {
                return Err(format!("IP addresses cannot be allowed: {text:?}"))
            }
            _ => return Err(format!("not a host name (use *.suffix or a.b.c): {text:?}")),
        };
        let name = if wildcard {
            NamePattern::Suffix(format!(".{normalized}"))
        } else {
            NamePattern::Exact(normalized)
        };
        Ok(HostPattern { name, port })
    }

    fn matches_name(&self, host: &str) -> bool {
        match &self.name {
            NamePattern::Exact(name) => host == name,
            NamePattern::Suffix(suffix) => {
                host.len() > suffix.len() && host.ends_with(suffix.as_str())
            }
        }
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            NamePattern::Exact(n) => write!(f, "{n}")?,
            NamePattern::Suffix(s) => write!(f, "*{s}")?,
        }
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        Ok(())
    }
}

/// The default allowlist: every Huawei Cloud endpoint.
pub const DEFAULT_ALLOWED_HOST: &str = "*.myhuaweicloud.com";

/// The patterns, and whether plain-HTTP upstreams are allowed (tests only).
#[derive(Clone, Debug)]
pub struct Allowlist {
    patterns: Vec<HostPattern>,
    allow_http: bool,
}

/// Why a target was refused. The message names the rule, never the full URL (it may carry
/// a query string).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a URL at all (400).
    Unparseable,
    /// Only `https` (and `http` with `--allow-insecure-upstream`).
    Scheme(String),
    /// `user:pass@host`.
    Userinfo,
    /// The host is an IP address (in any spelling the parser understands).
    IpLiteral,
    /// The host is not on the allowlist.
    Host(String),
    /// The host is allowed, but not on this port.
    Port(String, u16),
}

impl Refusal {
    /// Whether this is a malformed request (400) rather than a policy refusal (403).
    pub fn is_malformed(&self) -> bool {
        matches!(self, Refusal::Unparseable)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Unparseable => write!(f, "The target is not a valid absolute URL."),
            Refusal::Scheme(s) => write!(f, "Scheme {s:?} is not allowed; use https."),
            Refusal::Userinfo => write!(
                f,
                "User names and passwords in the target URL are not allowed."
            ),
            Refusal::IpLiteral => write!(f, "IP addresses are not allowed as target hosts."),
            Refusal::Host(h) => write!(f, "Host {h:?} is not on the proxy's allowlist."),
            Refusal::Port(h, p) => {
                write!(f, "Port {p} of host {h:?} is not on the proxy's allowlist.")
            }
        }
    }
}

impl Allowlist {
    pub fn new(patterns: Vec<HostPattern>, allow_http: bool) -> Self {
        Allowlist {
            patterns,
            allow_http,
        }
    }

    /// The allowlist with only [`DEFAULT_ALLOWED_HOST`], HTTPS only.
    pub fn default_cloud() -> Self {
        Self::new(
            vec![HostPattern::parse(DEFAULT_ALLOWED_HOST).expect("valid")],
            false,
        )
    }

    /// Parses and checks a target URL; on success returns it normalized, without fragment.
    ///
    /// ```
    /// use logins_proxy::allowlist::Allowlist;
    /// let list = Allowlist::default_cloud();
    /// assert!(list.check("https://workspace.cn-north-4.myhuaweicloud.com/v2/p/connections/desktops").is_ok());
    /// assert!(list.check("https://myhuaweicloud.com.example.org/").is_err());
    /// ```
    pub fn check(&self, target: &str) -> Result<Url, Refusal> {
        let mut url = Url::parse(target).map_err(|_| Refusal::Unparseable)?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            other => return Err(Refusal::Scheme(other.to_owned())),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refusal::Userinfo);
        }
        let host = match url.host() {
            Some(Host::Domain(d)) => d.to_owned(),
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => return Err(Refusal::IpLiteral),
            None => return Err(Refusal::Unparseable),
        };
        // `port()` is None for the scheme's default port (the parser drops ":443").
        let port = url.port();
        let by_name: Vec<&HostPattern> = self
            .patterns
            .iter()
            .filter(|p| p.matches_name(&host))
            .collect();
        if by_name.is_empty() {
            return Err(Refusal::Host(host));
        }
        if !by_name.iter().any(|p| p.port == port) {
            return Err(Refusal::Port(host, port.unwrap_or_default()));
        }
        url.set_fragment(None);
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(list: &Allowlist, target: &str) -> Refusal {
        list.check(target).expect_err(target)
    }

    #[test]
    fn cloud_hosts_pass_normalized() {
        let list = Allowlist::default_cloud();
        let url = list
            .check("https://WORKSPACE.cn-north-4.MyHuaweiCloud.com:443/v2/p/connections/desktops?limit=10#frag")
            .unwrap();
        assert_eq!(
            url.host_str(),
            Some("workspace.cn-north-4.myhuaweicloud.com")
        );
        assert_eq!(url.port(), None);
        assert_eq!(url.query(), Some("limit=10"));
        assert_eq!(url.fragment(), None);
        // A single slash after the scheme is what some servers leave of "//".
        assert!(list
            .check("https:/iam.myhuaweicloud.com/v3/auth/tokens")
            .is_ok());
    }

    #[test]
    fn look_alikes_are_refused() {
        let list = Allowlist::default_cloud();
        for target in [
            "https://myhuaweicloud.com.example.org/",
            "https://evilmyhuaweicloud.com/",
            "https://myhuaweicloud.com/",
            "https://workspace.myhuaweicloud.com.evil.org/",
            "https://workspace.myhuaweicloud.com./",
            "https://workspace.myhuaweicloud.co/",
            "https://evil.example\\@workspace.myhuaweicloud.com/",
            "https://evil.example#@workspace.myhuaweicloud.com/",
            "https://evil.example?@workspace.myhuaweicloud.com/",
        ] {
            assert!(
                matches!(refused(&list, target), Refusal::Host(_)),
                "{target}"
            );
        }
    }

    #[test]
    fn ip_literals_in_every_spelling_are_refused() {
        let list = Allowlist::new(
            vec![HostPattern::parse("*.myhuaweicloud.com").unwrap()],
            true,
        );
        for target in [
            "https://127.0.0.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://2130706433/",
            "https://0x7f.0.0.1/",
            "https://0x7f000001/",
            "https://0177.0.0.1/",
            "https://127.1/",
            "https://[::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[fe80::1]/",
            "http://0/",
            "https://%31%32%37.0.0.1/",
        ] {
            assert_eq!(refused(&list, target), Refusal::IpLiteral, "{target}");
        }
    }

    #[test]
    fn userinfo_schemes_and_ports() {
        let list = Allowlist::default_cloud();
        assert_eq!(
            refused(&list, "https://user:pw@workspace.myhuaweicloud.com/"),
            Refusal::Userinfo
        );
        assert_eq!(
            refused(&list, "https://user@workspace.myhuaweicloud.com/"),
            Refusal::Userinfo
        );
        for scheme in ["http", "ftp", "file", "ws", "javascript", "data"] {
            let target = format!("{scheme}://workspace.myhuaweicloud.com/");
            assert!(
                matches!(refused(&list, &target), Refusal::Scheme(_)),
                "{target}"
            );
        }
        assert_eq!(
            refused(&list, "https://workspace.myhuaweicloud.com:8443/"),
            Refusal::Port("workspace.myhuaweicloud.com".into(), 8443)
        );
        assert_eq!(refused(&list, "not a url"), Refusal::Unparseable);
        assert_eq!(refused(&list, "/relative/path"), Refusal::Unparseable);
        assert!(refused(&list, "").is_malformed());
    }

    #[test]
    fn explicit_patterns_and_ports() {
        let list = Allowlist::new(
            vec![
                HostPattern::parse("api.example.com:8443").unwrap(),
                HostPattern::parse("iam.example.org").unwrap(),
            ],
            true,
        );
        assert!(list.check("https://api.example.com:8443/x").is_ok());
        assert!(matches!(
            refused(&list, "https://api.example.com/x"),
            Refusal::Port(..)
        ));
        assert!(list.check("https://iam.example.org/").is_ok());
        assert!(list.check("http://iam.example.org/").is_ok());
        assert!(matches!(
            refused(&list, "https://x.iam.example.org/"),
            Refusal::Host(_)
        ));
        assert!(matches!(
            refused(&list, "https://iam.example.org:444/"),
            Refusal::Port(..)
        ));
    }

    #[test]
    fn bad_patterns_are_rejected() {
        for bad in [
            "*",
            "*.com:abc",
            "10.0.0.1",
            "[::1]",
            "localhost",
            "a b.com",
            "*.",
            "",
        ] {
            assert!(HostPattern::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            HostPattern::parse("*.Example.COM:8443")
                .unwrap()
                .to_string(),
            "*.example.com:8443"
        );
    }
}
