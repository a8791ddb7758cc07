//! The design engine over HTTP: print files, favicons, shuffle.

use crate::common::TestApp;

#[tokio::test]
async fn print_files_are_for_the_artist_only() {
    let app = TestApp::spawn().await;
    let (id, _) = app.launch("Print this").await;
    let svg = app.get(&format!("/dashboard/drops/{id}/print.svg?colour=black")).await;
    assert_eq!(svg.status().as_u16(), 200);
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.headers()["content-disposition"].to_str().unwrap().contains("print-this-black-print.svg"));
    let body = svg.text().await.unwrap();
    assert!(body.contains("width=\"12in\" height=\"16in\""));
    assert!(!body.contains("<text"), "outlines, no fonts needed");

    let png = app.get(&format!("/dashboard/drops/{id}/print.png")).await;
    assert_eq!(png.status().as_u16(), 200);
    let bytes = png.bytes().await.unwrap();
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 3600);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 4800);

    assert_eq!(
        app.get(&format!("/dashboard/drops/{id}/print.svg?colour=pink")).await.status().as_u16(),
        404,
        "not a colour of this drop"
    );
    let (_, page) = app.get_html(&format!("/dashboard/drops/{id}")).await;
    assert!(page.contains("print.png?colour=black"));

    let other = app.into_new_visitor();
    other.sign_up("other@example.com", "correct horse battery").await;
    assert_eq!(other.get(&format!("/dashboard/drops/{id}/print.png")).await.status().as_u16(), 404);
    assert_eq!(other.get(&format!("/dashboard/drops/{id}/print.svg")).await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_storefront_has_a_themed_favicon() {
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Icon me").await;
    let (_, html) = app.get_html(&format!("/d/{slug}")).await;
    assert!(html.contains(&format!("<link rel=\"icon\" href=\"/d/{slug}/favicon.svg\"")));
    let icon = app.get(&format!("/d/{slug}/favicon.svg")).await;
    assert_eq!(icon.status().as_u16(), 200);
    let drop = app.drop_by_slug(&slug).await;
    let theme = popshop::design::Theme::by_key(&drop.theme).unwrap();
    assert!(icon.text().await.unwrap().contains(theme.accent));
}

#[tokio::test]
async fn shuffle_cycles_through_every_look_and_remembers_the_choice() {
    let app = TestApp::spawn().await;
    let mut theme = "auto".to_owned();
    let mut seen = Vec::new();
    for _ in 0..popshop::design::THEMES.len() {
        let res = app.launch_with(&[("slogan", "Shuffle me"), ("action", "shuffle"), ("theme", &theme)]).await;
        assert_eq!(res.status().as_u16(), 200);
        let html = res.text().await.unwrap();
        // The checked look: `name="theme" value="…" checked`.
        let marker = "name=\"theme\" value=\"";
        theme = html
            .match_indices(marker)
            .map(|(at, _)| &html[at + marker.len()..])
            .find_map(|rest| rest.split_once("\" checked").filter(|(v, _)| !v.contains('"')).map(|(v, _)| v))
            .expect("a look is checked")
            .to_owned();
        assert!(html.contains(">SHUFFLE ME<") || html.contains(">Shuffle me<"), "preview shows the slogan");
        seen.push(theme.clone());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), popshop::design::THEMES.len(), "every look shown once: {seen:?}");
    let res = app
        .launch_with(&[
            ("slogan", "Shuffle me"),
            ("theme", &theme),
            ("email", "s@example.com"),
            ("password", "correct horse battery"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.drop_by_slug("shuffle-me").await.theme, theme, "the chosen look is remembered");
}
