//! `POST /d/{slug}/checkout`: parse the fan's picks, start the checkout
//! (`sales::start_checkout`), and send the fan to pay (303) or explain why not.

use crate::auth::csrf::RequestOrigin;
use crate::auth::{CsrfToken, csrf};
use crate::domain::{DropSlug, ShirtColour, Size};
use crate::error::AppError;
use crate::forms::FormData;
use crate::routes::account::render;
use crate::routes::layout::Layout;
use crate::routes::shop::storefront::{BuyChoice, page};
use crate::sales::{CheckoutOutcome, Purchase, start_checkout};
use crate::state::AppState;
use crate::store::now_ms;
use crate::web::problem::with_retry_after;
use crate::web::rate::retry_after_secs;
use crate::web::{Client, problem};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// Asks a fan whose browser did not say where the buy form came from to
/// confirm once more, with a token (works without JavaScript).
#[derive(Template)]
#[template(path = "checkout/confirm.html")]
struct ConfirmPage<'a> {
    layout: Layout,
    csrf: String,
    slug: &'a str,
    slogan: &'a str,
    size: Size,
    colour: &'static str,
    colour_key: &'static str,
    quantity: i64,
    price: String,
}

#[tracing::instrument(skip_all, fields(slug = %slug))]
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    csrf_token: CsrfToken,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormData::parse(&body);
    // The storefront carries no token (it is the same bytes for everyone):
    // the browser's own headers say where the form came from.
    let confirmed = match csrf::origin_of(&req, &state.public_url) {
        RequestOrigin::Same => true,
        RequestOrigin::Cross => return Err(AppError::Csrf),
        RequestOrigin::Unknown => csrf::verify(&req, form.get(csrf::CSRF_FIELD)).is_ok(),
    };
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let drop = &entry.drop;
    let back = format!("/d/{}", drop.slug);

    let most = drop.most_per_order();
    let size = Size::parse(form.get("size")).filter(|s| drop.sizes.contains(*s));
    let colour = ShirtColour::parse(form.get("colour")).filter(|c| drop.colours.as_slice().contains(c));
    let quantity = form.get("quantity").trim().parse::<i64>().ok().filter(|q| (1..=most).contains(q));
    let (Some(size), Some(colour), Some(quantity)) = (size, colour, quantity) else {
        let error = match (size, colour, quantity) {
            (None, ..) => "Pick a size.".to_owned(),
            (_, None, _) => "Pick a shirt colour.".to_owned(),
            _ if most == 1 => "This drop is one shirt per order.".to_owned(),
            _ => format!("Choose how many shirts: 1 to {most} per order."),
        };
        let choice = BuyChoice {
            size,
            colour: colour.map(|c| c.key.to_owned()),
            quantity: quantity.unwrap_or(1),
            error: Some(error),
        };
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page(&state, &entry, choice, now_ms()));
    };
    if !confirmed {
        let confirm = ConfirmPage {
            layout: Layout::house("Confirm your order"),
            csrf: csrf_token.0,
            slug: drop.slug.as_str(),
            slogan: &drop.slogan,
            size,
            colour: colour.name,
            colour_key: colour.key,
            quantity,
            price: drop.price.to_string(),
        };
        return Ok(crate::web::headers::no_store(render(StatusCode::OK, &confirm)?));
    }

    let purchase = Purchase { drop, card_key: &entry.card_key, size, colour, quantity, client };
    match start_checkout(&state, purchase).await? {
        CheckoutOutcome::Pay { url } => Ok(HttpResponse::SeeOther().insert_header((header::LOCATION, url)).finish()),
        CheckoutOutcome::OnlyLeft { left } => {
            let message = format!("Only {left} left — choose {left} or fewer and try again.");
            let choice =
                BuyChoice { size: Some(size), colour: Some(colour.key.into()), quantity: left, error: Some(message) };
            let fresh = state.shop.load(&slug).await?.unwrap_or(entry);
            render(StatusCode::CONFLICT, &page(&state, &fresh, choice, now_ms()))
        }
        CheckoutOutcome::SoldOut => {
            problem(StatusCode::CONFLICT, "Sold out", "Every shirt of this drop is taken. Sorry!".into(), back)
        }
        CheckoutOutcome::Ended => {
            problem(StatusCode::CONFLICT, "This drop has ended", "Sales for this drop are closed.".into(), back)
        }
        CheckoutOutcome::RateLimited { retry_after } => {
            let secs = retry_after_secs(retry_after);
            let message = format!(
                "You have started many checkouts in a short time. Try again in {secs} second{}.",
                if secs == 1 { "" } else { "s" }
            );
            Ok(with_retry_after(problem(StatusCode::TOO_MANY_REQUESTS, "Slow down a little", message, back)?, secs))
        }
        CheckoutOutcome::TooManyHolds { open, hold_minutes } => {
            let message = format!(
                "You already have {open} checkouts of this drop waiting for payment. Finish one of them, or wait \
                 {hold_minutes} minutes until they lapse, so other fans get a chance at the shirts too."
            );
            let res = problem(StatusCode::TOO_MANY_REQUESTS, "You have checkouts waiting", message, back)?;
            Ok(with_retry_after(res, 60))
        }
        CheckoutOutcome::Refused => {
            let message = "The shop's payment service did not accept this checkout, so nothing was charged and your \
                           shirts are back on sale. The artist can see why; please try again later."
                .to_owned();
            let res = problem(StatusCode::SERVICE_UNAVAILABLE, "We could not start the payment", message, back)?;
            Ok(with_retry_after(res, 300))
        }
        CheckoutOutcome::Unavailable => {
            let message = "The payment service is not answering right now. Nothing was charged — please try again \
                           in a minute."
                .to_owned();
            let res = problem(StatusCode::SERVICE_UNAVAILABLE, "We could not start the payment", message, back)?;
            Ok(with_retry_after(res, 60))
        }
    }
}
