//! `POST /dashboard/drops/{id}/end`: stop sales now.

use crate::auth::{Artist, csrf};
use crate::error::AppError;
use crate::forms::FormData;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %id))]
pub async fn end(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormData::parse(&body);
    csrf::verify(&req, form.get(csrf::CSRF_FIELD))?;
    let drop = state.store.owned_drop(&id, &artist.0.id).await?.ok_or(AppError::NotFound)?;
    if state.store.end_drop(&drop.id, &artist.0.id).await? {
        tracing::info!(slug = %drop.slug, "drop ended early");
    }
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/dashboard/drops/{}", drop.id))).finish())
}
