//! Argon2id hashing, always off the async runtime and never unbounded: a hash
//! takes ~30 ms of CPU and 19 MiB of memory, so at most `POPSHOP_HASH_SLOTS`
//! run at once, each on one of that many dedicated threads. (On tokio's
//! shared blocking pool the hashes wander over many threads, each with its
//! own malloc arena keeping its freed 19 MiB: 300 logins left 1 GB resident.)
//! The slot travels *into* the job, so a client that hangs up cannot free it
//! while its hash still runs. A request that cannot get a slot within a short
//! wait fails fast ([`HashError::Busy`]: 503 with `Retry-After`) instead of
//! queueing memory.

use crate::domain::Password;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Verified against when the email is unknown, so a login takes as long whether
/// or not the account exists.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(b"not a real password", &salt).map(|h| h.to_string()).unwrap_or_default()
});

/// Longest a request waits for a free hashing slot.
const QUEUE_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every slot is taken: try again in a moment.
    #[error("password hashing is busy")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The bounded pool of password hashing slots.
pub struct Hasher {
    slots: Arc<Semaphore>,
    /// Jobs for the hashing threads (never more queued than free slots).
    jobs: std::sync::mpsc::Sender<Box<dyn FnOnce() + Send>>,
    /// Hashes running now, and the most that ever ran at once (for tests
    /// and benchmarks: memory is bounded by `peak × 19 MiB`).
    running: Arc<(AtomicUsize, AtomicUsize)>,
}

impl Hasher {
    pub fn new(slots: usize) -> Self {
        let slots = slots.max(1);
        let (jobs, queue) = std::sync::mpsc::channel::<Box<dyn FnOnce() + Send>>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for n in 0..slots {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new().name(format!("popshop-hash-{n}")).spawn(move || {
                loop {
                    let job = crate::sync::lock(&queue).recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Self { slots: Arc::new(Semaphore::new(slots)), jobs, running: Arc::default() }
    }

    /// The most hashes that ever ran at once.
    pub fn peak(&self) -> usize {
        self.running.1.load(Ordering::Relaxed)
    }

    /// Runs `work` on a blocking thread holding `slot` until it is done.
    async fn run<T: Send + 'static>(
        &self,
        slot: OwnedSemaphorePermit,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, HashError> {
        let running = self.running.clone();
        let (done, result) = tokio::sync::oneshot::channel();
        let job = Box::new(move || {
            let now = running.0.fetch_add(1, Ordering::SeqCst) + 1;
            running.1.fetch_max(now, Ordering::SeqCst);
            let result = work();
            running.0.fetch_sub(1, Ordering::SeqCst);
            drop(slot);
            let _ = done.send(result);
        });
        self.jobs.send(job).map_err(|_| anyhow::anyhow!("the password hashing threads are gone"))?;
        Ok(result.await.map_err(|_| anyhow::anyhow!("password hashing job lost"))??)
    }

    async fn slot(&self) -> Result<OwnedSemaphorePermit, HashError> {
        match tokio::time::timeout(QUEUE_WAIT, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => Err(HashError::Busy),
        }
    }

    pub async fn hash(&self, password: Password) -> Result<String, HashError> {
        let slot = self.slot().await?;
        self.run(slot, move || {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(password.expose().as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("argon2: {e}"))
        })
        .await
    }

    /// Checks `password` against `stored`; with `None` it burns the same time and says no.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<bool, HashError> {
        let slot = self.slot().await?;
        self.run(slot, move || {
            let known = stored.is_some();
            let hash = stored.unwrap_or_else(|| DUMMY_HASH.clone());
            let parsed = PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
            Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known)
        })
        .await
    }
}

/// Password checks: bounded hashing, and the growing delays after wrong
/// passwords (per account and per client).
pub struct Passwords {
    pub hasher: Hasher,
    pub logins: super::throttle::LoginThrottle,
}

impl Passwords {
    pub fn new(hash_slots: usize) -> Self {
        Self { hasher: Hasher::new(hash_slots), logins: Default::default() }
    }
}

impl From<HashError> for crate::web::AppError {
    fn from(e: HashError) -> Self {
        match e {
            HashError::Busy => Self::Busy { retry_after: 2 },
            HashError::Internal(e) => Self::Internal(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_reject() {
        let hasher = Hasher::new(2);
        let hash = hasher.hash(Password::parse("correct horse").unwrap()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("correct horse".into(), Some(hash.clone())).await.unwrap());
        assert!(!hasher.verify("wrong horse!".into(), Some(hash)).await.unwrap());
        assert!(!hasher.verify("not a real password".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn a_full_pool_fails_fast() {
        let hasher = Hasher::new(1);
        let _held = hasher.slots.clone().acquire_owned().await.unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(hasher.verify("x".into(), None).await, Err(HashError::Busy)));
        assert!(started.elapsed() < QUEUE_WAIT + Duration::from_secs(1));
    }
}
