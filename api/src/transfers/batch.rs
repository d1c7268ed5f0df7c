//! 整建制转接: every current member of a branch or a party group goes within or out of the
//! institution as one batch (a case each, acted on together, one letter with a list).

use chrono::NaiveDate;
use shared::OrgKind;
use shared::api::development::StepRequest;
use shared::api::transfers::{BatchStep, StartBatch, StartTransfer, TransferKind, TransferQuery, TransferView};
use shared::permissions::Action;
use shared::rules::transfers::TransferRules;

use super::{repo, service, views};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

const MAX_BATCH: usize = 500;

/// Starts a case for each member; returns the batch's cases.
pub fn start(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    input: &StartBatch,
) -> Result<Vec<TransferView>, ApiError> {
    if !matches!(input.kind, TransferKind::Within | TransferKind::Out) {
        return Err(ApiError::field("kind", "invalid", "整建制转接只能是系统内转接或转出本单位"));
    }
    let org = crate::orgs::repo::get(conn, input.org_id.0)
        .map_err(|_| ApiError::field("org_id", "not_found", "党组织不存在"))?;
    actor.require(Action::RunTransfers, &org.path)?;
    let group = org.kind == OrgKind::PartyGroup.code();
    if !group && org.kind == OrgKind::Committee.code() {
        return Err(ApiError::field("org_id", "not_branch", "整建制转接以党支部或党小组为单位"));
    }
    let people = repo::people::members_of(conn, org.id, group)?;
    if people.is_empty() {
        return Err(ApiError::field("org_id", "empty", format!("“{}”没有在册党员", org.name)));
    }
    if people.len() > MAX_BATCH {
        return Err(ApiError::field("org_id", "too_many", format!("一次整建制转接不超过{MAX_BATCH}人")));
    }
    let single = StartTransfer {
        kind: input.kind,
        person_id: None,
        to_org_id: input.to_org_id,
        to_unit: input.to_unit.clone(),
        reason: input.reason.clone(),
        secret: input.secret,
        document: None,
        away_from: None,
        away_until: None,
    };
    let mut batch = 0;
    for (person, _) in &people {
        let id = service::open_case(conn, actor, rules, today, &single, *person, Some(batch))?;
        if batch == 0 {
            batch = id;
        }
    }
    list(conn, actor, rules, today, batch)
}

fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    batch: i64,
) -> Result<Vec<TransferView>, ApiError> {
    let query = TransferQuery { batch_id: Some(batch), include_finished: Some(true), ..TransferQuery::default() };
    let mut cases = views::list(conn, actor, rules, today, &query, None, MAX_BATCH as i64 + 1)?;
    cases.reverse();
    Ok(cases)
}

/// Does `step` for every open case of the batch at that step, in one transaction: all or none.
pub fn act(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    batch: i64,
    step: i32,
    input: &BatchStep,
) -> Result<Vec<TransferView>, ApiError> {
    let cases = repo::batch(conn, batch)?;
    if cases.is_empty() {
        return Err(ApiError::not_found("整建制转接"));
    }
    let mut acted = 0;
    for case in &cases {
        let instance = crate::workflow::repo::get(conn, case.instance_id)?;
        if !instance.status().is_open() || instance.step != step {
            continue;
        }
        let request = StepRequest {
            version: instance.version,
            data: input.data.clone(),
            decision: input.decision,
            comment: input.comment.clone(),
        };
        service::act_only(conn, actor, rules, today, case.id, step, &request)?;
        acted += 1;
    }
    if acted == 0 {
        return Err(ApiError::invalid_state(format!("该批次没有处于第 {step} 步的转接")));
    }
    list(conn, actor, rules, today, batch)
}
