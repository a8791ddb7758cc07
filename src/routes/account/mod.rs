//! Sign up, log in, log out.

pub mod links;
pub mod login;
pub mod logout;
pub mod settings;
pub mod signup;

use crate::auth::session::login_cookie;
use actix_web::HttpResponse;

/// After a successful sign-up or login: set the session cookie and go on.
pub fn logged_in_redirect(token: String, to: &str, secure: bool) -> HttpResponse {
    crate::web::see_other(crate::auth::session::safe_next(to)).cookie(login_cookie(token, secure)).finish()
}
