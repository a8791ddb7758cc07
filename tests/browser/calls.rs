//! Fans write the slogan together on an open call.

use super::*;

/// Issue 10: fans write the slogan together. The artist (over HTTP) opens a
/// call; two fans, each in their own Chromium, send ideas and vote; the
/// artist hides one and launches the winner; a voter follows the call page
/// to the shirt and buys it in the demo checkout.
#[tokio::test]
async fn fans_write_the_slogan_together_and_a_voter_buys_the_winner() {
    let (Some(driver_a), Some(driver_b), Some(driver_c)) = (start_driver(), start_driver(), start_driver()) else {
        return;
    };
    let app = TestApp::spawn().await;
    app.sign_up("caller@example.com", "correct horse battery").await;
    let res = app
        .post_form(
            "/calls",
            &[
                ("question", "What should the Friday-night shirt say?"),
                ("artist_name", "The Losers"),
                ("hours", "2"),
                ("theme", "auto"),
                ("colours", "black"),
            ],
        )
        .await;
    let call = common::location(&res);
    let (ana, ben, cleo) = (browser(&driver_a).await, browser(&driver_b).await, browser(&driver_c).await);
    let (ana_idea, ben_idea) = ("Sei ein Freitagabend-Loser mit mir", "Loser Club forever");
    let result = async {
        // Three fans, each in their own browser, open the board.
        for web in [&ana, &ben, &cleo] {
            web.set_window_rect(0, 0, 390, 844).await?;
            web.goto(app.url(&call)).await?;
        }
        until_streams(&app, 3, 10).await;
        // Ana sends an idea: Ben's and Cleo's open pages show it, unreloaded.
        send(&ana, ana_idea).await?;
        for web in [&ben, &cleo] {
            let board = until_board(web, |b| b.len() == 1, 5).await?;
            assert!(board[0].contains(ana_idea) && board[0].contains("1 vote"), "{board:?}");
        }
        // Ben sends his; it reaches Ana's page (reloaded once, by her post) live.
        send(&ben, ben_idea).await?;
        let board = until_board(&ana, |b| b.len() == 2, 5).await?;
        assert!(board[0].contains(ana_idea) && board[1].contains(ben_idea), "{board:?}");
        assert!(picture_shown(&cleo, "li.idea img").await?, "each idea is drawn as a shirt");

        // Cleo votes with the button of an idea that arrived live (made from
        // the page's blank idea): Ben's idea leads on Ana's page, unreloaded.
        let board = until_board(&cleo, |b| b.len() == 2, 5).await?;
        assert!(board[0].contains(ana_idea) && board[1].contains(ben_idea), "{board:?}");
        vote(&cleo, 1).await?;
        let board = until_board(&ana, |b| b[0].contains(ben_idea), 5).await?;
        assert!(board[0].contains("2 votes") && board[1].contains("1 vote"), "{board:?}");
        // Ben and Cleo vote for Ana's idea: it is back on top, 3 to 2.
        vote(&ben, board_index(&ben, ana_idea).await?).await?;
        vote(&cleo, board_index(&cleo, ana_idea).await?).await?;
        let board = until_board(&ana, |b| b[0].contains(ana_idea) && b[0].contains("3 votes"), 5).await?;
        assert!(board[1].contains(ben_idea) && board[1].contains("2 votes"), "{board:?}");
        shoot(&ana, "call-board-phone", 390, 844).await;

        // The artist hides Ben's idea: it leaves Ana's page live.
        let (_, own) = app.get_html(&call).await;
        let id_of = |text: &str| {
            let at = own.find(text).unwrap();
            let li = own[..at].rfind("id=\"idea-").unwrap() + 9;
            own[li..].split('"').next().unwrap().to_owned()
        };
        let (winner, other) = (id_of(ana_idea), id_of(ben_idea));
        app.post_form(&format!("{call}/ideas/{other}/moderate"), &[("action", "hide")]).await;
        let board = until_board(&ana, |b| b.len() == 1, 5).await?;
        assert!(board[0].contains(ana_idea), "{board:?}");

        // The artist launches Ana's idea: the open pages turn into "This became a shirt".
        let slug = call.trim_start_matches("/c/");
        let res = app
            .launch_with(&[("slogan", ana_idea), ("call", slug), ("idea", winner.as_str()), ("colours", "black")])
            .await;
        assert_eq!(res.status().as_u16(), 303);
        let became = cleo.query(By::Css(".became a")).wait(Duration::from_secs(8), Duration::from_millis(100));
        became.first().await?;
        let text = cleo.find(By::Tag("main")).await?.text().await?;
        assert!(text.contains("This became a shirt!") && !text.contains(ben_idea), "{text}");
        // The closed board marks the idea that became the shirt.
        let winner_card = cleo.find(By::Css("li.idea.winner")).await?.text().await?;
        assert!(winner_card.contains(ana_idea) && winner_card.contains("This became the shirt"), "{winner_card}");
        shoot(&cleo, "call-closed-phone", 390, 844).await;

        // Cleo, a voter, follows it to the shirt and buys it.
        cleo.query(By::Css(".became a")).first().await?.click().await?;
        let credit = cleo.find(By::Css(".credit")).await?.text().await?;
        assert!(credit.contains("voted by 3 fans"), "{credit}");
        cleo.find(By::Id("buy")).await?.click().await?;
        fill_address(&cleo, ["cleo@example.com", "Cleo Fan", "1 Main St", "10001", "New York"]).await?;
        cleo.find(By::Id("pay")).await?.click().await?;
        cleo.query(By::Css("h1.slogan")).with_text("Thank you!").first().await?;
        WebDriverResult::Ok(())
    }
    .await;
    for web in [ana, ben, cleo] {
        web.quit().await.ok();
    }
    result.unwrap();
}

/// Sends an idea from the call's page (a form post; the page comes back).
async fn send(web: &WebDriver, idea: &str) -> WebDriverResult<()> {
    web.find(By::Id("idea")).await?.send_keys(idea).await?;
    web.find(By::Css(".idea-form button[type=submit]")).await?.click().await?;
    web.query(By::Css(".banner.success")).first().await?;
    Ok(())
}

/// Clicks the vote button of the `n`th idea on the board: the vote counts
/// in place (no reload, no jump), the button turns into "Take my vote
/// back", and the live region says so.
async fn vote(web: &WebDriver, n: usize) -> WebDriverResult<()> {
    let ideas = web.find_all(By::Css("ol.ideas > li")).await?;
    // "Vote for this" (a fan who voted sees "Take my vote back" instead).
    let button = ideas[n].find(By::Css("form[action$='/vote'] button.primary")).await?;
    button.scroll_into_view().await?;
    web.execute("window.__samePage = true", vec![]).await?;
    button.click().await?;
    for _ in 0..50 {
        if button.text().await? == "Take my vote back" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(button.text().await?, "Take my vote back", "the button turned");
    let same: bool = web.execute("return window.__samePage === true", vec![]).await?.convert()?;
    assert!(same, "the page did not reload");
    let said = web.find(By::Css("[data-vote-status]")).await?.text().await?;
    assert!(said.starts_with("Vote counted. ") && said.contains(" vote"), "names the idea and its count: {said}");
    Ok(())
}

/// Where the idea reading `text` is on the board.
async fn board_index(web: &WebDriver, text: &str) -> WebDriverResult<usize> {
    let board = until_board(web, |_| true, 1).await?;
    Ok(board.iter().position(|idea| idea.contains(text)).expect("the idea on the board"))
}

/// The board's ideas (their text, in order), once `wanted` holds (or after `secs`).
async fn until_board(web: &WebDriver, wanted: impl Fn(&[String]) -> bool, secs: u64) -> WebDriverResult<Vec<String>> {
    let mut board = Vec::new();
    for _ in 0..secs * 10 {
        board = web
            .execute("return [...document.querySelectorAll('ol.ideas > li')].map((li) => li.innerText)", vec![])
            .await?
            .convert()?;
        if !board.is_empty() && wanted(&board) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(board)
}
