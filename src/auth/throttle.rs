//! Password guessing gets slower with every miss. Every attempt counts as a
//! failure *before* the password is checked (so hundreds of guesses sent at
//! once are counted at once, not after their hashes), and a right password
//! takes its count back. After a few free failures, each further one blocks
//! its key for twice as long as the last, up to 15 minutes; a blocked attempt
//! is refused before any hashing and is not counted. Two keys:
//! the account *from this client* (5 free failures), so a guesser cannot lock
//! the owner out from elsewhere, and the client across all accounts (20 free),
//! so one client cannot spray guesses over many accounts. A successful login
//! clears the account-from-client count, never the client's (logging into
//! one's own account must not reset a guessing client). Idle keys are
//! forgotten, so memory stays bounded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MAX_BLOCK: Duration = Duration::from_secs(15 * 60);
/// Keys idle this long are forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
const MAX_KEYS: usize = 200_000;

struct Entry {
    failures: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

pub struct FailureThrottle {
    /// Failures allowed before delays start.
    free: u32,
    entries: Mutex<HashMap<String, Entry>>,
}

impl FailureThrottle {
    pub fn new(free: u32) -> Self {
        Self { free, entries: Mutex::new(HashMap::new()) }
    }

    /// `Err(wait)` while `key` is blocked.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match entries.get(key).and_then(|e| e.blocked_until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// `Err(wait)` while blocked (not counted); otherwise counts a failure
    /// up front — past the free ones, blocking for 1 s, 2 s, 4 s … 15 min.
    pub fn attempt(&self, key: &str) -> Result<(), Duration> {
        self.check(key)?;
        self.failed(key);
        Ok(())
    }

    /// Takes back one failure counted by [`Self::attempt`] (the password was right).
    pub fn refund(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(entry) = entries.get_mut(key) {
            entry.failures = entry.failures.saturating_sub(1);
        }
    }

    /// Counts a failure; past the free ones, blocks for 1 s, 2 s, 4 s … 15 min.
    pub fn failed(&self, key: &str) {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_KEYS {
            entries.retain(|_, e| now.duration_since(e.last) < FORGET_AFTER);
        }
        let entry = entries.entry(key.to_owned()).or_insert(Entry { failures: 0, last: now, blocked_until: None });
        if now.duration_since(entry.last) >= FORGET_AFTER {
            entry.failures = 0;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last = now;
        if entry.failures > self.free {
            let doublings = (entry.failures - self.free - 1).min(20);
            let block = Duration::from_secs(1u64 << doublings).min(MAX_BLOCK);
            entry.blocked_until = Some(now + block);
        }
    }

    pub fn succeeded(&self, key: &str) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

/// Guessing limits for logins: per account and per client.
pub struct LoginThrottle {
    pub accounts: FailureThrottle,
    pub clients: FailureThrottle,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self { accounts: FailureThrottle::new(5), clients: FailureThrottle::new(20) }
    }
}

impl LoginThrottle {
    fn account_key(email: &str, client: &crate::web::Client) -> String {
        format!("{}|{}", email.trim().to_lowercase(), client.key())
    }

    /// Counts a login attempt up front. `Err(wait)` when the account (from
    /// this client) or the client must wait; then nothing is counted.
    pub fn attempt(&self, email: &str, client: &crate::web::Client) -> Result<(), Duration> {
        let (account, client) = (Self::account_key(email, client), client.key());
        let waits = [self.accounts.check(&account), self.clients.check(&client)];
        if let Some(wait) = waits.iter().filter_map(|w| w.err()).max() {
            return Err(wait);
        }
        self.accounts.failed(&account);
        self.clients.failed(&client);
        Ok(())
    }

    /// The password was right: the account's count is cleared, the client's
    /// count loses this attempt only.
    pub fn succeeded(&self, email: &str, client: &crate::web::Client) {
        self.accounts.succeeded(&Self::account_key(email, client));
        self.clients.refund(&client.key());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_after_the_free_failures_and_grow() {
        let t = FailureThrottle::new(2);
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
        assert!(t.check("c").unwrap_err() <= MAX_BLOCK);
    }

    #[test]
    fn attempts_count_before_the_answer_and_blocked_ones_do_not() {
        let t = FailureThrottle::new(1);
        assert!(t.attempt("k").is_ok());
        assert!(t.attempt("k").is_ok(), "the second sets the block");
        assert!(t.attempt("k").is_err());
        assert!(t.attempt("k").is_err());
        t.refund("k");
        assert!(t.check("k").is_err(), "a refund does not lift a block");
    }
}
