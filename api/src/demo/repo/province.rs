//! Bulk writes of the province-scale data: explicit ids (so paths need no second pass), rows in
//! batches below PostgreSQL's 65,535 bind parameters, and the sequences moved past the ids.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{orgs, people};
use crate::error::ApiError;

pub struct OrgRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub name: String,
    pub kind: &'static str,
    pub term_started_on: Option<NaiveDate>,
}

impl OrgRow {
    pub fn new(
        id: i64,
        parent_id: Option<i64>,
        path: String,
        name: String,
        kind: &'static str,
        term: Option<NaiveDate>,
    ) -> OrgRow {
        OrgRow { id, parent_id, path, name, kind, term_started_on: term }
    }
}

pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub gender: &'static str,
    pub ethnicity: &'static str,
    pub birth_date: NaiveDate,
    pub id_card_number: String,
    pub education: &'static str,
    pub occupation: &'static str,
    pub employee_number: String,
    pub membership_status: &'static str,
    pub join_date: Option<NaiveDate>,
    pub full_member_date: Option<NaiveDate>,
    pub org_id: i64,
}

pub fn insert_orgs(conn: &mut DbConnection, rows: &[OrgRow]) -> Result<(), ApiError> {
    let now = crate::clock::wall_now();
    let values: Vec<_> = rows
        .iter()
        .map(|o| {
            (
                orgs::id.eq(o.id),
                orgs::parent_id.eq(o.parent_id),
                orgs::path.eq(&o.path),
                orgs::depth.eq(o.path.matches('/').count() as i32 - 2),
                orgs::name.eq(&o.name),
                orgs::kind.eq(o.kind),
                orgs::sector.eq("government"),
                orgs::term_years.eq(o.term_started_on.map(|_| 3)),
                orgs::term_started_on.eq(o.term_started_on),
                orgs::status.eq("active"),
                orgs::version.eq(1),
                orgs::created_at.eq(now),
                orgs::updated_at.eq(now),
            )
        })
        .collect();
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(orgs::table).values(values).execute(c)?,
        DbConnection::Postgresql(c) => diesel::insert_into(orgs::table).values(values).execute(c)?,
    };
    Ok(())
}

pub fn insert_people(conn: &mut DbConnection, rows: &[PersonRow]) -> Result<(), ApiError> {
    let now = crate::clock::wall_now();
    for chunk in rows.chunks(2_000) {
        let values: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    people::id.eq(p.id),
                    people::name.eq(&p.name),
                    people::gender.eq(p.gender),
                    people::ethnicity.eq(p.ethnicity),
                    people::birth_date.eq(p.birth_date),
                    people::id_card_number.eq(&p.id_card_number),
                    people::education.eq(Some(p.education)),
                    people::occupation.eq(Some(p.occupation)),
                    people::employee_number.eq(Some(&p.employee_number)),
                    people::membership_status.eq(p.membership_status),
                    people::join_date.eq(p.join_date),
                    people::full_member_date.eq(p.full_member_date),
                    people::org_id.eq(p.org_id),
                    people::version.eq(1),
                    people::created_at.eq(now),
                    people::updated_at.eq(now),
                )
            })
            .collect();
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(people::table).values(values).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(people::table).values(values).execute(c)?,
        };
    }
    Ok(())
}

/// Moves PostgreSQL's id sequences past the explicit ids (SQLite continues from the largest).
pub fn after_load(conn: &mut DbConnection) -> Result<(), ApiError> {
    if let DbConnection::Postgresql(c) = conn {
        for table in ["orgs", "people"] {
            diesel::sql_query(format!("SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")).execute(c)?;
        }
    }
    Ok(())
}

/// The one login: `admin`, 政工部门 at the root.
pub fn admin(conn: &mut DbConnection, password_hash: &str) -> Result<(), ApiError> {
    use crate::auth::models::{NewRole, NewUser};
    let now = crate::clock::wall_now();
    let user = crate::auth::repo::insert_user(
        conn,
        &NewUser {
            username: "admin",
            phone: None,
            display_name: "政工部门管理员",
            password_hash,
            person_id: None,
            disabled: false,
            created_at: now,
            updated_at: now,
        },
    )?;
    crate::auth::repo::insert_role(
        conn,
        &NewRole { user_id: user, kind: "department", org_id: 1, title: None, created_at: now },
    )?;
    Ok(())
}
