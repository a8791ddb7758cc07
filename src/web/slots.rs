//! A bounded pool for heavy work (print files, share cards): at most `n`
//! jobs run at once, each on a blocking thread that *holds its slot until the
//! work is done* — a client that hangs up cannot free a slot while its render
//! goes on. Waiting for a slot can be bounded, so a flood fails fast.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

#[derive(Debug, thiserror::Error)]
pub enum SlotError {
    /// No slot came free within the wait.
    #[error("every slot is busy")]
    Busy,
    #[error(transparent)]
    Work(#[from] anyhow::Error),
}

#[derive(Clone)]
pub struct Slots {
    slots: Arc<Semaphore>,
    /// `None`: wait as long as it takes.
    wait: Option<Duration>,
    finished: Arc<AtomicUsize>,
}

impl Slots {
    pub fn new(slots: usize, wait: Option<Duration>) -> Self {
        Self { slots: Arc::new(Semaphore::new(slots.max(1))), wait, finished: Arc::default() }
    }

    /// Runs `work` on a blocking thread once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, SlotError> {
        let acquire = self.slots.clone().acquire_owned();
        let slot = match self.wait {
            Some(wait) => tokio::time::timeout(wait, acquire).await.map_err(|_| SlotError::Busy)?,
            None => acquire.await,
        }
        .map_err(|_| SlotError::Busy)?;
        let finished = self.finished.clone();
        let result = tokio::task::spawn_blocking(move || {
            let result = work();
            finished.fetch_add(1, Ordering::SeqCst);
            drop(slot);
            result
        })
        .await
        .map_err(|e| anyhow::anyhow!("blocking task: {e}"))??;
        Ok(result)
    }

    /// Slots free now.
    pub fn available(&self) -> usize {
        self.slots.available_permits()
    }

    /// Jobs finished so far.
    pub fn finished(&self) -> usize {
        self.finished.load(Ordering::SeqCst)
    }
}
