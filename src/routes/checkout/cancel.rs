//! `GET /d/{slug}/cancelled?order=…`: the buyer backed out of the provider's
//! checkout. The reservation is released and the buyer is back in the shop.

use crate::domain::{DropSlug, OrderStatus};
use crate::error::AppError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

#[derive(serde::Deserialize)]
pub struct CancelQuery {
    #[serde(default)]
    order: String,
}

pub async fn cancelled(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<CancelQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    if let Some(order) = state.store.order_by_id(&query.order).await?
        && order.status == OrderStatus::Pending
        && state.store.release(&order.id, OrderStatus::Cancelled).await?
    {
        tracing::info!(order = %order.id, "checkout cancelled; stock released");
        crate::live::drop_changed(&state, &order.drop_id).await;
    }
    Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, format!("/d/{slug}"))).finish())
}
