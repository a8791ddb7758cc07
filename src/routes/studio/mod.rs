//! The artist's studio: the create-a-drop form, its live preview and launch.

pub mod form;
pub mod new;
pub mod preview;
pub mod submit;
