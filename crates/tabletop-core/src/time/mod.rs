//! Time as scenario and plan files write it: durations, story times and deadlines.

mod deadline;
pub mod format;
mod holidays;
mod human_duration;
mod story_time;

pub use deadline::Deadline;
pub use holidays::{Holidays, us_federal};
pub use human_duration::HumanDuration;
pub use story_time::{StoryInstant, StoryTime};

/// Implements `Deserialize` through `FromStr`, so a bad value's error carries
/// the parser's own explanation and toml attaches the value's span to it.
macro_rules! deserialize_from_str {
    ($type:ty, $expecting:literal) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$type, E> {
                        v.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}
pub(crate) use deserialize_from_str;

/// JSON Schema for a string-typed value with a pattern and a description.
macro_rules! string_schema {
    ($type:ty, $name:literal, $pattern:literal, $description:literal) => {
        impl schemars::JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $description,
                })
            }
        }
    };
}
pub(crate) use string_schema;
