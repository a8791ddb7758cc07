//! The production queue (issue 16): an artist's paid orders on their way to
//! fans, per drop (`/dashboard/drops/{id}/production`) and across all drops
//! (`/dashboard/production`), filtered by state. *Send to the printer*
//! marks the chosen orders (or all waiting) in production; each order in
//! production is marked shipped with a carrier and a tracking number, or
//! all at once from the printer's CSV (`order,carrier,tracking_number
//! [,tracking_url]`): every line is checked first, and nothing changes
//! unless all are right. Fans get their "on its way" mail once.

use crate::auth::{Artist, CsrfToken, csrf};
use crate::domain::{Carrier, DropId, Fulfilment, Language, Order, OrderId, TrackingNumber};
use crate::i18n::{self, Arg};
use crate::state::AppState;
use crate::store::{LineProblem, ShipLine, Shipment};
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::layout::Layout;
use crate::web::page::render;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;

/// Orders one page lists at most.
const LISTED: i64 = 500;
/// The largest tracking CSV taken (about 5,000 lines).
const CSV_AT_MOST: usize = 512 * 1024;

#[derive(serde::Deserialize, Default)]
pub struct Query {
    state: Option<String>,
    /// After a move: how many orders it moved (and, for a CSV, how many
    /// lines were there already).
    sent: Option<usize>,
    shipped: Option<usize>,
    again: Option<usize>,
}

/// One filter tab.
pub struct Tab {
    pub href: String,
    pub label: String,
    pub count: i64,
    pub current: bool,
}

/// One order as the queue shows it.
pub struct Row {
    pub id: OrderId,
    pub reference: String,
    pub slogan: String,
    pub name: String,
    pub address: String,
    pub item: String,
    pub state: Fulfilment,
    pub state_label: String,
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
    pub note: String,
}

#[derive(Template)]
#[template(path = "dashboard/production.html")]
pub struct ProductionPage {
    pub layout: Layout,
    pub csrf: String,
    /// The drop the page is about (`None`: all drops).
    pub drop: Option<(DropId, String)>,
    /// This page's own address (forms come back to it).
    pub here: String,
    pub tabs: Vec<Tab>,
    pub rows: Vec<Row>,
    pub waiting: i64,
    pub in_production: i64,
    pub carriers: Vec<(&'static str, &'static str)>,
    pub notice: Option<String>,
    /// A refused tracking CSV: one message per wrong line.
    pub csv_errors: Vec<String>,
}

/// `GET /dashboard/drops/{id}/production`.
pub async fn for_drop(
    state: web::Data<AppState>,
    owned: crate::auth::OwnedDrop,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    let here = format!("/dashboard/drops/{}/production", drop.id);
    let page =
        page(&state, &owned.artist.id, Some((drop.id.clone(), drop.slogan.clone())), here, lang.0, &csrf, &query)
            .await?;
    render(StatusCode::OK, &page)
}

/// `GET /dashboard/production`: every drop's orders.
pub async fn for_all(
    state: web::Data<AppState>,
    artist: Artist,
    csrf: CsrfToken,
    lang: PageLanguage,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let page = page(&state, &artist.0.id, None, "/dashboard/production".into(), lang.0, &csrf, &query).await?;
    render(StatusCode::OK, &page)
}

async fn page(
    state: &AppState,
    account_id: &str,
    drop: Option<(DropId, String)>,
    here: String,
    lang: Language,
    csrf: &CsrfToken,
    query: &Query,
) -> Result<ProductionPage, AppError> {
    let t = |id: &str| i18n::text(lang, id);
    let filter = query.state.as_deref().and_then(Fulfilment::from_key);
    let drop_id = drop.as_ref().map(|(id, _)| id.as_str());
    let all = state.store.production_orders(account_id, drop_id, None, 100_000).await?;
    let count = |f: Option<Fulfilment>| all.iter().filter(|o| f.is_none_or(|f| o.way.fulfilment == f)).count() as i64;
    let mut tabs =
        vec![Tab { href: here.clone(), label: t("production-all"), count: count(None), current: filter.is_none() }];
    for f in Fulfilment::ALL {
        tabs.push(Tab {
            href: format!("{here}?state={}", f.key()),
            label: state_label(lang, f),
            count: count(Some(f)),
            current: filter == Some(f),
        });
    }
    let mut slogans = std::collections::HashMap::new();
    let mut rows = Vec::new();
    for order in all.iter().filter(|o| filter.is_none_or(|f| o.way.fulfilment == f)).take(LISTED as usize) {
        let slogan = match &drop {
            Some((_, slogan)) => slogan.clone(),
            None => match slogans.get(&order.drop_id) {
                Some(s) => String::clone(s),
                None => {
                    let s = state.store.drop_by_id(&order.drop_id).await?.map(|d| d.slogan).unwrap_or_default();
                    slogans.insert(order.drop_id.clone(), s.clone());
                    s
                }
            },
        };
        rows.push(row(lang, order, slogan));
    }
    let notice = match (query.sent, query.shipped) {
        (Some(n), _) => Some(i18n::text_with(lang, "production-sent", &[("count", Arg::Number(n as i64))])),
        (_, Some(n)) => Some(i18n::text_with(
            lang,
            "production-shipped",
            &[("count", Arg::Number(n as i64)), ("again", Arg::Number(query.again.unwrap_or(0) as i64))],
        )),
        _ => None,
    };
    let title = t("production-title");
    Ok(ProductionPage {
        layout: Layout::house(lang, &title).signed_in(true, &csrf.0),
        csrf: csrf.0.clone(),
        waiting: count(Some(Fulfilment::Waiting)),
        in_production: count(Some(Fulfilment::InProduction)),
        drop,
        here,
        tabs,
        rows,
        carriers: Carrier::ALL.iter().map(|c| (c.key, c.name)).collect(),
        notice,
        csv_errors: Vec::new(),
    })
}

fn state_label(lang: Language, f: Fulfilment) -> String {
    i18n::text(lang, &format!("fulfilment-{}", f.key()))
}

fn row(lang: Language, order: &Order, slogan: String) -> Row {
    Row {
        id: order.id.clone(),
        reference: order.reference(),
        item: i18n::order_item(lang, &slogan, &order.lines),
        slogan,
        name: order.name.clone().unwrap_or_default(),
        address: order.shipping.as_ref().map(|a| a.one_line()).unwrap_or_default(),
        state: order.way.fulfilment,
        state_label: state_label(lang, order.way.fulfilment),
        carrier: order.way.carrier.map(|c| c.name.to_owned()).unwrap_or_default(),
        tracking_number: order.way.tracking_number.clone(),
        tracking_url: order.way.tracking_url.clone(),
        note: order.way.note.clone(),
    }
}

/// Where a form comes back to: its `back` field when it is one of the
/// dashboard's own pages, else the queue of all drops.
fn back_of(back: &str) -> String {
    let ok = back.starts_with("/dashboard/") && !back.contains("//") && !back.contains(['\r', '\n', '?', '#']);
    if ok { back.to_owned() } else { "/dashboard/production".into() }
}

/// `GET /dashboard/drops/{id}/production/package.zip`: the printer's
/// package for the drop's orders in production: `orders.csv` (address,
/// size, colour, quantity per order), `packing-list.txt`, and per shirt
/// colour among them the 300 DPI print file (PNG) and its outlined SVG.
pub async fn package(state: web::Data<AppState>, owned: crate::auth::OwnedDrop) -> Result<HttpResponse, AppError> {
    let drop = owned.drop;
    let orders = state
        .store
        .production_orders(&owned.artist.id, Some(&drop.id), Some(Fulfilment::InProduction), 100_000)
        .await?;
    if orders.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut files = vec![
        ("orders.csv".to_owned(), crate::fulfilment::orders_csv(&orders).into_bytes()),
        ("packing-list.txt".to_owned(), crate::fulfilment::packing_list(&drop.slogan, &orders).into_bytes()),
    ];
    // A print file per product and colour the orders' lines need.
    let mut needed: Vec<(crate::domain::Product, crate::domain::ShirtColour)> =
        orders.iter().flat_map(|o| o.lines.iter().map(|l| (l.product, l.colour))).collect();
    needed.sort_by_key(|(p, c)| (*p, c.key));
    needed.dedup_by_key(|(p, c)| (*p, c.key));
    let theme = crate::design::Theme::of_drop(&drop.theme, &drop.slogan);
    for (product, colour) in needed {
        let (design, slogan) = (state.design.clone(), drop.slogan.clone());
        // One print file at a time, beside every other print render.
        let (png, svg) = state
            .limits
            .prints
            .run(move || match product {
                crate::domain::Product::Tee => {
                    Ok((design.print_png(&slogan, theme, colour)?, design.print_svg(&slogan, theme, colour)?))
                }
                _ => Ok((
                    design.product_print_png(&slogan, theme, colour, product)?,
                    design.product_print_svg(&slogan, theme, colour, product)?,
                )),
            })
            .await
            .map_err(|e| anyhow::anyhow!("print render: {e}"))?;
        // The T-shirt's files keep their names; other products say theirs.
        let name = match product {
            crate::domain::Product::Tee => colour.key.to_owned(),
            _ => format!("{}-{}", product.key(), colour.key),
        };
        files.push((format!("print-{name}-300dpi.png"), png));
        files.push((format!("print-{name}.svg"), svg.into_bytes()));
    }
    let zip = web::block(move || crate::fulfilment::zip(&files)).await.map_err(|e| anyhow::anyhow!("{e}"))??;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"popshop-{}-printer-package.zip\"", drop.slug),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"))
        .body(zip))
}

/// `POST /dashboard/production/start`: the chosen orders (`order`, any
/// number), or with `all` every waiting order of `drop` (or of every drop),
/// go to the printer.
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let back = back_of(form.get("back"));
    let drop = Some(form.get("drop")).filter(|d| !d.is_empty());
    let chosen: Vec<OrderId> = form.all("order").into_iter().map(OrderId::from).collect();
    let only = if form.get("all").is_empty() { Some(chosen.as_slice()) } else { None };
    let moved = state.store.start_production(&artist.0.id, drop, only).await?;
    Ok(crate::web::redirect(format!("{back}?state=in-production&sent={}", moved.len())))
}

/// `POST /dashboard/orders/{order}/ship`: one order in production, shipped.
pub async fn ship(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let back = back_of(form.get("back"));
    let lang = PageLanguage::of(&req);
    let Ok(shipment) = shipment(form.get("carrier"), form.get("tracking_number"), form.get("tracking_url")) else {
        return refused(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "production-not-shipped",
            "production-bad-tracking",
            back,
        );
    };
    if !state.store.ship_order(&artist.0.id, &path, &shipment).await? {
        return refused(lang, StatusCode::CONFLICT, "production-not-shipped", "production-not-in-production", back);
    }
    Ok(crate::web::redirect(format!("{back}?shipped=1")))
}

/// `POST /dashboard/orders/{order}/{delivered|returned}`.
pub async fn move_order(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = csrf::verified_form(&req, &body)?;
    let back = back_of(form.get("back"));
    let (order, to) = path.into_inner();
    let moved = match to.as_str() {
        "delivered" => state.store.mark_delivered(&artist.0.id, &order).await?,
        "returned" => state.store.mark_returned(&artist.0.id, &order).await?,
        _ => return Err(AppError::NotFound),
    };
    if !moved {
        let lang = PageLanguage::of(&req);
        return refused(lang, StatusCode::CONFLICT, "production-not-moved", "production-wrong-state", back);
    }
    Ok(crate::web::redirect(back))
}

/// A move the queue could not make: a page saying why, leading back.
fn refused(
    lang: Language,
    status: StatusCode,
    heading: &str,
    message: &str,
    back: String,
) -> Result<HttpResponse, AppError> {
    crate::web::problem::problem_page(lang, status, heading, i18n::text(lang, message), back, "production-back")
}

/// A carrier, number and optional link as typed (or as a CSV has them).
fn shipment(carrier: &str, number: &str, url: &str) -> Result<Shipment, &'static str> {
    let carrier = Carrier::parse(carrier).ok_or("carrier")?;
    let number = TrackingNumber::parse(number).ok_or("number")?;
    let url = match url.trim() {
        "" => None,
        given => Some(crate::domain::shipping::tracking_url_of(given).ok_or("url")?),
    };
    if carrier.tracking_url(number.as_str()).is_none() && url.is_none() {
        return Err("url");
    }
    Ok(Shipment { carrier, number, url })
}

/// `POST /dashboard/production/tracking` (a file upload): the printer's CSV.
pub async fn tracking(
    req: HttpRequest,
    state: web::Data<AppState>,
    artist: Artist,
    csrf_token: CsrfToken,
    mut parts: Multipart,
) -> Result<HttpResponse, AppError> {
    let lang = PageLanguage::of(&req);
    let (mut token, mut back, mut file) = (String::new(), String::new(), Vec::new());
    let mut total = 0;
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(|_| AppError::BadRequest)?;
        let name = part.content_disposition().and_then(|d| d.get_name()).unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(|_| AppError::BadRequest)?;
            total += chunk.len();
            if total > CSV_AT_MOST {
                return Err(AppError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "csrf" => token = String::from_utf8_lossy(&bytes).into_owned(),
            "back" => back = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = bytes,
            _ => {}
        }
    }
    csrf::verify(&req, &token)?;
    let back = back_of(&back);
    let refuse = |errors: Vec<String>| async {
        let query = Query::default();
        let drop = drop_of(&state, &artist.0.id, &back).await?;
        let mut page = page(&state, &artist.0.id, drop, back.clone(), lang, &csrf_token, &query).await?;
        page.csv_errors = errors;
        render(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let lines = match read_csv(lang, &file) {
        Ok(lines) => lines,
        Err(errors) => return refuse(errors).await,
    };
    match state.store.ship_lines(&artist.0.id, &lines).await? {
        Ok(done) => {
            Ok(crate::web::redirect(format!("{back}?state=shipped&shipped={}&again={}", done.shipped, done.again)))
        }
        Err(problems) => {
            let errors = problems
                .into_iter()
                .map(|(line, problem)| {
                    let id = match problem {
                        LineProblem::UnknownOrder => "production-line-unknown",
                        LineProblem::NotInProduction => "production-line-not-in-production",
                        LineProblem::ShippedElsewhere => "production-line-shipped-elsewhere",
                        LineProblem::Duplicate => "production-line-duplicate",
                        LineProblem::Ambiguous => "production-line-ambiguous",
                    };
                    line_message(lang, line, id)
                })
                .collect();
            refuse(errors).await
        }
    }
}

/// The drop a queue page is about, from its address.
async fn drop_of(state: &AppState, account_id: &str, back: &str) -> Result<Option<(DropId, String)>, AppError> {
    let Some(id) = back.strip_prefix("/dashboard/drops/").and_then(|r| r.strip_suffix("/production")) else {
        return Ok(None);
    };
    Ok(state.store.drop_by_id(id).await?.filter(|d| d.account_id.as_str() == account_id).map(|d| (d.id, d.slogan)))
}

fn line_message(lang: Language, line: usize, id: &str) -> String {
    i18n::text_with(lang, id, &[("line", Arg::Number(line as i64))])
}

/// The printer's CSV: a header row naming `order`, `carrier` and
/// `tracking_number` (and perhaps `tracking_url`), in any order, then one
/// order a line. Every wrong line is named.
fn read_csv(lang: Language, bytes: &[u8]) -> Result<Vec<ShipLine>, Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase()).collect(),
        Err(_) => return Err(vec![i18n::text(lang, "production-csv-unreadable")]),
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(order), Some(carrier), Some(number)) = (column("order"), column("carrier"), column("tracking_number"))
    else {
        return Err(vec![i18n::text(lang, "production-csv-header")]);
    };
    let url = column("tracking_url");
    let (mut lines, mut errors) = (Vec::new(), Vec::new());
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            errors.push(line_message(lang, line, "production-line-unreadable"));
            continue;
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |at: usize| record.get(at).unwrap_or_default();
        match shipment(get(carrier), get(number), url.map(get).unwrap_or_default()) {
            Ok(shipment) => lines.push(ShipLine { line, reference: get(order).to_owned(), shipment }),
            Err("carrier") => errors.push(line_message(lang, line, "production-line-carrier")),
            Err("number") => errors.push(line_message(lang, line, "production-line-number")),
            Err(_) => errors.push(line_message(lang, line, "production-line-url")),
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(i18n::text(lang, "production-csv-empty"));
    }
    if errors.is_empty() { Ok(lines) } else { Err(errors) }
}
