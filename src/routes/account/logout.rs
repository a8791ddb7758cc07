use crate::auth::{SESSION_COOKIE, csrf, session::logout_cookie};
use crate::state::AppState;
use crate::web::error::AppError;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn logout(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let _form = csrf::verified_form(&req, &body)?;
    if let Some(cookie) = req.cookie(SESSION_COOKIE) {
        state.store.delete_session(cookie.value()).await?;
    }
    Ok(crate::web::see_other("/").cookie(logout_cookie(state.settings.secure_cookies())).finish())
}
