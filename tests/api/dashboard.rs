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

#[tokio::test]
async fn the_drop_page_puts_numbers_first_says_when_the_chart_is_empty_and_labels_its_times() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Chart me").await;
    let (_, html) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    let numbers = html.find("<dl class=\"numbers\">").expect("numbers");
    assert!(numbers < html.find("class=\"admin-grid\"").unwrap(), "numbers before everything else");
    assert!(html.contains("No sales yet — the chart starts with the first shirt sold."));
    assert!(!html.contains("<svg class=\"chart\""), "no empty chart");
    assert!(html.contains("No goal set") && !html.contains(">None<"));
    assert!(html.contains(">Share on X</a>") && html.contains(">Share on Bluesky</a>"), "share buttons");

    let artist_client = app.client.clone();
    let fan = app.into_new_visitor();
    let res = fan.buy(&slug, "M", "black", 2).await;
    fan.pay_demo(&crate::common::location(&res)).await;
    let artist = TestApp { client: artist_client, ..fan };
    let (_, html) = artist.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(html.contains("<svg class=\"chart\""), "a chart once something sold");
    assert_eq!(html.matches("<time data-local-clock=").count(), 5, "five time labels");
    assert!(html.contains(" UTC</time></li>"), "readable without JavaScript");
    assert!(html.contains("<div id=\"live-orders\">"));
    assert!(html.contains(" UTC</time></td>"), "order times readable without JavaScript");
}
