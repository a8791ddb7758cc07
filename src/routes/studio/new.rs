use super::form::{DropForm, DropFormErrors};
use crate::auth::{CsrfToken, MaybeArtist};
use crate::design::Theme;
use crate::error::AppError;
use crate::routes::account::render;
use crate::routes::layout::Layout;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

/// The create-a-drop form with its shirt preview.
#[derive(Template)]
#[template(path = "studio/new.html")]
pub struct NewDropPage {
    pub layout: Layout,
    pub csrf: String,
    /// The values as typed.
    pub form: DropForm,
    pub errors: DropFormErrors,
    /// Visitors also get email and password fields: the form signs them up.
    pub signed_in: bool,
    /// Shirt mockup SVG of the current values.
    pub preview: String,
    /// The look shown in the preview.
    pub preview_theme: &'static Theme,
}

impl NewDropPage {
    pub fn new(state: &AppState, form: DropForm, errors: DropFormErrors, signed_in: bool, csrf: String) -> Self {
        let theme = form.theme();
        let preview = state.design.mockup(&form.preview_slogan(), theme, form.preview_colour(), "preview");
        let title = if errors.any() { "Check your drop" } else { "Launch a T-shirt drop in a minute" };
        Self {
            layout: Layout::house(title).signed_in(signed_in, &csrf),
            csrf,
            form,
            errors,
            signed_in,
            preview,
            preview_theme: theme,
        }
    }
}

pub async fn show(state: web::Data<AppState>, artist: MaybeArtist, csrf: CsrfToken) -> Result<HttpResponse, AppError> {
    let page = NewDropPage::new(&state, DropForm::blank(), DropFormErrors::default(), artist.0.is_some(), csrf.0);
    render(StatusCode::OK, &page)
}
