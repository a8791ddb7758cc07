//! Every look in Chromium: storefronts, fonts through OTS, the buy button on a phone, CJK glyphs.

use super::*;

#[tokio::test]
async fn storefronts_in_three_looks() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("looks@example.com", "correct horse battery").await;
    let looks =
        [("retro", "Liebe ist laut 💖"), ("neon", "Rave till the sun comes up"), ("serif", "Poems for the quiet ones")];
    for (theme, slogan) in looks {
        let res =
            app.launch_with(&[("slogan", slogan), ("theme", theme), ("colours", "white"), ("colours", "navy")]).await;
        assert_eq!(res.status().as_u16(), 303, "{theme}");
    }
    let web = browser(&driver).await;
    let result = async {
        for (theme, slogan) in looks {
            let slug = popshop::domain::DropSlug::from_slogan(slogan);
            web.goto(app.url(&format!("/d/{slug}"))).await?;
            let heading = web.find(By::Css("h1.slogan")).await?.text().await?;
            assert_eq!(heading, slogan);
            // The navy colour swaps the mockup without JavaScript (CSS :has).
            web.find(By::Css("input[name=colour][value=navy]")).await?.click().await?;
            let visible = web.find(By::Css(".mockup[data-colour=navy]")).await?.is_displayed().await?;
            assert!(visible, "{theme}: navy mockup shown");
            shoot(&web, &format!("storefront-look-{theme}"), 1280, 900).await;
        }
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// Every bundled font, as browsers get it (WOFF2 via `/fonts.css`), must pass
/// Chromium's font sanitiser (OTS) and load.
#[tokio::test]
async fn every_bundled_font_loads_in_chromium() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let web = browser(&driver).await;
    web.goto(app.url("/")).await.unwrap();
    let script = r#"
        return (async () => {
            const css = await (await fetch('/fonts.css')).text();
            const faces = [...css.matchAll(/font-family:\s*"([^"]+)";\s*src:\s*url\(([^)]+)\)/g)];
            const results = [];
            for (const [, family, url] of faces) {
                try {
                    const face = new FontFace(family + ' check', `url(${url})`);
                    await face.load();
                    results.push([family, face.status]);
                } catch (e) {
                    results.push([family, String(e)]);
                }
            }
            return results;
        })();
    "#;
    let results: Vec<(String, String)> = web.execute(script, vec![]).await.unwrap().convert().unwrap();
    web.quit().await.ok();
    assert!(results.len() >= 40, "every font face in /fonts.css was tried: {results:?}");
    let broken: Vec<_> = results.iter().filter(|(_, status)| status != "loaded").collect();
    assert!(broken.is_empty(), "fonts Chromium refused: {broken:?}");
}

#[tokio::test]
async fn on_a_phone_the_buy_button_is_on_the_first_screen_in_the_first_five_looks() {
    buy_button_on_the_first_screen(&popshop::design::THEMES[..5]).await;
}

#[tokio::test]
async fn on_a_phone_the_buy_button_is_on_the_first_screen_in_the_other_five_looks() {
    buy_button_on_the_first_screen(&popshop::design::THEMES[5..]).await;
}

/// On a 390×844 phone, each of `looks`' storefronts (a full form: every
/// size, four colours, a goal, a description) shows *Buy* on the first
/// screen, the shirt across the width, and no sideways scroll; on a
/// 1440×900 desktop *Buy* is above the fold too; screenshots at both sizes. Two tests of half the looks each, side by side.
async fn buy_button_on_the_first_screen(looks: &[popshop::design::Theme]) {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("phone@example.com", "correct horse battery").await;
    let themes: Vec<&str> = looks.iter().map(|t| t.key).collect();
    for theme in &themes {
        let slogan = format!("Sei ein Freitagabend-Loser mit mir {theme}");
        // A full form: every size, four colours, a goal and the artist's words.
        let mut fields = vec![
            ("slogan", slogan.as_str()),
            ("theme", theme),
            ("colours", "black"),
            ("colours", "white"),
            ("colours", "navy"),
            ("colours", "red"),
            ("stock", "200"),
            ("goal", "100"),
            ("description", "Printed the night after the gig, on heavy organic cotton. Ships within two weeks."),
        ];
        fields.extend(["XS", "S", "M", "L", "XL", "2XL", "3XL"].map(|size| ("sizes", size)));
        let res = app.launch_with(&fields).await;
        assert_eq!(res.status().as_u16(), 303, "{theme}");
    }
    let web = browser(&driver).await;
    let result = async {
        for theme in &themes {
            let slug = popshop::domain::DropSlug::from_slogan(&format!("Sei ein Freitagabend-Loser mit mir {theme}"));
            web.set_window_rect(0, 0, 390, 844).await?;
            web.goto(app.url(&format!("/d/{slug}"))).await?;
            let (top, bottom, viewport, overflow): (f64, f64, f64, bool) = web
                .execute(
                    "const r = document.getElementById('buy').getBoundingClientRect();
                     const e = document.documentElement;
                     return [r.top, r.bottom, window.innerHeight, e.scrollWidth > e.clientWidth];",
                    vec![],
                )
                .await?
                .convert()?;
            assert!(top >= 0.0 && bottom <= viewport, "{theme}: Buy at {top}..{bottom} of {viewport}");
            assert!(picture_shown(&web, ".gallery .views img").await?, "{theme}: shirt drawn");
            let width: f64 = web
                .execute("return document.querySelector('.gallery .views img').getBoundingClientRect().width", vec![])
                .await?
                .convert()?;
            assert!(width >= 340.0, "{theme}: the shirt fills the phone's width ({width} px)");
            assert!(!overflow, "{theme}: no sideways scroll on a phone");
            // The bar's button submits the form above it.
            let form: String = web.execute("return document.getElementById('buy').form.id", vec![]).await?.convert()?;
            assert_eq!(form, "buy-form");
            shoot(&web, &format!("storefront-phone-{theme}"), 390, 844).await;
            // A 1440×900 desktop: Buy above the fold too.
            web.set_window_rect(0, 0, 1440, 900).await?;
            web.goto(app.url(&format!("/d/{slug}"))).await?;
            let (bottom, viewport): (f64, f64) = web
                .execute(
                    "const r = document.getElementById('buy').getBoundingClientRect(); return [r.bottom, window.innerHeight];",
                    vec![],
                )
                .await?
                .convert()?;
            let _ = viewport;
            shoot(&web, &format!("storefront-desktop-{theme}"), 1440, 900).await;
            assert!(bottom <= 900.0, "{theme}: on a desktop Buy ends at {bottom} px");
        }
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

#[tokio::test]
async fn a_japanese_storefront_with_an_emoji_loads_its_own_few_glyphs_not_the_whole_fonts() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("金曜の夜の負け犬になろう 🎸").await;
    let web = browser(&driver).await;
    let result = async {
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let (fonts, bytes, loaded): (Vec<String>, f64, Vec<String>) = web
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() => {
                   const fonts = performance.getEntriesByType('resource')
                     .filter((e) => /\\.(otf|ttf|woff2?)$/.test(new URL(e.name).pathname));
                   const bytes = fonts.reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize), 0);
                   const loaded = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
                   done([fonts.map((e) => new URL(e.name).pathname), bytes, loaded]);
                 });",
                vec![],
            )
            .await?
            .convert()?;
        // Chromium's sanitiser accepted both cuts, and the heading uses them.
        assert!(fonts.iter().any(|f| f.ends_with("/cjk.otf")), "the cut-down CJK font is loaded: {fonts:?}");
        assert!(fonts.iter().any(|f| f.ends_with("/emoji.ttf")), "the cut-down emoji font is loaded: {fonts:?}");
        assert!(loaded.iter().any(|f| f.contains("CJK")), "{loaded:?}");
        assert!(loaded.iter().any(|f| f.contains("Emoji")), "{loaded:?}");
        assert!(!fonts.iter().any(|f| f.contains("NotoSansCJK") || f.contains("NotoEmoji")), "never whole: {fonts:?}");
        assert!(bytes < 100_000.0, "{bytes} bytes of fonts: {fonts:?}");
        println!("a Japanese storefront with an emoji loads {bytes} bytes of fonts: {fonts:?}");
        // On a phone the heading breaks between phrases (BudouX), as the
        // shirt does: 負け犬 is never split.
        web.set_window_rect(0, 0, 390, 844).await?;
        let heading = web.find(By::Css("h1.slogan")).await?;
        assert_eq!(heading.attr("lang").await?.as_deref(), Some("ja"));
        let lines = heading_lines(&web).await?;
        assert!(lines.iter().any(|l| l.contains("負け犬")), "{lines:?}");
        for line in &lines {
            assert!(["金曜の", "夜の", "負け犬になろう"].iter().any(|p| line.starts_with(p)), "{lines:?}");
        }
        shoot(&web, "storefront-japanese-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// The close-up picture is a view of the front picture (`front.svg#detail`):
/// Chromium draws it zoomed in, and the storefront downloads each colour's
/// picture once for both.
#[tokio::test]
async fn the_close_up_is_the_front_picture_zoomed_in_and_downloaded_once() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    let (_, slug) = app.launch("Zoom in on me").await;
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 1440, 900).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let (front, detail, fetched): (Vec<f64>, Vec<f64>, Vec<String>) = web
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const detail = document.querySelector('img[src*=\"#detail\"]');
                 const front = detail.src.split('#')[0];
                 const pixel = (src) => new Promise((ok) => {
                   const img = new Image();
                   img.onload = () => {
                     const c = document.createElement('canvas');
                     c.width = 300; c.height = 320;
                     const g = c.getContext('2d');
                     g.drawImage(img, 0, 0, 300, 320);
                     ok([...g.getImageData(20, 20, 1, 1).data]);
                   };
                   img.src = src;
                 });
                 Promise.all([pixel(front), pixel(detail.src)]).then(([a, b]) => {
                   const pictures = performance.getEntriesByType('resource')
                     .map((e) => new URL(e.name).pathname).filter((p) => p.includes('/shirts/'));
                   done([a, b, pictures]);
                 });",
                vec![],
            )
            .await?
            .convert()?;
        assert_ne!(front, detail, "the close-up is drawn zoomed in: {front:?} vs {detail:?}");
        let unique: std::collections::HashSet<_> = fetched.iter().collect();
        assert_eq!(unique.len(), fetched.len(), "each picture downloaded once: {fetched:?}");
        assert!(!fetched.iter().any(|p| p.contains("-detail.svg")), "{fetched:?}");
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// The sketch look's typeface weighs 134 KB for Latin alone: its storefront
/// gets the heading's letters cut to the slogan, and Chromium accepts them.
#[tokio::test]
async fn a_sketch_storefront_loads_its_heading_font_cut_to_the_slogan() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("sketch@example.com", "correct horse battery").await;
    let res = app.launch_with(&[("slogan", "Drawn by hand"), ("theme", "sketch")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let web = browser(&driver).await;
    let result = async {
        web.goto(app.url("/d/drawn-by-hand")).await?;
        let (fonts, loaded): (Vec<String>, Vec<String>) = web
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() => done([
                   performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
                     .filter((p) => /\\.(otf|ttf|woff2)$/.test(p)),
                   [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family)]));",
                vec![],
            )
            .await?
            .convert()?;
        assert!(fonts.iter().any(|f| f.ends_with("/display.ttf")), "{fonts:?}");
        assert!(!fonts.iter().any(|f| f.contains("CabinSketch")), "never the whole typeface: {fonts:?}");
        assert!(loaded.iter().any(|f| f.replace(" ", "") == "CabinSketch"), "the heading is set in it: {loaded:?}");
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// A German compound too long for a phone's line breaks at its syllables
/// with a hyphen on the storefront's heading, as on the shirt, never between
/// letters, and nothing spills out of the page.
#[tokio::test]
async fn a_german_compound_breaks_at_its_syllables_on_a_phone() {
    let Some(driver) = start_driver() else { return };
    let app = TestApp::spawn().await;
    app.sign_up("kapitaen@example.com", "correct horse battery").await;
    let slogan = "Donaudampfschifffahrtsgesellschaftskapitän für alle";
    let res = app.launch_with(&[("slogan", slogan), ("theme", "poster")]).await;
    assert_eq!(res.status().as_u16(), 303);
    let id = common::location(&res).trim_start_matches("/dashboard/drops/").split('?').next().unwrap().to_owned();
    let slug = app.state.store.drop_by_id(&id).await.unwrap().unwrap().slug.to_string();
    let web = browser(&driver).await;
    let result = async {
        web.set_window_rect(0, 0, 390, 844).await?;
        web.goto(app.url(&format!("/d/{slug}"))).await?;
        let heading = web.find(By::Css("h1.slogan")).await?;
        assert_eq!(heading.attr("lang").await?.as_deref(), Some("de"));
        let lines = heading_lines(&web).await?;
        assert!(lines.len() > 1, "{lines:?}");
        let syllables = ["Do", "nau", "dampf", "schiff", "fahrts", "ge", "sell", "schafts", "ka", "pi", "tän"];
        let mut ends = Vec::new();
        let mut at = 0;
        for s in syllables {
            at += s.chars().count();
            ends.push(at);
        }
        let mut letters = 0;
        for line in &lines[..lines.len() - 1] {
            let word: String = line.chars().filter(|c| c.is_alphabetic()).collect();
            letters += word.chars().count();
            if letters < 42 {
                assert!(ends.contains(&letters), "a break inside a syllable: {lines:?}");
                assert!(line.ends_with('\u{AD}'), "the line shows a hyphen: {lines:?}");
            }
        }
        let spill: bool =
            web.execute("return document.documentElement.scrollWidth > window.innerWidth", vec![]).await?.convert()?;
        assert!(!spill, "nothing spills out sideways");
        shoot(&web, "storefront-german-compound-phone", 390, 844).await;
        WebDriverResult::Ok(())
    }
    .await;
    web.quit().await.ok();
    result.unwrap();
}

/// The storefront heading's lines as Chromium laid them out: its visible
/// characters grouped by the top of their boxes (a soft hyphen that breaks a
/// line is drawn, so it ends that line).
async fn heading_lines(web: &WebDriver) -> WebDriverResult<Vec<String>> {
    web.execute(
        "const h = document.querySelector('h1.slogan'); const r = document.createRange();
         const walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
         const lines = []; let top = null;
         for (let t = walk.nextNode(); t; t = walk.nextNode()) {
           for (let i = 0; i < t.length; i++) {
             r.setStart(t, i); r.setEnd(t, i + 1);
             // A character just after a break may also report an empty box
             // at the end of the line before: take its real one.
             const rect = [...r.getClientRects()].filter((b) => b.width > 0).pop();
             if (!rect) continue;
             if (top === null || Math.abs(rect.top - top) > 2) { lines.push(''); top = rect.top; }
             lines[lines.length - 1] += t.data[i];
           }
         }
         return lines;",
        vec![],
    )
    .await?
    .convert()
}
