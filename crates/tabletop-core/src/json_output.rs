//! JSON for people's tools (`--format json`, `list --json`): the same values,
//! with every control and invisible character in a string escaped as `\uXXXX`
//! so a terminal or a log viewer showing the JSON cannot be driven by it. A
//! JSON reader gets the recorded text back unchanged.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::is_invisible;

/// Pretty-printed JSON with hostile characters escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut serializer)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// Pretty printing, with string contents escaped where serde_json would
/// write them raw (it escapes only C0 controls, quotes and backslashes).
struct Escaping<'a>(PrettyFormatter<'a>);

fn needs_escape(c: char) -> bool {
    c.is_control()
        || is_invisible(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200c}' | '\u{200d}')
}

impl Formatter for Escaping<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !needs_escape(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_escaped_and_read_back_unchanged() {
        let text =
            "a\u{9b}31m \u{202e}txt.exe \u{200b} \u{1b}[2J \u{e0041} ok \u{1f468}\u{200d}\u{1f469}";
        let json = to_string_pretty(&serde_json::json!({ "title": text })).unwrap();
        for raw in [
            '\u{9b}',
            '\u{202e}',
            '\u{200b}',
            '\u{1b}',
            '\u{e0041}',
            '\u{200d}',
        ] {
            assert!(!json.contains(raw), "{raw:?} in {json}");
        }
        assert!(
            json.contains("\\u202e") && json.contains("\\udb40\\udc41"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["title"], text);
    }

    #[test]
    fn plain_values_print_as_serde_json_prints_them() {
        let value = serde_json::json!({ "a": [1, 2], "b": { "c": "d é" } });
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
