//! `GET /preview.svg?slogan=…&theme=…&colour=…`: the preview shirt of the
//! create form, drawn while the artist types (the form's `<img>` shows it;
//! the Preview button asks for it again without JavaScript). Anyone may ask,
//! so it is bounded: a per-client rate (`POPSHOP_PREVIEW_RATE`, 240 a
//! minute: typing with the form's 150 ms pause stays far below it) and two
//! renders at once, each waiting at most 2 s for its turn.

use super::form::DropForm;
use crate::state::AppState;
use crate::web::headers::try_again;
use crate::web::slots::SlotError;
use crate::web::{Client, PageLanguage};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};

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
    state: web::Data<AppState>,
    client: Client,
    lang: PageLanguage,
    query: web::Query<PreviewQuery>,
) -> HttpResponse {
    if let Err(wait) = state.preview_rate.check(&client) {
        return try_again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many previews; try again in a moment.",
            wait.as_secs() + 1,
        );
    }
    let q = query.into_inner();
    let form = DropForm {
        slogan: q.slogan.chars().take(400).collect(),
        theme: q.theme,
        colours: vec![q.colour],
        ..DropForm::default()
    };
    let (slogan, theme, colour) = (form.preview_slogan(lang.0), form.theme(), form.preview_colour());
    let design = state.design.clone();
    let drawn = state.preview_slots.run(move || design.shirt_svg(&slogan, theme, colour, crate::design::View::Front));
    match drawn.await {
        Ok(svg) => HttpResponse::Ok()
            .content_type("image/svg+xml; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
            // An empty slogan shows a placeholder in the visitor's language.
            .insert_header((header::VARY, "Accept-Language, Cookie"))
            .insert_header(("X-Theme", theme.key))
            .body(svg),
        Err(SlotError::Busy) => try_again(StatusCode::SERVICE_UNAVAILABLE, "Busy drawing previews; try again.", 2),
        Err(SlotError::Work(e)) => {
            tracing::error!(error = %e, "could not draw a preview");
            HttpResponse::InternalServerError().content_type("text/plain").body("Could not draw this preview.")
        }
    }
}
