//! What every handler shares: who the client is, per-client rates, the page
//! that explains why something cannot go ahead.

pub mod client;
pub mod compressed;
pub mod headers;
pub mod language;
pub mod problem;
pub mod rate;
pub mod slots;

pub use client::{Client, client_of};
pub use language::PageLanguage;
pub use problem::{ProblemPage, problem};
pub use rate::PerClientRate;
