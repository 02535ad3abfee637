//! What the room may see of an exercise at a moment: the latest inject or
//! card from its top, and the open decision with its options and countdown.
//! Never the facilitator's notes, console tips, expected actions, the quality
//! of an option or the reasons for it. Every front end that shows the room
//! something (the presenter view, `tabletop present`) asks this one filter.
//!
//! Text is made visible here (`text::visible`): what the room sees comes from
//! a file and never carries control or invisible characters.

use chrono::{DateTime, Utc};

use crate::engine::{Engine, Item, Status};
use crate::scenario::{Artefact, ArtefactKind, Channel};
use crate::text::{paragraphs, verbatim_lines, visible};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomView {
    pub scenario_title: String,
    pub clock: RoomClock,
    /// Story time now ("Day 1 09:12").
    pub story: String,
    /// Exercise time now, in milliseconds.
    pub elapsed_ms: i64,
    /// The latest inject or card delivered, if any.
    pub item: Option<RoomItem>,
    pub decision: Option<RoomDecision>,
    /// The decisions with every option's reason, once the exercise has ended
    /// and the facilitator has revealed them for the hot wash.
    pub hot_wash: Option<Vec<HotWashDecision>>,
}

/// A decision as the hot wash goes through it: what was asked, what the team
/// chose, and why each option was good or bad in the scenario author's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotWashDecision {
    pub prompt: String,
    /// The option taken, by index; `None` when the decision was not taken.
    pub chosen: Option<usize>,
    pub options: Vec<HotWashOption>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotWashOption {
    pub label: String,
    /// "strong", "acceptable", "weak", "harmful", or "—".
    pub quality: &'static str,
    pub why: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomClock {
    NotStarted,
    Running,
    Paused,
    Ended,
}

impl RoomClock {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::Running => "running",
            Self::Paused => "paused",
            Self::Ended => "ended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomItem {
    /// The inject's or card's id, and its MSEL number.
    pub id: String,
    pub number: Option<String>,
    pub wildcard: bool,
    /// Only the addressed roles see it (never the room).
    pub private: bool,
    /// Display names of the roles it is addressed to; empty for everyone.
    pub to: Vec<String>,
    pub title: String,
    pub from: Option<String>,
    pub channel: Option<Channel>,
    /// The text as paragraphs.
    pub body: Vec<String>,
    pub questions: Vec<String>,
    pub artefacts: Vec<RoomArtefact>,
}

/// An email, a log, a letter: its lines kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomArtefact {
    /// "email", "log".
    pub kind: String,
    pub title: Option<String>,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomDecision {
    pub prompt: String,
    /// Display names of the roles that own it.
    pub owners: Vec<String>,
    /// Every option's label, in order; numbered from 1 when shown.
    pub options: Vec<String>,
    /// Time left on the countdown, if it has one (zero once run out).
    pub remaining_ms: Option<i64>,
    /// The whole countdown, to tell how much of it is left.
    pub countdown_ms: Option<i64>,
}

/// Who is looking: the room (a projector, the presenter view, an observer's
/// seat) sees nothing private; a seat sees what is private to its roles too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience<'a> {
    Room,
    Roles(&'a [String]),
}

impl Audience<'_> {
    /// Whether something addressed `to` these roles, private or not, is seen.
    pub fn sees(&self, to: &[crate::scenario::Name], private: bool) -> bool {
        if !private {
            return true;
        }
        match self {
            Self::Room => false,
            Self::Roles(roles) => to.iter().any(|t| roles.iter().any(|r| r == t.as_str())),
        }
    }
}

impl RoomView {
    /// The room's view of `engine` at the wall-clock moment `now`.
    pub fn of(engine: &Engine, now: DateTime<Utc>) -> Self {
        Self::revealing(engine, now, false)
    }

    /// As [`Self::of`], with the hot wash shown when `reveal` is asked for
    /// and the exercise has ended; never before the end, whatever is asked.
    pub fn revealing(engine: &Engine, now: DateTime<Utc>, reveal: bool) -> Self {
        Self::for_audience(engine, now, reveal, Audience::Room)
    }

    /// What `audience` sees: the latest inject or card it may see, and the
    /// open decision when its inject is one of those.
    pub fn for_audience(
        engine: &Engine,
        now: DateTime<Utc>,
        reveal: bool,
        audience: Audience<'_>,
    ) -> Self {
        let state = engine.state();
        let scenario = engine.scenario();
        let elapsed_ms = if state.status == Status::Ended {
            state.last_elapsed_ms
        } else {
            state.elapsed_at(now)
        };
        let clock = match state.status {
            Status::NotStarted => RoomClock::NotStarted,
            Status::Ended => RoomClock::Ended,
            Status::InProgress if state.clock.running => RoomClock::Running,
            Status::InProgress => RoomClock::Paused,
        };
        let seen = |item: &Item| sees_item(engine, *item, audience);
        let shown = state
            .deliveries
            .iter()
            .rev()
            .map(|d| d.item)
            .find(|item| seen(item));
        let item = shown.and_then(|item| room_item(engine, item, audience));
        let decision = state.open_decision.as_ref().and_then(|open| {
            if !seen(&Item::Inject(open.inject)) {
                return None;
            }
            let decision = scenario.injects[open.inject].decision.as_ref()?;
            Some(RoomDecision {
                prompt: visible(&decision.prompt),
                owners: decision
                    .owners
                    .iter()
                    .map(|r| visible(engine.plan().role_name(r)))
                    .collect(),
                options: decision.options.iter().map(|o| visible(&o.label)).collect(),
                remaining_ms: open
                    .deadline_ms
                    .map(|deadline| deadline.saturating_sub(elapsed_ms).max(0)),
                countdown_ms: open
                    .deadline_ms
                    .map(|deadline| deadline.saturating_sub(open.opened_ms)),
            })
        });
        Self {
            scenario_title: visible(&scenario.scenario.title),
            clock,
            story: state.story_at(elapsed_ms).to_string(),
            elapsed_ms,
            item,
            decision,
            hot_wash: (reveal && state.status == Status::Ended).then(|| hot_wash(engine)),
        }
    }
}

/// Every decision put to the team, in the order they met them, with the
/// option chosen (the last one recorded) and the reasons behind every option.
/// The facilitator's end screen shows this; the room only once revealed.
pub fn hot_wash(engine: &Engine) -> Vec<HotWashDecision> {
    let state = engine.state();
    let scenario = engine.scenario();
    let mut met: Vec<usize> = Vec::new();
    for delivery in &state.deliveries {
        if let Item::Inject(i) = delivery.item
            && scenario.injects[i].decision.is_some()
            && !met.contains(&i)
        {
            met.push(i);
        }
    }
    met.into_iter()
        .filter_map(|i| {
            let inject = &scenario.injects[i];
            let decision = inject.decision.as_ref()?;
            let chosen = state
                .decision_for(i)
                .and_then(|record| match &record.outcome {
                    crate::engine::DecisionOutcome::Taken { option, .. } => Some(*option),
                    _ => None,
                });
            Some(HotWashDecision {
                prompt: visible(&decision.prompt),
                chosen,
                options: decision
                    .options
                    .iter()
                    .map(|o| HotWashOption {
                        label: visible(&o.label),
                        quality: crate::report::format::quality(o.quality),
                        why: o.why.as_deref().map(|w| paragraphs(w).join(" ")),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// Whether `audience` may see a delivered inject or card.
fn sees_item(engine: &Engine, item: Item, audience: Audience<'_>) -> bool {
    let scenario = engine.scenario();
    match item {
        Item::Inject(i) => {
            let x = &scenario.injects[i];
            audience.sees(&x.to, x.private)
        }
        Item::Card(c) => scenario
            .wildcards
            .as_ref()
            .is_some_and(|w| audience.sees(&w.cards[c].to, w.cards[c].private)),
    }
}

/// An inject or card as `audience` sees it: its artefacts filtered too.
fn room_item(engine: &Engine, item: Item, audience: Audience<'_>) -> Option<RoomItem> {
    let scenario = engine.scenario();
    let role_names = |to: &[crate::scenario::Name]| -> Vec<String> {
        to.iter()
            .map(|r| visible(engine.plan().role_name(r.as_str())))
            .collect()
    };
    match item {
        Item::Inject(i) => {
            let x = &scenario.injects[i];
            Some(RoomItem::new(
                Heading {
                    id: x.id.as_str(),
                    number: x.number.as_deref(),
                    wildcard: false,
                    private: x.private,
                    to: role_names(&x.to),
                },
                &x.title,
                x.from.as_deref(),
                x.channel,
                &x.body,
                &x.questions,
                &visible_artefacts(&x.artefacts, &x.to, audience),
            ))
        }
        Item::Card(c) => {
            let x = &scenario.wildcards.as_ref()?.cards[c];
            Some(RoomItem::new(
                Heading {
                    id: x.id.as_str(),
                    number: None,
                    wildcard: true,
                    private: x.private,
                    to: role_names(&x.to),
                },
                &x.title,
                x.from.as_deref(),
                x.channel,
                &x.body,
                &x.questions,
                &visible_artefacts(&x.artefacts, &x.to, audience),
            ))
        }
    }
}

/// Every inject and card delivered so far that `audience` may see, newest
/// first, the one on screen included, at most `limit`.
pub fn delivered_for(engine: &Engine, audience: Audience<'_>, limit: usize) -> Vec<RoomItem> {
    let mut seen_ids: Vec<Item> = Vec::new();
    engine
        .state()
        .deliveries
        .iter()
        .rev()
        .map(|d| d.item)
        .filter(|item| {
            // An inject delivered twice is listed once, at its latest.
            let first = !seen_ids.contains(item);
            seen_ids.push(*item);
            first && sees_item(engine, *item, audience)
        })
        .take(limit)
        .filter_map(|item| room_item(engine, item, audience))
        .collect()
}

/// What heads an item: which it is and who it is for.
struct Heading<'a> {
    id: &'a str,
    number: Option<&'a str>,
    wildcard: bool,
    private: bool,
    to: Vec<String>,
}

fn visible_artefacts<'a>(
    artefacts: &'a [Artefact],
    to: &[crate::scenario::Name],
    audience: Audience<'_>,
) -> Vec<&'a Artefact> {
    artefacts
        .iter()
        .filter(|a| audience.sees(to, a.private))
        .collect()
}

impl RoomItem {
    fn new(
        heading: Heading<'_>,
        title: &str,
        from: Option<&str>,
        channel: Option<Channel>,
        body: &str,
        questions: &[String],
        artefacts: &[&Artefact],
    ) -> Self {
        Self {
            id: visible(heading.id),
            number: heading.number.map(visible),
            wildcard: heading.wildcard,
            private: heading.private,
            to: heading.to,
            title: visible(title),
            from: from.map(visible),
            channel,
            body: paragraphs(body),
            questions: questions.iter().map(|q| visible(q)).collect(),
            artefacts: artefacts
                .iter()
                .map(|a| RoomArtefact {
                    kind: artefact_kind_name(a.kind),
                    title: a.title.as_deref().map(visible),
                    lines: verbatim_lines(&a.text),
                })
                .collect(),
        }
    }
}

/// How a channel reads in a sentence ("by phone call").
pub fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "email",
        Channel::Phone => "phone call",
        Channel::News => "news",
        Channel::Ticket => "ticket",
        Channel::Alert => "alert",
        Channel::Chat => "chat",
        Channel::Social => "social media",
        Channel::Letter => "letter",
        Channel::Meeting => "meeting",
    }
}

/// How an artefact's kind reads ("email", "log").
pub fn artefact_kind_name(kind: ArtefactKind) -> String {
    format!("{kind:?}").to_lowercase()
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;
    use crate::document::SourceFile;
    use crate::engine::{Command, ExerciseSetup};
    use crate::library::bundled_file;
    use crate::session::Exercise;

    fn engine_at_first_decision(edit: impl Fn(String) -> String) -> (Engine, DateTime<Utc>) {
        let tutorial = bundled_file("tutorial.toml").unwrap();
        let text = edit(tutorial.text.to_string());
        let exercise = Exercise::load(
            SourceFile::new(tutorial.name.clone(), text),
            bundled_file("plans/gdpr-midsize.toml").unwrap(),
        )
        .unwrap();
        let start: DateTime<Utc> = "2026-03-03T09:00:00Z".parse().unwrap();
        let mut engine = exercise.engine(ExerciseSetup::new(5), start);
        for (command, secs) in [(Command::Start, 0), (Command::DeliverNext, 40)] {
            for record in engine
                .handle(&command, start + TimeDelta::seconds(secs))
                .unwrap()
            {
                engine.apply(&record);
            }
        }
        (engine, start + TimeDelta::seconds(70))
    }

    #[test]
    fn the_room_sees_the_decision_and_nothing_meant_for_the_facilitator() {
        let (engine, now) = engine_at_first_decision(|t| t);
        let view = RoomView::of(&engine, now);
        let decision = view.decision.clone().unwrap();
        assert_eq!(
            decision.prompt,
            "What does IT Security do with the email right now?"
        );
        assert_eq!(decision.options.len(), 4);
        assert_eq!(decision.remaining_ms, Some(90_000));
        assert_eq!(view.clock, RoomClock::Running);
        assert!(
            RoomView::revealing(&engine, now, true).hot_wash.is_none(),
            "no reasons before the end, whatever is asked"
        );
        let everything = format!("{view:?}");
        let inject = &engine.scenario().injects[1];
        for hidden in [
            inject.facilitator.as_deref().unwrap(),
            inject.tip.as_deref().unwrap(),
        ] {
            let start: String = hidden.chars().take(30).collect();
            assert!(!everything.contains(&start), "{start:?} reached the room");
        }
        for option in &inject.decision.as_ref().unwrap().options {
            if let Some(why) = &option.why {
                let start: String = why.chars().take(30).collect();
                assert!(!everything.contains(&start), "{start:?} reached the room");
            }
        }
    }

    #[test]
    fn invisible_and_control_characters_never_reach_the_room() {
        let (engine, now) = engine_at_first_decision(|t| {
            // TOML escapes: the file carries them as text, the loader decodes them.
            t.replace("The service desk", r"The \u202Eservice\u200B desk\u001B[2J")
                .replace(
                    "Close the ticket as spam",
                    r"Close\u2066 the ticket as spam",
                )
        });
        let everything = format!("{:?}", RoomView::of(&engine, now));
        for bad in ['\u{202E}', '\u{200B}', '\u{1b}', '\u{2066}'] {
            assert!(!everything.contains(bad), "{bad:?} reached the room");
        }
        assert!(everything.contains("<U+202E>"), "{everything}");
    }
}
