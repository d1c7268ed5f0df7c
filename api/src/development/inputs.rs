//! Typed inputs of the steps that check rules, and the typed view of a case's record.
//! Deserialised from fields the engine already checked, so a mismatch is a 422, not a panic.

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Talk {
    pub talked_on: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct Activist {
    pub activist_on: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct Reviews {
    pub reviews: Vec<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub struct Candidate {
    pub candidate_on: NaiveDate,
    pub publicity_start: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub struct Introducers {
    pub introducers: Vec<i64>,
}

#[derive(Debug, Deserialize)]
pub struct PoliticalReview {
    pub conclusion: String,
}

#[derive(Debug, Deserialize)]
pub struct Training {
    pub training_days: u32,
    pub training_hours: u32,
}

#[derive(Debug, Deserialize)]
pub struct CommitteeReview {
    pub reviewed_on: NaiveDate,
    pub leaving_on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub struct PreApproval {
    pub pre_approved_on: NaiveDate,
}

#[derive(Debug, Deserialize)]
pub struct Vote {
    pub meeting_on: NaiveDate,
    pub entitled: u32,
    pub present: u32,
    pub yes: u32,
    #[serde(default)]
    pub written_yes: u32,
}

#[derive(Debug, Deserialize)]
pub struct FullVote {
    pub meeting_on: NaiveDate,
    pub entitled: u32,
    pub present: u32,
    pub yes: u32,
    #[serde(default)]
    pub written_yes: u32,
    pub resolution: String,
    pub extension_months: Option<u32>,
}

impl FullVote {
    pub fn vote(&self) -> Vote {
        Vote {
            meeting_on: self.meeting_on,
            entitled: self.entitled,
            present: self.present,
            yes: self.yes,
            written_yes: self.written_yes,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Approval {
    pub approved_on: NaiveDate,
}

/// 转正 meeting decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    FullMember,
    Extend,
    Cancel,
}

impl Resolution {
    pub fn parse(code: &str) -> Option<Resolution> {
        match code {
            "full_member" => Some(Resolution::FullMember),
            "extend" => Some(Resolution::Extend),
            "cancel" => Some(Resolution::Cancel),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Resolution::FullMember => "full_member",
            Resolution::Extend => "extend",
            Resolution::Cancel => "cancel",
        }
    }
}

/// What the rules read back from a case's record. The admission meeting stays `meeting_on`;
/// the 转正 meeting is `full_meeting_on`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CaseRecord {
    pub applied_on: Option<NaiveDate>,
    pub talked_on: Option<NaiveDate>,
    pub activist_on: Option<NaiveDate>,
    pub reviews: Vec<NaiveDate>,
    pub concluded_on: Option<NaiveDate>,
    pub leaving_on: Option<NaiveDate>,
    pub pre_approved_on: Option<NaiveDate>,
    pub meeting_on: Option<NaiveDate>,
    /// The last admission meeting that did not pass the candidate.
    pub failed_vote_on: Option<NaiveDate>,
    pub extension_months: Option<u32>,
    pub pending_extension_months: Option<u32>,
    pub full_meeting_on: Option<NaiveDate>,
    pub resolution: Option<String>,
}
