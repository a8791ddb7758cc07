//! The money path's pages for fans: start a checkout, the demo checkout page,
//! and the pages a payment provider sends buyers back to. What happens to the
//! money lives in `crate::sales`.

pub mod cancel;
pub mod cart;
pub mod demo;
pub mod start;
pub mod thanks;
