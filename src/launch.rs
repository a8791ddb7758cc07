//! Launching a drop, the artist's journey as a service: once the form is
//! valid and the artist known (signed in, or signed up or logged in in the
//! same step by `auth::accounts`), the drop is saved. When it launches a
//! fan's idea from the artist's own call, the drop credits the fan and the
//! call closes pointing to it, in the same transaction (`Store::launch_drop`).
//! Then the storefront is rendered once, so the first fan waits for nothing.

use crate::domain::{Drop, DropSlug, FromCall};
use crate::shop::Shop;
use crate::store::{Account, NewDrop, Store};

/// What launching uses.
pub struct Launcher<'a> {
    pub store: &'a Store,
    pub shop: &'a Shop,
}

/// The idea a launch comes from, as the create form carries it.
pub struct IdeaRef<'a> {
    /// The call's slug.
    pub call: &'a str,
    /// The idea's id.
    pub idea_id: &'a str,
}

impl Launcher<'_> {
    /// Saves `drop` for `artist`. An `idea` of a call that is not the
    /// artist's own, or that is not on it, is ignored (the drop launches
    /// without a credit).
    #[tracing::instrument(skip_all, fields(account = %artist.id))]
    pub async fn launch(&self, artist: &Account, mut drop: NewDrop, idea: Option<IdeaRef<'_>>) -> anyhow::Result<Drop> {
        let asked = idea.filter(|i| !i.idea_id.is_empty()).and_then(|i| Some((DropSlug::parse(i.call)?, i.idea_id)));
        let from_call = match asked {
            Some((slug, idea_id)) => match self.store.call_by_slug(&slug).await? {
                Some(call) if call.account_id == artist.id => {
                    self.store.idea(&call.id, idea_id).await?.map(|idea| (call, idea))
                }
                _ => None,
            },
            None => None,
        };
        drop.account_id = artist.id.clone();
        drop.from_call = from_call.as_ref().map(|(call, idea)| FromCall {
            call_slug: call.slug.clone(),
            credit: idea.credit.clone(),
            votes: idea.votes,
        });
        let from = from_call.as_ref().map(|(call, idea)| (call.id.as_str(), idea.id.as_str()));
        let saved = self.store.launch_drop(&drop, from).await?;
        tracing::info!(drop = %saved.id, slug = %saved.slug, "drop launched");
        self.shop.warm(&saved.slug).await;
        Ok(saved)
    }
}
