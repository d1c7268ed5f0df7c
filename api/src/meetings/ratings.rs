//! 民主评议 ratings: the member's self-assessment, peer counts and the committee's rating.

use shared::PersonId;
use shared::api::meetings::*;
use shared::rules::meetings::MeetingKind;

use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

fn review_meeting(conn: &mut DbConnection, id: i64) -> Result<repo::MeetingRow, ApiError> {
    let m = repo::get(conn, id)?;
    if MeetingKind::from_code(&m.kind) != Some(MeetingKind::DemocraticReview) {
        return Err(ApiError::invalid_state("只有民主评议党员会议才有评议"));
    }
    Ok(m)
}

/// 个人自评, by the member themselves.
pub fn self_assess(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    req: &SelfAssessmentRequest,
) -> Result<RatingReport, ApiError> {
    review_meeting(conn, id)?;
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    repo::attendee(conn, id, me.0)?.ok_or_else(|| ApiError::forbidden("您不在本次评议名单中"))?;
    let text = req.text.trim();
    if text.is_empty() || shared::limits::too_long(text, shared::limits::SELF_ASSESSMENT_MAX_CHARS) {
        let max = shared::limits::SELF_ASSESSMENT_MAX_CHARS;
        return Err(ApiError::field("text", "required", format!("请填写个人自评（{max}字以内）")));
    }
    repo::ratings::set_self_assessment(conn, id, me.0, text)?;
    audit::record(conn, Some(actor), "self_assess", "meeting", id, None::<&()>, Some(&me))?;
    report(conn, actor, id)
}

/// 民主测评 counts and the committee's rating of one member.
pub fn rate(conn: &mut DbConnection, actor: &Actor, id: i64, req: &RatingRequest) -> Result<RatingReport, ApiError> {
    let m = review_meeting(conn, id)?;
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    actor.require(shared::permissions::Action::RunMeetings, &org.path)?;
    repo::attendee(conn, id, req.person_id.0)?
        .ok_or_else(|| ApiError::field("person_id", "not_attendee", "该人员不在本次评议名单中"))?;
    // The votes cast cannot outnumber the people at the meeting (and must fit the column).
    let voters = repo::attendees(conn, id)?.len() as u64;
    let peer = [req.peer_excellent, req.peer_qualified, req.peer_basic, req.peer_unqualified];
    if peer.iter().map(|n| u64::from(*n)).sum::<u64>() > voters {
        return Err(ApiError::field("peer_excellent", "too_many", format!("测评票合计不能超过参会人数（{voters}）")));
    }
    let peer = peer.map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    repo::ratings::set_rating(
        conn,
        id,
        req.person_id.0,
        &repo::ratings::Rated { peer, committee_rating: req.committee_rating.code() },
    )?;
    audit::record(conn, Some(actor), "rate", "meeting", id, None::<&()>, Some(req))?;
    report(conn, actor, id)
}

/// The ratings with the counts a report needs; members see only their own row.
pub fn report(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<RatingReport, ApiError> {
    let view = super::service::view(conn, actor, id)?;
    let attendees: Vec<(i64, String)> = view.attendees.iter().map(|a| (a.person_id.0, a.name.clone())).collect();
    type Row = (i64, Option<String>, i32, i32, i32, i32, Option<String>);
    let rows: Vec<Row> = repo::ratings::of_meeting(conn, id)?;
    let mut counts = [0i64; 5];
    let rows: Vec<RatingRow> = attendees
        .iter()
        .map(|(pid, name)| {
            let r = rows.iter().find(|r| r.0 == *pid);
            let rating = r.and_then(|r| r.6.as_deref()).and_then(Rating::from_code);
            counts[rating.map_or(4, |x| Rating::ALL.iter().position(|a| *a == x).unwrap_or(4))] += 1;
            RatingRow {
                person_id: PersonId(*pid),
                name: name.clone(),
                self_assessment: r.and_then(|r| r.1.clone()),
                peer: r.map_or([0; 4], |r| [r.2 as u32, r.3 as u32, r.4 as u32, r.5 as u32]),
                committee_rating: rating,
            }
        })
        .collect();
    Ok(RatingReport { rows, counts })
}
