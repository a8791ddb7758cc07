//! API tests: the real server on port 0, a fresh database per test. The same
//! suite runs on SQLite and on PostgreSQL (`POPSHOP_TEST_BACKEND`).

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod artist_mail;
mod bad_input;
mod calls;
mod checkout;
mod connect;
mod dashboard;
mod design;
mod health;
mod instances;
mod language;
mod launch;
mod layering;
mod limits;
mod live;
mod mail;
mod merch;
mod metrics;
mod moderation;
mod money;
mod operations;
mod order_page;
mod oversell;
mod printful;
mod production;
mod promos;
mod raw;
mod recovery;
mod server_limits;
mod smtp;
mod sources;
mod store;
mod storefront;
mod stripe;
mod tax;
mod transactions;
mod waves;
mod webhooks;
