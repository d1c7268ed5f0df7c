//! Templates: the defaults loaded into an empty table, the active versions offered for drafts,
//! and new versions saved by the 政工部门 (a request keeps the version it was drafted from).

use shared::api::requests::{RequestTemplate, TemplateInput};
use shared::error::FieldError;
use shared::permissions::Action;

use super::models::{NewTemplate, TemplateRow};
use super::repo;
use crate::auth::Actor;
use crate::clock::wall_now;
use crate::db::DbConnection;
use crate::error::ApiError;

/// Loads version 1 of each default template into an empty table (start-up, idempotent).
pub fn ensure_defaults(conn: &mut DbConnection) -> Result<(), ApiError> {
    if repo::template_count(conn)? > 0 {
        return Ok(());
    }
    for t in super::defaults::TEMPLATES {
        let fields = serde_json::to_string(&t.fields()).map_err(ApiError::internal)?;
        repo::insert_template(
            conn,
            &NewTemplate {
                code: t.code,
                version: 1,
                name: t.name,
                title_pattern: t.title_pattern,
                fields_json: &fields,
                body: t.body,
                reply_body: t.reply_body,
                reply_days: t.reply_days,
                retention: t.retention.code(),
                active: true,
                created_by: None,
                created_at: wall_now(),
            },
        )?;
    }
    Ok(())
}

pub fn view(row: &TemplateRow) -> Result<RequestTemplate, ApiError> {
    Ok(RequestTemplate {
        id: row.id,
        code: row.code.clone(),
        version: row.version,
        name: row.name.clone(),
        title_pattern: row.title_pattern.clone(),
        fields: row.fields(),
        body: row.body.clone(),
        reply_body: row.reply_body.clone(),
        reply_days: row.reply_days,
        retention: row.retention()?,
        active: row.active,
        created_at: row.created_at.and_utc(),
    })
}

pub fn active(conn: &mut DbConnection) -> Result<Vec<RequestTemplate>, ApiError> {
    repo::templates(conn, true)?.iter().map(view).collect()
}

const BUILT_IN: &[&str] =
    &["org", "to_org", "year", "request_title", "request_number", "reply_org", "request_org", "comment"];

fn check(input: &TemplateInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code_ok = !input.code.is_empty()
        && input.code.len() <= 40
        && input.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        errors.push(FieldError::new("code", "invalid", "模板代码须为小写字母、数字或下划线"));
    }
    let text = |errors: &mut Vec<FieldError>, name: &str, label: &str, value: &str, max: usize| {
        if value.trim().is_empty() || value.chars().count() > max {
            errors.push(FieldError::new(name, "invalid", format!("请填写{label}（不超过{max}字）")));
        }
    };
    text(&mut errors, "name", "模板名称", &input.name, 40);
    text(&mut errors, "title_pattern", "标题", &input.title_pattern, 80);
    text(&mut errors, "body", "正文", &input.body, 10_000);
    text(&mut errors, "reply_body", "批复正文", &input.reply_body, 5_000);
    if !input.title_pattern.ends_with("的请示") {
        errors.push(FieldError::new("title_pattern", "invalid", "标题应以“的请示”结尾（文种为请示）"));
    }
    if let Some(v) = shared::rules::requests::one_matter_violation(&input.title_pattern) {
        errors.push(FieldError::new("title_pattern", "one_matter", v.message));
    }
    if !(1..=180).contains(&input.reply_days) {
        errors.push(FieldError::new("reply_days", "invalid", "批复期限须为 1–180 天"));
    }
    if input.fields.len() > 30 {
        errors.push(FieldError::new("fields", "invalid", "字段不能超过30个"));
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, f) in input.fields.iter().enumerate() {
        let ok = !f.name.is_empty()
            && f.name.len() <= 40
            && f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !BUILT_IN.contains(&f.name.as_str())
            && !names.contains(&f.name.as_str());
        if !ok || f.label.trim().is_empty() || f.label.chars().count() > 40 {
            errors.push(FieldError::new(
                &format!("fields[{i}]"),
                "invalid",
                format!("第{}个字段的名称或标签不正确", i + 1),
            ));
        }
        names.push(&f.name);
    }
    for (field, text) in
        [("title_pattern", &input.title_pattern), ("body", &input.body), ("reply_body", &input.reply_body)]
    {
        for p in shared::rules::requests::placeholders(text) {
            if !names.contains(&p.as_str()) && !BUILT_IN.contains(&p.as_str()) {
                errors.push(FieldError::new(field, "unknown_placeholder", format!("占位符 {{{p}}} 没有对应的字段")));
            }
        }
    }
    errors
}

/// A new version of `input.code` (version 1 when the code is new); the older versions stay for
/// the requests drafted from them.
pub fn save(conn: &mut DbConnection, actor: &Actor, input: &TemplateInput) -> Result<RequestTemplate, ApiError> {
    actor.require_action(Action::ManageRequestTemplates)?;
    let errors = check(input);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let version = repo::latest_version(conn, &input.code)?.unwrap_or(0) + 1;
    let fields = serde_json::to_string(&input.fields).map_err(ApiError::internal)?;
    let row = repo::insert_template(
        conn,
        &NewTemplate {
            code: &input.code,
            version,
            name: input.name.trim(),
            title_pattern: input.title_pattern.trim(),
            fields_json: &fields,
            body: input.body.trim(),
            reply_body: input.reply_body.trim(),
            reply_days: input.reply_days,
            retention: input.retention.code(),
            active: true,
            created_by: Some(actor.user_id.0),
            created_at: wall_now(),
        },
    )?;
    crate::audit::record(conn, Some(actor), "template_version", "request_template", row.id, None::<&()>, Some(input))?;
    view(&row)
}
