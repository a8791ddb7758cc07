//! `GET /preview.svg?slogan=…&theme=…&colour=…`: the preview shirt of the
//! create form, drawn while the artist types (the form's `<img>` shows it;
//! the Preview button asks for it again without JavaScript). Anyone may ask,
//! so it is bounded: a per-client rate (`POPSHOP_PREVIEW_RATE`, 240 a
//! minute: typing with the form's 150 ms pause stays far below it) and two
//! renders at once, each waiting at most 2 s for its turn.

use super::form::DropForm;
use crate::design::{DesignEngine, Theme};
use crate::domain::ShirtColour;
use crate::state::AppState;
use crate::web::compressed::Precompressed;
use crate::web::headers::try_again;
use crate::web::slots::SlotError;
use crate::web::{Client, PageLanguage};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{StatusCode, header};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    slogan: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    colour: String,
}

pub async fn preview_svg(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: Client,
    lang: PageLanguage,
    query: web::Query<PreviewQuery>,
) -> HttpResponse {
    draw(&req, &state, &client, lang, query.into_inner(), |design, slogan, theme, colour| {
        design.shirt_svg(&slogan, theme, colour, crate::design::View::Front)
    })
    .await
}

/// `GET /looks.svg?slogan=…&colour=…`: the slogan in every look on one sheet
/// (`#poster`, `#zine`, … name each look's view), for the look picker's
/// thumbnails. Bounded like the preview (it is one request for ten looks).
pub async fn looks_svg(
    req: HttpRequest,
    state: web::Data<AppState>,
    client: Client,
    lang: PageLanguage,
    query: web::Query<PreviewQuery>,
) -> HttpResponse {
    draw(&req, &state, &client, lang, query.into_inner(), |design, slogan, _, colour| {
        Ok(design.looks_svg(&slogan, colour))
    })
    .await
}

/// Draws `what` for the typed values on a preview slot, within the client's
/// preview rate; compressed for the wire.
async fn draw(
    req: &HttpRequest,
    state: &AppState,
    client: &Client,
    lang: PageLanguage,
    q: PreviewQuery,
    what: impl FnOnce(DesignEngine, String, &'static Theme, ShirtColour) -> anyhow::Result<String> + Send + 'static,
) -> HttpResponse {
    if let Err(wait) = state.limits.check(crate::web::Action::Preview, client) {
        return try_again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many previews; try again in a moment.",
            wait.as_secs() + 1,
        );
    }
    let form = DropForm {
        slogan: q.slogan.chars().take(400).collect(),
        theme: q.theme,
        colours: vec![q.colour],
        ..DropForm::default()
    };
    let (slogan, theme, colour) = (form.preview_slogan(lang.0), form.theme_in(&state.design), form.preview_colour());
    let design = state.design.clone();
    let drawn = state.limits.previews.run(move || {
        // Compressed on the slot too: a sheet of ten looks is ~100 KB of paths.
        what(design, slogan, theme, colour).map(|svg| Precompressed::new(Bytes::from(svg)))
    });
    match drawn.await {
        Ok(svg) => {
            let mut res = svg.respond(req, "image/svg+xml; charset=utf-8", "public, max-age=3600");
            let headers = res.headers_mut();
            // An empty slogan shows a placeholder in the visitor's language.
            headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"));
            headers.insert(HeaderName::from_static("x-theme"), HeaderValue::from_static(theme.key));
            res
        }
        Err(SlotError::Busy) => try_again(StatusCode::SERVICE_UNAVAILABLE, "Busy drawing previews; try again.", 2),
        Err(SlotError::Work(e)) => {
            tracing::error!(error = %e, "could not draw a preview");
            HttpResponse::InternalServerError().content_type("text/plain").body("Could not draw this preview.")
        }
    }
}
