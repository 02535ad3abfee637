//! When a deadline falls on the story calendar. Day 1 is taken as a Monday, so
//! business days skip Days 6 and 7, 13 and 14, and so on.

use crate::time::{Deadline, StoryInstant};

const DAY: i64 = 86_400;

pub fn due(from: StoryInstant, deadline: Deadline) -> StoryInstant {
    match deadline {
        Deadline::Elapsed(length) => from.plus(length.as_secs() as i64),
        Deadline::BusinessDays(days) => {
            let mut at = from;
            let mut left = days;
            while left > 0 {
                at = at.plus(DAY);
                if !is_weekend(at) {
                    left -= 1;
                }
            }
            at
        }
    }
}

fn is_weekend(at: StoryInstant) -> bool {
    (at.0.div_euclid(DAY)).rem_euclid(7) >= 5
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HumanDuration;

    #[test]
    fn hours_add_and_business_days_skip_weekends() {
        let thursday = StoryInstant::day_clock(4, 10, 0);
        assert_eq!(
            due(
                thursday,
                Deadline::Elapsed(HumanDuration::from_secs(72 * 3600))
            )
            .to_string(),
            "Day 7 10:00"
        );
        // Thursday + 4 business days: Fri, (Sat, Sun), Mon, Tue, Wed = Day 10.
        assert_eq!(
            due(thursday, Deadline::BusinessDays(4)).to_string(),
            "Day 10 10:00"
        );
    }
}
