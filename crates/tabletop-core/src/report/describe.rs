//! One line of plain words for each transcript event, as the report's
//! timeline and the review screen show it.

use crate::engine::{Event, LapseReason, SkipReason};
use crate::plan::Plan;
use crate::scenario::Scenario;
use crate::text::visible;

use super::format::span;

/// What happened, with who did it (roles only when `anonymous`), in the
/// names the scenario and the exercise's plan give things.
pub fn describe(event: &Event, scenario: &Scenario, plan: &Plan, anonymous: bool) -> String {
    let title = |id: &str| {
        scenario
            .inject(id)
            .map(|i| i.title.as_str())
            .or_else(|| scenario.card(id).map(|c| c.title.as_str()))
            .unwrap_or(id)
            .to_string()
    };
    let role_name = |role: &str| {
        plan.role(role)
            .map_or_else(|| role.to_string(), |r| r.name.clone())
    };
    let who = |role: &str, by: &Option<String>| match by {
        Some(name) if !anonymous => format!("{name} ({})", role_name(role)),
        _ => role_name(role),
    };
    let option_label = |inject: &str, option: &str| {
        scenario
            .option(inject, option)
            .map_or_else(|| option.to_string(), |o| o.label.clone())
    };
    let action_title = |id: &str| {
        plan.action(id)
            .map_or_else(|| id.to_string(), |a| a.title.clone())
    };
    let text = match event {
        Event::ExerciseStarted => "Exercise started".to_string(),
        Event::ExerciseResumed => "Exercise resumed after an interruption".to_string(),
        Event::ClockPaused => "Clock paused".to_string(),
        Event::ClockResumed => "Clock running".to_string(),
        Event::SpeedChanged { speed } => format!("Clock speed {speed}"),
        Event::ClockJumped { by_ms } => format!("Clock moved forward {}", span(by_ms / 1000)),
        Event::StoryJumped { by_secs } => {
            format!("Story time moved forward {}", span(*by_secs))
        }
        Event::InjectDelivered { inject, .. } => format!("Inject: {}", title(inject)),
        Event::InjectSkipped { inject, reason } => format!(
            "Skipped: {} ({})",
            title(inject),
            match reason {
                SkipReason::ConditionNotMet => "its condition did not hold",
                SkipReason::Branch => "a decision branched past it",
                SkipReason::Facilitator => "the facilitator went past it",
            }
        ),
        Event::WildcardDrawn { card, .. } => format!("Wildcard: {}", title(card)),
        Event::DecisionOpened { inject, .. } => format!("Decision reopened: {}", title(inject)),
        Event::DecisionTaken {
            inject,
            option,
            role,
            by,
            ..
        } => format!(
            "Decision: {} — {}",
            option_label(inject, option),
            who(role, by)
        ),
        Event::DecisionLapsed { inject, reason } => match reason {
            LapseReason::CountdownExpired => {
                format!("No decision: the countdown ran out on {}", title(inject))
            }
            LapseReason::MovedOn => format!("No decision: moved on from {}", title(inject)),
        },
        Event::ResponseRecorded { role, by, text, .. } => format!("{}: {text}", who(role, by)),
        Event::ActionObserved {
            action, role, by, ..
        } => format!("Action seen: {} — {}", action_title(action), who(role, by)),
        Event::ObservationWithdrawn { action, .. } => {
            format!("Action withdrawn: {}", action_title(action))
        }
        Event::NoteAdded { text, .. } => format!("Facilitator note: {text}"),
        Event::ResponseCorrected { response_seq, text } => {
            format!("Response of event {response_seq} corrected: {text}")
        }
        Event::ResponseWithdrawn { response_seq } => {
            format!("Response of event {response_seq} taken back")
        }
        Event::CountdownExtended { inject, by_ms } => format!(
            "Countdown extended by {} on {}",
            span(by_ms / 1000),
            title(inject)
        ),
        Event::CountdownHeld { inject } => format!("Countdown stopped on {}", title(inject)),
        Event::NoteWithdrawn { note_seq } => {
            format!("Facilitator note of event {note_seq} taken back")
        }
        Event::ExerciseEnded { .. } => "Exercise ended".to_string(),
        Event::SeatJoined {
            seat, kind, roles, ..
        } => {
            let roles: Vec<String> = roles.iter().map(|r| role_name(r)).collect();
            match kind {
                crate::engine::SeatKind::Role | crate::engine::SeatKind::Person => {
                    format!("Seat {seat} joined ({})", roles.join(", "))
                }
                other => format!("Seat {seat} joined ({})", other.name()),
            }
        }
        Event::SeatLeft { seat } => format!("Seat {seat} left"),
        Event::VoteCast {
            inject,
            option,
            role,
            by,
            ..
        } => format!("Vote: {} — {}", option_label(inject, option), who(role, by)),
    };
    visible(&text)
}
