//! The report as Markdown (CommonMark with GitHub tables). Text from files is
//! escaped so it cannot break a table or turn into markup.

use std::fmt::Write as _;

use super::format::{self, clock, evidence, margin, span};
use super::model::*;

/// Escapes text for a Markdown table cell or paragraph: one line, no markup.
fn md(text: &str) -> String {
    crate::text::markdown_inline(text)
}

/// Says which plan the exercise ran with and what differs, when it was
/// scored against another.
pub(super) fn other_plan_note(o: &Overview) -> Option<String> {
    if !o.other_plan {
        return None;
    }
    Some(format!(
        "scored against a different plan from the one the exercise ran with ({}); they differ in {}, which tabletop plan diff lists",
        o.ran_with.as_deref().unwrap_or("another plan"),
        o.plan_differences.as_deref().unwrap_or("what they hold")
    ))
}

pub fn markdown(report: &AfterActionReport) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, report);
    out
}

/// The executive summary: verdict, what matters most, the scores and their method.
fn write_summary(out: &mut String, r: &AfterActionReport) -> std::fmt::Result {
    let summary = &r.summary;
    writeln!(out, "## Summary\n")?;
    writeln!(out, "{}\n", md(&summary.verdict))?;
    let scores: Vec<String> = summary
        .scores
        .iter()
        .map(|s| match (s.name, s.value) {
            ("Plan tested", Some(v)) => format!("plan tested **{v}%**"),
            (name, Some(v)) => format!("{} **{v}/100**", name.to_lowercase()),
            (name, None) => format!("{} —", name.to_lowercase()),
        })
        .collect();
    writeln!(out, "{}\n", scores.join(" · "))?;
    if !summary.key_findings.is_empty() {
        writeln!(out, "What matters most:\n")?;
        for (n, f) in summary.key_findings.iter().enumerate() {
            writeln!(
                out,
                "{}. **{}** ({}): {}",
                n + 1,
                md(&f.title),
                f.consequence.label(),
                md(&f.detail)
            )?;
        }
        writeln!(out)?;
    }
    if !r.objectives.is_empty() {
        writeln!(out, "### Objectives\n")?;
        writeln!(
            out,
            "| Objective | Assessment | On the evidence of |\n|---|---|---|"
        )?;
        for o in &r.objectives {
            writeln!(
                out,
                "| {} | {} {} | {} |",
                md(&o.text),
                o.verdict.tone().mark(),
                o.verdict.label(),
                md(&o.evidence.join("; "))
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "*How the scores are built:* {}\n", md(&summary.method))
}

fn write_report(out: &mut String, r: &AfterActionReport) -> std::fmt::Result {
    let o = &r.overview;
    let s = &r.score;
    writeln!(out, "# After-action report: {}\n", md(&o.title))?;
    if !r.integrity.intact {
        writeln!(
            out,
            "> **Transcript not intact:** {}. This report covers the {} events before the damage.\n",
            md(r.integrity.problem.as_deref().unwrap_or_default()),
            r.integrity.events
        )?;
    }
    write_summary(out, r)?;

    writeln!(out, "## Exercise overview\n")?;
    writeln!(out, "| | |\n|---|---|")?;
    writeln!(
        out,
        "| Scenario | {} (`{}`) |",
        md(&o.title),
        md(&o.scenario)
    )?;
    writeln!(
        out,
        "| Plan | {} — {}, version {} (`{}`){} |",
        md(&o.plan_title),
        md(&o.organisation),
        md(&o.plan_version),
        md(&o.plan),
        other_plan_note(o).map_or(String::new(), |n| format!(" · {}", md(&n)))
    )?;
    writeln!(out, "| Date | {} UTC |", o.started.format("%Y-%m-%d %H:%M"))?;
    writeln!(
        out,
        "| Duration | {} of facilitation; story time {} to {}{} |",
        clock(o.duration_ms),
        o.story_from,
        o.story_to,
        if o.ended { "" } else { " (not ended)" }
    )?;
    writeln!(
        out,
        "| Injects | {} delivered, {} skipped; {} wildcard cards; seed {} |",
        o.injects_delivered, o.injects_skipped, o.cards_drawn, o.seed
    )?;
    if o.anonymous {
        let roles: Vec<String> = o.roles.iter().map(|r| md(&r.name)).collect();
        writeln!(out, "| Roles (anonymous) | {} |", roles.join(", "))?;
    } else {
        let people: Vec<String> = o
            .participants
            .iter()
            .map(|p| {
                let roles: Vec<String> = p.roles.iter().map(|id| role_name(id, r)).collect();
                format!("{} ({})", md(&p.name), roles.join(", "))
            })
            .collect();
        writeln!(out, "| Participants | {} |", people.join("; "))?;
    }
    writeln!(out)?;
    writeln!(out, "{}\n", md(&o.summary))?;
    if !o.objectives.is_empty() {
        writeln!(out, "Objectives:\n")?;
        for objective in &o.objectives {
            writeln!(out, "- {}", md(objective))?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Analysis by phase\n")?;
    writeln!(out, "| Phase | Score | Rating |\n|---|---:|---|")?;
    for p in &r.phases {
        writeln!(
            out,
            "| {} | {} | {} {} |",
            md(&p.name),
            format::score(p.score),
            format::rating(p.rating),
            format::rating_meaning(p.rating)
        )?;
    }
    writeln!(out)?;
    for p in r.phases.iter().filter(|p| !p.analysis.is_empty()) {
        writeln!(
            out,
            "**{}** ({})\n",
            md(&p.name),
            format::rating_meaning(p.rating)
        )?;
        for line in &p.analysis {
            writeln!(out, "- {}", md(line))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "| Action | Owner | Outcome | Points | Margin | Evidence |\n|---|---|---|---:|---:|---|"
    )?;
    for a in s
        .actions
        .iter()
        .filter(|a| a.outcome != crate::scoring::Outcome::NotExercised)
    {
        let outcome = match &a.done_by {
            Some(by) if by != &a.owner => {
                format!("{} (by {})", a.verdict().label(), role_name(by, r))
            }
            _ => a.verdict().label().to_string(),
        };
        writeln!(
            out,
            "| {} | {} | {} {} | {} | {} | {} |",
            md(&a.title),
            role_name(&a.owner, r),
            a.verdict().tone().mark(),
            outcome,
            format::action_points(a),
            a.margin_secs.map(margin).unwrap_or_default(),
            evidence(&a.evidence)
        )?;
    }
    writeln!(out)?;

    write_findings(out, "Strengths", &r.strengths)?;
    write_findings(out, "Areas for improvement", &r.improvements)?;
    if !r.notes.is_empty() {
        write_findings(out, "Trainer notes", &r.notes)?;
    }

    writeln!(out, "## Regulatory clocks\n")?;
    if r.clocks.is_empty() {
        writeln!(out, "No regulatory clock started in this exercise.\n")?;
    } else {
        writeln!(
            out,
            "| Obligation | Started | Due | Done | Status | Margin | Evidence |\n|---|---|---|---|---|---:|---|"
        )?;
        for c in &r.clocks {
            writeln!(
                out,
                "| {}{} | {} | {} | {} | {} | {} | {} |",
                md(&c.regime),
                c.authority
                    .as_ref()
                    .map(|a| format!(" — {}", md(a)))
                    .unwrap_or_default(),
                c.started,
                c.due,
                c.met_at
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "—".into()),
                c.status.label(),
                margin(c.margin_secs),
                evidence(&c.evidence)
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Decision log\n")?;
    if r.decisions.is_empty() {
        writeln!(out, "No decision point was reached.\n")?;
    } else {
        writeln!(
            out,
            "| Time | Inject | Options | Owner | Decision | Rationale | Evidence |\n|---|---|---|---|---|---|---|"
        )?;
        for d in &r.decisions {
            let options: Vec<String> = d
                .options
                .iter()
                .map(|o| {
                    let text = format!(
                        "{} ({}){}",
                        md(&o.label),
                        format::quality(o.quality),
                        votes(o.votes)
                    );
                    if o.chosen {
                        format!("**{text}**")
                    } else {
                        text
                    }
                })
                .collect();
            let decision = match d.state {
                DecisionState::Taken => format!(
                    "{} — {}{} after {}",
                    md(d.chosen.as_deref().unwrap_or_default()),
                    role_name(d.role.as_deref().unwrap_or_default(), r),
                    d.by.as_ref()
                        .map(|b| format!(" ({})", md(b)))
                        .unwrap_or_default(),
                    span(d.time_to_decide_ms.unwrap_or(0) / 1000)
                ),
                DecisionState::CountdownExpired => "no decision: countdown ran out".into(),
                DecisionState::MovedOn => "no decision: moved on".into(),
                DecisionState::Open => "open when the transcript stops".into(),
            };
            writeln!(
                out,
                "| {} ({}) | {}: {} | {} | {} | {} | {} | {} |",
                clock(d.delivered_elapsed_ms),
                d.delivered_story,
                md(&d.inject_title),
                md(&d.prompt),
                options.join("<br>"),
                d.owners
                    .iter()
                    .map(|o| role_name(o, r))
                    .collect::<Vec<_>>()
                    .join(", "),
                decision,
                [
                    d.rationale.as_deref().map(md),
                    d.why.as_deref().map(|w| format!("*Scenario:* {}", md(w)))
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("<br>"),
                evidence(&d.evidence)
            )?;
        }
        writeln!(out)?;
    }

    write_feedback(out, r)?;
    writeln!(out, "## Results by role\n")?;
    writeln!(
        out,
        "| Role | People | Score | Owned actions met on time | Missed | Covered for others | Decisions | Responses |\n|---|---|---:|---:|---:|---:|---:|---:|"
    )?;
    for role in &r.roles {
        writeln!(
            out,
            "| {} | {} | {} | {}/{} | {} | {} | {} | {} |",
            md(&role.name),
            md(&role.people.join(", ")),
            format::score(role.score),
            role.met_on_time,
            role.owned,
            role.missed,
            role.covered_for_others,
            role.decisions,
            role.responses
        )?;
    }
    writeln!(out)?;

    writeln!(out, "## Improvement plan\n")?;
    if r.improvement_plan.is_empty() {
        writeln!(out, "Nothing to improve was found in this exercise.\n")?;
    } else {
        writeln!(
            out,
            "| # | Issue | Corrective action | Owner | Priority | Capability | POETE | Start | Due | Status |\n|---:|---|---|---|---|---|---|---|---|---|"
        )?;
        for item in &r.improvement_plan {
            let objective = item
                .objective
                .as_ref()
                .map(|o| format!(" (objective: {})", md(o)))
                .unwrap_or_default();
            let contact = item
                .contact
                .as_ref()
                .map(|c| format!(" ({})", md(c)))
                .unwrap_or_default();
            writeln!(
                out,
                "| {} | {}{objective} | {} | {}{contact} | {} | {} | {} | {} | {} | {} |",
                item.number,
                md(&item.issue),
                md(&item.corrective_action),
                role_name(&item.owner, r),
                item.priority.name(),
                item.capability.as_deref().unwrap_or("—"),
                item.poete.name(),
                item.start,
                item.due,
                item.status
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Timeline\n")?;
    writeln!(
        out,
        "| # | Into the exercise | Story time | Event |\n|---:|---|---|---|"
    )?;
    for e in &r.timeline {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            e.seq,
            clock(e.elapsed_ms),
            e.story,
            md(&e.text)
        )?;
    }
    writeln!(out)?;

    let i = &r.integrity;
    writeln!(out, "## Transcript integrity\n")?;
    if i.intact {
        writeln!(
            out,
            "Intact: the header and {} events check out, and the hash chain is unbroken.\n",
            i.events
        )?;
    } else {
        writeln!(
            out,
            "**NOT intact**: {}. This report covers the {} events before it.\n",
            md(i.problem.as_deref().unwrap_or_default()),
            i.events
        )?;
    }
    writeln!(out, "- File: `{}`", i.file.replace('`', "'"))?;
    writeln!(out, "- SHA-256: `{}`", i.sha256)?;
    writeln!(out, "- Last line hash: `{}`", i.last_line_hash)?;
    writeln!(out, "- Scenario copy SHA-256: `{}`", i.scenario_sha256)?;
    writeln!(out, "- Plan copy SHA-256: `{}`", i.plan_sha256)?;
    writeln!(
        out,
        "\nCheck it again with `tabletop verify`. Numbers such as #12 are transcript sequence numbers."
    )?;
    Ok(())
}

fn write_findings(out: &mut String, heading: &str, findings: &[Finding]) -> std::fmt::Result {
    writeln!(out, "## {heading}\n")?;
    if findings.is_empty() {
        writeln!(out, "None recorded.\n")?;
    }
    for f in findings {
        writeln!(out, "### {}\n", md(&f.title))?;
        writeln!(out, "- **Observation:** {}", md(&f.observation))?;
        writeln!(out, "- **Analysis:** {}", md(&f.analysis))?;
        if !f.evidence.is_empty() {
            writeln!(out, "- **Evidence:** {}", evidence(&f.evidence))?;
        }
        if f.source == FindingSource::Annotation {
            writeln!(out, "- *From a trainer's annotation.*")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn role_name(id: &str, report: &AfterActionReport) -> String {
    md(&report.role_name(id))
}

/// " · 2 votes" after an option the seats voted for.
pub(super) fn votes(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " · 1 vote".into(),
        n => format!(" · {n} votes"),
    }
}

fn write_feedback(out: &mut String, r: &AfterActionReport) -> std::fmt::Result {
    use crate::seats::FeedbackSummary;

    let Some(feedback) = &r.participant_feedback else {
        return Ok(());
    };
    writeln!(out, "## Participant feedback\n")?;
    match feedback {
        FeedbackSummary::Withheld { answers } => writeln!(
            out,
            "{} answered the anonymous feedback form. Answers are shown once at least {} have, so that no one's can be told apart.\n",
            people(*answers),
            crate::seats::feedback::MINIMUM_ANSWERS
        )?,
        FeedbackSummary::Shown {
            answers,
            objectives,
            strengths,
            improvements,
            comments,
        } => {
            writeln!(
                out,
                "{} answered the anonymous feedback form. Totals only: no answer is shown with a seat, role or name.\n",
                people(*answers)
            )?;
            writeln!(
                out,
                "| Objective | Rated by | Mean (1–5) | 1 | 2 | 3 | 4 | 5 |\n|---|---:|---:|---:|---:|---:|---:|---:|"
            )?;
            for o in objectives {
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md(&o.text),
                    o.rated,
                    o.mean.map_or("—".to_string(), |m| format!("{m:.1}")),
                    o.counts.map(|c| c.to_string()).join(" | ")
                )?;
            }
            writeln!(out)?;
            for (heading, texts) in [
                ("Strengths", strengths),
                ("Areas for improvement", improvements),
                ("Other comments", comments),
            ] {
                if texts.is_empty() {
                    continue;
                }
                writeln!(out, "**{heading}**\n")?;
                for text in texts {
                    writeln!(out, "- {}", md(text))?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn people(n: usize) -> String {
    match n {
        1 => "One participant".into(),
        n => format!("{n} participants"),
    }
}
