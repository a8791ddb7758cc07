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
