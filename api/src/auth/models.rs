use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{role_assignments, sessions, users};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub phone: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub person_id: Option<i64>,
    pub disabled: bool,
    pub last_login_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub phone: Option<&'a str>,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub person_id: Option<i64>,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = role_assignments)]
pub struct RoleRow {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub org_id: i64,
    pub title: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = role_assignments)]
pub struct NewRole<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub org_id: i64,
    pub title: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: i64,
    pub user_id: i64,
    pub active_role_id: i64,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub absolute_expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub active_role_id: i64,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub absolute_expires_at: NaiveDateTime,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}
