//! `POST /dashboard/drops/{id}/show-raised`: the artist chooses whether fans
//! see the money raised ("$1,250.00 raised") on the storefront and stream.

use crate::auth::{Artist, csrf};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn show_raised(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    if !state.store.set_show_raised(&id, &artist.0.id, form.get("show") == "1").await? {
        return Err(AppError::NotFound);
    }
    Ok(crate::web::redirect(format!("/dashboard/drops/{id}")))
}
