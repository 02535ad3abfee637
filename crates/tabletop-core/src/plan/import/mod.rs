//! A plan from the document an organisation already has (Markdown or Word),
//! best effort: headings become phases, a roles table the roles, list items
//! the actions, with owners and deadlines read from phrases such as
//! "(Owner: Legal Counsel)" and "within 24 hours of declaration", actions
//! matched to the standard vocabulary and regulatory sentences to the regime
//! library. Every guess is marked `# TODO` in the plan written.

mod docx;
mod markdown;

pub use docx::docx_blocks;
pub use markdown::markdown_blocks;

use std::fmt::Write as _;

use super::regimes::{REGIMES, Regime, TRIGGERS};
use crate::msel::slug_of;
use crate::plan::toml_string as v;
use crate::vocabulary;

/// The document as the import reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocBlock {
    Heading(u8, String),
    Para(String),
    Item(String),
    Table(Vec<Vec<String>>),
}

/// The plan written, and what the import could not read.
pub struct ImportedPlan {
    pub text: String,
    pub todos: Vec<String>,
    /// Actions read, and how many of them had an owner and a deadline read.
    pub actions: usize,
    pub owners_read: usize,
    pub deadlines_read: usize,
}

struct Role {
    id: String,
    name: String,
    implements: Option<&'static str>,
}

struct Action {
    id: String,
    implements: Option<&'static str>,
    phase: String,
    owner: Option<String>,
    title: String,
    deadline: Option<(String, &'static str)>,
    /// The regimes' clocks the action meets, each the one its words fit best.
    clocks: Vec<(&'static Regime, &'static super::regimes::Clock)>,
    todos: Vec<String>,
}

/// Words for each standard role, as plans name them.
const ROLE_WORDS: &[(&str, &[&str])] = &[
    (
        "incident-commander",
        &[
            "incident commander",
            "incident manager",
            "incident lead",
            "crisis lead",
        ],
    ),
    (
        "it-security",
        &[
            "security",
            "ciso",
            "soc",
            "information security",
            "it security",
        ],
    ),
    ("legal", &["legal", "counsel", "lawyer", "attorney"]),
    ("privacy-officer", &["privacy", "data protection", "dpo"]),
    (
        "communications",
        &[
            "communications",
            "comms",
            "public relations",
            "press",
            "media relations",
        ],
    ),
    (
        "executive",
        &[
            "executive",
            "ceo",
            "board",
            "management",
            "director general",
            "coo",
            "cfo",
        ],
    ),
    (
        "customer-support",
        &[
            "customer",
            "service desk",
            "support",
            "call centre",
            "call center",
        ],
    ),
    ("hr", &["human resources", "hr", "people"]),
    ("finance", &["finance", "treasury", "accounts"]),
    (
        "vendor-manager",
        &["vendor", "supplier", "procurement", "third party"],
    ),
    ("clinical-operations", &["clinical", "medical", "nursing"]),
];

fn standard_role(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    ROLE_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| has_word(&lower, w)))
        .map(|(id, _)| *id)
}

/// `phrase` in `text` starting and ending at word boundaries.
fn has_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A phase's CSF 2.0 function from its heading.
fn function_of(heading: &str) -> &'static str {
    let h = heading.to_lowercase();
    if h.contains("prepar") || h.contains("protect") {
        "PR"
    } else if h.contains("detect")
        || h.contains("identif")
        || h.contains("analys")
        || h.contains("triage")
    {
        "DE"
    } else if h.contains("recover") || h.contains("restor") {
        "RC"
    } else if h.contains("lesson")
        || h.contains("post")
        || h.contains("improv")
        || h.contains("review")
    {
        "ID"
    } else {
        "RS"
    }
}

/// "within 30 minutes", "within 24 hours of declaration", "no later than 72 hours after ..."
fn deadline_in(text: &str) -> Option<(String, &'static str)> {
    let lower = text.to_lowercase();
    let at = ["within ", "no later than ", "not later than "]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    let rest = &lower[at..];
    let mut words = rest.split_whitespace();
    let number: u64 = words
        .next()?
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    let unit = words.next()?;
    let unit = if unit.starts_with("min") {
        "m"
    } else if unit.starts_with("hour") || unit.starts_with("hr") {
        "h"
    } else if unit.starts_with("business") {
        return Some((format!("{number} business days"), trigger_in(rest)));
    } else if unit.starts_with("day") {
        "d"
    } else {
        return None;
    };
    Some((format!("{number}{unit}"), trigger_in(rest)))
}

/// The moment a deadline runs from, by the words after it.
fn trigger_in(rest: &str) -> &'static str {
    let tail: String = rest.chars().take(90).collect();
    if ["closed", "closure", "closing", "close"]
        .iter()
        .any(|w| has_word(&tail, w))
    {
        "incident-closed"
    } else if tail.contains("personal data") || tail.contains("aware") {
        "personal-data-involved"
    } else if tail.contains("confirm") || tail.contains("breach") {
        "breach-confirmed"
    } else if tail.contains("report")
        || tail.contains("detect")
        || tail.contains("alert")
        || tail.contains("discover")
    {
        "incident-reported"
    } else {
        "incident-declared"
    }
}

/// "(Owner: Legal Counsel)", "Owner: X", "Owned by X", "- X:" at the start.
fn owner_phrase(text: &str) -> Option<String> {
    for marker in ["owner:", "owned by", "responsible:", "lead:"] {
        if let Some(i) = crate::text::find_ascii_ci(text, marker) {
            let rest = &text[i + marker.len()..];
            let end = rest.find([')', ';', '.', ',', '\n']).unwrap_or(rest.len());
            let name = rest[..end].trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// The title of an action: its text without the owner and deadline phrases.
fn title_of(text: &str) -> String {
    let mut t = text.to_string();
    for marker in ["(Owner:", "(owner:", "(Owned by", "Owner:", "owner:"] {
        if let Some(i) = t.find(marker) {
            let end = t[i..].find(')').map_or(t.len(), |e| i + e + 1);
            t.replace_range(i..end, "");
        }
    }
    let t = t
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string();
    let mut chars = t.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => t,
    }
}

fn words(text: &str) -> Vec<String> {
    const STOP: [&str; 14] = [
        "the", "a", "an", "and", "or", "of", "to", "for", "with", "on", "in", "all", "any", "its",
    ];
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !STOP.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// The standard action a sentence describes, by the words they share.
fn standard_action(text: &str) -> Option<&'static str> {
    let mut mine = words(&title_of(text));
    let verb = mine.first().cloned().unwrap_or_default();
    mine.sort();
    mine.dedup();
    vocabulary::ACTIONS
        .iter()
        .map(|a| {
            let mut theirs: Vec<String> = words(a.title);
            theirs.extend(words(&a.id.replace('-', " ")));
            theirs.sort();
            theirs.dedup();
            let shared = mine.iter().filter(|w| theirs.contains(w)).count();
            // The same verb first ("brief", "restore") counts for a lot.
            let same_verb = a.id.split('-').next().is_some_and(|v| v == verb);
            (a.id, shared, theirs.len(), same_verb)
        })
        .filter(|(_, shared, _, same_verb)| *shared >= 2 || (*shared >= 1 && *same_verb))
        .max_by_key(|(_, shared, len, same_verb)| {
            (
                *shared + usize::from(*same_verb),
                *shared * 100 / (*len).max(1),
            )
        })
        .map(|(id, _, _, _)| id)
}

/// The clock of `regime` that a sentence describes: the one whose title
/// shares the most words with it ("final report", "individuals", "HHS").
fn best_clock(regime: &'static Regime, text: &str) -> Option<&'static super::regimes::Clock> {
    let mine = words(text);
    regime
        .clocks
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| {
            let theirs = words(&format!("{} {}", c.title, c.action.replace('-', " ")));
            let shared = theirs.iter().filter(|w| mine.contains(w)).count();
            // On a tie, the first clock (the main notice) wins.
            (shared, std::cmp::Reverse(*i))
        })
        .map(|(_, c)| c)
}

/// Regimes a sentence names.
fn regimes_in(text: &str) -> Vec<&'static Regime> {
    let lower = text.to_lowercase();
    let named: &[(&str, &[&str])] = &[
        (
            "gdpr",
            &["gdpr", "supervisory authority", "article 33", "art. 33"],
        ),
        ("uk-gdpr", &["ico", "information commissioner"]),
        ("nis2", &["nis2", "nis 2", "csirt"]),
        ("dora", &["dora"]),
        ("sec", &["8-k", "sec filing", "securities and exchange"]),
        ("nydfs", &["nydfs", "500.17"]),
        ("hipaa", &["hipaa", "hhs", "protected health information"]),
        ("pci-dss", &["pci", "card brand", "acquirer"]),
        ("cyber-insurance", &["insurer", "insurance"]),
    ];
    named
        .iter()
        .filter(|(_, words)| words.iter().any(|w| has_word(&lower, w)))
        .filter_map(|(id, _)| REGIMES.iter().find(|r| r.id == *id))
        .collect()
}

/// Builds a plan from the document's blocks.
pub fn import_plan(blocks: &[DocBlock], organisation: Option<&str>, name: &str) -> ImportedPlan {
    let mut todos: Vec<String> = Vec::new();
    let title = blocks
        .iter()
        .find_map(|b| match b {
            DocBlock::Heading(1, t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "Incident Response Plan".to_string());
    let organisation = organisation.map(str::to_string).unwrap_or_else(|| {
        todos.push("name the organisation in [plan] (or pass --org)".into());
        "TODO: organisation".to_string()
    });

    // Roles from the first table whose first column is headed "Role".
    let mut roles: Vec<Role> = Vec::new();
    for block in blocks {
        let DocBlock::Table(rows) = block else {
            continue;
        };
        let Some(header) = rows.first() else { continue };
        if !header
            .first()
            .is_some_and(|h| h.to_lowercase().contains("role"))
        {
            continue;
        }
        for row in rows.iter().skip(1) {
            let Some(name) = row.first().map(|c| c.trim()).filter(|c| !c.is_empty()) else {
                continue;
            };
            let standard = standard_role(name);
            let id = match standard {
                Some(s) if !roles.iter().any(|r| r.id == s) => s.to_string(),
                _ => slug_of(name),
            };
            if standard.is_none() {
                todos.push(format!(
                    "role \"{name}\" matches no standard role: add `implements` if it plays one"
                ));
            }
            if !roles.iter().any(|r| r.id == id) {
                roles.push(Role {
                    implements: standard.filter(|s| *s != id),
                    id,
                    name: name.to_string(),
                });
            }
        }
        break;
    }
    if roles.is_empty() {
        todos.push("no roles table was found (a table whose first column is headed \"Role\"): the standard roles are used".into());
    }

    // Phases from second-level headings; actions from the list items under them.
    let mut phases: Vec<(String, String, &'static str)> = Vec::new();
    let mut actions: Vec<Action> = Vec::new();
    let mut current: Option<String> = None;
    for block in blocks {
        match block {
            DocBlock::Heading(2, text) => {
                let lower = text.to_lowercase();
                if lower.contains("role")
                    || lower.contains("contact")
                    || lower.contains("scope")
                    || lower.contains("purpose")
                {
                    current = None;
                    continue;
                }
                let id = slug_of(text);
                if !phases.iter().any(|p| p.0 == id) {
                    phases.push((id.clone(), text.clone(), function_of(text)));
                }
                current = Some(id);
            }
            DocBlock::Item(text) => {
                let Some(phase) = &current else { continue };
                actions.push(read_action(text, phase, &mut roles));
            }
            _ => {}
        }
    }
    if phases.is_empty() {
        todos
            .push("no phases were found (second-level headings with list items under them)".into());
    }

    // Ids: the standard action's where it is free, else the title's.
    let mut used: Vec<String> = Vec::new();
    for a in &mut actions {
        let wanted = a
            .implements
            .map_or_else(|| slug_of(&a.title), str::to_string);
        let mut id = wanted.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{}-{n}", slug_of(&a.title));
            n += 1;
        }
        if a.implements == Some(id.as_str()) {
            a.implements = None;
        }
        a.id = id.clone();
        used.push(id);
    }

    let owners_read = actions.iter().filter(|a| a.owner.is_some()).count();
    let deadlines_read = actions.iter().filter(|a| a.deadline.is_some()).count();
    let text = write_plan(
        &title,
        &organisation,
        name,
        &roles,
        &phases,
        &actions,
        &mut todos,
    );
    ImportedPlan {
        text,
        todos,
        actions: actions.len(),
        owners_read,
        deadlines_read,
    }
}

fn read_action(text: &str, phase: &str, roles: &mut Vec<Role>) -> Action {
    let mut todos = Vec::new();
    let owner_name = owner_phrase(text);
    let owner = owner_name.as_deref().and_then(|n| {
        let lower = n.to_lowercase();
        roles
            .iter()
            .find(|r| r.name.to_lowercase() == lower || lower.contains(&r.name.to_lowercase()))
            .map(|r| r.id.clone())
            .or_else(|| {
                let standard = standard_role(n)?;
                if let Some(r) = roles
                    .iter()
                    .find(|r| r.id == standard || r.implements == Some(standard))
                {
                    return Some(r.id.clone());
                }
                roles.push(Role {
                    id: standard.to_string(),
                    name: n.to_string(),
                    implements: None,
                });
                Some(standard.to_string())
            })
    });
    match (&owner_name, &owner) {
        (Some(n), None) => todos.push(format!(
            "owner \"{n}\" is no role of the plan: the incident commander is put in"
        )),
        (None, _) => todos.push("no owner was read: the incident commander is put in".into()),
        _ => {}
    }
    let deadline = deadline_in(text);
    let clocks: Vec<(&'static Regime, &'static super::regimes::Clock)> = regimes_in(text)
        .into_iter()
        .filter_map(|r| best_clock(r, text).map(|c| (r, c)))
        .collect();
    for (regime, clock) in &clocks {
        if let Some((said, _)) = &deadline
            && said != clock.deadline
        {
            todos.push(format!(
                "the document says {said}; the {} clock is {} ({}): the plan uses the rule's, check which applies",
                regime.name, clock.deadline, clock.citation
            ));
        }
    }
    // A regime's notice carries out what its clock does (notify the regulator).
    let implements = clocks
        .iter()
        .find_map(|(_, c)| c.implements)
        .or_else(|| standard_action(text));
    if implements.is_none() {
        todos.push("matches no standard action: add `implements` if it carries one out, or bundled scenarios cannot score it".into());
    }
    Action {
        id: String::new(),
        implements,
        phase: phase.to_string(),
        owner,
        title: title_of(text),
        deadline,
        clocks,
        todos,
    }
}

fn write_plan(
    title: &str,
    organisation: &str,
    name: &str,
    roles: &[Role],
    phases: &[(String, String, &'static str)],
    actions: &[Action],
    todos: &mut Vec<String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported from {} by `tabletop plan import`. Each \"# TODO\" marks a guess to check;\n# `tabletop validate` checks the file and `tabletop plan show` prints it.\n",
        name
    );
    let _ = writeln!(out, "[plan]");
    let _ = writeln!(
        out,
        "id = {}",
        v(&format!(
            "{}-plan",
            slug_of(organisation.trim_start_matches("TODO: "))
        ))
    );
    let _ = writeln!(out, "title = {}", v(title));
    let _ = writeln!(out, "organisation = {}", v(organisation));
    let _ = writeln!(
        out,
        "version = \"imported\"  # TODO: the document's version\n"
    );

    let mut role_list: Vec<(String, String, Option<&str>)> = roles
        .iter()
        .map(|r| (r.id.clone(), r.name.clone(), r.implements))
        .collect();
    if role_list.is_empty() {
        role_list = vocabulary::ROLES
            .iter()
            .map(|r| (r.id.to_string(), r.title.to_string(), None))
            .collect();
    }
    let fallback_owner = role_list
        .iter()
        .find(|(id, _, i)| id == "incident-commander" || *i == Some("incident-commander"))
        .map_or_else(|| role_list[0].0.clone(), |r| r.0.clone());
    for (id, name, implements) in &role_list {
        let _ = writeln!(out, "[[role]]\nid = {}\nname = {}", v(id), v(name));
        if let Some(i) = implements {
            let _ = writeln!(out, "implements = {}", v(i));
        }
        out.push('\n');
    }
    let mut phases = phases.to_vec();
    if phases.is_empty() {
        phases.push(("respond".into(), "Respond".into(), "RS"));
    }
    for (id, name, function) in &phases {
        let _ = writeln!(
            out,
            "[[phase]]\nid = {}\nname = {}\nfunction = {}\n",
            v(id),
            v(name),
            v(function)
        );
    }

    // Triggers: the common ones, those the deadlines run from, and the clocks'.
    let mut triggers: Vec<&str> = vec![
        "incident-reported",
        "incident-declared",
        "breach-confirmed",
        "personal-data-involved",
        "incident-closed",
    ];
    for a in actions {
        for (_, c) in &a.clocks {
            if !triggers.contains(&c.from) {
                triggers.push(c.from);
            }
        }
    }
    let action_ids: Vec<&str> = actions.iter().map(|a| a.id.as_str()).collect();
    for t in TRIGGERS.iter().filter(|t| triggers.contains(&t.id)) {
        let _ = writeln!(
            out,
            "[[trigger]]\nid = {}\ndescription = {}",
            v(t.id),
            v(t.description)
        );
        let raised: Vec<String> = t
            .raised_by
            .iter()
            .filter(|a| action_ids.contains(a) || actions.iter().any(|x| x.implements == Some(**a)))
            .map(|a| {
                actions
                    .iter()
                    .find(|x| x.id == *a || x.implements == Some(*a))
                    .map_or_else(|| a.to_string(), |x| x.id.clone())
            })
            .collect();
        if !raised.is_empty() {
            let quoted: Vec<String> = raised.iter().map(|r| v(r)).collect();
            let _ = writeln!(out, "raised_by = [{}]", quoted.join(", "));
        }
        out.push('\n');
    }

    let mut obligations = String::new();
    let mut obligation_ids: Vec<String> = Vec::new();
    for a in actions {
        for todo in &a.todos {
            let line = format!("{} ({}): {todo}", a.title, a.id);
            // A comment holds no control characters: shown, never raw.
            let _ = writeln!(out, "# TODO {}", crate::text::visible(&line));
            todos.push(line);
        }
        let _ = writeln!(out, "[[action]]\nid = {}", v(&a.id));
        if let Some(i) = a.implements {
            let _ = writeln!(out, "implements = {}", v(i));
        }
        let _ = writeln!(out, "phase = {}", v(&a.phase));
        let _ = writeln!(
            out,
            "owner = {}",
            v(a.owner.as_deref().unwrap_or(&fallback_owner))
        );
        let _ = writeln!(out, "title = {}", v(&a.title));
        // An action meeting a regime's clock runs on the obligation's.
        if a.clocks.is_empty()
            && let Some((deadline, from)) = &a.deadline
        {
            let _ = writeln!(out, "deadline = {}\nfrom = {}", v(deadline), v(from));
        }
        out.push('\n');
        for (r, c) in &a.clocks {
            let _ = writeln!(
                obligations,
                "# TODO check: read from \"{}\"",
                crate::text::visible(&a.title)
            );
            let _ = writeln!(
                obligations,
                "[[obligation]]\nid = {}\nregime = {}\nkind = {}\nauthority = {}\ncitation = {}\ndeadline = {}\nfrom = {}",
                v(&{
                    let mut id = c.obligation.to_string();
                    let mut n = 2;
                    while obligation_ids.contains(&id) {
                        id = format!("{}-{n}", c.obligation);
                        n += 1;
                    }
                    obligation_ids.push(id.clone());
                    id
                }),
                v(&format!("{}: {}", r.name, c.title)),
                v(r.kind.name()),
                v(r.authority),
                v(c.citation),
                v(c.deadline),
                v(c.from)
            );
            if let Some(calendar) = c.calendar {
                let _ = writeln!(obligations, "calendar = {}", v(calendar));
            }
            let _ = writeln!(obligations, "actions = [{}]\n", v(&a.id));
        }
    }
    out.push_str(&obligations);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_and_owners_are_read_from_the_usual_phrases() {
        assert_eq!(
            deadline_in("Notify the regulator within 72 hours of becoming aware of the breach"),
            Some(("72h".into(), "personal-data-involved"))
        );
        assert_eq!(
            deadline_in("Triage within 30 minutes of the report"),
            Some(("30m".into(), "incident-reported"))
        );
        assert_eq!(
            deadline_in("File within 4 business days"),
            Some(("4 business days".into(), "incident-declared"))
        );
        assert_eq!(
            owner_phrase("Brief the board (Owner: CISO)").as_deref(),
            Some("CISO")
        );
        assert_eq!(
            title_of("brief the board (Owner: CISO)."),
            "Brief the board"
        );
        assert_eq!(
            standard_role("Data Protection Officer"),
            Some("privacy-officer")
        );
        assert_eq!(
            standard_action("Preserve forensic evidence before any change"),
            Some("preserve-evidence")
        );
    }
}
