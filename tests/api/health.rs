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
