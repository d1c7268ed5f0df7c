//! Rules of branch founding, re-election and by-election (domain.md §4), as data
//! (`[election_rules]`) and pure functions with their test vectors in `elections_tests.rs`:
//! committee size by the number of 正式党员, the 差额 of candidates, quorum, ballot validity,
//! who is elected, the secretary's 党龄 and when an election is on schedule.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::RuleViolation;

const SOURCE_BRANCH: &str = "《中国共产党支部工作条例（试行）》";
const SOURCE_ELECTION: &str = "《中国共产党基层组织选举工作条例》";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElectionRules {
    pub version: String,
    /// With this many 正式党员 or more a branch elects a committee.
    pub committee_from_full_members: u32,
    /// A committee has this many members at least and at most.
    pub committee_min: u32,
    pub committee_max: u32,
    /// Without a committee: a 书记 and at most this many posts (书记 + 副书记).
    pub small_max_seats: u32,
    /// A branch is founded with this many 正式党员 at least.
    pub found_min_full_members: u32,
    /// Candidates exceed the seats by at least this percentage (换届).
    pub margin_percent: u32,
    /// The same for a by-election (0: 等额 allowed).
    pub by_election_margin_percent: u32,
    /// A secretary has been a 正式党员 this many years.
    pub secretary_party_years: u32,
    /// The 请示 goes up at least this many days before the term ends.
    pub request_lead_days: u32,
    /// An election this many days before the term ends or later is on schedule (按期).
    pub on_time_days_before: u32,
    /// An early or delayed election differs from the term's end by at most this many months.
    pub max_shift_months: u32,
}

impl Default for ElectionRules {
    fn default() -> Self {
        ElectionRules {
            version: "选举规则 v1（7名以上正式党员设支委会3至7人；差额不低于20%；到会超过应到会4/5；得票超过实到会半数当选；书记党龄1年以上；提前或延期不超过1年）"
                .into(),
            committee_from_full_members: 7,
            committee_min: 3,
            committee_max: 7,
            small_max_seats: 2,
            found_min_full_members: 3,
            margin_percent: 20,
            by_election_margin_percent: 0,
            secretary_party_years: 1,
            request_lead_days: 30,
            on_time_days_before: 90,
            max_shift_months: 12,
        }
    }
}

fn violation(code: &str, rule: &str, source: &str, message: String) -> RuleViolation {
    RuleViolation { code: code.into(), rule: rule.into(), source: source.into(), message, earliest: None }
}

impl ElectionRules {
    /// Whether a branch with `full_members` 正式党员 elects a committee (else a 书记 and 副书记).
    pub fn has_committee(&self, full_members: u32) -> bool {
        full_members >= self.committee_from_full_members
    }

    /// The seats a branch with `full_members` may fill: 3–7 with a committee, 1–2 without.
    pub fn seat_range(&self, full_members: u32) -> (u32, u32) {
        if self.has_committee(full_members) {
            (self.committee_min, self.committee_max)
        } else {
            (1, self.small_max_seats)
        }
    }

    pub fn seats_violation(&self, full_members: u32, seats: u32) -> Option<RuleViolation> {
        let (lo, hi) = self.seat_range(full_members);
        if (lo..=hi).contains(&seats) {
            return None;
        }
        let (rule, message) = if self.has_committee(full_members) {
            (
                "正式党员7人以上的党支部设立支部委员会，委员3至5人，一般不超过7人",
                format!("正式党员{full_members}名，应设委员{lo}至{hi}名，不能为{seats}名"),
            )
        } else {
            (
                "正式党员不足7人的党支部不设支部委员会，设书记1名，必要时设副书记1名",
                format!("正式党员{full_members}名，只能选举书记（和副书记）{lo}至{hi}名，不能为{seats}名"),
            )
        };
        Some(violation("election.seats", rule, SOURCE_BRANCH, message))
    }

    pub fn found_violation(&self, full_members: u32) -> Option<RuleViolation> {
        (full_members < self.found_min_full_members).then(|| {
            violation(
                "election.found_min",
                "有正式党员3人以上的，应当成立党支部；不足3人的，可与邻近单位成立联合党支部",
                SOURCE_BRANCH,
                format!("拟成立的党支部只有正式党员{full_members}名，不足{}名", self.found_min_full_members),
            )
        })
    }

    /// The fewest candidates for `seats` (the 差额 percentage rounded up to whole people).
    pub fn min_candidates(&self, by_election: bool, seats: u32) -> u32 {
        let percent = if by_election { self.by_election_margin_percent } else { self.margin_percent };
        let needed = u64::from(seats) + (u64::from(seats) * u64::from(percent)).div_ceil(100);
        u32::try_from(needed).unwrap_or(u32::MAX)
    }

    /// Candidates must exceed the seats by the 差额 percentage (rounded up to whole people).
    pub fn margin_violation(&self, by_election: bool, seats: u32, candidates: u32) -> Option<RuleViolation> {
        let needed = self.min_candidates(by_election, seats);
        if candidates >= needed {
            return None;
        }
        Some(violation(
            "election.margin",
            "实行差额选举，候选人数应多于应选人数，差额比例不少于20%",
            SOURCE_ELECTION,
            format!("应选{seats}名，候选人预备人选至少{needed}名，现为{candidates}名"),
        ))
    }

    /// A secretary (or 副书记) must have been a 正式党员 for the required years on `on`.
    pub fn secretary_violation(
        &self,
        name: &str,
        full_since: Option<NaiveDate>,
        on: NaiveDate,
    ) -> Option<RuleViolation> {
        let required = full_since.and_then(|d| d.checked_add_months(Months::new(12 * self.secretary_party_years)));
        if required.is_some_and(|r| r <= on) {
            return None;
        }
        let message = match required {
            Some(r) => format!(
                "{name}的党龄不足{}年（满{}年之日为{r}）",
                self.secretary_party_years, self.secretary_party_years
            ),
            None => format!("{name}不是正式党员，不能担任书记、副书记"),
        };
        Some(violation(
            "election.secretary_party_years",
            "党支部书记一般应当具有1年以上党龄",
            "《中国共产党支部工作条例（试行）》第二十三条",
            message,
        ))
    }

    /// How an election on `on` stands against the term ending on `term_end`.
    pub fn schedule(&self, term_end: NaiveDate, on: NaiveDate) -> Schedule {
        let early_from = term_end - chrono::Duration::days(i64::from(self.on_time_days_before));
        let shift = Months::new(self.max_shift_months);
        if on > term_end.checked_add_months(shift).unwrap_or(term_end)
            || on < term_end.checked_sub_months(shift).unwrap_or(term_end)
        {
            Schedule::TooFar
        } else if on > term_end {
            Schedule::Delayed
        } else if on < early_from {
            Schedule::Early
        } else {
            Schedule::OnTime
        }
    }

    pub fn schedule_violation(&self, term_end: NaiveDate, on: NaiveDate) -> Option<RuleViolation> {
        (self.schedule(term_end, on) == Schedule::TooFar).then(|| {
            violation(
                "election.shift",
                "换届选举延期或提前进行的，须报上级党组织批准，延长或提前期限一般不超过1年",
                "《中国共产党基层组织选举工作条例》第三条",
                format!("本届任期于{term_end}届满，拟于{on}选举，相差超过{}个月", self.max_shift_months),
            )
        })
    }

    /// The 请示 should reach the upper org a month before the term ends (a warning, not a block).
    pub fn late_request_warning(&self, term_end: NaiveDate, today: NaiveDate) -> Option<RuleViolation> {
        let by = term_end - chrono::Duration::days(i64::from(self.request_lead_days));
        (today > by).then(|| {
            violation(
                "election.request_lead",
                "支部委员会一般应提前1个月向上级党组织报送换届选举请示",
                SOURCE_ELECTION,
                format!("本届任期于{term_end}届满，请示宜在{by}前报送"),
            )
        })
    }
}

/// An election date against the term's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    OnTime,
    /// Before the on-schedule window: needs the upper org's approval (in the 请示).
    Early,
    /// After the term ended: needs the upper org's approval.
    Delayed,
    /// More than the allowed shift: refused.
    TooFar,
}

impl Schedule {
    pub fn label(self) -> &'static str {
        match self {
            Schedule::OnTime => "按期换届",
            Schedule::Early => "提前换届（须上级批准）",
            Schedule::Delayed => "延期换届（须上级批准）",
            Schedule::TooFar => "超过提前或延期的期限",
        }
    }
}

/// Only 正式党员 may be nominated: 预备党员 have no right to vote or be elected.
pub fn nominee_violation(name: &str, probationary: bool) -> Option<RuleViolation> {
    probationary.then(|| {
        violation(
            "election.probationary",
            "预备党员没有表决权、选举权和被选举权",
            "《中国共产党章程》第七条",
            format!("{name}是预备党员，不能作为候选人"),
        )
    })
}

/// 有选举权的到会人数超过应到会人数的4/5, and no more voters present than entitled.
pub fn quorum_violation(entitled: u32, present: u32) -> Option<RuleViolation> {
    if present > entitled {
        return Some(violation(
            "election.present_over_entitled",
            "实到会人数不能多于应到会有选举权的人数",
            SOURCE_ELECTION,
            format!("应到会{entitled}人，填报实到会{present}人"),
        ));
    }
    (u64::from(present) * 5 <= u64::from(entitled) * 4).then(|| {
        violation(
            "election.quorum",
            "有选举权的到会人数超过应到会人数的4/5，会议有效",
            "《中国共产党基层组织选举工作条例》第二十二条",
            format!("应到会{entitled}人，实到会{present}人，未超过4/5，不能进行选举"),
        )
    })
}

#[path = "elections_count.rs"]
mod count;
pub use count::*;

#[path = "strokes.rs"]
mod strokes;
pub use strokes::{sort_by_strokes, stroke_count};

#[cfg(test)]
#[path = "elections_tests.rs"]
mod tests;
