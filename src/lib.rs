pub mod design;
pub mod domain;
