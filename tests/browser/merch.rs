//! The merch table in Chromium (issue 23): a fan on a phone adds a hoodie in
//! L and two stickers to the cart (in place, with JavaScript), pays once in
//! the demo checkout, and the thanks page lists both lines; the table and
//! the cart read clean under axe on a phone and a desktop, Buy above the
//! fold on both.

use super::accounts::axe;
use super::*;

/// Clicks what `css` finds, scrolled to the middle of the screen first (a
/// thumb scrolls the picker up from under the phone's buy bar).
async fn tap(web: &WebDriver, css: &str) -> WebDriverResult<()> {
    let element = web.find(By::Css(css)).await?;
    web.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![element.to_json()?]).await?;
    element.click().await
}

/// Where `#buy` ends, in CSS pixels from the top of the first screen.
async fn buy_bottom(web: &WebDriver) -> WebDriverResult<f64> {
    web.execute("return document.getElementById('buy').getBoundingClientRect().bottom", vec![]).await?.convert()
}

#[tokio::test]
async fn a_fan_buys_a_hoodie_and_two_stickers_in_one_demo_checkout() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Merch table night"),
            ("description", "Printed to order. Hoodies are heavy, stickers are vinyl."),
            ("products_shown", "1"),
            ("products", "tee"),
            ("products", "hoodie"),
            ("products", "longsleeve"),
            ("products", "tote"),
            ("products", "poster"),
            ("products", "sticker"),
            ("price_hoodie", "45"),
            ("price_longsleeve", "30"),
            ("price_tote", "20"),
            ("price_poster", "15"),
            ("price_sticker", "5"),
            ("sizes", "XS"),
            ("sizes", "S"),
            ("sizes", "M"),
            ("sizes", "L"),
            ("sizes", "XL"),
            ("colours", "black"),
            ("colours", "white"),
            ("colours", "navy"),
            ("colours", "sand"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let slug = "merch-table-night";
    let axe = axe();
    let web = browser(&driver).await;
    let started = std::time::Instant::now();
    let result = async {
        web.set_window_rect(0, 0, 1440, 900).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        eprintln!("storefront loaded after {:?}", started.elapsed());
        shoot(&web, "merch-table-desktop", 1440, 900).await;
        let bottom = buy_bottom(&web).await?;
        eprintln!("desktop: Buy ends at {bottom} px");
        assert!(bottom <= 900.0, "desktop: Buy above the fold with six products, ends at {bottom} px");
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let bottom = buy_bottom(&web).await?;
        assert!(bottom <= 844.0, "phone: the buy bar on the first screen, ends at {bottom} px");
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the merch table: {found:?}");
        }
        // Every product's picture loads.
        let broken: i64 = web
            .execute(
                "const imgs = [...document.querySelectorAll('.product-card img')];
                 await Promise.all(imgs.map((i) => { i.loading = 'eager'; return i.decode().catch(() => {}); }));
                 return imgs.filter((i) => !i.naturalWidth).length;",
                vec![],
            )
            .await?
            .convert()?;
        assert_eq!(broken, 0, "every product picture draws");
        shoot(&web, "merch-table-phone", 390, 844).await;

        // The hoodie, in L: picked, its picture shown large, added in place.
        web.execute("window.__samePage = true", vec![]).await?;
        tap(&web, "label.product-card:has(input[value=hoodie])").await?;
        let shown: bool = web
            .execute("return getComputedStyle(document.querySelector('.product-view[data-product=hoodie]')).display !== 'none'", vec![])
            .await?
            .convert()?;
        assert!(shown, "the hoodie's picture is the large one");
        // Hoodies start at S: the XS the T-shirt comes in hides.
        let xs: String = web
            .execute("return getComputedStyle(document.querySelector('.size-picker label.chip:has(input[value=XS])')).display", vec![])
            .await?
            .convert()?;
        assert_eq!(xs, "none", "no XS hoodie on offer");
        tap(&web, "label.chip:has(input[name=size][value=L])").await?;
        tap(&web, "label.chip:has(input[name=colour][value=black])").await?;
        // The hoodie's pictures follow the colour picked.
        let shown: Vec<String> = web
            .execute(
                "return [...document.querySelectorAll('.product-view')].filter((v) => getComputedStyle(v).display !== 'none')
                    .map((v) => v.dataset.product + '-' + v.dataset.colour)",
                vec![],
            )
            .await?
            .convert()?;
        assert_eq!(shown, ["hoodie-black"], "the black hoodie is the one shown");
        tap(&web, "#add-to-cart").await?;
        web.query(By::Css("#cart li")).first().await?;
        // Two stickers: one size, white only; the pickers say so.
        tap(&web, "label.product-card:has(input[value=sticker])").await?;
        let (sizes, black, white): (String, String, bool) = web
            .execute(
                "return [getComputedStyle(document.querySelector('.size-picker')).display,
                         getComputedStyle(document.querySelector('label.chip.colour:has(input[value=black])')).display,
                         document.querySelector('input[name=colour][value=white]').checked]",
                vec![],
            )
            .await?
            .convert()?;
        assert_eq!((sizes.as_str(), black.as_str()), ("none", "none"), "a sticker has no size and no black");
        assert!(white, "the sticker's own colour is picked");
        // Its own facts alone: its size and vinyl, not the T-shirt's chart.
        let facts: Vec<String> = web
            .execute(
                "return [...document.querySelectorAll('details.product-facts')]
                    .filter((d) => getComputedStyle(d).display !== 'none').map((d) => d.dataset.product)",
                vec![],
            )
            .await?
            .convert()?;
        assert_eq!(facts, ["sticker"], "only the picked product's size and material show");
        web.execute("const q = document.getElementById('quantity'); q.value = '2'; q.dispatchEvent(new Event('change'))", vec![]).await?;
        tap(&web, "#add-to-cart").await?;
        let mut lines = web.find_all(By::Css("#cart li")).await?;
        let mut waited = 0;
        while lines.len() < 2 && waited < 50 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            lines = web.find_all(By::Css("#cart li")).await?;
            waited += 1;
        }
        assert_eq!(lines.len(), 2, "two lines in the cart");
        let (same, live): (bool, String) = web
            .execute("return [window.__samePage === true, document.getElementById('cart-live').textContent]", vec![])
            .await?
            .convert()?;
        assert!(same, "added in place, no reload");
        assert!(live.contains("$55.00"), "the live region reads the total: {live}");
        let cart = web.find(By::Id("cart")).await?.text().await?;
        assert!(cart.contains("1 × “Merch table night” Hoodie, L, Black"), "{cart}");
        assert!(cart.contains("2 × “Merch table night” Sticker"), "{cart}");
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the cart: {found:?}");
        }
        shoot(&web, "merch-cart-phone", 390, 844).await;
        // A third line, then *Remove* in place: keyboard focus stays in the
        // cart (the pressed button went with the old cart).
        tap(&web, "label.product-card:has(input[value=tee])").await?;
        web.execute("const q = document.getElementById('quantity'); q.value = '1'; q.dispatchEvent(new Event('change'))", vec![]).await?;
        tap(&web, "#add-to-cart").await?;
        let count = "return document.querySelectorAll('#cart li').length";
        for _ in 0..50 {
            if web.execute(count, vec![]).await?.convert::<i64>()? == 3 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let said: String = web.execute("return document.getElementById('cart-live').textContent", vec![]).await?.convert()?;
        assert_eq!(web.execute(count, vec![]).await?.convert::<i64>()?, 3, "the T-shirt added: {said}");
        tap(&web, "#cart li:last-child button[name=remove]").await?;
        for _ in 0..50 {
            if web.execute(count, vec![]).await?.convert::<i64>()? == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(web.execute(count, vec![]).await?.convert::<i64>()?, 2, "the T-shirt removed");
        let focused: String =
            web.execute("return document.activeElement ? document.activeElement.name : ''", vec![]).await?.convert()?;
        assert_eq!(focused, "remove", "focus on the cart's last Remove, not lost to the page");
        let buy = web.find(By::Id("buy")).await?;
        assert!(buy.text().await?.contains("Check out — $55.00"));
        buy.click().await?;
        let banner = web.query(By::ClassName("demo")).first().await?;
        assert!(banner.text().await?.contains("no money moves"));
        let page = web.find(By::Tag("main")).await?.text().await?;
        assert!(page.contains("Hoodie") && page.contains("Sticker"), "the demo checkout lists the lines");
        fill_address(&web, ["fan@example.com", "Fan Person", "1 Main St", "10001", "New York"]).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        let body = web.find(By::Tag("main")).await?.text().await?;
        assert!(body.contains("Hoodie, L, Black") && body.contains("2 × “Merch table night” Sticker"), "{body}");
        shoot(&web, "merch-thanks-phone", 390, 844).await;
        Ok::<_, WebDriverError>(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
    let drop = app.drop_by_slug(slug).await;
    assert_eq!((drop.sold, drop.revenue_minor), (3, 5500));
}

/// A code applied to a cart, then the cart filled in place (all with
/// JavaScript): each line and the total say the price with the code, the
/// button and the live region too, and the demo checkout charges it.
#[tokio::test]
async fn a_code_applied_prices_the_cart_filled_in_place_and_the_checkout() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Friends pay less"),
            ("products_shown", "1"),
            ("products", "tee"),
            ("products", "hoodie"),
            ("products", "sticker"),
            ("price_hoodie", "45"),
            ("price_sticker", "5"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let slug = "friends-pay-less";
    let drop = app.drop_by_slug(slug).await;
    app.make_code(&drop.id, &[("code", "FRIENDS"), ("kind", "percent"), ("value", "10")]).await;
    let axe = axe();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        tap(&web, "label.product-card:has(input[value=sticker])").await?;
        web.execute("const q = document.getElementById('quantity'); q.value = '2'; q.dispatchEvent(new Event('change'))", vec![]).await?;
        // Two stickers in the cart first, then the code applied in place:
        // the cart so far takes it.
        web.execute("window.__samePage = true", vec![]).await?;
        tap(&web, "#add-to-cart").await?;
        web.query(By::Css("#cart li")).first().await?;
        web.find(By::Id("code")).await?.send_keys("friends").await?;
        tap(&web, "button[name=apply]").await?;
        let note = web.query(By::Id("code-note")).first().await?.text().await?;
        assert!(note.contains("FRIENDS"), "{note}");
        let total: String =
            web.execute("return document.querySelector('#cart .cart-total').textContent", vec![]).await?.convert()?;
        assert_eq!(total, "Total before shipping: Was $10.00 now $9.00", "struck through, then with the code");
        tap(&web, "label.product-card:has(input[value=hoodie])").await?;
        tap(&web, "label.chip:has(input[name=size][value=L])").await?;
        web.execute("const q = document.getElementById('quantity'); q.value = '1'; q.dispatchEvent(new Event('change'))", vec![]).await?;
        tap(&web, "#add-to-cart").await?;
        let count = "return document.querySelectorAll('#cart li').length";
        for _ in 0..50 {
            if web.execute(count, vec![]).await?.convert::<i64>()? == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let (same, live, total, buy): (bool, String, String, String) = web
            .execute(
                "return [window.__samePage === true, document.getElementById('cart-live').textContent,
                         document.querySelector('#cart .cart-total').textContent, document.getElementById('buy').textContent]",
                vec![],
            )
            .await?
            .convert()?;
        assert!(same, "added in place, no reload");
        assert_eq!(total, "Total before shipping: Was $55.00 now $49.50");
        assert!(live.contains("$49.50"), "the live region reads the total with the code: {live}");
        assert!(buy.contains("$49.50"), "{buy}");
        if let Some(axe) = &axe {
            let found = axe_violations(&web, axe).await?;
            assert!(found.is_empty(), "axe on the cart with a code: {found:?}");
        }
        shoot(&web, "merch-cart-code-phone", 390, 844).await;
        tap(&web, "#buy").await?;
        web.query(By::ClassName("demo")).first().await?;
        let page = web.find(By::Tag("main")).await?.text().await?;
        assert!(page.contains("$49.50"), "the checkout charges what the cart said: {page}");
        Ok::<_, WebDriverError>(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
