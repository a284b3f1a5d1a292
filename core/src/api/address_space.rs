//! Local Network Access: which IP address space a URL's host is in, and whether a request from
//! this page to the proxy crosses into a more private one.
//!
//! Chrome (142 and later) and Edge ask the user's permission before a page lets the browser
//! reach a more private address space than the page's own: a public page calling a proxy on a
//! private address (`local-network` permission) or on this machine (`loopback-network`), or an
//! intranet page calling a proxy on this machine. The spaces are ordered public → local →
//! loopback. A fetch can say where it is going with `RequestInit.targetAddressSpace`
//! (`"local"` / `"loopback"`); the browser then checks the connection really goes there.
//!
//! Only what the URL itself shows is classified: IP literals, `localhost` (and `*.localhost`,
//! which browsers resolve to loopback themselves), and `*.local` mDNS names, which Chrome counts
//! as local. Any other name is unknown here (`None`): the browser resolves it, and only then
//! knows its space. Guessing from conventional suffixes (`.internal`, `.lan`, `.corp`) would
//! be wrong whenever such a name resolves to a public address, and a wrong
//! `targetAddressSpace` makes the fetch fail. An unknown proxy name gets no
//! `targetAddressSpace`; that costs nothing, because the app accepts plain http only for a
//! loopback proxy, so a named proxy is https and needs no mixed-content exemption: if it
//! resolves to a private address, Chrome still asks for the permission when it connects.
//!
//! ```
//! use logins_core::api::address_space::{target_address_space, AddressSpace};
//! use logins_core::api::proxy_url::ProxyUrl;
//! let proxy = ProxyUrl::parse("http://127.0.0.1:8787").unwrap().unwrap();
//! // An app on an https site, a proxy on this machine: a loopback request.
//! assert_eq!(
//!     target_address_space("https://tools.example.com", &proxy),
//!     Some(AddressSpace::Loopback)
//! );
//! // The app served by the proxy itself: nothing crosses.
//! assert_eq!(target_address_space("http://127.0.0.1:8787", &proxy), None);
//! ```

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::api::proxy_url::ProxyUrl;
use crate::api::web_url::{self, HostKind};
use crate::i18n::{form, Lang};

/// An IP address space of Local Network Access, ordered from least to most private.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AddressSpace {
    /// Reachable from anywhere on the internet.
    Public,
    /// This network only: RFC 1918, carrier-grade NAT, link-local and unique-local addresses,
    /// `.local` names.
    Local,
    /// This machine only: 127.0.0.0/8, `::1`, `localhost`.
    Loopback,
}

impl AddressSpace {
    /// The value of `RequestInit.targetAddressSpace`.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressSpace::Public => "public",
            AddressSpace::Local => "local",
            AddressSpace::Loopback => "loopback",
        }
    }

    /// The names to ask `navigator.permissions.query` about a request into this space, in
    /// order: the split permissions of current Chrome first, then `local-network-access`,
    /// which Chrome 142 to 144 used for both (a browser that knows neither rejects the query).
    pub fn permission_names(self) -> &'static [&'static str] {
        match self {
            AddressSpace::Public => &[],
            AddressSpace::Local => &["local-network", "local-network-access"],
            AddressSpace::Loopback => &["loopback-network", "local-network-access"],
        }
    }

    /// How the user would name where the proxy is, in English (see [`Self::describe_in`]).
    pub fn describe(self) -> &'static str {
        self.describe_in(Lang::En)
    }

    /// How the user would name where the proxy is, in `lang`.
    ///
    /// ```
    /// use logins_core::api::address_space::AddressSpace;
    /// use logins_core::i18n::Lang;
    /// assert_eq!(AddressSpace::Loopback.describe_in(Lang::En), "on this computer");
    /// assert_eq!(AddressSpace::Loopback.describe_in(Lang::Zh), "位于本机");
    /// ```
    pub fn describe_in(self, lang: Lang) -> &'static str {
        match self {
            AddressSpace::Public => form::SPACE_PUBLIC,
            AddressSpace::Local => form::SPACE_LOCAL,
            AddressSpace::Loopback => form::SPACE_LOOPBACK,
        }
        .get(lang)
    }
}

/// The address space of an `http(s)` URL's host, when the URL alone tells it; `None` for a
/// name the browser has to resolve (or text that is not such a URL, like the origin `null`).
///
/// ```
/// use logins_core::api::address_space::{address_space_of, AddressSpace};
/// assert_eq!(address_space_of("http://[::1]:8787"), Some(AddressSpace::Loopback));
/// assert_eq!(address_space_of("https://192.168.1.20"), Some(AddressSpace::Local));
/// assert_eq!(address_space_of("https://printer.local"), Some(AddressSpace::Local));
/// assert_eq!(address_space_of("https://8.8.8.8"), Some(AddressSpace::Public));
/// assert_eq!(address_space_of("https://proxy.corp.example"), None);
/// ```
pub fn address_space_of(url: &str) -> Option<AddressSpace> {
    let url = web_url::parse(url.trim()).ok()?;
    match url.host_kind {
        HostKind::Ipv4(ip) => Some(ipv4_space(ip)),
        HostKind::Ipv6(ip) => Some(ipv6_space(ip)),
        HostKind::Domain => name_space(&url.host),
    }
}

/// The `targetAddressSpace` a fetch from a page at `page_origin` (`location.origin`) to
/// `proxy` should carry: the proxy's space when it is known and more private than the page's,
/// else `None`. A page whose space the URL does not tell (a name, or an opaque origin) is taken
/// as public, the case where the browser asks the most.
pub fn target_address_space(page_origin: &str, proxy: &ProxyUrl) -> Option<AddressSpace> {
    let proxy_space = address_space_of(proxy.as_str())?;
    let page_space = address_space_of(page_origin).unwrap_or(AddressSpace::Public);
    (proxy_space > page_space).then_some(proxy_space)
}

/// The space whose permission governs requests to `proxy`, when the URL shows it is on this
/// computer or a local network, whatever the page: a page's real space can differ from what
/// its URL shows (an intranet name, a NAT), so after a failure the app asks the browser about
/// this permission rather than trusting [`target_address_space`] alone.
///
/// ```
/// use logins_core::api::address_space::{permission_space, AddressSpace};
/// use logins_core::api::proxy_url::ProxyUrl;
/// let local = ProxyUrl::parse("https://10.0.0.8:8787").unwrap().unwrap();
/// assert_eq!(permission_space(&local), Some(AddressSpace::Local));
/// let public = ProxyUrl::parse("https://proxy.example.com").unwrap().unwrap();
/// assert_eq!(permission_space(&public), None);
/// ```
pub fn permission_space(proxy: &ProxyUrl) -> Option<AddressSpace> {
    address_space_of(proxy.as_str()).filter(|space| *space > AddressSpace::Public)
}

fn ipv4_space(ip: Ipv4Addr) -> AddressSpace {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        AddressSpace::Loopback
    } else if ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b)) {
        // 100.64.0.0/10 (carrier-grade NAT) is in the spec's table of non-public blocks.
        AddressSpace::Local
    } else {
        AddressSpace::Public
    }
}

fn ipv6_space(ip: Ipv6Addr) -> AddressSpace {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return ipv4_space(v4);
    }
    let first = ip.segments()[0];
    if ip.is_loopback() {
        AddressSpace::Loopback
    } else if first & 0xfe00 == 0xfc00 || first & 0xffc0 == 0xfe80 {
        // fc00::/7 unique local, fe80::/10 link-local.
        AddressSpace::Local
    } else {
        AddressSpace::Public
    }
}

fn name_space(host: &str) -> Option<AddressSpace> {
    if host == "localhost" || host.ends_with(".localhost") {
        Some(AddressSpace::Loopback)
    } else if host.ends_with(".local") {
        Some(AddressSpace::Local)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AddressSpace::{Local, Loopback, Public};

    fn proxy(url: &str) -> ProxyUrl {
        ProxyUrl::parse(url).unwrap().unwrap()
    }

    #[test]
    fn ip_literals_are_classified_by_their_block() {
        for (url, space) in [
            ("http://127.0.0.1:8787", Loopback),
            ("http://127.255.0.9", Loopback),
            ("http://[::1]:8787", Loopback),
            ("https://[::ffff:127.0.0.1]", Loopback),
            ("https://10.0.0.1", Local),
            ("https://172.16.0.1", Local),
            ("https://172.31.255.255", Local),
            ("https://192.168.1.10:8787", Local),
            ("https://169.254.169.254", Local),
            ("https://100.64.0.1", Local),
            ("https://100.127.255.255", Local),
            ("https://[fd12:3456::1]", Local),
            ("https://[fc00::1]", Local),
            ("https://[fe80::1]", Local),
            ("https://[::ffff:192.168.0.1]", Local),
            ("https://172.15.255.255", Public),
            ("https://172.32.0.0", Public),
            ("https://100.63.255.255", Public),
            ("https://100.128.0.0", Public),
            ("https://8.8.8.8", Public),
            ("https://[2001:db8::1]", Public),
            ("https://[fec0::1]", Public),
        ] {
            assert_eq!(address_space_of(url), Some(space), "{url}");
        }
    }

    #[test]
    fn only_names_the_browser_classifies_itself_are_known() {
        for (url, space) in [
            ("http://localhost:8787", Some(Loopback)),
            ("http://LOCALHOST", Some(Loopback)),
            ("https://app.localhost", Some(Loopback)),
            ("https://printer.local", Some(Local)),
            ("https://proxy.internal", None),
            ("https://proxy.lan", None),
            ("https://router.home.arpa", None),
            ("https://tools.example.com", None),
            ("https://localhost.example.com", None),
            ("https://notlocal", None),
            ("null", None),
            ("", None),
        ] {
            assert_eq!(address_space_of(url), space, "{url}");
        }
    }

    #[test]
    fn a_target_space_only_when_the_proxy_is_more_private_than_the_page() {
        for (page, proxy_url, expected) in [
            // A public or unknown page to a proxy on this machine or network.
            (
                "https://tools.example.com",
                "http://127.0.0.1:8787",
                Some(Loopback),
            ),
            (
                "https://tools.example.com",
                "http://localhost:8787",
                Some(Loopback),
            ),
            (
                "https://tools.example.com",
                "https://192.168.1.5:8787",
                Some(Local),
            ),
            ("https://8.8.8.8", "https://10.1.2.3", Some(Local)),
            ("null", "http://[::1]:8787", Some(Loopback)),
            // An intranet page to a proxy on this machine still crosses.
            ("https://10.0.0.5", "http://127.0.0.1:8787", Some(Loopback)),
            (
                "https://intranet.local",
                "http://127.0.0.1:8787",
                Some(Loopback),
            ),
            // Same space, or a less private proxy: nothing to declare.
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787", None),
            ("http://localhost:8080", "http://127.0.0.1:8787", None),
            ("https://10.0.0.5", "https://192.168.1.5", None),
            ("http://127.0.0.1:8080", "https://192.168.1.5", None),
            ("https://tools.example.com", "https://8.8.8.8", None),
            // A proxy name the browser must resolve: unknown, so nothing is declared.
            (
                "https://tools.example.com",
                "https://proxy.corp.example",
                None,
            ),
        ] {
            assert_eq!(
                target_address_space(page, &proxy(proxy_url)),
                expected,
                "{page} → {proxy_url}"
            );
        }
    }

    #[test]
    fn the_permission_to_ask_about_follows_the_proxy_alone() {
        for (proxy_url, expected) in [
            ("http://127.0.0.1:8787", Some(Loopback)),
            ("http://localhost:8787", Some(Loopback)),
            ("https://192.168.1.5:8787", Some(Local)),
            ("https://printer.local", Some(Local)),
            ("https://8.8.8.8", None),
            ("https://proxy.corp.example", None),
        ] {
            assert_eq!(permission_space(&proxy(proxy_url)), expected, "{proxy_url}");
        }
    }

    #[test]
    fn request_values_and_permission_names() {
        assert_eq!(Loopback.as_str(), "loopback");
        assert_eq!(Local.as_str(), "local");
        assert_eq!(
            Loopback.permission_names(),
            ["loopback-network", "local-network-access"]
        );
        assert_eq!(
            Local.permission_names(),
            ["local-network", "local-network-access"]
        );
        assert!(Public.permission_names().is_empty());
        assert!(Public < Local && Local < Loopback);
    }
}
