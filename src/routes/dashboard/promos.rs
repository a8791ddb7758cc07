//! `POST /dashboard/drops/{id}/promo-codes`: the artist makes a promo code
//! for this drop or all of theirs: a percentage or an amount off each shirt,
//! perhaps at most so many uses, perhaps ending in so many hours. Bad input
//! comes back on the drop's page with what was typed.

use super::drop::drop_page;
use crate::auth::{CsrfToken, OwnedDrop, csrf};
use crate::domain::promo::{normalize_code, parse_discount};
use crate::i18n::{self, Arg, Localized};
use crate::state::AppState;
use crate::store::NewPromo;
use crate::web::PageLanguage;
use crate::web::error::AppError;
use crate::web::page::render;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

#[tracing::instrument(skip_all, fields(drop = %owned.drop.id))]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    owned: OwnedDrop,
    csrf_token: CsrfToken,
    lang: PageLanguage,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let lang = lang.0;
    let form = csrf::verified_form(&req, &body)?;
    let OwnedDrop { artist, drop } = owned;
    let clip = |name: &str| form.get(name).chars().take(40).collect::<String>();
    let mut typed = super::drop::PromoForm {
        code: clip("code"),
        kind: clip("kind"),
        value: clip("value"),
        max_uses: clip("max_uses"),
        hours: clip("hours"),
        scope: if form.get("scope") == "all" { "all".into() } else { "drop".into() },
        product: clip("product"),
        ..super::drop::PromoForm::default()
    };
    let code = normalize_code(&typed.code).map_err(|e| e.localized(lang));
    let discount = parse_discount(&typed.kind, &typed.value, drop.currency()).map_err(|e| e.localized(lang));
    let max_uses = super::optional_count(&typed.max_uses, 1, 1_000_000, lang);
    let ends_at = super::optional_end(&typed.hours, state.store.now_ms(), 8_760, lang);
    let saved = match (&code, &discount, &max_uses, &ends_at) {
        (Ok(code), Ok(discount), Ok(max_uses), Ok(ends_at)) => {
            let new = NewPromo {
                account_id: artist.id.clone(),
                drop_id: (typed.scope == "drop").then(|| drop.id.clone()),
                code: code.clone(),
                discount: *discount,
                max_uses: *max_uses,
                ends_at: *ends_at,
                // A product this drop sells, or every product.
                product: crate::domain::Product::parse(&typed.product).filter(|p| drop.product(*p).is_some()),
            };
            if state.store.insert_promo(&new).await? {
                let to = format!("/dashboard/drops/{}?code={code}#promo-codes", drop.id);
                return Ok(crate::web::redirect(to));
            }
            Err(i18n::text_with(lang, "promos-taken", &[("code", Arg::Text(code.to_string()))]))
        }
        _ => Ok(()),
    };
    typed.code_error = code.err().or(saved.err());
    typed.value_error = discount.err();
    typed.max_uses_error = max_uses.err();
    typed.hours_error = ends_at.err();
    let mut page = drop_page(&state, drop, lang, csrf_token).await?;
    page.promo_form = typed;
    render(StatusCode::UNPROCESSABLE_ENTITY, &page).map(crate::web::headers::no_store)
}
