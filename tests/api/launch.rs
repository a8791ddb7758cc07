use crate::common::TestApp;

#[tokio::test]
async fn a_visitor_signs_up_and_launches_in_one_step() {
    let app = TestApp::spawn().await;
    let res = app
        .launch_with(&[
            ("slogan", "Sei ein Freitagabend-Loser mit mir!"),
            ("email", "new@example.com"),
            ("password", "correct horse battery"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/dashboard/drops/") && location.ends_with("?launched=1"), "{location}");

    let (status, html) = app.get_html(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your drop is live!"));
    let link = format!("{}/d/sei-ein-freitagabend-loser-mit-mir", app.address);
    assert!(html.contains(&link), "public link shown");
    assert!(html.contains("data-copy"), "copy button");
    assert!(html.contains("twitter.com/intent/tweet"), "share link");
    assert!(html.contains("/qr.svg"), "QR code");

    let qr = app.get(&format!("{}/qr.svg", location.split('?').next().unwrap())).await;
    assert_eq!(qr.status().as_u16(), 200);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml; charset=utf-8");
    assert!(qr.text().await.unwrap().contains("<svg"));
}

#[tokio::test]
async fn a_known_email_with_its_password_launches_into_that_account() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    let fresh = app.into_new_visitor();
    let res = fresh.launch_with(&[("email", "ana@example.com"), ("password", "correct horse battery")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let wrong = fresh.into_new_visitor();
    let res = wrong.launch_with(&[("email", "ana@example.com"), ("password", "wrong password!")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("already has an account"));
    assert!(html.contains("Be a Friday Night Loser with me"), "slogan kept");
}

#[tokio::test]
async fn colliding_slugs_get_a_suffix() {
    let app = TestApp::spawn().await;
    let (_, first) = app.launch("Same Slogan").await;
    let (_, second) = app.launch("Same slogan!").await;
    let (_, third) = app.launch("same   SLOGAN").await;
    assert_eq!(first, "same-slogan");
    assert_eq!(second, "same-slogan-2");
    assert_eq!(third, "same-slogan-3");
}

#[tokio::test]
async fn preview_re_renders_the_form_with_the_shirt() {
    let app = TestApp::spawn().await;
    let res = app.launch_with(&[("slogan", "Preview me please"), ("action", "preview"), ("theme", "typewriter")]).await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("src=\"/preview.svg?slogan=Preview+me+please&#38;theme=typewriter&#38;colour=black\""),
        "{html}"
    );
    assert!(html.contains("alt=\"Preview: T-shirt printed with “Preview me please”\""), "the slogan, said");
    assert!(html.contains("Look: Typewriter"), "chosen look");
    assert!(html.contains("value=\"typewriter\" checked"));

    let svg = app.get("/preview.svg?slogan=Hello%20world&theme=poster&colour=navy").await;
    assert_eq!(svg.status().as_u16(), 200);
    assert_eq!(svg.headers()["x-theme"], "poster");
    let svg = svg.text().await.unwrap();
    assert!(svg.contains("printed with: Hello world</title>") && svg.contains("#1f2a48"));
    assert!(!svg.contains("<text") && svg.contains("<path fill=\"#"), "letters as outlines");

    // The look picker: a thumbnail per look, all views of one sheet.
    assert!(html.contains("src=\"/looks.svg?slogan=Preview+me+please&#38;colour=black#zine\""), "zine thumbnail");
    assert!(html.contains("#auto\""), "auto shows the look it would pick");
    let sheet = app.get("/looks.svg?slogan=Hello%20world&colour=navy").await;
    assert_eq!(sheet.status().as_u16(), 200);
    assert!(sheet.headers()["content-type"].to_str().unwrap().starts_with("image/svg+xml"));
    let sheet = sheet.text().await.unwrap();
    for key in popshop::design::THEMES.iter().map(|t| t.key).chain(["auto"]) {
        assert!(sheet.contains(&format!("<view id=\"{key}\"")), "{key}");
    }
    assert!(!sheet.contains("<text") && sheet.contains("#1f2a48"), "outlines on the shirt's colour");
}

#[tokio::test]
async fn previews_are_limited_per_client() {
    let app = TestApp::spawn_with(|s| s.preview_rate_per_minute = 3).await;
    for _ in 0..3 {
        assert_eq!(app.get("/preview.svg?slogan=Hi").await.status().as_u16(), 200);
    }
    // The look sheet counts against the same limit.
    let refused = app.get("/looks.svg?slogan=Hi").await;
    assert_eq!(refused.status().as_u16(), 429);
    let refused = app.get("/preview.svg?slogan=Hi").await;
    assert_eq!(refused.status().as_u16(), 429);
    assert!(refused.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn the_first_screen_after_launch_is_about_sharing_and_ending_is_far_from_it() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Share me first").await;
    let (_, dash) = app.get_html(&format!("/dashboard/drops/{id}?launched=1")).await;
    let at = |needle: &str| dash.find(needle).unwrap_or_else(|| panic!("{needle} missing"));
    // The link with its copy button, the share buttons and the QR code come
    // before the numbers; ending the drop comes after the orders.
    let link = at("id=\"public-link\"");
    assert!(link < at("data-copy=\"#public-link\"") && at("Share on X") < at("id=\"live-stats\""));
    assert!(at("/qr.svg\"") < at("id=\"live-stats\""));
    assert!(link < at("id=\"live-stats\""));
    assert!(at("id=\"orders\"") < at("End drop now"), "End drop now is at the end, away from sharing");
    assert!(dash.contains(&format!("/d/{slug}")));
}

#[tokio::test]
async fn ending_a_drop_early_closes_the_storefront() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("End me soon").await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains("Buy — $25.00"));
    let res = app.post_form(&format!("/dashboard/drops/{id}/end"), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains("This drop has ended"));
    assert!(!html.contains("Buy — $25.00"));
    let (_, dash) = app.get_html(&format!("/dashboard/drops/{id}")).await;
    assert!(!dash.contains("End drop now"));
}

#[tokio::test]
async fn shipping_and_description_mistakes_are_explained_beside_their_fields() {
    let app = TestApp::spawn().await;
    let res = app
        .launch_with(&[
            ("slogan", "Kept as typed"),
            ("shipping", "lots"),
            ("delivery", "1-2"),
            ("description", "bell\u{7} here"),
            ("email", "typed@example.com"),
            ("password", "correct horse battery"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"shipping-error\">Enter shipping as a number"), "{html}");
    assert!(html.contains("id=\"delivery-error\">Pick one of the delivery times offered."));
    assert!(html.contains("id=\"description-error\">The description contains invisible control characters"));
    assert!(html.contains("value=\"lots\""), "typed value kept");
    assert!(html.contains("<details class=\"more\" open>"), "the folded part opens to show its mistakes");
    let res = app.launch_with(&[("slogan", "Too dear to post"), ("shipping", "60")]).await;
    assert!(res.text().await.unwrap().contains("Shipping must be between $0.00 and $50.00"));
}

#[tokio::test]
async fn the_storefront_has_a_size_chart_of_the_sizes_on_offer_and_the_fabric() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Measure twice").await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains("<summary>Size chart</summary>"));
    assert!(html.contains("<th scope=\"row\">M</th><td>51 cm (20 in)</td><td>72 cm (28½ in)</td>"), "{html}");
    assert!(!html.contains("<th scope=\"row\">XS</th>"), "only the sizes sold");
    assert!(html.contains("100% combed ring-spun cotton"));
    assert!(html.contains("Free shipping · arrives in 5–10 business days"), "the defaults, said");
}

#[tokio::test]
async fn the_password_survives_preview_without_javascript_and_is_not_cached() {
    let app = TestApp::spawn().await;
    let res = app
        .launch_with(&[
            ("slogan", "Keep my password"),
            ("action", "preview"),
            ("email", "new@example.com"),
            ("password", "correct horse battery"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    assert!(html.contains("type=\"password\" autocomplete=\"new-password\" value=\"correct horse battery\""), "{html}");
    // A password that was the problem is not typed back.
    let res = app.launch_with(&[("slogan", "Short one"), ("email", "new2@example.com"), ("password", "short")]).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("autocomplete=\"new-password\" value=\"\""));
}
