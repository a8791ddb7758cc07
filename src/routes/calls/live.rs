//! `GET /c/{slug}/events`: the call's board as server-sent events (the
//! same machinery as a drop's totals, [`crate::live::stream`]); a
//! connection whose first request this is is served by the lean door.
//!
//! `GET /c/{slug}/board.json`: the same board once, for a page that could
//! not get a stream (it polls); cacheable for a second.

use crate::live::board;
use crate::live::stream::Kind;
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    crate::routes::shop::events::stream(&req, &state, Kind::Call, &slug).await
}

pub async fn board_json(state: web::Data<AppState>, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let call = super::call_at(&state, &slug).await?;
    let board = board::read(&state.store, &call).await?;
    Ok(HttpResponse::Ok().insert_header((header::CACHE_CONTROL, "public, max-age=1, s-maxage=1")).json(board))
}
