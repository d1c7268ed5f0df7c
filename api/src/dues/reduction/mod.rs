//! Reductions and exemptions (减免党费) on the workflow engine: the application, the branch's
//! and the 党委's decisions, and the views.

pub mod process;
mod repo;

pub use repo::approve;

use std::collections::HashMap;

use chrono::NaiveDate;
use shared::api::dues::{ReductionDecision, ReductionInput, ReductionView};
use shared::rules::dues::Fen;
use shared::rules::dues_payment::month_of;
use shared::{OrgId, PersonId};

use self::process::{APPLY, Application, BRANCH, PROCESS, Reduction, application};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::workflow::process::{Process, Transition};
use crate::workflow::service::{self as engine, ActRequest, NewInstance, Scope};
use crate::workflow::{self, InstanceRow};

fn kind_label(kind: &str) -> &'static str {
    if kind == "exempt" { "免交" } else { "减交" }
}

/// One case as the caller may see it (403 outside their reach).
pub fn view(conn: &mut DbConnection, actor: &Actor, today: NaiveDate, id: i64) -> Result<ReductionView, ApiError> {
    let row = workflow::get(conn, id)?;
    if row.process != PROCESS {
        return Err(ApiError::not_found("减免申请"));
    }
    let scope = Scope::load(conn, &Reduction, &row)?;
    if !engine::may_view(actor, &row, &scope) {
        return Err(actor.denial());
    }
    let events = workflow::repo::events(conn, id)?;
    let subject_view = engine::subject_view(actor, &row, &scope);
    let lookup = Lookup::load(conn, std::slice::from_ref(&row), today)?;
    let mut view = summary(&row, &lookup)?;
    view.can_act = engine::can_act(&Reduction, actor, &row, &scope);
    view.history = engine::history(&Reduction, &events, subject_view);
    Ok(view)
}

/// What the views of a page of cases need, read in four queries whatever the page size.
struct Lookup {
    names: HashMap<i64, String>,
    orgs: HashMap<i64, crate::orgs::models::OrgRow>,
    standards: HashMap<i64, i64>,
}

impl Lookup {
    fn load(conn: &mut DbConnection, rows: &[InstanceRow], today: NaiveDate) -> Result<Lookup, ApiError> {
        let people: Vec<i64> = rows.iter().map(|r| r.subject_person_id).collect();
        let orgs: Vec<i64> = rows.iter().map(|r| r.org_id).collect();
        Ok(Lookup {
            names: crate::development::repo::person_names(conn, &people)?.into_iter().collect(),
            orgs: crate::orgs::repo::by_ids(conn, &orgs)?.into_iter().map(|o| (o.id, o)).collect(),
            standards: super::repo::bases::in_force(conn, month_of(today), Some(&people))?
                .into_iter()
                .map(|(person, b)| (person, b.3))
                .collect(),
        })
    }

    fn scope(&self, row: &InstanceRow) -> Result<Scope, ApiError> {
        let org = self.orgs.get(&row.org_id).cloned().ok_or_else(|| ApiError::not_found("党组织"))?;
        Ok(Scope { org, receiving: None, designated: None })
    }
}

fn summary(row: &InstanceRow, lookup: &Lookup) -> Result<ReductionView, ApiError> {
    let app: Application = crate::workflow::process::typed(&row.record())?;
    let standard = lookup.standards.get(&row.subject_person_id).copied().unwrap_or(0);
    Ok(ReductionView {
        id: row.id,
        person_id: PersonId(row.subject_person_id),
        person_name: lookup.names.get(&row.subject_person_id).cloned().unwrap_or_default(),
        org_id: OrgId(row.org_id),
        org_name: lookup.orgs.get(&row.org_id).map(|o| o.name.clone()).unwrap_or_default(),
        kind_label: kind_label(&app.kind).into(),
        kind: app.kind,
        monthly: Fen(app.monthly_fen).yuan(),
        standard: Fen(standard).yuan(),
        first_month: app.first_month,
        last_month: app.last_month,
        reason: app.reason,
        step: row.step,
        step_name: Reduction.step(row.step).map_or("已办结", |s| s.name).into(),
        status: row.status(),
        outcome: row.outcome(),
        version: row.version,
        can_act: false,
        history: Vec::new(),
    })
}

/// A member applies (or their branch files it for them); one open case per member.
pub fn apply(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    input: &ReductionInput,
) -> Result<ReductionView, ApiError> {
    let person = match input.person_id {
        Some(p) => p.0,
        None => actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息"))?.0,
    };
    let first = Reduction.step(APPLY).ok_or_else(|| ApiError::not_found("步骤"))?;
    let member = crate::members::repo::get(conn, person)?;
    let org = crate::orgs::repo::get(conn, member.org_id)?;
    let scope = Scope { org, receiving: None, designated: None };
    if !engine::may_act(actor, Reduction.action(), first, person, &scope) {
        return Err(actor.denial());
    }
    let current = month_of(today);
    let standard = super::repo::bases::in_force(conn, current, Some(&[person]))?.get(&person).map_or(0, |b| b.3);
    let record = application(
        &input.kind,
        input.monthly.as_deref(),
        &input.first_month,
        input.last_month.as_deref(),
        &input.reason,
        standard,
        current,
    )?;
    let open = workflow::list(
        conn,
        PROCESS,
        &workflow::ListFilter { subject: Some(person), open_only: true, ..Default::default() },
        None,
        1,
    )?;
    if !open.is_empty() {
        return Err(ApiError::invalid_state("已有正在办理的减免申请"));
    }
    let new =
        NewInstance { subject: person, org_id: scope.org.id, first, record, transition: Transition::Advance(BRANCH) };
    let id = engine::start(conn, &Reduction, actor, new)?;
    view(conn, actor, today, id)
}

/// The branch's (step 2) or the 党委's (step 3) decision on the current step.
pub fn decide(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    id: i64,
    input: &ReductionDecision,
) -> Result<ReductionView, ApiError> {
    let row = workflow::get(conn, id)?;
    if row.process != PROCESS {
        return Err(ApiError::not_found("减免申请"));
    }
    if input.decision == shared::api::workflow::Decision::Return {
        return Err(ApiError::field("decision", "not_allowed", "减免申请只能批准或不予批准"));
    }
    let data = serde_json::Map::new();
    let request = ActRequest {
        version: input.version,
        data: &data,
        decision: Some(input.decision),
        comment: input.comment.as_deref(),
    };
    engine::act(conn, &Reduction, actor, today, id, row.step, &request)?;
    view(conn, actor, today, id)
}

/// Cases within reach, oldest first; names, orgs and standards are read once for the page.
#[allow(clippy::too_many_arguments)]
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
    person: Option<i64>,
    include_finished: bool,
    after: Option<i64>,
    limit: i64,
) -> Result<Vec<ReductionView>, ApiError> {
    let mut filter = workflow::ListFilter { open_only: !include_finished, subject: person, ..Default::default() };
    match actor.reach() {
        crate::auth::Reach::OwnRecord(own) => {
            let own = own.map_or(-1, |p| p.0);
            if person.is_some_and(|p| p != own) {
                return Err(actor.denial());
            }
            filter.subject = Some(own);
        }
        crate::auth::Reach::Subtree(lo, hi) => filter.subtree = Some((lo, hi)),
        crate::auth::Reach::Everything => {}
    }
    let rows = workflow::list(conn, PROCESS, &filter, after, limit)?;
    let lookup = Lookup::load(conn, &rows, today)?;
    rows.iter()
        .map(|row| {
            let mut v = summary(row, &lookup)?;
            v.can_act = engine::can_act(&Reduction, actor, row, &lookup.scope(row)?);
            Ok(v)
        })
        .collect()
}
