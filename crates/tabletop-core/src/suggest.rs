//! "Did you mean ...?" for names that are close to a valid one.

/// The candidate closest to `name`, if it is close enough to be a likely typo
/// or the same words put differently (`inform-law-enforcement` for
/// `notify-law-enforcement`).
pub fn did_you_mean<'a, S: AsRef<str>>(name: &str, candidates: &'a [S]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (c.as_ref(), closeness(name, c.as_ref())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

/// How alike two ids are, 0 to 1: spelling, or the share of their words
/// (split at `-` and `_`) they have in common.
fn closeness(a: &str, b: &str) -> f64 {
    let spelling = strsim::jaro_winkler(a, b);
    let words = |s: &str| -> Vec<String> {
        s.split(['-', '_', ' '])
            .filter(|w| w.len() > 1)
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.len() < 2 || wb.len() < 2 {
        return spelling;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let union = wa.len() + wb.len() - shared;
    // Two of three words alike reads as the same action worded differently.
    let words_score = if union == 0 {
        0.0
    } else {
        0.3 + shared as f64 / union as f64
    };
    spelling.max(words_score)
}

/// A help line for an unknown reference: the closest name, or every valid one.
pub fn reference_help<S: AsRef<str>>(name: &str, candidates: &[S], what: &str) -> String {
    match did_you_mean(name, candidates) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => format!("no {what} is defined"),
        None => {
            let mut names: Vec<&str> = candidates.iter().map(AsRef::as_ref).collect();
            names.sort_unstable();
            names.dedup();
            format!("known {what}s: {}", names.join(", "))
        }
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

    #[test]
    fn the_same_words_put_differently_are_suggested() {
        let actions = ["notify-law-enforcement", "notify-regulator", "engage-legal"];
        assert_eq!(
            did_you_mean("inform-law-enforcement", &actions),
            Some("notify-law-enforcement")
        );
        assert_eq!(did_you_mean("inform-customers", &actions), None);
    }

    #[test]
    fn with_nothing_close_every_name_is_listed() {
        let many: Vec<String> = (0..40).map(|n| format!("action-{n:02}")).collect();
        let help = reference_help("zzz", &many, "plan action");
        assert!(help.starts_with("known plan actions: action-00, action-01"));
        assert!(help.ends_with("action-39"));
    }
}
