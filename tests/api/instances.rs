//! Two instances of popshop on one PostgreSQL database: a sale handled by A
//! reaches viewers connected to B, also after B's LISTEN connection is killed;
//! a vote on A reaches B's viewers of the call's board.

use crate::common::{TestApp, location, text};
use crate::live::Events;
use std::time::{Duration, Instant};

/// Two instances on one PostgreSQL database; `None` (with a notice) in the
/// SQLite phase.
async fn two_instances() -> Option<(TestApp, TestApp)> {
    let a = TestApp::spawn().await;
    if a.backend != "postgres" {
        eprintln!("two-instance test: runs in the PostgreSQL phase (POPSHOP_TEST_BACKEND=postgres)");
        return None;
    }
    let b = a.spawn_sibling().await;
    Some((a, b))
}

#[tokio::test]
async fn a_sale_on_one_instance_reaches_viewers_of_another() {
    let Some((a, b)) = two_instances().await else { return };
    a.sign_up("artist@example.com", "correct horse battery").await;
    a.launch_with(&[("slogan", "Two hosts"), ("stock", "20")]).await;
    let mut viewer = Events::open(&b, "two-hosts", None).await;
    assert_eq!(viewer.next().await.1["sold"], 0);
    // B's listener is up once it has told us its connection.
    wait_for(|| b.state.store.listener_pid() != 0).await;

    let res = a.buy("two-hosts", "M", "black", 2).await;
    a.pay_demo(&location(&res)).await;
    // The payment is committed on A; B's viewer must have it. How fast is
    // for the benchmarks (scripts/bench-board, docs/BENCHMARKS.md), not a
    // timed test on a shared machine.
    let paid = Instant::now();
    let (_, seen) = viewer.until(|t| t["sold"] == 2).await;
    println!("the sale on A reached B's viewer after {:?}", paid.elapsed());
    assert_eq!(seen["left"], 18);
    let (_, page) = b.get_html("/d/two-hosts").await;
    assert_eq!(text(&page, "[data-live=sold]"), "2", "B's storefront cache followed too");

    // Kill B's LISTEN connection; sell on A meanwhile; B's viewers converge.
    let pid = b.state.store.listener_pid();
    let (killed,): (bool,) =
        sqlx::query_as("SELECT pg_terminate_backend($1)").bind(pid).fetch_one(a.state.store.pool()).await.unwrap();
    assert!(killed);
    let res = a.buy("two-hosts", "L", "black", 3).await;
    a.pay_demo(&location(&res)).await;
    let (_, converged) = viewer.until(|t| t["sold"] == 5).await;
    assert_eq!(converged["left"], 15);
    wait_for(|| b.state.store.listener_pid() != pid).await;
}

async fn wait_for(condition: impl Fn() -> bool) {
    for _ in 0..100 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("condition not met within 5 s");
}

#[tokio::test]
async fn storefront_views_run_no_query_while_nothing_changed_and_follow_every_announced_change() {
    let Some((a, b)) = two_instances().await else { return };
    let (id, slug) = a.launch("Cached on both").await;
    wait_for(|| b.state.store.hears_every_change()).await;
    let sold_on_b = || async { text(&b.get_html(&format!("/d/{slug}")).await.1, "[data-live=sold]") == "7" };
    assert!(!sold_on_b().await);
    // Changed behind popshop's back, with no announcement: B keeps serving
    // the page it has — a view reads nothing from the database.
    sqlx::query("UPDATE drops SET sold = 7, version = version + 1 WHERE id = $1")
        .bind(&id)
        .execute(a.state.store.pool())
        .await
        .unwrap();
    for _ in 0..3 {
        assert!(!sold_on_b().await, "served from B's copy");
    }
    // Announced as the store announces a commit: B follows within moments.
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(popshop::store::CHANNEL)
        .bind(&id)
        .execute(a.state.store.pool())
        .await
        .unwrap();
    let mut followed = false;
    for _ in 0..50 {
        if sold_on_b().await {
            followed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(followed, "B's copy was dropped by the announcement");
    // A change B may have missed while its LISTEN connection was down:
    // back, B treats everything as changed and reads again.
    sqlx::query("UPDATE drops SET sold = 8, version = version + 1 WHERE id = $1")
        .bind(&id)
        .execute(a.state.store.pool())
        .await
        .unwrap();
    let pid = b.state.store.listener_pid();
    sqlx::query("SELECT pg_terminate_backend($1)").bind(pid).execute(a.state.store.pool()).await.unwrap();
    wait_for(|| b.state.store.listener_pid() != pid).await;
    let mut caught_up = false;
    for _ in 0..50 {
        if text(&b.get_html(&format!("/d/{slug}")).await.1, "[data-live=sold]") == "8" {
            caught_up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(caught_up, "B caught up after its LISTEN connection came back");
}

#[tokio::test]
async fn a_vote_on_one_instance_reaches_the_board_on_another() {
    use crate::calls::{fan_posts, open_call, send_idea};
    let Some((a, b)) = two_instances().await else { return };
    let slug = open_call(&a, "Two hosts, one board").await;
    let mut viewer = Events::open_path(&b, &format!("/c/{slug}/events"), None).await;
    viewer.next().await;
    wait_for(|| b.state.store.listener_pid() != 0).await;
    let fan = TestApp::spawn_shell(&a);
    let res = send_idea(&fan, &slug, "Heard on B").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    viewer.until(|board| board["top"].as_array().unwrap().len() == 1).await;
    let voter = TestApp::spawn_shell(&a);
    let voted = Instant::now();
    fan_posts(&voter, &slug, &format!("/c/{slug}/ideas/{idea}/vote"), &[("vote", "up")]).await;
    let (_, board) = viewer.until(|board| board["ideas"][0]["votes"] == 2).await;
    println!("the vote on A reached B's viewer after {:?}", voted.elapsed());
    assert_eq!(board["ideas"][0]["votes_label"], "2 votes");
}
