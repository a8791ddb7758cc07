//! Per-client rate limits (checkouts, sign-ups, launches), by the `governor`
//! crate's keyed GCRA limiter: a client may burst up to the quota, then gets
//! one more each `period / quota`; a refusal says when to come back, so the
//! page can send `Retry-After`.

use super::Client;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

pub struct PerClientRate<K: Hash + Eq + Clone = IpAddr> {
    /// `None`: no limit (a quota of 0 in the settings).
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    clock: DefaultClock,
}

impl PerClientRate<IpAddr> {
    /// Counts one attempt by `client`. `Err(wait)`: over the limit; try again after `wait`.
    pub fn check(&self, client: &Client) -> Result<(), Duration> {
        self.check_key(&client.bucket())
    }
}

impl<K: Hash + Eq + Clone> PerClientRate<K> {
    /// At most `quota` per minute per client; 0 turns the limit off.
    pub fn per_minute(quota: u32) -> Self {
        Self::new(NonZeroU32::new(quota).map(Quota::per_minute))
    }

    /// At most `quota` per hour per client; 0 turns the limit off.
    pub fn per_hour(quota: u32) -> Self {
        Self::new(NonZeroU32::new(quota).map(Quota::per_hour))
    }

    fn new(quota: Option<Quota>) -> Self {
        Self { limiter: quota.map(RateLimiter::keyed), clock: DefaultClock::default() }
    }

    /// One per `period` per key (for example: ask the provider about an
    /// order at most every ten seconds).
    pub fn one_per(period: Duration) -> Self {
        Self::new(Quota::with_period(period))
    }

    /// Counts one attempt for `key`. `Err(wait)`: over the limit.
    pub fn check_key(&self, key: &K) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else { return Ok(()) };
        limiter.check_key(key).map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Forgets clients whose allowance is full again (bounded memory).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Seconds for a `Retry-After` header: at least one.
pub fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_allowance() {
        let rate = PerClientRate::per_minute(2);
        let (a, b) = (Client::from_ip("10.0.0.1".parse().unwrap()), Client::from_ip("10.0.0.2".parse().unwrap()));
        assert!(rate.check(&a).is_ok() && rate.check(&a).is_ok());
        let wait = rate.check(&a).unwrap_err();
        assert!(wait > Duration::from_secs(20) && wait <= Duration::from_secs(30), "{wait:?}");
        assert!(rate.check(&b).is_ok());
        assert!(PerClientRate::per_minute(0).check(&a).is_ok());
        assert_eq!(retry_after_secs(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }
}
