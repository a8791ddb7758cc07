//! `/d/{slug}/cancelled?order=…`: the buyer backed out of the provider's
//! checkout page. `GET` (where the provider sends them) changes nothing: it
//! says how long the shirts stay held and offers to go back to paying or to
//! put the shirts back. Putting them back is a `POST`: the provider's page is
//! closed first, then the stock released.

use crate::auth::{CsrfToken, csrf};
use crate::domain::{Drop, DropSlug, Order, OrderStatus};
use crate::i18n;
use crate::state::AppState;

use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// Where the provider sends a buyer who backs out.
pub fn cancel_url(slug: &DropSlug, order_id: &str) -> String {
    format!("/d/{slug}/cancelled?order={order_id}")
}

#[derive(Template)]
#[template(path = "checkout/cancelled.html")]
pub struct CancelledPage {
    pub layout: Layout,
    pub csrf: String,
    pub slug: String,
    pub order_id: crate::domain::OrderId,
    /// Where to go back to paying, while the hold lasts.
    pub checkout_url: Option<String>,
    /// Minutes the hold still lasts.
    pub minutes_left: i64,
}

#[derive(serde::Deserialize)]
pub struct CancelQuery {
    #[serde(default)]
    order: String,
}

/// The order, only if it belongs to the drop at `slug`.
async fn order_of_drop(state: &AppState, slug: &str, order_id: &str) -> Result<(Drop, Order), AppError> {
    let slug = DropSlug::parse(slug).ok_or(AppError::NotFound)?;
    let drop = state.store.drop_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let order = state.store.order_by_id(order_id).await?.filter(|o| o.drop_id == drop.id).ok_or(AppError::NotFound)?;
    Ok((drop, order))
}

fn to_shop(slug: &DropSlug) -> HttpResponse {
    crate::web::redirect(format!("/d/{slug}"))
}

pub async fn show(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<CancelQuery>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (drop, order) = order_of_drop(&state, &slug, &query.order).await?;
    let slug = drop.slug;
    if order.status != OrderStatus::Pending {
        return Ok(to_shop(&slug));
    }
    let lang = drop.language;
    let page = CancelledPage {
        layout: Layout::house(lang, &i18n::text(lang, "cancelled-title")).drop_language(),
        csrf: csrf.0,
        slug: slug.to_string(),
        order_id: order.id.clone(),
        checkout_url: order.checkout_url.clone(),
        minutes_left: ((order.expires_at - state.store.now_ms()) / 60_000).max(1),
    };
    Ok(crate::web::headers::no_store(render(StatusCode::OK, &page)?))
}

#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn release(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let (drop, order) = order_of_drop(&state, &slug, form.get("order")).await?;
    if order.status == OrderStatus::Pending {
        crate::sales::cancel_checkout(&state.sales, &order).await?;
    }
    Ok(to_shop(&drop.slug))
}
