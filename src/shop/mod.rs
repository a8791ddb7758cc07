//! What the storefront shows that does not change between views, rendered
//! once: the drop, its shirt pictures and its share card. Used by the
//! shop's pages and by *Launch*, which renders a new drop's parts before it
//! answers, so the first fans of a freshly shared link find them ready.

mod cache;

pub use cache::{
    CachedDrop, DRAWING_VERSION, Moment, RenderCache, RenderError, RenderedPage, StorefrontCache, moment_of, order_src,
    product_src, shirt_src,
};

use crate::design::{DesignEngine, View};
use crate::domain::{Delivery, DropSlug, Language, Money, ShirtColour};
use crate::i18n::{self, Arg};
use crate::store::Store;
use crate::web::compressed::Precompressed;
use actix_web::web::Bytes;
use std::sync::Arc;

/// "Free shipping · arrives in 5–10 business days", "Shipping $5.00 · …":
/// said the same on the storefront and at checkout.
pub fn shipping_line(lang: Language, cost: Money, delivery: Delivery) -> String {
    let days = i18n::delivery_days(lang, delivery);
    if cost.minor() == 0 {
        i18n::text_with(lang, "shipping-line-free", &[("days", Arg::Text(days))])
    } else {
        i18n::text_with(
            lang,
            "shipping-line",
            &[("cost", Arg::Text(i18n::money(lang, cost))), ("days", Arg::Text(days))],
        )
    }
}

/// The rendered-once parts of every storefront, with what they are read
/// and rendered from.
pub struct Shop {
    store: Store,
    design: DesignEngine,
    pub storefronts: Arc<StorefrontCache>,
    pub cards: RenderCache,
    /// Fonts cut down to one storefront's text, compressed once (a cut
    /// TrueType font shrinks to about half with brotli, near WOFF2).
    fonts: RenderCache<Arc<Precompressed>>,
    /// The shirt pictures (colour × view), compressed once.
    shirts: RenderCache<Arc<Precompressed>>,
    /// Visitors this instance has counted lately, so a fan's repeat views
    /// (a viral drop is reloaded a lot) write nothing.
    counted: std::sync::Mutex<std::collections::HashSet<String>>,
}

/// Visitors remembered per instance before the memory starts over (a few MB).
const COUNTED_AT_MOST: usize = 100_000;

impl Shop {
    /// Empty caches; the store tells them about every committed change.
    pub fn new(store: Store, design: DesignEngine) -> Self {
        let storefronts = Arc::new(StorefrontCache::default());
        store.on_change(storefronts.clone());
        Self {
            store,
            design,
            storefronts,
            cards: RenderCache::default(),
            fonts: RenderCache::default(),
            shirts: RenderCache::default(),
            counted: std::sync::Mutex::default(),
        }
    }

    /// Counts a visitor of a drop once (`routes::shop::seen`): a visitor this
    /// instance counted lately costs no query; the store counts the rest
    /// once (other instances, a restart).
    pub async fn count_visit(&self, drop_id: &str, visitor: &str, source: &str) -> anyhow::Result<()> {
        let key = format!("{drop_id} {visitor}");
        {
            let mut counted = crate::sync::lock(&self.counted);
            if counted.len() >= COUNTED_AT_MOST {
                counted.clear();
            }
            if !counted.insert(key) {
                return Ok(());
            }
        }
        self.store.record_visit(drop_id, visitor, source).await.map(|_| ())
    }

    /// The drop: from the cache when it can be trusted, else one query.
    ///
    /// A copy read while a change was being announced may already be out of
    /// date when it is stored: it is stored as stale (the store's change
    /// generation moved meanwhile), so the next view reads again.
    pub async fn load(&self, slug: &DropSlug) -> anyhow::Result<Option<Arc<CachedDrop>>> {
        let generation = self.store.change_generation();
        let cached = self.storefronts.get(slug.as_str());
        if self.store.hears_every_change() && cached.as_ref().is_some_and(|e| !e.is_stale()) {
            return Ok(cached);
        }
        let Some(drop) = self.store.drop_by_slug(slug).await? else {
            return Ok(None);
        };
        // A copy is published (marked fresh, or put in) first and checked
        // after: a change announced meanwhile either marks the published
        // copy itself, or has moved the generation on, and the copy is
        // marked stale here (an announcement moves the generation before it
        // marks copies). Checked before publishing, a change announced in
        // between would leave the old numbers fresh until the next change.
        let current = || self.store.change_generation() == generation;
        if let Some(entry) = cached.as_ref().filter(|e| e.drop.version == drop.version) {
            entry.mark_fresh();
            if !current() {
                entry.mark_stale();
            }
            return Ok(Some(entry.clone()));
        }
        let entry = Arc::new(CachedDrop::new(drop));
        self.storefronts.put(entry.clone());
        if !current() {
            entry.mark_stale();
        }
        Ok(Some(entry))
    }

    /// `answer` applied to the storefront page kept for `slug` as at `now`,
    /// when this instance knows it is current (it hears every change and
    /// none came since); a view of it needs nothing else. `None` when the
    /// view needs [`Self::load`]: no copy, a stale one, a drop taken down,
    /// or no page for this moment.
    pub fn with_kept_page<R>(&self, slug: &str, now: i64, answer: impl FnOnce(&Precompressed) -> R) -> Option<R> {
        if !self.store.hears_every_change() {
            return None;
        }
        self.storefronts.with_page(slug, now, answer)
    }

    /// How many times a kept page was copied onto a worker thread for the
    /// shelf (`server::shelf`), which then answers its views from the copy.
    pub fn pages_taken_at_hand(&self) -> u64 {
        self.storefronts.taken_at_hand()
    }

    /// The drop for starting a checkout: its design never changes after launch, so
    /// any cached copy will do (stock and end are checked by the reservation itself).
    pub async fn load_design(&self, slug: &DropSlug) -> anyhow::Result<Option<Arc<CachedDrop>>> {
        match self.storefronts.get(slug.as_str()) {
            Some(entry) => Ok(Some(entry)),
            None => self.load(slug).await,
        }
    }

    /// The drop's share card, rendered once (see [`RenderCache`]).
    pub async fn card(&self, entry: &Arc<CachedDrop>) -> Result<Bytes, RenderError> {
        let design = self.design.clone();
        let card = entry.clone();
        self.cards
            .get_or_render(&entry.card_key, move || {
                let drop = &card.drop;
                let lang = drop.language;
                design
                    .card_png(
                        &drop.slogan,
                        &i18n::text_with(lang, "card-by", &[("artist", Arg::Text(drop.artist_name.clone()))]),
                        &i18n::money(lang, drop.price),
                        card.theme,
                        drop.colours.first(),
                    )
                    .map(Bytes::from)
            })
            .await
    }

    /// One view of the drop's shirt in one colour, as an SVG document with
    /// outlined letters, rendered and compressed once per design.
    pub async fn shirt(
        &self,
        entry: &Arc<CachedDrop>,
        colour: ShirtColour,
        view: View,
    ) -> Result<Arc<Precompressed>, RenderError> {
        let design = self.design.clone();
        let (slogan, theme) = (entry.drop.slogan.clone(), entry.theme);
        let key = format!("{}-{}-{}", entry.design_key, colour.key, view.key());
        self.shirts
            .get_or_render(&key, move || {
                let svg = design.shirt_svg(&slogan, theme, colour, view)?;
                Ok(Arc::new(Precompressed::new(Bytes::from(svg))))
            })
            .await
    }

    /// A product's picture (hoodie, tote…) in one colour, rendered and
    /// compressed once per design, like the shirt's.
    pub async fn product_picture(
        &self,
        entry: &Arc<CachedDrop>,
        product: crate::domain::Product,
        colour: ShirtColour,
        view: View,
    ) -> Result<Arc<Precompressed>, RenderError> {
        let design = self.design.clone();
        let (slogan, theme) = (entry.drop.slogan.clone(), entry.theme);
        let key = format!("{}-{}-{}-{}", entry.design_key, product.key(), colour.key, view.key());
        self.shirts
            .get_or_render(&key, move || {
                let svg = design
                    .product_svg(&slogan, theme, colour, product, view)
                    .ok_or_else(|| anyhow::anyhow!("no {view:?} picture of {product} besides the shirt's"))?;
                Ok(Arc::new(Precompressed::new(Bytes::from(svg))))
            })
            .await
    }

    /// An open call's share card: its question on the shirt, "A call by …",
    /// and a badge asking for ideas; rendered once per call.
    pub async fn call_card(&self, call: &crate::domain::Call) -> Result<Bytes, RenderError> {
        let design = self.design.clone();
        let lang = call.language;
        let question = call.question.clone();
        let theme = call
            .theme
            .as_deref()
            .and_then(crate::design::Theme::by_key)
            .unwrap_or_else(|| crate::design::Theme::default_for(&question));
        let byline = i18n::text_with(lang, "call-by", &[("artist", Arg::Text(call.artist_name.clone()))]);
        let badge = i18n::text(lang, "call-card-badge");
        let colour = call.colours.first();
        self.cards
            .get_or_render(&format!("call-{}", call.id), move || {
                design.card_png(&question, &byline, &badge, theme, colour).map(Bytes::from)
            })
            .await
    }

    /// The front of a shirt printed with a fan's idea for an open call,
    /// rendered and compressed once per idea (an idea never changes).
    pub async fn idea_shirt(
        &self,
        idea: &crate::domain::Idea,
        theme: &'static crate::design::Theme,
        colour: ShirtColour,
    ) -> Result<Arc<Precompressed>, RenderError> {
        let design = self.design.clone();
        let text = idea.text.clone();
        let key = format!("idea-{}-{}-{}", idea.id, theme.key, colour.key);
        self.shirts
            .get_or_render(&key, move || {
                let svg = design.shirt_svg(&text, theme, colour, View::Front)?;
                Ok(Arc::new(Precompressed::new(Bytes::from(svg))))
            })
            .await
    }

    /// The fallback font `key` (CJK or emoji, `design::CUT_FONTS`) cut down
    /// to the drop's slogan (as each look sets it) and artist name, made
    /// once per drop, look and font.
    pub async fn cut_font(
        &self,
        entry: &Arc<CachedDrop>,
        key: &'static str,
    ) -> Result<Arc<Precompressed>, RenderError> {
        let design = self.design.clone();
        let drop = &entry.drop;
        let text = format!("{}{}{}", drop.slogan, entry.theme.apply_case(&drop.slogan), drop.artist_name);
        let cache_key = format!("{}-{key}", entry.card_key);
        self.fonts
            .get_or_render(&cache_key, move || {
                design.cut_font(key, &text).map(|font| Arc::new(Precompressed::new(Bytes::from(font))))
            })
            .await
    }

    /// Renders a just-launched drop's storefront parts, share card and first
    /// shirt picture, so they are ready before its link goes out. A failure only means the first view
    /// renders them instead.
    pub async fn warm(&self, slug: &DropSlug) {
        match self.load(slug).await {
            Ok(Some(entry)) => {
                if let Err(e) = self.card(&entry).await {
                    tracing::warn!(slug = %slug, error = %e, "could not render the share card ahead");
                }
                if let Err(e) = self.shirt(&entry, entry.drop.colours.first(), View::Front).await {
                    tracing::warn!(slug = %slug, error = %e, "could not render the shirt ahead");
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(slug = %slug, error = %e, "could not render the storefront ahead"),
        }
    }
}
