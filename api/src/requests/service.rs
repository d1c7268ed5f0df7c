//! The use cases of a request: draft (create, edit), preview, act on a step (submitting starts
//! the workflow instance; 签发 seals the 请示 and sends the SMS tickets; the 批复 seals the reply
//! and wakes a case that waited for it), all in the caller's transaction.

use shared::api::development::StepRequest;
use shared::api::requests::{DraftInput, DraftPreview, RequestStage};
use shared::api::workflow::{Decision, InstanceStatus, Outcome};

use super::compose::compose;
use super::models::RequestRow;
use super::process::{DRAFT, REPLY, RequestProcess, SIGN, STEPS};
use super::repo;
use super::sealing::{Desk, reply_text, seal_reply, seal_request};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::files::TempBlob;
use crate::workflow::service::{ActRequest, NewInstance};
use crate::workflow::{Record, Transition};

pub fn preview(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &DraftInput,
    year: i32,
) -> Result<DraftPreview, ApiError> {
    let template = repo::template(conn, input.template_id)?;
    Ok(compose(conn, actor, input, &template, year)?.preview)
}

pub fn create(conn: &mut DbConnection, actor: &Actor, input: &DraftInput, year: i32) -> Result<i64, ApiError> {
    let template = repo::template(conn, input.template_id)?;
    if !template.active {
        return Err(ApiError::field("template_id", "inactive", "该模板已有新版本，请使用新版本起草"));
    }
    let composed = compose(conn, actor, input, &template, year)?;
    let id = repo::insert(conn, &composed.content, actor.user_id.0)?;
    crate::audit::record(conn, Some(actor), "request_draft", "request", id, None::<&()>, Some(input))?;
    Ok(id)
}

fn unchanged(row: &RequestRow) -> Result<(), ApiError> {
    if row.archived_at.is_some() {
        return Err(ApiError::invalid_state("该请示已归档，不能再修改"));
    }
    Ok(())
}

pub fn update(conn: &mut DbConnection, actor: &Actor, id: i64, input: &DraftInput, year: i32) -> Result<(), ApiError> {
    let row = repo::get(conn, id)?;
    unchanged(&row)?;
    if row.stage()? != RequestStage::Draft {
        return Err(ApiError::invalid_state("请示已提交，退回后方可修改"));
    }
    if input.org_id.0 != row.org_id {
        return Err(ApiError::field("org_id", "invalid", "不能更改发文机关"));
    }
    let template = repo::template(conn, input.template_id)?;
    if template.id != row.template_id && !template.active {
        return Err(ApiError::field("template_id", "inactive", "该模板已有新版本，请使用新版本起草"));
    }
    let version = input.version.ok_or_else(|| ApiError::field("version", "required", "请提供草稿的版本号"))?;
    let composed = compose(conn, actor, input, &template, year)?;
    repo::update_content(conn, id, version, &composed.content)?;
    crate::audit::record(conn, Some(actor), "request_edit", "request", id, Some(&row.title), Some(input))?;
    Ok(())
}

/// Stage of a request after its instance moved.
fn stage_of(status: InstanceStatus, step: i32, outcome: Option<Outcome>) -> RequestStage {
    match (status.is_open(), step) {
        (true, DRAFT) => RequestStage::Draft,
        (true, 2) => RequestStage::Review,
        (true, SIGN) => RequestStage::Signing,
        (true, _) => RequestStage::Submitted,
        (false, _) if outcome == Some(Outcome::Done) => RequestStage::Approved,
        (false, _) => RequestStage::Rejected,
    }
}

fn record_of(row: &RequestRow, reply_days: i32) -> Record {
    let mut record = Record::new();
    crate::workflow::process::put(&mut record, "request_id", row.id);
    crate::workflow::process::put(&mut record, "to_org_id", row.to_org_id);
    crate::workflow::process::put(&mut record, "signer_user_id", row.signer_user_id);
    crate::workflow::process::put(&mut record, "reply_days", reply_days);
    record
}

/// A draft must have every placeholder filled before it goes for review.
fn complete(conn: &mut DbConnection, row: &RequestRow) -> Result<(), ApiError> {
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    let to_org = crate::orgs::repo::get(conn, row.to_org_id)?;
    let body = super::sealing::filled_body(row, &org, &to_org);
    let missing = shared::rules::requests::placeholders(&body);
    if let Some(name) = missing.first() {
        return Err(ApiError::field("body", "placeholder", format!("正文中的 {{{name}}} 尚未填写")));
    }
    Ok(())
}

fn submit(conn: &mut DbConnection, p: &RequestProcess, actor: &Actor, row: &RequestRow) -> Result<i64, ApiError> {
    complete(conn, row)?;
    let subject = actor.person_id.ok_or_else(|| ApiError::forbidden("当前账号未关联党员信息，不能提交请示"))?;
    let template = repo::template(conn, row.template_id)?;
    let new = NewInstance {
        subject: subject.0,
        org_id: row.org_id,
        first: &STEPS[0],
        record: record_of(row, template.reply_days),
        transition: Transition::Advance(2),
    };
    // Only an official of the drafting org submits.
    let org = crate::orgs::repo::get(conn, row.org_id)?;
    if actor.role.org_path != org.path || !actor.may(shared::permissions::Action::HandleRequests, &org.path) {
        return Err(ApiError::forbidden("“起草”应由本级党组织办理"));
    }
    let instance = crate::workflow::service::start(conn, p, actor, new)?;
    repo::set_instance(conn, row.id, instance)?;
    if let Some(case) = row.for_instance_id {
        crate::workflow::service::hold_for(conn, case, instance)?;
    }
    Ok(instance)
}

/// Does `step` of request `id`; returns the files to promote after the commit.
pub fn act(
    conn: &mut DbConnection,
    desk: &Desk,
    actor: &Actor,
    id: i64,
    step: i32,
    req: &StepRequest,
) -> Result<Vec<TempBlob>, ApiError> {
    let row = repo::get(conn, id)?;
    unchanged(&row)?;
    let p = RequestProcess { rules: desk.rules.clone() };
    let mut temps = Vec::new();
    let Some(instance) = row.instance_id else {
        if step != DRAFT {
            return Err(ApiError::invalid_state("请示尚未提交审核"));
        }
        if req.version != row.version {
            return Err(ApiError::version_conflict());
        }
        submit(conn, &p, actor, &row)?;
        return finish(conn, id, temps);
    };
    if step == DRAFT {
        complete(conn, &row)?;
        let template = repo::template(conn, row.template_id)?;
        let current = crate::workflow::repo::get(conn, instance)?;
        let mut record = current.record();
        record.extend(record_of(&row, template.reply_days));
        crate::workflow::repo::set_record(conn, instance, &record)?;
    }
    let act =
        ActRequest { version: req.version, data: &req.data, decision: req.decision, comment: req.comment.as_deref() };
    let acted = crate::workflow::service::act(conn, &p, actor, desk.today, instance, step, &act)?;
    let after = repo::get(conn, id)?;
    if step == SIGN && acted.instance.step == REPLY {
        seal_request(conn, desk, actor, &after, &mut temps)?;
        super::sms::issue_tickets(conn, desk, &after, acted.instance.version)?;
    }
    if step == REPLY && !acted.instance.status().is_open() {
        let approved = acted.instance.outcome() == Some(Outcome::Done);
        let own = if approved { req.data.get("reply_body").and_then(|v| v.as_str()) } else { None };
        let comment = if req.decision == Some(Decision::Reject) { req.comment.as_deref() } else { None };
        let text = reply_text(conn, &after, approved, own, comment)?;
        seal_reply(conn, desk, actor, &after, approved, &text, &mut temps)?;
    }
    if step == REPLY {
        repo::records::use_tickets(conn, id, crate::clock::wall_now())?;
    }
    finish(conn, id, temps)
}

/// Mirrors the instance on the request row and tells whoever is next.
fn finish(conn: &mut DbConnection, id: i64, temps: Vec<TempBlob>) -> Result<Vec<TempBlob>, ApiError> {
    let row = repo::get(conn, id)?;
    let instance = crate::workflow::repo::get(conn, row.instance_id.ok_or_else(|| ApiError::internal("no instance"))?)?;
    let stage = stage_of(instance.status(), instance.step, instance.outcome());
    repo::set_stage(conn, id, stage.code(), instance.due_on)?;
    super::notices::after_step(conn, &row, stage, instance.version)?;
    Ok(temps)
}
