//! When scheduled reminders fire, as data (`[reminder_rules]` in the configuration). Each
//! reminder names its subject and occasion in a de-duplication key, so it fires once even when
//! the schedule runs twice, and a day the schedule missed is caught up on the next run.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReminderRules {
    pub version: String,
    /// The meeting reminder goes out this many days before the meeting day.
    pub meeting_days_before: u32,
    /// Months before a committee's term ends at which its secretary and the 党委 are reminded.
    pub term_months_before: Vec<u32>,
    /// Development deadlines (谈话, 考察, 审批, 预备期) are announced this many days ahead.
    pub development_days_before: u32,
    /// Hour (China time) at which the daily reminder run starts.
    pub run_hour: u32,
}

impl Default for ReminderRules {
    fn default() -> Self {
        ReminderRules {
            version: "提醒规则 v1（会前1天；任期届满前6、3、1个月及逾期每月；发展工作到期前7天）".into(),
            meeting_days_before: 1,
            term_months_before: vec![6, 3, 1],
            development_days_before: 7,
            run_hour: 8,
        }
    }
}

/// The occasion of a term reminder on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermOccasion {
    /// The term ends within this many months (the nearest threshold reached).
    Before(u32),
    /// The term ended this many whole months ago (0 from the day it ended).
    Overdue(u32),
}

impl TermOccasion {
    /// The part of the de-duplication key naming the occasion.
    pub fn key(self) -> String {
        match self {
            TermOccasion::Before(months) => format!("before{months}"),
            TermOccasion::Overdue(months) => format!("overdue{months}"),
        }
    }
}

/// The day a term that started on `started` and lasts `years` ends.
pub fn term_end(started: NaiveDate, years: i32) -> Option<NaiveDate> {
    started.checked_add_months(Months::new(12 * years.max(0) as u32))
}

/// Which term reminder applies on `today` for a term ending on `end`; `None` before the first
/// threshold. A missed day is caught up: the occasion stays the same until the next threshold.
pub fn term_occasion(rules: &ReminderRules, end: NaiveDate, today: NaiveDate) -> Option<TermOccasion> {
    if today >= end {
        return Some(TermOccasion::Overdue(whole_months_between(end, today)));
    }
    rules
        .term_months_before
        .iter()
        .copied()
        .filter(|months| end.checked_sub_months(Months::new(*months)).is_some_and(|from| today >= from))
        .min()
        .map(TermOccasion::Before)
}

/// Whole months from `from` to `to` (`to` ≥ `from`).
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if from.checked_add_months(Months::new(months.max(0) as u32)).is_none_or(|d| d > to) {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn term_reminders_fire_at_six_three_and_one_months_then_monthly() {
        let rules = ReminderRules::default();
        let end = d("2027-06-30");
        let vectors = [
            ("2026-12-29", None),
            ("2026-12-30", Some(TermOccasion::Before(6))),
            ("2027-03-29", Some(TermOccasion::Before(6))),
            ("2027-03-30", Some(TermOccasion::Before(3))),
            ("2027-05-30", Some(TermOccasion::Before(1))),
            ("2027-06-29", Some(TermOccasion::Before(1))),
            ("2027-06-30", Some(TermOccasion::Overdue(0))),
            ("2027-07-29", Some(TermOccasion::Overdue(0))),
            ("2027-07-30", Some(TermOccasion::Overdue(1))),
            ("2028-01-30", Some(TermOccasion::Overdue(7))),
        ];
        for (today, expected) in vectors {
            assert_eq!(term_occasion(&rules, end, d(today)), expected, "{today}");
        }
    }

    #[test]
    fn a_term_ends_after_its_years() {
        assert_eq!(term_end(d("2024-02-29"), 3), Some(d("2027-02-28")));
        assert_eq!(term_end(d("2023-07-01"), 3), Some(d("2026-07-01")));
    }
}
