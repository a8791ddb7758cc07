use crate::common::TestApp;

#[tokio::test]
async fn the_dashboard_lists_my_drops_newest_first() {
    let app = TestApp::spawn().await;
    app.launch("First drop").await;
    app.launch_with(&[("slogan", "Second drop")]).await;
    let (status, html) = app.get_html("/dashboard").await;
    assert_eq!(status, 200);
    let second = html.find("Second drop").expect("second listed");
    let first = html.find("First drop").expect("first listed");
    assert!(second < first, "newest first");
    assert!(html.contains("$0.00"), "revenue zero until payments land");
    assert!(html.contains("<dt>Shirts sold</dt><dd>0</dd>"), "totals across drops");
}

#[tokio::test]
async fn another_artists_drop_is_a_404_everywhere() {
    let app = TestApp::spawn().await;
    let (id, _) = app.launch("Mine, all mine").await;
    let thief = app.into_new_visitor();
    thief.sign_up("thief@example.com", "correct horse battery").await;
    for path in
        [format!("/dashboard/drops/{id}"), format!("/dashboard/drops/{id}/qr.svg"), "/dashboard/drops/nope".into()]
    {
        let res = thief.get(&path).await;
        assert_eq!(res.status().as_u16(), 404, "{path}");
    }
    let res = thief.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 404);
    let drop = thief.state.store.drop_by_id(&id).await.unwrap().unwrap();
    assert!(drop.ended_at.is_none(), "not ended by someone else");
}

#[tokio::test]
async fn the_dashboard_asks_visitors_to_log_in_and_returns_them() {
    let app = TestApp::spawn().await;
    let res = app.get("/dashboard/drops/abc").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fdashboard%2Fdrops%2Fabc");
}

#[tokio::test]
async fn ending_a_drop_and_refunding_ask_once_more_without_javascript() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Ask me twice").await;
    let res = app.post_form(&format!("/dashboard/drops/{id}/end"), &[]).await;
    assert_eq!(res.status().as_u16(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("End this drop now?") && page.contains(r#"name="confirmed" value="yes""#), "{page}");
    assert!(page.contains(&format!(r#"action="/dashboard/drops/{id}/end""#)));
    assert!(page.contains("Keep selling"));
    let (_, store) = app.get_html(&format!("/d/{slug}")).await;
    assert!(store.contains("id=\"buy\""), "still on sale until confirmed");

    let res = app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, store) = app.get_html(&format!("/d/{slug}")).await;
    assert!(store.contains("This drop has ended."));
}
