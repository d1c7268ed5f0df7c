//! The benchmark's floor: a hand-written SQL `GROUP BY` run directly, and the branch to time.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::error::ApiError;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Runs `sql` to the end (all its groups) and returns how many rows it gave.
pub fn rows_of(conn: &mut DbConnection, sql: &str) -> Result<i64, ApiError> {
    let wrapped = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM ({sql}) floor");
    Ok(diesel::sql_query(wrapped).get_result::<Count>(conn)?.n)
}

/// The branch with the most current members.
pub fn busiest_branch(conn: &mut DbConnection) -> Result<i64, ApiError> {
    use crate::db::schema::{orgs, people};
    let rows: Vec<(i64, i64)> = people::table
        .inner_join(orgs::table)
        .filter(orgs::kind.eq("branch").and(people::left_on.is_null()))
        .group_by(people::org_id)
        .select((people::org_id, diesel::dsl::count_star()))
        .load(conn)?;
    rows.into_iter().max_by_key(|(_, n)| *n).map(|(id, _)| id).ok_or_else(|| ApiError::not_found("支部"))
}
