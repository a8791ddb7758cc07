//! Abuse is bounded: one client cannot hold a drop, proxies are understood
//! only when trusted, password guessing and hashing are limited, and bad
//! links and headers get safe answers.

use crate::common::{TestApp, location};

/// A popshop behind a trusted proxy on 127.0.0.1 (as with nginx in front).
async fn behind_proxy(configure: impl FnOnce(&mut popshop::config::Settings)) -> TestApp {
    TestApp::spawn_with(|s| {
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
        configure(s);
    })
    .await
}

#[tokio::test]
async fn one_client_cannot_hold_a_whole_drop() {
    let app = behind_proxy(|s| {
        s.holds_per_client = 3;
        s.hold_share_percent = 5;
    })
    .await;
    app.sign_up("artist@example.com", "correct horse battery").await;
    app.launch_with(&[("slogan", "Hundred for everyone"), ("stock", "100")]).await;
    let slug = "hundred-for-everyone";
    let hoarder = Some("203.0.113.66");
    // A hoarder against a drop of 100: at most 5% of it, again and again.
    let mut held = 0;
    for quantity in [4, 4, 4, 1, 1, 4, 1] {
        let res = app.buy_from(slug, "M", "black", quantity, hoarder).await;
        match res.status().as_u16() {
            303 => held += quantity,
            429 => {
                assert_eq!(res.headers()["retry-after"], "60");
                assert!(res.text().await.unwrap().contains("One fan may hold 5 shirts of this drop"));
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(held, 5, "5% of the stock, not three holds of the most per order");
    let drop = app.drop_by_slug(slug).await;
    assert_eq!(drop.reserved, 5);
    // Ten shirts at once is more than this drop's most per order (4).
    let res = app.buy_from(slug, "M", "black", 10, Some("198.51.100.7")).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("1 to 4 per order"));
    // Everyone else can still buy.
    let res = app.buy_from(slug, "M", "black", 2, Some("198.51.100.7")).await;
    assert_eq!(res.status().as_u16(), 303);
    // Rotating IPv6 addresses inside one /64 is one client.
    let mut v6 = 0;
    for i in 1..=7 {
        let res = app.buy_from(slug, "M", "black", 1, Some(&format!("2001:db8:7:7::{i}"))).await;
        v6 += u32::from(res.status().as_u16() == 303);
    }
    assert_eq!(v6, 5, "one client's five shirts");
}

#[tokio::test]
async fn clients_behind_a_trusted_proxy_get_their_own_buckets() {
    let app = behind_proxy(|s| s.checkout_rate_per_minute = 2).await;
    let (_, slug) = app.launch("Separate buckets").await;
    for client in ["203.0.113.1", "203.0.113.2"] {
        for _ in 0..2 {
            assert_eq!(app.buy_from(&slug, "M", "black", 1, Some(client)).await.status().as_u16(), 303);
        }
    }
    let third = app.buy_from(&slug, "M", "black", 1, Some("203.0.113.1")).await;
    assert_eq!(third.status().as_u16(), 429);
    assert!(third.headers().contains_key("retry-after"));
    // What the client wrote itself (left of the proxy's entry) does not count.
    let spoofed = app.buy_from(&slug, "M", "black", 1, Some("6.6.6.6, 203.0.113.1")).await;
    assert_eq!(spoofed.status().as_u16(), 429);
}

#[tokio::test]
async fn an_untrusted_forwarded_for_is_ignored() {
    let app = TestApp::spawn_with(|s| s.checkout_rate_per_minute = 2).await;
    let (_, slug) = app.launch("No proxy here").await;
    assert_eq!(app.buy_from(&slug, "M", "black", 1, Some("203.0.113.1")).await.status().as_u16(), 303);
    assert_eq!(app.buy_from(&slug, "M", "black", 1, Some("203.0.113.2")).await.status().as_u16(), 303);
    let third = app.buy_from(&slug, "M", "black", 1, Some("203.0.113.3")).await;
    assert_eq!(third.status().as_u16(), 429, "rotating the header does not make a new client");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_parallel_logins_stay_bounded_and_the_owner_still_gets_in() {
    let app = behind_proxy(|s| s.hash_slots = 2).await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    app.post_form("/logout", &[]).await;
    let token = app.csrf().await;
    let tasks: Vec<_> = (0..300)
        .map(|i| {
            let (client, url, token) = (app.client.clone(), app.url("/login"), token.clone());
            tokio::spawn(async move {
                let password = format!("wrong guess {i}");
                let res = client
                    .post(url)
                    .header("x-forwarded-for", "203.0.113.9")
                    .form(&[("csrf", token.as_str()), ("email", "ana@example.com"), ("password", password.as_str())])
                    .send()
                    .await
                    .expect("login answered");
                (res.status().as_u16(), res.headers().get("retry-after").is_some())
            })
        })
        .collect();
    let mut answers = std::collections::BTreeMap::<u16, usize>::new();
    for task in tasks {
        let (status, retry_after) = task.await.unwrap();
        assert!(matches!(status, 422 | 429 | 503), "{status}");
        if status != 422 {
            assert!(retry_after, "{status} says when to come back");
        }
        *answers.entry(status).or_default() += 1;
    }
    assert!(answers.get(&422).copied().unwrap_or(0) <= 25, "guessing was slowed: {answers:?}");
    assert!(answers.get(&429).copied().unwrap_or(0) + answers.get(&503).copied().unwrap_or(0) >= 275);

    // Spread over 300 clients and accounts, nothing is throttled: the
    // hashing slots are the bound (two at a time, the rest 503 quickly).
    let tasks: Vec<_> = (0..300)
        .map(|i| {
            let (client, url, token) = (app.client.clone(), app.url("/login"), token.clone());
            tokio::spawn(async move {
                let (email, from) = (format!("nobody{i}@example.com"), format!("10.9.{}.{}", i / 200, i % 200));
                let res = client
                    .post(url)
                    .header("x-forwarded-for", from)
                    .form(&[("csrf", token.as_str()), ("email", email.as_str()), ("password", "guess guess")])
                    .send()
                    .await
                    .expect("login answered");
                res.status().as_u16()
            })
        })
        .collect();
    let mut busy = 0;
    for task in tasks {
        let status = task.await.unwrap();
        assert!(matches!(status, 422 | 503), "{status}");
        busy += usize::from(status == 503);
    }
    assert!(busy > 0, "some were told to come back");
    assert!(
        app.state.passwords.hasher.peak() <= 2,
        "at most two hashes at once: {}",
        app.state.passwords.hasher.peak()
    );
    // The owner, from another network, gets in at once.
    let token = app.csrf().await;
    let res = app
        .client
        .post(app.url("/login"))
        .header("x-forwarded-for", "198.51.100.20")
        .form(&[("csrf", token.as_str()), ("email", "ana@example.com"), ("password", "correct horse battery")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
}

#[tokio::test]
async fn sign_ups_and_launches_are_limited_per_client() {
    let app = behind_proxy(|s| {
        s.signup_rate_per_hour = 2;
        s.launch_rate_per_hour = 2;
    })
    .await;
    for i in 0..2 {
        let res = app.sign_up(&format!("fan{i}@example.com"), "correct horse battery").await;
        assert_eq!(res.status().as_u16(), 303);
    }
    let res = app.sign_up("fan9@example.com", "correct horse battery").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.text().await.unwrap().contains("Many accounts were created"));

    app.sign_up("artist@example.com", "correct horse battery").await;
    for slogan in ["One", "Two"] {
        assert_eq!(app.launch_with(&[("slogan", slogan)]).await.status().as_u16(), 303);
    }
    let res = app.launch_with(&[("slogan", "Three is too many")]).await;
    assert_eq!(res.status().as_u16(), 429);
    let html = res.text().await.unwrap();
    assert!(html.contains("Nothing you typed was lost"));
    assert!(html.contains("Three is too many"), "the form comes back filled in");
}

#[tokio::test]
async fn login_never_follows_a_link_off_site() {
    let app = TestApp::spawn().await;
    app.sign_up("ana@example.com", "correct horse battery").await;
    for next in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example"] {
        app.post_form("/logout", &[]).await;
        let res = app
            .post_form("/login", &[("email", "ana@example.com"), ("password", "correct horse battery"), ("next", next)])
            .await;
        assert_eq!(location(&res), "/dashboard", "{next:?}");
    }
    let res = app.get("/login?next=/%09/evil.example").await;
    assert!(!res.text().await.unwrap().contains("evil.example\" "), "never echoed as a target");
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = TestApp::spawn().await;
    let (drop_id, slug) = app.launch("Headers on").await;
    let res = app.get(&format!("/d/{slug}")).await;
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors 'none'") && csp.starts_with("default-src 'self';"), "{csp}");
    // Scripts, fonts and the live stream fall back to default-src 'self'.
    assert!(!csp.contains("script-src") && !csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(!res.headers().contains_key("strict-transport-security"), "plain http: no HSTS");
    let overlay = app.get(&format!("/d/{slug}/live")).await;
    assert!(overlay.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors *"));
    let dash = app.get(&format!("/dashboard/drops/{drop_id}")).await;
    assert_eq!(dash.headers()["cache-control"], "no-store", "buyer data is never cached");
}

#[tokio::test]
async fn demo_mode_refuses_to_start_on_a_public_https_address() {
    let dir = tempfile::tempdir().unwrap();
    let settings = popshop::config::Settings {
        addr: "127.0.0.1:0".into(),
        database_url: format!("sqlite://{}?mode=rwc", dir.path().join("p.db").display()),
        public_url: Some("https://shop.example".into()),
        ..popshop::config::Settings::defaults()
    };
    let refused = popshop::startup::Application::build(settings.clone()).await.err().expect("refused");
    assert!(refused.to_string().contains("POPSHOP_DEMO=1"), "{refused}");
    let allowed = popshop::config::Settings { demo_allowed: true, ..settings };
    assert!(popshop::startup::Application::build(allowed).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cold_share_card_is_rendered_once_for_sixty_four_viewers() {
    let launched = TestApp::spawn().await;
    let (_, slug) = launched.launch("Shared everywhere at once").await;
    assert_eq!(launched.state.shop.cards.renders.finished(), 1, "Launch renders the card ahead");
    let res = launched.get(&format!("/d/{slug}/card.png")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(launched.state.shop.cards.renders.finished(), 1, "the first viewer finds it ready");
    // A fresh process (after a deploy) has no card yet: 64 viewers at once.
    let app = launched.spawn_sibling_with(|_| {}).await;
    let before = app.state.shop.cards.renders.finished();
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let (client, url) = (app.other_visitor(), app.url(&format!("/d/{slug}/card.png")));
            tokio::spawn(async move {
                let res = client.get(url).send().await.unwrap();
                (res.status().as_u16(), res.bytes().await.unwrap())
            })
        })
        .collect();
    let mut bodies = std::collections::BTreeSet::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 200);
        bodies.insert(body);
    }
    assert_eq!(bodies.len(), 1, "everyone got the same card");
    assert_eq!(app.state.shop.cards.renders.finished() - before, 1, "rendered once, not 64 times");
}

#[tokio::test]
async fn a_print_render_keeps_its_slot_when_the_client_hangs_up() {
    let app = TestApp::spawn().await;
    let (drop_id, _) = app.launch("Big print file").await;
    let slots = app.state.limits.prints.clone();
    let before = slots.finished();
    let res = app
        .client
        .get(app.url(&format!("/dashboard/drops/{drop_id}/print.png")))
        .timeout(std::time::Duration::from_millis(150))
        .send()
        .await;
    assert!(res.is_err(), "the client gave up before the 300 DPI render was done");
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    if slots.finished() == before {
        assert_eq!(slots.available(), 0, "the render still runs, so it still holds its slot");
    }
    for _ in 0..600 {
        if slots.finished() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(slots.finished() > before, "the render finished");
    assert_eq!(slots.available(), 1, "and only then gave its slot back");
}

/// A popshop allowing two holds per client, a drop, and `fan` holding both.
async fn fan_holding_two(slogan: &str, fan: Option<&str>) -> (TestApp, String) {
    let app = behind_proxy(|s| s.holds_per_client = 2).await;
    let (_, slug) = app.launch(slogan).await;
    // Two checkouts' worth: twice the most per order (4).
    for _ in 0..2 {
        assert_eq!(app.buy_from(&slug, "M", "black", 4, fan).await.status().as_u16(), 303);
    }
    (app, slug)
}

#[tokio::test]
async fn the_hold_cap_survives_a_restart_and_frees_up_when_holds_end() {
    let fan = Some("203.0.113.77");
    let (app, slug) = fan_holding_two("Counted across restarts", fan).await;
    assert_eq!(app.buy_from(&slug, "M", "black", 1, fan).await.status().as_u16(), 429);
    // A fresh process on the same database counts the same holds.
    let restarted = app.spawn_sibling_with(|s| {
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
        s.holds_per_client = 2;
    });
    let restarted = restarted.await;
    assert_eq!(restarted.buy_from(&slug, "M", "black", 1, fan).await.status().as_u16(), 429);
    // Once the holds end, the fan may hold again.
    sqlx::query("UPDATE orders SET expires_at = 0 WHERE status = 'pending'")
        .execute(restarted.state.store.pool())
        .await
        .unwrap();
    assert_eq!(popshop::sales::sweep::sweep(&restarted.state.sales).await.unwrap().released, 2);
    assert_eq!(restarted.buy_from(&slug, "M", "black", 1, fan).await.status().as_u16(), 303);
}

#[tokio::test]
async fn hold_counts_lost_in_a_database_crash_come_back_with_the_next_sweep() {
    let fan = Some("203.0.113.78");
    let (app, slug) = fan_holding_two("Counted after a crash", fan).await;
    let drop = app.drop_by_slug(&slug).await;
    if app.state.store.backend() == popshop::store::Backend::Postgres {
        let (persistence,): (String,) =
            sqlx::query_as("SELECT CAST(relpersistence AS TEXT) FROM pg_class WHERE oid = 'client_holds'::regclass")
                .fetch_one(app.state.store.pool())
                .await
                .unwrap();
        assert_eq!(persistence, "u", "hold counts skip the write-ahead log");
    }
    // What PostgreSQL does to an unlogged table after a crash.
    sqlx::query("DELETE FROM client_holds").execute(app.state.store.pool()).await.unwrap();
    popshop::sales::sweep::sweep(&app.state.sales).await.unwrap();
    assert_eq!(app.state.store.counted_holds(&drop.id).await.unwrap(), 8, "shirts held");
    assert_eq!(app.buy_from(&slug, "M", "black", 1, fan).await.status().as_u16(), 429);
}
