//! `POST /dashboard/drops/{id}/orders/{order}/refund`: the artist refunds a paid
//! order through the provider that took its money (`sales::refund_order`).
//! Totals go down; a refusal is explained, never a 502.

use crate::auth::{OwnedDrop, csrf};
use crate::i18n::{self, Arg};
use crate::sales::{RefundError, refund_order};
use crate::state::AppState;
use crate::web::PageLanguage;
use crate::web::confirm;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::problem::{problem_page, with_retry_after};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %path.0, order = %path.1))]
pub async fn refund(
    req: HttpRequest,
    state: web::Data<AppState>,
    owned: OwnedDrop,
    path: web::Path<(String, String)>,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let t = |id: &str| i18n::text(lang, id);
    let (_, order_id) = path.into_inner();
    let form = csrf::verified_form(&req, &body)?;
    let drop = owned.drop;
    let order = state.store.order_by_id(&order_id).await?.filter(|o| o.drop_id == drop.id).ok_or(AppError::NotFound)?;
    let back = format!("/dashboard/drops/{}", drop.id);
    if !confirm::confirmed(&form) {
        let action = format!("{back}/orders/{}/refund", order.id);
        let buyer = order.email.clone().unwrap_or_else(|| t("refund-the-buyer"));
        let message = i18n::text_with(
            lang,
            "refund-message",
            &[("order", Arg::Text(order.reference())), ("buyer", Arg::Text(buyer))],
        );
        return confirm::ask(confirm::ConfirmPage {
            layout: Layout::house(lang, &t("refund-title")),
            heading: &t("refund-heading"),
            message: &message,
            action: &action,
            csrf: form.get(csrf::CSRF_FIELD),
            button: &t("refund-button"),
            back_url: &back,
            back_label: &t("back-to-drop"),
        });
    }
    let heading = "refund-failed";
    match refund_order(&state.sales, &order).await {
        Ok(_) => {
            tracing::info!("order refunded by the artist");
            Ok(crate::web::redirect(format!("{back}?refunded={}", order.id)))
        }
        Err(RefundError::NotRefundable) => Ok(crate::web::redirect(back)),
        Err(RefundError::Shipped) => {
            problem_page(lang, StatusCode::CONFLICT, heading, t("refund-shipped"), back, "back-to-drop")
        }
        Err(RefundError::Refused(why)) => {
            tracing::warn!(%why, "refund refused");
            let message = i18n::text_with(lang, "refund-refused", &[("why", Arg::Text(why.to_string()))]);
            problem_page(lang, StatusCode::CONFLICT, heading, message, back, "back-to-drop")
        }
        Err(RefundError::Unavailable(why)) => {
            tracing::warn!(%why, "refund provider unavailable");
            let message = t("refund-unavailable");
            let res = problem_page(lang, StatusCode::SERVICE_UNAVAILABLE, heading, message, back, "back-to-drop")?;
            Ok(with_retry_after(res, 60))
        }
        Err(RefundError::Internal(e)) => Err(AppError::Internal(e)),
    }
}
