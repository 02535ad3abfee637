//! What an action's outcome means, decided once: its words, the tone every
//! view maps to its own colours, its mark, and whether it is a gap the team
//! should look at. The console, review, compare, score text and every report
//! format ask here instead of matching on outcomes themselves.

use serde::Serialize;

use super::{ActionScore, ObligationState, Outcome};

/// An outcome read together with whether the action was only recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Met,
    MetLate,
    MetByOtherRole,
    MetLateByOtherRole,
    Missed,
    /// A recommended action left undone: no points lost, and not a miss.
    RecommendedNotDone,
    Violated,
    NotExercised,
    Open,
    OpenAtEnd,
    NotStarted,
}

/// How a verdict should look: each view maps a tone to its own palette
/// (terminal colours, CSS classes, report marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Done as the plan asks.
    Pass,
    /// Done, but late or by another role: partial credit.
    Partial,
    /// Missed or violated.
    Fail,
    /// Nothing to judge: not exercised, still open, or recommended and not done.
    Muted,
}

impl ActionScore {
    pub fn verdict(&self) -> Verdict {
        Verdict::of(self.outcome, self.recommended)
    }
}

impl Verdict {
    pub fn of(outcome: Outcome, recommended: bool) -> Self {
        match outcome {
            Outcome::Met => Self::Met,
            Outcome::MetLate => Self::MetLate,
            Outcome::MetByOtherRole => Self::MetByOtherRole,
            Outcome::MetLateByOtherRole => Self::MetLateByOtherRole,
            Outcome::Missed if recommended => Self::RecommendedNotDone,
            Outcome::Missed => Self::Missed,
            Outcome::Violated => Self::Violated,
            Outcome::NotExercised => Self::NotExercised,
            Outcome::Open => Self::Open,
            Outcome::OpenAtEnd => Self::OpenAtEnd,
            Outcome::NotStarted => Self::NotStarted,
        }
    }

    /// The words every view uses for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::MetLate => "met late",
            Self::MetByOtherRole => "other role",
            Self::MetLateByOtherRole => "late, other role",
            Self::Missed => "MISSED",
            Self::RecommendedNotDone => "not done (recommended)",
            Self::Violated => "VIOLATED",
            Self::NotExercised => "not exercised",
            Self::Open => "open",
            Self::OpenAtEnd => "not yet due",
            Self::NotStarted => "not started",
        }
    }

    /// A word or two for narrow columns, such as the console's end screen.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::MetLate | Self::MetLateByOtherRole => "late",
            Self::MetByOtherRole => "other",
            Self::RecommendedNotDone => "not done",
            other => other.label(),
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Self::Met => Tone::Pass,
            Self::MetLate | Self::MetByOtherRole | Self::MetLateByOtherRole => Tone::Partial,
            Self::Missed | Self::Violated => Tone::Fail,
            Self::RecommendedNotDone
            | Self::NotExercised
            | Self::Open
            | Self::OpenAtEnd
            | Self::NotStarted => Tone::Muted,
        }
    }

    /// Something the team should look at: a miss, a violation, lateness or
    /// the wrong role. A recommended step left undone is not one.
    pub fn is_gap(self) -> bool {
        matches!(
            self,
            Self::Violated
                | Self::Missed
                | Self::MetLate
                | Self::MetLateByOtherRole
                | Self::MetByOtherRole
        )
    }

    /// Worst first, for lists of gaps: violations, misses, lateness, the rest.
    pub fn severity_rank(self) -> u8 {
        match self {
            Self::Violated => 0,
            Self::Missed => 1,
            Self::MetLate | Self::MetLateByOtherRole => 2,
            _ => 3,
        }
    }
}

impl ObligationState {
    /// The words every view uses for a regulatory or contractual clock.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::MetLate => "met late",
            Self::Missed => "MISSED",
            Self::OpenAtEnd => "not yet due",
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Self::Met => Tone::Pass,
            Self::MetLate => Tone::Partial,
            Self::Missed => Tone::Fail,
            Self::OpenAtEnd => Tone::Muted,
        }
    }
}

impl Tone {
    /// The mark beside an action in Markdown: ✅ passed, ⚠️ partial credit,
    /// ❌ failed, ➖ nothing to judge.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Pass => "✅",
            Self::Partial => "⚠️",
            Self::Fail => "❌",
            Self::Muted => "➖",
        }
    }

    /// The class name pages style it with.
    pub fn class(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Partial => "partial",
            Self::Fail => "fail",
            Self::Muted => "muted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recommended_step_left_undone_is_muted_and_no_gap() {
        let v = Verdict::of(Outcome::Missed, true);
        assert_eq!(v.label(), "not done (recommended)");
        assert_eq!(v.tone(), Tone::Muted);
        assert!(!v.is_gap());
        let required = Verdict::of(Outcome::Missed, false);
        assert_eq!(required.tone(), Tone::Fail);
        assert!(required.is_gap());
    }

    #[test]
    fn partial_credit_is_a_gap_and_reads_as_partial() {
        for outcome in [
            Outcome::MetLate,
            Outcome::MetByOtherRole,
            Outcome::MetLateByOtherRole,
        ] {
            let v = Verdict::of(outcome, false);
            assert_eq!(v.tone(), Tone::Partial, "{outcome:?}");
            assert!(v.is_gap(), "{outcome:?}");
        }
        assert!(!Verdict::of(Outcome::Met, false).is_gap());
        assert!(!Verdict::of(Outcome::NotExercised, false).is_gap());
        assert!(!Verdict::of(Outcome::Open, false).is_gap());
    }

    #[test]
    fn a_violation_ranks_before_a_miss_before_lateness() {
        let rank = |o| Verdict::of(o, false).severity_rank();
        assert!(rank(Outcome::Violated) < rank(Outcome::Missed));
        assert!(rank(Outcome::Missed) < rank(Outcome::MetLate));
        assert!(rank(Outcome::MetLate) < rank(Outcome::MetByOtherRole));
    }
}
