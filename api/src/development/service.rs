//! Use cases of member development on the workflow engine: the application (with its
//! preconditions), acting on a step, the views, and the pipeline.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value;
use shared::api::development::*;
use shared::rules::development::DevelopmentRules;
use shared::{MembershipStatus, OrgId, PersonId};

use super::process::{Development, PersonChange, application_record};
use super::repo;
use super::steps::{self, APPLICATION, TALK};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{Process, Transition};
use crate::workflow::service::{self as engine, ActRequest, NewInstance, Scope};
use crate::workflow::{self, InstanceRow};

pub use super::process::PROCESS;

/// List rows of instances with the people's and orgs' names: three queries for a whole page.
pub fn summaries(
    conn: &mut DbConnection,
    rows: &[InstanceRow],
    today: NaiveDate,
) -> Result<Vec<InstanceSummary>, ApiError> {
    let mut people: Vec<i64> = rows.iter().map(|r| r.subject_person_id).collect();
    let mut orgs: Vec<i64> = rows.iter().map(|r| r.org_id).collect();
    for ids in [&mut people, &mut orgs] {
        ids.sort_unstable();
        ids.dedup();
    }
    let people: HashMap<i64, String> = repo::person_names(conn, &people)?.into_iter().collect();
    let orgs: HashMap<i64, String> = crate::members::repo::org_names(conn, &orgs)?.into_iter().collect();
    Ok(rows
        .iter()
        .map(|row| {
            let status = row.status();
            InstanceSummary {
                id: row.id,
                person_id: PersonId(row.subject_person_id),
                person_name: people.get(&row.subject_person_id).cloned().unwrap_or_default(),
                org_id: OrgId(row.org_id),
                org_name: orgs.get(&row.org_id).cloned().unwrap_or_default(),
                step: row.step,
                step_name: steps::name_of(row.step).into(),
                stage: steps::step_def(row.step).map_or(5, |s| s.stage),
                status,
                outcome: row.outcome(),
                due_on: row.due_on,
                overdue: status == InstanceStatus::Active && row.due_on.is_some_and(|d| d < today),
                ready_on: row.ready_on,
                version: row.version,
                updated_at: row.updated_at.and_utc(),
            }
        })
        .collect())
}

fn summary(conn: &mut DbConnection, row: &InstanceRow, today: NaiveDate) -> Result<InstanceSummary, ApiError> {
    summaries(conn, std::slice::from_ref(row), today)?.pop().ok_or_else(|| ApiError::not_found("发展流程"))
}

pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &DevelopmentRules,
    today: NaiveDate,
    id: i64,
) -> Result<InstanceDetail, ApiError> {
    let p = Development::load(conn, rules)?;
    let row = workflow::get(conn, id)?;
    if row.process != PROCESS {
        return Err(ApiError::not_found("流程"));
    }
    let scope = Scope::load(conn, &p, &row)?;
    if !engine::may_view(actor, &row, &scope) {
        return Err(actor.denial());
    }
    let subject_view = engine::subject_view(actor, &row, &scope);
    let record = row.record();
    let events = workflow::repo::events(conn, id)?;
    let next = row.status().is_open().then(|| p.step(row.step)).flatten();
    Ok(InstanceDetail {
        summary: summary(conn, &row, today)?,
        blocked_by: next.and_then(|s| p.precheck(s.number, &record, today)),
        can_act: engine::can_act(&p, actor, &row, &scope),
        next: next.map(steps::info),
        data: Value::Object(engine::visible_record(&p, &record, subject_view)),
        steps: engine::timeline(&p, &row, &events),
        history: engine::history(&p, &events, subject_view),
        warnings: Vec::new(),
    })
}

/// An application (step 1): by the applicant, or recorded by their branch.
pub fn apply_for_membership(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &DevelopmentRules,
    today: NaiveDate,
    req: &ApplicationRequest,
) -> Result<InstanceDetail, ApiError> {
    let person_id = match req.person_id {
        Some(p) => p.0,
        None => actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联人员档案，不能递交入党申请"))?.0,
    };
    let p = Development::load(conn, rules)?;
    let first = p.step(APPLICATION).ok_or_else(|| ApiError::not_found("步骤"))?;
    let person = crate::members::repo::get(conn, person_id)?;
    let org = crate::orgs::repo::get(conn, person.org_id)?;
    let scope = Scope { org, receiving: None, designated: None };
    if !engine::may_act(actor, p.action(), first, person_id, &scope) {
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
        &workflow::ListFilter { subject: Some(person_id), open_only: true, ..Default::default() },
        None,
        1,
    )?;
    if !open.is_empty() {
        return Err(ApiError::invalid_state("该人员已有正在进行的入党申请"));
    }
    if req.applied_on > today {
        return Err(ApiError::field("applied_on", "in_future", "递交日期不能晚于今天"));
    }
    rules.check_age(person.birth_date, req.applied_on).map_err(ApiError::rule)?;
    let record = application_record(req.applied_on);
    let new =
        NewInstance { subject: person_id, org_id: scope.org.id, first, record, transition: Transition::Advance(TALK) };
    let id = engine::start(conn, &p, actor, new)?;
    if person.membership_status == MembershipStatus::Masses.code() {
        let change = PersonChange::Status(MembershipStatus::Applicant);
        if !repo::apply_person_change(conn, person_id, person.version, &change)? {
            return Err(ApiError::version_conflict());
        }
    }
    crate::audit::record(conn, Some(actor), "development_apply", "workflow_instance", id, None::<&()>, Some(&req))?;
    detail(conn, actor, rules, today, id)
}

/// Does step `number` of an instance (or returns / rejects it); 409 when another user acted first.
pub fn act(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &DevelopmentRules,
    today: NaiveDate,
    id: i64,
    number: i32,
    req: &StepRequest,
) -> Result<InstanceDetail, ApiError> {
    let p = Development::load(conn, rules)?;
    let request =
        ActRequest { version: req.version, data: &req.data, decision: req.decision, comment: req.comment.as_deref() };
    let acted = engine::act(conn, &p, actor, today, id, number, &request)?;
    let mut view = detail(conn, actor, rules, today, id)?;
    view.warnings = acted.warnings;
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
    filter: workflow::ListFilter,
    today: NaiveDate,
) -> Result<PipelineSummary, ApiError> {
    let mut s = PipelineSummary { by_stage: vec![0; 5], ..PipelineSummary::default() };
    for c in workflow::repo::open_counts(conn, PROCESS, &filter, today)? {
        if let Some(def) = steps::step_def(c.step) {
            s.by_stage[(def.stage - 1) as usize] += c.open;
            if steps::actor_of(def) == StepActor::Committee && c.status == InstanceStatus::Active {
                s.awaiting_committee += c.open;
            }
        }
        if c.step == TALK {
            s.due_talks += c.open;
        }
        if (5..=7).contains(&c.step) {
            s.ready_candidates += c.ready;
        }
        if c.status == InstanceStatus::Active {
            s.overdue += c.overdue;
        }
    }
    Ok(s)
}
