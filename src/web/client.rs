//! Who is asking, for per-client limits. Behind a proxy the socket address is
//! the proxy's, so popshop reads the header the proxy writes —
//! `X-Forwarded-For` by default, RFC 7239 `Forwarded` when
//! `POPSHOP_FORWARDED_HEADER=forwarded` (only the one the proxy is known to
//! write: the other passes through from the client untouched) — but only
//! when the connection comes from a proxy listed in
//! `POPSHOP_TRUSTED_PROXIES`, and then it takes the right-most address that
//! is not itself a trusted proxy (the left part of the header is whatever the
//! client wrote). IPv6 clients are bucketed per /64, the block one subscriber
//! usually holds, so rotating addresses inside it does not reset a limit.

pub use crate::config::ForwardedHeader;
use actix_web::http::header::HeaderMap;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use ipnet::IpNet;
use sha2::{Digest, Sha256};
use std::future::{Ready, ready};
use std::net::{IpAddr, Ipv6Addr};

/// A client as limits see it: an IPv4 address or an IPv6 /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client {
    bucket: IpAddr,
}

impl Client {
    pub fn from_ip(ip: IpAddr) -> Self {
        Self { bucket: bucket(ip) }
    }

    pub fn bucket(&self) -> IpAddr {
        self.bucket
    }

    /// A stable key for storing with an order: a hash, so the database
    /// holds no addresses.
    pub fn key(&self) -> String {
        let digest = Sha256::digest(format!("popshop-client:{}", self.bucket).as_bytes());
        hex::encode(&digest[..12])
    }
}

/// The proxies popshop trusts to say who the client is (app data, from
/// `POPSHOP_TRUSTED_PROXIES` and `POPSHOP_FORWARDED_HEADER`).
#[derive(Debug, Clone, Default)]
pub struct Proxies {
    pub trusted: Vec<IpNet>,
    pub header: ForwardedHeader,
}

/// The client behind `req`, as the trusted [`Proxies`] report it.
pub fn client_of(req: &HttpRequest) -> Client {
    let proxies = req.app_data::<Proxies>();
    let trusted = proxies.map(|p| p.trusted.as_slice()).unwrap_or_default();
    let header = proxies.map_or(ForwardedHeader::XForwardedFor, |p| p.header);
    let peer = req.peer_addr().map(|a| a.ip()).unwrap_or(IpAddr::from([0, 0, 0, 0]));
    Client::from_ip(client_ip(peer, req.headers(), header, trusted))
}

impl FromRequest for Client {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(client_of(req)))
    }
}

/// The right-most address of the forwarding chain that is not a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, header: ForwardedHeader, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut chain = forwarded_for(headers, header);
    // Walk from the proxy next to us towards the client.
    let mut client = peer;
    while let Some(hop) = chain.pop() {
        let Some(ip) = hop else { return client };
        client = ip;
        if !is_trusted(&ip) {
            return ip;
        }
    }
    client
}

/// Addresses in the proxy's header, in order; `None` for an entry that is
/// not an address (`unknown`, garbage), which ends the walk: nothing left of
/// it can be trusted.
fn forwarded_for(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers.get_all(name).filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
    };
    if header == ForwardedHeader::Forwarded {
        return values("forwarded")
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim().eq_ignore_ascii_case("for").then(|| parse_node(value))
                })
            })
            .collect();
    }
    values("x-forwarded-for").iter().flat_map(|v| v.split(',')).map(parse_node).collect()
}

/// `203.0.113.7`, `"[2001:db8::1]:4711"`, `198.51.100.2:80`.
fn parse_node(raw: &str) -> Option<IpAddr> {
    let node = raw.trim().trim_matches('"');
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.parse().ok().or_else(|| node.rsplit_once(':').and_then(|(host, _)| host.parse().ok()))
}

/// IPv4-mapped IPv6 addresses count as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// IPv4 as is; IPv6 cut to its /64.
fn bucket(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_trusted;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        map
    }

    const XFF: ForwardedHeader = ForwardedHeader::XForwardedFor;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let h = headers(&[("x-forwarded-for", "1.2.3.4")]);
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        assert_eq!(client_ip(ip("198.51.100.9"), &h, XFF, &trusted), ip("198.51.100.9"));
        assert_eq!(client_ip(ip("10.0.0.1"), &h, XFF, &[]), ip("10.0.0.1"));
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_address_counts() {
        let trusted = parse_trusted("10.0.0.0/8, 127.0.0.1").unwrap();
        // The client wrote "6.6.6.6" itself; nginx appended the real one.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7, 10.1.1.1")]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, XFF, &trusted), ip("203.0.113.7"));
        let h = headers(&[("forwarded", r#"for=6.6.6.6, for="[2001:db8:cafe::17]:4711";proto=https"#)]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, ForwardedHeader::Forwarded, &trusted), ip("2001:db8:cafe::17"));
        let h = headers(&[("x-forwarded-for", "garbage, 10.0.0.3")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, XFF, &trusted), ip("10.0.0.3"));
        assert_eq!(client_ip(ip("10.0.0.2"), &HeaderMap::new(), XFF, &trusted), ip("10.0.0.2"));
        // A header the proxy does not write is the client's own: ignored.
        let h = headers(&[("forwarded", "for=6.6.6.6"), ("x-forwarded-for", "203.0.113.7")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, XFF, &trusted), ip("203.0.113.7"));
        let h = headers(&[("forwarded", "for=203.0.113.7"), ("x-forwarded-for", "6.6.6.6")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, ForwardedHeader::Forwarded, &trusted), ip("203.0.113.7"));
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        let a = Client::from_ip(ip("2001:db8:1:2:aaaa::1"));
        let b = Client::from_ip(ip("2001:db8:1:2:ffff::9"));
        let c = Client::from_ip(ip("2001:db8:1:3::1"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.key(), b.key());
        assert_eq!(Client::from_ip(ip("::ffff:192.0.2.1")), Client::from_ip(ip("192.0.2.1")));
    }

    #[test]
    fn trusted_lists_parse_or_say_why_not() {
        assert_eq!(parse_trusted("").unwrap(), vec![]);
        assert_eq!(parse_trusted("10.0.0.0/8,::1").unwrap().len(), 2);
        assert!(parse_trusted("10.0.0.0/33").unwrap_err().contains("10.0.0.0/33"));
    }
}
