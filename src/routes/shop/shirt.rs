//! `GET /d/{slug}/shirts/{colour}-{view}.svg`: one picture of the drop's
//! shirt (front, close-up of the print, back) in one of its colours. The
//! letters are outlines, so every browser shows the same pixels as the share
//! card and the print file, whatever fonts it has. Rendered and compressed
//! once per design on a blocking thread (single flight, bounded render
//! slots); the storefront links it with the design's key, so browsers and
//! proxies may keep it for a year.

use crate::design::View;
use crate::domain::DropSlug;
use crate::shop::RenderError;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::headers::try_again;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn shirt_svg(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, name) = path.into_inner();
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let (colour, view) = name.strip_suffix(".svg").and_then(|n| n.rsplit_once('-')).ok_or(AppError::NotFound)?;
    let view = View::parse(view).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let colour = entry.colour(colour).ok_or(AppError::NotFound)?;
    picture(&req, state.shop.shirt(&entry, colour, view).await)
}

/// A rendered picture, kept for a year (its address names its design), or
/// "try again" while every render slot is busy.
fn picture(
    req: &HttpRequest,
    rendered: Result<std::sync::Arc<crate::web::compressed::Precompressed>, RenderError>,
) -> Result<HttpResponse, AppError> {
    match rendered {
        Ok(svg) => Ok(svg.respond(req, "image/svg+xml", "public, max-age=31536000, immutable")),
        Err(RenderError::Busy) => {
            Ok(try_again(StatusCode::SERVICE_UNAVAILABLE, "busy drawing pictures; try again in a moment", 2))
        }
        Err(RenderError::Render(e)) => Err(AppError::Internal(e)),
    }
}

/// `GET /d/{slug}/products/{product}-{colour}.svg` (the front) and
/// `…/{product}-{colour}-{view}.svg` (a hoodie's back, a long-sleeve on a
/// hanger…): a product's picture besides the shirt, in a colour it comes
/// in, from a view it is shown in.
pub async fn product_svg(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, name) = path.into_inner();
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let (product, rest) = name.strip_suffix(".svg").and_then(|n| n.split_once('-')).ok_or(AppError::NotFound)?;
    let product = crate::domain::Product::parse(product).ok_or(AppError::NotFound)?;
    let (colour, view) = match rest.rsplit_once('-').and_then(|(c, v)| View::parse(v).map(|v| (c, v))) {
        Some((colour, view)) => (colour, view),
        None => (rest, View::Front),
    };
    if !crate::design::DesignEngine::product_views(product).contains(&view) {
        return Err(AppError::NotFound);
    }
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let sold =
        entry.drop.product(product).filter(|_| product != crate::domain::Product::Tee).ok_or(AppError::NotFound)?;
    let colour = sold.colours.iter().copied().find(|c| c.key == colour).ok_or(AppError::NotFound)?;
    picture(&req, state.shop.product_picture(&entry, product, colour, view).await)
}
