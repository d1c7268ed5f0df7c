//! Cases as their viewer may see them: a page of the list (cases, instances, orgs and letters
//! read once per page) and one case with its letters, timeline, history and current form.

use std::collections::HashMap;

use chrono::NaiveDate;
use shared::api::development::FieldSpec;
use shared::api::transfers::{
    Awaiting, LetterView, TransferDetail, TransferKind, TransferQuery, TransferQueue, TransferView,
};
use shared::rules::RuleViolation;
use shared::rules::daxie;
use shared::rules::dues_payment::month_label;
use shared::rules::transfers::{TransferRules, overdue_warning, probation_violation};
use shared::{OrgId, PersonId, RoleKind};

use super::models::{LetterRow, TransferRow};
use super::process::{self, date, inbound};
use super::repo::{self, Filter};
use crate::auth::{Actor, Reach};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;
use crate::workflow::service::{self as engine, Scope};
use crate::workflow::{InstanceRow, Visibility};

fn letter_view(l: &LetterRow, today: NaiveDate) -> LetterView {
    let kind_label = match l.kind.as_str() {
        "introduction" => "中国共产党党员组织关系介绍信",
        "certificate" => "党员证明信",
        "activity_card" => "流动党员活动证",
        _ => "转入介绍信（登记）",
    };
    LetterView {
        letter_no: l.letter_no.clone(),
        kind: l.kind.clone(),
        kind_label: kind_label.into(),
        issuer: l.issuer.clone(),
        addressee: l.addressee.clone(),
        issued_on: l.issued_on,
        valid_until: l.valid_until,
        valid_until_upper: daxie::date(l.valid_until),
        expired: today > l.valid_until,
        dues_paid_through: l.dues_paid_through.map(month_label),
        void_reason: l.void_reason.clone(),
        verify_path: (l.kind != "incoming").then(|| format!("/verify/{}", l.token)),
    }
}

fn warning(code: &str, rule: &str, message: String) -> RuleViolation {
    RuleViolation {
        code: code.into(), rule: rule.into(), source: "组通字〔2006〕45号".into(), message, earliest: None
    }
}

/// What warns about an open case today.
fn warnings(rules: &TransferRules, row: &TransferRow, instance: &InstanceRow, today: NaiveDate) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    if !instance.status().is_open() {
        return out;
    }
    out.extend(overdue_warning(rules, row.started_on, today));
    let record = instance.record();
    let awaiting = row.awaiting().unwrap_or(Awaiting::Nobody);
    if let Some(until) = date(&record, "valid_until").filter(|u| *u < today) {
        if awaiting == Awaiting::Receipt {
            out.push(warning(
                "transfer.letter_expired",
                "介绍信过期的，凭党支部证明和本人申请重新开具",
                format!("介绍信有效期至 {until}，已过期；未收到回执的，可重新开具"),
            ));
        } else if awaiting == Awaiting::Receiving && row.kind == TransferKind::In.code() {
            out.push(warning(
                "transfer.incoming_expired",
                "介绍信应在有效期内办理",
                format!("来信有效期至 {until}，已过期，请与开具单位联系"),
            ));
        }
    }
    if awaiting == Awaiting::Receipt && row.due_on.is_some_and(|d| d < today) {
        out.push(warning(
            "transfer.receipt_overdue",
            "接收方应在收到介绍信后1个月内寄回回执",
            format!("回执应于 {} 前寄回，已逾期", row.due_on.unwrap_or(today)),
        ));
    }
    if inbound::flags_probation(&record) {
        out.push(probation_violation(rules, date(&record, "join_date").unwrap_or(today)));
    }
    out
}

struct Lookup {
    instances: HashMap<i64, InstanceRow>,
    orgs: HashMap<i64, OrgRow>,
}

impl Lookup {
    fn load(conn: &mut DbConnection, rows: &[TransferRow]) -> Result<Lookup, ApiError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.instance_id).collect();
        let instances = crate::workflow::repo::by_ids(conn, &ids)?.into_iter().map(|i| (i.id, i)).collect();
        let mut org_ids: Vec<i64> = rows.iter().flat_map(|r| [r.from_org_id, r.to_org_id]).flatten().collect();
        org_ids.sort_unstable();
        org_ids.dedup();
        let orgs = crate::orgs::repo::by_ids(conn, &org_ids)?.into_iter().map(|o| (o.id, o)).collect();
        Ok(Lookup { instances, orgs })
    }

    fn org(&self, id: Option<i64>) -> Option<&OrgRow> {
        id.and_then(|id| self.orgs.get(&id))
    }
}

fn view(
    rules: &TransferRules,
    actor: &Actor,
    row: &TransferRow,
    lookup: &Lookup,
    today: NaiveDate,
) -> Result<(TransferView, Scope), ApiError> {
    let instance =
        lookup.instances.get(&row.instance_id).ok_or_else(|| ApiError::internal("transfer without instance"))?;
    let kind = row.kind()?;
    let p = process::of(kind, rules);
    let home = if kind == TransferKind::In { row.to_org_id } else { row.from_org_id };
    let org = lookup.org(home).cloned().ok_or_else(|| ApiError::internal("transfer without org"))?;
    let receiving = if kind == TransferKind::In { None } else { lookup.org(row.to_org_id).cloned() };
    let scope = Scope { org, receiving, designated: None };
    let awaiting = row.awaiting()?;
    let view = TransferView {
        id: row.id,
        kind,
        kind_label: kind.label().into(),
        person_id: PersonId(row.person_id),
        person_name: row.person_name.clone(),
        from_org_id: row.from_org_id.map(OrgId),
        from_org_name: lookup.org(row.from_org_id).map(|o| o.name.clone()),
        to_org_id: row.to_org_id.map(OrgId),
        to_org_name: lookup.org(row.to_org_id).map(|o| o.name.clone()),
        external_org: row.external_org.clone(),
        reason: row.reason.clone(),
        batch_id: row.batch_id,
        secret: row.secret,
        awaiting,
        awaiting_label: awaiting.label().into(),
        status: instance.status(),
        outcome: instance.outcome(),
        step: instance.step,
        step_name: p.step(instance.step).map_or("已办结", |s| s.name).into(),
        started_on: row.started_on,
        finished_on: row.finished_on,
        due_on: row.due_on,
        version: instance.version,
        can_act: engine::can_act(p.as_ref(), actor, instance, &scope),
        warnings: warnings(rules, row, instance, today),
    };
    Ok((view, scope))
}

/// The filter of a page: the caller's reach, then the queue.
fn filter_of(actor: &Actor, query: &TransferQuery) -> Filter {
    let mut f = Filter {
        kind: query.kind.map(|k| k.code().to_string()),
        include_finished: query.include_finished.unwrap_or(false),
        text: query.q.clone(),
        batch: query.batch_id,
        ..Filter::default()
    };
    match actor.reach() {
        Reach::Everything => {}
        Reach::Subtree(lo, hi) => f.subtree = Some((lo, hi)),
        Reach::OwnRecord(person) => f.person = Some(person.map_or(-1, |p| p.0)),
    }
    f.awaiting = query.queue.map(|q| match q {
        TransferQueue::ToApprove if actor.role.kind == RoleKind::Branch => {
            (vec![Awaiting::SendingBranch.code()], false)
        }
        TransferQueue::ToApprove => (vec![Awaiting::Committee.code()], false),
        TransferQueue::ToReceive => (vec![Awaiting::Receiving.code()], true),
        TransferQueue::ReceiptPending => (vec![Awaiting::Receipt.code()], false),
    });
    f
}

pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    query: &TransferQuery,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<TransferView>, ApiError> {
    let rows = repo::list(conn, &filter_of(actor, query), before, limit)?;
    let lookup = Lookup::load(conn, &rows)?;
    rows.iter().map(|row| Ok(view(rules, actor, row, &lookup, today)?.0)).collect()
}

pub fn detail(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &TransferRules,
    today: NaiveDate,
    id: i64,
) -> Result<TransferDetail, ApiError> {
    let row = repo::get(conn, id)?;
    let lookup = Lookup::load(conn, std::slice::from_ref(&row))?;
    let (transfer, scope) = view(rules, actor, &row, &lookup, today)?;
    let instance = &lookup.instances[&row.instance_id];
    if !engine::may_view(actor, instance, &scope) {
        return Err(actor.denial());
    }
    let p = process::of(transfer.kind, rules);
    let events = crate::workflow::repo::events(conn, instance.id)?;
    let subject_view = engine::subject_view(actor, instance, &scope);
    let step = p.step(instance.step).filter(|_| transfer.can_act);
    let fields = step
        .map(|s| {
            s.fields
                .iter()
                .map(|f| FieldSpec {
                    name: f.name.into(),
                    label: f.label.into(),
                    kind: f.kind,
                    required: f.required,
                    visible_to_subject: f.visibility == Visibility::Everyone,
                })
                .collect()
        })
        .unwrap_or_default();
    let letters: Vec<LetterView> =
        repo::letters::of(conn, &[row.batch_id.unwrap_or(row.id)])?.iter().map(|l| letter_view(l, today)).collect();
    let letter_pdf = !row.secret && letters.iter().any(|l| l.kind != "incoming" && l.void_reason.is_none());
    Ok(TransferDetail {
        letters,
        timeline: engine::timeline(p.as_ref(), instance, &events),
        history: engine::history(p.as_ref(), &events, subject_view),
        fields,
        may_reject: step.is_some_and(|s| s.may_reject),
        letter_pdf,
        record: serde_json::Value::Object(engine::visible_record(p.as_ref(), &instance.record(), subject_view)),
        transfer,
    })
}
