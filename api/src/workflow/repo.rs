//! The diesel code of the workflow engine.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::api::workflow::{EventAction, InstanceStatus};

use super::models::{EventRow, InstanceRow, InstanceState};
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, workflow_events, workflow_instances};
use crate::db::{DbConnection, expect_one_row};
use crate::error::ApiError;

const OPEN: [&str; 2] = ["active", "waiting"];

fn record_json(state: &InstanceState) -> String {
    serde_json::Value::Object(state.record.clone()).to_string()
}

/// A new instance; 409 when the subject already has an open one of this process (the unique
/// partial index decides between two concurrent starts).
pub fn create(
    conn: &mut DbConnection,
    process: &str,
    subject: i64,
    org_id: i64,
    state: &InstanceState,
) -> Result<i64, ApiError> {
    let now = now();
    diesel::insert_into(workflow_instances::table)
        .values((
            workflow_instances::process.eq(process),
            workflow_instances::subject_person_id.eq(subject),
            workflow_instances::org_id.eq(org_id),
            workflow_instances::step.eq(state.step),
            workflow_instances::status.eq(state.status.code()),
            workflow_instances::outcome.eq(state.outcome.map(|o| o.code())),
            workflow_instances::due_on.eq(state.due_on),
            workflow_instances::ready_on.eq(state.ready_on),
            workflow_instances::data_json.eq(record_json(state)),
            workflow_instances::version.eq(1),
            workflow_instances::created_at.eq(now),
            workflow_instances::updated_at.eq(now),
            workflow_instances::waiting_for.eq(state.waiting_for),
        ))
        .returning(workflow_instances::id)
        .get_result(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::invalid_state("该人员已有正在办理的同类流程")
            }
            other => other.into(),
        })
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<InstanceRow, ApiError> {
    workflow_instances::table
        .find(id)
        .select(InstanceRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("流程"))
}

/// The given instances (a page of cases reads its instances at once).
pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<InstanceRow>, ApiError> {
    Ok(workflow_instances::table
        .filter(workflow_instances::id.eq_any(ids))
        .select(InstanceRow::as_select())
        .load(conn)?)
}

/// Moves the instance if it still has `version` (else 409: someone else acted first).
pub fn advance(conn: &mut DbConnection, id: i64, version: i32, state: &InstanceState) -> Result<(), ApiError> {
    let updated = diesel::update(
        workflow_instances::table.filter(workflow_instances::id.eq(id).and(workflow_instances::version.eq(version))),
    )
    .set((
        workflow_instances::step.eq(state.step),
        workflow_instances::status.eq(state.status.code()),
        workflow_instances::outcome.eq(state.outcome.map(|o| o.code())),
        workflow_instances::due_on.eq(state.due_on),
        workflow_instances::ready_on.eq(state.ready_on),
        workflow_instances::data_json.eq(record_json(state)),
        workflow_instances::waiting_for.eq(state.waiting_for),
        workflow_instances::version.eq(version + 1),
        workflow_instances::updated_at.eq(now()),
    ))
    .execute(conn)?;
    expect_one_row(updated)
}

/// Replaces an instance's record without moving it (facts that changed outside the process,
/// such as a request's signer after an edit, written inside the act that reads them).
pub fn set_record(conn: &mut DbConnection, id: i64, record: &super::Record) -> Result<(), ApiError> {
    let json = serde_json::to_string(record).map_err(ApiError::internal)?;
    diesel::update(workflow_instances::table.find(id)).set(workflow_instances::data_json.eq(json)).execute(conn)?;
    Ok(())
}

/// Instances waiting for `other` to finish.
pub fn waiting_for(conn: &mut DbConnection, other: i64) -> Result<Vec<InstanceRow>, ApiError> {
    Ok(workflow_instances::table
        .filter(
            workflow_instances::waiting_for
                .eq(other)
                .and(workflow_instances::status.eq(InstanceStatus::Waiting.code())),
        )
        .select(InstanceRow::as_select())
        .load(conn)?)
}

/// The subject now belongs to `org_id`: their open instances follow them.
pub fn move_subject(conn: &mut DbConnection, subject: i64, org_id: i64) -> Result<usize, ApiError> {
    Ok(diesel::update(
        workflow_instances::table
            .filter(workflow_instances::subject_person_id.eq(subject).and(workflow_instances::status.eq_any(OPEN))),
    )
    .set((
        workflow_instances::org_id.eq(org_id),
        workflow_instances::version.eq(workflow_instances::version + 1),
        workflow_instances::updated_at.eq(now()),
    ))
    .execute(conn)?)
}

/// One entry of an instance's history.
pub struct NewEvent<'a> {
    pub instance_id: i64,
    pub step: i32,
    pub action: EventAction,
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
            workflow_events::action.eq(action.code()),
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
    /// Only active and waiting instances.
    pub open_only: bool,
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
    if f.overdue_on.is_some() {
        query = query.filter(workflow_instances::status.eq(InstanceStatus::Active.code()));
    } else if f.open_only {
        query = query.filter(workflow_instances::status.eq_any(OPEN));
    }
    if let Some(today) = f.overdue_on {
        query = query.filter(workflow_instances::due_on.lt(today));
    }
    if let Some(after) = after_id {
        query = query.filter(workflow_instances::id.gt(after));
    }
    Ok(query.load(conn)?)
}

/// Open instances of a process at one step in one status, counted in SQL.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepCount {
    pub step: i32,
    pub status: InstanceStatus,
    pub open: i64,
    /// Of those, past their deadline on the given day.
    pub overdue: i64,
    /// Of those, whose waiting period has ended by the given day (`ready_on`).
    pub ready: i64,
}

/// The open instances a filter selects, grouped by (step, status): three grouped queries, each
/// at most steps × statuses rows, whatever the number of instances.
pub fn open_counts(
    conn: &mut DbConnection,
    process: &str,
    f: &ListFilter,
    today: NaiveDate,
) -> Result<Vec<StepCount>, ApiError> {
    use diesel::dsl::count_star;
    use workflow_instances::dsl as wi;
    macro_rules! grouped {
        ($extra:expr) => {{
            let mut query = wi::workflow_instances
                .filter(wi::process.eq(process.to_string()).and(wi::status.eq_any(OPEN)))
                .filter($extra)
                .group_by((wi::step, wi::status))
                .select((wi::step, wi::status, count_star()))
                .into_boxed();
            if let Some((lo, hi)) = &f.subtree {
                let in_subtree = orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone())));
                query = query.filter(wi::org_id.eq_any(in_subtree.select(orgs::id)));
            }
            if let Some(subject) = f.subject {
                query = query.filter(wi::subject_person_id.eq(subject));
            }
            let rows: Vec<(i32, String, i64)> = query.load(conn)?;
            rows
        }};
    }
    let open = grouped!(wi::id.is_not_null());
    let overdue = grouped!(wi::due_on.lt(today));
    let ready = grouped!(wi::ready_on.le(today));
    let mut counts: std::collections::BTreeMap<(i32, String), StepCount> = std::collections::BTreeMap::new();
    for (step, status, n) in open {
        let parsed =
            crate::error::stored_code(InstanceStatus::from_code(&status), "workflow_instances.status", &status)?;
        counts.insert((step, status), StepCount { step, status: parsed, open: n, overdue: 0, ready: 0 });
    }
    for (step, status, n) in overdue {
        if let Some(c) = counts.get_mut(&(step, status)) {
            c.overdue = n;
        }
    }
    for (step, status, n) in ready {
        if let Some(c) = counts.get_mut(&(step, status)) {
            c.ready = n;
        }
    }
    Ok(counts.into_values().collect())
}
