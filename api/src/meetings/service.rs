//! Use cases of organisational life: who may plan, attend, record and sign; attendance and
//! quorum; notices through the outbox; compliance per period.

use chrono::{Datelike, NaiveDate, Utc};
use shared::api::meetings::*;
use shared::permissions::Action;
use shared::rules::meetings::{MeetingKind, MeetingRules, Period, has_quorum, missing_buckets};
use shared::{MeetingId, OrgId, OrgKind, PersonId, limits};

use super::checkin;
use super::repo::{self, MeetingRow, NewMeeting, RecordFields};
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::{ApiError, stored_code};
use crate::orgs::models::OrgRow;
use crate::outbox::{self, Channel, Message};

fn manages(actor: &Actor, org: &OrgRow) -> bool {
    actor.may(Action::RunMeetings, &org.path)
}

fn can_manage(actor: &Actor, org: &OrgRow, m: &MeetingRow) -> bool {
    manages(actor, org)
        || actor.person_id.is_some_and(|p| Some(p.0) == m.host_person_id || Some(p.0) == m.recorder_person_id)
}

fn text(value: &Option<String>, field: &str, max: usize) -> Result<Option<String>, ApiError> {
    match value.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > max => Err(ApiError::field(field, "too_long", format!("不能超过{max}个字"))),
        other => Ok(other.map(str::to_string)),
    }
}

fn summary(conn: &mut DbConnection, m: &MeetingRow) -> Result<MeetingSummary, ApiError> {
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    let (_, expected, present, on_leave) = repo::counts(conn, &[m.id])?.first().copied().unwrap_or((m.id, 0, 0, 0));
    Ok(MeetingSummary {
        id: MeetingId(m.id),
        org_id: OrgId(m.org_id),
        org_name: org.name,
        kind: MeetingKind::from_code(&m.kind).unwrap_or(MeetingKind::Other),
        topic: m.topic.clone(),
        starts_at: m.starts_at,
        status: stored_code(MeetingStatus::from_code(&m.status), "meetings.status", &m.status)?,
        expected,
        present,
        on_leave,
    })
}

pub fn view(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<MeetingView, ApiError> {
    let m = repo::get(conn, id)?;
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    let manager = can_manage(actor, &org, &m);
    let all = repo::attendees(conn, id)?;
    let mine = actor.person_id.is_some_and(|p| all.iter().any(|(a, _)| a.person_id == p.0));
    if !manager && !mine {
        return Err(actor.denial());
    }
    let kind = MeetingKind::from_code(&m.kind).unwrap_or(MeetingKind::Other);
    let voting: Vec<_> = all.iter().filter(|(a, _)| a.voting).collect();
    let quorum = kind.needs_quorum().then(|| {
        let entitled = voting.len() as i64;
        let present = voting.iter().filter(|(a, _)| a.checked_in_at.is_some()).count() as i64;
        QuorumView { entitled, present, reached: has_quorum(entitled as u32, present as u32) }
    });
    let attendees = all
        .iter()
        .filter(|(a, _)| manager || actor.person_id.is_some_and(|p| p.0 == a.person_id))
        .map(|(a, name)| {
            Ok(AttendeeView {
                person_id: PersonId(a.person_id),
                name: name.clone(),
                voting: a.voting,
                response: stored_code(AttendanceResponse::from_code(&a.response), "response", &a.response)?,
                leave_reason: a.leave_reason.clone(),
                checked_in_at: a.checked_in_at.map(|t| t.and_utc()),
                check_in_method: match a.check_in_method.as_deref() {
                    Some(code) => Some(stored_code(CheckInMethod::from_code(code), "check_in_method", code)?),
                    None => None,
                },
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let amendments = repo::amendments(conn, id)?
        .into_iter()
        .map(|(field, before, after, reason, by, at)| {
            Ok(AmendmentView {
                field: stored_code(AmendField::from_code(&field), "meeting_amendments.field", &field)?,
                before,
                after,
                reason,
                amended_by: by,
                amended_at: at.and_utc(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(MeetingView {
        summary: summary(conn, &m)?,
        place: m.place.clone(),
        online: m.online,
        host_person_id: m.host_person_id.map(PersonId),
        recorder_person_id: m.recorder_person_id.map(PersonId),
        agenda: m.agenda.clone(),
        minutes: m.minutes.clone(),
        decisions: m.decisions.clone(),
        lecturer: m.lecturer.clone(),
        attendees,
        quorum,
        amendments,
        signed_at: m.signed_at.map(|t| t.and_utc()),
        version: m.version,
        can_manage: manager,
    })
}

pub fn plan(conn: &mut DbConnection, actor: &Actor, req: &PlanMeetingRequest) -> Result<MeetingView, ApiError> {
    let org = crate::orgs::repo::get(conn, req.org_id.0)
        .map_err(|_| ApiError::field("org_id", "not_found", "党组织不存在"))?;
    if !manages(actor, &org) {
        return Err(actor.denial());
    }
    if !OrgKind::from_code(&org.kind).is_some_and(OrgKind::holds_members) {
        return Err(ApiError::field("org_id", "not_a_branch", "会议须由党支部（或党委、党总支）组织"));
    }
    let topic = req.topic.trim();
    if topic.is_empty() || limits::too_long(topic, limits::MEETING_TOPIC_MAX_CHARS) {
        let max = limits::MEETING_TOPIC_MAX_CHARS;
        return Err(ApiError::field("topic", "required", format!("请填写会议主题（{max}字以内）")));
    }
    let place = text(&req.place, "place", limits::MEETING_PLACE_MAX_CHARS)?;
    let agenda = text(&req.agenda, "agenda", limits::MEETING_AGENDA_MAX_CHARS)?;
    let people = match &req.attendees {
        Attendees::Branch => repo::branch_members(conn, org.id)?,
        Attendees::Committee => repo::committee_members(conn, org.id)?,
        Attendees::PartyGroup { party_group_id } => {
            let group = crate::orgs::repo::get(conn, party_group_id.0)?;
            if group.parent_id != Some(org.id) {
                return Err(ApiError::field("attendees", "not_in_org", "党小组不属于该支部"));
            }
            repo::party_group_members(conn, group.id)?
        }
        Attendees::People { person_ids } => {
            repo::people_in_org(conn, org.id, &person_ids.iter().map(|p| p.0).collect::<Vec<_>>())?
        }
    };
    if people.is_empty() {
        return Err(ApiError::field("attendees", "empty", "没有应参会人员"));
    }
    // Host and recorder get to manage the meeting: they must be attendees or people of the org.
    for (field, person, label) in
        [("host_person_id", req.host_person_id, "主持人"), ("recorder_person_id", req.recorder_person_id, "记录人")]
    {
        if let Some(person) = person
            && !people.iter().any(|(id, _)| *id == person.0)
            && !repo::person_in_subtree(conn, person.0, &org.path)?
        {
            return Err(ApiError::field(field, "not_in_org", format!("{label}须为本组织的人员")));
        }
    }
    let id = repo::insert(
        conn,
        &NewMeeting {
            org_id: org.id,
            kind: req.kind.code(),
            topic,
            starts_at: req.starts_at,
            place: place.as_deref(),
            online: req.online,
            host: req.host_person_id.map(|p| p.0),
            recorder: req.recorder_person_id.map(|p| p.0),
            agenda: agenda.as_deref(),
            created_by: actor.user_id.0,
        },
    )?;
    repo::insert_attendees(conn, id, &people)?;
    // Notices: in-app now; SMS/email go through the outbox for the notifications feature to deliver.
    let title = format!("会议通知：{}", req.kind.label());
    let body = format!(
        "{}，时间 {}，地点 {}",
        topic,
        req.starts_at.format("%Y-%m-%d %H:%M"),
        place.clone().unwrap_or_else(|| if req.online { "线上".into() } else { "待定".into() })
    );
    let ids: Vec<i64> = people.iter().map(|(p, _)| *p).collect();
    let link = format!("/meetings/{id}");
    for (user_id, _) in repo::users_of(conn, &ids)? {
        outbox::enqueue(conn, &Message::in_app(user_id, &title, &body, Some(&link)))?;
    }
    for person_id in &ids {
        let sms = Message {
            channel: Channel::Sms,
            recipient_user_id: None,
            recipient_person_id: Some(*person_id),
            payload: serde_json::json!({"template": "meeting_notice", "meeting_id": id}),
        };
        outbox::enqueue(conn, &sms)?;
    }
    audit::record(conn, Some(actor), "create", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}

fn open_meeting(conn: &mut DbConnection, id: i64) -> Result<(MeetingRow, OrgRow), ApiError> {
    let m = repo::get(conn, id)?;
    let org = crate::orgs::repo::get(conn, m.org_id)?;
    Ok((m, org))
}

fn require_unlocked(m: &MeetingRow) -> Result<(), ApiError> {
    if m.status == "planned" {
        Ok(())
    } else {
        Err(ApiError::invalid_state("会议记录已签字锁定，只能通过更正修改"))
    }
}

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
    audit::record(conn, Some(actor), "decide_leave", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
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
    repo::amend(conn, &m, req.field, &req.value, reason, actor.user_id.0)?;
    audit::record(conn, Some(actor), "amend", "meeting", id, None::<&()>, Some(req))?;
    view(conn, actor, id)
}

/// Per branch of the subtree: which required meetings were held in the period and which are
/// missing, with the attendance rate; most behind first.
pub fn compliance(
    conn: &mut DbConnection,
    actor: &Actor,
    org_id: i64,
    period: Period,
    rules: &MeetingRules,
    today: NaiveDate,
) -> Result<ComplianceReport, ApiError> {
    let top = crate::orgs::repo::get(conn, org_id)?;
    if !manages(actor, &top) {
        return Err(actor.denial());
    }
    let branches: Vec<OrgRow> = crate::orgs::repo::subtree(conn, &top.path)?
        .into_iter()
        .filter(|o| {
            matches!(OrgKind::from_code(&o.kind), Some(OrgKind::Branch | OrgKind::JointBranch)) && o.status == "active"
        })
        .collect();
    // Meetings from the start of the year: a yearly requirement is met by a meeting in any quarter.
    let year_start = period.start.with_ordinal(1).ok_or_else(|| ApiError::bad_request("period", "统计期间无效"))?;
    let until = Some(period.end.min(today));
    let held: Vec<MeetingRow> = repo::list(conn, &top.path, Some(year_start), until, None, None, 1_000_000)?
        .into_iter()
        .filter(|m| m.status != "cancelled")
        .collect();
    let counts = repo::counts(conn, &held.iter().map(|m| m.id).collect::<Vec<_>>())?;
    let mut rows: Vec<ComplianceRow> = branches
        .iter()
        .map(|b| {
            let mine: Vec<&MeetingRow> = held.iter().filter(|m| m.org_id == b.id).collect();
            let mut missing = Vec::new();
            let mut required = 0;
            for (kind, frequency) in &rules.frequencies {
                let dates: Vec<_> = mine.iter().filter(|m| m.kind == kind.code()).map(|m| m.held_on).collect();
                required += period.buckets(*frequency, today).len() as i64;
                missing.extend(
                    missing_buckets(&period, *frequency, &dates, today).into_iter().map(|p| MissingMeeting {
                        kind: *kind,
                        from: p.start,
                        to: p.end,
                    }),
                );
            }
            let in_period = |c: &&(i64, i64, i64, i64)| mine.iter().any(|m| m.id == c.0 && m.held_on >= period.start);
            let (expected, present) =
                counts.iter().filter(in_period).fold((0, 0), |(e, p), c| (e + c.1 - c.3, p + c.2));
            ComplianceRow {
                org_id: OrgId(b.id),
                org_name: b.name.clone(),
                required,
                held: required - missing.len() as i64,
                missing,
                attendance_rate: (expected > 0).then(|| present as f64 / expected as f64),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.missing.len().cmp(&a.missing.len()).then(a.org_name.cmp(&b.org_name)));
    Ok(ComplianceReport { period_start: period.start, period_end: period.end, rows })
}

pub fn my_attendance(conn: &mut DbConnection, actor: &Actor, today: NaiveDate) -> Result<MyAttendance, ApiError> {
    let me = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案"))?;
    let rows = repo::of_person(conn, me.0, 200)?;
    let mut out = Vec::new();
    let (mut attended, mut expected) = (0, 0);
    for (m, a) in rows {
        let present = a.checked_in_at.is_some();
        if m.held_on <= today && m.status != "cancelled" && a.response != "leave_approved" {
            expected += 1;
            attended += i64::from(present);
        }
        let response = stored_code(AttendanceResponse::from_code(&a.response), "response", &a.response)?;
        out.push(MyAttendanceRow { meeting: summary(conn, &m)?, response, present });
    }
    Ok(MyAttendance { rows: out, attended, expected })
}
