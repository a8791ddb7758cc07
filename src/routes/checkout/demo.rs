//! `/demo-checkout/{session}`: the stand-in for Stripe's checkout page when no
//! Stripe key is configured. Clearly marked "demo — no money moves". *Pay*
//! sends a signed `checkout.session.completed` event through the same webhook
//! handler as Stripe's.

use crate::auth::{CsrfToken, csrf};
use crate::domain::{EmailAddress, Order, OrderStatus, ShippingAddress};
use crate::i18n;
use crate::payments::Payments;
use crate::sales::{ReceiveError, receive};
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use crate::web::problem;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "checkout/demo.html")]
pub struct DemoPage {
    pub layout: Layout,
    pub csrf: String,
    pub session: String,
    pub slogan: String,
    pub artist_name: String,
    pub item: String,
    pub amount: String,
    /// "Shipping $5.00 · arrives in 5–10 business days".
    pub shipping_line: String,
    /// "Code FRIDAY: −$10.00", when a promo code was used.
    pub discount: Option<String>,
    /// With Stripe Tax on: how the price stands to tax, and that the demo
    /// works none out.
    pub tax: Option<(String, String)>,
    /// The shirt picture (`/d/{slug}/shirts/…`).
    pub shirt: String,
    /// The typed values.
    pub email: String,
    pub address: ShippingAddress,
    /// (field, message id).
    pub errors: Vec<(&'static str, &'static str)>,
}

impl DemoPage {
    /// The message beside `field`, in the page's language.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| self.layout.t(m))
    }
}

async fn pending_order(state: &AppState, session: &str) -> Result<(Order, crate::domain::Drop), AppError> {
    let order = state.store.order_by_session(session).await?.ok_or(AppError::NotFound)?;
    let drop = state.store.drop_by_id(&order.drop_id).await?.ok_or(AppError::NotFound)?;
    Ok((order, drop))
}

fn page(order: &Order, drop: &crate::domain::Drop, csrf: String, email: String, address: ShippingAddress) -> DemoPage {
    let lang = drop.language;
    DemoPage {
        layout: Layout::house(lang, &i18n::text(lang, "demo-title")).drop_language(),
        csrf,
        session: order.session_id.clone().unwrap_or_default(),
        slogan: drop.slogan.clone(),
        artist_name: drop.artist_name.clone(),
        item: i18n::order_item(lang, &drop.slogan, &order.lines),
        amount: i18n::money(lang, order.amount),
        shipping_line: crate::shop::shipping_line(lang, order.shipping_cost, drop.delivery),
        discount: order.promo_code.as_ref().map(|code| {
            i18n::text_with(
                lang,
                "demo-discount",
                &[
                    ("code", i18n::Arg::Text(code.clone())),
                    ("amount", i18n::Arg::Text(i18n::money(lang, order.discount))),
                ],
            )
        }),
        shirt: crate::shop::order_src(drop, order),
        tax: None,
        email,
        address,
        errors: Vec::new(),
    }
}

fn thanks_url(drop: &crate::domain::Drop, session: &str) -> String {
    format!("/d/{}/thanks?session_id={session}", drop.slug)
}

pub async fn show(
    state: web::Data<AppState>,
    session: web::Path<String>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    if !state.sales.payments.is_demo() {
        return Err(AppError::NotFound);
    }
    let (order, drop) = pending_order(&state, &session).await?;
    if order.status != OrderStatus::Pending {
        return Ok(crate::web::redirect(thanks_url(&drop, &session)));
    }
    let address = ShippingAddress { country: "US".into(), ..Default::default() };
    let mut page = page(&order, &drop, csrf.0, String::new(), address);
    page.tax = tax_words(&state, &drop);
    Ok(crate::web::headers::no_store(render(StatusCode::OK, &page)?))
}

#[tracing::instrument(skip_all, fields(session = %session))]
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: web::Path<String>,
    csrf_token: CsrfToken,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Payments::Demo(demo) = &*state.sales.payments else { return Err(AppError::NotFound) };
    let form = csrf::verified_form(&req, &body)?;
    let (order, drop) = pending_order(&state, &session).await?;
    if order.status != OrderStatus::Pending {
        return Ok(crate::web::redirect(thanks_url(&drop, &session)));
    }
    if form.get("action") == "cancel" {
        let back = crate::routes::checkout::cancel::cancel_url(&drop.slug, &order.id);
        return Ok(crate::web::redirect(back));
    }
    let field = |name: &str| form.get(name).trim().chars().take(200).collect::<String>();
    let address = ShippingAddress {
        name: field("name"),
        line1: field("line1"),
        line2: field("line2"),
        postal_code: field("postal_code"),
        city: field("city"),
        state: field("state"),
        country: field("country").to_ascii_uppercase(),
    };
    let email = EmailAddress::parse(form.get("email"));
    let mut errors = Vec::new();
    if email.is_err() {
        errors.push(("email", "demo-error-email"));
    }
    for (key, value, message) in [
        ("name", &address.name, "demo-error-name"),
        ("line1", &address.line1, "demo-error-street"),
        ("postal_code", &address.postal_code, "demo-error-postal-code"),
        ("city", &address.city, "demo-error-city"),
    ] {
        if value.is_empty() {
            errors.push((key, message));
        }
    }
    if address.country.len() != 2 || !address.country.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(("country", "demo-error-country"));
    }
    let Ok(email) = email.map_err(|_| ()).and_then(|e| if errors.is_empty() { Ok(e) } else { Err(()) }) else {
        let mut page = page(&order, &drop, csrf_token.0, form.get("email").chars().take(254).collect(), address);
        page.tax = tax_words(&state, &drop);
        page.errors = errors;
        return Ok(crate::web::headers::no_store(render(StatusCode::UNPROCESSABLE_ENTITY, &page)?));
    };

    let (payload, signature) = demo.completed_event(&order, email.as_str(), address);
    match receive(&state.sales, payload.as_bytes(), Some(&signature)).await {
        Ok(_) => Ok(crate::web::redirect(thanks_url(&drop, &session))),
        Err(ReceiveError::Internal(e)) => Err(AppError::Internal(e)),
        Err(ReceiveError::Rejected(why)) => {
            tracing::error!(reason = %why, "the demo's own event was refused");
            problem(
                drop.language,
                StatusCode::INTERNAL_SERVER_ERROR,
                "demo-failed",
                i18n::text(drop.language, "demo-failed-note"),
                format!("/d/{}", drop.slug),
            )
        }
    }
}

/// The storefront's tax words and the demo's own, with `POPSHOP_STRIPE_TAX=on`.
fn tax_words(state: &AppState, drop: &crate::domain::Drop) -> Option<(String, String)> {
    let lang = drop.language;
    state.settings.stripe_tax.then(|| (i18n::tax_note(lang, drop.price.currency()), i18n::text(lang, "tax-demo")))
}
