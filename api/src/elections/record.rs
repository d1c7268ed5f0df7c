//! What an election case records, as a typed struct kept in its workflow instance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::api::elections::{CommitteePost, ElectionKind, RoundCount};

use crate::error::ApiError;
use crate::workflow::Record;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    pub number: u32,
    pub seats: u32,
    pub candidates: Vec<i64>,
    pub entitled: u32,
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
    pub count: RoundCount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElectionRecord {
    pub election_id: i64,
    pub kind: ElectionKind,
    /// The org that elects (a founding: the org the members come from).
    pub org_id: i64,
    /// The 党委 that gives the 批复 and approves the result.
    pub to_org_id: i64,
    pub planned_on: NaiveDate,
    pub seats: u32,
    pub reason: String,
    pub term_ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub new_org_name: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub member_ids: Vec<i64>,
    #[serde(default)]
    pub candidates: Vec<i64>,
    #[serde(default)]
    pub rounds: Vec<RoundRecord>,
    #[serde(default)]
    pub elected: Vec<i64>,
    /// The vote is over (all seats filled, or the meeting accepted fewer).
    #[serde(default)]
    pub vote_done: bool,
    #[serde(default)]
    pub voted_on: Option<NaiveDate>,
    #[serde(default)]
    pub posts: Vec<(i64, CommitteePost)>,
    /// The approved requests (请示) by template code.
    #[serde(default)]
    pub approved_requests: Vec<(String, i64)>,
}

impl ElectionRecord {
    pub fn from_record(record: &Record) -> Result<ElectionRecord, ApiError> {
        serde_json::from_value(serde_json::Value::Object(record.clone())).map_err(ApiError::internal)
    }

    pub fn to_record(&self) -> Record {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => Record::new(),
        }
    }

    /// The roll of the vote: the new branch's members (founding) or the org's.
    pub fn roll_ids(&self) -> Option<&[i64]> {
        (self.kind == ElectionKind::Founding).then_some(self.member_ids.as_slice())
    }

    pub fn roll_org(&self) -> Option<i64> {
        (self.kind != ElectionKind::Founding).then_some(self.org_id)
    }

    /// Seats still to fill and the candidates of the next round, while the vote is open.
    pub fn next_round(&self) -> Option<(u32, Vec<i64>)> {
        if self.vote_done || self.candidates.is_empty() {
            return None;
        }
        match self.rounds.last() {
            None => Some((self.seats, self.candidates.clone())),
            Some(last) if last.count.void => Some((last.seats, last.candidates.clone())),
            Some(last) => {
                let left = self.seats - self.elected.len() as u32;
                // 另行选举: among the tied, or else among those not elected.
                let pool: Vec<i64> = if last.count.tied.is_empty() {
                    last.candidates.iter().copied().filter(|c| !self.elected.contains(c)).collect()
                } else {
                    last.count.tied.clone()
                };
                (left > 0).then_some((left, pool))
            }
        }
    }
}
