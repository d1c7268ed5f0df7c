//! The diesel code of requests: templates, the request rows (lists and queues filtered in SQL
//! on either org), and their documents, archives and SMS tickets (`records`).

pub mod records;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::models::{DraftContent, NewTemplate, RequestRow, TemplateRow};
use crate::clock::wall_now as now;
use crate::db::schema::{orgs, request_templates as rt, requests as r};
use crate::db::{DbConnection, MultiBackend, expect_one_row, like_escape};
use crate::error::ApiError;

pub fn templates(conn: &mut DbConnection, active_only: bool) -> Result<Vec<TemplateRow>, ApiError> {
    let mut query = rt::table.order((rt::code, rt::version.desc())).select(TemplateRow::as_select()).into_boxed();
    if active_only {
        query = query.filter(rt::active.eq(true));
    }
    Ok(query.load(conn)?)
}

pub fn template(conn: &mut DbConnection, id: i64) -> Result<TemplateRow, ApiError> {
    rt::table
        .find(id)
        .select(TemplateRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("请示模板"))
}

pub fn latest_version(conn: &mut DbConnection, code: &str) -> Result<Option<i32>, ApiError> {
    Ok(rt::table.filter(rt::code.eq(code)).select(diesel::dsl::max(rt::version)).first(conn)?)
}

pub fn insert_template(conn: &mut DbConnection, new: &NewTemplate) -> Result<TemplateRow, ApiError> {
    diesel::update(rt::table.filter(rt::code.eq(new.code))).set(rt::active.eq(false)).execute(conn)?;
    let id: i64 = diesel::insert_into(rt::table).values(new).returning(rt::id).get_result(conn)?;
    template(conn, id)
}

pub fn template_count(conn: &mut DbConnection) -> Result<i64, ApiError> {
    Ok(rt::table.count().get_result(conn)?)
}

pub fn insert(conn: &mut DbConnection, content: &DraftContent, drafted_by: i64) -> Result<i64, ApiError> {
    let at = now();
    Ok(diesel::insert_into(r::table)
        .values((
            content,
            r::stage.eq("draft"),
            r::drafted_by.eq(drafted_by),
            r::version.eq(1),
            r::created_at.eq(at),
            r::updated_at.eq(at),
        ))
        .returning(r::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: i64) -> Result<RequestRow, ApiError> {
    r::table.find(id).select(RequestRow::as_select()).first(conn).optional()?.ok_or_else(|| ApiError::not_found("请示"))
}

pub fn by_instance(conn: &mut DbConnection, instance: i64) -> Result<Option<RequestRow>, ApiError> {
    Ok(r::table.filter(r::instance_id.eq(instance)).select(RequestRow::as_select()).first(conn).optional()?)
}

/// The requests drafted for a case (an election's 请示), newest first, with their template codes.
pub fn for_case(conn: &mut DbConnection, case: i64) -> Result<Vec<(RequestRow, String)>, ApiError> {
    Ok(r::table
        .inner_join(rt::table)
        .filter(r::for_instance_id.eq(case))
        .order(r::id.desc())
        .select((RequestRow::as_select(), rt::code))
        .load(conn)?)
}

/// Saves a draft's content; 409 when `version` is not the stored one.
pub fn update_content(conn: &mut DbConnection, id: i64, version: i32, content: &DraftContent) -> Result<(), ApiError> {
    let updated = diesel::update(r::table.filter(r::id.eq(id).and(r::version.eq(version))))
        .set((content, r::version.eq(version + 1), r::updated_at.eq(now())))
        .execute(conn)?;
    expect_one_row(updated)
}

pub fn set_instance(conn: &mut DbConnection, id: i64, instance: i64) -> Result<(), ApiError> {
    diesel::update(r::table.find(id)).set(r::instance_id.eq(instance)).execute(conn)?;
    Ok(())
}

pub fn set_stage(conn: &mut DbConnection, id: i64, stage: &str, due_on: Option<NaiveDate>) -> Result<(), ApiError> {
    diesel::update(r::table.find(id))
        .set((r::stage.eq(stage), r::due_on.eq(due_on), r::version.eq(r::version + 1), r::updated_at.eq(now())))
        .execute(conn)?;
    Ok(())
}

pub fn set_archived(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    let updated = diesel::update(r::table.filter(r::id.eq(id).and(r::archived_at.is_null())))
        .set((r::archived_at.eq(now()), r::version.eq(r::version + 1)))
        .execute(conn)?;
    if updated == 1 { Ok(()) } else { Err(ApiError::invalid_state("该请示已归档")) }
}

/// Submitted requests whose 批复 is due on or before `day`.
pub fn awaiting_reply(conn: &mut DbConnection, day: NaiveDate) -> Result<Vec<RequestRow>, ApiError> {
    Ok(r::table
        .filter(r::stage.eq("submitted").and(r::due_on.le(day)))
        .order(r::id)
        .select(RequestRow::as_select())
        .load(conn)?)
}

/// A page filter after the caller's reach and queue are applied.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Requests whose drafting or receiving org lies in these `orgs.path` bounds.
    pub subtree: Option<(String, String)>,
    /// The caller's org, whose drafts it sees too.
    pub own_org: Option<i64>,
    /// Only the caller's own drafts (a member without an official role sees nothing else).
    pub drafted_by: Option<i64>,
    pub org: Option<i64>,
    pub to_org: Option<i64>,
    /// 待我办理: (the caller's org, the caller's user).
    pub to_do: Option<(i64, i64)>,
    pub stage: Option<String>,
    pub text: Option<String>,
}

fn filtered(f: &Filter) -> r::BoxedQuery<'static, MultiBackend> {
    let mut query = r::table.into_boxed();
    if let Some((lo, hi)) = &f.subtree {
        // Drafts stay with the drafting org until first submitted.
        let inside = || orgs::table.filter(orgs::path.ge(lo.clone()).and(orgs::path.lt(hi.clone()))).select(orgs::id);
        let submitted = r::instance_id.is_not_null().and(r::org_id.eq_any(inside()).or(r::to_org_id.eq_any(inside())));
        query = query.filter(submitted.or(r::org_id.eq(f.own_org.unwrap_or(-1))));
    }
    if let Some(user) = f.drafted_by {
        query = query.filter(r::drafted_by.eq(user));
    }
    if let Some(org) = f.org {
        query = query.filter(r::org_id.eq(org));
    }
    if let Some(org) = f.to_org {
        query = query.filter(r::to_org_id.eq(org).and(r::stage.ne("draft")));
    }
    if let Some((org, user)) = f.to_do {
        let returned = r::stage.eq("draft").and(r::instance_id.is_not_null()).and(r::org_id.eq(org));
        let review = r::stage.eq("review").and(r::org_id.eq(org));
        let signing = r::stage.eq("signing").and(r::org_id.eq(org)).and(r::signer_user_id.eq(user));
        let reply = r::stage.eq("submitted").and(r::to_org_id.eq(org));
        query = query.filter(returned.or(review).or(signing).or(reply));
    }
    if let Some(stage) = &f.stage {
        query = query.filter(r::stage.eq(stage.clone()));
    }
    if let Some(text) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        query = query.filter(r::title.like(format!("%{}%", like_escape(text))).escape('\\'));
    }
    query
}

/// One page, newest first, after `before_id`.
pub fn list(
    conn: &mut DbConnection,
    f: &Filter,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<RequestRow>, ApiError> {
    let mut query = filtered(f).order(r::id.desc()).limit(limit).select(RequestRow::as_select());
    if let Some(before) = before_id {
        query = query.filter(r::id.lt(before));
    }
    Ok(query.load(conn)?)
}

/// Officials (党支部 or 党委 roles) at an org: (user, name, role kind), the possible signers.
pub fn officials_at(conn: &mut DbConnection, org: i64) -> Result<Vec<(i64, String, String)>, ApiError> {
    use crate::db::schema::{role_assignments as ra, users};
    Ok(ra::table
        .inner_join(users::table)
        .filter(ra::org_id.eq(org).and(ra::revoked_at.is_null()).and(users::disabled.eq(false)))
        .filter(ra::kind.eq_any(["branch", "committee"]))
        .order(users::id)
        .select((users::id, users::display_name, ra::kind))
        .distinct()
        .load(conn)?)
}

pub fn user_name(conn: &mut DbConnection, user: i64) -> Result<String, ApiError> {
    use crate::db::schema::users;
    Ok(users::table.find(user).select(users::display_name).first(conn)?)
}

/// `user` acting in their active 党委 or 党支部 role at `org` (an SMS approver).
pub fn actor_at(conn: &mut DbConnection, user: i64, org: i64) -> Result<Option<crate::auth::Actor>, ApiError> {
    use crate::auth::actor::ActiveRole;
    use crate::db::schema::{role_assignments as ra, users};
    use shared::{OrgId, PersonId, RoleAssignmentId, RoleKind, UserId};
    let row: Option<(i64, String, String, Option<i64>, String)> = ra::table
        .inner_join(users::table)
        .inner_join(orgs::table)
        .filter(ra::user_id.eq(user).and(ra::org_id.eq(org)).and(ra::revoked_at.is_null()))
        .filter(users::disabled.eq(false))
        .filter(ra::kind.eq_any(["committee", "department", "branch"]))
        .select((ra::id, ra::kind, users::username, users::person_id, orgs::path))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(role, kind, username, person, path)| {
        let kind = RoleKind::from_code(&kind)?;
        Some(crate::auth::Actor {
            session_id: 0,
            user_id: UserId(user),
            username,
            person_id: person.map(PersonId),
            role: ActiveRole { id: RoleAssignmentId(role), kind, org_id: OrgId(org), org_path: path },
            ip: None,
        })
    }))
}

pub fn phone_of(conn: &mut DbConnection, person: i64) -> Result<Option<String>, ApiError> {
    use crate::db::schema::people;
    Ok(people::table.find(person).select(people::phone).first::<Option<String>>(conn).optional()?.flatten())
}
