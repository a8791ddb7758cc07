//! `GET /print-files/{drop}/{colour}/{expires}/{signature}.png`: the 300 DPI
//! print file a printer (Printful) fetches by itself for an order. No
//! session: the address is signed with the store's key and expires
//! (`fulfilment::files`); anything else is a plain 404. Renders share the
//! print slots with the artist's downloads, and the last few files are kept,
//! so a thousand orders of one drop cost a handful of renders.

use crate::design::Theme;
use crate::domain::ShirtColour;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

pub async fn print_file(
    state: web::Data<AppState>,
    path: web::Path<(String, String, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (drop_id, colour, expires, signature) = path.into_inner();
    let signature = signature.strip_suffix(".png").ok_or(AppError::NotFound)?;
    if !state.printing.files.valid(&drop_id, &colour, expires, signature, state.store.now_ms()) {
        return Err(AppError::NotFound);
    }
    let drop = state.store.drop_by_id(&drop_id).await?.ok_or(AppError::NotFound)?;
    let colour =
        ShirtColour::parse(&colour).filter(|c| drop.colours.as_slice().contains(c)).ok_or(AppError::NotFound)?;
    // A drop's slogan and look never change after launch.
    let key = (drop.id.as_str().to_owned(), colour.key);
    let body = match state.printing.cache.get(&key) {
        Some(png) => png,
        None => {
            let theme = Theme::of_drop(&drop.theme, &drop.slogan);
            let (design, slogan) = (state.design.clone(), drop.slogan.clone());
            let png = state
                .limits
                .prints
                .run(move || design.print_png(&slogan, theme, colour))
                .await
                .map_err(|e| anyhow::anyhow!("print render: {e}"))?;
            let png = web::Bytes::from(png);
            state.printing.cache.put(key, png.clone());
            png
        }
    };
    Ok(HttpResponse::Ok()
        .content_type("image/png")
        .insert_header((header::CACHE_CONTROL, "private, max-age=86400"))
        .body(body))
}
