//! Holiday calendars for clocks counted in business days. A regime's
//! business days skip its own public holidays: the SEC's four business days
//! for a Form 8-K skip US federal holidays.

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Holidays {
    /// The eleven US federal holidays (5 U.S.C. 6103), moved to the Friday
    /// before or the Monday after when they fall on a weekend.
    #[serde(rename = "us-federal")]
    UsFederal,
}

impl Holidays {
    pub fn name(self) -> &'static str {
        match self {
            Self::UsFederal => "US federal holidays",
        }
    }

    /// Whether `date` is a holiday observed on this calendar.
    pub fn is_holiday(self, date: NaiveDate) -> bool {
        match self {
            Self::UsFederal => us_federal(date.year()).contains(&date),
        }
    }
}

/// The `n`th `weekday` of a month (1-based).
fn nth(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).expect("a valid month")
}

fn last(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
        .unwrap_or_else(|| nth(year, month, weekday, 4))
}

/// A fixed-date holiday on a Saturday is observed the Friday before, on a
/// Sunday the Monday after.
fn observed(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date.pred_opt().expect("in range"),
        Weekday::Sun => date.succ_opt().expect("in range"),
        _ => date,
    }
}

fn fixed(year: i32, month: u32, day: u32) -> NaiveDate {
    observed(NaiveDate::from_ymd_opt(year, month, day).expect("a real date"))
}

/// The observed dates of the federal holidays in `year`, and New Year's Day
/// of the next year when it is observed on 31 December.
pub fn us_federal(year: i32) -> Vec<NaiveDate> {
    let mut days = vec![
        fixed(year, 1, 1),
        nth(year, 1, Weekday::Mon, 3), // Birthday of Martin Luther King, Jr.
        nth(year, 2, Weekday::Mon, 3), // Washington's Birthday
        last(year, 5, Weekday::Mon),   // Memorial Day
        fixed(year, 6, 19),            // Juneteenth National Independence Day
        fixed(year, 7, 4),             // Independence Day
        nth(year, 9, Weekday::Mon, 1), // Labor Day
        nth(year, 10, Weekday::Mon, 2), // Columbus Day
        fixed(year, 11, 11),           // Veterans Day
        nth(year, 11, Weekday::Thu, 4), // Thanksgiving Day
        fixed(year, 12, 25),           // Christmas Day
    ];
    let next_new_year = fixed(year + 1, 1, 1);
    if next_new_year.year() == year {
        days.push(next_new_year);
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_2026_federal_holidays_fall_where_opm_lists_them() {
        let days = us_federal(2026);
        for date in [
            d(2026, 1, 1),
            d(2026, 1, 19),
            d(2026, 2, 16),
            d(2026, 5, 25),
            d(2026, 6, 19),
            d(2026, 7, 3), // 4 July is a Saturday
            d(2026, 9, 7),
            d(2026, 10, 12),
            d(2026, 11, 11),
            d(2026, 11, 26),
            d(2026, 12, 25),
        ] {
            assert!(days.contains(&date), "{date}");
        }
        assert_eq!(days.len(), 11);
        // 1 January 2028 is a Saturday: observed on Friday 31 December 2027.
        assert!(Holidays::UsFederal.is_holiday(d(2027, 12, 31)));
    }
}
