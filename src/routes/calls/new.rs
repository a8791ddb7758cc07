//! `/calls/new`: the artist asks the fans for the slogan — a question, how
//! long the call stays open (2 hours unless changed), a look (or each idea
//! in its own) and the shirt colours (ideas are drawn on the first).
//! `POST /calls` opens it.

use crate::auth::{Artist, CsrfToken, csrf};
use crate::design::{THEMES, Theme};
use crate::domain::{Language, ShirtColours, Slogan, parse_display_name};
use crate::i18n::{self, Localized};
use crate::state::AppState;
use crate::store::NewCall;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::forms::Choice;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// Hours a call may stay open.
pub const MAX_HOURS: i64 = 72;

#[derive(Template)]
#[template(path = "calls/new.html")]
pub struct NewCallPage {
    pub layout: Layout,
    pub csrf: String,
    pub question: String,
    pub artist_name: String,
    pub hours: String,
    pub theme: String,
    pub colours: Vec<String>,
    pub language: String,
    pub question_error: Option<String>,
    pub artist_error: Option<String>,
    pub hours_error: Option<String>,
    pub colours_error: Option<String>,
}

impl NewCallPage {
    /// (value, label, chosen) of the looks: each idea's own, or one for all.
    pub fn theme_choices(&self) -> Vec<Choice> {
        let choice = |value: &str, label: String| Choice {
            checked: self.theme == value,
            value: value.to_owned(),
            label,
            swatch: "",
        };
        std::iter::once(choice("auto", self.layout.t("call-look-auto")))
            .chain(THEMES.iter().map(|t| choice(t.key, t.name.to_owned())))
            .collect()
    }

    pub fn colour_choices(&self) -> Vec<Choice> {
        Choice::colours(self.layout.lang, &self.colours)
    }

    pub fn language_choices(&self) -> Vec<Choice> {
        Choice::languages(&self.language)
    }
}

fn page(lang: Language, csrf: String) -> NewCallPage {
    NewCallPage {
        layout: Layout::house(lang, &i18n::text(lang, "call-new-title")).signed_in(true, &csrf),
        csrf,
        question: String::new(),
        artist_name: String::new(),
        hours: "2".into(),
        theme: "auto".into(),
        colours: vec!["black".into()],
        language: lang.code().into(),
        question_error: None,
        artist_error: None,
        hours_error: None,
        colours_error: None,
    }
}

pub async fn show(_artist: Artist, csrf: CsrfToken, lang: PageLanguage) -> Result<HttpResponse, AppError> {
    render(StatusCode::OK, &page(lang.0, csrf.0))
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    csrf_token: CsrfToken,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let mut page = page(lang, csrf_token.0);
    page.question = form.get("question").chars().take(400).collect();
    page.artist_name = form.get("artist_name").chars().take(200).collect();
    page.hours = form.get("hours").chars().take(8).collect();
    page.theme = form.get("theme").chars().take(20).collect();
    page.colours = form.all("colours").into_iter().take(20).map(|c| c.chars().take(20).collect()).collect();
    page.language = form.get("language").chars().take(8).collect();

    let question = Slogan::parse(&page.question).map_err(|e| page.question_error = Some(e.localized(lang))).ok();
    let artist_name =
        parse_display_name(&page.artist_name).map_err(|e| page.artist_error = Some(e.localized(lang))).ok();
    let hours = page.hours.trim().parse::<i64>().ok().filter(|h| (1..=MAX_HOURS).contains(h));
    if hours.is_none() {
        page.hours_error = Some(i18n::text_with(
            lang,
            "error-count-range",
            &[("min", i18n::Arg::Number(1)), ("max", i18n::Arg::Number(MAX_HOURS))],
        ));
    }
    let colours = ShirtColours::parse(page.colours.iter().map(String::as_str))
        .map_err(|e| page.colours_error = Some(e.localized(lang)))
        .ok();
    let (Some(question), Some(artist_name), Some(hours), Some(colours)) = (question, artist_name, hours, colours)
    else {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page).map(crate::web::headers::no_store);
    };
    let call = state
        .store
        .insert_call(&NewCall {
            account_id: artist.0.id.clone(),
            question,
            artist_name,
            theme: Theme::by_key(&page.theme).map(|t| t.key),
            colours,
            language: Language::parse(&page.language).unwrap_or(lang),
            ends_at: state.store.now_ms() + hours * 3_600_000,
        })
        .await?;
    tracing::info!(call = %call.id, slug = %call.slug, "call opened");
    Ok(crate::web::redirect(format!("/c/{}", call.slug)))
}
