//! Garbage in every field: always a clear 4xx answer with the typed values kept,
//! never a 500, and nothing half-written.

use crate::common::TestApp;

const GARBAGE: [&str; 13] = [
    "+262143-12-31T23:59",
    "-262143-01-01T00:00",
    "Loser\u{FFFE}\u{FFFF}",
    "Z\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}\u{0307}\u{0308}\u{0309}\u{030A}\u{030B}\u{030C}\u{030D}\u{030E}",
    "",
    "   ",
    "' OR 1=1; DROP TABLE drops; --",
    "<script>alert('x')</script>",
    "\u{202E}evil\u{202D}",
    "\u{0}\u{1}\u{7f}",
    "\u{FFFD}\u{FFFD}\u{FFFD}",
    "-1",
    "99999999999999999999999999",
];

#[tokio::test]
async fn every_field_survives_garbage() {
    let app = TestApp::spawn().await;
    app.sign_up("a@example.com", "correct horse battery").await;
    let huge = "x".repeat(10_000);
    let fields = [
        "slogan",
        "artist_name",
        "price",
        "currency",
        "sizes",
        "colours",
        "stock",
        "ends_at",
        "goal",
        "theme",
        "tz_offset",
        "max_per_order",
    ];
    for field in fields {
        for junk in GARBAGE.iter().copied().chain([huge.as_str()]) {
            let res = app.launch_with(&[(field, junk)]).await;
            let status = res.status().as_u16();
            let html = res.text().await.unwrap();
            assert!(matches!(status, 303 | 422), "{field}={junk:.20?} gave {status}");
            assert!(!html.contains("<script>alert"), "{field}: never echoed raw");
            if status == 422 {
                assert!(html.contains("class=\"error\""), "{field}={junk:.20?}: message beside the field");
            }
        }
    }
    let drops = app.state.store.drops_of(&account_id(&app).await).await.unwrap();
    assert!(drops.iter().all(|d| !d.slogan.is_empty() && d.price.minor() >= 100), "no half-valid drop saved");
}

async fn account_id(app: &TestApp) -> String {
    let email = popshop::domain::EmailAddress::parse("a@example.com").unwrap();
    app.state.store.account_with_hash(&email).await.unwrap().unwrap().0.id.into_string()
}

#[tokio::test]
async fn each_rejection_names_its_field_and_keeps_the_values() {
    let app = TestApp::spawn().await;
    app.sign_up("a@example.com", "correct horse battery").await;
    let cases = [
        ("slogan", "", "slogan-error", "Type a slogan"),
        ("slogan", &"ab ".repeat(40), "slogan-error", "80 characters"),
        ("slogan", "hi\u{202E}there", "slogan-error", "invisible"),
        ("price", "0.50", "price-error", "between $1.00 and $1,000.00"),
        ("price", "twenty", "price-error", "as a number"),
        ("stock", "0", "stock-error", "from 1 to 100,000"),
        ("stock", "lots", "stock-error", "whole number"),
        ("goal", "0", "goal-error", "from 1"),
        ("ends_at", "2001-01-01T10:00", "ends_at-error", "in the future"),
        ("ends_at", "soon", "ends_at-error", "date and time"),
        ("colours", "chartreuse", "colours-error", "not one of our shirt colours"),
        ("sizes", "XXXXXL", "sizes-error", "not a size we print"),
    ];
    for (field, value, error_id, message) in cases {
        let res = app.launch_with(&[(field, value), ("artist_name", "Kept Name")]).await;
        assert_eq!(res.status().as_u16(), 422, "{field}={value:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains(&format!("id=\"{error_id}\"")), "{field}: message beside the field");
        assert!(html.contains(message), "{field}={value:?}: wanted {message:?}");
        assert!(html.contains("value=\"Kept Name\""), "{field}: other values kept");
    }
    let empty_sizes =
        app.post_form("/", &[("slogan", "x"), ("artist_name", "y"), ("price", "5"), ("colours", "black")]).await;
    assert!(empty_sizes.text().await.unwrap().contains("Pick at least one size"));
}

#[tokio::test]
async fn visitors_get_account_field_errors_too() {
    let app = TestApp::spawn().await;
    let res = app.launch_with(&[("email", "not-an-email"), ("password", "short")]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"email-error\""));
    assert!(html.contains("id=\"password-error\""));
    assert!(html.contains("value=\"not-an-email\""));
    assert!(!html.contains("value=\"short\""), "passwords are never echoed");
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let app = TestApp::spawn().await;
    let token = app.csrf().await;
    let body = format!("csrf={token}&slogan={}", "a".repeat(70 * 1024));
    for path in ["/", "/signup", "/login"] {
        let res = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 413, "{path}");
        assert!(res.text().await.unwrap().contains("larger than we accept"));
    }
    // actix's own plain-text refusal becomes popshop's page, in the
    // visitor's language, with the security headers of every page.
    let res = app
        .client
        .post(app.url("/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "de-DE,de;q=0.9")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(res.headers().contains_key("content-security-policy") && res.headers().contains_key("x-request-id"));
    assert!(res.text().await.unwrap().contains("größer, als wir annehmen"));
}

#[tokio::test]
async fn binary_bodies_and_odd_queries_never_500() {
    let app = TestApp::spawn().await;
    let token = app.csrf().await;
    let mut body = format!("csrf={token}&slogan=").into_bytes();
    body.extend([0xff, 0xfe, 0x00, 0x80, b'&', b'=', b'=', 0xc3]);
    let res = app
        .client
        .post(app.url("/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    for path in [
        "/preview.svg?slogan=%FF%FE",
        "/login?next=%FF",
        "/preview.svg?theme=%00&colour=%22",
        "/looks.svg?slogan=%FF%FE&colour=%00",
        "/d/%00",
        "/dashboard/drops/%FF",
    ] {
        let res = app.get(path).await;
        assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
    }
}

#[tokio::test]
async fn a_drop_saved_with_noncharacters_still_renders_its_card_and_print_files() {
    let app = TestApp::spawn().await;
    let (id, slug) = app.launch("Older drop").await;
    // Saved before slogans refused noncharacters.
    sqlx::query("UPDATE drops SET slogan = $1, version = version + 1 WHERE id = $2")
        .bind("Older \u{FFFE}drop\u{FFFF}")
        .bind(&id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    popshop::store::ChangeListener::drop_changed(app.state.shop.storefronts.as_ref(), &id);
    for path in [
        format!("/d/{slug}"),
        format!("/d/{slug}/card.png"),
        format!("/dashboard/drops/{id}/print.svg"),
        format!("/dashboard/drops/{id}/print.png"),
    ] {
        assert_eq!(app.get(&path).await.status().as_u16(), 200, "{path}");
    }
}
