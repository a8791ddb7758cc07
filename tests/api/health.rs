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
    let font =
        app.client.get(app.url("/static/fonts/woff2/BebasNeue-Bold.woff2")).header("accept-encoding", "br").send();
    let font = font.await.unwrap();
    assert_eq!(font.headers()["content-type"], "font/woff2");
    assert!(font.headers().get("content-encoding").is_none(), "WOFF2 is compressed already");
    let (_, page) = app.get_html("/").await;
    assert!(!page.contains(".otf") && !page.contains(".ttf"), "pages preload WOFF2 only");
}
