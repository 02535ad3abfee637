//! Who a report is for. The facilitator's report holds everything; the
//! team's leaves out the facilitator's own notes; the public one, for
//! readers outside the room, also leaves out every name (free text
//! included) and every path on the facilitator's machine.

use serde::Serialize;

use super::model::AfterActionReport;
use crate::redaction::NameRedactor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Facilitator,
    Team,
    Public,
}

impl Audience {
    /// The facilitator's notes are theirs alone.
    pub fn sees_facilitator_notes(self) -> bool {
        self == Self::Facilitator
    }

    pub fn is_public(self) -> bool {
        self == Self::Public
    }
}

/// Takes every known name out of the report's free text, and the transcript's
/// folder out of its path.
pub fn anonymise(report: &mut AfterActionReport, redactor: &NameRedactor) {
    let r = |text: &mut String| *text = redactor.redact(text);
    for entry in &mut report.timeline {
        r(&mut entry.text);
    }
    for d in &mut report.decisions {
        if let Some(rationale) = &mut d.rationale {
            r(rationale);
        }
    }
    for f in report
        .strengths
        .iter_mut()
        .chain(&mut report.improvements)
        .chain(&mut report.notes)
    {
        r(&mut f.title);
        r(&mut f.observation);
        r(&mut f.analysis);
    }
    for item in &mut report.improvement_plan {
        r(&mut item.issue);
        r(&mut item.corrective_action);
        item.contact = None;
    }
    for f in &mut report.summary.key_findings {
        r(&mut f.detail);
    }
    for o in &mut report.objectives {
        o.evidence.iter_mut().for_each(r);
    }
    if let Some(crate::seats::FeedbackSummary::Shown {
        strengths,
        improvements,
        comments,
        ..
    }) = &mut report.participant_feedback
    {
        strengths
            .iter_mut()
            .chain(improvements.iter_mut())
            .chain(comments.iter_mut())
            .for_each(r);
    }
    let file = std::path::Path::new(&report.integrity.file);
    if let Some(name) = file.file_name() {
        report.integrity.file = name.to_string_lossy().into_owned();
    }
}
