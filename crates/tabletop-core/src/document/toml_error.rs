//! Turns the toml crate's errors into diagnostics that say how to fix the file.

use crate::document::Diagnostic;
use crate::suggest::did_you_mean;

pub fn diagnostic_from_toml(error: &toml::de::Error, text_len: usize) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let span = span.start.min(text_len)..span.end.min(text_len);
    let raw = error.message().trim();
    let (message, help) = explain(raw);
    let d = Diagnostic::error(message, span);
    match help {
        Some(help) => d.with_help(help),
        None => d,
    }
}

fn explain(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, allowed) = split_expected(rest);
        let help = match did_you_mean(&name, &allowed) {
            Some(best) => format!(
                "did you mean `{best}`? keys allowed here: {}",
                allowed.join(", ")
            ),
            None if allowed.is_empty() => "this table takes no keys".to_string(),
            None => format!("keys allowed here: {}", allowed.join(", ")),
        };
        return (format!("unknown key `{name}`"), Some(help));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (name, allowed) = split_expected(rest);
        let help = match did_you_mean(&name, &allowed) {
            Some(best) => format!(
                "did you mean \"{best}\"? allowed values: {}",
                allowed.join(", ")
            ),
            None => format!("allowed values: {}", allowed.join(", ")),
        };
        return (format!("unknown value \"{name}\""), Some(help));
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return (
            format!("missing key `{name}`"),
            Some(format!(
                "add `{name} = ...` to this table; `tabletop schema scenario` and `tabletop schema plan` list every key"
            )),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return (
            format!("wrong type: found {found}, expected {expected}"),
            Some(type_help(expected).to_string()),
        );
    }
    if raw.starts_with("invalid length") {
        return (
            raw.to_string(),
            Some("check how many items the list holds".to_string()),
        );
    }
    if raw.contains("duplicate key") || raw.contains("duplicate table") {
        return (
            raw.to_string(),
            Some("each key may appear once per table: remove or rename one of them".to_string()),
        );
    }
    if raw.starts_with("invalid value")
        || raw.starts_with("cannot read")
        || raw.starts_with("empty duration")
    {
        return (raw.to_string(), None);
    }
    (
        format!("invalid TOML: {raw}"),
        Some("check the syntax here: strings in quotes, lists in [ ], one `key = value` per line; multi-line text goes in \"\"\" \"\"\"".to_string()),
    )
}

/// For an unknown-key error, the allowed key it is likely a misspelling of.
pub(crate) fn misspelt_key(raw: &str) -> Option<String> {
    let rest = raw.trim().strip_prefix("unknown field ")?;
    let (name, allowed) = split_expected(rest);
    did_you_mean(&name, &allowed).map(str::to_string)
}

fn type_help(expected: &str) -> &'static str {
    if expected.contains("sequence") {
        "write a list in square brackets, e.g. [\"incident-commander\", \"legal\"]"
    } else if expected.contains("string")
        || expected.contains("duration")
        || expected.contains("story time")
        || expected.contains("deadline")
    {
        "put the value in double quotes"
    } else if expected.contains("bool") {
        "write true or false, without quotes"
    } else if expected.contains("integer") || expected.starts_with('u') || expected.starts_with('i')
    {
        "write a whole number without quotes"
    } else if expected.contains("struct") || expected.contains("map") {
        "this key holds a table: use a [section] header or { key = value } braces"
    } else {
        "check the value's type against `tabletop schema scenario` or `tabletop schema plan`"
    }
}

/// Splits serde's "`name`, expected one of `a`, `b`" into the name and the choices.
fn split_expected(text: &str) -> (String, Vec<String>) {
    let (name, rest) = text.split_once(", expected").unwrap_or((text, ""));
    let name = name.trim().trim_matches('`').to_string();
    let allowed = rest
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    (name, allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_suggests_the_closest() {
        let (message, help) =
            explain("unknown field `titel`, expected one of `id`, `title`, `summary`");
        assert_eq!(message, "unknown key `titel`");
        assert!(help.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn unknown_variant_lists_choices() {
        let (message, help) = explain("unknown variant `emial`, expected one of `email`, `phone`");
        assert_eq!(message, "unknown value \"emial\"");
        assert!(help.unwrap().contains("did you mean \"email\""));
    }
}
