//! One event as a transcript line: the record, the hash of the line before it,
//! and story time spelled out for people reading the file with ordinary tools.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::value::UnitDeserializer;
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::{Event, EventRecord};
use crate::time::StoryInstant;
use crate::transcript::header::sha256_hex;

#[derive(Serialize)]
struct LineOut<'a> {
    seq: u64,
    prev: &'a str,
    wall: String,
    elapsed_ms: i64,
    story: StoryInstant,
    story_text: String,
    #[serde(flatten)]
    event: &'a Event,
}

/// A line as read. Decoded by hand rather than with `#[serde(flatten)]`, which
/// would buffer every line into an intermediate tree first: replaying long
/// transcripts is dominated by this.
struct LineIn<'a> {
    seq: u64,
    prev: &'a str,
    wall: DateTime<Utc>,
    elapsed_ms: i64,
    story: StoryInstant,
    event: Event,
}

impl<'de> Deserialize<'de> for LineIn<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = LineIn<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a transcript event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LineIn<'de>, A::Error> {
        let (mut seq, mut prev, mut wall, mut elapsed_ms, mut story) =
            (None, None, None, None, None);
        let mut kind: Option<String> = None;
        let mut event = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "seq" => seq = Some(map.next_value()?),
                "prev" => prev = Some(map.next_value()?),
                "wall" => wall = Some(map.next_value()?),
                "elapsed_ms" => elapsed_ms = Some(map.next_value()?),
                "story" => story = Some(map.next_value()?),
                "type" => kind = Some(map.next_value()?),
                "data" => {
                    let kind = kind
                        .as_deref()
                        .ok_or_else(|| A::Error::custom("`data` comes before `type`"))?;
                    event = Some(map.next_value_seed(PayloadSeed(kind))?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| A::Error::missing_field("type"))?;
        let event = match event {
            Some(event) => event,
            None => Event::deserialize(Tagged::<UnitDeserializer<A::Error>> {
                kind: &kind,
                data: None,
            })?,
        };
        Ok(LineIn {
            seq: seq.ok_or_else(|| A::Error::missing_field("seq"))?,
            prev: prev.ok_or_else(|| A::Error::missing_field("prev"))?,
            wall: wall.ok_or_else(|| A::Error::missing_field("wall"))?,
            elapsed_ms: elapsed_ms.ok_or_else(|| A::Error::missing_field("elapsed_ms"))?,
            story: story.ok_or_else(|| A::Error::missing_field("story"))?,
            event,
        })
    }
}

/// Decodes `data` as the payload of the event named by `type`, through the
/// derived adjacently tagged decoder.
struct PayloadSeed<'a>(&'a str);

impl<'de> DeserializeSeed<'de> for PayloadSeed<'_> {
    type Value = Event;

    fn deserialize<D: Deserializer<'de>>(self, data: D) -> Result<Event, D::Error> {
        Event::deserialize(Tagged {
            kind: self.0,
            data: Some(data),
        })
    }
}

/// Presents `{"type": kind, "data": <data>}` to the derived decoder.
struct Tagged<'a, D> {
    kind: &'a str,
    data: Option<D>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tagged<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        visitor.visit_map(TaggedMap {
            kind: Some(self.kind),
            data: self.data,
            next_is_kind: true,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct TaggedMap<'a, D> {
    kind: Option<&'a str>,
    data: Option<D>,
    next_is_kind: bool,
}

impl<'de, D: Deserializer<'de>> MapAccess<'de> for TaggedMap<'_, D> {
    type Error = D::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, D::Error> {
        let key = if self.kind.is_some() {
            self.next_is_kind = true;
            "type"
        } else if self.data.is_some() {
            self.next_is_kind = false;
            "data"
        } else {
            return Ok(None);
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, D::Error> {
        if self.next_is_kind {
            let kind = self.kind.take().unwrap_or_default();
            seed.deserialize(kind.into_deserializer())
        } else {
            let data = self
                .data
                .take()
                .ok_or_else(|| D::Error::custom("no `data`"))?;
            seed.deserialize(data)
        }
    }
}

/// Seals a JSON object by appending its own hash as the last field, so an edit
/// of the line is caught at that line. Returns the line and the hash.
pub fn seal(json: &str) -> (String, String) {
    let hash = sha256_hex(json.as_bytes());
    let line = format!("{},\"hash\":\"{hash}\"}}", &json[..json.len() - 1]);
    (line, hash)
}

const SEAL_LEN: usize = r#","hash":""}"#.len() + 64;

/// Checks a sealed line: its hash, when it matches the content, or why not.
pub fn check_seal(line: &str) -> Result<&str, &'static str> {
    if line.len() < SEAL_LEN + 2 || !line.is_char_boundary(line.len() - SEAL_LEN) {
        return Err("it has no hash of its own");
    }
    let (content, tail) = line.split_at(line.len() - SEAL_LEN);
    let hash = tail
        .strip_prefix(r#","hash":""#)
        .and_then(|t| t.strip_suffix(r#""}"#))
        .ok_or("it has no hash of its own")?;
    // Hash in place and compare hex bytes: this runs for every line of a replay.
    let mut hasher = Sha256::new();
    hasher.update(content.as_bytes());
    hasher.update(b"}");
    let mut computed = [0u8; 64];
    hex::encode_to_slice(hasher.finalize(), &mut computed).expect("64 hex digits for 32 bytes");
    if computed != hash.as_bytes() {
        return Err("its content does not match its hash: it was changed after it was written");
    }
    Ok(hash)
}

/// The hash a sealed line carries, without checking it.
pub fn line_hash(line: &str) -> Option<&str> {
    let tail = line.get(line.len().checked_sub(SEAL_LEN)?..)?;
    tail.strip_prefix(r#","hash":""#)?.strip_suffix(r#""}"#)
}

/// The line's JSON (sealed), without its newline, and its hash.
pub fn encode(record: &EventRecord, prev: &str) -> (String, String) {
    let line = LineOut {
        seq: record.seq,
        prev,
        wall: record.wall.to_rfc3339_opts(SecondsFormat::Millis, true),
        elapsed_ms: record.elapsed_ms,
        story: record.story,
        story_text: record.story.to_string(),
        event: &record.event,
    };
    seal(&serde_json::to_string(&line).expect("events serialize to JSON"))
}

/// The record and the previous-line hash it claims.
pub fn decode(line: &str) -> Result<(EventRecord, &str), serde_json::Error> {
    let parsed: LineIn = serde_json::from_str(line)?;
    Ok((
        EventRecord {
            seq: parsed.seq,
            wall: parsed.wall,
            elapsed_ms: parsed.elapsed_ms,
            story: parsed.story,
            event: parsed.event,
        },
        parsed.prev,
    ))
}
