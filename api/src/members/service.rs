//! Use cases of the members feature: scope checks, validation, audit, views.

use chrono::NaiveDate;
use shared::api::members::*;
use shared::member_input::{ValidMemberFields, years_between};
use shared::permissions::Action;
use shared::{Education, Gender, LeaveKind, MembershipStatus, Occupation, OrgId, OrgKind, OrgStatus, PersonId};

use super::models::{NewPersonEvent, PersonFields, PersonRow};
use super::repo::{self, MemberFilter};
use crate::audit;
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::orgs::repo as orgs_repo;

fn name_of(names: &[(i64, String)], id: i64) -> String {
    names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default()
}

pub fn summary(row: &PersonRow, org_name: String, today: NaiveDate) -> MemberSummary {
    MemberSummary {
        id: PersonId(row.id),
        name: row.name.clone(),
        gender: Gender::from_code(&row.gender).unwrap_or(Gender::Male),
        age: years_between(row.birth_date, today),
        education: row.education.as_deref().and_then(Education::from_code),
        occupation: row.occupation.as_deref().and_then(Occupation::from_code),
        membership_status: MembershipStatus::from_code(&row.membership_status).unwrap_or_default(),
        org_id: OrgId(row.org_id),
        org_name,
        phone: row.phone.clone(),
        employee_number: row.employee_number.clone(),
        join_date: row.join_date,
        left_on: row.left_on,
    }
}

pub fn view(conn: &mut DbConnection, row: &PersonRow, today: NaiveDate) -> Result<MemberView, ApiError> {
    let ids: Vec<i64> = std::iter::once(row.org_id).chain(row.party_group_id).collect();
    let names = repo::org_names(conn, &ids)?;
    Ok(MemberView {
        id: PersonId(row.id),
        name: row.name.clone(),
        gender: Gender::from_code(&row.gender).unwrap_or(Gender::Male),
        ethnicity: row.ethnicity.clone(),
        birth_date: row.birth_date,
        age: years_between(row.birth_date, today),
        id_card_number: row.id_card_number.clone(),
        phone: row.phone.clone(),
        education: row.education.as_deref().and_then(Education::from_code),
        occupation: row.occupation.as_deref().and_then(Occupation::from_code),
        work_unit: row.work_unit.clone(),
        department: row.department.clone(),
        employee_number: row.employee_number.clone(),
        membership_status: MembershipStatus::from_code(&row.membership_status).unwrap_or_default(),
        join_date: row.join_date,
        full_member_date: row.full_member_date,
        party_standing_years: row.full_member_date.map(|d| years_between(d, today).max(0)),
        org_id: OrgId(row.org_id),
        org_name: name_of(&names, row.org_id),
        party_group_id: row.party_group_id.map(OrgId),
        party_group_name: row.party_group_id.map(|g| name_of(&names, g)),
        left: match (row.left_kind.as_deref().and_then(LeaveKind::from_code), row.left_on) {
            (Some(kind), Some(date)) => {
                Some(LeaveInfo { kind, date, reason: row.left_reason.clone().unwrap_or_default() })
            }
            _ => None,
        },
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

pub fn list(
    conn: &mut DbConnection,
    today: NaiveDate,
    filter: &MemberFilter,
    after_id: Option<i64>,
    limit: i64,
) -> Result<(Vec<MemberSummary>, i64), ApiError> {
    let (rows, total) = repo::list(conn, filter, after_id, limit)?;
    let mut org_ids: Vec<i64> = rows.iter().map(|r| r.org_id).collect();
    org_ids.sort_unstable();
    org_ids.dedup();
    let names = repo::org_names(conn, &org_ids)?;
    Ok((rows.iter().map(|r| summary(r, name_of(&names, r.org_id), today)).collect(), total))
}

/// The person and the path of the org holding their record, if the actor may see them.
fn load_visible(conn: &mut DbConnection, actor: &Actor, id: i64) -> Result<(PersonRow, OrgRow), ApiError> {
    let row = repo::get(conn, id)?;
    let org = orgs_repo::get(conn, row.org_id)?;
    let own = actor.person_id.is_some_and(|p| p.0 == id);
    if own || actor.manages_path(&org.path) { Ok((row, org)) } else { Err(actor.denial()) }
}

pub fn get(conn: &mut DbConnection, today: NaiveDate, actor: &Actor, id: i64) -> Result<MemberView, ApiError> {
    let (row, _) = load_visible(conn, actor, id)?;
    view(conn, &row, today)
}

/// The org that will hold a record: it must be in scope, active and able to hold members;
/// a party group, if given, must be one of its groups.
fn holding_org(
    conn: &mut DbConnection,
    actor: &Actor,
    org_id: i64,
    party_group_id: Option<i64>,
) -> Result<OrgRow, ApiError> {
    let org = orgs_repo::get(conn, org_id).map_err(|_| ApiError::field("org_id", "not_found", "所在党组织不存在"))?;
    actor.require(Action::ManageMembers, &org.path)?;
    let kind = OrgKind::from_code(&org.kind);
    if org.status != OrgStatus::Active.code() || !kind.is_some_and(OrgKind::holds_members) {
        return Err(ApiError::field("org_id", "cannot_hold_members", "组织关系只能隶属于正常状态的党支部或党委"));
    }
    if let Some(group_id) = party_group_id {
        let group = orgs_repo::get(conn, group_id)
            .map_err(|_| ApiError::field("party_group_id", "not_found", "党小组不存在"))?;
        if group.parent_id != Some(org.id) || group.kind != OrgKind::PartyGroup.code() {
            return Err(ApiError::field("party_group_id", "not_in_org", "党小组不属于所选党支部"));
        }
    }
    Ok(org)
}

fn require_current(row: &PersonRow) -> Result<(), ApiError> {
    if row.left_on.is_some() {
        Err(ApiError::invalid_state("该人员已出党或转出，记录不能再修改"))
    } else {
        Ok(())
    }
}

pub fn create(
    conn: &mut DbConnection,
    today: NaiveDate,
    actor: &Actor,
    req: &CreateMemberRequest,
) -> Result<MemberView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let org = holding_org(conn, actor, req.org_id.0, req.party_group_id.map(|g| g.0))?;
    let valid = ValidMemberFields::parse(&req.fields, today).map_err(ApiError::validation)?;
    let id = repo::insert(conn, org.id, &PersonFields::from_valid(&valid, req.party_group_id.map(|g| g.0)))?;
    let row = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "create", "person", id, None::<&()>, Some(&row))?;
    view(conn, &row, today)
}

pub fn update(
    conn: &mut DbConnection,
    today: NaiveDate,
    actor: &Actor,
    id: i64,
    req: &UpdateMemberRequest,
) -> Result<MemberView, ApiError> {
    let (before, org) = load_visible(conn, actor, id)?;
    actor.require(Action::ManageMembers, &org.path)?;
    require_current(&before)?;
    holding_org(conn, actor, org.id, req.party_group_id.map(|g| g.0))?;
    let valid = ValidMemberFields::parse(&req.fields, today).map_err(ApiError::validation)?;
    repo::update(conn, id, req.version, &PersonFields::from_valid(&valid, req.party_group_id.map(|g| g.0)))?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "update", "person", id, Some(&before), Some(&after))?;
    view(conn, &after, today)
}

pub fn record_leave(
    conn: &mut DbConnection,
    today: NaiveDate,
    actor: &Actor,
    id: i64,
    req: &LeaveEventRequest,
) -> Result<MemberView, ApiError> {
    let (before, org) = load_visible(conn, actor, id)?;
    actor.require(Action::ManageMembers, &org.path)?;
    require_current(&before)?;
    let reason = req.reason.trim();
    let mut errors = Vec::new();
    if reason.is_empty() {
        errors.push(shared::error::FieldError::new("reason", "required", "请填写原因"));
    }
    if req.date > today {
        errors.push(shared::error::FieldError::new("date", "in_future", "日期不能晚于今天"));
    }
    if before.join_date.is_some_and(|j| req.date < j) || req.date < before.birth_date {
        errors.push(shared::error::FieldError::new("date", "too_early", "日期不能早于入党日期或出生日期"));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    repo::record_leave(conn, id, req.version, req.kind.code(), req.date, reason)?;
    repo::insert_event(
        conn,
        &NewPersonEvent {
            person_id: id,
            event_kind: "leave",
            leave_kind: Some(req.kind.code()),
            on_date: req.date,
            reason,
            from_org_id: Some(before.org_id),
            to_org_id: None,
            recorded_by: Some(actor.user_id.0),
            created_at: now(),
        },
    )?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "leave", "person", id, Some(&before), Some(&after))?;
    view(conn, &after, today)
}

pub fn move_member(
    conn: &mut DbConnection,
    today: NaiveDate,
    actor: &Actor,
    id: i64,
    req: &MoveMemberRequest,
) -> Result<MemberView, ApiError> {
    crate::orgs::repo::lock_tree(conn)?;
    let (before, org) = load_visible(conn, actor, id)?;
    actor.require(Action::ManageMembers, &org.path)?;
    require_current(&before)?;
    let target = holding_org(conn, actor, req.org_id.0, req.party_group_id.map(|g| g.0))?;
    if target.id == before.org_id && req.party_group_id.map(|g| g.0) == before.party_group_id {
        return Err(ApiError::field("org_id", "unchanged", "目标组织与当前组织相同"));
    }
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::field("reason", "required", "请填写调整原因"));
    }
    repo::move_to(conn, id, req.version, target.id, req.party_group_id.map(|g| g.0))?;
    // Open workflow cases (e.g. member development) follow the person to the new org.
    crate::workflow::repo::move_subject(conn, id, target.id)?;
    repo::insert_event(
        conn,
        &NewPersonEvent {
            person_id: id,
            event_kind: "move",
            leave_kind: None,
            on_date: today,
            reason,
            from_org_id: Some(before.org_id),
            to_org_id: Some(target.id),
            recorded_by: Some(actor.user_id.0),
            created_at: now(),
        },
    )?;
    let after = repo::get(conn, id)?;
    audit::record(conn, Some(actor), "move", "person", id, Some(&before), Some(&after))?;
    view(conn, &after, today)
}
