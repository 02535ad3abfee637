//! Gathers the report from a replayed transcript and its score.

use crate::engine::{DecisionOutcome, Event, InjectStatus, Item, LapseReason};
use crate::plan::Plan;
use crate::redaction::NameRedactor;
use crate::replay::Replay;
use crate::scenario::Scenario;
use crate::scoring::{Outcome, ScoreReport, score};

use crate::annotations::{Annotation, AnnotationKind};

use super::describe::describe;
use super::findings;
use super::model::*;

/// The report for a replayed transcript, scored against `plan`.
pub fn build(replay: &Replay, plan: &Plan) -> AfterActionReport {
    build_with(replay, plan, &ReportOptions::default())
}

#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Leave out every name the transcript holds (participants, who said or
    /// decided what), for sharing beyond the room. Roles stay.
    pub anonymous: bool,
    /// Who the report is for: the public report is also anonymous.
    pub audience: super::Audience,
    /// Trainers' annotations; those that no longer match their event are left out.
    pub annotations: Vec<Annotation>,
    /// The participants' feedback forms, from the file beside the transcript.
    pub feedback: Vec<crate::seats::FeedbackForm>,
}

pub fn build_with(replay: &Replay, plan: &Plan, options: &ReportOptions) -> AfterActionReport {
    let anonymous = options.anonymous || options.audience.is_public();
    let engine = &replay.engine;
    let state = engine.state();
    let scenario = engine.scenario();
    let header = &replay.read.header;
    let anonymous = anonymous || header.anonymous;
    let score = score(state, scenario, plan);

    let role_name = |id: &str| {
        plan.role(id)
            .or_else(|| engine.plan().role(id))
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let other = plan.plan.id.as_str() != engine.plan().plan.id.as_str()
        || plan.plan.version != engine.plan().plan.version;
    let overview = Overview {
        scenario: scenario.scenario.id.to_string(),
        title: scenario.scenario.title.clone(),
        summary: scenario.scenario.summary.clone(),
        objectives: scenario.objective_texts(),
        plan: plan.plan.id.to_string(),
        plan_title: plan.plan.title.clone(),
        organisation: plan.plan.organisation.clone(),
        plan_version: plan.plan.version.clone(),
        other_plan: plan.plan.id.as_str() != engine.plan().plan.id.as_str()
            || plan.plan.version != engine.plan().plan.version,
        ran_with: other.then(|| {
            format!(
                "{} {}",
                engine.plan().plan.id.as_str(),
                engine.plan().plan.version
            )
        }),
        plan_differences: other.then(|| {
            let d = crate::plan::diff(engine.plan(), plan);
            if d.is_empty() {
                "no differences in roles, actions or obligations".to_string()
            } else {
                d.summary()
            }
        }),
        started: header.started,
        duration_ms: state.last_elapsed_ms,
        story_from: scenario.scenario.start_instant(),
        story_to: state.story_at(state.last_elapsed_ms),
        ended: replay.read.ended(),
        injects_delivered: state
            .inject_status
            .iter()
            .filter(|s| **s == InjectStatus::Delivered)
            .count(),
        injects_skipped: state
            .inject_status
            .iter()
            .filter(|s| matches!(s, InjectStatus::Skipped(_)))
            .count(),
        cards_drawn: state.cards_drawn,
        seed: header.seed,
        anonymous,
        participants: if anonymous {
            Vec::new()
        } else {
            header.participants.clone()
        },
        roles: header
            .roles
            .iter()
            .map(|id| RoleName {
                id: id.clone(),
                name: role_name(id),
            })
            .collect(),
    };

    let phases = score
        .phases
        .iter()
        .map(|p| PhaseAnalysis {
            id: p.group.id.clone(),
            name: plan.phase_name(&p.group.id).to_string(),
            rating: p.rating,
            score: p.group.score,
            analysis: findings::phase_analysis(&score, &p.group.id, &role_name),
        })
        .collect();

    let clocks = clocks(plan, &score);
    let decisions = decision_log(replay, scenario, anonymous);
    let roles = role_results(replay, plan, &score, &role_name, anonymous);
    let mut strengths = findings::strengths(plan, &score, &decisions, &role_name);
    let mut areas = findings::areas(plan, &score, &decisions, &role_name);
    let mut notes = Vec::new();
    for annotation in &options.annotations {
        let Some(record) = usize::try_from(annotation.seq)
            .ok()
            .and_then(|seq| replay.read.records.get(seq.wrapping_sub(1)))
            .filter(|_| replay.read.line_hash(annotation.seq) == Some(&annotation.line_hash))
        else {
            continue;
        };
        let finding =
            findings::from_annotation(annotation, record, scenario, engine.plan(), anonymous);
        match annotation.kind {
            AnnotationKind::Strength => strengths.push(finding),
            AnnotationKind::Improvement => {
                let owner = event_role(&record.event)
                    .map(str::to_string)
                    .or_else(|| plan.roles.first().map(|r| r.id.to_string()))
                    .unwrap_or_default();
                areas.push(findings::Area {
                    corrective_action: format!(
                        "Discuss at the debrief and agree what {} will do differently.",
                        role_name(&owner)
                    ),
                    finding,
                    priority: Priority::Medium,
                    owner,
                });
            }
            AnnotationKind::Note => notes.push(finding),
        }
    }
    areas.sort_by_key(|a| a.priority);
    let improvements = areas.iter().map(|a| a.finding.clone()).collect();
    let improvement_plan = super::improvement_plan::improvement_plan(
        &areas,
        plan,
        scenario,
        header.started.date_naive(),
    );

    let mut report = AfterActionReport {
        format: REPORT_FORMAT,
        summary: super::summary::summarise(&score, &clocks, plan),
        objectives: super::objectives::assess(scenario, plan, &score),
        overview,
        phases,
        strengths,
        improvements,
        notes,
        clocks,
        decisions,
        roles,
        improvement_plan,
        timeline: timeline(replay, scenario, anonymous, options.audience),
        integrity: Integrity {
            file: replay.path.display().to_string(),
            sha256: replay.sha256.clone(),
            events: replay.read.records.len(),
            intact: replay.read.damage.is_none(),
            problem: replay.read.damage.as_ref().map(ToString::to_string),
            last_line_hash: replay.read.last_hash.clone(),
            scenario_sha256: header.scenario.sha256.clone(),
            plan_sha256: header.plan.sha256.clone(),
        },
        role_names: engine
            .plan()
            .roles
            .iter()
            .chain(&plan.roles)
            .map(|r| (r.id.to_string(), r.name.clone()))
            .collect(),
        participant_feedback: (!options.feedback.is_empty())
            .then(|| crate::seats::FeedbackSummary::of(&options.feedback, scenario)),
        score,
    };
    // Names can hide in what people typed: take them out of every free text.
    if anonymous {
        let redactor = NameRedactor::new(&header.setup().participants, engine.plan());
        super::audience::anonymise(&mut report, &redactor);
    }
    report
}

fn clocks(plan: &Plan, score: &ScoreReport) -> Vec<Clock> {
    score
        .obligations
        .iter()
        .filter_map(|status| {
            let obligation = plan.obligation(&status.obligation)?;
            Some(Clock {
                obligation: status.obligation.clone(),
                regime: obligation.regime.clone(),
                authority: obligation.authority.clone(),
                trigger: obligation.from.to_string(),
                started: status.started,
                due: status.due,
                met_at: status.met_at,
                status: status.status,
                margin_secs: status.margin_secs,
                evidence: status.evidence.clone(),
            })
        })
        .collect()
}

fn decision_log(replay: &Replay, scenario: &Scenario, anonymous: bool) -> Vec<DecisionEntry> {
    let state = replay.engine.state();
    state
        .deliveries
        .iter()
        .filter_map(|d| match d.item {
            Item::Inject(i) => scenario.injects[i].decision.as_ref().map(|dec| (i, dec, d)),
            Item::Card(_) => None,
        })
        .map(|(i, decision, delivery)| {
            let inject = &scenario.injects[i];
            let record = state
                .decisions
                .iter()
                .filter(|r| r.inject == i)
                .find(|r| matches!(r.outcome, DecisionOutcome::Taken { .. }))
                .or_else(|| state.decisions.iter().filter(|r| r.inject == i).last());
            // Event `seq` is the record at `seq - 1`.
            let countdown_ms = usize::try_from(delivery.at.seq)
                .ok()
                .and_then(|seq| replay.read.records.get(seq.checked_sub(1)?))
                .and_then(|r| match &r.event {
                    Event::InjectDelivered { countdown_ms, .. } => *countdown_ms,
                    _ => None,
                });
            let (state_, chosen, speaker, text) = match record.map(|r| &r.outcome) {
                Some(DecisionOutcome::Taken {
                    option,
                    speaker,
                    text,
                }) => (
                    DecisionState::Taken,
                    Some(*option),
                    Some(speaker.clone()),
                    text.clone(),
                ),
                Some(DecisionOutcome::Lapsed(LapseReason::CountdownExpired)) => {
                    (DecisionState::CountdownExpired, None, None, None)
                }
                Some(DecisionOutcome::Lapsed(LapseReason::MovedOn)) => {
                    (DecisionState::MovedOn, None, None, None)
                }
                None => (DecisionState::Open, None, None, None),
            };
            let option = chosen.map(|o| &decision.options[o]);
            let votes = state.seats.tally(i, decision.options.len());
            let mut evidence = vec![delivery.at.seq];
            evidence.extend(record.map(|r| r.at.seq));
            DecisionEntry {
                inject: inject.id.to_string(),
                inject_title: inject.title.clone(),
                prompt: decision.prompt.clone(),
                delivered_elapsed_ms: delivery.at.elapsed_ms,
                delivered_story: delivery.at.story,
                countdown_ms,
                owners: decision.owners.iter().map(ToString::to_string).collect(),
                options: decision
                    .options
                    .iter()
                    .enumerate()
                    .map(|(n, o)| OptionEntry {
                        id: o.id.to_string(),
                        label: o.label.clone(),
                        quality: o.quality,
                        chosen: Some(n) == chosen,
                        votes: votes[n],
                        fulfils: o.fulfils.iter().map(ToString::to_string).collect(),
                        violates: o.violates.iter().map(ToString::to_string).collect(),
                    })
                    .collect(),
                state: state_,
                chosen: option.map(|o| o.label.clone()),
                role: speaker.as_ref().map(|s| s.role.clone()),
                by: speaker.and_then(|s| s.by).filter(|_| !anonymous),
                rationale: text,
                quality: option.map(|o| o.quality.unwrap_or(crate::scenario::Quality::Acceptable)),
                why: option.and_then(|o| o.why.clone()),
                time_to_decide_ms: record.map(|r| r.at.elapsed_ms - delivery.at.elapsed_ms),
                evidence,
            }
        })
        .collect()
}

fn role_results(
    replay: &Replay,
    plan: &Plan,
    score: &ScoreReport,
    role_name: &dyn Fn(&str) -> String,
    anonymous: bool,
) -> Vec<RoleResult> {
    let state = replay.engine.state();
    let scenario = replay.engine.scenario();
    let header = &replay.read.header;
    score
        .roles
        .iter()
        .map(|group| {
            let id = group.id.as_str();
            // The actions it owns that count in the score.
            let owned: Vec<_> = score
                .actions
                .iter()
                .filter(|a| a.owner == id && a.possible > 0.0)
                .collect();
            RoleResult {
                id: id.to_string(),
                name: role_name(id),
                people: header
                    .participants
                    .iter()
                    .filter(|p| !anonymous && p.roles.iter().any(|r| r == id))
                    .map(|p| p.name.clone())
                    .collect(),
                score: group.score,
                owned: owned.len(),
                met_on_time: owned.iter().filter(|a| a.outcome == Outcome::Met).count(),
                missed: owned
                    .iter()
                    .filter(|a| matches!(a.outcome, Outcome::Missed | Outcome::Violated))
                    .count(),
                covered_for_others: score
                    .actions
                    .iter()
                    .filter(|a| {
                        a.owner != id
                            && a.done_by.as_deref() == Some(id)
                            && plan
                                .action(&a.action)
                                .is_some_and(|pa| !pa.also.iter().any(|r| r.as_str() == id))
                    })
                    .count(),
                // A decision with several owners is theirs together: every
                // owner is credited, as is whoever gave it if not an owner.
                decisions: state
                    .decisions
                    .iter()
                    .filter(|d| {
                        let DecisionOutcome::Taken { speaker, .. } = &d.outcome else {
                            return false;
                        };
                        let owners = scenario.injects[d.inject]
                            .decision
                            .as_ref()
                            .map_or(&[][..], |x| x.owners.as_slice());
                        speaker.role == id || owners.iter().any(|o| o.as_str() == id)
                    })
                    .count(),
                responses: state
                    .responses
                    .iter()
                    .filter(|r| r.speaker.role == id)
                    .count(),
            }
        })
        .filter(|r| r.owned > 0 || r.decisions > 0 || r.responses > 0 || !r.people.is_empty())
        .collect()
}

fn timeline(
    replay: &Replay,
    scenario: &Scenario,
    anonymous: bool,
    audience: super::Audience,
) -> Vec<TimelineEntry> {
    replay
        .read
        .records
        .iter()
        // Pausing and speeding the clock is how the room ran, not what the team did.
        .filter(|r| {
            !matches!(
                r.event,
                Event::ClockPaused
                    | Event::ClockResumed
                    | Event::SpeedChanged { .. }
                    | Event::ClockJumped { .. }
            )
        })
        .filter(|r| {
            audience.sees_facilitator_notes()
                || !matches!(
                    r.event,
                    Event::NoteAdded { .. } | Event::NoteWithdrawn { .. }
                )
        })
        .map(|r| TimelineEntry {
            seq: r.seq,
            elapsed_ms: r.elapsed_ms,
            story: r.story,
            kind: r.event.kind(),
            text: describe(&r.event, scenario, replay.engine.plan(), anonymous),
        })
        .collect()
}

/// The role an event was taken by, if it names one.
fn event_role(event: &Event) -> Option<&str> {
    match event {
        Event::DecisionTaken { role, .. }
        | Event::ResponseRecorded { role, .. }
        | Event::ActionObserved { role, .. } => Some(role),
        _ => None,
    }
}
