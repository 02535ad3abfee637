//! A plan deadline: elapsed time (`72h`, `60d`) or business days (`4 business days`).

use std::fmt;
use std::str::FromStr;

use super::{HumanDuration, deserialize_from_str, string_schema};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Elapsed(HumanDuration),
    /// Monday to Friday, counted on the story calendar.
    BusinessDays(u32),
}

impl FromStr for Deadline {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if let Some(count) = lower
            .strip_suffix("business days")
            .or_else(|| lower.strip_suffix("business day"))
        {
            return count
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(Self::BusinessDays)
                .ok_or_else(|| {
                    format!("cannot read \"{trimmed}\": write a count of business days such as \"4 business days\"")
                });
        }
        trimmed.parse::<HumanDuration>().map(Self::Elapsed).map_err(|_| {
            format!(
                "cannot read \"{trimmed}\" as a deadline: write elapsed time such as \"1h\", \"72h\", \"60d\", or \"4 business days\""
            )
        })
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Elapsed(d) => d.fmt(f),
            Self::BusinessDays(1) => f.write_str("1 business day"),
            Self::BusinessDays(n) => write!(f, "{n} business days"),
        }
    }
}

deserialize_from_str!(
    Deadline,
    "a deadline such as \"72h\" or \"4 business days\""
);
string_schema!(
    Deadline,
    "Deadline",
    "^\\s*(\\d+\\s+business\\s+days?|\\d+\\s*[a-zA-Z]+(\\s*\\d+\\s*[a-zA-Z]+)*)\\s*$",
    "How long after its trigger an action is due: \"1h\", \"72h\", \"60d\", or \"4 business days\"."
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_kinds() {
        assert_eq!("72h".parse::<Deadline>().unwrap().to_string(), "72h");
        assert_eq!(
            "4 business days".parse::<Deadline>().unwrap(),
            Deadline::BusinessDays(4)
        );
        assert!("0 business days".parse::<Deadline>().is_err());
        assert!("whenever".parse::<Deadline>().unwrap_err().contains("72h"));
    }
}
