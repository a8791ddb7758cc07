//! Composing a queued message: what it says (askama templates under
//! `templates/mail/`, plain text and HTML, in the drop's language) and its
//! envelope (lettre: From, To, Subject, a stable Message-ID, Date,
//! `Auto-Submitted: auto-generated`).

use super::Mailer;
use crate::domain::{Drop, Language, Order};
use crate::i18n::{self, Arg};
use crate::store::outbox::{
    BACK_IN_STOCK, CONFIRM_EMAIL, DAILY_DIGEST, DAY_MS, DISPUTE_CLOSED, DISPUTE_OPENED, DROP_ENDED, DROP_TAKEN_DOWN,
    EMAIL_CHANGE, EMAIL_CHANGED, FIRST_SALE, GOAL_REACHED, ORDER_AGAIN, ORDER_PAID, ORDER_REFUNDED, ORDER_SHIPPED,
    Outgoing, PASSWORD_RESET, SOLD_OUT,
};
use askama::Template;
use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};

/// RFC 3834: transactional mail, so auto-responders stay quiet.
#[derive(Debug, Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The fan's order confirmation, as both templates show it.
pub struct OrderPaid {
    pub lang: Language,
    pub heading: String,
    /// "You're #137".
    pub number: String,
    /// "2 × “Slogan” T-shirt — M, Black".
    pub item: String,
    pub total_label: String,
    pub total: String,
    /// "Shipping $5.00 · arrives in 5–10 business days".
    pub shipping: String,
    /// "Code FRIDAY: −$10.00", when a code was used.
    pub code: Option<String>,
    pub ship_to_label: String,
    pub ship_to: Vec<String>,
    pub reference: String,
    /// The artist's words on the drop, one paragraph per line.
    pub words: Vec<String>,
    /// The fan's order page.
    pub order_label: String,
    pub order_url: String,
    pub shop_label: String,
    pub shop_url: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_paid.txt", whitespace = "preserve")]
struct OrderPaidText<'a> {
    m: &'a OrderPaid,
}

#[derive(Template)]
#[template(path = "mail/order_paid.html")]
struct OrderPaidHtml<'a> {
    m: &'a OrderPaid,
}

/// The fan's refund notice.
pub struct OrderRefunded {
    pub lang: Language,
    pub heading: String,
    pub item: String,
    pub amount_label: String,
    pub amount: String,
    /// When the money shows.
    pub note: String,
    pub order_label: String,
    pub order_url: String,
    pub shop_label: String,
    pub shop_url: String,
    pub reference: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_refunded.txt", whitespace = "preserve")]
struct OrderRefundedText<'a> {
    m: &'a OrderRefunded,
}

#[derive(Template)]
#[template(path = "mail/order_refunded.html")]
struct OrderRefundedHtml<'a> {
    m: &'a OrderRefunded,
}

/// "Your shirt is on its way", with its tracking link: the template the
/// production part (issue 16) sends when a parcel leaves the printer.
pub struct OrderShipped {
    pub lang: Language,
    pub heading: String,
    pub item: String,
    /// "Sent with DHL, tracking number 00340434…".
    pub carrier: String,
    pub tracking_label: String,
    pub tracking_url: String,
    pub ship_to_label: String,
    pub ship_to: Vec<String>,
    pub reference: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_shipped.txt", whitespace = "preserve")]
pub struct OrderShippedText<'a> {
    pub m: &'a OrderShipped,
}

#[derive(Template)]
#[template(path = "mail/order_shipped.html")]
pub struct OrderShippedHtml<'a> {
    pub m: &'a OrderShipped,
}

/// The message for `queued`, or `None` when there is nothing to send (what
/// it was about is gone, or the link's secret was already used up).
pub async fn compose(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Message>> {
    // An address that cannot be one (a line break in it, …) is never sent to.
    let Ok(to) = queued.to_address.parse::<Mailbox>() else { return Ok(None) };
    let letter = match queued.kind.as_str() {
        ORDER_PAID | ORDER_AGAIN | ORDER_REFUNDED | ORDER_SHIPPED => to_fan(mailer, queued).await?,
        CONFIRM_EMAIL | PASSWORD_RESET | EMAIL_CHANGE | EMAIL_CHANGED => to_account(mailer, queued),
        FIRST_SALE | GOAL_REACHED | SOLD_OUT | DROP_ENDED | DAILY_DIGEST => to_artist(mailer, queued).await?,
        DISPUTE_OPENED | DISPUTE_CLOSED => about_dispute(mailer, queued).await?,
        BACK_IN_STOCK => back_in_stock(mailer, queued).await?,
        DROP_TAKEN_DOWN => taken_down(mailer, queued).await?,
        other => anyhow::bail!("unknown kind of mail {other:?}"),
    };
    let Some(letter) = letter else { return Ok(None) };
    envelope(&mailer.from, to, &queued.message_id, letter).map(Some)
}

/// A composed message before its envelope.
struct Letter {
    subject: String,
    text: String,
    html: String,
    /// One-click unsubscribe (RFC 8058), for the artist's notifications.
    unsubscribe: Option<String>,
}

/// The fan's mail about an order, in the drop's language.
async fn to_fan(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Letter>> {
    let Some(order) = mailer.store.order_by_id(&queued.subject_id).await? else { return Ok(None) };
    let Some(drop) = mailer.store.drop_by_id(&order.drop_id).await? else { return Ok(None) };
    let lang = drop.language;
    let order_url = format!("{}/orders/{}", mailer.base_url, mailer.store.order_view_token(&order).await?);
    if queued.kind == ORDER_SHIPPED {
        return on_its_way(&order, &drop).map(Some);
    }
    let (subject, text, html) = if queued.kind == ORDER_REFUNDED {
        let mail = order_refunded(&order, &drop, &mailer.base_url, order_url);
        let subject = i18n::text_with(lang, "mail-refund-subject", &[("number", number_arg(&order))]);
        (subject, OrderRefundedText { m: &mail }.render()?, OrderRefundedHtml { m: &mail }.render()?)
    } else {
        let mail = order_paid(&order, &drop, &mailer.base_url, order_url);
        let subject = i18n::text_with(
            lang,
            "mail-order-subject",
            &[("number", number_arg(&order)), ("slogan", Arg::Text(drop.slogan.clone()))],
        );
        (subject, OrderPaidText { m: &mail }.render()?, OrderPaidHtml { m: &mail }.render()?)
    };
    Ok(Some(Letter { subject, text, html, unsubscribe: None }))
}

/// "On its way" (`order_shipped`): the carrier, the number and the
/// tracking link, in the drop's language.
fn on_its_way(order: &Order, drop: &Drop) -> anyhow::Result<Letter> {
    let carrier = order.way.carrier.map(|c| c.name).unwrap_or_default();
    let url = order.way.tracking_url.as_deref().unwrap_or_default();
    let mail = order_shipped(order, drop, carrier, &order.way.tracking_number, url);
    Ok(Letter {
        subject: shipped_subject(order, drop),
        text: OrderShippedText { m: &mail }.render()?,
        html: OrderShippedHtml { m: &mail }.render()?,
        unsubscribe: None,
    })
}

/// A short message: a heading, paragraphs, facts, perhaps one button (and
/// its address written out), small print, perhaps an unsubscribe link.
pub struct Notice {
    pub lang: Language,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub facts: Vec<(String, String)>,
    pub button: Option<(String, String)>,
    pub after: Vec<String>,
    pub unsubscribe: Option<(String, String)>,
    pub reference: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/notice.txt", whitespace = "preserve")]
struct NoticeText<'a> {
    m: &'a Notice,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    m: &'a Notice,
}

impl Notice {
    fn new(lang: Language, heading: String) -> Self {
        Self {
            lang,
            heading,
            paragraphs: Vec::new(),
            facts: Vec::new(),
            button: None,
            after: Vec::new(),
            unsubscribe: None,
            reference: String::new(),
            footer: String::new(),
        }
    }

    fn letter(&self, subject: String, unsubscribe: Option<String>) -> anyhow::Result<Letter> {
        Ok(Letter {
            subject,
            text: NoticeText { m: self }.render()?,
            html: NoticeHtml { m: self }.render()?,
            unsubscribe,
        })
    }
}

/// Mail about the account itself, with its single-use link, in the
/// language of the page it was asked from.
fn to_account(mailer: &Mailer, queued: &Outgoing) -> Option<Letter> {
    let lang = Language::from_stored(&queued.language);
    let t = |id: &str| i18n::text(lang, id);
    // (link path, subject, heading, body, button, small print)
    let (path, [subject, heading, body, button, after]) = match queued.kind.as_str() {
        CONFIRM_EMAIL => (
            "/account/confirm/",
            [
                "mail-confirm-subject",
                "mail-confirm-heading",
                "mail-confirm-body",
                "mail-confirm-button",
                "mail-confirm-after",
            ],
        ),
        PASSWORD_RESET => (
            "/password/reset/",
            ["mail-reset-subject", "mail-reset-heading", "mail-reset-body", "mail-reset-button", "mail-reset-after"],
        ),
        EMAIL_CHANGE => (
            "/account/email/confirm/",
            [
                "mail-change-subject",
                "mail-change-heading",
                "mail-change-body",
                "mail-change-button",
                "mail-change-after",
            ],
        ),
        _ => ("", ["mail-changed-subject", "mail-changed-heading", "mail-changed-body", "", ""]),
    };
    let mut notice = Notice::new(lang, t(heading));
    notice.paragraphs.push(t(body));
    if !path.is_empty() {
        // The link's secret is gone once sent: nothing to send again.
        if queued.link_token.is_empty() {
            return None;
        }
        notice.button = Some((t(button), format!("{}{path}{}", mailer.base_url, queued.link_token)));
        notice.after.push(t(after));
    }
    notice.footer = t("mail-account-footer");
    notice.letter(t(subject), None).ok()
}

/// The artist's notifications, in the drop's language, each with its
/// one-click unsubscribe.
async fn to_artist(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Letter>> {
    let base = &mailer.base_url;
    let (subject_of, _) = queued.subject_id.split_once(':').unwrap_or((&queued.subject_id, ""));
    let (account_id, notice, subject) = if queued.kind == DAILY_DIGEST {
        let day: i64 = queued.subject_id.rsplit(':').next().and_then(|d| d.parse().ok()).unwrap_or(0);
        let sales = mailer.store.sales_between(subject_of, (day - 1) * DAY_MS, day * DAY_MS).await?;
        let Some(first) = sales.first() else { return Ok(None) };
        let lang = Language::from_stored(&first.language);
        let t = |id: &str| i18n::text(lang, id);
        let date = i18n::date_utc(lang, (day - 1) * DAY_MS);
        let mut notice =
            Notice::new(lang, i18n::text_with(lang, "mail-digest-heading", &[("date", Arg::Text(date.clone()))]));
        for day in &sales {
            let money = crate::domain::Money::from_minor(
                day.revenue_minor,
                crate::domain::Currency::parse(&day.currency).unwrap_or(crate::domain::Currency::Usd),
            );
            notice.facts.push((
                format!("“{}”", day.slogan),
                i18n::text_with(
                    lang,
                    "mail-digest-line",
                    &[
                        ("shirts", Arg::Number(day.shirts)),
                        ("orders", Arg::Number(day.orders)),
                        ("money", Arg::Text(i18n::money(lang, money))),
                    ],
                ),
            ));
        }
        notice.button = Some((t("mail-artist-dashboard"), format!("{base}/dashboard")));
        let subject = i18n::text_with(lang, "mail-digest-subject", &[("date", Arg::Text(date))]);
        (subject_of.to_owned(), notice, subject)
    } else {
        let Some(drop) = mailer.store.drop_by_id(subject_of).await? else { return Ok(None) };
        let lang = drop.language;
        let t = |id: &str| i18n::text(lang, id);
        let slogan = Arg::Text(drop.slogan.clone());
        let prefix = format!("mail-{}", queued.kind);
        let mut notice =
            Notice::new(lang, i18n::text_with(lang, &format!("{prefix}-heading"), &[("slogan", slogan.clone())]));
        notice.paragraphs.push(i18n::text_with(lang, &format!("{prefix}-body"), &[("slogan", slogan.clone())]));
        let raised = crate::domain::Money::from_minor(drop.revenue_minor, drop.price.currency());
        notice.facts.push((t("mail-artist-sold"), i18n::count(lang, drop.sold)));
        notice.facts.push((t("mail-artist-raised"), i18n::money(lang, raised)));
        if let Some(goal) = drop.goal {
            notice.facts.push((t("mail-artist-goal"), i18n::count(lang, goal)));
        }
        notice.button = Some((t("mail-artist-drop"), format!("{base}/dashboard/drops/{}", drop.id)));
        if queued.kind == DROP_ENDED {
            notice.after.push(format!("{}: {base}/dashboard/drops/{}/orders.csv", t("mail-drop-ended-csv"), drop.id));
        }
        let subject = i18n::text_with(lang, &format!("{prefix}-subject"), &[("slogan", slogan)]);
        (drop.account_id.to_string(), notice, subject)
    };
    let mut notice = notice;
    let lang = notice.lang;
    let key = mailer.store.mail_key(&account_id).await?;
    let unsubscribe = format!("{base}/unsubscribe/{key}/{}", queued.kind);
    notice.unsubscribe = Some((i18n::text(lang, &format!("mail-unsubscribe-{}", queued.kind)), unsubscribe.clone()));
    notice.footer = i18n::text(lang, "mail-artist-footer");
    notice.letter(subject, Some(unsubscribe)).map(Some)
}

/// The artist's mail about a disputed order, in the drop's language: opened,
/// or decided (won when the order is paid again).
async fn about_dispute(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Letter>> {
    let Some(order) = mailer.store.order_by_id(&queued.subject_id).await? else { return Ok(None) };
    let Some(drop) = mailer.store.drop_by_id(&order.drop_id).await? else { return Ok(None) };
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let args = [
        ("number", number_arg(&order)),
        ("slogan", Arg::Text(drop.slogan.clone())),
        ("money", Arg::Text(i18n::money(lang, order.total_paid()))),
    ];
    let (subject, heading, body) = match (queued.kind.as_str(), order.status) {
        (DISPUTE_OPENED, _) => {
            ("mail-dispute-opened-subject", "mail-dispute-opened-heading", "mail-dispute-opened-body")
        }
        (_, crate::domain::OrderStatus::DisputeLost) => {
            ("mail-dispute-closed-subject", "mail-dispute-lost-heading", "mail-dispute-lost-body")
        }
        _ => ("mail-dispute-closed-subject", "mail-dispute-won-heading", "mail-dispute-won-body"),
    };
    let mut notice = Notice::new(lang, t(heading));
    notice.paragraphs.push(i18n::text_with(lang, body, &args));
    if let Some(address) = &order.shipping {
        notice.facts.push((t("mail-order-ship-to"), address.one_line()));
    }
    notice.button = Some((t("mail-artist-drop"), format!("{}/dashboard/drops/{}", mailer.base_url, drop.id)));
    notice.reference = i18n::text_with(lang, "mail-order-reference", &[("reference", Arg::Text(order.reference()))]);
    notice.footer = t("mail-dispute-footer");
    notice.letter(i18n::text_with(lang, subject, &args), None).map(Some)
}

/// To the artist: an operator took their drop down, with the reason fans
/// see, in the drop's language. Nothing when it was restored since.
async fn taken_down(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Letter>> {
    let drop_id = queued.subject_id.split(':').next().unwrap_or_default();
    let Some(drop) = mailer.store.drop_by_id(drop_id).await? else { return Ok(None) };
    let Some(takedown) = &drop.takedown else { return Ok(None) };
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let args = [("slogan", Arg::Text(drop.slogan.clone()))];
    let mut notice = Notice::new(lang, i18n::text_with(lang, "mail-takedown-heading", &args));
    notice.paragraphs.push(i18n::text_with(lang, "mail-takedown-body", &args));
    notice.facts.push((t("mail-takedown-reason"), takedown.reason.to_string()));
    notice.paragraphs.push(t("mail-takedown-next"));
    notice.button = Some((t("mail-artist-drop"), format!("{}/dashboard/drops/{}", mailer.base_url, drop.id)));
    notice.footer = t("mail-takedown-footer");
    notice.letter(i18n::text_with(lang, "mail-takedown-subject", &args), None).map(Some)
}

/// "It's back": to a fan who left their address on a sold-out or ended
/// drop, in the drop's language, once its next wave opened.
async fn back_in_stock(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Letter>> {
    let drop_id = queued.subject_id.split(':').next().unwrap_or_default();
    let Some(drop) = mailer.store.drop_by_id(drop_id).await? else { return Ok(None) };
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let args = [("slogan", Arg::Text(drop.slogan.clone())), ("artist", Arg::Text(drop.artist_name.clone()))];
    let mut notice = Notice::new(lang, i18n::text_with(lang, "mail-restock-heading", &args));
    notice.paragraphs.push(i18n::text_with(lang, "mail-restock-body", &args));
    notice.facts.push((t("mail-restock-price"), i18n::money(lang, drop.price)));
    if let Some(left) = drop.units_left() {
        notice.facts.push((t("mail-restock-left"), i18n::count(lang, left)));
    }
    notice.button = Some((t("mail-restock-button"), format!("{}/d/{}", mailer.base_url, drop.slug)));
    notice.footer = t("mail-restock-footer");
    notice.letter(i18n::text_with(lang, "mail-restock-subject", &args), None).map(Some)
}

fn number_arg(order: &Order) -> Arg {
    match order.number {
        Some(n) => Arg::Number(n),
        None => Arg::Text(order.reference()),
    }
}

/// What the confirmation says, in the drop's language.
pub fn order_paid(order: &Order, drop: &Drop, base_url: &str, order_url: String) -> OrderPaid {
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let code = order.promo_code.as_ref().map(|code| {
        i18n::text_with(
            lang,
            "mail-order-code",
            &[("code", Arg::Text(code.clone())), ("amount", Arg::Text(i18n::money(lang, order.discount)))],
        )
    });
    OrderPaid {
        lang,
        heading: t("mail-order-heading"),
        number: i18n::text_with(lang, "thanks-number", &[("number", number_arg(order))]),
        item: i18n::order_item(lang, &drop.slogan, &order.lines),
        total_label: t("thanks-total"),
        total: i18n::order_total(lang, order),
        shipping: crate::shop::shipping_line(lang, order.shipping_cost, drop.delivery),
        code,
        ship_to_label: t("mail-order-ship-to"),
        ship_to: order.shipping.as_ref().map(crate::domain::ShippingAddress::lines).unwrap_or_default(),
        reference: i18n::text_with(lang, "mail-order-reference", &[("reference", Arg::Text(order.reference()))]),
        words: drop.description.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        order_label: t("mail-order-page"),
        order_url,
        shop_label: i18n::text_with(lang, "mail-order-shop", &[("artist", Arg::Text(drop.artist_name.clone()))]),
        shop_url: format!("{base_url}/d/{}", drop.slug),
        footer: t("mail-order-footer"),
    }
}

/// What the refund notice says, in the drop's language.
pub fn order_refunded(order: &Order, drop: &Drop, base_url: &str, order_url: String) -> OrderRefunded {
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    OrderRefunded {
        lang,
        heading: t("mail-refund-heading"),
        item: i18n::order_item(lang, &drop.slogan, &order.lines),
        amount_label: t("mail-refund-amount"),
        amount: i18n::money(lang, order.total_paid()),
        note: t("mail-refund-note"),
        order_label: t("mail-order-page"),
        order_url,
        shop_label: i18n::text_with(lang, "mail-order-shop", &[("artist", Arg::Text(drop.artist_name.clone()))]),
        shop_url: format!("{base_url}/d/{}", drop.slug),
        reference: i18n::text_with(lang, "mail-order-reference", &[("reference", Arg::Text(order.reference()))]),
        footer: t("mail-order-footer"),
    }
}

/// What the shipping notice says, in the drop's language: `carrier` and
/// `tracking` (the number) as the printer reports them, `tracking_url` the
/// carrier's page for the parcel.
pub fn order_shipped(order: &Order, drop: &Drop, carrier: &str, tracking: &str, tracking_url: &str) -> OrderShipped {
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    let paid = order_paid(order, drop, "", String::new());
    OrderShipped {
        lang,
        heading: t("mail-shipped-heading"),
        item: paid.item,
        carrier: i18n::text_with(
            lang,
            "mail-shipped-carrier",
            &[("carrier", Arg::Text(carrier.to_owned())), ("tracking", Arg::Text(tracking.to_owned()))],
        ),
        tracking_label: t("mail-shipped-track"),
        tracking_url: tracking_url.to_owned(),
        ship_to_label: paid.ship_to_label,
        ship_to: paid.ship_to,
        reference: paid.reference,
        footer: paid.footer,
    }
}

/// The subject of the shipping notice.
pub fn shipped_subject(order: &Order, drop: &Drop) -> String {
    i18n::text_with(drop.language, "mail-shipped-subject", &[("number", number_arg(order))])
}

/// The envelope: From, To, Subject (encoded by lettre: a line break in it
/// never starts a header of its own), the stable Message-ID, Date, the
/// unsubscribe headers of a notification, and both parts.
fn envelope(from: &Mailbox, to: Mailbox, message_id: &str, letter: Letter) -> anyhow::Result<Message> {
    let domain = from.email.domain().to_owned();
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject)
        .message_id(Some(format!("<{message_id}@{domain}>")))
        .date_now()
        .header(AutoSubmitted);
    if let Some(url) = letter.unsubscribe {
        builder = builder.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost);
    }
    Ok(builder.multipart(MultiPart::alternative_plain_html(letter.text, letter.html))?)
}

/// RFC 2369's `List-Unsubscribe`: the one-click address.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// RFC 8058: a POST to the `List-Unsubscribe` address unsubscribes at once.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipping notice the production part will send, in both languages.
    #[test]
    fn the_shipping_notice_names_the_carrier_and_links_the_parcel() {
        let mut drop = crate::domain::samples::drop();
        for (lang, heading, track) in [
            (Language::En, "Your shirt is on its way", "Track your parcel"),
            (Language::De, "Dein Shirt ist unterwegs", "Sendung verfolgen"),
        ] {
            drop.language = lang;
            let order = sample_order();
            let mail = order_shipped(&order, &drop, "DHL", "00340434", "https://www.dhl.com/track?id=00340434");
            let text = OrderShippedText { m: &mail }.render().unwrap();
            let html = OrderShippedHtml { m: &mail }.render().unwrap();
            assert!(text.contains(heading) && text.contains("DHL") && text.contains("00340434"), "{text}");
            assert!(text.contains(&format!("{track}: https://www.dhl.com/track?id=00340434")), "{text}");
            assert!(html.contains("href=\"https://www.dhl.com/track?id=00340434\""), "{html}");
            assert!(shipped_subject(&order, &drop).contains('7'));
        }
    }

    /// Header injection: a line break in a subject (it carries a slogan) is
    /// encoded, never a header of its own; an address with one is no address.
    #[test]
    fn line_breaks_never_make_headers() {
        let from: Mailbox = "popshop <shop@example.com>".parse().unwrap();
        let to: Mailbox = "fan@example.com".parse().unwrap();
        let subject = "Order #1\r\nBcc: victim@example.com\nX-Evil: yes";
        let letter =
            Letter { subject: subject.into(), text: "text".into(), html: "<p>html</p>".into(), unsubscribe: None };
        let raw = envelope(&from, to, "abc", letter).unwrap().formatted();
        let raw = String::from_utf8(raw).unwrap();
        let headers = raw.split("\r\n\r\n").next().unwrap();
        assert!(
            !headers.lines().any(|l| l.starts_with("Bcc:") || l.starts_with("X-Evil:")),
            "no injected header:\n{headers}"
        );
        assert!(headers.contains("Message-ID: <abc@example.com>"));
        for bad in ["fan@example.com\r\nBcc: victim@example.com", "fan@example.com\nX: y", "Jo\r\n <fan@example.com>"] {
            assert!(
                bad.parse::<Mailbox>().is_err() || !bad.parse::<Mailbox>().unwrap().to_string().contains('\n'),
                "{bad:?}"
            );
        }
    }

    fn sample_order() -> Order {
        crate::domain::samples::order(7, "Jo Fan", "M", "black", 1)
    }
}
