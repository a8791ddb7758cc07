//! After the sale (issue 16): a fan buys in the demo checkout and gets the
//! confirmation through a real SMTP server; the artist, in the browser,
//! sends the order to the printer and uploads the printer's tracking CSV;
//! the fan gets "on its way" and their order page shows the tracking link.

use super::*;
use common::SmtpServer;
use mail_parser::MessageParser;

/// The messages the server has for `to` whose subject has `subject`, once
/// there is one (at most 10 s).
async fn mail_for(server: &SmtpServer, to: &str, subject: &str) -> String {
    for _ in 0..200 {
        for raw in server.received(0, 1).await {
            let Some(mail) = MessageParser::default().parse(&raw) else { continue };
            let to_ok = mail.to().and_then(|a| a.first()).and_then(|a| a.address()).is_some_and(|a| a == to);
            if to_ok && mail.subject().is_some_and(|s| s.contains(subject)) {
                return mail.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no mail to {to} about {subject:?}");
}

#[tokio::test]
async fn a_fan_buys_the_artist_ships_from_the_printers_csv_and_the_fan_follows_the_parcel() {
    let Some(driver) = start_driver() else { return };
    let Some(smtp) = SmtpServer::start().await else { return };
    let url = smtp.url();
    let app = TestApp::spawn_with(move |s| s.smtp_url = Some(url.into())).await;
    app.sign_up("printer@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Printed and posted"), ("colours", "black")]).await;
    let drop_id = common::location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        // The fan buys; the confirmation arrives at the real SMTP server.
        web.goto(app.url("/d/printed-and-posted")).await?;
        web.find(By::Id("buy")).await?.click().await?;
        fill_address(&web, ["post@example.com", "Post Fan", "1 Main St", "10001", "New York"]).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        let paid = mail_for(&smtp, "post@example.com", "Your order").await;
        let reference = paid.split("Order reference ").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();

        // The artist signs in and opens the drop's production queue.
        web.goto(app.url(&format!("/login?next=/dashboard/drops/{drop_id}/production"))).await?;
        web.find(By::Id("email")).await?.send_keys("printer@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("form button[type=submit].primary")).await?.click().await?;
        let waiting = web.query(By::Css("#send-all")).first().await?.text().await?;
        assert!(waiting.contains("1 paid order is waiting"), "{waiting}");
        let send = web.find(By::Css("#send-all button")).await?;
        send.click().await?;
        send.wait_until().stale().await?;
        let notice = web.query(By::Css(".banner.success")).first().await?.text().await?;
        assert!(notice.contains("1 order is now in production"), "{notice}");
        shoot(&web, "production-queue-phone", 390, 844).await;

        // The printer's tracking CSV, uploaded as a file.
        let csv = dir.path().join("tracking.csv");
        std::fs::write(&csv, format!("order,carrier,tracking_number\n{reference},DHL,00340434161094042557\n")).unwrap();
        web.find(By::Css("details.tracking-upload summary")).await?.click().await?;
        web.find(By::Id("tracking-file")).await?.send_keys(csv.to_str().unwrap()).await?;
        let upload = web.find(By::Css(".tracking-upload button[type=submit]")).await?;
        upload.click().await?;
        upload.wait_until().stale().await?;
        let notice = web.query(By::Css(".banner.success")).first().await?.text().await?;
        assert!(notice.contains("1 order shipped"), "{notice}");

        // The fan's "on its way" mail leads to the order page with the link.
        let shipped = mail_for(&smtp, "post@example.com", "on its way").await;
        assert!(shipped.contains("00340434161094042557"), "{shipped}");
        let order_page = paid.split("See your order: ").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
        web.goto(&order_page).await?;
        let track = web.find(By::Css(".tracking a")).await?;
        assert!(track.attr("href").await?.unwrap_or_default().contains("tracking-id=00340434161094042557"));
        let current = web.find(By::Css(".timeline [aria-current=step]")).await?.text().await?;
        assert!(current.contains("Shipped"), "{current}");
        let heading = web.find(By::Css("h1.slogan")).await?.text().await?;
        assert_eq!(heading, "Your shirt is on its way");
        shoot(&web, "order-shipped-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// Printful and Stripe Tax as people see them: the storefront's and the
/// demo checkout's tax words on a phone, and the artist's drop page with
/// Printful's cost and margin after the order was placed (against the
/// tests' Printful stand-in).
#[tokio::test]
async fn printful_and_tax_words_as_the_fan_and_the_artist_see_them() {
    use common::printful_standin::{PrintfulStandIn, STORE_ID, TOKEN, WEBHOOK_SECRET};
    let Some(driver) = start_driver() else { return };
    let standin = PrintfulStandIn::start(Duration::from_secs(2)).await;
    let base = standin.uri();
    let app = TestApp::spawn_with(move |s| {
        s.stripe_tax = true;
        s.production_delay = Duration::ZERO;
        s.printful = Some(popshop::config::PrintfulSettings {
            token: TOKEN.to_owned().into(),
            store_id: Some(STORE_ID.to_owned()),
            api_base: base,
            webhook_secret: WEBHOOK_SECRET.to_owned().into(),
            timeout: Duration::from_secs(2),
            poll: Duration::from_millis(50),
            retry: Duration::from_millis(100),
            rate_per_minute: 120,
        });
    })
    .await;
    app.sign_up("pod@example.com", "correct horse battery").await;
    let res = app
        .launch_with(&[
            ("slogan", "Gedruckt in der Ferne"),
            ("currency", "eur"),
            ("colours", "black"),
            ("colours", "white"),
            ("colours", "navy"),
            ("shipping", "4.00"),
            ("description", "Printed on demand, shipped from the nearest Printful centre."),
        ])
        .await;
    let drop_id = common::location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url("/d/gedruckt-in-der-ferne")).await?;
        let note = web.find(By::Css(".tax-note")).await?.text().await?;
        assert_eq!(note, "incl. VAT");
        shoot(&web, "storefront-tax-phone", 390, 844).await;
        web.find(By::Id("buy")).await?.click().await?;
        let words = web.query(By::Css(".demo-checkout .hint")).first().await?.text().await?;
        assert!(words.contains("worked out by Stripe in a real shop"), "{words}");
        shoot(&web, "demo-checkout-tax-phone", 390, 844).await;
        fill_address(&web, ["pod-fan@example.com", "Pod Fan", "1 Main St", "10001", "New York"]).await?;
        web.find(By::Id("pay")).await?.click().await?;
        web.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        // Printful has it (placed and confirmed) before the artist looks.
        for _ in 0..200 {
            if standin.orders().iter().any(|o| o["status"] == "pending") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        web.set_window_rect(0, 0, 1280, 900).await?;
        web.goto(app.url(&format!("/login?next=/dashboard/drops/{drop_id}"))).await?;
        web.find(By::Id("email")).await?.send_keys("pod@example.com").await?;
        web.find(By::Id("password")).await?.send_keys("correct horse battery").await?;
        web.find(By::Css("form button[type=submit].primary")).await?.click().await?;
        let section = web.query(By::Css("section[aria-labelledby=printful]")).first().await?;
        let text = section.text().await?;
        assert!(text.contains("At Printful") && text.contains("$14.64"), "{text}");
        assert!(text.contains("Printful bills your store in USD"), "{text}");
        section.scroll_into_view().await?;
        shoot(&web, "drop-page-printful-desktop", 1280, 900).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}
