//! Use cases of organisational life: who may plan, attend, record and sign; attendance and
//! quorum; notices through the outbox; compliance per period.

mod attendance;
mod compliance;
mod record;

pub use attendance::{check_in, checkin_code, decide_leave, mark, my_attendance, respond};
pub use compliance::compliance;
pub use record::{amend, record, sign};

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use shared::api::meetings::*;
use shared::permissions::Action;
use shared::rules::meetings::{MeetingKind, has_quorum};
use shared::{MeetingId, OrgId, OrgKind, PersonId, limits};

use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::{ApiError, stored_code};
use crate::meetings::checkin;
use crate::meetings::repo::{self, MeetingRow, NewMeeting, RecordFields};
use crate::orgs::models::OrgRow;
use crate::outbox::{self, Message};

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
        Some(t) if limits::has_control_chars(t) => Err(ApiError::field(field, "invalid", "不能包含控制字符")),
        other => Ok(other.map(str::to_string)),
    }
}

/// List rows of meetings with their org names and turnout: three queries for any number of rows.
pub fn summaries(conn: &mut DbConnection, rows: &[&MeetingRow]) -> Result<Vec<MeetingSummary>, ApiError> {
    let turnout = repo::turnout(conn, &rows.iter().map(|m| m.id).collect::<Vec<_>>())?;
    let mut org_ids: Vec<i64> = rows.iter().map(|m| m.org_id).collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let names: HashMap<i64, String> = crate::members::repo::org_names(conn, &org_ids)?.into_iter().collect();
    rows.iter()
        .map(|m| {
            let t = turnout.get(&m.id).copied().unwrap_or_default();
            Ok(MeetingSummary {
                id: MeetingId(m.id),
                org_id: OrgId(m.org_id),
                org_name: names.get(&m.org_id).cloned().unwrap_or_default(),
                kind: stored_code(MeetingKind::from_code(&m.kind), "meetings.kind", &m.kind)?,
                topic: m.topic.clone(),
                starts_at: m.starts_at,
                status: stored_code(MeetingStatus::from_code(&m.status), "meetings.status", &m.status)?,
                expected: t.expected,
                present: t.present,
                on_leave: t.on_leave,
            })
        })
        .collect()
}

fn summary(conn: &mut DbConnection, m: &MeetingRow) -> Result<MeetingSummary, ApiError> {
    summaries(conn, &[m])?.pop().ok_or_else(|| ApiError::not_found("会议"))
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
    if topic.is_empty() || limits::too_long(topic, limits::MEETING_TOPIC_MAX_CHARS) || limits::has_control_chars(topic)
    {
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
    // The SMS names the meeting, its time and place only (shared::sms refuses anything else).
    let time = req.starts_at.format("%m月%d日 %H:%M").to_string();
    let sms_place = place.clone().unwrap_or_else(|| if req.online { "线上".into() } else { "待定地点".into() });
    let policy = crate::notify::send::Policy::load(conn)?;
    for person_id in &ids {
        let values = [
            ("org", org.name.clone()),
            ("time", time.clone()),
            ("place", sms_place.clone()),
            ("topic", topic.to_string()),
        ];
        let key = format!("meeting_notice:{id}:{person_id}");
        crate::notify::send::sms_once(conn, &policy, &key, *person_id, "meeting_notice", &values)?;
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
