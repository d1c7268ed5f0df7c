//! The only diesel code of the statistics feature: the history writer, the aggregates over
//! the current records (dashboard), over the history as of a date (reports), and the kept sets.

pub mod as_of;
pub mod bench;
pub mod checks;
pub mod current;
pub mod exports;
pub mod flows;
pub mod history;

use diesel::dsl::sql;
use diesel::sql_types::Text;

/// A bucket expression for `group_by` and `select`.
pub(crate) fn bucket(expr: &str) -> diesel::expression::SqlLiteral<Text> {
    sql::<Text>(expr)
}

/// The ids of the orgs under a path, as a subquery.
macro_rules! subtree_ids {
    ($path:expr) => {{
        use $crate::db::schema::orgs;
        let (lo, hi) = $crate::db::subtree_bounds($path);
        orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id)
    }};
    ($path:expr, nullable) => {{
        use $crate::db::schema::orgs;
        let (lo, hi) = $crate::db::subtree_bounds($path);
        orgs::table.filter(orgs::path.ge(lo).and(orgs::path.lt(hi))).select(orgs::id.nullable())
    }};
}

/// The ids of the orgs under a path as the tree stood on a date, as a subquery.
macro_rules! orgs_on {
    ($path:expr, $on:expr) => {{
        use $crate::db::schema::org_periods as op;
        let (lo, hi) = $crate::db::subtree_bounds($path);
        let on = $on;
        op::table
            .filter(op::path.ge(lo).and(op::path.lt(hi)))
            .filter(op::valid_from.le(on).and(op::valid_to.is_null().or(op::valid_to.gt(on))))
            .select(op::org_id)
    }};
    ($path:expr, $on:expr, nullable) => {{
        use $crate::db::schema::org_periods as op;
        let (lo, hi) = $crate::db::subtree_bounds($path);
        let on = $on;
        op::table
            .filter(op::path.ge(lo).and(op::path.lt(hi)))
            .filter(op::valid_from.le(on).and(op::valid_to.is_null().or(op::valid_to.gt(on))))
            .select(op::org_id.nullable())
    }};
}

pub(crate) use {orgs_on, subtree_ids};

pub const MEMBER_STATUSES: [&str; 2] = ["formal", "probationary"];
