//! The operator's command line (issue 24), run as the built binary against
//! the test's own database: backup in the middle of a rush and restore,
//! refusing to replace a running server's database, operators granted and
//! revoked (with their audit lines), and `check-config`.

use crate::common::{TestApp, location};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `popshop ARGS` with `database_url`, as an operator would.
async fn popshop(database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_popshop"));
    command.args(args).env("DATABASE_URL", database_url).env("POPSHOP_LOG_FORMAT", "pretty");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().await.expect("run the popshop binary")
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// 1,000 fans buy (every other one pays) while `popshop backup` copies the
/// database; the copy, restored with `popshop restore` under a new name,
/// passes SQLite's integrity check and adds up: sold is what paid orders
/// hold, reserved what open checkouts hold. Restoring over the running
/// server's database is refused.
#[tokio::test]
async fn a_backup_taken_during_a_rush_restores_to_a_database_that_adds_up() {
    let app = Arc::new(TestApp::spawn().await);
    let email = "rush-artist@example.com";
    assert_eq!(app.sign_up(email, "correct horse battery").await.status().as_u16(), 303);
    let res = app.launch_with(&[("slogan", "Backup me mid-rush"), ("stock", "400")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let id = location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let slug = app.state.store.drop_by_id(&id).await.unwrap().unwrap().slug.to_string();
    let backup = app.dir.path().join("mid-rush.db");
    if app.backend == "postgres" {
        let out = popshop(&app.database_url, &["backup", backup.to_str().unwrap()], &[]).await;
        assert!(!out.status.success());
        assert!(said(&out).contains("pg_dump"), "PostgreSQL is pointed at its own tools: {}", said(&out));
        return;
    }

    let done = Arc::new(AtomicUsize::new(0));
    let fans: Vec<_> = (0..1000)
        .map(|fan| {
            let (app, slug, done) = (app.clone(), slug.clone(), done.clone());
            tokio::spawn(async move {
                let client = format!("198.19.{}.{}", fan / 250, fan % 250 + 1);
                let res = app.buy_from(&slug, "M", "black", 1, Some(&client)).await;
                if res.status().as_u16() == 303 && fan % 2 == 0 {
                    let at = location(&res);
                    if at.starts_with("/demo-checkout/") {
                        app.pay_demo(&at).await;
                    }
                }
                done.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    // In the middle of it: a third of the fans through.
    while done.load(Ordering::SeqCst) < 330 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let out = popshop(&app.database_url, &["backup", backup.to_str().unwrap()], &[]).await;
    assert!(out.status.success(), "backup: {}", said(&out));
    let during = done.load(Ordering::SeqCst);
    assert!(during < 1000, "the backup was taken while fans were still buying ({during} done)");
    for fan in fans {
        fan.await.unwrap();
    }

    // The running server's database is not replaced.
    let out = popshop(&app.database_url, &["restore", backup.to_str().unwrap()], &[]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("a popshop server is running"), "{}", said(&out));

    // Restored under a new name, it is whole and adds up.
    let restored = app.dir.path().join("restored.db");
    let restored_url = format!("sqlite://{}?mode=rwc", restored.display());
    let out = popshop(&restored_url, &["restore", backup.to_str().unwrap()], &[]).await;
    assert!(out.status.success(), "restore: {}", said(&out));
    assert!(said(&out).contains("integrity check passed"), "{}", said(&out));
    use sqlx::Connection;
    let mut db = sqlx::SqliteConnection::connect(&restored_url).await.unwrap();
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&mut db).await.unwrap();
    assert_eq!(check, "ok");
    let (sold, reserved): (i64, i64) =
        sqlx::query_as("SELECT sold, reserved FROM drops WHERE id = $1").bind(&id).fetch_one(&mut db).await.unwrap();
    let (paid,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM orders WHERE drop_id = $1 AND status = 'paid'",
    )
    .bind(&id)
    .fetch_one(&mut db)
    .await
    .unwrap();
    let (open,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM orders WHERE drop_id = $1 AND status IN ('pending', 'processing')",
    )
    .bind(&id)
    .fetch_one(&mut db)
    .await
    .unwrap();
    assert!(sold + reserved > 0, "the copy caught the rush in progress");
    assert_eq!(sold, paid, "sold equals the paid orders in the copy");
    assert_eq!(reserved, open, "reserved equals the open checkouts in the copy");
    let (lines_sold,): (i64,) =
        sqlx::query_as("SELECT CAST(COALESCE(SUM(sold), 0) AS BIGINT) FROM drop_products WHERE drop_id = $1")
            .bind(&id)
            .fetch_one(&mut db)
            .await
            .unwrap();
    assert_eq!(lines_sold, sold, "the products' counts agree with the drop's");
    // A server starts on the restored copy.
    drop(db);
    let sibling = TestApp::spawn_sibling_url(restored_url).await;
    let (status, html) = sibling.get_html(&format!("/d/{slug}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Backup me mid-rush"));
}

/// A copy that is not a popshop database, or is damaged, is refused before
/// anything is replaced; a backup never overwrites a file.
#[tokio::test]
async fn restore_checks_the_copy_and_backup_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    assert!(popshop(&url, &["migrate"], &[]).await.status.success());
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, it is a shopping list").unwrap();
    let out = popshop(&url, &["restore", junk.to_str().unwrap()], &[]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("not a SQLite database") || said(&out).contains("integrity"), "{}", said(&out));
    let other = dir.path().join("other.db");
    {
        use sqlx::Connection;
        let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", other.display())).await.unwrap();
        sqlx::query("CREATE TABLE notes (t TEXT)").execute(&mut db).await.unwrap();
    }
    let out = popshop(&url, &["restore", other.to_str().unwrap()], &[]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("not popshop's"), "{}", said(&out));
    let taken = dir.path().join("taken.db");
    std::fs::write(&taken, b"keep me").unwrap();
    let out = popshop(&url, &["backup", taken.to_str().unwrap()], &[]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("never overwrites"), "{}", said(&out));
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep me");
}

/// `admin grant` makes a signed-up account an operator, `list` shows it
/// with POPSHOP_OPERATORS' too, `revoke` takes it back; each change is in
/// the audit log. An unknown email is a clear failure.
#[tokio::test]
async fn operators_are_granted_listed_and_revoked_with_audit_lines() {
    let app = TestApp::spawn().await;
    assert_eq!(app.sign_up("mod@example.com", "correct horse battery").await.status().as_u16(), 303);
    let out = popshop(&app.database_url, &["admin", "grant", "nobody@example.com"], &[]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("no account for nobody@example.com"), "{}", said(&out));
    let out = popshop(&app.database_url, &["admin", "grant", "mod@example.com"], &[]).await;
    assert!(out.status.success(), "{}", said(&out));
    let out = popshop(&app.database_url, &["admin", "list"], &[("POPSHOP_OPERATORS", "boss@example.com")]).await;
    let listed = said(&out);
    assert!(listed.contains("mod@example.com\tgranted"), "{listed}");
    assert!(listed.contains("boss@example.com\tPOPSHOP_OPERATORS"), "{listed}");
    let out = popshop(&app.database_url, &["admin", "revoke", "mod@example.com"], &[]).await;
    assert!(out.status.success(), "{}", said(&out));
    let out = popshop(&app.database_url, &["admin", "list"], &[]).await;
    assert!(!said(&out).contains("mod@example.com"), "{}", said(&out));
    let log = app.state.store.audit_log(10).await.unwrap();
    let actions: Vec<(&str, &str, &str)> =
        log.iter().map(|e| (e.actor.as_str(), e.action.as_str(), e.target.as_str())).collect();
    assert_eq!(actions, [("cli", "revoke", "mod@example.com"), ("cli", "grant", "mod@example.com")]);
}

/// `check-config` prints the settings with secrets masked, and fails on a
/// contradiction with a message that says what to set.
#[tokio::test]
async fn check_config_masks_secrets_and_names_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("shop.db").display());
    let stripe = [("STRIPE_SECRET_KEY", "sk_live_verysecret"), ("STRIPE_WEBHOOK_SECRET", "whsec_alsosecret")];
    let out = popshop(&url, &["check-config"], &stripe).await;
    let text = said(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("STRIPE_SECRET_KEY") && text.contains("set (hidden)"), "{text}");
    assert!(!text.contains("verysecret") && !text.contains("alsosecret"), "no secret printed: {text}");
    let pg = "postgres://popshop:hunter2@db.internal/popshop";
    let out = popshop(pg, &["check-config"], &[]).await;
    assert!(!said(&out).contains("hunter2"), "the database password is masked: {}", said(&out));
    let out = popshop(&url, &["check-config"], &[stripe[0], stripe[1], ("STRIPE_CONNECT", "on")]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("STRIPE_CONNECT_WEBHOOK_SECRET"), "{}", said(&out));
    let out = popshop(&url, &["check-config"], &[("POPSHOP_OPERATORS", "not-an-email")]).await;
    assert!(!out.status.success());
    assert!(said(&out).contains("POPSHOP_OPERATORS"), "{}", said(&out));
    let out = popshop(&url, &["--help"], &[]).await;
    for command in ["serve", "migrate", "backup", "restore", "admin", "check-config"] {
        assert!(said(&out).contains(command), "--help lists {command}");
    }
}
