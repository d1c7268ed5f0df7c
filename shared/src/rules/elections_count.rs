//! Counting one round of a vote (计票): ballots returned against issued, each ballot's validity,
//! and who is elected (more than half of the voters present; ties at the last seat go to a
//! further round, 另行选举).

use serde::{Deserialize, Serialize};

use super::{RuleViolation, violation};

const SOURCE_COUNT: &str = "《中国共产党基层组织选举工作条例》第二十四条、第二十五条";

/// What the tellers bring back from one round: either the count per candidate, or every ballot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Tally {
    /// Votes per candidate, and how many of the returned ballots were invalid.
    Counts { votes: Vec<CandidateVotes>, invalid: u32 },
    /// Each returned ballot as the candidates it marks.
    Ballots { ballots: Vec<Vec<i64>> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CandidateVotes {
    pub person_id: i64,
    pub votes: u32,
}

/// The round being counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSetup<'a> {
    pub seats: u32,
    pub candidates: &'a [i64],
    /// 实到会有选举权的人数.
    pub present: u32,
    pub issued: u32,
    pub returned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundCount {
    /// More ballots came back than were issued: the round is void and is held again.
    pub void: bool,
    pub valid_ballots: u32,
    pub invalid_ballots: u32,
    /// Votes per candidate, most first.
    pub votes: Vec<CandidateVotes>,
    pub elected: Vec<i64>,
    /// Tied for the last seat(s) with more than half: they go to a further round.
    pub tied: Vec<i64>,
    /// Seats not filled in this round.
    pub unfilled: u32,
}

fn bad(code: &str, rule: &str, message: String) -> RuleViolation {
    violation(code, rule, SOURCE_COUNT, message)
}

/// Whether a ballot is valid: it marks at most `seats` names, each a listed candidate, once.
pub fn ballot_valid(seats: u32, candidates: &[i64], marks: &[i64]) -> bool {
    let mut seen = marks.to_vec();
    seen.sort_unstable();
    seen.dedup();
    seen.len() == marks.len() && marks.len() as u32 <= seats && marks.iter().all(|m| candidates.contains(m))
}

/// Counts one round. Input that cannot be true (more issued than present, votes for someone
/// not on the ballot, more votes than valid ballots) is an error; too many ballots returned is
/// a void round, recorded as such.
pub fn count_round(setup: &RoundSetup, tally: &Tally) -> Result<RoundCount, RuleViolation> {
    let RoundSetup { seats, candidates, present, issued, returned } = *setup;
    if issued > present {
        return Err(bad(
            "election.issued_over_present",
            "选票按实到会有选举权的人数发放",
            format!("实到会{present}人，发出选票{issued}张"),
        ));
    }
    if returned > issued {
        let count = RoundCount {
            void: true,
            valid_ballots: 0,
            invalid_ballots: 0,
            votes: Vec::new(),
            elected: Vec::new(),
            tied: Vec::new(),
            unfilled: seats,
        };
        return Ok(count);
    }
    let mut votes: Vec<CandidateVotes> =
        candidates.iter().map(|&c| CandidateVotes { person_id: c, votes: 0 }).collect();
    let invalid = match tally {
        Tally::Ballots { ballots } => {
            if ballots.len() as u32 != returned {
                return Err(bad(
                    "election.ballots_mismatch",
                    "逐张录入的选票张数应等于收回的选票数",
                    format!("收回{returned}张，录入{}张", ballots.len()),
                ));
            }
            let mut invalid = 0;
            for ballot in ballots {
                if !ballot_valid(seats, candidates, ballot) {
                    invalid += 1;
                    continue;
                }
                for v in votes.iter_mut().filter(|v| ballot.contains(&v.person_id)) {
                    v.votes += 1;
                }
            }
            invalid
        }
        Tally::Counts { votes: entered, invalid } => {
            if *invalid > returned {
                return Err(bad(
                    "election.invalid_over_returned",
                    "废票不能多于收回的选票",
                    format!("收回{returned}张，废票{invalid}张"),
                ));
            }
            let valid = returned - invalid;
            for e in entered {
                let Some(v) = votes.iter_mut().find(|v| v.person_id == e.person_id) else {
                    return Err(bad(
                        "election.not_candidate",
                        "只能为候选人计票",
                        format!("{}不在本轮候选人名单中", e.person_id),
                    ));
                };
                if e.votes > valid {
                    return Err(bad(
                        "election.votes_over_valid",
                        "一名候选人的得票不能多于有效选票数",
                        format!("有效选票{valid}张，填报得票{}", e.votes),
                    ));
                }
                v.votes = e.votes;
            }
            let total: u64 = votes.iter().map(|v| u64::from(v.votes)).sum();
            if total > u64::from(valid) * u64::from(seats) {
                return Err(bad(
                    "election.votes_over_marks",
                    "每张选票所选人数不能多于应选人数",
                    format!(
                        "有效选票{valid}张、应选{seats}名，得票合计最多{}，填报{total}",
                        u64::from(valid) * u64::from(seats)
                    ),
                ));
            }
            *invalid
        }
    };
    votes.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.person_id.cmp(&b.person_id)));
    let (elected, tied) = elect(seats, present, &votes);
    let unfilled = seats - elected.len() as u32;
    Ok(RoundCount {
        void: false,
        valid_ballots: returned - invalid,
        invalid_ballots: invalid,
        votes,
        elected,
        tied,
        unfilled,
    })
}

/// Over half of `present` (strictly), the most votes first; a tie across the last seat sends
/// all tied candidates to a further round.
fn elect(seats: u32, present: u32, sorted: &[CandidateVotes]) -> (Vec<i64>, Vec<i64>) {
    let over_half: Vec<&CandidateVotes> =
        sorted.iter().filter(|v| u64::from(v.votes) * 2 > u64::from(present)).collect();
    if over_half.len() as u32 <= seats {
        return (over_half.iter().map(|v| v.person_id).collect(), Vec::new());
    }
    if seats == 0 {
        return (Vec::new(), Vec::new());
    }
    let boundary = over_half[seats as usize - 1].votes;
    if over_half[seats as usize].votes < boundary {
        return (over_half[..seats as usize].iter().map(|v| v.person_id).collect(), Vec::new());
    }
    let above: Vec<i64> = over_half.iter().filter(|v| v.votes > boundary).map(|v| v.person_id).collect();
    let tied: Vec<i64> = over_half.iter().filter(|v| v.votes == boundary).map(|v| v.person_id).collect();
    (above, tied)
}
