//! Rendered parts of storefronts that do not change between views: the drop
//! and its shirt mockups, keyed by slug and checked by the drop's `version`.
//!
//! On SQLite popshop runs as one instance, so the cache is the truth between
//! writes (which invalidate it) and a cached view runs no query at all. On
//! PostgreSQL other instances may write too, so every view reads the drop row
//! (one query) and reuses the mockups while the version matches.

use crate::design::{DesignEngine, Theme};
use crate::domain::{Drop, ShirtColour};
use actix_web::web::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

/// Cached storefronts beyond this many are dropped wholesale; hot ones come back on the next view.
const MAX_ENTRIES: usize = 2_000;

/// A drop with its pre-rendered mockups, one per shirt colour it is sold in.
pub struct CachedDrop {
    pub drop: Drop,
    pub theme: &'static Theme,
    pub mockups: Arc<Vec<(ShirtColour, String)>>,
    /// Identifies the share card's content; changes whenever the card would.
    pub card_key: String,
    /// Set when the drop changed since this copy was read: its numbers are
    /// out of date, its design (slogan, price, sizes, colours) is not.
    stale: AtomicBool,
}

impl CachedDrop {
    pub fn is_stale(&self) -> bool {
        self.stale.load(Ordering::Relaxed)
    }

    fn mark_stale(&self) {
        self.stale.store(true, Ordering::Relaxed);
    }
}

/// Hash of everything the share card shows (FNV-1a: stable across runs).
fn card_key(drop: &Drop, theme: &Theme) -> String {
    let input =
        format!("v1|{}|{}|{}|{}|{}", drop.slogan, drop.artist_name, drop.price, theme.key, drop.colours.first().key);
    let hash = crate::design::stable_hash(input.as_bytes());
    format!("{hash:016x}")
}

impl CachedDrop {
    pub fn render(drop: Drop, design: &DesignEngine) -> Self {
        let theme = Theme::of_drop(&drop.theme, &drop.slogan);
        let mockups = drop
            .colours
            .as_slice()
            .iter()
            .map(|c| (*c, design.mockup(&drop.slogan, theme, *c, &format!("shirt-{}", c.key))))
            .collect();
        Self {
            card_key: card_key(&drop, theme),
            drop,
            theme,
            mockups: Arc::new(mockups),
            stale: AtomicBool::new(false),
        }
    }

    /// The same mockups for a newer copy of the drop, when its design is unchanged.
    pub fn refreshed(&self, drop: Drop) -> Option<Self> {
        let same =
            drop.slogan == self.drop.slogan && drop.theme == self.drop.theme && drop.colours == self.drop.colours;
        same.then(|| Self {
            card_key: card_key(&drop, self.theme),
            drop,
            theme: self.theme,
            mockups: self.mockups.clone(),
            stale: AtomicBool::new(false),
        })
    }
}

pub struct StorefrontCache {
    entries: RwLock<HashMap<String, Arc<CachedDrop>>>,
    /// True when this process is the only writer (SQLite).
    pub authoritative: bool,
}

impl StorefrontCache {
    pub fn new(authoritative: bool) -> Self {
        Self { entries: RwLock::new(HashMap::new()), authoritative }
    }

    pub fn get(&self, slug: &str) -> Option<Arc<CachedDrop>> {
        self.entries.read().unwrap_or_else(|p| p.into_inner()).get(slug).cloned()
    }

    pub fn put(&self, entry: Arc<CachedDrop>) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(entry.drop.slug.to_string(), entry);
    }

    /// Same, by drop id (payment events know the drop, not its slug).
    pub fn invalidate_drop(&self, drop_id: &str) {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        entries.values().filter(|e| e.drop.id == drop_id).for_each(|e| e.mark_stale());
    }
}

/// Rendered share cards by `card_key`: rendered once per drop and look.
#[derive(Default)]
pub struct CardCache {
    entries: RwLock<HashMap<String, Bytes>>,
}

impl CardCache {
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.entries.read().unwrap_or_else(|p| p.into_inner()).get(key).cloned()
    }

    pub fn put(&self, key: String, png: Bytes) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, png);
    }
}
