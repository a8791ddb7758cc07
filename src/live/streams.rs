//! Open live streams per client, so one client cannot hold them all.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Open streams per client address bucket; cheap to clone.
#[derive(Clone, Default)]
pub struct StreamCounts(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One open stream; dropping it (the client left) frees its place at once.
pub struct StreamSlot {
    counts: StreamCounts,
    client: IpAddr,
}

impl StreamCounts {
    /// A place for one more stream of `client`, unless it holds `limit` already.
    pub fn try_open(&self, client: IpAddr, limit: usize) -> Option<StreamSlot> {
        let mut counts = crate::sync::lock(&self.0);
        let n = counts.entry(client).or_default();
        if *n >= limit {
            return None;
        }
        *n += 1;
        Some(StreamSlot { counts: self.clone(), client })
    }

    /// Streams `client` holds open now.
    pub fn open(&self, client: IpAddr) -> usize {
        crate::sync::lock(&self.0).get(&client).copied().unwrap_or(0)
    }
}

impl std::ops::Drop for StreamSlot {
    fn drop(&mut self) {
        let mut counts = crate::sync::lock(&self.counts.0);
        if let Some(n) = counts.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.remove(&self.client);
            }
        }
    }
}
