//! When a deadline falls on the story calendar. Without a date for Day 1,
//! Day 1 is taken as a Monday, so business days skip Days 6 and 7, 13 and 14,
//! and so on. With one (`date` in the scenario), business days skip the real
//! weekends and, for a clock that names one, its regime's holidays.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::time::{Deadline, Holidays, StoryInstant};

const DAY: i64 = 86_400;

/// The story's days as calendar dates, when the scenario gives Day 1's.
#[derive(Debug, Clone, Copy, Default)]
pub struct StoryCalendar {
    pub day_one: Option<NaiveDate>,
}

impl StoryCalendar {
    fn date(self, at: StoryInstant) -> Option<NaiveDate> {
        let day = at.0.div_euclid(DAY);
        self.day_one?
            .checked_add_signed(chrono::TimeDelta::days(day))
    }

    fn is_working_day(self, at: StoryInstant, holidays: Option<Holidays>) -> bool {
        match self.date(at) {
            Some(date) => {
                !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
                    && !holidays.is_some_and(|h| h.is_holiday(date))
            }
            None => (at.0.div_euclid(DAY)).rem_euclid(7) < 5,
        }
    }
}

/// Due time on a story whose Day 1 is a Monday, with no holidays.
pub fn due(from: StoryInstant, deadline: Deadline) -> StoryInstant {
    due_on(from, deadline, StoryCalendar::default(), None)
}

pub fn due_on(
    from: StoryInstant,
    deadline: Deadline,
    calendar: StoryCalendar,
    holidays: Option<Holidays>,
) -> StoryInstant {
    match deadline {
        Deadline::Elapsed(length) => from.plus(length.as_secs() as i64),
        Deadline::BusinessDays(days) => {
            let mut at = from;
            let mut left = days;
            // Bounded: a calendar cannot hold more holidays than days.
            while left > 0 && at.0 - from.0 < 400 * DAY {
                at = at.plus(DAY);
                if calendar.is_working_day(at, holidays) {
                    left -= 1;
                }
            }
            at
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::HumanDuration;

    #[test]
    fn business_days_skip_the_regimes_holidays_on_a_dated_story() {
        // Day 1 is Monday 23 November 2026; Thanksgiving is Thursday 26.
        let calendar = StoryCalendar {
            day_one: NaiveDate::from_ymd_opt(2026, 11, 23),
        };
        let tuesday = StoryInstant::day_clock(2, 10, 0);
        // Tue + 4 business days: Wed, (Thanksgiving), Fri, (Sat, Sun), Mon, Tue = Day 9.
        assert_eq!(
            due_on(
                tuesday,
                Deadline::BusinessDays(4),
                calendar,
                Some(Holidays::UsFederal)
            )
            .to_string(),
            "Day 9 10:00"
        );
        // Without the holiday calendar Thanksgiving counts: Day 8.
        assert_eq!(
            due_on(tuesday, Deadline::BusinessDays(4), calendar, None).to_string(),
            "Day 8 10:00"
        );
    }

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
