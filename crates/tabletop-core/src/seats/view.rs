//! What a seat's page and the room's page are sent: built from the room-view
//! filter, with the audience of the seat's roles, so a seat sees what the
//! room sees plus what is private to its roles, and never anything meant
//! for the facilitator (notes, tips, expected actions, option quality and
//! reasons, scores). Text is made visible in the filter; the page inserts
//! it as text, never as markup.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::engine::{Engine, Item, SeatKind, Status};
use crate::room_view::{Audience, RoomClock, RoomItem, RoomView, channel_name};

use super::roster::Seat;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatView {
    pub exercise: String,
    pub seat: SeatHeader,
    pub status: &'static str,
    pub story: String,
    pub item: Option<PageItem>,
    /// The injects and cards before it that this seat may see, newest first
    /// (at most [`EARLIER`]): a private one stays readable after the next arrives.
    pub earlier: Vec<PageItem>,
    pub decision: Option<PageDecision>,
    /// This seat's own responses to the item shown.
    pub responses: Vec<OwnResponse>,
    pub feedback: Option<FeedbackAsk>,
    /// What sending from this seat records, and for how long: said on the
    /// page before anything is sent.
    pub recorded: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatHeader {
    pub label: String,
    pub kind: &'static str,
    pub roles: Vec<RoleName>,
    pub can_answer: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleName {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageItem {
    pub id: String,
    pub number: Option<String>,
    pub wildcard: bool,
    pub private: bool,
    pub title: String,
    pub from: Option<String>,
    pub channel: Option<&'static str>,
    pub to: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub for_you: Option<bool>,
    pub body: Vec<String>,
    pub questions: Vec<String>,
    pub artefacts: Vec<PageArtefact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageArtefact {
    pub kind: String,
    pub title: Option<String>,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageDecision {
    pub inject: String,
    pub prompt: String,
    pub owners: Vec<String>,
    pub options: Vec<PageOption>,
    pub remaining_ms: Option<i64>,
    pub countdown_ms: Option<i64>,
    /// The countdown runs down by itself (the clock runs).
    pub running: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_vote: Option<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageOption {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnResponse {
    pub seq: u64,
    pub item: String,
    pub role: String,
    pub text: String,
    pub corrected: bool,
}

/// How many earlier injects a seat's page keeps.
pub const EARLIER: usize = 12;

/// The hot-wash form, once the exercise has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackAsk {
    pub objectives: Vec<FeedbackObjective>,
    pub sent: bool,
    /// Answers needed before anything is shown.
    pub minimum: usize,
    pub answers: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackObjective {
    pub id: String,
    pub text: String,
}

/// The room's page: what the presenter view shows, in a browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomPage {
    pub exercise: String,
    pub status: &'static str,
    pub story: String,
    /// Exercise time, "0:42:10".
    pub elapsed: String,
    pub item: Option<PageItem>,
    pub decision: Option<PageDecision>,
}

/// Where the feedback stands, for a seat's page, and how long the
/// exercise's records are kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedbackState {
    pub sent: bool,
    pub answers: usize,
    /// The retention the facilitator configured ("90 days"), if any.
    pub kept_for: Option<String>,
}

/// One or two sentences on what this seat's page records.
fn recorded(seat: &Seat, anonymous: bool, kept_for: Option<&str>) -> String {
    let what = match seat.kind {
        SeatKind::Person if !anonymous => {
            "Your votes and answers are recorded in the exercise's record with your name and role, and the facilitator sees them as they arrive."
        }
        SeatKind::Role | SeatKind::Person => {
            "Your votes and answers are recorded in the exercise's record under your role, not your name, and the facilitator sees them as they arrive."
        }
        SeatKind::Scribe => {
            "The votes and answers you send are recorded in the exercise's record under the role you choose, and the facilitator sees them as they arrive."
        }
        SeatKind::Observer | SeatKind::Room => {
            "This page sends nothing: it only shows what the room sees."
        }
    };
    match (seat.kind.answers(), kept_for) {
        (true, Some(kept)) => format!("{what} The record is kept for {kept}."),
        _ => what.to_string(),
    }
}

fn status(clock: RoomClock) -> &'static str {
    match clock {
        RoomClock::NotStarted => "not_started",
        RoomClock::Running => "running",
        RoomClock::Paused => "paused",
        RoomClock::Ended => "ended",
    }
}

fn page_item(item: RoomItem, for_you: Option<bool>) -> PageItem {
    PageItem {
        id: item.id,
        number: item.number,
        wildcard: item.wildcard,
        private: item.private,
        title: item.title,
        from: item.from,
        channel: item.channel.map(channel_name),
        to: item.to,
        for_you,
        body: item.body,
        questions: item.questions,
        artefacts: item
            .artefacts
            .into_iter()
            .map(|a| PageArtefact {
                kind: a.kind,
                title: a.title,
                lines: a.lines,
            })
            .collect(),
    }
}

fn page_decision(
    engine: &Engine,
    view: &RoomView,
    my_vote: Option<Option<String>>,
) -> Option<PageDecision> {
    let decision = view.decision.as_ref()?;
    let open = engine.state().open_decision.as_ref()?;
    let inject = &engine.scenario().injects[open.inject];
    let ids = inject
        .decision
        .as_ref()?
        .options
        .iter()
        .map(|o| o.id.to_string());
    Some(PageDecision {
        inject: inject.id.to_string(),
        prompt: decision.prompt.clone(),
        owners: decision.owners.clone(),
        options: ids
            .zip(&decision.options)
            .map(|(id, label)| PageOption {
                id,
                label: label.clone(),
            })
            .collect(),
        remaining_ms: decision.remaining_ms,
        countdown_ms: decision.countdown_ms,
        running: view.clock == RoomClock::Running,
        my_vote,
    })
}

impl SeatView {
    /// What `seat` sees of `engine` at `now`.
    pub fn of(engine: &Engine, seat: &Seat, now: DateTime<Utc>, feedback: FeedbackState) -> Self {
        let audience = Audience::Roles(seat.private_roles());
        let view = RoomView::for_audience(engine, now, false, audience);
        let state = engine.state();
        let plan = engine.plan();
        let answers = seat.kind.answers();
        let my_vote = state
            .open_decision
            .as_ref()
            .filter(|_| answers)
            .map(|open| {
                state.seats.vote_of(open.inject, &seat.id).and_then(|o| {
                    engine.scenario().injects[open.inject]
                        .decision
                        .as_ref()
                        .map(|d| d.options[o].id.to_string())
                })
            });
        let decision = page_decision(engine, &view, my_vote);
        let shown: Option<Item> = view.item.as_ref().and_then(|i| engine.index().item(&i.id));
        let for_you = view.item.as_ref().map(|i| {
            let to = match shown {
                Some(Item::Inject(x)) => &engine.scenario().injects[x].to,
                Some(Item::Card(c)) => {
                    &engine.scenario().wildcards.as_ref().expect("card").cards[c].to
                }
                None => return false,
            };
            !i.to.is_empty()
                && to
                    .iter()
                    .any(|r| seat.roles.iter().any(|s| s == r.as_str()))
        });
        let responses = match shown {
            Some(item) if answers => state
                .responses
                .iter()
                .filter(|r| r.item == item && r.seat.as_deref() == Some(&seat.id))
                .map(|r| OwnResponse {
                    seq: r.at.seq,
                    item: view.item.as_ref().map(|i| i.id.clone()).unwrap_or_default(),
                    role: crate::text::visible(plan.role_name(&r.speaker.role)),
                    text: crate::text::visible(&r.text),
                    corrected: r.corrected.is_some(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let ended = state.status == Status::Ended;
        let earlier = if state.status == Status::NotStarted {
            Vec::new()
        } else {
            crate::room_view::delivered_for(engine, audience, EARLIER + 1)
                .into_iter()
                .skip(1)
                .map(|i| page_item(i, None))
                .collect()
        };
        Self {
            earlier,
            exercise: view.scenario_title.clone(),
            seat: SeatHeader {
                label: crate::text::visible(&seat.label),
                kind: seat.kind.name(),
                roles: seat
                    .roles
                    .iter()
                    .map(|r| RoleName {
                        id: r.clone(),
                        name: crate::text::visible(plan.role_name(r)),
                    })
                    .collect(),
                can_answer: answers,
            },
            status: status(view.clock),
            story: view.story.clone(),
            // "For you" means something only to a seat with roles of its own.
            item: view.item.map(|i| {
                let own = matches!(seat.kind, SeatKind::Role | SeatKind::Person);
                page_item(i, for_you.filter(|_| own))
            }),
            decision,
            responses,
            feedback: (ended && answers).then(|| FeedbackAsk {
                objectives: engine
                    .scenario()
                    .objectives
                    .iter()
                    .map(|o| FeedbackObjective {
                        id: o.id.to_string(),
                        text: crate::text::visible(&o.text),
                    })
                    .collect(),
                sent: feedback.sent,
                minimum: super::feedback::MINIMUM_ANSWERS,
                answers: feedback.answers,
            }),
            recorded: recorded(seat, engine.setup().anonymous, feedback.kept_for.as_deref()),
        }
    }
}

impl RoomPage {
    /// The room's screen: the same filter as the presenter view.
    pub fn of(engine: &Engine, now: DateTime<Utc>) -> Self {
        let view = RoomView::of(engine, now);
        let decision = page_decision(engine, &view, None);
        let secs = view.elapsed_ms / 1000;
        Self {
            exercise: view.scenario_title.clone(),
            status: status(view.clock),
            story: view.story.clone(),
            elapsed: format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60),
            item: view.item.map(|i| page_item(i, None)),
            decision,
        }
    }
}
