//! `/dashboard/drops/{id}/print.svg` and `/print.png` (`?colour=…`): the files
//! for the printer — the design alone on a transparent 12×16 inch canvas, as
//! SVG with outlined text and as a 300 DPI PNG. Only the drop's artist may
//! download them. Rendering runs on blocking threads, at most
//! [`crate::web::limits::PRINT_RENDERS`] at a time, so storefront traffic keeps its cores.

use crate::auth::OwnedDrop;
use crate::design::Theme;
use crate::domain::ShirtColour;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct PrintQuery {
    colour: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Svg,
    Png,
}

pub async fn print_svg(
    state: web::Data<AppState>,
    owned: OwnedDrop,
    query: web::Query<PrintQuery>,
) -> Result<HttpResponse, AppError> {
    print_file(state, owned, query, Format::Svg).await
}

pub async fn print_png(
    state: web::Data<AppState>,
    owned: OwnedDrop,
    query: web::Query<PrintQuery>,
) -> Result<HttpResponse, AppError> {
    print_file(state, owned, query, Format::Png).await
}

#[tracing::instrument(skip_all, fields(drop = %owned.drop.id))]
async fn print_file(
    state: web::Data<AppState>,
    owned: OwnedDrop,
    query: web::Query<PrintQuery>,
    format: Format,
) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    let colour = match query.colour.as_deref() {
        Some(key) => {
            ShirtColour::parse(key).filter(|c| drop.colours.as_slice().contains(c)).ok_or(AppError::NotFound)?
        }
        None => drop.colours.first(),
    };
    let theme = Theme::of_drop(&drop.theme, &drop.slogan);
    // The slot is held by the blocking task: it is freed when the render
    // ends, not when the client hangs up.
    let (design, slogan) = (state.design.clone(), drop.slogan.clone());
    let body = state
        .limits
        .prints
        .run(move || match format {
            Format::Svg => design.print_svg(&slogan, theme, colour).map(String::into_bytes),
            Format::Png => design.print_png(&slogan, theme, colour),
        })
        .await
        .map_err(|e| anyhow::anyhow!("print render: {e}"))?;
    let (content_type, ext) = match format {
        Format::Svg => ("image/svg+xml", "svg"),
        Format::Png => ("image/png", "png"),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"popshop-{}-{}-print.{ext}\"", drop.slug, colour.key),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}
