//! Rendered parts of storefronts that do not change between views: the drop
//! and its shirt mockups, keyed by slug and checked by the drop's `version`.
//!
//! The store announces every committed change of a drop (see
//! `store::ChangeListener`), which marks the drop's copy stale. While this
//! instance hears every change — always on SQLite (one instance), on
//! PostgreSQL while its `LISTEN` connection is up — a copy that is not stale
//! is the truth and a view runs no query at all; otherwise a view reads the
//! drop row (one query) and reuses the mockups while the version matches.

use crate::design::Theme;
use crate::domain::{Drop, ShirtColour};
use actix_web::web::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Cached storefronts beyond this many are dropped wholesale; hot ones come back on the next view.
const MAX_ENTRIES: usize = 2_000;

/// A drop as its storefront shows it.
pub struct CachedDrop {
    pub drop: Drop,
    pub theme: &'static Theme,
    /// Identifies the share card's content; changes whenever the card would.
    pub card_key: String,
    /// Identifies the design (slogan and look): the shirt pictures' URLs
    /// carry it, so browsers and proxies may keep them for a year.
    pub design_key: String,
    /// Set when the drop changed since this copy was read: its numbers are
    /// out of date, its design (slogan, price, sizes, colours) is not.
    stale: AtomicBool,
    /// The storefront page as sent, for the moment it was rendered in.
    page: RwLock<Option<Arc<RenderedPage>>>,
}

/// What a storefront page shows that depends on the clock, not the drop's
/// version: whether it is live, sold out or ended, and the time-left label
/// (to the minute).
pub type Moment = (crate::domain::DropState, Option<String>);

/// What of `drop`'s page depends on the clock at `now` (see [`Moment`]).
pub fn moment_of(drop: &Drop, now: i64) -> Moment {
    (
        drop.state(now),
        drop.ends_at.filter(|end| *end > now).map(|end| crate::i18n::time_left(drop.language, (end - now) / 1000)),
    )
}

/// A storefront page rendered once and compressed once for everyone.
pub struct RenderedPage {
    pub moment: Moment,
    pub body: crate::web::compressed::Precompressed,
}

impl CachedDrop {
    pub fn is_stale(&self) -> bool {
        self.stale.load(Ordering::Relaxed)
    }

    pub(super) fn mark_stale(&self) {
        self.stale.store(true, Ordering::Relaxed);
    }

    /// This copy was just found to be current.
    pub(super) fn mark_fresh(&self) {
        self.stale.store(false, Ordering::Relaxed);
    }

    /// The page rendered for `moment` by this copy of the drop, if any.
    pub fn page_for(&self, moment: &Moment) -> Option<Arc<RenderedPage>> {
        self.page.read().unwrap_or_else(|p| p.into_inner()).as_ref().filter(|p| &p.moment == moment).cloned()
    }

    /// Keeps `page` as this copy's page.
    pub fn keep_page(&self, page: Arc<RenderedPage>) {
        *self.page.write().unwrap_or_else(|p| p.into_inner()) = Some(page);
    }
}

/// Where the picture of `drop`'s shirt in `colour` seen from `view` is
/// (`GET /d/{slug}/shirts/…`), versioned by its design.
pub fn shirt_src(drop: &Drop, colour: ShirtColour, view: crate::design::View) -> String {
    let theme = Theme::of_drop(&drop.theme, &drop.slogan);
    let key = design_key(drop, theme);
    match view {
        // The close-up is a view of the front picture: the same download.
        crate::design::View::Detail => format!("/d/{}/shirts/{}-front.svg?v={key}#detail", drop.slug, colour.key),
        _ => format!("/d/{}/shirts/{}-{}.svg?v={key}", drop.slug, colour.key, view.key()),
    }
}

/// The picture of what an order is, from the front: its first line's
/// product in that line's colour (an order of stickers shows a sticker).
pub fn order_src(drop: &Drop, order: &crate::domain::Order) -> String {
    match order.lines.first() {
        Some(line) => product_src(drop, line.product, line.colour, crate::design::View::Front),
        None => shirt_src(drop, order.colour, crate::design::View::Front),
    }
}

/// The address of a product's picture in `colour` seen from `view`: the
/// shirt's for the T-shirt, else `GET /d/{slug}/products/{product}-{colour}.svg`
/// (the front) or `…/{product}-{colour}-{view}.svg`.
pub fn product_src(
    drop: &Drop,
    product: crate::domain::Product,
    colour: ShirtColour,
    view: crate::design::View,
) -> String {
    if product == crate::domain::Product::Tee {
        return shirt_src(drop, colour, view);
    }
    let theme = Theme::of_drop(&drop.theme, &drop.slogan);
    let key = design_key(drop, theme);
    match view {
        crate::design::View::Front => format!("/d/{}/products/{}-{}.svg?v={key}", drop.slug, product.key(), colour.key),
        _ => format!("/d/{}/products/{}-{}-{}.svg?v={key}", drop.slug, product.key(), colour.key, view.key()),
    }
}

/// The drawing's own version: bumped whenever the engine draws the same
/// design differently (a new layout, folds, views), so every address and
/// tag that names a picture changes with it and no cache keeps the old one.
pub const DRAWING_VERSION: &str = "v5";

/// Hash of what the shirt pictures show.
fn design_key(drop: &Drop, theme: &Theme) -> String {
    let hash = crate::design::stable_hash(format!("{DRAWING_VERSION}|{}|{}", drop.slogan, theme.key).as_bytes());
    format!("{hash:016x}")
}

/// Hash of everything the share card shows (FNV-1a: stable across runs).
fn card_key(drop: &Drop, theme: &Theme) -> String {
    let input = format!(
        "{DRAWING_VERSION}|{}|{}|{}|{}|{}|{}",
        drop.slogan,
        drop.artist_name,
        drop.price,
        theme.key,
        drop.colours.first().key,
        drop.language.code()
    );
    let hash = crate::design::stable_hash(input.as_bytes());
    format!("{hash:016x}")
}

impl CachedDrop {
    pub fn new(drop: Drop) -> Self {
        let theme = Theme::of_drop(&drop.theme, &drop.slogan);
        Self {
            card_key: card_key(&drop, theme),
            design_key: design_key(&drop, theme),
            drop,
            theme,
            stale: AtomicBool::new(false),
            page: RwLock::new(None),
        }
    }

    /// Whether the drop is sold in `colour` (by key).
    pub fn colour(&self, key: &str) -> Option<ShirtColour> {
        self.drop.colours.as_slice().iter().find(|c| c.key == key).copied()
    }
}

pub struct StorefrontCache {
    entries: RwLock<HashMap<String, Arc<CachedDrop>>>,
    /// Tells this cache from any other in the process (tests run many
    /// apps), for the copies its pages leave on worker threads.
    id: u64,
    /// Goes up with every copy put in (or cleared out), so a worker's
    /// copy of a page knows when its copy of the drop may be replaced.
    edition: AtomicU64,
    /// Pages copied onto a worker thread (a first view there, or a new
    /// page): shows that views are served from the copies.
    taken_at_hand: AtomicU64,
}

impl Default for StorefrontCache {
    fn default() -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Self {
            entries: RwLock::default(),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            edition: AtomicU64::new(0),
            taken_at_hand: AtomicU64::new(0),
        }
    }
}

/// Pages a worker thread has at hand, at most this many (the hot drops).
const AT_HAND: usize = 8;

/// A storefront page as one worker thread keeps it: its own copy of the
/// bytes and its own handles. Two workers sharing one page's locks and
/// reference counts move those cache lines between the cores on every
/// view; a copy per thread touches nothing another thread writes.
struct AtHand {
    cache: u64,
    edition: u64,
    entry: Arc<CachedDrop>,
    moment: Moment,
    /// The last millisecond `moment` was found to hold: views in the same
    /// one skip working it out (a drop with an end formats its time left).
    held_at: i64,
    body: crate::web::compressed::Precompressed,
}

thread_local! {
    static PAGES_AT_HAND: std::cell::RefCell<Vec<AtHand>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl StorefrontCache {
    pub fn get(&self, slug: &str) -> Option<Arc<CachedDrop>> {
        self.entries.read().unwrap_or_else(|p| p.into_inner()).get(slug).cloned()
    }

    /// How many times a page was copied onto a worker thread's hand.
    pub fn taken_at_hand(&self) -> u64 {
        self.taken_at_hand.load(Ordering::Relaxed)
    }

    pub fn put(&self, entry: Arc<CachedDrop>) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(entry.drop.slug.to_string(), entry);
        self.edition.fetch_add(1, Ordering::SeqCst);
    }

    /// `answer` applied to the page kept for `slug` as at `now`, if its copy
    /// of the drop is current (not stale, not taken down; the caller knows
    /// it hears every change) and a page for this moment was rendered.
    ///
    /// The page is read from this thread's own copy while it is valid: the
    /// same cache's, no copy put in since (a replaced copy of the drop may
    /// never be marked stale), the drop's copy not stale, the same moment.
    pub fn with_page<R>(
        &self,
        slug: &str,
        now: i64,
        answer: impl FnOnce(&crate::web::compressed::Precompressed) -> R,
    ) -> Option<R> {
        // Read before the copy it vouches for: a copy put in meanwhile makes
        // this thread's copy look old next time, never current.
        let edition = self.edition.load(Ordering::SeqCst);
        PAGES_AT_HAND.with_borrow_mut(|at_hand| {
            let current = |h: &mut AtHand| {
                let holds = h.edition == edition
                    && !h.entry.is_stale()
                    && (h.held_at == now || h.moment == moment_of(&h.entry.drop, now));
                if holds {
                    h.held_at = now;
                }
                holds
            };
            match at_hand.iter().position(|h| h.cache == self.id && h.entry.drop.slug.as_str() == slug) {
                Some(at) if current(&mut at_hand[at]) => {
                    // The most recently used go last; the least goes first.
                    at_hand[at..].rotate_left(1);
                    return at_hand.last().map(|h| answer(&h.body));
                }
                Some(at) => drop(at_hand.remove(at)),
                None => {}
            }
            let entry = self.get(slug).filter(|e| !e.is_stale() && e.drop.takedown.is_none())?;
            let moment = moment_of(&entry.drop, now);
            let page = entry.page_for(&moment)?;
            if at_hand.len() >= AT_HAND {
                at_hand.remove(0);
            }
            let body = page.body.copied();
            self.taken_at_hand.fetch_add(1, Ordering::Relaxed);
            let answered = answer(&body);
            at_hand.push(AtHand { cache: self.id, edition, entry, moment, held_at: now, body });
            Some(answered)
        })
    }
}

impl crate::store::ChangeListener for StorefrontCache {
    /// The drop's copy is out of date (its numbers; its design never changes).
    fn drop_changed(&self, drop_id: &str) {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        entries.values().filter(|e| e.drop.id == drop_id).for_each(|e| e.mark_stale());
    }

    fn everything_changed(&self) {
        self.entries.read().unwrap_or_else(|p| p.into_inner()).values().for_each(|e| e.mark_stale());
    }
}

/// Rendered share cards (and fonts cut for one storefront) by `card_key`:
/// rendered once per drop and look.
/// Concurrent requests for a card being rendered wait for that one render
/// (single flight); at most [`CARD_RENDERS`] render at once, each holding its
/// slot inside the blocking task, and the render finishes (and is kept) even
/// if the client that started it hangs up.
pub struct RenderCache<T = Bytes> {
    entries: RwLock<HashMap<String, Arc<tokio::sync::OnceCell<T>>>>,
    /// At most [`CARD_RENDERS`] at once; a request waits at most 5 s for one.
    pub renders: crate::web::slots::Slots,
}

/// Share cards rendered at once (each ~20 ms of CPU and a few MB of pixels).
pub const CARD_RENDERS: usize = 2;

impl<T> Default for RenderCache<T> {
    fn default() -> Self {
        Self {
            entries: RwLock::default(),
            renders: crate::web::slots::Slots::new(CARD_RENDERS, Some(std::time::Duration::from_secs(5))),
        }
    }
}

/// Why a card is not there.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Every render slot stayed busy: try again shortly.
    #[error("card renders are busy")]
    Busy,
    #[error(transparent)]
    Render(#[from] anyhow::Error),
}

impl<T: Clone + Send + Sync + 'static> RenderCache<T> {
    /// The card under `key`, rendering it with `render` if nobody has yet.
    pub async fn get_or_render<F>(&self, key: &str, render: F) -> Result<T, RenderError>
    where
        F: FnOnce() -> anyhow::Result<T> + Send + 'static,
    {
        let cell = {
            let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
            if let Some(done) = entries.get(key).and_then(|c| c.get()) {
                return Ok(done.clone());
            }
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, c| c.get().is_none());
            }
            entries.entry(key.to_owned()).or_default().clone()
        };
        let renders = self.renders.clone();
        // Spawned, so a client that hangs up neither cancels the render
        // others wait for nor frees its slot early.
        let task = tokio::spawn(async move {
            cell.get_or_try_init(|| async move {
                renders.run(render).await.map_err(|e| match e {
                    crate::web::slots::SlotError::Busy => RenderError::Busy,
                    crate::web::slots::SlotError::Work(e) => RenderError::Render(e),
                })
            })
            .await
            .cloned()
        });
        task.await.map_err(|e| RenderError::Render(anyhow::anyhow!("card task: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::compressed::Precompressed;

    /// A copy of `drop` with a page kept for `now`, reading `text`.
    fn kept(drop: &Drop, now: i64, text: &'static str) -> Arc<CachedDrop> {
        let entry = Arc::new(CachedDrop::new(drop.clone()));
        let moment = moment_of(drop, now);
        entry.keep_page(Arc::new(RenderedPage {
            moment,
            body: Precompressed::plain(Bytes::from_static(text.as_bytes())),
        }));
        entry
    }

    fn read(cache: &StorefrontCache, slug: &str, now: i64) -> Option<String> {
        let headers = actix_web::http::header::HeaderMap::new();
        cache.with_page(slug, now, |page| {
            let (_, body) = page.answer(&headers, "text/html", "no-cache", &mut Default::default());
            String::from_utf8(body.unwrap().to_vec()).unwrap()
        })
    }

    #[test]
    fn a_thread_keeps_a_page_at_hand_only_while_its_copy_of_the_drop_is_current() {
        let drop = crate::domain::samples::drop();
        let slug = drop.slug.to_string();
        let (cache, other) = (StorefrontCache::default(), StorefrontCache::default());
        cache.put(kept(&drop, 0, "first"));
        assert_eq!(read(&cache, &slug, 0).as_deref(), Some("first"));
        assert_eq!(read(&cache, &slug, 0).as_deref(), Some("first"), "from this thread's copy");
        assert_eq!(read(&other, &slug, 0), None, "another cache's page is not at hand for it");
        assert_eq!(read(&cache, "no-such-drop", 0), None);

        // A copy replaced without being marked stale (a change this
        // instance did not hear while its listener was down).
        cache.put(kept(&drop, 0, "second"));
        assert_eq!(read(&cache, &slug, 0).as_deref(), Some("second"));

        // A stale copy, a page for another moment, a drop taken down.
        cache.entries.read().unwrap().get(&slug).unwrap().mark_stale();
        assert_eq!(read(&cache, &slug, 0), None);
        cache.put(kept(&drop, 0, "third"));
        assert_eq!(read(&cache, &slug, 0).as_deref(), Some("third"));
        assert_eq!(read(&cache, &slug, 2_000), None, "ended at 1000: the live page is not this moment's");
        // A drop with a countdown: its time left is the moment's.
        let mut counting = drop.clone();
        counting.ends_at = Some(3_600_000);
        cache.put(kept(&counting, 10_000, "counting"));
        for now in [10_000, 10_000, 10_500, 60_000] {
            assert_eq!(read(&cache, &slug, now).as_deref(), Some("counting"), "{now}: still 59 minutes left");
        }
        assert_eq!(read(&cache, &slug, 70_000), None, "58 minutes left is another page");
        let mut down = drop.clone();
        let reason = crate::domain::ModerationText::from_stored("spam".into());
        down.takedown = Some(crate::domain::Takedown { at_ms: 0, reason });
        cache.put(kept(&down, 0, "down"));
        assert_eq!(read(&cache, &slug, 0), None);
    }
}
