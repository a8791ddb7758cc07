//! Open live streams per client, so one client cannot hold them all, and
//! in all, so together they leave room for pages and checkouts.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Open streams per client address bucket; cheap to clone.
#[derive(Clone, Default)]
pub struct StreamCounts(Arc<Mutex<Counts>>);

#[derive(Default)]
struct Counts {
    per_client: HashMap<IpAddr, usize>,
    total: usize,
}

/// Why no place was given.
#[derive(Debug, PartialEq, Eq)]
pub enum NoPlace {
    /// The client holds its limit.
    Client,
    /// All clients together hold the server's limit.
    Server,
}

/// One open stream; dropping it (the client left) frees its place at once.
pub struct StreamSlot {
    counts: StreamCounts,
    client: IpAddr,
}

impl StreamCounts {
    /// A place for one more stream of `client`, unless it holds
    /// `per_client` already or all clients hold `in_all`.
    pub fn try_open(&self, client: IpAddr, per_client: usize, in_all: usize) -> Result<StreamSlot, NoPlace> {
        let mut counts = crate::sync::lock(&self.0);
        if counts.total >= in_all {
            return Err(NoPlace::Server);
        }
        let n = counts.per_client.entry(client).or_default();
        if *n >= per_client {
            return Err(NoPlace::Client);
        }
        *n += 1;
        counts.total += 1;
        Ok(StreamSlot { counts: self.clone(), client })
    }

    /// Streams `client` holds open now.
    pub fn open(&self, client: IpAddr) -> usize {
        crate::sync::lock(&self.0).per_client.get(&client).copied().unwrap_or(0)
    }

    /// Streams open now, all clients together.
    pub fn total(&self) -> usize {
        crate::sync::lock(&self.0).total
    }
}

impl std::ops::Drop for StreamSlot {
    fn drop(&mut self) {
        let mut counts = crate::sync::lock(&self.counts.0);
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.per_client.get_mut(&self.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.per_client.remove(&self.client);
            }
        }
    }
}
