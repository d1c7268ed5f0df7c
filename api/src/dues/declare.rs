//! Declaring a member's base from a month on — by the branch or from the yearly declaration:
//! the standard reckoned by the rules in force, the unpaid months from then on (until the next
//! declared base) repriced, and an audit row with before and after.

use chrono::{NaiveDate, NaiveDateTime};
use shared::api::dues::BaseView;
use shared::rules::dues::{DuesCategory, DuesRules, Fen, standard};

use super::repo::{bases, months};
use super::views;
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiError;

pub struct Declaration<'a> {
    pub person: i64,
    pub category: DuesCategory,
    pub base: Fen,
    pub month: NaiveDate,
    /// `branch`, `import`
    pub source: &'a str,
    pub note: Option<&'a str>,
    /// The audit action, e.g. `dues.base_set`.
    pub action: &'a str,
    pub now: NaiveDateTime,
}

pub fn declare(
    conn: &mut DbConnection,
    actor: &Actor,
    rules: &DuesRules,
    d: &Declaration,
) -> Result<BaseView, ApiError> {
    let amount = standard(rules, d.category, d.base);
    let (id, before) = bases::put(
        conn,
        &bases::NewBase {
            person_id: d.person,
            category: d.category.code(),
            base_fen: d.base.0,
            monthly_fen: amount.amount_fen,
            rules_version: &rules.version,
            effective_month: d.month,
            source: d.source,
            note: d.note,
            recorded_by: Some(actor.user_id.0),
            now: d.now,
        },
    )?;
    let next = bases::of_person(conn, d.person)?.into_iter().filter(|b| b.5 > d.month).map(|b| b.5).min();
    months::reprice(conn, d.person, d.month, next, amount.amount_fen)?;
    let after = views::base(bases::get(conn, id)?);
    crate::audit::repo::record(
        conn,
        Some(actor),
        d.action,
        "dues_base",
        id,
        before.map(views::base).as_ref(),
        Some(&after),
    )?;
    Ok(after)
}
