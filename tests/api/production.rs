//! After the sale (issue 16, parts 1 and 2): the production queue. Paid
//! orders go to the printer, are shipped with a tracking number (one at a
//! time or from the printer's CSV), and their fans hear once.

use crate::common::{TestApp, location};
use popshop::domain::{Fulfilment, Order};

/// Launches a drop as a confirmed artist and sells `n` orders to fans who
/// give their addresses; returns the drop's id and the orders.
async fn sold(app: &TestApp, slogan: &str, n: usize) -> (String, Vec<Order>) {
    let (drop_id, slug) = app.launch_confirmed(slogan).await;
    let mut orders = Vec::new();
    for i in 0..n {
        let fan = TestApp::spawn_shell(app);
        let res = fan.buy(&slug, "M", "black", 1).await;
        assert_eq!(res.status().as_u16(), 303);
        let checkout = location(&res);
        fan.pay_demo_as(&checkout, &format!("fan{i}@example.com")).await;
        let session = checkout.trim_start_matches("/demo-checkout/");
        orders.push(app.state.store.order_by_session(session).await.unwrap().unwrap());
    }
    (drop_id, orders)
}

async fn now(app: &TestApp, order: &Order) -> Order {
    app.state.store.order_by_id(&order.id).await.unwrap().unwrap()
}

/// Uploads `csv` as the printer's tracking file, from the queue page `back`.
async fn csv_upload(app: &TestApp, csv: &str, back: &str) -> reqwest::Response {
    let part = reqwest::multipart::Part::text(csv.to_owned()).file_name("tracking.csv").mime_str("text/csv").unwrap();
    let form =
        reqwest::multipart::Form::new().text("csrf", app.csrf().await).text("back", back.to_owned()).part("file", part);
    app.client.post(app.url("/dashboard/production/tracking")).multipart(form).send().await.unwrap()
}

async fn ship(app: &TestApp, queue: &str, order: &Order, carrier: &str, number: &str) -> reqwest::Response {
    let path = format!("/dashboard/orders/{}/ship", order.id);
    app.post_form(&path, &[("carrier", carrier), ("tracking_number", number), ("tracking_url", ""), ("back", queue)])
        .await
}

async fn moved(app: &TestApp, queue: &str, order: &Order, to: &str) -> reqwest::Response {
    app.post_form(&format!("/dashboard/orders/{}/{to}", order.id), &[("back", queue)]).await
}

#[tokio::test]
async fn paid_orders_go_to_the_printer_and_ship_with_tracking_and_one_mail() {
    let app = TestApp::spawn().await;
    let (drop_id, orders) = sold(&app, "Made and shipped", 3).await;
    let queue = format!("/dashboard/drops/{drop_id}/production");
    let (_, page) = app.get_html(&queue).await;
    assert!(page.contains("3 paid orders are waiting for the printer."), "{page:.0}");

    // Shipping before production is refused, and changes nothing.
    assert_eq!(ship(&app, &queue, &orders[0], "ups", "1Z999AA10123456784").await.status().as_u16(), 409);
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::Waiting);

    // The first two chosen go to the printer; the third waits.
    let res = app
        .post_form(
            "/dashboard/production/start",
            &[("order", orders[0].id.as_str()), ("order", orders[1].id.as_str()), ("back", queue.as_str())],
        )
        .await;
    assert_eq!(location(&res), format!("{queue}?state=in-production&sent=2"));
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::InProduction);
    assert_eq!(now(&app, &orders[2]).await.way.fulfilment, Fulfilment::Waiting);
    // The printer's package: the orders in production as CSV, a packing
    // list, and the print files of their colour.
    let res = app.get(&format!("/dashboard/drops/{drop_id}/production/package.zip")).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["orders.csv", "packing-list.txt", "print-black-300dpi.png", "print-black.svg"]);
    let read = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut out).unwrap();
        out
    };
    let csv = String::from_utf8(read(&mut zip, "orders.csv")).unwrap();
    assert!(csv.contains(&orders[0].reference()) && csv.contains(&orders[1].reference()));
    assert!(!csv.contains(&orders[2].reference()), "only what is in production");
    let packing = String::from_utf8(read(&mut zip, "packing-list.txt")).unwrap();
    assert!(packing.contains("1 × T-shirt M Black"), "{packing}");
    assert!(read(&mut zip, "print-black-300dpi.png").starts_with(b"\x89PNG"));
    let (_, queue_page) = app.get_html(&queue).await;
    assert!(queue_page.contains("package.zip") && queue_page.contains("2 orders in production"));
    let (_, drop_page) = app.get_html(&format!("/dashboard/drops/{drop_id}")).await;
    assert!(drop_page.contains("<dt>In production</dt><dd>2</dd>"), "the drop counts orders per state");

    // Bad input is explained; a good one ships, with one mail to the fan.
    assert_eq!(ship(&app, &queue, &orders[0], "pigeon", "1234").await.status().as_u16(), 422);
    assert_eq!(ship(&app, &queue, &orders[0], "other", "ABCD1234").await.status().as_u16(), 422, "other needs a link");
    assert_eq!(ship(&app, &queue, &orders[0], "ups", "1Z999AA10123456784").await.status().as_u16(), 303);
    let shipped = now(&app, &orders[0]).await;
    assert_eq!(shipped.way.fulfilment, Fulfilment::Shipped);
    assert_eq!(shipped.way.tracking_url.as_deref(), Some("https://www.ups.com/track?tracknum=1Z999AA10123456784"));
    let mail = app.mail_to("fan0@example.com", "is on its way").await;
    assert!(mail.contains("1Z999AA10123456784") && mail.contains("https://www.ups.com/track?tracknum="), "{mail}");
    assert_eq!(ship(&app, &queue, &orders[0], "dhl", "DIFFERENT1").await.status().as_u16(), 409, "shipped once");

    // A refund after shipping is refused: a return comes first.
    let refund = app
        .post_form(&format!("/dashboard/drops/{drop_id}/orders/{}/refund", orders[0].id), &[("confirmed", "yes")])
        .await;
    assert_eq!(refund.status().as_u16(), 409);
    assert!(refund.text().await.unwrap().contains("come back first"), "explained");

    // The fan's order page shows the way and the tracking link.
    let token = app.state.store.order_view_token(&shipped).await.unwrap();
    let (_, order_page) = app.get_html(&format!("/orders/{token}")).await;
    assert!(order_page.contains("https://www.ups.com/track?tracknum=1Z999AA10123456784"), "{order_page:.0}");
    assert!(order_page.contains("Shipped"));

    // Delivered, then returned: and now it may be refunded.
    assert_eq!(moved(&app, &queue, &orders[1], "delivered").await.status().as_u16(), 409, "not shipped");
    assert_eq!(moved(&app, &queue, &orders[0], "delivered").await.status().as_u16(), 303);
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::Delivered);
    assert_eq!(moved(&app, &queue, &orders[0], "returned").await.status().as_u16(), 303);
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::Returned);
    // Someone else's order is nobody's business.
    let other = TestApp::spawn_shell(&app);
    other.sign_up("other@example.com", "correct horse battery").await;
    assert_eq!(
        other.post_form(&format!("/dashboard/orders/{}/delivered", orders[1].id), &[]).await.status().as_u16(),
        409
    );
}

#[tokio::test]
async fn a_tracking_csv_is_checked_whole_before_anything_ships_and_twice_mails_once() {
    let app = TestApp::spawn().await;
    let (drop_id, orders) = sold(&app, "Shipped in bulk", 3).await;
    let queue = format!("/dashboard/drops/{drop_id}/production");
    let res = app
        .post_form("/dashboard/production/start", &[("all", "1"), ("drop", drop_id.as_str()), ("back", queue.as_str())])
        .await;
    assert_eq!(location(&res), format!("{queue}?state=in-production&sent=3"));
    let (a, b, c) = (orders[0].reference(), orders[1].reference(), orders[2].reference());

    // Every wrong line is named by its number, and nothing ships.
    let bad = format!(
        "order,carrier,tracking_number,tracking_url\r\n{a},DHL,00340434161094042557,\r\n{b},pigeon,12345,\r\n\
         NOSUCH01,UPS,1Z999AA10123456784,\r\n{a},DHL,00340434161094042557,\r\n{c},Other,X1234,\r\n"
    );
    let res = csv_upload(&app, &bad, &queue).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    for line in ["Line 3: unknown carrier", "Line 6: a carrier popshop does not know needs a tracking_url"] {
        assert!(html.contains(line), "{line}: {html:.0}");
    }
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::InProduction, "nothing half-applied");
    let unknown = format!(
        "order,carrier,tracking_number\n{a},DHL,00340434161094042557\nNOSUCH01,UPS,1Z999AA10123456784\n{a},DHL,00340434161094042557\n"
    );
    let html = csv_upload(&app, &unknown, &queue).await.text().await.unwrap();
    assert!(html.contains("Line 3: no paid order of yours has that reference"), "{html:.0}");
    assert!(html.contains("Line 4: the same order is in the file twice"));
    assert_eq!(now(&app, &orders[0]).await.way.fulfilment, Fulfilment::InProduction);
    let header = csv_upload(&app, "ref,who\nx,y\n", &queue).await.text().await.unwrap();
    assert!(header.contains("The first line must name the columns"));

    // A good file (columns in any order, a byte-order mark, carrier names
    // as printers write them) ships all three; sent again, it mails no one twice.
    let good = format!(
        "\u{feff}tracking_number,order,carrier,tracking_url\n00340434161094042557,{a},DHL,\n\
         JD014600003828392023,{b},Royal Mail,\nX1234,{c},other,https://track.example/X1234\n"
    );
    let res = csv_upload(&app, &good, &queue).await;
    // (Once seen red in CI without a Location: say what came back instead.)
    if res.headers().get("location").is_none() {
        let status = res.status();
        panic!("the good file was not taken: {status}: {}", res.text().await.unwrap_or_default());
    }
    assert_eq!(location(&res), format!("{queue}?state=shipped&shipped=3&again=0"));
    let res = csv_upload(&app, &good, &queue).await;
    assert_eq!(location(&res), format!("{queue}?state=shipped&shipped=0&again=3"));
    assert_eq!(now(&app, &orders[2]).await.way.tracking_url.as_deref(), Some("https://track.example/X1234"));
    // The orders export carries the full id too, which a tracking CSV may
    // use instead of the reference (the same order by either is one order).
    let export = app.get(&format!("/dashboard/drops/{drop_id}/orders.csv")).await.text().await.unwrap();
    assert!(
        export.lines().next().unwrap().ends_with(",order_id,tax,product") && export.contains(orders[0].id.as_str())
    );
    let both = format!(
        "order,carrier,tracking_number\n{},DHL,00340434161094042557\n{a},DHL,00340434161094042557\n",
        orders[0].id
    );
    let html = csv_upload(&app, &both, &queue).await.text().await.unwrap();
    assert!(html.contains("Line 3: the same order is in the file twice"), "{html:.0}");
    for i in 0..3 {
        app.mail_to(&format!("fan{i}@example.com"), "is on its way").await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let sent = app.mails().into_iter().filter(|(_, s, _)| s.contains("is on its way")).count();
    assert_eq!(sent, 3, "one mail per fan");
    // The same order with another number is refused.
    let other = format!("order,carrier,tracking_number\n{a},DHL,99999999999\n");
    let html = csv_upload(&app, &other, &queue).await.text().await.unwrap();
    assert!(html.contains("Line 2: that order was shipped already with another tracking number"));
    // The queue across all drops lists them too, filtered by state.
    let (_, all) = app.get_html("/dashboard/production?state=shipped").await;
    assert!(all.contains(&a) && all.contains(&b) && all.contains("Shipped (3)"), "{all:.0}");
}
