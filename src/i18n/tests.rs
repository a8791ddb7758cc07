//! Both languages complete, every id the code and templates use defined,
//! and each file valid Fluent.

use super::*;
use crate::domain::{DropState, ShirtColour};
use fluent_templates::fluent_bundle::FluentResource;
use std::collections::BTreeSet;
use std::path::Path;

fn ids(lang: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang).join("main.ftl");
    let source = std::fs::read_to_string(&path).unwrap();
    if let Err((_, errors)) = FluentResource::try_new(source.clone()) {
        panic!("{} is not valid Fluent: {errors:?}", path.display());
    }
    source
        .lines()
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn german_and_english_have_the_same_messages() {
    let (en, de) = (ids("en"), ids("de"));
    assert!(en.len() > 200, "{} messages", en.len());
    let missing: Vec<_> = en.difference(&de).collect();
    let extra: Vec<_> = de.difference(&en).collect();
    assert!(missing.is_empty() && extra.is_empty(), "only in English: {missing:?}; only in German: {extra:?}");
}

/// Every `t("id")`, `t1("id"`, `text(lang, "id")` … in the templates and
/// the Rust code names a message that exists.
#[test]
fn every_message_the_pages_ask_for_exists() {
    let en = ids("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // Where people are spoken to (the domain, store and payments say nothing).
    let mut dirs: Vec<_> =
        ["templates", "src/routes", "src/web", "src/shop", "src/i18n", "src/sales", "src/live", "src/mail"]
            .map(|d| root.join(d))
            .into();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut asked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let parts: Vec<&str> = text.split('"').collect();
        for pair in parts.chunks(2).filter(|p| p.len() == 2) {
            let (before, quoted) = (pair[0], pair[1]);
            // `id="drop-form"` and the like are HTML, not messages.
            let looks_like_id = !before.ends_with('=')
                && quoted.len() > 3
                && quoted.contains('-')
                && quoted.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && MESSAGE_PREFIXES.iter().any(|p| quoted.starts_with(p));
            if looks_like_id {
                asked += 1;
                assert!(
                    en.contains(quoted),
                    "{} asks for the message {quoted:?}, which locales/en lacks",
                    file.display()
                );
            }
        }
    }
    assert!(asked > 200, "found only {asked} message ids in the code");
}

/// The first word of every message id (the page or part it belongs to).
const MESSAGE_PREFIXES: [&str; 43] = [
    "forgot-",
    "reset-",
    "link-",
    "email-",
    "confirmed-",
    "settings-",
    "unsubscribe",
    "mail-",
    "nav-",
    "footer-",
    "skip-",
    "js-",
    "state-",
    "colour-",
    "currency-",
    "time-left-",
    "delivery-",
    "shipping-",
    "view-",
    "shop-",
    "checkout-",
    "studio-",
    "preview-",
    "look-",
    "account-",
    "error-",
    "login-",
    "signup-",
    "thanks-",
    "order-",
    "cancelled-",
    "buy-",
    "confirm-",
    "problem-",
    "demo-",
    "dashboard-",
    "drop-",
    "refund-",
    "card-",
    "overlay-",
    "end-",
    "picture-",
    "call-",
];

#[test]
fn ids_built_at_run_time_exist_in_both_languages() {
    for lang in Language::ALL {
        let mut built: Vec<String> = Vec::new();
        built.extend(ShirtColour::PALETTE.iter().map(|c| format!("colour-{}", c.key)));
        built.extend(crate::domain::Currency::ALL.iter().map(|c| format!("currency-{}", c.code())));
        built.extend(
            [DropState::Live, DropState::SoldOut, DropState::Ended, DropState::TakenDown]
                .map(|s| format!("state-{}", s.key())),
        );
        built.extend(crate::design::View::ALL.map(|v| format!("shop-picture-{}", v.key())));
        built.extend(crate::design::View::ALL.map(|v| v.message().to_owned()));
        for product in crate::domain::Product::ALL {
            let views = crate::design::DesignEngine::product_views(product);
            built.extend(views.iter().map(|v| format!("shop-product-picture-{}", v.key())));
        }
        built.extend(crate::design::THEMES.iter().map(|t| format!("look-{}", t.key)));
        // The artist's mail: each kind's words, switch and unsubscribe page.
        for kind in crate::store::outbox::ARTIST_KINDS {
            built.extend([
                format!("settings-mail-{kind}"),
                format!("unsubscribe-{kind}"),
                format!("mail-unsubscribe-{kind}"),
            ]);
            if kind != crate::store::outbox::DAILY_DIGEST {
                built.extend(["subject", "heading", "body"].map(|part| format!("mail-{kind}-{part}")));
            }
        }
        let defined = ids(lang.code());
        for id in built {
            assert!(defined.contains(&id), "{id} in {lang:?}");
        }
    }
}

#[test]
fn german_pages_say_german_things_with_values() {
    assert_eq!(text(Language::De, "state-sold-out"), "Ausverkauft");
    assert_eq!(text(Language::En, "state-sold-out"), "Sold out");
    assert_eq!(time_left(Language::De, 2 * 86_400 + 4 * 3600), "2 T. 4 Std.");
    assert_eq!(time_left(Language::En, 3 * 3600 + 12 * 60), "3h 12m");
    assert_eq!(time_left(Language::En, 300), "5m");
    assert_eq!(time_left(Language::De, 30), "unter einer Minute");
    let held = |lang, n| text_with(lang, "cancelled-held", &[("minutes", Arg::Number(n))]);
    assert!(held(Language::En, 1).contains("1 more minute,"), "{}", held(Language::En, 1));
    assert!(held(Language::En, 5).contains("5 more minutes,"));
    assert!(held(Language::De, 1).contains("1 Minute für"), "{}", held(Language::De, 1));
    // Numbers in messages are grouped the language's way; no isolation marks.
    let goal = text_with(Language::De, "drop-goal-shirts", &[("count", Arg::Number(12_500))]);
    assert_eq!(goal, "12.500 Shirts");
    let goal = text_with(Language::En, "drop-goal-shirts", &[("count", Arg::Number(1))]);
    assert_eq!(goal, "1 shirt");
    let line = crate::shop::shipping_line(
        Language::De,
        crate::domain::Money::from_minor(450, crate::domain::Currency::Eur),
        crate::domain::Delivery::DEFAULT,
    );
    assert_eq!(line, "Versand 4,50\u{a0}€ · Lieferzeit 5–10 Werktage");
}

#[test]
fn accept_language_picks_the_best_language_popshop_speaks() {
    assert_eq!(negotiate("de-DE,de;q=0.9,en;q=0.8"), Language::De);
    assert_eq!(negotiate("de-CH"), Language::De);
    assert_eq!(negotiate("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.3"), Language::De);
    assert_eq!(negotiate("en-GB,de;q=0.5"), Language::En);
    assert_eq!(negotiate("fr"), Language::En);
    assert_eq!(negotiate(""), Language::En);
    assert_eq!(negotiate("*"), Language::En);
    assert_eq!(negotiate(";;;,,q=x"), Language::En);
}
