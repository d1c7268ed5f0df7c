//! Starting an election and the guard every step goes through: the case's step, who may act,
//! the version; then the record is written and the engine moves the case, in one transaction.

use chrono::NaiveDate;
use shared::api::elections::{ElectionAct, ElectionKind, StartElection};
use shared::rules::elections::ElectionRules;
use shared::{MembershipStatus, OrgKind};

use super::models::NewElection;
use super::process::{DECIDE, ElectionProcess, REQUEST};
use super::record::ElectionRecord;
use super::repo;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::committees::service::{may_elect, term_ends_on};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::service::{ActRequest, NewInstance, Scope, can_act, may_view};
use crate::workflow::{Record, Transition};

fn text(value: &str, field: &str, label: &str, max: usize) -> Result<String, ApiError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::field(field, "required", format!("请填写{label}")));
    }
    if v.chars().count() > max {
        return Err(ApiError::field(field, "too_long", format!("{label}不能超过{max}个字")));
    }
    Ok(v.to_string())
}

/// The new branch's members: people of the org, not left; returns the number of 正式党员.
fn founding_roll(conn: &mut DbConnection, org: i64, ids: &[i64]) -> Result<u32, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::field("member_ids", "required", "请选择新党支部的党员"));
    }
    let found = repo::people_brief(conn, ids)?;
    for id in ids {
        match found.iter().find(|p| p.0 == *id) {
            Some(p)
                if p.2 == org && p.5.is_none() && MembershipStatus::from_code(&p.3).is_some_and(|s| s.is_member()) => {}
            Some(p) => {
                return Err(ApiError::field("member_ids", "not_in_org", format!("{}不是本支部在册党员", p.1)));
            }
            None => return Err(ApiError::field("member_ids", "not_found", format!("党员 {id} 不存在"))),
        }
    }
    Ok(found.iter().filter(|p| p.3 == MembershipStatus::Formal.code()).count() as u32)
}

pub fn start(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &ElectionRules,
    today: NaiveDate,
    input: &StartElection,
) -> Result<i64, ApiError> {
    let org = crate::orgs::repo::get(conn, input.org_id.0)?;
    if !may_elect(actor, &org) {
        return Err(ApiError::forbidden("选举由本级党组织（支部委员会或党委）发起"));
    }
    if org.kind == OrgKind::PartyGroup.code() {
        return Err(ApiError::field("org_id", "not_electing", "党小组不设委员会"));
    }
    let subject = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息，不能发起选举"))?;
    let upper = crate::requests::compose::upper_org(conn, &org)?
        .ok_or_else(|| ApiError::field("org_id", "no_upper", "没有上级党委，无法请示和报批"))?;
    let reason = text(&input.reason, "reason", "事由", 500)?;
    let mut term_ends_on = term_ends_on(&org);
    let (mut new_org_name, mut unit, mut member_ids) = (None, None, Vec::new());
    let full = match input.kind {
        ElectionKind::Founding => {
            new_org_name = Some(text(input.new_org_name.as_deref().unwrap_or(""), "new_org_name", "新党支部名称", 50)?);
            unit = match input.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
                Some(u) => Some(text(u, "unit", "单位（部门）名称", 50)?),
                None => None,
            };
            member_ids = input.member_ids.iter().map(|p| p.0).collect();
            member_ids.sort_unstable();
            member_ids.dedup();
            let full = founding_roll(conn, org.id, &member_ids)?;
            if let Some(v) = rules.found_violation(full) {
                return Err(ApiError::rule(v));
            }
            term_ends_on = None;
            full
        }
        ElectionKind::Reelection | ElectionKind::ByElection => {
            u32::try_from(crate::committees::repo::member_counts(conn, org.id)?.0).unwrap_or(0)
        }
    };
    match input.kind {
        ElectionKind::ByElection => {
            let seats = crate::committees::repo::current(conn, org.id)?.len() as u32;
            let elected = crate::committees::repo::terms(conn, org.id)?
                .into_iter()
                .find(|t| t.ended_on.is_none())
                .map_or(0, |t| t.seats.max(0) as u32);
            let vacant = elected.saturating_sub(seats);
            if input.seats == 0 || input.seats > vacant {
                return Err(ApiError::field(
                    "seats",
                    "over_vacancies",
                    format!("本届选出{elected}名，现有{seats}名，可增补{vacant}名"),
                ));
            }
        }
        _ => {
            if let Some(v) = rules.seats_violation(full, input.seats) {
                return Err(ApiError::rule(v));
            }
        }
    }
    if input.kind == ElectionKind::Reelection
        && let Some(v) = term_ends_on.and_then(|end| rules.schedule_violation(end, input.planned_on))
    {
        return Err(ApiError::rule(v));
    }
    if input.planned_on < today {
        return Err(ApiError::field("planned_on", "in_past", "党员大会日期不能早于今天"));
    }
    let mut record = ElectionRecord {
        election_id: 0,
        kind: input.kind,
        org_id: org.id,
        to_org_id: upper.id,
        planned_on: input.planned_on,
        seats: input.seats,
        reason,
        term_ends_on,
        new_org_name,
        unit,
        member_ids,
        candidates: Vec::new(),
        rounds: Vec::new(),
        elected: Vec::new(),
        vote_done: false,
        voted_on: None,
        posts: Vec::new(),
        approved_requests: Vec::new(),
    };
    let new = NewInstance {
        subject: subject.0,
        org_id: org.id,
        first: &super::process::STEPS[(DECIDE - 1) as usize],
        record: record.to_record(),
        transition: Transition::Advance(REQUEST),
    };
    let instance = crate::workflow::service::start(conn, &ElectionProcess, actor, new)?;
    let id = repo::insert(
        conn,
        &NewElection {
            instance_id: instance,
            org_id: org.id,
            kind: input.kind.code(),
            is_open: true,
            created_at: now(),
        },
    )?;
    record.election_id = id;
    crate::workflow::repo::set_record(conn, instance, &record.to_record())?;
    Ok(id)
}

/// A structured step: checks that the caller may do `step` of the case now, lets `f` update the
/// record (returning the history's summary), then the engine moves the case.
pub fn guarded<T>(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    id: i64,
    step: i32,
    version: i32,
    f: impl FnOnce(&mut DbConnection, &mut ElectionRecord) -> Result<(String, T), ApiError>,
) -> Result<T, ApiError> {
    let e = repo::get(conn, id)?;
    let row = crate::workflow::repo::get(conn, e.instance_id)?;
    let scope = Scope::load(conn, &ElectionProcess, &row)?;
    if !may_view(actor, &row, &scope) {
        return Err(actor.denial());
    }
    if !row.status().is_open() || row.step != step {
        return Err(ApiError::invalid_state("该环节已办理或尚未开始，请刷新后查看当前环节"));
    }
    if !can_act(&ElectionProcess, actor, &row, &scope) {
        return Err(ApiError::forbidden("该环节应由本级党组织办理"));
    }
    if row.version != version {
        return Err(ApiError::version_conflict());
    }
    let mut record = ElectionRecord::from_record(&row.record())?;
    let (summary, out) = f(conn, &mut record)?;
    crate::workflow::repo::set_record(conn, row.id, &record.to_record())?;
    let req = ActRequest { version, data: &Record::new(), decision: None, comment: Some(&summary) };
    crate::workflow::service::act(conn, &ElectionProcess, actor, today, row.id, step, &req)?;
    Ok(out)
}

/// The 请示 steps (go on once the 批复 is in), the upper org's approval, a return or an end.
pub fn act(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    id: i64,
    input: &ElectionAct,
) -> Result<(), ApiError> {
    let e = repo::get(conn, id)?;
    let row = crate::workflow::repo::get(conn, e.instance_id)?;
    if !matches!(row.step, REQUEST | super::process::CANDIDATES_REQUEST | super::process::APPROVAL) {
        return Err(ApiError::invalid_state("该环节请在对应的表单中办理（候选人、计票、分工）"));
    }
    let req = ActRequest {
        version: input.version,
        data: &Record::new(),
        decision: input.decision,
        comment: input.comment.as_deref().map(str::trim).filter(|c| !c.is_empty()),
    };
    crate::workflow::service::act(conn, &ElectionProcess, actor, today, row.id, row.step, &req)?;
    Ok(())
}
