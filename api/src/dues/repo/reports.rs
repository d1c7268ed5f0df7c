//! Collection sums, grouped in the database.

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, dues_payments as p, orgs};
use crate::error::ApiError;

/// (org, entries, payable, paid, unpaid entries, unpaid amount)
pub type OrgSums = (i64, i64, i64, i64, i64, i64);

/// (entries, payable, paid, unpaid entries, unpaid amount)
type Grouped = (i64, i64, i64, i64, i64);

const SUMS: &str = "CAST(COUNT(*) AS BIGINT), \
    CAST(COALESCE(SUM(dues_months.payable_fen), 0) AS BIGINT), \
    CAST(COALESCE(SUM(dues_months.paid_fen), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN dues_months.paid_fen < dues_months.payable_fen THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(dues_months.payable_fen - dues_months.paid_fen), 0) AS BIGINT)";

/// The ledger's sums per org for the months `from..until`, within a subtree: the orgs are
/// listed first, so each org's months are read from the `(org_id, month, payable, paid)` index
/// alone, in org order (no sort, no statistics needed).
pub fn by_org(
    conn: &mut DbConnection,
    bounds: (&str, &str),
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<OrgSums>, ApiError> {
    type Sums = (BigInt, BigInt, BigInt, BigInt, BigInt);
    let in_subtree = orgs::table.filter(orgs::path.ge(bounds.0).and(orgs::path.lt(bounds.1))).select(orgs::id);
    let rows: Vec<(i64, Grouped)> = d::table
        .filter(d::org_id.eq_any(in_subtree))
        .filter(d::month.ge(from).and(d::month.lt(until)))
        .group_by(d::org_id)
        .select((d::org_id, diesel::dsl::sql::<Sums>(SUMS)))
        .load(conn)?;
    Ok(rows.into_iter().map(|(org, (a, b, c, e, f))| (org, a, b, c, e, f)).collect())
}

/// Voluntary payments in a subtree paid in `from..until`: (all voluntary, the part to remit).
pub fn voluntary(
    conn: &mut DbConnection,
    bounds: (&str, &str),
    from: NaiveDate,
    until: NaiveDate,
) -> Result<(i64, i64), ApiError> {
    Ok(p::table
        .inner_join(orgs::table.on(orgs::id.eq(p::org_id)))
        .filter(p::paid_on.ge(from).and(p::paid_on.lt(until)))
        .filter(orgs::path.ge(bounds.0).and(orgs::path.lt(bounds.1)))
        .select((
            diesel::dsl::sql::<BigInt>("CAST(COALESCE(SUM(dues_payments.voluntary_fen), 0) AS BIGINT)"),
            diesel::dsl::sql::<BigInt>(
                "CAST(COALESCE(SUM(CASE WHEN dues_payments.remit_central THEN dues_payments.voluntary_fen ELSE 0 END), 0) AS BIGINT)",
            ),
        ))
        .first(conn)?)
}

/// (person, name, month, payable, paid)
pub type StatementRow = (i64, String, NaiveDate, i64, i64);

/// A branch's ledger for the months `from..until`, per member and month, for the statement:
/// (person, name, month, payable, paid, paid on).
pub fn statement_rows(
    conn: &mut DbConnection,
    org: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<StatementRow>, ApiError> {
    use crate::db::schema::people;
    Ok(d::table
        .inner_join(people::table)
        .filter(d::org_id.eq(org))
        .filter(d::month.ge(from).and(d::month.lt(until)))
        .order((people::name, d::person_id, d::month))
        .select((d::person_id, people::name, d::month, d::payable_fen, d::paid_fen))
        .load(conn)?)
}
