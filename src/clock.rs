//! The time popshop goes by. Business time (holds running out, drops and
//! calls ending, codes expiring, sessions) is read from the app's [`Clock`],
//! which the store carries (`Store::clock`), so a test can move one app's
//! time forward instead of sleeping or rewriting rows. Protocol time with
//! outside parties (Stripe's `expires_at`, webhook signature tolerance, the
//! demo's event timestamps) is the system's ([`system_now_secs`]): those
//! parties read real clocks. `clippy.toml` forbids `chrono::Utc::now`
//! anywhere else.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// One app's clock: the system's, plus however far a test moved it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    ahead_ms: Arc<AtomicI64>,
}

impl Clock {
    /// Now as unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        system_now_ms() + self.ahead_ms.load(Ordering::SeqCst)
    }

    /// Moves this clock (and every clone of it) forward by `by`.
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.ahead_ms.fetch_add(ms, Ordering::SeqCst);
    }
}

/// The system's time as unix milliseconds (read as a duration since the
/// epoch: no calendar date is worked out, as `chrono::Utc::now` would, on
/// every storefront view).
pub fn system_now_ms() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// The system's time as unix seconds, for outside parties' protocols.
pub fn system_now_secs() -> i64 {
    system_now_ms().div_euclid(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_its_clones_and_no_other() {
        let (clock, other) = (Clock::default(), Clock::default());
        let copy = clock.clone();
        clock.advance(Duration::from_secs(3600));
        assert!(copy.now_ms() - other.now_ms() >= 3_600_000);
        assert!((other.now_ms() - system_now_ms()).abs() < 1000);
    }

    #[test]
    #[allow(clippy::disallowed_methods)]
    fn the_system_time_is_unix_milliseconds() {
        let (before, now, after) =
            (chrono::Utc::now().timestamp_millis(), system_now_ms(), chrono::Utc::now().timestamp_millis());
        assert!(before <= now && now <= after, "{before} {now} {after}");
    }
}
