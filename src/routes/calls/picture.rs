//! `GET /c/{slug}/ideas/{id}.svg`: a fan's idea printed on the call's shirt,
//! in the call's look (or the idea's own), letters as outlines. Drawn once
//! per idea. An idea the artist hides must leave every cache soon: public
//! pictures may be kept for [`PUBLIC_IDEA_CACHE`] (then revalidated by
//! ETag), and the artist's view of a hidden one is never stored.

use super::theme_of;
use crate::shop::RenderError;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::headers::try_again;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// How long browsers and shared caches may keep a visible idea's picture:
/// a hidden idea is gone from them within five minutes.
pub const PUBLIC_IDEA_CACHE: &str = "public, max-age=300";

pub async fn idea_svg(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    artist: crate::auth::MaybeArtist,
) -> Result<HttpResponse, AppError> {
    let (slug, name) = path.into_inner();
    let id = name.strip_suffix(".svg").ok_or(AppError::NotFound)?;
    let call = super::call_at(&state, &slug).await?;
    // A hidden idea is the artist's alone.
    let owner = artist.0.is_some_and(|a| a.id == call.account_id);
    let idea = state.store.idea(&call.id, id).await?.filter(|i| owner || !i.hidden).ok_or(AppError::NotFound)?;
    let cache = if idea.hidden { "private, no-store" } else { PUBLIC_IDEA_CACHE };
    match state.shop.idea_shirt(&idea, theme_of(&call, &idea), call.colours.first()).await {
        Ok(svg) => Ok(svg.respond(&req, "image/svg+xml", cache)),
        Err(RenderError::Busy) => {
            Ok(try_again(StatusCode::SERVICE_UNAVAILABLE, "busy drawing shirts; try again in a moment", 2))
        }
        Err(RenderError::Render(e)) => Err(AppError::Internal(e)),
    }
}

/// `GET /c/{slug}/card.png`: the call's share card (its `og:image`).
pub async fn card_png(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let call = super::call_at(&state, &slug).await?;
    let etag = format!("\"call-{}-{}\"", call.id, crate::shop::DRAWING_VERSION);
    let busy = "busy rendering share cards; try again in a moment";
    crate::routes::shop::card::serve_rendered(
        &req,
        etag,
        "image/png",
        "public, max-age=86400",
        busy,
        state.shop.call_card(&call),
    )
    .await
}

/// `GET /c/{slug}/qr.svg`: a QR code of the call's link, for a stage screen
/// or a poster (`?download=1` saves it).
pub async fn qr_svg(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<crate::routes::dashboard::qr::QrQuery>,
) -> Result<HttpResponse, AppError> {
    let call = super::call_at(&state, &slug).await?;
    let link = format!("{}/c/{}", state.settings.base_url(), call.slug);
    crate::routes::dashboard::qr::qr_response(&link, &format!("popshop-call-{}-qr.svg", call.slug), &query)
}
