//! `GET /d/{slug}/thanks?session_id=…`: where the provider sends a buyer after
//! paying. Shows the order once the payment event has arrived, and a
//! self-refreshing "payment processing" page until then.

use crate::domain::{DropSlug, OrderStatus};
use crate::i18n;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "checkout/thanks.html")]
pub struct ThanksPage {
    pub layout: Layout,
    pub status: OrderStatus,
    pub slug: String,
    pub slogan: String,
    pub artist_name: String,
    /// The buyer's place: "you're #137".
    pub number: Option<i64>,
    pub reference: String,
    pub item: String,
    pub amount: String,
    pub email: Option<String>,
    /// The shirt picture (`/d/{slug}/shirts/…`).
    pub shirt: String,
    /// The fan's order page (`/orders/{token}`), to keep.
    pub order_page: String,
}

#[derive(serde::Deserialize)]
pub struct ThanksQuery {
    #[serde(default)]
    session_id: String,
}

pub async fn thanks(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<ThanksQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let mut order = state.store.order_by_session(&query.session_id).await?.ok_or(AppError::NotFound)?;
    // Back from paying but no event yet: ask the provider (at most every few
    // seconds per order), so a fan who paid is never told nothing happened.
    if order.status == OrderStatus::Pending && state.limits.may_reconcile(&order.id) {
        match crate::sales::reconcile(&state.sales, &order).await {
            Ok(Some(_)) => order = state.store.order_by_id(&order.id).await?.unwrap_or(order),
            Ok(None) => {}
            Err(e) => tracing::warn!(order = %order.id, error = %e, "could not ask the provider about the order"),
        }
    }
    let drop = state.store.drop_by_id(&order.drop_id).await?.filter(|d| d.slug == slug).ok_or(AppError::NotFound)?;
    let order_page = format!("/orders/{}", state.store.order_view_token(&order).await?);
    let theme = crate::design::Theme::of_drop(&drop.theme, &drop.slogan);
    let lang = drop.language;
    let title = i18n::text(
        lang,
        match order.status {
            OrderStatus::Paid => "thanks-title",
            OrderStatus::Pending | OrderStatus::Processing => "thanks-processing",
            OrderStatus::RefundDue => "thanks-sold-out",
            OrderStatus::Refunded => "thanks-refunded",
            OrderStatus::Disputed => "thanks-disputed",
            OrderStatus::DisputeLost => "thanks-dispute-lost",
            _ => "thanks-not-completed",
        },
    );
    let mut layout = Layout::themed(lang, format!("{title} — {}", drop.slogan), theme, state.design.fonts());
    layout.body_class = "themed shop";
    let page = ThanksPage {
        layout,
        status: order.status,
        slug: drop.slug.to_string(),
        number: order.number,
        reference: order.reference(),
        item: i18n::order_item(lang, &drop.slogan, &order.lines),
        amount: i18n::order_total(lang, &order),
        email: order.email.clone(),
        shirt: crate::shop::order_src(&drop, &order),
        order_page,
        slogan: drop.slogan,
        artist_name: drop.artist_name,
    };
    // The page links the order page: its address is never sent on.
    Ok(crate::web::headers::secret_page(render(StatusCode::OK, &page)?))
}
