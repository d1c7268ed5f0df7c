//! 三会一课 and organisational life (domain.md §2): meeting kinds, how often each is required
//! (data, configurable per deployment), quorum, and compliance per period.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    BranchGeneral,
    BranchCommittee,
    PartyGroup,
    PartyLecture,
    ThemeDay,
    OrgLife,
    DemocraticReview,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 8] = [
        MeetingKind::BranchGeneral,
        MeetingKind::BranchCommittee,
        MeetingKind::PartyGroup,
        MeetingKind::PartyLecture,
        MeetingKind::ThemeDay,
        MeetingKind::OrgLife,
        MeetingKind::DemocraticReview,
        MeetingKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::BranchGeneral => "branch_general",
            MeetingKind::BranchCommittee => "branch_committee",
            MeetingKind::PartyGroup => "party_group",
            MeetingKind::PartyLecture => "party_lecture",
            MeetingKind::ThemeDay => "theme_day",
            MeetingKind::OrgLife => "org_life",
            MeetingKind::DemocraticReview => "democratic_review",
            MeetingKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::BranchGeneral => "支部党员大会",
            MeetingKind::BranchCommittee => "支委会",
            MeetingKind::PartyGroup => "党小组会",
            MeetingKind::PartyLecture => "党课",
            MeetingKind::ThemeDay => "主题党日",
            MeetingKind::OrgLife => "组织生活会",
            MeetingKind::DemocraticReview => "民主评议党员",
            MeetingKind::Other => "其他",
        }
    }

    /// Meetings that decide by vote and so need a quorum.
    pub fn needs_quorum(self) -> bool {
        matches!(self, MeetingKind::BranchGeneral | MeetingKind::BranchCommittee)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    Yearly,
    /// No required frequency.
    AsNeeded,
}

/// How often each kind is required; the default follows 支部工作条例, with 党课 quarterly as
/// most units do [L].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MeetingRules {
    pub version: String,
    pub frequencies: Vec<(MeetingKind, Frequency)>,
}

impl Default for MeetingRules {
    fn default() -> Self {
        use Frequency::*;
        use MeetingKind::*;
        MeetingRules {
            version: "支部工作条例（试行）2018 v1".into(),
            frequencies: vec![
                (BranchGeneral, Quarterly),
                (BranchCommittee, Monthly),
                (PartyGroup, Monthly),
                (PartyLecture, Quarterly),
                (ThemeDay, Monthly),
                (OrgLife, Yearly),
                (DemocraticReview, Yearly),
            ],
        }
    }
}

/// A reporting period: a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
}

impl Period {
    /// `2026`, `2026-Q3` or `2026-11`.
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let (year, rest) = text.split_once('-').map_or((text, None), |(y, r)| (y, Some(r)));
        let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let (from, to) = match rest {
            None => (1, 12),
            Some(q) if q.starts_with(['Q', 'q']) => {
                let q: u32 = q[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
                (q * 3 - 2, q * 3)
            }
            Some(m) => {
                let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
                (m, m)
            }
        };
        let start = NaiveDate::from_ymd_opt(year, from, 1)?;
        let end =
            NaiveDate::from_ymd_opt(if to == 12 { year + 1 } else { year }, if to == 12 { 1 } else { to + 1 }, 1)?
                .pred_opt()?;
        Some(Period { start, end })
    }

    /// The buckets of `frequency` that overlap this period and have begun by `today`:
    /// each must hold at least one meeting.
    pub fn buckets(&self, frequency: Frequency, today: NaiveDate) -> Vec<Period> {
        let months_per_bucket = match frequency {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Yearly => 12,
            Frequency::AsNeeded => return Vec::new(),
        };
        let mut buckets = Vec::new();
        let first_month = (self.start.month0() / months_per_bucket) * months_per_bucket;
        let mut start = NaiveDate::from_ymd_opt(self.start.year(), first_month + 1, 1).expect("valid");
        while start <= self.end && start <= today {
            let next = start.checked_add_months(chrono::Months::new(months_per_bucket)).expect("valid");
            buckets.push(Period { start, end: next.pred_opt().expect("valid") });
            start = next;
        }
        buckets
    }
}

/// Quorum of a voting meeting: more than half of those entitled present (支部条例; 细则 §20).
pub fn has_quorum(entitled: u32, present: u32) -> bool {
    entitled > 0 && present * 2 > entitled
}

/// For one kind and period: the buckets that lack a meeting, given the dates of those held.
pub fn missing_buckets(period: &Period, frequency: Frequency, held: &[NaiveDate], today: NaiveDate) -> Vec<Period> {
    period
        .buckets(frequency, today)
        .into_iter()
        .filter(|b| !held.iter().any(|d| *d >= b.start && *d <= b.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_parse() {
        assert_eq!(Period::parse("2026"), Some(Period { start: d(2026, 1, 1), end: d(2026, 12, 31) }));
        assert_eq!(Period::parse("2026-Q3"), Some(Period { start: d(2026, 7, 1), end: d(2026, 9, 30) }));
        assert_eq!(Period::parse("2026-02"), Some(Period { start: d(2026, 2, 1), end: d(2026, 2, 28) }));
        assert_eq!(Period::parse("2026-Q5"), None);
        assert_eq!(Period::parse("2026-13"), None);
    }

    #[test]
    fn monthly_committee_meetings_in_a_quarter() {
        let q3 = Period::parse("2026-Q3").unwrap();
        let missing = missing_buckets(&q3, Frequency::Monthly, &[d(2026, 7, 15), d(2026, 9, 30)], d(2026, 11, 26));
        assert_eq!(missing, vec![Period { start: d(2026, 8, 1), end: d(2026, 8, 31) }]);
        // A branch that held nothing misses every month.
        assert_eq!(missing_buckets(&q3, Frequency::Monthly, &[], d(2026, 11, 26)).len(), 3);
    }

    #[test]
    fn only_buckets_that_have_begun_count() {
        let year = Period::parse("2026").unwrap();
        // On 2026-11-26: 11 months have begun; quarters: 4; the year: 1.
        assert_eq!(year.buckets(Frequency::Monthly, d(2026, 11, 26)).len(), 11);
        assert_eq!(year.buckets(Frequency::Quarterly, d(2026, 11, 26)).len(), 4);
        assert_eq!(missing_buckets(&year, Frequency::Yearly, &[d(2026, 12, 20)], d(2026, 12, 31)), vec![]);
        assert!(year.buckets(Frequency::AsNeeded, d(2026, 11, 26)).is_empty());
    }

    #[test]
    fn quorum_is_more_than_half() {
        assert!(!has_quorum(20, 10));
        assert!(has_quorum(20, 11));
        assert!(has_quorum(5, 3));
        assert!(!has_quorum(0, 0));
    }
}
