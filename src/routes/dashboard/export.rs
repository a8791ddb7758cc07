//! `/dashboard/drops/{id}/orders.csv` and `/print-sheet.csv`: paid orders for
//! the printer, and shirts to print per size × colour. Artist only.

use crate::auth::OwnedDrop;
use crate::domain::OrderStatus;
use crate::fulfilment::{orders_csv, print_sheet_csv};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// More paid orders than one drop will see.
const MAX_ORDERS: i64 = 1_000_000;

async fn export(
    state: &AppState,
    drop: &crate::domain::Drop,
    name: &str,
    render: fn(&[crate::domain::Order]) -> String,
) -> Result<HttpResponse, AppError> {
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

pub async fn orders(state: web::Data<AppState>, owned: OwnedDrop) -> Result<HttpResponse, AppError> {
    export(&state, &owned.drop, "orders", orders_csv).await
}

pub async fn print_sheet(state: web::Data<AppState>, owned: OwnedDrop) -> Result<HttpResponse, AppError> {
    export(&state, &owned.drop, "print-sheet", print_sheet_csv).await
}
