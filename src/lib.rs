//! popshop: spontaneous merch drops. A slogan becomes a themed T-shirt storefront.

pub mod admin;
pub mod auth;
pub mod calls;
pub mod clock;
pub mod config;
pub mod design;
pub mod domain;
pub mod fulfilment;
pub mod i18n;
pub mod launch;
pub mod live;
pub mod mail;
pub mod ops;
pub mod payments;
pub mod routes;
pub mod sales;
pub mod seal;
pub mod server;
pub mod shop;
pub mod startup;
pub mod state;
pub mod store;
pub mod sync;
pub mod telemetry;
pub mod web;
