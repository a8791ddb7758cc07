//! Writes that belong together share one transaction (issue 13): a failure
//! injected between the two writes (a trigger that makes the second one
//! fail in the real database) leaves nothing half done.

use crate::calls::{open_call, send_idea};
use crate::common::{TestApp, location};

/// Makes every write of `op` (INSERT or UPDATE) on `table` fail, in the
/// database itself, as a full disk or a lost connection would.
async fn fail_writes(app: &TestApp, op: &str, table: &str) {
    let pool = app.state.store.pool();
    let name = format!("popshop_fail_{}_{table}", op.to_lowercase());
    if app.backend == "postgres" {
        sqlx::raw_sql(&format!(
            "CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ \
             LANGUAGE plpgsql; \
             CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"
        ))
        .execute(pool)
        .await
        .unwrap();
    } else {
        sqlx::raw_sql(&format!(
            "CREATE TRIGGER {name} BEFORE {op} ON {table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .execute(pool)
        .await
        .unwrap();
    }
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(app.state.store.pool()).await.unwrap();
    n
}

#[tokio::test]
async fn an_idea_whose_senders_vote_fails_is_not_on_the_board() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Half an idea?").await;
    fail_writes(&app, "INSERT", "votes").await;
    let fan = TestApp::spawn_shell(&app);
    let res = send_idea(&fan, &slug, "Never half sent").await;
    assert_eq!(res.status().as_u16(), 500, "the failure is an internal error");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ideas").await, 0, "no idea without its sender's vote");
    let (_, board) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(!board.contains("Never half sent"));
}

#[tokio::test]
async fn a_launch_whose_call_cannot_close_saves_no_drop() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Half a launch?").await;
    let fan = TestApp::spawn_shell(&app);
    let res = send_idea(&fan, &slug, "Launch me whole").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    fail_writes(&app, "UPDATE", "calls").await;
    let res =
        app.launch_with(&[("slogan", "Launch me whole"), ("theme", "zine"), ("call", &slug), ("idea", &idea)]).await;
    assert_eq!(res.status().as_u16(), 500, "the failure is an internal error");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM drops").await, 0, "no drop whose call does not point to it");
    assert_eq!(app.get("/d/launch-me-whole").await.status().as_u16(), 404);
    let (_, board) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(!board.contains("This became a shirt") && !board.contains("This call is closed"), "still open");
}
