//! An approved reduction: recorded, and the ledger's unpaid months in its range follow it.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, dues_reductions as r};
use crate::error::ApiError;

pub fn approve(
    conn: &mut DbConnection,
    person: i64,
    instance: i64,
    monthly: i64,
    first: NaiveDate,
    last: Option<NaiveDate>,
    reason: &str,
) -> Result<(), ApiError> {
    diesel::insert_into(r::table)
        .values((
            r::person_id.eq(person),
            r::instance_id.eq(instance),
            r::monthly_fen.eq(monthly),
            r::first_month.eq(first),
            r::last_month.eq(last),
            r::reason.eq(reason),
            r::created_at.eq(crate::clock::wall_now()),
        ))
        .execute(conn)?;
    let mut months = d::table
        .filter(d::person_id.eq(person))
        .filter(d::month.ge(first))
        .filter(d::paid_fen.eq(0))
        .select(d::id)
        .into_boxed();
    if let Some(last) = last {
        months = months.filter(d::month.le(last));
    }
    let ids: Vec<i64> = months.load(conn)?;
    diesel::update(d::table.filter(d::id.eq_any(ids)))
        .set((d::payable_fen.eq(monthly), d::reduced.eq(true)))
        .execute(conn)?;
    Ok(())
}
