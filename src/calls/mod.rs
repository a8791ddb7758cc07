//! Fans write the slogan together, as a service: sending an idea (the
//! limits, the merge of the same idea, and the sender's vote, in one
//! transaction: `Store::send_idea`) and voting. Handlers parse the form,
//! call these and pick the page for what came back.

use crate::domain::{Call, Idea, Slogan};
use crate::store::{SentIdea, Store};
use crate::web::{Action, Client, Limits};
use std::time::Duration;

/// Ideas one fan (browser) may send to one call.
pub const IDEAS_PER_FAN: i64 = 20;

/// What the calls use.
pub struct Calls<'a> {
    pub store: &'a Store,
    pub limits: &'a Limits,
    /// Ideas one call takes at most (`POPSHOP_IDEAS_PER_CALL`).
    pub ideas_per_call: u32,
    /// Fans one address may vote with on a call (`POPSHOP_VOTERS_PER_ADDRESS`).
    pub voters_per_address: i64,
}

/// What came of sending an idea.
#[derive(Debug)]
pub enum Sent {
    /// A new idea on the board, with the sender's vote.
    New(Idea),
    /// The same idea was there; it gained the sender's vote.
    Merged(Idea),
    /// The call is no longer open.
    Closed,
    /// This fan sent [`IDEAS_PER_FAN`] ideas to the call already.
    FanDone,
    /// The call holds as many ideas as it takes (`on_board`).
    Full { on_board: i64 },
    /// This client address sends too fast; again after `retry_after`.
    SlowDown { retry_after: Duration },
}

impl Calls<'_> {
    /// `fan` (a browser, `routes::calls::fan_of`) from `client` sends `text`,
    /// crediting `credit` (may be empty). The per-fan cap counts this
    /// browser's ideas (fans at a venue share one address); the per-minute
    /// rate counts the address.
    #[tracing::instrument(skip_all, fields(call = %call.id))]
    pub async fn send(
        &self,
        call: &Call,
        text: &Slogan,
        credit: &str,
        fan: &str,
        client: &Client,
    ) -> anyhow::Result<Sent> {
        if !call.is_open(self.store.now_ms()) {
            return Ok(Sent::Closed);
        }
        let (sent_before, on_board) = self.store.idea_counts(&call.id, fan).await?;
        if sent_before >= IDEAS_PER_FAN {
            return Ok(Sent::FanDone);
        }
        if on_board >= i64::from(self.ideas_per_call) {
            return Ok(Sent::Full { on_board });
        }
        if let Err(retry_after) = self.limits.check(Action::Idea, client) {
            return Ok(Sent::SlowDown { retry_after });
        }
        Ok(match self.store.send_idea(&call.id, text, credit, fan).await? {
            SentIdea::New(idea) => Sent::New(idea),
            SentIdea::Merged(idea) => Sent::Merged(idea),
        })
    }

    /// `fan` supports the idea (`up`) or takes the vote back; nothing
    /// changes once the call has closed. `Err(wait)`: this client address
    /// votes too fast.
    #[tracing::instrument(skip_all, fields(call = %call.id))]
    pub async fn vote(
        &self,
        call: &Call,
        idea_id: &str,
        fan: &str,
        up: bool,
        client: &Client,
    ) -> anyhow::Result<Result<(), Duration>> {
        if let Err(wait) = self.limits.check(Action::Vote, client) {
            return Ok(Err(wait));
        }
        if call.is_open(self.store.now_ms()) {
            self.store.vote(&call.id, idea_id, fan, up, &client.key(), self.voters_per_address).await?;
        }
        Ok(Ok(()))
    }
}
