use super::form::{DropForm, DropFormErrors};
use crate::auth::{CsrfToken, MaybeArtist};
use crate::design::Theme;
use crate::domain::{DropSlug, Language};
use crate::i18n;
use crate::state::AppState;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web;
use askama::Template;

/// The create-a-drop form with its shirt preview.
#[derive(Template)]
#[template(path = "studio/new.html")]
pub struct NewDropPage {
    pub layout: Layout,
    pub csrf: String,
    /// The values as typed.
    pub form: DropForm,
    pub errors: DropFormErrors,
    /// Visitors also get email and password fields: the form signs them up.
    pub signed_in: bool,
    /// `/preview.svg?…` drawing the shirt of the current values.
    pub preview: String,
    /// `/looks.svg?…`: the slogan in every look, one `#key` view per look.
    pub looks: String,
    /// The slogan the preview shows.
    pub preview_slogan: String,
    /// The look shown in the preview.
    pub preview_theme: &'static Theme,
    /// The password as typed, when this page comes back after a Preview,
    /// Shuffle or a mistake without JavaScript: a form that forgets it
    /// makes the artist type it again. Such pages are sent `no-store`.
    pub password: String,
}

impl NewDropPage {
    pub fn new(
        lang: Language,
        form: DropForm,
        errors: DropFormErrors,
        signed_in: bool,
        csrf: String,
        design: &crate::design::DesignEngine,
    ) -> Self {
        let theme = form.theme_in(design);
        let preview_slogan = form.preview_slogan(lang);
        let preview = format!(
            "/preview.svg?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("slogan", &preview_slogan)
                .append_pair("theme", theme.key)
                .append_pair("colour", form.preview_colour().key)
                .finish()
        );
        let looks = format!(
            "/looks.svg?{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("slogan", &preview_slogan)
                .append_pair("colour", form.preview_colour().key)
                .finish()
        );
        let title = i18n::text(lang, if errors.any() { "studio-title-check" } else { "studio-title" });
        Self {
            layout: Layout {
                description: Some(i18n::text(lang, "studio-meta-description")),
                ..Layout::house(lang, &title).signed_in(signed_in, &csrf)
            },
            csrf,
            form,
            errors,
            signed_in,
            preview,
            looks,
            preview_slogan,
            preview_theme: theme,
            password: String::new(),
        }
    }
}

/// `?call={slug}&idea={id}`: *Launch this* on a fan's idea of the artist's
/// call fills the form in (slogan, look, colour, language, name).
#[derive(serde::Deserialize)]
pub struct FromIdea {
    call: Option<String>,
    idea: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    artist: MaybeArtist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<FromIdea>,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let mut form = DropForm::blank(lang);
    if let (Some(account), Some(slug), Some(idea_id)) =
        (&artist.0, query.call.as_deref().and_then(DropSlug::parse), query.idea.as_deref())
        && let Some(call) = state.store.call_by_slug(&slug).await?.filter(|c| c.account_id == account.id)
        && let Some(idea) = state.store.idea(&call.id, idea_id).await?
    {
        form.slogan = idea.text.clone();
        form.theme = crate::routes::calls::theme_of(&call, &idea).key.to_owned();
        form.colours = call.colours.as_slice().iter().map(|c| c.key.to_owned()).collect();
        form.language = call.language.code().to_owned();
        form.artist_name = call.artist_name.clone();
        form.call = call.slug.to_string();
        form.idea = idea.id;
    }
    let page = NewDropPage::new(lang, form, DropFormErrors::default(), artist.0.is_some(), csrf.0, &state.design);
    render(StatusCode::OK, &page)
}
