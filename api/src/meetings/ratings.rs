//! 民主评议 ratings: the member's self-assessment, peer counts and the committee's rating.

use diesel::prelude::*;
use shared::PersonId;
use shared::api::meetings::*;
use shared::rules::meetings::MeetingKind;

use super::repo;
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{meeting_ratings, people};
use crate::error::ApiError;

fn review_meeting(conn: &mut DbConnection, id: i64) -> Result<repo::MeetingRow, ApiError> {
    let m = repo::get(conn, id)?;
    if MeetingKind::from_code(&m.kind) != Some(MeetingKind::DemocraticReview) {
        return Err(ApiError::invalid_state("只有民主评议党员会议才有评议"));
    }
    Ok(m)
}

fn ensure_row(conn: &mut DbConnection, id: i64, person_id: i64) -> Result<(), ApiError> {
    let exists: i64 = meeting_ratings::table
        .filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(person_id)))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(meeting_ratings::table)
            .values((
                meeting_ratings::meeting_id.eq(id),
                meeting_ratings::person_id.eq(person_id),
                meeting_ratings::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
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
    ensure_row(conn, id, me.0)?;
    diesel::update(
        meeting_ratings::table.filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(me.0))),
    )
    .set((meeting_ratings::self_assessment.eq(Some(text)), meeting_ratings::updated_at.eq(now())))
    .execute(conn)?;
    audit::record(conn, Some(actor), "self_assess", "meeting", id, None::<&()>, Some(&me))?;
    report(conn, actor, id)
}

/// 民主测评 counts and the committee's rating of one member.
pub fn rate(conn: &mut DbConnection, actor: &Actor, id: i64, req: &RatingRequest) -> Result<RatingReport, ApiError> {
    let m = review_meeting(conn, id)?;
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    if !actor.manages_path(&org.path)
        || !matches!(
            actor.role.kind,
            shared::RoleKind::Branch | shared::RoleKind::Committee | shared::RoleKind::Department
        )
    {
        return Err(actor.denial());
    }
    repo::attendee(conn, id, req.person_id.0)?
        .ok_or_else(|| ApiError::field("person_id", "not_attendee", "该人员不在本次评议名单中"))?;
    ensure_row(conn, id, req.person_id.0)?;
    diesel::update(
        meeting_ratings::table
            .filter(meeting_ratings::meeting_id.eq(id).and(meeting_ratings::person_id.eq(req.person_id.0))),
    )
    .set((
        meeting_ratings::peer_excellent.eq(req.peer_excellent as i32),
        meeting_ratings::peer_qualified.eq(req.peer_qualified as i32),
        meeting_ratings::peer_basic.eq(req.peer_basic as i32),
        meeting_ratings::peer_unqualified.eq(req.peer_unqualified as i32),
        meeting_ratings::committee_rating.eq(Some(req.committee_rating.code())),
        meeting_ratings::updated_at.eq(now()),
    ))
    .execute(conn)?;
    audit::record(conn, Some(actor), "rate", "meeting", id, None::<&()>, Some(req))?;
    report(conn, actor, id)
}

/// The ratings with the counts a report needs; members see only their own row.
pub fn report(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<RatingReport, ApiError> {
    let view = super::service::view(conn, actor, id)?;
    let attendees: Vec<(i64, String)> = view.attendees.iter().map(|a| (a.person_id.0, a.name.clone())).collect();
    type Row = (i64, Option<String>, i32, i32, i32, i32, Option<String>);
    let rows: Vec<Row> = meeting_ratings::table
        .inner_join(people::table)
        .filter(meeting_ratings::meeting_id.eq(id))
        .select((
            meeting_ratings::person_id,
            meeting_ratings::self_assessment,
            meeting_ratings::peer_excellent,
            meeting_ratings::peer_qualified,
            meeting_ratings::peer_basic,
            meeting_ratings::peer_unqualified,
            meeting_ratings::committee_rating,
        ))
        .load(conn)?;
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
