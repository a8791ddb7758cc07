//! `GET /d/{slug}`: the themed storefront of one drop.

use crate::design::{CUT_FONTS, FontLibrary, View};
use crate::domain::details::{inches, inches_of_mm};
use crate::domain::{DropSlug, DropState, Measures, Product, ShirtColour, Size};
use crate::i18n::{self, Arg};
use crate::shop::{CachedDrop, RenderedPage};
use crate::state::AppState;

use crate::web::compressed::Precompressed;
use crate::web::error::AppError;
use crate::web::layout::{Layout, SocialMeta};
use actix_web::HttpRequest;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use askama::Template;
use std::sync::Arc;

/// One shirt colour on offer.
pub struct ColourOption {
    pub key: &'static str,
    pub name: String,
    pub swatch: &'static str,
    pub checked: bool,
}

/// One picture of the shirt in the storefront's gallery.
pub struct ShirtPicture {
    pub view: View,
    /// `/d/{slug}/shirts/{colour}-{view}.svg?v={design}`.
    pub src: String,
    pub alt: String,
}

/// One product on the merch table.
pub struct ProductCard {
    pub key: &'static str,
    pub name: String,
    pub price: String,
    /// Its picture in its first colour.
    pub picture: String,
    pub alt: String,
    /// Its pictures in each colour it comes in, one per view it is shown in
    /// (apparel: front, back, on a hanger; the others one scene). The
    /// page shows the picked colour's (CSS rules written from these).
    pub galleries: Vec<ProductGallery>,
    pub sold_out: bool,
    /// "S–3XL", "One size".
    pub sizes: String,
    /// Sold in one size: the size picker hides while it is picked.
    pub one_size: bool,
    /// The page's sizes it does not come in (hidden while it is picked):
    /// a hoodie has no XS.
    pub lacks_sizes: Vec<&'static str>,
    /// The page's colours its blank does not come in (hidden while it is
    /// picked): a poster is white.
    pub lacks_colours: Vec<&'static str>,
    pub checked: bool,
    /// Its price with the applied code, when the code covers it.
    pub code_price: Option<String>,
    /// Its size chart or flat size, and its material.
    pub facts: ProductFacts,
}

/// What a fan reads about a product before buying (Shopify's and
/// Fourthwall's "Size guide" and "Details"): apparel's size chart for the
/// sizes on offer, or a one-size product's measurements; and its material
/// and care (the message `product-facts-{key}`).
pub struct ProductFacts {
    pub chart: Vec<SizeRow>,
    /// "30.5 × 45.7 cm (12 × 18 in)".
    pub dimensions: Option<String>,
    pub material: String,
}

impl ProductFacts {
    /// `product`'s facts, its chart limited to `sizes`.
    pub fn of(lang: crate::domain::Language, product: Product, sizes: &[Size]) -> Self {
        let (chart, dimensions) = match product.spec().measures {
            Measures::BySize(rows) => (
                rows.iter()
                    .filter(|(s, _, _)| sizes.contains(s))
                    .map(|&(s, chest, length)| SizeRow {
                        size: s.label(),
                        chest,
                        chest_in: inches(chest),
                        length,
                        length_in: inches(length),
                    })
                    .collect(),
                None,
            ),
            Measures::Flat { width_mm, height_mm } => {
                let args = [
                    ("width", Arg::Text(i18n::centimetres(lang, width_mm))),
                    ("height", Arg::Text(i18n::centimetres(lang, height_mm))),
                    ("width_in", Arg::Text(inches_of_mm(width_mm))),
                    ("height_in", Arg::Text(inches_of_mm(height_mm))),
                ];
                (Vec::new(), Some(i18n::text_with(lang, "shop-dimensions", &args)))
            }
        };
        Self { chart, dimensions, material: i18n::text(lang, &format!("product-facts-{}", product.key())) }
    }
}

/// A product's pictures in one colour.
pub struct ProductGallery {
    pub colour: &'static str,
    pub views: Vec<ShirtPicture>,
}

/// One line of the fan's cart.
pub struct CartLine {
    /// The hidden field's value (`routes::checkout::cart::encode`).
    pub value: String,
    /// "1 × “Slogan” Hoodie, L, Black".
    pub label: String,
    pub amount: String,
    /// Its amount before the applied code, when the code takes something off.
    pub was: Option<String>,
}

/// One size in the size chart: chest width and length, in cm and inches.
pub struct SizeRow {
    pub size: &'static str,
    pub chest: u32,
    pub chest_in: String,
    pub length: u32,
    pub length_in: String,
}

#[derive(Template)]
#[template(path = "shop/storefront.html")]
pub struct StorefrontPage<'a> {
    pub layout: Layout,
    pub slug: &'a str,
    pub slogan: &'a str,
    /// The slogan in parts a line may break between (`<wbr>`): Japanese and
    /// Chinese phrases; long words carry their syllables as soft hyphens.
    pub heading: Vec<String>,
    /// The slogan's language (`lang` on the heading).
    pub slogan_lang: Option<&'static str>,
    pub artist_name: &'a str,
    /// Price formatted for its currency: "$25.00", "25,00 €".
    pub price: String,
    pub state: DropState,
    /// False while the artist's Stripe account cannot take payments (Connect):
    /// the page says orders open soon instead of offering a checkout.
    pub taking_orders: bool,
    pub sizes: Vec<Size>,
    /// The size pre-selected in the picker.
    /// `None` when nothing on the page comes in sizes (totes, posters,
    /// stickers).
    pub default_size: Option<Size>,
    pub colours: Vec<ColourOption>,
    /// Per colour (same order), its pictures: front, close-up, back.
    pub pictures: Vec<Vec<ShirtPicture>>,
    pub sold: i64,
    pub units_left: Option<i64>,
    pub goal: Option<i64>,
    pub goal_percent: i64,
    /// "3h 12m" and the end as unix ms for the ticking clock.
    pub time_left: Option<(String, i64)>,
    /// Money raised, when the artist shows it.
    pub raised: Option<String>,
    pub quantity: i64,
    /// Most shirts one order may take (the artist's setting).
    pub max_quantity: i64,
    /// The CJK and emoji fallbacks the slogan or artist name needs, each
    /// cut down to the page's own text (`/d/{slug}/cjk.otf`, `emoji.ttf`).
    pub cut_fonts: Vec<CutFace>,
    /// Why the last *Buy* did not go through, shown above the button.
    pub error: Option<String>,
    pub code: String,
    pub code_error: Option<String>,
    pub code_note: Option<String>,
    /// The share link the fan came by, carried in the form once the page
    /// comes back from a post (its address no longer has `?ref=`); empty on
    /// the storefront everyone shares (the browser's `Referer` says it).
    pub source: String,
    /// "Tell me when it's back" (sold out or ended): see [`BuyChoice`].
    pub restock_email: String,
    pub restock_error: Option<String>,
    pub restock_done: bool,
    /// What one shirt costs this fan: the price, or the price with their code.
    pub buy_price: String,
    /// With Stripe Tax on: "incl. VAT" or "+ tax at checkout".
    pub tax_note: Option<String>,
    /// A code lowers the price: the page strikes the old one through.
    pub discounted: bool,
    /// "Free shipping · arrives in 5–10 business days".
    pub shipping_line: String,
    /// Shipping per order when not free ("$5.00").
    pub shipping: Option<String>,
    /// The artist's description, one paragraph per line.
    pub description: Vec<&'a str>,
    /// The T-shirt's measurements for the sizes on offer, and its fabric
    /// (a merch table's products carry their own).
    pub facts: ProductFacts,
    /// A fan's idea: ("Slogan by Jo, voted by 312 fans", the call's address).
    pub from_call: Option<(String, String)>,
    /// More than the T-shirt: the merch table and *Add to cart*.
    pub merch: bool,
    pub products: Vec<ProductCard>,
    /// The cart so far, and what it costs before shipping.
    pub cart: Vec<CartLine>,
    pub cart_total: String,
    /// The cart's total before the applied code, when it takes something off.
    pub cart_was: Option<String>,
    /// The applied code's seal, carried back with the code (`applied`).
    pub code_seal: String,
}

/// The fan's picks, kept when the page comes back with a message.
#[derive(Debug, Clone, Default)]
pub struct BuyChoice {
    pub size: Option<Size>,
    pub colour: Option<String>,
    pub quantity: i64,
    pub error: Option<String>,
    /// The promo code as typed, and what became of it.
    pub code: String,
    pub code_error: Option<String>,
    /// "code FRIDAY: 20% off each shirt — $20.00 a shirt instead of $25.00".
    pub code_note: Option<String>,
    /// The price of a shirt with the applied code ("$20.00").
    pub code_price: Option<String>,
    /// On a merch table: each product the applied code covers, at its
    /// price with the code (the page shows the picked one's).
    pub code_prices: Vec<(crate::domain::Product, String)>,
    /// The share link the fan came by (`ref`), kept through *Apply code*.
    pub source: String,
    /// "Tell me when it's back": the address as typed, what was wrong with
    /// it, or that it is on the list.
    pub restock_email: String,
    pub restock_error: Option<String>,
    pub restock_done: bool,
    /// The product picked on the merch table.
    pub product: Option<crate::domain::Product>,
    /// The cart's lines so far (carried in the form).
    pub cart: Vec<crate::sales::Pick>,
    /// The code as applied (checked usable on this drop): the cart is
    /// priced with it, and its seal goes back with the form.
    pub promo: Option<crate::domain::PromoCode>,
    pub code_seal: String,
}

/// The storefront's route (its metrics are counted under it).
pub const ROUTE: &str = "/d/{slug}";

/// The storefront's media type.
pub const STOREFRONT_CONTENT_TYPE: &str = "text/html; charset=utf-8";

/// How long a proxy or CDN may serve a storefront without asking again, and
/// serve it stale while it asks: the numbers on the page move live over the
/// event stream anyway; the page itself may lag a few seconds behind.
pub const STOREFRONT_CACHE_CONTROL: &str = "public, max-age=0, s-maxage=5, stale-while-revalidate=30";

/// The storefront: the same bytes for every visitor (no cookie, nothing
/// personal), rendered and compressed once per drop version and minute,
/// with a strong `ETag` and `304`s.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = DropSlug::parse(&slug).ok_or(AppError::NotFound)?;
    let entry = state.shop.load(&slug).await?.ok_or(AppError::NotFound)?;
    if let Some(takedown) = &entry.drop.takedown {
        return Err(AppError::Gone { reason: takedown.reason.to_string() });
    }
    let now = state.store.now_ms();
    let moment = crate::shop::moment_of(&entry.drop, now);
    let rendered = match entry.page_for(&moment) {
        Some(rendered) => rendered,
        None => {
            let html = page(&state, &entry, BuyChoice::default(), now)
                .render()
                .map_err(|e| anyhow::anyhow!("render storefront: {e}"))?;
            let rendered = Arc::new(RenderedPage { moment, body: Precompressed::new(Bytes::from(html)) });
            entry.keep_page(rendered.clone());
            rendered
        }
    };
    Ok(rendered.body.respond(&req, STOREFRONT_CONTENT_TYPE, STOREFRONT_CACHE_CONTROL))
}

/// The storefront of `entry` with the fan's `choice` selected, as at `now`
/// (the moment a kept page is filed under).
pub fn page<'a>(state: &AppState, entry: &'a CachedDrop, choice: BuyChoice, now: i64) -> StorefrontPage<'a> {
    let drop = &entry.drop;
    let lang = drop.language;
    // A merch table prices each product on its own (`ProductCard`).
    let price = i18n::money(lang, drop.price);
    let layout = layout_of(state, entry, &price);
    let merch = drop.has_merch_table();
    // With several products the pickers offer every size and colour any
    // of them comes in; checkout keeps each product to its own.
    let (all_sizes, all_colours) = offered_by_any(drop);
    let sizes: &[Size] = if merch { &all_sizes } else { drop.sizes.as_slice() };
    let offered: &[ShirtColour] = if merch { &all_colours } else { drop.colours.as_slice() };
    // The product picked, else the first one not sold out.
    let picked_product = choice
        .product
        .filter(|p| drop.product(*p).is_some_and(|sold| !sold.sold_out()))
        .or_else(|| drop.products.iter().find(|p| !p.sold_out()).or(drop.products.first()).map(|p| p.product));
    let cart_lines = crate::sales::cart::lines(drop, &choice.cart, choice.promo.as_ref());
    let cart: Vec<CartLine> = choice
        .cart
        .iter()
        .zip(&cart_lines)
        .map(|(pick, line)| CartLine {
            value: crate::sales::cart::encode(pick),
            label: i18n::order_line(lang, &drop.slogan, line),
            amount: i18n::money(lang, line.amount()),
            was: (line.discount.minor() > 0).then(|| i18n::money(lang, line.list_amount())),
        })
        .collect();
    let (total, list_total) = crate::sales::cart::totals(&cart_lines, drop.currency());
    let cart_total = i18n::money(lang, total);
    let cart_was = (total != list_total).then(|| i18n::money(lang, list_total));
    let products = if merch {
        product_cards(entry, picked_product, (&all_sizes, &all_colours), &choice.code_prices)
    } else {
        Vec::new()
    };
    // The colour and size checked: the fan's, when the picked product comes
    // in it, else the picked product's own (a sticker is white, a hoodie has
    // no XS, a tote no size): a checked choice is never one the page hides.
    let picked_spec = picked_product.and_then(|p| drop.product(p)).filter(|_| merch);
    let own_colours: &[ShirtColour] = picked_spec.map_or(offered, |p| p.colours.as_slice());
    let chosen_colour = choice
        .colour
        .as_deref()
        .and_then(|key| own_colours.iter().find(|c| c.key == key))
        .or(own_colours.first())
        .map(|c| c.key);
    let own_sizes: &[Size] = picked_spec.map_or(sizes, |p| p.sizes.as_slice());
    let default_size = choice
        .size
        .filter(|s| own_sizes.contains(s))
        .or_else(|| own_sizes.contains(&Size::M).then_some(Size::M))
        .or_else(|| own_sizes.first().copied())
        .or_else(|| sizes.contains(&Size::M).then_some(Size::M))
        .or_else(|| sizes.first().copied());
    StorefrontPage {
        layout,
        slug: drop.slug.as_str(),
        slogan: &drop.slogan,
        heading: crate::design::heading_parts(&drop.slogan),
        slogan_lang: crate::design::lang_attribute(&drop.slogan),
        artist_name: &drop.artist_name,
        price,
        state: drop.state(now),
        taking_orders: state.sales.payments.connect_fee().is_none() || drop.payments_to.is_some(),
        sizes: if merch { all_sizes.clone() } else { sizes.to_vec() },
        default_size,
        colours: offered
            .iter()
            .enumerate()
            .map(|(i, c)| ColourOption {
                key: c.key,
                name: i18n::colour_name(lang, *c),
                swatch: c.hex,
                checked: chosen_colour.map_or(i == 0, |k| k == c.key),
            })
            .collect(),
        pictures: offered.iter().map(|c| pictures(entry, *c)).collect(),
        merch,
        products,
        cart,
        cart_total,
        cart_was,
        code_seal: choice.code_seal,
        sold: drop.sold,
        units_left: drop.units_left(),
        goal: drop.goal,
        goal_percent: drop.goal_percent().unwrap_or(0),
        time_left: drop.ends_at.filter(|end| *end > now).map(|end| (i18n::time_left(lang, (end - now) / 1000), end)),
        raised: drop.show_raised.then(|| i18n::money(lang, drop.revenue())),
        quantity: choice.quantity.clamp(1, drop.most_per_order()),
        max_quantity: drop.most_per_order(),
        error: choice.error,
        code: choice.code,
        code_error: choice.code_error,
        code_note: choice.code_note,
        source: choice.source,
        restock_email: choice.restock_email,
        restock_error: choice.restock_error,
        restock_done: choice.restock_done,
        discounted: choice.code_price.is_some(),
        buy_price: choice.code_price.unwrap_or_else(|| i18n::money(lang, drop.price)),
        shipping_line: crate::shop::shipping_line(lang, drop.shipping, drop.delivery),
        shipping: (drop.shipping.minor() > 0).then(|| i18n::money(lang, drop.shipping)),
        description: drop.description.lines().map(str::trim).filter(|l| !l.is_empty()).collect(),
        facts: ProductFacts::of(lang, Product::Tee, sizes),
        tax_note: state.settings.stripe_tax.then(|| i18n::tax_note(lang, drop.price.currency())),
        from_call: drop.from_call.as_ref().map(|f| credit_of(lang, f)),
        cut_fonts: cut_faces(state.design.fonts(), entry),
    }
}

/// Every size and colour any of the drop's products comes in, in chart
/// and palette order.
fn offered_by_any(drop: &crate::domain::Drop) -> (Vec<Size>, Vec<ShirtColour>) {
    let sizes = Size::ALL.into_iter().filter(|s| drop.products.iter().any(|p| p.sizes.contains(s))).collect();
    let colours =
        ShirtColour::PALETTE.into_iter().filter(|c| drop.products.iter().any(|p| p.colours.contains(c))).collect();
    (sizes, colours)
}

/// The merch table: each product with its picture and price.
/// `offered`: the sizes and colours the page's pickers show
/// ([`offered_by_any`]), for what each product hides of them;
/// `code_prices`: what an applied code makes each product cost.
fn product_cards(
    entry: &CachedDrop,
    picked: Option<crate::domain::Product>,
    (sizes, offered): (&[Size], &[ShirtColour]),
    code_prices: &[(Product, String)],
) -> Vec<ProductCard> {
    let drop = &entry.drop;
    let lang = drop.language;
    drop.products
        .iter()
        .map(|p| {
            let colour = p.colours.first().copied().unwrap_or(ShirtColour::PALETTE[0]);
            let name = i18n::product_name(lang, p.product);
            let args = [("product", Arg::Text(name.clone())), ("slogan", Arg::Text(drop.slogan.clone()))];
            let galleries = p
                .colours
                .iter()
                .map(|&colour| {
                    // "Hoodie in Navy" when it comes in more than one colour.
                    let mut args = args.clone();
                    if p.colours.len() > 1 {
                        let named = [
                            ("product", Arg::Text(name.clone())),
                            ("colour", Arg::Text(i18n::colour_name(lang, colour))),
                        ];
                        args[0] = ("product", Arg::Text(i18n::text_with(lang, "product-in-colour", &named)));
                    }
                    let views = crate::design::DesignEngine::product_views(p.product)
                        .iter()
                        .map(|&view| ShirtPicture {
                            view,
                            src: crate::shop::product_src(drop, p.product, colour, view),
                            alt: i18n::text_with(lang, &format!("shop-product-picture-{}", view.key()), &args),
                        })
                        .collect();
                    ProductGallery { colour: colour.key, views }
                })
                .collect();
            ProductCard {
                galleries,
                key: p.product.key(),
                alt: i18n::text_with(lang, "shop-product-picture-front", &args),
                name,
                price: i18n::money(lang, p.price),
                picture: crate::shop::product_src(drop, p.product, colour, View::Front),
                sold_out: p.sold_out(),
                sizes: match (p.sizes.first(), p.sizes.last()) {
                    (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                    (Some(a), _) => a.to_string(),
                    _ => i18n::text(lang, "studio-one-size"),
                },
                one_size: p.sizes.is_empty(),
                lacks_sizes: if p.sizes.is_empty() {
                    Vec::new()
                } else {
                    sizes.iter().filter(|s| !p.sizes.contains(s)).map(|s| s.label()).collect()
                },
                lacks_colours: offered.iter().filter(|c| !p.colours.contains(c)).map(|c| c.key).collect(),
                checked: picked == Some(p.product),
                code_price: code_prices.iter().find(|(priced, _)| *priced == p.product).map(|(_, price)| price.clone()),
                facts: ProductFacts::of(lang, p.product, &p.sizes),
            }
        })
        .collect()
}

/// The storefront's layout: the drop's look, its icon, and the social tags
/// with the share card.
fn layout_of(state: &AppState, entry: &CachedDrop, price: &str) -> Layout {
    let drop = &entry.drop;
    let lang = drop.language;
    let url = format!("{}/d/{}", state.settings.base_url(), drop.slug);
    let mut layout =
        Layout::themed(lang, format!("{} — {}", drop.slogan, drop.artist_name), entry.theme, state.design.fonts())
            .storefront();
    // A typeface cut to the slogan (a heavy look's) is declared on the page;
    // its pieces are not what the heading draws from.
    if crate::design::CUT_DISPLAY.contains(&entry.theme.font) {
        layout.preload_font = None;
    }
    layout.body_class = "themed shop";
    layout.icon = format!("/d/{}/favicon.svg", drop.slug);
    let text = |id: &str| Arg::Text(id.to_owned());
    let description = i18n::text_with(
        lang,
        "shop-meta-description",
        &[
            ("price", text(price)),
            ("sizes", text(&size_range(drop.sizes.as_slice()))),
            ("artist", text(&drop.artist_name)),
            ("left", drop.units_left().map_or(Arg::Text("none".into()), Arg::Number)),
        ],
    );
    layout.meta = Some(SocialMeta {
        title: i18n::text_with(
            lang,
            "shop-meta-title",
            &[("slogan", text(&drop.slogan)), ("artist", text(&drop.artist_name))],
        ),
        description,
        url,
        image: Some(format!("{}/d/{}/card.png?v={}", state.settings.base_url(), drop.slug, entry.card_key)),
    });
    layout
}

/// "Slogan by Jo, voted by 4 fans" and the link back to the call.
fn credit_of(lang: crate::domain::Language, f: &crate::domain::FromCall) -> (String, String) {
    let credit = if f.credit.is_empty() {
        i18n::text_with(lang, "shop-from-fans", &[("votes", Arg::Number(f.votes))])
    } else {
        i18n::text_with(
            lang,
            "shop-from-fan",
            &[("name", Arg::Text(f.credit.clone())), ("votes", Arg::Number(f.votes))],
        )
    };
    (credit, format!("/c/{}", f.call_slug))
}

/// The gallery of one colour: the front with the print, a close-up of the
/// print on the cloth, and the back.
fn pictures(entry: &CachedDrop, colour: ShirtColour) -> Vec<ShirtPicture> {
    let lang = entry.drop.language;
    let args =
        [("colour", Arg::Text(i18n::colour_name(lang, colour))), ("slogan", Arg::Text(entry.drop.slogan.clone()))];
    View::ALL
        .into_iter()
        .map(|view| ShirtPicture {
            view,
            src: crate::shop::shirt_src(&entry.drop, colour, view),
            alt: i18n::text_with(lang, &format!("shop-picture-{}", view.key()), &args),
        })
        .collect()
}

/// A fallback font cut down to one storefront's text.
pub struct CutFace {
    pub family: String,
    /// `/d/{slug}/cjk.otf`, …; or the whole font's static file.
    pub url: String,
    pub format: &'static str,
    /// Its `unicode-range`: the characters of the page's text it draws.
    pub range: String,
}

/// The fallbacks the page's own text (the slogan as the look sets it, the
/// artist's name) falls back to, each with the characters it draws there.
fn cut_faces(fonts: &FontLibrary, entry: &CachedDrop) -> Vec<CutFace> {
    let display = fonts.get(entry.theme.font);
    let drop = &entry.drop;
    let cased = entry.theme.apply_case(&drop.slogan);
    let first_fallback = fonts.get(crate::design::FALLBACK_CHAIN[0]);
    let heavy_display = crate::design::CUT_DISPLAY
        .contains(&entry.theme.font)
        .then(|| (entry.theme.font, crate::design::web_fonts::display_file(display)));
    CUT_FONTS
        .iter()
        .copied()
        .filter(|(key, _)| {
            fonts.falls_back_to(display, &cased, key) || fonts.falls_back_to(display, &drop.artist_name, key)
        })
        .chain(heavy_display)
        .map(|(key, file)| {
            let font = fonts.get(key);
            // The look's own typeface draws every letter of the slogan it
            // has; a fallback only those the fonts before it lack.
            let own = font.key == display.key;
            let mut points: Vec<u32> = [cased.as_str(), drop.slogan.as_str(), drop.artist_name.as_str()]
                .iter()
                .flat_map(|t| t.chars())
                .map(u32::from)
                .filter(|c| {
                    font.coverage().binary_search(c).is_ok()
                        && (own || first_fallback.coverage().binary_search(c).is_err())
                })
                .collect();
            points.sort_unstable();
            points.dedup();
            // Flags, skin tones, keycaps and joined emoji are drawn through
            // the font's ligatures, which a cut loses: those slogans get the
            // whole emoji font (for the emoji only, by its range).
            if key == crate::design::EMOJI
                && [cased.as_str(), drop.artist_name.as_str()].iter().any(|t| has_emoji_sequence(t))
                && let Some(whole) = fonts.web_faces(true).into_iter().find(|f| f.family == font.family)
            {
                return CutFace {
                    family: whole.family,
                    url: crate::web::assets::url(&whole.file),
                    format: "woff2",
                    range: crate::design::web_fonts::css_range(&whole.ranges),
                };
            }
            CutFace {
                family: font.family.clone(),
                url: format!("/d/{}/{file}", drop.slug),
                format: if file.ends_with(".otf") { "opentype" } else { "truetype" },
                range: crate::design::web_fonts::css_range(&crate::design::web_fonts::ranges_of(points)),
            }
        })
        .collect()
}

/// Whether `text` has an emoji made of several characters (a flag, a skin
/// tone, a keycap, a joined sequence): more than one character in a
/// grapheme, variation selectors aside.
fn has_emoji_sequence(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    text.graphemes(true).any(|g| {
        let chars: Vec<char> = g.chars().filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}')).collect();
        chars.len() > 1 && chars.iter().any(|c| u32::from(*c) >= 0x2000)
    })
}

/// "S–XL" or just "M".
fn size_range(sizes: &[Size]) -> String {
    match (sizes.first(), sizes.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}
