//! One page of a month's ledger in a subtree, filtered in SQL (paid, unpaid, in arrears, name).

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{dues_months as d, orgs, people};
use crate::error::ApiError;

/// (row id, person, name, org, org name, payable, paid, paid on, reduced, reason)
pub type Row = (i64, i64, String, i64, String, i64, i64, Option<NaiveDate>, bool, Option<String>);

pub struct Filter<'a> {
    pub bounds: (&'a str, &'a str),
    pub month: NaiveDate,
    /// This month: arrears count the open months before it.
    pub current: NaiveDate,
    /// `paid`, `unpaid`, `arrears`
    pub status: Option<&'a str>,
    pub name: Option<&'a str>,
    /// Open months that make a member "in arrears".
    pub warn: i64,
    pub after: Option<i64>,
    pub limit: i64,
}

pub fn rows(conn: &mut DbConnection, f: &Filter) -> Result<Vec<Row>, ApiError> {
    let mut rows = d::table
        .inner_join(people::table)
        .inner_join(orgs::table)
        .filter(d::month.eq(f.month))
        .filter(orgs::path.ge(f.bounds.0).and(orgs::path.lt(f.bounds.1)))
        .order(d::id)
        .limit(f.limit)
        .select((
            d::id,
            d::person_id,
            people::name,
            d::org_id,
            orgs::name,
            d::payable_fen,
            d::paid_fen,
            d::paid_on,
            d::reduced,
            d::arrears_reason,
        ))
        .into_boxed();
    if let Some(after) = f.after {
        rows = rows.filter(d::id.gt(after));
    }
    if let Some(q) = f.name.map(str::trim).filter(|q| !q.is_empty()) {
        rows = rows.filter(people::name.like(format!("%{}%", q.replace(['%', '_'], ""))));
    }
    match f.status {
        Some("paid") => rows = rows.filter(d::paid_fen.ge(d::payable_fen)),
        Some("unpaid") => rows = rows.filter(d::paid_fen.lt(d::payable_fen)),
        Some("arrears") => {
            let behind = diesel::alias!(crate::db::schema::dues_months as behind);
            let in_arrears = behind
                .filter(behind.field(d::month).lt(f.current))
                .filter(behind.field(d::paid_fen).lt(behind.field(d::payable_fen)))
                .filter(behind.field(d::arrears_reason).is_null())
                .group_by(behind.field(d::person_id))
                .having(diesel::dsl::count_star().ge(f.warn))
                .select(behind.field(d::person_id));
            rows = rows.filter(d::person_id.eq_any(in_arrears));
        }
        _ => {}
    }
    Ok(rows.load(conn)?)
}
