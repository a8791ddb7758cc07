//! Composing a queued message: what it says (askama templates under
//! `templates/mail/`, plain text and HTML, in the drop's language) and its
//! envelope (lettre: From, To, Subject, a stable Message-ID, Date,
//! `Auto-Submitted: auto-generated`).

use super::Mailer;
use crate::domain::{Drop, Language, Order};
use crate::i18n::{self, Arg};
use crate::store::outbox::{ORDER_PAID, ORDER_REFUNDED, Outgoing};
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
    pub shop_label: String,
    pub shop_url: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_paid.txt")]
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
    pub shop_label: String,
    pub shop_url: String,
    pub reference: String,
    pub footer: String,
}

#[derive(Template)]
#[template(path = "mail/order_refunded.txt")]
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
#[template(path = "mail/order_shipped.txt")]
pub struct OrderShippedText<'a> {
    pub m: &'a OrderShipped,
}

#[derive(Template)]
#[template(path = "mail/order_shipped.html")]
pub struct OrderShippedHtml<'a> {
    pub m: &'a OrderShipped,
}

/// The message for `queued`, or `None` when there is nothing to send (the
/// order is gone).
pub async fn compose(mailer: &Mailer, queued: &Outgoing) -> anyhow::Result<Option<Message>> {
    let Some(order) = mailer.store.order_by_id(&queued.subject_id).await? else { return Ok(None) };
    let Some(drop) = mailer.store.drop_by_id(&order.drop_id).await? else { return Ok(None) };
    let lang = drop.language;
    let (subject, text, html) = match queued.kind.as_str() {
        ORDER_PAID => {
            let mail = order_paid(&order, &drop, &mailer.base_url);
            let subject = i18n::text_with(
                lang,
                "mail-order-subject",
                &[("number", number_arg(&order)), ("slogan", Arg::Text(drop.slogan.clone()))],
            );
            (subject, OrderPaidText { m: &mail }.render()?, OrderPaidHtml { m: &mail }.render()?)
        }
        ORDER_REFUNDED => {
            let mail = order_refunded(&order, &drop, &mailer.base_url);
            let subject = i18n::text_with(lang, "mail-refund-subject", &[("number", number_arg(&order))]);
            (subject, OrderRefundedText { m: &mail }.render()?, OrderRefundedHtml { m: &mail }.render()?)
        }
        other => anyhow::bail!("unknown kind of mail {other:?}"),
    };
    // An address that cannot be one (a line break in it, …) is never sent to.
    let Ok(to) = queued.to_address.parse::<Mailbox>() else { return Ok(None) };
    envelope(&mailer.from, to, &queued.message_id, &subject, text, html).map(Some)
}

fn number_arg(order: &Order) -> Arg {
    match order.number {
        Some(n) => Arg::Number(n),
        None => Arg::Text(order.reference()),
    }
}

/// What the confirmation says, in the drop's language.
pub fn order_paid(order: &Order, drop: &Drop, base_url: &str) -> OrderPaid {
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
        item: i18n::order_item(lang, order.quantity, &drop.slogan, order.size, order.colour),
        total_label: t("thanks-total"),
        total: i18n::money(lang, order.amount),
        shipping: crate::shop::shipping_line(lang, order.shipping_cost, drop.delivery),
        code,
        ship_to_label: t("mail-order-ship-to"),
        ship_to: order
            .shipping
            .as_ref()
            .map(|a| {
                [&a.name, &a.line1, &a.line2, &format!("{} {}", a.postal_code, a.city), &a.state, &a.country]
                    .into_iter()
                    .map(|l| l.trim().to_owned())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        reference: i18n::text_with(lang, "mail-order-reference", &[("reference", Arg::Text(order.reference()))]),
        words: drop.description.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        shop_label: i18n::text_with(lang, "mail-order-shop", &[("artist", Arg::Text(drop.artist_name.clone()))]),
        shop_url: format!("{base_url}/d/{}", drop.slug),
        footer: t("mail-order-footer"),
    }
}

/// What the refund notice says, in the drop's language.
pub fn order_refunded(order: &Order, drop: &Drop, base_url: &str) -> OrderRefunded {
    let lang = drop.language;
    let t = |id: &str| i18n::text(lang, id);
    OrderRefunded {
        lang,
        heading: t("mail-refund-heading"),
        item: i18n::order_item(lang, order.quantity, &drop.slogan, order.size, order.colour),
        amount_label: t("mail-refund-amount"),
        amount: i18n::money(lang, order.amount),
        note: t("mail-refund-note"),
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
    let paid = order_paid(order, drop, "");
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
/// never starts a header of its own), the stable Message-ID, Date, and both parts.
fn envelope(
    from: &Mailbox,
    to: Mailbox,
    message_id: &str,
    subject: &str,
    text: String,
    html: String,
) -> anyhow::Result<Message> {
    let domain = from.email.domain().to_owned();
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{message_id}@{domain}>")))
        .date_now()
        .header(AutoSubmitted)
        .multipart(MultiPart::alternative_plain_html(text, html))?)
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
        let raw = envelope(&from, to, "abc", subject, "text".into(), "<p>html</p>".into()).unwrap().formatted();
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
