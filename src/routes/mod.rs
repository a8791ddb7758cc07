//! HTTP routes, one folder per area. Handlers parse, call, render.

pub mod account;
pub mod admin;
pub mod assets;
pub mod calls;
pub mod checkout;
pub mod dashboard;
pub mod health;
pub mod language;
pub mod metrics;
pub mod orders;
pub mod print_files;
pub mod shop;
pub mod studio;
pub mod webhooks;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The routes a viral drop hits, first: actix tries routes in order, and
    // each dynamic one it passes costs a pattern match.
    cfg.route(shop::storefront::ROUTE, web::get().to(shop::storefront::show))
        .route("/d/{slug}/events", web::get().to(shop::events::events))
        .route("/d/{slug}/totals", web::get().to(shop::events::totals))
        .route("/d/{slug}/seen.gif", web::get().to(shop::seen::seen))
        .route("/d/{slug}/shirts/{name}", web::get().to(shop::shirt::shirt_svg))
        .route("/d/{slug}/products/{name}", web::get().to(shop::shirt::product_svg))
        .route("/d/{slug}/card.png", web::get().to(shop::card::card_png))
        .route("/d/{slug}/{font:(?:cjk\\.otf|emoji\\.ttf|display\\.otf|display\\.ttf)}", web::get().to(shop::font::cut))
        .route("/d/{slug}/checkout", web::post().to(checkout::start::start))
        .route("/d/{slug}/restock", web::post().to(shop::restock::restock))
        .route("/d/{slug}/report", web::get().to(shop::report::show))
        .route("/d/{slug}/report", web::post().to(shop::report::submit))
        .route("/d/{slug}/favicon.svg", web::get().to(shop::favicon::favicon))
        .route("/d/{slug}/live", web::get().to(shop::overlay::public))
        .route("/d/{slug}/thanks", web::get().to(checkout::thanks::thanks))
        .route("/d/{slug}/cancelled", web::get().to(checkout::cancel::show))
        .route("/d/{slug}/cancelled", web::post().to(checkout::cancel::release))
        .route("/orders/{token}", web::get().to(orders::show))
        .route("/orders/{token}/resend", web::post().to(orders::resend))
        .route("/c/{slug}", web::get().to(calls::board::show))
        .route("/c/{slug}/events", web::get().to(calls::live::events))
        .route("/c/{slug}/board.json", web::get().to(calls::live::board_json))
        .route("/c/{slug}/ideas", web::post().to(calls::board::send))
        .route("/c/{slug}/ideas/{name}", web::get().to(calls::picture::idea_svg))
        .route("/c/{slug}/ideas/{id}/vote", web::post().to(calls::board::vote))
        .route("/c/{slug}/ideas/{id}/moderate", web::post().to(calls::board::moderate))
        .route("/c/{slug}/end", web::post().to(calls::board::end))
        .route("/c/{slug}/report", web::get().to(shop::report::show_call))
        .route("/c/{slug}/report", web::post().to(shop::report::submit_call))
        .route("/c/{slug}/card.png", web::get().to(calls::picture::card_png))
        .route("/c/{slug}/qr.svg", web::get().to(calls::picture::qr_svg))
        .route("/calls/new", web::get().to(calls::new::show))
        .route("/calls", web::post().to(calls::new::submit))
        .route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/admin", web::get().to(admin::index::index))
        .route("/admin/drops/{id}", web::get().to(admin::drop::show))
        .route("/admin/drops/{id}/takedown", web::post().to(admin::drop::take_down))
        .route("/admin/drops/{id}/restore", web::post().to(admin::drop::restore))
        .route("/admin/drops/{id}/refund-all", web::post().to(admin::drop::refund_all))
        .route("/admin/reports/{id}/dismiss", web::post().to(admin::index::dismiss))
        .route("/admin/calls/{id}", web::get().to(admin::call::show))
        .route("/admin/calls/{id}/takedown", web::post().to(admin::call::take_down))
        .route("/admin/calls/{id}/restore", web::post().to(admin::call::restore))
        .route("/admin/accounts/{id}", web::get().to(admin::account::show))
        .route("/admin/accounts/{id}/suspend", web::post().to(admin::account::suspend))
        .route("/admin/accounts/{id}/unsuspend", web::post().to(admin::account::unsuspend))
        .route("/metrics", web::get().to(metrics::with_token))
        .route("/fonts.css", web::get().to(fonts_css))
        .route("/", web::get().to(studio::new::show))
        .route("/", web::post().to(studio::submit::submit))
        .route("/preview.svg", web::get().to(studio::preview::preview_svg))
        .route("/looks.svg", web::get().to(studio::preview::looks_svg))
        .route("/language/{code}", web::get().to(language::switch))
        .route("/signup", web::get().to(account::signup::show))
        .route("/signup", web::post().to(account::signup::submit))
        .route("/login", web::get().to(account::login::show))
        .route("/login", web::post().to(account::login::submit))
        .route("/logout", web::post().to(account::logout::logout))
        .route("/password/forgot", web::get().to(account::links::forgot))
        .route("/password/forgot", web::post().to(account::links::ask_reset))
        .route("/password/reset/{token}", web::get().to(account::links::reset_form))
        .route("/password/reset/{token}", web::post().to(account::links::reset))
        .route("/account/confirm/{token}", web::get().to(account::links::confirm_form))
        .route("/account/confirm/{token}", web::post().to(account::links::confirm))
        .route("/account/email/confirm/{token}", web::get().to(account::links::confirm_form))
        .route("/account/email/confirm/{token}", web::post().to(account::links::confirm))
        .route("/account", web::get().to(account::settings::show))
        .route("/account/confirm", web::post().to(account::settings::send_confirmation))
        .route("/account/email", web::post().to(account::settings::change_email))
        .route("/account/mail", web::post().to(account::settings::save_mail))
        .route("/unsubscribe/{key}/{kind}", web::get().to(account::settings::unsubscribe_form))
        .route("/unsubscribe/{key}/{kind}", web::post().to(account::settings::unsubscribe))
        .route("/dashboard", web::get().to(dashboard::index::index))
        .route("/dashboard/payouts", web::get().to(dashboard::payouts::show))
        .route("/dashboard/payouts/continue", web::get().to(dashboard::payouts::resume))
        .route("/dashboard/drops/{id}", web::get().to(dashboard::drop::show))
        .route("/dashboard/drops/{id}/end", web::post().to(dashboard::end::end))
        .route("/dashboard/drops/{id}/reopen", web::post().to(dashboard::reopen::reopen))
        .route("/dashboard/drops/{id}/promo-codes", web::post().to(dashboard::promos::create))
        .route("/dashboard/drops/{id}/show-raised", web::post().to(dashboard::raised::show_raised))
        .route("/dashboard/drops/{id}/qr.svg", web::get().to(dashboard::qr::qr_svg))
        .route("/dashboard/drops/{id}/print.svg", web::get().to(dashboard::print::print_svg))
        .route("/dashboard/drops/{id}/print.png", web::get().to(dashboard::print::print_png))
        .route("/dashboard/drops/{id}/live", web::get().to(shop::overlay::private))
        .route("/dashboard/drops/{id}/orders.csv", web::get().to(dashboard::export::orders))
        .route("/dashboard/drops/{id}/print-sheet.csv", web::get().to(dashboard::export::print_sheet))
        .route("/demo-checkout/{session}", web::get().to(checkout::demo::show))
        .route("/demo-checkout/{session}", web::post().to(checkout::demo::submit))
        .route("/dashboard/drops/{id}/orders/{order}/refund", web::post().to(dashboard::refund::refund))
        .route("/dashboard/drops/{id}/production", web::get().to(dashboard::production::for_drop))
        .route("/dashboard/drops/{id}/production/package.zip", web::get().to(dashboard::production::package))
        .route("/dashboard/production", web::get().to(dashboard::production::for_all))
        .route("/dashboard/production/start", web::post().to(dashboard::production::start))
        .route("/dashboard/production/tracking", web::post().to(dashboard::production::tracking))
        .route("/dashboard/orders/{order}/ship", web::post().to(dashboard::production::ship))
        .route(
            "/dashboard/orders/{order}/{to:(?:delivered|returned)}",
            web::post().to(dashboard::production::move_order),
        )
        .service(
            web::resource("/webhooks/printful")
                .app_data(web::PayloadConfig::new(webhooks::MAX_EVENT_BYTES))
                .route(web::post().to(webhooks::printful_webhook)),
        )
        .route("/print-files/{drop}/{colour}/{expires}/{signature}", web::get().to(print_files::print_file))
        .service(
            web::resource("/webhooks/stripe")
                .app_data(web::PayloadConfig::new(webhooks::MAX_EVENT_BYTES))
                .route(web::post().to(webhooks::stripe_webhook)),
        )
        .route("/static/{path:.*}", web::get().to(assets::serve))
        .default_service(web::to(not_found));
}

/// `/fonts.css`: the `@font-face` rules of every page but storefronts (also
/// at its content-hashed `/static/fonts.css?v=…`, which pages link).
async fn fonts_css(
    req: actix_web::HttpRequest,
    files: web::Data<assets::StaticFiles>,
) -> Result<actix_web::HttpResponse, crate::web::error::AppError> {
    files.respond(&req, assets::FONTS_CSS, "public, max-age=86400")
}

async fn not_found() -> Result<actix_web::HttpResponse, crate::web::error::AppError> {
    Err(crate::web::error::AppError::NotFound)
}
