//! The only diesel code of the HR sync feature.

pub mod apply;
pub mod bench;
pub mod connectors;
pub mod jobs;
pub mod rows;

pub use apply::*;
pub use connectors::*;
pub use jobs::*;
pub use rows::*;

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::{OrgKind, OrgStatus};

use crate::db::schema::{orgs, people};
use crate::db::{DbConnection, subtree_bounds};
use crate::error::ApiError;
use crate::hr_sync::diff::{Existing, ScopeOrgs};

pub fn existing_people(conn: &mut DbConnection, scope_path: &str) -> Result<Vec<Existing>, ApiError> {
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
        Option<NaiveDate>,
    );
    let (lo, hi) = subtree_bounds(scope_path);
    let rows: Vec<Row> = people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .select((
            people::id,
            people::org_id,
            orgs::path,
            people::name,
            people::id_card_number,
            people::employee_number,
            people::phone,
            people::education,
            people::occupation,
            people::ethnicity,
            people::work_unit,
            people::department,
            people::hr_left_on,
            people::left_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                org_id,
                path,
                name,
                id_card_number,
                employee_number,
                phone,
                education,
                occupation,
                ethnicity,
                work_unit,
                department,
                hr_left_on,
                left_on,
            )| Existing {
                id,
                org_id,
                in_scope: lo <= path && path < hi,
                name,
                id_card_number,
                employee_number,
                phone,
                education,
                occupation,
                ethnicity,
                work_unit,
                department,
                hr_left_on,
                left_on,
            },
        )
        .collect())
}

pub fn scope_orgs(conn: &mut DbConnection, scope_path: &str) -> Result<ScopeOrgs, ApiError> {
    let (lo, hi) = subtree_bounds(scope_path);
    let rows: Vec<(i64, String, String)> = orgs::table
        .filter(orgs::path.ge(lo).and(orgs::path.lt(hi)))
        .filter(orgs::status.eq(OrgStatus::Active.code()))
        .filter(orgs::kind.ne(OrgKind::PartyGroup.code()))
        .select((orgs::id, orgs::name, orgs::kind))
        .load(conn)?;
    let mut by_name: HashMap<String, Vec<i64>> = HashMap::new();
    let mut names = HashMap::new();
    for (id, name, _) in rows {
        by_name.entry(name.clone()).or_default().push(id);
        names.insert(id, name);
    }
    Ok(ScopeOrgs { by_name, names })
}
