//! Attending a meeting: responses and leave, check-in by rotating QR code or by the host, and
//! a member's own history.

use super::*;

pub fn respond(conn: &mut DbConnection, actor: &Actor, id: i64, req: &RespondRequest) -> Result<MeetingView, ApiError> {
    let (m, _) = open_meeting(conn, id)?;
    require_unlocked(&m)?;
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    let attendee = repo::attendee(conn, id, me.0)?.ok_or_else(|| ApiError::forbidden("您不在本次会议的参会名单中"))?;
    match req.response {
        Rsvp::Confirm => repo::set_response(conn, attendee.id, AttendanceResponse::Confirmed.code(), None)?,
        Rsvp::Leave => {
            let reason = req
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .ok_or_else(|| ApiError::field("reason", "required", "请假须填写事由"))?;
            repo::set_response(conn, attendee.id, AttendanceResponse::LeaveRequested.code(), Some(reason))?;
        }
    }
    audit::record(conn, Some(actor), "respond", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}

pub fn decide_leave(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    req: &LeaveDecision,
) -> Result<MeetingView, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !manages(actor, &org) {
        return Err(actor.denial());
    }
    require_unlocked(&m)?;
    let attendee = repo::attendee(conn, id, req.person_id.0)?.ok_or_else(|| ApiError::not_found("参会人员"))?;
    if attendee.response != "leave_requested" {
        return Err(ApiError::invalid_state("该人员没有待审批的请假"));
    }
    repo::set_response(
        conn,
        attendee.id,
        if req.approve { "leave_approved" } else { "leave_rejected" },
        attendee.leave_reason.as_deref(),
    )?;
    notify_leave_decision(conn, &m, req)?;
    audit::record(conn, Some(actor), "decide_leave", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}

/// Tells the member the decision: in the app (when they have a login) and by SMS (an optional
/// text they may have turned off).
fn notify_leave_decision(conn: &mut DbConnection, m: &MeetingRow, req: &LeaveDecision) -> Result<(), ApiError> {
    use crate::notify::send::{self, Notice, Policy, To};
    let person = req.person_id.0;
    let decision = if req.approve { "已批准" } else { "未获批准" };
    let notice = Notice {
        title: format!("请假审批：{}", m.topic),
        body: format!("您对「{}」的请假申请{decision}。", m.topic),
        link: Some(format!("/meetings/{}", m.id)),
        sms: Some(("leave_decision", vec![("topic", m.topic.clone()), ("decision", decision.to_string())])),
    };
    let user = repo::users_of(conn, &[person])?.first().map(|(user, _)| *user);
    // A member may ask again after a refusal: each decision is its own notice.
    let key = format!("leave_decision:{}:{person}:{}", m.id, crate::clock::wall_now().and_utc().timestamp_millis());
    let policy = Policy::load(conn)?;
    send::once(conn, &policy, &key, To { user, sms: Some(person), email: None }, &notice)?;
    Ok(())
}

pub fn checkin_code(conn: &mut DbConnection, actor: &Actor, id: i64, base_url: &str) -> Result<CheckinCode, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !can_manage(actor, &org, &m) {
        return Err(actor.denial());
    }
    require_unlocked(&m)?;
    let secret = checkin::secret(conn)?;
    let (code, expires_at) = checkin::current(&secret, id, Utc::now());
    let url = format!("{base_url}/meetings/{id}/checkin?code={code}");
    Ok(CheckinCode { qr_svg: checkin::qr_svg(&url)?, code, url, expires_at })
}

pub fn check_in(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    req: &CheckinRequest,
) -> Result<MeetingView, ApiError> {
    let (m, _) = open_meeting(conn, id)?;
    require_unlocked(&m)?;
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    let attendee = repo::attendee(conn, id, me.0)?.ok_or_else(|| ApiError::forbidden("您不在本次会议的参会名单中"))?;
    let secret = checkin::secret(conn)?;
    if !checkin::verify(&secret, id, &req.code, Utc::now()) {
        return Err(ApiError::field("code", "expired", "签到码已过期或无效，请扫描会场屏幕上的最新二维码"));
    }
    if attendee.checked_in_at.is_some() {
        return Err(ApiError::invalid_state("您已签到"));
    }
    repo::set_checked_in(conn, attendee.id, Some(now()), Some("qr"))?;
    audit::record(conn, Some(actor), "check_in", "meeting", id, None::<&()>, Some(&me))?;
    view(conn, actor, id)
}

pub fn mark(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i64,
    req: &MarkAttendanceRequest,
) -> Result<MeetingView, ApiError> {
    let (m, org) = open_meeting(conn, id)?;
    if !can_manage(actor, &org, &m) {
        return Err(actor.denial());
    }
    require_unlocked(&m)?;
    let attendee = repo::attendee(conn, id, req.person_id.0)?.ok_or_else(|| ApiError::not_found("参会人员"))?;
    let (at, method) = if req.present { (Some(now()), Some("host")) } else { (None, None) };
    repo::set_checked_in(conn, attendee.id, at, method)?;
    audit::record(conn, Some(actor), "mark_attendance", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}

pub fn my_attendance(conn: &mut DbConnection, actor: &Actor, today: NaiveDate) -> Result<MyAttendance, ApiError> {
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    let rows = repo::of_person(conn, me.0, 200)?;
    let meetings: Vec<&MeetingRow> = rows.iter().map(|(m, _)| m).collect();
    let summaries = summaries(conn, &meetings)?;
    let out = rows
        .iter()
        .zip(summaries)
        .map(|((_, a), meeting)| {
            let response = stored_code(AttendanceResponse::from_code(&a.response), "response", &a.response)?;
            Ok(MyAttendanceRow { meeting, response, present: a.checked_in_at.is_some() })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let (expected, attended) = repo::person_totals(conn, me.0, today)?;
    Ok(MyAttendance { rows: out, attended, expected })
}
