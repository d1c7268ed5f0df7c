//! A draft as the user sends it, checked once: the drafting org is the caller's, the one
//! 主送机关 is its upper org, 抄送 never goes below the drafting org, one matter per request,
//! the template's fields, the signer is an official of the org, a valid contact phone. The
//! title and body are the template's with the fields filled in (or the body as edited).

use chrono::Datelike;
use serde_json::{Map, Value};
use shared::api::requests::{DraftInput, DraftPreview, OrgName, TemplateFieldKind};
use shared::codes::OrgKind;
use shared::error::FieldError;
use shared::permissions::Action;
use shared::rules::requests::{cc_violation, fill, issuer_mark, one_matter_violation};

use super::models::{DraftContent, TemplateRow};
use super::repo;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::orgs::models::OrgRow;

const BODY_MAX: usize = 20_000;

/// The nearest 党委 or 党总支 above `org`: the one 主送机关 of its requests.
pub fn upper_org(conn: &mut DbConnection, org: &OrgRow) -> Result<Option<OrgRow>, ApiError> {
    let mut line = crate::orgs::repo::by_ids(conn, &org.path_ids())?;
    line.retain(|o| {
        o.id != org.id
            && o.depth < org.depth
            && (o.kind == OrgKind::Committee.code() || o.kind == OrgKind::GeneralBranch.code())
    });
    Ok(line.into_iter().max_by_key(|o| o.depth))
}

/// The org the caller drafts for: their active role's own org, with the right to handle requests.
pub fn drafting_org(conn: &mut DbConnection, actor: &Actor, org_id: i64) -> Result<OrgRow, ApiError> {
    let org = crate::orgs::repo::get(conn, org_id)?;
    actor.require(Action::HandleRequests, &org.path)?;
    if actor.role.org_id.0 != org.id {
        return Err(ApiError::forbidden("只能以本级党组织的名义起草请示"));
    }
    Ok(org)
}

pub fn org_name(org: &OrgRow) -> OrgName {
    OrgName { id: shared::OrgId(org.id), name: org.name.clone() }
}

/// The value of a placeholder: a field, or one of the built-ins.
pub fn value_of(fields: &Map<String, Value>, org: &OrgRow, to_org: &OrgRow, name: &str, year: i32) -> Option<String> {
    match name {
        "org" => Some(org.name.clone()),
        "to_org" | "reply_org" => Some(issuer_mark(&to_org.name)),
        "year" => Some(year.to_string()),
        _ => fields.get(name).map(|v| match v {
            Value::String(s) => s.trim().to_string(),
            other => other.to_string(),
        }),
    }
}

pub struct Composed {
    pub content: DraftContent,
    pub preview: DraftPreview,
}

fn check_fields(
    template: &TemplateRow,
    input: &Map<String, Value>,
    errors: &mut Vec<FieldError>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for f in template.fields() {
        let text = match input.get(&f.name) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let path = format!("fields.{}", f.name);
        if text.is_empty() {
            if f.required {
                errors.push(FieldError::new(&path, "required", format!("请填写{}", f.label)));
            }
            continue;
        }
        let ok = match f.kind {
            TemplateFieldKind::Number => text.parse::<u32>().is_ok(),
            TemplateFieldKind::Date => chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok(),
            TemplateFieldKind::Text => text.chars().count() <= 100 && !text.contains('\n'),
            TemplateFieldKind::Paragraph => text.chars().count() <= 5_000,
        };
        if !ok {
            errors.push(FieldError::new(&path, "invalid", format!("{}格式不正确", f.label)));
            continue;
        }
        let value = match f.kind {
            TemplateFieldKind::Date => {
                let d = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").expect("checked");
                format!("{}年{}月{}日", d.year(), d.month(), d.day())
            }
            _ => text,
        };
        out.insert(f.name.clone(), Value::String(value));
    }
    out
}

fn check_people(
    conn: &mut DbConnection,
    org: &OrgRow,
    input: &DraftInput,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    let signers = repo::officials_at(conn, org.id)?;
    if !signers.iter().any(|(u, _, _)| *u == input.signer_user_id.0) {
        errors.push(FieldError::new("signer_user_id", "invalid", "签发人须为本级党组织的负责人"));
    }
    let contact = input.contact.trim();
    if contact.is_empty() || contact.chars().count() > 20 {
        errors.push(FieldError::new("contact", "invalid", "请填写联系人（不超过20字）"));
    }
    if let Err(e) = shared::validate::MobilePhone::parse(&input.contact_phone) {
        errors.push(FieldError::new("contact_phone", "invalid", e.message()));
    }
    Ok(())
}

fn check_cc(
    conn: &mut DbConnection,
    org: &OrgRow,
    to_org: &OrgRow,
    input: &DraftInput,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<i64>, ApiError> {
    let ids: Vec<i64> = input.cc_org_ids.iter().map(|o| o.0).collect();
    if ids.len() > 10 {
        errors.push(FieldError::new("cc_org_ids", "invalid", "抄送机关不能超过10个"));
        return Ok(ids);
    }
    let found = crate::orgs::repo::by_ids(conn, &ids)?;
    for (i, id) in ids.iter().enumerate() {
        let path = format!("cc_org_ids[{i}]");
        match found.iter().find(|o| o.id == *id) {
            None => errors.push(FieldError::new(&path, "not_found", "抄送机关不存在")),
            Some(o) if o.id == to_org.id || o.id == org.id => {
                errors.push(FieldError::new(&path, "invalid", "主送机关和本级不必抄送"))
            }
            Some(o) => {
                if let Some(v) = cc_violation(&org.path, &o.path, &o.name) {
                    errors.push(FieldError::new(&path, "cc_subordinate", v.message));
                }
            }
        }
        if ids[..i].contains(id) {
            errors.push(FieldError::new(&path, "duplicate", "抄送机关重复"));
        }
    }
    Ok(ids)
}

fn check_attachments(input: &DraftInput, errors: &mut Vec<FieldError>) {
    if input.attachments.len() > 20 {
        errors.push(FieldError::new("attachments", "invalid", "附件不能超过20个"));
    }
    for (i, name) in input.attachments.iter().enumerate() {
        let n = name.trim().chars().count();
        if n == 0 || n > 60 {
            errors.push(FieldError::new(&format!("attachments[{i}]"), "invalid", "附件名称须为 1–60 个字"));
        }
    }
}

/// Checks a draft and fills in its title and body; 422 names each wrong field.
pub fn compose(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &DraftInput,
    template: &TemplateRow,
    year: i32,
) -> Result<Composed, ApiError> {
    let org = drafting_org(conn, actor, input.org_id.0)?;
    let to_org = upper_org(conn, &org)?.ok_or_else(|| ApiError::invalid_state("本级没有上级党组织，不能报送请示"))?;
    let mut errors = Vec::new();
    let fields = check_fields(template, &input.fields, &mut errors);
    check_people(conn, &org, input, &mut errors)?;
    let cc = check_cc(conn, &org, &to_org, input, &mut errors)?;
    check_attachments(input, &mut errors);
    let value = |name: &str| value_of(&fields, &org, &to_org, name, year);
    let (matter, mut missing) = fill(&template.title_pattern, value);
    let title = format!("{}{matter}", issuer_mark(&org.name));
    if title.chars().count() > 100 {
        errors.push(FieldError::new("title", "too_long", "标题不能超过100字"));
    }
    if let Some(v) = one_matter_violation(&title) {
        errors.push(FieldError::new("title", "one_matter", v.message));
    }
    let body_source = input.body.as_deref().map(str::trim).filter(|b| !b.is_empty()).unwrap_or(&template.body);
    if body_source.chars().count() > BODY_MAX {
        errors.push(FieldError::new("body", "too_long", format!("正文不能超过{BODY_MAX}字")));
    }
    let (body, body_missing) = fill(body_source, value);
    for m in body_missing {
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    if let Some(instance) = input.for_instance_id {
        let row = crate::workflow::repo::get(conn, instance)?;
        let case_org = crate::orgs::repo::get(conn, row.org_id)?;
        if !actor.manages_path(&case_org.path) {
            errors.push(FieldError::new("for_instance_id", "forbidden", "只能关联本级管理范围内的流程"));
        } else if !row.status().is_open() || row.waiting_for.is_some() {
            errors.push(FieldError::new("for_instance_id", "invalid_state", "关联的流程已办结或正在等待"));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let content = DraftContent {
        template_id: template.id,
        org_id: org.id,
        to_org_id: to_org.id,
        cc_json: to_json(&cc),
        title: title.clone(),
        fields_json: to_json(&fields),
        body: body_source.to_string(),
        attachments_json: to_json(&input.attachments.iter().map(|a| a.trim().to_string()).collect::<Vec<_>>()),
        contact: input.contact.trim().to_string(),
        contact_phone: input.contact_phone.trim().to_string(),
        signer_user_id: input.signer_user_id.0,
        for_instance_id: input.for_instance_id,
    };
    Ok(Composed { content, preview: DraftPreview { title, body, missing } })
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
