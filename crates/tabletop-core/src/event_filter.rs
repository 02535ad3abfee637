//! Which events of a transcript a reviewer wants to see: by kind, by the role
//! that acted, by the plan phase an event touches, and by words in it.

use crate::engine::Event;
use crate::plan::Plan;
use crate::report::describe;
use crate::scenario::Scenario;

/// Kinds of event the type filter offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Injects,
    Decisions,
    Responses,
    Actions,
    Notes,
    Clock,
}

impl EventKind {
    pub const ALL: [Self; 6] = [
        Self::Injects,
        Self::Decisions,
        Self::Responses,
        Self::Actions,
        Self::Notes,
        Self::Clock,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Injects => "injects",
            Self::Decisions => "decisions",
            Self::Responses => "responses",
            Self::Actions => "actions",
            Self::Notes => "notes",
            Self::Clock => "clock",
        }
    }

    pub fn of(event: &Event) -> Self {
        match event {
            Event::InjectDelivered { .. }
            | Event::InjectSkipped { .. }
            | Event::WildcardDrawn { .. } => Self::Injects,
            Event::DecisionOpened { .. }
            | Event::CountdownExtended { .. }
            | Event::CountdownHeld { .. }
            | Event::DecisionTaken { .. }
            | Event::DecisionLapsed { .. }
            | Event::VoteCast { .. } => Self::Decisions,
            Event::ResponseRecorded { .. }
            | Event::ResponseCorrected { .. }
            | Event::ResponseWithdrawn { .. } => Self::Responses,
            Event::ActionObserved { .. } | Event::ObservationWithdrawn { .. } => Self::Actions,
            Event::NoteAdded { .. } | Event::NoteWithdrawn { .. } => Self::Notes,
            _ => Self::Clock,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub role: Option<String>,
    pub phase: Option<String>,
    pub kind: Option<EventKind>,
}

impl EventFilter {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether an event passes the filter.
    pub fn passes(&self, event: &Event, scenario: &Scenario, plan: &Plan) -> bool {
        if let Some(kind) = self.kind
            && EventKind::of(event) != kind
        {
            return false;
        }
        if let Some(role) = &self.role {
            let by_role = match event {
                Event::DecisionTaken { role: r, .. }
                | Event::ResponseRecorded { role: r, .. }
                | Event::VoteCast { role: r, .. }
                | Event::ActionObserved { role: r, .. } => r == role,
                _ => false,
            };
            if !by_role {
                return false;
            }
        }
        if let Some(phase) = &self.phase {
            let in_phase = |action: &str| {
                plan.action(action)
                    .is_some_and(|a| a.phase.as_str() == phase)
            };
            let touches = match event {
                Event::ActionObserved { action, .. }
                | Event::ObservationWithdrawn { action, .. } => in_phase(action),
                Event::InjectDelivered { inject, .. } => scenario
                    .inject(inject)
                    .is_some_and(|i| i.expects.iter().any(|a| in_phase(a))),
                Event::WildcardDrawn { card, .. } => scenario
                    .card(card)
                    .is_some_and(|c| c.expects.iter().any(|a| in_phase(a))),
                Event::DecisionTaken { inject, option, .. } => scenario
                    .option(inject, option)
                    .is_some_and(|o| o.fulfils.iter().chain(&o.violates).any(|a| in_phase(a))),
                _ => false,
            };
            if !touches {
                return false;
            }
        }
        true
    }
}

/// The text a search looks in, lower-cased: the event's line of words, and
/// an inject's whole body.
pub fn search_text(event: &Event, scenario: &Scenario, plan: &Plan) -> String {
    let mut text = describe(event, scenario, plan, false);
    if let Event::InjectDelivered { inject, .. } = event
        && let Some(i) = scenario.inject(inject)
    {
        text.push(' ');
        text.push_str(&i.body);
    }
    text.to_lowercase()
}
