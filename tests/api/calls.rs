//! Open calls (issue 10): the artist asks, fans send ideas drawn as shirts
//! and vote; duplicates merge, a vote counts once, limits hold.

use crate::common::{TestApp, extract_csrf, location};
use crate::live::Events;

/// Signs an artist up and opens a call; returns its slug.
pub async fn open_call(app: &TestApp, question: &str) -> String {
    app.sign_up(&format!("caller-{}@example.com", uuid::Uuid::new_v4().simple()), "correct horse battery").await;
    let res = app
        .post_form(
            "/calls",
            &[
                ("question", question),
                ("artist_name", "The Losers"),
                ("hours", "2"),
                ("theme", "zine"),
                ("colours", "black"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303, "call opened");
    location(&res).strip_prefix("/c/").unwrap().to_owned()
}

/// A fan's browser: loads the board (gets its cookie) and posts a form.
pub async fn fan_posts(fan: &TestApp, slug: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let (_, html) = fan.get_html(&format!("/c/{slug}")).await;
    let token = extract_csrf(&html);
    let mut all = vec![("csrf", token.as_str())];
    all.extend_from_slice(fields);
    fan.client.post(fan.url(path)).form(&all).send().await.unwrap()
}

pub async fn send_idea(fan: &TestApp, slug: &str, idea: &str) -> reqwest::Response {
    fan_posts(fan, slug, &format!("/c/{slug}/ideas"), &[("idea", idea), ("credit", "Jo")]).await
}

#[tokio::test]
async fn an_artist_opens_a_call_and_fans_send_ideas_drawn_as_shirts() {
    let app = TestApp::spawn().await;
    assert_eq!(location(&app.get("/calls/new").await), "/login?next=%2Fcalls%2Fnew", "artists only");
    let slug = open_call(&app, "What should the Friday-night shirt say?").await;
    assert_eq!(slug, "what-should-the-friday-night-shirt-say");
    let (_, dashboard) = app.get_html("/dashboard").await;
    assert!(dashboard.contains(&format!("<a href=\"/c/{slug}\">What should the Friday-night shirt say?</a>")));

    let fan = TestApp::spawn_shell(&app);
    let (status, html) = fan.get_html(&format!("/c/{slug}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>What should the Friday-night shirt say?</h1>"));
    assert!(html.contains("No ideas yet"));
    let res = send_idea(&fan, &slug, "Sei ein Freitagabend-Loser mit mir").await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(location(&res).starts_with(&format!("/c/{slug}?sent=1#idea-")));
    let (_, html) = fan.get_html(&format!("/c/{slug}?sent=1")).await;
    assert!(html.contains("your idea is on the board"));
    assert!(html.contains("<p class=\"idea-text\" data-text>Sei ein Freitagabend-Loser mit mir</p>"));
    assert!(html.contains("by Jo") && html.contains("1 vote<"), "credited, and the sender's vote counts");
    assert!(html.contains("Take my vote back"), "the sender supports it");
    let picture = html.split("<img src=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    // Shared like a drop: social tags with a share card, share links, a QR code.
    assert!(html.contains(&format!("<meta property=\"og:image\" content=\"{}/c/{slug}/card.png\">", app.address)));
    assert!(html.contains("https://bsky.app/intent/compose?text="));
    let card = fan.get(&format!("/c/{slug}/card.png")).await;
    assert_eq!(card.status().as_u16(), 200);
    assert_eq!(card.headers()["content-type"], "image/png");
    assert!(card.bytes().await.unwrap().starts_with(b"\x89PNG"));
    let qr = fan.get(&format!("/c/{slug}/qr.svg")).await;
    assert_eq!(qr.status().as_u16(), 200);
    assert!(qr.text().await.unwrap().contains("<svg"));
    let svg = fan.get(&picture).await;
    assert_eq!(svg.status().as_u16(), 200);
    let svg = svg.text().await.unwrap();
    assert!(svg.contains("#1c1c1e") && !svg.contains("<text"), "a black shirt, letters as outlines");
}

#[tokio::test]
async fn bad_ideas_get_a_message_beside_the_field_and_lose_nothing() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Bad input please").await;
    let fan = TestApp::spawn_shell(&app);
    let long = "x".repeat(81);
    for (idea, message) in [
        ("", "Type a slogan"),
        ("   ", "Type a slogan"),
        (long.as_str(), "80 characters"),
        ("bad\u{202e}text", "invisible control"),
    ] {
        let res = send_idea(&fan, &slug, idea).await;
        assert_eq!(res.status().as_u16(), 422, "{idea:?}");
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"idea-error\"") && html.contains(message), "{idea:?}: {message}");
        assert!(html.contains("value=\"Jo\""), "the name typed is kept");
    }
    // HTML is text, right-to-left text is welcome.
    let res = send_idea(&fan, &slug, "<script>alert(1)</script>").await;
    assert_eq!(res.status().as_u16(), 303);
    let res = send_idea(&fan, &slug, "سبت سعيد").await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, html) = fan.get_html(&format!("/c/{slug}?board=new")).await;
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;") && !html.contains("<script>alert"));
    assert!(html.contains("سبت سعيد"));
}

#[tokio::test]
async fn the_same_idea_twice_is_one_idea_with_more_votes() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Merge us").await;
    let (a, b) = (TestApp::spawn_shell(&app), TestApp::spawn_shell(&app));
    assert_eq!(send_idea(&a, &slug, "Loser  Club").await.status().as_u16(), 303);
    let res = send_idea(&b, &slug, " loser club").await;
    assert!(location(&res).contains("?merged=1#idea-"), "merged");
    let (_, html) = b.get_html(&format!("/c/{slug}?merged=1")).await;
    assert!(html.contains("Someone had the same idea"));
    let board = html.split("<template").next().unwrap();
    assert_eq!(board.matches("<li class=\"idea\"").count(), 1, "one idea");
    assert!(html.contains("2 votes<"), "with both fans' votes");
}

#[tokio::test]
async fn a_fan_votes_once_per_idea_and_may_take_it_back() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Vote on me").await;
    let author = TestApp::spawn_shell(&app);
    let res = send_idea(&author, &slug, "Vote for me").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    let call = app.state.store.call_by_slug(&popshop::domain::DropSlug::parse(&slug).unwrap()).await.unwrap().unwrap();
    let votes = || async { app.state.store.idea(&call.id, &idea).await.unwrap().unwrap().votes };
    let fan = TestApp::spawn_shell(&app);
    let path = format!("/c/{slug}/ideas/{idea}/vote");
    for _ in 0..3 {
        let res = fan_posts(&fan, &slug, &path, &[("vote", "up")]).await;
        assert_eq!(res.status().as_u16(), 303);
    }
    assert_eq!(votes().await, 2, "the author's and this fan's, once");
    fan_posts(&fan, &slug, &path, &[("vote", "back")]).await;
    fan_posts(&fan, &slug, &path, &[("vote", "back")]).await;
    assert_eq!(votes().await, 1, "taken back once");
    let (_, html) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(html.contains("Vote for this"));
    // A vote for an idea of another call, or none at all, changes nothing.
    let res = fan_posts(&fan, &slug, &format!("/c/{slug}/ideas/nope/vote"), &[("vote", "up")]).await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(app.state.store.recount_votes(&call.id).await.unwrap(), 0, "counters match the vote rows");
}

#[tokio::test]
async fn a_vote_storm_counts_every_fan_exactly_once() {
    let app = TestApp::spawn_with(|s| s.vote_rate_per_minute = 0).await;
    let slug = open_call(&app, "Storm").await;
    let author = TestApp::spawn_shell(&app);
    let res = send_idea(&author, &slug, "Storm me").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    let call = app.state.store.call_by_slug(&popshop::domain::DropSlug::parse(&slug).unwrap()).await.unwrap().unwrap();
    // 40 fans, each voting three times at once, straight at the store.
    let mut tasks = Vec::new();
    for fan in 0..40 {
        for _ in 0..3 {
            let (store, call_id, idea) = (app.state.store.clone(), call.id.clone(), idea.clone());
            tasks.push(tokio::spawn(
                async move { store.vote(&call_id, &idea, &format!("fan-{fan}"), true, "", 0).await },
            ));
        }
    }
    let mut changed = 0;
    for t in tasks {
        changed += usize::from(t.await.unwrap().unwrap());
    }
    assert_eq!(changed, 40, "one change per fan");
    let votes = app.state.store.idea(&call.id, &idea).await.unwrap().unwrap().votes;
    assert_eq!(votes, 41, "40 fans and the author");
    assert_eq!(app.state.store.recount_votes(&call.id).await.unwrap(), 0);
}

#[tokio::test]
async fn idea_floods_are_refused_with_a_clear_message() {
    let app = TestApp::spawn_with(|s| s.idea_rate_per_minute = 2).await;
    let slug = open_call(&app, "Flood me").await;
    let fan = TestApp::spawn_shell(&app);
    assert_eq!(send_idea(&fan, &slug, "one").await.status().as_u16(), 303);
    assert_eq!(send_idea(&fan, &slug, "two").await.status().as_u16(), 303);
    let res = send_idea(&fan, &slug, "three").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let html = res.text().await.unwrap();
    assert!(html.contains("Nothing you typed was lost") && html.contains("value=\"three\""), "kept");

    // The per-call cap counts one browser's ideas.
    let app = TestApp::spawn_with(|s| s.idea_rate_per_minute = 0).await;
    let slug = open_call(&app, "Cap me").await;
    let fan = TestApp::spawn_shell(&app);
    for n in 0..popshop::routes::calls::board::IDEAS_PER_FAN {
        assert_eq!(send_idea(&fan, &slug, &format!("idea {n}")).await.status().as_u16(), 303);
    }
    let res = send_idea(&fan, &slug, "one too many").await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.text().await.unwrap().contains("the most one fan can send"));
    let other = TestApp::spawn_shell(&app);
    assert_eq!(send_idea(&other, &slug, "another fan's idea").await.status().as_u16(), 303, "others still can");

    // And the call takes so many ideas in all; then it says so, keeping the words.
    let app = TestApp::spawn_with(|s| {
        s.idea_rate_per_minute = 0;
        s.ideas_per_call = 3;
    })
    .await;
    let slug = open_call(&app, "Fill me").await;
    for n in 0..3 {
        let fan = TestApp::spawn_shell(&app);
        assert_eq!(send_idea(&fan, &slug, &format!("idea {n}")).await.status().as_u16(), 303);
    }
    let res = send_idea(&TestApp::spawn_shell(&app), &slug, "a fourth").await;
    assert_eq!(res.status().as_u16(), 429);
    let html = res.text().await.unwrap();
    assert!(html.contains("This call has 3 ideas, all it can take") && html.contains("value=\"a fourth\""), "kept");
}

#[tokio::test]
async fn the_artist_hides_pins_ends_and_launches_the_winner_which_credits_the_fan() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Pick a winner").await;
    let (jo, troll) = (TestApp::spawn_shell(&app), TestApp::spawn_shell(&app));
    let res = send_idea(&jo, &slug, "Friday Loser Club").await;
    let winner = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    let res = fan_posts(&troll, &slug, &format!("/c/{slug}/ideas"), &[("idea", "something rude")]).await;
    let rude = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    for n in 0..3 {
        let fan = TestApp::spawn_shell(&app);
        fan_posts(&fan, &slug, &format!("/c/{slug}/ideas/{winner}/vote"), &[("vote", "up")]).await;
        let _ = n;
    }

    // Only the artist moderates; a fan gets a 404 as if there were nothing.
    let res = fan_posts(&jo, &slug, &format!("/c/{slug}/ideas/{rude}/moderate"), &[("action", "hide")]).await;
    assert_eq!(res.status().as_u16(), 303, "a fan is sent to log in");
    assert!(location(&res).starts_with("/login"));
    let res = app.post_form(&format!("/c/{slug}/ideas/{rude}/moderate"), &[("action", "hide")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, public) = jo.get_html(&format!("/c/{slug}")).await;
    assert!(!public.contains("something rude"), "hidden from the public board");
    assert_eq!(jo.get(&format!("/c/{slug}/ideas/{rude}.svg")).await.status().as_u16(), 404, "and its picture");
    let (_, own) = app.get_html(&format!("/c/{slug}")).await;
    assert!(own.contains("something rude") && own.contains("Hidden from fans"), "kept for the artist");
    // The artist's view of the hidden picture is never stored by a cache; a
    // visible one is kept five minutes at most, so a hide reaches caches soon.
    let mine = app.get(&format!("/c/{slug}/ideas/{rude}.svg")).await;
    assert_eq!((mine.status().as_u16(), mine.headers()["cache-control"].to_str().unwrap()), (200, "private, no-store"));
    let public = jo.get(&format!("/c/{slug}/ideas/{winner}.svg")).await;
    assert_eq!(public.headers()["cache-control"], "public, max-age=300");
    // Sending the hidden text again tells nobody the hidden idea's id.
    let again = send_idea(&TestApp::spawn_shell(&app), &slug, "Something rude").await;
    assert_eq!(again.status().as_u16(), 303);
    assert!(!location(&again).contains(&rude), "{}", location(&again));
    assert!(own.contains(&format!("href=\"/?call={slug}&amp;idea={winner}\"")), "Launch this");
    let res = app.post_form(&format!("/c/{slug}/ideas/{winner}/moderate"), &[("action", "pin")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, own) = app.get_html(&format!("/c/{slug}?board=top")).await;
    assert!(own.contains("Pinned by the artist"));

    // Launch this: the create form comes filled in from the call and the idea.
    let (_, form) = app.get_html(&format!("/?call={slug}&idea={winner}")).await;
    assert!(form.contains(">Friday Loser Club</textarea>"), "slogan filled in");
    assert!(form.contains("value=\"zine\" checked"), "the call's look");
    assert!(form.contains(&format!("name=\"idea\" value=\"{winner}\"")));
    let res = app
        .launch_with(&[
            ("slogan", "Friday Loser Club"),
            ("theme", "zine"),
            ("call", slug.as_str()),
            ("idea", winner.as_str()),
        ])
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, shop) = jo.get_html("/d/friday-loser-club").await;
    assert!(shop.contains("Slogan by Jo, voted by 4 fans"), "the fan credited (Jo and three voters)");
    assert!(shop.contains(&format!("href=\"/c/{slug}\"")), "links back to the call");
    let (_, board) = jo.get_html(&format!("/c/{slug}")).await;
    assert!(board.contains("This became a shirt!") && board.contains("href=\"/d/friday-loser-club\""));
    // The closed board marks the idea that became the shirt, and only it.
    assert!(board.contains(&format!("class=\"idea winner\" id=\"idea-{winner}\"")), "the winner is marked");
    assert_eq!(board.matches("This became the shirt").count(), 1);
    assert!(board.contains("This call is closed"), "closed once launched");
    let res = jo.post_form(&format!("/c/{slug}/ideas"), &[("idea", "too late")]).await;
    assert_eq!(res.status().as_u16(), 303, "a closed call takes nothing");
    let (_, board) = jo.get_html(&format!("/c/{slug}")).await;
    assert!(!board.contains("too late"));
}

#[tokio::test]
async fn a_vote_counts_in_place_for_the_page_script_and_the_artist_sees_the_board_first() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Vote in place").await;
    let fan = TestApp::spawn_shell(&app);
    let res = send_idea(&fan, &slug, "Loud and proud").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    // The page's script asks for JSON: the idea's count and the fan's vote,
    // in the call's language, instead of the board again.
    let voter = TestApp::spawn_shell(&app);
    let (_, html) = voter.get_html(&format!("/c/{slug}")).await;
    let token = extract_csrf(&html);
    let vote = |up: &'static str| {
        voter
            .client
            .post(voter.url(&format!("/c/{slug}/ideas/{idea}/vote")))
            .header("accept", "application/json")
            .form(&[("csrf", token.as_str()), ("vote", up)])
            .send()
    };
    let answer: serde_json::Value = vote("up").await.unwrap().json().await.unwrap();
    assert_eq!(answer["voted"], true);
    assert_eq!(answer["votes_label"], "2 votes", "the sender's and this one");
    assert_eq!(answer["said"], "Vote counted.");
    let answer: serde_json::Value = vote("back").await.unwrap().json().await.unwrap();
    assert_eq!((answer["voted"].as_bool(), answer["votes_label"].as_str()), (Some(false), Some("1 vote")));
    // Without the script the form still posts and comes back at the idea.
    let res = fan_posts(&voter, &slug, &format!("/c/{slug}/ideas/{idea}/vote"), &[("vote", "up")]).await;
    assert_eq!(location(&res), format!("/c/{slug}#idea-{idea}"));
    let (_, public) = fan.get_html(&format!("/c/{slug}")).await;
    assert!(public.contains("data-vote data-up=\"Vote for this\""), "the vote form carries both labels");

    // The artist sees the board with its moderation before the send form;
    // fans see the form first.
    let (_, own) = app.get_html(&format!("/c/{slug}")).await;
    let (board_at, form_at) = (own.find("class=\"moderate\"").unwrap(), own.find("class=\"card idea-form\"").unwrap());
    assert!(board_at < form_at, "moderation first for the artist");
    assert!(public.find("class=\"card idea-form\"").unwrap() < public.find("<ol class=\"ideas\"").unwrap());
}

#[tokio::test]
async fn ending_a_call_early_asks_first_and_closes_it() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "End me early").await;
    let res = app.post_form(&format!("/c/{slug}/end"), &[]).await;
    assert_eq!(res.status().as_u16(), 200, "asks first without JavaScript");
    assert!(res.text().await.unwrap().contains("End this call now?"));
    let res = app.post_form(&format!("/c/{slug}/end"), &[("confirmed", "yes")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, html) = app.get_html(&format!("/c/{slug}")).await;
    assert!(html.contains("This call is closed") && !html.contains("Send my idea"));
}

/// The ids of a board frame's `key` order ("top" or "new").
fn order(board: &serde_json::Value, key: &str) -> Vec<String> {
    board[key].as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_owned()).collect()
}

/// One idea of a board frame.
fn idea<'a>(board: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    board["ideas"].as_array().unwrap().iter().find(|i| i["id"] == id).expect("idea in the frame")
}

#[tokio::test]
async fn every_fan_watching_sees_ideas_votes_and_moderation_live() {
    let app = TestApp::spawn().await;
    let slug = open_call(&app, "Live board please").await;
    let mut viewer = Events::open_path(&app, &format!("/c/{slug}/events"), None).await;
    let (_, first) = viewer.next().await;
    assert_eq!((first["open"].clone(), order(&first, "top").len()), (true.into(), 0));

    // A fan's idea reaches the watching fan, with its words in the call's language.
    let (jo, kim, lee) = (TestApp::spawn_shell(&app), TestApp::spawn_shell(&app), TestApp::spawn_shell(&app));
    let res = send_idea(&jo, &slug, "Friday <b>Loser</b> Club").await;
    let first_idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    let (_, board) = viewer.until(|b| b["top"].as_array().unwrap().len() == 1).await;
    let shown = idea(&board, &first_idea);
    assert_eq!(shown["text"], "Friday <b>Loser</b> Club", "text, for the page to set as text");
    assert_eq!((shown["credit"].as_str(), shown["votes_label"].as_str()), (Some("by Jo"), Some("1 vote")));
    assert!(shown["alt"].as_str().unwrap().contains("Friday <b>Loser</b> Club"));

    // A later idea with more votes moves to the top; "new" lists it first.
    let res = fan_posts(&kim, &slug, &format!("/c/{slug}/ideas"), &[("idea", "Sei ein Freitagabend-Loser")]).await;
    let second = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    fan_posts(&lee, &slug, &format!("/c/{slug}/ideas/{second}/vote"), &[("vote", "up")]).await;
    let (id, board) = viewer.until(|b| b["top"].as_array().unwrap().first() == Some(&second.clone().into())).await;
    assert_eq!(order(&board, "top"), [second.clone(), first_idea.clone()]);
    assert_eq!(order(&board, "new"), [second.clone(), first_idea.clone()]);
    assert_eq!(idea(&board, &second)["votes_label"], "2 votes");

    // A reconnect starts from the whole board, whatever it missed.
    let mut again = Events::open_path(&app, &format!("/c/{slug}/events"), Some(&id)).await;
    assert_eq!(order(&again.next().await.1, "top"), [second.clone(), first_idea.clone()]);

    // The artist pins the first idea and hides the second: every viewer follows.
    app.post_form(&format!("/c/{slug}/ideas/{first_idea}/moderate"), &[("action", "pin")]).await;
    app.post_form(&format!("/c/{slug}/ideas/{second}/moderate"), &[("action", "hide")]).await;
    let (_, board) = viewer.until(|b| b["top"].as_array().unwrap().len() == 1).await;
    assert_eq!(order(&board, "top"), std::slice::from_ref(&first_idea));
    assert_eq!(idea(&board, &first_idea)["pinned"], true);
    assert!(!board.to_string().contains("Freitagabend"), "a hidden idea is not in the frame at all");

    // The poll for pages without a stream says the same.
    let polled: serde_json::Value = lee.get(&format!("/c/{slug}/board.json")).await.json().await.unwrap();
    assert_eq!((order(&polled, "top"), polled["version"].clone()), (order(&board, "top"), board["version"].clone()));
    assert_eq!(lee.get("/c/no-such-call/board.json").await.status().as_u16(), 404);
    assert_eq!(lee.get("/c/no-such-call/events").await.status().as_u16(), 404);

    // Ending the call reaches them too.
    app.post_form(&format!("/c/{slug}/end"), &[("confirmed", "yes")]).await;
    let (_, ended) = viewer.until(|b| b["open"] == false).await;
    assert_eq!(ended["drop"], serde_json::Value::Null);
}

#[tokio::test]
async fn a_call_offers_the_shirt_colours_its_drop_will_have() {
    let app = TestApp::spawn().await;
    app.sign_up("colours@example.com", "correct horse battery").await;
    async fn open(app: &TestApp, colours: &[&str]) -> reqwest::Response {
        let mut fields = vec![("question", "Which colours?"), ("artist_name", "The Losers"), ("hours", "2")];
        fields.extend(colours.iter().map(|c| ("colours", *c)));
        app.post_form("/calls", &fields).await
    }
    // None picked: a message beside the colours, and the question kept.
    let res = open(&app, &[]).await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Pick at least one shirt colour") && html.contains("value=\"Which colours?\""));
    let res = open(&app, &["white", "black"]).await;
    let slug = location(&res).strip_prefix("/c/").unwrap().to_owned();
    let fan = TestApp::spawn_shell(&app);
    let res = send_idea(&fan, &slug, "Two colours").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    // The idea is drawn on the first colour; Launch this offers both.
    let (_, form) = app.get_html(&format!("/?call={slug}&idea={idea}")).await;
    for colour in ["white", "black"] {
        assert!(form.contains(&format!("name=\"colours\" value=\"{colour}\" checked")), "{colour} offered");
    }
}

/// Vote stuffing: a voter is a fan id popshop signed (in the form-token
/// cookie); made-up cookies count as nothing, and one address brings at
/// most `POPSHOP_VOTERS_PER_ADDRESS` fans to a call.
#[tokio::test]
async fn made_up_cookies_are_no_voters_and_one_address_brings_few() {
    let app = TestApp::spawn_with(|s| {
        s.voters_per_address = 3;
        s.trusted_proxies = popshop::config::parse_trusted("127.0.0.1/32").unwrap();
    })
    .await;
    let slug = open_call(&app, "Stuff the box").await;
    let res = send_idea(&TestApp::spawn_shell(&app), &slug, "One honest vote").await;
    let idea = location(&res).rsplit("#idea-").next().unwrap().to_owned();
    let votes = || async {
        let (n,): (i64,) = sqlx::query_as("SELECT votes FROM ideas WHERE id = $1")
            .bind(&idea)
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
        n
    };
    assert_eq!(votes().await, 1, "the sender's own vote");
    // Forty cookies made up by the client, each with its matching form field.
    let vote_url = app.url(&format!("/c/{slug}/ideas/{idea}/vote"));
    for n in 0..40 {
        let forged = format!("{n:064x}");
        let res = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(&vote_url)
            .header("cookie", format!("popshop_csrf={forged}"))
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .form(&[("csrf", forged.as_str()), ("vote", "up")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 303);
    }
    assert_eq!(votes().await, 1, "made-up cookies counted as nothing");
    // Nor do they send ideas (the per-fan idea cap cannot be reset that way).
    let forged = "f".repeat(64);
    let res = reqwest::Client::new()
        .post(app.url(&format!("/c/{slug}/ideas")))
        .header("cookie", format!("popshop_csrf={forged}"))
        .form(&[("csrf", forged.as_str()), ("idea", "A forged idea"), ("credit", "Nobody")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(res.text().await.unwrap().contains("Send your idea again"));
    // Six genuine browsers behind one address: three voters count.
    for _ in 0..6 {
        let fan = TestApp::spawn_shell(&app);
        let (_, html) = fan.get_html(&format!("/c/{slug}")).await;
        let token = crate::common::extract_csrf(&html);
        fan.client
            .post(&vote_url)
            .header("x-forwarded-for", "203.0.113.9")
            .form(&[("csrf", token.as_str()), ("vote", "up")])
            .send()
            .await
            .unwrap();
    }
    assert_eq!(votes().await, 4, "one address, three fans");
    // Another address still votes.
    let fan = TestApp::spawn_shell(&app);
    let (_, html) = fan.get_html(&format!("/c/{slug}")).await;
    let token = crate::common::extract_csrf(&html);
    fan.client
        .post(&vote_url)
        .header("x-forwarded-for", "203.0.113.10")
        .form(&[("csrf", token.as_str()), ("vote", "up")])
        .send()
        .await
        .unwrap();
    assert_eq!(votes().await, 5);
}
