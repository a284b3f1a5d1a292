//! DNS for upstream connections: names pinned with `--resolve` go where they are pinned; every
//! other name is looked up (the system resolver, or a fake in tests) and must resolve to public
//! addresses only, so an allowlisted name that points at 127.0.0.1, 10.x or the metadata service
//! 169.254.169.254 (DNS rebinding) is refused before any connection is made. A name with both
//! public and non-public addresses is refused too: the real API's names have only public ones,
//! and a mixed answer is the usual shape of a rebinding attack.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper_util::client::legacy::connect::dns::Name;

/// The error when a name resolves to a non-public address. The forwarder finds it in the
/// client error's source chain and answers 403 instead of 502.
#[derive(Debug)]
pub struct NonPublicAddress;

impl std::fmt::Display for NonPublicAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the host resolves to a non-public address")
    }
}

impl std::error::Error for NonPublicAddress {}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`NameLookup`] returns.
pub type LookupFuture = Pin<Box<dyn Future<Output = std::io::Result<Vec<SocketAddr>>> + Send>>;

/// Where a host name's addresses come from. A port of 0 in an answer means "the URL's port";
/// any other port is kept (hyper-util's rule), so a fake can point a name at a local listener.
pub trait NameLookup: Send + Sync {
    fn lookup(&self, host: &str) -> LookupFuture;
}

/// The system resolver (`getaddrinfo` through tokio).
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemLookup;

impl NameLookup for SystemLookup {
    fn lookup(&self, host: &str) -> LookupFuture {
        let host = host.to_owned();
        Box::pin(async move { Ok(tokio::net::lookup_host((host.as_str(), 0)).await?.collect()) })
    }
}

/// A resolver for hyper-util's `HttpConnector`: pins first, then the lookup, then the guard.
#[derive(Clone)]
pub struct GuardedResolver {
    pinned: Arc<HashMap<String, SocketAddr>>,
    lookup: Arc<dyn NameLookup>,
}

impl Default for GuardedResolver {
    fn default() -> Self {
        Self::new(HashMap::new())
    }
}

impl std::fmt::Debug for GuardedResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedResolver")
            .field("pinned", &self.pinned)
            .finish_non_exhaustive()
    }
}

impl GuardedResolver {
    /// The system resolver behind the guard, with these `--resolve` pins.
    pub fn new(pinned: HashMap<String, SocketAddr>) -> Self {
        Self::with_lookup(pinned, Arc::new(SystemLookup))
    }

    /// Another lookup behind the same guard (tests pass a fake).
    pub fn with_lookup(pinned: HashMap<String, SocketAddr>, lookup: Arc<dyn NameLookup>) -> Self {
        GuardedResolver {
            pinned: Arc::new(pinned),
            lookup,
        }
    }
}

/// The guard: the addresses when every one is public, else [`NonPublicAddress`].
pub fn only_public(addrs: Vec<SocketAddr>) -> Result<Vec<SocketAddr>, NonPublicAddress> {
    if addrs.iter().all(|a| is_public(a.ip())) {
        Ok(addrs)
    } else {
        Err(NonPublicAddress)
    }
}

impl tower::Service<Name> for GuardedResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let host = name.as_str().to_ascii_lowercase();
        // A pinned address keeps its port: hyper-util only overrides it when the URL names
        // a port explicitly.
        if let Some(addr) = self.pinned.get(&host) {
            let addr = *addr;
            return Box::pin(async move { Ok(vec![addr].into_iter()) });
        }
        let found = self.lookup.lookup(&host);
        Box::pin(async move {
            let addrs = found.await?;
            Ok(only_public(addrs)?.into_iter())
        })
    }
}

/// Whether an address is globally routable: not loopback, private, link-local (which holds the
/// cloud metadata service), shared (CGNAT), documentation, benchmarking, multicast or reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            is_public_v6(v6)
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    !(
        ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link local
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64: would reach an IPv4 of any kind
        || s[0] == 0
        // IPv4-compatible and other reserved forms
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses() {
        for bad in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "192.0.2.1",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::7f00:1",
            "2001:db8::1",
        ] {
            assert!(!is_public(bad.parse().unwrap()), "{bad}");
        }
        for good in ["1.1.1.1", "121.36.0.1", "2001:4860:4860::8888"] {
            assert!(is_public(good.parse().unwrap()), "{good}");
        }
    }

    #[test]
    fn one_non_public_address_refuses_the_whole_answer() {
        let public: SocketAddr = "121.36.0.1:0".parse().unwrap();
        let private: SocketAddr = "10.0.0.1:0".parse().unwrap();
        assert_eq!(only_public(vec![public]).unwrap(), vec![public]);
        assert!(only_public(vec![public, private]).is_err());
        assert!(only_public(vec![private, public]).is_err());
    }

    #[tokio::test]
    async fn localhost_is_refused_and_pins_win() {
        use tower::ServiceExt;
        let name: Name = "localhost".parse().unwrap();
        let err = GuardedResolver::default()
            .oneshot(name.clone())
            .await
            .unwrap_err();
        assert!(err.is::<NonPublicAddress>() || err.to_string().contains("non-public"));
        let pin: SocketAddr = "127.0.0.1:9".parse().unwrap();
        let r = GuardedResolver::new(HashMap::from([("localhost".to_owned(), pin)]));
        let got: Vec<SocketAddr> = r.oneshot(name).await.unwrap().collect();
        assert_eq!(got, vec![pin]);
    }
}
