//! The demo loader's writes: orgs and people in bulk (batch inserts need the concrete backend),
//! and the generated meetings (`meetings`).

pub mod committees;
pub mod dues;
pub mod dues_reductions;
pub mod history;
pub mod meetings;
pub mod province;
pub mod transfers;

use diesel::prelude::*;
use shared::OrgStatus;

use super::generate;
use crate::db::schema::{orgs, people};
use crate::db::{Db, DbConnection};
use crate::error::ApiError;
use crate::members::models::PersonFields;
use crate::orgs::models::NewOrg;

pub fn database_is_empty(db: &Db) -> Result<bool, ApiError> {
    let n: i64 = db.read_blocking(|conn| Ok(orgs::table.count().get_result(conn)?))?;
    Ok(n == 0)
}

pub fn insert_orgs(conn: &mut DbConnection, demo: &[generate::DemoOrg]) -> Result<Vec<i64>, ApiError> {
    let now = crate::clock::wall_now();
    let mut ids: Vec<i64> = Vec::with_capacity(demo.len());
    let mut paths: Vec<String> = Vec::with_capacity(demo.len());
    for (index, org) in demo.iter().enumerate() {
        let parent = org.parent.map(|p| (ids[p], paths[p].clone()));
        let depth = paths.get(org.parent.unwrap_or(usize::MAX)).map_or(0, |p| p.matches('/').count() as i32 - 1);
        let id: i64 = diesel::insert_into(orgs::table)
            .values(NewOrg {
                parent_id: parent.as_ref().map(|(id, _)| *id),
                path: &format!("/pending-{index}/"),
                depth,
                name: &org.name,
                kind: org.kind.code(),
                sector: org.sector.code(),
                founded_on: Some(org.founded_on),
                term_years: org.term_years,
                term_started_on: org.term_started_on,
                status: OrgStatus::Active.code(),
                version: 1,
                created_at: now,
                updated_at: now,
            })
            .returning(orgs::id)
            .get_result(conn)?;
        let path = format!("{}{id}/", parent.as_ref().map_or("/", |(_, p)| p.as_str()));
        diesel::update(orgs::table.find(id)).set(orgs::path.eq(&path)).execute(conn)?;
        ids.push(id);
        paths.push(path);
    }
    Ok(ids)
}

/// Bulk insert in chunks; MultiConnection cannot batch-insert, so this is one of the named
/// places that match on the concrete backend.
pub fn insert_people(
    conn: &mut DbConnection,
    demo: &generate::DemoInstitution,
    org_ids: &[i64],
) -> Result<Vec<i64>, ApiError> {
    let now = crate::clock::wall_now();
    type Row = (PersonFields, i64, i32, chrono::NaiveDateTime, chrono::NaiveDateTime);
    let rows: Vec<Row> = demo
        .people
        .iter()
        .map(|p| {
            let fields = PersonFields {
                name: p.name.clone(),
                gender: p.gender.code().into(),
                ethnicity: p.ethnicity.clone(),
                birth_date: p.birth_date,
                id_card_number: p.id_card_number.clone(),
                phone: p.phone.clone(),
                education: Some(p.education.code().into()),
                occupation: Some(p.occupation.code().into()),
                work_unit: Some(p.work_unit.clone()),
                department: p.department.clone(),
                employee_number: p.employee_number.clone(),
                membership_status: p.membership_status.code().into(),
                join_date: p.join_date,
                full_member_date: p.full_member_date,
                party_group_id: p.party_group.map(|g| org_ids[g]),
            };
            (fields, org_ids[p.org], 1, now, now)
        })
        .collect();
    for chunk in rows.chunks(500) {
        let values = || -> Vec<_> {
            chunk
                .iter()
                .map(|(f, org, v, c, u)| {
                    (
                        f,
                        people::org_id.eq(*org),
                        people::version.eq(*v),
                        people::created_at.eq(*c),
                        people::updated_at.eq(*u),
                    )
                })
                .collect()
        };
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(people::table).values(values()).execute(c)?,
            DbConnection::Postgresql(c) => diesel::insert_into(people::table).values(values()).execute(c)?,
        };
    }
    // Ids were assigned in insertion order.
    let ids: Vec<i64> = people::table.order(people::id).select(people::id).load(conn)?;
    Ok(ids)
}
