//! Use cases of member development: who may act, applying a step through the workflow engine,
//! person changes, audit, and the views.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use shared::api::development::*;
use shared::{MembershipStatus, OrgId, PersonId, RoleKind};

use super::logic::{self, Context};
use super::repo;
use super::steps::{self, DONE};
use crate::audit;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::workflow::{self, InstanceRow, Transition};

pub const PROCESS: &str = "development";

/// Whether the actor may do a step of this kind for this subject in this org.
pub fn may_act(actor: &Actor, who: StepActor, subject: i64, org: &OrgRow) -> bool {
    let manages = actor.manages_path(&org.path);
    match who {
        StepActor::Applicant => {
            actor.person_id.is_some_and(|p| p.0 == subject) || (actor.role.kind == RoleKind::Branch && manages)
        }
        StepActor::Branch => actor.role.kind == RoleKind::Branch && manages,
        StepActor::Committee => {
            matches!(actor.role.kind, RoleKind::Committee | RoleKind::Department)
                && manages
                && actor.role.org_path != org.path
        }
    }
}

fn may_view(actor: &Actor, row: &InstanceRow, org: &OrgRow) -> bool {
    actor.person_id.is_some_and(|p| p.0 == row.subject_person_id) || actor.manages_path(&org.path)
}

fn name_of_person(conn: &mut DbConnection, id: i64) -> Result<String, ApiError> {
    Ok(crate::members::repo::get(conn, id)?.name)
}

pub fn summary(conn: &mut DbConnection, row: &InstanceRow, today: NaiveDate) -> Result<InstanceSummary, ApiError> {
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    Ok(InstanceSummary {
        id: row.id,
        person_id: PersonId(row.subject_person_id),
        person_name: name_of_person(conn, row.subject_person_id)?,
        org_id: OrgId(row.org_id),
        org_name: org.name,
        step: row.step,
        step_name: steps::name_of(row.step).into(),
        stage: steps::step(row.step).map_or(5, |s| s.stage),
        status: match row.status.as_str() {
            "active" => InstanceStatus::Active,
            "completed" => InstanceStatus::Completed,
            _ => InstanceStatus::Ended,
        },
        outcome: row.outcome.clone(),
        due_on: row.due_on,
        overdue: row.status == "active" && row.due_on.is_some_and(|d| d < today),
        ready_on: row.ready_on,
        version: row.version,
        updated_at: row.updated_at.and_utc(),
    })
}

fn context<'a>(
    rules: &'a shared::rules::development::DevelopmentRules,
    calendar: &'a shared::rules::calendar::WorkCalendar,
    today: NaiveDate,
) -> Context<'a> {
    Context { rules, calendar, today, introducer_statuses: Vec::new() }
}

pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &shared::rules::development::DevelopmentRules,
    today: NaiveDate,
    id: i64,
) -> Result<InstanceDetail, ApiError> {
    let row = workflow::get(conn, id)?;
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    if !may_view(actor, &row, &org) {
        return Err(actor.denial());
    }
    let data = row.data();
    let events = workflow::events(conn, id)?;
    let calendar = repo::calendar(conn)?;
    let ctx = context(rules, &calendar, today);
    let done_on = |n: i32| events.iter().rev().find(|e| e.step == n && e.action != "return").map(|e| e.at.date());
    let steps_state = steps::STEPS
        .iter()
        .map(|s| StepState {
            number: s.number,
            stage: s.stage,
            name: s.name.into(),
            state: if s.number < row.step || row.step == DONE {
                "done"
            } else if s.number == row.step {
                "current"
            } else {
                "pending"
            }
            .into(),
            done_on: if s.number < row.step || row.step == DONE { done_on(s.number) } else { None },
        })
        .collect();
    let next_def = (row.status == "active").then(|| steps::step(row.step)).flatten();
    Ok(InstanceDetail {
        summary: summary(conn, &row, today)?,
        blocked_by: next_def.and_then(|s| logic::precheck(s.number, &data, &ctx)),
        can_act: next_def.is_some_and(|s| may_act(actor, s.actor, row.subject_person_id, &org)),
        next: next_def.map(steps::info),
        data: Value::Object(data),
        steps: steps_state,
        history: events
            .iter()
            .map(|e| EventView {
                step: e.step,
                step_name: steps::name_of(e.step).into(),
                action: e.action.clone(),
                actor_name: e.actor_name.clone(),
                actor_role: e.actor_role_kind.as_deref().and_then(RoleKind::from_code),
                at: e.at.and_utc(),
                comment: e.comment.clone(),
                data: serde_json::from_str(&e.data_json).unwrap_or(Value::Null),
            })
            .collect(),
        warnings: Vec::new(),
    })
}

fn actor_name(conn: &mut DbConnection, actor: &Actor) -> Result<String, ApiError> {
    Ok(crate::auth::repo::user_by_id(conn, actor.user_id.0)?.display_name)
}

/// An application (step 1): by the applicant, or recorded by their branch.
pub fn apply_for_membership(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &shared::rules::development::DevelopmentRules,
    today: NaiveDate,
    req: &ApplicationRequest,
) -> Result<InstanceDetail, ApiError> {
    let person_id = match req.person_id {
        Some(p) => p.0,
        None => actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案，不能递交入党申请"))?.0,
    };
    let person = crate::members::repo::get(conn, person_id)?;
    let org = crate::orgs::repo::get(conn, person.org_id)?;
    if !may_act(actor, StepActor::Applicant, person_id, &org) {
        return Err(actor.denial());
    }
    if person.left_on.is_some()
        || MembershipStatus::from_code(&person.membership_status).is_some_and(MembershipStatus::is_member)
    {
        return Err(ApiError::invalid_state("该人员已是党员或已离开，不能递交入党申请"));
    }
    let open = workflow::list(
        conn,
        PROCESS,
        &workflow::ListFilter { subject: Some(person_id), active_only: true, ..Default::default() },
        None,
        1,
    )?;
    if !open.is_empty() {
        return Err(ApiError::invalid_state("该人员已有正在进行的入党申请"));
    }
    if req.applied_on > today {
        return Err(ApiError::field("applied_on", "in_future", "递交日期不能晚于今天"));
    }
    rules.check_age(person.birth_date, req.applied_on).map_err(logic::rule_error)?;
    let mut data = Map::new();
    data.insert("applied_on".into(), json!(req.applied_on.to_string()));
    let (due_on, ready_on) = logic::deadlines(2, &data, rules);
    let id = workflow::create(
        conn,
        PROCESS,
        person_id,
        org.id,
        &Transition { step: 2, status: "active", outcome: None, data: data.clone(), due_on, ready_on },
    )?;
    let name = actor_name(conn, actor)?;
    workflow::record_event(
        conn,
        &workflow::NewEvent {
            instance_id: id,
            step: 1,
            action: "submit",
            actor: Some(actor),
            actor_name: Some(&name),
            comment: None,
            data: &Value::Object(data),
        },
    )?;
    if person.membership_status == MembershipStatus::Masses.code() {
        repo::apply_person_change(conn, person_id, &logic::PersonChange::Status(MembershipStatus::Applicant))?;
    }
    audit::record(conn, Some(actor), "development_apply", "workflow_instance", id, None::<&()>, Some(&req))?;
    detail(conn, actor, rules, today, id)
}

/// Does step `number` of an instance; 409 when another user acted on it first.
pub fn act(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &shared::rules::development::DevelopmentRules,
    today: NaiveDate,
    id: i64,
    number: i32,
    req: &StepRequest,
) -> Result<InstanceDetail, ApiError> {
    let row = workflow::get(conn, id)?;
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    if !may_view(actor, &row, &org) {
        return Err(actor.denial());
    }
    let def = steps::step(number).ok_or_else(|| ApiError::not_found("步骤"))?;
    if !may_act(actor, def.actor, row.subject_person_id, &org) {
        return Err(ApiError::forbidden(format!(
            "“{}”应由{}办理",
            def.name,
            match def.actor {
                StepActor::Applicant => "申请人本人（或所在党支部）",
                StepActor::Branch => "党支部",
                StepActor::Committee => "上级党委",
            }
        )));
    }
    if row.version != req.version {
        return Err(ApiError::version_conflict());
    }
    if row.status != "active" || row.step != number {
        return Err(ApiError::invalid_state(format!("当前应办理第 {} 步“{}”", row.step, steps::name_of(row.step))));
    }
    let calendar = repo::calendar(conn)?;
    let mut ctx = context(rules, &calendar, today);
    if number == 9 {
        let ids: Vec<i64> = req
            .data
            .get("introducers")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default();
        let found = repo::statuses(conn, &ids)?;
        ctx.introducer_statuses = ids
            .iter()
            .map(|id| {
                found
                    .iter()
                    .find(|(p, _, left)| p == id && left.is_none() && *p != row.subject_person_id)
                    .and_then(|(_, s, _)| MembershipStatus::from_code(s))
                    .unwrap_or(MembershipStatus::Masses)
            })
            .collect();
    }
    let result = logic::apply(number, &row.data(), req, &ctx)?;
    workflow::advance(conn, &row, req.version, &result.transition)?;
    let name = actor_name(conn, actor)?;
    let mut event_data = Value::Object(req.data.clone());
    if !result.warnings.is_empty() {
        event_data["warnings"] = json!(result.warnings);
    }
    workflow::record_event(
        conn,
        &workflow::NewEvent {
            instance_id: id,
            step: number,
            action: result.action,
            actor: Some(actor),
            actor_name: Some(&name),
            comment: req.comment.as_deref(),
            data: &event_data,
        },
    )?;
    if let Some(change) = &result.person {
        let before = crate::members::repo::get(conn, row.subject_person_id)?;
        repo::apply_person_change(conn, row.subject_person_id, change)?;
        let after = crate::members::repo::get(conn, row.subject_person_id)?;
        audit::record(
            conn,
            Some(actor),
            "development_step",
            "person",
            row.subject_person_id,
            Some(&before),
            Some(&after),
        )?;
    }
    audit::record(
        conn,
        Some(actor),
        &format!("step_{number}_{}", result.action),
        "workflow_instance",
        id,
        None::<&()>,
        Some(&req.data),
    )?;
    let mut view = detail(conn, actor, rules, today, id)?;
    view.warnings = result.warnings;
    Ok(view)
}

/// The instances within reach: everything for 政工部门, the subtree for 党委/党支部, one's own
/// for members and applicants.
pub fn list_filter(
    conn: &mut DbConnection,
    actor: &Actor,
    org_id: Option<i64>,
) -> Result<workflow::ListFilter, ApiError> {
    let mut filter = workflow::ListFilter::default();
    match actor.reach() {
        crate::auth::Reach::OwnRecord(person) => filter.subject = Some(person.map_or(-1, |p| p.0)),
        reach => {
            if let Some(id) = org_id {
                let org = crate::orgs::repo::get(conn, id)?;
                actor.require_manage(&org.path)?;
                filter.subtree = Some(crate::db::subtree_bounds(&org.path));
            } else if let crate::auth::Reach::Subtree(lo, hi) = reach {
                filter.subtree = Some((lo, hi));
            }
        }
    }
    Ok(filter)
}

pub fn pipeline(
    conn: &mut DbConnection,
    mut filter: workflow::ListFilter,
    today: NaiveDate,
) -> Result<PipelineSummary, ApiError> {
    filter.active_only = true;
    let rows = workflow::list(conn, PROCESS, &filter, None, 100_000)?;
    let mut s = PipelineSummary { by_stage: vec![0; 5], ..PipelineSummary::default() };
    for row in &rows {
        let def = steps::step(row.step);
        if let Some(def) = def {
            s.by_stage[(def.stage - 1) as usize] += 1;
            if def.actor == StepActor::Committee {
                s.awaiting_committee += 1;
            }
        }
        if row.step == 2 {
            s.due_talks += 1;
        }
        if (5..=7).contains(&row.step) && row.ready_on.is_some_and(|d| d <= today) {
            s.ready_candidates += 1;
        }
        if row.due_on.is_some_and(|d| d < today) {
            s.overdue += 1;
        }
    }
    Ok(s)
}
