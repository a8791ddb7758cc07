//! `/dashboard/drops/{id}`: one drop's private page, where the artist lands after
//! launching: the public link to share, a QR code, the numbers, and *End drop*.

use super::DropSummary;
use crate::auth::{CsrfToken, OwnedDrop};
use crate::design::Theme;
use crate::domain::{DropState, Language, Order, OrderStatus, ShippingAddress};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;

use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::{Layout, ShareLinks};
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "dashboard/drop.html")]
pub struct DropPage {
    /// Printful's orders for a drop it prints: each one's cost and the margin.
    pub printful: Option<PrintfulCosts>,
    pub layout: Layout,
    pub csrf: String,
    pub summary: DropSummary,
    /// Just launched: show the celebration banner.
    pub launched: bool,
    pub public_link: String,
    pub share: ShareLinks,
    /// The shirt picture (`/d/{slug}/shirts/…`).
    pub shirt: String,
    pub theme_name: String,
    pub price: String,
    pub goal: Option<i64>,
    /// The end (unix ms) and its label in UTC, shown in local time by the script.
    pub ends: Option<(i64, String)>,
    /// Orders past checkout, newest first.
    pub orders: Vec<OrderRow>,
    /// (colour key, colour name) of each shirt colour, for the print files.
    pub print_colours: Vec<PrintColour>,
    /// On a merch table, the products a code may cover: (key, name).
    pub code_products: Vec<(&'static str, String)>,
    /// The other products' print files: (key, "Poster: 12×18 in, …", colours).
    pub print_products: Vec<(&'static str, String, Vec<PrintColour>)>,
    pub stats: super::stats::SalesStats,
    pub show_raised: bool,
    pub slug: String,
    pub refunded: bool,
    /// Payments that did not match their order, and checkouts the provider
    /// refused: what needs the artist's attention.
    /// With the time each was noticed, labelled in UTC.
    pub problems: Vec<ProblemRow>,
    /// Fans' mail that was refused for good: "we could not reach jo@…".
    pub unreachable: Vec<String>,
    /// Stripe Connect: (what fans paid, popshop's fee, what the artist gets),
    /// refunds taken off; `None` without Connect.
    pub money: Option<(String, String, String)>,
    /// The "open a second wave" form (shown once the drop ended or sold out).
    pub reopen: ReopenForm,
    /// The codes that work on this drop.
    pub promos: Vec<PromoRow>,
    pub promo_form: PromoForm,
    /// Stripe Connect: the artist's account cannot take payments yet, so
    /// this drop cannot sell (the page says so, with the way to fix it).
    pub payouts_due: bool,
    /// Where fans came from.
    pub sources: Vec<SourceRow>,
    /// Paid orders per production state (issue 16), those with any.
    pub production: Vec<(String, i64)>,
}

/// A new promo code as typed, and what was wrong with it.
#[derive(Debug, Clone)]
pub struct PromoForm {
    pub code: String,
    /// "percent" or "amount".
    pub kind: String,
    pub value: String,
    pub max_uses: String,
    pub hours: String,
    /// "drop" or "all".
    pub scope: String,
    /// A product's key, or "" for every product.
    pub product: String,
    pub code_error: Option<String>,
    pub value_error: Option<String>,
    pub max_uses_error: Option<String>,
    pub hours_error: Option<String>,
    /// "Code FRIDAY is ready."
    pub created: Option<String>,
}

impl Default for PromoForm {
    fn default() -> Self {
        Self {
            code: String::new(),
            kind: "percent".into(),
            value: String::new(),
            max_uses: String::new(),
            hours: String::new(),
            scope: "drop".into(),
            product: String::new(),
            code_error: None,
            value_error: None,
            max_uses_error: None,
            hours_error: None,
            created: None,
        }
    }
}

/// A new wave as typed, and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct ReopenForm {
    /// The drop's stock is limited (more shirts are asked for).
    pub limited: bool,
    pub add_stock: String,
    pub hours: String,
    pub price: String,
    pub add_stock_error: Option<String>,
    pub hours_error: Option<String>,
    pub price_error: Option<String>,
    /// Just reopened as this wave.
    pub reopened: Option<i64>,
}

/// One order as the artist sees it.
pub struct OrderRow {
    pub id: crate::domain::OrderId,
    pub number: String,
    pub paid_at_ms: i64,
    /// "2026-11-27 21:05 UTC", until the page's script shows local time.
    pub paid_at_label: String,
    pub item: String,
    pub amount: String,
    /// The tax Stripe collected ("—" without).
    pub tax: String,
    pub status: OrderStatus,
    pub status_label: String,
    pub email: String,
    pub ship_to: String,
    pub refundable: bool,
    /// A demo order: no money moved.
    pub demo: bool,
}

impl OrderRow {
    fn of(order: &Order, slogan: &str, lang: Language) -> Self {
        Self {
            id: order.id.clone(),
            number: order.number.map_or_else(|| "—".to_owned(), |n| format!("#{n}")),
            paid_at_ms: order.paid_at.unwrap_or(order.created_at),
            paid_at_label: i18n::date_time_utc(lang, order.paid_at.unwrap_or(order.created_at)),
            item: i18n::order_item(lang, slogan, &order.lines),
            amount: i18n::money(lang, order.total_paid()),
            tax: if order.tax.minor() > 0 { i18n::money(lang, order.tax) } else { "—".to_owned() },
            status: order.status,
            status_label: order.status.localized(lang),
            email: order.email.clone().unwrap_or_default(),
            ship_to: order.shipping.as_ref().map(ShippingAddress::one_line).unwrap_or_default(),
            refundable: matches!(order.status, OrderStatus::Paid | OrderStatus::RefundDue)
                && !order.way.fulfilment.is_out(),
            demo: order.provider == "demo",
        }
    }
}

/// A shirt colour the print files come in.
pub struct PrintColour {
    pub key: &'static str,
    /// Its name in the page's language.
    pub name: String,
}

/// A payment the provider reported that did not match a checkout, or that
/// it refused: what needs the artist's attention.
pub struct ProblemRow {
    /// When, "2026-12-06 14:05 UTC" until the page's script shows local time.
    pub at: String,
    pub problem: crate::store::PaymentProblem,
}

/// A promo code in the drop page's list.
pub struct PromoRow {
    pub code: String,
    /// "code FRIDAY: 20% off each shirt".
    pub label: String,
    /// "3 of 40 used".
    pub uses: String,
    /// This drop, or all the artist's drops.
    pub scope: String,
    /// When it ends or ended; empty when it never does.
    pub ends: String,
}

impl PromoRow {
    fn of(p: &crate::domain::PromoCode, now: i64, lang: Language, merch: bool) -> Self {
        let uses = match p.max_uses {
            Some(max) => {
                i18n::text_with(lang, "promos-uses", &[("uses", Arg::Number(p.uses)), ("max", Arg::Number(max))])
            }
            None => i18n::text_with(lang, "promos-uses-unlimited", &[("uses", Arg::Number(p.uses))]),
        };
        let scope = i18n::text(lang, if p.drop_id.is_some() { "promos-this-drop" } else { "promos-all-drops" });
        let scope = match p.product {
            Some(product) => format!("{scope} · {}", i18n::product_name(lang, product)),
            None => scope,
        };
        let ends = match p.ends_at {
            Some(end) if end <= now => i18n::text(lang, "promos-ended"),
            Some(end) => i18n::text_with(lang, "promos-ends", &[("when", Arg::Text(i18n::date_time_utc(lang, end)))]),
            None => String::new(),
        };
        Self { code: p.code.clone(), label: i18n::promo_label(lang, p, merch), uses, scope, ends }
    }
}

/// One source in the table of where fans came from.
pub struct SourceRow {
    /// "X", "QR code", "?ref=newsletter".
    pub label: String,
    pub visits: i64,
    pub orders: i64,
    /// Paid for shirts, formatted.
    pub revenue: String,
    /// Orders per visit, "12%", or "—" without visits.
    pub conversion: String,
}

impl SourceRow {
    fn of(s: crate::store::SourceStats, currency: crate::domain::Currency, lang: Language) -> Self {
        let conversion = if s.visits > 0 {
            i18n::text_with(lang, "drop-percent", &[("value", Arg::Number(s.orders * 100 / s.visits))])
        } else {
            "—".to_owned()
        };
        Self {
            label: i18n::source_label(lang, &s.source),
            visits: s.visits,
            orders: s.orders,
            revenue: i18n::money(lang, crate::domain::Money::from_minor(s.revenue_minor, currency)),
            conversion,
        }
    }
}

/// Statuses shown in the artist's order list.
const LISTED: [OrderStatus; 6] = [
    OrderStatus::Paid,
    OrderStatus::Processing,
    OrderStatus::RefundDue,
    OrderStatus::Refunded,
    OrderStatus::Disputed,
    OrderStatus::DisputeLost,
];

#[derive(serde::Deserialize)]
pub struct DropQuery {
    launched: Option<String>,
    refunded: Option<String>,
    wave: Option<i64>,
    code: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    owned: OwnedDrop,
    csrf: CsrfToken,
    query: web::Query<DropQuery>,
    lang: PageLanguage,
) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    let mut page = drop_page(&state, drop, lang.0, csrf).await?;
    page.launched = query.launched.is_some();
    page.refunded = query.refunded.is_some();
    page.reopen.reopened = query.wave;
    page.promo_form.created = query
        .code
        .as_ref()
        .map(|c| i18n::text_with(lang.0, "promos-created", &[("code", Arg::Text(c.chars().take(20).collect()))]));
    Ok(crate::web::headers::no_store(render(StatusCode::OK, &page)?))
}

/// The artist's page of one of their drops.
pub async fn drop_page(
    state: &AppState,
    drop: crate::domain::Drop,
    lang: Language,
    csrf: CsrfToken,
) -> Result<DropPage, AppError> {
    let (variants, timeline) = state.store.drop_sales(&drop.id).await?;
    let waves = state.store.waves_of(&drop.id).await?;
    let now = state.store.now_ms();
    let promos = state
        .store
        .promos_for_drop(&drop.account_id, &drop.id)
        .await?
        .iter()
        .map(|p| PromoRow::of(p, now, lang, drop.has_merch_table()))
        .collect();
    let public_link = format!("{}/d/{}", state.settings.base_url(), drop.slug);
    // The post is for the drop's fans: in the drop's language.
    let text = i18n::text_with(drop.language, "share-text", &[("slogan", Arg::Text(drop.slogan.clone()))]);
    let theme = Theme::of_drop(&drop.theme, &drop.slogan);
    let money = match state.sales.payments.connect_fee() {
        None => None,
        Some(_) => {
            let m = state.store.drop_money(&drop.id).await?;
            let show = |minor| i18n::money(lang, crate::domain::Money::from_minor(minor, drop.currency()));
            Some((show(m.gross_minor), show(m.fees_minor), show(m.net_minor())))
        }
    };
    let page = DropPage {
        money,
        layout: Layout::house(lang, &drop.slogan).signed_in(true, &csrf.0),
        csrf: csrf.0,
        summary: DropSummary::of(&drop, state.store.now_ms(), lang),
        launched: false,
        share: ShareLinks::new(&text, public_link.clone()),
        // The copied link says so when it brings fans.
        public_link: crate::domain::source::with_ref(&public_link, crate::domain::source::LINK),
        shirt: crate::shop::shirt_src(&drop, drop.colours.first(), crate::design::View::Front),
        theme_name: i18n::look_name(lang, theme),
        price: i18n::money(lang, drop.price),
        goal: drop.goal,
        ends: drop.ends_at.map(|end| (end, i18n::date_time_utc(lang, end))),
        orders: state
            .store
            .orders_of_drop(&drop.id, &LISTED, 200)
            .await?
            .iter()
            .map(|o| OrderRow::of(o, &drop.slogan, lang))
            .collect(),
        refunded: false,
        reopen: ReopenForm { limited: drop.stock.is_some(), ..ReopenForm::default() },
        promos,
        promo_form: PromoForm::default(),
        payouts_due: state.sales.payments.connect_fee().is_some() && drop.payments_to.is_none(),
        printful: match drop.printer {
            crate::domain::Printer::Printful => Some(PrintfulCosts::of(
                &state.store.print_costs(&drop.id).await?,
                state.settings.production_delay,
                lang,
            )),
            crate::domain::Printer::Own => None,
        },
        production: state
            .store
            .fulfilment_counts(&drop.id)
            .await?
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(f, n)| (i18n::text(lang, &format!("fulfilment-{}", f.key())), n))
            .collect(),
        sources: state
            .store
            .source_stats(&drop.id)
            .await?
            .into_iter()
            .map(|s| SourceRow::of(s, drop.currency(), lang))
            .collect(),
        print_colours: drop
            .colours
            .as_slice()
            .iter()
            .map(|c| PrintColour { key: c.key, name: i18n::colour_name(lang, *c) })
            .collect(),
        code_products: if drop.has_merch_table() {
            drop.products.iter().map(|p| (p.product.key(), i18n::product_name(lang, p.product))).collect()
        } else {
            Vec::new()
        },
        print_products: drop
            .products
            .iter()
            .filter(|p| p.product != crate::domain::Product::Tee)
            .map(|p| {
                let print = p.product.spec().print;
                let label = i18n::text_with(
                    lang,
                    if print.cut_line {
                        "drop-print-product-cut"
                    } else if print.bleed_in > 0.0 {
                        "drop-print-product-bleed"
                    } else {
                        "drop-print-product"
                    },
                    &[
                        ("product", i18n::Arg::Text(i18n::product_name(lang, p.product))),
                        ("size", i18n::Arg::Text(format!("{}×{}", print.width_in, print.height_in))),
                        ("bleed", i18n::Arg::Text(format!("{}", print.bleed_in))),
                    ],
                );
                let colours =
                    p.colours.iter().map(|c| PrintColour { key: c.key, name: i18n::colour_name(lang, *c) }).collect();
                (p.product.key(), label, colours)
            })
            .collect(),
        stats: super::stats::sales_stats(&drop, variants, &timeline, &waves, state.store.now_ms(), lang),
        slug: drop.slug.to_string(),
        show_raised: drop.show_raised,
        problems: state
            .store
            .payment_problems(&drop.id, 20)
            .await?
            .into_iter()
            .map(|problem| ProblemRow { at: i18n::date_time_utc(lang, problem.created_at), problem })
            .collect(),
        unreachable: state
            .store
            .failed_mail_of_drop(&drop.id)
            .await?
            .iter()
            .map(|failed| crate::mail::could_not_reach(lang, failed))
            .collect(),
    };
    Ok(page)
}

/// The Printful section of a drop Printful prints.
pub struct PrintfulCosts {
    /// Minutes a paid order waits before it goes to Printful.
    pub delay_minutes: u64,
    /// Per order: reference, state, Printful's cost, what the artist keeps after it.
    pub rows: Vec<PrintfulRow>,
    /// Printful's cost of the orders it has costed, and the margin on them.
    pub total_cost: String,
    pub margin: String,
    /// Printful refused an order: the artist is told what to do.
    pub refused: bool,
    /// Printful bills in another currency than the drop's (its code): no
    /// margin is worked out, and the page says why.
    pub other_currency: Option<String>,
}

pub struct PrintfulRow {
    /// "#12", as the orders table numbers it.
    pub number: String,
    pub state: String,
    pub cost: String,
    pub margin: String,
    /// Why Printful refused it, or why the last try failed.
    pub note: String,
}

impl PrintfulCosts {
    fn of(costs: &[crate::store::PrintCost], delay: std::time::Duration, lang: crate::domain::Language) -> Self {
        let mut total: Option<crate::domain::Money> = None;
        let mut margin: Option<crate::domain::Money> = None;
        let add = |sum: &mut Option<crate::domain::Money>, m: crate::domain::Money| {
            *sum = Some(match sum {
                Some(s) => crate::domain::Money::from_minor(s.minor() + m.minor(), s.currency()),
                None => m,
            });
        };
        let mut rows = Vec::new();
        for c in costs {
            // Printful bills in the store's currency; a margin is only
            // worked out where that is the drop's.
            let kept_after = c
                .cost
                .filter(|cost| cost.currency() == c.kept.currency())
                .map(|cost| crate::domain::Money::from_minor(c.kept.minor() - cost.minor(), cost.currency()));
            if let Some(cost) = c.cost {
                add(&mut total, cost);
            }
            if let Some(m) = kept_after {
                add(&mut margin, m);
            }
            rows.push(PrintfulRow {
                number: c.number.map_or_else(|| "—".to_owned(), |n| format!("#{n}")),
                state: i18n::text(lang, &format!("printful-state-{}", c.state)),
                cost: c.cost.map(|m| i18n::money(lang, m)).unwrap_or_else(|| "—".into()),
                margin: kept_after.map(|m| i18n::money(lang, m)).unwrap_or_else(|| "—".into()),
                note: c.last_error.clone(),
            });
        }
        Self {
            other_currency: costs
                .iter()
                .filter_map(|c| c.cost)
                .find(|cost| costs.first().is_some_and(|c| c.kept.currency() != cost.currency()))
                .map(|cost| cost.currency().code().to_uppercase()),
            refused: costs.iter().any(|c| c.state == "refused"),
            delay_minutes: delay.as_secs() / 60,
            rows,
            total_cost: total.map(|m| i18n::money(lang, m)).unwrap_or_else(|| "—".into()),
            margin: margin.map(|m| i18n::money(lang, m)).unwrap_or_else(|| "—".into()),
        }
    }
}
