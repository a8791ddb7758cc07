//! What every handler shares: the page kit (render, layout, redirect, the
//! problem and confirm pages, errors), forms, who the client is, and the
//! per-client limits.

pub mod assets;
pub mod client;
pub mod compressed;
pub mod confirm;
pub mod error;
pub mod forms;
pub mod headers;
pub mod language;
pub mod layout;
pub mod limits;
pub mod page;
pub mod problem;
pub mod rate;
pub mod slots;

pub use client::{Client, client_of};
pub use error::AppError;
pub use forms::FormData;
pub use language::PageLanguage;
pub use limits::{Action, Limits};
pub use page::{redirect, render, see_other};
pub use problem::{ProblemPage, problem};
pub use rate::PerClientRate;
