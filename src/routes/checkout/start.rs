//! `POST /d/{slug}/checkout`: reserve stock and a pending order in one short
//! transaction, commit, and only then ask the payment provider for a checkout
//! session — no database connection is held across that call. The fan is sent
//! (303) to the provider's checkout page.

use super::ProblemPage;
use crate::auth::{CsrfToken, csrf};
use crate::domain::{DropSlug, Quantity, ShirtColour, Size};
use crate::error::AppError;
use crate::forms::FormData;
use crate::payments::CheckoutRequest;
use crate::routes::account::render;
use crate::routes::layout::Layout;
use crate::routes::shop::storefront::{BuyChoice, load_design, page};
use crate::state::AppState;
use crate::store::{NewOrder, Reservation, now_ms};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    csrf_token: CsrfToken,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormData::parse(&body);
    csrf::verify(&req, form.get(csrf::CSRF_FIELD))?;
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = load_design(&state, &slug).await?.ok_or(AppError::NotFound)?;
    let drop = &entry.drop;
    let back = format!("/d/{}", drop.slug);

    if let Some(ip) = req.peer_addr().map(|a| a.ip())
        && !state.limiter.allow(ip)
    {
        return problem(
            StatusCode::TOO_MANY_REQUESTS,
            "Slow down a little",
            "You have started many checkouts in the last minute. Wait a moment, then try again.".into(),
            back,
        );
    }

    let size = Size::parse(form.get("size")).filter(|s| drop.sizes.contains(*s));
    let colour = ShirtColour::parse(form.get("colour")).filter(|c| drop.colours.as_slice().contains(c));
    let quantity = Quantity::parse(form.get("quantity"));
    let (Some(size), Some(colour), Some(quantity)) = (size, colour, quantity) else {
        let error = match (size, colour, quantity) {
            (None, ..) => "Pick a size.",
            (_, None, _) => "Pick a shirt colour.",
            _ => "Choose how many shirts: 1 to 10.",
        };
        let choice = BuyChoice {
            size,
            colour: colour.map(|c| c.key.to_owned()),
            quantity: quantity.map_or(1, Quantity::get),
            error: Some(error.into()),
        };
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page(&state, &entry, csrf_token.0, choice));
    };

    let expires_at = now_ms() + state.settings.checkout_minutes * 60_000;
    let order_id = crate::store::new_id();
    let known_session = state.payments.predetermined_session(&order_id);
    let new_order = NewOrder {
        id: order_id,
        session: known_session.clone().map(|s| (s.id, s.url)),
        drop_id: drop.id.clone(),
        size,
        colour,
        quantity: quantity.get(),
        unit_amount: drop.price,
        provider: state.payments.name(),
        expires_at,
    };
    let order = match state.store.reserve(&new_order).await? {
        Reservation::Reserved(order) => order,
        Reservation::SoldOut { left: 0 } => {
            crate::live::drop_changed(&state, &drop.id).await;
            return problem(StatusCode::CONFLICT, "Sold out", "Every shirt of this drop is taken. Sorry!".into(), back);
        }
        Reservation::SoldOut { left } => {
            crate::live::drop_changed(&state, &drop.id).await;
            let message = format!("Only {left} left — choose {left} or fewer and try again.");
            let choice =
                BuyChoice { size: Some(size), colour: Some(colour.key.into()), quantity: left, error: Some(message) };
            let fresh = crate::routes::shop::storefront::load(&state, &slug).await?.unwrap_or(entry);
            return render(StatusCode::CONFLICT, &page(&state, &fresh, csrf_token.0, choice));
        }
        Reservation::NotLive => {
            crate::live::drop_changed(&state, &drop.id).await;
            return problem(
                StatusCode::CONFLICT,
                "This drop has ended",
                "Sales for this drop are closed.".into(),
                back,
            );
        }
    };
    crate::live::drop_changed(&state, &drop.id).await;

    let public = &state.public_url;
    let request = CheckoutRequest {
        order_id: order.id.clone(),
        product_name: format!("“{}” T-shirt — {}, {}", drop.slogan, size, colour.name),
        image_url: format!("{public}/d/{}/card.png?v={}", drop.slug, entry.card_key),
        unit_amount: drop.price,
        quantity: quantity.get(),
        success_url: format!("{public}/d/{}/thanks?session_id={{CHECKOUT_SESSION_ID}}", drop.slug),
        cancel_url: format!("{public}/d/{}/cancelled?order={}", drop.slug, order.id),
        expires_at: expires_at / 1000,
    };
    match state.payments.create_checkout(&request).await {
        Ok(session) => {
            if known_session.as_ref() != Some(&session) {
                state.store.attach_session(&order.id, &session.id, &session.url).await?;
            }
            Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, session.url)).finish())
        }
        Err(err) => {
            tracing::warn!(order = %order.id, error = %err, "checkout could not start; releasing the reservation");
            state.store.release(&order.id, crate::domain::OrderStatus::Failed).await?;
            crate::live::drop_changed(&state, &drop.id).await;
            let message = match err {
                crate::payments::ProviderError::Rejected(reason) => {
                    format!("The payment provider said: “{reason}”. Nothing was charged.")
                }
                crate::payments::ProviderError::Unavailable(_) => {
                    "The payment service is not answering right now. Nothing was charged — please try again in a minute."
                        .to_owned()
                }
            };
            problem(StatusCode::BAD_GATEWAY, "We could not start the payment", message, back)
        }
    }
}

pub fn problem(status: StatusCode, heading: &str, message: String, back_url: String) -> Result<HttpResponse, AppError> {
    let page = ProblemPage {
        layout: Layout::house(heading),
        heading: heading.to_owned(),
        message,
        back_url,
        back_label: "Back to the shop",
    };
    render(status, &page)
}
