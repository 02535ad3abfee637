//! "Did you mean ...?" for names that are close to a valid one.

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a, S: AsRef<str>>(name: &str, candidates: &'a [S]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (c.as_ref(), strsim::jaro_winkler(name, c.as_ref())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// A help line for an unknown reference: the closest name, or the valid ones.
pub fn reference_help<S: AsRef<str>>(name: &str, candidates: &[S], what: &str) -> String {
    match did_you_mean(name, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => format!("no {what} is defined"),
        None if candidates.len() <= 12 => {
            let names: Vec<&str> = candidates.iter().map(AsRef::as_ref).collect();
            format!("known {what}s: {}", names.join(", "))
        }
        None => format!(
            "{} {what}s are defined; check the spelling",
            candidates.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["incident-commander", "legal", "communications"];
        assert_eq!(
            did_you_mean("incident-comander", &names),
            Some("incident-commander")
        );
        assert_eq!(did_you_mean("xyz", &names), None);
    }
}
