use crate::common::TestApp;

#[tokio::test]
async fn sign_up_logs_in_with_a_safe_session_cookie() {
    let app = TestApp::spawn().await;
    let res = app.sign_up("ana@example.com", "correct horse battery").await;
    assert_eq!(res.status().as_u16(), 303);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("popshop_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let (status, html) = app.get_html("/dashboard").await;
    assert_eq!(status, 200);
    assert!(html.contains("ana@example.com"));
}

#[tokio::test]
async fn duplicate_sign_up_says_so_on_the_form() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    let other = app.into_new_visitor();
    let res = other.sign_up("ANA@example.com", "another password").await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("already exists"));
    assert!(html.contains("value=\"ANA@example.com\""), "typed email kept");
}

#[tokio::test]
async fn login_failures_look_the_same_for_known_and_unknown_emails() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    app.post_form("/logout", &[]).await;

    let wrong_password = app.post_form("/login", &[("email", "ana@example.com"), ("password", "nope nope nope")]).await;
    let unknown_email = app.post_form("/login", &[("email", "bob@example.com"), ("password", "nope nope nope")]).await;
    assert_eq!(wrong_password.status().as_u16(), 422);
    assert_eq!(unknown_email.status().as_u16(), 422);
    let a = wrong_password.text().await.unwrap().replace("ana@example.com", "X");
    let b = unknown_email.text().await.unwrap().replace("bob@example.com", "X");
    assert!(a.contains("do not match an account"));
    assert_eq!(a, b, "no hint which emails exist");

    let ok = app
        .post_form(
            "/login",
            &[("email", "ana@example.com"), ("password", "correct horse battery"), ("next", "/dashboard")],
        )
        .await;
    assert_eq!(ok.status().as_u16(), 303);
    assert_eq!(ok.headers()["location"], "/dashboard");
}

#[tokio::test]
async fn login_never_redirects_off_site() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    let res = app
        .post_form(
            "/login",
            &[("email", "ana@example.com"), ("password", "correct horse battery"), ("next", "//evil.example/")],
        )
        .await;
    assert_eq!(res.headers()["location"], "/dashboard");
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    let res = app.post_form("/logout", &[]).await;
    assert_eq!(res.status().as_u16(), 303);
    let res = app.get("/dashboard").await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fdashboard");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused_with_a_friendly_403() {
    let app = TestApp::spawn().await;
    app.csrf().await;
    for (path, body) in [
        ("/signup", "email=a%40b.com&password=12345678"),
        ("/login", "email=a%40b.com&password=12345678"),
        ("/", "slogan=hi"),
        ("/logout", ""),
    ] {
        let res = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 403, "{path}");
        assert!(res.text().await.unwrap().contains("This form has expired"), "{path}");
    }
    let forged = app
        .client
        .post(app.url("/signup"))
        .form(&[("csrf", "f".repeat(64).as_str()), ("email", "a@b.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
}
