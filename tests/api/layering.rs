//! The house's floors (docs/architecture.md): the layers below the handlers
//! never import the handlers, the app's state or the server.

#[test]
fn lower_layers_never_import_routes_state_or_the_server() {
    let lower = ["web", "auth", "live", "store", "domain", "sales", "calls", "launch.rs", "payments", "design", "shop"];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<_> = lower.iter().map(|l| src.join(l)).collect();
    let mut uphill = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for up in ["crate::routes", "crate::state", "crate::server", "crate::startup"] {
                if text.contains(up) {
                    uphill.push(format!("{} imports {up}", path.display()));
                }
            }
        }
    }
    assert!(uphill.is_empty(), "imports that run uphill:\n{}", uphill.join("\n"));
}
