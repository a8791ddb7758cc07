//! What the shared page frame (`base.html`) needs from every page.

use crate::design::{FontLibrary, Theme};

/// Social sharing tags (Open Graph, Twitter card).
pub struct SocialMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub image: Option<String>,
}

/// The frame around every page.
pub struct Layout {
    pub title: String,
    /// Logged-in artists see their dashboard link and a log-out button.
    pub signed_in: bool,
    /// CSS custom properties for a themed page (`--bg`, `--ink`, …); empty for the house look.
    pub style: String,
    /// Font file to preload for a themed page.
    pub preload_font: Option<String>,
    pub body_class: &'static str,
    pub meta: Option<SocialMeta>,
    /// CSRF token for the log-out button.
    pub csrf: String,
    /// The tab icon.
    pub icon: String,
}

impl Layout {
    /// The plain popshop look.
    pub fn house(title: &str) -> Self {
        Self {
            title: format!("{title} · popshop"),
            signed_in: false,
            style: String::new(),
            preload_font: None,
            body_class: "house",
            meta: None,
            csrf: String::new(),
            icon: "/static/favicon.svg".into(),
        }
    }

    pub fn signed_in(mut self, signed_in: bool, csrf: &str) -> Self {
        self.signed_in = signed_in;
        self.csrf = csrf.to_owned();
        self
    }

    /// A page dressed in a drop's look.
    pub fn themed(title: String, theme: &Theme, fonts: &FontLibrary) -> Self {
        let font = fonts.get(theme.font);
        Self {
            title,
            signed_in: false,
            style: theme_style(theme, fonts),
            preload_font: Some(font.web_file()),
            body_class: "themed",
            meta: None,
            csrf: String::new(),
            icon: "/static/favicon.svg".into(),
        }
    }
}

/// CSS custom properties for a theme.
pub fn theme_style(theme: &Theme, fonts: &FontLibrary) -> String {
    format!(
        "--bg:{};--ink:{};--accent:{};--accent-ink:{};--display:'{}'",
        theme.page_bg,
        theme.page_ink,
        theme.accent,
        theme.accent_ink,
        fonts.get(theme.font).family
    )
}
