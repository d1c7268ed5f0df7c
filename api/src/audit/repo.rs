use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use shared::api::audit::AuditEntry;
use shared::{AuditId, RoleKind, UserId};

use crate::auth::Actor;
use crate::clock::wall_now as now;
use crate::db::DbConnection;
use crate::db::schema::{audit_log, users};
use crate::error::ApiError;

/// Writes one audit row. Call inside the transaction that makes the change.
pub fn record<B: Serialize, A: Serialize>(
    conn: &mut DbConnection,
    actor: Option<&Actor>,
    action: &str,
    entity: &str,
    entity_id: i64,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), ApiError> {
    let to_json = |v: Option<String>| v;
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(now()),
            audit_log::user_id.eq(actor.map(|a| a.user_id.0)),
            audit_log::role_assignment_id.eq(actor.map(|a| a.role.id.0)),
            audit_log::role_kind.eq(actor.map(|a| a.role.kind.code())),
            audit_log::action.eq(action),
            audit_log::entity.eq(entity),
            audit_log::entity_id.eq(entity_id),
            audit_log::before_json.eq(to_json(before.map(|b| serde_json::to_string(b).unwrap_or_default()))),
            audit_log::after_json.eq(to_json(after.map(|a| serde_json::to_string(a).unwrap_or_default()))),
            audit_log::ip.eq(actor.and_then(|a| a.ip.as_deref())),
        ))
        .execute(conn)?;
    Ok(())
}

type Row = (
    i64,
    NaiveDateTime,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
);

pub fn list(
    conn: &mut DbConnection,
    entity: Option<&str>,
    entity_id: Option<i64>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, ApiError> {
    let mut query = audit_log::table
        .left_join(users::table)
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::user_id,
            users::username.nullable(),
            audit_log::role_kind,
            audit_log::action,
            audit_log::entity,
            audit_log::entity_id,
            audit_log::before_json,
            audit_log::after_json,
        ))
        .order(audit_log::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(entity) = entity {
        query = query.filter(audit_log::entity.eq(entity.to_string()));
    }
    if let Some(id) = entity_id {
        query = query.filter(audit_log::entity_id.eq(id));
    }
    if let Some(before) = before_id {
        query = query.filter(audit_log::id.lt(before));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(rows
        .into_iter()
        .map(|(id, at, user_id, username, role_kind, action, entity, entity_id, before, after)| AuditEntry {
            id: AuditId(id),
            at: at.and_utc(),
            user_id: user_id.map(UserId),
            username,
            role_kind: role_kind.as_deref().and_then(RoleKind::from_code),
            action,
            entity,
            entity_id,
            before: parse(before),
            after: parse(after),
        })
        .collect())
}
