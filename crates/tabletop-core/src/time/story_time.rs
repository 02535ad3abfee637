//! Story time: the time inside the scenario (`Day 3 08:00`), or an offset from the
//! scenario's start (`+2h 30m`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{HumanDuration, deserialize_from_str, string_schema};

/// A moment in the story, in seconds since Day 1 00:00.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct StoryInstant(pub i64);

impl StoryInstant {
    pub fn day_clock(day: u32, hour: u32, minute: u32) -> Self {
        Self((i64::from(day) - 1) * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60)
    }

    pub fn plus(self, secs: i64) -> Self {
        Self(self.0.saturating_add(secs))
    }
}

impl fmt::Display for StoryInstant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.max(0);
        let day = secs / 86_400 + 1;
        let rest = secs % 86_400;
        write!(f, "Day {day} {:02}:{:02}", rest / 3_600, rest % 3_600 / 60)
    }
}

/// Story time as written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryTime {
    At(StoryInstant),
    AfterStart(HumanDuration),
}

impl StoryTime {
    pub fn resolve(self, start: StoryInstant) -> StoryInstant {
        match self {
            Self::At(instant) => instant,
            Self::AfterStart(offset) => start.plus(offset.as_secs() as i64),
        }
    }
}

const HOW: &str = "write story time as \"Day 1 09:12\" or as an offset from the scenario start such as \"+2h 30m\"";

impl FromStr for StoryTime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if let Some(offset) = trimmed.strip_prefix('+') {
            return offset
                .parse::<HumanDuration>()
                .map(Self::AfterStart)
                .map_err(|_| format!("cannot read the offset \"{trimmed}\": {HOW}"));
        }
        parse_day_clock(trimmed)
            .map(Self::At)
            .ok_or_else(|| format!("cannot read \"{trimmed}\" as story time: {HOW}"))
    }
}

fn parse_day_clock(text: &str) -> Option<StoryInstant> {
    let mut words = text.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("day") {
        return None;
    }
    let day: u32 = words.next()?.trim_end_matches(',').parse().ok()?;
    let (hour, minute) = words.next()?.split_once(':')?;
    if words.next().is_some() || day == 0 || day > 3_650 || hour.len() > 2 || minute.len() != 2 {
        return None;
    }
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    (hour < 24 && minute < 60).then(|| StoryInstant::day_clock(day, hour, minute))
}

impl fmt::Display for StoryTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::At(instant) => instant.fmt(f),
            Self::AfterStart(offset) => write!(f, "+{offset}"),
        }
    }
}

deserialize_from_str!(StoryTime, "story time such as \"Day 1 09:12\" or \"+2h\"");
string_schema!(
    StoryTime,
    "StoryTime",
    "^\\s*([Dd][Aa][Yy]\\s+\\d+,?\\s+\\d{1,2}:\\d{2}|\\+.+)\\s*$",
    "Time inside the scenario: \"Day 1 09:12\", or an offset from the scenario start such as \"+2h 30m\"."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_day_clock_and_offsets() {
        let start = StoryInstant::day_clock(1, 8, 30);
        let at: StoryTime = "Day 3 08:05".parse().unwrap();
        assert_eq!(at.resolve(start).to_string(), "Day 3 08:05");
        let offset: StoryTime = "+2h 30m".parse().unwrap();
        assert_eq!(offset.resolve(start).to_string(), "Day 1 11:00");
        let long: StoryTime = "+3d".parse().unwrap();
        assert_eq!(long.resolve(start).to_string(), "Day 4 08:30");
    }

    #[test]
    fn rejects_impossible_clocks() {
        for bad in [
            "Day 0 09:00",
            "Day 1 24:00",
            "Day 1 9:5",
            "Tuesday 09:00",
            "Day 1",
            "+soon",
        ] {
            let err = bad.parse::<StoryTime>().unwrap_err();
            assert!(err.contains("Day 1 09:12"), "{bad}: {err}");
        }
    }
}
