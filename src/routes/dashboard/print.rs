//! `/dashboard/drops/{id}/print.svg` and `/print.png` (`?colour=…`): the files
//! for the printer — the design alone on a transparent 12×16 inch canvas, as
//! SVG with outlined text and as a 300 DPI PNG. Only the drop's artist may
//! download them. Rendering runs on blocking threads, at most
//! [`crate::web::limits::PRINT_RENDERS`] at a time, so storefront traffic keeps its cores.

use crate::auth::OwnedDrop;
use crate::design::Theme;
use crate::domain::{Product, ShirtColour};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct PrintQuery {
    colour: Option<String>,
    /// A product of the drop ("poster"); the T-shirt when absent.
    product: Option<String>,
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
    let product = match query.product.as_deref() {
        None => Product::Tee,
        Some(key) => Product::parse(key).ok_or(AppError::NotFound)?,
    };
    // The T-shirt's colours are the drop's; another product's, its own.
    let offered: Vec<ShirtColour> = match drop.product(product) {
        Some(sold) => sold.colours.clone(),
        None if product == Product::Tee => drop.colours.as_slice().to_vec(),
        None => return Err(AppError::NotFound),
    };
    let colour = match query.colour.as_deref() {
        Some(key) => ShirtColour::parse(key).filter(|c| offered.contains(c)).ok_or(AppError::NotFound)?,
        None => offered.first().copied().ok_or(AppError::NotFound)?,
    };
    let theme = Theme::of_drop(&drop.theme, &drop.slogan);
    // The slot is held by the blocking task: it is freed when the render
    // ends, not when the client hangs up.
    let (design, slogan) = (state.design.clone(), drop.slogan.clone());
    let body = state
        .limits
        .prints
        .run(move || match (format, product) {
            (Format::Svg, Product::Tee) => design.print_svg(&slogan, theme, colour).map(String::into_bytes),
            (Format::Png, Product::Tee) => design.print_png(&slogan, theme, colour),
            (Format::Svg, _) => design.product_print_svg(&slogan, theme, colour, product).map(String::into_bytes),
            (Format::Png, _) => design.product_print_png(&slogan, theme, colour, product),
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
            match product {
                Product::Tee => format!("attachment; filename=\"popshop-{}-{}-print.{ext}\"", drop.slug, colour.key),
                _ => format!(
                    "attachment; filename=\"popshop-{}-{}-{}-print.{ext}\"",
                    drop.slug,
                    product.key(),
                    colour.key
                ),
            },
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body))
}
