//! The fan's order page, `/orders/{token}`: what was bought, where it goes,
//! where it stands, and how to reach the artist, with no account. The token
//! (256 random bits, `orders.view_token`) is the only key: the page is never
//! cached, sends no `Referer` anywhere, and its path is logged without it
//! (`server::envelope`).

use crate::auth::CsrfToken;
use crate::auth::csrf;
use crate::domain::{Order, OrderStatus};
use crate::i18n;
use crate::state::AppState;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::{Action, Client, redirect, render};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

/// How often one order's confirmation may be sent again.
pub const RESEND_EVERY_MS: i64 = 10 * 60 * 1000;

#[derive(Template)]
#[template(path = "orders/show.html")]
pub struct OrderPage {
    pub layout: Layout,
    pub csrf: String,
    pub token: String,
    pub status: OrderStatus,
    pub slug: String,
    pub slogan: String,
    pub artist_name: String,
    /// The artist's confirmed address, for questions.
    pub artist_email: Option<String>,
    pub number: Option<i64>,
    pub reference: String,
    pub item: String,
    pub amount: String,
    pub shipping: String,
    pub code: Option<String>,
    pub ship_to: Vec<String>,
    pub email: Option<String>,
    pub paid_at: Option<String>,
    pub shirt: String,
    /// After "Email me this again": sent, or asked too soon.
    pub mail: Option<MailNote>,
    /// A paid order's way to the fan (issue 16): each step, done or not.
    pub way: Vec<Step>,
    /// Once shipped: the carrier, the number and its tracking page.
    pub tracking: Option<(String, String, Option<String>)>,
    /// Until delivered: when it should arrive ("between … and …").
    pub estimate: Option<String>,
    /// The heading of a paid order: paid, in production, on its way, delivered.
    pub heading_key: &'static str,
}

/// One step of the order's way.
pub struct Step {
    pub label: String,
    /// When it happened; `None` while still ahead.
    pub at: Option<String>,
    /// The step the order is at now.
    pub current: bool,
}

/// A paid order's steps: paid, in production, shipped, delivered (or
/// returned / refused by the printer, where it ended up instead).
fn way_of(lang: crate::domain::Language, order: &crate::domain::Order) -> Vec<Step> {
    use crate::domain::Fulfilment as F;
    if order.status != OrderStatus::Paid {
        return Vec::new();
    }
    let t = |id: &str| i18n::text(lang, id);
    let at = |ms: Option<i64>| ms.map(|ms| i18n::date_time_utc(lang, ms));
    let mut steps = vec![
        Step { label: t("order-way-paid"), at: at(order.paid_at), current: order.way.fulfilment == F::Waiting },
        Step {
            label: t("fulfilment-in-production"),
            at: at(order.way.produced_at),
            current: order.way.fulfilment == F::InProduction,
        },
        Step {
            label: t("fulfilment-shipped"),
            at: at(order.way.shipped_at),
            current: order.way.fulfilment == F::Shipped,
        },
        Step {
            label: t("fulfilment-delivered"),
            at: at(order.way.delivered_at),
            current: order.way.fulfilment == F::Delivered,
        },
    ];
    if matches!(order.way.fulfilment, F::Returned | F::PrinterRefused) {
        steps.retain(|s| s.at.is_some());
        steps.push(Step { label: t(&format!("fulfilment-{}", order.way.fulfilment.key())), at: None, current: true });
    }
    steps
}

/// When a paid order not yet delivered should arrive: the drop's promise
/// in business days, counted from shipping (or from payment).
fn estimate_of(
    lang: crate::domain::Language,
    order: &crate::domain::Order,
    delivery: crate::domain::Delivery,
) -> Option<String> {
    use crate::domain::Fulfilment as F;
    if order.status != OrderStatus::Paid || !matches!(order.way.fulfilment, F::Waiting | F::InProduction | F::Shipped) {
        return None;
    }
    let from = order.way.shipped_at.or(order.paid_at)?;
    let (first, last) = if order.way.fulfilment == F::Shipped {
        // Once shipped, the carrier's part is left: about half the promise.
        ((delivery.min_days / 2).max(1), (delivery.max_days / 2).max(2))
    } else {
        (delivery.min_days, delivery.max_days)
    };
    let date = |days| i18n::date_utc(lang, add_business_days(from, days));
    Some(i18n::text_with(
        lang,
        "order-way-estimate",
        &[("from", i18n::Arg::Text(date(first))), ("to", i18n::Arg::Text(date(last)))],
    ))
}

/// `ms` plus `days` working days (Monday to Friday), in UTC.
fn add_business_days(ms: i64, days: i64) -> i64 {
    const DAY: i64 = 86_400_000;
    let mut at = ms;
    let mut left = days;
    while left > 0 {
        at += DAY;
        // 1970-01-01 was a Thursday: day 0 → Thursday.
        let weekday = (at.div_euclid(DAY) + 3).rem_euclid(7); // 0 = Monday
        if weekday < 5 {
            left -= 1;
        }
    }
    at
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailNote {
    Sent,
    Wait,
}

impl OrderPage {
    /// Whether the page offers "Email me this again".
    pub fn can_resend(&self) -> bool {
        self.email.is_some() && matches!(self.status, OrderStatus::Paid | OrderStatus::Refunded)
    }
}

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    mail: String,
}

async fn order_of(state: &AppState, token: &str) -> Result<Order, AppError> {
    if !crate::web::headers::is_secret(token) {
        return Err(AppError::NotFound);
    }
    state.store.order_by_view_token(token).await?.ok_or(AppError::NotFound)
}

pub async fn show(
    state: web::Data<AppState>,
    token: web::Path<String>,
    query: web::Query<ShowQuery>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let order = order_of(&state, &token).await?;
    let drop = state.store.drop_by_id(&order.drop_id).await?.ok_or(AppError::NotFound)?;
    let artist = state.store.account_by_id(&drop.account_id).await?;
    let lang = drop.language;
    let theme = crate::design::Theme::of_drop(&drop.theme, &drop.slogan);
    let title = i18n::text_with(lang, "order-page-title", &[("reference", i18n::Arg::Text(order.reference()))]);
    let mut layout = Layout::themed(lang, format!("{title} — {}", drop.slogan), theme, state.design.fonts());
    layout.body_class = "themed shop";
    layout.description = Some(i18n::text_with(
        lang,
        "order-page-description",
        &[("slogan", i18n::Arg::Text(drop.slogan.clone())), ("artist", i18n::Arg::Text(drop.artist_name.clone()))],
    ));
    let page = OrderPage {
        layout,
        csrf: csrf.0,
        token: token.into_inner(),
        status: order.status,
        slug: drop.slug.to_string(),
        artist_email: artist.filter(|a| a.confirmed).map(|a| a.email),
        number: order.number,
        reference: order.reference(),
        item: i18n::order_item(lang, &drop.slogan, &order.lines),
        amount: i18n::order_total(lang, &order),
        shipping: crate::shop::shipping_line(lang, order.shipping_cost, drop.delivery),
        code: order.promo_code.as_ref().map(|code| {
            i18n::text_with(
                lang,
                "mail-order-code",
                &[
                    ("code", i18n::Arg::Text(code.clone())),
                    ("amount", i18n::Arg::Text(i18n::money(lang, order.discount))),
                ],
            )
        }),
        ship_to: order.shipping.as_ref().map(crate::domain::ShippingAddress::lines).unwrap_or_default(),
        email: order.email.clone().filter(|e| !e.is_empty()),
        paid_at: order.paid_at.map(|ms| i18n::date_time_utc(lang, ms)),
        shirt: crate::shop::order_src(&drop, &order),
        way: way_of(lang, &order),
        heading_key: match order.way.fulfilment {
            crate::domain::Fulfilment::InProduction => "order-page-making",
            crate::domain::Fulfilment::Shipped => "mail-shipped-heading",
            crate::domain::Fulfilment::Delivered => "order-page-delivered",
            _ => "order-page-paid",
        },
        tracking: (!order.way.tracking_number.is_empty()).then(|| {
            (
                order.way.carrier.map(|c| c.name.to_owned()).unwrap_or_default(),
                order.way.tracking_number.clone(),
                order.way.tracking_url.clone(),
            )
        }),
        estimate: estimate_of(lang, &order, drop.delivery),
        slogan: drop.slogan,
        artist_name: drop.artist_name,
        mail: match query.mail.as_str() {
            "sent" => Some(MailNote::Sent),
            "wait" => Some(MailNote::Wait),
            _ => None,
        },
    };
    Ok(private(render(StatusCode::OK, &page)?))
}

/// "Email me this again": the confirmation queued anew, at most every
/// [`RESEND_EVERY_MS`] per order and [`crate::web::limits::ORDER_MAIL_PER_HOUR`]
/// per client.
pub async fn resend(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    client: Client,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    csrf::verified_form(&req, &body)?;
    let order = order_of(&state, &token).await?;
    let sent = state.limits.check(Action::OrderMail, &client).is_ok()
        && state.store.mail_order_again(&order.id, RESEND_EVERY_MS).await?;
    let note = if sent { "sent" } else { "wait" };
    Ok(private(redirect(format!("/orders/{}?mail={note}#mail", token.as_str()))))
}

/// Never cached, never sent on as a `Referer`, never indexed.
fn private(res: HttpResponse) -> HttpResponse {
    let mut res = crate::web::headers::secret_page(res);
    res.headers_mut().insert(header::HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex"));
    res
}
