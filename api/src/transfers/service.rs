//! Starting a case (within, out, flow), registering an incoming letter, and doing a step; each
//! in the caller's transaction, with the case row following its instance and the next actors
//! told through the outbox.

use chrono::NaiveDate;
use shared::api::development::StepRequest;
use shared::api::transfers::{Awaiting, StartTransfer, TransferDetail, TransferKind};
use shared::api::workflow::InstanceStatus;
use shared::rules::transfers::{TransferRules, flow_document};
use shared::{MembershipStatus, OrgKind};

use super::models::NewTransfer;
use super::process::{self, TransferProcess};
use super::{notices, repo, views};
use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::workflow::process::put;
use crate::workflow::service::{self as engine, ActRequest, NewInstance, Scope};
use crate::workflow::{InstanceRow, Record, Transition};

const TEXT_MAX: usize = 200;

pub fn trimmed(value: Option<&str>, field: &str, label: &str, max: usize) -> Result<String, ApiError> {
    let text = value.map(str::trim).unwrap_or("");
    if text.is_empty() {
        return Err(ApiError::field(field, "required", format!("请填写{label}")));
    }
    if text.chars().count() > max {
        return Err(ApiError::field(field, "too_long", format!("{label}不能超过{max}个字")));
    }
    Ok(text.to_string())
}

/// A branch that holds members (党支部, 联合党支部, 党总支), still active.
pub fn holding_branch(conn: &mut DbConnection, id: i64, field: &str) -> Result<OrgRow, ApiError> {
    let org = crate::orgs::repo::get(conn, id).map_err(|_| ApiError::field(field, "not_found", "党组织不存在"))?;
    let holds =
        matches!(OrgKind::from_code(&org.kind), Some(OrgKind::Branch | OrgKind::JointBranch | OrgKind::GeneralBranch));
    if !holds || org.status != "active" {
        return Err(ApiError::field(field, "not_branch", format!("“{}”不是可接收党员的党支部", org.name)));
    }
    Ok(org)
}

/// A party group (党小组) under `org`.
pub fn check_group(conn: &mut DbConnection, org: i64, group: i64) -> Result<(), ApiError> {
    let row = crate::orgs::repo::get(conn, group)
        .map_err(|_| ApiError::field("party_group_id", "not_found", "党小组不存在"))?;
    if row.parent_id != Some(org) || row.kind != OrgKind::PartyGroup.code() {
        return Err(ApiError::field("party_group_id", "not_in_org", "党小组不属于接收党支部"));
    }
    Ok(())
}

/// The nearest 党委 at or above `org`.
pub fn committee_of(conn: &mut DbConnection, org: &OrgRow) -> Result<Option<OrgRow>, ApiError> {
    let mut line = crate::orgs::repo::by_ids(conn, &org.path_ids())?;
    line.retain(|o| o.kind == OrgKind::Committee.code());
    Ok(line.into_iter().max_by_key(|o| o.depth))
}

pub fn ensure_none_open(conn: &mut DbConnection, person: i64) -> Result<(), ApiError> {
    if let Some(open) = repo::open_of(conn, person)? {
        let kind = open.kind().map(|k| k.label()).unwrap_or("转接");
        return Err(ApiError::invalid_state(format!("该同志已有正在办理的{kind}（编号 {}），请办结后再申请", open.id)));
    }
    Ok(())
}

/// The member or their branch starts a transfer within, out of the institution, or away.
pub fn start(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    input: &StartTransfer,
) -> Result<TransferDetail, ApiError> {
    let person = match input.person_id {
        Some(p) => p.0,
        None => actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息"))?.0,
    };
    let id = open_case(conn, actor, rules, today, input, person, None)?;
    views::detail(conn, actor, rules, today, id)
}

/// Opens one case for `person` (of a batch when `batch` is given: its first case's id, or
/// `Some(0)` for the first case itself, which then names itself).
pub fn open_case(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    input: &StartTransfer,
    person: i64,
    batch: Option<i64>,
) -> Result<i64, ApiError> {
    let p = process::of(input.kind, rules);
    let first = p.step(1).ok_or_else(|| ApiError::not_found("步骤"))?;
    let member = crate::members::repo::get(conn, person)?;
    let org = crate::orgs::repo::get(conn, member.org_id)?;
    let scope = Scope { org: org.clone(), receiving: None, designated: None };
    // A batch is started by whoever runs transfers over the whole org (checked by the caller).
    if batch.is_none() && !engine::may_act(actor, p.action(), first, person, &scope) {
        return Err(actor.denial());
    }
    let status = MembershipStatus::from_code(&member.membership_status);
    if member.left_on.is_some() || !status.is_some_and(MembershipStatus::is_member) {
        return Err(ApiError::invalid_state("只有在册的正式党员和预备党员可以办理组织关系转接"));
    }
    let reason = trimmed(Some(&input.reason), "reason", "转接原因", 500)?;
    let mut record = Record::new();
    put(&mut record, "reason", &reason);
    put(&mut record, "secret", input.secret);
    put(&mut record, "from_org_id", org.id);
    let (to_org, to_unit) = match input.kind {
        TransferKind::Within => {
            let id = input.to_org_id.ok_or_else(|| ApiError::field("to_org_id", "required", "请选择接收党支部"))?;
            let to = holding_branch(conn, id.0, "to_org_id")?;
            if to.id == org.id {
                return Err(ApiError::field("to_org_id", "unchanged", "接收党支部与所在党支部相同"));
            }
            let needs_committee = committee_of(conn, &org)?.map(|c| c.id) != committee_of(conn, &to)?.map(|c| c.id);
            put(&mut record, "needs_committee", needs_committee);
            (Some(to), None)
        }
        TransferKind::Out => (None, Some(trimmed(input.to_unit.as_deref(), "to_unit", "接收单位党组织", TEXT_MAX)?)),
        TransferKind::Flow => {
            let document = input.document.ok_or_else(|| ApiError::field("document", "required", "请选择证明类型"))?;
            let from = input.away_from.ok_or_else(|| ApiError::field("away_from", "required", "请填写外出日期"))?;
            let until =
                input.away_until.ok_or_else(|| ApiError::field("away_until", "required", "请填写预计返回日期"))?;
            if until <= from {
                return Err(ApiError::field("away_until", "before_from", "预计返回日期应晚于外出日期"));
            }
            flow_document(rules, document.code(), from, until).map_err(ApiError::rule)?;
            put(&mut record, "document", document.code());
            put(&mut record, "away_from", from);
            put(&mut record, "away_until", until);
            let host = match input.to_org_id {
                Some(id) => Some(holding_branch(conn, id.0, "to_org_id")?).filter(|h| h.id != org.id),
                None => None,
            };
            (host, Some(trimmed(input.to_unit.as_deref(), "to_unit", "外出地点", TEXT_MAX)?))
        }
        TransferKind::In => {
            return Err(ApiError::field("kind", "invalid", "转入请通过“登记转入介绍信”办理"));
        }
    };
    put(&mut record, "to_org_id", to_org.as_ref().map(|o| o.id));
    put(&mut record, "to_unit", to_unit.clone().or_else(|| to_org.as_ref().map(|o| o.name.clone())));
    ensure_none_open(conn, person)?;
    let batch_id = batch.filter(|b| *b > 0);
    let new = NewInstance { subject: person, org_id: org.id, first, record, transition: Transition::Advance(2) };
    let instance = engine::start(conn, p.as_ref(), actor, new)?;
    let now = now();
    let id = repo::insert(
        conn,
        &NewTransfer {
            instance_id: instance,
            kind: input.kind.code(),
            person_id: person,
            person_name: &member.name,
            from_org_id: Some(org.id),
            to_org_id: to_org.as_ref().map(|o| o.id),
            external_org: to_unit.as_deref(),
            reason: &reason,
            batch_id,
            secret: input.secret,
            awaiting: p.awaiting(2).code(),
            status: InstanceStatus::Active.code(),
            due_on: None,
            started_on: today,
            created_at: now,
            updated_at: now,
        },
    )?;
    if batch == Some(0) {
        repo::set_batch(conn, id, id)?;
    }
    notices::after_step(conn, id)?;
    Ok(id)
}

/// Does step `step` of case `id` (version-checked; 422 with the rule when one blocks it).
pub fn act(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    id: i64,
    step: i32,
    req: &StepRequest,
) -> Result<TransferDetail, ApiError> {
    act_only(conn, actor, rules, today, id, step, req)?;
    views::detail(conn, actor, rules, today, id)
}

/// The step itself, without reading the case back (a batch acts on many and lists them once).
pub fn act_only(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    id: i64,
    step: i32,
    req: &StepRequest,
) -> Result<(), ApiError> {
    let row = repo::get(conn, id)?;
    let p = process::of(row.kind()?, rules);
    let request =
        ActRequest { version: req.version, data: &req.data, decision: req.decision, comment: req.comment.as_deref() };
    let acted = engine::act(conn, p.as_ref(), actor, today, row.instance_id, step, &request)?;
    follow(conn, p.as_ref(), &acted.instance, today)?;
    notices::after_step(conn, id)?;
    Ok(())
}

/// The case row follows its instance.
pub fn follow(
    conn: &mut DbConnection,
    p: &dyn TransferProcess,
    instance: &InstanceRow,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let status = instance.status();
    let open = status.is_open();
    let awaiting = if open { p.awaiting(instance.step) } else { Awaiting::Nobody };
    let due = if open { instance.due_on } else { None };
    repo::sync(conn, instance.id, awaiting.code(), status.code(), due, (!open).then_some(today))
}
