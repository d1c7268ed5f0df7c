//! Reads of the HR benchmark command: the whole current roster and the admin's role.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{orgs, people, role_assignments, users};
use crate::error::ApiError;

/// (person, name, 身份证, 工号, phone, org name)
pub type RosterRow = (i64, String, String, Option<String>, Option<String>, String);

/// Every current person, the admin's user and role ids, and the root (id, path).
pub type Roster = (Vec<RosterRow>, i64, i64, (i64, String));

/// Every current person with their org, the admin's user and role ids, and the root (id, path).
pub fn roster(conn: &mut DbConnection) -> Result<Roster, ApiError> {
    let rows = people::table
        .inner_join(orgs::table.on(orgs::id.eq(people::org_id)))
        .filter(people::left_on.is_null())
        .order(people::id)
        .select((people::id, people::name, people::id_card_number, people::employee_number, people::phone, orgs::name))
        .load(conn)?;
    let (user, role): (i64, i64) = users::table
        .inner_join(role_assignments::table)
        .filter(users::username.eq("admin"))
        .select((users::id, role_assignments::id))
        .first(conn)?;
    let root = orgs::table.filter(orgs::parent_id.is_null()).select((orgs::id, orgs::path)).first(conn)?;
    Ok((rows, user, role, root))
}
