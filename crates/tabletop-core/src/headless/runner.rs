//! Runs a whole exercise from a response script on a virtual clock: no terminal,
//! no waiting, and the same inputs always give the same transcript.

use chrono::{DateTime, TimeDelta, Utc};

use crate::engine::{Command, DecisionOutcome, Engine, EventRecord, Item, Speaker, Status};
use crate::session::{Session, SessionError};
use crate::time::HumanDuration;

use super::script::{Script, Step};

/// What a headless run did, for the person who started it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub events: usize,
    pub steps_run: usize,
    /// Steps whose inject or card was never delivered on this run's path.
    pub steps_not_run: Vec<String>,
    /// Step parts the engine refused.
    pub refused: Vec<String>,
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
) -> Result<RunReport, SessionError> {
    let start = script.start();
    let manual_delay = script
        .script
        .manual_delay
        .unwrap_or(HumanDuration::from_secs(120))
        .as_secs() as i64
        * 1000;
    let mut report = RunReport::default();
    // The virtual clock never pauses and runs at 1×, so wall time is start + elapsed.
    let wall = |elapsed_ms: i64| start + TimeDelta::milliseconds(elapsed_ms);

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
            Err(SessionError::Refused(refusal)) => {
                report.refused.push(refusal.to_string());
                Ok(())
            }
            Err(other) => Err(other),
        }
    };

    match session.engine().state().status {
        Status::NotStarted => exec(session, &Command::Start, start, &mut report)?,
        Status::InProgress => {
            let at = wall(session.engine().state().last_elapsed_ms);
            exec(session, &Command::MarkResumed, at, &mut report)?;
            exec(session, &Command::Resume, at, &mut report)?;
        }
        Status::Ended => return Ok(report),
    }

    // Bounded: each pass records at least one event or runs a step.
    let limit = 20 * (script.steps.len() + session.engine().scenario().injects.len() + 10);
    for _ in 0..limit {
        let engine = session.engine();
        if engine.state().status == Status::Ended {
            break;
        }
        let now = engine.state().last_elapsed_ms;
        let step_due = script
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| !step_done(engine, s))
            .filter_map(|(i, s)| {
                delivered_at(engine, s).map(|d| ((d + s.after.as_secs() as i64 * 1000).max(now), i))
            })
            .min();
        let engine_due = engine.next_due_ms();
        match (step_due, engine_due) {
            (Some((t, i)), e) if e.is_none_or(|e| t <= e) => {
                run_step(session, &script.steps[i], wall(t), &mut report, &mut exec)?;
                report.steps_run += 1;
            }
            (_, Some(e)) => exec(session, &Command::Tick, wall(e.max(now)), &mut report)?,
            (None, None) => {
                let at = wall(now + manual_delay);
                let command = if session.engine().state().flow_complete() {
                    Command::End
                } else {
                    Command::DeliverNext
                };
                exec(session, &command, at, &mut report)?;
            }
            (Some(_), None) => unreachable!("covered by the first arm"),
        }
    }
    if session.engine().state().status != Status::Ended {
        let at = wall(session.engine().state().last_elapsed_ms);
        exec(session, &Command::End, at, &mut report)?;
    }
    let engine = session.engine();
    report.steps_not_run = script
        .steps
        .iter()
        .filter(|s| delivered_at(engine, s).is_none())
        .map(|s| format!("{} ({})", s.inject.as_str(), s.role.as_str()))
        .collect();
    report.elapsed_ms = engine.state().last_elapsed_ms;
    Ok(report)
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
    now - TimeDelta::milliseconds(engine.state().elapsed_at(now) - elapsed_ms)
}

/// Facilitation time at which the step's inject or card was first delivered.
fn delivered_at(engine: &Engine, step: &Step) -> Option<i64> {
    let item = engine.index().item(&step.inject)?;
    engine
        .state()
        .deliveries
        .iter()
        .find(|d| d.item == item)
        .map(|d| d.at.elapsed_ms)
}

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
