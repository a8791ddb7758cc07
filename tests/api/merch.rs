//! Issue 23: a drop sells several products, and a fan's cart of several
//! lines is one order, reserved all or none, paid once.

use crate::common::{TestApp, location};
use popshop::domain::Product;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Launches "Table for three": T-shirt 25, hoodie 45, sticker 5, six per
/// order, with `more` fields (a stock limit, shipping…).
async fn launch_table(app: &TestApp, more: &[(&str, &str)]) -> String {
    app.sign_up("artist@example.com", "correct horse battery").await;
    let mut fields = vec![
        ("slogan", "Table for three"),
        ("products_shown", "1"),
        ("products", "tee"),
        ("products", "hoodie"),
        ("products", "sticker"),
        ("price_hoodie", "45.00"),
        ("price_sticker", "5"),
        ("max_per_order", "6"),
    ];
    fields.extend_from_slice(more);
    let res = app.launch_with(&fields).await;
    assert_eq!(res.status().as_u16(), 303, "launched: {}", res.text().await.unwrap_or_default());
    "table-for-three".into()
}

/// An app that takes fans' addresses from `X-Forwarded-For` (each test fan
/// its own address, as per-client limits need).
async fn behind_proxy() -> TestApp {
    TestApp::spawn_with(|s| {
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await
}

async fn post_cart(app: &TestApp, slug: &str, fields: &[(&str, &str)], from: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/d/{slug}/checkout")))
        .header("origin", &app.address)
        .header("x-forwarded-for", from)
        .form(fields)
        .send()
        .await
        .expect("POST checkout")
}

#[tokio::test]
async fn a_fan_buys_a_hoodie_and_two_stickers_in_one_demo_checkout() {
    let app = behind_proxy().await;
    let slug = launch_table(&app, &[]).await;
    let drop = app.drop_by_slug(&slug).await;
    let products: Vec<Product> = drop.products.iter().map(|p| p.product).collect();
    assert_eq!(products, [Product::Tee, Product::Hoodie, Product::Sticker]);
    assert_eq!(drop.product(Product::Hoodie).unwrap().price.minor(), 4500);
    assert!(drop.product(Product::Sticker).unwrap().sizes.is_empty(), "one size");

    let (status, page) = app.get_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    for words in ["Hoodie", "$45.00", "Sticker", "$5.00", "Add to cart", "name=\"product\""] {
        assert!(page.contains(words), "the merch table shows {words}");
    }
    let picture = page.split("/d/table-for-three/products/hoodie-black.svg").nth(1).expect("hoodie picture linked");
    let query = picture.split('"').next().unwrap();
    let res = app.get(&format!("/d/{slug}/products/hoodie-black.svg{query}")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().starts_with("<svg"), "the hoodie's picture draws");
    // The hoodie shows its back and itself on a hanger too; a sticker has one view.
    for view in ["back", "hanger"] {
        let path = format!("/d/{slug}/products/hoodie-black-{view}.svg");
        assert!(page.contains(&path), "the gallery links the hoodie's {view}");
        let res = app.get(&format!("{path}{query}")).await;
        assert_eq!(res.status().as_u16(), 200, "{view}");
        assert_eq!(res.headers()["content-type"], "image/svg+xml");
        let svg = res.text().await.unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<title"), "{view} draws, titled");
    }
    // The T-shirt's hanger view is one of its own pictures.
    let path = format!("/d/{slug}/shirts/black-hanger.svg");
    assert!(page.contains(&path), "the tee's gallery links its hanger view");
    assert_eq!(app.get(&format!("{path}{query}")).await.status().as_u16(), 200);
    for missing in ["sticker-white-back.svg", "hoodie-black-detail.svg", "hoodie-black-sideways.svg"] {
        let res = app.get(&format!("/d/{slug}/products/{missing}")).await;
        assert_eq!(res.status().as_u16(), 404, "{missing}");
    }

    // Add a hoodie in L: the page comes back with the cart in the form.
    let fan = "203.0.113.7";
    let res = post_cart(
        &app,
        &slug,
        &[("product", "hoodie"), ("size", "L"), ("colour", "black"), ("quantity", "1"), ("add", "1")],
        fan,
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().get("set-cookie").is_none(), "the cart needs no cookie");
    let page = res.text().await.unwrap();
    assert!(page.contains("name=\"line\" value=\"hoodie.L.black.1\""), "the cart carries the hoodie");
    assert!(page.contains("Your cart") && page.contains("Check out"));
    // Two stickers (one size: the size field is ignored).
    let res = post_cart(
        &app,
        &slug,
        &[
            ("line", "hoodie.L.black.1"),
            ("product", "sticker"),
            ("size", "M"),
            ("colour", "black"),
            ("quantity", "2"),
            ("add", "1"),
        ],
        fan,
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains("value=\"sticker..white.2\""), "the sticker line, in its own colour: {}", &page[..0]);
    assert!(page.contains("$55.00"), "the cart's total before shipping");
    // Remove and re-add works; then check out the cart alone.
    let res =
        post_cart(&app, &slug, &[("line", "hoodie.L.black.1"), ("line", "sticker..white.2"), ("remove", "1")], fan)
            .await;
    let page = res.text().await.unwrap();
    assert!(page.contains("hoodie.L.black.1") && !page.contains("sticker..white.2"), "removed");
    let res =
        post_cart(&app, &slug, &[("line", "hoodie.L.black.1"), ("line", "sticker..white.2"), ("checkout", "1")], fan)
            .await;
    assert_eq!(res.status().as_u16(), 303, "to the demo checkout");
    let to = location(&res);
    let order = app.state.store.order_by_session(to.trim_start_matches("/demo-checkout/")).await.unwrap().unwrap();
    assert_eq!(order.lines.len(), 2);
    assert_eq!(order.quantity, 3);
    assert_eq!(order.amount.minor(), 4500 + 2 * 500, "one order, every line, shipping free");
    let held = app.drop_by_slug(&slug).await;
    assert_eq!(
        (
            held.reserved,
            held.product(Product::Hoodie).unwrap().reserved,
            held.product(Product::Sticker).unwrap().reserved
        ),
        (3, 1, 2)
    );

    let (_, checkout) = app.get_html(&to).await;
    assert!(checkout.contains("Hoodie") && checkout.contains("Sticker"), "the demo checkout lists the lines");
    let res = app.pay_demo(&to).await;
    assert_eq!(res.status().as_u16(), 303);
    let paid = app.drop_by_slug(&slug).await;
    assert_eq!((paid.sold, paid.reserved), (3, 0));
    assert_eq!(paid.product(Product::Hoodie).unwrap().sold, 1);
    assert_eq!(paid.product(Product::Sticker).unwrap().sold, 2);
    assert_eq!(paid.product(Product::Tee).unwrap().sold, 0);
    assert_eq!(paid.revenue_minor, 5500);
    let (_, dashboard) = app.get_html(&format!("/dashboard/drops/{}", paid.id)).await;
    assert!(dashboard.contains("products-heading"), "the artist sees each product's numbers");
    assert!(dashboard.contains("<th scope=\"row\">Hoodie</th><td>$45.00</td><td>1</td><td>0</td>"), "hoodie: 1 sold");
    assert!(dashboard.contains("<td>Sticker</td><td>One size</td><td>White</td><td>2</td>"), "stickers per variant");
    let (_, thanks) = app.get_html(&location(&res)).await;
    assert!(thanks.contains("1 × “Table for three” Hoodie, L, Black"), "thanks lists the hoodie");
    assert!(thanks.contains("2 × “Table for three” Sticker"), "and the stickers");
    // The thanks page shows what was bought (the hoodie, its first line),
    // and the artist's orders table lists every line.
    assert!(thanks.contains("/d/table-for-three/products/hoodie-black.svg"), "a hoodie pictured, not a T-shirt");
    assert!(
        dashboard.contains("1 × “Table for three” Hoodie, L, Black\n2 × “Table for three” Sticker"),
        "the orders table lists the hoodie and the stickers"
    );
}

#[tokio::test]
async fn each_product_shows_its_own_size_chart_and_material() {
    let app = TestApp::spawn().await;
    let slug = launch_table(&app, &[]).await;
    let (status, page) = app.get_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    let facts = |key: &str| -> String {
        let start = page
            .find(&format!("<details class=\"facts product-facts\" data-product=\"{key}\">"))
            .unwrap_or_else(|| panic!("{key} has its facts"));
        let len = page[start..].find("</details>").expect("closed");
        page[start..start + len].to_string()
    };
    let (tee, hoodie, sticker) = (facts("tee"), facts("hoodie"), facts("sticker"));
    assert!(tee.contains("T-shirt: size and material") && tee.contains("combed ring-spun"), "{tee}");
    // The hoodie's own measurements (M: 56 cm wide, not the T-shirt's 51).
    assert!(hoodie.contains("Hoodie: size and material") && hoodie.contains("56 cm (22 in)"), "{hoodie}");
    assert!(hoodie.contains("brushed fleece"), "{hoodie}");
    // A row per size on offer (S, M, L).
    assert_eq!(hoodie.matches("<th scope=\"row\">").count(), 3, "{hoodie}");
    assert!(tee.contains("51 cm (20 in)"), "{tee}");
    // One size: measured, no chart, and no washing advice for vinyl.
    assert!(sticker.contains("10.2 × 10.2 cm (4 × 4 in)") && sticker.contains("Die-cut vinyl"), "{sticker}");
    assert!(!sticker.contains("<table") && !sticker.contains("Wash"), "{sticker}");
    // The picked product's facts alone show (CSS from the drop's data).
    assert!(page.contains(".product-facts:not([data-product=sticker]){display:none}"));
}

/// The radio buttons a page has checked, (name, value), as a browser
/// without JavaScript would post them.
fn checked_radios(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"radio\" ")
        .skip(1)
        .filter_map(|input| {
            let input = &input[..input.find('>')?];
            let attr = |name: &str| Some(input.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.to_owned());
            input.contains(" checked").then(|| Some((attr("name")?, attr("value")?))).flatten()
        })
        .collect()
}

#[tokio::test]
async fn the_page_opens_on_choices_its_product_comes_in_and_they_buy() {
    let app = TestApp::spawn().await;
    // T-shirt and hoodie in black (the artist's colour), stickers in white.
    let slug = launch_table(&app, &[]).await;
    let (status, page) = app.get_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    let checked = checked_radios(&page);
    let value = |name: &str| checked.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    // Not the palette's first (white, the sticker's): the T-shirt's own.
    assert_eq!((value("product"), value("colour"), value("size")), (Some("tee"), Some("black"), Some("M")));
    // Posted as they are, they buy.
    let mut fields: Vec<(&str, &str)> = checked.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.push(("quantity", "1"));
    let res = post_cart(&app, &slug, &fields, "203.0.113.40").await;
    assert_eq!(res.status().as_u16(), 303, "{}", res.text().await.unwrap_or_default());
    // The sticker picked and the page back (as after a refused post): white.
    let res =
        post_cart(&app, &slug, &[("product", "sticker"), ("colour", "black"), ("quantity", "99")], "203.0.113.41")
            .await;
    let page = res.text().await.unwrap();
    let checked = checked_radios(&page);
    assert!(checked.contains(&("colour".into(), "white".into())), "{checked:?}");
    // *Remove* takes the line out and keeps what the picker holds.
    let remove = [
        ("line", "sticker..white.1"),
        ("line", "hoodie.L.black.1"),
        ("remove", "0"),
        ("product", "hoodie"),
        ("size", "L"),
        ("colour", "black"),
        ("quantity", "2"),
    ];
    let page = post_cart(&app, &slug, &remove, "203.0.113.41").await.text().await.unwrap();
    let checked = checked_radios(&page);
    for pick in [("product", "hoodie"), ("size", "L"), ("colour", "black")] {
        assert!(checked.contains(&(pick.0.into(), pick.1.into())), "{pick:?} kept: {checked:?}");
    }
    assert!(page.contains("<option value=\"2\" selected>"), "the quantity kept");
    assert!(page.contains("value=\"hoodie.L.black.1\"") && !page.contains("value=\"sticker..white.1\""));
}

#[tokio::test]
async fn a_table_of_one_size_products_opens_without_a_size_picker_and_sells() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    let fields = [
        ("slogan", "Paper and canvas"),
        ("products_shown", "1"),
        ("products", "tote"),
        ("products", "poster"),
        ("products", "sticker"),
        ("price_tote", "20"),
        ("price_poster", "15"),
        ("price_sticker", "5"),
    ];
    let res = app.launch_with(&fields).await;
    assert_eq!(res.status().as_u16(), 303, "launched: {}", res.text().await.unwrap_or_default());
    let (status, page) = app.get_html("/d/paper-and-canvas").await;
    assert_eq!(status, 200, "{page:.0}");
    assert!(!page.contains("class=\"size-picker\"") && !page.contains("name=\"size\""), "no sizes to pick");
    let checked = checked_radios(&page);
    let mut fields: Vec<(&str, &str)> = checked.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    fields.push(("quantity", "1"));
    let res = post_cart(&app, "paper-and-canvas", &fields, "203.0.113.42").await;
    assert_eq!(res.status().as_u16(), 303, "{}", res.text().await.unwrap_or_default());
}

#[tokio::test]
async fn a_cart_line_the_drop_does_not_sell_or_too_many_units_are_refused_plainly() {
    let app = behind_proxy().await;
    let slug = launch_table(&app, &[]).await;
    let fan = "203.0.113.8";
    // A poster the drop does not sell: the form says to pick a product.
    let res = post_cart(&app, &slug, &[("product", "poster"), ("colour", "white"), ("quantity", "1")], fan).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("Pick a product"));
    // Seven units in a drop of six per order.
    let res = post_cart(
        &app,
        &slug,
        &[("line", "sticker..white.5"), ("product", "hoodie"), ("size", "M"), ("colour", "black"), ("quantity", "2")],
        fan,
    )
    .await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("1 to 6 items per order"), "items, not shirts, on a merch table");
    // *Add to cart* refused the same way leaves the cart as it was.
    let over =
        [("line", "sticker..white.5"), ("product", "hoodie"), ("size", "M"), ("colour", "black"), ("quantity", "2")];
    let res = post_cart(&app, &slug, &[&over[..], &[("add", "1")]].concat(), fan).await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("1 to 6"));
    let lines: Vec<&str> =
        page.match_indices("name=\"line\" value=\"").map(|(i, m)| &page[i + m.len()..][..16]).collect();
    assert_eq!(lines, ["sticker..white.5"], "the refused hoodie is not in the cart");
    // *Apply code* with that cart and picker checks the code, not the count.
    let res = post_cart(&app, &slug, &[&over[..], &[("apply", "1"), ("code", "NOSUCHCODE")]].concat(), fan).await;
    let page = res.text().await.unwrap();
    assert!(page.contains("be used for this drop") && !page.contains("1 to 6"), "{page:.0}");
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.reserved, drop.sold), (0, 0), "nothing held");
}

#[tokio::test]
async fn a_product_that_runs_short_names_itself_and_keeps_the_rest_of_the_cart() {
    let app = behind_proxy().await;
    let slug = launch_table(&app, &[("stock", "1")]).await;
    // The one hoodie goes to a first fan.
    let hoodie = [("line", "hoodie.L.black.1"), ("checkout", "1")];
    assert_eq!(post_cart(&app, &slug, &hoodie, "203.0.113.50").await.status().as_u16(), 303);
    // A second fan's hoodie and sticker: not "the drop is sold out", but
    // the storefront with their cart and the hoodie named.
    let cart = [("line", "hoodie.L.black.1"), ("line", "sticker..white.1"), ("checkout", "1")];
    let res = post_cart(&app, &slug, &cart, "203.0.113.51").await;
    assert_eq!(res.status().as_u16(), 409);
    let page = res.text().await.unwrap();
    assert!(page.contains("the Hoodie just sold out"), "{page:.0}");
    assert!(page.contains("value=\"sticker..white.1\""), "the cart is kept");
    // Picked alone, the sold-out hoodie comes back unpicked: another
    // product is, and a form without one is asked to pick.
    let res = post_cart(
        &app,
        &slug,
        &[("product", "hoodie"), ("size", "L"), ("colour", "black"), ("quantity", "1")],
        "203.0.113.52",
    )
    .await;
    assert_eq!(res.status().as_u16(), 409);
    let page = res.text().await.unwrap();
    let checked = checked_radios(&page);
    assert!(checked.iter().any(|(n, v)| n == "product" && v != "hoodie"), "{checked:?}");
    let res = post_cart(&app, &slug, &[("size", "L"), ("colour", "black"), ("quantity", "1")], "203.0.113.52").await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("Pick a product"));
    // Without the hoodie, the sticker sells.
    let res = post_cart(&app, &slug, &[("line", "sticker..white.1"), ("checkout", "1")], "203.0.113.51").await;
    assert_eq!(res.status().as_u16(), 303);
}

/// 1,000 fans with mixed carts against 40 of each product: no product is
/// ever oversold, each order holds all its lines or none, and the totals
/// per product match the lines of the orders.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_mixed_carts_never_oversell_any_product() {
    const STOCK: i64 = 40;
    let app = TestApp::spawn_with(|s| {
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
        s.holds_per_client = popshop::config::Settings::defaults().holds_per_client;
    })
    .await;
    let slug = launch_table(&app, &[("stock", &STOCK.to_string())]).await;
    let mut rng = StdRng::seed_from_u64(23);
    let carts: Vec<Vec<String>> = (0..1000)
        .map(|_| {
            let mut lines = Vec::new();
            if rng.gen_bool(0.6) {
                lines.push(format!("tee.{}.black.{}", ["S", "M", "L"][rng.gen_range(0..3)], rng.gen_range(1..=2)));
            }
            if rng.gen_bool(0.5) {
                lines.push(format!("hoodie.{}.black.1", ["S", "M", "L"][rng.gen_range(0..3)]));
            }
            if lines.is_empty() || rng.gen_bool(0.5) {
                lines.push(format!("sticker..white.{}", rng.gen_range(1..=3)));
            }
            lines
        })
        .collect();
    let tasks: Vec<_> = carts
        .into_iter()
        .enumerate()
        .map(|(fan, lines)| {
            let (client, url, origin) =
                (app.client.clone(), app.url(&format!("/d/{slug}/checkout")), app.address.clone());
            tokio::spawn(async move {
                let mut form: Vec<(&str, String)> = lines.iter().map(|l| ("line", l.clone())).collect();
                form.push(("checkout", "1".into()));
                let res = client
                    .post(url)
                    .header("origin", origin)
                    .header("x-forwarded-for", format!("198.19.{}.{}", fan / 250, fan % 250 + 1))
                    .form(&form)
                    .send()
                    .await
                    .expect("checkout");
                (res.status().as_u16(), location(&res))
            })
        })
        .collect();
    let mut held = Vec::new();
    for t in tasks {
        let (status, to) = t.await.unwrap();
        match status {
            303 => held.push(to),
            409 => {}
            other => panic!("unexpected answer {other}"),
        }
    }
    assert!(!held.is_empty() && held.len() < 1000, "some carts held, most refused");
    let pool = app.state.store.pool();
    let app = &app;
    let check = |label: &'static str| async move {
        let drop = app.drop_by_slug("table-for-three").await;
        for p in &drop.products {
            assert!(p.sold + p.reserved <= STOCK, "{label}: {:?} oversold", p.product);
            let (lines,): (i64,) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l JOIN orders o ON o.id = l.order_id \
                 WHERE o.drop_id = $1 AND l.product = $2 AND o.status IN ('pending', 'processing')",
            )
            .bind(&drop.id)
            .bind(p.product.key())
            .fetch_one(pool)
            .await
            .unwrap();
            assert_eq!(p.reserved, lines, "{label}: {:?} reserved = its open lines", p.product);
            let (sold,): (i64,) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l JOIN orders o ON o.id = l.order_id \
                 WHERE o.drop_id = $1 AND l.product = $2 AND o.status = 'paid'",
            )
            .bind(&drop.id)
            .bind(p.product.key())
            .fetch_one(pool)
            .await
            .unwrap();
            assert_eq!(p.sold, sold, "{label}: {:?} sold = its paid lines", p.product);
        }
        assert_eq!(drop.reserved, drop.products.iter().map(|p| p.reserved).sum::<i64>(), "{label}: drop reserved");
        assert_eq!(drop.sold, drop.products.iter().map(|p| p.sold).sum::<i64>(), "{label}: drop sold");
        drop
    };
    let drop = check("held").await;
    assert!(drop.products.iter().any(|p| p.units_left() == Some(0)), "some product ran out");
    // Live viewers hear which products ran out.
    let totals: serde_json::Value = app.get("/d/table-for-three/totals").await.json().await.unwrap();
    let out: Vec<&str> = drop.products.iter().filter(|p| p.sold_out()).map(|p| p.product.key()).collect();
    assert_eq!(totals["sold_out"], serde_json::json!(out), "{totals}");
    // Every order has all its lines.
    let (orphans,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders o WHERE o.drop_id = $1 AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)",
    )
    .bind(&drop.id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(orphans, 0, "no order without its lines");
    // Half pay, half walk away: the stock comes back per product.
    for (n, to) in held.iter().enumerate() {
        let order = app.state.store.order_by_session(to.trim_start_matches("/demo-checkout/")).await.unwrap().unwrap();
        if n % 2 == 0 {
            assert_eq!(app.pay_demo(to).await.status().as_u16(), 303);
        } else {
            app.state.store.release(&order.id, popshop::domain::OrderStatus::Cancelled).await.unwrap();
        }
    }
    let drop = check("settled").await;
    assert_eq!(drop.reserved, 0);
}

fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Stripe Checkout gets one line item per line, each at its price less the
/// code, with its own tax code, and shipping once per order — checked
/// against Stripe's published parameters by the stand-in; paid, every
/// product counts its units.
#[tokio::test]
async fn stripe_gets_one_line_item_per_line_and_shipping_once() {
    let standin = crate::common::stripe_standin::StripeStandIn::start().await;
    let uri = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        crate::common::use_stripe(s, uri);
        s.stripe_tax = true;
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await;
    launch_table(&app, &[("shipping", "4.00")]).await;
    let slug = "table-for-three";
    let drop = app.drop_by_slug(slug).await;
    app.make_code(&drop.id, &[("code", "FRIENDS"), ("kind", "percent"), ("value", "10")]).await;
    let res = post_cart(
        &app,
        slug,
        &[
            ("line", "hoodie.L.black.1"),
            ("line", "sticker..white.2"),
            ("line", "tee.M.black.1"),
            ("code", "FRIENDS"),
            ("checkout", "1"),
        ],
        "203.0.113.9",
    )
    .await;
    assert_eq!(res.status().as_u16(), 303, "{}", res.text().await.unwrap_or_default());
    let request = standin.seen().into_iter().find(|r| r.operation == "POST /v1/checkout/sessions").unwrap();
    assert_eq!(request.refused, None, "Stripe's published parameters take it");
    let p = &request.pairs;
    let expect = [
        (
            "line_items[0][price_data][product_data][name]",
            "“Table for three” Hoodie — L, Black · code FRIENDS: 10% off each item",
        ),
        ("line_items[0][price_data][unit_amount]", "4050"),
        ("line_items[0][quantity]", "1"),
        ("line_items[0][price_data][product_data][tax_code]", "txcd_30011000"),
        (
            "line_items[1][price_data][product_data][name]",
            "“Table for three” Sticker · code FRIENDS: 10% off each item",
        ),
        ("line_items[1][price_data][unit_amount]", "450"),
        ("line_items[1][quantity]", "2"),
        ("line_items[1][price_data][product_data][tax_code]", "txcd_99999999"),
        ("line_items[2][price_data][unit_amount]", "2250"),
        ("shipping_options[0][shipping_rate_data][fixed_amount][amount]", "400"),
    ];
    for (key, value) in expect {
        assert_eq!(pair(p, key), Some(value), "{key}");
    }
    assert_eq!(pair(p, "line_items[3][quantity]"), None, "three lines, no more");
    assert_eq!(pair(p, "shipping_options[1][shipping_rate_data][type]"), None, "shipping once");

    let pending = [popshop::domain::OrderStatus::Pending];
    let order = app.state.store.orders_of_drop(&drop.id, &pending, 10).await.unwrap().pop().expect("the order");
    assert_eq!(order.lines.len(), 3);
    assert_eq!(order.amount.minor(), 4050 + 900 + 2250 + 400);
    assert_eq!(order.discount.minor(), 450 + 100 + 250, "the code on every line it covers");
    standin.pay(order.session_id.as_deref().unwrap(), "pi_cart");
    popshop::sales::reconcile(&app.state.sales, &order).await.unwrap();
    let paid = app.drop_by_slug(slug).await;
    assert_eq!(
        app.state.store.order_by_id(&order.id).await.unwrap().unwrap().status,
        popshop::domain::OrderStatus::Paid
    );
    assert_eq!(
        (paid.sold, paid.product(Product::Sticker).unwrap().sold, paid.product(Product::Hoodie).unwrap().sold),
        (4, 2, 1)
    );
}

/// PNG width and height from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

/// Each product's print file at the printer's size and DPI: the poster with
/// its bleed, the sticker with its cut line, the hoodie's front.
#[tokio::test]
async fn each_product_has_its_own_print_files() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Donaudampfschifffahrt"),
            ("products_shown", "1"),
            ("products", "hoodie"),
            ("products", "poster"),
            ("products", "sticker"),
            ("price_hoodie", "45"),
            ("price_poster", "15"),
            ("price_sticker", "5"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let (_, page) = app.get_html(&format!("/dashboard/drops/{id}")).await;
    assert!(page.contains("print.png?product=poster&amp;colour=white"), "the drop page links the poster's file");
    for (product, colour, pixels) in
        [("hoodie", "black", (3600, 3300)), ("poster", "white", (3675, 5475)), ("sticker", "white", (1238, 1238))]
    {
        let res = app.get(&format!("/dashboard/drops/{id}/print.png?product={product}&colour={colour}")).await;
        assert_eq!(res.status().as_u16(), 200, "{product}");
        assert!(
            res.headers()["content-disposition"].to_str().unwrap().contains(&format!("-{product}-{colour}-print.png"))
        );
        let png = res.bytes().await.unwrap();
        assert_eq!(png_size(&png), pixels, "{product} at 300 DPI");
        // Kept to look at (target/screenshots), like the browser's pictures.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("print-{product}.png")), &png).unwrap();
    }
    let poster = app.get(&format!("/dashboard/drops/{id}/print.svg?product=poster")).await.text().await.unwrap();
    assert!(poster.contains("width=\"12.25in\" height=\"18.25in\""), "the poster with its bleed: {:.300}", poster);
    assert!(!poster.contains("<text"), "outlined");
    let sticker = app.get(&format!("/dashboard/drops/{id}/print.svg?product=sticker")).await.text().await.unwrap();
    assert!(sticker.contains("id=\"CutContour\""), "the sticker's cut line keeps its name");
    assert!(sticker.contains("#ec008c"), "in the cutter's magenta");
    // Not a product of this drop, or a colour the product does not come in.
    assert_eq!(app.get(&format!("/dashboard/drops/{id}/print.png?product=tote")).await.status().as_u16(), 404);
    assert_eq!(
        app.get(&format!("/dashboard/drops/{id}/print.png?product=poster&colour=black")).await.status().as_u16(),
        404
    );
}

/// A sold-out merch table opens a second wave: every limited product gets
/// the added stock, the first takes the new price, and the drop's stock is
/// theirs summed.
#[tokio::test]
async fn a_second_wave_restocks_every_product() {
    let app = behind_proxy().await;
    let slug = launch_table(&app, &[("stock", "1")]).await;
    let res = post_cart(
        &app,
        &slug,
        &[("line", "tee.M.black.1"), ("line", "hoodie.M.black.1"), ("line", "sticker..white.1"), ("checkout", "1")],
        "203.0.113.20",
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    app.pay_demo(&location(&res)).await;
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!((drop.stock, drop.sold), (Some(3), 3));
    let (_, shop) = app.get_html(&format!("/d/{slug}")).await;
    assert!(shop.contains("state-sold-out"), "every product sold out: the drop is");
    let res =
        app.post_form(&format!("/dashboard/drops/{}/reopen", drop.id), &[("add_stock", "5"), ("price", "30")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let drop = app.drop_by_slug(&slug).await;
    assert_eq!(drop.stock, Some(18), "6 of each of three products");
    for p in &drop.products {
        assert_eq!((p.stock, p.units_left()), (Some(6), Some(5)), "{:?}", p.product);
    }
    assert_eq!(drop.product(Product::Tee).unwrap().price.minor(), 3000, "the first product takes the wave's price");
    assert_eq!(drop.product(Product::Hoodie).unwrap().price.minor(), 4500);
    let res = post_cart(&app, &slug, &[("line", "hoodie.L.black.2"), ("checkout", "1")], "203.0.113.21").await;
    assert_eq!(res.status().as_u16(), 303, "the hoodie sells again");
}

/// A code for one product of the table ("stickers half price") takes its
/// share off that product's lines only; a cart without it gets the same
/// answer as any code that cannot be used.
#[tokio::test]
async fn a_code_for_one_product_covers_only_its_lines() {
    let app = behind_proxy().await;
    let slug = launch_table(&app, &[]).await;
    let drop = app.drop_by_slug(&slug).await;
    let (_, page) = app.get_html(&format!("/dashboard/drops/{}", drop.id)).await;
    assert!(page.contains("<option value=\"sticker\">Sticker</option>"), "the code form offers each product");
    app.make_code(&drop.id, &[("code", "STICKY"), ("kind", "percent"), ("value", "50"), ("product", "sticker")]).await;
    let (_, page) = app.get_html(&format!("/dashboard/drops/{}", drop.id)).await;
    assert!(page.contains("This drop · Sticker") || page.contains("· Sticker"), "the list says which product");
    let res = post_cart(
        &app,
        &slug,
        &[("line", "hoodie.L.black.1"), ("line", "sticker..white.2"), ("code", "STICKY"), ("checkout", "1")],
        "203.0.113.30",
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let to = location(&res);
    let order = app.state.store.order_by_session(to.trim_start_matches("/demo-checkout/")).await.unwrap().unwrap();
    let units: Vec<(Product, i64, i64)> =
        order.lines.iter().map(|l| (l.product, l.unit_amount.minor(), l.discount.minor())).collect();
    assert_eq!(units, [(Product::Hoodie, 4500, 0), (Product::Sticker, 250, 500)]);
    assert_eq!((order.amount.minor(), order.discount.minor()), (4500 + 500, 500));
    // *Apply code* on the storefront: the sticker's price with it, or for
    // the hoodie what the code is for.
    let res = post_cart(
        &app,
        &slug,
        &[("product", "sticker"), ("colour", "white"), ("quantity", "1"), ("code", "STICKY"), ("apply", "1")],
        "203.0.113.32",
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains("code STICKY: 50% off each Sticker — $2.50 each instead of $5.00"), "{:.0}", page);
    let res = post_cart(
        &app,
        &slug,
        &[
            ("product", "hoodie"),
            ("size", "L"),
            ("colour", "black"),
            ("quantity", "1"),
            ("code", "STICKY"),
            ("apply", "1"),
        ],
        "203.0.113.33",
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains("Pick the Sticker to see its price with the code"), "a code for another product says so");
    // Whichever product is picked next, its own price shows (CSS picks the
    // span): the sticker's with the code, the hoodie's as it is.
    let price_of = |key: &str| {
        let at =
            page.find(&format!("<span class=\"for-product\" data-product=\"{key}\">")).expect("a price per product");
        page[at..].split("</span>").next().unwrap_or_default().to_owned()
    };
    assert!(price_of("hoodie").ends_with(">$45.00"), "{}", price_of("hoodie"));
    assert!(page.contains("<span class=\"for-product\" data-product=\"sticker\"><s>"), "the sticker's struck through");
    assert!(page.contains("Buy — $2.50") && page.contains("Buy — $45.00"), "each product's Buy says its price");
    // A cart of hoodies alone: the code covers nothing in it.
    let res =
        post_cart(&app, &slug, &[("line", "hoodie.M.black.1"), ("code", "STICKY"), ("checkout", "1")], "203.0.113.31")
            .await;
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.unwrap().contains("can&#39;t be used for this drop"));
}

/// The seal a page carries for the code it applied (`applied`), if any.
fn applied_seal(page: &str) -> Option<String> {
    let at = page.find("name=\"applied\" value=\"")? + "name=\"applied\" value=\"".len();
    Some(page[at..].split('"').next()?.to_owned())
}

/// An applied code prices the cart, its lines and its total, on every page
/// after it: each *Add to cart* and *Remove*, and the confirm page. The form
/// carries the code with popshop's seal, so a fan who fills a cart after
/// applying a code never runs out of code tries (ten a minute) and pays
/// what the page said.
#[tokio::test]
async fn an_applied_code_prices_the_cart_on_every_page_and_adding_never_uses_up_the_tries() {
    let app = TestApp::spawn_with(|s| {
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
        s.code_try_rate_per_minute = 10;
    })
    .await;
    let slug = launch_table(&app, &[]).await;
    let drop = app.drop_by_slug(&slug).await;
    app.make_code(&drop.id, &[("code", "FRIENDS"), ("kind", "percent"), ("value", "10")]).await;
    let fan = "203.0.113.40";
    let hoodie = [("product", "hoodie"), ("size", "L"), ("colour", "black"), ("quantity", "1")];
    let res = post_cart(&app, &slug, &[&hoodie[..], &[("code", "FRIENDS"), ("apply", "1")]].concat(), fan).await;
    assert_eq!(res.status().as_u16(), 200);
    let page = res.text().await.unwrap();
    let seal = applied_seal(&page).expect("the applied code's seal rides with the form");
    // Twelve *Add to cart* and *Remove* in a row, more than the ten code
    // tries a minute: each prices the cart with the code.
    for _ in 0..6 {
        let res = post_cart(
            &app,
            &slug,
            &[&hoodie[..], &[("code", "FRIENDS"), ("applied", &seal), ("add", "1")]].concat(),
            fan,
        )
        .await;
        assert_eq!(res.status().as_u16(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("$40.50"), "the hoodie with 10% off");
        assert_eq!(applied_seal(&page).as_deref(), Some(seal.as_str()), "the seal stays with the form");
        let res = post_cart(
            &app,
            &slug,
            &[&hoodie[..], &[("line", "hoodie.L.black.1"), ("code", "FRIENDS"), ("applied", &seal), ("remove", "0")]]
                .concat(),
            fan,
        )
        .await;
        assert_eq!(res.status().as_u16(), 200);
    }
    let cart = [("line", "hoodie.L.black.1"), ("line", "sticker..white.2")];
    let sticker = [("product", "sticker"), ("colour", "white"), ("quantity", "2")];
    // Two stickers added to a cart of one hoodie, with `code` and `seal`:
    // the page that comes back.
    let add_stickers = async |code: &str, seal: &str| {
        let fields = [&sticker[..], &cart[..1], &[("code", code), ("applied", seal), ("add", "1")]].concat();
        post_cart(&app, &slug, &fields, fan).await.text().await.unwrap()
    };
    let page = add_stickers("FRIENDS", &seal).await;
    let html = scraper::Html::parse_document(&page);
    let text_of = |css: &str| {
        let selector = scraper::Selector::parse(css).unwrap();
        html.select(&selector).map(|e| e.text().collect::<String>()).collect::<Vec<_>>()
    };
    let amounts = text_of("#cart .cart-lines .amount");
    assert_eq!(amounts, ["Was $45.00 now $40.50", "Was $10.00 now $9.00"], "each line with the code");
    assert_eq!(text_of("#cart .cart-total"), ["Total before shipping: Was $55.00 now $49.50"]);
    assert!(text_of("#buy").concat().contains("$49.50"), "the button says what the fan pays");
    // The same cart without the seal, or with a forged one, is priced as
    // it is (the code is checked when it is applied or at the checkout).
    for forged in ["", "00000000000000000000000000000000", &seal.to_uppercase()] {
        let page = add_stickers("FRIENDS", forged).await;
        assert!(page.contains("Total before shipping: $55.00"), "{forged}: at list price");
        assert_eq!(applied_seal(&page), None, "{forged}");
    }
    // The seal is for this code on this drop only.
    assert!(add_stickers("FRIENDS2", &seal).await.contains("Total before shipping: $55.00"));
    // A browser that says nowhere where the form came from gets the confirm
    // page: the price with the code, and the seal carried on.
    let res = app
        .client
        .post(app.url(&format!("/d/{slug}/checkout")))
        .header("x-forwarded-for", fan)
        .form(&[&cart[..], &[("code", "FRIENDS"), ("applied", &seal), ("checkout", "1")]].concat())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("<p>$49.50</p>"), "the confirm page names the price with the code");
    assert!(page.contains("code FRIENDS"), "and the code");
    assert_eq!(applied_seal(&page).as_deref(), Some(seal.as_str()));
    // Paid: the order is what the pages said. The checkout counted no try
    // either: this client has used one of its ten (the *Apply code*).
    let res = post_cart(
        &app,
        &slug,
        &[&cart[..], &[("code", "FRIENDS"), ("applied", &seal), ("checkout", "1")]].concat(),
        fan,
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let order =
        app.state.store.order_by_session(location(&res).trim_start_matches("/demo-checkout/")).await.unwrap().unwrap();
    assert_eq!((order.amount.minor(), order.discount.minor()), (4950, 550));
    // None of the adds, the confirm page or the checkout counted a code
    // try: this client has used one of its ten a minute (the *Apply code*),
    // so nine wrong codes more are answered, and the tenth is one too many.
    let wrong = async |n: usize| {
        let code = format!("WRONG{n}");
        let fields = [&hoodie[..], &[("code", code.as_str()), ("apply", "1")]].concat();
        post_cart(&app, &slug, &fields, fan).await.status().as_u16()
    };
    for n in 0..9 {
        assert_eq!(wrong(n).await, 409, "wrong code {n} of the nine left");
    }
    assert_eq!(wrong(9).await, 429, "the eleventh try in a minute");
    // Even so, the applied code still prices the cart, and a storefront
    // that comes back with a refusal (an *Add to cart* over the six per
    // order) keeps it.
    let over = [("product", "sticker"), ("colour", "white"), ("quantity", "4")];
    let res = post_cart(
        &app,
        &slug,
        &[&over[..], &cart[..], &[("code", "FRIENDS"), ("applied", &seal), ("add", "1")]].concat(),
        fan,
    )
    .await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Total before shipping: <s>") && page.contains("$49.50"), "the cart with the code");
    assert_eq!(applied_seal(&page).as_deref(), Some(seal.as_str()), "and its seal, for the next press");
    // A code for the sticker alone on a cart of hoodies: the confirm page
    // answers as the checkout would, and shows no price it will not charge.
    app.make_code(&drop.id, &[("code", "STICKY"), ("kind", "percent"), ("value", "50"), ("product", "sticker")]).await;
    let res = app
        .client
        .post(app.url(&format!("/d/{slug}/checkout")))
        .header("x-forwarded-for", "203.0.113.41")
        .form(&[("line", "hoodie.L.black.1"), ("code", "STICKY"), ("checkout", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 409);
    assert!(res.text().await.unwrap().contains("id=\"code-error\""), "said at the code's field");
    // The code ended meanwhile: the next *Add to cart* says so and prices
    // the cart as it is.
    sqlx::query("UPDATE promo_codes SET ends_at = 1 WHERE code = 'FRIENDS'")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let page = add_stickers("FRIENDS", &seal).await;
    assert!(page.contains("Total before shipping: $55.00"));
    assert!(page.contains("id=\"code-error\""), "the code's field says it no longer works");
}

#[tokio::test]
async fn a_cart_without_the_tshirt_is_held_at_its_own_prices_when_a_new_wave_moves_the_tshirts() {
    let app = TestApp::spawn().await;
    let slug = launch_table(&app, &[]).await;
    let other = app.spawn_sibling().await;
    // The other instance has the table in its cache…
    let (_, page) = other.get_html(&format!("/d/{slug}")).await;
    assert!(page.contains("$45.00"));
    // …when a second wave's price for the T-shirt reaches the database,
    // with no word of it to that instance (the drop's row and its first
    // product in one go, as `reopen` writes them).
    let drop = app.drop_by_slug(&slug).await;
    sqlx::query("UPDATE drops SET price_minor = 3000, wave = wave + 1 WHERE id = $1")
        .bind(&drop.id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE drop_products SET price_minor = 3000 WHERE drop_id = $1 AND position = 0")
        .bind(&drop.id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    // A hoodie and two stickers: held at their own prices, which did not move.
    let res = post_cart(
        &other,
        &slug,
        &[("line", "hoodie.L.black.1"), ("line", "sticker..white.2"), ("checkout", "1")],
        "203.0.113.9",
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let session = location(&res).trim_start_matches("/demo-checkout/").to_owned();
    let order = other.state.store.order_by_session(&session).await.unwrap().unwrap();
    assert_eq!(order.amount.minor(), 4500 + 2 * 500);
    // A T-shirt from the stale instance pays the new price, never the old.
    let res = post_cart(&other, &slug, &[("line", "tee.M.black.1"), ("checkout", "1")], "203.0.113.10").await;
    assert_eq!(res.status().as_u16(), 303);
    let session = location(&res).trim_start_matches("/demo-checkout/").to_owned();
    let order = other.state.store.order_by_session(&session).await.unwrap().unwrap();
    assert_eq!(order.amount.minor(), 3000, "the wave's price");
}
