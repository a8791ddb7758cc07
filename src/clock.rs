//! Where popshop reads the time: every "now" comes through here
//! (`clippy.toml` forbids `chrono::Utc::now` elsewhere), so the one place
//! to change for a clock that tests can move is this file.

/// Now as unix milliseconds.
#[allow(clippy::disallowed_methods)]
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Now as unix seconds.
pub fn now_secs() -> i64 {
    now_ms().div_euclid(1000)
}
