//! A redacted copy of a transcript: every event kept in its place (so the
//! score, the chain of references between events and annotations all hold),
//! names replaced everywhere, chosen free text removed, and the header saying
//! what it was made from and what was taken out.

use crate::engine::{Event, EventRecord, Participant};
use crate::plan::Plan;
use crate::transcript::{Header, Redaction};

use super::NameRedactor;

/// What names become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamesAs {
    /// "Participant 1", "Participant 2": who said what stays traceable
    /// within the copy, not to a person.
    Pseudonyms,
    /// The roles' titles; the copy records roles only (anonymous).
    Roles,
}

#[derive(Debug, Clone, Copy)]
pub struct RedactOptions {
    pub names: NamesAs,
    pub drop_notes: bool,
    pub drop_responses: bool,
    pub drop_annotations: bool,
}

/// The redacted header and events, and the routine for other free text (the
/// annotations sidecar).
pub struct Redacted {
    pub header: Header,
    pub records: Vec<EventRecord>,
    pub redactor: NameRedactor,
}

/// Marks free text taken out, in place of the words.
pub const REMOVED: &str = "(removed in redaction)";

/// Fails only when taking names out of the embedded scenario or plan copy
/// would leave a file that no longer reads (a name that is also a key).
pub fn redact(
    header: &Header,
    records: &[EventRecord],
    original_sha256: &str,
    plan: &Plan,
    options: RedactOptions,
) -> Result<Redacted, String> {
    let people = &header.participants;
    let redactor = match options.names {
        NamesAs::Pseudonyms => NameRedactor::pseudonyms(people),
        NamesAs::Roles => NameRedactor::new(people, plan),
    };
    let mut out = header.clone();
    out.participants = match options.names {
        NamesAs::Pseudonyms => people
            .iter()
            .map(|p| Participant {
                name: super::pseudonym(people, &p.name),
                roles: p.roles.clone(),
            })
            .collect(),
        NamesAs::Roles => Vec::new(),
    };
    out.anonymous = header.anonymous || options.names == NamesAs::Roles;
    // Where the files were read from can name a person (a home folder), and
    // the copies of the scenario and plan can name the people in the room
    // (characters, contacts): both are redacted, and must still read.
    for (file, what) in [(&mut out.scenario, "scenario"), (&mut out.plan, "plan")] {
        if let Some(name) = std::path::Path::new(&file.path).file_name() {
            file.path = name.to_string_lossy().into_owned();
        }
        let source = redactor.redact(&file.source);
        if source != file.source {
            let copy = crate::SourceFile::new(what, source.clone());
            let reads = match what {
                "scenario" => crate::load::parse_scenario(&copy).is_ok(),
                _ => crate::load::parse_plan(&copy).is_ok(),
            };
            if !reads {
                return Err(format!(
                    "taking the names out of the {what} copy would break it (a name is also a word of the format); nothing was written"
                ));
            }
            file.sha256 = crate::transcript::sha256_hex(source.as_bytes());
            file.source = source;
        }
    }
    let mut dropped = Vec::new();
    if options.drop_notes {
        dropped.push("notes".to_string());
    }
    if options.drop_responses {
        dropped.push("responses".to_string());
    }
    if options.drop_annotations {
        dropped.push("annotations".to_string());
    }
    out.redaction = Some(Redaction {
        of_sha256: original_sha256.to_string(),
        names: match options.names {
            NamesAs::Pseudonyms => "pseudonyms",
            NamesAs::Roles => "roles",
        }
        .to_string(),
        dropped,
    });
    let by = |name: &Option<String>| -> Option<String> {
        match (options.names, name) {
            (NamesAs::Roles, _) | (_, None) => None,
            (NamesAs::Pseudonyms, Some(n)) => Some(super::pseudonym(people, n)),
        }
    };
    let text = |t: &str, drop: bool| -> String {
        if drop {
            REMOVED.to_string()
        } else {
            redactor.redact(t)
        }
    };
    let records = records
        .iter()
        .map(|r| {
            let event = match &r.event {
                Event::DecisionTaken {
                    inject,
                    option,
                    role,
                    by: who,
                    text: words,
                    raises,
                    branch_to,
                    skipped,
                } => Event::DecisionTaken {
                    inject: inject.clone(),
                    option: option.clone(),
                    role: role.clone(),
                    by: by(who),
                    // The team's words with a decision are a response.
                    text: words
                        .as_ref()
                        .filter(|_| !options.drop_responses)
                        .map(|w| redactor.redact(w)),
                    raises: raises.clone(),
                    branch_to: branch_to.clone(),
                    skipped: skipped.clone(),
                },
                Event::ResponseRecorded {
                    item,
                    role,
                    by: who,
                    text: words,
                    seat,
                } => Event::ResponseRecorded {
                    item: item.clone(),
                    role: role.clone(),
                    by: by(who),
                    text: text(words, options.drop_responses),
                    seat: seat.clone(),
                },
                Event::SeatJoined {
                    seat,
                    kind,
                    roles,
                    by: who,
                } => Event::SeatJoined {
                    seat: seat.clone(),
                    kind: *kind,
                    roles: roles.clone(),
                    by: by(who),
                },
                Event::VoteCast {
                    inject,
                    option,
                    seat,
                    role,
                    by: who,
                } => Event::VoteCast {
                    inject: inject.clone(),
                    option: option.clone(),
                    seat: seat.clone(),
                    role: role.clone(),
                    by: by(who),
                },
                Event::ResponseCorrected {
                    response_seq,
                    text: words,
                } => Event::ResponseCorrected {
                    response_seq: *response_seq,
                    text: text(words, options.drop_responses),
                },
                Event::ActionObserved {
                    action,
                    role,
                    by: who,
                    item,
                    raises,
                } => Event::ActionObserved {
                    action: action.clone(),
                    role: role.clone(),
                    by: by(who),
                    item: item.clone(),
                    raises: raises.clone(),
                },
                Event::NoteAdded { text: words, item } => Event::NoteAdded {
                    text: text(words, options.drop_notes),
                    item: item.clone(),
                },
                other => other.clone(),
            };
            EventRecord { event, ..r.clone() }
        })
        .collect();
    Ok(Redacted {
        header: out,
        records,
        redactor,
    })
}
