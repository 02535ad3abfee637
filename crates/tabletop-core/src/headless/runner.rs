//! Runs a whole exercise from a response script on a virtual clock: no terminal,
//! no waiting, and the same inputs always give the same transcript.

use chrono::{DateTime, TimeDelta, Utc};

use crate::engine::{Command, DecisionOutcome, Engine, EventRecord, Item, Speaker, Status};
use crate::session::{Session, SessionError};
use crate::time::HumanDuration;

use super::script::{Script, Step};
use super::step_queue::StepQueue;

/// Why a headless run stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The engine refused what a step (or the run itself) asked for. The run
    /// stops there, before anything irreversible such as the end is recorded.
    #[error("{reason}")]
    Refused {
        /// Where the step's `inject` is written in the script, when a step asked.
        span: Option<std::ops::Range<usize>>,
        reason: String,
    },
}

impl RunError {
    fn at_step(self, step: &Step) -> Self {
        let reason = match self {
            Self::Session(SessionError::Refused(refusal)) => refusal.to_string(),
            Self::Refused { reason, .. } => reason,
            other => return other,
        };
        Self::Refused {
            span: Some(step.inject.span()),
            reason: format!(
                "the step for \"{}\" was refused: {reason}",
                step.inject.as_str()
            ),
        }
    }
}

/// What a headless run did, for the person who started it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub events: usize,
    pub steps_run: usize,
    /// Steps whose inject or card was never delivered on this run's path.
    pub steps_not_run: Vec<String>,
    /// Decisions a step answered after the countdown had run out: recorded as not taken.
    pub too_late: Vec<String>,
    pub elapsed_ms: i64,
}

/// Plays `script` through `session` until the exercise ends. `on_recorded` sees
/// every event once it is on disk.
pub fn run_script(
    session: &mut Session,
    script: &Script,
    mut on_recorded: impl FnMut(&EventRecord),
) -> Result<RunReport, RunError> {
    let resolved = script.resolved(session.engine().plan());
    let script = &resolved;
    let start = script.start();
    let manual_delay = script
        .script
        .manual_delay
        .unwrap_or(HumanDuration::from_secs(120))
        .as_secs() as i64
        * 1000;
    let mut report = RunReport::default();
    // The virtual clock never pauses and runs at 1×, so wall time is start + elapsed.
    let wall = |elapsed_ms: i64| {
        TimeDelta::try_milliseconds(elapsed_ms)
            .and_then(|d| start.checked_add_signed(d))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    };

    let mut exec = |session: &mut Session,
                    command: &Command,
                    at: DateTime<Utc>,
                    report: &mut RunReport|
     -> Result<(), SessionError> {
        match session.execute(command, at) {
            Ok(records) => {
                report.events += records.len();
                records.iter().for_each(&mut on_recorded);
                Ok(())
            }
            Err(error) => Err(error),
        }
    };

    match session.engine().state().status {
        Status::NotStarted => {
            exec(session, &Command::Start, start, &mut report).map_err(refused)?
        }
        Status::InProgress => {
            let at = wall(session.engine().state().last_elapsed_ms);
            exec(session, &Command::MarkResumed, at, &mut report).map_err(refused)?;
            exec(session, &Command::Resume, at, &mut report).map_err(refused)?;
        }
        Status::Ended => return Ok(report),
    }

    // Bounded: each pass records at least one event or runs a step.
    let limit = 20 * (script.steps.len() + session.engine().scenario().injects.len() + 10);
    let mut queue = StepQueue::new(session.engine(), &script.steps);
    for _ in 0..limit {
        let engine = session.engine();
        if engine.state().status == Status::Ended {
            break;
        }
        let now = engine.state().last_elapsed_ms;
        let step_due = queue.next(engine, &script.steps, |s| step_done(engine, s));
        let engine_due = engine.next_due_ms();
        match (step_due, engine_due) {
            (Some((t, i)), e) if e.is_none_or(|e| t <= e) => {
                let step = &script.steps[i];
                run_step(session, step, wall(t), &mut report, &mut exec)
                    .map_err(|e| RunError::from(e).at_step(step))?;
                queue.retire(i);
                report.steps_run += 1;
            }
            (_, Some(e)) => {
                exec(session, &Command::Tick, wall(e.max(now)), &mut report).map_err(refused)?
            }
            (None, None) => {
                let at = wall(now + manual_delay);
                let command = if session.engine().state().flow_complete() {
                    Command::End
                } else {
                    Command::DeliverNext
                };
                exec(session, &command, at, &mut report).map_err(refused)?;
            }
            (Some(_), None) => unreachable!("covered by the first arm"),
        }
    }
    if session.engine().state().status != Status::Ended {
        let at = wall(session.engine().state().last_elapsed_ms);
        exec(session, &Command::End, at, &mut report).map_err(refused)?;
    }
    let engine = session.engine();
    let delivered: std::collections::HashSet<Item> =
        engine.state().deliveries.iter().map(|d| d.item).collect();
    report.steps_not_run = script
        .steps
        .iter()
        .filter(|s| {
            engine
                .index()
                .item(&s.inject)
                .is_none_or(|item| !delivered.contains(&item))
        })
        .map(|s| format!("{} ({})", s.inject.as_str(), s.role.as_str()))
        .collect();
    report.elapsed_ms = engine.state().last_elapsed_ms;
    Ok(report)
}

/// A refusal of the run's own commands (start, tick, next, end).
fn refused(error: SessionError) -> RunError {
    match error {
        SessionError::Refused(refusal) => RunError::Refused {
            span: None,
            reason: refusal.to_string(),
        },
        other => RunError::Session(other),
    }
}

type Exec<'a> = dyn FnMut(&mut Session, &Command, DateTime<Utc>, &mut RunReport) -> Result<(), SessionError>
    + 'a;

fn run_step(
    session: &mut Session,
    step: &Step,
    at: DateTime<Utc>,
    report: &mut RunReport,
    exec: &mut Exec<'_>,
) -> Result<(), SessionError> {
    let item = step.inject.to_string();
    let speaker = Speaker {
        role: step.role.to_string(),
        by: step.by.clone(),
    };
    // Bring the engine up to this moment first, so a countdown that ran out is seen.
    exec(session, &Command::Tick, at, report)?;
    if step.option.is_some() && decision_settled(session.engine(), step) {
        let engine = session.engine();
        let lapsed = engine
            .index()
            .injects
            .get(step.inject.as_str())
            .and_then(|&i| engine.state().decision_for(i));
        if let Some(record) = lapsed.filter(|r| matches!(r.outcome, DecisionOutcome::Lapsed(_)))
            && !report
                .too_late
                .iter()
                .any(|t| t.starts_with(&format!("{item} ")))
        {
            let late_by = at
                .signed_duration_since(session_wall(record.at.elapsed_ms, at, engine))
                .num_seconds();
            report.too_late.push(format!(
                "{item} ({}, {late_by}s after the countdown ran out)",
                step.role.as_str()
            ));
        }
    }
    if let Some(option) = &step.option
        && !decision_settled(session.engine(), step)
    {
        let command = Command::Decide {
            inject: item.clone(),
            option: option.to_string(),
            speaker: speaker.clone(),
            text: step.text.clone(),
        };
        exec(session, &command, at, report)?;
    }
    if let Some(text) = &step.text
        && !text_recorded(session.engine(), step, text)
    {
        let command = Command::Respond {
            item: item.clone(),
            speaker: speaker.clone(),
            text: text.clone(),
        };
        exec(session, &command, at, report)?;
    }
    for observed in &step.observe {
        let role = observed.role(&step.role);
        if !observed_already(session.engine(), step, observed.action(), role) {
            let by = step.by.clone().filter(|_| role == step.role.as_str());
            let command = Command::Observe {
                action: observed.action().to_string(),
                speaker: Speaker {
                    role: role.to_string(),
                    by,
                },
                item: Some(item.clone()),
            };
            exec(session, &command, at, report)?;
        }
    }
    if let Some(note) = &step.note
        && !session
            .engine()
            .state()
            .notes
            .iter()
            .any(|n| n.text == note.trim_end())
    {
        exec(
            session,
            &Command::Note {
                text: note.clone(),
                item: Some(item),
            },
            at,
            report,
        )?;
    }
    Ok(())
}

/// The wall time of a facilitation moment on the virtual clock (1×, never paused).
fn session_wall(elapsed_ms: i64, now: DateTime<Utc>, engine: &Engine) -> DateTime<Utc> {
    let behind = engine.state().elapsed_at(now).saturating_sub(elapsed_ms);
    TimeDelta::try_milliseconds(behind)
        .and_then(|d| now.checked_sub_signed(d))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Facilitation time at which the step's inject or card was first delivered.
// A step is done when everything it says is already in the state. Checking the
// state, not a list of steps run, makes a resumed run pick up exactly where the
// interrupted one stopped.
fn step_done(engine: &Engine, step: &Step) -> bool {
    let option_done = step.option.is_none() || decision_settled(engine, step);
    let text_done = step
        .text
        .as_ref()
        .is_none_or(|t| text_recorded(engine, step, t));
    let observed_done = step
        .observe
        .iter()
        .all(|o| observed_already(engine, step, o.action(), o.role(&step.role)));
    let note_done = step
        .note
        .as_ref()
        .is_none_or(|n| engine.state().notes.iter().any(|x| x.text == n.trim_end()));
    option_done && text_done && observed_done && note_done
}

fn decision_settled(engine: &Engine, step: &Step) -> bool {
    let Some(&inject) = engine.index().injects.get(step.inject.as_str()) else {
        return true;
    };
    let state = engine.state();
    let open = state
        .open_decision
        .as_ref()
        .is_some_and(|o| o.inject == inject);
    !open && state.decisions.iter().any(|d| d.inject == inject)
}

fn text_recorded(engine: &Engine, step: &Step, text: &str) -> bool {
    let Some(item) = engine.index().item(&step.inject) else {
        return true;
    };
    let text = text.trim_end();
    let state = engine.state();
    let as_response = state
        .responses
        .iter()
        .any(|r| r.item == item && r.speaker.role == step.role.as_str() && r.text == text);
    let as_rationale = matches!(item, Item::Inject(i) if state.decisions.iter().any(|d| d.inject == i
        && matches!(&d.outcome, DecisionOutcome::Taken { text: Some(t), .. } if t == text)));
    as_response || as_rationale
}

fn observed_already(engine: &Engine, step: &Step, action: &str, role: &str) -> bool {
    let item = engine.index().item(&step.inject);
    engine
        .state()
        .standing_observations()
        .any(|o| o.action == action && o.speaker.role == role && o.item == item)
}
