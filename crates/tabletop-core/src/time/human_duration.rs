//! A length of time written for people: `30s`, `5m`, `1h 30m`, `2d`.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::{deserialize_from_str, string_schema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct HumanDuration(pub Duration);

impl HumanDuration {
    pub fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }

    pub fn as_secs(self) -> u64 {
        self.0.as_secs()
    }
}

impl FromStr for HumanDuration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(
                "empty duration: write a length such as \"5m\", \"1h 30m\" or \"2d\"".into(),
            );
        }
        humantime::parse_duration(trimmed)
            .map(Self)
            .map_err(|_| {
                format!("cannot read \"{trimmed}\" as a duration: write a length such as \"30s\", \"5m\", \"1h 30m\" or \"2d\"")
            })
    }
}

impl fmt::Display for HumanDuration {
    /// Exact form in days, hours, minutes and seconds: `1h 30m`. Days only from
    /// four days up, because people say "72 hours", not "3 days", for regulatory clocks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut secs = self.0.as_secs();
        if secs == 0 {
            return f.write_str("0m");
        }
        let use_days = secs >= 4 * 86_400;
        let mut parts = Vec::new();
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
            if unit == "d" && !use_days {
                continue;
            }
            if secs >= size {
                parts.push(format!("{}{unit}", secs / size));
                secs %= size;
            }
        }
        f.write_str(&parts.join(" "))
    }
}

deserialize_from_str!(HumanDuration, "a duration such as \"5m\" or \"1h 30m\"");
string_schema!(
    HumanDuration,
    "Duration",
    "^\\s*\\d+\\s*[a-zA-Z]+(\\s*\\d+\\s*[a-zA-Z]+)*\\s*$",
    "A length of time: \"30s\", \"5m\", \"1h 30m\", \"2d\"."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_prints_common_forms() {
        for (text, secs, shown) in [
            ("5m", 300, "5m"),
            ("1h 30m", 5_400, "1h 30m"),
            ("90min", 5_400, "1h 30m"),
            ("2d", 172_800, "48h"),
            ("5d", 432_000, "5d"),
            ("0m", 0, "0m"),
        ] {
            let d: HumanDuration = text.parse().unwrap();
            assert_eq!(d.as_secs(), secs, "{text}");
            assert_eq!(d.to_string(), shown);
        }
    }

    #[test]
    fn explains_what_it_could_not_read() {
        let err = "soon".parse::<HumanDuration>().unwrap_err();
        assert!(err.contains("\"soon\""), "{err}");
        assert!(err.contains("1h 30m"), "{err}");
    }
}
