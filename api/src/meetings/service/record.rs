//! The record of a meeting: minutes before sign-off, the secretary's signature, amendments after.

use super::*;

pub fn record(conn: &mut DbConnection, actor: &Actor, id: i64, req: &RecordRequest) -> Result<MeetingView, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !can_manage(actor, &org, &m) {
        return Err(actor.denial());
    }
    require_unlocked(&m)?;
    let minutes = text(&req.minutes, "minutes", limits::MEETING_MINUTES_MAX_CHARS)?;
    let decisions = text(&req.decisions, "decisions", limits::MEETING_DECISIONS_MAX_CHARS)?;
    let lecturer = text(&req.lecturer, "lecturer", limits::LECTURER_MAX_CHARS)?;
    if MeetingKind::from_code(&m.kind) == Some(MeetingKind::PartyLecture) && lecturer.is_none() && minutes.is_some() {
        return Err(ApiError::field("lecturer", "required", "党课须填写主讲人"));
    }
    repo::update_record(
        conn,
        id,
        req.version,
        &RecordFields { minutes: minutes.as_deref(), decisions: decisions.as_deref(), lecturer: lecturer.as_deref() },
    )?;
    audit::record(conn, Some(actor), "record", "meeting", id, Some(&m.minutes), Some(req))?;
    view(conn, actor, id)
}

pub fn sign(conn: &mut DbConnection, actor: &Actor, id: i64, version: i32) -> Result<MeetingView, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !manages(actor, &org) {
        return Err(ApiError::forbidden("会议记录须由支部书记（或上级党组织）签字"));
    }
    require_unlocked(&m)?;
    if m.minutes.is_none() {
        return Err(ApiError::field("minutes", "required", "请先填写会议记录"));
    }
    let entitled = repo::attendees(conn, id)?.iter().filter(|(a, _)| a.voting).count() as i32;
    repo::sign(conn, id, version, actor.user_id.0, entitled)?;
    audit::record(conn, Some(actor), "sign", "meeting", id, None::<&()>, Some(&version))?;
    view(conn, actor, id)
}

pub fn amend(conn: &mut DbConnection, actor: &Actor, id: i64, req: &AmendRequest) -> Result<MeetingView, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !manages(actor, &org) {
        return Err(actor.denial());
    }
    if m.status != "signed" {
        return Err(ApiError::invalid_state("未签字的记录请直接修改"));
    }
    let reason = req.reason.trim();
    if reason.is_empty() || limits::too_long(reason, limits::AMEND_REASON_MAX_CHARS) {
        let max = limits::AMEND_REASON_MAX_CHARS;
        return Err(ApiError::field("reason", "required", format!("请填写更正原因（{max}字以内）")));
    }
    let max = match req.field {
        AmendField::Minutes => limits::MEETING_MINUTES_MAX_CHARS,
        AmendField::Decisions => limits::MEETING_DECISIONS_MAX_CHARS,
        AmendField::Lecturer => limits::LECTURER_MAX_CHARS,
        AmendField::Topic => limits::MEETING_TOPIC_MAX_CHARS,
    };
    if limits::too_long(&req.value, max) {
        return Err(ApiError::field("value", "too_long", format!("不能超过{max}个字")));
    }
    repo::amend(conn, &m, req.version, req.field, &req.value, reason, actor.user_id.0)?;
    audit::record(conn, Some(actor), "amend", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}
