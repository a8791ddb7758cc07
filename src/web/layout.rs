//! What the shared page frame (`base.html`) needs from every page.

use crate::design::{FontLibrary, Theme};
use crate::domain::Language;
use crate::i18n::{self, ToArg};

/// Social sharing tags (Open Graph, Twitter card).
pub struct SocialMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub image: Option<String>,
}

/// Buttons that share a public page (a drop's storefront, an open call):
/// X, Bluesky and Facebook, and the phone's share sheet (`templates/share.html`).
pub struct ShareLinks {
    pub url: String,
    pub x: String,
    pub bluesky: String,
    pub facebook: String,
}

impl ShareLinks {
    /// Links that post `text` with `url`, each carrying its source
    /// (`?ref=x`, …; the phone's share sheet gets `?ref=share`).
    pub fn new(text: &str, url: String) -> Self {
        use crate::domain::source::{self, with_ref};
        let encode = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let bluesky = format!("{text} {}", with_ref(&url, source::BLUESKY));
        Self {
            x: format!(
                "https://twitter.com/intent/tweet?text={}&url={}",
                encode(text),
                encode(&with_ref(&url, source::X))
            ),
            bluesky: format!("https://bsky.app/intent/compose?text={}", encode(&bluesky)),
            facebook: format!(
                "https://www.facebook.com/sharer/sharer.php?u={}",
                encode(&with_ref(&url, source::FACEBOOK))
            ),
            url: with_ref(&url, source::SHARE_SHEET),
        }
    }
}

/// The frame around every page.
pub struct Layout {
    pub title: String,
    /// Logged-in artists see their dashboard link and a log-out button.
    pub signed_in: bool,
    /// CSS custom properties for a themed page (`--bg`, `--ink`, …); empty for the house look.
    pub style: String,
    /// Font file to preload for a themed page (below `/static/`).
    pub preload_font: Option<String>,
    /// The page's `@font-face` rules (below `/static/`): every font, or for
    /// storefronts all but the fallbacks they get cut to their own text.
    pub fonts_css: &'static str,
    pub body_class: &'static str,
    pub meta: Option<SocialMeta>,
    /// What search engines show under the title (pages without social tags).
    pub description: Option<String>,
    /// CSRF token for the log-out button.
    pub csrf: String,
    /// The tab icon.
    pub icon: String,
    /// The language the page is written in (`<html lang>`, every message).
    pub lang: Language,
    /// House pages offer a switch to the other languages; a drop's pages
    /// speak the language its artist picked.
    pub switch: bool,
}

/// Messages the page's script writes itself (live labels, buttons it changes).
const SCRIPT_MESSAGES: [&str; 18] = [
    "js-local-time",
    "js-sold",
    "js-copied",
    "js-copy-link",
    "js-zoom",
    "js-close",
    "state-live",
    "state-sold-out",
    "state-ended",
    "state-taken-down",
    "js-taken-down",
    "js-buy-taken-down",
    "js-goal-reached",
    "js-buy-ended",
    "js-buy-sold-out",
    "js-preview-alt",
    "js-look",
    "js-time-left",
];

impl Layout {
    /// The plain popshop look.
    pub fn house(lang: Language, title: &str) -> Self {
        Self {
            lang,
            switch: true,
            title: format!("{title} · popshop"),
            signed_in: false,
            style: String::new(),
            preload_font: None,
            fonts_css: super::assets::FONTS_CSS,
            body_class: "house",
            meta: None,
            description: None,
            csrf: String::new(),
            icon: super::assets::url("favicon.svg"),
        }
    }

    /// A storefront: the CJK and emoji fallbacks come cut to its text.
    pub fn storefront(mut self) -> Self {
        self.fonts_css = super::assets::STOREFRONT_FONTS_CSS;
        self
    }

    /// A page in a drop's language (its checkout pages): no switch.
    pub fn drop_language(mut self) -> Self {
        self.switch = false;
        self
    }

    pub fn signed_in(mut self, signed_in: bool, csrf: &str) -> Self {
        self.signed_in = signed_in;
        self.csrf = csrf.to_owned();
        self
    }

    /// A page dressed in a drop's look.
    pub fn themed(lang: Language, title: String, theme: &Theme, fonts: &FontLibrary) -> Self {
        let font = fonts.get(theme.font);
        Self {
            lang,
            switch: false,
            title,
            signed_in: false,
            style: theme_style(theme, fonts),
            preload_font: Some(crate::design::web_fonts::first_file(font)),
            fonts_css: super::assets::FONTS_CSS,
            body_class: "themed",
            meta: None,
            description: None,
            csrf: String::new(),
            icon: super::assets::url("favicon.svg"),
        }
    }
}

impl Layout {
    /// A message in the page's language.
    pub fn t(&self, message: &str) -> String {
        i18n::text(self.lang, message)
    }

    /// A message with one value (`{ $name }`).
    pub fn t1(&self, message: &str, name: &'static str, value: impl ToArg) -> String {
        i18n::text_with(self.lang, message, &[(name, value.to_arg())])
    }

    /// A message with two values.
    pub fn t2(&self, message: &str, a: &'static str, va: impl ToArg, b: &'static str, vb: impl ToArg) -> String {
        i18n::text_with(self.lang, message, &[(a, va.to_arg()), (b, vb.to_arg())])
    }

    /// The versioned address of a static file (`css/app.css`).
    pub fn asset(&self, path: &str) -> String {
        super::assets::url(path)
    }

    /// A look's name in the page's language.
    pub fn look_name(&self, theme: &crate::design::Theme) -> String {
        i18n::look_name(self.lang, theme)
    }

    /// The languages to switch to: (code, own name), all but this page's.
    pub fn other_languages(&self) -> Vec<Language> {
        Language::ALL.into_iter().filter(|l| *l != self.lang).collect()
    }

    /// The script's messages as JSON for a `<script type="application/json">`
    /// block (never executed, so the page's CSP is untouched).
    pub fn script_messages(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> =
            SCRIPT_MESSAGES.iter().map(|id| ((*id).to_owned(), self.t(id).into())).collect();
        serde_json::Value::Object(map).to_string().replace("</", "<\\/")
    }
}

/// CSS custom properties for a theme.
pub fn theme_style(theme: &Theme, fonts: &FontLibrary) -> String {
    format!(
        "--bg:{};--ink:{};--accent:{};--accent-ink:{};--display:'{}';--display-small:'{}'",
        theme.page_bg,
        theme.page_ink,
        theme.accent,
        theme.accent_ink,
        fonts.get(theme.font).family,
        fonts.get(theme.small_font.unwrap_or(theme.font)).family
    )
}
