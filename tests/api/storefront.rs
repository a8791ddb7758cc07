use crate::common::{TestApp, text};

#[tokio::test]
async fn the_storefront_shows_the_shirt_price_and_pickers() {
    let app = TestApp::spawn().await;
    let res = app
        .launch_with(&[
            ("slogan", "Be a Friday Night Loser with me"),
            ("stock", "200"),
            ("goal", "150"),
            ("sizes", "M"),
            ("sizes", "XL"),
            ("colours", "white"),
            ("colours", "navy"),
            ("email", "a@example.com"),
            ("password", "correct horse battery"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let visitor = app.other_visitor();
    let res = visitor.get(app.url("/d/be-a-friday-night-loser-with-me")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<h1 class=\"slogan\">Be a Friday Night Loser with me</h1>"));
    // The shirt pictures: front, close-up and back per colour, as images.
    let front = "/d/be-a-friday-night-loser-with-me/shirts/white-front.svg?v=";
    assert!(html.contains(&format!("<img src=\"{front}")), "{html}");
    assert!(html.contains("alt=\"White T-shirt, front, printed with “Be a Friday Night Loser with me”\""));
    // The close-up is a view of the front picture: one download for both.
    assert!(html.contains("navy-front.svg?v=") && html.contains("#detail\"") && html.contains("navy-back.svg?v="));
    assert!(!html.contains("-detail.svg"));
    assert!(html.contains(">Close-up</a>"), "view buttons");
    assert!(html.contains("$25.00"));
    assert!(html.contains("Buy — $25.00"));
    assert_eq!(text(&html, "[data-live=left]"), "200", "units left");
    assert!(html.contains("Goal: <span data-live=\"goal-sold\">0</span> of 150 shirts"));
    assert!(html.contains("value=\"M\" checked"), "M preselected");
    assert!(html.contains("value=\"XL\""));
    assert!(!html.contains("value=\"XS\""), "only offered sizes");
    assert!(html.contains("data-colour=\"white\"") && html.contains("data-colour=\"navy\""), "a mockup per colour");
    assert!(html.contains("<meta property=\"og:title\""));
    assert!(
        html.contains(&format!("<link rel=\"canonical\" href=\"{}/d/be-a-friday-night-loser-with-me\">", app.address))
    );
    assert!(html.contains("name=\"twitter:card\""));
    assert!(html.contains("--bg:"), "themed");
}

#[tokio::test]
async fn prices_are_formatted_for_their_currency() {
    let app = TestApp::spawn().await;
    app.sign_up("a@example.com", "correct horse battery").await;
    // Each in the way the shop's language writes it (CLDR): the symbol
    // before the number in English, after it (and a decimal comma) in German.
    for (currency, language, slogan, expected) in [
        ("eur", "en", "Euro shirt", "€25.00"),
        ("eur", "de", "Euro Shirt deutsch", "25,00\u{a0}€"),
        ("usd", "de", "Dollar Shirt deutsch", "25,00\u{a0}$"),
        ("gbp", "en", "Pound shirt", "£25.00"),
    ] {
        let res = app.launch_with(&[("slogan", slogan), ("currency", currency), ("language", language)]).await;
        assert_eq!(res.status().as_u16(), 303);
        let slug = slogan.to_lowercase().replace(' ', "-");
        let (_, html) = app.get_html(&format!("/d/{slug}")).await;
        assert!(html.contains(expected), "{currency}: {expected}");
    }
}

#[tokio::test]
async fn html_in_a_slogan_is_text_everywhere() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("<script>alert(1)</script> \"quoted\"").await;
    let (status, html) = app.get_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert"), "never raw");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(html.contains("content=\"“&#60;script&#62;alert(1)"), "escaped in meta tags");
}

#[tokio::test]
async fn unknown_slug_gets_the_themed_404() {
    let app = TestApp::spawn().await;
    for path in ["/d/no-such-drop", "/d/UPPER", "/d/..%2F..%2Fetc"] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Nothing here"), "{path}");
    }
}

#[tokio::test]
async fn a_cached_storefront_still_shows_changes() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Cache me").await;
    for _ in 0..3 {
        let (status, _) = app.get_html(&format!("/d/{slug}")).await;
        assert_eq!(status, 200);
    }
    app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains("state-ended"));
}

#[tokio::test]
async fn the_share_card_is_a_cached_png_named_in_the_meta_tags() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Share me 🔥").await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    let marker = "<meta property=\"og:image\" content=\"";
    let start = html.find(marker).expect("og:image") + marker.len();
    let image_url = &html[start..start + html[start..].find('"').unwrap()];
    assert!(image_url.starts_with(&format!("{}/d/{slug}/card.png?v=", app.address)), "{image_url}");
    // X reads the Open Graph image when its own tag is absent.
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    assert!(!html.contains("twitter:image"), "not said twice");

    let res = app.client.get(image_url).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("max-age=31536000"));
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let png = res.bytes().await.unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);

    let again = app.client.get(image_url).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(again, png, "served from the cache, byte-identical");
    let not_modified = app.client.get(image_url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(not_modified.status().as_u16(), 304);
    assert_eq!(app.get("/d/no-such-drop/card.png").await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_storefront_says_only_what_helps_before_and_after_the_goal_and_the_end() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    let ends = (chrono::DateTime::from_timestamp_millis(popshop::clock::system_now_ms()).unwrap()
        + chrono::Duration::days(10))
    .format("%Y-%m-%dT%H:%M")
    .to_string();
    let res = app
        .launch_with(&[("slogan", "Copy that"), ("stock", "10"), ("goal", "3"), ("ends_at", &ends), ("tz_offset", "0")])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, fresh) = app.get_html("/d/copy-that").await;
    // "0 sold" is hidden until the first sale (the script shows it live).
    assert!(fresh.contains(r#"<li data-live="sold-item" hidden>"#), "{fresh}");
    assert!(fresh.contains("Goal: <span data-live=\"goal-sold\">0</span> of 3 shirts"));
    assert!(fresh.contains("Ends in"));
    // One colour: nothing to pick, the colour is named.
    assert!(!fresh.contains("<legend>Colour</legend>"));
    assert!(fresh.contains(r#"<input type="hidden" name="colour" value="black">"#));
    assert!(fresh.contains("Colour: <span class=\"swatch\""));

    let fan = TestApp::spawn_shell(&app);
    let res = fan.buy("copy-that", "M", "black", 4).await;
    fan.pay_demo(&crate::common::location(&res)).await;
    let (_, past_goal) = app.get_html("/d/copy-that").await;
    assert!(past_goal.contains("Goal reached — <span data-live=\"goal-sold\">4</span> sold"), "{past_goal}");
    assert!(!past_goal.contains("of 3"), "never '4 of 3'");
    assert!(past_goal.contains(r#"<li data-live="sold-item">"#));

    let id = app
        .state
        .store
        .drop_by_slug(&popshop::domain::DropSlug::parse("copy-that").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    let (_, ended) = app.get_html("/d/copy-that").await;
    assert!(ended.contains("This drop has ended."), "{ended}");
    assert!(!ended.contains("Ends in"), "an ended drop never counts down");
    assert!(!ended.contains("type=\"radio\"") && !ended.contains("<select"), "no pickers once nothing can be bought");
    assert!(!ended.contains("Goal: None") && !ended.contains("None"));
}

#[tokio::test]
async fn two_colours_get_a_picker_with_swatches() {
    let app = TestApp::spawn().await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Pick one"), ("colours", "black"), ("colours", "white")]).await;
    let (_, html) = app.get_html("/d/pick-one").await;
    assert!(html.contains("<legend>Colour</legend>"));
    assert_eq!(html.matches(r#"name="colour""#).count(), 2);
}

#[tokio::test]
async fn a_cjk_storefront_gets_its_font_cut_to_its_text_and_a_latin_one_none() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("金曜の夜の負け犬になろう").await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains(&format!("url(/d/{slug}/cjk.otf)")), "the page declares its cut-down font");
    let res = app.get(&format!("/d/{slug}/cjk.otf")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "font/otf");
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let font = res.bytes().await.unwrap();
    assert!(font.starts_with(b"OTTO") && font.len() < 40_000, "{} bytes", font.len());
    let again = app.client.get(app.url(&format!("/d/{slug}/cjk.otf"))).header("if-none-match", &etag).send().await;
    assert_eq!(again.unwrap().status().as_u16(), 304);
    assert_eq!(app.get("/d/no-such-drop/cjk.otf").await.status().as_u16(), 404);

    // The storefront's own font rules leave the whole CJK and emoji fonts out.
    let link = html.split("href=\"/static/fonts-storefront.css?v=").nth(1).expect("the storefront's font rules");
    let rules = app.get(&format!("/static/fonts-storefront.css?v={}", &link[..16])).await.text().await.unwrap();
    assert!(rules.contains("unicode-range") && !rules.contains("NotoSansCJK") && !rules.contains("NotoEmoji"));

    let (_, latin) = app.launch("Plain latin words").await;
    let (_, html) = app.get_html(&format!("/d/{latin}")).await;
    assert!(!html.contains("cjk.otf") && !html.contains("emoji.ttf"), "no cut font where none is needed");

    // An emoji slogan gets the emoji font cut to its emoji, declared for them only.
    let (_, fire) = app.launch("Loser club 🔥").await;
    let (_, html) = app.get_html(&format!("/d/{fire}")).await;
    assert!(html.contains(&format!("url(/d/{fire}/emoji.ttf) format(\"truetype\")")), "{html:.3000}");
    assert!(html.contains("unicode-range:U+1F525}"), "only the fire is drawn from it");
    let res = app.get(&format!("/d/{fire}/emoji.ttf")).await;
    assert_eq!((res.status().as_u16(), res.headers()["content-type"].to_str().unwrap()), (200, "font/ttf"));
    let font = res.bytes().await.unwrap();
    assert!(font.len() < 10_000, "{} bytes (the whole font is 470 KB as WOFF2)", font.len());
    assert_eq!(app.get(&format!("/d/{fire}/other.ttf")).await.status().as_u16(), 404);
    // A flag is drawn through the font's ligatures, which a cut loses: that
    // storefront gets the whole emoji font, for emoji only.
    let (_, flag) = app.launch("Go 🇩🇪 go").await;
    let (_, html) = app.get_html(&format!("/d/{flag}")).await;
    assert!(
        !html.contains("emoji.ttf") && html.contains("/static/fonts/woff2/NotoEmoji-Bold.woff2?v="),
        "{html:.3000}"
    );
    assert_eq!(app.get(&format!("/d/{fire}/display.otf")).await.status().as_u16(), 404, "not a heavy look");

    // The sketch look's heavy typeface comes cut to the slogan's letters.
    let res = app.launch_with(&[("slogan", "Drawn by hand"), ("theme", "sketch")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, html) = app.get_html("/d/drawn-by-hand").await;
    assert!(html.contains("url(/d/drawn-by-hand/display.ttf) format(\"truetype\")"), "{html:.3000}");
    assert!(!html.contains("CabinSketch-Bold.latin.woff2\" as=\"font\""), "its pieces are not preloaded");
    let cut = app.client.get(app.url("/d/drawn-by-hand/display.ttf")).header("accept-encoding", "br").send().await;
    let cut = cut.unwrap();
    assert_eq!(cut.headers()["content-encoding"], "br", "compressed once, like the pictures");
    let cut = cut.bytes().await.unwrap();
    assert!(cut.len() < 30_000, "{} bytes over the wire (its Latin piece is 134 KB)", cut.len());
}

#[tokio::test]
async fn shirt_pictures_are_outlined_svg_cached_for_a_year_and_compressed() {
    let app = TestApp::spawn().await;
    app.sign_up("a@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[("slogan", "Sei ein Freitagabend-Loser mit mir"), ("colours", "black"), ("colours", "white")])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let slug = "sei-ein-freitagabend-loser-mit-mir";
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    let start = html.find(&format!("/d/{slug}/shirts/black-front.svg?v=")).expect("front picture linked");
    let src = &html[start..html[start..].find('"').unwrap() + start];

    let visitor = app.other_visitor();
    let res = visitor.get(app.url(src)).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(res.headers()["content-encoding"], "br");
    let etag = res.headers()["etag"].clone();
    let again = visitor.get(app.url(src)).header("accept-encoding", "br").header("if-none-match", etag).send().await;
    assert_eq!(again.unwrap().status().as_u16(), 304);

    let svg = app.get(src).await.text().await.unwrap();
    assert!(
        svg.contains("<title id=\"s-title\">Black T-shirt printed with: Sei ein Freitagabend-Loser mit mir</title>")
    );
    assert!(!svg.contains("<text") && !svg.contains("font-family"), "no fonts needed: {}", &svg[..400]);
    assert!(svg.contains("<path fill=\"#"), "the letters, as outlines");
    let back = app.get(&format!("/d/{slug}/shirts/white-back.svg")).await.text().await.unwrap();
    assert!(back.contains("Back of the white shirt, no print") && !back.contains("<path fill=\"#"));
    let detail = app.get(&format!("/d/{slug}/shirts/white-detail.svg")).await.text().await.unwrap();
    assert!(detail.contains("viewBox=\"150 110 300 320\""), "a close-up of the print area");

    for wrong in ["navy-front.svg", "black-side.svg", "black-front.png", "black", "-front.svg"] {
        let res = app.get(&format!("/d/{slug}/shirts/{wrong}")).await;
        assert_eq!(res.status().as_u16(), 404, "{wrong}");
    }
    assert_eq!(app.get("/d/no-such-drop/shirts/black-front.svg").await.status().as_u16(), 404);
}

/// The names of the headers a server's answer carries, sorted, less the
/// two the HTTP layer writes after the shelf or the `App` has answered.
fn served_names(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    let mut names: Vec<String> = headers
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| !["content-length", "date"].contains(&k.as_str()))
        .collect();
    names.sort();
    names
}

/// A view the shelf answers (`server::shelf`, in front of actix's `App`)
/// gets exactly what the `App` gives: the same body, encoding, `ETag`,
/// security headers and request id, and `304` for a browser that has it.
/// Whatever the shelf does not hold goes on to the `App`.
#[tokio::test]
async fn the_shelf_answers_a_kept_storefront_as_the_app_does_and_passes_on_the_rest() {
    use actix_http::test::TestRequest;
    use popshop::server::shelf;
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Shelve me").await;
    let path = format!("/d/{slug}");
    let shelf_get = |headers: &[(&str, &str)]| {
        let mut req = TestRequest::with_uri(&path);
        for &(name, value) in headers {
            req.insert_header((name, value));
        }
        shelf::answer(&req.finish(), &app.state, false)
    };
    assert!(shelf_get(&[]).is_none(), "nothing is kept before the first view");

    // The first view is the App's: it renders and keeps the page.
    let first = app.client.get(app.url(&path)).header("accept-encoding", "identity").send().await.unwrap();
    assert_eq!(first.status().as_u16(), 200);
    let headers = first.headers().clone();
    let body = first.bytes().await.unwrap();
    // The server's next views are the shelf's: a worker copies the page
    // to answer from (on PostgreSQL, the launch's own NOTIFY may come after
    // the first render and send one more view to the App).
    for _ in 0..3 {
        if app.state.shop.pages_taken_at_hand() > 0 {
            break;
        }
        assert_eq!(app.get(&path).await.status().as_u16(), 200);
    }
    assert!(app.state.shop.pages_taken_at_hand() > 0, "the server answers a kept page from the shelf");
    let kept = shelf_get(&[("accept-encoding", "identity")]).expect("the shelf holds the page the App kept");
    assert_eq!(kept.status().as_u16(), 200);
    let names = |h: &actix_http::header::HeaderMap| {
        let mut names: Vec<String> = h.keys().map(|k| k.as_str().to_owned()).collect();
        names.sort();
        names
    };
    assert_eq!(names(kept.headers()), served_names(&headers), "the same headers as the App's answer");
    for (name, value) in kept.headers() {
        if name.as_str() != "x-request-id" {
            assert_eq!(headers[name.as_str()].as_bytes(), value.as_bytes(), "{name}");
        }
    }
    assert_ne!(
        kept.headers().get("x-request-id").unwrap().as_bytes(),
        headers["x-request-id"].as_bytes(),
        "an id of its own"
    );
    let shelf_body = actix_http::body::to_bytes(kept.into_body()).await.unwrap();
    assert_eq!(shelf_body, body, "byte for byte");

    // Brotli for a browser, and 304 for one that has it.
    let br = shelf_get(&[("accept-encoding", "gzip, deflate, br")]).unwrap();
    assert_eq!(br.headers().get("content-encoding").unwrap(), "br");
    let etag = br.headers().get("etag").unwrap().to_str().unwrap().to_owned();
    let again = shelf_get(&[("accept-encoding", "br"), ("if-none-match", &etag)]).unwrap();
    assert_eq!(again.status().as_u16(), 304);
    let res =
        app.client.get(app.url(&path)).header("accept-encoding", "br").header("if-none-match", &etag).send().await;
    let res = res.unwrap();
    assert_eq!(res.status().as_u16(), 304, "the server answers the same");
    assert_eq!(names(again.headers()), served_names(res.headers()), "the same headers on a 304");
    let gzip = shelf_get(&[("accept-encoding", "gzip")]).unwrap();
    assert_eq!(gzip.headers().get("content-encoding").unwrap(), "gzip");
    let over_https = TestRequest::with_uri(&path).finish();
    let over_https = shelf::answer(&over_https, &app.state, true).unwrap();
    assert_eq!(over_https.headers().get("strict-transport-security").unwrap(), "max-age=31536000");

    // Passed on: other methods and paths, a request with a body, a slug
    // spelled otherwise, and no page for an unknown drop.
    let post = TestRequest::with_uri(&path).method(actix_http::Method::POST).finish();
    assert!(shelf::answer(&post, &app.state, false).is_none());
    let with_body = TestRequest::with_uri(&path).insert_header(("content-length", "3")).finish();
    assert!(shelf::answer(&with_body, &app.state, false).is_none());
    for other in
        [format!("{path}/"), format!("{path}/totals"), "/d/".into(), "/d/no-such-drop".into(), path.replace('-', "%2D")]
    {
        assert!(shelf::answer(&TestRequest::with_uri(&other).finish(), &app.state, false).is_none(), "{other}");
    }

    // A change to the drop takes its page off the shelf until the App has
    // rendered the new one.
    app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    assert!(shelf_get(&[]).is_none(), "a changed drop's page is not served from the shelf");
    // On PostgreSQL the change is also heard from the database's NOTIFY,
    // which may arrive after the App rendered the new page and mark that
    // copy stale once more: the next view renders it again, so views go
    // on until one is kept; on SQLite the first is.
    let tries = if app.backend == "postgres" { 50 } else { 1 };
    let mut ended = None;
    for _ in 0..tries {
        let (_, html) = app.get_html(&path).await;
        assert!(html.contains("state-ended"));
        ended = shelf_get(&[("accept-encoding", "identity")]);
        if ended.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let ended = ended.expect("the new page is kept");
    let ended = actix_http::body::to_bytes(ended.into_body()).await.unwrap();
    assert!(String::from_utf8_lossy(&ended).contains("state-ended"));
}
