//! Abuse limits: a token bucket per client for writes (joins, leaves) and one for reads (lists,
//! exports, stream connects), and who "the client" is.
//!
//! The client is the TCP peer, except behind a reverse proxy the operator trusts
//! (`--trusted-proxies`): then it is the right-most `X-Forwarded-For` entry that is not itself a
//! trusted proxy — the address the outermost trusted proxy saw. Never the left-most: anyone can
//! send `X-Forwarded-For: 1.2.3.4` and the proxy only appends to it, so the left-most entry is
//! whatever the client chose (the mistake of `tower_governor`'s key extractors). IPv6 clients
//! are keyed by their /64, the block one household or phone gets, so rotating through its
//! addresses does not buy more requests.
//!
//! Addresses live only in memory, as bucket keys, and only while their bucket is not full again;
//! nothing of them is stored or logged.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::connect_info::{ConnectInfo, MockConnectInfo};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::Problem;
use super::Api;
use crate::reader_language::reader_language;

/// How often idle buckets are dropped.
const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// More buckets than this sweeps at once, whatever the time: a flood of fresh addresses must not
/// grow memory without bound.
const SWEEP_ABOVE: usize = 100_000;

/// The address requests are counted under: IPv4 as is, IPv6 cut to its /64.
pub fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
    }
}

/// The client of a request from `peer`, with `forwarded` the `X-Forwarded-For` values in header
/// order: `peer` unless it is one of `trusted`, else the right-most forwarded address that is
/// not trusted. When every entry is a trusted proxy, the left-most of them made the request.
pub fn client_ip(peer: IpAddr, forwarded: &[&str], trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| {
        trusted
            .iter()
            .any(|t| t.to_canonical() == ip.to_canonical())
    };
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded.iter().rev().flat_map(|value| value.rsplit(',')) {
        let Some(ip) = parse_forwarded(entry) else {
            // Not an address (`unknown`, a typo): whatever lies left of it is not vouched for.
            return client;
        };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: `1.2.3.4`, `2001:db8::1`, or with a port, `1.2.3.4:5678` or
/// `[2001:db8::1]:5678`, as some proxies write it.
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|addr| addr.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|inner| inner.parse().ok())
        })
}

/// The client address of a request, from its connection and headers.
pub fn client_of(
    request_peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> IpAddr {
    // Without connection info (a test that sets none) everyone is one client.
    let peer = request_peer.map_or(IpAddr::from([0, 0, 0, 0]), |addr| addr.ip());
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    client_ip(peer, &forwarded, trusted)
}

/// A token bucket's state: `tokens` left as of `updated`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    pub tokens: f64,
    pub updated: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn full(burst: f64, now: Instant) -> Bucket {
        Bucket {
            tokens: burst,
            updated: now,
        }
    }

    /// Refills at `per_second` up to `burst`, then takes one token; when none is left, the
    /// whole seconds (at least 1) until one will be.
    pub fn take(&mut self, now: Instant, burst: f64, per_second: f64) -> Result<(), u64> {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * per_second).min(burst);
        self.updated = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / per_second;
            Err((wait.ceil() as u64).max(1))
        }
    }

    /// Whether the bucket has refilled by `now`, so forgetting it changes nothing.
    fn is_full(&self, now: Instant, burst: f64, per_second: f64) -> bool {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens + elapsed * per_second >= burst
    }
}

/// Token buckets for one kind of request: a burst of `per_minute`, refilled at `per_minute`/60
/// a second. `per_minute == 0` lets everything through.
pub struct RateLimit {
    per_minute: u32,
    state: Mutex<Buckets>,
}

struct Buckets {
    by_client: HashMap<IpAddr, Bucket>,
    swept: Instant,
}

impl RateLimit {
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            per_minute,
            state: Mutex::new(Buckets {
                by_client: HashMap::new(),
                swept: Instant::now(),
            }),
        }
    }

    /// Takes a token for `client` (a [`bucket_key`]), or says how many seconds to wait.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let burst = f64::from(self.per_minute);
        let per_second = burst / 60.0;
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if now.saturating_duration_since(state.swept) >= SWEEP_EVERY
            || state.by_client.len() > SWEEP_ABOVE
        {
            state
                .by_client
                .retain(|_, bucket| !bucket.is_full(now, burst, per_second));
            state.swept = now;
        }
        state
            .by_client
            .entry(client)
            .or_insert_with(|| Bucket::full(burst, now))
            .take(now, burst, per_second)
    }

    /// How many clients have a bucket (for tests of the sweep).
    pub fn clients(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .by_client
            .len()
    }
}

/// The middleware: `GET`/`HEAD` count as reads, everything else as writes.
pub async fn limit(State(api): State<Api>, request: Request, next: Next) -> Response {
    let extensions = request.extensions();
    // The real connection's, else the one a test set with `MockConnectInfo` (as axum's own
    // `ConnectInfo` extractor falls back).
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr)
        .or_else(|| {
            extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|MockConnectInfo(addr)| *addr)
        });
    let client = bucket_key(client_of(peer, request.headers(), &api.trusted_proxies));
    let limit = match *request.method() {
        Method::GET | Method::HEAD => &api.reads,
        _ => &api.writes,
    };
    match limit.take(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            let language = reader_language(request.uri().query(), request.headers());
            Problem::TooMany(seconds).to(language).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([255, 255, 255, 255]))
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_it_claims() {
        let peer = ip("203.0.113.7");
        assert_eq!(client_ip(peer, &["198.51.100.1"], &[]), peer);
        assert_eq!(client_ip(peer, &[], &[ip("10.0.0.1")]), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let proxy = ip("10.0.0.1");
        // The client forged the left-most entry; the proxy appended what it saw.
        assert_eq!(
            client_ip(proxy, &["1.2.3.4, 203.0.113.7"], &[proxy]),
            ip("203.0.113.7")
        );
        // Two trusted hops: the inner proxy's own entry is skipped.
        let inner = ip("10.0.0.2");
        assert_eq!(
            client_ip(inner, &["1.2.3.4, 203.0.113.7, 10.0.0.1"], &[proxy, inner]),
            ip("203.0.113.7")
        );
        // Several header lines read as one list, in order.
        assert_eq!(
            client_ip(proxy, &["1.2.3.4", "203.0.113.7"], &[proxy]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn forwarded_entries_may_carry_ports_and_brackets() {
        let proxy = ip("::1");
        assert_eq!(
            client_ip(proxy, &["203.0.113.7:5555"], &[proxy]),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(proxy, &["[2001:db8::5]:443"], &[proxy]),
            ip("2001:db8::5")
        );
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.1"), &["2001:db8::5"], &[ip("10.0.0.1")]),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn a_garbled_entry_stops_the_walk_at_the_last_vouched_address() {
        let proxy = ip("10.0.0.1");
        assert_eq!(client_ip(proxy, &["unknown"], &[proxy]), proxy);
        assert_eq!(
            client_ip(proxy, &["1.2.3.4, unknown, 10.0.0.1"], &[proxy]),
            proxy
        );
        // Only proxies in the chain: the left-most of them asked.
        assert_eq!(client_ip(proxy, &["10.0.0.1"], &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &[], &[proxy]), proxy);
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64_and_ipv4_clients_do_not() {
        assert_eq!(
            bucket_key(ip("2001:db8:1:2:aaaa::1")),
            bucket_key(ip("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            bucket_key(ip("2001:db8:1:2::1")),
            bucket_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(bucket_key(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(bucket_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
        assert_ne!(bucket_key(ip("192.0.2.1")), bucket_key(ip("192.0.2.2")));
    }

    #[test]
    fn a_bucket_allows_its_burst_then_asks_to_wait_until_it_refills() {
        let start = Instant::now();
        let mut bucket = Bucket::full(3.0, start);
        for _ in 0..3 {
            assert_eq!(bucket.take(start, 3.0, 0.5), Ok(()));
        }
        // 0.5 a second: the next token is 2 s away.
        assert_eq!(bucket.take(start, 3.0, 0.5), Err(2));
        assert_eq!(
            bucket.take(start + Duration::from_millis(1500), 3.0, 0.5),
            Err(1)
        );
        assert_eq!(
            bucket.take(start + Duration::from_secs(2), 3.0, 0.5),
            Ok(())
        );
        // A long pause refills to the burst, not beyond.
        let later = start + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(bucket.take(later, 3.0, 0.5), Ok(()));
        }
        assert!(bucket.take(later, 3.0, 0.5).is_err());
    }

    #[test]
    fn retry_after_is_whole_seconds_and_at_least_one() {
        let now = Instant::now();
        let mut fast = Bucket {
            tokens: 0.9,
            updated: now,
        };
        // 100 a second: 1 ms to wait, said as 1 s.
        assert_eq!(fast.take(now, 6000.0, 100.0), Err(1));
    }

    #[test]
    fn a_limit_of_zero_lets_everything_through_and_keeps_no_buckets() {
        let limit = RateLimit::new(0);
        let now = Instant::now();
        for _ in 0..1000 {
            assert_eq!(limit.take(ip("192.0.2.1"), now), Ok(()));
        }
        assert_eq!(limit.clients(), 0);
    }

    #[test]
    fn idle_buckets_are_dropped_once_they_have_refilled() {
        let limit = RateLimit::new(60);
        let now = Instant::now();
        assert_eq!(limit.take(ip("192.0.2.1"), now), Ok(()));
        assert_eq!(limit.take(ip("192.0.2.2"), now), Ok(()));
        assert_eq!(limit.clients(), 2);
        // A minute later both have refilled (1 a second); the sweep forgets them.
        assert_eq!(limit.take(ip("192.0.2.3"), now + SWEEP_EVERY), Ok(()));
        assert_eq!(limit.clients(), 1);
    }
}
