//! A call's board as one live frame: the public ideas in both orders (most
//! votes, newest), each with the words the page shows for it, in the call's
//! language. Every viewer of the call gets the same bytes; the page's
//! script puts its own tab's order in place and adds ideas it has not seen.
//! Hidden ideas are never in it.

use crate::domain::Call;
use crate::i18n::{self, Arg};
use crate::store::{Board, Store};
use actix_web::web::Bytes;
use serde::Serialize;

/// What every fan may see of a call's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardFrame {
    /// Moves with every idea, vote and moderation; the SSE event id.
    pub version: i64,
    /// Fans may still send ideas and vote.
    pub open: bool,
    /// The drop the winning idea became (its slug), once launched.
    pub drop: Option<String>,
    /// Idea ids, most votes first (pinned on top).
    pub top: Vec<String>,
    /// Idea ids, newest first.
    pub new: Vec<String>,
    /// Every idea named in `top` or `new`, once.
    pub ideas: Vec<IdeaView>,
}

/// One idea as the board shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdeaView {
    pub id: String,
    pub text: String,
    /// "Idea by Jo", or empty.
    pub credit: String,
    pub votes: i64,
    /// "12 votes", in the call's language.
    pub votes_label: String,
    pub pinned: bool,
    /// The shirt picture's text alternative.
    pub alt: String,
}

impl BoardFrame {
    /// The board as one server-sent event, with the call's version as id.
    pub fn frame(&self) -> Bytes {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        Bytes::from(format!("id: {}\nevent: board\ndata: {json}\n\n", self.version))
    }
}

/// Reads `call`'s public board (two queries).
pub async fn read(store: &Store, call: &Call) -> anyhow::Result<BoardFrame> {
    let lang = call.language;
    let top = store.ideas_of(&call.id, Board::Top, false).await?;
    let new = store.ideas_of(&call.id, Board::New, false).await?;
    let top_ids = top.iter().map(|i| i.id.clone()).collect();
    let new_ids = new.iter().map(|i| i.id.clone()).collect();
    let mut seen = std::collections::HashSet::new();
    let ideas = top
        .into_iter()
        .chain(new)
        .filter(|idea| seen.insert(idea.id.clone()))
        .map(|idea| IdeaView {
            credit: if idea.credit.is_empty() {
                String::new()
            } else {
                i18n::text_with(lang, "call-credited", &[("name", Arg::Text(idea.credit.clone()))])
            },
            votes_label: i18n::text_with(lang, "call-votes", &[("count", Arg::Number(idea.votes))]),
            alt: i18n::text_with(lang, "picture-alt", &[("slogan", Arg::Text(idea.text.clone()))]),
            votes: idea.votes,
            pinned: idea.pinned,
            text: idea.text,
            id: idea.id,
        })
        .collect();
    Ok(BoardFrame {
        version: call.version,
        open: call.is_open(store.now_ms()),
        drop: call.drop_slug.as_ref().map(|s| s.as_str().to_owned()),
        top: top_ids,
        new: new_ids,
        ideas,
    })
}

/// Reads the board of the call with this id; `None` when there is no such call.
pub async fn read_by_id(store: &Store, call_id: &str) -> anyhow::Result<Option<BoardFrame>> {
    match store.call_by_id(call_id).await? {
        Some(call) => Ok(Some(read(store, &call).await?)),
        None => Ok(None),
    }
}
