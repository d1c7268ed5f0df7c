//! The workflow engine shared by every process (member development now; transfers, elections
//! and requests later): instances with a current step, a JSON record of what was decided, a
//! deadline, an optimistic version, and a full event history. Processes supply the step logic.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, workflow_events, workflow_instances};
use crate::db::{DbConnection, expect_one_row};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workflow_instances)]
pub struct InstanceRow {
    pub id: i64,
    pub process: String,
    pub subject_person_id: i64,
    pub org_id: i64,
    pub step: i32,
    pub status: String,
    pub outcome: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub ready_on: Option<NaiveDate>,
    pub data_json: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl InstanceRow {
    pub fn data(&self) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(&self.data_json).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workflow_events)]
pub struct EventRow {
    pub id: i64,
    pub instance_id: i64,
    pub step: i32,
    pub action: String,
    pub actor_user_id: Option<i64>,
    pub actor_role_kind: Option<String>,
    pub actor_name: Option<String>,
    pub at: NaiveDateTime,
    pub comment: Option<String>,
    pub data_json: String,
}

/// Where an instance goes after a step.
#[derive(Debug, Clone)]
pub struct Transition {
    pub step: i32,
    pub status: &'static str,
    pub outcome: Option<String>,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub due_on: Option<NaiveDate>,
    pub ready_on: Option<NaiveDate>,
}

pub fn create(
    conn: &mut DbConnection,
    process: &str,
    subject: i64,
    org_id: i64,
    t: &Transition,
) -> Result<i64, ApiError> {
    let now = now();
    Ok(diesel::insert_into(workflow_instances::table)
        .values((
            workflow_instances::process.eq(process),
            workflow_instances::subject_person_id.eq(subject),
            workflow_instances::org_id.eq(org_id),
            workflow_instances::step.eq(t.step),
            workflow_instances::status.eq(t.status),
            workflow_instances::outcome.eq(&t.outcome),
            workflow_instances::due_on.eq(t.due_on),
            workflow_instances::ready_on.eq(t.ready_on),
            workflow_instances::data_json.eq(serde_json::Value::Object(t.data.clone()).to_string()),
            workflow_instances::version.eq(1),
            workflow_instances::created_at.eq(now),
            workflow_instances::updated_at.eq(now),
        ))
        .returning(workflow_instances::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<InstanceRow, ApiError> {
    workflow_instances::table
        .find(id)
        .select(InstanceRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("流程"))
}

/// Moves the instance if it still has `version` (else 409: someone else acted first).
pub fn advance(conn: &mut DbConnection, row: &InstanceRow, version: i32, t: &Transition) -> Result<(), ApiError> {
    let updated = diesel::update(
        workflow_instances::table
            .filter(workflow_instances::id.eq(row.id).and(workflow_instances::version.eq(version))),
    )
    .set((
        workflow_instances::step.eq(t.step),
        workflow_instances::status.eq(t.status),
        workflow_instances::outcome.eq(&t.outcome),
        workflow_instances::due_on.eq(t.due_on),
        workflow_instances::ready_on.eq(t.ready_on),
        workflow_instances::data_json.eq(serde_json::Value::Object(t.data.clone()).to_string()),
        workflow_instances::version.eq(version + 1),
        workflow_instances::updated_at.eq(now()),
    ))
    .execute(conn)?;
    expect_one_row(updated)
}

/// One entry of an instance's history.
pub struct NewEvent<'a> {
    pub instance_id: i64,
    pub step: i32,
    pub action: &'a str,
    pub actor: Option<&'a Actor>,
    pub actor_name: Option<&'a str>,
    pub comment: Option<&'a str>,
    pub data: &'a serde_json::Value,
}

pub fn record_event(conn: &mut DbConnection, event: &NewEvent) -> Result<(), ApiError> {
    let NewEvent { instance_id, step, action, actor, actor_name, comment, data } = *event;
    diesel::insert_into(workflow_events::table)
        .values((
            workflow_events::instance_id.eq(instance_id),
            workflow_events::step.eq(step),
            workflow_events::action.eq(action),
            workflow_events::actor_user_id.eq(actor.map(|a| a.user_id.0)),
            workflow_events::actor_role_kind.eq(actor.map(|a| a.role.kind.code())),
            workflow_events::actor_name.eq(actor_name),
            workflow_events::at.eq(now()),
            workflow_events::comment.eq(comment),
            workflow_events::data_json.eq(data.to_string()),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn events(conn: &mut DbConnection, instance_id: i64) -> Result<Vec<EventRow>, ApiError> {
    Ok(workflow_events::table
        .filter(workflow_events::instance_id.eq(instance_id))
        .order(workflow_events::id)
        .select(EventRow::as_select())
        .load(conn)?)
}

/// A listing filter: the org subtree bounds, or one subject person.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub subtree: Option<(String, String)>,
    pub subject: Option<i64>,
    pub steps: Option<(i32, i32)>,
    pub active_only: bool,
    pub overdue_on: Option<NaiveDate>,
}

pub fn list(
    conn: &mut DbConnection,
    process: &str,
    f: &ListFilter,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<InstanceRow>, ApiError> {
    let mut query = workflow_instances::table
        .filter(workflow_instances::process.eq(process.to_string()))
        .order(workflow_instances::id)
        .limit(limit)
        .select(InstanceRow::as_select())
        .into_boxed();
    if let Some((lo, hi)) = &f.subtree {
        query = query.filter(
            workflow_instances::org_id
                .eq_any(orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))).select(orgs::id)),
        );
    }
    if let Some(subject) = f.subject {
        query = query.filter(workflow_instances::subject_person_id.eq(subject));
    }
    if let Some((from, to)) = f.steps {
        query = query.filter(workflow_instances::step.between(from, to));
    }
    if f.active_only || f.overdue_on.is_some() {
        query = query.filter(workflow_instances::status.eq("active"));
    }
    if let Some(today) = f.overdue_on {
        query = query.filter(workflow_instances::due_on.lt(today));
    }
    if let Some(after) = after_id {
        query = query.filter(workflow_instances::id.gt(after));
    }
    Ok(query.load(conn)?)
}
