//! Password guessing gets slower with every miss. Every attempt counts as a
//! failure *before* the password is checked (so hundreds of guesses sent at
//! once are counted at once, not after their hashes), and a right password —
//! or a check that never ran (busy) — takes its count back. After a few free
//! failures, each further one blocks its key for twice as long as the last;
//! a blocked attempt is refused before any hashing and is not counted.
//!
//! Three keys:
//! - the account *from this client* (5 free, then up to 15 minutes): one
//!   guesser is slowed to a crawl on one account;
//! - the client over all accounts (20 free, then up to 15 minutes): one
//!   client cannot spray guesses over many accounts;
//! - the account from anywhere (50 free, then at most 1 minute): guessing
//!   spread over many addresses is slowed too, yet the owner is never locked
//!   out for long by someone else's guessing.
//!
//! Keys are short hashes (a typed email may be 64 KiB), and the tables are
//! bounded: idle keys are forgotten, and when a table is full the longest
//! idle tenth goes.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys idle this long are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
const MAX_KEYS: usize = 100_000;

struct Entry {
    failures: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

pub struct FailureThrottle {
    /// Failures allowed before delays start.
    free: u32,
    /// The longest one block lasts.
    max_block: Duration,
    entries: Mutex<HashMap<[u8; 16], Entry>>,
}

fn key_of(key: &str) -> [u8; 16] {
    let digest = Sha256::digest(key.as_bytes());
    let mut short = [0; 16];
    short.copy_from_slice(&digest[..16]);
    short
}

impl FailureThrottle {
    pub fn new(free: u32, max_block: Duration) -> Self {
        Self { free, max_block, entries: Mutex::new(HashMap::new()) }
    }

    /// `Err(wait)` while `key` is blocked.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let entries = crate::sync::lock(&self.entries);
        match entries.get(&key_of(key)).and_then(|e| e.blocked_until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// Counts a failure; past the free ones, blocks for 1 s, 2 s, 4 s … up
    /// to the longest block.
    pub fn failed(&self, key: &str) {
        let now = Instant::now();
        let mut entries = crate::sync::lock(&self.entries);
        if entries.len() >= MAX_KEYS {
            entries.retain(|_, e| now.duration_since(e.last) < FORGET_AFTER);
        }
        if entries.len() >= MAX_KEYS {
            let mut idle: Vec<Instant> = entries.values().map(|e| e.last).collect();
            idle.sort_unstable();
            let cut = idle[MAX_KEYS / 10];
            entries.retain(|_, e| e.last > cut);
        }
        let entry = entries.entry(key_of(key)).or_insert(Entry { failures: 0, last: now, blocked_until: None });
        if now.duration_since(entry.last) >= FORGET_AFTER {
            entry.failures = 0;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last = now;
        if entry.failures > self.free {
            let doublings = (entry.failures - self.free - 1).min(20);
            let block = Duration::from_secs(1u64 << doublings).min(self.max_block);
            entry.blocked_until = Some(now + block);
        }
    }

    /// Takes back one counted failure (a right password, or a check that
    /// never ran); a block already set stays.
    pub fn refund(&self, key: &str) {
        let mut entries = crate::sync::lock(&self.entries);
        if let Some(entry) = entries.get_mut(&key_of(key)) {
            entry.failures = entry.failures.saturating_sub(1);
        }
    }

    pub fn succeeded(&self, key: &str) {
        crate::sync::lock(&self.entries).remove(&key_of(key));
    }

    /// Forgets keys idle for an hour.
    pub fn forget_idle(&self) {
        let now = Instant::now();
        crate::sync::lock(&self.entries).retain(|_, e| now.duration_since(e.last) < FORGET_AFTER);
    }
}

/// Guessing limits for logins (see the module's documentation).
pub struct LoginThrottle {
    account_from_client: FailureThrottle,
    client: FailureThrottle,
    account: FailureThrottle,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            account_from_client: FailureThrottle::new(5, Duration::from_secs(15 * 60)),
            client: FailureThrottle::new(20, Duration::from_secs(15 * 60)),
            account: FailureThrottle::new(50, Duration::from_secs(60)),
        }
    }
}

impl LoginThrottle {
    fn keys(email: &str, client: &crate::web::Client) -> [String; 3] {
        let account = email.trim().to_lowercase();
        [format!("{account}|{}", client.key()), client.key(), account]
    }

    fn throttles(&self) -> [&FailureThrottle; 3] {
        [&self.account_from_client, &self.client, &self.account]
    }

    /// Counts a login attempt up front. `Err(wait)` when any key must wait;
    /// then nothing is counted.
    pub fn attempt(&self, email: &str, client: &crate::web::Client) -> Result<(), Duration> {
        let keys = Self::keys(email, client);
        let waits = self.throttles().iter().zip(&keys).filter_map(|(t, k)| t.check(k).err()).max();
        if let Some(wait) = waits {
            return Err(wait);
        }
        self.throttles().iter().zip(&keys).for_each(|(t, k)| t.failed(k));
        Ok(())
    }

    /// The password was right: the account's counts are cleared, the
    /// client's loses this attempt only.
    pub fn succeeded(&self, email: &str, client: &crate::web::Client) {
        let [from_client, client, account] = Self::keys(email, client);
        self.account_from_client.succeeded(&from_client);
        self.account.succeeded(&account);
        self.client.refund(&client);
    }

    /// The password could not be checked (busy): the attempt does not count.
    pub fn not_checked(&self, email: &str, client: &crate::web::Client) {
        self.throttles().iter().zip(&Self::keys(email, client)).for_each(|(t, k)| t.refund(k));
    }

    pub fn forget_idle(&self) {
        self.throttles().iter().for_each(|t| t.forget_idle());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(15 * 60);

    #[test]
    fn delays_start_after_the_free_failures_and_grow() {
        let t = FailureThrottle::new(2, LONG);
        t.failed("a");
        t.failed("a");
        assert!(t.check("a").is_ok(), "two free failures");
        t.failed("a");
        let first = t.check("a").unwrap_err();
        assert!(first <= Duration::from_secs(1));
        t.failed("a");
        let second = t.check("a").unwrap_err();
        assert!(second > Duration::from_secs(1) && second <= Duration::from_secs(2));
        assert!(t.check("b").is_ok(), "other keys are not affected");
        t.succeeded("a");
        assert!(t.check("a").is_ok());
        for _ in 0..100 {
            t.failed("c");
        }
        assert!(t.check("c").unwrap_err() <= LONG);
        let short = FailureThrottle::new(0, Duration::from_secs(60));
        for _ in 0..100 {
            short.failed("d");
        }
        assert!(short.check("d").unwrap_err() <= Duration::from_secs(60), "capped");
    }

    #[test]
    fn the_table_stays_bounded() {
        let t = FailureThrottle::new(5, LONG);
        for i in 0..MAX_KEYS + 10 {
            t.failed(&format!("guess-{i}@example.com"));
        }
        assert!(crate::sync::lock(&t.entries).len() <= MAX_KEYS);
    }

    #[test]
    fn the_owner_elsewhere_is_not_locked_out_and_busy_checks_do_not_count() {
        let throttle = LoginThrottle::default();
        let guesser = crate::web::Client::from_ip("203.0.113.9".parse().unwrap());
        let owner = crate::web::Client::from_ip("198.51.100.20".parse().unwrap());
        for _ in 0..6 {
            assert!(throttle.attempt("ana@example.com", &guesser).is_ok());
        }
        assert!(throttle.attempt("ana@example.com", &guesser).is_err());
        assert!(throttle.attempt("ANA@example.com ", &owner).is_ok());
        for _ in 0..10 {
            assert!(throttle.attempt("bob@example.com", &owner).is_ok());
            throttle.not_checked("bob@example.com", &owner);
        }
        assert!(throttle.attempt("bob@example.com", &owner).is_ok(), "503s are not failures");
    }
}
