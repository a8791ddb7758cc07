//! `/dashboard/drops/{id}/orders.csv` and `/print-sheet.csv`: paid orders for
//! the printer, and shirts to print per size × colour. Artist only.

use crate::auth::Artist;
use crate::domain::OrderStatus;
use crate::error::AppError;
use crate::fulfilment::{orders_csv, print_sheet_csv};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// More paid orders than one drop will see.
const MAX_ORDERS: i64 = 1_000_000;

async fn export(
    state: &AppState,
    artist: &Artist,
    id: &str,
    name: &str,
    render: fn(&[crate::domain::Order]) -> String,
) -> Result<HttpResponse, AppError> {
    let drop = state.store.owned_drop(id, &artist.0.id).await?.ok_or(AppError::NotFound)?;
    let orders = state.store.orders_of_drop(&drop.id, &[OrderStatus::Paid], MAX_ORDERS).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"popshop-{}-{name}.csv\"", drop.slug),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(render(&orders)))
}

pub async fn orders(
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    export(&state, &artist, &id, "orders", orders_csv).await
}

pub async fn print_sheet(
    state: web::Data<AppState>,
    artist: Artist,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    export(&state, &artist, &id, "print-sheet", print_sheet_csv).await
}
