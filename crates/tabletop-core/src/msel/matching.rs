//! Turning a spreadsheet's words into the format's values: times, delivery
//! methods, roles and plan actions.

use crate::plan::Plan;
use crate::time::{HumanDuration, StoryTime};
use crate::vocabulary;

use super::sheet::Cell;

/// Time into the exercise from `00:05`, `0:45`, `T+0:45`, `45m`, or a
/// spreadsheet time cell (a fraction of a day).
pub fn exercise_time(cell: &Cell) -> Option<HumanDuration> {
    match cell {
        Cell::Number(fraction) if (0.0..10.0).contains(fraction) => Some(HumanDuration::from_secs(
            (fraction * 86_400.0).round() as u64,
        )),
        Cell::Number(_) => None,
        Cell::Text(text) => {
            let t = text.trim();
            let t = t
                .strip_prefix("T+")
                .or_else(|| t.strip_prefix("t+"))
                .or_else(|| t.strip_prefix('+'))
                .unwrap_or(t)
                .trim();
            t.parse().ok()
        }
    }
}

/// Story time as the format writes it, from `Day 2 08:30`, `D2 08:30` or `+2h`.
pub fn story_time(text: &str) -> Option<String> {
    let t = text.trim();
    if t.parse::<StoryTime>().is_ok() {
        return Some(t.to_string());
    }
    let rest = t.strip_prefix('D').or_else(|| t.strip_prefix('d'))?;
    let (day, clock) = rest.split_once(' ')?;
    let candidate = format!("Day {} {}", day.trim(), clock.trim());
    candidate.parse::<StoryTime>().ok().map(|_| candidate)
}

/// A delivery method as a channel, through the words people use for it.
pub fn channel(method: &str) -> Option<&'static str> {
    let m = method.trim().to_lowercase();
    let table: [(&str, &[&str]); 9] = [
        ("email", &["email", "e-mail", "mail", "message", "memo"]),
        (
            "phone",
            &[
                "phone",
                "call",
                "telephone",
                "voicemail",
                "phone call",
                "voice",
            ],
        ),
        (
            "news",
            &[
                "news",
                "press",
                "tv",
                "media",
                "newspaper",
                "news article",
                "radio",
            ],
        ),
        (
            "ticket",
            &[
                "ticket",
                "helpdesk",
                "help desk",
                "service desk",
                "itsm",
                "report",
            ],
        ),
        (
            "alert",
            &[
                "alert",
                "siem",
                "edr",
                "monitoring",
                "alarm",
                "notification",
                "soc",
            ],
        ),
        (
            "chat",
            &[
                "chat",
                "slack",
                "teams",
                "im",
                "instant message",
                "sms",
                "text",
                "whatsapp",
                "signal",
            ],
        ),
        (
            "social",
            &[
                "social",
                "social media",
                "twitter",
                "x",
                "linkedin",
                "forum",
                "post",
            ],
        ),
        ("letter", &["letter", "post letter", "fax", "courier"]),
        (
            "meeting",
            &[
                "meeting",
                "in person",
                "briefing",
                "verbal",
                "walk-in",
                "face to face",
                "video call",
            ],
        ),
    ];
    table
        .iter()
        .find(|(_, words)| words.contains(&m.as_str()))
        .map(|(channel, _)| *channel)
}

/// A "To" cell as plan role ids: by id, name or standard role, any case.
/// `None` for everyone ("All"); unmatched names come back apart.
pub fn roles(cell: &str, plan: &Plan) -> (Option<Vec<String>>, Vec<String>) {
    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for part in split_list(cell) {
        let key = part.to_lowercase();
        if [
            "all",
            "everyone",
            "all players",
            "all roles",
            "team",
            "everybody",
        ]
        .contains(&key.as_str())
        {
            return (None, Vec::new());
        }
        let found = plan
            .roles
            .iter()
            .find(|r| {
                r.id.as_str() == key
                    || r.name.to_lowercase() == key
                    || r.name.to_lowercase().starts_with(&format!("{key} ("))
                    || r.implements.as_deref().is_some_and(|i| *i == key)
            })
            .map(|r| r.id.to_string())
            .or_else(|| {
                vocabulary::ROLES
                    .iter()
                    .find(|v| v.title.to_lowercase() == key || v.id == key)
                    .and_then(|v| plan.role_for(v.id))
                    .map(|r| r.id.to_string())
            });
        match found {
            Some(id) if !matched.contains(&id) => matched.push(id),
            Some(_) => {}
            None => unmatched.push(part),
        }
    }
    (Some(matched), unmatched)
}

/// Items of a list cell, split at `;`, `,`, `/` and new lines.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', ',', '\n', '/'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

const STOP_WORDS: [&str; 16] = [
    "the", "a", "an", "and", "or", "of", "to", "for", "with", "on", "in", "is", "be", "are", "by",
    "their",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !STOP_WORDS.contains(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// Plan actions that prose such as "legal engaged, with documented reasoning"
/// describes: each clause against the plan's action titles and the standard
/// vocabulary, by the words they share. Suggestions only: the designer checks them.
pub fn suggested_actions(prose: &str, plan: &Plan) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let candidates: Vec<(String, Vec<String>)> = plan
        .actions
        .iter()
        .map(|a| {
            let mut w = words(&a.title);
            w.extend(words(&a.id.replace('-', " ")));
            (a.id.to_string(), w)
        })
        .chain(vocabulary::ACTIONS.iter().filter_map(|v| {
            let mut w = words(v.title);
            w.extend(words(&v.id.replace('-', " ")));
            plan.actions_for(v.id).next().map(|_| (v.id.to_string(), w))
        }))
        .collect();
    for clause in prose
        .split([';', ',', '.', '\n'])
        .chain(prose.split(" and "))
    {
        let clause_words = words(clause);
        if clause_words.is_empty() {
            continue;
        }
        let best = candidates
            .iter()
            .map(|(id, w)| {
                let shared = clause_words.iter().filter(|c| w.contains(c)).count();
                (id, shared, w.len())
            })
            .filter(|(_, shared, _)| *shared > 0)
            .max_by(|a, b| {
                (a.1 * 100 / a.2.max(1))
                    .cmp(&(b.1 * 100 / b.2.max(1)))
                    .then(a.1.cmp(&b.1))
            });
        // Two words in common, half the action's words, or its leading verb
        // ("restore", "validate") are enough to suggest it.
        let leads = |id: &str| {
            let verb = id.split('-').next().unwrap_or("");
            clause_words.iter().any(|w| verb.trim_end_matches('s') == w)
        };
        if let Some((id, shared, len)) = best
            && (shared >= 2 || shared * 2 >= len || leads(id))
            && !found.contains(id)
        {
            found.push(id.clone());
        }
    }
    found
}

/// A CSF 2.0 category named in a cell ("RS.MA", "Respond: RS.CO").
pub fn csf_categories(cell: &str) -> Vec<String> {
    cell.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter(|w| {
            w.len() == 5
                && w.as_bytes()[2] == b'.'
                && ["GV", "ID", "PR", "DE", "RS", "RC"].contains(&&w[..2])
                && w[3..].bytes().all(|b| b.is_ascii_uppercase())
        })
        .map(str::to_string)
        .collect()
}

/// Whether prose says the team need do nothing ("players may ignore this").
pub fn says_no_action(prose: &str) -> bool {
    let p = prose.trim().to_lowercase();
    ["n/a", "none", "-", "nothing"].contains(&p.as_str())
        || [
            "no action",
            "ignore",
            "nothing expected",
            "no response",
            "none expected",
        ]
        .iter()
        .any(|phrase| p.contains(phrase))
}

/// A short id from a title: its first four words that say something,
/// "The forwarding rule has sent 212 emails" becomes `forwarding-rule-sent-212`.
pub fn short_slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()) && w != "has" && w != "have")
        .take(4)
        .collect();
    slug(&words.join(" "))
}

/// A lower-case id from free text: "Press call #2" becomes `press-call-2`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "inject".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spreadsheet_times() {
        let secs = |c: Cell| exercise_time(&c).map(HumanDuration::as_secs);
        assert_eq!(secs(Cell::Text("00:05".into())), Some(300));
        assert_eq!(secs(Cell::Text("0:45".into())), Some(2_700));
        assert_eq!(secs(Cell::Text("T+0:45".into())), Some(2_700));
        assert_eq!(secs(Cell::Text("1h 30m".into())), Some(5_400));
        assert_eq!(secs(Cell::Number(1.0 / 48.0)), Some(1_800));
        assert_eq!(story_time("Day 2 08:30").as_deref(), Some("Day 2 08:30"));
        assert_eq!(story_time("D2 08:30").as_deref(), Some("Day 2 08:30"));
        assert_eq!(story_time("sometime"), None);
    }

    #[test]
    fn methods_through_synonyms() {
        assert_eq!(channel("E-mail"), Some("email"));
        assert_eq!(channel("Phone call"), Some("phone"));
        assert_eq!(channel("News article"), Some("news"));
        assert_eq!(channel("carrier pigeon"), None);
    }

    #[test]
    fn ids_from_titles() {
        assert_eq!(slug("Press call #2"), "press-call-2");
        assert_eq!(slug("!!!"), "inject");
    }
}
