//! `GET /preview.svg?slogan=…&theme=…&colour=…`: the preview shirt, for the
//! form's live preview while the artist types (progressive enhancement; the
//! Preview button does the same without JavaScript).

use super::form::DropForm;
use crate::state::AppState;
use actix_web::http::header;
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

pub async fn preview_svg(state: web::Data<AppState>, query: web::Query<PreviewQuery>) -> HttpResponse {
    let q = query.into_inner();
    let form = DropForm {
        slogan: q.slogan.chars().take(400).collect(),
        theme: q.theme,
        colours: vec![q.colour],
        ..DropForm::default()
    };
    let svg = state.design.mockup(&form.preview_slogan(), form.theme(), form.preview_colour(), "preview");
    HttpResponse::Ok()
        .content_type("image/svg+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header(("X-Theme", form.theme().key))
        .body(svg)
}
