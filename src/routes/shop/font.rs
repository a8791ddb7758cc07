//! `GET /d/{slug}/cjk.otf` and `/d/{slug}/emoji.ttf`: the CJK and emoji
//! fallback fonts cut down to this drop's text (a few KB instead of 2.3 MB
//! and 470 KB), for storefronts whose slogan or artist name needs them; and
//! `/d/{slug}/display.ttf` (or `.otf`), a heavy look's typeface
//! (`design::CUT_DISPLAY`) cut to the slogan. Cut
//! once per drop and look on a blocking thread, under the same
//! single-flight cache and render slots as share cards.

use crate::design::{CUT_DISPLAY, CUT_FONTS};
use crate::domain::DropSlug;
use crate::shop::RenderError;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::headers::try_again;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn cut(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, file) = path.into_inner();
    let content_type = if file.ends_with(".otf") { "font/otf" } else { "font/ttf" };
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let display = entry.theme.font;
    let key: &'static str = match CUT_FONTS.iter().find(|(_, name)| *name == file) {
        Some((key, _)) => key,
        None if CUT_DISPLAY.contains(&display)
            && file == crate::design::web_fonts::display_file(state.design.fonts().get(display)) =>
        {
            display
        }
        None => return Err(AppError::NotFound),
    };
    match state.shop.cut_font(&entry, key).await {
        Ok(font) => Ok(font.respond(&req, content_type, "public, max-age=86400")),
        Err(RenderError::Busy) => Ok(try_again(StatusCode::SERVICE_UNAVAILABLE, "busy; try again in a moment", 2)),
        Err(RenderError::Render(e)) => Err(AppError::Internal(e)),
    }
}
