//! An MSEL's free text read for structure: a title from a message, and
//! "Options: (a) ... (b) ..." turned into a decision.

use toml::{Table, Value};

use super::matching::short_slug;

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// A title from a message: its first sentence, cut at a word near 50 characters.
pub(super) fn title_from(message: &str) -> Option<String> {
    let first = message
        .split(['.', '!', '?', '\n'])
        .map(str::trim)
        .find(|s| !s.is_empty())?;
    if first.chars().count() <= 50 {
        return Some(first.to_string());
    }
    let mut title = String::new();
    for word in first.split_whitespace() {
        if title.chars().count() + word.chars().count() > 47 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title.push('…');
    Some(title)
}

/// "... Options: (a) Pay (b) Refuse" → the message and the options text.
pub(super) fn split_options(message: &str) -> (String, Option<String>) {
    match crate::text::find_ascii_ci(message, "options:") {
        Some(at) => (
            message[..at].trim().to_string(),
            Some(message[at + "options:".len()..].trim().to_string()),
        ),
        None => (message.to_string(), None),
    }
}

/// Options written "(a) ... (b) ...", "a) ...", "1. ..." or one a line.
fn parse_options(text: &str) -> Vec<String> {
    let mut options: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        let marker = marker_len(&rest, current.is_empty() || chars[i - 1].is_whitespace());
        if let Some(len) = marker {
            if !current.trim().is_empty() {
                options.push(
                    current
                        .trim()
                        .trim_end_matches([';', ','])
                        .trim()
                        .to_string(),
                );
            }
            current.clear();
            i += len;
            continue;
        }
        if chars[i] == '\n' && !current.trim().is_empty() {
            options.push(current.trim().to_string());
            current.clear();
        } else {
            current.push(chars[i]);
        }
        i += 1;
    }
    if !current.trim().is_empty() {
        options.push(
            current
                .trim()
                .trim_end_matches(['.', ';'])
                .trim()
                .to_string(),
        );
    }
    options
}

/// Length of an option marker at the start of `rest`: `(a)`, `a)`, `1.`, `1)`.
fn marker_len(rest: &str, at_word_start: bool) -> Option<usize> {
    if !at_word_start {
        return None;
    }
    let b: Vec<char> = rest.chars().collect();
    if b.len() >= 3 && b[0] == '(' && b[1].is_ascii_alphanumeric() && b[2] == ')' {
        return Some(3);
    }
    if b.len() >= 3
        && b[0].is_ascii_alphanumeric()
        && (b[1] == ')' || (b[1] == '.' && b[0].is_ascii_digit()))
        && b[2] == ' '
    {
        return Some(2);
    }
    None
}

pub(super) fn decision_from(
    body: &str,
    options: &str,
    owners: &[String],
    todos: &mut Vec<String>,
) -> Table {
    let mut d = Table::new();
    let prompt = body
        .split_inclusive(['.', '!', '?'])
        .rev()
        .map(str::trim)
        .find(|s| s.ends_with('?'))
        .map_or_else(
            || {
                todos.push("write the decision's `prompt`: the question the team answers".into());
                "Which option does the team choose?".to_string()
            },
            str::to_string,
        );
    d.insert("prompt".into(), prompt.into());
    if !owners.is_empty() {
        d.insert("owners".into(), strings(owners));
    }
    let labels = parse_options(options);
    let mut ids: Vec<String> = Vec::new();
    let list: Vec<Value> = labels
        .iter()
        .map(|label| {
            let mut id = short_slug(label);
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{}-{n}", short_slug(label));
                n += 1;
            }
            ids.push(id.clone());
            let mut o = Table::new();
            o.insert("id".into(), id.into());
            o.insert("label".into(), label.clone().into());
            Value::Table(o)
        })
        .collect();
    if labels.len() < 2 {
        todos.push("a decision needs at least two options: check the Options text".into());
    }
    todos.push("rate each option (`quality`) and link it to plan actions (`fulfils`, `violates`) so the decision can be scored".into());
    d.insert("option".into(), Value::Array(list));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_split_in_the_usual_forms() {
        assert_eq!(
            parse_options("(a) Pay the ransom (b) Refuse and restore (c) Stall"),
            ["Pay the ransom", "Refuse and restore", "Stall"]
        );
        assert_eq!(parse_options("a) Yes; b) No"), ["Yes", "No"]);
        assert_eq!(parse_options("Isolate now\nWait"), ["Isolate now", "Wait"]);
    }

    #[test]
    fn titles_come_from_the_first_sentence() {
        assert_eq!(
            title_from("The SOC sees beaconing. It started at 02:00.").as_deref(),
            Some("The SOC sees beaconing")
        );
    }
}
