//! One way to take a lock: a lock whose holder panicked is still taken (the
//! data behind popshop's locks is counters and caches, always whole between
//! statements), so one panic never turns every later request into a 500.
//! `clippy.toml` forbids `Mutex::lock` elsewhere.

use std::sync::{Mutex, MutexGuard};

/// Takes `mutex`, poisoned or not.
#[allow(clippy::disallowed_methods)]
pub fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
