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
        if let Some(clock) = clock_form(trimmed) {
            return clock;
        }
        humantime::parse_duration(trimmed)
            .map(Self)
            .map_err(|_| {
                format!("cannot read \"{trimmed}\" as a duration: write a length such as \"30s\", \"5m\", \"1h 30m\", \"2d\" or \"01:30\" (hours:minutes)")
            })
    }
}

/// Spreadsheet form: `HH:MM` (hours and minutes) or `HH:MM:SS`, as an MSEL's
/// time column holds it. `None` when the text is not in that form at all.
fn clock_form(text: &str) -> Option<Result<HumanDuration, String>> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |p: &str| p.parse::<u64>().unwrap_or(0);
    let (hours, minutes) = (number(parts[0]), number(parts[1]));
    let seconds = parts.get(2).map_or(0, |p| number(p));
    if minutes > 59 || seconds > 59 {
        return Some(Err(format!(
            "cannot read \"{text}\" as hours:minutes: minutes and seconds run from 00 to 59"
        )));
    }
    Some(Ok(HumanDuration::from_secs(
        hours * 3_600 + minutes * 60 + seconds,
    )))
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
    "^\\s*(\\d+\\s*[a-zA-Z]+(\\s*\\d+\\s*[a-zA-Z]+)*|\\d{1,4}:\\d{2}(:\\d{2})?)\\s*$",
    "A length of time: \"30s\", \"5m\", \"1h 30m\", \"2d\", or hours:minutes as in a spreadsheet, \"01:30\"."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_clock_forms_out_of_range() {
        assert!("00:75".parse::<HumanDuration>().is_err());
        assert!("1:2:3:4".parse::<HumanDuration>().is_err());
    }

    #[test]
    fn reads_and_prints_common_forms() {
        for (text, secs, shown) in [
            ("5m", 300, "5m"),
            ("1h 30m", 5_400, "1h 30m"),
            ("90min", 5_400, "1h 30m"),
            ("2d", 172_800, "48h"),
            ("5d", 432_000, "5d"),
            ("0m", 0, "0m"),
            ("00:05", 300, "5m"),
            ("1:30", 5_400, "1h 30m"),
            ("72:00", 259_200, "72h"),
            ("00:00:30", 30, "30s"),
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
