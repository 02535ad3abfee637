//! The report as one self-contained HTML file: inline CSS and SVG, no scripts,
//! nothing loaded from elsewhere, printable from a browser. maud escapes every
//! piece of text, so nothing from a file can become markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::scoring::Outcome;
use crate::text::visible;

use super::charts;
use super::format::{self, clock, margin, span};
use super::model::*;

const STYLE: &str = r#"
:root { --ink: #1d1d1f; --muted: #5f5f66; --line: #d9d9de; --good: #2e7d32; --warn: #8a5000; --bad: #c62828; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); max-width: 1040px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted, .tick { color: var(--muted); fill: var(--muted); }
.tick { font-size: 11px; }
svg { font: 12px system-ui, sans-serif; max-width: 100%; height: auto; }
.headline { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.headline div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .9rem; }
.headline b { display: block; font-size: 1.5rem; }
.pass { color: var(--good); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
.partial { color: var(--warn); font-weight: 600; }
.rating { display: inline-block; min-width: 1.6em; text-align: center; color: #fff; border-radius: 4px; font-weight: 700; }
.finding { border-left: 4px solid var(--line); padding: .1rem .8rem; margin: .8rem 0; }
.finding.strength { border-color: var(--good); }
.finding.improve { border-color: var(--warn); }
.warning { border: 2px solid var(--bad); padding: .6rem .9rem; border-radius: 6px; }
code { font-size: .85em; word-break: break-all; }
.chosen { font-weight: 700; }
td ul { margin: 0; padding-left: 1.1rem; }
td.date { white-space: nowrap; }
a { color: #1a4f9c; }
tr:target { outline: 2px solid #1a4f9c; }
.summary .verdict { font-size: 1.1rem; }
.tag { font-size: .8em; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3em; color: var(--muted); }
/* On a phone the page never scrolls sideways: columns shrink and long words break. */
@media (max-width: 640px) {
  body { margin: 1rem auto; padding: 0 .6rem; font-size: 14px; }
  table { table-layout: fixed; font-size: .8rem; }
  th, td { overflow-wrap: anywhere; padding: .25rem .3rem; }
  td.num, th.num, td.date { white-space: normal; }
}
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  tr, .finding, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Text from a file, with control characters made visible.
fn t(text: &str) -> String {
    visible(text)
}

pub fn html(report: &AfterActionReport) -> String {
    let r = report;
    let o = &r.overview;
    let s = &r.score;
    let role = |id: &str| t(&r.role_name(id));
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "After-action report: " (t(&o.title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "After-action report: " (t(&o.title)) }
                    p.muted { (t(&o.organisation)) " · " (o.started.format("%Y-%m-%d")) " · plan " (t(&o.plan_title)) ", version " (t(&o.plan_version)) }
                    @if !r.integrity.intact {
                        p.warning { strong { "Transcript not intact: " } (t(r.integrity.problem.as_deref().unwrap_or_default())) ". This report covers the " (r.integrity.events) " events before the damage." }
                    }
                }
                section.summary aria-labelledby="summary" {
                    h2 #summary { "Summary" }
                    p.verdict { (t(&r.summary.verdict)) }
                    div.headline {
                        @for sub in &r.summary.scores {
                            div {
                                (sub.name)
                                b {
                                    @match (sub.name, sub.value) {
                                        ("Plan tested", Some(v)) => { (v) "%" }
                                        (_, Some(v)) => { (v) small { "/100" } }
                                        (_, None) => { "—" }
                                    }
                                }
                            }
                        }
                    }
                    @if !r.summary.key_findings.is_empty() {
                        h3 { "What matters most" }
                        ol.key {
                            @for f in &r.summary.key_findings {
                                li { strong { (t(&f.title)) } " " span.tag { (f.consequence.label()) } ": " (t(&f.detail)) }
                            }
                        }
                    }
                    @if !r.objectives.is_empty() {
                        h3 { "Objectives" }
                        table {
                            thead { tr { th scope="col" { "Objective" } th scope="col" { "Assessment" } th scope="col" { "On the evidence of" } } }
                            tbody {
                                @for o in &r.objectives {
                                    tr {
                                        td { (t(&o.text)) }
                                        td class=(o.verdict.tone().class()) { (o.verdict.label()) }
                                        td { @for (n, line) in o.evidence.iter().enumerate() { @if n > 0 { br; } (t(line)) } }
                                    }
                                }
                            }
                        }
                    }
                    p.muted { "How the scores are built: " (r.summary.method) }
                }

                h2 { "Exercise overview" }
                table {
                    tr { th scope="row" { "Scenario" } td { (t(&o.title)) " " code { (t(&o.scenario)) } } }
                    tr { th scope="row" { "Plan" } td {
                        (t(&o.plan_title)) " — " (t(&o.organisation)) ", version " (t(&o.plan_version)) " " code { (t(&o.plan)) }
                        @if let Some(note) = super::markdown::other_plan_note(o) { br; em { (t(&note)) } }
                    } }
                    tr { th scope="row" { "Date" } td { (o.started.format("%Y-%m-%d %H:%M")) " UTC" } }
                    tr { th scope="row" { "Duration" } td { (clock(o.duration_ms)) " of facilitation; story time " (o.story_from) " to " (o.story_to) @if !o.ended { " (not ended)" } } }
                    tr { th scope="row" { "Injects" } td { (o.injects_delivered) " delivered, " (o.injects_skipped) " skipped; " (o.cards_drawn) " wildcard cards; seed " (o.seed) } }
                    @if o.anonymous {
                        tr { th scope="row" { "Roles (anonymous)" } td { (o.roles.iter().map(|x| t(&x.name)).collect::<Vec<_>>().join(", ")) } }
                    } @else {
                        tr { th scope="row" { "Participants" } td {
                            @for p in &o.participants {
                                (t(&p.name)) " (" (p.roles.iter().map(|x| role(x)).collect::<Vec<_>>().join(", ")) ")" br;
                            }
                        } }
                    }
                }
                p { (t(&o.summary)) }
                @if !o.objectives.is_empty() {
                    p { "Objectives:" }
                    ul { @for objective in &o.objectives { li { (t(objective)) } } }
                }

                h2 { "Analysis by phase" }
                (charts::phase_scores(&r.phases))
                @for p in &r.phases {
                    h3 {
                        span.rating style=(format!("background:{}", charts::rating_colour(p.rating))) { (format::rating(p.rating)) }
                        " " (t(&p.name))
                        @if p.score.is_some() { " — " (format::score(p.score)) }
                        " · " (format::rating_meaning(p.rating))
                    }
                    ul { @for line in &p.analysis { li { (t(line)) } } }
                }
                table {
                    thead { tr { th scope="col" { "Action" } th scope="col" { "Owner" } th scope="col" { "Outcome" } th.num scope="col" { "Points" } th.num scope="col" { "Margin" } th scope="col" { "Evidence" } } }
                    @for a in s.actions.iter().filter(|a| a.outcome != Outcome::NotExercised) {
                        tr {
                            td { (t(&a.title)) }
                            td { (role(&a.owner)) }
                            td class=(a.verdict().tone().class()) {
                                (a.verdict().label())
                                @if let Some(by) = a.done_by.as_deref().filter(|b| *b != a.owner) { " (by " (role(by)) ")" }
                            }
                            td.num { (format::action_points(a)) }
                            td.num { (a.margin_secs.map(margin).unwrap_or_default()) }
                            td { (evidence_links(&a.evidence)) }
                        }
                    }
                }
                @if let Some(chart) = charts::response_times(&s.actions, o.story_to.0) {
                    h3 { "Response times against deadlines" }
                    (chart)
                }

                h2 { "Strengths" }
                (findings(&r.strengths, "strength"))
                h2 { "Areas for improvement" }
                (findings(&r.improvements, "improve"))
                @if !r.notes.is_empty() {
                    h2 { "Trainer notes" }
                    (findings(&r.notes, "note"))
                }

                h2 { "Regulatory clocks" }
                @if r.clocks.is_empty() {
                    p { "No regulatory clock started in this exercise." }
                } @else {
                    table {
                        thead { tr { th scope="col" { "Obligation" } th scope="col" { "Started (story time)" } th scope="col" { "Due (story time)" } th scope="col" { "Done (story time)" } th scope="col" { "Status" } th.num scope="col" { "Margin" } th scope="col" { "Evidence" } } }
                        @for c in &r.clocks {
                            tr {
                                td { (t(&c.regime)) @if let Some(a) = &c.authority { br; span.muted { (t(a)) } } }
                                td { (c.started) } td { (c.due) }
                                td { (c.met_at.map(|x| x.to_string()).unwrap_or_else(|| "—".into())) }
                                td class=(c.status.tone().class()) { (c.status.label()) }
                                td.num { (margin(c.margin_secs)) }
                                td { (evidence_links(&c.evidence)) }
                            }
                        }
                    }
                }

                h2 { "Decision log" }
                @if r.decisions.is_empty() {
                    p { "No decision point was reached." }
                } @else {
                    table {
                        thead { tr { th scope="col" { "Into the exercise" } th scope="col" { "Inject" } th scope="col" { "Options" } th scope="col" { "Owner" } th scope="col" { "Decision" } th scope="col" { "Rationale" } th scope="col" { "Evidence" } } }
                        @for d in &r.decisions {
                            tr {
                                td { (clock(d.delivered_elapsed_ms)) br; span.muted { (d.delivered_story) } }
                                td { (t(&d.inject_title)) br; span.muted { (t(&d.prompt)) } }
                                td { ul { @for opt in &d.options {
                                    li class=[opt.chosen.then_some("chosen")] { (t(&opt.label)) " (" (format::quality(opt.quality)) ")" (super::markdown::votes(opt.votes)) }
                                } } }
                                td { (d.owners.iter().map(|x| role(x)).collect::<Vec<_>>().join(", ")) }
                                td {
                                    @match d.state {
                                        DecisionState::Taken => {
                                            (t(d.chosen.as_deref().unwrap_or_default())) br;
                                            span.muted { (role(d.role.as_deref().unwrap_or_default())) @if let Some(b) = &d.by { " (" (t(b)) ")" } ", after " (span(d.time_to_decide_ms.unwrap_or(0) / 1000)) }
                                        }
                                        DecisionState::CountdownExpired => span.fail { "No decision: countdown ran out" },
                                        DecisionState::MovedOn => span.fail { "No decision: moved on" },
                                        DecisionState::Open => span.muted { "Open when the transcript stops" },
                                    }
                                }
                                td { (d.rationale.as_deref().map(t).unwrap_or_default()) @if let Some(w) = &d.why { br; span.muted { (t(w)) } } }
                                td { (evidence_links(&d.evidence)) }
                            }
                        }
                    }
                }

                @if let Some(feedback) = &r.participant_feedback { (participant_feedback(feedback)) }

                h2 { "Results by role" }
                table {
                    thead { tr { th scope="col" { "Role" } th scope="col" { "People" } th.num scope="col" { "Score" } th.num scope="col" { "Owned actions met on time" } th.num scope="col" { "Missed" } th.num scope="col" { "Covered for others" } th.num scope="col" { "Decisions" } th.num scope="col" { "Responses" } } }
                    @for x in &r.roles {
                        tr {
                            td { (t(&x.name)) } td { (t(&x.people.join(", "))) }
                            td.num { (format::score(x.score)) }
                            td.num { (x.met_on_time) "/" (x.owned) }
                            td.num { (x.missed) } td.num { (x.covered_for_others) }
                            td.num { (x.decisions) } td.num { (x.responses) }
                        }
                    }
                }

                h2 { "Improvement plan" }
                @if r.improvement_plan.is_empty() {
                    p { "Nothing to improve was found in this exercise." }
                } @else {
                    table {
                        thead { tr { th.num scope="col" { "#" } th scope="col" { "Issue" } th scope="col" { "Corrective action" } th scope="col" { "Owner" } th scope="col" { "Priority" } th scope="col" { "Capability, POETE" } th scope="col" { "Start" } th scope="col" { "Due" } th scope="col" { "Status" } } }
                        @for item in &r.improvement_plan {
                            tr {
                                td.num { (item.number) }
                                td { (t(&item.issue)) @if let Some(o) = &item.objective { br; span.muted { "Objective: " (t(o)) } } }
                                td { (t(&item.corrective_action)) }
                                td { (role(&item.owner)) @if let Some(c) = &item.contact { br; span.muted { (t(c)) } } }
                                td class=(match item.priority { Priority::High => "fail", Priority::Medium => "partial", Priority::Low => "muted" }) { (item.priority.name()) }
                                td { (item.capability.as_deref().unwrap_or("—")) ", " (item.poete.name()) }
                                td.date { (item.start) } td.date { (item.due) } td { (item.status) }
                            }
                        }
                    }
                }

                h2 { "Timeline" }
                table {
                    thead { tr { th.num scope="col" { "#" } th scope="col" { "Into the exercise" } th scope="col" { "Story time" } th scope="col" { "Event" } } }
                    @for e in &r.timeline {
                        tr id=(format!("e{}", e.seq)) { td.num { (e.seq) } td { (clock(e.elapsed_ms)) } td { (e.story) } td { (t(&e.text)) } }
                    }
                }

                h2 { "Transcript integrity" }
                @let i = &r.integrity;
                @if i.intact {
                    p.pass { "Intact: the header and " (i.events) " events check out, and the hash chain is unbroken." }
                } @else {
                    p.warning { strong { "NOT intact: " } (t(i.problem.as_deref().unwrap_or_default())) ". This report covers the " (i.events) " events before it." }
                }
                table {
                    tr { th scope="row" { "File" } td { code { (t(&i.file)) } } }
                    tr { th scope="row" { "SHA-256" } td { code { (i.sha256) } } }
                    tr { th scope="row" { "Last line hash" } td { code { (i.last_line_hash) } } }
                    tr { th scope="row" { "Scenario copy SHA-256" } td { code { (i.scenario_sha256) } } }
                    tr { th scope="row" { "Plan copy SHA-256" } td { code { (i.plan_sha256) } } }
                }
                p.muted { "Check it again with " code { "tabletop verify" } ". Numbers such as #12 are transcript sequence numbers." }
            }
        }
    };
    page.into_string()
}

fn findings(list: &[Finding], class: &str) -> Markup {
    html! {
        @if list.is_empty() { p.muted { "None recorded." } }
        @for f in list {
            div class=(format!("finding {class}")) {
                h3 { (t(&f.title)) }
                p { strong { "Observation: " } (t(&f.observation)) }
                p { strong { "Analysis: " } (t(&f.analysis)) }
                @if !f.evidence.is_empty() { p.muted { "Evidence: " (evidence_links(&f.evidence)) } }
                @if f.source == FindingSource::Annotation { p.muted { em { "From a trainer's annotation." } } }
            }
        }
    }
}

/// Transcript events behind a line, each a link to its row in the timeline.
fn evidence_links(seqs: &[u64]) -> Markup {
    html! {
        @for (n, seq) in seqs.iter().enumerate() {
            @if n > 0 { " " }
            a href=(format!("#e{seq}")) { "#" (seq) }
        }
    }
}

/// The participants' anonymous feedback, in totals only.
fn participant_feedback(feedback: &crate::seats::FeedbackSummary) -> Markup {
    use crate::seats::FeedbackSummary;
    let people = |n: usize| match n {
        1 => "One participant".to_string(),
        n => format!("{n} participants"),
    };
    html! {
        h2 { "Participant feedback" }
        @match feedback {
            FeedbackSummary::Withheld { answers } => {
                p { (people(*answers)) " answered the anonymous feedback form. Answers are shown once at least " (crate::seats::feedback::MINIMUM_ANSWERS) " have, so that no one's can be told apart." }
            }
            FeedbackSummary::Shown { answers, objectives, strengths, improvements, comments } => {
                p { (people(*answers)) " answered the anonymous feedback form. Totals only: no answer is shown with a seat, role or name." }
                table {
                    thead { tr { th scope="col" { "Objective" } th.num scope="col" { "Rated by" } th.num scope="col" { "Mean (1–5)" } @for n in 1..=5 { th.num scope="col" { (n) } } } }
                    @for o in objectives {
                        tr {
                            td { (t(&o.text)) }
                            td.num { (o.rated) }
                            td.num { (o.mean.map_or("—".to_string(), |m| format!("{m:.1}"))) }
                            @for c in o.counts { td.num { (c) } }
                        }
                    }
                }
                @for (heading, texts) in [("Strengths", strengths), ("Areas for improvement", improvements), ("Other comments", comments)] {
                    @if !texts.is_empty() {
                        h3 { (heading) }
                        ul { @for text in texts { li { (t(text)) } } }
                    }
                }
            }
        }
    }
}
