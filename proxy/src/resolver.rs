//! DNS for upstream connections: names pinned with `--resolve` go where they are pinned; every
//! other name must resolve to public addresses only, so an allowlisted name that points at
//! 127.0.0.1, 10.x or the metadata service 169.254.169.254 (DNS rebinding) is still refused.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use hyper_util::client::legacy::connect::dns::Name;

/// The error when a name resolves only to non-public addresses. The forwarder finds it in the
/// client error's source chain and answers 403 instead of 502.
#[derive(Debug)]
pub struct NonPublicAddress;

impl std::fmt::Display for NonPublicAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the host resolves only to non-public addresses")
    }
}

impl std::error::Error for NonPublicAddress {}

/// A resolver for hyper-util's `HttpConnector`.
#[derive(Clone, Debug, Default)]
pub struct GuardedResolver {
    pinned: Arc<HashMap<String, SocketAddr>>,
}

impl GuardedResolver {
    pub fn new(pinned: HashMap<String, SocketAddr>) -> Self {
        GuardedResolver {
            pinned: Arc::new(pinned),
        }
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl tower::Service<Name> for GuardedResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let pinned = self.pinned.clone();
        Box::pin(async move {
            let host = name.as_str().to_ascii_lowercase();
            // A pinned address keeps its port: hyper-util only overrides it when the URL names
            // a port explicitly.
            if let Some(addr) = pinned.get(&host) {
                return Ok(vec![*addr].into_iter());
            }
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(Box::new(NonPublicAddress) as BoxError);
            }
            Ok(addrs.into_iter())
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
