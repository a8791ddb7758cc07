//! `POST /d/{slug}/checkout`: parse the fan's picks, start the checkout
//! (`sales::start_checkout`), and send the fan to pay (303) or explain why not.

use crate::auth::csrf::RequestOrigin;
use crate::auth::{CsrfToken, csrf};
use crate::domain::DropSlug;
use crate::domain::promo::normalize_code;
use crate::i18n::Localized;
use crate::i18n::{self, Arg};
use crate::routes::shop::storefront::{BuyChoice, page};
use crate::sales::checkout::{promo_seal, promo_sealed, usable_promo};
use crate::sales::{CheckoutOutcome, Purchase, start_checkout};
use crate::shop::CachedDrop;
use crate::state::AppState;

use crate::web::error::AppError;
use crate::web::forms::FormData;
use crate::web::layout::Layout;
use crate::web::page::render;
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
    /// "2 × “Slogan” T-shirt, M, Black + …".
    item: String,
    /// The cart's lines as the form carries them (`cart::encode`).
    lines: Vec<String>,
    /// What it all costs before shipping.
    price: String,
    /// The promo code, carried to the checkout, with its seal once checked.
    code: String,
    applied: String,
    /// "code FRIENDS: 10% off each item", when the code applies.
    code_label: Option<String>,
    /// The share link the fan came by, carried too.
    source: crate::domain::source::Source,
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
    let confirmed = match csrf::origin_of(&req, state.settings.base_url()) {
        RequestOrigin::Same => true,
        RequestOrigin::Cross => return Err(AppError::Csrf),
        RequestOrigin::Unknown => csrf::verify(&req, form.get(csrf::CSRF_FIELD)).is_ok(),
    };
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load_design(&slug).await?.ok_or(AppError::NotFound)?;
    let drop = &entry.drop;
    let lang = drop.language;
    let source = source_of(&req, &form);
    let typed_code: String = form.get("code").trim().chars().take(40).collect();
    // The seal of a code the storefront applied (`sales::checkout::promo_seal`).
    let seal: String = form.get("applied").chars().take(32).collect();
    let choice = match super::cart::picked(&form, drop, typed_code.clone()) {
        Ok(choice) => choice,
        Err(choice) => {
            let choice = BuyChoice { source: source.to_string(), ..*choice };
            let choice = with_applied_code(&state, drop, choice, &seal, &client).await;
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page(&state, &entry, choice, state.store.now_ms()));
        }
    };
    let picks = choice.picks.clone();
    // The fan's picks, kept on every page that comes back.
    let kept = BuyChoice { code: typed_code.clone(), source: source.to_string(), ..choice.kept };
    if choice.cart_only {
        // *Add to cart* or *Remove*: the storefront again with the cart
        // (carried in the form, never a cookie), priced with the code the
        // fan applied while it holds.
        let kept = with_applied_code(&state, drop, kept, &seal, &client).await;
        return Ok(crate::web::headers::no_store(render(
            StatusCode::OK,
            &page(&state, &entry, kept, state.store.now_ms()),
        )?));
    }
    let picks_choice = kept;
    // A promo code: checked as typed; *Apply code* shows what it gives.
    let code = match typed_code.as_str() {
        "" => None,
        typed => match normalize_code(typed) {
            Ok(code) => Some(code),
            Err(e) => {
                let choice = BuyChoice { code_error: Some(e.localized(lang)), ..picks_choice };
                return render(StatusCode::UNPROCESSABLE_ENTITY, &page(&state, &entry, choice, state.store.now_ms()));
            }
        },
    };
    if !form.get("apply").is_empty() {
        return apply_code(&state, &entry, code.as_deref(), &seal, picks_choice, &client).await;
    }
    if !confirmed {
        // The page names what the fan pays, so a typed code is checked
        // here (the checkout behind it then takes the seal, not a try).
        let promo = match &code {
            None => None,
            Some(code) => match usable_promo(&state.sales, drop, code, &seal, &client).await? {
                // As the checkout answers: a code that covers none of the
                // cart is no code for it.
                Ok(promo) if picks.iter().any(|p| promo.covers(p.product)) => Some(promo),
                usable => {
                    let problem = usable.err().unwrap_or(crate::domain::PromoProblem::Unknown);
                    let choice = code_refused(lang, problem, picks_choice);
                    return render(promo_status(problem), &page(&state, &entry, choice, state.store.now_ms()));
                }
            },
        };
        let lines = crate::sales::cart::lines(drop, &picks, promo.as_ref());
        let confirm = ConfirmPage {
            layout: Layout::house(lang, &i18n::text(lang, "confirm-title")).drop_language(),
            csrf: csrf_token.0,
            slug: drop.slug.as_str(),
            item: i18n::order_item(lang, &drop.slogan, &lines),
            lines: picks.iter().map(super::cart::encode).collect(),
            price: i18n::money(lang, crate::sales::cart::totals(&lines, drop.currency()).0),
            code: code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            code_label: promo.as_ref().map(|p| i18n::promo_label(lang, p, drop.has_merch_table())),
            applied: match (&code, &promo) {
                (Some(code), Some(_)) => promo_seal(&state.sales, drop, code),
                _ => String::new(),
            },
            source,
        };
        return Ok(crate::web::headers::no_store(render(StatusCode::OK, &confirm)?));
    }
    let purchase = Purchase { drop, card_key: &entry.card_key, picks, client, code, code_seal: seal.clone(), source };
    let outcome = start_checkout(&state.sales, purchase).await?;
    answer(&state, &slug, entry, outcome, picks_choice, (&seal, &client)).await
}

/// `choice` with the code the fan applied, when the form carries it with
/// its seal: looked up again (no try counted) and, still usable, pricing
/// the cart; ended or used up meanwhile, said. A code typed but never
/// applied is left for *Apply code* or the checkout to check. Every
/// storefront this handler answers with goes through here, so the cart on
/// it is priced as the checkout will charge it.
///
/// A sealed look-up counts against no limit: it guesses nothing, and it is
/// one indexed read on a request that renders a whole storefront anyway.
/// When the database cannot answer, the page comes back at list prices (the
/// checkout checks the code again) rather than losing the fan's cart to an
/// error page.
async fn with_applied_code(
    state: &AppState,
    drop: &crate::domain::Drop,
    choice: BuyChoice,
    seal: &str,
    client: &Client,
) -> BuyChoice {
    let Ok(code) = normalize_code(&choice.code) else { return choice };
    if seal.is_empty() || !promo_sealed(&state.sales, drop, &code, seal) {
        return choice;
    }
    match usable_promo(&state.sales, drop, &code, seal, client).await {
        Ok(Ok(promo)) => applied(state, drop, promo, &code, choice),
        Ok(Err(problem)) => code_refused(drop.language, problem, choice),
        Err(e) => {
            tracing::warn!(error = %e, "an applied code could not be looked up; the cart shows list prices");
            choice
        }
    }
}

/// `choice` with `promo` applied: the cart priced with it, each product it
/// covers at its price with it, what it gives (the code field's note) and
/// its seal for the form to carry.
fn applied(
    state: &AppState,
    drop: &crate::domain::Drop,
    promo: crate::domain::PromoCode,
    code: &str,
    choice: BuyChoice,
) -> BuyChoice {
    let lang = drop.language;
    let table = drop.has_merch_table();
    // The product picked on a merch table, and its price.
    let picked = choice.product.or(drop.products.first().map(|p| p.product));
    let base = picked.and_then(|p| drop.product(p)).map_or(drop.price, |p| p.price);
    // Each product of a merch table the code covers, at its price with it:
    // the page shows the picked one's, whichever is picked.
    let code_prices = match table {
        false => Vec::new(),
        true => drop
            .products
            .iter()
            .filter(|p| promo.covers(p.product))
            .map(|p| (p.product, i18n::money(lang, promo.unit_price(p.price))))
            .collect(),
    };
    let label = Arg::Text(i18n::promo_label(lang, &promo, table));
    let (code_price, note) = match picked {
        // A code for another product of the table: said, the price kept
        // (the cart's lines of that product are priced with it).
        Some(p) if !promo.covers(p) => {
            let for_product = Arg::Text(promo.product.map(|p| i18n::product_name(lang, p)).unwrap_or_default());
            (None, i18n::text_with(lang, "promo-other-product", &[("label", label), ("product", for_product)]))
        }
        _ => {
            let price = i18n::money(lang, promo.unit_price(base));
            let was = Arg::Text(i18n::money(lang, base));
            let args = [("label", label), ("price", Arg::Text(price.clone())), ("was", was)];
            (Some(price), i18n::text_with(lang, &super::cart::words(drop, "promo-applied"), &args))
        }
    };
    BuyChoice {
        code_price,
        code_prices,
        code_note: Some(note),
        code_seal: promo_seal(&state.sales, drop, code),
        promo: Some(promo),
        ..choice
    }
}

/// The share link the fan came by: the storefront's address (`?ref=`) as
/// the browser reports it, or carried by the confirm page.
fn source_of(req: &HttpRequest, form: &FormData) -> crate::domain::source::Source {
    match form.get("ref") {
        "" => req
            .headers()
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .map_or_else(crate::domain::source::Source::direct, crate::domain::source::of_url),
        carried => crate::domain::source::normalize(carried),
    }
}

/// *Apply code*: the storefront again, with the price the code gives or why
/// it gives nothing.
async fn apply_code(
    state: &AppState,
    entry: &CachedDrop,
    code: Option<&str>,
    seal: &str,
    picks: BuyChoice,
    client: &crate::web::Client,
) -> Result<HttpResponse, AppError> {
    let drop = &entry.drop;
    let lang = drop.language;
    let (status, choice) = match code {
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            BuyChoice { code_error: Some(i18n::text(lang, "promo-unknown")), ..picks },
        ),
        Some(code) => match usable_promo(&state.sales, drop, code, seal, client).await? {
            Ok(promo) => (StatusCode::OK, applied(state, drop, promo, code, picks)),
            Err(problem) => (promo_status(problem), code_refused(lang, problem, picks)),
        },
    };
    let res = render(status, &page(state, entry, choice, state.store.now_ms()))?;
    // A bad form comes back as it always did; only a checked code is kept from caches.
    Ok(if code.is_some() { crate::web::headers::no_store(res) } else { res })
}

/// `choice` with the code field saying why the code gives nothing (the same
/// words for every code that cannot be used).
fn code_refused(lang: crate::domain::Language, problem: crate::domain::PromoProblem, choice: BuyChoice) -> BuyChoice {
    BuyChoice { code_error: Some(i18n::promo_problem(lang, problem)), ..choice }
}

/// 429 for a client that tried too many codes, else 409.
fn promo_status(problem: crate::domain::PromoProblem) -> StatusCode {
    match problem {
        crate::domain::PromoProblem::TooManyTries => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::CONFLICT,
    }
}

/// The page for what came of the checkout.
async fn answer(
    state: &AppState,
    slug: &DropSlug,
    entry: std::sync::Arc<CachedDrop>,
    outcome: CheckoutOutcome,
    picks: BuyChoice,
    (seal, client): (&str, &Client),
) -> Result<HttpResponse, AppError> {
    let lang = entry.drop.language;
    // A storefront that comes back keeps the code the fan applied, unless
    // the code is what went wrong.
    let picks = match outcome {
        CheckoutOutcome::OnlyLeft { .. } | CheckoutOutcome::ProductShort { .. } => {
            with_applied_code(state, &entry.drop, picks, seal, client).await
        }
        _ => picks,
    };
    let back = format!("/d/{}", entry.drop.slug);
    let say = |id: &str, args: &[(&'static str, Arg)]| i18n::text_with(lang, id, args);
    match outcome {
        CheckoutOutcome::Pay { url } => Ok(crate::web::redirect(url)),
        CheckoutOutcome::OnlyLeft { left } => {
            let message = say("buy-only-left", &[("left", Arg::Number(left))]);
            let choice = BuyChoice { quantity: left, error: Some(message), ..picks };
            let fresh = state.shop.load(slug).await?.unwrap_or(entry);
            render(StatusCode::CONFLICT, &page(state, &fresh, choice, state.store.now_ms()))
        }
        CheckoutOutcome::ProductShort { product, left } => {
            // The storefront again, the cart kept, the short product named
            // (its card now says sold out when none are left); the drop
            // itself sold out, the sold-out page.
            let fresh = state.shop.load(slug).await?.unwrap_or(entry);
            if fresh.drop.state(state.store.now_ms()) != crate::domain::DropState::Live {
                return problem(
                    lang,
                    StatusCode::CONFLICT,
                    "problem-sold-out",
                    say("problem-sold-out-note", &[]),
                    back,
                );
            }
            let name = Arg::Text(i18n::product_name(lang, product));
            let message = match left {
                0 => say("buy-product-sold-out", &[("product", name)]),
                left => say("buy-product-only-left", &[("product", name), ("left", Arg::Number(left))]),
            };
            let choice = BuyChoice { error: Some(message), ..picks };
            render(StatusCode::CONFLICT, &page(state, &fresh, choice, state.store.now_ms()))
        }
        CheckoutOutcome::SoldOut => {
            problem(lang, StatusCode::CONFLICT, "problem-sold-out", say("problem-sold-out-note", &[]), back)
        }
        CheckoutOutcome::Ended => {
            problem(lang, StatusCode::CONFLICT, "problem-ended", say("problem-ended-note", &[]), back)
        }
        CheckoutOutcome::RateLimited { retry_after } => {
            let secs = retry_after_secs(retry_after);
            let message = say("problem-slow-down-note", &[("seconds", Arg::Number(secs as i64))]);
            let res = problem(lang, StatusCode::TOO_MANY_REQUESTS, "problem-slow-down", message, back)?;
            Ok(with_retry_after(res, secs))
        }
        CheckoutOutcome::TooManyHolds { open, hold_minutes } => {
            let message =
                say("problem-holds-note", &[("open", Arg::Number(open)), ("minutes", Arg::Number(hold_minutes))]);
            let res = problem(lang, StatusCode::TOO_MANY_REQUESTS, "problem-holds", message, back)?;
            Ok(with_retry_after(res, 60))
        }
        CheckoutOutcome::Refused => {
            let message = say("problem-refused-note", &[]);
            let res = problem(lang, StatusCode::SERVICE_UNAVAILABLE, "problem-payment", message, back)?;
            Ok(with_retry_after(res, 300))
        }
        CheckoutOutcome::Promo(problem) => {
            let choice = code_refused(lang, problem, picks);
            render(promo_status(problem), &page(state, &entry, choice, state.store.now_ms()))
        }
        CheckoutOutcome::NotTakingPayments => {
            let message = say("problem-not-taking-payments-note", &[]);
            problem(lang, StatusCode::CONFLICT, "problem-not-taking-payments", message, back)
        }
        CheckoutOutcome::Unavailable => {
            let message = say("problem-unavailable-note", &[]);
            let res = problem(lang, StatusCode::SERVICE_UNAVAILABLE, "problem-payment", message, back)?;
            Ok(with_retry_after(res, 60))
        }
    }
}
