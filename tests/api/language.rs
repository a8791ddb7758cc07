//! English and German: popshop's own pages follow the visitor (the switch,
//! else `Accept-Language`); a drop's pages speak the language its artist
//! picked, for every fan, with prices and dates written that language's way.

use crate::common::{TestApp, location};

async fn page_in(app: &TestApp, path: &str, accept_language: &str) -> (reqwest::header::HeaderMap, String) {
    let res = app.client.get(app.url(path)).header("accept-language", accept_language).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{path}");
    let headers = res.headers().clone();
    (headers, res.text().await.unwrap())
}

#[tokio::test]
async fn the_start_page_speaks_the_browsers_language() {
    let app = TestApp::spawn().await;
    let (headers, html) = page_in(&app, "/", "de-DE,de;q=0.9,en;q=0.8").await;
    assert!(html.contains("<html lang=\"de\">"));
    assert!(html.contains("Dein Slogan auf einem Shirt"), "German heading");
    assert!(html.contains(">Starten</button>"), "German Launch button");
    assert!(html.contains("href=\"/language/en\" lang=\"en\""), "a switch to English");
    assert!(!html.contains("Your slogan on a shirt"));
    let vary = headers.get("vary").map(|v| v.to_str().unwrap().to_ascii_lowercase()).unwrap_or_default();
    assert!(vary.contains("accept-language") && vary.contains("cookie"), "caches keep languages apart: {vary}");

    let (_, html) = page_in(&app, "/", "fr-FR,fr;q=0.9").await;
    assert!(html.contains("<html lang=\"en\">"), "a language popshop does not speak falls back to English");
    assert!(html.contains("href=\"/language/de\" lang=\"de\""));
}

#[tokio::test]
async fn the_switch_keeps_the_choice_and_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/language/de"))
        .header("referer", app.url("/login?next=/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(location(&res), "/login?next=/dashboard", "back to where the switch was pressed");
    let cookie = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("popshop_lang=de") && cookie.contains("HttpOnly"), "{cookie}");
    // The choice beats the browser's header from now on.
    let (_, html) = page_in(&app, "/login", "en-US,en;q=0.9").await;
    assert!(html.contains("<h1>Anmelden</h1>"), "German after switching");

    // Another site as referrer, or none: the start page. An unknown language: 404.
    let res = app.client.get(app.url("/language/en")).header("referer", "https://evil.example/x").send().await.unwrap();
    assert_eq!(location(&res), "/");
    let res = app.client.get(app.url("/language/en")).send().await.unwrap();
    assert_eq!(location(&res), "/");
    assert_eq!(app.get("/language/xx").await.status().as_u16(), 404);
    let (_, html) = page_in(&app, "/login", "de").await;
    assert!(html.contains("<h1>Log in</h1>"), "English again after switching back");
}

#[tokio::test]
async fn form_messages_come_in_the_pages_language_and_lose_nothing() {
    let app = TestApp::spawn().await;
    app.sign_up("de@example.com", "correct horse battery").await;
    let token = app.csrf().await;
    let res = app
        .client
        .post(app.url("/"))
        .header("accept-language", "de")
        .form(&[
            ("csrf", token.as_str()),
            ("action", "launch"),
            ("slogan", ""),
            ("artist_name", "Die Loser"),
            ("price", "0,50"),
            ("currency", "eur"),
            ("sizes", "M"),
            ("colours", "black"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Gib einen Slogan für das Shirt ein."), "slogan message in German");
    assert!(
        html.contains("Der Preis muss zwischen 1,00\u{a0}€ und 1.000,00\u{a0}€ liegen."),
        "price range, German style"
    );
    assert!(html.contains("value=\"Die Loser\""), "what was typed is kept");
}

#[tokio::test]
async fn a_german_drop_sells_in_german_to_every_fan() {
    let app = TestApp::spawn().await;
    app.sign_up("loser@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Sei ein Freitagabend-Loser mit mir"),
            ("language", "de"),
            ("currency", "eur"),
            ("price", "25"),
            ("shipping", "4,50"),
            ("colours", "heather"),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let slug = "sei-ein-freitagabend-loser-mit-mir";
    assert_eq!(app.drop_by_slug(slug).await.language, popshop::domain::Language::De);
    // The artist reads their own pages in their own language, whatever the shop's.
    let (_, dashboard) = page_in(&app, "/dashboard", "en-GB").await;
    assert!(dashboard.contains("<h1>Your drops</h1>") && dashboard.contains("€0.00"), "English, English prices");
    let (_, dashboard) = page_in(&app, "/dashboard", "de").await;
    assert!(dashboard.contains("<h1>Deine Drops</h1>") && dashboard.contains("0,00\u{a0}€"));

    // An English-speaking fan still gets the shop in the artist's language.
    let fan = app.into_new_visitor();
    let (headers, html) = page_in(&fan, &format!("/d/{slug}"), "en-US,en;q=0.9").await;
    assert!(html.contains("<html lang=\"de\">"));
    assert!(html.contains("Kaufen — 25,00\u{a0}€"), "buy button, German price");
    assert!(html.contains("Versand 4,50\u{a0}€ · Lieferzeit 5–10 Werktage"));
    assert!(html.contains("Größentabelle") && html.contains("Stoff und Passform"));
    assert!(html.contains("Grau meliert"), "colour name in German");
    assert!(html.contains("T-Shirt „Sei ein Freitagabend-Loser mit mir“ von"), "share title in German");
    assert!(html.contains("\"js-buy-sold-out\":\"Ausverkauft\""), "the script's words in German");
    assert!(!html.contains("Size chart") && !html.contains("Buy —"));
    assert!(!headers.contains_key("set-cookie"), "still the same bytes for everyone");

    let res = fan.buy(slug, "M", "heather", 2).await;
    assert_eq!(res.status().as_u16(), 303);
    let checkout = location(&res);
    let (_, page) = page_in(&fan, &checkout, "en").await;
    assert!(page.contains("<html lang=\"de\">") && page.contains("Demo-Kasse — es fließt kein Geld."));
    assert!(page.contains("54,50\u{a0}€ bezahlen"), "two shirts and shipping, German style");
    assert!(!page.contains("href=\"/language/"), "a drop's pages have no language switch");
    let res = fan.pay_demo(&checkout).await;
    let (_, thanks) = page_in(&fan, &location(&res), "en").await;
    assert!(thanks.contains("Danke!") && thanks.contains("Du bist Nr. 1"), "thanks page in German");
    assert!(thanks.contains("2 × T-Shirt „Sei ein Freitagabend-Loser mit mir“, M, Grau meliert"));
}

#[tokio::test]
async fn error_pages_speak_the_visitors_language_too() {
    let app = TestApp::spawn().await;
    let res = app.client.get(app.url("/d/no-such-drop")).header("accept-language", "de-AT").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"de\">") && html.contains("Hier ist nichts"), "German 404");
    assert!(html.contains("Einen Drop starten"));
    let (status, html) = app.get_html("/d/no-such-drop").await;
    assert_eq!(status, 404);
    assert!(html.contains("Nothing here"), "English without a German preference");
    // A form from another site (no CSRF token) is refused in German too.
    let res = app.client.post(app.url("/login")).header("accept-language", "de").form(&[("email", "x")]).send().await;
    let res = res.unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(res.text().await.unwrap().contains("Dieses Formular ist abgelaufen"));
}
