//! Embeds `migrations/` in popshop for `store::MIGRATOR`: writes the list of
//! its files, each with its SQL by `include_str!`, and asks cargo to build
//! again when a migration is added or changed.
//!
//! This is what sqlx's `migrate!` does. Without it (and without
//! `#[derive(sqlx::FromRow)]`, see `store::row!`), sqlx's proc-macro crate
//! is not built: it compiled sqlx's SQLite and PostgreSQL drivers, tokio
//! and their dependencies a second time for the host, about 80 s of CPU in
//! a cold build.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let mut files: Vec<String> = fs::read_dir("migrations")
        .expect("the migrations directory")
        .map(|entry| entry.expect("a migration file").file_name().into_string().expect("a UTF-8 file name"))
        .filter(|name| name.ends_with(".sql"))
        .collect();
    files.sort();
    let mut list = String::from("&[\n");
    for name in files {
        // `{version}_{description}.sql`, as sqlx reads them.
        let version = name.split_once('_').map(|(version, _)| version);
        assert!(
            version.is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())),
            "migrations/{name}: a migration is named {{version}}_{{description}}.sql"
        );
        list +=
            &format!("    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/migrations/{name}\"))),\n");
    }
    list += "]\n";
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("migrations.rs");
    fs::write(out, list).expect("the list of migrations written");
}
