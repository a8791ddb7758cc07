//! The store on its own, against the backend this suite runs on.

use crate::common::TestApp;
use popshop::design::THEMES;
use popshop::domain::{Currency, Delivery, DropSlug, EmailAddress, Money, Product, ShirtColours, Size, Sizes, Slogan};
use popshop::store::{CreateAccountError, NewDrop, NewProduct};

fn new_drop(account_id: &str, slogan: &str) -> NewDrop {
    NewDrop {
        account_id: account_id.into(),
        slogan: Slogan::parse(slogan).unwrap(),
        artist_name: "Artist ü".into(),
        sizes: Sizes::parse(["S", "XL"]).unwrap(),
        colours: ShirtColours::parse(["navy", "white"]).unwrap(),
        max_per_order: 4,
        goal: None,
        ends_at: Some(4_102_444_800_000),
        theme: THEMES[1].key,
        description: "Zeile eins\nline two".into(),
        shipping: Money::from_minor(390, Currency::Eur),
        delivery: Delivery::CHOICES[2],
        language: popshop::domain::Language::De,
        from_call: None,
        printer: popshop::domain::Printer::Own,
        products: vec![NewProduct {
            product: Product::Tee,
            price: Money::from_minor(2500, Currency::Eur),
            sizes: vec![Size::S, Size::Xl],
            colours: ShirtColours::parse(["navy", "white"]).unwrap().as_slice().to_vec(),
            stock: Some(100),
        }],
    }
}

#[tokio::test]
async fn accounts_sessions_and_drops_round_trip() {
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let email = EmailAddress::parse("Ana@Example.com").unwrap();
    let account = store.create_account(&email, "hash", popshop::domain::Language::En).await.unwrap();
    assert!(matches!(
        store.create_account(&email, "x", popshop::domain::Language::En).await,
        Err(CreateAccountError::EmailTaken)
    ));

    let token = store.create_session(&account.id).await.unwrap();
    assert_eq!(store.session_account(&token).await.unwrap(), Some(account.clone()));
    store.delete_session(&token).await.unwrap();
    assert_eq!(store.session_account(&token).await.unwrap(), None);

    let drop = store.insert_drop(&new_drop(&account.id, "Grüße aus Köln 🔥")).await.unwrap();
    assert_eq!(drop.slug.as_str(), "grusse-aus-koln-fire");
    assert_eq!(drop.slogan, "Grüße aus Köln 🔥");
    assert_eq!(drop.artist_name, "Artist ü");
    assert_eq!(drop.price, Money::from_minor(2500, Currency::Eur));
    assert_eq!(drop.sizes.to_db(), "S,XL");
    assert_eq!(drop.colours.to_db(), "white,navy");
    assert_eq!((drop.stock, drop.sold, drop.reserved, drop.goal), (Some(100), 0, 0, None));
    assert_eq!(drop.ends_at, Some(4_102_444_800_000));
    assert_eq!(drop.theme, THEMES[1].key);
    assert_eq!(drop.description, "Zeile eins\nline two");
    assert_eq!(drop.shipping, Money::from_minor(390, Currency::Eur));
    assert_eq!(drop.delivery, Delivery::CHOICES[2]);
    assert_eq!(drop.language, popshop::domain::Language::De);

    let by_slug = store.drop_by_slug(&drop.slug).await.unwrap().unwrap();
    assert_eq!(by_slug, drop);
    assert!(store.owned_drop(&drop.id, "someone-else").await.unwrap().is_none());
    assert!(store.drop_by_slug(&DropSlug::parse("nope").unwrap()).await.unwrap().is_none());

    assert!(store.end_drop(&drop.id, &account.id).await.unwrap());
    assert!(!store.end_drop(&drop.id, &account.id).await.unwrap(), "ending twice is a no-op");
    let ended = store.drop_by_id(&drop.id).await.unwrap().unwrap();
    assert!(ended.ended_at.is_some());
    assert_eq!(ended.version, drop.version + 1);
}

#[tokio::test]
async fn concurrent_launches_of_one_slogan_get_distinct_slugs() {
    let app = TestApp::spawn().await;
    let store = app.state.store.clone();
    let account = store
        .create_account(&EmailAddress::parse("a@b.co").unwrap(), "h", popshop::domain::Language::En)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, id) = (store.clone(), account.id.clone());
            tokio::spawn(async move { store.insert_drop(&new_drop(&id, "Same words")).await.unwrap().slug.to_string() })
        })
        .collect();
    let mut slugs = Vec::new();
    for t in tasks {
        slugs.push(t.await.unwrap());
    }
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 8, "{slugs:?}");
    assert_eq!(store.drops_of(&account.id).await.unwrap().len(), 8);
}
