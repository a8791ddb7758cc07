//! `/dashboard/drops/{id}/qr.svg`: a QR code of the storefront link, for posters
//! and stage screens. `?download=1` saves it as a file.

use crate::auth::OwnedDrop;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use qrcode::QrCode;
use qrcode::render::svg;

#[derive(serde::Deserialize)]
pub struct QrQuery {
    pub download: Option<String>,
}

pub async fn qr_svg(
    state: web::Data<AppState>,
    owned: OwnedDrop,
    query: web::Query<QrQuery>,
) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    let link = crate::domain::source::with_ref(&format!("{}/d/{}", state.settings.base_url(), drop.slug), "qr");
    qr_response(&link, &format!("popshop-{}-qr.svg", drop.slug), &query)
}

/// A QR code of `link` as SVG, inline or (`?download=1`) as `file_name`.
pub fn qr_response(link: &str, file_name: &str, query: &QrQuery) -> Result<HttpResponse, AppError> {
    let code = QrCode::new(link.as_bytes()).map_err(|e| anyhow::anyhow!("qr code: {e}"))?;
    let image = code.render::<svg::Color>().min_dimensions(320, 320).quiet_zone(true).build();
    let disposition =
        if query.download.is_some() { format!("attachment; filename=\"{file_name}\"") } else { "inline".to_owned() };
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(image))
}
