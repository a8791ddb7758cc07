use crate::common::TestApp;

#[tokio::test]
async fn healthz_is_ok_while_the_database_answers() {
    let app = TestApp::spawn().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    assert_eq!(res.text().await.unwrap(), "ok");
}

#[tokio::test]
async fn healthz_is_503_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.state.store.close().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 503);
}

#[tokio::test]
async fn unknown_pages_get_the_themed_404() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Nothing here"));
    assert!(html.contains("<svg"), "404 shows the shirt");
}

#[tokio::test]
async fn static_files_come_from_memory_with_an_etag() {
    let app = TestApp::spawn().await;
    let css = app.get("/static/css/app.css").await;
    assert_eq!(css.status().as_u16(), 200);
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(css.headers()["cache-control"], "public, max-age=86400");
    let etag = css.headers()["etag"].to_str().unwrap().to_owned();
    assert!(css.text().await.unwrap().contains("--accent"));
    let font = app.get("/static/fonts/BebasNeue-Bold.otf").await;
    assert_eq!(font.headers()["content-type"], "font/otf");
    let again = app.client.get(app.url("/static/css/app.css")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 304);
    for path in ["/static/nope.css", "/static/../Cargo.toml", "/static/%2e%2e/Cargo.toml", "/static/"] {
        assert_eq!(app.get(path).await.status().as_u16(), 404, "{path}");
    }
}

#[tokio::test]
async fn pages_link_static_files_by_content_and_those_are_kept_a_year() {
    let app = TestApp::spawn().await;
    let (_, page) = app.get_html("/").await;
    let start = page.find("/static/css/app.css?v=").expect("a versioned stylesheet");
    let link: String = page[start..].chars().take_while(|c| *c != '"').collect();
    let version = link.rsplit("v=").next().unwrap();
    assert_eq!(version.len(), 16);
    let css = app.get(&link).await;
    assert_eq!(css.headers()["cache-control"], "public, max-age=31536000, immutable");
    let bytes = css.bytes().await.unwrap();
    assert_eq!(popshop::web::assets::version_of(&bytes), version, "the version is the content's");
    // An old version (the file changed since) is served, but kept a day only.
    let old = app.get("/static/css/app.css?v=0000000000000000").await;
    assert_eq!(old.headers()["cache-control"], "public, max-age=86400");
    // The script, the favicon and the fonts in /fonts.css are versioned too.
    assert!(page.contains("/static/js/app.js?v=") && page.contains("/static/favicon.svg?v="));
    let fonts = app.get("/fonts.css").await.text().await.unwrap();
    assert!(fonts.contains("url(/static/fonts/woff2/") && fonts.contains(".woff2?v="), "{fonts:.200}");
}

#[tokio::test]
async fn text_goes_out_compressed_and_fonts_as_woff2() {
    let app = TestApp::spawn().await;
    let plain = app.get("/static/css/app.css").await.bytes().await.unwrap();
    for path in ["/static/css/app.css", "/static/favicon.svg"] {
        for (accept, coding) in [("br, gzip", "br"), ("gzip", "gzip")] {
            let res = app.client.get(app.url(path)).header("accept-encoding", accept).send().await.unwrap();
            assert_eq!(res.headers()["content-encoding"], coding, "{path}");
            assert_eq!(res.headers()["vary"], "Accept-Encoding");
            if path.ends_with(".css") {
                assert!(res.bytes().await.unwrap().len() < plain.len() / 2, "{path} {coding}");
            }
        }
    }
    let css = app.get("/fonts.css").await.text().await.unwrap();
    assert!(css.contains("format(\"woff2\")") && !css.contains(".otf") && !css.contains(".ttf"), "{css}");
    // Every face names the characters it has, so browsers fetch only the
    // pieces a page's text needs.
    let faces = css.matches("@font-face").count();
    assert!(faces > 40 && css.matches("unicode-range:U+").count() == faces, "{css}");
    let font = app
        .client
        .get(app.url("/static/fonts/woff2/BebasNeue-Bold.latin.woff2"))
        .header("accept-encoding", "br")
        .send();
    let font = font.await.unwrap();
    assert_eq!(font.headers()["content-type"], "font/woff2");
    assert!(font.headers().get("content-encoding").is_none(), "WOFF2 is compressed already");
    let (_, page) = app.get_html("/").await;
    assert!(!page.contains(".otf") && !page.contains(".ttf"), "pages preload WOFF2 only");
}
